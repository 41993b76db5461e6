/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * The compulsory-mode test network of suite l2tp-ppp-compulsory and the helpers its cases
 * share: user_i --serial-- LAC --B (p2p)-- LNS --C (p2p)-- server, all point-to-point (no
 * ARP), with logs of the lines, the LNS's endpoints and the LAC's line phases.
 */
#ifndef L2TP_PPP_COMPULSORY_NET_H
#define L2TP_PPP_COMPULSORY_NET_H

#include "l2tp-ppp-harness.h"
#include "ns3/l2tp-ppp-lac.h"
#include "ns3/l2tp-ppp-lns.h"

#include "ns3/enum.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/ppp-dial-in-client.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/ppp-serial-helper.h"
#include "ns3/ppp-serial-net-device.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <string>
#include <vector>

namespace ns3
{
namespace l2tptest
{
namespace comp
{

/// Link parameters: rates whose bit times are whole nanoseconds (exact RTT arithmetic).
struct CompLinks
{
    std::string serialRate{"64kbps"}; //!< dial-in lines: 125 us per octet
    Time serialDelay{MilliSeconds(5)};
    std::string rateB{"10Mbps"}; //!< LAC - LNS: 800 ns per octet
    Time delayB{MilliSeconds(10)};
    std::string rateC{"100Mbps"}; //!< LNS - server: 80 ns per octet
    Time delayC{MilliSeconds(1)};
};

/// Frames of one line as the LAC's end saw them (PPP frames, no HDLC framing).
struct LineLog
{
    std::vector<std::vector<uint8_t>> fromUser; //!< received from the user
    std::vector<std::vector<uint8_t>> toUser;   //!< sent to the user
    std::vector<uint32_t> txOctets;             //!< HDLC octets the LAC sent, per frame
    std::vector<uint32_t> userTxOctets;         //!< HDLC octets the user sent, per frame
};

std::vector<uint8_t> Bytes(Ptr<const Packet> p);

void LogRx(LineLog* l, Ptr<const Packet> p);

// MacTx: queued; the line is idle whenever this test looks, so order = transmission order
void LogTx(LineLog* l, Ptr<const Packet> p);

void LogPhy(std::vector<uint32_t>* v, Ptr<const Packet> p);

/// The LNS's endpoints: log the first one's transitions, keep all
struct LnsLog
{
    std::string log;                   //!< transitions of the first endpoint
    std::vector<Ptr<PppEndpoint>> eps; //!< every endpoint
    std::string proxy;                 //!< "what user;" per Proxy trace
    std::string cdn;                   //!< "result message;" per CDN sent
    std::string lacPhases;             //!< phases of line 0 at the LAC
};

void LnsEndpoint(LnsLog* l, Ptr<L2tpSession>, Ptr<PppEndpoint> ep);

void LnsProxy(LnsLog* l, Ptr<L2tpSession>, const std::string& what, const std::string& user);

void LnsCdn(LnsLog* l, uint16_t, uint16_t result, const std::string& msg);

void LacPhase(LnsLog* l, Ptr<PppSerialNetDevice> dev, const std::string& phase);

/// The compulsory topology with its applications.
struct CompulsoryNet
{
    NodeContainer users;                    //!< dial-in users
    NodeContainer core;                     //!< lac, lns, server
    std::vector<NetDeviceContainer> lines;  //!< user end, LAC end
    NetDeviceContainer b;                   //!< LAC - LNS
    NetDeviceContainer c;                   //!< LNS - server
    std::vector<Ptr<PppDialInClient>> dial; //!< the users' PPP
    Ptr<L2tpPppLac> lac;                    //!< LAC
    Ptr<L2tpPppLns> lns;                    //!< LNS
    PppSerialHelper serial;                 //!< lines
    PointToPointHelper p2pB;                //!< backbone
    Ipv4Address serverAddr;                 //!< the corporate server

