/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * Cases of suite l2tp-ppp-compulsory (the suite is in l2tp-ppp-compulsory-test.cc): the
 * serial device alone, the exact first-echo RTT through a dial-in line and the tunnel, TCP at
 * 56 kbit/s, two users on one tunnel, a call the LNS refuses, the example program.
 */
#include "l2tp-ppp-compulsory-net.h"
#include "l2tp-test-util.h"
#include "ns3/l2tp-header.h"
#include "ns3/l2tp-tunnel.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/data-rate.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/ppp-control-packet.h"
#include "ns3/ppp-frame.h"
#include "ns3/ppp-hdlc.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <sys/wait.h>

using namespace ns3;
using namespace ns3::l2tptest;
using namespace ns3::l2tptest::comp;

/**
 * \ingroup l2tp-tests
 * \brief The first echo's RTT through the dial-in line and the tunnel equals propagation plus
 *        serialization: on the line the HDLC octets of the actual frames (flags, FCS,
 *        escapes counted here), on the backbone the L2TP-encapsulated frame, on the LAN the
 *        datagram. All links are point-to-point (no ARP), so the first echo is measured.
 */
class L2tpCompulsoryRttTest : public TestCase
{
public:
    L2tpCompulsoryRttTest()
        : TestCase("first echo RTT = HDLC serialization on the line + L2TP on the backbone + "
                   "propagation")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"wonderland"}, false);
        LineLog line;
        net.HookLine(0, &line);
        UdpEchoServerHelper echoServer(9);
        echoServer.Install(net.core.Get(2)).Start(Seconds(0));
        Echoes echoes;
        Ping(net.users.Get(0), net.serverAddr, 1, 64, Seconds(3), &echoes);
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        const uint32_t inner = 20 + 8 + 64;
        std::vector<uint8_t> up;
        std::vector<uint8_t> down;
        for (const auto& f : line.fromUser)
        {
            uint16_t p = 0;
            if (Info(f, p).size() == inner && p == PppFrame::PROTO_IPV4)
            {
                up = f;
            }
        }
        for (const auto& f : line.toUser)
        {
            uint16_t p = 0;
            if (Info(f, p).size() == inner && p == PppFrame::PROTO_IPV4)
            {
                down = f;
            }
        }
        // The user sends ff 03 00 21 (the LAC did not ask for ACFC / PFC); the LNS adopted the
        // user's request for both and sends the 1-octet protocol 0x21 only.
        NS_TEST_EXPECT_MSG_EQ(up.size(), 4 + inner, "user frame: ff 03 00 21 + datagram");
        NS_TEST_EXPECT_MSG_EQ(down.size(), 1 + inner, "LNS frame: 21 + datagram (ACFC, PFC)");
        const uint32_t upOctets = FramedOctets(up, 0);     // ACCM 0 negotiated both ways
        const uint32_t downOctets = FramedOctets(down, 0); // (asserted in the accept test)
        NS_TEST_EXPECT_MSG_EQ((line.userTxOctets.empty() ? 0u : line.userTxOctets.back()), upOctets,
                              "the line carried that many");
        NS_TEST_EXPECT_MSG_EQ((line.txOctets.empty() ? 0u : line.txOctets.back()), downOctets,
                              "both ways");
        const uint32_t l2tp = L2tpHeader::MakeData(1, 1, true).GetSerializedSize();
        auto ser = [](uint32_t bytes, const std::string& rate)
        {
            return DataRate(rate).CalculateBytesTxTime(bytes);
        };
        const uint32_t p2p = 2; // PPP header of the point-to-point links
        const Time oneWayUp = ser(upOctets, l.serialRate) + l.serialDelay
                              + ser(20 + 8 + l2tp + 4 + inner + p2p, l.rateB) + l.delayB
                              + ser(inner + p2p, l.rateC) + l.delayC;
        const Time oneWayDown = ser(inner + p2p, l.rateC) + l.delayC
                                + ser(20 + 8 + l2tp + 1 + inner + p2p, l.rateB) + l.delayB
                                + ser(downOctets, l.serialRate) + l.serialDelay;
        // By hand: none of the octets of these two frames (or their FCS) needs an escape, so
        // the line carries 96 + 4 = 100 octets up (12.5 ms at 125 us) and 93 + 4 = 97 down
        // (12.125 ms); the backbone 134 (107.2 us) and 131 octets (104.8 us); the LAN 94 octets
        // twice (7.52 us each); propagation 2 x (5 + 10 + 1) ms.
        NS_TEST_EXPECT_MSG_EQ(upOctets, 100, "no escapes up");
        NS_TEST_EXPECT_MSG_EQ(downOctets, 97, "no escapes down");
        NS_TEST_EXPECT_MSG_EQ(oneWayUp + oneWayDown, NanoSeconds(56852040), "expected RTT by hand");
        NS_TEST_EXPECT_MSG_EQ(echoes.rtts.size(), 1, "the echo was answered");
        NS_TEST_EXPECT_MSG_EQ((echoes.rtts.empty() ? Time(0) : echoes.rtts[0]),
                              oneWayUp + oneWayDown, "first RTT exact");
        net.Clear();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief 20,000 bytes of TCP from a dial-in user at 56 kbit/s arrive exactly.
 */
