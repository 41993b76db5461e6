/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ESP_L4_PROTOCOL_H
#define ESP_L4_PROTOCOL_H

#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/traced-callback.h"

#include <array>
#include <deque>
#include <unordered_map>

#include "esp-packet.h"
#include "ipsec-sad.h"
#include "ipsec-spd.h"

namespace ns3
{

class Node;
class Socket;
class UdpL4Protocol;

/**
 * \ingroup l2tp
 * \brief The IPsec hooks in a node's IPv4 stack (transport mode, IP protocol 50).
 *
 * Output: Install() wraps the down target of the node's UdpL4Protocol. Every locally
 * originated UDP datagram is looked up in the SPD: BYPASS goes on unchanged, DISCARD is
 * dropped (counted, traced as ``policy-discard``), PROTECT is turned into an ESP packet by the
 * policy's SA and handed to Ipv4L3Protocol::Send with protocol 50. Traffic matching no entry
 * is sent unchanged (the node's SPD is an opt-in list of protected flows; add a final DISCARD
 * entry for RFC 4301's default-deny).
 *
 * Input: this object is inserted into Ipv4L3Protocol as protocol 50. An ESP packet is
 * processed by the SAD (IpsecSad::Receive); a transport-mode UDP payload then goes up through
 * the node's UdpL4Protocol with an IPv4 header whose protocol is 17, as if it had arrived in
 * the clear.
 *
 * The L2TP code knows nothing of this: its UDP socket sends and receives as usual.
 */
class EspL4Protocol : public IpL4Protocol
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EspL4Protocol();
    ~EspL4Protocol() override;

    /**
     * \brief Hook into \p node's IPv4 stack (Ipv4L3Protocol and UdpL4Protocol must exist).
     * \param node the node
     */
    void Install(Ptr<Node> node);

    /**
     * \brief Receive UDP-encapsulated ESP (RFC 3948): open a UDP socket on port 4500 and
     * demultiplex what arrives with the non-ESP marker rules (EspPacket::ClassifyUdpEncap):
     * ESP goes to the SAD and its inner UDP datagram up through UdpL4Protocol; IKE messages
     * (after the 4-byte zero marker) go to the IKE callback; NAT-keepalives are counted;
     * anything else is dropped as truncated. Outbound SAs with SetUdpEncapsulation() are
     * sent in UDP with checksum 0 (RFC 3948 section 3.1).
     */
    void EnableUdpEncapsulation();

    /**
     * \brief Where IKE messages received on port 4500 go (without the non-ESP marker).
     * \param cb called with the IKE message bytes, the sender address and port
     */
    void SetIkeCallback(Callback<void, const std::vector<uint8_t>&, Ipv4Address, uint16_t> cb);
    /**
     * \brief Called for each UDP-encapsulated ESP packet whose ICV verified, with the inbound
     * SPI and the outer source address and port (RFC 3947 section 4: a host not behind the NAT
     * follows the NAT's mapping from authenticated packets).
     * \param cb the key manager's callback (SPI, source address, source port)
     */
    void SetEncapSourceCallback(Callback<void, uint32_t, Ipv4Address, uint16_t> cb);

    /**
     * \brief Send an IKE message or a NAT-keepalive from UDP port 4500 (the socket opened by
     * EnableUdpEncapsulation(); the caller adds the non-ESP marker to IKE messages).
     * \param bytes the UDP payload
     * \param dst destination address \param dport destination port
     */
    void SendUdpEncap(const std::vector<uint8_t>& bytes, Ipv4Address dst, uint16_t dport);

    /// Finds the outbound SA of an IKE-managed PROTECT policy (one whose SA is null) for a
    /// destination address; returns null if there is none yet.
    using SaResolver = Callback<Ptr<IpsecSa>, Ipv4Address>;
    /// Called once per destination when a packet needs an SA that does not exist yet
    /// (RFC 4301 / PF_KEY ACQUIRE): local address, destination address.
    using AcquireCallback = Callback<void, Ipv4Address, Ipv4Address>;
    /// Finds the outbound SA paired with an inbound SA (by its SPI), for datagrams that carry
    /// an IpsecSaTag; returns null if unknown.
    using PairResolver = Callback<Ptr<IpsecSa>, uint32_t>;
    /**
     * \brief Attach the key manager (IkeDaemon).
     * \param resolver outbound SA lookup for IKE-managed policies
     * \param acquire called for the first packet to a destination without an SA
     * \param pair outbound SA lookup by the inbound SPI of an IpsecSaTag (may be null)
     */
    void SetKeyManager(SaResolver resolver, AcquireCallback acquire,
                       PairResolver pair = PairResolver());
    /**
     * \brief Send again the packets queued for \p dst while its SA was being negotiated.
     * \param dst the destination
     */
    void ReleaseAcquired(Ipv4Address dst);
    /**
     * \brief Drop the packets queued for \p dst (IKE failed), counted as ACQUIRE_FAILED.
     * \param dst the destination \param why detail for the Drop trace
     */
    void FailAcquired(Ipv4Address dst, const std::string& why);
    /// \return packets waiting for an SA (all destinations)
    uint32_t GetAcquireQueueSize() const;

