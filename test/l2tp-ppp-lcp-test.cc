/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LCP between two PppEndpoints back to back (10 ms one way): the exact message sequence and
 * times of a plain negotiation, of one with the Restart timer (the server comes up 5 s late),
 * the Nak and Reject paths, magic-number loopback detection (RFC 1661 6.4), the Echo keepalive
 * taking the link down after the configured count at the exact time, and a Configure-Request
 * with a malformed or unknown option answered or dropped as the RFC says.
 */
#include "l2tp-ppp-harness.h"
#include "l2tp-test-util.h"

#include "ns3/boolean.h"
#include "ns3/ppp-lcp.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Records LCP state changes with times.
struct StateLog
{
    std::vector<std::string> lines; //!< "time old->new"

    void Add(PppFsm::State o, PppFsm::State n)
    {
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << " "
           << PppFsm::StateName(o) << "->" << PppFsm::StateName(n);
        lines.push_back(os.str());
    }

    std::string Joined() const
    {
        std::string s;
        for (const auto& l : lines)
        {
            s += l + "\n";
        }
        return s;
    }
};

/**
 * \ingroup l2tp
 * \brief Plain negotiation: both send Configure-Request at 0, Ack at 10 ms, Opened at 20 ms.
 */
class PppLcpBasicTestCase : public TestCase
{
public:
    PppLcpBasicTestCase()
        : TestCase("LCP negotiation back to back: exact sequence, times and options")
    {
    }

private:
    void DoRun() override
    {
        PppLink link;
        StateLog cs;
        link.client->TraceConnectWithoutContext("LcpState", MakeCallback(&StateLog::Add, &cs));
        link.client->GetIpcp()->SetAttribute("RequestDns", BooleanValue(false));
        link.client->Start();
        link.server->Start();
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(link.LogOf("LCP"),
                              "0.000 C>S LCP Configure-Request 1\n"
                              "0.000 S>C LCP Configure-Request 1\n"
                              "0.010 S>C LCP Configure-Ack 1\n"
                              "0.010 C>S LCP Configure-Ack 1\n",
                              "LCP messages");
        NS_TEST_EXPECT_MSG_EQ(cs.Joined(),
                              "0.000 Initial->Starting\n"
                              "0.000 Starting->Req-Sent\n"
                              "0.010 Req-Sent->Ack-Sent\n"
                              "0.020 Ack-Sent->Opened\n",
                              "client LCP states");
        // The client's request: ACCM 0, Magic-Number, PFC, ACFC (RFC 1661 6, RFC 1662 7.1).
        const auto& cr = link.frames[0].bytes;
        NS_TEST_ASSERT_MSG_EQ(cr.size(), 24, "CR size");
        auto masked = cr;
        for (int i = 16; i < 20; ++i)
        {
            masked[i] = 0; // the random magic number
        }
        NS_TEST_EXPECT_MSG_EQ(ToHex(masked),
                              "ff03c021010100140206000000000506000000000702"
                              "0802",
                              "CR bytes");
        const uint32_t magic = (uint32_t(cr[16]) << 24) | (cr[17] << 16) | (cr[18] << 8) | cr[19];
        NS_TEST_EXPECT_MSG_EQ(magic, link.client->GetLcp()->GetLocalMagic(), "magic on the wire");
        NS_TEST_EXPECT_MSG_EQ(link.client->GetLcp()->GetTxPfc(), true, "PFC negotiated");
        NS_TEST_EXPECT_MSG_EQ(link.client->GetLcp()->GetTxAcfc(), true, "ACFC negotiated");
        NS_TEST_EXPECT_MSG_EQ(link.client->GetLcp()->GetTxAccm(), 0, "ACCM negotiated");
        NS_TEST_EXPECT_MSG_EQ(link.client->GetPhase(), PppEndpoint::NETWORK, "network phase");
        // After LCP opened, IPCP (0x8021, not compressible) is sent without FF 03.
        bool sawIpcp = false;
        for (const auto& f : link.frames)
        {
            if (f.bytes.size() > 2 && f.bytes[0] == 0x80 && f.bytes[1] == 0x21)
            {
                sawIpcp = true;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(sawIpcp, true, "IPCP sent with ACFC");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The server comes up 5 s late: the client's requests at 0 and 3 s are lost (the server
 *        is Dead), the Restart timer retransmits at 6 s.
 */
class PppLcpRestartTestCase : public TestCase
{
public:
    PppLcpRestartTestCase()
        : TestCase("LCP with the Restart timer: retransmissions 3 s apart until the peer is up")
    {
    }

private:
    void DoRun() override
    {
        PppLink link;
        link.client->GetIpcp()->SetAttribute("RequestDns", BooleanValue(false));
        link.client->Start();
        Simulator::Schedule(Seconds(5), &PppEndpoint::Start, link.server);
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(link.LogOf("LCP"),
                              "0.000 C>S LCP Configure-Request 1\n"
                              "3.000 C>S LCP Configure-Request 2\n"
                              "5.000 S>C LCP Configure-Request 1\n"
                              "5.010 C>S LCP Configure-Ack 1\n"
                              "6.000 C>S LCP Configure-Request 3\n"
                              "6.010 S>C LCP Configure-Ack 3\n",
                              "LCP messages: TO+ in Ack-Sent resends at 6 s (scr/8)");
        NS_TEST_EXPECT_MSG_EQ(link.client->GetLcp()->GetState(), PppFsm::OPENED, "client");
        NS_TEST_EXPECT_MSG_EQ(link.server->GetLcp()->GetState(), PppFsm::OPENED, "server");
        NS_TEST_EXPECT_MSG_EQ(link.server->GetCounters().drops, 2, "2 frames to a dead server");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Nak path: the server wants CHAP, the client only does PAP and Naks with PAP; the
 *        server does not downgrade, so after Max-Failure (5) Naks the client Rejects the
 *        option and the server closes the link.
 */
class PppLcpNakRejectTestCase : public TestCase
{
public:
    PppLcpNakRejectTestCase()
        : TestCase("LCP Nak then Reject of Authentication-Protocol after Max-Failure")
    {
    }

private:
    void DoRun() override
    {
        PppLink link;
        link.server->GetLcp()->SetAttribute("Authentication", StringValue("chap"));
        link.client->GetLcp()->SetAttribute("AcceptChap", BooleanValue(false));
        TextLog reasons;
        link.client->GetLcp()->TraceConnectWithoutContext("PeerTerminate",
                                                          MakeCallback(&TextLog::Add, &reasons));
        link.client->Start();
        link.server->Start();
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(link.LogOf("LCP"),
                              "0.000 C>S LCP Configure-Request 1\n"
                              "0.000 S>C LCP Configure-Request 1\n"
                              "0.010 S>C LCP Configure-Ack 1\n"
                              "0.010 C>S LCP Configure-Nak 1\n"
                              "0.020 S>C LCP Configure-Request 2\n"
                              "0.030 C>S LCP Configure-Nak 2\n"
                              "0.040 S>C LCP Configure-Request 3\n"
                              "0.050 C>S LCP Configure-Nak 3\n"
                              "0.060 S>C LCP Configure-Request 4\n"
                              "0.070 C>S LCP Configure-Nak 4\n"
                              "0.080 S>C LCP Configure-Request 5\n"
                              "0.090 C>S LCP Configure-Nak 5\n"
                              "0.100 S>C LCP Configure-Request 6\n"
                              "0.110 C>S LCP Configure-Reject 6\n"
                              "0.120 S>C LCP Terminate-Request 7\n"
                              "0.130 C>S LCP Terminate-Ack 7\n",
                              "5 Naks, then a Reject (Max-Failure 5), then Terminate");
        NS_TEST_EXPECT_MSG_EQ(reasons.Joined(), "0.130 peer refused to authenticate\n",
                              "the server's reason reaches the client");
        NS_TEST_EXPECT_MSG_EQ(link.server->GetLcp()->GetState(), PppFsm::CLOSED, "server");
        NS_TEST_EXPECT_MSG_EQ(link.server->GetPhase(), PppEndpoint::DEAD, "server dead");
        // The Nak carries PAP: 03 04 c0 23.
        for (const auto& f : link.frames)
        {
            if (!f.fromClient && f.bytes.size() > 4 && f.bytes[4] == 3)
            {
                NS_TEST_EXPECT_MSG_EQ(ToHex(f.bytes),
                                      "ff03c0210301000803"
                                      "04c023",
                                      "Nak bytes");
                break;
            }
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief A looped-back link (RFC 1661 6.4): the endpoint receives its own requests.
 */
class PppLcpLoopbackTestCase : public TestCase
{
public:
    PppLcpLoopbackTestCase()
        : TestCase("magic-number loopback detection closes a looped-back link")
    {
    }

    void Loop(Ptr<Packet> p)
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << " "
           << DescribeFrame(b);
        m_log.push_back(os.str());
        Simulator::Schedule(MilliSeconds(10), &PppEndpoint::Receive, m_ep, p);
    }

    void Loopback(const std::string& where)
    {
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << " " << where;
        m_detected.push_back(os.str());
    }

private:
    void DoRun() override
    {
        m_ep = CreateObject<PppEndpoint>();
        m_ep->AssignStreams(7);
        m_ep->SetSendCallback(MakeCallback(&PppLcpLoopbackTestCase::Loop, this));
        m_ep->GetLcp()->TraceConnectWithoutContext(
            "Loopback", MakeCallback(&PppLcpLoopbackTestCase::Loopback, this));
        m_ep->Start();
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        std::string all;
        for (const auto& l : m_log)
        {
            all += l + "\n";
        }
        // Each own request comes back and is Nak'ed with a new number (RFC 1661 6.4); each own
        // Nak comes back with the number last Nak'ed: a collision. The 10th closes the link.
        NS_TEST_EXPECT_MSG_EQ(all,
                              "0.000 LCP Configure-Request 1\n"
                              "0.010 LCP Configure-Nak 1\n"
                              "0.020 LCP Configure-Request 2\n"
                              "0.030 LCP Configure-Nak 2\n"
                              "0.040 LCP Configure-Request 3\n"
                              "0.050 LCP Configure-Nak 3\n"
                              "0.060 LCP Configure-Request 4\n"
                              "0.070 LCP Configure-Nak 4\n"
                              "0.080 LCP Configure-Request 5\n"
                              "0.090 LCP Configure-Nak 5\n"
                              "0.100 LCP Configure-Request 6\n"
                              "0.110 LCP Configure-Nak 6\n"
                              "0.120 LCP Configure-Request 7\n"
                              "0.130 LCP Configure-Nak 7\n"
                              "0.140 LCP Configure-Request 8\n"
                              "0.150 LCP Configure-Nak 8\n"
                              "0.160 LCP Configure-Request 9\n"
                              "0.170 LCP Configure-Nak 9\n"
                              "0.180 LCP Configure-Request 10\n"
                              "0.190 LCP Configure-Nak 10\n"
                              "0.200 LCP Terminate-Request 11\n"
                              "0.210 LCP Terminate-Ack 11\n",
                              "looped messages");
        NS_TEST_EXPECT_MSG_EQ(m_detected.size(), 1, "one detection");
        NS_TEST_EXPECT_MSG_EQ(m_detected[0], "0.200 Configure-Nak with our own Magic-Number",
                              "detected at the 10th collision");
        NS_TEST_EXPECT_MSG_EQ(m_ep->GetLcp()->GetState(), PppFsm::CLOSED, "closed");
        m_ep->Dispose();
        m_ep = nullptr;
        Simulator::Destroy();
    }

    Ptr<PppEndpoint> m_ep;
    std::vector<std::string> m_log;
    std::vector<std::string> m_detected;
};

/**
 * \ingroup l2tp
 * \brief Echo keepalive: interval 10 s, failure count 3; the link is cut at 1 s.
 */
class PppLcpEchoTestCase : public TestCase
{
public:
    PppLcpEchoTestCase()
        : TestCase("Echo-Request keepalive takes the link down after the failure count")
    {
    }

    void Failure(uint32_t pending)
    {
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << " " << pending;
        m_failures.push_back(os.str());
    }

private:
    void DoRun() override
    {
        PppLink link;
        for (auto ep : {link.client, link.server})
        {
            ep->GetLcp()->SetAttribute("EchoInterval", TimeValue(Seconds(10)));
            ep->GetLcp()->SetAttribute("EchoFailure", UintegerValue(3));
        }
        link.server->GetLcp()->SetAttribute("EchoInterval", TimeValue(Seconds(0)));
        link.client->GetIpcp()->SetAttribute("RequestDns", BooleanValue(false));
        StateLog states;
        link.client->TraceConnectWithoutContext("LcpState", MakeCallback(&StateLog::Add, &states));
        link.client->TraceConnectWithoutContext("EchoFailure",
                                                MakeCallback(&PppLcpEchoTestCase::Failure, this));
        link.client->Start();
        link.server->Start();
        Simulator::Schedule(Seconds(15), [&link]() { link.cut = true; });
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        // Opened at 20 ms; echoes every 10 s; the link is cut at 15 s; the 3 unanswered requests
        // (20, 30, 40 s) make the 4th tick (50.02 s) declare the failure and close the link
        // (2 Terminate-Requests 3 s apart, Closed at 56.02 s).
        NS_TEST_EXPECT_MSG_EQ(link.LogOf("LCP"),
                              "0.000 C>S LCP Configure-Request 1\n"
                              "0.000 S>C LCP Configure-Request 1\n"
                              "0.010 S>C LCP Configure-Ack 1\n"
                              "0.010 C>S LCP Configure-Ack 1\n"
                              "10.020 C>S LCP Echo-Request 2\n"
                              "10.030 S>C LCP Echo-Reply 2\n"
                              "20.020 C>S LCP Echo-Request 3 (lost)\n"
                              "30.020 C>S LCP Echo-Request 4 (lost)\n"
                              "40.020 C>S LCP Echo-Request 5 (lost)\n"
                              "50.020 C>S LCP Terminate-Request 6 (lost)\n"
                              "53.020 C>S LCP Terminate-Request 7 (lost)\n",
                              "LCP messages");
        NS_TEST_EXPECT_MSG_EQ(m_failures.size(), 1, "one echo failure");
        NS_TEST_EXPECT_MSG_EQ(m_failures[0], "50.020 3", "failure time and count");
        NS_TEST_EXPECT_MSG_EQ(states.Joined(),
                              "0.000 Initial->Starting\n0.000 Starting->Req-Sent\n0.010 "
                              "Req-Sent->Ack-Sent\n0.020 Ack-Sent->Opened\n50.020 "
                              "Opened->Closing\n56.020 Closing->Closed\n",
                              "client LCP states");
        NS_TEST_EXPECT_MSG_EQ(link.client->GetLcp()->GetState(), PppFsm::CLOSED, "closed");
        NS_TEST_EXPECT_MSG_EQ(link.client->GetPhase(), PppEndpoint::DEAD, "dead");
        NS_TEST_EXPECT_MSG_EQ(link.client->GetCounters().echoFailures, 1, "counter");
        Simulator::Destroy();
    }

    std::vector<std::string> m_failures;
};

/**
 * \ingroup l2tp
 * \brief Raw Configure-Requests with unknown, malformed and wrong-length options.
 */
class PppLcpMalformedTestCase : public TestCase
{
public:
    PppLcpMalformedTestCase()
        : TestCase("LCP Configure-Request with unknown or malformed options")
    {
    }

    void Sent(Ptr<Packet> p)
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        m_sent.push_back(ToHex(b));
    }

    void Dropped(const std::string& r) { m_drops.push_back(r); }

private:
    void DoRun() override
    {
        Ptr<PppEndpoint> ep = CreateObject<PppEndpoint>();
        ep->AssignStreams(9);
        ep->SetSendCallback(MakeCallback(&PppLcpMalformedTestCase::Sent, this));
        ep->GetLcp()->TraceConnectWithoutContext(
            "Drop", MakeCallback(&PppLcpMalformedTestCase::Dropped, this));
        ep->Start();
        m_sent.clear();
        struct Case
        {
            const char* frame;
            const char* reply; // "" = dropped
        };
        const Case cases[] = {
            // unknown option 0x0d (Callback) and MRU with a 3-octet length: Rejected as sent
            {"ff03c0210111000a0d03060103ff", "ff03c0210411000a0d03060103ff"},
            // Magic-Number zero MUST be Nak'd (RFC 1661 6.4)
            {"ff03c0210112000a0506"
             "00000000",
             "nak"},
            // option length 1: dropped
            {"ff03c0210113000601"
             "01",
             ""},
            // option length past the end: dropped
            {"ff03c0210114000801"
             "0805dc",
             ""},
            // Length field past the end: dropped
            {"ff03c0210115001001"
             "0405dc",
             ""},
            // PFC with data: Rejected
            {"ff03c021011600070703"
             "00",
             "ff03c021041600070703"
             "00"},
        };
        for (const auto& c : cases)
        {
            m_sent.clear();
            const auto b = FromHex(c.frame);
            ep->Receive(Create<Packet>(b.data(), b.size()));
            const std::string reply = m_sent.empty() ? "" : m_sent.back();
            if (std::string(c.reply) == "nak")
            {
                NS_TEST_EXPECT_MSG_EQ(reply.substr(0, 20), "ff03c0210312000a0506",
                                      "Nak " << c.frame);
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(reply, c.reply, "reply to " << c.frame);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(m_drops.size(), 3, "three drops");
        ep->Dispose();
        Simulator::Destroy();
    }

    std::vector<std::string> m_sent;
    std::vector<std::string> m_drops;
};

/**
 * \ingroup l2tp
 * \brief The test suite.
 */
class PppLcpTestSuite : public TestSuite
{
public:
    PppLcpTestSuite()
        : TestSuite("l2tp-ppp-lcp", TestSuite::Type::UNIT)
    {
        AddTestCase(new PppLcpBasicTestCase);
        AddTestCase(new PppLcpRestartTestCase);
        AddTestCase(new PppLcpNakRejectTestCase);
        AddTestCase(new PppLcpLoopbackTestCase);
        AddTestCase(new PppLcpEchoTestCase);
        AddTestCase(new PppLcpMalformedTestCase);
    }
};

PppLcpTestSuite g_pppLcpTestSuite; //!< registers the suite

} // namespace
