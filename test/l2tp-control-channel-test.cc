/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2tpControlChannel (RFC 2661 section 5.8 and Appendix A) driven without sockets: two
 * channels joined by a scripted link that can delay, drop, hold and reorder packets.
 */
#include "ns3/l2tp-control-channel.h"

#include "ns3/boolean.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <functional>
#include <vector>

using namespace ns3;

namespace
{

/// One wire event seen by a Link.
struct Wire
{
    double t;      //!< seconds
    uint16_t type; //!< message type (0 = ZLB)
    uint16_t ns;   //!< Ns
    uint16_t nr;   //!< Nr
};

/// One direction of a path between two channels.
class Link
{
public:
    Ptr<L2tpControlChannel> to;            //!< receiver
    Time delay{MilliSeconds(10)};          //!< one-way delay
    std::function<bool(const Wire&)> drop; //!< true: lose this packet
    bool hold{false};                      //!< keep packets in held instead of sending
    std::vector<Wire> log;                 //!< everything sent
    std::vector<Ptr<Packet>> held;         //!< packets kept while hold is set

    void Send(Ptr<Packet> p)
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        L2tpControlMessage m;
        L2tpControlMessage::Parse(b.data(), b.size(), m);
        Wire w{Simulator::Now().GetSeconds(), m.GetMessageType(), m.GetHeader().GetNs(),
               m.GetHeader().GetNr()};
        log.push_back(w);
        if (drop && drop(w))
        {
            return;
        }
        if (hold)
        {
            held.push_back(p);
            return;
        }
        Simulator::Schedule(delay, &L2tpControlChannel::ReceivePacket, to, p);
    }

    /// Count of non-ZLB / ZLB packets in the log
    uint32_t Count(bool zlb) const
    {
        uint32_t n = 0;
        for (const auto& w : log)
        {
            n += (w.type == 0) == zlb;
        }
        return n;
    }
};

/// Two channels A and B and the two directions between them.
struct Pair
{
    Ptr<L2tpControlChannel> a;
    Ptr<L2tpControlChannel> b;
    Link ab;                                            //!< A to B
    Link ba;                                            //!< B to A
    std::vector<uint16_t> deliveredAtB;                 //!< Ns of messages B delivered, in order
    std::vector<uint16_t> deliveredAtA;                 //!< Ns of messages A delivered, in order
    std::vector<double> deliveryTimesAtB;               //!< when
    std::function<void(const L2tpControlMessage&)> onB; //!< B's upper layer

    Pair()
    {
        a = CreateObject<L2tpControlChannel>();
        b = CreateObject<L2tpControlChannel>();
    }

    void Connect()
    {
        ab.to = b;
        ba.to = a;
        a->SetSendCallback(MakeCallback(&Link::Send, &ab));
        b->SetSendCallback(MakeCallback(&Link::Send, &ba));
        a->SetDeliverCallback(MakeCallback(&Pair::DeliverA, this));
        b->SetDeliverCallback(MakeCallback(&Pair::DeliverB, this));
    }

    void DeliverA(const L2tpControlMessage& m, const L2tpControlMessage::ParseResult&)
    {
        deliveredAtA.push_back(m.GetHeader().GetNs());
    }

    void DeliverB(const L2tpControlMessage& m, const L2tpControlMessage::ParseResult&)
    {
        deliveredAtB.push_back(m.GetHeader().GetNs());
        deliveryTimesAtB.push_back(Simulator::Now().GetSeconds());
        if (onB)
        {
            onB(m);
        }
    }
};

L2tpControlMessage
Hello()
{
    return L2tpControlMessage(L2tpControlMessage::HELLO, 1, 0);
}

void
SendHello(Ptr<L2tpControlChannel> c)
{
    c->Send(Hello());
}

std::vector<double>
TimesOf(const std::vector<Wire>& log, uint16_t type)
{
    std::vector<double> t;
    for (const auto& w : log)
    {
        if (w.type == type)
        {
            t.push_back(w.t);
        }
    }
    return t;
}

} // namespace

/**
 * Retransmission with the defaults: copies at 0, 1, 3, 7, 15 s, failure at 31 s (xl2tpd case
 * 4a); the StopCCN sent after the failure takes the next Ns and its own full cycle.
 */
class L2tpCcRetransmitDefaultTest : public TestCase
{
public:
    L2tpCcRetransmitDefaultTest()
        : TestCase("defaults: copies at 0,1,3,7,15 s, failure at 31 s, StopCCN Ns=1 after it")
    {
    }

private:
    std::vector<double> m_failures;
    std::vector<std::tuple<uint16_t, uint32_t, double>> m_retx;

