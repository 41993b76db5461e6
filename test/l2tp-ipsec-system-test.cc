/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2TP/IPsec end to end (RFC 3193): a voluntary L2TP/PPP client reaches an LNS through ESP
 * whose SAs IKEv1 (IkeDaemon) negotiates when the first L2TP packet needs them, with and
 * without a NAT in the path, with a wrong pre-shared key, with and without NAT-keepalives
 * across a long idle period, across a rekey and an expiry, with two clients behind one NAT,
 * and the l2tp-ipsec-nat example. The network is in l2tp-ipsec-scenario.{h,cc}.
 */
#include "l2tp-ipsec-scenario.h"
#include "l2tp-test-util.h"

#include "ns3/test.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

// Both directions cross the LNS's core link: what the LNS received and what it sent.
#define CHECK_TSHARK(s, udp)                                                                 \
    do                                                                                       \
    {                                                                                        \
        NS_TEST_ASSERT_MSG_EQ(s.espSaLines.size(), 2u, "one outbound SA per side");          \
        TsharkResult r = DecryptLnsCapture(s, udp);                                          \
        NS_TEST_ASSERT_MSG_EQ(r.status, 0, "tshark ran: " << r.output);                      \
        NS_TEST_ASSERT_MSG_EQ(r.frames, ((udp) ? s.lns.esp4500 : s.lns.esp50) + s.lnsL2tpTx, \
                              "every ESP frame in the capture");                             \
        NS_TEST_ASSERT_MSG_EQ(                                                               \
            r.good, r.frames,                                                                \
            "all decrypted to L2TP, ICV good, 0 malformed, no expert info: " << r.output);   \
        NS_TEST_ASSERT_MSG_GT(r.pppIp, 6u, "PPP-carried IP (IPCP done, echo) inside ESP");   \
    } while (false)

/// The initiator's Main Mode + Quick Mode, without a NAT.
const char* const kClientSent = "MM1,MM3,MM5,QM1,QM3";
const char* const kLnsSent = "MM2,MM4,MM6,QM2";

/**
 * \ingroup l2tp-tests
 * \brief No NAT: the first L2TP packet starts IKE; L2TP, PPP and a UDP echo then run in ESP
 * (IP protocol 50), and tshark decrypts the LNS capture with the exported keys.
 */
class IpsecNoNatTest : public TestCase
{
public:
    IpsecNoNatTest()
        : TestCase("L2TP-PPP client to LNS through IKE-established ESP (protocol 50), no NAT")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.pcapDir = MakeTempDir("l2tp-ipsec-nonat");
        s.Run();
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSent), kClientSent, "initiator: MM 1/3/5, QM 1/3");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSent), kLnsSent, "responder: MM 2/4/6, QM 2");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa), "installed esp", "one SA pair, ESP");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSa), "installed esp", "one SA pair, ESP");
        NS_TEST_ASSERT_MSG_EQ(s.clientNat.size(), 1u, "NAT-D evaluated once");
        NS_TEST_ASSERT_MSG_EQ(s.clientNat[0], "-/-", "no NAT seen by the client");
        NS_TEST_ASSERT_MSG_EQ(s.lnsNat[0], "-/-", "no NAT seen by the LNS");
        // MM1 leaves when the client's first L2TP packet (SCCRQ at 1 s) hits the policy.
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "MM1"), Seconds(1), "acquire at the SCCRQ");
        // Packets at the LNS: the 5 initiator messages on UDP 500, every L2TP datagram the
        // client sent in ESP, nothing in the clear, nothing on 4500.
        NS_TEST_ASSERT_MSG_EQ(s.lns.ike500, 5u, "MM1, MM3, MM5, QM1, QM3 on UDP 500");
        NS_TEST_ASSERT_MSG_EQ(s.lns.ike4500 + s.lns.esp4500 + s.lns.keepalive, 0u, "no 4500");
        NS_TEST_ASSERT_MSG_EQ(s.lns.l2tpClear, 0u, "no L2TP in the clear");
        NS_TEST_ASSERT_MSG_EQ(s.lns.other, 0u, "nothing else");
        NS_TEST_ASSERT_MSG_GT(s.clientL2tpTx, 10u, "L2TP control and PPP ran");
        NS_TEST_ASSERT_MSG_EQ(s.lns.esp50, s.clientL2tpTx, "each client L2TP datagram in ESP");
        NS_TEST_ASSERT_MSG_EQ(s.clientProtected, s.clientL2tpTx, "client protected them all");
        NS_TEST_ASSERT_MSG_EQ(s.lnsUnprotected, s.clientL2tpTx, "LNS decrypted them all");
        NS_TEST_ASSERT_MSG_EQ(s.lnsProtected, s.lnsL2tpTx, "each LNS L2TP datagram in ESP");
        NS_TEST_ASSERT_MSG_EQ(s.clientUnprotected, s.lnsL2tpTx, "client decrypted them all");
        // The first ESP packet at the LNS is the queued SCCRQ, released when QM2 arrived
        // at the client (it goes out right after QM3, so it arrives right after it).
        NS_TEST_ASSERT_MSG_EQ((s.lns.espAt.front() > s.lns.ikeAt.back()), true,
                              "no ESP before QM3");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 3u, "three UDP echo replies through the tunnel");
        NS_TEST_ASSERT_MSG_EQ(s.pppSessions, 1u, "one PPP session at the LNS");
        NS_TEST_ASSERT_MSG_EQ(s.clientSadN, 1u, "client SAD: one inbound SA");
        NS_TEST_ASSERT_MSG_EQ(s.lnsSadN, 1u, "LNS SAD: one inbound SA");
        CHECK_TSHARK(s, false);
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A NAT between client and LNS: NAT-D finds it on both sides, IKE floats to 4500 at
 * MM5 and all ESP runs in UDP 4500 to the NAT's mapped port.
 */
