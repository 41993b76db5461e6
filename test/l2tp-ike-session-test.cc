/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IkeSession back to back (no network: the send callbacks deliver to the peer after 1 ms,
 * optionally through a NAT that rewrites the client's 192.168.77.2 to 10.201.0.1 and keeps the
 * ports, as the vectors' MASQUERADE did): the exact message sequence and ISAKMP sizes equal
 * strongSwan's in test/data/strongswan (MM1 180, MM2 160, MM3 372, MM4 372, MM5 108, MM6 76,
 * QM1/QM2 204 with NAT and 172 without, QM3 60), NAT detected exactly when the NAT is there
 * (then MM5 onwards on 4500 with the non-ESP marker, encapsulation mode 4), both sides derive
 * the same phase-1 and ESP keys, a wrong PSK fails at the responder on MM5 and the initiator
 * gives up after strongSwan's retransmission schedule, a lost MM2 is recovered by the
 * retransmission at exactly 4 s, and tshark dissects and decrypts the exchange with the
 * ikev1_decryption_table line the session writes.
 */
#include "l2tp-pcap-test-util.h"
#include "l2tp-test-util.h"

#include "ns3/double.h"
#include "ns3/ike-session.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// One datagram as it crossed the "wire".
struct Wire
{
    double time;                //!< send time (s)
    bool fromClient;            //!< direction
    uint16_t sport;             //!< source port
    uint16_t dport;             //!< destination port
    std::vector<uint8_t> bytes; //!< UDP payload
    bool dropped;               //!< dropped by the test
};

/// Back-to-back harness.
class Pair
{
public:
    /// \param nat put a NAT between them \param clientPsk \param serverPsk PSKs
    Pair(bool nat, const std::string& clientPsk, const std::string& serverPsk)
        : m_nat(nat)
    {
        client = CreateObject<IkeSession>();
        server = CreateObject<IkeSession>();
        // DPD and keepalives off unless a test turns them on (the simulation would not end).
        for (auto s : {client, server})
        {
            s->SetAttribute("DpdDelay", TimeValue(Seconds(0)));
            s->SetAttribute("NatKeepaliveInterval", TimeValue(Seconds(0)));
        }
        client->SetAttribute("PreSharedKey", StringValue(clientPsk));
        server->SetAttribute("PreSharedKey", StringValue(serverPsk));
        client->AssignStreams(10);
        server->AssignStreams(20);
        client->SetSendCallback(MakeCallback(&Pair::FromClient, this));
        server->SetSendCallback(MakeCallback(&Pair::FromServer, this));
        client->SetEstablishedCallback(MakeCallback(&Pair::ClientUp, this));
        server->SetEstablishedCallback(MakeCallback(&Pair::ServerUp, this));
        client->SetFailedCallback(MakeCallback(&Pair::ClientFailed, this));
        server->SetFailedCallback(MakeCallback(&Pair::ServerFailed, this));
        client->TraceConnectWithoutContext("MessageSent", MakeCallback(&Pair::ClientSent, this));
        server->TraceConnectWithoutContext("MessageSent", MakeCallback(&Pair::ServerSent, this));
        client->TraceConnectWithoutContext("MessageRetransmitted",
                                           MakeCallback(&Pair::ClientRtx, this));
        client->TraceConnectWithoutContext("MessageReceived", MakeCallback(&Pair::ClientRx, this));
        server->TraceConnectWithoutContext("MessageReceived", MakeCallback(&Pair::ServerRx, this));
    }

    /// Run the exchange.
    void Run()
    {
        server->StartResponder(m_server);
        Simulator::Schedule(Seconds(0), &IkeSession::StartInitiator, client, m_client, m_server);
        // Before the ISAKMP SA's lifetime (Phase1Lifetime, 10800 s) ends it with a Delete.
        Simulator::Stop(Seconds(10000));
        Simulator::Run();
    }

