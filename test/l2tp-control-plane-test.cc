/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The control plane end to end over UDP 1701 on a point-to-point link, with the LAC and LNS
 * applications installed by L2tpHelper: xl2tpd case 1 compared field by field through tshark,
 * retransmission timing with an error model, LNS policy, tie breaker, and the example's pcap
 * dissected by tshark.
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-helper.h"
#include "ns3/l2tp-lac.h"
#include "ns3/l2tp-lns.h"
#include "ns3/l2tp-protocol.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-sa-tag.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// LAC node 0 (10.1.1.1), LNS node 1 (10.1.1.2) and optionally a second LAC on its own link.
struct Net
{
    NodeContainer nodes;
    NetDeviceContainer devices;
    Ipv4InterfaceContainer ifs;
    PointToPointHelper p2p;

    explicit Net(uint32_t n = 2)
    {
        nodes.Create(n);
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper a;
        a.SetBase("10.1.1.0", "255.255.255.0");
        devices = p2p.Install(nodes.Get(0), nodes.Get(1));
        ifs = a.Assign(devices);
        if (n == 3)
        {
            a.SetBase("10.1.2.0", "255.255.255.0");
            NetDeviceContainer d2 = p2p.Install(nodes.Get(2), nodes.Get(1));
            Ipv4InterfaceContainer i2 = a.Assign(d2);
            // Node 2 reaches 10.1.1.2 through its link (host route via the LNS's address).
            devices.Add(d2);
            ifs.Add(i2);
        }
    }
};

/// Drops every packet (an unreachable LNS).
void
DropAll(Ptr<NetDevice> dev)
{
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorRate", DoubleValue(1.0));
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    dev->SetAttribute("ReceiveErrorModel", PointerValue(em));
}

std::string
Tshark(const std::string& args, int& status)
{
    // stderr of tshark itself (its "running as root" notice), also before a pipe
    std::string a = args;
    std::size_t bar = a.find(" | ");
    a = bar == std::string::npos ? a + " 2>/dev/null" : a.insert(bar, " 2>/dev/null");
    return RunCommand("tshark " + a, status);
}

} // namespace

/**
 * xl2tpd case 1 over UDP: our capture, summarised by the very tshark command that produced
 * the vector's table, has the same non-ZLB messages (direction, type, Ns, Nr, AVP types and
 * M bits), except the LAC's HELLO (see the unit suite).
 */
