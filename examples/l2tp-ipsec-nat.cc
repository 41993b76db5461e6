/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * L2TP/IPsec (RFC 3193) remote access from behind a home NAT.
 *
 *   client 192.168.1.2 --(home LAN)-- home router + NAT 198.51.100.1 --(Internet)--
 *     LNS 198.51.100.2 --(corporate LAN, CSMA)-- server 10.1.0.2
 *
 * The client is its own LAC. Its first L2TP packet to the LNS matches an IKE-managed
 * PROTECT policy (UDP 1701), so IKEv1 (IkeDaemon) runs Main Mode + Quick Mode with a
 * pre-shared key; NAT-D finds the NAT, IKE floats to UDP 4500 and ESP is UDP-encapsulated
 * (RFC 3948). Then L2TP, PPP (LCP, CHAP-MD5, IPCP), three UDP echoes, three ICMP pings
 * (IcmpEchoProbe) and a TCP bulk transfer run through ESP. The client sends NAT-keepalives every 20
 * s.
 *
 *   ./l2tp run l2tp-ipsec-nat --outputDir=/tmp/l2tp-ipsec --bytes=2000000
 *
 * Outputs in <outputDir>:
 *   home-<node>-<dev>.pcap      the home LAN, inside the NAT (ESP in UDP 4500 from 192.168.1.2)
 *   internet-<node>-<dev>.pcap  the Internet link at the LNS, outside the NAT
 *   corporate-<node>-<dev>.pcap the corporate LAN (plain IP)
 *   esp_sa                      Wireshark's ESP SA table (wildcard addresses: decrypts both
 *                               captures), for Preferences > Protocols > ESP
 *   ikev1_decryption_table      Wireshark's IKEv1 decryption table (cookie, key)
 * e.g. tshark -r internet-2-1.pcap -o esp.enable_encryption_decode:TRUE \
 *        -o "uat:esp_sa:$(sed -n 2p esp_sa)" -o "uat:esp_sa:$(sed -n 3p esp_sa)"
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
#include "ns3/ike-daemon.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/nat-helper.h"
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

uint32_t g_echoReplies = 0;

