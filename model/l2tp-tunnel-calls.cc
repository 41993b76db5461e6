/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2tpTunnel, second part: sessions (calls) within the tunnel -- session ids, incoming and
 * outgoing call establishment (RFC 2661 sections 7.4 and 7.5), CDN, WEN/SLI, and the data
 * messages of each session. Split from l2tp-tunnel.cc to keep files reviewable.
 */
#include "l2tp-tunnel.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpTunnelCalls");

namespace
{
using M = L2tpControlMessage::MessageType;
using A = L2tpAvp::Type;
} // namespace

uint16_t
L2tpTunnel::NewSessionId()
{
    NS_ABORT_MSG_IF(m_sessions.size() >= 65535, "session id space exhausted");
    uint16_t id;
    do
    {
        id = uint16_t(m_rng->GetInteger(1, 65535));
    } while (m_sessions.count(id) != 0);
    return id;
}

Ptr<L2tpSession>
L2tpTunnel::OpenSession()
{
    NS_ABORT_MSG_IF(m_state == CLOSING || m_state == CLOSED, "tunnel is closing");
    Ptr<L2tpSession> s = Create<L2tpSession>(
        this, NewSessionId(), m_role == LAC ? L2tpSession::INCOMING : L2tpSession::OUTGOING);
    m_sessions.emplace(s->GetLocalId(), s);
    if (m_state == ESTABLISHED)
    {
        StartCall(s);
    }
    else
    {
        s->SetState(L2tpSession::WAIT_TUNNEL);
        m_waitingTunnel.push_back(s);
    }
    return s;
}

void
L2tpTunnel::StartCall(Ptr<L2tpSession> s)
{
    s->SetCallSerial(m_nextCallSerial++);
    const bool incoming = s->GetDirection() == L2tpSession::INCOMING;
    L2tpControlMessage msg = NewMessage(incoming ? M::ICRQ : M::OCRQ, 0);
    AddAvp(msg, L2tpAvp::FromU16(A::ASSIGNED_SESSION_ID, s->GetLocalId()));
    AddAvp(msg, L2tpAvp::FromU32(A::CALL_SERIAL_NUMBER, s->GetCallSerial()));
    if (!incoming)
    {
        AddAvp(msg, L2tpAvp::FromU32(A::MINIMUM_BPS, 0));
        AddAvp(msg, L2tpAvp::FromU32(A::MAXIMUM_BPS, m_connectSpeed));
    }
    AddAvp(msg, L2tpAvp::FromU32(A::BEARER_TYPE, m_bearerType));
    if (!incoming)
    {
        AddAvp(msg, L2tpAvp::FromU32(A::FRAMING_TYPE, m_framingType));
        AddAvp(msg, L2tpAvp::FromString(A::CALLED_NUMBER, ""));
    }
    s->SetState(L2tpSession::WAIT_REPLY);
    m_channel->Send(msg);
}