class IpsecNatTest : public TestCase
{
public:
    IpsecNatTest()
        : TestCase("L2TP over IPsec through a NAT: NAT-D, float to 4500, ESP in UDP, keepalives")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.nat = true;
        s.stop = Seconds(45);
        s.pcapDir = MakeTempDir("l2tp-ipsec-nat");
        s.Run();
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSent).substr(0, 19), kClientSent,
                              "initiator: MM 1/3/5, QM 1/3");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSent), kLnsSent, "responder: MM 2/4/6, QM 2");
        NS_TEST_ASSERT_MSG_EQ(s.clientNat.size(), 1u, "client evaluated NAT-D");
        NS_TEST_ASSERT_MSG_EQ(s.clientNat[0], "local/-", "client: I am behind a NAT");
        NS_TEST_ASSERT_MSG_EQ(s.lnsNat[0], "-/remote", "LNS: the peer is behind a NAT");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa), "installed udp", "UDP-encapsulated pair");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSa), "installed udp", "UDP-encapsulated pair");
        NS_TEST_ASSERT_MSG_NE(s.natIkePort, 4500, "the NAT mapped 4500 to another port");
        NS_TEST_ASSERT_MSG_EQ(s.lns.ike500, 2u, "MM1, MM3 on UDP 500");
        NS_TEST_ASSERT_MSG_EQ(s.lns.ike4500, 3u, "MM5, QM1, QM3 on UDP 4500 after the marker");
        NS_TEST_ASSERT_MSG_EQ(s.lns.esp50, 0u, "no bare ESP: it would not cross the NAT");
        NS_TEST_ASSERT_MSG_EQ(s.lns.esp4500, s.clientL2tpTx, "each L2TP datagram in UDP-ESP");
        NS_TEST_ASSERT_MSG_EQ(s.lns.l2tpClear, 0u, "no L2TP in the clear");
        NS_TEST_ASSERT_MSG_EQ(s.lnsUnprotected, s.clientL2tpTx, "LNS decrypted them all");
        NS_TEST_ASSERT_MSG_EQ(s.clientUnprotected, s.lnsL2tpTx, "client decrypted them all");
        // Keepalives: the client's timer ticks every second from QM2's arrival (when it sent
        // QM3) and sends one when it sent nothing, ESP included, for 20 s. Its last ESP
        // before 45 s are the echoes (5-7 s) and its LCP Echo exchange (about 31 s), so one
        // keepalive is due near 27 s; it needs 5 + 10 ms (plus microseconds) to the LNS.
        Time qm3 = When(s.clientSent, "QM3");
        std::vector<Time> ka
            = KeepaliveTimes(qm3, s.clientL2tpTxAt, Seconds(20), s.stop - MilliSeconds(16));
        uint32_t expected = ka.size();
        NS_TEST_ASSERT_MSG_EQ(expected, 1u, "one keepalive due in this run");
        NS_TEST_ASSERT_MSG_EQ((ka[0] > Seconds(27) && ka[0] < Seconds(28)), true, "near 27 s");
        NS_TEST_ASSERT_MSG_EQ(s.lns.keepalive, expected, "NAT-keepalives at the LNS");
        NS_TEST_ASSERT_MSG_EQ(s.lnsKeepalivesRx, expected, "counted by EspL4Protocol");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 3u, "three UDP echo replies through the tunnel");
        CHECK_TSHARK(s, true);
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Different pre-shared keys: the responder cannot verify MM5 and gives up at once; the
 * initiator retransmits MM5 on strongSwan's schedule and fails after the last timeout; no SA
 * exists and the queued L2TP packets are dropped as acquire-failed.
 */
