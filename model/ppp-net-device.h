/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_NET_DEVICE_H
#define PPP_NET_DEVICE_H

#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/traced-callback.h"

#include <unordered_map>

namespace ns3
{

class PppEndpoint;

/**
 * \ingroup l2tp
 * \brief The virtual interface IPv4 runs over on a PPP link (no channel, no ARP).
 *
 * Two uses. On a client (the user's node, voluntary tunnel) the device has ONE PppEndpoint
 * (SetEndpoint): Send() hands every IPv4 datagram to it. On an LNS ONE device serves all
 * sessions (DESIGN.md: a node pays for every interface on every packet, so sessions must not
 * get an interface each): AddPeer() maps a client's IPCP-assigned address to its endpoint in
 * a hash table and Send() picks the endpoint by the datagram's destination address, O(1)
 * per packet. Datagrams the endpoints deliver go up the stack as protocol 0x0800.
 *
 * Only IPv4 (0x0800) is carried; other protocols and unknown destinations are dropped,
 * counted and traced with a reason.
 */
class PppNetDevice : public NetDevice
{
public:
    /// TracedCallback signature of Drop: (datagram, reason)
    typedef void (*DropTracedCallback)(Ptr<const Packet>, const std::string&);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppNetDevice();
    ~PppNetDevice() override;

    /// Client use: every datagram goes to \p ep \param ep the endpoint
    void SetEndpoint(Ptr<PppEndpoint> ep);
    /// \return the client endpoint (nullptr on an LNS device)
    Ptr<PppEndpoint> GetEndpoint() const;
    /**
     * \brief LNS use: datagrams to \p peer go to \p ep.
     * \param peer the address IPCP gave the client
     * \param ep its endpoint
     */
    void AddPeer(Ipv4Address peer, Ptr<PppEndpoint> ep);
    /// \param peer forget this client
    void RemovePeer(Ipv4Address peer);
    /// \return the number of clients in the table
    uint32_t GetPeerCount() const;
    /// \param peer an address \return its endpoint, or nullptr
    Ptr<PppEndpoint> FindPeer(Ipv4Address peer) const;

    /// An endpoint delivers an IPv4 datagram \param datagram the datagram
    void Receive(Ptr<Packet> datagram);
    /// \param up link state (the owner sets it when IPCP opens / goes down)
    void SetLinkUp(bool up);
    /// \return datagrams dropped on the send side
    uint64_t GetTxDrops() const;

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet, const Address& source, const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

protected:
    void DoDispose() override;

private:
    void Drop(Ptr<const Packet> p, const std::string& reason);

    Ptr<Node> m_node;                                       //!< owner
    uint32_t m_ifIndex{0};                                  //!< interface index
    uint16_t m_mtu;                                         //!< MTU
    bool m_linkUp{false};                                   //!< link state
    Mac48Address m_address;                                 //!< device address (never on the wire)
    Ptr<PppEndpoint> m_endpoint;                            //!< client: the endpoint
    std::unordered_map<uint32_t, Ptr<PppEndpoint>> m_peers; //!< LNS: address -> endpoint
    uint64_t m_txDrops{0};                                  //!< send-side drops
    NetDevice::ReceiveCallback m_rx;                        //!< up the stack
    NetDevice::PromiscReceiveCallback m_promiscRx;          //!< promiscuous receive
    TracedCallback<> m_linkChange;                          //!< link change callbacks
    TracedCallback<Ptr<const Packet>> m_macTx;              //!< datagram sent
    TracedCallback<Ptr<const Packet>> m_macRx;              //!< datagram received
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< dropped (reason)
};

} // namespace ns3

#endif /* PPP_NET_DEVICE_H */