    /// \return NAT-keepalives received on port 4500
    uint64_t GetKeepalivesReceived() const;
    /// \return IKE messages received on port 4500
    uint64_t GetIkeReceived() const;

    /// \return the node's SAD
    Ptr<IpsecSad> GetSad() const;
    /// \return the node's SPD (outbound policies)
    Ptr<IpsecSpd> GetSpd() const;

    int GetProtocolNumber() const override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p, const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p, const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

    /**
     * \brief Drops counted here (policy, and inbound packets whose SA refused them).
     * \param reason the reason
     * \return the count
     */
    uint64_t GetDropCount(IpsecDropReason reason) const;
    /// \return packets protected on output
    uint64_t GetProtectedCount() const;
    /// \return packets accepted on input
    uint64_t GetUnprotectedCount() const;

protected:
    void DoDispose() override;

private:
    /// The wrapper around UDP's down target.
    void UdpDown(Ptr<Packet> p, Ipv4Address src, Ipv4Address dst, uint8_t protocol,
                 Ptr<Ipv4Route> route);
    /// Send after the modeled processing delay.
    void SendDelayed(Ptr<Packet> p, Ipv4Address src, Ipv4Address dst, uint8_t protocol,
                     Ptr<Ipv4Route> route);
    void Drop(IpsecDropReason reason, const std::string& detail);
    /// Socket callback for UDP 4500.
    void HandleUdpEncap(Ptr<Socket> socket);
    /// Verify, decrypt and deliver one ESP packet (\p encapSourcePort: its UDP 4500 source
    /// port, 0 for IP protocol 50).
    void ProcessEsp(const std::vector<uint8_t>& bytes, Ipv4Header header, Ptr<Ipv4Interface> iif,
                    uint16_t encapSourcePort = 0);
    /**
     * \brief RFC 3948 section 3.1.2 for a UDP-encapsulated transport-mode SA: recompute the
     *        inner UDP checksum over the received outer addresses (a NAT changed them).
     * \param udp the decrypted UDP datagram, fixed in place
     * \param header the outer IPv4 header as received
     */
    static void FixInnerUdpChecksum(std::vector<uint8_t>& udp, const Ipv4Header& header);

    /// A packet waiting for its SA.
    struct Pending
    {
        Ptr<Packet> packet;   //!< the UDP datagram
        Ipv4Address src;      //!< source address
        uint8_t protocol;     //!< IP protocol (17)
        Ptr<Ipv4Route> route; //!< route chosen by UDP
    };

    Ptr<Node> m_node;
    Ptr<Socket> m_encapSocket;
    SaResolver m_resolver;
    PairResolver m_pairResolver;
    AcquireCallback m_acquire;
    uint32_t m_acquireLimit{16}; //!< AcquireQueueLimit attribute (per destination)
    std::unordered_map<uint32_t, std::deque<Pending>> m_pending; //!< destination -> packets
    Callback<void, const std::vector<uint8_t>&, Ipv4Address, uint16_t> m_ikeCallback;
    Callback<void, uint32_t, Ipv4Address, uint16_t> m_encapSource; //!< authenticated ESP-in-UDP
    uint64_t m_keepalives{0};
    uint64_t m_ike{0};
    Ptr<UdpL4Protocol> m_udp;
    Ptr<IpsecSad> m_sad;
    Ptr<IpsecSpd> m_spd;
    IpL4Protocol::DownTargetCallback m_ipDown;  //!< Ipv4L3Protocol::Send (ours)
    IpL4Protocol::DownTargetCallback m_udpDown; //!< UDP's original down target
    IpL4Protocol::DownTargetCallback6 m_ipDown6;
    uint64_t m_protected{0};
    uint64_t m_unprotected{0};
    std::array<uint64_t, static_cast<std::size_t>(IpsecDropReason::COUNT)> m_drops{};
    TracedCallback<uint32_t, uint32_t, const std::string&, const std::string&> m_dropTrace;
};

} // namespace ns3

#endif /* ESP_L4_PROTOCOL_H */
