/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPV4_FIREWALL_H
#define IPV4_FIREWALL_H

#include "l2tp-ns3-compat.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ipv4-firewall-rule.h"
#include "ipv4-fragment-tracker.h"
#include "ipv4-transport-fields.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief A packet filter on any IPv4 node, built as an Ipv4RoutingProtocol that wraps the
 *        node's own one: every packet the node receives (to forward or to deliver locally)
 *        is checked against an ordered rule list; the first matching rule decides, and
 *        DefaultPolicy decides when none matches.
 *
 * In stateful mode the firewall tracks flows the way a connection-tracking firewall does:
 * a packet that belongs to a flow whose first packet was allowed (by a rule, the default
 * policy, or because the node itself sent it) is allowed in either direction without
 * consulting the rules, as are ICMP errors quoting such a flow. Flow state expires after the
 * per-protocol timeout without packets. Later fragments follow the decision on their first
 * fragment.
 *
 * Every drop fires the Drop trace with the index and text of the rule that matched (-1 and
 * "default deny" for the default policy). Packets the node originates are not filtered.
 */
class Ipv4Firewall : public Ipv4RoutingProtocol
{
public:
    /// Counters readable after a run.
    struct Counters
    {
        uint64_t allowedByRule{0};    //!< allowed by an allow rule
        uint64_t allowedByDefault{0}; //!< allowed by DefaultPolicy=Allow
        uint64_t allowedByState{0};   //!< allowed as part of a tracked flow
        uint64_t deniedByRule{0};     //!< dropped by a deny rule
        uint64_t deniedByDefault{0};  //!< dropped by DefaultPolicy=Deny
        uint64_t deniedFragments{0};  //!< later fragments of a dropped first fragment
        uint64_t flowsCreated{0};     //!< tracked flows created
        uint64_t flowsExpired{0};     //!< tracked flows expired
    };

    /**
     * TracedCallback signature for drops.
     * \param [in] packet the IP payload
     * \param [in] header its IP header
     * \param [in] ruleIndex index of the matching rule, -1 for the default policy
     * \param [in] rule the rule's text form
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const Ipv4Header& header,
                                       int32_t ruleIndex, const std::string& rule);

    /// \return the TypeId
    static TypeId GetTypeId();
    Ipv4Firewall();
    ~Ipv4Firewall() override;

    /**
     * \brief Set the routing protocol this firewall wraps: the node's current one, which
     *        already has its Ipv4 (SetIpv4() is not passed on).
     * \param inner the wrapped protocol
     */
    void SetInnerRoutingProtocol(Ptr<Ipv4RoutingProtocol> inner);
    /// \return the wrapped protocol
    Ptr<Ipv4RoutingProtocol> GetInnerRoutingProtocol() const;

    /// \param rule appended to the rule list \return its index
    uint32_t AddRule(const Ipv4FirewallRule& rule);
    /// \return the number of rules
    uint32_t GetNRules() const;
    /// \param i index \return the rule
    const Ipv4FirewallRule& GetRule(uint32_t i) const;
    /// \param i index \return how many packets rule i decided
    uint64_t GetRuleHits(uint32_t i) const;
    /// \return the counters
    const Counters& GetCounters() const;
    /// \return the number of tracked flows
    uint32_t GetNFlows() const;

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
    /// A flow, the same for both directions (endpoints in canonical order).
    struct FlowKey
    {
        uint8_t protocol; //!< protocol
        uint32_t a;       //!< lower endpoint address
        uint16_t aPort;   //!< its port
        uint32_t b;       //!< higher endpoint address
        uint16_t bPort;   //!< its port

        /// \param o other \return equality
        bool operator==(const FlowKey& o) const
        {
            return protocol == o.protocol && a == o.a && aPort == o.aPort && b == o.b
                   && bPort == o.bPort;
        }
    };

    /// Hash of FlowKey.
    struct FlowKeyHash
    {
        /// \param k key \return hash
        size_t operator()(const FlowKey& k) const;
    };

    /// A tracked flow.
    struct Flow
    {
        FlowKey key;   //!< its key
        Time lastSeen; //!< last packet
        EventId timer; //!< expiry event
        Time timerAt;  //!< when it fires
    };

    static bool FlowOf(const Ipv4Header& header, const Ipv4TransportFields& f, FlowKey& key);
    static FlowKey MakeFlowKey(uint8_t protocol, Ipv4Address src, uint16_t srcPort, Ipv4Address dst,
                               uint16_t dstPort);
    Time TimeoutOf(uint8_t protocol) const;
    Flow* FindFlow(const FlowKey& key);
    void TouchFlow(const FlowKey& key);
    void FlowTimer(Flow* flow);
    void LocalOut(const Ipv4Header& header, Ptr<const Packet> p, uint32_t interface);
    void SetDefaultPolicy(std::string value);
    std::string GetDefaultPolicy() const;

    Ptr<Ipv4> m_ipv4;                      //!< the node's IPv4
    Ptr<Ipv4RoutingProtocol> m_inner;      //!< wrapped routing protocol
    std::vector<Ipv4FirewallRule> m_rules; //!< ordered rules
    std::vector<uint64_t> m_hits;          //!< per-rule decisions
    bool m_defaultAllow{false};            //!< DefaultPolicy attribute
    bool m_stateful{false};                //!< Stateful attribute
    Time m_udpTimeout;                     //!< UdpTimeout attribute
    Time m_tcpTimeout;                     //!< TcpTimeout attribute
    Time m_icmpTimeout;                    //!< IcmpTimeout attribute
    Time m_otherTimeout;                   //!< OtherTimeout attribute
    Time m_fragmentTimeout;                //!< FragmentTimeout attribute
    std::unordered_map<FlowKey, std::unique_ptr<Flow>, FlowKeyHash> m_flows; //!< tracked flows
    Ipv4FragmentTracker m_fragments; //!< decisions on first fragments
    Counters m_counters;             //!< counters
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, int32_t, const std::string&>
        m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* IPV4_FIREWALL_H */
