/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_DAEMON_H
#define IKE_DAEMON_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "esp-l4-protocol.h"
#include "ike-session.h"

namespace ns3
{

class Node;
class Socket;

/**
 * \ingroup l2tp
 * \brief The IKEv1 key manager of one node (what charon is to the Linux kernel): attaches
 *        IkeSession objects to UDP 500 and UDP 4500 and installs the SAs they negotiate in
 *        the node's SAD.
 *
 * - Transport: a UDP socket bound to port 500; port 4500 is EspL4Protocol's socket (IKE
 *   after the non-ESP marker goes through its IKE callback, the daemon sends through
 *   EspL4Protocol::SendUdpEncap()). Sessions are found by initiator cookie (hash map, O(1)).
 * - Acquire: a PROTECT SPD entry whose SA is null is IKE-managed. EspL4Protocol asks the
 *   daemon for the current outbound SA of the destination (hash map by peer address, O(1));
 *   if there is none it queues the packet and calls the daemon, which starts Main Mode as
 *   initiator (or, if it initiated an ISAKMP SA to that peer whose ESP SAs expired, a new
 *   Quick Mode in it). When Quick Mode completes, both SAs are installed and the queue is
 *   sent.
 * - A responder session is created for every MM1 with an unknown initiator cookie; it
 *   installs the SAs when QM3 arrives.
 * - SAs: AES-CBC + HMAC-SHA1-96 from the Quick Mode KEYMAT, transport mode, UDP-encapsulated
 *   (source 4500, destination the peer's floated port) when NAT-D found a NAT.
 * - Lifetime: each SA pair expires at the negotiated lifetime (removed from the SAD,
 *   SaExpired). With Rekey, the initiator starts a new Quick Mode RekeyMargin before that,
 *   switches outbound traffic to the new SA, sends Delete(ESP) for the old inbound SPI and
 *   removes the old inbound SA DeleteDelay later (in-flight packets still decrypt). A
 *   received Delete(ESP) removes the named outbound SA and its inbound partner (DeleteDelay
 *   later for a pair replaced by a rekey, at once for the current pair). A failed session
 *   (DPD, retransmissions exhausted, ...) removes its SAs.
 * - Datagrams tagged with an IpsecSaTag (L2TP tunnels under IPsec) get the outbound SA
 *   paired with that inbound SA (hash map by inbound SPI), which keeps two peers behind one
 *   NAT apart.
 * - The ESP packets of each SA are reported to its session (IkeSession::NotifyEspActivity),
 *   so that DPD and NAT-keepalives see ESP traffic, as charon reads the SAs' use times.
 */
class IkeDaemon : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    IkeDaemon();
    ~IkeDaemon() override;

    /**
     * \brief Attach to \p node: EspL4Protocol must be installed; this opens UDP 500, enables
     * UDP 4500 and registers as the node's key manager. Aggregates itself to the node.
     * \param node the node
     */
    void Install(Ptr<Node> node);

    /**
     * \brief Set an attribute of every IkeSession this daemon creates (PreSharedKey, DhGroup,
     * DpdDelay, ...).
     * \param name attribute name \param value its value
     */
    void SetSessionAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Start Main Mode toward \p peer now (without waiting for traffic).
     * \param local this node's address \param peer the responder
     * \return the session
     */
    Ptr<IkeSession> Initiate(Ipv4Address local, Ipv4Address peer);

    /// \return datagrams on UDP 500 / 4500 that reached no session (Drop trace)
    uint64_t GetDropCount() const;
    /// \return every session created so far, in creation order
    std::vector<Ptr<IkeSession>> GetSessions() const;
    /// \return every SA this daemon installed (inbound and outbound, rekeyed ones included)
    std::vector<Ptr<IpsecSa>> GetInstalledSas() const;
    /// \return the number of SAs currently in the SAD or the active outbound set
    uint32_t GetActiveSaCount() const;
    /// \return the ISAKMP SAs (sessions) the daemon still keeps: negotiating, established,
    /// or deleted but still holding ESP SAs; a deleted or replaced one without SAs is gone
    uint32_t GetIsakmpSaCount() const;
    /// \return the current outbound SA toward \p peer, or nullptr \param peer address
    Ptr<IpsecSa> GetOutboundSa(Ipv4Address peer) const;
    /// \return the ikev1_decryption_table lines of every session past MM4
    std::vector<std::string> GetDecryptionTableLines() const;

    /**
     * \brief IsakmpSaRekeyed: a new ISAKMP SA took over the peer's ESP SAs.
     * \param peer the peer \param oldCookie initiator cookie of the old ISAKMP SA
     * \param newCookie initiator cookie of the new one
     */
    typedef void (*IsakmpRekeyTracedCallback)(Ipv4Address peer, uint64_t oldCookie,
                                              uint64_t newCookie);
    /**
     * \brief IsakmpSaExpired: an ISAKMP SA reached its lifetime without being replaced.
     * \param peer the peer \param cookie its initiator cookie
     */
    typedef void (*IsakmpExpiryTracedCallback)(Ipv4Address peer, uint64_t cookie);
    /**
     * \brief PeerPortChanged: the peer's NAT mapping changed.
     * \param peer the peer's (new) address \param oldPort previous port \param newPort new port
     */
    typedef void (*PortTracedCallback)(Ipv4Address peer, uint16_t oldPort, uint16_t newPort);
    /**
     * \brief Fix the RNG streams: every session and SA this daemon creates takes the next
     * stream from \p stream on (cookies, nonces, DH exponents, SPIs; CBC IVs).
     * \param stream first stream index
     * \return the size of the block reserved for this daemon (1000 streams)
     */
    int64_t AssignStreams(int64_t stream);

