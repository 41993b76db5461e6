/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPV4_NAT_H
#define IPV4_NAT_H

#include "l2tp-ns3-compat.h"

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <array>
#include <string>
#include <vector>

#include "ipv4-fragment-tracker.h"
#include "ipv4-nat-mapping-table.h"
#include "ipv4-transport-fields.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief A NAPT box (RFC 3022, with the behaviours of RFC 4787, RFC 5382 and RFC 5508) on an
 *        IPv4 router, built as an Ipv4RoutingProtocol that wraps the router's own one.
 *
 * Every packet the router receives passes RouteInput(). Packets from an inside interface that
 * the wrapped protocol routes out of the outside interface get their source address and port
 * (ICMP query identifier) translated to a public endpoint; packets arriving on the outside
 * interface for a pool address are translated back if a mapping exists and the filtering
 * behaviour lets them in; packets from the inside to a pool address are hairpinned. All other
 * packets, and everything the router sends itself (RouteOutput()), go to the wrapped protocol
 * unchanged. Translation rewrites the transport checksum incrementally (RFC 1624), so UDP,
 * TCP and ICMP checksums stay valid when checksums are enabled (and a UDP checksum of zero
 * stays zero); the IPv4 header checksum is recomputed by ns-3 when the packet is sent.
 *
 * Handled: UDP, TCP, ICMP queries (echo, timestamp, information, address mask) by
 * identifier, ICMP errors in both directions with their quoted datagram translated
 * (RFC 5508), ESP by attribute (dropped, or IPsec passthrough: one inside host per remote
 * peer, SPIs tracked), fragments (the first one is translated, later ones follow it by IP
 * identification). Other IP protocols from the inside are dropped.
 */
class Ipv4Nat : public Ipv4RoutingProtocol
{
public:
    /// Why a packet was dropped.
    enum DropReason
    {
        DROP_NO_MAPPING = 0,    //!< inbound packet matches no mapping (UnmatchedInbound=Drop)
        DROP_FILTERED,          //!< a mapping exists but the filtering behaviour refuses
        DROP_HAIRPIN_DISABLED,  //!< inside to a public endpoint with Hairpinning=false
        DROP_ESP_BLOCKED,       //!< ESP with EspMode=Drop
        DROP_ESP_PEER_IN_USE,   //!< ESP to a peer another inside host holds
        DROP_PORTS_EXHAUSTED,   //!< no free public port or identifier
        DROP_HOST_LIMIT,        //!< the inside host reached MaxMappingsPerHost
        DROP_TRUNCATED,         //!< transport header shorter than its protocol's
        DROP_UNSUPPORTED,       //!< IP protocol or ICMP type the NAT cannot translate
        DROP_FRAGMENT_NO_STATE, //!< later fragment whose first fragment was not seen
        DROP_REASON_COUNT,      //!< number of reasons
    };

    /// Counters readable after a run.
    struct Counters
    {
        uint64_t outboundTranslated{0};   //!< inside to outside (incl. ICMP errors, ESP)
        uint64_t inboundTranslated{0};    //!< outside to inside (incl. ICMP errors, ESP)
        uint64_t hairpinTranslated{0};    //!< inside to inside through a public endpoint
        uint64_t icmpErrorsTranslated{0}; //!< ICMP errors among the above
        uint64_t deliveredLocally{0};     //!< for a pool address, untranslated, to the router
        uint64_t mappingsCreated{0};      //!< mappings and ESP bindings created
        uint64_t mappingsRefreshed{0};    //!< refreshes
        uint64_t mappingsExpired{0};      //!< expiries
        std::array<uint64_t, DROP_REASON_COUNT> dropped{}; //!< drops per reason
        /// \return the sum of dropped[]
        uint64_t TotalDropped() const;
    };

    /**
     * TracedCallback signature for mapping events.
     * \param [in] mapping the mapping
     */
    typedef void (*MappingTracedCallback)(const Ipv4NatMapping& mapping);
    /**
     * TracedCallback signature for translated packets.
     * \param [in] packet the translated IP payload
     * \param [in] before the IP header as received
     * \param [in] after the IP header as forwarded
     */
    typedef void (*TranslatedTracedCallback)(Ptr<const Packet> packet, const Ipv4Header& before,
                                             const Ipv4Header& after);
    /**
     * TracedCallback signature for dropped packets.
     * \param [in] packet the IP payload
     * \param [in] header its IP header
     * \param [in] reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const Ipv4Header& header,
                                       DropReason reason);

    /// \return the TypeId
    static TypeId GetTypeId();
    Ipv4Nat();
    ~Ipv4Nat() override;

    /// \return the name of a drop reason, e.g. "filtered"
    static std::string DropReasonName(DropReason reason);

    /**
     * \brief Set the routing protocol this NAT wraps: the node's current one, which already
     *        has its Ipv4 (SetIpv4() is not passed on).
     * \param inner the wrapped protocol
     */
    void SetInnerRoutingProtocol(Ptr<Ipv4RoutingProtocol> inner);
    /// \return the wrapped protocol (to add static routes after installation)
    Ptr<Ipv4RoutingProtocol> GetInnerRoutingProtocol() const;
    /// \param interface the outside (public) interface index
    void SetOutsideInterface(uint32_t interface);
    /// \return the outside interface index
    uint32_t GetOutsideInterface() const;
    /// \param interface an inside (private) interface index
    void AddInsideInterface(uint32_t interface);
    /**
     * \brief Add a public address to the pool. Without any, the outside interface's first
     *        address is used. The address must reach the router (NatHelper adds it to the
     *        outside interface).
     * \param address the address
     */
    void AddPublicAddress(Ipv4Address address);
    /// \return the pool
    std::vector<Ipv4Address> GetPublicAddresses() const;
    /**
     * \brief Add a static mapping (port forwarding).
     * \param protocol 6 (TCP) or 17 (UDP)
     * \param inside inside host
     * \param insidePort inside port
     * \param publicAddress pool address
     * \param publicPort public port
     * \return false if the public endpoint is already in use
     */
    bool AddStaticMapping(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                          Ipv4Address publicAddress, uint16_t publicPort);

