/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-tunnel.h"

#include "l2tp-md5.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpTunnel");
NS_OBJECT_ENSURE_REGISTERED(L2tpTunnel);

namespace
{
using M = L2tpControlMessage::MessageType;
using A = L2tpAvp::Type;
} // namespace

const char*
L2tpTunnel::StateName(State s)
{
    switch (s)
    {
        case IDLE:
            return "idle";
        case WAIT_CTL_REPLY:
            return "wait-ctl-reply";
        case WAIT_CTL_CONN:
            return "wait-ctl-conn";
        case ESTABLISHED:
            return "established";
        case CLOSING:
            return "closing";
        case CLOSED:
            return "closed";
    }
    return "?";
}

TypeId
L2tpTunnel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpTunnel")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<L2tpTunnel>()
              .AddAttribute("HostName", "Host Name AVP (section 4.4.3)", StringValue("ns3-l2tp"),
                            MakeStringAccessor(&L2tpTunnel::m_hostName), MakeStringChecker())
              .AddAttribute("VendorName", "Vendor Name AVP", StringValue("nsnam.org ns-3 l2tp"),
                            MakeStringAccessor(&L2tpTunnel::m_vendorName), MakeStringChecker())
              .AddAttribute("FramingCapabilities",
                            "Framing Capabilities AVP: 1 = synchronous, 2 = asynchronous",
                            UintegerValue(3), MakeUintegerAccessor(&L2tpTunnel::m_framingCaps),
                            MakeUintegerChecker<uint32_t>(0, 3))
              .AddAttribute("BearerCapabilities",
                            "Bearer Capabilities AVP: 1 = digital, 2 = analog", UintegerValue(0),
                            MakeUintegerAccessor(&L2tpTunnel::m_bearerCaps),
                            MakeUintegerChecker<uint32_t>(0, 3))
              .AddAttribute("FirmwareRevision", "Firmware Revision AVP", UintegerValue(0x0100),
                            MakeUintegerAccessor(&L2tpTunnel::m_firmware),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("HideAvps",
                            "Hide every AVP the RFC allows to hide (section 4.3) when a secret "
                            "is set; a Random Vector AVP follows Message Type",
                            BooleanValue(false), MakeBooleanAccessor(&L2tpTunnel::m_hideAvps),
                            MakeBooleanChecker())
              .AddAttribute("HelloInterval",
                            "Send a HELLO when nothing was received from the peer for this long "
                            "(section 6.5); 0 disables keepalives",
                            TimeValue(Seconds(60)), MakeTimeAccessor(&L2tpTunnel::m_helloInterval),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("TieBreaker", "Tie Breaker AVP value sent in SCCRQ (0 = none)",
                            UintegerValue(0), MakeUintegerAccessor(&L2tpTunnel::m_tieBreaker),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("DataSequencing",
                            "Ask for Ns/Nr on data messages (Sequencing Required in ICCN / OCCN)",
                            BooleanValue(false), MakeBooleanAccessor(&L2tpTunnel::m_sequencing),
                            MakeBooleanChecker())
              .AddAttribute("DataLengthBit", "Carry the Length field on data messages (L bit)",
                            BooleanValue(true), MakeBooleanAccessor(&L2tpTunnel::m_lengthBit),
                            MakeBooleanChecker())
              .AddAttribute("DataOffset", "Offset Size of data messages (0 = no offset field)",
                            UintegerValue(0), MakeUintegerAccessor(&L2tpTunnel::m_offset),
                            MakeUintegerChecker<uint16_t>(0, 64))
              .AddAttribute("BearerType", "Bearer Type AVP of ICRQ / OCRQ", UintegerValue(0),
                            MakeUintegerAccessor(&L2tpTunnel::m_bearerType),
                            MakeUintegerChecker<uint32_t>(0, 3))
              .AddAttribute("FramingType",
                            "Framing Type AVP of ICCN / OCCN / OCRQ (1 = synchronous)",
                            UintegerValue(1), MakeUintegerAccessor(&L2tpTunnel::m_framingType),
                            MakeUintegerChecker<uint32_t>(0, 3))
              .AddAttribute("ConnectSpeed", "(Tx) Connect Speed AVP of ICCN / OCCN, in bit/s",
                            UintegerValue(10000000),
                            MakeUintegerAccessor(&L2tpTunnel::m_connectSpeed),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("ControlChannel", "The reliable control channel", PointerValue(),
                            MakePointerAccessor(&L2tpTunnel::m_channel),
                            MakePointerChecker<L2tpControlChannel>())
              .AddTraceSource("StateChange",
                              "Control connection state change (tunnel id, old, new)",
                              MakeTraceSourceAccessor(&L2tpTunnel::m_stateTrace),
                              "ns3::L2tpTunnel::StateTracedCallback")
              .AddTraceSource("SessionStateChange",
                              "Session state change (tunnel id, session id, old, new)",
                              MakeTraceSourceAccessor(&L2tpTunnel::m_sessionTrace),
                              "ns3::L2tpTunnel::SessionStateTracedCallback")
              .AddTraceSource("Drop", "A message was dropped or refused (tunnel id, reason)",
                              MakeTraceSourceAccessor(&L2tpTunnel::m_dropTrace),
                              "ns3::L2tpTunnel::DropTracedCallback");
    return tid;
}

L2tpTunnel::L2tpTunnel()
    : m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

L2tpTunnel::~L2tpTunnel()
{
    NS_LOG_FUNCTION(this);
}

void
L2tpTunnel::DoDispose()
{
    m_helloEvent.Cancel();
    m_holdEvent.Cancel();
    for (auto& kv : m_sessions)
    {
        kv.second->Detach();
    }
    m_sessions.clear();
    m_localIdByPeerId.clear();
    m_waitingTunnel.clear();
    if (m_channel)
    {
        m_channel->Dispose();
        m_channel = nullptr;
    }
    m_send = Callback<void, Ptr<Packet>>();
    m_closed = Callback<void, Ptr<L2tpTunnel>>();
    m_established = Callback<void, Ptr<L2tpTunnel>>();
    m_sessionUp = Callback<void, Ptr<L2tpSession>>();
    m_sessionDown = Callback<void, Ptr<L2tpSession>, uint16_t>();
    m_admission = Callback<uint16_t, Ptr<L2tpTunnel>>();
    Object::DoDispose();
}

void
L2tpTunnel::Setup(Role role, uint16_t localId)
{
    NS_ABORT_MSG_IF(localId == 0, "tunnel id 0 is reserved");
    m_role = role;
    m_localId = localId;
    if (!m_channel)
    {
        m_channel = CreateObject<L2tpControlChannel>();
    }
    m_channel->SetSendCallback(m_send);
    m_channel->SetDeliverCallback(MakeCallback(&L2tpTunnel::Deliver, this));
    m_channel->SetFailureCallback(MakeCallback(&L2tpTunnel::ChannelFailed, this));
    m_channel->SetSecret(m_secret);
    m_lastRx = Simulator::Now();
}

void
L2tpTunnel::SetSendCallback(Callback<void, Ptr<Packet>> cb)
{
    m_send = cb;
    if (m_channel)
    {
        m_channel->SetSendCallback(cb);
    }
}

void
L2tpTunnel::SetClosedCallback(Callback<void, Ptr<L2tpTunnel>> cb)
{
    m_closed = cb;
}

void
L2tpTunnel::SetEstablishedCallback(Callback<void, Ptr<L2tpTunnel>> cb)
{
    m_established = cb;
}

void
L2tpTunnel::SetSessionUpCallback(Callback<void, Ptr<L2tpSession>> cb)
{
    m_sessionUp = cb;
}

void
L2tpTunnel::SetSessionDownCallback(Callback<void, Ptr<L2tpSession>, uint16_t> cb)
{
    m_sessionDown = cb;
}

void
L2tpTunnel::SetSessionAdmissionCallback(Callback<uint16_t, Ptr<L2tpTunnel>> cb)
{
    m_admission = cb;
}

void
L2tpTunnel::SetSecret(const std::string& secret)
{
    m_secret = secret;
    if (m_channel)
    {
        m_channel->SetSecret(secret);
    }
}

int64_t
L2tpTunnel::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
L2tpTunnel::SetRandomVariable(Ptr<UniformRandomVariable> rng)
{
    m_rng = rng;
}

void
L2tpTunnel::SetState(State s)
{
    if (s == m_state)
    {
        return;
    }
    State old = m_state;
    m_state = s;
    NS_LOG_INFO("tunnel " << m_localId << " " << StateName(old) << " -> " << StateName(s));
    m_stateTrace(m_localId, old, s);
}

void
L2tpTunnel::Drop(const std::string& reason)
{
    NS_LOG_INFO("tunnel " << m_localId << " drop: " << reason);
    m_dropTrace(m_localId, reason);
}

L2tpControlMessage
L2tpTunnel::NewMessage(uint16_t type, uint16_t sessionId) const
{
    L2tpControlMessage msg(type, m_peerId, sessionId);
    if (m_hideAvps && !m_secret.empty())
    {
        std::vector<uint8_t> rv(16);
        for (auto& b : rv)
        {
            b = uint8_t(m_rng->GetInteger(0, 255));
        }
        msg.AddAvp(L2tpAvp::FromOctets(A::RANDOM_VECTOR, rv));
    }
    return msg;
}

void
L2tpTunnel::AddAvp(L2tpControlMessage& msg, L2tpAvp avp) const
{
    if (m_hideAvps && !m_secret.empty())
    {
        const L2tpAvp::Spec* spec = L2tpAvp::FindSpec(avp.GetType());
        if (spec != nullptr && spec->mayBeHidden)
        {
            avp.SetHidden(true);
        }
    }
    msg.AddAvp(avp);
}

std::vector<uint8_t>
L2tpTunnel::NewChallenge()
{
    std::vector<uint8_t> c(16);
    for (auto& b : c)
    {
        b = uint8_t(m_rng->GetInteger(0, 255));
    }
    return c;
}

void
L2tpTunnel::AddCommonSccAvps(L2tpControlMessage& msg)
{
    // The order xl2tpd uses (test/data/xl2tpd/README.md), Tie Breaker in type order.
    AddAvp(msg, L2tpAvp::FromProtocolVersion(1, 0));
    AddAvp(msg, L2tpAvp::FromU32(A::FRAMING_CAPABILITIES, m_framingCaps));
    AddAvp(msg, L2tpAvp::FromU32(A::BEARER_CAPABILITIES, m_bearerCaps));
    if (m_tieBreaker != 0 && msg.GetMessageType() == M::SCCRQ)
    {
        AddAvp(msg, L2tpAvp::FromU64(A::TIE_BREAKER, m_tieBreaker));
    }
    AddAvp(msg, L2tpAvp::FromU16(A::FIRMWARE_REVISION, m_firmware));
    AddAvp(msg, L2tpAvp::FromString(A::HOST_NAME, m_hostName));
    AddAvp(msg, L2tpAvp::FromString(A::VENDOR_NAME, m_vendorName));
    AddAvp(msg, L2tpAvp::FromU16(A::ASSIGNED_TUNNEL_ID, m_localId));
    AddAvp(msg, L2tpAvp::FromU16(A::RECEIVE_WINDOW_SIZE, m_channel->GetReceiveWindow()));
}

void
L2tpTunnel::Open()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_localId == 0, "Setup() first");
    if (m_state != IDLE)
    {
        return;
    }
    L2tpControlMessage msg = NewMessage(M::SCCRQ, 0);
    AddCommonSccAvps(msg);
    if (!m_secret.empty())
    {
        m_challenge = NewChallenge();
        AddAvp(msg, L2tpAvp::FromOctets(A::CHALLENGE, m_challenge));
    }
    SetState(WAIT_CTL_REPLY);
    m_channel->Send(msg);
}

void
L2tpTunnel::Close(uint16_t result, uint16_t error, const std::string& message)
{
    NS_LOG_FUNCTION(this << result << error << message);
    if (m_state == CLOSING || m_state == CLOSED)
    {
        return;
    }
    m_stopResult = result;
    ClearAllSessions(result);
    if (m_state == IDLE && m_peerId == 0)
    {
        Finish(); // nothing was exchanged: no one to tell
        return;
    }
    L2tpControlMessage msg = NewMessage(M::STOPCCN, 0);
    AddAvp(msg, L2tpAvp::FromU16(A::ASSIGNED_TUNNEL_ID, m_localId));
    L2tpResultCode rc;
    rc.result = result;
    if (error != 0 || !message.empty())
    {
        rc.error = error;
    }
    rc.message = message;
    AddAvp(msg, L2tpAvp::FromResultCode(A::RESULT_CODE, rc));
    m_channel->Send(msg);
    EnterClosing();
}

void
L2tpTunnel::Abandon()
{
    NS_LOG_FUNCTION(this);
    ClearAllSessions(0);
    Finish();
}

void
L2tpTunnel::SetRefusal(uint16_t result, uint16_t error, const std::string& message)
{
    m_refuseResult = result;
    m_refuseError = error;
    m_refuseMessage = message;
}

void
L2tpTunnel::EnterClosing()
{
    m_helloEvent.Cancel();
    SetState(CLOSING);
    // Section 5.7: keep enough state for a full retransmission cycle, to acknowledge a
    // retransmitted StopCCN (receiver) or to retransmit ours (sender).
    m_holdEvent
        = Simulator::Schedule(m_channel->GetFullRetransmissionCycle(), &L2tpTunnel::Finish, this);
}

void
L2tpTunnel::Finish()
{
    if (m_state == CLOSED)
    {
        return;
    }
    m_helloEvent.Cancel();
    m_holdEvent.Cancel();
    m_channel->Flush();
    SetState(CLOSED);
    if (!m_closed.IsNull())
    {
        m_closed(this); // the owner releases the tunnel later, not from inside this call
    }
}

void
L2tpTunnel::ChannelFailed()
{
    if (m_state == CLOSING)
    {
        Finish();
        return;
    }
    Drop("peer unreachable: no acknowledgement after a full retransmission cycle");
    // Like xl2tpd: clear the connection with a StopCCN "Timeout", itself sent reliably.
    Close(STOPCCN_CLEAR, 0, "Timeout");
}

void
L2tpTunnel::ReceiveControl(Ptr<const Packet> p)
{
    if (m_state == CLOSED)
    {
        return;
    }
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    L2tpControlMessage msg;
    L2tpControlMessage::ParseResult r = L2tpControlMessage::Parse(
        bytes.data(), bytes.size(), msg, m_secret.empty() ? nullptr : &m_secret);
    m_lastRx = Simulator::Now();
    if (r.reaction == L2tpControlMessage::Reaction::DISCARD)
    {
        Drop(r.reason);
        return;
    }
    for (const auto& avp : msg.GetAvps())
    {
        if (avp.IsStillHidden() && avp.IsMandatory())
        {
            Drop("hidden " + L2tpAvp::TypeName(avp.GetType()) + " and no secret to unhide it");
            return;
        }
    }
    m_channel->Receive(msg, r);
}

void
L2tpTunnel::Deliver(const L2tpControlMessage& msg, const L2tpControlMessage::ParseResult& r)
{
    const uint16_t type = msg.GetMessageType();
    if (m_state == CLOSING || m_state == CLOSED)
    {
        return; // acknowledged by the channel, otherwise ignored (section 5.7)
    }
    switch (r.reaction)
    {
        case L2tpControlMessage::Reaction::CLEAR_TUNNEL:
            Drop(r.reason);
            Close(r.resultCode, r.errorCode, r.reason);
            return;
        case L2tpControlMessage::Reaction::CLEAR_SESSION:
        {
            Drop(r.reason);
            Ptr<L2tpSession> s = FindSession(msg.GetHeader().GetSessionId());
            if (s)
            {
                CloseSession(s, CDN_GENERAL_ERROR, r.errorCode, 0, r.reason);
            }
            return;
        }
        case L2tpControlMessage::Reaction::IGNORE_MESSAGE:
            Drop(r.reason);
            return;
        default:
            break;
    }
    switch (type)
    {
        case M::SCCRQ:
            HandleSccrq(msg);
            break;
        case M::SCCRP:
            HandleSccrp(msg);
            break;
        case M::SCCCN:
            HandleScccn(msg);
            break;
        case M::STOPCCN:
            HandleStopCcn(msg);
            break;
        case M::HELLO:
            break; // the channel acknowledges it
        default:
            HandleSessionMessage(msg, r);
            break;
    }
}

bool
L2tpTunnel::CheckPeerAvps(const L2tpControlMessage& msg)
{
    m_peerId = *msg.FindAvp(A::ASSIGNED_TUNNEL_ID)->GetU16();
    m_channel->SetPeerTunnelId(m_peerId);
    auto version = msg.FindAvp(A::PROTOCOL_VERSION)->GetProtocolVersion();
    if (!version || version->first != 1 || version->second != 0)
    {
        Close(STOPCCN_BAD_VERSION, 0, "protocol version not supported");
        return false;
    }
    if (const L2tpAvp* rws = msg.FindAvp(A::RECEIVE_WINDOW_SIZE))
    {
        m_channel->SetPeerReceiveWindow(rws->GetU16().value_or(4));
    }
    m_peerHostName = msg.FindAvp(A::HOST_NAME)->GetString();
    if (const L2tpAvp* tb = msg.FindAvp(A::TIE_BREAKER))
    {
        m_peerHasTieBreaker = true;
        m_peerTieBreaker = tb->GetU64().value_or(0);
    }
    if (const L2tpAvp* ch = msg.FindAvp(A::CHALLENGE))
    {
        if (m_secret.empty())
        {
            Close(STOPCCN_NOT_AUTHORIZED, 0, "challenged but no secret is configured");
            return false;
        }
        m_peerChallenge = ch->GetValue();
    }
    return true;
}

bool
L2tpTunnel::CheckChallengeResponse(const L2tpControlMessage& msg, uint8_t type)
{
    if (m_challenge.empty())
    {
        return true;
    }
    const L2tpAvp* resp = msg.FindAvp(A::CHALLENGE_RESPONSE);
    L2tpMd5::Digest expected = L2tpChallengeResponse(type, m_secret, m_challenge);
    if (resp == nullptr
        || resp->GetValue() != std::vector<uint8_t>(expected.begin(), expected.end()))
    {
        Close(STOPCCN_NOT_AUTHORIZED, 0,
              resp == nullptr ? "no challenge response" : "challenge response mismatch");
        return false;
    }
    return true;
}

void
L2tpTunnel::HandleSccrq(const L2tpControlMessage& msg)
{
    if (m_state != IDLE)
    {
        Close(STOPCCN_FSM_ERROR, 0, "SCCRQ in state " + std::string(StateName(m_state)));
        return;
    }
    if (!CheckPeerAvps(msg))
    {
        return;
    }
    if (m_refuseResult != 0)
    {
        Drop("SCCRQ refused: " + m_refuseMessage);
        Close(m_refuseResult, m_refuseError, m_refuseMessage);
        return;
    }
    L2tpControlMessage reply = NewMessage(M::SCCRP, 0);
    AddCommonSccAvps(reply);
    if (!m_peerChallenge.empty())
    {
        L2tpMd5::Digest d = L2tpChallengeResponse(M::SCCRP, m_secret, m_peerChallenge);
        AddAvp(reply, L2tpAvp::FromOctets(A::CHALLENGE_RESPONSE, {d.begin(), d.end()}));
    }
    if (!m_secret.empty())
    {
        m_challenge = NewChallenge();
        AddAvp(reply, L2tpAvp::FromOctets(A::CHALLENGE, m_challenge));
    }
    SetState(WAIT_CTL_CONN);
    m_channel->Send(reply);
}

void
L2tpTunnel::HandleSccrp(const L2tpControlMessage& msg)
{
    if (m_state != WAIT_CTL_REPLY)
    {
        Close(STOPCCN_FSM_ERROR, 0, "SCCRP in state " + std::string(StateName(m_state)));
        return;
    }
    if (!CheckPeerAvps(msg) || !CheckChallengeResponse(msg, M::SCCRP))
    {
        return;
    }
    L2tpControlMessage reply = NewMessage(M::SCCCN, 0);
    if (!m_peerChallenge.empty())
    {
        L2tpMd5::Digest d = L2tpChallengeResponse(M::SCCCN, m_secret, m_peerChallenge);
        AddAvp(reply, L2tpAvp::FromOctets(A::CHALLENGE_RESPONSE, {d.begin(), d.end()}));
    }
    m_channel->Send(reply);
    Established();
}

void
L2tpTunnel::HandleScccn(const L2tpControlMessage& msg)
{
    if (m_state != WAIT_CTL_CONN)
    {
        Close(STOPCCN_FSM_ERROR, 0, "SCCCN in state " + std::string(StateName(m_state)));
        return;
    }
    if (!CheckChallengeResponse(msg, M::SCCCN))
    {
        return;
    }
    Established();
}

void
L2tpTunnel::HandleStopCcn(const L2tpControlMessage& msg)
{
    auto rc = msg.FindAvp(A::RESULT_CODE)->GetResultCode();
    m_stopResult = rc ? rc->result : 0;
    m_closedByPeer = true;
    NS_LOG_INFO("tunnel " << m_localId << " StopCCN from peer: " << msg.ToString());
    ClearAllSessions(m_stopResult);
    m_channel->SendZlb(); // section 5.7: the receiver acknowledges at once
    EnterClosing();
}

void
L2tpTunnel::Established()
{
    SetState(ESTABLISHED);
    if (!m_helloInterval.IsZero())
    {
        m_helloEvent = Simulator::Schedule(m_helloInterval, &L2tpTunnel::HelloCheck, this);
    }
    if (!m_established.IsNull())
    {
        m_established(this);
    }
    std::vector<Ptr<L2tpSession>> waiting;
    waiting.swap(m_waitingTunnel);
    for (auto& s : waiting)
    {
        if (s->GetTunnel() == this && m_state == ESTABLISHED)
        {
            StartCall(s);
        }
    }
}

void
L2tpTunnel::HelloCheck()
{
    // O(1) per received packet: packets only stamp m_lastRx; this timer checks it.
    const Time idle = Simulator::Now() - m_lastRx;
    if (idle >= m_helloInterval)
    {
        m_channel->Send(NewMessage(M::HELLO, 0));
        m_lastRx = Simulator::Now();
    }
    m_helloEvent = Simulator::Schedule(m_lastRx + m_helloInterval - Simulator::Now(),
                                       &L2tpTunnel::HelloCheck, this);
}

uint16_t
L2tpTunnel::GetLocalId() const
{
    return m_localId;
}

uint16_t
L2tpTunnel::GetPeerId() const
{
    return m_peerId;
}

L2tpTunnel::State
L2tpTunnel::GetState() const
{
    return m_state;
}

L2tpTunnel::Role
L2tpTunnel::GetRole() const
{
    return m_role;
}

const std::string&
L2tpTunnel::GetPeerHostName() const
{
    return m_peerHostName;
}

bool
L2tpTunnel::GetPeerTieBreaker(uint64_t& value) const
{
    value = m_peerTieBreaker;
    return m_peerHasTieBreaker;
}

uint64_t
L2tpTunnel::GetTieBreaker() const
{
    return m_tieBreaker;
}

Ptr<L2tpControlChannel>
L2tpTunnel::GetControlChannel() const
{
    return m_channel;
}

uint32_t
L2tpTunnel::GetSessionCount() const
{
    return m_sessions.size();
}

Ptr<L2tpSession>
L2tpTunnel::FindSession(uint16_t id) const
{
    auto it = m_sessions.find(id);
    return it == m_sessions.end() ? nullptr : it->second;
}

uint16_t
L2tpTunnel::GetStopResult() const
{
    return m_stopResult;
}

bool
L2tpTunnel::WasClosedByPeer() const
{
    return m_closedByPeer;
}

} // namespace ns3
