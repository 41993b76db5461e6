/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-ppp-binding.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include "ppp-ipcp.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpPppBinding");

L2tpPppBinding::L2tpPppBinding(Ptr<L2tpSession> session, Ptr<PppEndpoint> endpoint)
    : m_session(session)
    , m_endpoint(endpoint)
    , m_peer(Ipv4Address::GetAny())
{
    m_endpoint->SetSendCallback(MakeCallback(&L2tpPppBinding::SendFrame, this));
    m_endpoint->TraceConnectWithoutContext("Phase", MakeCallback(&L2tpPppBinding::Phase, this));
    m_endpoint->TraceConnectWithoutContext("AuthResult", MakeCallback(&L2tpPppBinding::Auth, this));
    m_endpoint->TraceConnectWithoutContext("EchoFailure",
                                           MakeCallback(&L2tpPppBinding::EchoFailure, this));
    m_endpoint->TraceConnectWithoutContext("AddressAssigned",
                                           MakeCallback(&L2tpPppBinding::Address, this));
    m_endpoint->GetIpcp()->TraceConnectWithoutContext(
        "AddressRefused", MakeCallback(&L2tpPppBinding::AddressRefused, this));
}

L2tpPppBinding::~L2tpPppBinding() = default;

void
L2tpPppBinding::SetCallbacks(UpCallback up, DownCallback down)
{
    m_up = up;
    m_down = down;
}

void
L2tpPppBinding::Start()
{
    m_endpoint->Start();
}

void
L2tpPppBinding::EnableSli()
{
    m_endpoint->TraceConnectWithoutContext("LcpState",
                                           MakeCallback(&L2tpPppBinding::LcpState, this));
}

uint32_t
L2tpPppBinding::GetSliSent() const
{
    return m_sliSent;
}

void
L2tpPppBinding::LcpState(PppFsm::State, PppFsm::State to)
{
    if (to != PppFsm::OPENED || m_gone || m_session == nullptr)
    {
        return;
    }
    Ptr<PppLcp> lcp = m_endpoint->GetLcp();
    UintegerValue rx;
    BooleanValue asked;
    lcp->GetAttribute("Accm", rx);
    lcp->GetAttribute("RequestAccm", asked);
    L2tpAccm accm;
    accm.send = lcp->GetTxAccm();
    accm.receive = asked.Get() ? static_cast<uint32_t>(rx.Get()) : 0xffffffff;
    NS_LOG_INFO("session " << m_session->GetLocalId() << ": SLI send ACCM 0x" << std::hex
                           << accm.send << " receive ACCM 0x" << accm.receive << std::dec);
    ++m_sliSent;
    m_session->SendSli(accm);
}

void
L2tpPppBinding::Receive(Ptr<Packet> frame)
{
    if (m_endpoint != nullptr)
    {
        m_endpoint->Receive(frame);
    }
}

void
L2tpPppBinding::SendFrame(Ptr<Packet> frame)
{
    if (!m_gone && m_session != nullptr)
    {
        m_session->Send(frame);
    }
}

void
L2tpPppBinding::Auth(const std::string& method, const std::string& user, bool ok)
{
    if (!ok && m_endpoint->GetRole() == PppEndpoint::SERVER)
    {
        m_result = 3;
        m_reason = "PPP " + method + " authentication failed for user " + user;
    }
}

void
L2tpPppBinding::AddressRefused(const std::string& reason)
{
    m_result = 4;
    m_reason = "IPCP: " + reason;
}

void
L2tpPppBinding::EchoFailure(uint32_t pending)
{
    m_result = 1;
    m_reason = "LCP keepalive: " + std::to_string(pending) + " Echo-Requests unanswered";
}

void
L2tpPppBinding::Address(Ipv4Address local, Ipv4Address peer)
{
    m_peer = peer;
    if (!m_up.IsNull())
    {
        m_up(this, local, peer);
    }
}

void
L2tpPppBinding::Phase(const std::string& phase)
{
    if (phase != PppEndpoint::PhaseName(PppEndpoint::DEAD) || m_gone)
    {
        return;
    }
    m_gone = true;
    if (m_reason.empty())
    {
        m_reason = "PPP link terminated";
    }
    NS_LOG_INFO("session " << m_session->GetLocalId() << ": PPP dead, CDN result " << m_result
                           << " (" << m_reason << ")");
    if (!m_down.IsNull())
    {
        m_down(this, m_result);
    }
    if (m_endpoint != nullptr && m_endpoint->GetRole() == PppEndpoint::CLIENT && m_result != 1)
    {
        // The LNS ended the link and will clear the call; clear it only if it does not.
        m_clearEvent = Simulator::Schedule(Seconds(1), &L2tpPppBinding::Clear, this);
        return;
    }
    Clear();
}

void
L2tpPppBinding::Clear()
{
    if (m_session != nullptr && m_session->GetTunnel() != nullptr)
    {
        m_cdnResult = m_result;
        m_session->Close(m_cdnResult, 0, 0, m_reason);
    }
}

void
L2tpPppBinding::SessionGone()
{
    if (!m_clearEvent.IsExpired())
    {
        m_clearEvent.Cancel(); // the LNS's CDN came first (client waiting after its link died)
        return;
    }
    if (m_gone)
    {
        return;
    }
    m_gone = true;
    if (!m_down.IsNull())
    {
        m_down(this, 0);
    }
    m_endpoint->LowerLayerDown();
}

void
L2tpPppBinding::Dispose()
{
    m_gone = true;
    m_clearEvent.Cancel();
    if (m_endpoint != nullptr)
    {
        m_endpoint->Dispose();
        m_endpoint = nullptr;
    }
    m_session = nullptr;
}

Ptr<PppEndpoint>
L2tpPppBinding::GetEndpoint() const
{
    return m_endpoint;
}

Ptr<L2tpSession>
L2tpPppBinding::GetSession() const
{
    return m_session;
}

Ipv4Address
L2tpPppBinding::GetPeerAddress() const
{
    return m_peer;
}

uint16_t
L2tpPppBinding::GetCdnResult() const
{
    return m_cdnResult;
}

const std::string&
L2tpPppBinding::GetCdnMessage() const
{
    return m_reason;
}

} // namespace ns3
