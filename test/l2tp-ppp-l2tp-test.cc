/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * Suite l2tp-ppp-l2tp: PPP over L2TP in voluntary mode (the client node is its own LAC).
 * Topology: client --A-- router --B-- LNS --C-- server, all point-to-point links.
 */
#include "l2tp-ppp-harness.h"
#include "l2tp-ppp-voluntary-net.h"
#include "l2tp-test-util.h"
#include "ns3/l2tp-header.h"
#include "ns3/l2tp-ppp-client.h"
#include "ns3/l2tp-ppp-lns.h"
#include "ns3/l2tp-tunnel.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/ppp-ipcp.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket.h"
#include "ns3/test.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Record an endpoint's transitions in \p log
void
HookSessionEndpoint(std::string* log, Ptr<L2tpSession>, Ptr<PppEndpoint> ep)
{
    HookEndpoint(log, ep);
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief The tunnel, session, LCP, CHAP and IPCP come up in the exact order, the client is
 *        routed into the tunnel, and the first UDP echo's RTT is the path's propagation plus
 *        the serialization of the encapsulated sizes.
 */
class L2tpPppVoluntaryUpTest : public TestCase
{
public:
    /// \param sequencing data messages with Ns/Nr (both ends ask for it)
    explicit L2tpPppVoluntaryUpTest(bool sequencing)
        : TestCase(sequencing ? "voluntary tunnel with sequenced data: states, echo RTT"
                              : "voluntary tunnel: LCP, CHAP, IPCP over the session, routes, "
                                "echo RTT")
        , m_sequencing(sequencing)
    {
    }

private:
    void DoRun() override
    {
        Links l;
        VoluntaryNet net;
        net.Build(l, "wonderland", 10);
        net.client->SetAttribute("DataSequencing", BooleanValue(m_sequencing));
        net.lns->SetAttribute("DataSequencing", BooleanValue(m_sequencing));
        std::ostringstream clientLog;
        std::ostringstream lnsLog;
        net.client->TraceConnectWithoutContext("LinkUp",
                                               MakeCallback(&L2tpPppVoluntaryUpTest::LinkUp, this));

        UdpEchoServerHelper echoServer(9);
        ApplicationContainer sApps = echoServer.Install(net.nodes.Get(3));
        sApps.Start(Seconds(0));
        UdpEchoClientHelper echo(net.serverAddr, 9);
        echo.SetAttribute("MaxPackets", UintegerValue(2));
        echo.SetAttribute("Interval", TimeValue(Seconds(1)));
        echo.SetAttribute("PacketSize", UintegerValue(100));
        ApplicationContainer cApps = echo.Install(net.nodes.Get(0));
        cApps.Start(Seconds(2));
        cApps.Get(0)->TraceConnectWithoutContext("Tx",
                                                 MakeCallback(&L2tpPppVoluntaryUpTest::Tx, this));
        cApps.Get(0)->TraceConnectWithoutContext("Rx",
                                                 MakeCallback(&L2tpPppVoluntaryUpTest::Rx, this));

        // Hook the endpoints when their sessions come up (the applications create them).
        net.client->TraceConnectWithoutContext(
            "EndpointCreated", MakeBoundCallback(&HookSessionEndpoint, &m_clientLog));
        net.lns->TraceConnectWithoutContext("EndpointCreated",
                                            MakeBoundCallback(&HookSessionEndpoint, &m_lnsLog));
        const std::string dir = MakeTempDir(m_sequencing ? "ppp-l2tp-seq" : "ppp-l2tp");
        net.p2pA.EnablePcap(dir + "/internet", net.a.Get(1), true);
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        // Client endpoint: phases, LCP and IPCP transitions in order.
        // RFC 1661: both ends send a Configure-Request on Up; the LNS starts when the ICCN arrives,
        // so its Configure-Request crosses the client's and each side acks the other's.
        NS_TEST_EXPECT_MSG_EQ(m_clientLog,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "auth CHAP alice ok;phase Network;ipcp Initial>Starting;"
                              "ipcp Starting>Req-Sent;ipcp Req-Sent>Ack-Sent;"
                              "ipcp Ack-Sent>Opened;",
                              "client sequence");
        // The LNS acks the client's IPCP request only after its Nak (0.0.0.0 -> 10.255.0.2).
        NS_TEST_EXPECT_MSG_EQ(m_lnsLog,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "auth CHAP alice ok;phase Network;ipcp Initial>Starting;"
                              "ipcp Starting>Req-Sent;ipcp Req-Sent>Ack-Rcvd;"
                              "ipcp Ack-Rcvd>Opened;",
                              "LNS sequence");
        NS_TEST_EXPECT_MSG_EQ(m_up, "10.255.0.2 10.255.0.1", "address assigned and routed");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetDevice()->GetPeerCount(), 1, "one client in the map");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPppSessionCount(), 1, "one PPP session");

        // RTT: each way crosses A and B with the encapsulated datagram and C with the inner one.
        const uint32_t inner = 20 + 8 + 100;
        L2tpHeader dataHeader = L2tpHeader::MakeData(1, 1, true);
        dataHeader.SetHasSequence(m_sequencing);
        const uint32_t l2tp = dataHeader.GetSerializedSize();
        const uint32_t outer = 20 + 8 + l2tp + 4 + inner;
        const uint32_t p2p = 2; // PPP header of the point-to-point links
        auto ser = [](uint32_t bytes, const std::string& rate)
        {
            return DataRate(rate).CalculateBytesTxTime(bytes);
        };
        const Time oneWay = ser(outer + p2p, l.rateA) + Seconds(l.delayA)
                            + ser(outer + p2p, l.rateB) + Seconds(l.delayB)
                            + ser(inner + p2p, l.rateC) + Seconds(l.delayC);
        if (m_sequencing)
        {
            NS_TEST_EXPECT_MSG_EQ(l2tp, 12, "L2TP data header with Length, Ns, Nr: 12 bytes");
            // 174 bytes on A (696 us) and B (139.2 us), 130 on C (10.4 us), 16 ms propagation
            NS_TEST_EXPECT_MSG_EQ(oneWay * 2, NanoSeconds(33691200), "expected RTT by hand");
            Ptr<L2tpSession> cs = net.client->GetSessions().at(0);
            NS_TEST_EXPECT_MSG_EQ(cs->IsSequencing(), true, "client sends Ns/Nr");
            NS_TEST_EXPECT_MSG_EQ(cs->GetCounters().outOfSequence, 0, "all in order");
            // LCP CR + CA, CHAP Challenge + Success, IPCP CR, Reject, Nak, Ack, 2 echo replies
            NS_TEST_EXPECT_MSG_EQ(cs->GetCounters().rxPackets, 10, "client: data received");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(l2tp, 8, "L2TP data header with Length: 8 bytes");
            // 170 bytes on A (680 us) and B (136 us), 130 on C (10.4 us), 16 ms propagation
            NS_TEST_EXPECT_MSG_EQ(oneWay * 2, NanoSeconds(33652800), "expected RTT by hand");
        }
        NS_TEST_EXPECT_MSG_EQ(m_rtts.size(), 2, "two echoes");
        if (!m_rtts.empty())
        {
            NS_TEST_EXPECT_MSG_EQ(m_rtts[0], oneWay * 2, "first RTT = 2 x (prop + ser)");
        }
        net.Clear();
        Simulator::Destroy(); // closes the pcap (no device left holding it)

        // tshark: L2TP -> PPP -> IP, no malformed packets, no error-level expert info.
        const std::string pcap = dir + "/internet-1-1.pcap";
        int st = 0;
        const std::string malformed
            = RunCommand("tshark -r " + pcap + " -Y _ws.malformed 2>/dev/null", st);
        NS_TEST_EXPECT_MSG_EQ(st, 0, "tshark ran");
        NS_TEST_EXPECT_MSG_EQ(malformed, "", "no malformed packets");
        const std::string expert
            = RunCommand("tshark -r " + pcap + " -q -z expert,error 2>/dev/null", st);
        NS_TEST_EXPECT_MSG_EQ(expert.find("Error"), std::string::npos,
                              "no error-level expert info: " << expert);
        const std::string fields
            = RunCommand("tshark -r " + pcap
                             + " -T fields -E separator=, -e l2tp.type -e l2tp.avp.message_type "
                               "-e ppp.protocol -e ppp.code -e chap.code -e udp.dstport "
                               "2>/dev/null",
                         st);
        // L2TP type (1 control, 0 data), message type, PPP protocols (the link's, then the
        // tunnelled frame's), LCP / IPCP code, CHAP code, UDP ports
        NS_TEST_EXPECT_MSG_EQ(fields,
                              "1,1,0x0021,,,1701\n"              // SCCRQ
                              "1,2,0x0021,,,1701\n"              // SCCRP
                              "1,3,0x0021,,,1701\n"              // SCCCN
                              "1,10,0x0021,,,1701\n"             // ICRQ
                              "1,11,0x0021,,,1701\n"             // ICRP
                              "1,12,0x0021,,,1701\n"             // ICCN
                              "0,,0x0021,0xc021,1,,1701\n"       // LCP Configure-Request
                              "0,,0x0021,0xc021,1,,1701\n"       // LCP Configure-Request
                              "0,,0x0021,0xc021,2,,1701\n"       // LCP Configure-Ack
                              "0,,0x0021,0xc021,2,,1701\n"       // LCP Configure-Ack
                              "0,,0x0021,0xc223,,1,1701\n"       // CHAP Challenge
                              "0,,0x0021,0xc223,,2,1701\n"       // CHAP Response
                              "0,,0x0021,0xc223,,3,1701\n"       // CHAP Success
                              "0,,0x0021,0x8021,1,,1701\n"       // IPCP Configure-Request
                              "0,,0x0021,0x8021,1,,1701\n"       // IPCP Configure-Request
                              "0,,0x0021,0x8021,2,,1701\n"       // IPCP Configure-Ack
                              "0,,0x0021,0x8021,4,,1701\n"       // IPCP Configure-Reject (DNS)
                              "1,,0x0021,,,1701\n"               // ZLB
                              "0,,0x0021,0x8021,1,,1701\n"       // IPCP Configure-Request
                              "0,,0x0021,0x8021,3,,1701\n"       // IPCP Configure-Nak (address)
                              "0,,0x0021,0x8021,1,,1701\n"       // IPCP Configure-Request
                              "0,,0x0021,0x8021,2,,1701\n"       // IPCP Configure-Ack
                              "0,,0x0021,0x0021,,,1701,9\n"      // UDP echo
                              "0,,0x0021,0x0021,,,1701,49153\n"  // its reply
                              "0,,0x0021,0x0021,,,1701,9\n"      // UDP echo
                              "0,,0x0021,0x0021,,,1701,49153\n", // its reply
                              "dissected sequence");
    }

    void LinkUp(Ipv4Address local, Ipv4Address peer)
    {
        std::ostringstream o;
        o << local << " " << peer;
        m_up = o.str();
    }

    void Tx(Ptr<const Packet>) { m_tx.push_back(Simulator::Now()); }

    void Rx(Ptr<const Packet>) { m_rtts.push_back(Simulator::Now() - m_tx[m_rtts.size()]); }

    bool m_sequencing; //!< data messages with Ns/Nr
    std::string m_clientLog;
    std::string m_lnsLog;
    std::string m_up;
    std::vector<Time> m_tx;
    std::vector<Time> m_rtts;
};

