/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-lns.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpLns");
NS_OBJECT_ENSURE_REGISTERED(L2tpLns);

TypeId
L2tpLns::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpLns")
              .SetParent<L2tpApplication>()
              .SetGroupName("L2tp")
              .AddConstructor<L2tpLns>()
              .AddAttribute("MaxTunnels",
                            "Tunnels accepted at once; more are refused with StopCCN result 2, "
                            "error 4 (insufficient resources)",
                            UintegerValue(65535), MakeUintegerAccessor(&L2tpLns::m_maxTunnels),
                            MakeUintegerChecker<uint32_t>(0, 65535))
              .AddAttribute("MaxSessions",
                            "Sessions per tunnel; more are refused with CDN result 4 (temporary "
                            "lack of facilities)",
                            UintegerValue(65535), MakeUintegerAccessor(&L2tpLns::m_maxSessions),
                            MakeUintegerChecker<uint32_t>(0, 65535))
              .AddAttribute("Secrets", "Per-peer secrets, \"a.b.c.d=secret,...\"", StringValue(""),
                            MakeStringAccessor(&L2tpLns::m_secrets), MakeStringChecker())
              .AddAttribute("RequireKnownPeer",
                            "Refuse peers that have no entry in Secrets (StopCCN result 4)",
                            BooleanValue(false), MakeBooleanAccessor(&L2tpLns::m_requireKnown),
                            MakeBooleanChecker())
              .AddAttribute("Echo", "Send every received payload back on its session",
                            BooleanValue(false), MakeBooleanAccessor(&L2tpLns::m_echo),
                            MakeBooleanChecker());
    return tid;
}

L2tpLns::L2tpLns() {}

L2tpLns::~L2tpLns() {}

void
L2tpLns::DoDispose()
{
    L2tpApplication::DoDispose();
}

uint32_t
L2tpLns::GetTunnelsAccepted() const
{
    return m_accepted;
}

uint32_t
L2tpLns::GetTunnelsRefused() const
{
    return m_refused;
}

void
L2tpLns::ParseSecrets()
{
    m_peerSecrets.clear();
    std::stringstream ss(m_secrets);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        if (item.empty())
        {
            continue;
        }
        auto eq = item.find('=');
        NS_ABORT_MSG_IF(eq == std::string::npos || eq == 0,
                        "L2tpLns::Secrets: expected \"a.b.c.d=secret\", got \"" << item << "\"");
        Ipv4Address a;
        a = Ipv4Address(item.substr(0, eq).c_str());
        m_peerSecrets[a] = item.substr(eq + 1);
    }
}

std::string
L2tpLns::SecretFor(Ipv4Address peer) const
{
    auto it = m_peerSecrets.find(peer);
    return it == m_peerSecrets.end() ? m_secret : it->second;
}

void
L2tpLns::StartApplication()
{
    ParseSecrets();
    Ptr<L2tpProtocol> p = GetProtocol();
    p->SetSecretLookup(MakeCallback(&L2tpLns::SecretFor, this));
    p->SetIncomingTunnelCallback(MakeCallback(&L2tpLns::Incoming, this));
}

void
L2tpLns::StopApplication()
{
    Ptr<L2tpProtocol> p = GetProtocol();
    p->SetIncomingTunnelCallback(L2tpProtocol::IncomingTunnelCallback());
}

void
L2tpLns::Incoming(Ptr<L2tpTunnel> t, Ipv4Address peer)
{
    ConfigureTunnel(t, SecretFor(peer));
    t->SetSessionAdmissionCallback(MakeCallback(&L2tpLns::Admit, this));
    // The new tunnel is already counted by the protocol.
    if (GetProtocol()->GetTunnelCount() > m_maxTunnels)
    {
        ++m_refused;
        t->SetRefusal(L2tpTunnel::STOPCCN_GENERAL_ERROR, L2tpTunnel::ERR_NO_RESOURCES,
                      "maximum number of tunnels reached");
        return;
    }
    if (m_requireKnown && m_peerSecrets.count(peer) == 0)
    {
        ++m_refused;
        t->SetRefusal(L2tpTunnel::STOPCCN_NOT_AUTHORIZED, 0, "peer not authorized");
        return;
    }
    ++m_accepted;
}

uint16_t
L2tpLns::Admit(Ptr<L2tpTunnel> t)
{
    return t->GetSessionCount() >= m_maxSessions ? L2tpTunnel::CDN_NO_FACILITIES_TEMP : 0;
}

void
L2tpLns::Receive(Ptr<L2tpSession> s, Ptr<Packet> p)
{
    L2tpApplication::Receive(s, p);
    if (m_echo)
    {
        s->Send(p->Copy());
    }
}

} // namespace ns3
