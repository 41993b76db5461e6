/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-middlebox-test-net.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-transport-fields.h"
#include "ns3/ipv4.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace l2tptest
{

namespace
{

void
OnUdp(std::vector<ProbeRx>* log, Ptr<Socket> s)
{
    Address from;
    Ptr<Packet> p;
    while ((p = s->RecvFrom(from)))
    {
        InetSocketAddress a = InetSocketAddress::ConvertFrom(from);
        ProbeRx rx;
        rx.time = Simulator::Now();
        rx.from = a.GetIpv4();
        rx.port = a.GetPort();
        rx.size = p->GetSize();
        log->push_back(rx);
    }
}

void
OnUdpEcho(std::vector<ProbeRx>* log, Ptr<Socket> s)
{
    Address from;
    Ptr<Packet> p;
    while ((p = s->RecvFrom(from)))
    {
        InetSocketAddress a = InetSocketAddress::ConvertFrom(from);
        ProbeRx rx;
        rx.time = Simulator::Now();
        rx.from = a.GetIpv4();
        rx.port = a.GetPort();
        rx.size = p->GetSize();
        log->push_back(rx);
        s->SendTo(Create<Packet>(p->GetSize()), 0, from);
    }
}

void
OnRaw(std::vector<ProbeRx>* log, Ptr<Socket> s)
{
    Address from;
    Ptr<Packet> p;
    while ((p = s->RecvFrom(from)))
    {
        ProbeRx rx;
        rx.time = Simulator::Now();
        p->RemoveHeader(rx.ip);
        rx.from = rx.ip.GetSource();
        rx.size = p->GetSize();
        rx.data.resize(p->GetSize());
        p->CopyData(rx.data.data(), rx.data.size());
        log->push_back(rx);
    }
}

void
DoSendUdp(Ptr<Socket> s, Ipv4Address to, uint16_t port, uint32_t size)
{
    s->SendTo(Create<Packet>(size), 0, InetSocketAddress(to, port));
}

void
DoSendRaw(Ptr<Socket> s, Ipv4Address to, std::vector<uint8_t> bytes)
{
    s->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, InetSocketAddress(to, 0));
}

} // namespace

MiddleboxTestNet::MiddleboxTestNet()
    : x1Addr("192.168.1.2")
    , x2Addr("192.168.2.2")
    , boxPublic("203.0.113.1")
    , y1Addr("198.51.100.1")
    , y2Addr("192.0.2.1")
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    NodeContainer all;
    all.Create(6);
    x1 = all.Get(0);
    x2 = all.Get(1);
    box = all.Get(2);
    r = all.Get(3);
    y1 = all.Get(4);
    y2 = all.Get(5);

    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    Ipv4StaticRoutingHelper staticRouting;
    stack.SetRoutingHelper(staticRouting);
    stack.Install(all);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer dX1 = p2p.Install(x1, box);
    NetDeviceContainer dX2 = p2p.Install(x2, box);
    NetDeviceContainer dOut = p2p.Install(box, r);
    NetDeviceContainer dY1 = p2p.Install(r, y1);
    NetDeviceContainer dY2 = p2p.Install(r, y2);
    boxOutside = dOut.Get(0);

    // Addresses by hand (Ipv4AddressHelper's global collision check spans test cases).
    auto assign = [](Ptr<NetDevice> dev, const char* address)
    {
        Ptr<Ipv4> ip = dev->GetNode()->GetObject<Ipv4>();
        uint32_t i = ip->AddInterface(dev);
        ip->AddAddress(i, Ipv4InterfaceAddress(Ipv4Address(address), Ipv4Mask("255.255.255.0")));
        ip->SetUp(i);
    };
    assign(dX1.Get(0), "192.168.1.2");
    assign(dX1.Get(1), "192.168.1.1");
    assign(dX2.Get(0), "192.168.2.2");
    assign(dX2.Get(1), "192.168.2.1");
    assign(dOut.Get(0), "203.0.113.1");
    assign(dOut.Get(1), "203.0.113.2");
    assign(dY1.Get(0), "198.51.100.254");
    assign(dY1.Get(1), "198.51.100.1");
    assign(dY2.Get(0), "192.0.2.254");
    assign(dY2.Get(1), "192.0.2.1");

    auto ipv4 = [](Ptr<Node> n)
    {
        return n->GetObject<Ipv4>();
    };
    boxX1If = ipv4(box)->GetInterfaceForDevice(dX1.Get(1));
    boxOutsideIf = ipv4(box)->GetInterfaceForDevice(boxOutside);
    staticRouting.GetStaticRouting(ipv4(x1))->SetDefaultRoute("192.168.1.1", 1);
    staticRouting.GetStaticRouting(ipv4(x2))->SetDefaultRoute("192.168.2.1", 1);
    staticRouting.GetStaticRouting(ipv4(box))->SetDefaultRoute("203.0.113.2", boxOutsideIf);
    staticRouting.GetStaticRouting(ipv4(y1))->SetDefaultRoute("198.51.100.254", 1);
    staticRouting.GetStaticRouting(ipv4(y2))->SetDefaultRoute("192.0.2.254", 1);
}

