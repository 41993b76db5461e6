/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv1 lifetimes and their corner cases: an Informational exchange (DPD) during a rekeying
 * Quick Mode must not replace the message the Quick Mode retransmits (IkeSession back to
 * back, the send callbacks deliver after 1 ms); the ISAKMP SA's own lifetime, with the
 * initiator's re-authentication (a new Main Mode that takes over the ESP SAs, Delete(ISAKMP)
 * of the old one) and without it (the ISAKMP SA ends, the ESP SAs live on until their own
 * lifetime, then traffic starts a new Main Mode), end to end in the network of
 * l2tp-ipsec-scenario.h, with tshark decrypting the Deletes; and the LNS following a NAT's new
 * port for the client from an authenticated IKE message or ESP packet (RFC 3947 section 4).
 */
#include "l2tp-ipsec-scenario.h"
#include "l2tp-test-util.h"

#include "ns3/ike-session.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Two IkeSessions back to back with a 1-ms "wire" that can drop the nth datagram.
class BackToBack
{
public:
    BackToBack()
    {
        client = CreateObject<IkeSession>();
        server = CreateObject<IkeSession>();
        for (auto s : {client, server})
        {
            s->SetAttribute("PreSharedKey", StringValue("lifetime-psk"));
            s->SetAttribute("DpdDelay", TimeValue(Seconds(0)));
            s->SetAttribute("NatKeepaliveInterval", TimeValue(Seconds(0)));
        }
        client->AssignStreams(30);
        server->AssignStreams(40);
        client->SetSendCallback(MakeCallback(&BackToBack::FromClient, this));
        server->SetSendCallback(MakeCallback(&BackToBack::FromServer, this));
        client->SetEstablishedCallback(MakeCallback(&BackToBack::ClientUp, this));
        server->SetEstablishedCallback(MakeCallback(&BackToBack::ServerUp, this));
        client->TraceConnectWithoutContext("MessageSent",
                                           MakeCallback(&BackToBack::Log, this, &clientSent));
        server->TraceConnectWithoutContext("MessageSent",
                                           MakeCallback(&BackToBack::Log, this, &serverSent));
        client->TraceConnectWithoutContext("MessageRetransmitted",
                                           MakeCallback(&BackToBack::Log, this, &clientRtx));
        server->TraceConnectWithoutContext("MessageRetransmitted",
                                           MakeCallback(&BackToBack::Log, this, &serverRtx));
    }

    /// Establish at 0 s and run until \p stop.
    void Run(Time stop)
    {
        server->StartResponder(m_server);
        Simulator::Schedule(Seconds(0), &IkeSession::StartInitiator, client, m_client, m_server);
        Simulator::Stop(stop);
        Simulator::Run();
    }

    Ptr<IkeSession> client;                      //!< initiator
    Ptr<IkeSession> server;                      //!< responder
    std::vector<std::string> clientSent;         //!< "name@ms"
    std::vector<std::string> serverSent;         //!< "name@ms"
    std::vector<std::string> clientRtx;          //!< "name@ms"
    std::vector<std::string> serverRtx;          //!< "name@ms"
    std::vector<std::string> clientUp, serverUp; //!< "@ms" of each EstablishedCallback
    uint32_t dropIndex = 1000;                   //!< datagram (0-based, both ways) to drop
    uint32_t datagrams = 0;                      //!< datagrams sent so far
    const Ipv4Address m_client{"192.168.77.2"};  //!< client address
    const Ipv4Address m_server{"10.201.0.2"};    //!< server address

private:
    static std::string At() { return "@" + std::to_string(Simulator::Now().GetMilliSeconds()); }

    void Log(std::vector<std::string>* log, const std::string& name, uint32_t)
    {
        log->push_back(name + At());
    }

    void ClientUp(const IkeChildSaKeys&) { clientUp.push_back(At()); }

    void ServerUp(const IkeChildSaKeys&) { serverUp.push_back(At()); }

