/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/*
 * Suite l2tp-icmp-echo-probe: the module's ping (IcmpEchoProbe) on a point-to-point link,
 * through the voluntary L2TP tunnel, and against bad replies sent as real packets.
 */
#include "l2tp-ppp-voluntary-net.h"
#include "l2tp-test-util.h"
#include "ns3/l2tp-header.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/global-value.h"
#include "ns3/icmp-echo-probe-helper.h"
#include "ns3/icmp-echo-probe.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// IPv4 (20) + ICMP Echo header (8) + the default 56 payload bytes.
constexpr uint32_t PING_IP_BYTES = 20 + 8 + 56;
/// The point-to-point links' PPP header.
constexpr uint32_t P2P_BYTES = 2;

/// Records the probe's traces as text.
struct ProbeLog
{
    std::string tx;    //!< "seq@time;" per request
    std::string rtt;   //!< "seq rtt;" per valid reply
    std::string drops; //!< "reason;" per drop

    /// \param probe the probe to hook
    void Hook(Ptr<Application> probe)
    {
        probe->TraceConnectWithoutContext("Tx", MakeBoundCallback(&ProbeLog::Tx, &tx));
        probe->TraceConnectWithoutContext("Rtt", MakeBoundCallback(&ProbeLog::Rtt, &rtt));
        probe->TraceConnectWithoutContext("Drop", MakeBoundCallback(&ProbeLog::Drop, &drops));
    }

    static void Tx(std::string* log, uint16_t seq)
    {
        std::ostringstream o;
        o << seq << "@" << Simulator::Now().GetNanoSeconds() << ";";
        *log += o.str();
    }

    static void Rtt(std::string* log, uint16_t seq, Time rtt)
    {
        std::ostringstream o;
        o << seq << " " << rtt.GetNanoSeconds() << ";";
        *log += o.str();
    }

    static void Drop(std::string* log, const std::string& reason) { *log += reason + ";"; }
};

/// Sets GlobalValue ChecksumEnabled for one test and restores the previous value.
class ChecksumScope
{
public:
    /// \param on the value to set
    explicit ChecksumScope(bool on)
    {
        GlobalValue::GetValueByName("ChecksumEnabled", m_old);
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(on));
    }

    ~ChecksumScope() { GlobalValue::Bind("ChecksumEnabled", m_old); }

private:
    BooleanValue m_old; //!< the value before
};

/// Two nodes on one point-to-point link, 10.0.0.1 and 10.0.0.2.
struct TwoNodes
{
    NodeContainer nodes;    //!< pinger, target
    NetDeviceContainer dev; //!< the link's devices
    PointToPointHelper p2p; //!< the link

    /// \param rate link rate \param delay link delay
    TwoNodes(const std::string& rate, Time delay)
    {
        nodes.Create(2);
        InternetStackHelper stack;
        stack.Install(nodes);
        p2p.SetDeviceAttribute("DataRate", StringValue(rate));
        p2p.SetChannelAttribute("Delay", TimeValue(delay));
        dev = p2p.Install(nodes);
        Ipv4AddressHelper addr;
        addr.SetBase("10.0.0.0", "255.255.255.0");
        addr.Assign(dev);
    }

    /// Drop the references (so that Simulator::Destroy closes the pcaps)
    void Clear()
    {
        nodes = NodeContainer();
        dev = NetDeviceContainer();
    }
};

/// \param b an ICMP message with its checksum field (bytes 2-3) zero: writes the RFC 1071
///        checksum there (computed here, independently of the probe)
void
WriteChecksum(std::vector<uint8_t>& b)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < b.size(); i += 2)
    {
        sum += (uint32_t(b[i]) << 8) | (i + 1 < b.size() ? b[i + 1] : 0);
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    const uint16_t c = static_cast<uint16_t>(~sum);
    b[2] = c >> 8;
    b[3] = c & 0xff;
}

