/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * Suite l2tp-ppp-compulsory: compulsory (wholesale) tunnels. Dial-in users reach the LAC over
 * HDLC serial lines; the LAC runs LCP and CHAP with them, places calls with the proxy AVPs
 * of RFC 2661 4.4.5 and relays; the LNS accepts the proxied negotiation or renegotiates.
 * Topology: user_i --serial-- LAC --B (p2p)-- LNS --C (p2p)-- server. All links are
 * point-to-point, so no ARP delays anything.
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-header.h"
#include "ns3/l2tp-ppp-lac.h"
#include "ns3/l2tp-ppp-lns.h"
#include "ns3/l2tp-tunnel.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/data-rate.h"
#include "ns3/enum.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/ppp-control-packet.h"
#include "ns3/ppp-dial-in-client.h"
#include "ns3/ppp-frame.h"
#include "ns3/ppp-hdlc.h"
#include "ns3/ppp-serial-channel.h"
#include "ns3/ppp-serial-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>
#include <sys/wait.h>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
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

std::vector<uint8_t>
Bytes(Ptr<const Packet> p)
{
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

void
LogRx(LineLog* l, Ptr<const Packet> p)
{
    l->fromUser.push_back(Bytes(p));
}

void
LogTx(LineLog* l, Ptr<const Packet> p)
{
    // MacTx: queued; the line is idle whenever this test looks, so order = transmission order
    l->toUser.push_back(Bytes(p));
}

void
LogPhy(std::vector<uint32_t>* v, Ptr<const Packet> p)
{
    v->push_back(p->GetSize());
}

void
LogState(std::string* log, const char* what, PppFsm::State from, PppFsm::State to)
{
    *log += std::string(what) + " " + PppFsm::StateName(from) + ">" + PppFsm::StateName(to) + ";";
}

void
LogLcp(std::string* log, PppFsm::State from, PppFsm::State to)
{
    LogState(log, "lcp", from, to);
}

void
LogIpcp(std::string* log, PppFsm::State from, PppFsm::State to)
{
    LogState(log, "ipcp", from, to);
}

void
LogPhase(std::string* log, const std::string& phase)
{
    *log += "phase " + phase + ";";
}

void
LogAuth(std::string* log, const std::string& method, const std::string& user, bool ok)
{
    *log += "auth " + method + " " + user + (ok ? " ok;" : " failed;");
}

void
HookEndpoint(std::string* log, Ptr<PppEndpoint> ep)
{
    ep->TraceConnectWithoutContext("LcpState", MakeBoundCallback(&LogLcp, log));
    ep->TraceConnectWithoutContext("IpcpState", MakeBoundCallback(&LogIpcp, log));
    ep->TraceConnectWithoutContext("Phase", MakeBoundCallback(&LogPhase, log));
    ep->TraceConnectWithoutContext("AuthResult", MakeBoundCallback(&LogAuth, log));
}

/// The LNS's endpoints: log the first one's transitions, keep all
struct LnsLog
{
    std::string log;                   //!< transitions of the first endpoint
    std::vector<Ptr<PppEndpoint>> eps; //!< every endpoint
    std::string proxy;                 //!< "what user;" per Proxy trace
    std::string cdn;                   //!< "result message;" per CDN sent
    std::string lacPhases;             //!< phases of line 0 at the LAC
};

void
LnsEndpoint(LnsLog* l, Ptr<L2tpSession>, Ptr<PppEndpoint> ep)
{
    if (l->eps.empty())
    {
        HookEndpoint(&l->log, ep);
    }
    l->eps.push_back(ep);
}

void
LnsProxy(LnsLog* l, Ptr<L2tpSession>, const std::string& what, const std::string& user)
{
    l->proxy += what + " " + user + ";";
}

void
LnsCdn(LnsLog* l, uint16_t, uint16_t result, const std::string& msg)
{
    l->cdn += std::to_string(result) + " " + msg + ";";
}

void
LacPhase(LnsLog* l, Ptr<PppSerialNetDevice> dev, const std::string& phase)
{
    if (dev->GetIfIndex() == 1) // the first line at the LAC (device 0 is the loopback)
    {
        l->lacPhases += phase + ";";
    }
}

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
        srh.GetStaticRouting(core.Get(2)->GetObject<Ipv4>())->SetDefaultRoute(ic.GetAddress(0), 1);

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
void
Ping(Ptr<Node> node, Ipv4Address server, uint32_t n, uint32_t size, Time start, Echoes* e)
{
    UdpEchoClientHelper echo(server, 9);
    echo.SetAttribute("MaxPackets", UintegerValue(n));
    echo.SetAttribute("Interval", TimeValue(Seconds(1)));
    echo.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer a = echo.Install(node);
    a.Start(start);
    a.Get(0)->TraceConnectWithoutContext("Tx", MakeBoundCallback(&Echoes::Tx, e));
    a.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&Echoes::Rx, e));
}

