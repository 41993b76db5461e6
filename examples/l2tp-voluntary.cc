/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * Voluntary L2TP tunnel (remote access): the client node is its own LAC.
 *
 *   client --(Internet: access link, core link)-- router -- LNS --(corporate LAN, CSMA)-- server
 *
 * The client opens a tunnel and a session to the LNS, runs PPP over it (LCP, CHAP-MD5,
 * IPCP), gets 10.255.0.2 and routes into the tunnel (full tunnel by default, --split for a
 * split tunnel to 10.1.0.0/24 only). Then three UDP echoes, three ICMP pings (IcmpEchoProbe:
 * real ICMP Echo Requests that the server's own ICMP answers) and a TCP bulk transfer run
 * from the client to the corporate server through the tunnel.
 *
 *   ./l2tp run l2tp-voluntary --outputDir=/tmp/vol --bytes=2000000
 *
 * Pcaps: <outputDir>/internet-<node>-<dev>.pcap (the access link: L2TP -> PPP -> IP) and
 * <outputDir>/corporate-<node>-<dev>.pcap (the LAN: plain IP).
 */
#include "ns3/l2tp-ppp-client.h"
#include "ns3/l2tp-ppp-lns.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/global-value.h"
#include "ns3/icmp-echo-probe-helper.h"
#include "ns3/icmp-echo-probe.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/system-path.h"
#include "ns3/tcp-socket.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <iostream>

using namespace ns3;

namespace
{

void
EchoRtt(Time* sent, Ptr<const Packet>)
{
    std::cout << Simulator::Now().As(Time::S) << " echo reply, RTT "
              << (Simulator::Now() - *sent).As(Time::MS) << std::endl;
}

void
EchoSent(Time* sent, Ptr<const Packet>)
{
    *sent = Simulator::Now();
}

void
PingReply(uint16_t seq, Time rtt)
{
    std::cout << Simulator::Now().As(Time::S) << " ping reply seq=" << seq << " RTT "
              << rtt.As(Time::MS) << std::endl;
}

void
Routed(Ipv4Address local, Ipv4Address peer)
{
    std::cout << Simulator::Now().As(Time::S) << " PPP up: client " << local << ", LNS " << peer
              << std::endl;
}

void
Cdn(uint16_t session, uint16_t result, const std::string& msg)
{
    std::cout << Simulator::Now().As(Time::S) << " LNS cleared session " << session
              << " with CDN result " << result << " (" << msg << ")" << std::endl;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string outputDir = "results/l2tp-voluntary";
    std::string accessRate = "20Mbps";
    std::string accessDelay = "5ms";
    std::string coreRate = "100Mbps";
    std::string coreDelay = "20ms";
    std::string password = "wonderland";
    uint32_t bytes = 2000000;
    bool split = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("outputDir", "folder for the pcaps (none: no pcaps)", outputDir);
    cmd.AddValue("accessRate", "client access link rate", accessRate);
    cmd.AddValue("accessDelay", "client access link delay", accessDelay);
    cmd.AddValue("coreRate", "router - LNS link rate", coreRate);
    cmd.AddValue("coreDelay", "router - LNS link delay", coreDelay);
    cmd.AddValue("password", "the client's password (the LNS knows alice=wonderland)", password);
    cmd.AddValue("bytes", "TCP bulk transfer size", bytes);
    cmd.AddValue("split", "split tunnel (only 10.1.0.0/24 through the tunnel)", split);
    cmd.Parse(argc, argv);
    // Real IPv4, UDP, TCP and ICMP checksums, so that Wireshark shows them good in the pcaps
    // (ns-3 leaves them 0 by default; an ICMP checksum of 0 is "bad").
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    if (outputDir == "none") // ns-3's CommandLine rejects an empty value
    {
        outputDir.clear();
    }

    // Segments that fit the PPP interface's 1400-byte MTU: 1400 - IPv4 20 - TCP 20 - timestamps 12.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1348));

    NodeContainer nodes; // client, router, lns, server
    nodes.Create(4);
    InternetStackHelper stack;
    stack.Install(nodes);
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue(accessRate));
    access.SetChannelAttribute("Delay", StringValue(accessDelay));
    PointToPointHelper core;
    core.SetDeviceAttribute("DataRate", StringValue(coreRate));
    core.SetChannelAttribute("Delay", StringValue(coreDelay));
    CsmaHelper lan;
    lan.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    lan.SetChannelAttribute("Delay", StringValue("1us"));
    NetDeviceContainer a = access.Install(nodes.Get(0), nodes.Get(1));
    NetDeviceContainer b = core.Install(nodes.Get(1), nodes.Get(2));
    NetDeviceContainer c = lan.Install(NodeContainer(nodes.Get(2), nodes.Get(3)));

    Ipv4AddressHelper addr;
    addr.SetBase("198.51.100.0", "255.255.255.0");
    addr.Assign(a);
    addr.SetBase("203.0.113.0", "255.255.255.0");
    Ipv4InterfaceContainer ib = addr.Assign(b);
    addr.SetBase("10.1.0.0", "255.255.255.0");
    Ipv4InterfaceContainer ic = addr.Assign(c);
    Ipv4StaticRoutingHelper srh;
    srh.GetStaticRouting(nodes.Get(0)->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("198.51.100.2"), 1);
    srh.GetStaticRouting(nodes.Get(2)->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("203.0.113.1"), 1);
    srh.GetStaticRouting(nodes.Get(3)->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("10.1.0.1"), 1);

    Ptr<L2tpPppLns> lns = CreateObject<L2tpPppLns>();
    lns->SetAttribute("Users", StringValue("alice=wonderland"));
    lns->SetAttribute("HostName", StringValue("lns"));
    nodes.Get(2)->AddApplication(lns);
    lns->TraceConnectWithoutContext("CdnSent", MakeCallback(&Cdn));
    Ptr<L2tpPppClient> client = CreateObject<L2tpPppClient>();
    client->SetAttribute("LnsAddress", Ipv4AddressValue(ib.GetAddress(1)));
    client->SetAttribute("Sessions", UintegerValue(1));
    client->SetAttribute("HostName", StringValue("client"));
    client->SetAttribute("Username", StringValue("alice"));
    client->SetAttribute("Password", StringValue(password));
    client->SetAttribute("FullTunnel", BooleanValue(!split));
    client->SetAttribute("SplitNetwork", Ipv4AddressValue(Ipv4Address("10.1.0.0")));
    client->SetAttribute("SplitMask", Ipv4MaskValue(Ipv4Mask("255.255.255.0")));
    nodes.Get(0)->AddApplication(client);
    client->TraceConnectWithoutContext("LinkUp", MakeCallback(&Routed));
    client->SetStartTime(Seconds(0.1));
    client->SetStopTime(Seconds(29));
    lns->GetProtocol()->AssignStreams(10);
    client->GetProtocol()->AssignStreams(20);

    UdpEchoServerHelper echoServer(9);
    echoServer.Install(nodes.Get(3)).Start(Seconds(0));
    UdpEchoClientHelper echo(ic.GetAddress(1), 9);
    echo.SetAttribute("MaxPackets", UintegerValue(3));
    echo.SetAttribute("Interval", TimeValue(Seconds(1)));
    echo.SetAttribute("PacketSize", UintegerValue(100));
    ApplicationContainer ping = echo.Install(nodes.Get(0));
    ping.Start(Seconds(2));
    Time sent;
    ping.Get(0)->TraceConnectWithoutContext("Tx", MakeBoundCallback(&EchoSent, &sent));
    ping.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&EchoRtt, &sent));

    // ICMP ping, between the UDP echoes (2.5, 3.5, 4.5 s) and before the TCP transfer.
    IcmpEchoProbeHelper icmp(ic.GetAddress(1));
    icmp.SetAttribute("Count", UintegerValue(3));
    ApplicationContainer icmpApps = icmp.Install(nodes.Get(0));
    icmpApps.Start(Seconds(2.5));
    icmpApps.Get(0)->TraceConnectWithoutContext("Rtt", MakeCallback(&PingReply));

    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 5001));
    ApplicationContainer sink = sinkHelper.Install(nodes.Get(3));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ic.GetAddress(1), 5001));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    bulk.Install(nodes.Get(0)).Start(Seconds(5));

    if (!outputDir.empty())
    {
        SystemPath::MakeDirectories(outputDir);
        access.EnablePcap(outputDir + "/internet", a.Get(1), true);
        lan.EnablePcap(outputDir + "/corporate", c.Get(0), true);
    }
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    Ptr<PacketSink> s = DynamicCast<PacketSink>(sink.Get(0));
    std::cout << "TCP bytes received by the server: " << s->GetTotalRx() << " of " << bytes
              << std::endl;
    std::cout << "LNS PPP sessions at the end: " << lns->GetPppSessionCount() << std::endl;
    Ptr<IcmpEchoProbe> probe = DynamicCast<IcmpEchoProbe>(icmpApps.Get(0));
    std::cout << "ICMP ping: " << probe->GetSent() << " sent, " << probe->GetReceived()
              << " replies, " << probe->GetDrops() << " dropped" << std::endl;
    Simulator::Destroy();
    return 0;
}
