/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-lac.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpLac");
NS_OBJECT_ENSURE_REGISTERED(L2tpLac);

TypeId
L2tpLac::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpLac")
              .SetParent<L2tpApplication>()
              .SetGroupName("L2tp")
              .AddConstructor<L2tpLac>()
              .AddAttribute("LnsAddress", "Address of the LNS (must be set)",
                            Ipv4AddressValue(Ipv4Address("0.0.0.0")),
                            MakeIpv4AddressAccessor(&L2tpLac::m_lns), MakeIpv4AddressChecker())
              .AddAttribute("Sessions", "Incoming calls placed when the application starts",
                            UintegerValue(1), MakeUintegerAccessor(&L2tpLac::m_sessions),
                            MakeUintegerChecker<uint32_t>(0, 65535))
              .AddAttribute("TieBreaker", "Tie Breaker AVP value in our SCCRQ (0 = none)",
                            UintegerValue(0), MakeUintegerAccessor(&L2tpLac::m_tieBreaker),
                            MakeUintegerChecker<uint64_t>());
    return tid;
}

L2tpLac::L2tpLac() {}

L2tpLac::~L2tpLac() {}

void
L2tpLac::DoDispose()
{
    m_tunnel = nullptr;
    m_placed.clear();
    L2tpApplication::DoDispose();
}

Ptr<L2tpTunnel>
L2tpLac::GetTunnel() const
{
    return m_tunnel;
}

const std::vector<Ptr<L2tpSession>>&
L2tpLac::GetSessions() const
{
    return m_placed;
}

Ptr<L2tpSession>
L2tpLac::OpenSession()
{
    NS_ABORT_MSG_IF(!m_tunnel, "the LAC has not started");
    Ptr<L2tpSession> s = m_tunnel->OpenSession();
    m_placed.push_back(s);
    return s;
}

void
L2tpLac::StartApplication()
{
    NS_ABORT_MSG_IF(m_lns == Ipv4Address("0.0.0.0"), "L2tpLac: set the LnsAddress attribute");
    m_tunnel = GetProtocol()->CreateTunnel(m_lns, L2tpTunnel::LAC);
    m_tunnel->SetAttribute("TieBreaker", UintegerValue(m_tieBreaker));
    ConfigureTunnel(m_tunnel, m_secret);
    for (uint32_t i = 0; i < m_sessions; ++i)
    {
        OpenSession(); // they wait for the tunnel (state wait-tunnel)
    }
    m_tunnel->Open();
}

void
L2tpLac::StopApplication()
{
    if (m_tunnel)
    {
        m_tunnel->Close(L2tpTunnel::STOPCCN_CLEAR, 0, "Goodbye!");
    }
}

} // namespace ns3
