/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2tpTunnel state machine (RFC 2661 sections 5.7, 6, 7.2, 7.4) with two tunnels joined by a
 * scripted link (no sockets): establishment against xl2tpd's case 1, tunnel authentication,
 * hidden AVPs, Hello and dead peer. Sessions are in l2tp-tunnel-session-test.cc.
 */
#include "l2tp-tunnel-test-bed.h"

using namespace ns3;
using namespace ns3::l2tptest;

/**
 * xl2tpd case 1 replayed: SCCRQ, SCCRP, SCCCN, ICRQ, ICRP, ICCN, CDN after 7 ms, HELLO after
 * 60 s idle, StopCCN at 93.9 s: types, Ns and Nr of every non-ZLB message compared with the
 * vector's summary table, and the AVP types of each.
 */
class L2tpTunnelCase1Test : public TestCase
{
public:
    L2tpTunnelCase1Test()
        : TestCase("establishment, call, CDN, HELLO and StopCCN match xl2tpd case 1")
    {
    }

private:
    void DoRun() override
    {
        Bed b;
        b.Start(false);
        Simulator::ScheduleNow(&L2tpTunnel::Open, b.lac);
        Ptr<L2tpSession> s;
        Simulator::Schedule(MicroSeconds(1), [&]() { s = b.lac->OpenSession(); });
        Simulator::Schedule(MilliSeconds(90), [&]() { s->Close(1, 0); });
        Simulator::Schedule(Seconds(93.936805), [&]() { b.lac->Close(1, 0, "Goodbye!"); });
        Simulator::Stop(Seconds(200));
        Simulator::Run();

        // Expected: the vector's non-ZLB messages, in frame order, as "who TYPE Ns Nr".
        std::vector<std::string> expected;
        std::map<std::string, std::vector<uint16_t>> avps;
        for (const auto& line : ReadLines(DataDir() + "/xl2tpd/case1_plain.txt"))
        {
            auto f = Split(line, '\t');
            if (f.size() < 20 || f[0] == "frame.number" || f[15].empty())
            {
                continue;
            }
            std::string who = f[2] == "10.200.0.1" ? "lac" : "lns";
            uint16_t type = uint16_t(std::stoi(f[15]));
            expected.push_back(who + " " + L2tpControlMessage::TypeName(type) + " " + f[13] + " "
                               + f[14]);
            std::vector<uint16_t> t;
            for (const auto& x : Split(f[16], ','))
            {
                t.push_back(uint16_t(std::stoi(x)));
            }
            avps[who + L2tpControlMessage::TypeName(type)] = t;
        }
        NS_TEST_ASSERT_MSG_EQ(expected.size(), 10, "ten non-ZLB messages in case 1");
        // xl2tpd sends HELLO on a fixed 60 s period from both ends; RFC 2661 section 6.5 asks
        // for one after 60 s without any message from the peer, so the LNS's HELLO resets the
        // LAC's timer and the LAC sends none: its StopCCN then has Ns 5, not 6.
        expected.erase(expected.begin() + 8); // "lac HELLO 5 3"
        expected.back() = "lac StopCCN 5 3";

        // Merge both directions in time order.
        std::vector<std::pair<double, std::string>> got;
        for (const auto* d : {&b.up, &b.down})
        {
            for (const auto& x : d->log)
            {
                if (x.control && !x.msg.IsZlb())
                {
                    got.emplace_back(x.t, std::string(d == &b.up ? "lac " : "lns ")
                                              + L2tpControlMessage::TypeName(x.msg.GetMessageType())
                                              + " " + std::to_string(x.msg.GetHeader().GetNs())
                                              + " " + std::to_string(x.msg.GetHeader().GetNr()));
                    auto want = avps.find(std::string(d == &b.up ? "lac" : "lns")
                                          + L2tpControlMessage::TypeName(x.msg.GetMessageType()));
                    NS_TEST_EXPECT_MSG_EQ((want != avps.end() && want->second == AvpTypes(x.msg)),
                                          true, "AVP types of " << x.msg.ToString());
                }
            }
        }
        std::stable_sort(got.begin(), got.end(),
                         [](auto& x, auto& y) { return x.first < y.first; });
        std::vector<std::string> seq;
        for (auto& g : got)
        {
            seq.push_back(g.second);
        }
        NS_TEST_EXPECT_MSG_EQ(Join(seq), Join(expected), "message sequence");
        // HELLO after 60 s without a message: the LNS's last one was the CDN (0.09 + 0.01 s).
        const Seen* hello = b.down.First(L2tpControlMessage::HELLO);
        NS_TEST_ASSERT_MSG_NE(hello, nullptr, "LNS HELLO");
        NS_TEST_EXPECT_MSG_EQ_TOL(hello->t, 60.1, 1e-9, "HELLO 60 s after the CDN arrived");
        // The CDN carries Result Code 1 and our Assigned Session ID.
        const Seen* cdn = b.up.First(L2tpControlMessage::CDN);
        NS_TEST_EXPECT_MSG_EQ(cdn->msg.FindAvp(L2tpAvp::RESULT_CODE)->GetResultCode()->result, 1,
                              "CDN result");
        NS_TEST_EXPECT_MSG_EQ(b.lac->GetState(), L2tpTunnel::CLOSED, "LAC closed");
        NS_TEST_EXPECT_MSG_EQ(b.lns->GetState(), L2tpTunnel::CLOSED, "LNS closed");
        // Section 5.7 hold-off: both keep state a full retransmission cycle (31 s) after the
        // StopCCN left (LAC) or arrived (LNS).
        std::vector<std::string> wantStates{
            "lac idle->wait-ctl-reply 0",           "lns idle->wait-ctl-conn 0.01",
            "lac wait-ctl-reply->established 0.02", "lns wait-ctl-conn->established 0.03",
            "lac established->closing 93.9368",     "lns established->closing 93.9468",
            "lac closing->closed 124.937",          "lns closing->closed 124.947",
        };
        NS_TEST_EXPECT_MSG_EQ(Join(b.tunnelStates), Join(wantStates), "tunnel states");
        NS_TEST_EXPECT_MSG_EQ(b.up.Messages().size(), 6, "no LAC retransmission");
        Simulator::Destroy();
    }
};