    /// \return the counters
    const Counters& GetCounters() const;
    /// \return the live mappings and ESP bindings, oldest first
    std::vector<Ipv4NatMapping> GetMappings() const;
    /// \return the number of live mappings and ESP bindings
    uint32_t GetNMappings() const;

    /**
     * \brief Assign a fixed random variable stream number to the random variables used by
     *        this model (random port allocation).
     * \param stream first stream index to use
     * \return the number of stream indices assigned (1)
     */
    int64_t AssignStreams(int64_t stream);

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p, const Ipv4Header& header, Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice> idev,
                    L2TP_ROUTE_CB(UnicastForwardCallback) ucb,
                    L2TP_ROUTE_CB(MulticastForwardCallback) mcb,
                    L2TP_ROUTE_CB(LocalDeliverCallback) lcb,
                    L2TP_ROUTE_CB(ErrorCallback) ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

protected:
    void DoDispose() override;

private:
    /// What the NAT does with an inbound or hairpinned packet.
    enum Verdict
    {
        VERDICT_TRANSLATED, //!< forward the rewritten packet
        VERDICT_LOCAL,      //!< hand it unchanged to the wrapped protocol
        VERDICT_DROPPED,    //!< dropped (traced)
    };

    void ForwardOutbound(UnicastForwardCallback ucb, Ptr<Ipv4Route> route, Ptr<const Packet> p,
                         const Ipv4Header& header);
    bool TranslateOutbound(Ptr<const Packet> p, const Ipv4Header& header, Ptr<Packet>& out,
                           Ipv4Header& outHeader);
    Verdict TranslateInbound(Ptr<const Packet> p, const Ipv4Header& header, Ptr<Packet>& out,
                             Ipv4Header& outHeader);
    Verdict TranslateHairpin(Ptr<const Packet> p, const Ipv4Header& header, Ptr<Packet>& out,
                             Ipv4Header& outHeader);
    void Drop(Ptr<const Packet> p, const Ipv4Header& header, DropReason reason);
    DropReason ReasonOf(Ipv4NatMappingTable::Result result) const;
    bool IsInside(int32_t interface) const;
    void EnsurePool();
    void RecordFragment(const Ipv4Header& before, const Ipv4Header& after, Verdict verdict);
    Verdict FollowFragment(Ptr<const Packet> p, const Ipv4Header& header, Ptr<Packet>& out,
                           Ipv4Header& outHeader, uint64_t& counter);
    void OnCreated(const Ipv4NatMapping& m);
    void OnRefreshed(const Ipv4NatMapping& m);
    void OnExpired(const Ipv4NatMapping& m);
    void SyncConfig();

    void SetMapping(std::string value);
    std::string GetMapping() const;
    void SetFiltering(std::string value);
    std::string GetFiltering() const;
    void SetPortAllocation(std::string value);
    std::string GetPortAllocation() const;
    void SetEspMode(std::string value);
    std::string GetEspMode() const;
    void SetUnmatchedInbound(std::string value);
    std::string GetUnmatchedInbound() const;

    Ptr<Ipv4> m_ipv4;                     //!< the router's IPv4
    Ptr<Ipv4RoutingProtocol> m_inner;     //!< wrapped routing protocol
    int32_t m_outside{-1};                //!< outside interface
    std::vector<bool> m_inside;           //!< inside interfaces
    Ipv4NatMappingTable::Config m_config; //!< table configuration (attributes)
    Ipv4NatMappingTable m_table;          //!< mappings
    Ptr<UniformRandomVariable> m_rng;     //!< random port allocation
    bool m_portPreservation{true};        //!< PortPreservation attribute
    uint16_t m_portMin{1024};             //!< PortRangeMin attribute
    uint16_t m_portMax{65535};            //!< PortRangeMax attribute
    Time m_udpLifetime;                   //!< UdpLifetime attribute
    Time m_tcpEstablishedLifetime;        //!< TcpEstablishedLifetime attribute
    Time m_tcpTransitoryLifetime;         //!< TcpTransitoryLifetime attribute
    Time m_icmpLifetime;                  //!< IcmpLifetime attribute
    Time m_espLifetime;                   //!< EspLifetime attribute
    uint32_t m_maxMappingsPerHost{0};     //!< MaxMappingsPerHost attribute
    bool m_hairpinning{true};             //!< Hairpinning attribute
    bool m_inboundRefresh{false};         //!< InboundRefresh attribute
    bool m_espPassthrough{true};          //!< EspMode attribute
    bool m_unmatchedDrop{true};           //!< UnmatchedInbound attribute
    Time m_fragmentTimeout;               //!< FragmentTimeout attribute
    Ipv4FragmentTracker m_fragments;      //!< decisions for later fragments
    Counters m_counters;                  //!< counters

    TracedCallback<const Ipv4NatMapping&> m_createdTrace;   //!< MappingCreated
    TracedCallback<const Ipv4NatMapping&> m_refreshedTrace; //!< MappingRefreshed
    TracedCallback<const Ipv4NatMapping&> m_expiredTrace;   //!< MappingExpired
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, const Ipv4Header&>
        m_translatedTrace; //!< PacketTranslated
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, DropReason> m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* IPV4_NAT_H */
