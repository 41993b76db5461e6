/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * Compulsory (wholesale) L2TP tunnelling: dial-in users reach the ISP's LAC over 56 kbit/s
 * serial lines; the LAC runs LCP and CHAP with each user, then places a call on its tunnel to
 * the corporate LNS with the proxy LCP / authentication AVPs (RFC 2661 4.4.5) and relays
 * the PPP frames. The LNS accepts the proxied negotiation (default) or renegotiates LCP and
 * CHAP with the user itself (--renegotiate=1).
 *
 *   user0 --serial 56k-- \
 *   user1 --serial 56k--  LAC --(ISP backbone, p2p)-- LNS --(corporate LAN, CSMA)-- server
 *   user2 --serial 56k-- /
 *
 * Every user sends three UDP echoes and three ICMP pings (IcmpEchoProbe) to the server;
 * user0 also sends a TCP bulk transfer.
 *
 *   ./l2tp run l2tp-compulsory --users=3 --renegotiate=1 --outputDir=/tmp/comp
 *
 * Pcaps: <outputDir>/dialin-<node>-<dev>.pcap (each serial line at the LAC, DLT_PPP: LCP,
 * CHAP, IPCP, IP), <outputDir>/backbone-<node>-<dev>.pcap (at the LNS: L2TP -> PPP -> IP)
 * and <outputDir>/corporate-<node>-<dev>.pcap (the LAN: plain IP).
 */
#include "ns3/l2tp-ppp-lac.h"
#include "ns3/l2tp-ppp-lns.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/command-line.h"
#include "ns3/csma-helper.h"
#include "ns3/enum.h"
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
#include "ns3/ppp-dial-in-client.h"
#include "ns3/ppp-serial-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/system-path.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <iostream>
#include <vector>

using namespace ns3;