    /// TracedCallback: peer, inbound SPI, outbound SPI, UDP-encapsulated.
    typedef void (*SaTracedCallback)(Ipv4Address peer, uint32_t spiIn, uint32_t spiOut,
                                     bool udpEncap);
    /// TracedCallback: source address, reason.
    typedef void (*DropTracedCallback)(Ipv4Address source, const std::string& reason);
    /// TracedCallback: SPI, why.
    typedef void (*SaGoneTracedCallback)(uint32_t spi, const std::string& why);
    /// TracedCallback: peer, old state, new state.
    typedef void (*StateTracedCallback)(Ipv4Address peer, uint32_t oldState, uint32_t newState);
    /// TracedCallback: peer, local behind NAT, remote behind NAT.
    typedef void (*NatTracedCallback)(Ipv4Address peer, bool local, bool remote);
    /// TracedCallback: peer, message name, ISAKMP length.
    typedef void (*MessageTracedCallback)(Ipv4Address peer, const std::string& name,
                                          uint32_t length);

protected:
    void DoDispose() override;

private:
    /// One IKE peer relation (one ISAKMP SA and its current ESP SA pair).
    struct Peer
    {
        Ptr<IkeSession> session;          //!< the IKE session
        Ipv4Address local;                //!< own address
        Ptr<IpsecSa> out;                 //!< current outbound SA
        Ptr<IpsecSa> in;                  //!< current inbound SA
        std::vector<Ptr<IpsecSa>> oldIn;  //!< inbound SAs kept for DeleteDelay
        std::vector<Ptr<IpsecSa>> oldOut; //!< outbound SAs replaced by a rekey
        EventId rekey;                    //!< rekey timer (initiator)
        EventId expire;                   //!< hard lifetime of the current pair
        EventId reauth;                   //!< ISAKMP SA re-authentication timer (initiator)
        uint64_t replaces = 0;            //!< initiator cookie of the ISAKMP SA this replaces
        std::vector<uint32_t> spisIn;     //!< every inbound SPI installed (for m_bySpiIn)
    };

    /// Create a session with the factory's attributes, its send callback and traces.
    Ptr<IkeSession> NewSession();
    /// Connect the callbacks that need the session's cookie.
    void Wire(Ptr<IkeSession> s, uint64_t cookie);
    /// UDP 500 socket callback.
    void HandleIke500(Ptr<Socket> socket);
    /// IKE from UDP 4500 (marker removed by EspL4Protocol).
    void HandleIke4500(const std::vector<uint8_t>& msg, Ipv4Address src, uint16_t sport);
    /// Route one message to its session (creating a responder for MM1).
    void Dispatch(const std::vector<uint8_t>& data, Ipv4Address src, uint16_t sport,
                  Ipv4Address dst, uint16_t dport);
    /// Count and trace a datagram that reached no session.
    void Drop(Ipv4Address src, const std::string& reason);
    /// IkeSession send callback: from UDP 500 or UDP 4500.
    void SendFrom(const std::vector<uint8_t>& bytes, Ipv4Address dst, uint16_t sport,
                  uint16_t dport);
    /// IkeSession established callback: install the SA pair.
    void Established(uint64_t cookie, const IkeChildSaKeys& keys);
    /// IkeSession failure callback: remove the SAs, drop the queued packets.
    void Failed(uint64_t cookie, const std::string& why);
    /// IkeSession Delete(ESP) callback.
    void ChildDeleted(uint64_t cookie, uint32_t spi);
    /// Rekey timer of the pair whose inbound SPI is \p spiIn (the pair names its session:
    /// after an ISAKMP rekey, that is the new one).
    void Rekey(uint32_t spiIn);
    /// Hard lifetime of the pair whose inbound SPI is \p spiIn.
    void Expire(uint32_t spiIn);
    /// Main Mode of the session \p cookie completed: arm the re-authentication (initiator),
    /// take over the ESP SAs of the ISAKMP SA it replaces. \param cookie its initiator cookie
    void Phase1Up(uint64_t cookie);
    /// Start a Main Mode that replaces the ISAKMP SA \p cookie. \param cookie the old one
    void Reauthenticate(uint64_t cookie);
    /// Move the ESP SAs of \p from to \p to. \param from old cookie \param to new cookie
    void MoveChildSas(uint64_t from, uint64_t to);
    /// Session \p cookie changed state. \param cookie \param o old \param n new state
    void SessionState(uint64_t cookie, uint32_t o, uint32_t n);
    /// Session \p cookie's ISAKMP SA expired. \param cookie its initiator cookie
    void IsakmpExpired(uint64_t cookie);
    /// Session \p cookie's peer moved (RFC 3947 section 4): outbound SAs follow.
    /// \param cookie \param oldPeer \param oldPort the previous endpoint
    void PeerMoved(uint64_t cookie, Ipv4Address oldPeer, uint16_t oldPort);
    /// EspL4Protocol: an authenticated ESP-in-UDP packet on the SA \p spiIn came from
    /// \p src : \p sport.
    void EncapSource(uint32_t spiIn, Ipv4Address src, uint16_t sport);
    /// Forget a deleted session that holds no SAs. \param cookie its initiator cookie
    void Forget(uint64_t cookie);
    /// \return the key of m_byEndpoint \param a address \param port UDP port
    static uint64_t Endpoint(Ipv4Address a, uint16_t port);
    /// Remove an inbound SA from the SAD. \param sa the SA \param why for SaDeleted
    void RemoveInbound(Ptr<IpsecSa> sa, const std::string& why);
    /// EspL4Protocol's SA resolver.
    Ptr<IpsecSa> Resolve(Ipv4Address dst);
    /// EspL4Protocol's resolver for datagrams tagged with the inbound SPI they answer.
    Ptr<IpsecSa> ResolvePair(uint32_t spiIn);
    /// EspL4Protocol's acquire callback.
    void Acquire(Ipv4Address src, Ipv4Address dst);
    /// Build one SA from keys.
    Ptr<IpsecSa> MakeSa(uint32_t spi, IpsecSa::Direction dir, const std::vector<uint8_t>& enc,
                        const std::vector<uint8_t>& auth, Ipv4Address src, Ipv4Address dst);
    /// Session trace forwarders.
    /// An SA's Protected / Unprotected trace: tell the session.
    /// \p pairSpiIn names the pair (and through it the session that currently owns it).
    void OnEspUse(uint32_t pairSpiIn, bool outbound, uint32_t spi, uint32_t seq, uint32_t a,
                  uint32_t b);
    void OnState(IkeSession* s, uint32_t o, uint32_t n);
    void OnNat(IkeSession* s, bool l, bool r);
    void OnSent(IkeSession* s, const std::string& name, uint32_t len);
    void OnReceived(IkeSession* s, const std::string& name, uint32_t len);
    void OnRetransmitted(IkeSession* s, const std::string& name, uint32_t len);

