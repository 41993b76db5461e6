/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-firewall-topology.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/csma-helper.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-transport-fields.h"
#include "ns3/log.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include "firewall-helper.h"
#include "nat-helper.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatFirewallTopology");

namespace
{

const uint16_t PING_ID = 0x4242; //!< hostA's ICMP echo identifier

void
CountPacket(uint32_t* counter, Ptr<const Packet> p)
{
    (*counter)++;
}

/// Add an interface with one /24 address and bring it up; return its index.
uint32_t
AddInterface(Ptr<NetDevice> dev, const char* address)
{
    Ptr<Ipv4> ip = dev->GetNode()->GetObject<Ipv4>();
    uint32_t i = ip->AddInterface(dev);
    ip->AddAddress(i, Ipv4InterfaceAddress(Ipv4Address(address), Ipv4Mask("255.255.255.0")));
    ip->SetUp(i);
    return i;
}

/// Install a UDP echo client.
ApplicationContainer
EchoClient(Ptr<Node> node, Ipv4Address to, uint16_t port, uint32_t packets, double start,
           uint32_t* replies)
{
    UdpEchoClientHelper echo(to, port);
    echo.SetAttribute("MaxPackets", UintegerValue(packets));
    echo.SetAttribute("Interval", TimeValue(Seconds(1)));
    echo.SetAttribute("PacketSize", UintegerValue(200));
    ApplicationContainer app = echo.Install(node);
    app.Start(Seconds(start));
    app.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CountPacket, replies));
    return app;
}

} // namespace

NatFirewallTopology::NatFirewallTopology(const Config& config)
    : m_config(config)
{
}