    /**
     * \param l links
     * \param passwords one per user (user 0 is alice, 1 bob)
     * \param renegotiate LNS ProxyMode
     */
    void Build(const CompLinks& l, const std::vector<std::string>& passwords, bool renegotiate)
    {
        users.Create(passwords.size());
        core.Create(3);
        InternetStackHelper stack;
        stack.Install(users);
        stack.Install(core);
        serial.SetDeviceAttribute("DataRate", StringValue(l.serialRate));
        serial.SetChannelAttribute("Delay", TimeValue(l.serialDelay));
        for (uint32_t i = 0; i < users.GetN(); ++i)
        {
            lines.push_back(serial.Install(users.Get(i), core.Get(0)));
        }
        p2pB.SetDeviceAttribute("DataRate", StringValue(l.rateB));
        p2pB.SetChannelAttribute("Delay", TimeValue(l.delayB));
        PointToPointHelper p2pC;
        p2pC.SetDeviceAttribute("DataRate", StringValue(l.rateC));
        p2pC.SetChannelAttribute("Delay", TimeValue(l.delayC));
        b = p2pB.Install(core.Get(0), core.Get(1));
        c = p2pC.Install(core.Get(1), core.Get(2));
        Ipv4AddressHelper addr;
        addr.SetBase("192.0.2.0", "255.255.255.252");
        Ipv4InterfaceContainer ib = addr.Assign(b);
        addr.SetBase("10.1.0.0", "255.255.255.0");
        Ipv4InterfaceContainer ic = addr.Assign(c);
        serverAddr = ic.GetAddress(1);
        Ipv4StaticRoutingHelper srh;
        srh.GetStaticRouting(core.Get(2)->GetObject<ns3::Ipv4>())
            ->SetDefaultRoute(ic.GetAddress(0), 1);

        lns = CreateObject<L2tpPppLns>();
        lns->SetAttribute("Users", StringValue("alice=wonderland,bob=builder"));
        lns->SetAttribute("PoolSize", UintegerValue(10));
        lns->SetAttribute("ProxyMode", EnumValue(renegotiate ? L2tpPppLns::PROXY_RENEGOTIATE
                                                             : L2tpPppLns::PROXY_ACCEPT));
        core.Get(1)->AddApplication(lns);
        lac = CreateObject<L2tpPppLac>();
        lac->SetAttribute("LnsAddress", Ipv4AddressValue(ib.GetAddress(1)));
        core.Get(0)->AddApplication(lac);
        for (uint32_t i = 0; i < users.GetN(); ++i)
        {
            lac->AddLine(DynamicCast<PppSerialNetDevice>(lines[i].Get(1)));
            Ptr<PppDialInClient> d = CreateObject<PppDialInClient>();
            d->SetDevice(DynamicCast<PppSerialNetDevice>(lines[i].Get(0)));
            d->SetAttribute("Username", StringValue(i == 0 ? "alice" : "bob"));
            d->SetAttribute("Password", StringValue(passwords[i]));
            d->AssignStreams(100 + 10 * i);
            d->SetStartTime(Seconds(0.5 + 0.5 * i));
            users.Get(i)->AddApplication(d);
            dial.push_back(d);
        }
        lns->GetProtocol()->AssignStreams(10);
        lac->GetProtocol()->AssignStreams(20);
        lac->AssignStreams(30);
    }

    /// Hook the LNS and LAC traces into \p log
    void Hook(LnsLog* log)
    {
        lns->TraceConnectWithoutContext("EndpointCreated", MakeBoundCallback(&LnsEndpoint, log));
        lns->TraceConnectWithoutContext("Proxy", MakeBoundCallback(&LnsProxy, log));
        lns->TraceConnectWithoutContext("CdnSent", MakeBoundCallback(&LnsCdn, log));
        lac->TraceConnectWithoutContext("LinePhase", MakeBoundCallback(&LacPhase, log));
    }