/**
 * \param type ICMP type \param id identifier \param seq sequence number
 * \param sentNs the send time the payload starts with
 * \return an ICMP Echo message with the probe's 56-byte payload and a right checksum
 */
std::vector<uint8_t>
EchoMessage(uint8_t type, uint16_t id, uint16_t seq, uint64_t sentNs)
{
    std::vector<uint8_t> b{type,        0, 0, 0, uint8_t(id >> 8), uint8_t(id), uint8_t(seq >> 8),
                           uint8_t(seq)};
    for (uint32_t i = 0; i < 56; ++i)
    {
        b.push_back(uint8_t(i)); // iputils ping's fill
    }
    // the send time as seconds and microseconds, 32 bits each, network order
    const uint64_t sec = sentNs / 1000000000;
    const uint64_t usec = sentNs % 1000000000 / 1000;
    for (uint32_t i = 0; i < 4; ++i)
    {
        b[8 + i] = uint8_t(sec >> (24 - 8 * i));
        b[12 + i] = uint8_t(usec >> (24 - 8 * i));
    }
    WriteChecksum(b);
    return b;
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief Three pings over one point-to-point link: 3 of 3 replies, each RTT exactly twice
 *        the serialization of the 86-byte frame plus the delay; tshark sees Echo Request and
 *        Reply pairs with good checksums and nothing malformed.
 */
class IcmpEchoProbeP2pTest : public TestCase
{
public:
    IcmpEchoProbeP2pTest()
        : TestCase("point-to-point: 3 of 3 replies, exact RTTs, tshark checksums good")
    {
    }

private:
    void DoRun() override
    {
        ChecksumScope checksums(true); // the target's replies carry real checksums too
        TwoNodes net("1Mbps", MilliSeconds(10));
        IcmpEchoProbeHelper ping(Ipv4Address("10.0.0.2"));
        ping.SetAttribute("Identifier", UintegerValue(0x4e53));
        ApplicationContainer apps = ping.Install(net.nodes.Get(0));
        apps.Start(Seconds(1));
        ProbeLog log;
        log.Hook(apps.Get(0));
        const std::string dir = MakeTempDir("icmp-echo-probe");
        net.p2p.EnablePcap(dir + "/ping", net.dev.Get(0), true);
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        // One way: 84 IP bytes + 2 PPP bytes = 688 bits at 1 Mbit/s = 688 us, plus 10 ms; the
        // reply is the same size and the link is idle between pings (1 s apart).
        const Time oneWay
            = DataRate("1Mbps").CalculateBytesTxTime(PING_IP_BYTES + P2P_BYTES) + MilliSeconds(10);
        NS_TEST_EXPECT_MSG_EQ(oneWay * 2, MicroSeconds(21376), "expected RTT by hand");
        std::ostringstream rtt;
        for (int seq = 1; seq <= 3; ++seq)
        {
            rtt << seq << " " << (oneWay * 2).GetNanoSeconds() << ";";
        }
        NS_TEST_EXPECT_MSG_EQ(log.rtt, rtt.str(), "three replies, each 2 x (ser + delay)");
        NS_TEST_EXPECT_MSG_EQ(log.tx, "1@1000000000;2@2000000000;3@3000000000;",
                              "Count 3 at the default 1 s interval, sequence from 1");
        NS_TEST_EXPECT_MSG_EQ(log.drops, "", "nothing dropped");
        Ptr<IcmpEchoProbe> probe = DynamicCast<IcmpEchoProbe>(apps.Get(0));
        NS_TEST_EXPECT_MSG_EQ(probe->GetSent(), 3, "sent");
        NS_TEST_EXPECT_MSG_EQ(probe->GetReceived(), 3, "received");
        NS_TEST_EXPECT_MSG_EQ(probe->GetDuplicates(), 0, "duplicates");
        NS_TEST_EXPECT_MSG_EQ(probe->GetDrops(), 0, "drops");
        probe = nullptr;
        apps = ApplicationContainer();
        net.Clear();
        Simulator::Destroy(); // closes the pcap

        const std::string pcap = dir + "/ping-0-1.pcap";
        int st = 0;
        const std::string malformed
            = RunCommand("tshark -r " + pcap + " -Y _ws.malformed 2>/dev/null", st);
        NS_TEST_EXPECT_MSG_EQ(st, 0, "tshark ran");
        NS_TEST_EXPECT_MSG_EQ(malformed, "", "no malformed packets");
        const std::string expert
            = RunCommand("tshark -r " + pcap + " -q -z expert,error 2>/dev/null", st);
        NS_TEST_EXPECT_MSG_EQ(expert.find("Error"), std::string::npos,
                              "no error-level expert info: " << expert);
        // type, code, identifier, sequence number, checksum status (1 = good), the frame's
        // time relative to the send time in the data (0 for a request, the RTT for its
        // reply), data length after that 8-byte timestamp (56 - 8)
        const std::string fields = RunCommand(
            "tshark -r " + pcap
                + " -T fields -E separator=, -e icmp.type -e icmp.code -e icmp.ident -e icmp.seq "
                  "-e icmp.checksum.status -e icmp.data_time_relative -e data.len 2>/dev/null",
            st);
        NS_TEST_EXPECT_MSG_EQ(fields,
                              "8,0,20051,1,1,0.000000000,48\n0,0,20051,1,1,0.021376000,48\n"
                              "8,0,20051,2,1,0.000000000,48\n0,0,20051,2,1,0.021376000,48\n"
                              "8,0,20051,3,1,0.000000000,48\n0,0,20051,3,1,0.021376000,48\n",
                              "three request / reply pairs, checksums good");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A ping through the voluntary tunnel of l2tp-ppp-l2tp: the first RTT is the path's
 *        propagation plus the serialization of the encapsulated ICMP sizes (computed as that
 *        suite does for its UDP echo).
 */
class IcmpEchoProbeTunnelTest : public TestCase
{
public:
    IcmpEchoProbeTunnelTest()
        : TestCase("through the voluntary L2TP tunnel: exact first RTT")
    {
    }

private:
    void DoRun() override
    {
        // ChecksumEnabled stays false (the default): the server's replies carry checksum 0,
        // which the probe accepts then, as ns-3's UDP does.
        Links l;
        VoluntaryNet net;
        net.Build(l, "wonderland", 10);
        IcmpEchoProbeHelper ping(net.serverAddr);
        ping.SetAttribute("Count", UintegerValue(2));
        ApplicationContainer apps = ping.Install(net.nodes.Get(0));
        apps.Start(Seconds(2)); // PPP is up at 2 s (l2tp-ppp-l2tp)
        ProbeLog log;
        log.Hook(apps.Get(0));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        // Each way crosses A and B with the encapsulated datagram (IPv4 20 + UDP 8 + L2TP data
        // header + PPP 4 + the 84-byte inner datagram) and C with the inner one.
        const uint32_t inner = PING_IP_BYTES;
        const uint32_t l2tp = L2tpHeader::MakeData(1, 1, true).GetSerializedSize();
        const uint32_t outer = 20 + 8 + l2tp + 4 + inner;
        auto ser = [](uint32_t bytes, const std::string& rate)
        {
            return DataRate(rate).CalculateBytesTxTime(bytes);
        };
        const Time oneWay = ser(outer + P2P_BYTES, l.rateA) + Seconds(l.delayA)
                            + ser(outer + P2P_BYTES, l.rateB) + Seconds(l.delayB)
                            + ser(inner + P2P_BYTES, l.rateC) + Seconds(l.delayC);
        NS_TEST_EXPECT_MSG_EQ(l2tp, 8, "L2TP data header with Length: 8 bytes");
        // 126 bytes on A (504 us) and B (100.8 us), 86 on C (6.88 us), 16 ms propagation
        NS_TEST_EXPECT_MSG_EQ(oneWay * 2, NanoSeconds(33223360), "expected RTT by hand");
        std::ostringstream rtt;
        rtt << "1 " << (oneWay * 2).GetNanoSeconds() << ";2 " << (oneWay * 2).GetNanoSeconds()
            << ";";
        NS_TEST_EXPECT_MSG_EQ(log.rtt, rtt.str(), "two replies, each at the computed RTT");
        NS_TEST_EXPECT_MSG_EQ(log.drops, "", "nothing dropped");
        Ptr<IcmpEchoProbe> probe = DynamicCast<IcmpEchoProbe>(apps.Get(0));
        NS_TEST_EXPECT_MSG_EQ(probe->GetSent(), 2, "sent");
        NS_TEST_EXPECT_MSG_EQ(probe->GetReceived(), 2, "received");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Bad replies, sent as real ICMP datagrams by a raw socket on the target: each is
 *        dropped with its reason and counted; the real replies still count.
 */
class IcmpEchoProbeBadInputTest : public TestCase
{
public:
    IcmpEchoProbeBadInputTest()
        : TestCase("bad replies: checksum, identifier, sequence, duplicate, truncated, "
                   "payload, type")
    {
    }

private:
    void DoRun() override
    {
        ChecksumScope checksums(true); // the probe verifies ICMP checksums
        TwoNodes net("1Mbps", MilliSeconds(10));
        const uint16_t id = 0x1234;
        IcmpEchoProbeHelper ping(Ipv4Address("10.0.0.2"));
        ping.SetAttribute("Identifier", UintegerValue(id));
        ping.SetAttribute("Count", UintegerValue(2));
        ApplicationContainer apps = ping.Install(net.nodes.Get(0));
        apps.Start(Seconds(1)); // seq 1 at 1 s, seq 2 at 2 s
        ProbeLog log;
        log.Hook(apps.Get(0));

        Ptr<Socket> raw = Socket::CreateSocket(net.nodes.Get(1), Ipv4RawSocketFactory::GetTypeId());
        raw->SetAttribute("Protocol", UintegerValue(1));
        auto inject = [raw](double at, std::vector<uint8_t> b)
        {
            Simulator::Schedule(Seconds(at),
                                [raw, b]()
                                {
                                    raw->SendTo(Create<Packet>(b.data(), b.size()), 0,
                                                InetSocketAddress(Ipv4Address("10.0.0.1"), 0));
                                });
        };
        const uint64_t sent1 = 1000000000; // seq 1's send time, in its payload
        std::vector<uint8_t> badSum = EchoMessage(0, id, 1, sent1);
        badSum[2] ^= 0x01;
        inject(1.5, badSum);
        inject(1.6, EchoMessage(0, 0x4321, 1, sent1));
        inject(1.7, EchoMessage(0, id, 99, sent1));
        inject(1.8, EchoMessage(0, id, 1, sent1)); // a second, valid, reply to seq 1
        std::vector<uint8_t> truncated{0, 0, 0, 0, uint8_t(id >> 8), uint8_t(id)};
        WriteChecksum(truncated);
        inject(1.9, truncated);
        // A reply to seq 2 whose payload claims another send time; it arrives at about
        // 2.0157 s, before the real reply (2 s + 21.376 ms).
        inject(2.005, EchoMessage(0, id, 2, sent1));
        // A Timestamp Request (type 13, RFC 792): 8 + 12 bytes. ns-3's ICMP ignores it.
        std::vector<uint8_t> timestamp{13, 0, 0, 0, uint8_t(id >> 8), uint8_t(id), 0, 3};
        timestamp.resize(20, 0);
        WriteChecksum(timestamp);
        inject(2.5, timestamp);

        Simulator::Stop(Seconds(4));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(log.drops,
                              "checksum;identifier;unknown-sequence;duplicate;truncated;payload;"
                              "not-echo-reply;",
                              "each bad datagram dropped with its reason, in order");
        // 2 x (688 us serialization + 10 ms) as in the point-to-point test
        NS_TEST_EXPECT_MSG_EQ(log.rtt, "1 21376000;2 21376000;", "the real replies count");
        Ptr<IcmpEchoProbe> probe = DynamicCast<IcmpEchoProbe>(apps.Get(0));
        NS_TEST_EXPECT_MSG_EQ(probe->GetSent(), 2, "sent");
        NS_TEST_EXPECT_MSG_EQ(probe->GetReceived(), 2, "received");
        NS_TEST_EXPECT_MSG_EQ(probe->GetDuplicates(), 1, "duplicates");
        NS_TEST_EXPECT_MSG_EQ(probe->GetDrops(), 7, "drops");
        for (uint32_t r = 0; r < IcmpEchoProbe::DROP_REASON_COUNT; ++r)
        {
            const auto reason = static_cast<IcmpEchoProbe::DropReason>(r);
            NS_TEST_EXPECT_MSG_EQ(probe->GetDrops(reason), 1,
                                  "one drop for " << IcmpEchoProbe::DropReasonName(reason));
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Count 0 pings until the application stops; a probe whose socket has no route sends
 *        nothing (and counts nothing) but keeps trying at its interval.
 */
class IcmpEchoProbeCountTest : public TestCase
{
public:
    IcmpEchoProbeCountTest()
        : TestCase("Count 0 runs until Stop; no route: nothing sent")
    {
    }

private:
    void DoRun() override
    {
        TwoNodes net("1Mbps", MilliSeconds(10));
        IcmpEchoProbeHelper ping(Ipv4Address("10.0.0.2"));
        ping.SetAttribute("Count", UintegerValue(0));
        ping.SetAttribute("Interval", TimeValue(MilliSeconds(500)));
        ApplicationContainer apps = ping.Install(net.nodes.Get(0));
        apps.Start(Seconds(1));
        apps.Stop(Seconds(3.1)); // requests at 1, 1.5, 2, 2.5 and 3 s
        ProbeLog log;
        log.Hook(apps.Get(0));
        // 192.0.2.1 is on no link and the node has no default route.
        IcmpEchoProbeHelper lost(Ipv4Address("192.0.2.1"));
        lost.SetAttribute("Identifier", UintegerValue(2));
        ApplicationContainer lostApps = lost.Install(net.nodes.Get(0));
        lostApps.Start(Seconds(1));
        ProbeLog lostLog;
        lostLog.Hook(lostApps.Get(0));
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(log.tx,
                              "1@1000000000;2@1500000000;3@2000000000;4@2500000000;"
                              "5@3000000000;",
                              "every 500 ms until the stop at 3.1 s");
        // Each reply 21.376 ms after its request, before the stop: 5 of 5.
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<IcmpEchoProbe>(apps.Get(0))->GetReceived(), 5, "replies");
        NS_TEST_EXPECT_MSG_EQ(lostLog.tx, "", "no route: nothing sent");
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<IcmpEchoProbe>(lostApps.Get(0))->GetSent(), 0,
                              "nothing counted as sent");
        // The first probe's requests are not the second's: its replies reach the second
        // probe's socket too (a raw socket sees all ICMP) and are dropped for the identifier.
        NS_TEST_EXPECT_MSG_EQ(lostLog.drops,
                              "identifier;identifier;identifier;identifier;identifier;",
                              "the other probe's five replies");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The IcmpEchoProbe suite.
 */
class IcmpEchoProbeSuite : public TestSuite
{
public:
    IcmpEchoProbeSuite()
        : TestSuite("l2tp-icmp-echo-probe", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new IcmpEchoProbeP2pTest());
        AddTestCase(new IcmpEchoProbeTunnelTest());
        AddTestCase(new IcmpEchoProbeBadInputTest());
        AddTestCase(new IcmpEchoProbeCountTest());
    }
};

static IcmpEchoProbeSuite g_icmpEchoProbeSuite; //!< the suite
