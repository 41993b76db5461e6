/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-ppp-client.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include "ppp-lcp.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpPppClient");
NS_OBJECT_ENSURE_REGISTERED(L2tpPppClient);

TypeId
L2tpPppClient::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpPppClient")
              .SetParent<L2tpLac>()
              .SetGroupName("L2tp")
              .AddConstructor<L2tpPppClient>()
              .AddAttribute("Username", "PPP user name", StringValue("user"),
                            MakeStringAccessor(&L2tpPppClient::m_user), MakeStringChecker())
              .AddAttribute("Password", "PPP password (PAP) or secret (CHAP)", StringValue(""),
                            MakeStringAccessor(&L2tpPppClient::m_password), MakeStringChecker())
              .AddAttribute("FullTunnel",
                            "true: default route into the tunnel (host route to the LNS kept on "
                            "the physical path); false: split tunnel (SplitNetwork/SplitMask only)",
                            BooleanValue(true), MakeBooleanAccessor(&L2tpPppClient::m_fullTunnel),
                            MakeBooleanChecker())
              .AddAttribute("SplitNetwork", "Split tunnel: the corporate prefix",
                            Ipv4AddressValue(Ipv4Address("10.0.0.0")),
                            MakeIpv4AddressAccessor(&L2tpPppClient::m_splitNetwork),
                            MakeIpv4AddressChecker())
              .AddAttribute("SplitMask", "Split tunnel: the corporate prefix's mask",
                            Ipv4MaskValue(Ipv4Mask("255.0.0.0")),
                            MakeIpv4MaskAccessor(&L2tpPppClient::m_splitMask),
                            MakeIpv4MaskChecker())
              .AddAttribute("Mtu", "MTU of the PPP interface", UintegerValue(1400),
                            MakeUintegerAccessor(&L2tpPppClient::m_mtu),
                            MakeUintegerChecker<uint16_t>(68))
              .AddTraceSource("EndpointCreated",
                              "A session got its PPP endpoint (traced before the endpoint starts)",
                              MakeTraceSourceAccessor(&L2tpPppClient::m_endpointTrace),
                              "ns3::L2tpPppClient::EndpointTracedCallback")
              .AddTraceSource("LinkUp",
                              "IPCP opened and the address and routes are in place (local, peer)",
                              MakeTraceSourceAccessor(&L2tpPppClient::m_upTrace),
                              "ns3::PppEndpoint::AddressTracedCallback");
    return tid;
}

L2tpPppClient::L2tpPppClient()
    : m_local(Ipv4Address::GetAny())
    , m_lnsHostRoute(Ipv4Address::GetAny())
{
}

L2tpPppClient::~L2tpPppClient() = default;

void
L2tpPppClient::DoDispose()
{
    if (m_binding != nullptr)
    {
        m_binding->Dispose();
        m_binding = nullptr;
    }
    if (m_iface != nullptr)
    {
        m_iface->Dispose();
        m_iface = nullptr;
    }
    L2tpLac::DoDispose();
}

void
L2tpPppClient::DoInitialize()
{
    EnsureDevice(); // before the simulation delivers packets (see PppClientInterface)
    L2tpLac::DoInitialize();
}

void
L2tpPppClient::EnsureDevice()
{
    if (m_iface == nullptr)
    {
        m_iface = Create<PppClientInterface>(GetNode(), m_mtu);
    }
}

Ptr<PppNetDevice>
L2tpPppClient::GetDevice() const
{
    return m_iface == nullptr ? nullptr : m_iface->GetDevice();
}

Ptr<PppEndpoint>
L2tpPppClient::GetEndpoint() const
{
    return m_binding == nullptr ? nullptr : m_binding->GetEndpoint();
}

int32_t
L2tpPppClient::GetInterface() const
{
    return m_iface == nullptr ? -1 : m_iface->GetInterface();
}

