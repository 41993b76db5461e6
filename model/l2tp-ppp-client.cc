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
    m_device = nullptr;
    L2tpLac::DoDispose();
}

void
L2tpPppClient::DoInitialize()
{
    // Before the simulation delivers packets: adding a device and an IPv4 interface from
    // inside a receive path would change the protocol handler lists being iterated.
    EnsureDevice();
    L2tpLac::DoInitialize();
}

void
L2tpPppClient::EnsureDevice()
{
    if (m_device != nullptr)
    {
        return;
    }
    Ptr<Node> node = GetNode();
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(ipv4 == nullptr, "L2tpPppClient: the node needs an Internet stack");
    m_device = CreateObject<PppNetDevice>();
    m_device->SetMtu(m_mtu);
    node->AddDevice(m_device);
    m_if = ipv4->AddInterface(m_device);
    ipv4->SetDown(m_if);
}

Ptr<PppNetDevice>
L2tpPppClient::GetDevice() const
{
    return m_device;
}

Ptr<PppEndpoint>
L2tpPppClient::GetEndpoint() const
{
    return m_binding == nullptr ? nullptr : m_binding->GetEndpoint();
}

int32_t
L2tpPppClient::GetInterface() const
{
    return m_if;
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
    ep->SetIpv4ReceiveCallback(MakeCallback(&PppNetDevice::Receive, m_device));
    m_device->SetEndpoint(ep);
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
        m_device->SetEndpoint(nullptr);
        Simulator::ScheduleNow(&L2tpPppBinding::Dispose, keep);
    }
}

void
L2tpPppClient::IpcpUp(L2tpPppBinding*, Ipv4Address local, Ipv4Address peer)
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    Ipv4StaticRoutingHelper helper;
    Ptr<Ipv4StaticRouting> rt = helper.GetStaticRouting(ipv4);
    NS_ABORT_MSG_IF(rt == nullptr, "L2tpPppClient: the node needs Ipv4StaticRouting");
    m_local = local;
    ipv4->AddAddress(m_if, Ipv4InterfaceAddress(local, Ipv4Mask("255.255.255.255")));
    ipv4->SetUp(m_if);
    m_device->SetLinkUp(true);
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
        rt->AddNetworkRouteTo(Ipv4Address("0.0.0.0"), Ipv4Mask("128.0.0.0"), m_if);
        rt->AddNetworkRouteTo(Ipv4Address("128.0.0.0"), Ipv4Mask("128.0.0.0"), m_if);
    }
    else
    {
        rt->AddNetworkRouteTo(m_splitNetwork, m_splitMask, m_if);
    }
    m_routed = true;
    NS_LOG_INFO("PPP interface " << m_if << " up: " << local << " peer " << peer
                                 << (m_fullTunnel ? " (full tunnel)" : " (split tunnel)"));
    m_upTrace(local, peer);
}

void
L2tpPppClient::RemoveRoutes()
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    Ipv4StaticRoutingHelper helper;
    Ptr<Ipv4StaticRouting> rt = helper.GetStaticRouting(ipv4);
    for (uint32_t i = rt->GetNRoutes(); i-- > 0;)
    {
        Ipv4RoutingTableEntry e = rt->GetRoute(i);
        if (e.GetInterface() == static_cast<uint32_t>(m_if)
            || (m_lnsHostRoute != Ipv4Address::GetAny() && e.IsHost()
                && e.GetDest() == m_lnsHostRoute))
        {
            rt->RemoveRoute(i);
        }
    }
    m_lnsHostRoute = Ipv4Address::GetAny();
    for (uint32_t a = ipv4->GetNAddresses(m_if); a-- > 0;)
    {
        ipv4->RemoveAddress(m_if, a);
    }
    ipv4->SetDown(m_if);
    m_device->SetLinkUp(false);
    m_routed = false;
}

void
L2tpPppClient::LinkDown(L2tpPppBinding*, uint16_t)
{
    if (m_routed)
    {
        RemoveRoutes();
    }
}

} // namespace ns3