class L2tpSystemCase1Test : public TestCase
{
public:
    L2tpSystemCase1Test()
        : TestCase("case 1 through UDP 1701 and tshark: same messages, Ns, Nr and AVPs as xl2tpd")
    {
    }

private:
    void DoRun() override
    {
        std::string dir = MakeTempDir("l2tp-system-case1");
        {
            Net net;
            L2tpHelper l2tp;
            l2tp.SetLacAttribute("HostName", StringValue("lac-ref"));
            l2tp.SetLnsAttribute("HostName", StringValue("lns-ref"));
            ApplicationContainer lns = l2tp.InstallLns(net.nodes.Get(1));
            ApplicationContainer lac = l2tp.InstallLac(net.nodes.Get(0), net.ifs.GetAddress(1), 1);
            l2tp.AssignStreams(net.nodes, 7);
            lac.Stop(Seconds(93.936805));
            Ptr<L2tpLac> app = DynamicCast<L2tpLac>(lac.Get(0));
            Simulator::Schedule(MilliSeconds(90), [app]() { app->GetSessions()[0]->Close(1, 0); });
            net.p2p.EnablePcap(dir + "/case1.pcap", net.devices.Get(0), false, true);
            Simulator::Stop(Seconds(130));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(app->GetTunnel()->GetState(), L2tpTunnel::CLOSED, "closed");
            NS_TEST_EXPECT_MSG_EQ(L2tpProtocol::GetOrCreate(net.nodes.Get(1))->GetTunnelCount(), 0,
                                  "LNS released the tunnel");
            Simulator::Destroy();
        } // the pcap file is closed when the devices go

        const std::string fields
            = "-T fields -E separator=/t -E occurrence=a -E aggregator=, -e ip.src -e udp.srcport "
              "-e udp.dstport -e l2tp.Ns -e l2tp.Nr -e l2tp.avp.message_type -e l2tp.avp.type "
              "-e l2tp.avp.mandatory";
        int status = 0;
        std::string ours
            = Tshark("-r " + dir + "/case1.pcap -Y 'l2tp.avp.message_type' " + fields, status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran");
        std::string theirs = Tshark(
            "-r " + DataDir() + "/xl2tpd/case1_plain.pcap -Y 'l2tp.avp.message_type' " + fields,
            status);
        auto lines = [](const std::string& text, const std::string& lacIp)
        {
            std::vector<std::string> out;
            for (auto& l : Split(text, '\n'))
            {
                if (l.empty())
                {
                    continue;
                }
                auto f = Split(l, '\t');
                f[0] = f[0] == lacIp ? "lac" : "lns";
                std::string s;
                for (auto& x : f)
                {
                    s += x + " ";
                }
                out.push_back(s);
            }
            return out;
        };
        std::vector<std::string> a = lines(ours, "10.1.1.1");
        std::vector<std::string> b = lines(theirs, "10.200.0.1");
        NS_TEST_ASSERT_MSG_EQ(b.size(), 10, "xl2tpd's ten messages");
        b.erase(b.begin() + 8); // the LAC's fixed-period HELLO
        b.back() = "lac 1701 1701 5 3 4 0,9,1 1,1,1 ";
        std::string sa;
        std::string sb;
        for (auto& x : a)
        {
            sa += x + "\n";
        }
        for (auto& x : b)
        {
            sb += x + "\n";
        }
        NS_TEST_EXPECT_MSG_EQ(sa, sb, "messages as tshark sees them");
        // Nothing malformed, no error-level expert info.
        std::string bad = Tshark("-r " + dir + "/case1.pcap -Y _ws.malformed", status);
        NS_TEST_EXPECT_MSG_EQ(bad, "", "no malformed packet");
        std::string expert = Tshark("-r " + dir + "/case1.pcap -q -z expert,error", status);
        NS_TEST_EXPECT_MSG_EQ(expert.find("Errors"), std::string::npos, expert);
    }
};

/**
 * An LNS that never answers (error model dropping everything it receives): the LAC's SCCRQ
 * leaves at 0, 1, 3, 7, 15 s, the tunnel is declared dead at 31 s and cleared with a StopCCN
 * (Ns 1) retransmitted at 32, 34, 38, 46 s, as xl2tpd does in case 4a; with InitialTimeout
 * 0.5 s and MaxRetransmissions 3: 0, 0.5, 1.5, 3.5 s and dead at 7.5 s.
 */
class L2tpSystemRetransmitTest : public TestCase
{
public:
    L2tpSystemRetransmitTest()
        : TestCase("unreachable LNS: SCCRQ at 0,1,3,7,15 s, StopCCN at 31 s (case 4a); other "
                   "attributes")
    {
    }

private:
    std::vector<std::pair<double, uint16_t>> m_tx;

    void Tx(Ptr<const Packet> p, Ipv4Address)
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        L2tpControlMessage m;
        L2tpControlMessage::Parse(b.data(), b.size(), m);
        m_tx.emplace_back(Simulator::Now().GetSeconds(), m.GetMessageType());
    }