void
L2tpTunnel::HandleCallRequest(const L2tpControlMessage& msg)
{
    const bool incoming = msg.GetMessageType() == M::ICRQ;
    const uint16_t peerSession = *msg.FindAvp(A::ASSIGNED_SESSION_ID)->GetU16();
    uint16_t refuse = 0;
    uint16_t error = 0;
    std::string why;
    if (m_state != ESTABLISHED)
    {
        refuse = CDN_GENERAL_ERROR;
        error = ERR_NO_CONTROL_CONNECTION;
        why = "no control connection";
    }
    else if (incoming != (m_role == LNS))
    {
        refuse = CDN_GENERAL_ERROR;
        error = ERR_OUT_OF_RANGE;
        why = incoming ? "ICRQ at a LAC" : "OCRQ at an LNS";
    }
    else if (m_sessions.size() >= 65535)
    {
        refuse = CDN_NO_FACILITIES_TEMP;
        error = ERR_NO_RESOURCES;
        why = "session id space exhausted";
    }
    else if (!m_admission.IsNull())
    {
        refuse = m_admission(this);
        why = "refused by policy";
    }
    if (refuse != 0)
    {
        Drop(L2tpControlMessage::TypeName(msg.GetMessageType()) + " refused: " + why);
        L2tpControlMessage cdn = NewMessage(M::CDN, peerSession);
        L2tpResultCode rc;
        rc.result = refuse;
        rc.error = error;
        rc.message = why;
        AddAvp(cdn, L2tpAvp::FromResultCode(A::RESULT_CODE, rc));
        AddAvp(cdn, L2tpAvp::FromU16(A::ASSIGNED_SESSION_ID, 0));
        m_channel->Send(cdn);
        return;
    }
    Ptr<L2tpSession> s = Create<L2tpSession>(
        this, NewSessionId(), incoming ? L2tpSession::INCOMING : L2tpSession::OUTGOING);
    s->SetPeerId(peerSession);
    s->SetCallSerial(msg.FindAvp(A::CALL_SERIAL_NUMBER)->GetU32().value_or(0));
    m_sessions.emplace(s->GetLocalId(), s);
    m_localIdByPeerId[peerSession] = s->GetLocalId();
    L2tpControlMessage reply = NewMessage(incoming ? M::ICRP : M::OCRP, peerSession);
    AddAvp(reply, L2tpAvp::FromU16(A::ASSIGNED_SESSION_ID, s->GetLocalId()));
    if (incoming)
    {
        s->SetState(L2tpSession::WAIT_CONNECT);
        m_channel->Send(reply);
        return;
    }
    // Outgoing call at the LAC: OCRP, then the call is placed. The dial-out itself is not
    // modelled: it is answered at once and OCCN follows.
    s->SetState(L2tpSession::WAIT_CS_ANSWER);
    m_channel->Send(reply);
    L2tpControlMessage occn = NewMessage(M::OCCN, peerSession);
    AddAvp(occn, L2tpAvp::FromU32(A::TX_CONNECT_SPEED, m_connectSpeed));
    AddAvp(occn, L2tpAvp::FromU32(A::FRAMING_TYPE, m_framingType));
    if (m_sequencing)
    {
        AddAvp(occn, L2tpAvp::SequencingRequired());
        s->SetSequencing(true);
    }
    m_channel->Send(occn);
    s->SetState(L2tpSession::ESTABLISHED);
    if (!m_sessionUp.IsNull())
    {
        m_sessionUp(s);
    }
}