class IpsecWrongPskTest : public TestCase
{
public:
    IpsecWrongPskTest()
        : TestCase(
            "L2TP over IPsec with a wrong PSK: MM5 fails at the responder, exact give-up time")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.lnsPsk = "not-the-same";
        s.stop = Seconds(200);
        s.acquireLimit = 4;
        s.echoAt.clear();
        s.Run();
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsState), "MM2_SENT,MM4_SENT,FAILED",
                              "responder fails on MM5");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientState), "MM1_SENT,MM3_SENT,MM5_SENT,FAILED",
                              "initiator fails after the retransmissions");
        // The responder fails when the first MM5 arrives: the third IKE message at the LNS.
        NS_TEST_ASSERT_MSG_EQ(When(s.lnsState, "FAILED"), s.lns.ikeAt.at(2),
                              "responder failure at MM5's arrival");
        // MM5 goes out, then again after 4 s * 1.8^n for n = 0..4, and the initiator gives
        // up 4 s * 1.8^5 after the fifth retransmission: 4 (1.8^6 - 1) / 0.8 = 165.06112 s.
        Time t = When(s.clientSent, "MM5");
        for (int i = 0; i <= 5; ++i)
        {
            t += Seconds(4 * std::pow(1.8, i));
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(When(s.clientState, "FAILED").GetSeconds(), t.GetSeconds(), 1e-9,
                                  "initiator failure time");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            (When(s.clientState, "FAILED") - When(s.clientSent, "MM5")).GetSeconds(), 165.06112,
            1e-6, "165.06112 s after MM5");
        // MM1, MM3, MM5 and 5 MM5 retransmissions reached the LNS on UDP 500.
        NS_TEST_ASSERT_MSG_EQ(s.lns.ike500, 8u, "MM1, MM3, 6 x MM5");
        NS_TEST_ASSERT_MSG_EQ(s.lns.esp50 + s.lns.esp4500 + s.lns.l2tpClear, 0u, "no L2TP");
        NS_TEST_ASSERT_MSG_EQ(s.clientSadN + s.lnsSadN, 0u, "no SA in either SAD");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa) + Names(s.lnsSa), "", "no SA installed");
        NS_TEST_ASSERT_MSG_GT(s.clientL2tpTx, 0u, "L2TP tried");
        // The SCCRQ and its retransmissions: the first 4 wait (AcquireQueueLimit 4) and are
        // dropped when IKE fails, the others find the queue full.
        NS_TEST_ASSERT_MSG_GT(s.clientL2tpTx, 4u, "more SCCRQs than the queue holds");
        NS_TEST_ASSERT_MSG_EQ(s.clientAcquireFailed, 4u, "the queued ones: acquire-failed");
        NS_TEST_ASSERT_MSG_EQ(s.clientAcquireOverflow, s.clientL2tpTx - 4,
                              "the rest: acquire-overflow");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Without NAT-keepalives the tunnel breaks and DPD notices: the client is idle and
 * silent (no keepalives, no DPD, no LCP echo, no L2TP HELLO), its NAT mapping expires after
 * 30 s, and the LNS's DPD R-U-THEREs die at the NAT (no mapping for them), so the LNS
 * declares the client dead and deletes its SAs.
 */
class IpsecLnsDpdTest : public TestCase
{
public:
    IpsecLnsDpdTest()
        : TestCase("idle L2TP over IPsec behind a 30 s NAT, keepalives off, silent client: "
                   "the LNS's R-U-THEREs die at the NAT, DPD declares the client dead")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.nat = true;
        s.idle = true;
        s.natUdpLifetime = Seconds(30);
        s.keepalive = Seconds(0);
        s.dpdDelay = Seconds(0); // the client only answers R-U-THERE
        s.lnsDpdDelay = Seconds(30);
        s.dpdTimeout = Seconds(150);
        s.echoAt = {};
        s.stop = Seconds(200);
        s.Run();
        // The LNS's DPD ticks every second from its ESTABLISHED (tL); the last packet it
        // heard from the client is the last ESP of the PPP setup (lastIn). R-U-THERE #k goes
        // out at the first tick >= lastIn + 30 k s; the client's mapping (refreshed last by
        // that same ESP, which left the client 15 ms earlier) is gone by then, so the NAT
        // drops every one; the client is dead at the first tick >= lastIn + 150 s.
        Time tL = When(s.lnsState, "ESTABLISHED");
        NS_TEST_ASSERT_MSG_EQ((tL > Seconds(1) && tL < Seconds(2)), true, "IKE done at once");
        NS_TEST_ASSERT_MSG_EQ(s.lns.espAt.empty(), false, "the PPP setup ran in ESP");
        const Time lastIn = s.lns.espAt.back();
        auto firstTick = [tL](Time after)
        {
            return FirstTick(tL, after);
        };
        for (std::size_t k = 0; k < 4; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(When(s.lnsSent, "R-U-THERE", k),
                                  firstTick(lastIn + Seconds(30 * (k + 1))),
                                  "R-U-THERE #" << k + 1);
        }
        NS_TEST_EXPECT_MSG_EQ(When(s.lnsSent, "R-U-THERE", 4), Seconds(-1), "no fifth");
        NS_TEST_EXPECT_MSG_EQ(When(s.clientReceived, "R-U-THERE"), Seconds(-1),
                              "none reaches the client");
        NS_TEST_EXPECT_MSG_EQ(When(s.lnsState, "FAILED"), firstTick(lastIn + Seconds(150)),
                              "DPD: dead at the first tick >= 150 s after lastIn");
        NS_TEST_EXPECT_MSG_EQ(s.lnsSadN, 0u, "the LNS removed its SAs");
        NS_TEST_EXPECT_MSG_EQ(s.lnsPortChanges.size(), 0u, "nothing came from a new port");
        NS_TEST_EXPECT_MSG_EQ(s.clientSadN, 1u, "the client, silent, keeps its inbound SA");
        NS_TEST_EXPECT_MSG_EQ(s.lns.keepalive, 0u, "no keepalives");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief An idle tunnel behind a NAT whose UDP mappings live 30 s: with NAT-keepalives every
 * 20 s the mapping survives 10 minutes and traffic passes; without them it expires, the
 * client's next DPD R-U-THERE comes from a new NAT port, and the LNS follows it (RFC 3947
 * section 4): the ACK and later traffic reach the client.
 */