    /// Log line \p i at the LAC end into \p log
    void HookLine(uint32_t i, LineLog* log)
    {
        Ptr<NetDevice> lacEnd = lines[i].Get(1);
        lacEnd->TraceConnectWithoutContext("MacRx", MakeBoundCallback(&LogRx, log));
        lacEnd->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&LogTx, log));
        lacEnd->TraceConnectWithoutContext("PhyTxBegin",
                                           MakeBoundCallback(&LogPhy, &log->txOctets));
        lines[i].Get(0)->TraceConnectWithoutContext("PhyTxBegin",
                                                    MakeBoundCallback(&LogPhy, &log->userTxOctets));
    }

    /// Drop every reference (Simulator::Destroy then closes the pcaps)
    void Clear()
    {
        lines.clear();
        b = NetDeviceContainer();
        c = NetDeviceContainer();
        users = NodeContainer();
        core = NodeContainer();
        dial.clear();
        lac = nullptr;
        lns = nullptr;
    }
};

/// UDP echo client timing
struct Echoes
{
    std::vector<Time> tx;   //!< requests sent
    std::vector<Time> rtts; //!< replies

    static void Tx(Echoes* e, Ptr<const Packet>) { e->tx.push_back(Simulator::Now()); }

    static void Rx(Echoes* e, Ptr<const Packet>)
    {
        e->rtts.push_back(Simulator::Now() - e->tx[e->rtts.size()]);
    }
};

/// Install an echo client on \p node to \p server: \p n requests of \p size from \p start
void Ping(Ptr<Node> node, Ipv4Address server, uint32_t n, uint32_t size, Time start, Echoes* e);

/// The information field of \p frame (Address/Control and Protocol compressed or not), and
/// its protocol in \p proto; empty if the frame does not decode
std::vector<uint8_t> Info(const std::vector<uint8_t>& frame, uint16_t& proto);

/// The options (or data) of a control packet \p info (from Code on)
std::vector<uint8_t> Body(const std::vector<uint8_t>& info);

/// The first control packet (from Code on) of protocol \p proto and code \p code in
/// \p frames (empty if none)
std::vector<uint8_t> Find(const std::vector<std::vector<uint8_t>>& frames, uint16_t proto,
                          uint8_t code);

/// Count of frames of \p frames with protocol \p proto (and code \p code unless 0)
uint32_t Count(const std::vector<std::vector<uint8_t>>& frames, uint16_t proto, uint8_t code = 0);

/// The Value of a CHAP Challenge / Response packet \p info (Value-Size, Value, Name)
std::vector<uint8_t> ChapValue(const std::vector<uint8_t>& info);

/// The Name of a CHAP Challenge / Response packet \p info
std::string ChapName(const std::vector<uint8_t>& info);

/// HDLC octets of \p frame under \p accm, counted here: 2 flags, every octet of the frame
/// and of its FCS-16 (least significant first), plus one Control Escape for each of them
/// that is 0x7d, 0x7e or a control character flagged in \p accm (RFC 1662 4.2, 7.1)
uint32_t FramedOctets(const std::vector<uint8_t>& frame, uint32_t accm);

/// tshark's malformed-packet and error-expert checks on \p pcap; "" if clean
std::string TsharkClean(const std::string& pcap);

/// Queue raw PPP frame octets \p f on the line end \p d
void SendRaw(Ptr<PppSerialNetDevice> d, std::vector<uint8_t> f);

/// Record the phases of the LAC's second line (interface 2: bob's)
void SecondLinePhase(std::string* log, Ptr<PppSerialNetDevice> d, const std::string& p);

/// Record LAC line drops
void LacDrop(std::string* log, Ptr<PppSerialNetDevice>, const std::string& reason);

/// \name The cases of l2tp-ppp-dialin-test.cc (the suite is in l2tp-ppp-compulsory-test.cc)
/// \{
TestCase* NewSerialDeviceTest();
TestCase* NewRttTest();
TestCase* NewTcpTest();
TestCase* NewTwoUsersTest();
TestCase* NewRefusedTest();
TestCase* NewRedialTest();
TestCase* NewExampleTest();
/// \}

} // namespace comp
} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_PPP_COMPULSORY_NET_H */
