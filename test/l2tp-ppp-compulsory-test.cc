/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * Suite l2tp-ppp-compulsory: compulsory (wholesale) tunnels. Dial-in users reach the LAC over
 * HDLC serial lines; the LAC runs LCP and CHAP with them, places calls with the proxy AVPs
 * of RFC 2661 4.4.5 and relays; the LNS accepts the proxied negotiation or renegotiates.
 * This file: the proxy cases and the suite; l2tp-ppp-dialin-test.cc: the serial device, the
 * exact RTT, TCP, two users, a refused call, the example program. The network is in
 * l2tp-ppp-compulsory-net.h.
 */
#include "l2tp-pcap-test-util.h"
#include "l2tp-ppp-compulsory-net.h"
#include "l2tp-test-util.h"
#include "ns3/l2tp-header.h"
#include "ns3/l2tp-pcap-decoder.h"
#include "ns3/l2tp-tunnel.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/data-rate.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/ppp-control-packet.h"
#include "ns3/ppp-frame.h"
#include "ns3/ppp-hdlc.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <sys/wait.h>

using namespace ns3;
using namespace ns3::l2tptest;
using namespace ns3::l2tptest::comp;

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
        // The module's own pcap decoder agrees with tshark on every L2TP message, the ICCN's
        // proxy AVPs included.
        L2tpPcapDecoder decoder;
        std::vector<L2tpPcapRecord> records;
        std::string error;
        NS_TEST_EXPECT_MSG_EQ(decoder.DecodeFile(backbone, records, error), true, error);
        NS_TEST_EXPECT_MSG_EQ(records.size(), 21, "every L2TP message of the backbone pcap");
        NS_TEST_EXPECT_MSG_EQ(CompareWithTshark(backbone, records), "", "decoder vs tshark");
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
 * \brief Proxy AVPs hidden (RFC 2661 4.3: a tunnel secret and HideAvps at both ends): the
 *        ICCN's AVPs 26-33 go out with the H bit and the LNS unhides and accepts them.
 */
class L2tpCompulsoryHiddenTest : public TestCase
{
public:
    L2tpCompulsoryHiddenTest()
        : TestCase("proxy AVPs hidden with the tunnel secret: unhidden and accepted")
    {
    }

private:
    void DoRun() override
    {
        CompLinks l;
        CompulsoryNet net;
        net.Build(l, {"wonderland"}, false);
        for (Ptr<Application> a : {Ptr<Application>(net.lac), Ptr<Application>(net.lns)})
        {
            a->SetAttribute("Secret", StringValue("tunnel-secret"));
            a->SetAttribute("HideAvps", BooleanValue(true));
        }
        LnsLog lns;
        net.Hook(&lns);
        const std::string dir = MakeTempDir("ppp-compulsory-hidden");
        net.p2pB.EnablePcap(dir + "/backbone", net.b.Get(1), true);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(lns.proxy, "accepted alice;", "Proxy trace");
        NS_TEST_EXPECT_MSG_EQ(net.dial[0]->GetEndpoint()->GetIpcp()->GetLocalAddress(),
                              Ipv4Address("10.255.0.2"), "user addressed");
        net.Clear();
        Simulator::Destroy();
        int st = 0;
        // H bit of each AVP of the ICCN, in order (Message Type is never hidden)
        const std::string hidden
            = RunCommand("tshark -r " + dir + "/backbone-2-1.pcap"
                             + " -Y 'l2tp.avp.message_type == 12' -T fields -e l2tp.avp.type "
                               "-e l2tp.avp.hidden 2>/dev/null",
                         st);
        // tshark names the types of the visible AVPs only (Message Type, Random Vector); the H
        // bits of all 13: those two, then the 11 hidden ones (Tx Connect Speed, Framing Type,
        // Rx Connect Speed and the proxy AVPs 26-33).
        NS_TEST_EXPECT_MSG_EQ(hidden, "0,36\t0,0,1,1,1,1,1,1,1,1,1,1,1\n",
                              "ICCN AVP types and H bits");
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
 * \brief Suite l2tp-ppp-compulsory.
 */
class L2tpPppCompulsorySuite : public TestSuite
{
public:
    L2tpPppCompulsorySuite()
        : TestSuite("l2tp-ppp-compulsory", TestSuite::Type::SYSTEM)
    {
        AddTestCase(NewSerialDeviceTest());
        AddTestCase(new L2tpCompulsoryAcceptTest());
        AddTestCase(new L2tpCompulsoryPapTest());
        AddTestCase(new L2tpCompulsoryHiddenTest());
        AddTestCase(new L2tpCompulsoryRenegotiateTest());
        AddTestCase(new L2tpCompulsorySliTest());
        AddTestCase(new L2tpCompulsoryWrongPasswordTest());
        AddTestCase(NewRttTest());
        AddTestCase(NewTcpTest());
        AddTestCase(NewTwoUsersTest());
        AddTestCase(NewRefusedTest());
        AddTestCase(NewRedialTest());
        AddTestCase(NewExampleTest());
    }
};

static L2tpPppCompulsorySuite g_l2tpPppCompulsorySuite; //!< the suite