/// Tunnel authentication (sections 4.4.3, 5.1.1): right secret, wrong secret, one-sided.
class L2tpTunnelAuthTest : public TestCase
{
public:
    L2tpTunnelAuthTest()
        : TestCase("tunnel authentication: right secret, wrong secret, secret on one side")
    {
    }

private:
    void DoRun() override
    {
        {
            Bed b;
            b.lac->SetSecret("l2tp-ref-secret");
            b.lns->SetSecret("l2tp-ref-secret");
            b.Start();
            Simulator::Stop(Seconds(1));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(b.lac->GetState(), L2tpTunnel::ESTABLISHED, "LAC up");
            NS_TEST_EXPECT_MSG_EQ(b.lns->GetState(), L2tpTunnel::ESTABLISHED, "LNS up");
            const Seen* rq = b.up.First(L2tpControlMessage::SCCRQ);
            const Seen* rp = b.down.First(L2tpControlMessage::SCCRP);
            const Seen* cn = b.up.First(L2tpControlMessage::SCCCN);
            std::vector<uint16_t> rqT{0, 2, 3, 4, 6, 7, 8, 9, 10, 11};
            std::vector<uint16_t> rpT{0, 2, 3, 4, 6, 7, 8, 9, 10, 13, 11};
            std::vector<uint16_t> cnT{0, 13};
            NS_TEST_EXPECT_MSG_EQ((AvpTypes(rq->msg) == rqT), true, "SCCRQ AVPs as case 2");
            NS_TEST_EXPECT_MSG_EQ((AvpTypes(rp->msg) == rpT), true, "SCCRP AVPs as case 2");
            NS_TEST_EXPECT_MSG_EQ((AvpTypes(cn->msg) == cnT), true, "SCCCN AVPs as case 2");
            // The responses are MD5(type || secret || challenge).
            auto r1 = L2tpChallengeResponse(2, "l2tp-ref-secret",
                                            rq->msg.FindAvp(L2tpAvp::CHALLENGE)->GetValue());
            auto r2 = L2tpChallengeResponse(3, "l2tp-ref-secret",
                                            rp->msg.FindAvp(L2tpAvp::CHALLENGE)->GetValue());
            NS_TEST_EXPECT_MSG_EQ((rp->msg.FindAvp(L2tpAvp::CHALLENGE_RESPONSE)->GetValue()
                                   == std::vector<uint8_t>(r1.begin(), r1.end())),
                                  true, "SCCRP response");
            NS_TEST_EXPECT_MSG_EQ((cn->msg.FindAvp(L2tpAvp::CHALLENGE_RESPONSE)->GetValue()
                                   == std::vector<uint8_t>(r2.begin(), r2.end())),
                                  true, "SCCCN response");
            Simulator::Destroy();
        }
        {
            Bed b;
            b.lac->SetSecret("right");
            b.lns->SetSecret("wrong");
            b.Start();
            Simulator::Stop(Seconds(100));
            Simulator::Run();
            // The LAC checks the SCCRP's response, fails it and sends StopCCN result 4.
            const Seen* stop = b.up.First(L2tpControlMessage::STOPCCN);
            NS_TEST_ASSERT_MSG_NE(stop, nullptr, "StopCCN sent");
            NS_TEST_EXPECT_MSG_EQ(stop->msg.FindAvp(L2tpAvp::RESULT_CODE)->GetResultCode()->result,
                                  4, "not authorized");
            NS_TEST_EXPECT_MSG_EQ(b.up.First(L2tpControlMessage::SCCCN), nullptr, "no SCCCN");
            NS_TEST_EXPECT_MSG_EQ(b.lns->WasClosedByPeer(), true, "LNS got it");
            NS_TEST_EXPECT_MSG_EQ(b.lns->GetStopResult(), 4, "result at LNS");
            NS_TEST_EXPECT_MSG_EQ(b.closedLac && b.closedLns, true, "both closed");
            std::vector<std::string> want{
                "lac idle->wait-ctl-reply 0",       "lns idle->wait-ctl-conn 0.01",
                "lac wait-ctl-reply->closing 0.02", "lns wait-ctl-conn->closing 0.03",
                "lac closing->closed 31.02",        "lns closing->closed 31.03"};
            NS_TEST_EXPECT_MSG_EQ(Join(b.tunnelStates), Join(want), "states");
            Simulator::Destroy();
        }
        {
            // Only the LNS has a secret: its Challenge cannot be answered.
            Bed b;
            b.lns->SetSecret("secret");
            b.Start();
            Simulator::Stop(Seconds(1));
            Simulator::Run();
            const Seen* stop = b.up.First(L2tpControlMessage::STOPCCN);
            NS_TEST_ASSERT_MSG_NE(stop, nullptr, "StopCCN");
            NS_TEST_EXPECT_MSG_EQ(b.lns->GetStopResult(), 4, "not authorized");
            Simulator::Destroy();
        }
        {
            // Only the LAC has a secret: the LNS cannot answer its Challenge.
            Bed b;
            b.lac->SetSecret("secret");
            b.Start();
            Simulator::Stop(Seconds(1));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(b.lns->GetStopResult(), 4, "not authorized");
            NS_TEST_EXPECT_MSG_EQ(b.lac->GetState(), L2tpTunnel::CLOSING, "LAC holding");
            Simulator::Destroy();
        }
    }
};