    std::vector<std::pair<double, uint16_t>> Run(Time initial, uint32_t maxRetx)
    {
        m_tx.clear();
        Config::SetDefault("ns3::L2tpControlChannel::InitialTimeout", TimeValue(initial));
        Config::SetDefault("ns3::L2tpControlChannel::MaxRetransmissions", UintegerValue(maxRetx));
        Net net;
        DropAll(net.devices.Get(1));
        L2tpHelper l2tp;
        l2tp.InstallLns(net.nodes.Get(1));
        l2tp.InstallLac(net.nodes.Get(0), net.ifs.GetAddress(1), 1);
        L2tpProtocol::GetOrCreate(net.nodes.Get(0))
            ->TraceConnectWithoutContext("Tx", MakeCallback(&L2tpSystemRetransmitTest::Tx, this));
        Simulator::Stop(Seconds(100));
        Simulator::Run();
        Simulator::Destroy();
        Config::SetDefault("ns3::L2tpControlChannel::InitialTimeout", TimeValue(Seconds(1)));
        Config::SetDefault("ns3::L2tpControlChannel::MaxRetransmissions", UintegerValue(4));
        return m_tx;
    }

    void DoRun() override
    {
        auto tx = Run(Seconds(1), 4);
        std::vector<std::pair<double, uint16_t>> want{{0, 1},  {1, 1},  {3, 1},  {7, 1},  {15, 1},
                                                      {31, 4}, {32, 4}, {34, 4}, {38, 4}, {46, 4}};
        NS_TEST_EXPECT_MSG_EQ((tx == want), true, "case 4a timing");
        tx = Run(MilliSeconds(500), 3);
        want = {{0, 1}, {0.5, 1}, {1.5, 1}, {3.5, 1}, {7.5, 4}, {8, 4}, {9, 4}, {11, 4}};
        NS_TEST_EXPECT_MSG_EQ((tx == want), true, "0.5 s doubling, 3 retransmissions");
    }
};

/**
 * LNS policy: a known peer with its own secret is authenticated; an unknown peer is refused
 * with StopCCN result 4 (RequireKnownPeer); MaxSessions 2 refuses the third call with CDN
 * result 4; MaxTunnels 1 refuses a second LAC with StopCCN result 2 / error 4.
 */