class L2tpCompulsoryTcpTest : public TestCase
{
public:
    L2tpCompulsoryTcpTest()
        : TestCase("TCP: 20,000 bytes over a 56 kbps dial-in line and the tunnel")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        l.serialRate = "56kbps";
        CompulsoryNet net;
        net.Build(l, {"wonderland"}, false);
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 5001));
        ApplicationContainer sink = sinkHelper.Install(net.core.Get(2));
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(net.serverAddr, 5001));
        bulk.SetAttribute("MaxBytes", UintegerValue(20000));
        bulk.Install(net.users.Get(0)).Start(Seconds(2));
        Simulator::Stop(Seconds(20));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<PacketSink>(sink.Get(0))->GetTotalRx(), 20000,
                              "exactly 20,000 bytes delivered");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetCounters().drops, 0, "nothing dropped at the LAC");
        for (uint32_t i = 0; i < 2; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(
                DynamicCast<PppSerialNetDevice>(net.lines[0].Get(i))->GetRxDrops(), 0,
                "no framing error on the line");
        }
        net.Clear();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Two dial-in users on two lines share the LAC's one tunnel; both get addresses and
 *        pass traffic.
 */
class L2tpCompulsoryTwoUsersTest : public TestCase
{
public:
    L2tpCompulsoryTwoUsersTest()
        : TestCase("two users, one tunnel: two sessions, both addressed, both echo")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"wonderland", "builder"}, false);
        LnsLog lns;
        net.Hook(&lns);
        UdpEchoServerHelper echoServer(9);
        echoServer.Install(net.core.Get(2)).Start(Seconds(0));
        Echoes alice;
        Echoes bob;
        Ping(net.users.Get(0), net.serverAddr, 2, 64, Seconds(3), &alice);
        Ping(net.users.Get(1), net.serverAddr, 2, 64, Seconds(3.5), &bob);
        Simulator::Stop(Seconds(6));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(lns.proxy, "accepted alice;accepted bob;", "both proxied");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetCounters().callsPlaced, 2, "two calls");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetTunnel()->GetSessionCount(), 2, "on one tunnel");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPppSessionCount(), 2, "two PPP sessions at the LNS");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetDevice()->GetPeerCount(), 2, "two map entries");
        NS_TEST_EXPECT_MSG_EQ(net.dial[0]->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.2"), "alice first");
        NS_TEST_EXPECT_MSG_EQ(net.dial[1]->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.3"), "bob second");
        NS_TEST_EXPECT_MSG_EQ(alice.rtts.size(), 2, "alice's echoes");
        NS_TEST_EXPECT_MSG_EQ(bob.rtts.size(), 2, "bob's echoes");
        net.Clear();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The serial device alone: HDLC octets and their serialization time on the line, LCP
 *        codes 1-7 escaped with the all-ones ACCM whatever the transmit ACCM, a frame with a
 *        corrupted FCS dropped, counted and traced.
 */
class L2tpSerialDeviceTest : public TestCase
{
public:
    L2tpSerialDeviceTest()
        : TestCase("serial device: HDLC octets, timing, LCP always all-ones ACCM, bad FCS")
    {
    }

private:
    void DoRun() override
    {
        NodeContainer n;
        n.Create(2);
        PppSerialHelper serial;
        serial.SetDeviceAttribute("DataRate", StringValue("64kbps"));
        serial.SetDeviceAttribute("BitsPerOctet", UintegerValue(10)); // async: 156.25 us/octet
        serial.SetChannelAttribute("Delay", TimeValue(MilliSeconds(2)));
        NetDeviceContainer d = serial.Install(n.Get(0), n.Get(1));
        Ptr<PppSerialNetDevice> a = DynamicCast<PppSerialNetDevice>(d.Get(0));
        Ptr<PppSerialNetDevice> b = DynamicCast<PppSerialNetDevice>(d.Get(1));
        a->SetTxAccm(0); // as after LCP negotiated ACCM 0
        b->SetRxAccm(0);
        b->SetFrameReceiveCallback(MakeCallback(&L2tpSerialDeviceTest::Frame, this));
        b->TraceConnectWithoutContext("RxDrop", MakeCallback(&L2tpSerialDeviceTest::Drop, this));
        std::vector<uint32_t> octets;
        a->TraceConnectWithoutContext("PhyTxBegin", MakeBoundCallback(&LogPhy, &octets));

        // LCP Configure-Request (ACCM 0, Magic-Number 0x01020304): control characters inside.
        const std::vector<uint8_t> lcp = FromHex("ff03c021010100"
                                                 "0e"
                                                 "020600000000"
                                                 "050601020304");
        // IPv4 frame (Protocol 0x0021) with 0x01, 0x7d and 0x7e in its information field.
        const std::vector<uint8_t> ip = FromHex("ff0300214500017d7e0102");
        Simulator::Schedule(Seconds(1), &L2tpSerialDeviceTest::Send, a, lcp);
        Simulator::Schedule(Seconds(1), &L2tpSerialDeviceTest::Send, a, ip);
        Simulator::Run();

        // RFC 1662 7.1: LCP codes 1-7 go out with every control character escaped.
        NS_TEST_EXPECT_MSG_EQ(PppSerialNetDevice::IsLcpNegotiation(lcp), true, "LCP CR");
        NS_TEST_EXPECT_MSG_EQ(PppSerialNetDevice::IsLcpNegotiation(ip), false, "IP");
        const uint32_t lcpOctets = FramedOctets(lcp, 0xffffffff);
        const uint32_t ipOctets = FramedOctets(ip, 0);
        // By hand: the LCP frame has 20 octets, 17 of them control characters (03 01 01 00 0e
        // 02 06 00 00 00 00 05 06 01 02 03 04), its FCS needs no escape: 2 + 20 + 17 + 2 = 41.
        // The IP frame has 11 octets, 7d and 7e escaped under ACCM 0: 2 + 11 + 2 + 2 = 17.
        NS_TEST_EXPECT_MSG_EQ(lcpOctets, 41, "LCP frame on the line, by hand");
        NS_TEST_EXPECT_MSG_EQ(ipOctets, 17, "IP frame: only 7d and 7e escaped, by hand");
        NS_TEST_EXPECT_MSG_EQ(octets.size(), 2, "two transmissions");
        NS_TEST_EXPECT_MSG_EQ(m_frames.size(), 2, "both frames arrived");
        if (octets.size() != 2 || m_frames.size() != 2)
        {
            Simulator::Destroy();
            return; // the test runner continues after a failed assertion
        }
        NS_TEST_EXPECT_MSG_EQ(octets[0], lcpOctets, "LCP octets sent");
        NS_TEST_EXPECT_MSG_EQ(octets[1], ipOctets, "IP octets sent");
        NS_TEST_EXPECT_MSG_EQ(ToHex(m_frames[0]), ToHex(lcp), "LCP frame intact");
        NS_TEST_EXPECT_MSG_EQ(ToHex(m_frames[1]), ToHex(ip), "IP frame intact");
        // 10 bits per octet at 64 kbit/s = 156.25 us per octet; the second frame waits for
        // the first in the queue.
        const Time perOctet = NanoSeconds(156250);
        NS_TEST_EXPECT_MSG_EQ(m_times[0], Seconds(1) + perOctet * lcpOctets + MilliSeconds(2),
                              "first frame: serialization + delay");
        NS_TEST_EXPECT_MSG_EQ(m_times[1],
                              Seconds(1) + perOctet * (lcpOctets + ipOctets) + MilliSeconds(2),
                              "second frame queued behind it");

        // A corrupted octet: the FCS catches it.
        std::vector<uint8_t> bad = PppHdlc::Encode(ip, 0);
        bad[5] ^= 0x10;
        b->Receive(Create<Packet>(bad.data(), bad.size()));
        NS_TEST_EXPECT_MSG_EQ(b->GetFcsErrors(), 1, "one FCS error");
        NS_TEST_EXPECT_MSG_EQ(b->GetRxDrops(), 1, "one drop");
        NS_TEST_EXPECT_MSG_EQ(m_drops, "FCS check failed;", "traced with its reason");
        NS_TEST_EXPECT_MSG_EQ(m_frames.size(), 2, "not delivered");
        // The same octets intact are delivered.
        std::vector<uint8_t> good = PppHdlc::Encode(ip, 0);
        b->Receive(Create<Packet>(good.data(), good.size()));
        NS_TEST_EXPECT_MSG_EQ(m_frames.size(), 3, "intact copy delivered");
        NS_TEST_EXPECT_MSG_EQ(b->GetFcsErrors(), 1, "still one FCS error");
        NS_TEST_EXPECT_MSG_EQ(a->Send(Create<Packet>(10), Address(), 0x0800), false,
                              "no IP directly on the line");
        Simulator::Destroy();
    }

    static void Send(Ptr<PppSerialNetDevice> d, std::vector<uint8_t> f)
    {
        d->SendFrame(Create<Packet>(f.data(), f.size()));
    }

    void Frame(Ptr<Packet> p)
    {
        m_frames.push_back(Bytes(p));
        m_times.push_back(Simulator::Now());
    }

    void Drop(Ptr<const Packet>, const std::string& reason) { m_drops += reason + ";"; }

    std::vector<std::vector<uint8_t>> m_frames;
    std::vector<Time> m_times;
    std::string m_drops;
};
/**
 * \ingroup l2tp-tests
 * \brief The LNS refuses a call (MaxSessions 1, CDN 4): the LAC ends the waiting user's LCP
 *        itself and its line goes back to Idle; bad frames on a line are dropped, counted and
 *        traced with a reason.
 */
class L2tpCompulsoryRefusedTest : public TestCase
{
public:
    L2tpCompulsoryRefusedTest()
        : TestCase("call refused by the LNS: the LAC terminates the user's LCP; bad frames on a "
                   "line dropped and counted")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"wonderland", "builder"}, false);
        net.lns->SetAttribute("MaxSessions", UintegerValue(1));
        std::string bob;
        HookEndpoint(&bob, net.dial[1]->GetEndpoint());
        std::string phases;
        net.lac->TraceConnectWithoutContext("LinePhase",
                                            MakeBoundCallback(&SecondLinePhase, &phases));
        std::string drops;
        net.lac->TraceConnectWithoutContext("LineDrop", MakeBoundCallback(&LacDrop, &drops));
        LineLog line;
        net.HookLine(1, &line);
        // Garbage on alice's line before she dials (t = 0.2 s, she starts at 0.5 s): a lone
        // 0xff (Address without Control), IPv4 on an idle line; then (t = 0.52 s, LCP running) an
        // IPCP frame before the network phase.
        Ptr<PppSerialNetDevice> aliceEnd = DynamicCast<PppSerialNetDevice>(net.lines[0].Get(0));
        Simulator::Schedule(Seconds(0.2), &SendRaw, aliceEnd, std::vector<uint8_t>{0xff});
        Simulator::Schedule(Seconds(0.2), &SendRaw, aliceEnd, FromHex("ff0300214500"));
        Simulator::Schedule(Seconds(0.52), &SendRaw, aliceEnd, FromHex("ff038021010100040000"));
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(phases, "Lcp;Authenticate;Calling;Idle;", "bob's line");
        NS_TEST_EXPECT_MSG_EQ(Count(line.toUser, PppFrame::PROTO_LCP, 5), 1,
                              "one Terminate-Request from the LAC to bob");
        NS_TEST_EXPECT_MSG_EQ(Count(line.fromUser, PppFrame::PROTO_LCP, 6), 1,
                              "bob's Terminate-Ack");
        // bob: LCP Opened with the LAC, CHAP answered, then the LAC's Terminate-Request (RTR in
        // Opened: tld, zrc, sta -> Stopping; after the Restart timer Stopped, tlf -> Dead)
        NS_TEST_EXPECT_MSG_EQ(bob,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "lcp Opened>Stopping;phase Terminate;lcp Stopping>Stopped;"
                              "phase Dead;",
                              "bob's link ends");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetTunnel()->GetSessionCount(), 1, "alice's only");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetCounters().callsPlaced, 2, "two calls placed");
        NS_TEST_EXPECT_MSG_EQ(drops,
                              "Address 0xff not followed by Control 0x03;IPv4 on an idle line;"
                              "IPCP in phase Lcp;",
                              "bad frames dropped with reasons");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetCounters().drops, 3, "and counted");
        NS_TEST_EXPECT_MSG_EQ(net.dial[0]->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.2"), "alice unaffected");
        net.Clear();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief examples/l2tp-compulsory as a program: its arguments parse (bool given as =1), it
 *        finishes with the expected results, its pcaps dissect cleanly; a bad argument exits
 *        non-zero with a message.
 */
class L2tpCompulsoryExampleTest : public TestCase
{
public:
    L2tpCompulsoryExampleTest()
        : TestCase("l2tp-compulsory example: runs with --renegotiate=1 --wrongPassword=1, pcaps "
                   "clean; --users=0 refused")
    {
    }

private:
    void DoRun() override
    {
#ifdef L2TP_EXAMPLES_DIR
        const std::string exe = std::string(L2TP_EXAMPLES_DIR) + "/l2tp-compulsory";
        const std::string dir = MakeTempDir("compulsory-example");
        int status = 0;
        std::string out = RunCommand("'" + exe + "' --outputDir='" + dir
                                         + "' --users=2 --renegotiate=1 --wrongPassword=1 "
                                           "--stop=20 2>&1",
                                     status);
        NS_TEST_EXPECT_MSG_EQ((WIFEXITED(status) && WEXITSTATUS(status) == 0), true, out);
        NS_TEST_EXPECT_MSG_NE(out.find("TCP bytes received by the server: 20000 of 20000"),
                              std::string::npos, out);
        NS_TEST_EXPECT_MSG_NE(out.find("LNS PPP sessions at the end: 1"), std::string::npos, out);
        NS_TEST_EXPECT_MSG_NE(out.find("(user1): renegotiated"), std::string::npos, out);
        // The ICMP pings (IcmpEchoProbe): user0's three are answered; user1 never gets an
        // address, so its socket has no route and no request leaves.
        NS_TEST_EXPECT_MSG_NE(out.find("user0 ICMP ping: 3 sent, 3 replies"), std::string::npos,
                              out);
        NS_TEST_EXPECT_MSG_NE(out.find("user1 ICMP ping: 0 sent, 0 replies"), std::string::npos,
                              out);
        NS_TEST_EXPECT_MSG_NE(out.find("with CDN result 3 (PPP CHAP authentication failed for "
                                       "user user1)"),
                              std::string::npos, out);
        // node ids: users 0-1, LAC 2, LNS 3; the LAC's lines are its devices 1 and 2
        for (const char* f :
             {"dialin-2-1.pcap", "dialin-2-2.pcap", "backbone-3-1.pcap", "corporate-3-2.pcap"})
        {
            NS_TEST_EXPECT_MSG_GT(ReadFile(dir + "/" + f).size(), 24, f << ": frames captured");
            NS_TEST_EXPECT_MSG_EQ(TsharkClean(dir + "/" + f), "", f);
        }
        out = RunCommand("'" + exe + "' --users=0 --outputDir=none 2>&1", status);
        NS_TEST_EXPECT_MSG_EQ((WIFEXITED(status) && WEXITSTATUS(status) == 0), false, out);
        NS_TEST_EXPECT_MSG_NE(out.find("--users: expected 1 .. 250, got 0"), std::string::npos,
                              out);
#endif
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A user with a wrong password and Redial: each attempt is a new call on the same line
 *        (the LAC's line goes back to Idle and answers again), each refused with CDN 3.
 */
class L2tpCompulsoryRedialTest : public TestCase
{
public:
    L2tpCompulsoryRedialTest()
        : TestCase("redial after a refused authentication: a new call on the same line")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"rabbit-hole"}, false);
        net.dial[0]->SetAttribute("Redial", BooleanValue(true));
        net.dial[0]->SetAttribute("RedialDelay", TimeValue(Seconds(2)));
        LnsLog lns;
        net.Hook(&lns);
        std::vector<Time> downs;
        net.dial[0]->TraceConnectWithoutContext(
            "LinkDown", MakeBoundCallback(&L2tpCompulsoryRedialTest::Down, &downs));
        // Attempts at 0.5 s and 2 s after each end of the link; stop before the third one.
        Simulator::Stop(Seconds(4.5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(downs.size(), 2, "the link died twice");
        NS_TEST_EXPECT_MSG_EQ((downs.size() == 2 && downs[0] < Seconds(1) && downs[1] < Seconds(4)
                               && downs[1] > downs[0] + Seconds(2)),
                              true, "the second attempt starts RedialDelay after the first ended");
        NS_TEST_EXPECT_MSG_EQ(lns.lacPhases,
                              "Lcp;Authenticate;Calling;Relay;Idle;"
                              "Lcp;Authenticate;Calling;Relay;Idle;",
                              "two calls on the line");
        NS_TEST_EXPECT_MSG_EQ(lns.proxy, "failed alice;failed alice;", "both refused");
        NS_TEST_EXPECT_MSG_EQ(lns.cdn,
                              "3 PPP CHAP authentication failed for user alice;"
                              "3 PPP CHAP authentication failed for user alice;",
                              "two CDNs");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetCounters().callsPlaced, 2, "two calls placed");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetTunnel()->GetState(), L2tpTunnel::ESTABLISHED,
                              "the tunnel stays");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetTunnel()->GetSessionCount(), 0, "no session left");
        net.Clear();
        Simulator::Destroy();
    }

    static void Down(std::vector<Time>* v) { v->push_back(Simulator::Now()); }
};

namespace ns3
{
namespace l2tptest
{
namespace comp
{

TestCase*
NewSerialDeviceTest()
{
    return new L2tpSerialDeviceTest();
}

TestCase*
NewRttTest()
{
    return new L2tpCompulsoryRttTest();
}

TestCase*
NewTcpTest()
{
    return new L2tpCompulsoryTcpTest();
}

TestCase*
NewTwoUsersTest()
{
    return new L2tpCompulsoryTwoUsersTest();
}

TestCase*
NewRefusedTest()
{
    return new L2tpCompulsoryRefusedTest();
}

TestCase*
NewRedialTest()
{
    return new L2tpCompulsoryRedialTest();
}

TestCase*
NewExampleTest()
{
    return new L2tpCompulsoryExampleTest();
}

} // namespace comp
} // namespace l2tptest
} // namespace ns3
