/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-firewall.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv4Firewall");
NS_OBJECT_ENSURE_REGISTERED(Ipv4Firewall);

// ------------------------------------------------------------------------------------------
// Ipv4Firewall
// ------------------------------------------------------------------------------------------

size_t
Ipv4Firewall::FlowKeyHash::operator()(const FlowKey& k) const
{
    uint64_t x = uint64_t(k.a) << 32 | k.b;
    uint64_t y = uint64_t(k.aPort) << 24 | uint64_t(k.bPort) << 8 | k.protocol;
    return std::hash<uint64_t>()(x * 0x9e3779b97f4a7c15ULL ^ y);
}

TypeId
Ipv4Firewall::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::Ipv4Firewall")
              .SetParent<Ipv4RoutingProtocol>()
              .SetGroupName("L2tp")
              .AddConstructor<Ipv4Firewall>()
              .AddAttribute("DefaultPolicy", "What a packet no rule matches gets: Deny or Allow.",
                            StringValue("Deny"),
                            MakeStringAccessor(&Ipv4Firewall::SetDefaultPolicy,
                                               &Ipv4Firewall::GetDefaultPolicy),
                            MakeStringChecker())
              .AddAttribute("Stateful",
                            "Allow packets of flows whose first packet was allowed, both ways.",
                            BooleanValue(false), MakeBooleanAccessor(&Ipv4Firewall::m_stateful),
                            MakeBooleanChecker())
              .AddAttribute("UdpTimeout", "Idle timeout of a tracked UDP flow.",
                            TimeValue(Seconds(120)), MakeTimeAccessor(&Ipv4Firewall::m_udpTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TcpTimeout", "Idle timeout of a tracked TCP flow.",
                            TimeValue(Seconds(7440)), MakeTimeAccessor(&Ipv4Firewall::m_tcpTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("IcmpTimeout", "Idle timeout of a tracked ICMP query flow.",
                            TimeValue(Seconds(60)), MakeTimeAccessor(&Ipv4Firewall::m_icmpTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute(
                  "OtherTimeout", "Idle timeout of a tracked flow of another protocol (e.g. ESP).",
                  TimeValue(Seconds(600)), MakeTimeAccessor(&Ipv4Firewall::m_otherTimeout),
                  MakeTimeChecker(Seconds(0)))
              .AddAttribute("FragmentTimeout",
                            "How long later fragments follow the decision on their first one.",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&Ipv4Firewall::m_fragmentTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("Drop",
                              "A packet was dropped (payload, header, rule index or -1, rule).",
                              MakeTraceSourceAccessor(&Ipv4Firewall::m_dropTrace),
                              "ns3::Ipv4Firewall::DropTracedCallback");
    return tid;
}

Ipv4Firewall::Ipv4Firewall()
{
    NS_LOG_FUNCTION(this);
}

Ipv4Firewall::~Ipv4Firewall()
{
    NS_LOG_FUNCTION(this);
}

void
Ipv4Firewall::DoDispose()
{
    for (auto& kv : m_flows)
    {
        kv.second->timer.Cancel();
    }
    m_flows.clear();
    m_fragments.Clear();
    m_inner = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
Ipv4Firewall::SetDefaultPolicy(std::string value)
{
    NS_ABORT_MSG_UNLESS(value == "Deny" || value == "Allow",
                        "ns3::Ipv4Firewall attribute DefaultPolicy: bad value '"
                            << value << "' (allowed: Deny|Allow)");
    m_defaultAllow = value == "Allow";
}

std::string
Ipv4Firewall::GetDefaultPolicy() const
{
    return m_defaultAllow ? "Allow" : "Deny";
}

void
Ipv4Firewall::SetInnerRoutingProtocol(Ptr<Ipv4RoutingProtocol> inner)
{
    NS_ABORT_MSG_IF(inner == nullptr, "Ipv4Firewall needs a routing protocol to wrap");
    NS_ABORT_MSG_IF(inner == this, "Ipv4Firewall cannot wrap itself");
    m_inner = inner;
}

Ptr<Ipv4RoutingProtocol>
Ipv4Firewall::GetInnerRoutingProtocol() const
{
    return m_inner;
}

uint32_t
Ipv4Firewall::AddRule(const Ipv4FirewallRule& rule)
{
    m_rules.push_back(rule);
    m_hits.push_back(0);
    return m_rules.size() - 1;
}

uint32_t
Ipv4Firewall::GetNRules() const
{
    return m_rules.size();
}

const Ipv4FirewallRule&
Ipv4Firewall::GetRule(uint32_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_rules.size(), "Ipv4Firewall: no rule " << i);
    return m_rules[i];
}

uint64_t
Ipv4Firewall::GetRuleHits(uint32_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_hits.size(), "Ipv4Firewall: no rule " << i);
    return m_hits[i];
}

const Ipv4Firewall::Counters&
Ipv4Firewall::GetCounters() const
{
    return m_counters;
}

uint32_t
Ipv4Firewall::GetNFlows() const
{
    return m_flows.size();
}

Ipv4Firewall::FlowKey
Ipv4Firewall::MakeFlowKey(uint8_t protocol, Ipv4Address src, uint16_t srcPort, Ipv4Address dst,
                          uint16_t dstPort)
{
    uint64_t s = uint64_t(src.Get()) << 16 | srcPort;
    uint64_t d = uint64_t(dst.Get()) << 16 | dstPort;
    if (s <= d)
    {
        return FlowKey{protocol, src.Get(), srcPort, dst.Get(), dstPort};
    }
    return FlowKey{protocol, dst.Get(), dstPort, src.Get(), srcPort};
}

bool
Ipv4Firewall::FlowOf(const Ipv4Header& header, const Ipv4TransportFields& f, FlowKey& key)
{
    if (!f.l4Present || f.truncated)
    {
        return false;
    }
    switch (f.kind)
    {
        case Ipv4TransportFields::KIND_UDP:
        case Ipv4TransportFields::KIND_TCP:
        case Ipv4TransportFields::KIND_ICMP_QUERY:
            key = MakeFlowKey(f.protocol, header.GetSource(), f.srcPort, header.GetDestination(),
                              f.dstPort);
            return true;
        case Ipv4TransportFields::KIND_ICMP_ERROR:
            if (!f.innerValid)
            {
                return false;
            }
            // RELATED: the flow of the quoted datagram.
            key = MakeFlowKey(f.innerProtocol, f.innerSource, f.innerSrcPort, f.innerDestination,
                              f.innerDstPort);
            return true;
        case Ipv4TransportFields::KIND_ICMP_OTHER:
            return false;
        default:
            key = MakeFlowKey(f.protocol, header.GetSource(), 0, header.GetDestination(), 0);
            return true;
    }
}

Time
Ipv4Firewall::TimeoutOf(uint8_t protocol) const
{
    switch (protocol)
    {
        case Ipv4TransportFields::PROT_UDP:
            return m_udpTimeout;
        case Ipv4TransportFields::PROT_TCP:
            return m_tcpTimeout;
        case Ipv4TransportFields::PROT_ICMP:
            return m_icmpTimeout;
        default:
            return m_otherTimeout;
    }
}

Ipv4Firewall::Flow*
Ipv4Firewall::FindFlow(const FlowKey& key)
{
    auto it = m_flows.find(key);
    if (it == m_flows.end())
    {
        return nullptr;
    }
    Flow* flow = it->second.get();
    if (Simulator::Now() >= flow->lastSeen + TimeoutOf(key.protocol))
    {
        flow->timer.Cancel();
        m_flows.erase(it);
        m_counters.flowsExpired++;
        return nullptr;
    }
    return flow;
}

void
Ipv4Firewall::TouchFlow(const FlowKey& key)
{
    Flow* flow = FindFlow(key);
    Time now = Simulator::Now();
    if (flow == nullptr)
    {
        auto owned = std::make_unique<Flow>();
        flow = owned.get();
        flow->key = key;
        m_flows[key] = std::move(owned);
        m_counters.flowsCreated++;
    }
    flow->lastSeen = now;
    if (flow->timer.IsExpired())
    {
        flow->timerAt = now + TimeoutOf(key.protocol);
        flow->timer
            = Simulator::Schedule(flow->timerAt - now, &Ipv4Firewall::FlowTimer, this, flow);
    }
}

void
Ipv4Firewall::FlowTimer(Flow* flow)
{
    Time expiry = flow->lastSeen + TimeoutOf(flow->key.protocol);
    if (Simulator::Now() >= expiry)
    {
        m_flows.erase(flow->key); // destroys flow
        m_counters.flowsExpired++;
        return;
    }
    flow->timerAt = expiry;
    flow->timer
        = Simulator::Schedule(expiry - Simulator::Now(), &Ipv4Firewall::FlowTimer, this, flow);
}

void
Ipv4Firewall::LocalOut(const Ipv4Header& header, Ptr<const Packet> p, uint32_t interface)
{
    if (!m_stateful)
    {
        return;
    }
    Ipv4TransportFields f = Ipv4TransportFields::Parse(p, header);
    FlowKey key;
    if (f.kind != Ipv4TransportFields::KIND_ICMP_ERROR && FlowOf(header, f, key))
    {
        TouchFlow(key);
    }
}

bool
Ipv4Firewall::RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice> idev,
                         L2TP_ROUTE_CB(UnicastForwardCallback) ucb,
                         L2TP_ROUTE_CB(MulticastForwardCallback) mcb,
                         L2TP_ROUTE_CB(LocalDeliverCallback) lcb, L2TP_ROUTE_CB(ErrorCallback) ecb)
{
    NS_LOG_FUNCTION(this << p << header << idev);
    NS_ABORT_MSG_IF(m_inner == nullptr || m_ipv4 == nullptr,
                    "Ipv4Firewall: not installed (use FirewallHelper, or SetInnerRoutingProtocol "
                    "and Ipv4::SetRoutingProtocol)");
    int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    Ipv4TransportFields f = Ipv4TransportFields::Parse(p, header);
    bool allow = false;
    bool decided = false;
    int32_t index = -1;
    const Ipv4FragmentTracker::Decision* first = nullptr;
    if (!f.l4Present && (first = m_fragments.Find(header)) != nullptr)
    {
        decided = true; // follows its first fragment
        allow = first->verdict != 0;
        allow ? m_counters.allowedByState++ : m_counters.deniedFragments++;
    }
    FlowKey key;
    bool hasFlow = FlowOf(header, f, key);
    if (!decided && m_stateful && hasFlow && FindFlow(key) != nullptr)
    {
        decided = true;
        allow = true;
        m_counters.allowedByState++;
        if (f.kind != Ipv4TransportFields::KIND_ICMP_ERROR)
        {
            TouchFlow(key);
        }
    }
    if (!decided)
    {
        bool portsKnown = f.l4Present && !f.truncated
                          && (f.kind == Ipv4TransportFields::KIND_UDP
                              || f.kind == Ipv4TransportFields::KIND_TCP);
        for (uint32_t i = 0; i < m_rules.size(); ++i)
        {
            if (m_rules[i].Matches(header, f, portsKnown, iif))
            {
                index = int32_t(i);
                break;
            }
        }
        if (index >= 0)
        {
            m_hits[index]++;
            allow = m_rules[index].action == Ipv4FirewallRule::ALLOW;
            allow ? m_counters.allowedByRule++ : m_counters.deniedByRule++;
        }
        else
        {
            allow = m_defaultAllow;
            allow ? m_counters.allowedByDefault++ : m_counters.deniedByDefault++;
        }
        if (allow && m_stateful && hasFlow && f.kind != Ipv4TransportFields::KIND_ICMP_ERROR)
        {
            TouchFlow(key);
        }
    }
    if (f.l4Present && f.fragmented)
    {
        m_fragments.SetTimeout(m_fragmentTimeout);
        m_fragments.Record(header,
                           {header.GetSource(), header.GetDestination(), uint8_t(allow ? 1 : 0)});
    }
    if (!allow)
    {
        std::string text = index >= 0
                               ? m_rules[index].ToString()
                               : (decided ? "fragment of a dropped datagram" : "default deny");
        NS_LOG_LOGIC("drop " << header.GetSource() << " > " << header.GetDestination()
                             << " by rule " << index << ": " << text);
        m_dropTrace(p, header, index, text);
        return true;
    }
    return m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

Ptr<Ipv4Route>
Ipv4Firewall::RouteOutput(Ptr<Packet> p, const Ipv4Header& header, Ptr<NetDevice> oif,
                          Socket::SocketErrno& sockerr)
{
    NS_ABORT_MSG_IF(m_inner == nullptr, "Ipv4Firewall: no wrapped routing protocol");
    return m_inner->RouteOutput(p, header, oif, sockerr);
}

void
Ipv4Firewall::NotifyInterfaceUp(uint32_t interface)
{
    if (m_inner)
    {
        m_inner->NotifyInterfaceUp(interface);
    }
}

void
Ipv4Firewall::NotifyInterfaceDown(uint32_t interface)
{
    if (m_inner)
    {
        m_inner->NotifyInterfaceDown(interface);
    }
}

void
Ipv4Firewall::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    if (m_inner)
    {
        m_inner->NotifyAddAddress(interface, address);
    }
}

void
Ipv4Firewall::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    if (m_inner)
    {
        m_inner->NotifyRemoveAddress(interface, address);
    }
}

void
Ipv4Firewall::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
    // Flows the node itself starts count as allowed (stateful mode).
    ipv4->TraceConnectWithoutContext("SendOutgoing", MakeCallback(&Ipv4Firewall::LocalOut, this));
}

void
Ipv4Firewall::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream* os = stream->GetStream();
    *os << "Ipv4Firewall: " << m_rules.size() << " rules, default " << GetDefaultPolicy()
        << (m_stateful ? ", stateful" : "") << ", " << m_flows.size() << " flows" << std::endl;
    for (uint32_t i = 0; i < m_rules.size(); ++i)
    {
        *os << "  " << i << ": " << m_rules[i].ToString() << " (" << m_hits[i] << " hits)"
            << std::endl;
    }
    if (m_inner)
    {
        m_inner->PrintRoutingTable(stream, unit);
    }
}

} // namespace ns3