/// The information field of \p frame (Address/Control and Protocol compressed or not), and
/// its protocol in \p proto; empty if the frame does not decode
std::vector<uint8_t>
Info(const std::vector<uint8_t>& frame, uint16_t& proto)
{
    PppFrame f;
    if (PppFrame::Decode(frame.data(), frame.size(), f) != PppFrame::OK)
    {
        proto = 0;
        return {};
    }
    proto = f.protocol;
    return f.information;
}

/// The options (or data) of a control packet \p info (from Code on)
std::vector<uint8_t>
Body(const std::vector<uint8_t>& info)
{
    if (info.size() < 4)
    {
        return {};
    }
    const std::size_t len
        = std::min<std::size_t>((std::size_t(info[2]) << 8) | info[3], info.size());
    return std::vector<uint8_t>(info.begin() + 4, info.begin() + std::max<std::size_t>(len, 4));
}

/// The first control packet (from Code on) of protocol \p proto and code \p code in
/// \p frames (empty if none)
std::vector<uint8_t>
Find(const std::vector<std::vector<uint8_t>>& frames, uint16_t proto, uint8_t code)
{
    for (const auto& f : frames)
    {
        uint16_t p = 0;
        const auto info = Info(f, p);
        if (p == proto && !info.empty() && info[0] == code)
        {
            return info;
        }
    }
    return {};
}

/// Count of frames of \p frames with protocol \p proto (and code \p code unless 0)
uint32_t
Count(const std::vector<std::vector<uint8_t>>& frames, uint16_t proto, uint8_t code = 0)
{
    uint32_t n = 0;
    for (const auto& f : frames)
    {
        uint16_t p = 0;
        const auto info = Info(f, p);
        if (p == proto && (code == 0 || (!info.empty() && info[0] == code)))
        {
            ++n;
        }
    }
    return n;
}

/// The Value of a CHAP Challenge / Response packet \p info (Value-Size, Value, Name)
std::vector<uint8_t>
ChapValue(const std::vector<uint8_t>& info)
{
    const auto d = Body(info);
    if (d.empty() || 1u + d[0] > d.size())
    {
        return {};
    }
    return std::vector<uint8_t>(d.begin() + 1, d.begin() + 1 + d[0]);
}

/// The Name of a CHAP Challenge / Response packet \p info
std::string
ChapName(const std::vector<uint8_t>& info)
{
    const auto d = Body(info);
    if (d.empty() || 1u + d[0] > d.size())
    {
        return "";
    }
    return std::string(d.begin() + 1 + d[0], d.end());
}

} // namespace