    Ptr<L2tpControlChannel> m_a;

    void Failed()
    {
        m_failures.push_back(Simulator::Now().GetSeconds());
        if (m_failures.size() == 1)
        {
            // As the tunnel does: clear the connection with a StopCCN, itself reliable.
            NS_TEST_EXPECT_MSG_EQ(m_a->GetInFlight(), 0, "flushed");
            m_a->Send(L2tpControlMessage(L2tpControlMessage::STOPCCN, 0, 0));
        }
    }

    void Retx(uint16_t, uint16_t ns, uint32_t attempt, Time timeout)
    {
        m_retx.emplace_back(ns, attempt, timeout.GetSeconds());
    }

    void DoRun() override
    {
        Pair p;
        m_a = p.a;
        p.Connect();
        p.ab.drop = [](const Wire&)
        {
            return true;
        };
        p.a->SetFailureCallback(MakeCallback(&L2tpCcRetransmitDefaultTest::Failed, this));
        p.a->TraceConnectWithoutContext("Retransmission",
                                        MakeCallback(&L2tpCcRetransmitDefaultTest::Retx, this));
        NS_TEST_ASSERT_MSG_EQ(p.a->GetFullRetransmissionCycle(), Seconds(31), "full cycle");
        L2tpControlMessage sccrq(L2tpControlMessage::SCCRQ, 0, 0);
        p.a->Send(sccrq);
        Simulator::Run();
        std::vector<double> expected{0, 1, 3, 7, 15};
        NS_TEST_ASSERT_MSG_EQ(p.ab.log.size(), 10, "five copies of each");
        for (std::size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(p.ab.log[i].t, expected[i], "copy " << i);
            NS_TEST_EXPECT_MSG_EQ(p.ab.log[i].ns, 0, "Ns");
            NS_TEST_EXPECT_MSG_EQ(p.ab.log[i].nr, 0, "Nr");
        }
        NS_TEST_ASSERT_MSG_EQ(m_failures.size(), 2, "two failures");
        NS_TEST_EXPECT_MSG_EQ(m_failures[0], 31.0, "failure at 31 s");
        NS_TEST_ASSERT_MSG_EQ(m_retx.size(), 8, "four retransmissions each");
        for (uint32_t i = 0; i < 4; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(std::get<1>(m_retx[i]), i + 1, "attempt");
            NS_TEST_EXPECT_MSG_EQ(std::get<2>(m_retx[i]), double(1 << i), "expired timeout");
        }
        // xl2tpd then sends StopCCN with Ns=1, itself retransmitted at +1, +3, +7, +15 s.
        std::vector<double> stopTimes{31, 32, 34, 38, 46};
        for (std::size_t i = 0; i < stopTimes.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(p.ab.log[5 + i].t, stopTimes[i], "StopCCN copy " << i);
            NS_TEST_EXPECT_MSG_EQ(p.ab.log[5 + i].ns, 1, "StopCCN Ns");
            NS_TEST_EXPECT_MSG_EQ(p.ab.log[5 + i].type, L2tpControlMessage::STOPCCN, "type");
        }
        NS_TEST_ASSERT_MSG_EQ(m_failures.size(), 2, "StopCCN failure too");
        NS_TEST_EXPECT_MSG_EQ(m_failures[1], 62.0, "at 31 + 31 s");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetStats().failures, 2, "counter");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetStats().retransmissions, 8, "counter");
        Simulator::Destroy();
    }
};

/**
 * Other attribute values give the times they imply: InitialTimeout 2 s, MaxTimeout 8 s,
 * MaxRetransmissions 6: timeouts 2, 4, 8, 8, 8, 8, 8, copies at 0, 2, 6, 14, 22, 30, 38 s,
 * failure at 46 s.
 */
class L2tpCcRetransmitAttributesTest : public TestCase
{
public:
    L2tpCcRetransmitAttributesTest()
        : TestCase("InitialTimeout 2 s, MaxTimeout 8 s, MaxRetransmissions 6: 0,2,6,14,22,30,38; "
                   "failure at 46 s")
    {
    }

private:
    double m_failure{-1};

    void Failed() { m_failure = Simulator::Now().GetSeconds(); }

