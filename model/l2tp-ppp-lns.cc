/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-ppp-lns.h"

#include "l2tp-ns3-compat.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
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

NS_LOG_COMPONENT_DEFINE("L2tpPppLns");
NS_OBJECT_ENSURE_REGISTERED(L2tpPppLns);

TypeId
L2tpPppLns::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpPppLns")
              .SetParent<L2tpLns>()
              .SetGroupName("L2tp")
              .AddConstructor<L2tpPppLns>()
              .AddAttribute("Users", "User database: \"name=password,name2=password2\"",
                            StringValue(""), MakeStringAccessor(&L2tpPppLns::m_usersText),
                            MakeStringChecker())
              .AddAttribute("Authentication",
                            "Authentication the clients must perform: none, "
                            "pap or chap (CHAP-MD5)",
                            StringValue("chap"), MakeStringAccessor(&L2tpPppLns::m_auth),
                            MakeStringChecker())
              .AddAttribute("PoolNetwork",
                            "Prefix of the PPP addresses: the LNS is PoolNetwork + 1, clients "
                            "get PoolNetwork + 2 onwards",
                            Ipv4AddressValue(Ipv4Address("10.255.0.0")),
                            MakeIpv4AddressAccessor(&L2tpPppLns::m_poolNetwork),
                            MakeIpv4AddressChecker())
              .AddAttribute("PoolMask", "Mask of PoolNetwork (one route covers every client)",
                            Ipv4MaskValue(Ipv4Mask("255.255.0.0")),
                            MakeIpv4MaskAccessor(&L2tpPppLns::m_poolMask), MakeIpv4MaskChecker())
              .AddAttribute("PoolSize", "Number of client addresses", UintegerValue(65533),
                            MakeUintegerAccessor(&L2tpPppLns::m_poolSize),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("Mtu", "MTU of the shared PPP interface", UintegerValue(1400),
                            MakeUintegerAccessor(&L2tpPppLns::m_mtu),
                            MakeUintegerChecker<uint16_t>(68))
              .AddAttribute(
                  "ProxyMode",
                  "Compulsory mode: Accept adopts the LCP and authentication a LAC "
                  "proxied in the ICCN (RFC 2661 4.4.5); Renegotiate ignores them and "
                  "starts LCP afresh with the user",
                  EnumValue(PROXY_ACCEPT), L2TP_ENUM_ACCESSOR(ProxyMode, &L2tpPppLns::m_proxyMode),
                  MakeEnumChecker(PROXY_ACCEPT, "Accept", PROXY_RENEGOTIATE, "Renegotiate"))
              .AddTraceSource("Proxy",
                              "An ICCN carried proxy AVPs (session, accepted / renegotiated / "
                              "failed, user)",
                              MakeTraceSourceAccessor(&L2tpPppLns::m_proxyTrace),
                              "ns3::L2tpPppLns::ProxyTracedCallback")
              .AddTraceSource("EndpointCreated",
                              "A session got its PPP endpoint (traced before the endpoint starts)",
                              MakeTraceSourceAccessor(&L2tpPppLns::m_endpointTrace),
                              "ns3::L2tpPppLns::EndpointTracedCallback")
              .AddTraceSource("CdnSent",
                              "A session was cleared because its PPP link died (session id, "
                              "result code, message)",
                              MakeTraceSourceAccessor(&L2tpPppLns::m_cdnTrace),
                              "ns3::L2tpPppLns::CdnTracedCallback");
    return tid;
}

L2tpPppLns::L2tpPppLns()
    : m_poolNetwork(Ipv4Address("10.255.0.0"))
    , m_poolSize(65533)
    , m_mtu(1400)
{
}

L2tpPppLns::~L2tpPppLns() = default;

void
L2tpPppLns::DoDispose()
{
    for (auto& kv : m_bindings)
    {
        kv.second->Dispose();
    }
    m_bindings.clear();
    m_device = nullptr;
    m_pool = nullptr;
    L2tpLns::DoDispose();
}

void
L2tpPppLns::DoInitialize()
{
    // Before the simulation delivers packets: adding a device and an IPv4 interface from
    // inside a receive path would change the protocol handler lists being iterated.
    EnsureDevice();
    L2tpLns::DoInitialize();
}

void
L2tpPppLns::AddUser(const std::string& name, const std::string& password)
{
    m_users[name] = password;
}

bool
L2tpPppLns::LookupUser(const std::string& name, std::string& password)
{
    ParseUsers();
    const auto it = m_users.find(name);
    if (it == m_users.end())
    {
        return false;
    }
    password = it->second;
    return true;
}