namespace
{

/// HDLC octets of \p frame under \p accm, counted here: 2 flags, every octet of the frame
/// and of its FCS-16 (least significant first), plus one Control Escape for each of them
/// that is 0x7d, 0x7e or a control character flagged in \p accm (RFC 1662 4.2, 7.1)
uint32_t
FramedOctets(const std::vector<uint8_t>& frame, uint32_t accm)
{
    const uint16_t fcs
        = static_cast<uint16_t>(~PppHdlc::Fcs16(PppHdlc::FCS16_INIT, frame.data(), frame.size()));
    std::vector<uint8_t> all = frame;
    all.push_back(static_cast<uint8_t>(fcs & 0xff));
    all.push_back(static_cast<uint8_t>(fcs >> 8));
    uint32_t n = 2;
    for (uint8_t b : all)
    {
        const bool esc = b == 0x7d || b == 0x7e || (b < 0x20 && ((accm >> b) & 1) != 0);
        n += esc ? 2 : 1;
    }
    return n;
}

/// tshark's malformed-packet and error-expert checks on \p pcap; "" if clean
std::string
TsharkClean(const std::string& pcap)
{
    int st = 0;
    const std::string malformed
        = RunCommand("tshark -r " + pcap + " -Y _ws.malformed 2>/dev/null", st);
    if (st != 0)
    {
        return "tshark failed on " + pcap;
    }
    const std::string expert
        = RunCommand("tshark -r " + pcap + " -q -z expert,error 2>/dev/null", st);
    std::string out;
    if (!malformed.empty())
    {
        out += "malformed: " + malformed;
    }
    if (expert.find("Error") != std::string::npos)
    {
        out += "expert errors: " + expert;
    }
    return out;
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief Proxy accepted: the LAC negotiates LCP and CHAP with the user and the ICCN carries
 *        exactly what crossed the line; the LNS adopts it without a Configure-Request of its
 *        own, checks the response, and IPCP gives the pool's first address; tshark dissects
 *        the line's and the backbone's pcaps cleanly.
 */
class L2tpCompulsoryAcceptTest : public TestCase
{
public:
    L2tpCompulsoryAcceptTest()
        : TestCase("proxy accepted: exact states, ICCN proxy AVPs = what crossed the line, "
                   "no LCP from the LNS, IPCP address, tshark")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"wonderland"}, false);
        LnsLog lns;
        net.Hook(&lns);
        std::string user;
        HookEndpoint(&user, net.dial[0]->GetEndpoint());
        LineLog line;
        net.HookLine(0, &line);
        UdpEchoServerHelper echoServer(9);
        echoServer.Install(net.core.Get(2)).Start(Seconds(0));
        Echoes echoes;
        Ping(net.users.Get(0), net.serverAddr, 2, 64, Seconds(3), &echoes);
        const std::string dir = MakeTempDir("ppp-compulsory");
        net.serial.EnablePcap(dir + "/dialin", net.lines[0].Get(1));
        net.p2pB.EnablePcap(dir + "/backbone", net.b.Get(1), true);
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        // The user: LCP with the LAC (both send a Configure-Request when the line comes up),
        // CHAP answered, then Success (from the LNS, through the relay) and IPCP.
        NS_TEST_EXPECT_MSG_EQ(user,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "auth CHAP alice ok;phase Network;ipcp Initial>Starting;"
                              "ipcp Starting>Req-Sent;ipcp Req-Sent>Ack-Sent;"
                              "ipcp Ack-Sent>Opened;",
                              "user sequence");
        // The LNS: LCP straight to Opened (adopted), the proxied CHAP checked, then IPCP.
        NS_TEST_EXPECT_MSG_EQ(lns.log,
                              "phase Establish;lcp Initial>Opened;phase Authenticate;"
                              "auth CHAP alice ok;phase Network;ipcp Initial>Starting;"
                              "ipcp Starting>Req-Sent;ipcp Req-Sent>Ack-Rcvd;"
                              "ipcp Ack-Rcvd>Opened;",
                              "LNS sequence");
        NS_TEST_EXPECT_MSG_EQ(lns.proxy, "accepted alice;", "Proxy trace");
        NS_TEST_EXPECT_MSG_EQ(lns.lacPhases, "Lcp;Authenticate;Calling;Relay;", "LAC line");
        NS_TEST_EXPECT_MSG_EQ(lns.eps.size(), 1, "one LNS endpoint");
        Ptr<PppEndpoint> ep = lns.eps.empty() ? CreateObject<PppEndpoint>() : lns.eps[0];
        NS_TEST_EXPECT_MSG_EQ(ep->GetCounters().framesSent.count(PppFrame::PROTO_LCP), 0,
                              "the LNS sent no LCP at all (no Configure-Request)");
        NS_TEST_EXPECT_MSG_EQ(ep->GetChap()->GetChallengesSent(), 0, "nor a CHAP Challenge");
        NS_TEST_EXPECT_MSG_EQ(Count(line.toUser, PppFrame::PROTO_LCP), 2,
                              "the user got 2 LCP packets, both from the LAC (Request, Ack)");
        NS_TEST_EXPECT_MSG_EQ(ep->GetIpcp()->GetPeerAddress(), Ipv4Address("10.255.0.2"),
                              "the pool's first address");
        NS_TEST_EXPECT_MSG_EQ(net.dial[0]->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.2"), "the user has it");
        NS_TEST_EXPECT_MSG_EQ(echoes.rtts.size(), 2, "two echoes answered");

        // The proxy AVPs the ICCN carried, against the frames on the line.
        Ptr<L2tpSession> s
            = net.lac->GetLineSession(DynamicCast<PppSerialNetDevice>(net.lines[0].Get(1)));
        NS_TEST_EXPECT_MSG_NE(s, nullptr, "the line's session");
        const auto userReq = Find(line.fromUser, PppFrame::PROTO_LCP, 1);
        const auto lacReq = Find(line.toUser, PppFrame::PROTO_LCP, 1);
        const auto lacAck = Find(line.toUser, PppFrame::PROTO_LCP, 2);
        const auto challenge = Find(line.toUser, PppFrame::PROTO_CHAP, 1);
        const auto response = Find(line.fromUser, PppFrame::PROTO_CHAP, 2);
        const auto success = Find(line.toUser, PppFrame::PROTO_CHAP, 3);
        const bool missing = userReq.empty() || lacReq.empty() || lacAck.empty()
                             || challenge.empty() || response.empty() || success.empty();
        NS_TEST_EXPECT_MSG_EQ(missing, false, "all frames seen");
        if (missing || s == nullptr)
        {
            net.Clear();
            Simulator::Destroy();
            return; // the test runner continues after a failed assertion
        }
        auto avp = [&s](uint16_t t)
        {
            const L2tpAvp* a = s->FindCallAvp(t);
            return a == nullptr ? std::string("missing") : ToHex(a->GetValue());
        };
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::INITIAL_RECEIVED_LCP_CONFREQ), ToHex(Body(userReq)),
                              "26 = options of the user's first Configure-Request");
        // user: ACCM 0, Magic-Number, PFC, ACFC
        NS_TEST_EXPECT_MSG_EQ(ToHex(Body(userReq)).substr(0, 12), "020600000000", "ACCM 0 first");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::LAST_SENT_LCP_CONFREQ), ToHex(Body(lacReq)),
                              "27 = options of the LAC's Configure-Request");
        // LAC: ACCM 0, Authentication-Protocol CHAP MD5, Magic-Number
        NS_TEST_EXPECT_MSG_EQ(ToHex(Body(lacReq)).substr(0, 22), "0206000000000305c22305",
                              "ACCM 0, CHAP-MD5");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::LAST_RECEIVED_LCP_CONFREQ), ToHex(Body(lacAck)),
                              "28 = options the LAC acked");
        NS_TEST_EXPECT_MSG_EQ(ToHex(Body(lacAck)), ToHex(Body(userReq)), "= the user's request");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_TYPE), "0002", "29 = 2 (CHAP)");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_NAME), ToHex({'a', 'l', 'i', 'c', 'e'}),
                              "30 = the Response's Name");
        const std::vector<uint8_t> chValue = ChapValue(challenge);
        NS_TEST_EXPECT_MSG_EQ(chValue.size(), 16, "16-octet challenge");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_CHALLENGE), ToHex(chValue),
                              "31 = the Challenge value on the line");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_ID), ToHex({0, challenge[1]}),
                              "32 = 0, the Challenge's Identifier");
        NS_TEST_EXPECT_MSG_EQ(unsigned(response[1]), unsigned(challenge[1]), "Response id");
        NS_TEST_EXPECT_MSG_EQ(ChapName(response), "alice", "Response name");
        NS_TEST_EXPECT_MSG_EQ(ChapName(challenge), "lac", "Challenge name");
        const std::vector<uint8_t> rValue = ChapValue(response);
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_RESPONSE), ToHex(rValue),
                              "33 = the Response value on the line");
        NS_TEST_EXPECT_MSG_EQ(unsigned(success[1]), unsigned(challenge[1]),
                              "the LNS's Success carries the LAC's Identifier");

        net.Clear();
        Simulator::Destroy(); // closes the pcaps

        const std::string dialin = dir + "/dialin-1-1.pcap";
        const std::string backbone = dir + "/backbone-2-1.pcap";
        NS_TEST_EXPECT_MSG_EQ(TsharkClean(dialin), "", "dial-in pcap clean");
        NS_TEST_EXPECT_MSG_EQ(TsharkClean(backbone), "", "backbone pcap clean");
        int st = 0;
        // The line: PPP protocol and code of each frame (DLT_PPP).
        const std::string lineFields
            = RunCommand("tshark -r " + dialin
                             + " -T fields -E separator=, -e ppp.protocol -e ppp.code "
                               "-e chap.code -e udp.dstport 2>/dev/null",
                         st);
        // PPP protocol, LCP / IPCP code, CHAP code, UDP destination port
        NS_TEST_EXPECT_MSG_EQ(lineFields,
                              "0xc021,1,,\n"      // LCP Configure-Request (user)
                              "0xc021,1,,\n"      // LCP Configure-Request (LAC)
                              "0xc021,2,,\n"      // LCP Configure-Ack
                              "0xc021,2,,\n"      // LCP Configure-Ack
                              "0xc223,,1,\n"      // CHAP Challenge (LAC)
                              "0xc223,,2,\n"      // CHAP Response (user)
                              "0xc223,,3,\n"      // CHAP Success (LNS, relayed)
                              "0x8021,1,,\n"      // IPCP Configure-Request (LNS)
                              "0x8021,1,,\n"      // IPCP Configure-Request (user)
                              "0x8021,2,,\n"      // IPCP Configure-Ack (user)
                              "0x8021,4,,\n"      // IPCP Configure-Reject (LNS: DNS options)
                              "0x8021,1,,\n"      // IPCP Configure-Request (user)
                              "0x8021,3,,\n"      // IPCP Configure-Nak (LNS: 10.255.0.2)
                              "0x8021,1,,\n"      // IPCP Configure-Request (user)
                              "0x8021,2,,\n"      // IPCP Configure-Ack (LNS)
                              "0x0021,,,9\n"      // UDP echo
                              "0x0021,,,49153\n"  // its reply
                              "0x0021,,,9\n"      // UDP echo
                              "0x0021,,,49153\n", // its reply
                              "dial-in dissection");
        // The backbone: the ICCN's proxy AVPs as tshark decodes them, and L2TP -> PPP -> IP.
        const std::string iccn
            = RunCommand("tshark -r " + backbone
                             + " -Y 'l2tp.avp.message_type == 12' -T fields -E separator=, "
                               "-e l2tp.avp.proxy_authen_type -e l2tp.avp.proxy_authen_name "
                               "-e l2tp.avp.proxy_authen_id -e l2tp.avp.proxy_authen_challenge "
                               "-e l2tp.avp.proxy_authen_response 2>/dev/null",
                         st);
        NS_TEST_EXPECT_MSG_EQ(iccn,
                              "2,alice," + std::to_string(challenge[1]) + "," + ToHex(chValue) + ","
                                  + ToHex(rValue) + "\n",
                              "ICCN on the wire");
        const std::string protos = RunCommand(
            "tshark -r " + backbone + " -T fields -e frame.protocols 2>/dev/null | sort | uniq -c",
            st);
        // Control messages (SCCRQ, SCCRP, SCCCN, ICRQ, ICRP, 2 ZLB), then L2TP -> PPP -> CHAP
        // (the Success; the Response never crosses: it was proxied), IPCP and IP. The ICCN
        // shows as l2tp:ppp:ppp:ppp because Wireshark dissects each of the three proxy LCP
        // CONFREQ AVPs (26, 27, 28) as a list of LCP options.
        NS_TEST_EXPECT_MSG_EQ(protos,
                              "      7 ppp:ip:udp:l2tp\n"
                              "      1 ppp:ip:udp:l2tp:ppp:chap\n"
                              "      4 ppp:ip:udp:l2tp:ppp:ip:udp:data\n"
                              "      8 ppp:ip:udp:l2tp:ppp:ipcp\n"
                              "      1 ppp:ip:udp:l2tp:ppp:ppp:ppp\n",
                              "backbone protocol stacks");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Proxy accepted with PAP: the LAC takes the Authenticate-Request, the ICCN carries
 *        Proxy Authen Type 3, the Peer-ID, the request's Identifier and the password as the
 *        response (no challenge); the LNS checks it and its Ack reaches the user.
 */