void
NatFirewallTopology::Build()
{
    if (m_config.checksums)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }
    m_nodes.Create(6);
    Ptr<Node> hostA = m_nodes.Get(0);
    Ptr<Node> hostB = m_nodes.Get(1);
    Ptr<Node> home = m_nodes.Get(2);
    Ptr<Node> cgn = m_nodes.Get(3);
    Ptr<Node> edge = m_nodes.Get(4);
    Ptr<Node> server = m_nodes.Get(5);

    InternetStackHelper stack; // list routing: static + global (the NATs wrap the list)
    stack.SetIpv6StackInstall(false);
    stack.Install(m_nodes);

    CsmaHelper lan;
    lan.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    lan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
    NetDeviceContainer dLan = lan.Install(NodeContainer(home, hostA, hostB));
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue("20Mbps"));
    access.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer dAccess = access.Install(home, cgn);
    PointToPointHelper transit;
    transit.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    transit.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer dTransit = transit.Install(cgn, edge);
    NetDeviceContainer dServer = transit.Install(edge, server);

    AddInterface(dLan.Get(0), "192.168.1.1");
    uint32_t aIf = AddInterface(dLan.Get(1), "192.168.1.10");
    uint32_t bIf = AddInterface(dLan.Get(2), "192.168.1.11");
    uint32_t homeWan = AddInterface(dAccess.Get(0), "100.64.0.2");
    AddInterface(dAccess.Get(1), "100.64.0.1");
    uint32_t cgnOut = AddInterface(dTransit.Get(0), "203.0.113.1");
    AddInterface(dTransit.Get(1), "203.0.113.2");
    uint32_t edgeIn = AddInterface(dServer.Get(0), "198.51.100.1");
    uint32_t serverIf = AddInterface(dServer.Get(1), "198.51.100.10");

    Ipv4StaticRoutingHelper routing;
    auto rt = [&routing](Ptr<Node> n)
    {
        return routing.GetStaticRouting(n->GetObject<Ipv4>());
    };
    rt(hostA)->SetDefaultRoute("192.168.1.1", aIf);
    rt(hostB)->SetDefaultRoute("192.168.1.1", bIf);
    rt(home)->SetDefaultRoute("100.64.0.1", homeWan);
    rt(cgn)->SetDefaultRoute("203.0.113.2", cgnOut);
    rt(server)->SetDefaultRoute("198.51.100.1", serverIf);

    NatHelper homeNat;
    homeNat.SetAttribute("Mapping", StringValue(m_config.homeMapping));
    homeNat.SetAttribute("Filtering", StringValue(m_config.homeFiltering));
    m_homeNat = homeNat.Install(home, dAccess.Get(0));
    NatHelper carrierNat;
    carrierNat.SetAttribute("Mapping", StringValue(m_config.carrierMapping));
    carrierNat.SetAttribute("Filtering", StringValue(m_config.carrierFiltering));
    m_carrierNat = carrierNat.Install(cgn, dTransit.Get(0));

    FirewallHelper fw;
    fw.SetAttribute("Stateful", BooleanValue(true));
    fw.AddRule("allow in " + std::to_string(edgeIn) + " name from-servers");
    fw.AddRule("allow proto udp to 198.51.100.10/32 dport 9 name echo");
    fw.AddRule("allow proto tcp to 198.51.100.10/32 dport 80 name web");
    fw.AddRule("allow proto icmp to 198.51.100.10/32 name ping");
    fw.AddRule("deny proto udp to 198.51.100.0/24 dport 5000-5999 name blocked-udp");
    m_firewall = fw.Install(edge);

    int64_t stream = m_config.stream;
    stream += stack.AssignStreams(m_nodes, stream);
    stream += lan.AssignStreams(dLan, stream);
    homeNat.AssignStreams(NodeContainer(home), stream);
    carrierNat.AssignStreams(NodeContainer(cgn), stream + 1);

    Ipv4Address serverAddr("198.51.100.10");
    UdpEchoServerHelper echoServer(9);
    ApplicationContainer srv = echoServer.Install(server);
    srv.Start(Seconds(0.5));
    srv.Get(0)->TraceConnectWithoutContext(
        "Rx", MakeBoundCallback(&CountPacket, &m_results.serverEchoes));
    EchoClient(hostA, serverAddr, 9, m_config.echoPackets, 1.0, &m_results.echoReplies);
    EchoClient(hostB, serverAddr, 5000, m_config.blockedPackets, 2.0, &m_results.blockedReplies);
    EchoClient(hostA, serverAddr, 7, m_config.deniedPackets, 3.0, &m_results.deniedReplies);
    if (m_config.unsolicitedPackets > 0)
    {
        static uint32_t ignored;
        EchoClient(server, Ipv4Address("203.0.113.1"), 40000, m_config.unsolicitedPackets, 7.0,
                   &ignored);
    }
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 80));
    sink.Install(server).Start(Seconds(0.5));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(serverAddr, 80));
    bulk.SetAttribute("MaxBytes", UintegerValue(m_config.tcpBytes));
    bulk.Install(hostB).Start(Seconds(1.5));

    m_pinger = Socket::CreateSocket(hostA, Ipv4RawSocketFactory::GetTypeId());
    m_pinger->SetAttribute("Protocol", UintegerValue(1));
    m_pinger->SetRecvCallback(MakeCallback(&NatFirewallTopology::PingReceived, this));
    for (uint32_t i = 0; i < m_config.pings; ++i)
    {
        Simulator::Schedule(Seconds(4 + i), &NatFirewallTopology::SendPing, this, uint16_t(i + 1));
    }

    if (!m_config.outputDir.empty())
    {
        auto file = [this](const std::string& name)
        {
            m_pcaps.push_back(m_config.outputDir + "/" + name + ".pcap");
            return m_pcaps.back();
        };
        lan.EnablePcap(file("home-lan"), dLan.Get(0), false, true);
        access.EnablePcap(file("home-wan"), dAccess.Get(0), false, true);
        access.EnablePcap(file("cgn-inside"), dAccess.Get(1), false, true);
        transit.EnablePcap(file("cgn-outside"), dTransit.Get(0), false, true);
        transit.EnablePcap(file("edge-outside"), dTransit.Get(1), false, true);
        transit.EnablePcap(file("edge-inside"), dServer.Get(0), false, true);
    }
}

