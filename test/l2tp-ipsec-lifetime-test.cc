/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv1 lifetimes and their corner cases: an Informational exchange (DPD) during a rekeying
 * Quick Mode must not replace the message the Quick Mode retransmits (IkeSession back to
 * back, the send callbacks deliver after 1 ms).
 */
#include "ns3/ike-session.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

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
    }
};

/// The suite instance.
static IpsecLifetimeTestSuite g_ipsecLifetimeTestSuite;

} // namespace