    Ptr<IkeSession> client;          //!< initiator
    Ptr<IkeSession> server;          //!< responder
    std::vector<Wire> wire;          //!< every datagram
    std::vector<std::string> sent;   //!< "name/length" sent by either side, in order
    std::vector<double> clientRtx;   //!< times of the client's retransmissions
    std::vector<IkeChildSaKeys> upC; //!< client keys
    std::vector<IkeChildSaKeys> upS; //!< server keys
    std::string failC;               //!< client failure
    std::string failS;               //!< server failure
    double failCTime = -1;           //!< when the client failed
    uint32_t dropIndex = 1000;       //!< index in wire of a datagram to drop
    double cutAt = 1e9;              //!< drop everything sent from this time on
    std::vector<std::string> sentC;  //!< names sent by the client
    std::vector<std::string> sentS;  //!< names sent by the server
    std::vector<std::string> rxC;    //!< names accepted by the client
    std::vector<std::string> rxS;    //!< names accepted by the server
    double lastToClient = -1;        //!< last delivery of an IKE message to the client

    const Ipv4Address m_client{"192.168.77.2"}; //!< client address
    const Ipv4Address m_server{"10.201.0.2"};   //!< server address
    const Ipv4Address m_outside{"10.201.0.1"};  //!< NAT outside address

private:
    void FromClient(const std::vector<uint8_t>& b, Ipv4Address dst, uint16_t sp, uint16_t dp)
    {
        bool drop = wire.size() == dropIndex || Simulator::Now().GetSeconds() >= cutAt;
        wire.push_back({Simulator::Now().GetSeconds(), true, sp, dp, b, drop});
        if (!drop)
        {
            Ipv4Address src = m_nat ? m_outside : m_client;
            Simulator::Schedule(MilliSeconds(1), &IkeSession::Receive, server, b, src, sp, dst, dp);
        }
    }

    void FromServer(const std::vector<uint8_t>& b, Ipv4Address dst, uint16_t sp, uint16_t dp)
    {
        bool drop = wire.size() == dropIndex || Simulator::Now().GetSeconds() >= cutAt;
        wire.push_back({Simulator::Now().GetSeconds(), false, sp, dp, b, drop});
        Ipv4Address to = m_nat && dst == m_outside ? m_client : dst;
        if (!drop && to == m_client)
        {
            Simulator::Schedule(MilliSeconds(1), &IkeSession::Receive, client, b, m_server, sp, to,
                                dp);
        }
    }

    void ClientSent(const std::string& n, uint32_t len)
    {
        sent.push_back(n + "/" + std::to_string(len));
        sentC.push_back(n);
    }

    void ServerSent(const std::string& n, uint32_t len)
    {
        sent.push_back(n + "/" + std::to_string(len));
        sentS.push_back(n);
    }

    void ClientRx(const std::string& n, uint32_t)
    {
        rxC.push_back(n);
        lastToClient = Simulator::Now().GetSeconds();
    }

    void ServerRx(const std::string& n, uint32_t) { rxS.push_back(n); }

    void ClientRtx(const std::string&, uint32_t)
    {
        clientRtx.push_back(Simulator::Now().GetSeconds());
    }

    void ClientUp(const IkeChildSaKeys& k) { upC.push_back(k); }

    void ServerUp(const IkeChildSaKeys& k) { upS.push_back(k); }

    void ClientFailed(const std::string& r)
    {
        failC = r;
        failCTime = Simulator::Now().GetSeconds();
    }

    void ServerFailed(const std::string& r) { failS = r; }

    bool m_nat; //!< NAT between
};

std::string
Join(const std::vector<std::string>& v)
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
 * A full exchange with or without NAT: sequence, sizes, ports, NAT detection, keys.
 */