    void FromClient(const std::vector<uint8_t>& b, Ipv4Address dst, uint16_t sp, uint16_t dp)
    {
        if (datagrams++ != dropIndex)
        {
            Simulator::Schedule(MilliSeconds(1), &IkeSession::Receive, server, b, m_client, sp, dst,
                                dp);
        }
    }

    void FromServer(const std::vector<uint8_t>& b, Ipv4Address dst, uint16_t sp, uint16_t dp)
    {
        if (datagrams++ != dropIndex)
        {
            Simulator::Schedule(MilliSeconds(1), &IkeSession::Receive, client, b, m_server, sp, dst,
                                dp);
        }
    }
};

/// \return the entries of \p v joined by spaces
std::string
Joined(const std::vector<std::string>& v)
{
    std::string s;
    for (const auto& x : v)
    {
        s += (s.empty() ? "" : " ") + x;
    }
    return s;
}

/**
 * \ingroup l2tp-tests
 * \brief A DPD exchange while a rekeying Quick Mode waits for its answer.
 *
 * Main Mode and Quick Mode take 1 ms per message: QM3 leaves the client at 8 ms, the server
 * installs at 9 ms. The client's DPD timer ticks every second from 8 ms; with DpdDelay 10 s
 * and nothing heard since 8 ms it sends R-U-THERE at 10.008 s (the server answers at
 * 10.009 s). The client rekeys at 9 s (QM1, datagram 9); the test drops either that QM1 or
 * the server's QM2 (datagram 10). The retransmission timers (4 s) then fire at 13.000 s
 * (client, QM1) and 13.001 s (server, QM2): they must resend the Quick Mode message, not the
 * DPD message sent in between (the bug: Informational sends replaced the stored message).
 */
class IkeDpdDuringQuickModeTest : public TestCase
{
public:
    /// \param dropQm2 drop the server's QM2 instead of the client's QM1
    explicit IkeDpdDuringQuickModeTest(bool dropQm2)
        : TestCase(std::string("A DPD exchange during a rekey does not replace the ")
                   + (dropQm2 ? "responder's QM2" : "initiator's QM1") + " to retransmit")
        , m_dropQm2(dropQm2)
    {
    }

private:
    void DoRun() override
    {
        BackToBack p;
        p.client->SetAttribute("DpdDelay", TimeValue(Seconds(10)));
        p.dropIndex = m_dropQm2 ? 10 : 9;
        Simulator::Schedule(Seconds(9), &IkeSession::StartQuickMode, p.client);
        // Stop before the next DPD (10 s after the last message heard, at 13.002 s or later).
        p.Run(Seconds(20));
        if (!m_dropQm2)
        {
            NS_TEST_ASSERT_MSG_EQ(
                Joined(p.clientSent),
                "MM1@0 MM3@2 MM5@4 QM1@6 QM3@8 QM1@9000 R-U-THERE@10008 QM3@13002", "");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.clientRtx), "QM1@13000", "QM1 again, not R-U-THERE");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.serverSent),
                                  "MM2@1 MM4@3 MM6@5 QM2@7 R-U-THERE-ACK@10009 QM2@13001", "");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.serverRtx), "", "");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.clientUp), "@8 @13002", "");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.serverUp), "@9 @13003", "");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(
                Joined(p.clientSent),
                "MM1@0 MM3@2 MM5@4 QM1@6 QM3@8 QM1@9000 R-U-THERE@10008 QM3@13002", "");
            // The server's timer (scheduled at 9.001 s) fires before the repeated QM1 that
            // arrives at the same instant; the client answers the second QM2 (a duplicate
            // of the one it accepted) with its stored QM3.
            NS_TEST_ASSERT_MSG_EQ(Joined(p.clientRtx), "QM1@13000 QM3@13002", "");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.serverSent),
                                  "MM2@1 MM4@3 MM6@5 QM2@7 QM2@9001 R-U-THERE-ACK@10009", "");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.serverRtx), "QM2@13001 QM2@13001",
                                  "QM2 again, not R-U-THERE-ACK");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.clientUp), "@8 @13002", "");
            NS_TEST_ASSERT_MSG_EQ(Joined(p.serverUp), "@9 @13003", "");
        }
        NS_TEST_ASSERT_MSG_EQ(p.client->GetState(), IkeSession::ESTABLISHED, "");
        NS_TEST_ASSERT_MSG_EQ(p.server->GetState(), IkeSession::ESTABLISHED, "");
        Simulator::Destroy();
    }

    bool m_dropQm2; //!< which message the test drops
};

