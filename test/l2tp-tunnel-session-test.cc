/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2tpSession state machines over L2tpTunnel (RFC 2661 sections 5.8, 7.4, 7.5) with two tunnels
 * joined by a scripted link (no sockets): calls in both directions, CDN races, WEN/SLI, data
 * sequencing and 1,000 sessions.
 */
#include "l2tp-tunnel-test-bed.h"

using namespace ns3;
using namespace ns3::l2tptest;

/// Calls: LNS-placed outgoing call, CDN with Q.931 cause, WEN and SLI, refused call.
class L2tpTunnelCallsTest : public TestCase
{
public:
    L2tpTunnelCallsTest()
        : TestCase("OCRQ, OCRP, OCCN; CDN with Q.931 cause; WEN and SLI; refused ICRQ")
    {
    }

private:
    void DoRun() override
    {
        Bed b;
        b.Start();
        Ptr<L2tpSession> out;
        Ptr<L2tpSession> in;
        std::vector<uint16_t> linkInfo;
        auto info = [&linkInfo](Ptr<L2tpSession>, const L2tpControlMessage& m)
        {
            linkInfo.push_back(m.GetMessageType());
        };
        b.lns->SetSessionUpCallback(Callback<void, Ptr<L2tpSession>>(
            [&](Ptr<L2tpSession> s)
            { s->SetLinkInfoCallback(L2tpSession::LinkInfoCallback(info)); }));
        b.lac->SetSessionUpCallback(Callback<void, Ptr<L2tpSession>>(
            [&](Ptr<L2tpSession> s)
            {
                s->SetLinkInfoCallback(L2tpSession::LinkInfoCallback(info));
                in = s;
            }));
        Simulator::Schedule(Seconds(1), [&]() { out = b.lns->OpenSession(); });
        Simulator::Schedule(Seconds(2), [&]() { in->SendWen(L2tpCallErrors{1, 2, 3, 4, 5, 6}); });
        Simulator::Schedule(Seconds(2), [&]() { out->SendSli(L2tpAccm{0, 0}); });
        Simulator::Schedule(Seconds(3), [&]() { out->Close(3, 0, 16); });
        // A refused call: the LNS admits no more sessions.
        b.lns->SetSessionAdmissionCallback(Callback<uint16_t, Ptr<L2tpTunnel>>(
            [](Ptr<L2tpTunnel> t) -> uint16_t { return t->GetSessionCount() >= 1 ? 4 : 0; }));
        Ptr<L2tpSession> first;
        Ptr<L2tpSession> second;
        Simulator::Schedule(Seconds(4), [&]() { first = b.lac->OpenSession(); });
        Simulator::Schedule(Seconds(5), [&]() { second = b.lac->OpenSession(); });
        Simulator::Stop(Seconds(6));
        Simulator::Run();
        std::vector<std::string> lns = b.sessionLog['n'];
        std::vector<std::string> lac = b.sessionLog['a'];
        NS_TEST_ASSERT_MSG_EQ((lns.size() >= 3 && lac.size() >= 2), true, "states");
        NS_TEST_EXPECT_MSG_EQ(lns[0].substr(lns[0].find(' ')), " idle->wait-reply", "OCRQ");
        NS_TEST_EXPECT_MSG_EQ(lns[1].substr(lns[1].find(' ')), " wait-reply->wait-connect", "OCRP");
        NS_TEST_EXPECT_MSG_EQ(lns[2].substr(lns[2].find(' ')), " wait-connect->established",
                              "OCCN");
        NS_TEST_EXPECT_MSG_EQ(lac[0].substr(lac[0].find(' ')), " idle->wait-cs-answer", "OCRP");
        NS_TEST_EXPECT_MSG_EQ(lac[1].substr(lac[1].find(' ')), " wait-cs-answer->established", "");
        std::vector<uint16_t> wantInfo{L2tpControlMessage::WEN, L2tpControlMessage::SLI};
        std::sort(linkInfo.begin(), linkInfo.end());
        NS_TEST_EXPECT_MSG_EQ((linkInfo == wantInfo), true, "WEN at LNS, SLI at LAC");
        const Seen* cdn = b.down.First(L2tpControlMessage::CDN);
        NS_TEST_ASSERT_MSG_NE(cdn, nullptr, "CDN");
        NS_TEST_EXPECT_MSG_EQ(cdn->msg.FindAvp(L2tpAvp::Q931_CAUSE_CODE)->GetQ931Cause()->cause, 16,
                              "Q.931 normal clearing");
        NS_TEST_EXPECT_MSG_EQ(first->GetState(), L2tpSession::ESTABLISHED, "first admitted");
        NS_TEST_EXPECT_MSG_EQ(second->GetState(), L2tpSession::IDLE, "second refused");
        NS_TEST_ASSERT_MSG_EQ(b.downResults.size(), 2, "two sessions went down at the LAC");
        NS_TEST_EXPECT_MSG_EQ(b.downResults[1].second, 4, "result 4: no facilities");
        NS_TEST_EXPECT_MSG_EQ(b.lac->GetSessionCount(), 1, "one left at the LAC");
        NS_TEST_EXPECT_MSG_EQ(b.lns->GetSessionCount(), 1, "one left at the LNS");
        Simulator::Destroy();
    }
};