    void DoRun() override
    {
        Pair p;
        p.a->SetAttribute("InitialTimeout", TimeValue(Seconds(2)));
        p.a->SetAttribute("MaxTimeout", TimeValue(Seconds(8)));
        p.a->SetAttribute("MaxRetransmissions", UintegerValue(6));
        p.Connect();
        p.ab.drop = [](const Wire&)
        {
            return true;
        };
        p.a->SetFailureCallback(MakeCallback(&L2tpCcRetransmitAttributesTest::Failed, this));
        NS_TEST_ASSERT_MSG_EQ(p.a->GetFullRetransmissionCycle(), Seconds(46), "full cycle");
        Simulator::Schedule(Seconds(5), &SendHello, p.a);
        Simulator::Run();
        std::vector<double> expected{5, 7, 11, 19, 27, 35, 43};
        NS_TEST_ASSERT_MSG_EQ(p.ab.log.size(), expected.size(), "seven copies");
        for (std::size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(p.ab.log[i].t, expected[i], "copy " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(m_failure, 51.0, "failure 46 s after the first copy");
        Simulator::Destroy();
    }
};

/**
 * A lost acknowledgement: B receives the message, its ZLB is lost, A retransmits at 1 s, B
 * sees a duplicate, re-acknowledges at once and delivers nothing twice.
 */
class L2tpCcDuplicateTest : public TestCase
{
public:
    L2tpCcDuplicateTest()
        : TestCase("lost ZLB: retransmission at 1 s is a duplicate, re-acknowledged once")
    {
    }

private:
    void DoRun() override
    {
        Pair p;
        p.Connect();
        int zlbs = 0;
        p.ba.drop = [&zlbs](const Wire& w)
        {
            return w.type == 0 && zlbs++ == 0;
        };
        p.a->Send(Hello());
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(p.deliveredAtB.size(), 1, "delivered once");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetStats().duplicates, 1, "one duplicate");
        NS_TEST_ASSERT_MSG_EQ(p.ba.log.size(), 2, "two ZLBs from B");
        // First ZLB after AckDelay (0.01 + 0.1), the re-ack right at the duplicate (1.01).
        NS_TEST_EXPECT_MSG_EQ_TOL(p.ba.log[0].t, 0.11, 1e-9, "delayed ZLB");
        NS_TEST_EXPECT_MSG_EQ_TOL(p.ba.log[1].t, 1.01, 1e-9, "immediate re-ack");
        NS_TEST_EXPECT_MSG_EQ(p.ba.log[1].ns, 0, "ZLB Ns = B's next Ns");
        NS_TEST_EXPECT_MSG_EQ(p.ba.log[1].nr, 1, "ZLB Nr");
        NS_TEST_EXPECT_MSG_EQ(p.ab.log.size(), 2, "A sent the message twice, no more");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetInFlight(), 0, "acknowledged");
        Simulator::Destroy();
    }
};

/**
 * Piggy-backing: when B answers within AckDelay its message carries the acknowledgement and
 * no ZLB is sent; when it does not, a ZLB leaves exactly AckDelay after delivery.
 */
class L2tpCcPiggybackTest : public TestCase
{
public:
    L2tpCcPiggybackTest()
        : TestCase("ack piggy-backs on a reply; otherwise a ZLB exactly AckDelay later")
    {
    }

private:
    void DoRun() override
    {
        {
            Pair p;
            p.b->SetAttribute("AckDelay", TimeValue(MilliSeconds(250)));
            p.Connect();
            p.a->Send(Hello());
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(p.ba.log.size(), 1, "one ZLB");
            NS_TEST_EXPECT_MSG_EQ(p.ba.log[0].type, 0, "a ZLB");
            NS_TEST_EXPECT_MSG_EQ_TOL(p.ba.log[0].t, 0.26, 1e-9, "10 ms + 250 ms");
            NS_TEST_EXPECT_MSG_EQ(p.ba.log[0].nr, 1, "Nr");
            NS_TEST_EXPECT_MSG_EQ(p.b->GetStats().zlbsSent, 1, "counter");
            // A got the ZLB: nothing to acknowledge back, no ZLB from A.
            NS_TEST_EXPECT_MSG_EQ(p.ab.Count(true), 0, "A sends no ZLB for a ZLB");
            Simulator::Destroy();
        }
        {
            Pair p;
            p.Connect();
            Ptr<L2tpControlChannel> b = p.b;
            p.onB = [b](const L2tpControlMessage&)
            {
                b->Send(Hello());
            };
            p.a->Send(Hello());
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(p.ba.log.size(), 1, "B's reply only");
            NS_TEST_EXPECT_MSG_EQ(p.ba.log[0].type, L2tpControlMessage::HELLO, "reply");
            NS_TEST_EXPECT_MSG_EQ(p.ba.log[0].nr, 1, "reply acknowledges Ns 0");
            NS_TEST_EXPECT_MSG_EQ(p.b->GetStats().zlbsSent, 0, "no ZLB from B");
            NS_TEST_EXPECT_MSG_EQ(p.ab.Count(true), 1, "A acknowledges the reply with a ZLB");
            NS_TEST_EXPECT_MSG_EQ(p.ab.log.back().ns, 1, "A's ZLB Ns = next Ns");
            NS_TEST_EXPECT_MSG_EQ(p.ab.log.back().nr, 1, "A's ZLB Nr");
            NS_TEST_EXPECT_MSG_EQ(p.a->GetStats().retransmissions, 0, "no retransmission");
            Simulator::Destroy();
        }
    }
};

