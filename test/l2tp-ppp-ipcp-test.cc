/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IPCP (RFC 1332, RFC 1877) between PppEndpoints: the client asks for 0.0.0.0 and the DNS
 * servers, the server Naks with an address from its pool and its DNS servers (exact bytes),
 * both learn the addresses; a shared pool of two addresses serves two clients and refuses a
 * third with "address pool exhausted" (traced, and carried to the client in the
 * Terminate-Request); an address returns to the pool when its link closes.
 */
#include "l2tp-ppp-harness.h"
#include "l2tp-test-util.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <memory>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Collects assigned addresses.
struct AddressLog
{
    std::vector<std::string> lines; //!< "time local peer"

    void Add(Ipv4Address local, Ipv4Address peer)
    {
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << " " << local
           << " " << peer;
        lines.push_back(os.str());
    }
};

/**
 * \ingroup l2tp
 * \brief Address assignment, DNS, exhaustion, release.
 */
class PppIpcpPoolTestCase : public TestCase
{
public:
    PppIpcpPoolTestCase()
        : TestCase("IPCP assigns pool addresses and DNS; exhaustion refused; release")
    {
    }

private:
    void DoRun() override
    {
        Ptr<PppAddressPool> pool = CreateObject<PppAddressPool>();
        pool->SetRange(Ipv4Address("10.0.0.10"), 2);
        std::vector<std::unique_ptr<PppLink>> links;
        AddressLog clientAddr;
        AddressLog serverAddr;
        TextLog refused;
        TextLog clientReason;
        for (int i = 0; i < 3; ++i)
        {
            links.push_back(std::make_unique<PppLink>());
            PppLink& l = *links.back();
            l.server->SetServerAddressing(Ipv4Address("10.0.0.1"), pool);
            l.server->GetIpcp()->SetNameServers(Ipv4Address("192.0.2.53"),
                                                Ipv4Address("192.0.2.54"), Ipv4Address("0.0.0.0"),
                                                Ipv4Address("0.0.0.0"));
            l.client->TraceConnectWithoutContext("AddressAssigned",
                                                 MakeCallback(&AddressLog::Add, &clientAddr));
            l.server->TraceConnectWithoutContext("AddressAssigned",
                                                 MakeCallback(&AddressLog::Add, &serverAddr));
            l.server->GetIpcp()->TraceConnectWithoutContext("AddressRefused",
                                                            MakeCallback(&TextLog::Add, &refused));
            l.client->GetIpcp()->TraceConnectWithoutContext(
                "PeerTerminate", MakeCallback(&TextLog::Add, &clientReason));
            Simulator::Schedule(Seconds(i), &PppEndpoint::Start, l.client);
            Simulator::Schedule(Seconds(i), &PppEndpoint::Start, l.server);
        }
        Simulator::Schedule(Seconds(5), &PppEndpoint::Stop, links[0]->client, "bye");
        Simulator::Stop(Seconds(20));
        Simulator::Run();

        // The client asks for 0.0.0.0 and DNS; the server Naks with pool address and DNS; the
        // client acknowledges the server's own address and asks again with the values.
        NS_TEST_EXPECT_MSG_EQ(links[0]->LogOf("IPCP"),
                              "0.020 C>S IPCP Configure-Request 1\n"
                              "0.020 S>C IPCP Configure-Request 1\n"
                              "0.030 S>C IPCP Configure-Nak 1\n"
                              "0.030 C>S IPCP Configure-Ack 1\n"
                              "0.040 C>S IPCP Configure-Request 2\n"
                              "0.050 S>C IPCP Configure-Ack 2\n",
                              "IPCP messages of the first link");
        // Pool exhausted: the server closes IPCP (reason in the Terminate-Request), then LCP,
        // since no network protocol is left.
        NS_TEST_EXPECT_MSG_EQ(links[2]->Log(),
                              "2.000 C>S LCP Configure-Request 1\n"
                              "2.000 S>C LCP Configure-Request 1\n"
                              "2.010 S>C LCP Configure-Ack 1\n"
                              "2.010 C>S LCP Configure-Ack 1\n"
                              "2.020 C>S IPCP Configure-Request 1\n"
                              "2.020 S>C IPCP Configure-Request 1\n"
                              "2.030 S>C IPCP Terminate-Request 2\n"
                              "2.030 C>S IPCP Configure-Ack 1\n"
                              "2.040 C>S IPCP Terminate-Ack 2\n"
                              "2.050 S>C LCP Terminate-Request 2\n"
                              "2.060 C>S LCP Terminate-Ack 2\n",
                              "messages of the third link");
        // The server's Nak: IP-Address 10.0.0.10, DNS 192.0.2.53 and 192.0.2.54.
        for (const auto& f : links[0]->frames)
        {
            if (!f.fromClient && f.bytes.size() > 3 && f.bytes[0] == 0x80 && f.bytes[2] == 3)
            {
                NS_TEST_EXPECT_MSG_EQ(ToHex(f.bytes),
                                      "802103010016"
                                      "03060a00000a"
                                      "8106c0000235"
                                      "8306c0000236",
                                      "Nak bytes");
            }
        }
        std::string c;
        for (const auto& l : clientAddr.lines)
        {
            c += l + "\n";
        }
        std::string s;
        for (const auto& l : serverAddr.lines)
        {
            s += l + "\n";
        }
        NS_TEST_EXPECT_MSG_EQ(c, "0.060 10.0.0.10 10.0.0.1\n1.060 10.0.0.11 10.0.0.1\n",
                              "client addresses");
        NS_TEST_EXPECT_MSG_EQ(s, "0.050 10.0.0.1 10.0.0.10\n1.050 10.0.0.1 10.0.0.11\n",
                              "server view");
        NS_TEST_EXPECT_MSG_EQ(refused.Joined(), "2.030 address pool exhausted\n", "refusal");
        NS_TEST_EXPECT_MSG_EQ(clientReason.Joined(), "2.040 address pool exhausted\n",
                              "client told why");
        NS_TEST_EXPECT_MSG_EQ(links[0]->client->GetIpcp()->GetPrimaryDns(),
                              Ipv4Address("192.0.2.53"), "DNS1");
        NS_TEST_EXPECT_MSG_EQ(links[0]->client->GetIpcp()->GetSecondaryDns(),
                              Ipv4Address("192.0.2.54"), "DNS2");
        NS_TEST_EXPECT_MSG_EQ(pool->GetFree(), 1, "10.0.0.10 back in the pool after the close");
        links.clear();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The test suite.
 */
class PppIpcpTestSuite : public TestSuite
{
public:
    PppIpcpTestSuite()
        : TestSuite("l2tp-ppp-ipcp", TestSuite::Type::UNIT)
    {
        AddTestCase(new PppIpcpPoolTestCase);
    }
};

PppIpcpTestSuite g_pppIpcpTestSuite; //!< registers the suite

} // namespace