/// The client's SA events across three ESP rekeys (the ISAKMP rekey adds none).
const char* const kSaLogEsp = "installed esp,rekeyed esp,deleted rekeyed,deleted rekeyed,"
                              "rekeyed esp,deleted rekeyed,deleted rekeyed,rekeyed esp,"
                              "deleted rekeyed,deleted rekeyed";
/// The same with UDP-encapsulated SAs.
const char* const kSaLogUdp = "installed udp,rekeyed udp,deleted rekeyed,deleted rekeyed,"
                              "rekeyed udp,deleted rekeyed,deleted rekeyed,rekeyed udp,"
                              "deleted rekeyed,deleted rekeyed";

/**
 * \ingroup l2tp-tests
 * \brief ISAKMP SA re-authentication: Phase1Lifetime 300 s, IsakmpRekeyMargin 60 s, ESP
 * lifetime 120 s with RekeyMargin 30 s, no NAT.
 */
class IsakmpRekeyTest : public TestCase
{
public:
    /// \param nat the client behind the NAT (the new Main Mode floats to the 4500 mapping
    /// that the ESP traffic keeps alive, so the LNS recognises the peer's endpoint)
    explicit IsakmpRekeyTest(bool nat)
        : TestCase(std::string("ISAKMP SA re-authenticated at lifetime - margin: new Main Mode, "
                               "ESP SAs move, Delete(ISAKMP), no loss")
                   + (nat ? ", behind a NAT" : ""))
        , m_nat(nat)
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.nat = m_nat;
        s.phase1Lifetime = 300;
        s.isakmpRekeyMargin = Seconds(60);
        s.phase2Lifetime = 120;
        s.rekeyMargin = Seconds(30);
        s.echoAt.clear();
        for (int i = 200; i <= 300; i += 2)
        {
            s.echoAt.push_back(Seconds(i));
        }
        s.stop = Seconds(320);
        if (!m_nat)
        {
            s.pcapDir = MakeTempDir("ipsec-lifetime");
        }
        s.Run();
        if (!m_nat)
        {
            std::string opts;
            for (const auto& line : s.ikeDecryptionLines)
            {
                opts += " -o 'uat:ikev1_decryption_table:" + line + "'";
            }
            int status = 0;
            std::string out = RunCommand(
                "tshark -r " + s.pcapDir + "/lns-2-1.pcap" + opts
                    + " -Y isakmp.exchangetype==5 -T fields -e isakmp.ispi "
                      "-e isakmp.typepayload -e isakmp.delete.protoid -e isakmp.delete.spi "
                      "-e _ws.expert.message 2>/dev/null",
                status);
            // The Informational messages in the LNS capture, decrypted with both ISAKMP SAs'
            // keys: initiator cookie, payloads (8 HASH, 12 Delete), Delete protocol, SPI,
            // expert info. Two Delete(ESP) and the Delete(ISAKMP) under the old ISAKMP SA,
            // then the third rekey's Delete(ESP) under the new one.
            NS_TEST_ASSERT_MSG_EQ(status, 0, out);
            NS_TEST_ASSERT_MSG_EQ(s.ikeDecryptionLines.size(), 2u, "two ISAKMP SAs");
            std::vector<std::vector<std::string>> rows;
            std::istringstream lines(out);
            for (std::string line; std::getline(lines, line);)
            {
                std::vector<std::string> f;
                std::istringstream fields(line);
                for (std::string x; std::getline(fields, x, '\t');)
                {
                    f.push_back(x);
                }
                f.resize(5);
                rows.push_back(f);
            }
            NS_TEST_ASSERT_MSG_EQ(rows.size(), 4u, out);
            for (std::size_t i = 0; i < rows.size() && rows.size() == 4; ++i)
            {
                const auto& r = rows[i];
                bool isakmp = i == 2;
                NS_TEST_ASSERT_MSG_EQ(r[1], "8,12", "HASH(1), Delete");
                NS_TEST_ASSERT_MSG_EQ(r[2], (isakmp ? "1" : "3"), "protocol ISAKMP / ESP");
                NS_TEST_ASSERT_MSG_EQ(r[3].size(), (isakmp ? 32u : 8u), "cookie pair / SPI");
                NS_TEST_ASSERT_MSG_EQ(r[4], "", "no expert info");
                // Each line is "CKY-I,key": the first two SAs' in order of creation.
                std::size_t sa = (i < 3 ? 0 : 1);
                NS_TEST_ASSERT_MSG_EQ(s.ikeDecryptionLines[sa].find(r[0] + ","), 0u,
                                      "under the ISAKMP SA of that cookie");
            }
            // The whole capture: no malformed frame, no error expert info.
            std::string bad = RunCommand("tshark -r " + s.pcapDir + "/lns-2-1.pcap" + opts
                                             + " -Y '_ws.malformed || _ws.expert.severity >= "
                                               "\"Error\"' 2>/dev/null",
                                         status);
            NS_TEST_ASSERT_MSG_EQ(status, 0, bad);
            NS_TEST_ASSERT_MSG_EQ(bad, "", "malformed or error frames");
            if (rows.size() == 4)
            {
                NS_TEST_ASSERT_MSG_EQ(rows[2][3].substr(0, 16), rows[2][0],
                                      "SPI = CKY-I | CKY-R of the old ISAKMP SA");
                NS_TEST_ASSERT_MSG_NE(rows[3][0], rows[2][0], "");
            }
        }
        // Main Mode ends for the client when MM6 arrives (tP1); the re-authentication starts
        // Phase1Lifetime - IsakmpRekeyMargin = 240 s later.
        Time tP1 = When(s.clientState, "PHASE1_ESTABLISHED");
        Time tP1b = When(s.clientState, "PHASE1_ESTABLISHED", 1);
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "MM1", 1), tP1 + Seconds(240),
                              "new Main Mode at lifetime - margin");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSent),
                              "MM1,MM3,MM5,QM1,QM3,QM1,QM3,Delete ESP,QM1,QM3,Delete ESP,"
                              "MM1,MM3,MM5,Delete ISAKMP,QM1,QM3,Delete ESP",
                              "Main Mode only (no Quick Mode), then Delete(ISAKMP) of the old SA");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSent), "MM2,MM4,MM6,QM2,QM2,QM2,MM2,MM4,MM6,QM2", "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "Delete ISAKMP"), tP1b,
                              "Delete(ISAKMP) as soon as MM6 of the new SA arrived");
        // States of both sessions interleaved: the new one adopts the ESP SAs (ESTABLISHED)
        // and the old one is deleted at the same instant.
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientState),
                              "MM1_SENT,MM3_SENT,MM5_SENT,PHASE1_ESTABLISHED,QM1_SENT,ESTABLISHED,"
                              "QM1_SENT,ESTABLISHED,QM1_SENT,ESTABLISHED,MM1_SENT,MM3_SENT,"
                              "MM5_SENT,PHASE1_ESTABLISHED,ESTABLISHED,DELETED,QM1_SENT,"
                              "ESTABLISHED",
                              "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientState, "DELETED"), tP1b, "");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientIsakmp), "rekeyed", "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientIsakmp, "rekeyed"), tP1b, "");
        // The LNS moves the SAs when the new Main Mode completes (MM6 sent) and deletes the
        // old ISAKMP SA when the Delete arrives.
        Time lnsP1b = When(s.lnsSent, "MM6", 1);
        NS_TEST_ASSERT_MSG_EQ(When(s.lnsIsakmp, "rekeyed"), lnsP1b, "");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsIsakmp), "rekeyed", "");
        NS_TEST_ASSERT_MSG_EQ(When(s.lnsState, "ESTABLISHED", 3), lnsP1b, "new SA adopts");
        NS_TEST_ASSERT_MSG_EQ(When(s.lnsState, "DELETED"), When(s.lnsReceived, "Delete ISAKMP"),
                              "old LNS session deleted by the peer's Delete(ISAKMP)");
        NS_TEST_ASSERT_MSG_EQ((When(s.lnsReceived, "Delete ISAKMP") > lnsP1b), true, "");
        // The ESP SAs did not notice: the third ESP rekey comes 90 s (lifetime 120 - margin
        // 30) after the second, as before, but in the new ISAKMP SA (the old one is gone).
        Time tE3 = When(s.clientState, "ESTABLISHED", 2);
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "QM1", 3), tE3 + Seconds(90), "");
        NS_TEST_ASSERT_MSG_EQ((When(s.clientSent, "QM1", 3) > tP1b), true, "after the move");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa), m_nat ? kSaLogUdp : kSaLogEsp,
                              "no SA removed or installed by the ISAKMP rekey");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 51u, "every echo (200 s .. 300 s, every 2 s)");
        NS_TEST_ASSERT_MSG_EQ(s.lnsUnknownSpi, 0u, "");
        NS_TEST_ASSERT_MSG_EQ(s.clientIsakmpSas, 1u, "the old ISAKMP SA is gone");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIsakmpSas, 1u, "the old ISAKMP SA is gone");
        NS_TEST_ASSERT_MSG_EQ(s.clientSessionStates.size(), 2u, "");
        NS_TEST_ASSERT_MSG_EQ(s.clientSessionStates[0] + " " + s.clientSessionStates[1],
                              "DELETED ESTABLISHED", "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsSessionStates.size(), 2u, "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsSessionStates[0] + " " + s.lnsSessionStates[1],
                              "DELETED ESTABLISHED", "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIkeDrops.size(), 0u, "");
    }

    bool m_nat; //!< client behind the NAT
};