/**
 * Reordering and duplication: four messages held on the wire, released as Ns 2, 0, 0, 3, 2,
 * 1: B delivers 0, 1, 2, 3 exactly once each, in order.
 */
class L2tpCcReorderTest : public TestCase
{
public:
    L2tpCcReorderTest()
        : TestCase("reordered and duplicated messages are delivered once, in order")
    {
    }

private:
    void DoRun() override
    {
        Pair p;
        p.a->SetAttribute("SlowStart", BooleanValue(false));
        p.Connect();
        p.ab.hold = true;
        for (int i = 0; i < 4; ++i)
        {
            p.a->Send(Hello());
        }
        NS_TEST_ASSERT_MSG_EQ(p.ab.held.size(), 4, "window of 4 sent at once");
        const std::vector<int> order{2, 0, 0, 3, 2, 1};
        for (std::size_t i = 0; i < order.size(); ++i)
        {
            Simulator::Schedule(MilliSeconds(10 * (i + 1)), &L2tpControlChannel::ReceivePacket, p.b,
                                p.ab.held[order[i]]->Copy());
        }
        p.ab.hold = false;
        Simulator::Run();
        std::vector<uint16_t> expected{0, 1, 2, 3};
        NS_TEST_EXPECT_MSG_EQ((p.deliveredAtB == expected), true, "in order, once");
        // Delivery times: 0 at 20 ms; 1, 2, 3 at 60 ms when 1 fills the gap.
        NS_TEST_ASSERT_MSG_EQ(p.deliveryTimesAtB.size(), 4, "four deliveries");
        NS_TEST_EXPECT_MSG_EQ_TOL(p.deliveryTimesAtB[0], 0.02, 1e-9, "Ns 0");
        NS_TEST_EXPECT_MSG_EQ_TOL(p.deliveryTimesAtB[3], 0.06, 1e-9, "Ns 3");
        // Duplicates: the second 0 (re-ack) and the second 2 (already held).
        NS_TEST_EXPECT_MSG_EQ(p.b->GetStats().duplicates, 2, "two duplicates");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetStats().outOfOrder, 2, "2 and 3 held");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetNextNr(), 4, "Nr");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetInFlight(), 0, "all acknowledged");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetStats().retransmissions, 0, "acknowledged in time");
        Simulator::Destroy();
    }
};

/// A message beyond the receive window is dropped with a reason and not acknowledged.
class L2tpCcBeyondWindowTest : public TestCase
{
public:
    L2tpCcBeyondWindowTest()
        : TestCase("Ns beyond the receive window is dropped with a reason")
    {
    }

private:
    std::vector<std::string> m_reasons;

    void Dropped(uint16_t, uint16_t, const std::string& reason) { m_reasons.push_back(reason); }