    Ptr<Node> m_node;
    Ptr<EspL4Protocol> m_esp;
    Ptr<Socket> m_socket500;
    ObjectFactory m_sessionFactory;
    int64_t m_nextStream{-1};

    bool m_rekey;             //!< Rekey attribute
    Time m_rekeyMargin;       //!< RekeyMargin attribute
    Time m_deleteDelay;       //!< DeleteDelay attribute
    bool m_modeled;           //!< ModeledCipher attribute
    bool m_isakmpRekey;       //!< IsakmpRekey attribute
    Time m_isakmpRekeyMargin; //!< IsakmpRekeyMargin attribute

    std::unordered_map<uint64_t, Peer> m_peers;         //!< initiator cookie -> peer
    std::unordered_map<uint32_t, uint64_t> m_byAddress; //!< peer address -> cookie
    /// inbound SPI -> cookie; kept after the SA is gone, so that a tunnel tagged with an old
    /// SPI still finds its peer's current SA
    std::unordered_map<uint32_t, uint64_t> m_bySpiIn;
    /// peer address and IKE port -> cookie of the session holding that peer's ESP SAs
    std::unordered_map<uint64_t, uint64_t> m_byEndpoint;
    uint64_t m_drops{0};                     //!< datagrams that reached no session
    std::vector<Ptr<IkeSession>> m_sessions; //!< creation order
    std::vector<Ptr<IpsecSa>> m_installed;   //!< every SA ever installed

    TracedCallback<Ipv4Address, const std::string&> m_dropTrace;
    TracedCallback<Ipv4Address, uint32_t, uint32_t, bool> m_saInstalled;
    TracedCallback<Ipv4Address, uint32_t, uint32_t, bool> m_saRekeyed;
    TracedCallback<uint32_t, const std::string&> m_saExpired;
    TracedCallback<uint32_t, const std::string&> m_saDeleted;
    TracedCallback<Ipv4Address, uint32_t, uint32_t> m_stateTrace;
    TracedCallback<Ipv4Address, bool, bool> m_natTrace;
    TracedCallback<Ipv4Address, const std::string&, uint32_t> m_sentTrace;
    TracedCallback<Ipv4Address, const std::string&, uint32_t> m_receivedTrace;
    TracedCallback<Ipv4Address, const std::string&, uint32_t> m_rtxTrace;
    TracedCallback<Ipv4Address, uint64_t, uint64_t> m_isakmpRekeyed;   //!< IsakmpSaRekeyed
    TracedCallback<Ipv4Address, uint64_t> m_isakmpExpired;             //!< IsakmpSaExpired
    TracedCallback<Ipv4Address, uint16_t, uint16_t> m_peerPortChanged; //!< PeerPortChanged
};

} // namespace ns3

#endif /* IKE_DAEMON_H */
