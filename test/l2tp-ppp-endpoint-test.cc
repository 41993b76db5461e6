/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PppEndpoint: LCP -> CHAP -> IPCP -> IPv4 between a client and a server, phases and
 * counters; the negotiation written as a pcap (DLT_PPP_WITH_DIR) that tshark must dissect
 * without malformed packets or error-level expert info, with the LCP/CHAP/IPCP codes in order;
 * Protocol-Reject of an unknown protocol (exact bytes); frames out of phase dropped with
 * reasons; random frames in every phase never crash and are counted.
 */
#include "l2tp-ppp-harness.h"
#include "l2tp-test-util.h"

#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Counts IPv4 datagrams delivered by an endpoint.
struct Sink
{
    std::vector<uint32_t> sizes; //!< datagram sizes

    void Rx(Ptr<Packet> p) { sizes.push_back(p->GetSize()); }
};

/**
 * \ingroup l2tp
 * \brief The whole link up, IPv4 both ways, pcap dissected by tshark.
 */
class PppEndpointFullTestCase : public TestCase
{
public:
    PppEndpointFullTestCase()
        : TestCase("client and server through LCP, CHAP, IPCP and IPv4; pcap dissects cleanly")
    {
    }

private:
    void DoRun() override
    {
        PppLink link;
        link.server->GetLcp()->SetAttribute("Authentication", StringValue("chap"));
        link.server->AddUser("alice", "secret");
        link.client->SetAttribute("Username", StringValue("alice"));
        link.client->SetAttribute("Password", StringValue("secret"));
        TextLog phases;
        link.client->TraceConnectWithoutContext("Phase", MakeCallback(&TextLog::Add, &phases));
        Sink serverSink;
        Sink clientSink;
        link.server->SetIpv4ReceiveCallback(MakeCallback(&Sink::Rx, &serverSink));
        link.client->SetIpv4ReceiveCallback(MakeCallback(&Sink::Rx, &clientSink));
        link.client->Start();
        link.server->Start();
        // A minimal IPv4 header (20 octets) + 8 octets, 10.0.0.10 -> 10.0.0.1, before and after
        // IPCP opens.
        const auto dgram = FromHex("4500001c000000004001000000000a0a0a000001"
                                   "0800f7ff00000000");
        bool early = true;
        Simulator::Schedule(
            MilliSeconds(1),
            [&]() { early = link.client->SendIpv4(Create<Packet>(dgram.data(), dgram.size())); });
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                link.client->SendIpv4(Create<Packet>(dgram.data(), dgram.size()));
                                link.server->SendIpv4(Create<Packet>(dgram.data(), dgram.size()));
                            });
        Simulator::Schedule(Seconds(2), &PppEndpoint::Stop, link.client, "user request");
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(early, false, "no IPv4 before IPCP is Opened");
        // IPCP: the server offers no DNS, so it Rejects the client's DNS options, then Naks the
        // address 0.0.0.0 with 10.0.0.10.
        NS_TEST_EXPECT_MSG_EQ(link.Log(),
                              "0.000 C>S LCP Configure-Request 1\n"
                              "0.000 S>C LCP Configure-Request 1\n"
                              "0.010 S>C LCP Configure-Ack 1\n"
                              "0.010 C>S LCP Configure-Ack 1\n"
                              "0.020 S>C CHAP Challenge 1\n"
                              "0.030 C>S CHAP Response 1\n"
                              "0.040 S>C CHAP Success 1\n"
                              "0.040 S>C IPCP Configure-Request 1\n"
                              "0.050 C>S IPCP Configure-Request 1\n"
                              "0.050 C>S IPCP Configure-Ack 1\n"
                              "0.060 S>C IPCP Configure-Reject 1\n"
                              "0.070 C>S IPCP Configure-Request 2\n"
                              "0.080 S>C IPCP Configure-Nak 2\n"
                              "0.090 C>S IPCP Configure-Request 3\n"
                              "0.100 S>C IPCP Configure-Ack 3\n"
                              "1.000 C>S IPv4 28\n"
                              "1.000 S>C IPv4 28\n"
                              "2.000 C>S LCP Terminate-Request 2\n"
                              "2.010 S>C LCP Terminate-Ack 2\n",
                              "all frames");
        NS_TEST_EXPECT_MSG_EQ(phases.Joined(),
                              "0.000 Establish\n"
                              "0.020 Authenticate\n"
                              "0.050 Network\n"
                              "2.000 Terminate\n"
                              "2.020 Dead\n",
                              "client phases");
        NS_TEST_EXPECT_MSG_EQ(serverSink.sizes.size(), 1, "server got the datagram");
        NS_TEST_EXPECT_MSG_EQ(clientSink.sizes.size(), 1, "client got the datagram");
        const auto& c = link.client->GetCounters();
        NS_TEST_EXPECT_MSG_EQ(c.framesSent.at(PppFrame::PROTO_LCP), 3, "LCP sent: CR, CA, TR");
        NS_TEST_EXPECT_MSG_EQ(c.framesSent.at(PppFrame::PROTO_CHAP), 1, "CHAP sent");
        NS_TEST_EXPECT_MSG_EQ(c.framesSent.at(PppFrame::PROTO_IPCP), 4, "IPCP sent: 3 CR, CA");
        NS_TEST_EXPECT_MSG_EQ(c.framesSent.at(PppFrame::PROTO_IPV4), 1, "IPv4 sent");
        NS_TEST_EXPECT_MSG_EQ(c.bytesSent.at(PppFrame::PROTO_IPV4), 29, "IPv4: 1 + 28 octets");
        NS_TEST_EXPECT_MSG_EQ(c.framesReceived.at(PppFrame::PROTO_IPV4), 1, "IPv4 received");
        NS_TEST_EXPECT_MSG_EQ(c.authSuccesses, 1, "auth");

        // tshark: no malformed packets, no error-level expert info, codes in order.
        const std::string dir = MakeTempDir("ppp-endpoint");
        const std::string pcap = dir + "/ppp-negotiation.pcap";
        link.WritePcap(pcap);
        int st = 0;
        const std::string malformed
            = RunCommand("tshark -r " + pcap + " -Y _ws.malformed 2>/dev/null", st);
        NS_TEST_EXPECT_MSG_EQ(st, 0, "tshark ran");
        NS_TEST_EXPECT_MSG_EQ(malformed, "", "no malformed packets");
        const std::string expert
            = RunCommand("tshark -r " + pcap + " -q -z expert,error 2>/dev/null", st);
        NS_TEST_EXPECT_MSG_EQ(expert.find("Error"), std::string::npos,
                              "no error-level expert info: " << expert);
        const std::string fields = RunCommand("tshark -r " + pcap
                                                  + " -T fields -E separator=, -e ppp.direction -e "
                                                    "ppp.protocol -e ppp.code -e chap.code "
                                                    "-e ip.dst 2>/dev/null",
                                              st);
        // direction (0: DTE->DCE, the client's frames) / protocol / LCP-IPCP code / CHAP code / IP
        NS_TEST_EXPECT_MSG_EQ(fields,
                              "0,0xc021,1,,\n"
                              "1,0xc021,1,,\n"
                              "1,0xc021,2,,\n"
                              "0,0xc021,2,,\n"
                              "1,0xc223,,1,\n"
                              "0,0xc223,,2,\n"
                              "1,0xc223,,3,\n"
                              "1,0x8021,1,,\n"
                              "0,0x8021,1,,\n"
                              "0,0x8021,2,,\n"
                              "1,0x8021,4,,\n"
                              "0,0x8021,1,,\n"
                              "1,0x8021,3,,\n"
                              "0,0x8021,1,,\n"
                              "1,0x8021,2,,\n"
                              "0,0x0021,,,10.0.0.1\n"
                              "1,0x0021,,,10.0.0.1\n"
                              "0,0xc021,5,,\n"
                              "1,0xc021,6,,\n",
                              "dissected protocols and codes");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Unknown protocols get a Protocol-Reject; out-of-phase and malformed frames are
 *        dropped with reasons; random frames never crash.
 */