/**
 * \ingroup l2tp-tests
 * \brief Records the session-down results and the LNS's CDNs of one run.
 */
struct DownLog
{
    std::string clientDown; //!< "result;" per session cleared at the client
    std::string lnsDown;    //!< "result;" per session cleared at the LNS
    std::string lnsCdn;     //!< "result message;" per CDN the LNS sent
    std::string clientLog;  //!< the client endpoint's transitions

    /// Hook \p net
    void Hook(VoluntaryNet& net)
    {
        net.client->TraceConnectWithoutContext("SessionDown",
                                               MakeBoundCallback(&DownLog::Down, &clientDown));
        net.lns->TraceConnectWithoutContext("SessionDown",
                                            MakeBoundCallback(&DownLog::Down, &lnsDown));
        net.lns->TraceConnectWithoutContext("CdnSent", MakeBoundCallback(&DownLog::Cdn, &lnsCdn));
        net.client->TraceConnectWithoutContext("EndpointCreated",
                                               MakeBoundCallback(&HookSessionEndpoint, &clientLog));
    }

    static void Down(std::string* log, Ptr<L2tpSession>, uint16_t result)
    {
        *log += std::to_string(result) + ";";
    }

    static void Cdn(std::string* log, uint16_t, uint16_t result, const std::string& msg)
    {
        *log += std::to_string(result) + " " + msg + ";";
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A wrong password: CHAP fails, the LNS ends the PPP link and clears the session with
 *        CDN result 3 (administrative); the tunnel stays established.
 */
class L2tpPppWrongPasswordTest : public TestCase
{
public:
    L2tpPppWrongPasswordTest()
        : TestCase("wrong password: CDN result 3, the tunnel stays up")
    {
    }

private:
    void DoRun() override
    {
        VoluntaryNet net;
        net.Build(Links(), "looking-glass", 10);
        DownLog log;
        log.Hook(net);
        const std::string dir = MakeTempDir("ppp-l2tp-wrong-password");
        net.p2pA.EnablePcap(dir + "/internet", net.a.Get(1), true);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(log.clientLog,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "auth CHAP alice failed;lcp Opened>Closing;phase Terminate;"
                              "lcp Closing>Closed;phase Dead;",
                              "client sequence");
        NS_TEST_EXPECT_MSG_EQ(log.lnsCdn, "3 PPP CHAP authentication failed for user alice;",
                              "the LNS's CDN");
        NS_TEST_EXPECT_MSG_EQ(log.clientDown, "3;", "the client sees result 3");
        NS_TEST_EXPECT_MSG_EQ(log.lnsDown, "3;", "the LNS cleared one session");
        NS_TEST_EXPECT_MSG_EQ(net.client->GetTunnel()->GetState(), L2tpTunnel::ESTABLISHED,
                              "client tunnel still established");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetProtocol()->GetTunnelCount(), 1, "LNS tunnel kept");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPppSessionCount(), 0, "no PPP session left");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetDevice()->GetPeerCount(), 0, "no peer in the map");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPool()->GetFree(), 10, "no address taken");
        net.Clear();
        Simulator::Destroy();
        // One CDN on the wire, from the LNS (the client waits for it instead of crossing it).
        int st = 0;
        const std::string cdns = RunCommand("tshark -r " + dir
                                                + "/internet-1-1.pcap -Y l2tp.avp.message_type==14 "
                                                  "-T fields -E separator=, -e ip.src "
                                                  "-e l2tp.result_code 2>/dev/null",
                                            st);
        NS_TEST_EXPECT_MSG_EQ(cdns, "203.0.113.2,3\n", "one CDN, result 3, from the LNS");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief An exhausted pool: IPCP refuses the address, the link ends and the session is
 *        cleared with CDN result 4 (temporary lack of facilities) and the reason.
 */