class IpsecKeepaliveTest : public TestCase
{
public:
    IpsecKeepaliveTest(bool keepalives)
        : TestCase(std::string("idle L2TP over IPsec behind a 30 s NAT, keepalives ")
                   + (keepalives ? "on: mapping kept, traffic after 10 min"
                                 : "off: mapping lost, the LNS follows the new port"))
        , m_keepalives(keepalives)
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.nat = true;
        s.idle = true;
        s.natUdpLifetime = Seconds(30);
        s.lnsDpdDelay = Seconds(0); // the LNS only answers R-U-THERE
        if (m_keepalives)
        {
            s.keepalive = Seconds(20);
            s.dpdDelay = Seconds(0); // only keepalives leave the client while idle
            s.echoAt = {Seconds(610)};
            s.stop = Seconds(612);
        }
        else
        {
            s.keepalive = Seconds(0);
            s.dpdDelay = Seconds(30);
            s.dpdTimeout = Seconds(150);
            s.echoAt = {Seconds(100)};
            s.stop = Seconds(190);
        }
        s.Run();
        // QM2 reached the client at tE: SAs installed, DPD / keepalive timer ticks every
        // second from there.
        Time tE = When(s.clientState, "ESTABLISHED");
        NS_TEST_ASSERT_MSG_EQ((tE > Seconds(1) && tE < Seconds(2)), true, "IKE done at once");
        if (m_keepalives)
        {
            // A keepalive 20 s after the client's last ESP (the end of the PPP setup), then
            // every 20 s; each needs 5 + 10 ms (plus microseconds) to reach the LNS.
            std::vector<Time> ka
                = KeepaliveTimes(tE, s.clientL2tpTxAt, Seconds(20), s.stop - MilliSeconds(16));
            uint32_t expected = ka.size();
            NS_TEST_ASSERT_MSG_EQ((ka[0] - s.clientL2tpTxAt.front() > Seconds(20)), true,
                                  "first keepalive after 20 s of silence");
            NS_TEST_ASSERT_MSG_EQ(expected, 30u, "30 keepalives in 10 idle minutes");
            NS_TEST_ASSERT_MSG_EQ(s.lns.keepalive, expected, "every keepalive reached the LNS");
            // Only the UDP 500 mapping (idle since MM4 at ~1 s) expired, not the 4500 one.
            NS_TEST_ASSERT_MSG_EQ(s.natExpired, 1u, "only the IKE 500 mapping expired");
            NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 1u, "the echo at 610 s passes");
            NS_TEST_ASSERT_MSG_EQ(Names(s.clientState),
                                  "MM1_SENT,MM3_SENT,MM5_SENT,PHASE1_ESTABLISHED,"
                                  "QM1_SENT,"
                                  "ESTABLISHED",
                                  "still established");
        }
        else
        {
            // DPD (client), ticking every second from tE: the last packet heard from the LNS
            // is the last ESP received during the PPP setup (lastIn); R-U-THERE #1 goes out
            // at the first tick 30 s after it. By then the NAT mapping of UDP 4500, last
            // refreshed by the client's last ESP (lastOut), has expired (30 s): #1 opens a
            // new mapping with a new port (1025 after 1024: sequential allocation), the LNS
            // takes the port from the authenticated R-U-THERE and its ACK reaches the client.
            Time lastIn = s.clientL2tpRxAt.front();
            for (Time t : s.clientL2tpRxAt)
            {
                lastIn = t < Seconds(100) ? t : lastIn; // before the echo reply
            }
            Time lastOut = s.clientL2tpTxAt.front();
            for (Time t : s.clientL2tpTxAt)
            {
                lastOut = t < Seconds(100) ? t : lastOut; // before the echo at 100 s
            }
            auto firstTick = [tE](Time after)
            {
                return FirstTick(tE, after);
            };
            Time rut1 = firstTick(lastIn + Seconds(30));
            NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "R-U-THERE"), rut1, "#1");
            NS_TEST_ASSERT_MSG_EQ((lastOut + Seconds(30) < rut1), true,
                                  "the mapping expired before #1");
            NS_TEST_ASSERT_MSG_EQ(When(s.lnsPortChanges, "1024->1025"),
                                  When(s.lnsReceived, "R-U-THERE"), "the LNS follows at #1");
            NS_TEST_ASSERT_MSG_EQ((When(s.clientReceived, "R-U-THERE-ACK") > rut1), true,
                                  "the ACK reaches the client");
            NS_TEST_ASSERT_MSG_EQ(When(s.clientState, "FAILED"), Seconds(-1), "no DPD failure");
            NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 1u, "the echo at 100 s is answered");
            NS_TEST_ASSERT_MSG_EQ(s.lns.keepalive, 0u, "no keepalives");
            NS_TEST_ASSERT_MSG_EQ(s.clientSadN, 1u, "the client keeps its SAs");
            NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa), "installed udp", "");
        }
    }

    bool m_keepalives;
};

