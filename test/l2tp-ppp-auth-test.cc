/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PAP (RFC 1334) and CHAP-MD5 (RFC 1994) between two PppEndpoints: success with exact bytes
 * (the CHAP Response is recomputed here as MD5(Identifier || secret || Challenge)), wrong
 * passwords failing and closing the link with the reason, periodic re-challenge, and the
 * authentication-result trace (method, user, success).
 */
#include "l2tp-ppp-harness.h"
#include "l2tp-test-util.h"
#include "ns3/l2tp-md5.h"

#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Collects authentication results.
struct AuthLog
{
    std::vector<std::string> lines; //!< "time method user ok|fail"

    void Add(const std::string& method, const std::string& user, bool ok)
    {
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << " " << method
           << " " << user << " " << (ok ? "ok" : "fail");
        lines.push_back(os.str());
    }

    std::string Joined() const
    {
        std::string s;
        for (const auto& l : lines)
        {
            s += l + "\n";
        }
        return s;
    }
};

/// Sets up a link whose server demands \p method and knows alice/secret.
void
Configure(PppLink& link, const std::string& method, const std::string& password)
{
    link.server->GetLcp()->SetAttribute("Authentication", StringValue(method));
    link.server->AddUser("alice", "secret");
    link.server->AddUser("bob", "hunter2");
    link.client->SetAttribute("Username", StringValue("alice"));
    link.client->SetAttribute("Password", StringValue(password));
}

/// \return the first frame of \p protocol and \p code
std::vector<uint8_t>
FindFrame(const PppLink& link, uint16_t protocol, uint8_t code, uint32_t nth = 0)
{
    for (const auto& f : link.frames)
    {
        PppFrame d;
        if (PppFrame::Decode(f.bytes.data(), f.bytes.size(), d) == PppFrame::OK
            && d.protocol == protocol && !d.information.empty() && d.information[0] == code)
        {
            if (nth-- == 0)
            {
                return d.information;
            }
        }
    }
    return {};
}

/**
 * \ingroup l2tp
 * \brief PAP: success and a wrong password.
 */