class PppEndpointRobustTestCase : public TestCase
{
public:
    PppEndpointRobustTestCase()
        : TestCase("Protocol-Reject, out-of-phase and malformed frames, random frames")
    {
    }

private:
    void DoRun() override
    {
        PppLink link;
        TextLog drops;
        link.server->TraceConnectWithoutContext("Drop", MakeCallback(&TextLog::Add, &drops));
        TextLog lcpDrops;
        link.server->GetLcp()->TraceConnectWithoutContext("Drop",
                                                          MakeCallback(&TextLog::Add, &lcpDrops));

        link.server->Start();
        link.client->Start();
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(link.server->GetIpcp()->GetState(), PppFsm::OPENED, "link up");
        link.log.clear();
        link.frames.clear();
        drops.lines.clear();
        lcpDrops.lines.clear();
        // IPV6CP (0x8057), not supported: Protocol-Reject carrying protocol and information.
        for (const char* hex : {"80570101000a010a0000000000000000", "ff03", "ff0300", "ff04c021",
                                "c021", "ff03c02101", "ff03c021010100ff"})
        {
            const auto b = FromHex(hex);
            link.server->Receive(Create<Packet>(b.data(), b.size()));
        }
        NS_TEST_ASSERT_MSG_EQ(link.frames.size(), 1, "one frame sent");
        NS_TEST_EXPECT_MSG_EQ(ToHex(link.frames[0].bytes).substr(0, 12), "ff03c0210802",
                              "Protocol-Reject header");
        NS_TEST_EXPECT_MSG_EQ(ToHex(link.frames[0].bytes).substr(16),
                              "805701"
                              "01000a010a0000000000000000",
                              "rejected protocol and packet");
        NS_TEST_EXPECT_MSG_EQ(drops.Joined(),
                              "1.000 unsupported protocol 0x8057\n"
                              "1.000 frame ends inside the Protocol field\n"
                              "1.000 frame ends inside the Protocol field\n"
                              "1.000 Address 0xff not followed by Control 0x03\n",
                              "frame drop reasons");
        NS_TEST_EXPECT_MSG_EQ(lcpDrops.Joined(),
                              "1.000 packet shorter than its 4-octet header\n"
                              "1.000 packet shorter than its 4-octet header\n"
                              "1.000 Length field past the end of the frame\n",
                              "LCP packet drop reasons");
        NS_TEST_EXPECT_MSG_EQ(link.server->GetCounters().protocolRejectsSent, 1, "counter");

        // An unknown LCP code (12): Code-Reject carrying the packet (RUC, scj/9); still Opened.
        link.frames.clear();
        const auto unknownCode = FromHex("ff03c0210c050004");
        link.server->Receive(Create<Packet>(unknownCode.data(), unknownCode.size()));
        NS_TEST_ASSERT_MSG_EQ(link.frames.size(), 1, "one Code-Reject");
        NS_TEST_EXPECT_MSG_EQ(ToHex(link.frames[0].bytes),
                              "ff03c0210703000"
                              "80c050004",
                              "Code-Reject bytes (id 3)");
        NS_TEST_EXPECT_MSG_EQ(link.server->GetLcp()->GetState(), PppFsm::OPENED, "still Opened");

        // Random frames (ns-3 RNG) in every phase: never crash; the link stays up.
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(42);
        const uint16_t protos[] = {0xc021, 0xc023, 0xc223, 0x8021, 0x0021, 0x8057};
        uint32_t sent = 0;
        for (int i = 0; i < 3000; ++i)
        {
            std::vector<uint8_t> b = {0xff, 0x03};
            const uint16_t p = protos[rng->GetInteger(0, 5)];
            b.push_back(p >> 8);
            b.push_back(p & 0xff);
            const uint32_t len = rng->GetInteger(0, 40);
            // Mostly control packets with random code/length/options.
            for (uint32_t k = 0; k < len; ++k)
            {
                b.push_back(static_cast<uint8_t>(rng->GetInteger(0, 255)));
            }
            if (len >= 4 && (p == 0xc021 || p == 0x8021))
            {
                b[4] = static_cast<uint8_t>(rng->GetInteger(7, 14)); // not Configure-*/Terminate-*
            }
            const auto slice = Slice(b, 0, b.size());
            link.server->Receive(Create<Packet>(slice.data(), slice.size()));
            ++sent;
        }
        NS_TEST_EXPECT_MSG_EQ(sent, 3000, "all fed");
        const bool manyLcp
            = link.server->GetCounters().framesReceived.at(PppFrame::PROTO_LCP) > 500;
        NS_TEST_EXPECT_MSG_EQ(manyLcp, true, "LCP frames processed");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The test suite.
 */
class PppEndpointTestSuite : public TestSuite
{
public:
    PppEndpointTestSuite()
        : TestSuite("l2tp-ppp-endpoint", TestSuite::Type::UNIT)
    {
        AddTestCase(new PppEndpointFullTestCase);
        AddTestCase(new PppEndpointRobustTestCase);
    }
};

PppEndpointTestSuite g_pppEndpointTestSuite; //!< registers the suite

} // namespace
