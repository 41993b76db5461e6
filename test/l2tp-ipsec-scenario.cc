/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-ipsec-scenario.h"

#include "l2tp-test-util.h"
#include "ns3/l2tp-ppp-client.h"
#include "ns3/l2tp-ppp-lns.h"
#include "ns3/l2tp-protocol.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/esp-l4-protocol.h"
#include "ns3/ike-daemon.h"
#include "ns3/ike-header.h"
#include "ns3/ike-payload.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-nat.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/nat-helper.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace ns3
{
namespace l2tptest
{

namespace
{

void
LnsRx(IpsecLnsCounts* c, Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t interface)
{
    if (interface != 1)
    {
        return; // only what comes from the router (not the LAN or the PPP interface)
    }
    Ptr<Packet> p = packet->Copy();
    Ipv4Header ip;
    p->RemoveHeader(ip);
    if (ip.GetProtocol() == 50)
    {
        c->espSizes.push_back(packet->GetSize());
        c->esp50++;
        c->espAt.push_back(Simulator::Now());
        return;
    }
    if (ip.GetProtocol() != 17)
    {
        c->other++;
        return;
    }
    UdpHeader udp;
    p->RemoveHeader(udp);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    if (udp.GetDestinationPort() == 500)
    {
        c->ike500++;
        c->ikeAt.push_back(Simulator::Now());
    }
    else if (udp.GetDestinationPort() == 4500)
    {
        if (b.size() == 1 && b[0] == 0xff)
        {
            c->keepalive++;
        }
        else if (b.size() >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0)
        {
            c->ike4500++;
            c->ikeAt.push_back(Simulator::Now());
        }
        else
        {
            c->esp4500++;
            c->espSizes.push_back(packet->GetSize());
            c->espAt.push_back(Simulator::Now());
            c->espPorts.insert(udp.GetSourcePort());
        }
    }
    else if (udp.GetDestinationPort() == 1701)
    {
        c->l2tpClear++;
    }
    else
    {
        c->other++;
    }
}

void
Sent(std::vector<IkeEvent>* log, Ipv4Address, const std::string& name, uint32_t)
{
    log->push_back({Simulator::Now(), name});
}

void
State(std::vector<IkeEvent>* log, Ipv4Address, uint32_t, uint32_t n)
{
    log->push_back({Simulator::Now(), IkeSession::StateName(static_cast<IkeSession::State>(n))});
}

void
IsakmpRekeyed(std::vector<IkeEvent>* log, Ipv4Address, uint64_t, uint64_t)
{
    log->push_back({Simulator::Now(), "rekeyed"});
}

void
PortChanged(std::vector<IkeEvent>* log, Ipv4Address, uint16_t oldPort, uint16_t newPort)
{
    log->push_back({Simulator::Now(), std::to_string(oldPort) + "->" + std::to_string(newPort)});
}

void
IsakmpExpired(std::vector<IkeEvent>* log, Ipv4Address, uint64_t)
{
    log->push_back({Simulator::Now(), "expired"});
}

void
Nat(std::vector<std::string>* log, Ipv4Address, bool local, bool remote)
{
    log->push_back(std::string(local ? "local" : "-") + "/" + (remote ? "remote" : "-"));
}

// The bound argument is taken by value: ns-3's bound callbacks store it by its own type,
// and a reference parameter would make the callback's internal downcast invalid (UBSan).
void
SaEvent(std::vector<IkeEvent>* log, std::string kind, Ipv4Address, uint32_t spiIn, uint32_t spiOut,
        bool udp)
{
    log->push_back({Simulator::Now(), kind + (udp ? " udp" : " esp")});
    (void) spiIn;
    (void) spiOut;
}

void
SaGone(std::vector<IkeEvent>* log, std::string kind, uint32_t, const std::string& why)
{
    log->push_back({Simulator::Now(), kind + " " + why});
}

void
NatExpired(uint32_t* n, const Ipv4NatMapping&)
{
    ++*n;
}

void
CountTx(uint32_t* n, Ptr<const Packet>, Ipv4Address)
{
    ++*n;
}

void
LogTime(std::vector<Time>* v, Ptr<const Packet>, Ipv4Address)
{
    v->push_back(Simulator::Now());
}

void
EchoRx(uint32_t* n, Ptr<const Packet>)
{
    ++*n;
}

void
EchoReplyAt(std::vector<Time>* v, Ptr<const Packet>)
{
    v->push_back(Simulator::Now());
}

void
DropReason(std::vector<std::string>* log, Ipv4Address, const std::string& reason)
{
    log->push_back(reason);
}

/// An ISAKMP header: \p rCookie as the responder cookie, \p next first payload.
std::vector<uint8_t>
Header(uint8_t rCookie, uint8_t next, uint8_t version = IkeHeader::VERSION_1_0)
{
    IkeHeader h;
    h.initiatorCookie.fill(0x11);
    h.responderCookie.fill(rCookie);
    h.nextPayload = next;
    h.version = version;
    std::vector<uint8_t> b;
    h.Write(b);
    return b;
}

void
SendJunk(Ptr<Socket> s, Ipv4Address to)
{
    std::vector<std::pair<uint16_t, std::vector<uint8_t>>> junk{
        {500, {0x61, 0x62, 0x63}},                           // 3 bytes
        {500, Header(0, IkePayload::SA, 0x20)},              // IKEv2 version
        {500, Header(0x22, IkePayload::SA)},                 // unknown ISAKMP SA
        {500, Header(0, IkePayload::KE)},                    // zero CKY-R but not SA first
        {4500, IkeHeader::AddNonEspMarker(Header(0x22, 0))}, // unknown SA on 4500
        {4500, IkeHeader::AddNonEspMarker(std::vector<uint8_t>(10, 0x33))}, // short
    };
    for (const auto& j : junk)
    {
        s->SendTo(Create<Packet>(j.second.data(), j.second.size()), 0,
                  InetSocketAddress(to, j.first));
    }
}

void
CountSessions(Ptr<IkeDaemon> d, uint32_t* n)
{
    *n = d->GetSessions().size();
}

} // namespace

/// \return the names in \p log, comma-separated
std::string
Names(const std::vector<IkeEvent>& log)
{
    std::string s;
    for (const auto& e : log)
    {
        s += (s.empty() ? "" : ",") + e.what;
    }
    return s;
}

/// \return the time of the first event named \p what (or -1 s)
Time
FirstTick(Time start, Time after)
{
    Time t = start;
    while (t < after)
    {
        t += Seconds(1);
    }
    return t;
}

Time
When(const std::vector<IkeEvent>& log, const std::string& what, std::size_t nth)
{
    for (const auto& e : log)
    {
        if (e.what == what && nth-- == 0)
        {
            return e.at;
        }
    }
    return Seconds(-1);
}

void
IpsecScenario::Run()
{
    NodeContainer n; // client, router, lns, server [, client 2]
    n.Create(twoClients ? 5 : 4);
    InternetStackHelper stack;
    stack.Install(n);
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    access.SetChannelAttribute("Delay", StringValue("5ms"));
    PointToPointHelper core;
    core.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    core.SetChannelAttribute("Delay", StringValue("10ms"));
    PointToPointHelper lan;
    lan.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    lan.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer a = access.Install(n.Get(0), n.Get(1));
    NetDeviceContainer b = core.Install(n.Get(1), n.Get(2));
    NetDeviceContainer c = lan.Install(n.Get(2), n.Get(3));
    Ipv4AddressHelper addr;
    addr.SetBase("192.168.1.0", "255.255.255.0", "0.0.0.2");
    Ipv4InterfaceContainer ia = addr.Assign(NetDeviceContainer(a.Get(0)));
    addr.SetBase("192.168.1.0", "255.255.255.0", "0.0.0.1");
    addr.Assign(NetDeviceContainer(a.Get(1)));
    addr.SetBase("203.0.113.0", "255.255.255.0");
    Ipv4InterfaceContainer ib = addr.Assign(b);
    addr.SetBase("10.1.0.0", "255.255.255.0");
    Ipv4InterfaceContainer ic = addr.Assign(c);
    Ipv4StaticRoutingHelper srh;
    srh.GetStaticRouting(n.Get(0)->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("192.168.1.1"), 1);
    srh.GetStaticRouting(n.Get(2)->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("203.0.113.1"), 1);
    srh.GetStaticRouting(n.Get(3)->GetObject<Ipv4>())->SetDefaultRoute(Ipv4Address("10.1.0.1"), 1);
    if (twoClients)
    {
        NetDeviceContainer d = access.Install(n.Get(4), n.Get(1));
        addr.SetBase("192.168.2.0", "255.255.255.0", "0.0.0.2");
        addr.Assign(NetDeviceContainer(d.Get(0)));
        addr.SetBase("192.168.2.0", "255.255.255.0", "0.0.0.1");
        addr.Assign(NetDeviceContainer(d.Get(1)));
        srh.GetStaticRouting(n.Get(4)->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("192.168.2.1"), 1);
    }
    if (nat)
    {
        NatHelper nh;
        nh.SetAttribute("PortPreservation", BooleanValue(false));
        nh.SetAttribute("UdpLifetime", TimeValue(natUdpLifetime));
        nh.Install(n.Get(1), b.Get(0))
            ->TraceConnectWithoutContext("MappingExpired",
                                         MakeBoundCallback(&NatExpired, &natExpired));
    }
    // Without a NAT the LNS reaches the client's network through the router.
    else
    {
        srh.GetStaticRouting(n.Get(2)->GetObject<Ipv4>())
            ->AddNetworkRouteTo(Ipv4Address("192.168.1.0"), Ipv4Mask("255.255.255.0"),
                                Ipv4Address("203.0.113.1"), 1);
    }

    Config::SetDefault("ns3::EspL4Protocol::AcquireQueueLimit", UintegerValue(acquireLimit));
    IpsecHelper ipsec;
    ipsec.AssignStreams(500);
    ipsec.SetIkeDaemonAttribute("Rekey", BooleanValue(rekey));
    ipsec.SetIkeDaemonAttribute("ModeledCipher", BooleanValue(modeled));
    ipsec.SetIkeSessionAttribute("NatKeepaliveInterval", TimeValue(keepalive));
    ipsec.SetIkeSessionAttribute("DpdDelay", TimeValue(dpdDelay));
    ipsec.SetIkeSessionAttribute("DpdTimeout", TimeValue(dpdTimeout));
    ipsec.SetIkeSessionAttribute("Phase2Lifetime", UintegerValue(phase2Lifetime));
    ipsec.SetIkeDaemonAttribute("RekeyMargin", TimeValue(rekeyMargin));
    ipsec.SetIkeSessionAttribute("Phase1Lifetime", UintegerValue(phase1Lifetime));
    ipsec.SetIkeDaemonAttribute("IsakmpRekey", BooleanValue(isakmpRekey));
    ipsec.SetIkeDaemonAttribute("IsakmpRekeyMargin", TimeValue(isakmpRekeyMargin));
    ipsec.SetPreSharedKey(clientPsk);
    NodeContainer clients(n.Get(0));
    if (twoClients)
    {
        clients.Add(n.Get(4));
    }
    ipsec.InstallIke(clients);
    ipsec.SetPreSharedKey(lnsPsk);
    ipsec.SetIkeSessionAttribute("DpdDelay", TimeValue(lnsDpdDelay));
    ipsec.InstallIke(NodeContainer(n.Get(2)));
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        ipsec.ProtectWithIke(clients.Get(i), ib.GetAddress(1), Ipv4Mask::GetOnes(), 1701);
    }
    ipsec.ProtectWithIke(n.Get(2), Ipv4Address::GetAny(), Ipv4Mask::GetZero(), 1701);

    Ptr<IkeDaemon> dc = n.Get(0)->GetObject<IkeDaemon>();
    Ptr<IkeDaemon> dl = n.Get(2)->GetObject<IkeDaemon>();
    dc->TraceConnectWithoutContext("MessageSent", MakeBoundCallback(&Sent, &clientSent));
    dl->TraceConnectWithoutContext("MessageSent", MakeBoundCallback(&Sent, &lnsSent));
    dc->TraceConnectWithoutContext("StateChanged", MakeBoundCallback(&State, &clientState));
    dc->TraceConnectWithoutContext("MessageReceived", MakeBoundCallback(&Sent, &clientReceived));
    dl->TraceConnectWithoutContext("StateChanged", MakeBoundCallback(&State, &lnsState));
    dl->TraceConnectWithoutContext("MessageReceived", MakeBoundCallback(&Sent, &lnsReceived));
    dl->TraceConnectWithoutContext("PeerPortChanged",
                                   MakeBoundCallback(&PortChanged, &lnsPortChanges));
    dc->TraceConnectWithoutContext("IsakmpSaRekeyed",
                                   MakeBoundCallback(&IsakmpRekeyed, &clientIsakmp));
    dl->TraceConnectWithoutContext("IsakmpSaRekeyed",
                                   MakeBoundCallback(&IsakmpRekeyed, &lnsIsakmp));
    dc->TraceConnectWithoutContext("IsakmpSaExpired",
                                   MakeBoundCallback(&IsakmpExpired, &clientIsakmp));
    dl->TraceConnectWithoutContext("IsakmpSaExpired",
                                   MakeBoundCallback(&IsakmpExpired, &lnsIsakmp));
    dc->TraceConnectWithoutContext("NatDetected", MakeBoundCallback(&Nat, &clientNat));
    dl->TraceConnectWithoutContext("NatDetected", MakeBoundCallback(&Nat, &lnsNat));
    for (auto& d : {std::make_pair(dc, &clientSa), std::make_pair(dl, &lnsSa)})
    {
        d.first->TraceConnectWithoutContext(
            "SaInstalled", MakeBoundCallback(&SaEvent, d.second, std::string("installed")));
        d.first->TraceConnectWithoutContext(
            "SaRekeyed", MakeBoundCallback(&SaEvent, d.second, std::string("rekeyed")));
        d.first->TraceConnectWithoutContext(
            "SaDeleted", MakeBoundCallback(&SaGone, d.second, std::string("deleted")));
        d.first->TraceConnectWithoutContext(
            "SaExpired", MakeBoundCallback(&SaGone, d.second, std::string("expired")));
    }
    dl->TraceConnectWithoutContext("Drop", MakeBoundCallback(&DropReason, &lnsIkeDrops));
    Simulator::Schedule(Seconds(0.99), &CountSessions, dl, &lnsIkeSessionsAt1s);
    if (junk)
    {
        Ptr<Socket> js = Socket::CreateSocket(n.Get(1), UdpSocketFactory::GetTypeId());
        js->Bind();
        Simulator::Schedule(Seconds(0.5), &SendJunk, js, ib.GetAddress(1));
    }
    n.Get(2)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx", MakeBoundCallback(&LnsRx, &lns));

    if (idle)
    {
        Config::SetDefault("ns3::PppLcp::EchoInterval", TimeValue(Seconds(0)));
    }
    Ptr<L2tpPppLns> server = CreateObject<L2tpPppLns>();
    server->SetAttribute("Users", StringValue("alice=wonderland,bob=builder"));
    server->SetAttribute("HostName", StringValue("lns"));
    n.Get(2)->AddApplication(server);
    Ptr<L2tpPppClient> client = CreateObject<L2tpPppClient>();
    client->SetAttribute("LnsAddress", Ipv4AddressValue(ib.GetAddress(1)));
    client->SetAttribute("Sessions", UintegerValue(1));
    client->SetAttribute("HostName", StringValue("client"));
    client->SetAttribute("Username", StringValue("alice"));
    client->SetAttribute("Password", StringValue("wonderland"));
    n.Get(0)->AddApplication(client);
    if (idle)
    {
        client->SetAttribute("HelloInterval", TimeValue(Seconds(0)));
        server->SetAttribute("HelloInterval", TimeValue(Seconds(0)));
    }
    client->SetStartTime(Seconds(1));
    server->GetProtocol()->AssignStreams(10);
    client->GetProtocol()->AssignStreams(20);
    client->GetProtocol()->TraceConnectWithoutContext("Tx",
                                                      MakeBoundCallback(&CountTx, &clientL2tpTx));
    client->GetProtocol()->TraceConnectWithoutContext("Tx",
                                                      MakeBoundCallback(&LogTime, &clientL2tpTxAt));
    client->GetProtocol()->TraceConnectWithoutContext("Rx",
                                                      MakeBoundCallback(&LogTime, &clientL2tpRxAt));
    server->GetProtocol()->TraceConnectWithoutContext("Tx",
                                                      MakeBoundCallback(&CountTx, &lnsL2tpTx));

    if (twoClients)
    {
        Ptr<L2tpPppClient> bob = CreateObject<L2tpPppClient>();
        bob->SetAttribute("LnsAddress", Ipv4AddressValue(ib.GetAddress(1)));
        bob->SetAttribute("Sessions", UintegerValue(1));
        bob->SetAttribute("HostName", StringValue("client2"));
        bob->SetAttribute("Username", StringValue("bob"));
        bob->SetAttribute("Password", StringValue("builder"));
        n.Get(4)->AddApplication(bob);
        bob->SetStartTime(Seconds(1.5));
        bob->GetProtocol()->AssignStreams(30);
        for (Time at : echoAt)
        {
            UdpEchoClientHelper echo(ic.GetAddress(1), 9);
            echo.SetAttribute("MaxPackets", UintegerValue(1));
            echo.SetAttribute("PacketSize", UintegerValue(200));
            ApplicationContainer app = echo.Install(n.Get(4));
            app.Start(at + MilliSeconds(500));
            app.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&EchoRx, &echoReplies2));
        }
    }
    UdpEchoServerHelper echoServer(9);
    echoServer.Install(n.Get(3)).Start(Seconds(0));
    for (std::size_t i = 0; i < echoAt.size(); ++i)
    {
        UdpEchoClientHelper echo(ic.GetAddress(1), 9);
        echo.SetAttribute("MaxPackets", UintegerValue(1));
        echo.SetAttribute("PacketSize", UintegerValue(100));
        ApplicationContainer app = echo.Install(n.Get(0));
        app.Start(echoAt[i]);
        app.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&EchoRx, &echoReplies));
        app.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&EchoReplyAt, &echoReplyAt));
    }
    if (!pcapDir.empty())
    {
        core.EnablePcap(pcapDir + "/lns", b.Get(1), false);
    }
    Simulator::Stop(stop);
    Simulator::Run();
    Ptr<EspL4Protocol> ec = n.Get(0)->GetObject<EspL4Protocol>();
    Ptr<EspL4Protocol> el = n.Get(2)->GetObject<EspL4Protocol>();
    clientSadN = ec->GetSad()->GetN();
    lnsSadN = el->GetSad()->GetN();
    clientProtected = ec->GetProtectedCount();
    clientUnprotected = ec->GetUnprotectedCount();
    lnsProtected = el->GetProtectedCount();
    lnsUnprotected = el->GetUnprotectedCount();
    clientAcquireFailed = ec->GetDropCount(IpsecDropReason::ACQUIRE_FAILED);
    clientAcquireOverflow = ec->GetDropCount(IpsecDropReason::ACQUIRE_OVERFLOW);
    lnsKeepalivesRx = el->GetKeepalivesReceived();
    lnsEspTruncated = el->GetDropCount(IpsecDropReason::TRUNCATED);
    pppSessions = server->GetPppSessionCount();
    ikeDecryptionLines = dc->GetDecryptionTableLines();
    espSaLines = IpsecHelper::GetIkeEspSaLines(NodeContainer(clients, NodeContainer(n.Get(2))));
    lnsIkeSessions = dl->GetSessions().size();
    clientIsakmpSas = dc->GetIsakmpSaCount();
    lnsIsakmpSas = dl->GetIsakmpSaCount();
    for (const auto& s : dc->GetSessions())
    {
        clientSessionStates.push_back(IkeSession::StateName(s->GetState()));
    }
    for (const auto& s : dl->GetSessions())
    {
        lnsSessionStates.push_back(IkeSession::StateName(s->GetState()));
    }
    modeledSas = true;
    for (const auto& d : {dc, dl})
    {
        for (const auto& sa : d->GetInstalledSas())
        {
            modeledSas = modeledSas && sa->GetSuite()->IsModeled();
        }
    }
    lnsTunnels = server->GetProtocol()->GetTunnelCount();
    for (const auto& s : dl->GetSessions())
    {
        natIkePort = s->GetPeerPort();
    }
    Ptr<IpsecSa> lnsOut = dl->GetOutboundSa(Ipv4Address("203.0.113.1"));
    lnsOutEncapPort = lnsOut != nullptr ? lnsOut->GetEncapDestinationPort() : 0;
    lnsUnknownSpi = el->GetSad()->GetDropCount(IpsecDropReason::UNKNOWN_SPI);
    Simulator::Destroy();
    Config::SetDefault("ns3::PppLcp::EchoInterval", TimeValue(Seconds(30)));
    Config::SetDefault("ns3::EspL4Protocol::AcquireQueueLimit", UintegerValue(16));
}