class PppPapTestCase : public TestCase
{
public:
    PppPapTestCase()
        : TestCase("PAP success with exact bytes; wrong password fails and closes the link")
    {
    }

private:
    void DoRun() override
    {
        {
            PppLink link;
            Configure(link, "pap", "secret");
            AuthLog server;
            AuthLog client;
            link.server->TraceConnectWithoutContext("AuthResult",
                                                    MakeCallback(&AuthLog::Add, &server));
            link.client->TraceConnectWithoutContext("AuthResult",
                                                    MakeCallback(&AuthLog::Add, &client));
            link.client->Start();
            link.server->Start();
            Simulator::Stop(Seconds(1));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(link.LogOf("PAP"),
                                  "0.020 C>S PAP Authenticate-Request 1\n"
                                  "0.030 S>C PAP Authenticate-Ack 1\n",
                                  "PAP messages");
            NS_TEST_EXPECT_MSG_EQ(server.Joined(), "0.030 PAP alice ok\n", "server result");
            NS_TEST_EXPECT_MSG_EQ(client.Joined(), "0.040 PAP alice ok\n", "client result");
            // Authenticate-Request: id 1, Peer-ID "alice", Password "secret" (RFC 1334 2.2.1).
            NS_TEST_EXPECT_MSG_EQ(ToHex(FindFrame(link, PppFrame::PROTO_PAP, 1)),
                                  "010100110561"
                                  "6c696365"
                                  "06736563726574",
                                  "request bytes");
            NS_TEST_EXPECT_MSG_EQ(ToHex(FindFrame(link, PppFrame::PROTO_PAP, 2)),
                                  "0201000d084c6f67696e206f6b", "Ack \"Login ok\"");
            NS_TEST_EXPECT_MSG_EQ(link.client->GetPhase(), PppEndpoint::NETWORK, "network");
            Simulator::Destroy();
        }
        {
            PppLink link;
            Configure(link, "pap", "wrong");
            AuthLog server;
            TextLog reasons;
            link.server->TraceConnectWithoutContext("AuthResult",
                                                    MakeCallback(&AuthLog::Add, &server));
            link.client->GetLcp()->TraceConnectWithoutContext(
                "PeerTerminate", MakeCallback(&TextLog::Add, &reasons));
            link.client->Start();
            link.server->Start();
            Simulator::Stop(Seconds(1));
            Simulator::Run();
            // The server answers Nak and closes; the client, told "Login incorrect", closes too:
            // the Terminate-Requests cross and each side acknowledges the other's.
            NS_TEST_EXPECT_MSG_EQ(link.Log(),
                                  "0.000 C>S LCP Configure-Request 1\n"
                                  "0.000 S>C LCP Configure-Request 1\n"
                                  "0.010 S>C LCP Configure-Ack 1\n"
                                  "0.010 C>S LCP Configure-Ack 1\n"
                                  "0.020 C>S PAP Authenticate-Request 1\n"
                                  "0.030 S>C PAP Authenticate-Nak 1\n"
                                  "0.030 S>C LCP Terminate-Request 2\n"
                                  "0.040 C>S LCP Terminate-Request 2\n"
                                  "0.040 C>S LCP Terminate-Ack 2\n"
                                  "0.050 S>C LCP Terminate-Ack 2\n",
                                  "messages");
            NS_TEST_EXPECT_MSG_EQ(server.Joined(), "0.030 PAP alice fail\n", "server result");
            NS_TEST_EXPECT_MSG_EQ(reasons.Joined(), "0.040 Authentication failed\n", "reason");
            NS_TEST_EXPECT_MSG_EQ(link.server->GetLcp()->GetState(), PppFsm::CLOSED, "closed");
            NS_TEST_EXPECT_MSG_EQ(link.server->GetCounters().authFailures, 1, "counter");
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup l2tp
 * \brief CHAP-MD5: success (Response recomputed), wrong secret, re-challenge.
 */
class PppChapTestCase : public TestCase
{
public:
    PppChapTestCase()
        : TestCase("CHAP-MD5 success, wrong secret fails, periodic re-challenge")
    {
    }

private:
    void DoRun() override
    {
        {
            PppLink link;
            Configure(link, "chap", "secret");
            link.server->GetChap()->SetAttribute("RechallengeInterval", TimeValue(Seconds(30)));
            AuthLog server;
            link.server->TraceConnectWithoutContext("AuthResult",
                                                    MakeCallback(&AuthLog::Add, &server));
            link.client->Start();
            link.server->Start();
            Simulator::Stop(Seconds(40));
            Simulator::Run();
            // Re-challenge 30 s after the Success was sent (0.040 s).
            NS_TEST_EXPECT_MSG_EQ(link.LogOf("CHAP"),
                                  "0.020 S>C CHAP Challenge 1\n"
                                  "0.030 C>S CHAP Response 1\n"
                                  "0.040 S>C CHAP Success 1\n"
                                  "30.040 S>C CHAP Challenge 2\n"
                                  "30.050 C>S CHAP Response 2\n"
                                  "30.060 S>C CHAP Success 2\n",
                                  "CHAP messages");
            NS_TEST_EXPECT_MSG_EQ(server.Joined(), "0.040 CHAP alice ok\n",
                                  "one result: re-challenge successes are not reported again");
            for (uint32_t round = 0; round < 2; ++round)
            {
                const auto ch = FindFrame(link, PppFrame::PROTO_CHAP, 1, round);
                const auto rs = FindFrame(link, PppFrame::PROTO_CHAP, 2, round);
                NS_TEST_ASSERT_MSG_EQ(ch.size(), 4 + 1 + 16 + 3, "Challenge: 16 octets + \"lns\"");
                NS_TEST_EXPECT_MSG_EQ(std::string(ch.end() - 3, ch.end()), "lns", "name");
                L2tpMd5 md5;
                const std::vector<uint8_t> challenge(ch.begin() + 5, ch.begin() + 21);
                const auto digest
                    = md5.Update(ch[1]).Update(std::string("secret")).Update(challenge).Final();
                std::vector<uint8_t> expect;
                expect.reserve(26);
                for (uint8_t b : {uint8_t(2), ch[1], uint8_t(0), uint8_t(26), uint8_t(16)})
                {
                    expect.push_back(b);
                }
                for (uint8_t b : digest)
                {
                    expect.push_back(b);
                }
                for (char c : std::string("alice"))
                {
                    expect.push_back(static_cast<uint8_t>(c));
                }
                NS_TEST_EXPECT_MSG_EQ(ToHex(rs), ToHex(expect), "Response, round " << round);
            }
            NS_TEST_EXPECT_MSG_EQ(link.server->GetChap()->GetChallengesSent(), 2, "challenges");
            Simulator::Destroy();
        }
        {
            PppLink link;
            Configure(link, "chap", "wrong");
            AuthLog server;
            link.server->TraceConnectWithoutContext("AuthResult",
                                                    MakeCallback(&AuthLog::Add, &server));
            link.client->Start();
            link.server->Start();
            Simulator::Stop(Seconds(1));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(link.Log(),
                                  "0.000 C>S LCP Configure-Request 1\n"
                                  "0.000 S>C LCP Configure-Request 1\n"
                                  "0.010 S>C LCP Configure-Ack 1\n"
                                  "0.010 C>S LCP Configure-Ack 1\n"
                                  "0.020 S>C CHAP Challenge 1\n"
                                  "0.030 C>S CHAP Response 1\n"
                                  "0.040 S>C CHAP Failure 1\n"
                                  "0.040 S>C LCP Terminate-Request 2\n"
                                  "0.050 C>S LCP Terminate-Request 2\n"
                                  "0.050 C>S LCP Terminate-Ack 2\n"
                                  "0.060 S>C LCP Terminate-Ack 2\n",
                                  "messages");
            NS_TEST_EXPECT_MSG_EQ(server.Joined(), "0.040 CHAP alice fail\n", "server result");
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup l2tp
 * \brief The test suite.
 */
class PppAuthTestSuite : public TestSuite
{
public:
    PppAuthTestSuite()
        : TestSuite("l2tp-ppp-auth", TestSuite::Type::UNIT)
    {
        AddTestCase(new PppPapTestCase);
        AddTestCase(new PppChapTestCase);
    }
};

PppAuthTestSuite g_pppAuthTestSuite; //!< registers the suite

} // namespace
