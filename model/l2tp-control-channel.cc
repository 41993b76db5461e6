/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-control-channel.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpControlChannel");
NS_OBJECT_ENSURE_REGISTERED(L2tpControlChannel);

TypeId
L2tpControlChannel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpControlChannel")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<L2tpControlChannel>()
              .AddAttribute("ReceiveWindowSize",
                            "Receive Window Size we advertise (RFC 2661 section 4.4.3) and the "
                            "size of the out-of-order buffer",
                            UintegerValue(4), MakeUintegerAccessor(&L2tpControlChannel::m_rws),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute(
                  "InitialTimeout", "First retransmission timeout (section 5.8 recommends 1 s)",
                  TimeValue(Seconds(1)), MakeTimeAccessor(&L2tpControlChannel::m_initialTimeout),
                  MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("MaxTimeout",
                            "Cap on the doubled retransmission timeout (section 5.8: no less "
                            "than 8 s); 16 s lets the default cycle double all the way",
                            TimeValue(Seconds(16)),
                            MakeTimeAccessor(&L2tpControlChannel::m_maxTimeout),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("MaxRetransmissions",
                            "Retransmissions of one message before the peer is declared "
                            "unreachable; with the defaults copies leave at 0, 1, 3, 7, 15 s and "
                            "failure is declared at 31 s, as xl2tpd does",
                            UintegerValue(4),
                            MakeUintegerAccessor(&L2tpControlChannel::m_maxRetransmissions),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("AckDelay",
                            "How long an acknowledgement waits for an outgoing message to "
                            "piggy-back on before a ZLB is sent",
                            TimeValue(MilliSeconds(100)),
                            MakeTimeAccessor(&L2tpControlChannel::m_ackDelay),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("SlowStart",
                            "Use the slow start and congestion avoidance of Appendix A (cwnd, "
                            "ssthresh); otherwise the window is the peer's Receive Window Size",
                            BooleanValue(true),
                            MakeBooleanAccessor(&L2tpControlChannel::m_slowStart),
                            MakeBooleanChecker())
              .AddTraceSource("MessageSent",
                              "First transmission of a non-ZLB message (type, Ns, Nr)",
                              MakeTraceSourceAccessor(&L2tpControlChannel::m_sentTrace),
                              "ns3::L2tpControlChannel::MessageTracedCallback")
              .AddTraceSource("MessageReceived",
                              "A message accepted from the peer, ZLBs included as type 0 (type, "
                              "Ns, Nr); non-ZLB messages are traced in delivery order",
                              MakeTraceSourceAccessor(&L2tpControlChannel::m_receivedTrace),
                              "ns3::L2tpControlChannel::MessageTracedCallback")
              .AddTraceSource("Retransmission",
                              "A retransmitted copy (type, Ns, attempt number from 1, the "
                              "timeout that expired)",
                              MakeTraceSourceAccessor(&L2tpControlChannel::m_retxTrace),
                              "ns3::L2tpControlChannel::RetransmissionTracedCallback")
              .AddTraceSource("WindowChange", "cwnd or ssthresh changed (Appendix A)",
                              MakeTraceSourceAccessor(&L2tpControlChannel::m_windowTrace),
                              "ns3::L2tpControlChannel::WindowTracedCallback")
              .AddTraceSource("ZlbSent", "A ZLB acknowledgement went out (Ns, Nr)",
                              MakeTraceSourceAccessor(&L2tpControlChannel::m_zlbTrace),
                              "ns3::L2tpControlChannel::ZlbTracedCallback")
              .AddTraceSource("DuplicateReceived",
                              "A message already delivered arrived again (type, Ns); it is "
                              "re-acknowledged",
                              MakeTraceSourceAccessor(&L2tpControlChannel::m_dupTrace),
                              "ns3::L2tpControlChannel::DuplicateTracedCallback")
              .AddTraceSource("Drop", "A message was dropped (type, Ns, reason)",
                              MakeTraceSourceAccessor(&L2tpControlChannel::m_dropTrace),
                              "ns3::L2tpControlChannel::DropTracedCallback")
              .AddTraceSource("Failure", "The retransmission limit was reached (type, Ns)",
                              MakeTraceSourceAccessor(&L2tpControlChannel::m_failureTrace),
                              "ns3::L2tpControlChannel::FailureTracedCallback");
    return tid;
}

L2tpControlChannel::L2tpControlChannel()
{
    NS_LOG_FUNCTION(this);
}

L2tpControlChannel::~L2tpControlChannel()
{
    NS_LOG_FUNCTION(this);
}

void
L2tpControlChannel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Flush();
    m_send = SendCallback();
    m_deliver = DeliverCallback();
    m_failure = FailureCallback();
    Object::DoDispose();
}

bool
L2tpControlChannel::SeqLess(uint16_t a, uint16_t b)
{
    return int16_t(uint16_t(a - b)) < 0;
}

void
L2tpControlChannel::SetSendCallback(SendCallback cb)
{
    m_send = cb;
}

void
L2tpControlChannel::SetDeliverCallback(DeliverCallback cb)
{
    m_deliver = cb;
}

void
L2tpControlChannel::SetFailureCallback(FailureCallback cb)
{
    m_failure = cb;
}

void
L2tpControlChannel::SetPeerTunnelId(uint16_t id)
{
    m_peerTunnelId = id;
}

void
L2tpControlChannel::SetPeerReceiveWindow(uint16_t rws)
{
    NS_LOG_FUNCTION(this << rws);
    m_peerRws = std::max<uint16_t>(rws, 1);
    uint32_t ssthresh = m_lossSeen ? std::min<uint32_t>(m_ssthresh, m_peerRws) : m_peerRws;
    SetWindow(std::min<uint32_t>(m_cwnd, m_peerRws), ssthresh);
    TrySend();
}

void
L2tpControlChannel::SetSecret(const std::string& secret)
{
    m_secret = secret;
}

void
L2tpControlChannel::SetWindow(uint32_t cwnd, uint32_t ssthresh)
{
    if (cwnd != m_cwnd || ssthresh != m_ssthresh)
    {
        m_cwnd = cwnd;
        m_ssthresh = ssthresh;
        NS_LOG_LOGIC("cwnd " << m_cwnd << " ssthresh " << m_ssthresh);
        m_windowTrace(m_cwnd, m_ssthresh);
    }
}

uint32_t
L2tpControlChannel::GetSendWindow() const
{
    return m_slowStart ? std::min<uint32_t>(m_cwnd, m_peerRws) : m_peerRws;
}

void
L2tpControlChannel::Send(const L2tpControlMessage& msg)
{
    NS_LOG_FUNCTION(this << msg.ToString());
    NS_ABORT_MSG_IF(msg.IsZlb(), "ZLBs are sent by the channel itself");
    m_queue.push_back(msg);
    TrySend();
}

void
L2tpControlChannel::TrySend()
{
    while (!m_queue.empty() && m_inFlight.size() < GetSendWindow())
    {
        InFlight entry;
        entry.msg = std::move(m_queue.front());
        m_queue.pop_front();
        const uint16_t ns = m_ns++;
        if (m_inFlight.empty())
        {
            m_sndUna = ns;
        }
        entry.msg.GetHeader().SetNs(ns);
        entry.timeout = m_initialTimeout;
        auto it = m_inFlight.emplace(ns, std::move(entry)).first;
        m_stats.maxInFlight = std::max<uint32_t>(m_stats.maxInFlight, m_inFlight.size());
        ++m_stats.messagesSent;
        Transmit(it->second.msg);
        m_sentTrace(it->second.msg.GetMessageType(), ns, m_nr);
        it->second.timer
            = Simulator::Schedule(it->second.timeout, &L2tpControlChannel::OnTimeout, this, ns);
    }
}

void
L2tpControlChannel::Transmit(L2tpControlMessage& msg)
{
    // Every message carries the latest Nr, retransmissions included, so it acknowledges
    // everything received so far and a pending ZLB becomes unnecessary.
    msg.GetHeader().SetNr(m_nr);
    m_ackPending = false;
    m_ackEvent.Cancel();
    NS_LOG_LOGIC("tx " << msg.ToString());
    if (!m_send.IsNull())
    {
        m_send(msg.ToPacket(m_secret));
    }
}

void
L2tpControlChannel::SendZlb()
{
    L2tpControlMessage zlb;
    zlb.GetHeader().SetTunnelId(m_peerTunnelId);
    zlb.GetHeader().SetNs(m_ns); // a ZLB carries the next Ns without consuming it
    ++m_stats.zlbsSent;
    Transmit(zlb);
    m_zlbTrace(m_ns, m_nr);
}

void
L2tpControlChannel::OnTimeout(uint16_t ns)
{
    auto it = m_inFlight.find(ns);
    NS_ASSERT(it != m_inFlight.end());
    InFlight& e = it->second;
    const uint16_t type = e.msg.GetMessageType();
    if (e.attempt >= m_maxRetransmissions)
    {
        NS_LOG_INFO("no acknowledgement for " << L2tpControlMessage::TypeName(type) << " Ns=" << ns
                                              << " after " << e.attempt << " retransmissions");
        ++m_stats.failures;
        m_failureTrace(type, ns);
        Flush();
        if (!m_failure.IsNull())
        {
            m_failure();
        }
        return;
    }
    const Time expired = e.timeout;
    ++e.attempt;
    ++m_stats.retransmissions;
    e.timeout = std::min(e.timeout + e.timeout, m_maxTimeout);
    // Appendix A: a retransmission halves ssthresh and closes cwnd to one message.
    m_lossSeen = true;
    SetWindow(1, std::max<uint32_t>(m_cwnd / 2, 1));
    m_caCount = 0;
    Transmit(e.msg);
    m_retxTrace(type, ns, e.attempt, expired);
    e.timer = Simulator::Schedule(e.timeout, &L2tpControlChannel::OnTimeout, this, ns);
}

void
L2tpControlChannel::OnAcked()
{
    if (!m_slowStart)
    {
        return;
    }
    // Appendix A: below ssthresh, one more message per acknowledged message (slow start);
    // at or above it, one more per window's worth of acknowledgements (congestion avoidance).
    // The window never grows beyond the peer's Receive Window Size.
    if (m_cwnd >= m_peerRws)
    {
        return;
    }
    if (m_cwnd < m_ssthresh)
    {
        SetWindow(m_cwnd + 1, m_ssthresh);
    }
    else if (++m_caCount >= m_cwnd)
    {
        m_caCount = 0;
        SetWindow(m_cwnd + 1, m_ssthresh);
    }
}

void
L2tpControlChannel::ProcessAck(uint16_t nr)
{
    if (m_inFlight.empty())
    {
        return;
    }
    // Nr acknowledges every Ns before it. Values outside [sndUna, next Ns] are stale
    // (reordered or duplicated packets) and acknowledge nothing new.
    const uint16_t newlyAcked = uint16_t(nr - m_sndUna);
    if (SeqLess(nr, m_sndUna) || newlyAcked > uint16_t(m_ns - m_sndUna))
    {
        NS_LOG_LOGIC("Nr " << nr << " outside [" << m_sndUna << ", " << m_ns << "]");
        return;
    }
    for (uint16_t i = 0; i < newlyAcked; ++i)
    {
        auto it = m_inFlight.find(uint16_t(m_sndUna + i));
        if (it != m_inFlight.end())
        {
            it->second.timer.Cancel();
            m_inFlight.erase(it);
            OnAcked();
        }
    }
    m_sndUna = nr;
}

void
L2tpControlChannel::ScheduleAck()
{
    if (!m_ackEvent.IsExpired())
    {
        return;
    }
    if (m_ackDelay.IsZero())
    {
        SendZlb();
    }
    else
    {
        m_ackEvent = Simulator::Schedule(m_ackDelay, &L2tpControlChannel::SendZlb, this);
    }
}

void
L2tpControlChannel::Drop(uint16_t type, uint16_t ns, const std::string& reason)
{
    NS_LOG_INFO("drop " << L2tpControlMessage::TypeName(type) << " Ns=" << ns << ": " << reason);
    ++m_stats.drops;
    m_dropTrace(type, ns, reason);
}

void
L2tpControlChannel::ReceivePacket(Ptr<const Packet> p)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    L2tpControlMessage msg;
    L2tpControlMessage::ParseResult r = L2tpControlMessage::Parse(
        bytes.data(), bytes.size(), msg, m_secret.empty() ? nullptr : &m_secret);
    if (r.reaction == L2tpControlMessage::Reaction::DISCARD)
    {
        Drop(msg.GetMessageType(), msg.GetHeader().GetNs(), r.reason);
        return;
    }
    Receive(msg, r);
}

void
L2tpControlChannel::Receive(const L2tpControlMessage& msg,
                            const L2tpControlMessage::ParseResult& result)
{
    const uint16_t ns = msg.GetHeader().GetNs();
    const uint16_t nr = msg.GetHeader().GetNr();
    const uint16_t type = msg.GetMessageType();
    NS_LOG_FUNCTION(this << msg.ToString());

    ProcessAck(nr);
    if (msg.IsZlb())
    {
        ++m_stats.zlbsReceived;
        m_receivedTrace(type, ns, nr);
        TrySend();
        return;
    }

    const uint16_t ahead = uint16_t(ns - m_nr);
    if (SeqLess(ns, m_nr))
    {
        // Already delivered: our acknowledgement was lost or is late. Acknowledge again.
        ++m_stats.duplicates;
        m_dupTrace(type, ns);
        SendZlb();
        TrySend();
        return;
    }
    if (ahead != 0)
    {
        if (ahead >= m_rws)
        {
            Drop(type, ns,
                 "Ns " + std::to_string(ns) + " beyond the receive window (next "
                     + std::to_string(m_nr) + ", window " + std::to_string(m_rws) + ")");
        }
        else if (m_early.count(ns) != 0)
        {
            ++m_stats.duplicates;
            m_dupTrace(type, ns);
        }
        else
        {
            ++m_stats.outOfOrder;
            m_early.emplace(ns, Early{msg, result});
        }
        TrySend();
        return;
    }

    // In order: deliver it and every held message that now follows.
    Ptr<L2tpControlChannel> self = this; // the upper layer may drop its reference meanwhile
    m_nr = uint16_t(m_nr + 1);
    m_ackPending = true;
    ++m_stats.messagesReceived;
    m_receivedTrace(type, ns, nr);
    if (!m_deliver.IsNull())
    {
        m_deliver(msg, result);
    }
    for (auto it = m_early.find(m_nr); it != m_early.end(); it = m_early.find(m_nr))
    {
        Early e = std::move(it->second);
        m_early.erase(it);
        m_nr = uint16_t(m_nr + 1);
        m_ackPending = true;
        ++m_stats.messagesReceived;
        m_receivedTrace(e.msg.GetMessageType(), e.msg.GetHeader().GetNs(),
                        e.msg.GetHeader().GetNr());
        if (!m_deliver.IsNull())
        {
            m_deliver(e.msg, e.result);
        }
    }
    TrySend();
    // Nothing of ours carried the new Nr yet: acknowledge with a ZLB after AckDelay unless a
    // message leaves meanwhile (Transmit cancels the timer).
    if (m_ackPending)
    {
        ScheduleAck();
    }
}

void
L2tpControlChannel::Flush()
{
    for (auto& kv : m_inFlight)
    {
        kv.second.timer.Cancel();
    }
    m_inFlight.clear();
    m_queue.clear();
    m_early.clear();
    m_ackEvent.Cancel();
    m_ackPending = false;
    m_sndUna = m_ns;
}

uint16_t
L2tpControlChannel::GetNextNs() const
{
    return m_ns;
}

uint16_t
L2tpControlChannel::GetNextNr() const
{
    return m_nr;
}

uint32_t
L2tpControlChannel::GetInFlight() const
{
    return m_inFlight.size();
}

uint32_t
L2tpControlChannel::GetQueued() const
{
    return m_queue.size();
}

uint32_t
L2tpControlChannel::GetCwnd() const
{
    return m_cwnd;
}

uint32_t
L2tpControlChannel::GetSsthresh() const
{
    return m_ssthresh;
}

uint16_t
L2tpControlChannel::GetPeerReceiveWindow() const
{
    return m_peerRws;
}

uint16_t
L2tpControlChannel::GetReceiveWindow() const
{
    return m_rws;
}

bool
L2tpControlChannel::IsIdle() const
{
    return m_inFlight.empty() && m_queue.empty();
}

const L2tpControlChannel::Stats&
L2tpControlChannel::GetStats() const
{
    return m_stats;
}

Time
L2tpControlChannel::GetFullRetransmissionCycle() const
{
    Time total(0);
    Time t = m_initialTimeout;
    for (uint32_t i = 0; i <= m_maxRetransmissions; ++i)
    {
        total += t;
        t = std::min(t + t, m_maxTimeout);
    }
    return total;
}

} // namespace ns3