namespace
{

/// Echo timing of one user
struct Pinger
{
    uint32_t user{0}; //!< index
    Time sent;        //!< last request
};

void
EchoSent(Pinger* p, Ptr<const Packet>)
{
    p->sent = Simulator::Now();
}

void
EchoReply(Pinger* p, Ptr<const Packet>)
{
    std::cout << Simulator::Now().As(Time::S) << " user" << p->user << " echo reply, RTT "
              << (Simulator::Now() - p->sent).As(Time::MS) << std::endl;
}

void
PingReply(uint32_t user, uint16_t seq, Time rtt)
{
    std::cout << Simulator::Now().As(Time::S) << " user" << user << " ping reply seq=" << seq
              << " RTT " << rtt.As(Time::MS) << std::endl;
}

void
UserUp(uint32_t user, Ipv4Address local, Ipv4Address peer)
{
    std::cout << Simulator::Now().As(Time::S) << " user" << user << " PPP up: " << local
              << ", peer " << peer << std::endl;
}

void
CallPlaced(Ptr<PppSerialNetDevice>, Ptr<L2tpSession> s, const std::string& user)
{
    std::cout << Simulator::Now().As(Time::S) << " LAC: " << user
              << " answered the Challenge, call placed (session " << s->GetLocalId() << ")"
              << std::endl;
}

void
Proxy(Ptr<L2tpSession> s, const std::string& what, const std::string& user)
{
    std::cout << Simulator::Now().As(Time::S) << " LNS: proxy AVPs of session " << s->GetLocalId()
              << " (" << user << "): " << what << std::endl;
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
    std::string outputDir = "results/l2tp-compulsory";
    uint32_t users = 3;
    bool renegotiate = false;
    std::string serialRate = "56kbps";
    std::string serialDelay = "5ms";
    uint32_t bitsPerOctet = 8;
    std::string backboneRate = "100Mbps";
    std::string backboneDelay = "20ms";
    int32_t wrong = -1;
    uint32_t bytes = 20000;
    double stop = 30;
    CommandLine cmd(__FILE__);
    cmd.AddValue("outputDir", "folder for the pcaps (none: no pcaps)", outputDir);
    cmd.AddValue("users", "number of dial-in users (user0 ... userN-1, password pw0 ...)", users);
    cmd.AddValue("renegotiate",
                 "the LNS ignores the proxy AVPs and renegotiates LCP and CHAP (ProxyMode)",
                 renegotiate);
    cmd.AddValue("serialRate", "dial-in line rate", serialRate);
    cmd.AddValue("serialDelay", "dial-in line delay", serialDelay);
    cmd.AddValue("bitsPerOctet", "bits per octet on the lines (8, or 10 for async start/stop)",
                 bitsPerOctet);
    cmd.AddValue("backboneRate", "LAC - LNS link rate", backboneRate);
    cmd.AddValue("backboneDelay", "LAC - LNS link delay", backboneDelay);
    cmd.AddValue("wrongPassword", "index of a user that dials with a wrong password (-1: none)",
                 wrong);
    cmd.AddValue("bytes", "TCP bulk transfer size (user0 -> server)", bytes);
    cmd.AddValue("stop", "simulated seconds", stop);
    cmd.Parse(argc, argv);
    // Real IPv4, UDP, TCP and ICMP checksums, so that Wireshark shows them good in the pcaps
    // (ns-3 leaves them 0 by default; an ICMP checksum of 0 is "bad").
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    if (users == 0 || users > 250)
    {
        std::cerr << "--users: expected 1 .. 250, got " << users << std::endl;
        return 1;
    }
    NodeContainer userNodes;
    userNodes.Create(users);
    NodeContainer core; // lac, lns, server
    core.Create(3);
    Ptr<Node> lacNode = core.Get(0);
    Ptr<Node> lnsNode = core.Get(1);
    Ptr<Node> server = core.Get(2);
    InternetStackHelper stack;
    stack.Install(userNodes);
    stack.Install(core);

    PppSerialHelper serial;
    serial.SetDeviceAttribute("DataRate", StringValue(serialRate));
    serial.SetDeviceAttribute("BitsPerOctet", UintegerValue(bitsPerOctet));
    serial.SetChannelAttribute("Delay", StringValue(serialDelay));
    std::vector<NetDeviceContainer> lines;
    for (uint32_t i = 0; i < users; ++i)
    {
        lines.push_back(serial.Install(userNodes.Get(i), lacNode));
    }
    PointToPointHelper backbone;
    backbone.SetDeviceAttribute("DataRate", StringValue(backboneRate));
    backbone.SetChannelAttribute("Delay", StringValue(backboneDelay));
    NetDeviceContainer bb = backbone.Install(lacNode, lnsNode);
    CsmaHelper lan;
    lan.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    lan.SetChannelAttribute("Delay", StringValue("1us"));
    NetDeviceContainer c = lan.Install(NodeContainer(lnsNode, server));

    Ipv4AddressHelper addr;
    addr.SetBase("192.0.2.0", "255.255.255.252");
    Ipv4InterfaceContainer ib = addr.Assign(bb);
    addr.SetBase("10.1.0.0", "255.255.255.0");
    Ipv4InterfaceContainer ic = addr.Assign(c);
    Ipv4StaticRoutingHelper srh;
    srh.GetStaticRouting(server->GetObject<Ipv4>())->SetDefaultRoute(ic.GetAddress(0), 1);

    Ptr<L2tpPppLns> lns = CreateObject<L2tpPppLns>();
    std::string db;
    for (uint32_t i = 0; i < users; ++i)
    {
        db += (i ? "," : "") + std::string("user") + std::to_string(i) + "=pw" + std::to_string(i);
    }
    lns->SetAttribute("Users", StringValue(db));
    lns->SetAttribute("HostName", StringValue("lns"));
    lns->SetAttribute("ProxyMode", EnumValue(renegotiate ? L2tpPppLns::PROXY_RENEGOTIATE
                                                         : L2tpPppLns::PROXY_ACCEPT));
    lnsNode->AddApplication(lns);
    lns->TraceConnectWithoutContext("CdnSent", MakeCallback(&Cdn));
    lns->TraceConnectWithoutContext("Proxy", MakeCallback(&Proxy));

    Ptr<L2tpPppLac> lac = CreateObject<L2tpPppLac>();
    lac->SetAttribute("LnsAddress", Ipv4AddressValue(ib.GetAddress(1)));
    lac->SetAttribute("HostName", StringValue("isp-lac"));
    for (const auto& l : lines)
    {
        lac->AddLine(DynamicCast<PppSerialNetDevice>(l.Get(1)));
    }
    lacNode->AddApplication(lac);
    lac->TraceConnectWithoutContext("CallPlaced", MakeCallback(&CallPlaced));
    lns->GetProtocol()->AssignStreams(10);
    lac->GetProtocol()->AssignStreams(20);
    lac->AssignStreams(30);

    std::vector<Pinger> pingers(users);
    ApplicationContainer probes;
    UdpEchoServerHelper echoServer(9);
    echoServer.Install(server).Start(Seconds(0));
    for (uint32_t i = 0; i < users; ++i)
    {
        Ptr<PppDialInClient> dial = CreateObject<PppDialInClient>();
        dial->SetDevice(DynamicCast<PppSerialNetDevice>(lines[i].Get(0)));
        dial->SetAttribute("Username", StringValue("user" + std::to_string(i)));
        const bool bad = wrong >= 0 && static_cast<uint32_t>(wrong) == i;
        dial->SetAttribute("Password", StringValue(bad ? "wrong" : "pw" + std::to_string(i)));
        dial->AssignStreams(100 + 10 * i);
        userNodes.Get(i)->AddApplication(dial);
        dial->SetStartTime(Seconds(1 + 0.1 * i));
        dial->TraceConnectWithoutContext("LinkUp", MakeBoundCallback(&UserUp, i));

        UdpEchoClientHelper echo(ic.GetAddress(1), 9);
        echo.SetAttribute("MaxPackets", UintegerValue(3));
        echo.SetAttribute("Interval", TimeValue(Seconds(1)));
        echo.SetAttribute("PacketSize", UintegerValue(64));
        ApplicationContainer ping = echo.Install(userNodes.Get(i));
        ping.Start(Seconds(5 + 0.1 * i));
        pingers[i].user = i;
        ping.Get(0)->TraceConnectWithoutContext("Tx", MakeBoundCallback(&EchoSent, &pingers[i]));
        ping.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&EchoReply, &pingers[i]));