/// Hidden AVPs (section 4.3): Random Vector second, H bit on every AVP that may be hidden.
class L2tpTunnelHiddenTest : public TestCase
{
public:
    L2tpTunnelHiddenTest()
        : TestCase("HideAvps: Random Vector and hidden AVPs, unhidden by the peer")
    {
    }

private:
    void DoRun() override
    {
        Bed b;
        for (auto t : {b.lac, b.lns})
        {
            t->SetSecret("s3cret");
            t->SetAttribute("HideAvps", BooleanValue(true));
        }
        b.Start();
        Ptr<L2tpSession> s;
        Simulator::Schedule(Seconds(1), [&]() { s = b.lac->OpenSession(); });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(b.lns->GetState(), L2tpTunnel::ESTABLISHED, "up");
        NS_TEST_EXPECT_MSG_EQ(b.lns->GetPeerId(), 64391, "hidden Assigned Tunnel ID read");
        NS_TEST_EXPECT_MSG_EQ(s->GetState(), L2tpSession::ESTABLISHED, "session up");
        const Seen* rq = b.up.First(L2tpControlMessage::SCCRQ);
        NS_TEST_EXPECT_MSG_EQ(rq->msg.GetAvps()[1].GetType(), L2tpAvp::RANDOM_VECTOR, "RV 2nd");
        const L2tpAvp* tid = rq->msg.FindAvp(L2tpAvp::ASSIGNED_TUNNEL_ID);
        NS_TEST_EXPECT_MSG_EQ(tid->IsHidden() && tid->IsStillHidden(), true, "hidden on wire");
        NS_TEST_EXPECT_MSG_EQ(rq->msg.FindAvp(L2tpAvp::HOST_NAME)->IsHidden(), false,
                              "Host Name may not be hidden");
        const Seen* icrq = b.up.First(L2tpControlMessage::ICRQ);
        NS_TEST_EXPECT_MSG_EQ(icrq->msg.FindAvp(L2tpAvp::ASSIGNED_SESSION_ID)->IsHidden(), true,
                              "Assigned Session ID hidden");
        Simulator::Destroy();
    }
};