class L2tpSystemPolicyTest : public TestCase
{
public:
    L2tpSystemPolicyTest()
        : TestCase("LNS policy: per-peer secret, unknown peer, MaxSessions, MaxTunnels")
    {
    }

private:
    void DoRun() override
    {
        {
            Net net(3);
            L2tpHelper l2tp;
            l2tp.SetLnsAttribute("Secrets", StringValue("10.1.1.1=alpha"));
            l2tp.SetLnsAttribute("RequireKnownPeer", BooleanValue(true));
            l2tp.SetLnsAttribute("MaxSessions", UintegerValue(2));
            l2tp.SetLacAttribute("Secret", StringValue("alpha"));
            ApplicationContainer lns = l2tp.InstallLns(net.nodes.Get(1));
            ApplicationContainer lac1 = l2tp.InstallLac(net.nodes.Get(0), net.ifs.GetAddress(1), 3);
            ApplicationContainer lac2 = l2tp.InstallLac(net.nodes.Get(2), net.ifs.GetAddress(3), 1);
            Simulator::Stop(Seconds(5));
            Simulator::Run();
            Ptr<L2tpLac> a = DynamicCast<L2tpLac>(lac1.Get(0));
            Ptr<L2tpLac> b = DynamicCast<L2tpLac>(lac2.Get(0));
            NS_TEST_EXPECT_MSG_EQ(a->GetTunnel()->GetState(), L2tpTunnel::ESTABLISHED, "known");
            uint32_t up = 0;
            for (auto& s : a->GetSessions())
            {
                up += s->GetState() == L2tpSession::ESTABLISHED;
            }
            NS_TEST_EXPECT_MSG_EQ(up, 2, "MaxSessions 2");
            NS_TEST_EXPECT_MSG_EQ(a->GetTunnel()->GetSessionCount(), 2, "third refused");
            NS_TEST_EXPECT_MSG_EQ(b->GetTunnel()->WasClosedByPeer(), true, "unknown refused");
            NS_TEST_EXPECT_MSG_EQ(b->GetTunnel()->GetStopResult(), 4, "not authorized");
            Ptr<L2tpLns> n = DynamicCast<L2tpLns>(lns.Get(0));
            NS_TEST_EXPECT_MSG_EQ(n->GetTunnelsAccepted(), 1, "accepted");
            NS_TEST_EXPECT_MSG_EQ(n->GetTunnelsRefused(), 1, "refused");
            Simulator::Destroy();
        }
        {
            Net net(3);
            L2tpHelper l2tp;
            l2tp.SetLnsAttribute("MaxTunnels", UintegerValue(1));
            l2tp.InstallLns(net.nodes.Get(1));
            ApplicationContainer lac1 = l2tp.InstallLac(net.nodes.Get(0), net.ifs.GetAddress(1), 1);
            ApplicationContainer lac2 = l2tp.InstallLac(net.nodes.Get(2), net.ifs.GetAddress(3), 1);
            lac2.Start(Seconds(1));
            Simulator::Stop(Seconds(5));
            Simulator::Run();
            Ptr<L2tpLac> a = DynamicCast<L2tpLac>(lac1.Get(0));
            Ptr<L2tpLac> b = DynamicCast<L2tpLac>(lac2.Get(0));
            NS_TEST_EXPECT_MSG_EQ(a->GetTunnel()->GetState(), L2tpTunnel::ESTABLISHED, "first");
            NS_TEST_EXPECT_MSG_EQ(b->GetTunnel()->GetStopResult(), 2, "general error");
            NS_TEST_EXPECT_MSG_EQ(b->GetSessions()[0]->GetState(), L2tpSession::IDLE, "no call");
            Simulator::Destroy();
        }
        {
            // Wrong secret at the LAC: the LNS's challenge response fails at the LAC.
            Net net;
            L2tpHelper l2tp;
            l2tp.SetLnsAttribute("Secrets", StringValue("10.1.1.1=alpha"));
            l2tp.SetLacAttribute("Secret", StringValue("beta"));
            l2tp.InstallLns(net.nodes.Get(1));
            ApplicationContainer lac = l2tp.InstallLac(net.nodes.Get(0), net.ifs.GetAddress(1), 1);
            Simulator::Stop(Seconds(5));
            Simulator::Run();
            Ptr<L2tpLac> a = DynamicCast<L2tpLac>(lac.Get(0));
            NS_TEST_EXPECT_MSG_EQ(a->GetTunnel()->GetState(), L2tpTunnel::CLOSING, "refused");
            NS_TEST_EXPECT_MSG_EQ(a->GetTunnel()->GetStopResult(), 4, "not authorized");
            NS_TEST_EXPECT_MSG_EQ(a->GetTunnel()->WasClosedByPeer(), false, "LAC detected it");
            Simulator::Destroy();
        }
    }
};

/**
 * Simultaneous open (section 4.4.3): both ends send SCCRQ with a Tie Breaker at the same time;
 * the lower value wins, the other end drops its own request and answers: exactly one tunnel.
 */
