/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-nat.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv4Nat");
NS_OBJECT_ENSURE_REGISTERED(Ipv4Nat);

uint64_t
Ipv4Nat::Counters::TotalDropped() const
{
    uint64_t n = 0;
    for (uint64_t d : dropped)
    {
        n += d;
    }
    return n;
}

TypeId
Ipv4Nat::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::Ipv4Nat")
              .SetParent<Ipv4RoutingProtocol>()
              .SetGroupName("L2tp")
              .AddConstructor<Ipv4Nat>()
              .AddAttribute("Mapping",
                            "RFC 4787 mapping behaviour: EndpointIndependent (REQ-1), "
                            "AddressDependent or AddressAndPortDependent.",
                            StringValue("EndpointIndependent"),
                            MakeStringAccessor(&Ipv4Nat::SetMapping, &Ipv4Nat::GetMapping),
                            MakeStringChecker())
              .AddAttribute("Filtering",
                            "RFC 4787 filtering behaviour: EndpointIndependent (REQ-8), "
                            "AddressDependent or AddressAndPortDependent.",
                            StringValue("EndpointIndependent"),
                            MakeStringAccessor(&Ipv4Nat::SetFiltering, &Ipv4Nat::GetFiltering),
                            MakeStringChecker())
              .AddAttribute("PortPreservation",
                            "Keep the inside port (ICMP identifier) when it is free on the "
                            "public address (RFC 4787 section 4.2.1).",
                            BooleanValue(true), MakeBooleanAccessor(&Ipv4Nat::m_portPreservation),
                            MakeBooleanChecker())
              .AddAttribute(
                  "PortAllocation",
                  "How other ports are chosen: Sequential (from a cursor) or Random "
                  "(random start from this object's stream, then upwards).",
                  StringValue("Sequential"),
                  MakeStringAccessor(&Ipv4Nat::SetPortAllocation, &Ipv4Nat::GetPortAllocation),
                  MakeStringChecker())
              .AddAttribute("PortRangeMin",
                            "First public port for inside ports >= 1024 and ICMP identifiers.",
                            UintegerValue(1024), MakeUintegerAccessor(&Ipv4Nat::m_portMin),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("PortRangeMax",
                            "Last public port for inside ports >= 1024 and ICMP identifiers.",
                            UintegerValue(65535), MakeUintegerAccessor(&Ipv4Nat::m_portMax),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("Hairpinning",
                            "Let inside hosts reach each other through their public endpoints "
                            "(RFC 4787 REQ-9).",
                            BooleanValue(true), MakeBooleanAccessor(&Ipv4Nat::m_hairpinning),
                            MakeBooleanChecker())
              .AddAttribute("UdpLifetime",
                            "Idle lifetime of a UDP mapping (RFC 4787 REQ-5: at least 2 min).",
                            TimeValue(Seconds(120)), MakeTimeAccessor(&Ipv4Nat::m_udpLifetime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TcpEstablishedLifetime",
                            "Idle lifetime of a TCP mapping once packets passed both ways and "
                            "before FIN both ways or RST (RFC 5382 REQ-5: 2 h 4 min).",
                            TimeValue(Seconds(7440)),
                            MakeTimeAccessor(&Ipv4Nat::m_tcpEstablishedLifetime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TcpTransitoryLifetime",
                            "Idle lifetime of a TCP mapping in other states (RFC 5382 REQ-5: "
                            "4 min).",
                            TimeValue(Seconds(240)),
                            MakeTimeAccessor(&Ipv4Nat::m_tcpTransitoryLifetime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("IcmpLifetime",
                            "Idle lifetime of an ICMP query mapping (RFC 5508 REQ-1: 60 s).",
                            TimeValue(Seconds(60)), MakeTimeAccessor(&Ipv4Nat::m_icmpLifetime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("EspLifetime", "Idle lifetime of an ESP passthrough binding.",
                            TimeValue(Seconds(120)), MakeTimeAccessor(&Ipv4Nat::m_espLifetime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("InboundRefresh",
                            "Inbound packets also refresh mappings (RFC 4787 REQ-6: outbound "
                            "refresh always).",
                            BooleanValue(false), MakeBooleanAccessor(&Ipv4Nat::m_inboundRefresh),
                            MakeBooleanChecker())
              .AddAttribute("EspMode",
                            "ESP (IP protocol 50): Passthrough (one inside host per peer, SPIs "
                            "tracked) or Drop.",
                            StringValue("Passthrough"),
                            MakeStringAccessor(&Ipv4Nat::SetEspMode, &Ipv4Nat::GetEspMode),
                            MakeStringChecker())
              .AddAttribute(
                  "UnmatchedInbound",
                  "UDP, TCP, ICMP query replies and ESP for a pool address with no "
                  "mapping: Drop (traced) or Deliver (to the router itself).",
                  StringValue("Drop"),
                  MakeStringAccessor(&Ipv4Nat::SetUnmatchedInbound, &Ipv4Nat::GetUnmatchedInbound),
                  MakeStringChecker())
              .AddAttribute("MaxMappingsPerHost",
                            "Mappings an inside host may hold (0: unlimited).", UintegerValue(0),
                            MakeUintegerAccessor(&Ipv4Nat::m_maxMappingsPerHost),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("FragmentTimeout",
                            "How long later fragments follow the translation of their first "
                            "fragment.",
                            TimeValue(Seconds(30)), MakeTimeAccessor(&Ipv4Nat::m_fragmentTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("MappingCreated", "A mapping or ESP binding was created.",
                              MakeTraceSourceAccessor(&Ipv4Nat::m_createdTrace),
                              "ns3::Ipv4Nat::MappingTracedCallback")
              .AddTraceSource("MappingRefreshed", "A mapping or ESP binding was refreshed.",
                              MakeTraceSourceAccessor(&Ipv4Nat::m_refreshedTrace),
                              "ns3::Ipv4Nat::MappingTracedCallback")
              .AddTraceSource("MappingExpired", "A mapping or ESP binding expired.",
                              MakeTraceSourceAccessor(&Ipv4Nat::m_expiredTrace),
                              "ns3::Ipv4Nat::MappingTracedCallback")
              .AddTraceSource("PacketTranslated",
                              "A packet was translated (payload, header before, header after).",
                              MakeTraceSourceAccessor(&Ipv4Nat::m_translatedTrace),
                              "ns3::Ipv4Nat::TranslatedTracedCallback")
              .AddTraceSource("PacketDropped", "A packet was dropped (payload, header, reason).",
                              MakeTraceSourceAccessor(&Ipv4Nat::m_dropTrace),
                              "ns3::Ipv4Nat::DropTracedCallback");
    return tid;
}

Ipv4Nat::Ipv4Nat()
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
    m_table.SetConfig(&m_config);
    m_table.SetRandomVariable(m_rng);
    m_table.SetCallbacks(MakeCallback(&Ipv4Nat::OnCreated, this),
                         MakeCallback(&Ipv4Nat::OnRefreshed, this),
                         MakeCallback(&Ipv4Nat::OnExpired, this));
}

Ipv4Nat::~Ipv4Nat()
{
    NS_LOG_FUNCTION(this);
}

void
Ipv4Nat::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_table.SetCallbacks(MakeNullCallback<void, const Ipv4NatMapping&>(),
                         MakeNullCallback<void, const Ipv4NatMapping&>(),
                         MakeNullCallback<void, const Ipv4NatMapping&>());
    m_table.Clear();
    m_fragments.Clear();
    m_inner = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

std::string
Ipv4Nat::DropReasonName(DropReason reason)
{
    static const char* names[DROP_REASON_COUNT]
        = {"no-mapping",      "filtered",   "hairpin-disabled", "esp-blocked", "esp-peer-in-use",
           "ports-exhausted", "host-limit", "truncated",        "unsupported", "fragment-no-state"};
    return reason < DROP_REASON_COUNT ? names[reason] : "unknown";
}

void
Ipv4Nat::SetMapping(std::string value)
{
    m_config.mapping = Ipv4NatMappingTable::ParseBehaviour("Mapping", value);
}

std::string
Ipv4Nat::GetMapping() const
{
    return Ipv4NatMappingTable::BehaviourName(m_config.mapping);
}

void
Ipv4Nat::SetFiltering(std::string value)
{
    m_config.filtering = Ipv4NatMappingTable::ParseBehaviour("Filtering", value);
}

std::string
Ipv4Nat::GetFiltering() const
{
    return Ipv4NatMappingTable::BehaviourName(m_config.filtering);
}

void
Ipv4Nat::SetPortAllocation(std::string value)
{
    NS_ABORT_MSG_UNLESS(value == "Sequential" || value == "Random",
                        "ns3::Ipv4Nat attribute PortAllocation: bad value '"
                            << value << "' (allowed: Sequential|Random)");
    m_config.randomPorts = value == "Random";
}

std::string
Ipv4Nat::GetPortAllocation() const
{
    return m_config.randomPorts ? "Random" : "Sequential";
}

void
Ipv4Nat::SetEspMode(std::string value)
{
    NS_ABORT_MSG_UNLESS(value == "Passthrough" || value == "Drop",
                        "ns3::Ipv4Nat attribute EspMode: bad value '"
                            << value << "' (allowed: Passthrough|Drop)");
    m_espPassthrough = value == "Passthrough";
}

std::string
Ipv4Nat::GetEspMode() const
{
    return m_espPassthrough ? "Passthrough" : "Drop";
}

void
Ipv4Nat::SetUnmatchedInbound(std::string value)
{
    NS_ABORT_MSG_UNLESS(value == "Drop" || value == "Deliver",
                        "ns3::Ipv4Nat attribute UnmatchedInbound: bad value '"
                            << value << "' (allowed: Drop|Deliver)");
    m_unmatchedDrop = value == "Drop";
}

std::string
Ipv4Nat::GetUnmatchedInbound() const
{
    return m_unmatchedDrop ? "Drop" : "Deliver";
}

void
Ipv4Nat::SyncConfig()
{
    NS_ABORT_MSG_IF(m_portMin > m_portMax, "ns3::Ipv4Nat attributes PortRangeMin ("
                                               << m_portMin << ") > PortRangeMax (" << m_portMax
                                               << ")");
    m_config.portPreservation = m_portPreservation;
    m_config.portMin = m_portMin;
    m_config.portMax = m_portMax;
    m_config.udpLifetime = m_udpLifetime;
    m_config.tcpEstablishedLifetime = m_tcpEstablishedLifetime;
    m_config.tcpTransitoryLifetime = m_tcpTransitoryLifetime;
    m_config.icmpLifetime = m_icmpLifetime;
    m_config.espLifetime = m_espLifetime;
    m_config.maxMappingsPerHost = m_maxMappingsPerHost;
    m_fragments.SetTimeout(m_fragmentTimeout);
}

void
Ipv4Nat::SetInnerRoutingProtocol(Ptr<Ipv4RoutingProtocol> inner)
{
    NS_ABORT_MSG_IF(inner == nullptr, "Ipv4Nat needs a routing protocol to wrap");
    NS_ABORT_MSG_IF(inner == this, "Ipv4Nat cannot wrap itself");
    m_inner = inner;
}

Ptr<Ipv4RoutingProtocol>
Ipv4Nat::GetInnerRoutingProtocol() const
{
    return m_inner;
}

void
Ipv4Nat::SetOutsideInterface(uint32_t interface)
{
    m_outside = int32_t(interface);
}

uint32_t
Ipv4Nat::GetOutsideInterface() const
{
    return uint32_t(m_outside);
}

void
Ipv4Nat::AddInsideInterface(uint32_t interface)
{
    if (m_inside.size() <= interface)
    {
        m_inside.resize(interface + 1, false);
    }
    m_inside[interface] = true;
}

bool
Ipv4Nat::IsInside(int32_t interface) const
{
    return interface >= 0 && uint32_t(interface) < m_inside.size() && m_inside[interface];
}

void
Ipv4Nat::AddPublicAddress(Ipv4Address address)
{
    m_table.AddPublicAddress(address);
}

std::vector<Ipv4Address>
Ipv4Nat::GetPublicAddresses() const
{
    return m_table.GetPublicAddresses();
}

void
Ipv4Nat::EnsurePool()
{
    if (!m_table.GetPublicAddresses().empty())
    {
        return;
    }
    NS_ABORT_MSG_IF(m_ipv4 == nullptr || m_outside < 0
                        || m_ipv4->GetNAddresses(uint32_t(m_outside)) == 0,
                    "Ipv4Nat: no public address (no pool and no address on the outside "
                    "interface)");
    m_table.AddPublicAddress(m_ipv4->GetAddress(uint32_t(m_outside), 0).GetLocal());
}

bool
Ipv4Nat::AddStaticMapping(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                          Ipv4Address publicAddress, uint16_t publicPort)
{
    NS_ABORT_MSG_UNLESS(
        protocol == Ipv4TransportFields::PROT_TCP || protocol == Ipv4TransportFields::PROT_UDP,
        "Ipv4Nat::AddStaticMapping: protocol " << unsigned(protocol) << " (allowed: 6, 17)");
    SyncConfig();
    return m_table.AddStatic(protocol, inside, insidePort, publicAddress, publicPort);
}

const Ipv4Nat::Counters&
Ipv4Nat::GetCounters() const
{
    return m_counters;
}

std::vector<Ipv4NatMapping>
Ipv4Nat::GetMappings() const
{
    return m_table.GetMappings();
}

uint32_t
Ipv4Nat::GetNMappings() const
{
    return m_table.GetN();
}

int64_t
Ipv4Nat::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
Ipv4Nat::OnCreated(const Ipv4NatMapping& m)
{
    m_counters.mappingsCreated++;
    m_createdTrace(m);
}

void
Ipv4Nat::OnRefreshed(const Ipv4NatMapping& m)
{
    m_counters.mappingsRefreshed++;
    m_refreshedTrace(m);
}

void
Ipv4Nat::OnExpired(const Ipv4NatMapping& m)
{
    m_counters.mappingsExpired++;
    m_expiredTrace(m);
}

// ------------------------------------------------------------------------------------------
// Ipv4RoutingProtocol
// ------------------------------------------------------------------------------------------

void
Ipv4Nat::ForwardOutbound(UnicastForwardCallback ucb, Ptr<Ipv4Route> route, Ptr<const Packet> p,
                         const Ipv4Header& header)
{
    if (m_outside < 0 || route->GetOutputDevice() != m_ipv4->GetNetDevice(uint32_t(m_outside))
        || header.GetTtl() <= 1)
    {
        // Not leaving through the outside interface, or about to be dropped by IpForward
        // (which sends the Time Exceeded to the inside host): no translation.
        ucb(route, p, header);
        return;
    }
    Ptr<Packet> out;
    Ipv4Header outHeader;
    if (TranslateOutbound(p, header, out, outHeader))
    {
        ucb(route, out, outHeader);
    }
}

bool
Ipv4Nat::RouteInput(Ptr<const Packet> p, const Ipv4Header& header, Ptr<const NetDevice> idev,
                    L2TP_ROUTE_CB(UnicastForwardCallback) ucb,
                    L2TP_ROUTE_CB(MulticastForwardCallback) mcb,
                    L2TP_ROUTE_CB(LocalDeliverCallback) lcb, L2TP_ROUTE_CB(ErrorCallback) ecb)
{
    NS_LOG_FUNCTION(this << p << header << idev);
    NS_ABORT_MSG_IF(m_inner == nullptr || m_ipv4 == nullptr,
                    "Ipv4Nat: not installed (use NatHelper, or SetInnerRoutingProtocol and "
                    "Ipv4::SetRoutingProtocol)");
    SyncConfig();
    EnsurePool();
    int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    bool toPublic = m_table.IsPublicAddress(header.GetDestination());
    Ptr<Packet> out;
    Ipv4Header outHeader;
    if (iif == m_outside && toPublic)
    {
        switch (TranslateInbound(p, header, out, outHeader))
        {
            case VERDICT_TRANSLATED:
                return m_inner->RouteInput(out, outHeader, idev, ucb, mcb, lcb, ecb);
            case VERDICT_DROPPED:
                return true;
            default:
                m_counters.deliveredLocally++;
                return m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
        }
    }
    if (IsInside(iif))
    {
        if (toPublic)
        {
            switch (TranslateHairpin(p, header, out, outHeader))
            {
                case VERDICT_TRANSLATED:
                    return m_inner->RouteInput(out, outHeader, idev, ucb, mcb, lcb, ecb);
                case VERDICT_DROPPED:
                    return true;
                default:
                    m_counters.deliveredLocally++;
                    return m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
            }
        }
        UnicastForwardCallback hook = MakeCallback(&Ipv4Nat::ForwardOutbound, this, ucb);
        return m_inner->RouteInput(p, header, idev, hook, mcb, lcb, ecb);
    }
    return m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

Ptr<Ipv4Route>
Ipv4Nat::RouteOutput(Ptr<Packet> p, const Ipv4Header& header, Ptr<NetDevice> oif,
                     Socket::SocketErrno& sockerr)
{
    NS_ABORT_MSG_IF(m_inner == nullptr, "Ipv4Nat: no wrapped routing protocol");
    return m_inner->RouteOutput(p, header, oif, sockerr);
}

void
Ipv4Nat::NotifyInterfaceUp(uint32_t interface)
{
    if (m_inner)
    {
        m_inner->NotifyInterfaceUp(interface);
    }
}

void
Ipv4Nat::NotifyInterfaceDown(uint32_t interface)
{
    if (m_inner)
    {
        m_inner->NotifyInterfaceDown(interface);
    }
}

void
Ipv4Nat::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    if (m_inner)
    {
        m_inner->NotifyAddAddress(interface, address);
    }
}

void
Ipv4Nat::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    if (m_inner)
    {
        m_inner->NotifyRemoveAddress(interface, address);
    }
}

void
Ipv4Nat::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
}

void
Ipv4Nat::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream* os = stream->GetStream();
    *os << "Ipv4Nat: outside interface " << m_outside << ", mapping " << GetMapping()
        << ", filtering " << GetFiltering() << ", " << m_table.GetN() << " mappings" << std::endl;
    for (const auto& m : m_table.GetMappings())
    {
        *os << "  " << m.ToString() << std::endl;
    }
    if (m_inner)
    {
        m_inner->PrintRoutingTable(stream, unit);
    }
}

} // namespace ns3