/// CDN crossing ICRP (section 7.4): the LAC clears before it knows the LNS's session id.
class L2tpTunnelCdnRaceTest : public TestCase
{
public:
    L2tpTunnelCdnRaceTest()
        : TestCase("CDN crossing ICRP clears both ends; tunnel cleared under live sessions")
    {
    }

private:
    void DoRun() override
    {
        Bed b;
        b.Start();
        Ptr<L2tpSession> s;
        Simulator::Schedule(Seconds(1), [&]() { s = b.lac->OpenSession(); });
        Simulator::Schedule(Seconds(1.005), [&]() { s->Close(3, 0); });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        const Seen* cdn = b.up.First(L2tpControlMessage::CDN);
        NS_TEST_ASSERT_MSG_NE(cdn, nullptr, "CDN");
        NS_TEST_EXPECT_MSG_EQ(cdn->msg.GetHeader().GetSessionId(), 0, "peer id not known yet");
        NS_TEST_EXPECT_MSG_EQ(b.lac->GetSessionCount(), 0, "LAC clear");
        NS_TEST_EXPECT_MSG_EQ(b.lns->GetSessionCount(), 0, "LNS found it by the peer's id");
        NS_TEST_EXPECT_MSG_EQ(b.drops.size(), 1, "the crossing ICRP is dropped");
        NS_TEST_EXPECT_MSG_EQ(b.drops[0].rfind("ICRP for unknown session", 0), 0, b.drops[0]);
        // Three live sessions, then StopCCN from the LNS: all cleared at both ends.
        std::vector<Ptr<L2tpSession>> live;
        Simulator::Schedule(Seconds(0),
                            [&]()
                            {
                                for (int i = 0; i < 3; ++i)
                                {
                                    live.push_back(b.lac->OpenSession());
                                }
                            });
        Simulator::Schedule(Seconds(1), [&]() { b.lns->Close(6, 0, "shutting down"); });
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        for (auto& x : live)
        {
            NS_TEST_EXPECT_MSG_EQ(x->GetState(), L2tpSession::IDLE, "cleared");
            NS_TEST_EXPECT_MSG_EQ(x->GetTunnel(), nullptr, "detached");
        }
        NS_TEST_EXPECT_MSG_EQ(b.lac->GetStopResult(), 6, "StopCCN result");
        uint32_t cdns = 0;
        for (const auto* d : {&b.up, &b.down})
        {
            for (const auto& x : d->log)
            {
                cdns += x.control && x.msg.GetMessageType() == L2tpControlMessage::CDN;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(cdns, 1, "StopCCN clears sessions without CDNs");
        Simulator::Destroy();
    }
};

/// Data messages: L bit, sequencing with S bit, offset, out-of-sequence counted.
class L2tpTunnelDataTest : public TestCase
{
public:
    L2tpTunnelDataTest()
        : TestCase("data: Length, Sequencing Required and S bit, offset, late message dropped")
    {
    }

private:
    void DoRun() override
    {
        Bed b;
        b.lac->SetAttribute("DataSequencing", BooleanValue(true));
        b.lac->SetAttribute("DataOffset", UintegerValue(4));
        b.Start();
        Ptr<L2tpSession> s;
        std::vector<uint32_t> sizes;
        b.lns->SetSessionUpCallback(Callback<void, Ptr<L2tpSession>>(
            [&](Ptr<L2tpSession> x)
            {
                x->SetReceiveCallback(L2tpSession::ReceiveCallback(
                    [&sizes](Ptr<L2tpSession>, Ptr<Packet> p) { sizes.push_back(p->GetSize()); }));
            }));
        Simulator::Schedule(Seconds(1), [&]() { s = b.lac->OpenSession(); });
        // Message Ns 1 is delayed past Ns 2: it arrives late and is dropped.
        b.up.drop = [&](const Seen& x)
        {
            if (!x.control && x.data.GetNs() == 1)
            {
                Ptr<Packet> p = Create<Packet>(x.bytes.data(), x.bytes.size());
                Simulator::Schedule(MilliSeconds(50), &Dir::Arrive, &b.up, p, x.data);
                return true;
            }
            return false;
        };
        for (int i = 0; i < 4; ++i)
        {
            Simulator::Schedule(Seconds(2) + MilliSeconds(i),
                                [&, i]() { s->Send(Create<Packet>(100 + i)); });
        }
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        const Seen* iccn = b.up.First(L2tpControlMessage::ICCN);
        NS_TEST_EXPECT_MSG_NE(iccn->msg.FindAvp(L2tpAvp::SEQUENCING_REQUIRED), nullptr,
                              "Sequencing Required in ICCN");
        const Seen* data = nullptr;
        for (const auto& x : b.up.log)
        {
            if (!x.control)
            {
                data = &x;
                break;
            }
        }
        NS_TEST_ASSERT_MSG_NE(data, nullptr, "data sent");
        // T=0 L=1 S=1 O=1: 0x4a02; length = 2+2+2+2+4+2+4 + 100.
        NS_TEST_EXPECT_MSG_EQ(data->data.GetFlagsWord(), 0x4a02, "flags");
        NS_TEST_EXPECT_MSG_EQ(data->data.GetLength(), 118, "Length");
        NS_TEST_EXPECT_MSG_EQ(data->data.GetOffsetSize(), 4, "offset");
        std::vector<uint32_t> want{100, 102, 103};
        NS_TEST_EXPECT_MSG_EQ((sizes == want), true, "payloads delivered, the late one dropped");
        Ptr<L2tpSession> far = b.lns->FindSession(s->GetPeerId());
        NS_TEST_EXPECT_MSG_EQ(far->GetCounters().outOfSequence, 1, "out of sequence");
        NS_TEST_EXPECT_MSG_EQ(far->GetCounters().rxPackets, 3, "rx packets");
        NS_TEST_EXPECT_MSG_EQ(far->GetCounters().rxBytes, 305, "rx bytes");
        NS_TEST_EXPECT_MSG_EQ(s->GetCounters().txPackets, 4, "tx packets");
        NS_TEST_EXPECT_MSG_EQ(far->IsSequencing(), true, "LNS numbers its data too");
        Simulator::Destroy();
    }
};

/// 1,000 sessions on one tunnel: up, then torn down, every state change traced.
class L2tpTunnelThousandTest : public TestCase
{
public:
    L2tpTunnelThousandTest()
        : TestCase("1,000 sessions come up and are torn down, every state change traced")
    {
    }

private:
    void DoRun() override
    {
        auto wall = std::chrono::steady_clock::now();
        Bed b;
        b.Start(false);
        std::vector<Ptr<L2tpSession>> sessions;
        uint32_t up = 0;
        b.lac->SetSessionUpCallback(
            Callback<void, Ptr<L2tpSession>>([&up](Ptr<L2tpSession>) { ++up; }));
        double allUp = -1;
        b.lns->SetSessionUpCallback(Callback<void, Ptr<L2tpSession>>(
            [&](Ptr<L2tpSession>)
            {
                if (b.lns->GetSessionCount() == 1000 && up == 1000)
                {
                    allUp = Simulator::Now().GetSeconds();
                }
            }));
        for (int i = 0; i < 1000; ++i)
        {
            sessions.push_back(b.lac->OpenSession()); // before the tunnel: wait-tunnel
        }
        b.lac->Open();
        Simulator::Stop(Seconds(300));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(up, 1000, "1,000 up at the LAC");
        NS_TEST_EXPECT_MSG_EQ(b.lns->GetSessionCount(), 1000, "1,000 at the LNS");
        NS_TEST_EXPECT_MSG_GT(allUp, 0, "all up");
        // idle->wait-tunnel->wait-reply->established at the LAC, idle->wait-connect->
        // established at the LNS.
        NS_TEST_EXPECT_MSG_EQ(b.sessionChanges['a'], 3000, "LAC transitions");
        NS_TEST_EXPECT_MSG_EQ(b.sessionChanges['n'], 2000, "LNS transitions");
        double allDown = -1;
        b.lns->SetSessionDownCallback(Callback<void, Ptr<L2tpSession>, uint16_t>(
            [&](Ptr<L2tpSession>, uint16_t)
            {
                if (b.lns->GetSessionCount() == 0)
                {
                    allDown = Simulator::Now().GetSeconds();
                }
            }));
        const double closeAt = Simulator::Now().GetSeconds();
        for (auto& s : sessions)
        {
            s->Close(3, 0);
        }
        Simulator::Stop(Seconds(300));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(b.sessionChanges['a'], 4000, "LAC: +1,000 established->idle");
        NS_TEST_EXPECT_MSG_EQ(b.sessionChanges['n'], 3000, "LNS: +1,000 established->idle");
        NS_TEST_EXPECT_MSG_EQ(b.lns->GetSessionCount(), 0, "LNS empty");
        NS_TEST_EXPECT_MSG_EQ(b.lac->GetControlChannel()->GetStats().retransmissions, 0, "");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(b.lac->GetControlChannel()->GetStats().maxInFlight, 4,
                                    "window");
        b.lac->Close(1, 0, "Goodbye!");
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(b.closedLac && b.closedLns, true, "tunnel gone");
        double ms
            = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall)
                  .count();
        std::cout << "    1,000 sessions: all up at " << allUp
                  << " s simulated (LAC opened them at 0 s); "
                  << "all CDNs processed " << allDown - closeAt << " s after closing; wall clock "
                  << ms << " ms for the whole test case (informational)" << std::endl;
        Simulator::Destroy();
    }
};

/// The suite.
class L2tpTunnelSessionTestSuite : public TestSuite
{
public:
    L2tpTunnelSessionTestSuite()
        : TestSuite("l2tp-tunnel-session", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpTunnelCallsTest);
        AddTestCase(new L2tpTunnelCdnRaceTest);
        AddTestCase(new L2tpTunnelDataTest);
        AddTestCase(new L2tpTunnelThousandTest);
    }
};

static L2tpTunnelSessionTestSuite g_l2tpTunnelSessionTestSuite;