void
L2tpPppLns::ParseUsers()
{
    size_t pos = 0;
    while (pos < m_usersText.size())
    {
        size_t end = m_usersText.find(',', pos);
        if (end == std::string::npos)
        {
            end = m_usersText.size();
        }
        const std::string item = m_usersText.substr(pos, end - pos);
        const size_t eq = item.find('=');
        NS_ABORT_MSG_IF(eq == std::string::npos || eq == 0,
                        "L2tpPppLns::Users: expected name=password, got '" << item << "'");
        m_users[item.substr(0, eq)] = item.substr(eq + 1);
        pos = end + 1;
    }
    m_usersText.clear();
}

Ptr<PppAddressPool>
L2tpPppLns::GetPool()
{
    if (m_pool == nullptr)
    {
        m_pool = CreateObject<PppAddressPool>();
        m_pool->SetRange(Ipv4Address(m_poolNetwork.CombineMask(m_poolMask).Get() + 2), m_poolSize);
    }
    return m_pool;
}

Ptr<PppNetDevice>
L2tpPppLns::GetDevice() const
{
    return m_device;
}

uint32_t
L2tpPppLns::GetPppSessionCount() const
{
    return static_cast<uint32_t>(m_bindings.size());
}

Ptr<PppEndpoint>
L2tpPppLns::FindEndpoint(Ipv4Address peer) const
{
    return m_device == nullptr ? nullptr : m_device->FindPeer(peer);
}

void
L2tpPppLns::EnsureDevice()
{
    if (m_device != nullptr)
    {
        return;
    }
    GetPool();
    Ptr<Node> node = GetNode();
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(ipv4 == nullptr, "L2tpPppLns: the node needs an Internet stack");
    m_device = CreateObject<PppNetDevice>();
    m_device->SetMtu(m_mtu);
    node->AddDevice(m_device);
    m_if = ipv4->AddInterface(m_device);
    const Ipv4Address net = m_poolNetwork.CombineMask(m_poolMask);
    ipv4->AddAddress(m_if,
                     Ipv4InterfaceAddress(Ipv4Address(net.Get() + 1), Ipv4Mask("255.255.255.255")));
    ipv4->SetUp(m_if);
    m_device->SetLinkUp(true);
    Ipv4StaticRoutingHelper helper;
    Ptr<Ipv4StaticRouting> rt = helper.GetStaticRouting(ipv4);
    NS_ABORT_MSG_IF(rt == nullptr, "L2tpPppLns: the node needs Ipv4StaticRouting");
    rt->AddNetworkRouteTo(net, m_poolMask, m_if);
}

void
L2tpPppLns::SessionUp(Ptr<L2tpSession> s)
{
    L2tpLns::SessionUp(s);
    EnsureDevice();
    ParseUsers();
    const Ipv4Address net = m_poolNetwork.CombineMask(m_poolMask);
    Ptr<PppEndpoint> ep = CreateObject<PppEndpoint>();
    ep->SetRole(PppEndpoint::SERVER);
    ep->GetLcp()->SetAttribute("Authentication", StringValue(m_auth));
    ep->GetLcp()->SetAttribute("RequestAcfc", BooleanValue(false));
    ep->GetLcp()->SetAttribute("RequestPfc", BooleanValue(false));
    ep->SetUserLookup(MakeCallback(&L2tpPppLns::LookupUser, this)); // O(1) per session
    ep->SetServerAddressing(Ipv4Address(net.Get() + 1), m_pool);
    ep->SetIpv4ReceiveCallback(MakeCallback(&PppNetDevice::Receive, m_device));
    Ptr<L2tpPppBinding> b = Create<L2tpPppBinding>(s, ep);
    b->SetCallbacks(MakeCallback(&L2tpPppLns::IpcpUp, this),
                    MakeCallback(&L2tpPppLns::LinkDown, this));
    m_bindings[PeekPointer(s)] = b;
    m_endpointTrace(s, ep);
    const bool compulsory = s->FindCallAvp(L2tpAvp::PROXY_AUTHEN_TYPE) != nullptr
                            || s->FindCallAvp(L2tpAvp::LAST_SENT_LCP_CONFREQ) != nullptr;
    if (!StartFromProxy(s, ep))
    {
        if (compulsory)
        {
            b->EnableSli(); // our own LCP may change the line's ACCMs: tell the LAC
        }
        b->Start();
    }
}