class IkeSessionExchangeTestCase : public TestCase
{
public:
    /// \param nat with a NAT
    explicit IkeSessionExchangeTestCase(bool nat)
        : TestCase(std::string("Main Mode and Quick Mode back to back ")
                   + (nat ? "through a NAT" : "without NAT") + ": strongSwan's sequence and sizes")
        , m_nat(nat)
    {
    }

private:
    void DoRun() override
    {
        Pair p(m_nat, "ref-psk-123", "ref-psk-123");
        p.Run();
        const std::string qm = m_nat ? "204" : "172";
        NS_TEST_ASSERT_MSG_EQ(Join(p.sent),
                              "MM1/180 MM2/160 MM3/372 MM4/372 MM5/108 MM6/76 QM1/" + qm + " QM2/"
                                  + qm + " QM3/60",
                              "the vectors' sequence and ISAKMP lengths");
        NS_TEST_ASSERT_MSG_EQ(p.wire.size(), 9u, "no retransmission");
        for (size_t i = 0; i < p.wire.size(); ++i)
        {
            uint16_t port = (m_nat && i >= 4) ? 4500 : 500;
            NS_TEST_ASSERT_MSG_EQ(p.wire[i].sport, port, "message " << i + 1);
            NS_TEST_ASSERT_MSG_EQ(p.wire[i].dport, port, "message " << i + 1);
            NS_TEST_ASSERT_MSG_EQ(
                IkeHeader::HasNonEspMarker(p.wire[i].bytes.data(), p.wire[i].bytes.size()),
                (port == 4500), "non-ESP marker exactly on 4500");
            // 1 ms per hop: exact send times.
            NS_TEST_ASSERT_MSG_EQ_TOL(p.wire[i].time, 0.001 * i, 1e-12, "");
        }
        // MM1 and MM2 are strongSwan's, byte for byte after the cookies (test/data/strongswan
        // case1_nat_t/client_side.pcap frames 1 and 2, the same in case 2).
        const std::string mm1
            = "0d00003800000001000000010000002c01010001000000240101000080010007800e0080800200028004"
              "000e80030001800b0001800c2a300d00000c09002689dfd6b7120d000014afcad71368a1f1c96b8696fc"
              "775701000d0000184048b7d56ebce88525e7de7f00d6c2d3800000000d0000144a131c81070358455c57"
              "28f20e95452f0000001490cb80913ebb696e086381b5ec427b1f";
        const std::string mm2
            = "0d00003800000001000000010000002c01010001000000240101000080010007800e0080800200028004"
              "000e80030001800b0001800c2a300d00000c09002689dfd6b7120d000014afcad71368a1f1c96b8696fc"
              "775701000d0000184048b7d56ebce88525e7de7f00d6c2d380000000000000144a131c81070358455c57"
              "28f20e95452f";
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(std::vector<uint8_t>(p.wire[0].bytes.begin() + 16, p.wire[0].bytes.end())),
            "01100200"
            "00000000"
            "000000b4"
                + mm1,
            "MM1 = strongSwan's MM1 except the cookies");
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(std::vector<uint8_t>(p.wire[1].bytes.begin() + 16, p.wire[1].bytes.end())),
            "01100200"
            "00000000"
            "000000a0"
                + mm2,
            "MM2 = strongSwan's MM2 except the cookies");
        NS_TEST_ASSERT_MSG_EQ(p.client->IsLocalBehindNat(), m_nat, "client: local behind NAT");
        NS_TEST_ASSERT_MSG_EQ(p.client->IsRemoteBehindNat(), false, "");
        NS_TEST_ASSERT_MSG_EQ(p.server->IsLocalBehindNat(), false, "");
        NS_TEST_ASSERT_MSG_EQ(p.server->IsRemoteBehindNat(), m_nat, "server: remote behind NAT");
        NS_TEST_ASSERT_MSG_EQ(p.client->GetState(), IkeSession::ESTABLISHED, "");
        NS_TEST_ASSERT_MSG_EQ(p.server->GetState(), IkeSession::ESTABLISHED, "");
        NS_TEST_ASSERT_MSG_EQ(p.upC.size(), 1u, "");
        NS_TEST_ASSERT_MSG_EQ(p.upS.size(), 1u, "");
        const auto& c = p.upC[0];
        const auto& s = p.upS[0];
        NS_TEST_ASSERT_MSG_EQ(c.spiIn, s.spiOut, "");
        NS_TEST_ASSERT_MSG_EQ(c.spiOut, s.spiIn, "");
        NS_TEST_ASSERT_MSG_EQ(ToHex(c.encKeyIn), ToHex(s.encKeyOut), "");
        NS_TEST_ASSERT_MSG_EQ(ToHex(c.authKeyIn), ToHex(s.authKeyOut), "");
        NS_TEST_ASSERT_MSG_EQ(ToHex(c.encKeyOut), ToHex(s.encKeyIn), "");
        NS_TEST_ASSERT_MSG_EQ(ToHex(c.authKeyOut), ToHex(s.authKeyIn), "");
        NS_TEST_ASSERT_MSG_EQ(c.encKeyIn.size(), 16u, "");
        NS_TEST_ASSERT_MSG_EQ(c.authKeyIn.size(), 20u, "");
        NS_TEST_ASSERT_MSG_NE(ToHex(c.encKeyIn), ToHex(c.encKeyOut), "one key per direction");
        NS_TEST_ASSERT_MSG_EQ(c.encapsulationMode, (m_nat ? 4 : 2), "");
        NS_TEST_ASSERT_MSG_EQ(s.encapsulationMode, (m_nat ? 4 : 2), "");
        NS_TEST_ASSERT_MSG_EQ(c.natTraversal, m_nat, "");
        NS_TEST_ASSERT_MSG_EQ(ToHex(p.client->GetPhase1Keys().skeyidD),
                              ToHex(p.server->GetPhase1Keys().skeyidD), "");
        NS_TEST_ASSERT_MSG_EQ(p.client->GetDecryptionTableLine(),
                              p.server->GetDecryptionTableLine(), "");

        // Parse every datagram with the codecs (QM1/QM2 identities and NAT-OA as strongSwan).
        const std::vector<uint8_t> ka = p.client->GetPhase1Keys().encKey;
        std::vector<std::vector<uint8_t>> msgs;
        for (const auto& w : p.wire)
        {
            std::vector<uint8_t> m = w.bytes;
            if (w.dport == 4500)
            {
                m.erase(m.begin(), m.begin() + 4);
            }
            msgs.push_back(m);
        }
        IkeHeader h;
        std::string reason;
        IkeHeader::Parse(msgs[2].data(), msgs[2].size(), h, reason);
        std::vector<IkePayload> mm3;
        std::vector<IkePayload> mm4;
        uint32_t used = 0;
        NS_TEST_ASSERT_MSG_EQ(
            IkePayload::ParseChain(4, msgs[2].data() + 28, msgs[2].size() - 28, mm3, used, reason),
            true, reason);
        NS_TEST_ASSERT_MSG_EQ(
            IkePayload::ParseChain(4, msgs[3].data() + 28, msgs[3].size() - 28, mm4, used, reason),
            true, reason);
        auto iv = IkeCrypto::Phase1Iv(mm3[0].data, mm4[0].data);
        for (size_t i = 4; i < 6; ++i)
        {
            std::vector<uint8_t> ct(msgs[i].begin() + 28, msgs[i].end());
            std::vector<uint8_t> pt;
            NS_TEST_ASSERT_MSG_EQ(IkeCrypto::AesCbc(ka, iv, ct, false, pt, reason), true, reason);
            iv.assign(ct.end() - 16, ct.end());
            std::vector<IkePayload> chain;
            NS_TEST_ASSERT_MSG_EQ(
                IkePayload::ParseChain(5, pt.data(), pt.size(), chain, used, reason), true, reason);
            NS_TEST_ASSERT_MSG_EQ(ToHex(chain[0].data), (i == 4 ? "c0a84d02" : "0ac90002"),
                                  "ID payload: the real local address");
        }
        IkeHeader::Parse(msgs[7].data(), msgs[7].size(), h, reason);
        auto qiv = IkeCrypto::Phase2Iv(iv, h.messageId);
        std::vector<uint8_t> ct1(msgs[6].begin() + 28, msgs[6].end());
        std::vector<uint8_t> ct2(msgs[7].begin() + 28, msgs[7].end());
        std::vector<uint8_t> pt;
        IkeCrypto::AesCbc(ka, qiv, ct1, false, pt, reason);
        qiv.assign(ct1.end() - 16, ct1.end());
        IkeCrypto::AesCbc(ka, qiv, ct2, false, pt, reason);
        std::vector<IkePayload> qm2;
        NS_TEST_ASSERT_MSG_EQ(IkePayload::ParseChain(8, pt.data(), pt.size(), qm2, used, reason),
                              true, reason);
        NS_TEST_ASSERT_MSG_EQ(qm2.size(), (m_nat ? 7u : 5u), "QM2 payloads");
        NS_TEST_ASSERT_MSG_EQ(ToHex(qm2[3].data), (m_nat ? "0ac90001" : "c0a84d02"),
                              "QM2 IDci: the initiator as the responder sees it");
        NS_TEST_ASSERT_MSG_EQ(qm2[3].port, 1701u, "");
        if (m_nat)
        {
            NS_TEST_ASSERT_MSG_EQ(ToHex(qm2[5].data), "0ac90001", "NAT-OAi");
            NS_TEST_ASSERT_MSG_EQ(ToHex(qm2[6].data), "0ac90002", "NAT-OAr");
        }

        // tshark reads the exchange (written as a pcap with the real addresses) and decrypts
        // it with the session's ikev1_decryption_table line.
        std::vector<PcapRecord> recs;
        for (const auto& w : p.wire)
        {
            uint32_t src = w.fromClient ? (m_nat ? 0x0ac90001 : 0xc0a84d02) : 0x0ac90002;
            uint32_t dst = w.fromClient ? 0x0ac90002 : (m_nat ? 0x0ac90001 : 0xc0a84d02);
            PcapRecord r;
            r.sec = 0;
            r.frac = static_cast<uint32_t>(std::lround(w.time * 1e6));
            r.bytes = Ethernet(Ipv4(Udp(w.bytes, w.sport, w.dport), 0x4000, 1, {}, src, dst));
            recs.push_back(r);
        }
        std::string dir = MakeTempDir("ike-session");
        std::string pcap = dir + "/exchange.pcap";
        WriteBytes(pcap, Pcap(1, recs));
        int status = 0;
        std::string out
            = RunCommand("tshark -r " + pcap + " -o 'uat:ikev1_decryption_table:"
                             + p.client->GetDecryptionTableLine()
                             + "' -T fields -e isakmp.length -e isakmp.typepayload "
                               "-e isakmp.id.data.ipv4_addr -e _ws.expert.message 2>/dev/null",
                         status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, out);
        std::string qmTypes = m_nat ? "8,1,2,3,10,5,5,21,21" : "8,1,2,3,10,5,5";
        std::string qmIds = "192.168.77.2,10.201.0.2";
        std::string qm2Ids = m_nat ? "10.201.0.1,10.201.0.2" : "192.168.77.2,10.201.0.2";
        // No expert messages (no malformed packets); MM1 / MM2 as in both vector cases.
        std::string want = "180\t1,2,3,13,13,13,13,13\t\t\n"
                           "160\t1,2,3,13,13,13,13\t\t\n"
                           "372\t4,10,20,20\t\t\n"
                           "372\t4,10,20,20\t\t\n"
                           "108\t5,8,11\t192.168.77.2\t\n"
                           "76\t5,8\t10.201.0.2\t\n"
                           + qm + "\t" + qmTypes + "\t" + qmIds + "\t\n" + qm + "\t" + qmTypes
                           + "\t" + qm2Ids + "\t\n60\t8\t\t\n";
        NS_TEST_ASSERT_MSG_EQ(out, want, "tshark's view of the exchange");
        Simulator::Destroy();
    }

    bool m_nat; //!< with NAT
};