/// Hello after HelloInterval without any message from the peer; data counts as traffic.
class L2tpTunnelHelloTest : public TestCase
{
public:
    L2tpTunnelHelloTest()
        : TestCase("HELLO after the idle interval; received data postpones it")
    {
    }

private:
    void DoRun() override
    {
        {
            Bed b;
            b.lac->SetAttribute("HelloInterval", TimeValue(Seconds(10)));
            b.lns->SetAttribute("HelloInterval", TimeValue(Seconds(10)));
            b.Start();
            Simulator::Stop(Seconds(15));
            Simulator::Run();
            // LNS: last message SCCCN at 0.03 s -> HELLO at 10.03. LAC: last message the
            // LNS's ZLB at 0.03 + 0.1 + 0.01 = 0.14 s, but the HELLO arrives at 10.04 first.
            const Seen* h = b.down.First(L2tpControlMessage::HELLO);
            NS_TEST_ASSERT_MSG_NE(h, nullptr, "LNS HELLO");
            NS_TEST_EXPECT_MSG_EQ_TOL(h->t, 10.03, 1e-9, "at 10.03 s");
            NS_TEST_EXPECT_MSG_EQ(b.up.First(L2tpControlMessage::HELLO), nullptr, "none from LAC");
            Simulator::Destroy();
        }
        {
            // The LAC sends data every 2 s from 1 s: the LNS never idles; the LAC, receiving
            // nothing after the LNS's ZLB at 0.14 s, sends HELLO at 10.14.
            Bed b;
            b.lac->SetAttribute("HelloInterval", TimeValue(Seconds(10)));
            b.lns->SetAttribute("HelloInterval", TimeValue(Seconds(10)));
            b.Start();
            Ptr<L2tpSession> s;
            Simulator::Schedule(Seconds(0.5), [&]() { s = b.lac->OpenSession(); });
            for (int i = 0; i < 10; ++i)
            {
                Simulator::Schedule(Seconds(1 + 2 * i), [&]() { s->Send(Create<Packet>(20)); });
            }
            Simulator::Stop(Seconds(19.5));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(b.down.First(L2tpControlMessage::HELLO), nullptr, "LNS quiet");
            const Seen* h = b.up.First(L2tpControlMessage::HELLO);
            NS_TEST_ASSERT_MSG_NE(h, nullptr, "LAC HELLO");
            // LAC's last reception: the LNS's ZLB for ICCN at 0.53 + 0.1 + 0.01 = 0.64 s.
            NS_TEST_EXPECT_MSG_EQ_TOL(h->t, 10.64, 1e-9, "10 s after the last reception");
            NS_TEST_EXPECT_MSG_EQ(s->GetCounters().txPackets, 10, "data sent");
            Simulator::Destroy();
        }
    }
};