        // ICMP ping between the UDP echoes (5.5, 6.5, 7.5 s + 0.1 s per user).
        IcmpEchoProbeHelper icmp(ic.GetAddress(1));
        icmp.SetAttribute("Count", UintegerValue(3));
        ApplicationContainer icmpApp = icmp.Install(userNodes.Get(i));
        icmpApp.Start(Seconds(5.5 + 0.1 * i));
        icmpApp.Get(0)->TraceConnectWithoutContext("Rtt", MakeBoundCallback(&PingReply, i));
        probes.Add(icmpApp);
    }

    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 5001));
    ApplicationContainer sink = sinkHelper.Install(server);
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ic.GetAddress(1), 5001));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    bulk.Install(userNodes.Get(0)).Start(Seconds(9));

    if (!outputDir.empty() && outputDir != "none")
    {
        SystemPath::MakeDirectories(outputDir);
        for (const auto& l : lines)
        {
            serial.EnablePcap(outputDir + "/dialin", l.Get(1));
        }
        backbone.EnablePcap(outputDir + "/backbone", bb.Get(1), true);
        lan.EnablePcap(outputDir + "/corporate", c.Get(0), true);
    }
    Simulator::Stop(Seconds(stop));
    Simulator::Run();
    Ptr<PacketSink> s = DynamicCast<PacketSink>(sink.Get(0));
    std::cout << "TCP bytes received by the server: " << s->GetTotalRx() << " of " << bytes
              << std::endl;
    std::cout << "LNS PPP sessions at the end: " << lns->GetPppSessionCount() << std::endl;
    const auto& k = lac->GetCounters();
    std::cout << "LAC: " << k.callsPlaced << " calls, " << k.framesToLns << " frames to the LNS, "
              << k.framesToUser << " to users, " << k.drops << " dropped" << std::endl;
    for (uint32_t i = 0; i < users; ++i)
    {
        Ptr<IcmpEchoProbe> probe = DynamicCast<IcmpEchoProbe>(probes.Get(i));
        std::cout << "user" << i << " ICMP ping: " << probe->GetSent() << " sent, "
                  << probe->GetReceived() << " replies" << std::endl;
    }
    Simulator::Destroy();
    return 0;
}