class L2tpCompulsoryPapTest : public TestCase
{
public:
    L2tpCompulsoryPapTest()
        : TestCase("proxy accepted with PAP: type 3, Peer-ID, Identifier, password; Ack")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"wonderland"}, false);
        net.lac->SetAttribute("Authentication", StringValue("pap"));
        net.lns->SetAttribute("Authentication", StringValue("pap"));
        LnsLog lns;
        net.Hook(&lns);
        LineLog line;
        net.HookLine(0, &line);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(lns.log,
                              "phase Establish;lcp Initial>Opened;phase Authenticate;"
                              "auth PAP alice ok;phase Network;ipcp Initial>Starting;"
                              "ipcp Starting>Req-Sent;ipcp Req-Sent>Ack-Rcvd;"
                              "ipcp Ack-Rcvd>Opened;",
                              "LNS sequence");
        NS_TEST_EXPECT_MSG_EQ(lns.proxy, "accepted alice;", "Proxy trace");
        const auto req = Find(line.fromUser, PppFrame::PROTO_PAP, 1);
        const auto ack = Find(line.toUser, PppFrame::PROTO_PAP, 2);
        Ptr<L2tpSession> s
            = net.lac->GetLineSession(DynamicCast<PppSerialNetDevice>(net.lines[0].Get(1)));
        NS_TEST_EXPECT_MSG_EQ((req.empty() || ack.empty() || s == nullptr), false, "seen");
        if (req.empty() || ack.empty() || s == nullptr)
        {
            net.Clear();
            Simulator::Destroy();
            return; // the test runner continues after a failed assertion
        }
        auto avp = [&s](uint16_t t)
        {
            const L2tpAvp* a = s->FindCallAvp(t);
            return a == nullptr ? std::string("missing") : ToHex(a->GetValue());
        };
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_TYPE), "0003", "29 = 3 (PAP)");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_NAME), ToHex({'a', 'l', 'i', 'c', 'e'}),
                              "30 = Peer-ID");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_CHALLENGE), "missing", "no 31 for PAP");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_ID), ToHex({0, req[1]}),
                              "32 = the request's Identifier");
        NS_TEST_EXPECT_MSG_EQ(avp(L2tpAvp::PROXY_AUTHEN_RESPONSE),
                              ToHex({'w', 'o', 'n', 'd', 'e', 'r', 'l', 'a', 'n', 'd'}),
                              "33 = the password");
        NS_TEST_EXPECT_MSG_EQ(unsigned(ack[1]), unsigned(req[1]), "the LNS's Ack answers it");
        NS_TEST_EXPECT_MSG_EQ(net.dial[0]->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.2"), "user addressed");
        net.Clear();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Renegotiate: the LNS ignores the proxy AVPs, sends its own LCP Configure-Request and
 *        CHAP Challenge through the relay; the user renegotiates from Opened, authenticates
 *        again (to the LNS) and gets its address.
 */
class L2tpCompulsoryRenegotiateTest : public TestCase
{
public:
    L2tpCompulsoryRenegotiateTest()
        : TestCase("proxy ignored (ProxyMode Renegotiate): LCP and CHAP afresh with the LNS")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"wonderland"}, true);
        LnsLog lns;
        net.Hook(&lns);
        std::string user;
        HookEndpoint(&user, net.dial[0]->GetEndpoint());
        LineLog line;
        net.HookLine(0, &line);
        UdpEchoServerHelper echoServer(9);
        echoServer.Install(net.core.Get(2)).Start(Seconds(0));
        Echoes echoes;
        Ping(net.users.Get(0), net.serverAddr, 2, 64, Seconds(3), &echoes);
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        // The user negotiates with the LAC and answers its Challenge; then the LNS's
        // Configure-Request arrives in Opened (RFC 1661 4.3, RCR+ in Opened: tld, scr, sca ->
        // Ack-Sent), the LNS acks the user's new request (Opened), challenges it again.
        NS_TEST_EXPECT_MSG_EQ(user,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "lcp Opened>Ack-Sent;phase Terminate;lcp Ack-Sent>Opened;"
                              "phase Authenticate;auth CHAP alice ok;phase Network;"
                              "ipcp Initial>Starting;ipcp Starting>Req-Sent;"
                              "ipcp Req-Sent>Ack-Sent;ipcp Ack-Sent>Opened;",
                              "user sequence: negotiated twice");
        // The LNS: a whole negotiation of its own, its Request first.
        NS_TEST_EXPECT_MSG_EQ(lns.log,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "auth CHAP alice ok;phase Network;ipcp Initial>Starting;"
                              "ipcp Starting>Req-Sent;ipcp Req-Sent>Ack-Rcvd;"
                              "ipcp Ack-Rcvd>Opened;",
                              "LNS sequence: a full negotiation");
        NS_TEST_EXPECT_MSG_EQ(lns.proxy, "renegotiated alice;", "Proxy trace");
        NS_TEST_EXPECT_MSG_EQ(lns.eps.size(), 1, "one LNS endpoint");
        Ptr<PppEndpoint> ep = lns.eps.empty() ? CreateObject<PppEndpoint>() : lns.eps[0];
        const auto& sent = ep->GetCounters().framesSent;
        NS_TEST_EXPECT_MSG_EQ((sent.count(PppFrame::PROTO_LCP) ? sent.at(PppFrame::PROTO_LCP) : 0),
                              2, "the LNS sent its Configure-Request and a Configure-Ack");
        NS_TEST_EXPECT_MSG_EQ(ep->GetChap()->GetChallengesSent(), 1, "and one CHAP Challenge");
        // On the line: the LAC's and the LNS's Configure-Requests and Challenges.
        NS_TEST_EXPECT_MSG_EQ(Count(line.toUser, PppFrame::PROTO_LCP), 4,
                              "LCP to the user: LAC Request + Ack, LNS Request + Ack");
        uint32_t challenges = 0;
        std::string names;
        for (const auto& f : line.toUser)
        {
            uint16_t p = 0;
            const auto info = Info(f, p);
            if (p == PppFrame::PROTO_CHAP && !info.empty() && info[0] == 1)
            {
                ++challenges;
                names += ChapName(info) + ";";
            }
        }
        NS_TEST_EXPECT_MSG_EQ(challenges, 2, "two Challenges reached the user");
        NS_TEST_EXPECT_MSG_EQ(names, "lac;lns;", "first the LAC's, then the LNS's");
        NS_TEST_EXPECT_MSG_EQ(net.dial[0]->GetEndpoint()->GetLcp()->GetState(), PppFsm::OPENED,
                              "user LCP Opened");
        NS_TEST_EXPECT_MSG_EQ(net.dial[0]->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.2"), "user addressed");
        NS_TEST_EXPECT_MSG_EQ(echoes.rtts.size(), 2, "two echoes answered");
        net.Clear();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Renegotiate with a LAC that asked the user for the all-ones ACCM: the LNS's own LCP
 *        settles on ACCM 0 both ways, and its Set-Link-Info makes the LAC's line receive raw
 *        control octets and stop escaping them; without it the LAC would discard the raw
 *        control octets of the user's datagrams (10.x addresses, zeros) and break every
 *        frame's FCS.
 */
class L2tpCompulsorySliTest : public TestCase
{
public:
    L2tpCompulsorySliTest()
        : TestCase("renegotiate: SLI from the LNS sets the LAC line's ACCMs")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"wonderland"}, true);
        net.lac->SetAttribute("Accm", UintegerValue(0xffffffff));
        Ptr<PppSerialNetDevice> lacEnd = DynamicCast<PppSerialNetDevice>(net.lines[0].Get(1));
        UdpEchoServerHelper echoServer(9);
        echoServer.Install(net.core.Get(2)).Start(Seconds(0));
        Echoes echoes;
        Ping(net.users.Get(0), net.serverAddr, 2, 64, Seconds(3), &echoes);
        // Before the call: the LAC's own negotiation (the user escapes everything for it).
        uint32_t rxBefore = 0;
        Simulator::Schedule(Seconds(0.6),
                            [&rxBefore, lacEnd]() { rxBefore = lacEnd->GetRxAccm(); });
        Simulator::Stop(Seconds(6));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(rxBefore, 0xffffffff, "the LAC first asked for all ones");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetCounters().sliReceived, 1, "one SLI applied");
        NS_TEST_EXPECT_MSG_EQ(lacEnd->GetRxAccm(), 0, "receive ACCM from the SLI");
        NS_TEST_EXPECT_MSG_EQ(lacEnd->GetTxAccm(), 0, "send ACCM from the SLI");
        NS_TEST_EXPECT_MSG_EQ(lacEnd->GetFcsErrors(), 0, "no frame lost to the ACCM change");
        NS_TEST_EXPECT_MSG_EQ(echoes.rtts.size(), 2, "two echoes answered");
        net.Clear();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A wrong password proxied by the LAC: the LNS answers CHAP Failure through the relay,
 *        terminates LCP and clears the call with CDN result 3; the tunnel stays established
 *        and the other user's session on the same tunnel keeps working.
 */