/**
 * \ingroup l2tp-tests
 * \brief Rekey: with a 120 s ESP lifetime and a 30 s margin, the initiator runs a new
 * Quick Mode at exactly tE + 90 s; a UDP echo every second across it loses nothing; the old
 * SAs go away through Delete(ESP) and DeleteDelay.
 */
class IpsecRekeyTest : public TestCase
{
public:
    IpsecRekeyTest()
        : TestCase("L2TP over IPsec rekey: new Quick Mode at lifetime - margin, no loss")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.phase2Lifetime = 120;
        s.rekeyMargin = Seconds(30);
        s.echoAt.clear();
        for (int i = 80; i <= 110; ++i)
        {
            s.echoAt.push_back(Seconds(i));
        }
        s.stop = Seconds(112);
        s.Run();
        Time tE = When(s.clientState, "ESTABLISHED");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSent).substr(0, 19), kClientSent, "first exchange");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "QM1", 1), tE + Seconds(90),
                              "rekey QM1 at tE + 120 s - 30 s");
        Time tE2 = When(s.clientState, "ESTABLISHED", 1);
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "QM3", 1), tE2, "QM3 when QM2 arrived");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "Delete ESP"), tE2, "Delete(ESP) right after");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSent), "MM2,MM4,MM6,QM2,QM2",
                              "LNS: one QM2 per Quick Mode; no DPD while ESP flows");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSent), "MM1,MM3,MM5,QM1,QM3,QM1,QM3,Delete ESP",
                              "client: Main Mode, two Quick Modes, Delete(ESP) of the old SA");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa),
                              "installed esp,rekeyed esp,deleted rekeyed,deleted rekeyed",
                              "client: old outbound at once, old inbound after DeleteDelay");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSa, "deleted rekeyed", 1), tE2 + Seconds(5),
                              "old inbound SA removed DeleteDelay (5 s) after the rekey");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSa),
                              "installed esp,rekeyed esp,deleted peer Delete(ESP),"
                              "deleted peer Delete(ESP)",
                              "LNS: old outbound on the Delete, old inbound 5 s later");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 31u, "every echo across the rekey answered");
        NS_TEST_ASSERT_MSG_EQ(s.lnsUnknownSpi, 0u, "no packet for a removed SA");
        NS_TEST_ASSERT_MSG_EQ(s.clientSadN, 1u, "client: the new inbound SA only");
        NS_TEST_ASSERT_MSG_EQ(s.lnsSadN, 1u, "LNS: the new inbound SA only");
        NS_TEST_ASSERT_MSG_EQ(s.espSaLines.size(), 4u, "both generations in the key file");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Two clients behind one NAT reach one LNS: to the LNS both tunnels come from
 * 203.0.113.1:1701 inside ESP in UDP from two NAT ports. Each decapsulated datagram carries
 * the inbound SA (IpsecSaTag), L2TP keeps it per tunnel and tags what the tunnel sends, and
 * the output takes the outbound SA paired with it: both clients get their replies.
 */