void
L2tpTunnel::HandleSessionMessage(const L2tpControlMessage& msg,
                                 const L2tpControlMessage::ParseResult& r)
{
    const uint16_t type = msg.GetMessageType();
    if (type == M::ICRQ || type == M::OCRQ)
    {
        HandleCallRequest(msg);
        return;
    }
    const uint16_t sid = msg.GetHeader().GetSessionId();
    Ptr<L2tpSession> s = FindSession(sid);
    if (!s && type == M::CDN && sid == 0)
    {
        // A CDN sent before the peer learned our id (it crossed our ICRP / OCRP, section 7.4):
        // find the session by the id the peer assigned in its ICRQ / OCRQ (O(1), no scan).
        const uint16_t peer = msg.FindAvp(A::ASSIGNED_SESSION_ID)->GetU16().value_or(0);
        auto it = m_localIdByPeerId.find(peer);
        if (peer != 0 && it != m_localIdByPeerId.end())
        {
            s = FindSession(it->second);
        }
    }
    if (!s)
    {
        Drop(L2tpControlMessage::TypeName(type) + " for unknown session " + std::to_string(sid));
        return;
    }
    const L2tpSession::State st = s->GetState();
    auto fsmError = [&]()
    {
        CloseSession(s, CDN_GENERAL_ERROR, ERR_NONE, 0,
                     L2tpControlMessage::TypeName(type) + " in state "
                         + L2tpSession::StateName(st));
    };
    switch (type)
    {
        case M::ICRP:
        {
            if (st != L2tpSession::WAIT_REPLY || s->GetDirection() != L2tpSession::INCOMING)
            {
                fsmError();
                return;
            }
            s->SetPeerId(*msg.FindAvp(A::ASSIGNED_SESSION_ID)->GetU16());
            L2tpControlMessage iccn = NewMessage(M::ICCN, s->GetPeerId());
            AddAvp(iccn, L2tpAvp::FromU32(A::TX_CONNECT_SPEED, m_connectSpeed));
            AddAvp(iccn, L2tpAvp::FromU32(A::FRAMING_TYPE, m_framingType));
            AddAvp(iccn, L2tpAvp::FromU32(A::RX_CONNECT_SPEED, m_connectSpeed));
            if (m_sequencing)
            {
                AddAvp(iccn, L2tpAvp::SequencingRequired());
                s->SetSequencing(true);
            }
            for (const auto& avp : s->GetCallAvps())
            {
                AddAvp(iccn, avp); // proxy LCP / authentication (section 4.4.5), if any
            }
            m_channel->Send(iccn);
            s->SetState(L2tpSession::ESTABLISHED);
            if (!m_sessionUp.IsNull())
            {
                m_sessionUp(s);
            }
            return;
        }
        case M::OCRP:
            if (st != L2tpSession::WAIT_REPLY || s->GetDirection() != L2tpSession::OUTGOING)
            {
                fsmError();
                return;
            }
            s->SetPeerId(*msg.FindAvp(A::ASSIGNED_SESSION_ID)->GetU16());
            s->SetState(L2tpSession::WAIT_CONNECT);
            return;
        case M::ICCN:
        case M::OCCN:
            if (st != L2tpSession::WAIT_CONNECT
                || (type == M::ICCN) != (s->GetDirection() == L2tpSession::INCOMING))
            {
                fsmError();
                return;
            }
            if (msg.FindAvp(A::SEQUENCING_REQUIRED) != nullptr || m_sequencing)
            {
                s->SetSequencing(true);
            }
            if (type == M::ICCN)
            {
                // Keep the proxy AVPs (section 4.4.5) for the LNS application (SessionUp).
                std::vector<L2tpAvp> proxy;
                for (const auto& avp : msg.GetAvps())
                {
                    if (avp.GetVendorId() == 0 && avp.GetType() >= A::INITIAL_RECEIVED_LCP_CONFREQ
                        && avp.GetType() <= A::PROXY_AUTHEN_RESPONSE)
                    {
                        proxy.push_back(avp);
                    }
                }
                s->SetCallAvps(std::move(proxy));
            }
            s->SetState(L2tpSession::ESTABLISHED);
            if (!m_sessionUp.IsNull())
            {
                m_sessionUp(s);
            }
            return;
        case M::CDN:
        {
            auto rc = msg.FindAvp(A::RESULT_CODE)->GetResultCode();
            RemoveSession(s, rc ? rc->result : 0);
            return;
        }
        case M::WEN:
        case M::SLI:
            if (st == L2tpSession::ESTABLISHED)
            {
                s->ReceiveLinkInfo(msg);
            }
            return;
        default:
            Drop("unexpected " + L2tpControlMessage::TypeName(type));
            (void) r;
            return;
    }
}

void
L2tpTunnel::CloseSession(Ptr<L2tpSession> s, uint16_t result, uint16_t error, uint16_t q931,
                         const std::string& message)
{
    if (s->GetTunnel() != this || m_state == CLOSING || m_state == CLOSED)
    {
        return;
    }
    if (s->GetState() != L2tpSession::WAIT_TUNNEL && s->GetState() != L2tpSession::IDLE)
    {
        L2tpControlMessage cdn = NewMessage(M::CDN, s->GetPeerId());
        L2tpResultCode rc;
        rc.result = result;
        if (error != 0 || !message.empty())
        {
            rc.error = error;
        }
        rc.message = message;
        AddAvp(cdn, L2tpAvp::FromResultCode(A::RESULT_CODE, rc));
        AddAvp(cdn, L2tpAvp::FromU16(A::ASSIGNED_SESSION_ID, s->GetLocalId()));
        if (q931 != 0)
        {
            L2tpQ931Cause c;
            c.cause = q931;
            c.msgCode = 0x5a; // Q.931 RELEASE COMPLETE
            cdn.AddAvp(L2tpAvp::FromQ931Cause(c));
        }
        m_channel->Send(cdn);
    }
    RemoveSession(s, result);
}