bool
L2tpPppLns::StartFromProxy(Ptr<L2tpSession> s, Ptr<PppEndpoint> ep)
{
    const L2tpAvp* type = s->FindCallAvp(L2tpAvp::PROXY_AUTHEN_TYPE);
    const L2tpAvp* sent = s->FindCallAvp(L2tpAvp::LAST_SENT_LCP_CONFREQ);
    const L2tpAvp* recv = s->FindCallAvp(L2tpAvp::LAST_RECEIVED_LCP_CONFREQ);
    if (type == nullptr && sent == nullptr && recv == nullptr)
    {
        return false; // voluntary mode: no LAC negotiated anything
    }
    const L2tpAvp* name = s->FindCallAvp(L2tpAvp::PROXY_AUTHEN_NAME);
    const std::string user = name == nullptr ? "" : name->GetString();
    if (m_proxyMode == PROXY_RENEGOTIATE || sent == nullptr || recv == nullptr || type == nullptr)
    {
        NS_LOG_INFO("session " << s->GetLocalId() << ": proxy AVPs ignored, renegotiating");
        s->SetCallAvps({});
        m_proxyTrace(s, "renegotiated", user);
        return false;
    }
    PppEndpoint::ProxyInfo info;
    info.lastSentConfReq = sent->GetValue();
    info.lastReceivedConfReq = recv->GetValue();
    info.authType = type->GetU16().value_or(0);
    info.name = user;
    if (const L2tpAvp* c = s->FindCallAvp(L2tpAvp::PROXY_AUTHEN_CHALLENGE))
    {
        info.challenge = c->GetValue();
    }
    if (const L2tpAvp* id = s->FindCallAvp(L2tpAvp::PROXY_AUTHEN_ID))
    {
        info.id = id->GetProxyAuthenId().value_or(0);
    }
    if (const L2tpAvp* r = s->FindCallAvp(L2tpAvp::PROXY_AUTHEN_RESPONSE))
    {
        info.response = r->GetValue();
    }
    s->SetCallAvps({}); // adopted or not, they are not needed any more
    std::string reason;
    if (m_auth != "none" && info.authType != PppEndpoint::PROXY_AUTH_CHAP
        && info.authType != PppEndpoint::PROXY_AUTH_PAP)
    {
        // We require authentication and the LAC did not collect any: ask for it ourselves.
        NS_LOG_INFO("session " << s->GetLocalId() << ": no proxied authentication; renegotiating");
        m_proxyTrace(s, "renegotiated", user);
        return false;
    }
    if (!ep->AdoptProxy(info, reason))
    {
        // RFC 2661 4.4.5: an LNS that cannot use the proxied LCP renegotiates.
        NS_LOG_INFO("session " << s->GetLocalId() << ": " << reason << "; renegotiating");
        m_proxyTrace(s, "renegotiated", user);
        return false;
    }
    // The proxied authentication was checked synchronously (Success / Failure sent).
    const bool failed = ep->GetCounters().authFailures > 0;
    NS_LOG_INFO("session " << s->GetLocalId() << ": proxied LCP adopted, " << user << " "
                           << (failed ? "failed" : "accepted"));
    m_proxyTrace(s, failed ? "failed" : "accepted", user);
    return true;
}

void
L2tpPppLns::Receive(Ptr<L2tpSession> s, Ptr<Packet> p)
{
    L2tpLns::Receive(s, p);
    auto it = m_bindings.find(PeekPointer(s));
    if (it != m_bindings.end())
    {
        it->second->Receive(p);
    }
}

void
L2tpPppLns::IpcpUp(L2tpPppBinding* b, Ipv4Address, Ipv4Address peer)
{
    m_device->AddPeer(peer, b->GetEndpoint());
}

void
L2tpPppLns::Forget(L2tpSession* s)
{
    auto it = m_bindings.find(s);
    if (it == m_bindings.end())
    {
        return;
    }
    Ptr<L2tpPppBinding> b = it->second;
    m_bindings.erase(it);
    if (b->GetPeerAddress() != Ipv4Address::GetAny())
    {
        m_device->RemovePeer(b->GetPeerAddress());
    }
    // The endpoint may be on the call stack: dispose of it afterwards.
    Simulator::ScheduleNow(&L2tpPppBinding::Dispose, b);
}

void
L2tpPppLns::LinkDown(L2tpPppBinding* b, uint16_t result)
{
    Ptr<L2tpSession> s = b->GetSession();
    if (result != 0)
    {
        m_cdnTrace(s->GetLocalId(), result, b->GetCdnMessage());
    }
    Forget(PeekPointer(s));
}

void
L2tpPppLns::SessionDown(Ptr<L2tpSession> s, uint16_t result)
{
    L2tpLns::SessionDown(s, result);
    auto it = m_bindings.find(PeekPointer(s));
    if (it != m_bindings.end())
    {
        it->second->SessionGone(); // LinkDown(b, 0) forgets it
    }
}

} // namespace ns3