class L2tpPppPoolExhaustedTest : public TestCase
{
public:
    L2tpPppPoolExhaustedTest()
        : TestCase("pool exhausted: CDN result 4 with the reason")
    {
    }

private:
    void DoRun() override
    {
        VoluntaryNet net;
        net.Build(Links(), "wonderland", 1);
        Ipv4Address taken;
        NS_TEST_ASSERT_MSG_EQ(net.lns->GetPool()->Allocate(taken), true, "take the only one");
        DownLog log;
        log.Hook(net);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        // IPCP: the LNS Configure-Rejects the address it cannot give and closes IPCP, then
        // (pppd behaviour) LCP; the client answers the LCP Terminate-Request (Stopping).
        NS_TEST_EXPECT_MSG_EQ(log.clientLog,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "auth CHAP alice ok;phase Network;ipcp Initial>Starting;"
                              "ipcp Starting>Req-Sent;ipcp Req-Sent>Ack-Sent;"
                              "ipcp Ack-Sent>Req-Sent;lcp Opened>Stopping;"
                              "ipcp Req-Sent>Starting;phase Terminate;lcp Stopping>Starting;"
                              "phase Dead;",
                              "client sequence");
        NS_TEST_EXPECT_MSG_EQ(log.lnsCdn, "4 IPCP: address pool exhausted;", "the LNS's CDN");
        NS_TEST_EXPECT_MSG_EQ(log.clientDown, "4;", "the client sees result 4");
        NS_TEST_EXPECT_MSG_EQ(net.client->GetTunnel()->GetState(), L2tpTunnel::ESTABLISHED,
                              "client tunnel still established");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPppSessionCount(), 0, "no PPP session left");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief 10,000,000 bytes of TCP from the client to the corporate server through the tunnel.
 */
class L2tpPppTcpTest : public TestCase
{
public:
    L2tpPppTcpTest()
        : TestCase("TCP bulk transfer of 10 MB through the tunnel")
    {
    }

private:
    void DoRun() override
    {
        // 1400 (PPP MTU) - 20 (IPv4) - 20 (TCP) - 12 (timestamps): no fragmentation
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1348));
        Links l;
        l.rateA = "1Gbps";
        l.rateB = "1Gbps";
        l.rateC = "1Gbps";
        l.delayA = 0.001;
        l.delayB = 0.001;
        l.delayC = 0.0001;
        VoluntaryNet net;
        net.Build(l, "wonderland", 10);
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 5001));
        ApplicationContainer sink = sinkHelper.Install(net.nodes.Get(3));
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(net.serverAddr, 5001));
        bulk.SetAttribute("MaxBytes", UintegerValue(10000000));
        bulk.Install(net.nodes.Get(0)).Start(Seconds(1));
        Simulator::Stop(Seconds(20));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<PacketSink>(sink.Get(0))->GetTotalRx(), 10000000,
                              "exactly 10,000,000 bytes delivered");
        NS_TEST_EXPECT_MSG_EQ(net.client->GetDevice()->GetTxDrops(), 0, "no drop at the client");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetDevice()->GetTxDrops(), 0, "no drop at the LNS");
        Simulator::Destroy();
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(536));
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The LNS's LCP keepalive (EchoInterval 1 s, EchoFailure 3): when the client stops
 *        answering (everything sent to the LNS is lost from 3 s on), the link closes after the
 *        third unanswered Echo-Request and the session is cleared with CDN result 1.
 */