void
L2tpTunnel::RemoveSession(Ptr<L2tpSession> s, uint16_t result)
{
    m_sessions.erase(s->GetLocalId());
    auto byPeer = m_localIdByPeerId.find(s->GetPeerId());
    if (byPeer != m_localIdByPeerId.end() && byPeer->second == s->GetLocalId())
    {
        m_localIdByPeerId.erase(byPeer);
    }
    if (s->GetState() == L2tpSession::WAIT_TUNNEL)
    {
        m_waitingTunnel.erase(std::remove(m_waitingTunnel.begin(), m_waitingTunnel.end(), s),
                              m_waitingTunnel.end());
    }
    s->SetState(L2tpSession::IDLE);
    if (!m_sessionDown.IsNull())
    {
        m_sessionDown(s, result);
    }
    s->Detach();
}

void
L2tpTunnel::ClearAllSessions(uint16_t result)
{
    std::unordered_map<uint16_t, Ptr<L2tpSession>> sessions;
    sessions.swap(m_sessions);
    m_localIdByPeerId.clear();
    m_waitingTunnel.clear();
    for (auto& kv : sessions)
    {
        kv.second->SetState(L2tpSession::IDLE);
        if (!m_sessionDown.IsNull())
        {
            m_sessionDown(kv.second, result);
        }
        kv.second->Detach();
    }
}

void
L2tpTunnel::NotifySessionState(L2tpSession& s, L2tpSession::State oldState,
                               L2tpSession::State newState)
{
    NS_LOG_INFO("tunnel " << m_localId << " session " << s.GetLocalId() << " "
                          << L2tpSession::StateName(oldState) << " -> "
                          << L2tpSession::StateName(newState));
    m_sessionTrace(m_localId, s.GetLocalId(), oldState, newState);
}

void
L2tpTunnel::SendSessionMessage(L2tpSession& s, L2tpControlMessage& msg)
{
    L2tpControlMessage out = NewMessage(msg.GetMessageType(), s.GetPeerId());
    for (std::size_t i = 1; i < msg.GetAvps().size(); ++i)
    {
        AddAvp(out, msg.GetAvps()[i]);
    }
    m_channel->Send(out);
}

void
L2tpTunnel::SendData(L2tpSession& s, Ptr<Packet> payload, bool sequenced, uint16_t ns)
{
    L2tpHeader h = L2tpHeader::MakeData(m_peerId, s.GetPeerId(), m_lengthBit);
    if (sequenced)
    {
        h.SetHasSequence(true);
        h.SetNs(ns);
        h.SetNr(0); // reserved in data messages
    }
    if (m_offset != 0)
    {
        h.SetOffset(m_offset);
    }
    if (m_lengthBit)
    {
        h.SetLength(uint16_t(h.GetSerializedSize() + payload->GetSize()));
    }
    payload->AddHeader(h);
    if (!m_send.IsNull())
    {
        m_send(payload);
    }
}

void
L2tpTunnel::ReceiveData(const L2tpHeader& header, Ptr<Packet> payload)
{
    m_lastRx = Simulator::Now();
    auto it = m_sessions.find(header.GetSessionId());
    if (it == m_sessions.end())
    {
        Drop("data message for unknown session " + std::to_string(header.GetSessionId()));
        return;
    }
    it->second->ReceiveData(header, payload);
}

} // namespace ns3
