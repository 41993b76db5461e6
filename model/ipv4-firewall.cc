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
// Ipv4FirewallRule
// ------------------------------------------------------------------------------------------

Ipv4FirewallRule::Ipv4FirewallRule()
    : source(Ipv4Address::GetAny())
    , sourceMask(Ipv4Mask::GetZero())
    , destination(Ipv4Address::GetAny())
    , destinationMask(Ipv4Mask::GetZero())
{
}

Ipv4FirewallRule
Ipv4FirewallRule::Allow()
{
    Ipv4FirewallRule r;
    r.action = ALLOW;
    return r;
}

Ipv4FirewallRule
Ipv4FirewallRule::Deny()
{
    Ipv4FirewallRule r;
    r.action = DENY;
    return r;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetSource(Ipv4Address address, Ipv4Mask mask)
{
    source = address.CombineMask(mask);
    sourceMask = mask;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetDestination(Ipv4Address address, Ipv4Mask mask)
{
    destination = address.CombineMask(mask);
    destinationMask = mask;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetProtocol(uint8_t p)
{
    protocol = p;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetSourcePorts(uint16_t min, uint16_t max)
{
    NS_ABORT_MSG_IF(min > max, "Ipv4FirewallRule: source port range " << min << "-" << max);
    srcPortMin = min;
    srcPortMax = max;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetDestinationPorts(uint16_t min, uint16_t max)
{
    NS_ABORT_MSG_IF(min > max, "Ipv4FirewallRule: destination port range " << min << "-" << max);
    dstPortMin = min;
    dstPortMax = max;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetInputInterface(uint32_t interface)
{
    inInterface = int32_t(interface);
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetName(const std::string& label)
{
    name = label;
    return *this;
}

bool
Ipv4FirewallRule::Matches(const Ipv4Header& header, const Ipv4TransportFields& f, bool portsKnown,
                          int32_t interface) const
{
    if (inInterface >= 0 && inInterface != interface)
    {
        return false;
    }
    if (protocol != 0 && protocol != header.GetProtocol())
    {
        return false;
    }
    if (header.GetSource().CombineMask(sourceMask) != source
        || header.GetDestination().CombineMask(destinationMask) != destination)
    {
        return false;
    }
    bool portsRestricted
        = srcPortMin != 0 || srcPortMax != 65535 || dstPortMin != 0 || dstPortMax != 65535;
    if (portsRestricted)
    {
        if (!portsKnown)
        {
            return false;
        }
        if (f.srcPort < srcPortMin || f.srcPort > srcPortMax || f.dstPort < dstPortMin
            || f.dstPort > dstPortMax)
        {
            return false;
        }
    }
    return true;
}

namespace
{

std::string
PrefixText(Ipv4Address a, Ipv4Mask m)
{
    std::ostringstream os;
    os << a << "/" << m.GetPrefixLength();
    return os.str();
}

std::string
RangeText(uint16_t lo, uint16_t hi)
{
    return lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi);
}

bool
ParseNumber(const std::string& s, uint32_t max, uint32_t& out)
{
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    uint64_t v = std::stoull(s);
    if (v > max)
    {
        return false;
    }
    out = uint32_t(v);
    return true;
}

bool
ParseRange(const std::string& s, uint16_t& lo, uint16_t& hi)
{
    size_t dash = s.find('-');
    uint32_t a;
    uint32_t b;
    if (dash == std::string::npos)
    {
        if (!ParseNumber(s, 65535, a))
        {
            return false;
        }
        b = a;
    }
    else if (!ParseNumber(s.substr(0, dash), 65535, a) || !ParseNumber(s.substr(dash + 1), 65535, b)
             || a > b)
    {
        return false;
    }
    lo = uint16_t(a);
    hi = uint16_t(b);
    return true;
}

bool
ParsePrefix(const std::string& s, Ipv4Address& address, Ipv4Mask& mask)
{
    if (s == "any")
    {
        address = Ipv4Address::GetAny();
        mask = Ipv4Mask::GetZero();
        return true;
    }
    size_t slash = s.find('/');
    std::string a = s.substr(0, slash);
    uint32_t len = 32;
    if (slash != std::string::npos && !ParseNumber(s.substr(slash + 1), 32, len))
    {
        return false;
    }
    // Four dotted decimal numbers, checked here (an unparsable string aborts in ns-3.47+).
    uint32_t parts = 0;
    uint32_t value = 0;
    size_t start = 0;
    while (true)
    {
        size_t dot = a.find('.', start);
        uint32_t octet;
        if (!ParseNumber(a.substr(start, dot - start), 255, octet))
        {
            return false;
        }
        value = value << 8 | octet;
        parts++;
        if (dot == std::string::npos)
        {
            break;
        }
        start = dot + 1;
    }
    if (parts != 4)
    {
        return false;
    }
    mask = Ipv4Mask(len == 0 ? 0 : uint32_t(0xffffffffu << (32 - len)));
    address = Ipv4Address(value).CombineMask(mask);
    return true;
}

} // namespace

Ipv4FirewallRule
Ipv4FirewallRule::Parse(const std::string& text, std::string& error)
{
    Ipv4FirewallRule r;
    error.clear();
    std::istringstream in(text);
    std::vector<std::string> words;
    std::string w;
    while (in >> w)
    {
        words.push_back(w);
    }
    if (words.empty() || (words[0] != "allow" && words[0] != "deny"))
    {
        error = "a rule starts with 'allow' or 'deny'";
        return r;
    }
    r.action = words[0] == "allow" ? ALLOW : DENY;
    for (size_t i = 1; i < words.size(); i += 2)
    {
        const std::string& key = words[i];
        if (i + 1 >= words.size())
        {
            error = "'" + key + "' needs a value";
            return r;
        }
        const std::string& value = words[i + 1];
        uint32_t n;
        if (key == "proto")
        {
            if (value == "udp")
            {
                r.protocol = Ipv4TransportFields::PROT_UDP;
            }
            else if (value == "tcp")
            {
                r.protocol = Ipv4TransportFields::PROT_TCP;
            }
            else if (value == "icmp")
            {
                r.protocol = Ipv4TransportFields::PROT_ICMP;
            }
            else if (value == "esp")
            {
                r.protocol = Ipv4TransportFields::PROT_ESP;
            }
            else if (value == "any")
            {
                r.protocol = 0;
            }
            else if (ParseNumber(value, 255, n))
            {
                r.protocol = uint8_t(n);
            }
            else
            {
                error = "proto '" + value + "' (expected udp, tcp, icmp, esp, any or 0-255)";
                return r;
            }
        }
        else if (key == "from" || key == "to")
        {
            Ipv4Address a = Ipv4Address::GetAny();
            Ipv4Mask m = Ipv4Mask::GetZero();
            if (!ParsePrefix(value, a, m))
            {
                error = key + " '" + value + "' (expected A.B.C.D/LEN or any)";
                return r;
            }
            (key == "from" ? r.source : r.destination) = a;
            (key == "from" ? r.sourceMask : r.destinationMask) = m;
        }
        else if (key == "sport" || key == "dport")
        {
            bool ok = key == "sport" ? ParseRange(value, r.srcPortMin, r.srcPortMax)
                                     : ParseRange(value, r.dstPortMin, r.dstPortMax);
            if (!ok)
            {
                error = key + " '" + value + "' (expected PORT or LO-HI within 0-65535)";
                return r;
            }
        }
        else if (key == "in")
        {
            if (!ParseNumber(value, 0x7fffffff, n))
            {
                error = "in '" + value + "' (expected an interface index)";
                return r;
            }
            r.inInterface = int32_t(n);
        }
        else if (key == "name")
        {
            r.name = value;
        }
        else
        {
            error = "unknown key '" + key + "' (expected proto, from, to, sport, dport, in, name)";
            return r;
        }
    }
    return r;
}

std::string
Ipv4FirewallRule::ToString() const
{
    std::ostringstream os;
    os << (action == ALLOW ? "allow" : "deny");
    if (protocol != 0)
    {
        os << " proto " << Ipv4TransportFields::ProtocolName(protocol);
    }
    if (sourceMask.Get() != 0)
    {
        os << " from " << PrefixText(source, sourceMask);
    }
    if (destinationMask.Get() != 0)
    {
        os << " to " << PrefixText(destination, destinationMask);
    }
    if (srcPortMin != 0 || srcPortMax != 65535)
    {
        os << " sport " << RangeText(srcPortMin, srcPortMax);
    }
    if (dstPortMin != 0 || dstPortMax != 65535)
    {
        os << " dport " << RangeText(dstPortMin, dstPortMax);
    }
    if (inInterface >= 0)
    {
        os << " in " << inInterface;
    }
    if (!name.empty())
    {
        os << " name " << name;
    }
    return os.str();
}

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

size_t
Ipv4Firewall::FragmentKeyHash::operator()(const FragmentKey& k) const
{
    uint64_t a = uint64_t(k.source) << 32 | k.destination;
    uint64_t b = uint64_t(k.id) << 8 | k.protocol;
    return std::hash<uint64_t>()(a * 0x9e3779b97f4a7c15ULL ^ b);
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
    m_fragments.clear();
    m_fragmentOrder.clear();
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
Ipv4Firewall::FindFragment(const Ipv4Header& header, bool& allow)
{
    Time now = Simulator::Now();
    while (!m_fragmentOrder.empty() && m_fragmentOrder.front().first <= now)
    {
        auto it = m_fragments.find(m_fragmentOrder.front().second);
        if (it != m_fragments.end() && it->second.second <= now)
        {
            m_fragments.erase(it);
        }
        m_fragmentOrder.pop_front();
    }
    auto it = m_fragments.find(FragmentKey{header.GetSource().Get(), header.GetDestination().Get(),
                                           header.GetIdentification(), header.GetProtocol()});
    if (it == m_fragments.end())
    {
        return false;
    }
    allow = it->second.first;
    return true;
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
    if (!f.l4Present && FindFragment(header, allow))
    {
        decided = true; // follows its first fragment
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
        FragmentKey fk{header.GetSource().Get(), header.GetDestination().Get(),
                       header.GetIdentification(), header.GetProtocol()};
        Time expires = Simulator::Now() + m_fragmentTimeout;
        m_fragments[fk] = std::make_pair(allow, expires);
        m_fragmentOrder.emplace_back(expires, fk);
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