    void DoRun() override
    {
        Ptr<L2tpControlChannel> c = CreateObject<L2tpControlChannel>();
        c->TraceConnectWithoutContext("Drop", MakeCallback(&L2tpCcBeyondWindowTest::Dropped, this));
        int sent = 0;
        std::function<void(Ptr<Packet>)> count = [&sent](Ptr<Packet>)
        {
            ++sent;
        };
        c->SetSendCallback(Callback<void, Ptr<Packet>>(count));
        L2tpControlMessage m = Hello();
        m.GetHeader().SetNs(4); // next is 0, window 4: 0..3 acceptable
        c->Receive(m, L2tpControlMessage::ParseResult());
        m.GetHeader().SetNs(3);
        c->Receive(m, L2tpControlMessage::ParseResult());
        NS_TEST_ASSERT_MSG_EQ(m_reasons.size(), 1, "one drop");
        NS_TEST_EXPECT_MSG_EQ(m_reasons[0], "Ns 4 beyond the receive window (next 0, window 4)",
                              "reason");
        NS_TEST_EXPECT_MSG_EQ(c->GetStats().outOfOrder, 1, "Ns 3 held");
        // A malformed packet (AVP length past the end) is dropped unacknowledged.
        std::vector<uint8_t> bad{0xc8, 0x02, 0x00, 0x14, 0, 1, 0, 0, 0, 0,
                                 0,    0,    0x80, 0x10, 0, 0, 0, 0, 0, 6};
        c->ReceivePacket(Create<Packet>(bad.data(), bad.size()));
        NS_TEST_ASSERT_MSG_EQ(m_reasons.size(), 2, "second drop");
        NS_TEST_EXPECT_MSG_EQ(c->GetStats().drops, 2, "counter");
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(sent, 0, "nothing acknowledged");
        Simulator::Destroy();
    }
};

/**
 * The window: 10 messages with the peer's RWS 4 and slow start off: exactly 4 go at once, the
 * others as acknowledgements arrive; never more than 4 unacknowledged.
 */
class L2tpCcWindowTest : public TestCase
{
public:
    L2tpCcWindowTest()
        : TestCase("never more than the peer's Receive Window Size unacknowledged")
    {
    }

private:
    Ptr<L2tpControlChannel> m_a;
    uint32_t m_maxSeen{0};

    void Sent(uint16_t, uint16_t, uint16_t) { m_maxSeen = std::max(m_maxSeen, m_a->GetInFlight()); }

    void DoRun() override
    {
        Pair p;
        m_a = p.a;
        p.a->SetAttribute("SlowStart", BooleanValue(false));
        p.b->SetAttribute("AckDelay", TimeValue(Time(0)));
        p.Connect();
        p.a->TraceConnectWithoutContext("MessageSent", MakeCallback(&L2tpCcWindowTest::Sent, this));
        for (int i = 0; i < 10; ++i)
        {
            p.a->Send(Hello());
        }
        NS_TEST_EXPECT_MSG_EQ(p.a->GetInFlight(), 4, "window full");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetQueued(), 6, "rest queued");
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(m_maxSeen, 4, "max in flight");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetStats().maxInFlight, 4, "max in flight (stats)");
        NS_TEST_EXPECT_MSG_EQ(p.deliveredAtB.size(), 10, "all delivered");
        // Send times: 4 at 0, then one per acknowledgement: 0.02 s (4 of them), 0.04 s (2).
        std::vector<double> t = TimesOf(p.ab.log, L2tpControlMessage::HELLO);
        std::vector<double> expected{0, 0, 0, 0, 0.02, 0.02, 0.02, 0.02, 0.04, 0.04};
        NS_TEST_ASSERT_MSG_EQ(t.size(), expected.size(), "count");
        for (std::size_t i = 0; i < t.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(t[i], expected[i], 1e-9, "send time " << i);
        }
        Simulator::Destroy();
    }
};

/**
 * Appendix A: slow start from cwnd 1 to the peer's RWS (8), one per acknowledged message;
 * after a timeout ssthresh = max(cwnd/2, 1) and cwnd = 1, then congestion avoidance adds one
 * message per window's worth of acknowledgements.
 */
class L2tpCcCongestionTest : public TestCase
{
public:
    L2tpCcCongestionTest()
        : TestCase("Appendix A: slow start to RWS, timeout, then congestion avoidance")
    {
    }

private:
    std::vector<std::pair<uint32_t, uint32_t>> m_window;
    Ptr<L2tpControlChannel> m_a;
    bool m_overWindow{false};

    void Window(uint32_t cwnd, uint32_t ssthresh) { m_window.emplace_back(cwnd, ssthresh); }

    void Sent(uint16_t, uint16_t, uint16_t)
    {
        m_overWindow |= m_a->GetInFlight() > m_a->GetSendWindow();
    }