void
MiddleboxTestNet::RouteInsideFromOutside()
{
    Ipv4StaticRoutingHelper staticRouting;
    Ptr<Ipv4StaticRouting> rr = staticRouting.GetStaticRouting(r->GetObject<Ipv4>());
    rr->AddNetworkRouteTo("192.168.1.0", "255.255.255.0", "203.0.113.1", 1);
    rr->AddNetworkRouteTo("192.168.2.0", "255.255.255.0", "203.0.113.1", 1);
}

uint32_t
MiddleboxTestNet::BoxX2If() const
{
    return boxX1If + 1;
}

MiddleboxTestNet::~MiddleboxTestNet()
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
}

Ptr<Socket>
MiddleboxTestNet::Udp(Ptr<Node> node, uint16_t port, std::vector<ProbeRx>* log)
{
    Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    s->SetRecvCallback(MakeBoundCallback(&OnUdp, log));
    return s;
}

Ptr<Socket>
MiddleboxTestNet::UdpEcho(Ptr<Node> node, uint16_t port, std::vector<ProbeRx>* log)
{
    Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    s->SetRecvCallback(MakeBoundCallback(&OnUdpEcho, log));
    return s;
}

void
MiddleboxTestNet::SendUdp(Time at, Ptr<Socket> s, Ipv4Address to, uint16_t port, uint32_t size)
{
    Simulator::Schedule(at - Simulator::Now(), &DoSendUdp, s, to, port, size);
}

Ptr<Socket>
MiddleboxTestNet::Raw(Ptr<Node> node, uint8_t protocol, std::vector<ProbeRx>* log)
{
    Ptr<Socket> s = Socket::CreateSocket(node, Ipv4RawSocketFactory::GetTypeId());
    s->SetAttribute("Protocol", UintegerValue(protocol));
    s->SetRecvCallback(MakeBoundCallback(&OnRaw, log));
    return s;
}

void
MiddleboxTestNet::SendRaw(Time at, Ptr<Socket> s, Ipv4Address to, const std::vector<uint8_t>& bytes)
{
    Simulator::Schedule(at - Simulator::Now(), &DoSendRaw, s, to, bytes);
}

std::vector<uint8_t>
MiddleboxTestNet::Esp(uint32_t spi, uint32_t seq)
{
    std::vector<uint8_t> b;
    for (int i = 3; i >= 0; --i)
    {
        b.push_back(uint8_t(spi >> (8 * i)));
    }
    for (int i = 3; i >= 0; --i)
    {
        b.push_back(uint8_t(seq >> (8 * i)));
    }
    for (uint8_t i = 0; i < 16; ++i)
    {
        b.push_back(uint8_t(0xa0 + i));
    }
    return b;
}

std::vector<uint8_t>
MiddleboxTestNet::IcmpEcho(uint16_t id, uint16_t seq)
{
    std::vector<uint8_t> b
        = {8, 0, 0, 0, uint8_t(id >> 8), uint8_t(id), uint8_t(seq >> 8), uint8_t(seq)};
    for (uint8_t i = 0; i < 8; ++i)
    {
        b.push_back(uint8_t('a' + i));
    }
    uint16_t cs = Ipv4TransportFields::InternetChecksum(b.data(), b.size());
    b[2] = uint8_t(cs >> 8);
    b[3] = uint8_t(cs);
    return b;
}

} // namespace l2tptest
} // namespace ns3
