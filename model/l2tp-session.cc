/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-session.h"

#include "l2tp-control-channel.h"
#include "l2tp-control-message.h"
#include "l2tp-tunnel.h"

#include "ns3/log.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpSession");

const char*
L2tpSession::StateName(State s)
{
    switch (s)
    {
        case IDLE:
            return "idle";
        case WAIT_TUNNEL:
            return "wait-tunnel";
        case WAIT_REPLY:
            return "wait-reply";
        case WAIT_CONNECT:
            return "wait-connect";
        case WAIT_CS_ANSWER:
            return "wait-cs-answer";
        case ESTABLISHED:
            return "established";
    }
    return "?";
}

L2tpSession::L2tpSession(L2tpTunnel* tunnel, uint16_t localId, Direction direction)
    : m_tunnel(tunnel)
    , m_localId(localId)
    , m_direction(direction)
{
}

uint16_t
L2tpSession::GetLocalId() const
{
    return m_localId;
}

uint16_t
L2tpSession::GetPeerId() const
{
    return m_peerId;
}

L2tpSession::State
L2tpSession::GetState() const
{
    return m_state;
}

L2tpSession::Direction
L2tpSession::GetDirection() const
{
    return m_direction;
}

uint32_t
L2tpSession::GetCallSerial() const
{
    return m_callSerial;
}

L2tpTunnel*
L2tpSession::GetTunnel() const
{
    return m_tunnel;
}

void
L2tpSession::SetCallAvps(std::vector<L2tpAvp> avps)
{
    m_callAvps = std::move(avps);
}

const std::vector<L2tpAvp>&
L2tpSession::GetCallAvps() const
{
    return m_callAvps;
}

const L2tpAvp*
L2tpSession::FindCallAvp(uint16_t type) const
{
    for (const auto& a : m_callAvps)
    {
        if (a.GetType() == type && a.GetVendorId() == 0)
        {
            return &a;
        }
    }
    return nullptr;
}

const L2tpSession::Counters&
L2tpSession::GetCounters() const
{
    return m_counters;
}

bool
L2tpSession::IsSequencing() const
{
    return m_sequencing;
}

void
L2tpSession::SetReceiveCallback(ReceiveCallback cb)
{
    m_receive = cb;
}

void
L2tpSession::SetLinkInfoCallback(LinkInfoCallback cb)
{
    m_linkInfo = cb;
}

void
L2tpSession::SetState(State s)
{
    if (s == m_state)
    {
        return;
    }
    State old = m_state;
    m_state = s;
    if (m_tunnel != nullptr)
    {
        m_tunnel->NotifySessionState(*this, old, s);
    }
}

void
L2tpSession::SetPeerId(uint16_t id)
{
    m_peerId = id;
}

void
L2tpSession::SetCallSerial(uint32_t serial)
{
    m_callSerial = serial;
}

void
L2tpSession::SetSequencing(bool on)
{
    m_sequencing = on;
}

void
L2tpSession::Detach()
{
    m_tunnel = nullptr;
    m_receive = ReceiveCallback();
    m_linkInfo = LinkInfoCallback();
}

bool
L2tpSession::Send(Ptr<Packet> payload)
{
    if (m_state != ESTABLISHED || m_tunnel == nullptr)
    {
        ++m_counters.drops;
        return false;
    }
    ++m_counters.txPackets;
    m_counters.txBytes += payload->GetSize();
    m_tunnel->SendData(*this, payload, m_sequencing, m_dataNs);
    if (m_sequencing)
    {
        ++m_dataNs;
    }
    return true;
}

void
L2tpSession::ReceiveData(const L2tpHeader& header, Ptr<Packet> payload)
{
    if (m_state != ESTABLISHED)
    {
        ++m_counters.drops;
        return;
    }
    if (header.HasSequence())
    {
        // Section 5.4: once the peer sends Ns, we number our data messages too. A message
        // older than the one expected is out of sequence and dropped; a gap is accepted.
        m_sequencing = true;
        if (L2tpControlChannel::SeqLess(header.GetNs(), m_dataNr))
        {
            ++m_counters.outOfSequence;
            ++m_counters.drops;
            return;
        }
        m_dataNr = uint16_t(header.GetNs() + 1);
    }
    ++m_counters.rxPackets;
    m_counters.rxBytes += payload->GetSize();
    if (!m_receive.IsNull())
    {
        m_receive(Ptr<L2tpSession>(this), payload);
    }
}

void
L2tpSession::ReceiveLinkInfo(const L2tpControlMessage& msg)
{
    if (!m_linkInfo.IsNull())
    {
        m_linkInfo(Ptr<L2tpSession>(this), msg);
    }
}

void
L2tpSession::Close(uint16_t result, uint16_t error, uint16_t q931, const std::string& message)
{
    if (m_tunnel != nullptr)
    {
        m_tunnel->CloseSession(Ptr<L2tpSession>(this), result, error, q931, message);
    }
}

void
L2tpSession::SendWen(const L2tpCallErrors& errors)
{
    if (m_tunnel == nullptr || m_state != ESTABLISHED)
    {
        return;
    }
    L2tpControlMessage msg(L2tpControlMessage::WEN, 0, m_peerId);
    msg.AddAvp(L2tpAvp::FromCallErrors(errors));
    m_tunnel->SendSessionMessage(*this, msg);
}

void
L2tpSession::SendSli(const L2tpAccm& accm)
{
    if (m_tunnel == nullptr || m_state != ESTABLISHED)
    {
        return;
    }
    L2tpControlMessage msg(L2tpControlMessage::SLI, 0, m_peerId);
    msg.AddAvp(L2tpAvp::FromAccm(accm));
    m_tunnel->SendSessionMessage(*this, msg);
}

} // namespace ns3