/// A peer that stops answering: HELLO unacknowledged, failure after 31 s, StopCCN, closed.
class L2tpTunnelDeadPeerTest : public TestCase
{
public:
    L2tpTunnelDeadPeerTest()
        : TestCase("dead peer: HELLO retransmitted 0,1,3,7,15 s; StopCCN at +31 s; closed at +62 s")
    {
    }

private:
    void DoRun() override
    {
        Bed b;
        b.lac->SetAttribute("HelloInterval", TimeValue(Seconds(10)));
        b.Start();
        bool cut = false;
        b.up.drop = [&cut](const Seen&)
        {
            return cut;
        };
        b.down.drop = [&cut](const Seen&)
        {
            return cut;
        };
        Simulator::Schedule(Seconds(1), [&]() { cut = true; });
        Simulator::Run();
        std::vector<double> hello;
        double stop = -1;
        for (const auto& x : b.up.log)
        {
            if (x.control && x.msg.GetMessageType() == L2tpControlMessage::HELLO)
            {
                hello.push_back(x.t);
            }
            if (x.control && x.msg.GetMessageType() == L2tpControlMessage::STOPCCN && stop < 0)
            {
                stop = x.t;
            }
        }
        // LAC's last reception: the LNS's ZLB at 0.14 s.
        std::vector<double> want{10.14, 11.14, 13.14, 17.14, 25.14};
        NS_TEST_ASSERT_MSG_EQ(hello.size(), 5, "five HELLO copies");
        for (std::size_t i = 0; i < 5; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(hello[i], want[i], 1e-9, "copy " << i);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(stop, 41.14, 1e-9, "StopCCN 31 s after the first HELLO");
        NS_TEST_EXPECT_MSG_EQ(b.closedLac, true, "LAC closed");
        // The LNS, alone too, detects the loss from its own HELLO (60.03 s + 31 s) and holds
        // 31 s more.
        std::vector<std::string> want2{
            "lac idle->wait-ctl-reply 0",           "lns idle->wait-ctl-conn 0.01",
            "lac wait-ctl-reply->established 0.02", "lns wait-ctl-conn->established 0.03",
            "lac established->closing 41.14",       "lac closing->closed 72.14",
            "lns established->closing 91.03",       "lns closing->closed 122.03"};
        NS_TEST_EXPECT_MSG_EQ(Join(b.tunnelStates), Join(want2), "states");
        Simulator::Destroy();
    }
};

/// The suite.
class L2tpTunnelTestSuite : public TestSuite
{
public:
    L2tpTunnelTestSuite()
        : TestSuite("l2tp-tunnel", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpTunnelCase1Test);
        AddTestCase(new L2tpTunnelAuthTest);
        AddTestCase(new L2tpTunnelHiddenTest);
        AddTestCase(new L2tpTunnelHelloTest);
        AddTestCase(new L2tpTunnelDeadPeerTest);
    }
};

static L2tpTunnelTestSuite g_l2tpTunnelTestSuite;