class L2tpPppEchoFailureTest : public TestCase
{
public:
    L2tpPppEchoFailureTest()
        : TestCase("LCP echo failure: CDN result 1 after the configured count")
    {
    }

private:
    void DoRun() override
    {
        Config::SetDefault("ns3::PppLcp::EchoInterval", TimeValue(Seconds(1)));
        Config::SetDefault("ns3::PppLcp::EchoFailure", UintegerValue(3));
        VoluntaryNet net;
        net.Build(Links(), "wonderland", 10);
        DownLog log;
        log.Hook(net);
        uint32_t failures = 0;
        net.lns->TraceConnectWithoutContext(
            "EndpointCreated", MakeBoundCallback(&L2tpPppEchoFailureTest::HookLns, &failures));
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorRate", DoubleValue(1.0));
        em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        Simulator::Schedule(Seconds(3), [&net, em]()
                            { net.b.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em)); });
        Simulator::Stop(Seconds(15));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(failures, 1, "one keepalive failure at the LNS");
        NS_TEST_EXPECT_MSG_EQ(log.lnsCdn, "1 LCP keepalive: 3 Echo-Requests unanswered;",
                              "CDN result 1 (loss of carrier)");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPppSessionCount(), 0, "session gone at the LNS");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetDevice()->GetPeerCount(), 0, "map entry gone");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPool()->GetFree(), 10, "address back in the pool");
        Simulator::Destroy();
        Config::SetDefault("ns3::PppLcp::EchoInterval", TimeValue(Seconds(30)));
        Config::SetDefault("ns3::PppLcp::EchoFailure", UintegerValue(4));
    }

    static void Failure(uint32_t* n, uint32_t) { ++*n; }

    static void HookLns(uint32_t* n, Ptr<L2tpSession>, Ptr<PppEndpoint> ep)
    {
        ep->TraceConnectWithoutContext("EchoFailure",
                                       MakeBoundCallback(&L2tpPppEchoFailureTest::Failure, n));
    }
};