class IpsecTwoClientsTest : public TestCase
{
public:
    IpsecTwoClientsTest(bool rekey)
        : TestCase(std::string("two L2TP over IPsec clients behind one NAT, one LNS: both pass "
                               "traffic")
                   + (rekey ? ", across both rekeys" : ""))
        , m_rekey(rekey)
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.nat = true;
        s.twoClients = true;
        if (m_rekey)
        {
            // Lifetime 120 s, margin 30 s: alice rekeys at about 91 s, bob at about 91.5 s;
            // one echo a second from each across both (bob's 0.5 s after alice's).
            s.phase2Lifetime = 120;
            s.rekeyMargin = Seconds(30);
            s.echoAt.clear();
            for (int i = 80; i <= 110; ++i)
            {
                s.echoAt.push_back(Seconds(i));
            }
            s.stop = Seconds(112);
        }
        s.Run();
        if (m_rekey)
        {
            NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSa),
                                  "installed udp,installed udp,rekeyed udp,deleted peer "
                                  "Delete(ESP),rekeyed udp,deleted peer Delete(ESP),deleted peer "
                                  "Delete(ESP),deleted peer Delete(ESP)",
                                  "both pairs rekeyed, the old ones deleted");
            NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 31u, "alice: every echo answered");
            NS_TEST_ASSERT_MSG_EQ(s.echoReplies2, 31u, "bob: every echo answered");
            NS_TEST_ASSERT_MSG_EQ(s.lnsUnknownSpi, 0u, "no ESP for an unknown SPI");
            NS_TEST_ASSERT_MSG_EQ(s.lnsSadN, 2u, "the two new inbound SAs");
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeSessions, 2u, "two ISAKMP SAs at the LNS");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSa), "installed udp,installed udp", "two SA pairs");
        NS_TEST_ASSERT_MSG_EQ(s.lnsNat.size(), 2u, "NAT-D evaluated twice");
        NS_TEST_ASSERT_MSG_EQ(s.lnsNat[0] + " " + s.lnsNat[1], "-/remote -/remote",
                              "both peers behind a NAT");
        NS_TEST_ASSERT_MSG_EQ(s.lns.espPorts.size(), 2u, "ESP from two NAT ports");
        NS_TEST_ASSERT_MSG_EQ(s.lns.esp50 + s.lns.l2tpClear, 0u, "all in UDP 4500");
        NS_TEST_ASSERT_MSG_EQ(s.lnsTunnels, 2u, "two L2TP tunnels from 203.0.113.1:1701");
        NS_TEST_ASSERT_MSG_EQ(s.pppSessions, 2u, "two PPP sessions");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 3u, "alice: three echo replies");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies2, 3u, "bob: three echo replies");
        NS_TEST_ASSERT_MSG_EQ(s.lnsUnknownSpi, 0u, "no ESP for an unknown SPI");
        NS_TEST_ASSERT_MSG_EQ(s.espSaLines.size(), 4u, "one outbound SA per side and client");
    }

    bool m_rekey;
};

/// \return the tshark -o options for the key files the example wrote into \p dir
std::string
KeyFileOptions(const std::string& dir)
{
    std::string opts = "-o esp.enable_encryption_decode:TRUE "
                       "-o esp.enable_authentication_check:TRUE";
    for (const auto& f : {std::string("esp_sa"), std::string("ikev1_decryption_table")})
    {
        for (const auto& line : ReadLines(dir + "/" + f))
        {
            if (!line.empty() && line[0] != '#')
            {
                opts += " -o " + ShellQuoteArg("uat:" + f + ":" + line);
            }
        }
    }
    return opts;
}

/**
 * \ingroup l2tp-tests
 * \brief Without rekeying, each side removes its SA pair exactly at the 60 s lifetime after
 * installing it; the next L2TP packet (an echo at 70 s) makes the client run a new Quick
 * Mode in the living ISAKMP SA at that instant, and the echo passes.
 */
class IpsecExpiryTest : public TestCase
{
public:
    IpsecExpiryTest()
        : TestCase("L2TP over IPsec SA expiry without rekey, then a new Quick Mode on traffic")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.rekey = false;
        s.idle = true;
        s.phase2Lifetime = 60;
        s.dpdDelay = Seconds(0); // nothing but the echo after the setup
        s.lnsDpdDelay = Seconds(0);
        s.echoAt = {Seconds(70)};
        s.stop = Seconds(72);
        s.Run();
        Time tE = When(s.clientState, "ESTABLISHED");
        Time tR = When(s.lnsState, "ESTABLISHED");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSa, "expired outbound"), tE + Seconds(60),
                              "client pair expires 60 s after QM2 arrived");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSa, "expired inbound"), tE + Seconds(60), "");
        NS_TEST_ASSERT_MSG_EQ(When(s.lnsSa, "expired outbound"), tR + Seconds(60),
                              "LNS pair expires 60 s after QM3 arrived");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSent), "MM1,MM3,MM5,QM1,QM3,QM1,QM3",
                              "one Main Mode, two Quick Modes");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "QM1", 1), Seconds(70),
                              "the echo's L2TP packet acquires at 70 s");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa),
                              "installed esp,expired outbound,expired inbound,installed esp",
                              "client SA history");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSa),
                              "installed esp,expired outbound,expired inbound,installed esp",
                              "LNS SA history");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 1u, "the echo passes after the new Quick Mode");
        NS_TEST_ASSERT_MSG_EQ(s.clientSadN + s.lnsSadN, 2u, "one inbound SA each");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Datagrams on UDP 500 and 4500 that name no ISAKMP SA or do not parse are dropped
 * with their reasons, open no session, and leave the daemon working for the real client.
 */