void
L2tpPppClient::SessionUp(Ptr<L2tpSession> s)
{
    L2tpLac::SessionUp(s);
    if (m_binding != nullptr)
    {
        s->Close(3, 0, 0, "one PPP link per client");
        return;
    }
    EnsureDevice();
    Ptr<PppEndpoint> ep = CreateObject<PppEndpoint>();
    ep->SetRole(PppEndpoint::CLIENT);
    ep->SetAttribute("Username", StringValue(m_user));
    ep->SetAttribute("Password", StringValue(m_password));
    // RFC 2661 leaves Address/Control and the full protocol field to LCP; like pppd over
    // L2TP we keep ff 03 and the 2-byte protocol (no ACFC / PFC requested).
    ep->GetLcp()->SetAttribute("RequestAcfc", BooleanValue(false));
    ep->GetLcp()->SetAttribute("RequestPfc", BooleanValue(false));
    m_iface->SetEndpoint(ep);
    m_binding = Create<L2tpPppBinding>(s, ep);
    m_binding->SetCallbacks(MakeCallback(&L2tpPppClient::IpcpUp, this),
                            MakeCallback(&L2tpPppClient::LinkDown, this));
    m_endpointTrace(s, ep);
    m_binding->Start();
}

void
L2tpPppClient::Receive(Ptr<L2tpSession> s, Ptr<Packet> p)
{
    L2tpLac::Receive(s, p);
    if (m_binding != nullptr && m_binding->GetSession() == s)
    {
        m_binding->Receive(p);
    }
}

void
L2tpPppClient::SessionDown(Ptr<L2tpSession> s, uint16_t result)
{
    L2tpLac::SessionDown(s, result);
    if (m_binding != nullptr && m_binding->GetSession() == s)
    {
        m_binding->SessionGone();
        // The endpoint may be on the call stack: dispose of it afterwards.
        Ptr<L2tpPppBinding> keep = m_binding;
        m_binding = nullptr;
        m_iface->SetEndpoint(nullptr);
        Simulator::ScheduleNow(&L2tpPppBinding::Dispose, keep);
    }
}

void
L2tpPppClient::IpcpUp(L2tpPppBinding*, Ipv4Address local, Ipv4Address peer)
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    Ptr<Ipv4StaticRouting> rt = m_iface->GetRouting();
    const int32_t ifIndex = m_iface->GetInterface();
    m_local = local;
    m_iface->Up(local);
    if (m_fullTunnel)
    {
        // Keep the tunnel itself on the physical path: ask the routing for the LNS now.
        Ipv4AddressValue lnsValue;
        GetAttribute("LnsAddress", lnsValue);
        const Ipv4Address lns = lnsValue.Get();
        Ipv4Header h;
        h.SetDestination(lns);
        Socket::SocketErrno err;
        Ptr<Ipv4Route> r = ipv4->GetRoutingProtocol()->RouteOutput(nullptr, h, nullptr, err);
        NS_ABORT_MSG_IF(r == nullptr, "L2tpPppClient: no route to the LNS " << lns);
        rt->AddHostRouteTo(lns, r->GetGateway(), ipv4->GetInterfaceForDevice(r->GetOutputDevice()));
        m_lnsHostRoute = lns;
        // Two /1 routes (0/1 and 128/1) rather than a /0: they beat the node's existing
        // default route by prefix length without removing it, and lose to the /32 above.
        rt->AddNetworkRouteTo(Ipv4Address("0.0.0.0"), Ipv4Mask("128.0.0.0"), ifIndex);
        rt->AddNetworkRouteTo(Ipv4Address("128.0.0.0"), Ipv4Mask("128.0.0.0"), ifIndex);
    }
    else
    {
        rt->AddNetworkRouteTo(m_splitNetwork, m_splitMask, ifIndex);
    }
    NS_LOG_INFO("PPP interface " << ifIndex << " up: " << local << " peer " << peer
                                 << (m_fullTunnel ? " (full tunnel)" : " (split tunnel)"));
    m_upTrace(local, peer);
}

void
L2tpPppClient::RemoveRoutes()
{
    Ptr<Ipv4StaticRouting> rt = m_iface->GetRouting();
    for (uint32_t i = rt->GetNRoutes(); i-- > 0;)
    {
        Ipv4RoutingTableEntry e = rt->GetRoute(i);
        if (m_lnsHostRoute != Ipv4Address::GetAny() && e.IsHost() && e.GetDest() == m_lnsHostRoute)
        {
            rt->RemoveRoute(i);
        }
    }
    m_lnsHostRoute = Ipv4Address::GetAny();
    m_iface->Down(); // the routes through the interface, its address
}

void
L2tpPppClient::LinkDown(L2tpPppBinding*, uint16_t)
{
    if (m_iface->IsUp())
    {
        RemoveRoutes();
    }
}

} // namespace ns3