/// \return the static routes of \p node as "dest/mask if;" (the PPP interface is "ppp")
std::string
Routes(Ptr<Node> node, int32_t pppIf)
{
    Ipv4StaticRoutingHelper srh;
    Ptr<Ipv4StaticRouting> rt = srh.GetStaticRouting(node->GetObject<Ipv4>());
    std::ostringstream o;
    for (uint32_t i = 0; i < rt->GetNRoutes(); ++i)
    {
        Ipv4RoutingTableEntry e = rt->GetRoute(i);
        o << e.GetDest() << "/" << e.GetDestNetworkMask().GetPrefixLength() << " ";
        if (static_cast<int32_t>(e.GetInterface()) == pppIf)
        {
            o << "ppp";
        }
        else
        {
            o << e.GetGateway() << " if" << e.GetInterface();
        }
        o << ";";
    }
    return o.str();
}

/**
 * \ingroup l2tp-tests
 * \brief Two clients, a full and a split tunnel, on ONE LNS interface: both reach the server,
 *        the LNS keeps one PPP interface and two entries in its map, and the clients' routes
 *        are exactly those of their mode.
 */
class L2tpPppTwoClientsTest : public TestCase
{
public:
    L2tpPppTwoClientsTest()
        : TestCase("two clients, full and split tunnel, one shared LNS interface")
    {
    }

private:
    void DoRun() override
    {
        VoluntaryNet net;
        net.Build(Links(), "wonderland", 10);
        Ptr<Node> bob = CreateObject<Node>();
        InternetStackHelper stack;
        stack.Install(bob);
        NetDeviceContainer d = net.p2pA.Install(bob, net.nodes.Get(1));
        Ipv4AddressHelper addr;
        addr.SetBase("198.51.101.0", "255.255.255.0");
        addr.Assign(d);
        Ipv4StaticRoutingHelper srh;
        srh.GetStaticRouting(bob->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("198.51.101.2"), 1);
        Ptr<L2tpPppClient> split = CreateObject<L2tpPppClient>();
        split->SetAttribute("LnsAddress", Ipv4AddressValue(net.lnsAddr));
        split->SetAttribute("Sessions", UintegerValue(1));
        split->SetAttribute("Username", StringValue("bob"));
        split->SetAttribute("Password", StringValue("builder"));
        split->SetAttribute("FullTunnel", BooleanValue(false));
        split->SetAttribute("SplitNetwork", Ipv4AddressValue(Ipv4Address("10.1.0.0")));
        split->SetAttribute("SplitMask", Ipv4MaskValue(Ipv4Mask("255.255.255.0")));
        split->SetStartTime(Seconds(0.2));
        bob->AddApplication(split);
        split->GetProtocol()->AssignStreams(30);

        UdpEchoServerHelper echoServer(9);
        echoServer.Install(net.nodes.Get(3)).Start(Seconds(0));
        UdpEchoClientHelper echo(net.serverAddr, 9);
        echo.SetAttribute("MaxPackets", UintegerValue(2));
        echo.SetAttribute("Interval", TimeValue(Seconds(1)));
        echo.SetAttribute("PacketSize", UintegerValue(100));
        ApplicationContainer c1 = echo.Install(net.nodes.Get(0));
        ApplicationContainer c2 = echo.Install(bob);
        c1.Start(Seconds(2));
        c2.Start(Seconds(2));
        uint32_t replies = 0;
        c1.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, &replies));
        c2.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountRx, &replies));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(replies, 4, "two echoes answered per client");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetDevice()->GetPeerCount(), 2, "two clients in the map");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPppSessionCount(), 2, "two PPP sessions");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetProtocol()->GetTunnelCount(), 2, "one tunnel each");
        // loopback, Internet, LAN and ONE PPP interface for both sessions
        NS_TEST_EXPECT_MSG_EQ(net.nodes.Get(2)->GetObject<Ipv4>()->GetNInterfaces(), 4,
                              "one shared PPP interface on the LNS");
        NS_TEST_EXPECT_MSG_EQ(net.client->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.2"), "alice's address");
        NS_TEST_EXPECT_MSG_EQ(split->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.3"), "bob's address");
        Ptr<PppEndpoint> a = net.lns->FindEndpoint(Ipv4Address("10.255.0.2"));
        Ptr<PppEndpoint> b = net.lns->FindEndpoint(Ipv4Address("10.255.0.3"));
        NS_TEST_EXPECT_MSG_NE(a, nullptr, "alice in the map");
        NS_TEST_EXPECT_MSG_NE(b, nullptr, "bob in the map");
        NS_TEST_EXPECT_MSG_NE(a, b, "two endpoints");
        NS_TEST_EXPECT_MSG_EQ(Routes(net.nodes.Get(0), net.client->GetInterface()),
                              "127.0.0.0/8 0.0.0.0 if0;198.51.100.0/24 0.0.0.0 if1;"
                              "0.0.0.0/0 198.51.100.2 if1;203.0.113.2/32 198.51.100.2 if1;"
                              "0.0.0.0/1 ppp;128.0.0.0/1 ppp;",
                              "full tunnel routes");
        NS_TEST_EXPECT_MSG_EQ(Routes(bob, split->GetInterface()),
                              "127.0.0.0/8 0.0.0.0 if0;198.51.101.0/24 0.0.0.0 if1;"
                              "0.0.0.0/0 198.51.101.2 if1;10.1.0.0/24 ppp;",
                              "split tunnel routes");
        Ptr<Ipv4> lnsIp = net.nodes.Get(2)->GetObject<Ipv4>();
        // one route for every client: the pool prefix through the shared interface
        NS_TEST_EXPECT_MSG_EQ(
            Routes(net.nodes.Get(2), lnsIp->GetInterfaceForDevice(net.lns->GetDevice())),
            "127.0.0.0/8 0.0.0.0 if0;203.0.113.0/24 0.0.0.0 if1;"
            "10.1.0.0/24 0.0.0.0 if2;0.0.0.0/0 203.0.113.1 if1;"
            "10.255.0.0/16 ppp;",
            "LNS routes");
        Simulator::Destroy();
    }

    static void CountRx(uint32_t* n, Ptr<const Packet>) { ++*n; }
};

/**
 * \ingroup l2tp-tests
 * \brief The L2TP / PPP suite.
 */
class L2tpPppL2tpSuite : public TestSuite
{
public:
    L2tpPppL2tpSuite()
        : TestSuite("l2tp-ppp-l2tp", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new L2tpPppVoluntaryUpTest(false));
        AddTestCase(new L2tpPppVoluntaryUpTest(true));
        AddTestCase(new L2tpPppWrongPasswordTest());
        AddTestCase(new L2tpPppPoolExhaustedTest());
        AddTestCase(new L2tpPppTcpTest());
        AddTestCase(new L2tpPppTwoClientsTest());
        AddTestCase(new L2tpPppEchoFailureTest());
    }
};

static L2tpPppL2tpSuite g_l2tpPppL2tpSuite; //!< the suite