class L2tpCompulsoryWrongPasswordTest : public TestCase
{
public:
    L2tpCompulsoryWrongPasswordTest()
        : TestCase("wrong password: CHAP Failure, CDN 3, tunnel kept, the other user works")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"rabbit-hole", "builder"}, false);
        LnsLog lns;
        net.Hook(&lns);
        std::string user;
        HookEndpoint(&user, net.dial[0]->GetEndpoint());
        LineLog line;
        net.HookLine(0, &line);
        UdpEchoServerHelper echoServer(9);
        echoServer.Install(net.core.Get(2)).Start(Seconds(0));
        Echoes bob;
        Ping(net.users.Get(1), net.serverAddr, 2, 64, Seconds(4), &bob);
        Simulator::Stop(Seconds(7));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(lns.proxy, "failed alice;accepted bob;", "Proxy trace");
        // RFC 2661 4.4.2 has no result code for a refused user: 3, administrative reasons.
        NS_TEST_EXPECT_MSG_EQ(lns.cdn, "3 PPP CHAP authentication failed for user alice;",
                              "one CDN, result 3");
        // alice gets Failure and closes LCP herself (Terminate-Requests cross with the LNS's;
        // each side acks the other's, RFC 1661 RTR in Closing: sta), then Closed and Dead.
        NS_TEST_EXPECT_MSG_EQ(user,
                              "phase Establish;lcp Initial>Starting;lcp Starting>Req-Sent;"
                              "lcp Req-Sent>Ack-Sent;lcp Ack-Sent>Opened;phase Authenticate;"
                              "auth CHAP alice failed;lcp Opened>Closing;phase Terminate;"
                              "lcp Closing>Closed;phase Dead;",
                              "alice: CHAP Failure, LCP terminated");
        NS_TEST_EXPECT_MSG_EQ(lns.lacPhases, "Lcp;Authenticate;Calling;Relay;Idle;",
                              "alice's line back on hook");
        const auto failure = Find(line.toUser, PppFrame::PROTO_CHAP, 4);
        NS_TEST_EXPECT_MSG_EQ(failure.empty(), false, "CHAP Failure relayed to alice");
        const auto term = Find(line.toUser, PppFrame::PROTO_LCP, 5);
        NS_TEST_EXPECT_MSG_EQ(term.empty(), false, "LCP Terminate-Request relayed to alice");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetTunnel()->GetState(), L2tpTunnel::ESTABLISHED,
                              "tunnel kept at the LAC");
        NS_TEST_EXPECT_MSG_EQ(net.lac->GetTunnel()->GetSessionCount(), 1, "bob's session only");
        NS_TEST_EXPECT_MSG_EQ(net.lns->GetPppSessionCount(), 1, "one PPP session at the LNS");
        NS_TEST_EXPECT_MSG_EQ(net.dial[1]->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.2"),
                              "bob gets the first address (alice never got one)");
        NS_TEST_EXPECT_MSG_EQ(bob.rtts.size(), 2, "bob's two echoes answered");
        net.Clear();
        Simulator::Destroy();
    }
};

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