/// \return "name@ms" for each event of \p log, space-separated (for failure messages)
std::string
Timeline(const std::vector<IkeEvent>& log)
{
    std::string s;
    for (const auto& e : log)
    {
        s += (s.empty() ? "" : " ") + e.what + "@" + std::to_string(e.at.GetMilliSeconds());
    }
    return s;
}

/**
 * \ingroup l2tp-tests
 * \brief An ESP rekey whose Quick Mode is still running in the old ISAKMP SA when the new
 * Main Mode completes: the initiator runs it again in the new ISAKMP SA.
 *
 * Phase1Lifetime 300 s and IsakmpRekeyMargin 60 s: the new MM1 leaves at tP1 + 240 s, and
 * its MM6 arrives three round trips (about 91 ms) later. ESP lifetime 300 s with RekeyMargin
 * 59.96 s: the ESP rekey QM1 leaves at tE + 240.04 s, about 10 ms before that MM6, so QM2
 * (one round trip, about 30 ms) cannot arrive first.
 */
class IsakmpRekeyDuringQuickModeTest : public TestCase
{
public:
    IsakmpRekeyDuringQuickModeTest()
        : TestCase("ISAKMP re-authentication completes during an ESP rekey: the Quick Mode runs "
                   "again in the new ISAKMP SA")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.phase1Lifetime = 300;
        s.isakmpRekeyMargin = Seconds(60);
        s.phase2Lifetime = 300;
        s.rekeyMargin = MilliSeconds(59960);
        s.echoAt.clear();
        for (int i = 230; i <= 260; i += 2)
        {
            s.echoAt.push_back(Seconds(i));
        }
        s.stop = Seconds(270);
        s.Run();
        // tE: QM2 arrived (pair installed); tP1b: the new MM6 arrived.
        Time tE = When(s.clientState, "ESTABLISHED");
        Time tP1b = When(s.clientState, "PHASE1_ESTABLISHED", 1);
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSent),
                              "MM1,MM3,MM5,QM1,QM3,MM1,MM3,MM5,QM1,Delete ISAKMP,QM1,QM3,"
                              "Delete ESP",
                              Timeline(s.clientSent));
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "QM1", 1), tE + MilliSeconds(240040),
                              "ESP rekey at lifetime - margin, in the old ISAKMP SA");
        NS_TEST_ASSERT_MSG_EQ((When(s.clientSent, "QM1", 1) < tP1b), true, "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "Delete ISAKMP"), tP1b, "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "QM1", 2), tP1b, "again, in the new SA");
        // The LNS answers both QM1s; the QM2 of the old ISAKMP SA reaches a deleted session.
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSent), "MM2,MM4,MM6,QM2,MM2,MM4,MM6,QM2,QM2",
                              Timeline(s.lnsSent));
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa),
                              "installed esp,rekeyed esp,deleted rekeyed,deleted rekeyed", "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSa, "rekeyed esp"), When(s.clientSent, "QM3", 1), "");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSa),
                              "installed esp,rekeyed esp,deleted peer Delete(ESP),"
                              "deleted peer Delete(ESP)",
                              "");
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 16u, "230 s .. 260 s every 2 s");
        NS_TEST_ASSERT_MSG_EQ(s.lnsUnknownSpi, 0u, "");
        NS_TEST_ASSERT_MSG_EQ(s.clientIsakmpSas, 1u, "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIsakmpSas, 1u, "");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief ISAKMP SA expiry without re-authentication (IsakmpRekey false): Phase1Lifetime
 * 300 s, ESP lifetime 120 s with RekeyMargin 30 s, no NAT.
 */
class IsakmpExpiryTest : public TestCase
{
public:
    IsakmpExpiryTest()
        : TestCase("ISAKMP SA expiry without re-authentication: Delete(ISAKMP) at the lifetime, "
                   "ESP SAs live on, then traffic starts a new Main Mode")
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.phase1Lifetime = 300;
        s.isakmpRekey = false;
        s.phase2Lifetime = 120;
        s.rekeyMargin = Seconds(30);
        s.echoAt.clear();
        for (int i = 280; i <= 420; i += 2)
        {
            s.echoAt.push_back(Seconds(i));
        }
        s.stop = Seconds(430);
        s.Run();
        // Each side counts the 300 s from its own end of Main Mode: the LNS when it sent MM6,
        // the client when MM6 arrived. Each sends Delete(ISAKMP) then; the other's Delete
        // arrives after its own expiry (MM6 took one path delay; the Delete is longer).
        Time tP1 = When(s.clientState, "PHASE1_ESTABLISHED");
        Time lnsP1 = When(s.lnsState, "PHASE1_ESTABLISHED");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientIsakmp), "expired", "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientIsakmp, "expired"), tP1 + Seconds(300), "");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsIsakmp), "expired", "");
        NS_TEST_ASSERT_MSG_EQ(When(s.lnsIsakmp, "expired"), lnsP1 + Seconds(300), "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "Delete ISAKMP"), tP1 + Seconds(300), "");
        NS_TEST_ASSERT_MSG_EQ(When(s.lnsSent, "Delete ISAKMP"), lnsP1 + Seconds(300), "");
        NS_TEST_ASSERT_MSG_EQ(When(s.clientState, "DELETED"), tP1 + Seconds(300), "");
        NS_TEST_ASSERT_MSG_EQ(When(s.lnsState, "DELETED"), lnsP1 + Seconds(300), "");
        // ESP rekeys at 90-s intervals (lifetime 120 - margin 30) until the ISAKMP SA is gone;
        // the pair installed by the third rekey (tE3) then simply expires at tE3 + 120 s, and
        // the next L2TP datagram after that starts a new Main Mode and Quick Mode.
        Time tE3 = When(s.clientState, "ESTABLISHED", 3);
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSa, "expired outbound"), tE3 + Seconds(120), "");
        Time next = Seconds(-1);
        for (const auto& t : s.clientL2tpTxAt)
        {
            if (t >= tE3 + Seconds(120))
            {
                next = t;
                break;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(When(s.clientSent, "MM1", 1), next, "acquire: new Main Mode");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSent),
                              "MM1,MM3,MM5,QM1,QM3,QM1,QM3,Delete ESP,QM1,QM3,Delete ESP,QM1,QM3,"
                              "Delete ESP,Delete ISAKMP,MM1,MM3,MM5,QM1,QM3",
                              "");
        NS_TEST_ASSERT_MSG_EQ(Names(s.lnsSent),
                              "MM2,MM4,MM6,QM2,QM2,QM2,QM2,Delete ISAKMP,MM2,MM4,MM6,QM2", "");
        NS_TEST_ASSERT_MSG_EQ(Names(s.clientSa),
                              "installed esp,rekeyed esp,deleted rekeyed,deleted rekeyed,"
                              "rekeyed esp,deleted rekeyed,deleted rekeyed,rekeyed esp,"
                              "deleted rekeyed,deleted rekeyed,expired outbound,expired inbound,"
                              "installed esp",
                              "");
        // Every echo answered (the one that found no SA waited in the acquire queue).
        NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 71u, "280 s .. 420 s every 2 s");
        NS_TEST_ASSERT_MSG_EQ(s.lnsUnknownSpi, 0u, "");
        // The old ISAKMP SA was forgotten with its last ESP SA, at both ends.
        NS_TEST_ASSERT_MSG_EQ(s.clientIsakmpSas, 1u, "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsIsakmpSas, 1u, "");
        NS_TEST_ASSERT_MSG_EQ(s.clientSessionStates.size(), 2u, "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsSessionStates.size(), 2u, "");
        NS_TEST_ASSERT_MSG_EQ(s.lnsSessionStates[0] + " " + s.lnsSessionStates[1],
                              "DELETED ESTABLISHED", "");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The NAT's mapping of the client's UDP 4500 changes (RFC 3947 section 4): an idle
 * tunnel, NAT-keepalives off, NAT UDP mapping lifetime 30 s. The LNS must follow the new port
 * from the first authenticated packet that comes from it: a DPD R-U-THERE (IKE, HASH(1)) or
 * an ESP-in-UDP packet whose ICV verified.
 */
class NatPortChangeTest : public TestCase
{
public:
    /// \param viaIke the client's DPD R-U-THERE is the first packet from the new port
    explicit NatPortChangeTest(bool viaIke)
        : TestCase(
            std::string("NAT mapping change: the LNS follows the new port from ")
            + (viaIke ? "an authenticated IKE message (DPD)" : "an authenticated ESP packet"))
        , m_viaIke(viaIke)
    {
    }

private:
    void DoRun() override
    {
        IpsecScenario s;
        s.nat = true;
        s.idle = true;
        s.keepalive = Seconds(0);
        s.natUdpLifetime = Seconds(30);
        s.lnsDpdDelay = Seconds(0);
        if (m_viaIke)
        {
            // The client's DPD (40 s > the NAT's 30 s) finds a new mapping.
            s.dpdDelay = Seconds(40);
            s.echoAt = {Seconds(5)};
            s.stop = Seconds(70);
        }
        else
        {
            s.dpdDelay = Seconds(0);
            s.echoAt = {Seconds(5), Seconds(100)};
            s.stop = Seconds(105);
        }
        s.Run();
        NS_TEST_ASSERT_MSG_EQ(s.lnsPortChanges.size(), 1u, Names(s.lnsPortChanges));
        NS_TEST_ASSERT_MSG_EQ(s.lns.espPorts.size(), (m_viaIke ? 1u : 2u),
                              "ESP from the old and (ESP case) the new mapping");
        std::string change = s.lnsPortChanges.empty() ? "" : s.lnsPortChanges[0].what;
        // "old->new"; without a change the ports stay 0 and the checks below fail.
        uint16_t oldPort = 0;
        uint16_t newPort = 0;
        if (change.find("->") != std::string::npos)
        {
            oldPort = static_cast<uint16_t>(std::stoul(change.substr(0, change.find('-'))));
            newPort = static_cast<uint16_t>(std::stoul(change.substr(change.find('>') + 1)));
        }
        // The scenario's NAT (PortPreservation false, PortAllocation Sequential) allocates public
        // ports for inside ports >= 1024 sequentially from PortRangeMin 1024 with a cursor that
        // only moves on: the client's UDP 4500 is the first such mapping (1024, UDP 500 maps into
        // 1..1023), and the mapping created after it expired gets the next port, 1025.
        NS_TEST_ASSERT_MSG_EQ(change, "1024->1025", "");
        NS_TEST_ASSERT_MSG_NE(oldPort, newPort, "");
        NS_TEST_ASSERT_MSG_EQ((oldPort >= 1024 && newPort >= 1024), true, change);
        NS_TEST_ASSERT_MSG_EQ(s.lns.espPorts.count(oldPort), 1u, "ESP came from the old port");
        NS_TEST_ASSERT_MSG_EQ(s.natIkePort, newPort, "the ISAKMP SA follows");
        NS_TEST_ASSERT_MSG_EQ(s.lnsOutEncapPort, newPort, "the outbound ESP SA follows");
        NS_TEST_ASSERT_MSG_GT(s.natExpired, 0u, "the NAT mapping expired");
        if (m_viaIke)
        {
            // Updated when the LNS accepted R-U-THERE, before it answered: the ACK reached
            // the client through the new mapping, and the SAs stayed up.
            NS_TEST_ASSERT_MSG_EQ(When(s.lnsPortChanges, change), When(s.lnsReceived, "R-U-THERE"),
                                  "");
            NS_TEST_ASSERT_MSG_EQ(When(s.lnsSent, "R-U-THERE-ACK"),
                                  When(s.lnsReceived, "R-U-THERE"), "");
            NS_TEST_ASSERT_MSG_EQ((When(s.clientReceived, "R-U-THERE-ACK") > Seconds(0)), true,
                                  "ACK delivered through the new mapping");
            NS_TEST_ASSERT_MSG_EQ(Names(s.clientState).find("FAILED"), std::string::npos, "");
        }
        else
        {
            // Updated by the first ESP packet from the new port (the echo request at 100 s):
            // the echo reply went to the new port and reached the client.
            Time first = Seconds(-1);
            for (Time t : s.lns.espAt)
            {
                if (t >= Seconds(100))
                {
                    first = t;
                    break;
                }
            }
            NS_TEST_ASSERT_MSG_EQ(When(s.lnsPortChanges, change), first, "");
            NS_TEST_ASSERT_MSG_EQ(s.echoReplies, 2u, "the echo after the change is answered");
        }
    }

    bool m_viaIke; //!< which packet reveals the new port
};

/**
 * \ingroup l2tp-tests
 * \brief IKEv1 lifetimes (phase 1 and phase 2) and the corner cases around them.
 */
class IpsecLifetimeTestSuite : public TestSuite
{
public:
    IpsecLifetimeTestSuite()
        : TestSuite("l2tp-ipsec-lifetime", TestSuite::Type::UNIT)
    {
        AddTestCase(new IkeDpdDuringQuickModeTest(false));
        AddTestCase(new IkeDpdDuringQuickModeTest(true));
        AddTestCase(new IsakmpRekeyTest(false));
        AddTestCase(new IsakmpRekeyTest(true));
        AddTestCase(new IsakmpRekeyDuringQuickModeTest());
        AddTestCase(new IsakmpExpiryTest());
        AddTestCase(new NatPortChangeTest(true));
        AddTestCase(new NatPortChangeTest(false));
    }
};

/// The suite instance.
static IpsecLifetimeTestSuite g_ipsecLifetimeTestSuite;

} // namespace