class IpsecJunkTest : public TestCase
{
public:
    IpsecJunkTest()
        : TestCase("junk on UDP 500 and 4500: counted drops, no session, the client still connects")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.junk = true;
        s.echoAt = {Seconds(5)};
        s.stop = Seconds(6);
        s.Run();
        // The 6 datagrams of SendJunk (l2tp-ipsec-scenario.cc), in order.
        std::string all;
        for (const auto& d : s.lnsIkeDrops)
        {
            all += d + "; ";
        }
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeDrops.size(), 5u, "junk dropped by the daemon: " << all);
        s.lnsIkeDrops.resize(5);
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeDrops[0],
                              "bad ISAKMP header: ISAKMP header truncated: 3 < 28 bytes", "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeDrops[1],
                              "bad ISAKMP header: unsupported ISAKMP major version 2", "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeDrops[2], "no ISAKMP SA for this initiator cookie", "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeDrops[3], "no ISAKMP SA for this initiator cookie", "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeDrops[4], "no ISAKMP SA for this initiator cookie", "");
        // The marker and 10 bytes are too short to be IKE after a marker (RFC 3948): the
        // UDP 4500 demultiplexer drops them before the daemon.
        NS_TEST_ASSERT_MSG_EQ(s.lnsEspTruncated, 1u, "the short one dropped by EspL4Protocol");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeSessionsAt1s, 0u, "no session from junk");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeSessions, 1u, "one session: the client's");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSa), "installed esp", "the client's SAs");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 1u, "traffic passes");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief ModeledCipher: the daemons install modeled-suite SAs; the run is the same as with
 * OpenSSL (the same packets of the same sizes at the same times at the LNS), only without
 * cipher work. Also checks that two identical runs are identical (determinism).
 */