    void Run(bool loseFirst)
    {
        m_window.clear();
        Pair p;
        m_a = p.a;
        p.b->SetAttribute("AckDelay", TimeValue(Time(0)));
        p.Connect();
        p.a->TraceConnectWithoutContext("WindowChange",
                                        MakeCallback(&L2tpCcCongestionTest::Window, this));
        p.a->TraceConnectWithoutContext("MessageSent",
                                        MakeCallback(&L2tpCcCongestionTest::Sent, this));
        p.a->SetPeerReceiveWindow(8);
        bool lost = false;
        p.ab.drop = [&lost, loseFirst](const Wire& w)
        {
            if (loseFirst && !lost && w.ns == 0)
            {
                lost = true;
                return true;
            }
            return false;
        };
        for (int i = 0; i < 40; ++i)
        {
            p.a->Send(Hello());
        }
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(p.deliveredAtB.size(), 40, "all delivered");
        NS_TEST_EXPECT_MSG_EQ(m_overWindow, false, "never beyond cwnd");
        Simulator::Destroy();
    }

    void DoRun() override
    {
        Run(false);
        std::vector<std::pair<uint32_t, uint32_t>> ss{{1, 8}, {2, 8}, {3, 8}, {4, 8},
                                                      {5, 8}, {6, 8}, {7, 8}, {8, 8}};
        NS_TEST_EXPECT_MSG_EQ((m_window == ss), true, "slow start 1..8 at ssthresh 8");

        Run(true);
        // (1,8) when RWS is learned; the timeout: ssthresh max(1/2,1) = 1, cwnd 1; then +1
        // after 1, 2, 3, ... 7 acknowledgements: cwnd 2..8.
        std::vector<std::pair<uint32_t, uint32_t>> ca{{1, 8}, {1, 1}, {2, 1}, {3, 1}, {4, 1},
                                                      {5, 1}, {6, 1}, {7, 1}, {8, 1}};
        NS_TEST_EXPECT_MSG_EQ((m_window == ca), true, "congestion avoidance after a loss");
    }
};

/// Sequence numbers wrap: 70,000 messages cross 65535 -> 0 and all arrive in order.
class L2tpCcWrapTest : public TestCase
{
public:
    L2tpCcWrapTest()
        : TestCase("16-bit Ns and Nr wrap around after 65,536 messages")
    {
    }

private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(L2tpControlChannel::SeqLess(65535, 0), true, "65535 < 0");
        NS_TEST_EXPECT_MSG_EQ(L2tpControlChannel::SeqLess(0, 65535), false, "0 > 65535");
        NS_TEST_EXPECT_MSG_EQ(L2tpControlChannel::SeqLess(100, 32867), true, "32767 ahead");
        NS_TEST_EXPECT_MSG_EQ(L2tpControlChannel::SeqLess(100, 32869), false,
                              "32769 ahead is behind");
        Pair p;
        p.a->SetAttribute("SlowStart", BooleanValue(false));
        p.b->SetAttribute("ReceiveWindowSize", UintegerValue(64));
        p.b->SetAttribute("AckDelay", TimeValue(Time(0)));
        p.ab.delay = MilliSeconds(1);
        p.ba.delay = MilliSeconds(1);
        p.Connect();
        p.a->SetPeerReceiveWindow(64);
        uint32_t count = 0;
        uint16_t expect = 0;
        bool inOrder = true;
        p.onB = [&](const L2tpControlMessage& m)
        {
            inOrder &= m.GetHeader().GetNs() == expect;
            ++expect;
            ++count;
        };
        for (int i = 0; i < 70000; ++i)
        {
            p.a->Send(Hello());
        }
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(count, 70000, "all delivered");
        NS_TEST_EXPECT_MSG_EQ(inOrder, true, "in order across the wrap");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetNextNs(), uint16_t(70000), "Ns wrapped");
        NS_TEST_EXPECT_MSG_EQ(p.b->GetNextNr(), uint16_t(70000), "Nr wrapped");
        NS_TEST_EXPECT_MSG_EQ(p.a->GetStats().retransmissions, 0, "no retransmission");
        Simulator::Destroy();
    }
};

/// The suite.
class L2tpControlChannelTestSuite : public TestSuite
{
public:
    L2tpControlChannelTestSuite()
        : TestSuite("l2tp-control-channel", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpCcRetransmitDefaultTest);
        AddTestCase(new L2tpCcRetransmitAttributesTest);
        AddTestCase(new L2tpCcDuplicateTest);
        AddTestCase(new L2tpCcPiggybackTest);
        AddTestCase(new L2tpCcReorderTest);
        AddTestCase(new L2tpCcBeyondWindowTest);
        AddTestCase(new L2tpCcWindowTest);
        AddTestCase(new L2tpCcCongestionTest);
        AddTestCase(new L2tpCcWrapTest);
    }
};

static L2tpControlChannelTestSuite g_l2tpControlChannelTestSuite;