/**
 * \ingroup l2tp-tests
 * Wrong PSK: the responder cannot verify MM5; the initiator retransmits MM5 with strongSwan's
 * backoff and gives up; no SA on either side.
 */
class IkeSessionWrongPskTestCase : public TestCase
{
public:
    IkeSessionWrongPskTestCase()
        : TestCase("Wrong pre-shared key: responder fails on MM5, initiator gives up, no SA")
    {
    }

private:
    void DoRun() override
    {
        Pair p(true, "ref-psk-123", "wrong-psk");
        p.Run();
        NS_TEST_ASSERT_MSG_EQ(p.server->GetState(), IkeSession::FAILED, "");
        NS_TEST_ASSERT_MSG_EQ((p.failS.find("MM5") == 0), true, p.failS);
        NS_TEST_ASSERT_MSG_EQ((p.failS.find("pre-shared key mismatch") != std::string::npos), true,
                              p.failS);
        NS_TEST_ASSERT_MSG_EQ(p.client->GetState(), IkeSession::FAILED, "");
        NS_TEST_ASSERT_MSG_EQ(p.failC, "no response to MM5 after 5 retransmissions", "");
        NS_TEST_ASSERT_MSG_EQ(p.upC.size() + p.upS.size(), 0u, "no SA anywhere");
        NS_TEST_ASSERT_MSG_EQ(Join(p.sent), "MM1/180 MM2/160 MM3/372 MM4/372 MM5/108", "");
        // MM5 went out at 4 ms; retransmissions at 4 ms + 4 s * (1 + 1.8 + ... + 1.8^(n-1)).
        NS_TEST_ASSERT_MSG_EQ(p.clientRtx.size(), 5u, "");
        double t = 0.004;
        for (size_t i = 0; i < 5; ++i)
        {
            t += 4.0 * std::pow(1.8, static_cast<double>(i));
            NS_TEST_ASSERT_MSG_EQ_TOL(p.clientRtx[i], t, 1e-9, "retransmission " << i + 1);
        }
        t += 4.0 * std::pow(1.8, 5.0);
        NS_TEST_ASSERT_MSG_EQ_TOL(p.failCTime, t, 1e-9, "gives up after the last timeout");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * A lost MM2: the initiator retransmits MM1 after exactly 4 s, the responder answers the
 * duplicate with its stored MM2, and the exchange completes.
 */
class IkeSessionRetransmitTestCase : public TestCase
{
public:
    IkeSessionRetransmitTestCase()
        : TestCase("Lost MM2 and lost QM3 are recovered by retransmission")
    {
    }

private:
    void DoRun() override
    {
        {
            Pair p(false, "ref-psk-123", "ref-psk-123");
            p.dropIndex = 1; // MM2
            p.Run();
            NS_TEST_ASSERT_MSG_EQ(p.clientRtx.size(), 1u, "");
            NS_TEST_ASSERT_MSG_EQ_TOL(p.clientRtx[0], 4.0, 1e-12, "MM1 again at 4 s");
            NS_TEST_ASSERT_MSG_EQ(p.wire.size(), 11u, "MM1 MM2(lost) MM1 MM2 MM3 ... QM3");
            NS_TEST_ASSERT_MSG_EQ((p.wire[2].bytes == p.wire[0].bytes), true, "same MM1");
            NS_TEST_ASSERT_MSG_EQ((p.wire[3].bytes == p.wire[1].bytes), true, "stored MM2");
            NS_TEST_ASSERT_MSG_EQ(p.upC.size(), 1u, "");
            NS_TEST_ASSERT_MSG_EQ(p.upS.size(), 1u, "");
            Simulator::Destroy();
        }
        {
            Pair p(false, "ref-psk-123", "ref-psk-123");
            p.dropIndex = 8; // QM3
            p.Run();
            // The responder retransmits QM2 at 4 s after QM2 (7 ms), the initiator answers with
            // its stored QM3.
            NS_TEST_ASSERT_MSG_EQ(p.wire.size(), 11u, "");
            NS_TEST_ASSERT_MSG_EQ_TOL(p.wire[9].time, 4.007, 1e-9, "QM2 again");
            NS_TEST_ASSERT_MSG_EQ((p.wire[9].bytes == p.wire[7].bytes), true, "");
            NS_TEST_ASSERT_MSG_EQ((p.wire[10].bytes == p.wire[8].bytes), true, "stored QM3");
            NS_TEST_ASSERT_MSG_EQ(p.server->GetState(), IkeSession::ESTABLISHED, "");
            NS_TEST_ASSERT_MSG_EQ(p.upS.size(), 1u, "");
            Simulator::Destroy();
        }
    }
};

size_t
Count(const std::vector<std::string>& v, const std::string& n)
{
    return static_cast<size_t>(std::count(v.begin(), v.end(), n));
}

/**
 * \ingroup l2tp-tests
 * Delete as "ipsec down": the two Informational messages have the vectors' sizes (76, 92).
 */
class IkeSessionDeleteTestCase : public TestCase
{
public:
    IkeSessionDeleteTestCase()
        : TestCase("Delete: Informational HASH+Delete(ESP) 76 bytes, HASH+Delete(ISAKMP) 92 bytes")
    {
    }

private:
    void DoRun() override
    {
        Pair p(true, "ref-psk-123", "ref-psk-123");
        Simulator::Schedule(Seconds(1), &IkeSession::Delete, p.client);
        p.Run();
        NS_TEST_ASSERT_MSG_EQ(p.sent.size(), 11u, "");
        NS_TEST_ASSERT_MSG_EQ(p.sent[9], "Delete ESP/76", "as strongSwan's first Informational");
        NS_TEST_ASSERT_MSG_EQ(p.sent[10], "Delete ISAKMP/92", "as strongSwan's second");
        NS_TEST_ASSERT_MSG_EQ(p.wire[9].dport, 4500u, "");
        NS_TEST_ASSERT_MSG_EQ(p.client->GetState(), IkeSession::DELETED, "");
        NS_TEST_ASSERT_MSG_EQ(p.server->GetState(), IkeSession::DELETED, "");
        NS_TEST_ASSERT_MSG_EQ(Count(p.rxS, "Delete ESP"), 1u, "HASH(1) verified");
        NS_TEST_ASSERT_MSG_EQ(Count(p.rxS, "Delete ISAKMP"), 1u, "HASH(1) verified");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * DPD (RFC 3706) and NAT-keepalives over 10 idle minutes through a NAT; then a cut path.
 */
class IkeSessionDpdTestCase : public TestCase
{
public:
    IkeSessionDpdTestCase()
        : TestCase("DPD keeps an idle SA for 10 minutes, declares a cut peer dead after 150 s")
    {
    }

private:
    void DoRun() override
    {
        for (bool cut : {false, true})
        {
            Pair p(true, "ref-psk-123", "ref-psk-123");
            for (auto s : {p.client, p.server})
            {
                s->SetAttribute("DpdDelay", TimeValue(Seconds(30)));
                s->SetAttribute("DpdTimeout", TimeValue(Seconds(150)));
                s->SetAttribute("NatKeepaliveInterval", TimeValue(Seconds(20)));
            }
            if (cut)
            {
                p.cutAt = 100;
            }
            Simulator::Stop(Seconds(600));
            p.Run();
            size_t ka = 0;
            double lastClientSend = 0;
            double maxGap = 0;
            for (const auto& w : p.wire)
            {
                if (w.bytes.size() == 1)
                {
                    NS_TEST_ASSERT_MSG_EQ(w.fromClient, true, "only the NATed side");
                    NS_TEST_ASSERT_MSG_EQ(unsigned(w.bytes[0]), 0xffu, "");
                    NS_TEST_ASSERT_MSG_EQ(w.sport, 4500u, "");
                    ++ka;
                }
                if (w.fromClient)
                {
                    maxGap = std::max(maxGap, w.time - lastClientSend);
                    lastClientSend = w.time;
                }
            }
            NS_TEST_ASSERT_MSG_GT(ka, 0u, "keepalives");
            if (!cut)
            {
                // The client never stays silent towards the NAT for more than 20 s + the 1-s
                // tick, so a 30-s NAT mapping never expires.
                NS_TEST_ASSERT_MSG_EQ((maxGap <= 21.0 + 1e-9), true, "gap " << maxGap);
                NS_TEST_ASSERT_MSG_EQ((600 - lastClientSend <= 21.0), true, "");
                NS_TEST_ASSERT_MSG_EQ(p.client->GetState(), IkeSession::ESTABLISHED, "");
                NS_TEST_ASSERT_MSG_EQ(p.server->GetState(), IkeSession::ESTABLISHED, "");
                size_t ruC = Count(p.sentC, "R-U-THERE");
                NS_TEST_ASSERT_MSG_GT(ruC, 0u, "");
                NS_TEST_ASSERT_MSG_EQ(Count(p.sentS, "R-U-THERE-ACK"), ruC, "each answered");
                NS_TEST_ASSERT_MSG_EQ(Count(p.rxC, "R-U-THERE-ACK"), ruC, "each ACK accepted");
                NS_TEST_ASSERT_MSG_EQ(Count(p.rxS, "R-U-THERE"), ruC, "");
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(p.client->GetState(), IkeSession::FAILED, "");
                NS_TEST_ASSERT_MSG_EQ(p.server->GetState(), IkeSession::FAILED, "");
                // Dead at the first 1-s tick (ticks at 0.008 + k s) at least 150 s after the
                // last message heard.
                double due = p.lastToClient + 150.0;
                double tick = 0.008 + std::ceil(due - 0.008 - 1e-9);
                NS_TEST_ASSERT_MSG_EQ((p.lastToClient < 100.0), true, "");
                NS_TEST_ASSERT_MSG_EQ_TOL(p.failCTime, tick, 1e-9, "DPD timeout");
                NS_TEST_ASSERT_MSG_EQ((p.failC.find("DPD: no response from the peer") == 0), true,
                                      p.failC);
            }
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup l2tp-tests
 * MODP 1024 (group 2) on both sides: KE of 128 bytes, MM3 / MM4 of 372 - 128 = 244 bytes.
 * Group 2 against group 14: the responder finds no acceptable proposal.
 */
class IkeSessionGroupTestCase : public TestCase
{
public:
    IkeSessionGroupTestCase()
        : TestCase("DH group 2 on both sides works; group 2 against group 14 is rejected")
    {
    }

private:
    void DoRun() override
    {
        {
            Pair p(false, "ref-psk-123", "ref-psk-123");
            p.client->SetAttribute("DhGroup", UintegerValue(2));
            p.server->SetAttribute("DhGroup", UintegerValue(2));
            p.Run();
            NS_TEST_ASSERT_MSG_EQ(Join(p.sent),
                                  "MM1/180 MM2/160 MM3/244 MM4/244 MM5/108 MM6/76 QM1/172 "
                                  "QM2/172 QM3/60",
                                  "");
            NS_TEST_ASSERT_MSG_EQ(p.upC.size() + p.upS.size(), 2u, "");
            Simulator::Destroy();
        }
        {
            Pair p(false, "ref-psk-123", "ref-psk-123");
            p.client->SetAttribute("DhGroup", UintegerValue(2));
            p.Run();
            NS_TEST_ASSERT_MSG_EQ(p.failS, "MM1: no acceptable proposal (NO-PROPOSAL-CHOSEN)", "");
            NS_TEST_ASSERT_MSG_EQ(p.server->GetState(), IkeSession::FAILED, "");
            NS_TEST_ASSERT_MSG_EQ(p.failC, "no response to MM1 after 5 retransmissions", "");
            NS_TEST_ASSERT_MSG_EQ(Join(p.sent), "MM1/180", "");
            NS_TEST_ASSERT_MSG_EQ(p.clientRtx.size(), 5u, "");
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup l2tp-tests
 * The suite.
 */
class IkeSessionTestSuite : public TestSuite
{
public:
    IkeSessionTestSuite()
        : TestSuite("l2tp-ike-session", TestSuite::Type::UNIT)
    {
        AddTestCase(new IkeSessionExchangeTestCase(false));
        AddTestCase(new IkeSessionExchangeTestCase(true));
        AddTestCase(new IkeSessionWrongPskTestCase());
        AddTestCase(new IkeSessionRetransmitTestCase());
        AddTestCase(new IkeSessionDeleteTestCase());
        AddTestCase(new IkeSessionDpdTestCase());
        AddTestCase(new IkeSessionGroupTestCase());
    }
};

/// The suite's instance.
static IkeSessionTestSuite g_ikeSessionTestSuite;

} // namespace