void
EchoRtt(Time* sent, Ptr<const Packet>)
{
    ++g_echoReplies;
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
SaInstalled(Ipv4Address peer, uint32_t spiIn, uint32_t spiOut, bool udp)
{
    std::cout << Simulator::Now().As(Time::S) << " client: ESP SAs with " << peer << " in 0x"
              << std::hex << spiIn << " out 0x" << spiOut << std::dec
              << (udp ? " (UDP-encapsulated, NAT-T)" : "") << std::endl;
}

void
NatDetected(Ipv4Address, bool local, bool remote)
{
    std::cout << Simulator::Now().As(Time::S) << " client: NAT-D: "
              << (local ? "this host is behind a NAT" : "no NAT in front of this host")
              << (remote ? ", peer behind a NAT" : "") << std::endl;
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
    std::string outputDir = "results/l2tp-ipsec-nat";
    std::string psk = "l2tp-ipsec-secret";
    std::string lnsPsk = "l2tp-ipsec-secret";
    double stopTime = 30;
    std::string accessRate = "20Mbps";
    std::string accessDelay = "5ms";
    std::string coreRate = "100Mbps";
    std::string coreDelay = "20ms";
    std::string password = "wonderland";
    uint32_t bytes = 2000000;
    CommandLine cmd(__FILE__);
    cmd.AddValue("outputDir", "folder for the pcaps (none: no pcaps)", outputDir);
    cmd.AddValue("accessRate", "client access link rate", accessRate);
    cmd.AddValue("accessDelay", "client access link delay", accessDelay);
    cmd.AddValue("coreRate", "router - LNS link rate", coreRate);
    cmd.AddValue("coreDelay", "router - LNS link delay", coreDelay);
    cmd.AddValue("password", "the client's password (the LNS knows alice=wonderland)", password);
    cmd.AddValue("bytes", "TCP bulk transfer size", bytes);
    cmd.AddValue("psk", "the client's IKE pre-shared key", psk);
    cmd.AddValue("lnsPsk", "the LNS's IKE pre-shared key", lnsPsk);
    cmd.AddValue("stopTime", "simulation end (s)", stopTime);
    cmd.Parse(argc, argv);
    // Real IPv4, UDP, TCP and ICMP checksums, so that Wireshark shows them good in the pcaps
    // (ns-3 leaves them 0 by default; an ICMP checksum of 0 is "bad").
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    if (outputDir == "none") // ns-3's CommandLine rejects an empty value
    {
        outputDir.clear();
    }

    // Segments that fit the PPP interface's 1400-byte MTU: 1400 - IPv4 20 - TCP 20 - timestamps 12.
    // Outside that is 1400 + PPP 4 + L2TP 8 + UDP 8 = 1420 bytes in ESP: 8 (SPI, sequence)
    // + 16 (IV) + 1420 + 2 (padding) + 2 (trailer) + 12 (ICV) = 1460, in UDP 4500 and IPv4:
    // 1488 bytes, below the 1500-byte MTU of the links.
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
    addr.SetBase("192.168.1.0", "255.255.255.0", "0.0.0.2");
    addr.Assign(NetDeviceContainer(a.Get(0)));
    addr.SetBase("192.168.1.0", "255.255.255.0", "0.0.0.1");
    addr.Assign(NetDeviceContainer(a.Get(1)));
    addr.SetBase("198.51.100.0", "255.255.255.0");
    Ipv4InterfaceContainer ib = addr.Assign(b);
    addr.SetBase("10.1.0.0", "255.255.255.0");
    Ipv4InterfaceContainer ic = addr.Assign(c);
    Ipv4StaticRoutingHelper srh;
    srh.GetStaticRouting(nodes.Get(0)->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("192.168.1.1"), 1);
    srh.GetStaticRouting(nodes.Get(2)->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("198.51.100.1"), 1);
    srh.GetStaticRouting(nodes.Get(3)->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("10.1.0.1"), 1);

    // The home router translates the client (port numbers not preserved, 30 s UDP mappings:
    // the NAT-keepalives matter).
    NatHelper nat;
    nat.SetAttribute("PortPreservation", BooleanValue(false));
    nat.SetAttribute("UdpLifetime", TimeValue(Seconds(30)));
    nat.Install(nodes.Get(1), b.Get(0));

    // IKE daemons on client and LNS; UDP 1701 to / from the LNS (client) and to / from
    // anyone (LNS) is IKE-managed.
    IpsecHelper ipsec;
    ipsec.AssignStreams(1000);
    ipsec.SetPreSharedKey(psk);
    ipsec.InstallIke(NodeContainer(nodes.Get(0)));
    ipsec.SetPreSharedKey(lnsPsk);
    ipsec.InstallIke(NodeContainer(nodes.Get(2)));
    ipsec.ProtectWithIke(nodes.Get(0), ib.GetAddress(1), Ipv4Mask::GetOnes(), 1701);
    ipsec.ProtectWithIke(nodes.Get(2), Ipv4Address::GetAny(), Ipv4Mask::GetZero(), 1701);
    Ptr<IkeDaemon> ike = nodes.Get(0)->GetObject<IkeDaemon>();
    ike->TraceConnectWithoutContext("SaInstalled", MakeCallback(&SaInstalled));
    ike->TraceConnectWithoutContext("NatDetected", MakeCallback(&NatDetected));

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
    nodes.Get(0)->AddApplication(client);
    client->TraceConnectWithoutContext("LinkUp", MakeCallback(&Routed));
    client->SetStartTime(Seconds(0.1));
    client->SetStopTime(Seconds(stopTime - 1));
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
        access.EnablePcap(outputDir + "/home", a.Get(1), true);
        core.EnablePcap(outputDir + "/internet", b.Get(1), true);
        lan.EnablePcap(outputDir + "/corporate", c.Get(0), true);
    }
    Simulator::Stop(Seconds(stopTime));
    Simulator::Run();
    if (!outputDir.empty())
    {
        NodeContainer ends(nodes.Get(0), nodes.Get(2));
        IpsecHelper::WriteIkeEspSaFile(ends, outputDir + "/esp_sa");
        IpsecHelper::WriteIkeDecryptionFile(ends, outputDir + "/ikev1_decryption_table");
    }
    Ptr<PacketSink> s = DynamicCast<PacketSink>(sink.Get(0));
    std::cout << "TCP bytes received by the server: " << s->GetTotalRx() << " of " << bytes
              << std::endl;
    std::cout << "LNS PPP sessions at the end: " << lns->GetPppSessionCount() << std::endl;
    Ptr<EspL4Protocol> espClient = nodes.Get(0)->GetObject<EspL4Protocol>();
    Ptr<EspL4Protocol> espLns = nodes.Get(2)->GetObject<EspL4Protocol>();
    Ptr<IkeSession> session = ike->GetSessions().at(0);
    std::cout << "results: echo-replies=" << g_echoReplies << " tcp-bytes=" << s->GetTotalRx()
              << " ike=" << IkeSession::StateName(session->GetState())
              << " nat-t=" << (session->IsLocalBehindNat() ? 1 : 0)
              << " client-esp-out=" << espClient->GetProtectedCount()
              << " client-esp-in=" << espClient->GetUnprotectedCount()
              << " lns-esp-in=" << espLns->GetUnprotectedCount()
              << " lns-esp-out=" << espLns->GetProtectedCount()
              << " lns-keepalives=" << espLns->GetKeepalivesReceived()
              << " ping-replies=" << DynamicCast<IcmpEchoProbe>(icmpApps.Get(0))->GetReceived()
              << std::endl;
    Simulator::Destroy();
    return 0;
}