class L2tpSystemTieBreakerTest : public TestCase
{
public:
    L2tpSystemTieBreakerTest()
        : TestCase("tie breaker: simultaneous SCCRQs leave exactly one tunnel")
    {
    }

private:
    void DoRun() override
    {
        Net net;
        Ptr<L2tpProtocol> p0 = L2tpProtocol::GetOrCreate(net.nodes.Get(0));
        Ptr<L2tpProtocol> p1 = L2tpProtocol::GetOrCreate(net.nodes.Get(1));
        std::vector<Ptr<L2tpTunnel>> accepted;
        auto accept = [&accepted](Ptr<L2tpTunnel> t, Ipv4Address)
        {
            accepted.push_back(t);
        };
        p0->SetIncomingTunnelCallback(L2tpProtocol::IncomingTunnelCallback(accept));
        p1->SetIncomingTunnelCallback(L2tpProtocol::IncomingTunnelCallback(accept));
        Ptr<L2tpTunnel> t0 = p0->CreateTunnel(net.ifs.GetAddress(1), L2tpTunnel::LAC);
        Ptr<L2tpTunnel> t1 = p1->CreateTunnel(net.ifs.GetAddress(0), L2tpTunnel::LNS);
        t0->SetAttribute("TieBreaker", UintegerValue(100));
        t1->SetAttribute("TieBreaker", UintegerValue(200));
        Simulator::ScheduleNow(&L2tpTunnel::Open, t0); // once the nodes are initialized
        Simulator::ScheduleNow(&L2tpTunnel::Open, t1);
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        // Node 0's SCCRQ (100) wins: node 1 abandons its own and answers node 0's.
        NS_TEST_EXPECT_MSG_EQ(t0->GetState(), L2tpTunnel::ESTABLISHED, "winner up");
        NS_TEST_EXPECT_MSG_EQ(t1->GetState(), L2tpTunnel::CLOSED, "loser abandoned");
        NS_TEST_ASSERT_MSG_EQ(accepted.size(), 1, "one SCCRQ accepted");
        NS_TEST_EXPECT_MSG_EQ(accepted[0]->GetState(), L2tpTunnel::ESTABLISHED, "its peer");
        NS_TEST_EXPECT_MSG_EQ(p0->GetTunnelCount(), 1, "one tunnel at node 0");
        NS_TEST_EXPECT_MSG_EQ(p1->GetTunnelCount(), 1, "one tunnel at node 1");
        Simulator::Destroy();
    }
};

/**
 * Retransmitted SCCRQs versus distinct peers (section 5.8): the LNS recognises a repeated
 * SCCRQ by (address, Assigned Tunnel ID) and answers it on the same tunnel. Behind one NAT,
 * L2TP/IPsec clients share the address (and port 1701) and may pick the same tunnel ID; the
 * inbound ESP SA their SCCRQ came through (IpsecSaTag, set by ESP input) tells them apart.
 * Here the tag is put on by the sender, as ESP input would put it on at the LNS.
 */
class L2tpSystemSccrqPeerTest : public TestCase
{
public:
    L2tpSystemSccrqPeerTest()
        : TestCase("SCCRQ with one Assigned Tunnel ID: a retransmission, or two IPsec peers")
    {
    }

private:
    void DoRun() override
    {
        Net net;
        Ptr<L2tpProtocol> lns = L2tpProtocol::GetOrCreate(net.nodes.Get(1));
        std::vector<Ptr<L2tpTunnel>> accepted;
        auto accept = [&accepted](Ptr<L2tpTunnel> t, Ipv4Address)
        {
            accepted.push_back(t);
        };
        lns->SetIncomingTunnelCallback(L2tpProtocol::IncomingTunnelCallback(accept));
        Ptr<Socket> lac = Socket::CreateSocket(net.nodes.Get(0), UdpSocketFactory::GetTypeId());
        lac->Bind(InetSocketAddress(Ipv4Address::GetAny(), 1701));
        L2tpControlMessage sccrq(L2tpControlMessage::SCCRQ, 0, 0);
        sccrq.AddAvp(L2tpAvp::FromProtocolVersion(1, 0));
        sccrq.AddAvp(L2tpAvp::FromU32(L2tpAvp::FRAMING_CAPABILITIES, 3));
        sccrq.AddAvp(L2tpAvp::FromString(L2tpAvp::HOST_NAME, "lac"));
        sccrq.AddAvp(L2tpAvp::FromU16(L2tpAvp::ASSIGNED_TUNNEL_ID, 7));
        const Address to = InetSocketAddress(net.ifs.GetAddress(1), 1701);
        // spi 0: untagged (no IPsec); the same bytes again 100 ms later.
        const std::vector<std::pair<double, uint32_t>> sends{
            {0.1, 0}, {0.2, 0}, {0.3, 0x1001}, {0.4, 0x1002}, {0.5, 0x1001}};
        for (const auto& [t, spi] : sends)
        {
            Simulator::Schedule(Seconds(t),
                                [lac, sccrq, to, spi = spi]()
                                {
                                    Ptr<Packet> p = sccrq.ToPacket();
                                    if (spi != 0)
                                    {
                                        p->AddPacketTag(IpsecSaTag(spi));
                                    }
                                    lac->SendTo(p, 0, to);
                                });
        }
        Simulator::Stop(Seconds(0.6));
        Simulator::Run();
        // Three tunnels: the untagged peer (its repeat is a retransmission), and one per SA;
        // the third tagged SCCRQ repeats the first SA's.
        NS_TEST_EXPECT_MSG_EQ(accepted.size(), 3, "tunnels accepted");
        NS_TEST_EXPECT_MSG_EQ(lns->GetTunnelCount(), 3, "tunnels at the LNS");
        Simulator::Destroy();
    }
};