/// Queue raw PPP frame octets \p f on the line end \p d
void
SendRaw(Ptr<PppSerialNetDevice> d, std::vector<uint8_t> f)
{
    d->SendFrame(Create<Packet>(f.data(), f.size()));
}

/// Record the phases of the LAC's second line (interface 2: bob's)
void
SecondLinePhase(std::string* log, Ptr<PppSerialNetDevice> d, const std::string& p)
{
    if (d->GetIfIndex() == 2)
    {
        *log += p + ";";
    }
}

/// Record LAC line drops
void
LacDrop(std::string* log, Ptr<PppSerialNetDevice>, const std::string& reason)
{
    *log += reason + ";";
}

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
 * \brief Suite l2tp-ppp-compulsory.
 */
class L2tpPppCompulsorySuite : public TestSuite
{
public:
    L2tpPppCompulsorySuite()
        : TestSuite("l2tp-ppp-compulsory", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new L2tpSerialDeviceTest());
        AddTestCase(new L2tpCompulsoryAcceptTest());
        AddTestCase(new L2tpCompulsoryPapTest());
        AddTestCase(new L2tpCompulsoryRenegotiateTest());
        AddTestCase(new L2tpCompulsorySliTest());
        AddTestCase(new L2tpCompulsoryWrongPasswordTest());
        AddTestCase(new L2tpCompulsoryRttTest());
        AddTestCase(new L2tpCompulsoryTcpTest());
        AddTestCase(new L2tpCompulsoryTwoUsersTest());
        AddTestCase(new L2tpCompulsoryRefusedTest());
        AddTestCase(new L2tpCompulsoryExampleTest());
    }
};

static L2tpPppCompulsorySuite g_l2tpPppCompulsorySuite; //!< the suite