class IpsecModeledTest : public TestCase
{
public:
    IpsecModeledTest()
        : TestCase("ModeledCipher SAs: same packets, sizes and times as OpenSSL; runs repeat")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario real;
        real.Run();
        IpsecScenario again;
        again.Run();
        IpsecScenario modeled;
        modeled.modeled = true;
        modeled.Run();
        NS_TEST_ASSERT_MSG_EQ(real.modeledSas, false, "OpenSSL SAs by default");
        NS_TEST_ASSERT_MSG_EQ(modeled.modeledSas, true, "modeled SAs with ModeledCipher");
        NS_TEST_ASSERT_MSG_EQ(modeled.echoReplies, 3u, "traffic passes");
        NS_TEST_ASSERT_MSG_GT(real.lns.espSizes.size(), 10u, "ESP ran");
        NS_TEST_ASSERT_MSG_EQ((modeled.lns.espSizes == real.lns.espSizes), true, "same sizes");
        NS_TEST_ASSERT_MSG_EQ((modeled.lns.espAt == real.lns.espAt), true, "same times");
        NS_TEST_ASSERT_MSG_EQ((again.lns.espAt == real.lns.espAt), true, "a second run repeats");
        NS_TEST_ASSERT_MSG_EQ((again.espSaLines == real.espSaLines), true, "same keys");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Smoke test of examples/l2tp-ipsec-nat.cc: it runs, the echo and the TCP transfer
 * pass through NAT-T ESP, and tshark decrypts both captures (inside and outside the NAT)
 * and the IKE exchange with the key files the program wrote.
 */
class IpsecExampleTest : public TestCase
{
public:
    IpsecExampleTest()
        : TestCase("the l2tp-ipsec-nat example: NAT-T, echo and TCP, key files decrypt both pcaps")
    {
    }

private:
    void DoRun() override
    {
#ifdef L2TP_EXAMPLES_DIR
        std::string dir = MakeTempDir("l2tp-ipsec-nat-example");
        int status = 0;
        std::string out = RunCommand(std::string(L2TP_EXAMPLES_DIR) + "/l2tp-ipsec-nat --outputDir="
                                         + dir + " --bytes=300000 --stopTime=12 2>&1",
                                     status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, out);
        std::size_t at = out.find("results: ");
        NS_TEST_ASSERT_MSG_NE(at, std::string::npos, out);
        std::string results = out.substr(at, out.find('\n', at) - at);
        NS_TEST_ASSERT_MSG_NE(results.find("echo-replies=3 tcp-bytes=300000 ike=ESTABLISHED "
                                           "nat-t=1"),
                              std::string::npos, results);
        // The three ICMP pings (IcmpEchoProbe) at 2.5, 3.5 and 4.5 s, inside the same ESP.
        NS_TEST_ASSERT_MSG_NE(results.find(" ping-replies=3"), std::string::npos, results);
        std::string opts = KeyFileOptions(dir);
        std::string fields = " -T fields -e frame.protocols -e esp.icv_good -e _ws.malformed"
                             " 2>/dev/null";
        std::string home
            = RunCommand("tshark -r " + dir + "/home-1-1.pcap " + opts + fields, status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark on the home capture");
        std::string internet
            = RunCommand("tshark -r " + dir + "/internet-2-1.pcap " + opts + fields, status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark on the Internet capture");
        // Inside and outside the NAT the same frames decode the same way (only addresses,
        // ports and the interleaving of the two directions differ; the wildcard esp_sa
        // entries ignore addresses).
        std::vector<std::string> h = Split(home, '\n');
        std::vector<std::string> i = Split(internet, '\n');
        std::sort(h.begin(), h.end());
        std::sort(i.begin(), i.end());
        NS_TEST_ASSERT_MSG_EQ((h == i), true, "same dissection on both sides of the NAT");
        uint32_t esp = 0;
        uint32_t tcp = 0;
        uint32_t isakmp = 0;
        uint32_t keepalive = 0;
        for (const auto& line : Split(internet, '\n'))
        {
            if (line.empty())
            {
                continue;
            }
            std::vector<std::string> f = Split(line, '\t');
            f.resize(3);
            NS_TEST_ASSERT_MSG_EQ(f[2], "", "not malformed: " << line);
            if (f[0].find(":esp:") != std::string::npos)
            {
                ++esp;
                NS_TEST_ASSERT_MSG_EQ(f[1], "1", "ICV good: " << line);
                NS_TEST_ASSERT_MSG_EQ(f[0].rfind("ppp:ip:udp:udpencap:esp:udp:l2tp", 0), 0u,
                                      "ESP in UDP 4500 carrying L2TP: " << line);
                tcp += f[0].find("l2tp:ppp:ip:tcp") != std::string::npos ? 1 : 0;
            }
            else if (f[0].find("isakmp") != std::string::npos)
            {
                ++isakmp;
            }
            else if (f[0] == "ppp:ip:udp:udpencap")
            {
                ++keepalive;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(isakmp, 9u, "MM 1-6 and QM 1-3");
        NS_TEST_ASSERT_MSG_GT(tcp, 200u, "the TCP transfer ran inside ESP");
        // stopTime 12 s: one keepalive at QM3 + 20 s would be too late; none in the capture
        NS_TEST_ASSERT_MSG_EQ(keepalive, 0u,
                              "no keepalive before 12 s (the first is due at "
                              "about 20.3 s)");
        std::map<std::string, uint64_t> r;
        for (const auto& kv : Split(results.substr(9), ' '))
        {
            std::size_t eq = kv.find('=');
            if (eq != std::string::npos && std::isdigit(static_cast<unsigned char>(kv[eq + 1])))
            {
                r[kv.substr(0, eq)] = std::stoull(kv.substr(eq + 1));
            }
        }
        NS_TEST_ASSERT_MSG_EQ(esp, r["lns-esp-in"] + r["lns-esp-out"],
                              "every ESP packet the LNS received or sent is in its capture");
        NS_TEST_ASSERT_MSG_EQ(r["lns-esp-in"], r["client-esp-out"], "none lost");
        // Full TCP segments: IPv4 1400 (the PPP MTU) + PPP 4 + L2TP 8 + UDP 8 = 1420 in ESP,
        // 8 + 16 (IV) + 1420 + 2 (pad) + 2 + 12 (ICV) = 1460, + UDP 8 + IPv4 20 = 1488.
        std::string lens = RunCommand(
            "tshark -r " + dir + "/internet-2-1.pcap -T fields -e ip.len 2>/dev/null", status);
        uint32_t maxLen = 0;
        for (const auto& l : Split(lens, '\n'))
        {
            maxLen = l.empty() ? maxLen : std::max<uint32_t>(maxLen, std::stoul(l));
        }
        NS_TEST_ASSERT_MSG_EQ(maxLen, 1488u, "largest packet outside: a full segment in ESP");
        // The decrypted MM5 (ID, HASH, N(INITIAL-CONTACT)) shows the IKE key file works.
        std::string ike = RunCommand("tshark -r " + dir + "/internet-2-1.pcap " + opts
                                         + " -Y isakmp -T fields -e isakmp.typepayload"
                                           " 2>/dev/null",
                                     status);
        NS_TEST_ASSERT_MSG_NE(ike.find("5,8,11\n"), std::string::npos, "MM5 decrypted: " << ike);
#endif
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The suite.
 */
class IpsecSystemTestSuite : public TestSuite
{
public:
    IpsecSystemTestSuite()
        : TestSuite("l2tp-ipsec-system", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new IpsecNoNatTest);
        AddTestCase(new IpsecNatTest);
        AddTestCase(new IpsecWrongPskTest);
        AddTestCase(new IpsecKeepaliveTest(true));
        AddTestCase(new IpsecKeepaliveTest(false));
        AddTestCase(new IpsecLnsDpdTest);
        AddTestCase(new IpsecRekeyTest);
        AddTestCase(new IpsecExpiryTest);
        AddTestCase(new IpsecTwoClientsTest(false));
        AddTestCase(new IpsecTwoClientsTest(true));
        AddTestCase(new IpsecJunkTest);
        AddTestCase(new IpsecModeledTest);
        AddTestCase(new IpsecExampleTest);
    }
};

IpsecSystemTestSuite g_ipsecSystemTestSuite;

} // namespace