/// The example runs and every packet of its pcaps dissects cleanly in tshark.
class L2tpSystemExamplePcapTest : public TestCase
{
public:
    L2tpSystemExamplePcapTest()
        : TestCase("the l2tp-control-plane example: pcaps dissect with no malformed packet")
    {
    }

private:
    void DoRun() override
    {
#ifndef L2TP_EXAMPLES_DIR
        // Inside an ns-3 tree the examples live elsewhere; ns-3's own example tests run them.
        return;
#else
        std::string dir = MakeTempDir("l2tp-control-plane-example");
        int status = 0;
        std::string out = RunCommand(
            std::string(L2TP_EXAMPLES_DIR) + "/l2tp-control-plane --outputDir=" + dir, status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "example ran");
        // messages.csv: a header line and one row per L2TP message of the LAC-side capture.
        NS_TEST_EXPECT_MSG_EQ(ReadLines(dir + "/messages.csv").size(), 38, "messages.csv rows");
        for (const char* f : {"/l2tp-control-plane-0-0.pcap", "/l2tp-control-plane-1-0.pcap"})
        {
            std::string pcap = dir + f;
            std::string n = Tshark("-r " + pcap + " | wc -l", status);
            NS_TEST_EXPECT_MSG_EQ(n, "37\n", "frames in " << pcap);
            NS_TEST_EXPECT_MSG_EQ(Tshark("-r " + pcap + " -Y _ws.malformed", status), "",
                                  "malformed in " << pcap);
            std::string expert = Tshark("-r " + pcap + " -q -z expert,error", status);
            NS_TEST_EXPECT_MSG_EQ(expert.find("Errors"), std::string::npos, expert);
            // 18 data messages (9 each way), all decoded down to LCP.
            NS_TEST_EXPECT_MSG_EQ(Tshark("-r " + pcap + " -Y lcp | wc -l", status), "18\n",
                                  "LCP inside L2TP data");
            NS_TEST_EXPECT_MSG_EQ(
                Tshark("-r " + pcap + " -Y 'l2tp.avp.message_type==14' | wc -l", status), "3\n",
                "three CDNs");
        }
#endif
    }
};

/// The suite.
class L2tpControlPlaneTestSuite : public TestSuite
{
public:
    L2tpControlPlaneTestSuite()
        : TestSuite("l2tp-control-plane", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new L2tpSystemCase1Test);
        AddTestCase(new L2tpSystemRetransmitTest);
        AddTestCase(new L2tpSystemPolicyTest);
        AddTestCase(new L2tpSystemTieBreakerTest);
        AddTestCase(new L2tpSystemSccrqPeerTest);
        AddTestCase(new L2tpSystemExamplePcapTest);
    }
};

static L2tpControlPlaneTestSuite g_l2tpControlPlaneTestSuite;