std::vector<Time>
KeepaliveTimes(Time tE, const std::vector<Time>& sends, Time interval, Time until)
{
    std::vector<Time> out;
    Time last = tE;
    std::size_t i = 0;
    for (Time t = tE + Seconds(1); t <= until; t += Seconds(1))
    {
        while (i < sends.size() && sends[i] <= t)
        {
            last = std::max(last, sends[i++]);
        }
        if (t - last >= interval)
        {
            out.push_back(t);
            last = t;
        }
    }
    return out;
}

/// \return \p s single-quoted for the shell
std::string
ShellQuoteArg(const std::string& s)
{
    std::string q = "'";
    for (char ch : s)
    {
        q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    }
    return q + "'";
}

/// Decrypt the LNS capture with the exported esp_sa lines (wildcard addresses).
TsharkResult
DecryptLnsCapture(const IpsecScenario& s, bool udp)
{
    std::string opts = "-o esp.enable_encryption_decode:TRUE "
                       "-o esp.enable_authentication_check:TRUE";
    for (const auto& l : s.espSaLines)
    {
        opts += " -o " + ShellQuoteArg("uat:esp_sa:" + l);
    }
    TsharkResult r;
    r.output = RunCommand("tshark -r " + s.pcapDir + "/lns-2-1.pcap " + opts
                              + " -Y esp -T fields -e frame.protocols -e esp.icv_good"
                                " -e _ws.malformed -e _ws.expert.severity 2>/dev/null",
                          r.status);
    std::string prefix = udp ? "ppp:ip:udp:udpencap:esp:udp:l2tp" : "ppp:ip:esp:udp:l2tp";
    for (const auto& line : Split(r.output, '\n'))
    {
        if (line.empty())
        {
            continue;
        }
        ++r.frames;
        // Fields: protocols, icv_good, malformed (empty), expert severity (empty).
        std::size_t tab = line.find('\t');
        if (line.rfind(prefix, 0) == 0 && tab != std::string::npos && line.substr(tab) == "\t1\t\t")
        {
            ++r.good;
        }
        if (line.find("l2tp:ppp:ip") != std::string::npos)
        {
            ++r.pppIp;
        }
    }
    return r;
}

} // namespace l2tptest
} // namespace ns3