void
NatFirewallTopology::SendPing(uint16_t seq)
{
    std::vector<uint8_t> b = {8,
                              0,
                              0,
                              0,
                              uint8_t(PING_ID >> 8),
                              uint8_t(PING_ID & 0xff),
                              uint8_t(seq >> 8),
                              uint8_t(seq & 0xff)};
    for (uint8_t i = 0; i < 56; ++i)
    {
        b.push_back(i);
    }
    uint16_t cs = Ipv4TransportFields::InternetChecksum(b.data(), b.size());
    b[2] = uint8_t(cs >> 8);
    b[3] = uint8_t(cs & 0xff);
    m_pinger->SendTo(Create<Packet>(b.data(), b.size()), 0,
                     InetSocketAddress(Ipv4Address("198.51.100.10"), 0));
}

void
NatFirewallTopology::PingReceived(Ptr<Socket> s)
{
    Ptr<Packet> p;
    while ((p = s->Recv()))
    {
        Ipv4Header ip;
        p->RemoveHeader(ip);
        uint8_t b[8];
        if (p->CopyData(b, 8) == 8 && b[0] == 0 && uint16_t(b[4] << 8 | b[5]) == PING_ID)
        {
            m_results.pingReplies++;
        }
    }
}

void
NatFirewallTopology::Run()
{
    Simulator::Stop(m_config.stopTime);
    Simulator::Run();
    Ptr<PacketSink> sink;
    Ptr<Node> server = m_nodes.Get(5);
    for (uint32_t i = 0; i < server->GetNApplications(); ++i)
    {
        sink = sink ? sink : DynamicCast<PacketSink>(server->GetApplication(i));
    }
    m_results.tcpBytes = sink ? sink->GetTotalRx() : 0;
}

NatFirewallTopology::Results
NatFirewallTopology::GetResults() const
{
    return m_results;
}

Ptr<Ipv4Nat>
NatFirewallTopology::GetHomeNat() const
{
    return m_homeNat;
}

Ptr<Ipv4Nat>
NatFirewallTopology::GetCarrierNat() const
{
    return m_carrierNat;
}

Ptr<Ipv4Firewall>
NatFirewallTopology::GetFirewall() const
{
    return m_firewall;
}

std::vector<std::string>
NatFirewallTopology::GetPcapFiles() const
{
    return m_pcaps;
}

void
NatFirewallTopology::Print(std::ostream& os) const
{
    os << "results: echo-replies=" << m_results.echoReplies
       << " blocked-replies=" << m_results.blockedReplies
       << " denied-replies=" << m_results.deniedReplies << " ping-replies=" << m_results.pingReplies
       << " tcp-bytes=" << m_results.tcpBytes << " server-echoes=" << m_results.serverEchoes
       << std::endl;
    for (auto nat : {m_homeNat, m_carrierNat})
    {
        const Ipv4Nat::Counters& c = nat->GetCounters();
        os << (nat == m_homeNat ? "home-nat" : "carrier-nat")
           << ": mappings-created=" << c.mappingsCreated << " live=" << nat->GetNMappings()
           << " out=" << c.outboundTranslated << " in=" << c.inboundTranslated
           << " local=" << c.deliveredLocally;
        for (uint32_t r = 0; r < Ipv4Nat::DROP_REASON_COUNT; ++r)
        {
            if (c.dropped[r] != 0)
            {
                os << " drop-" << Ipv4Nat::DropReasonName(Ipv4Nat::DropReason(r)) << "="
                   << c.dropped[r];
            }
        }
        os << std::endl;
        for (const auto& m : nat->GetMappings())
        {
            os << "  " << m.ToString() << std::endl;
        }
    }
    const Ipv4Firewall::Counters& f = m_firewall->GetCounters();
    os << "firewall: allowed-by-rule=" << f.allowedByRule
       << " allowed-by-state=" << f.allowedByState << " denied-by-rule=" << f.deniedByRule
       << " denied-by-default=" << f.deniedByDefault << " flows=" << m_firewall->GetNFlows()
       << std::endl;
    for (uint32_t i = 0; i < m_firewall->GetNRules(); ++i)
    {
        os << "  rule " << i << ": " << m_firewall->GetRule(i).ToString()
           << " hits=" << m_firewall->GetRuleHits(i) << std::endl;
    }
}

} // namespace ns3
