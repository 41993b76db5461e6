/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Ipv4Nat: RFC 4787 mapping and filtering behaviours, mapping lifetimes and refresh, ESP
 * passthrough, hairpinning, port allocation, static mappings and the translation of UDP, TCP,
 * ICMP queries, ICMP errors and fragments with valid checksums. Every expected value below is
 * derived from the RFCs and the network in l2tp-middlebox-test-net.h.
 */
#include "l2tp-middlebox-test-net.h"
#include "l2tp-test-util.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-nat.h"
#include "ns3/ipv4-transport-fields.h"
#include "ns3/ipv4.h"
#include "ns3/nat-helper.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/test.h"

#include <map>
#include <memory>
#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Render received datagrams as "addr:port" list for exact comparison.
std::string
Sources(const std::vector<ProbeRx>& log)
{
    std::ostringstream os;
    for (size_t i = 0; i < log.size(); ++i)
    {
        os << (i ? " " : "") << log[i].from << ":" << log[i].port;
    }
    return os.str();
}

/// Render the drop reasons in order.
std::string
Reasons(const std::vector<std::pair<Time, Ipv4Nat::DropReason>>& drops)
{
    std::ostringstream os;
    for (size_t i = 0; i < drops.size(); ++i)
    {
        os << (i ? " " : "") << Ipv4Nat::DropReasonName(drops[i].second);
    }
    return os.str();
}

uint16_t
Get16(const std::vector<uint8_t>& b, size_t off)
{
    return uint16_t(b[off] << 8 | b[off + 1]);
}

/**
 * \ingroup l2tp-tests
 * \brief Base: the test network with a NAT on BOX and its trace events recorded.
 */
class NatTestCase : public TestCase
{
public:
    /// \param name test name
    explicit NatTestCase(const std::string& name)
        : TestCase(name)
    {
    }

protected:
    /// Attribute settings as name, value text.
    typedef std::vector<std::pair<std::string, std::string>> Attributes;

    /// Build the network and install the NAT with \p attributes.
    void Setup(const Attributes& attributes)
    {
        net = std::make_unique<MiddleboxTestNet>();
        created.clear();
        refreshed.clear();
        expired.clear();
        drops.clear();
        dropSources.clear();
        translatedIn.clear();
        translatedOut.clear();
        NatHelper helper;
        for (const auto& a : attributes)
        {
            helper.SetAttribute(a.first, StringValue(a.second));
        }
        nat = helper.Install(net->box, net->boxOutside);
        nat->TraceConnectWithoutContext("MappingCreated",
                                        MakeCallback(&NatTestCase::OnCreated, this));
        nat->TraceConnectWithoutContext("MappingRefreshed",
                                        MakeCallback(&NatTestCase::OnRefreshed, this));
        nat->TraceConnectWithoutContext("MappingExpired",
                                        MakeCallback(&NatTestCase::OnExpired, this));
        nat->TraceConnectWithoutContext("PacketDropped",
                                        MakeCallback(&NatTestCase::OnDropped, this));
        nat->TraceConnectWithoutContext("PacketTranslated",
                                        MakeCallback(&NatTestCase::OnTranslated, this));
    }

    /// End of a test: destroy the simulation and the network.
    void Teardown()
    {
        Simulator::Destroy();
        nat = nullptr;
        net.reset();
    }

    std::unique_ptr<MiddleboxTestNet> net;                   //!< network
    Ptr<Ipv4Nat> nat;                                        //!< the NAT
    std::vector<std::pair<Time, Ipv4NatMapping>> created;    //!< MappingCreated
    std::vector<std::pair<Time, Ipv4NatMapping>> refreshed;  //!< MappingRefreshed
    std::vector<std::pair<Time, Ipv4NatMapping>> expired;    //!< MappingExpired
    std::vector<std::pair<Time, Ipv4Nat::DropReason>> drops; //!< PacketDropped
    std::vector<Ipv4Address> dropSources;                    //!< sources of dropped packets
    std::vector<std::pair<Time, Ipv4Header>> translatedIn;   //!< PacketTranslated, to inside
    std::vector<std::pair<Time, Ipv4Header>> translatedOut;  //!< PacketTranslated, to outside

private:
    void OnCreated(const Ipv4NatMapping& m) { created.emplace_back(Simulator::Now(), m); }

    void OnRefreshed(const Ipv4NatMapping& m) { refreshed.emplace_back(Simulator::Now(), m); }

    void OnExpired(const Ipv4NatMapping& m) { expired.emplace_back(Simulator::Now(), m); }

    void OnDropped(Ptr<const Packet> p, const Ipv4Header& h, Ipv4Nat::DropReason reason)
    {
        drops.emplace_back(Simulator::Now(), reason);
        dropSources.push_back(h.GetSource());
    }

    void OnTranslated(Ptr<const Packet> p, const Ipv4Header& before, const Ipv4Header& after)
    {
        if (nat->GetPublicAddresses()[0] == after.GetSource())
        {
            translatedOut.emplace_back(Simulator::Now(), after);
        }
        else
        {
            translatedIn.emplace_back(Simulator::Now(), after);
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Checksum arithmetic (RFC 1624) and transport-field parsing.
 */
class NatChecksumTestCase : public TestCase
{
public:
    NatChecksumTestCase()
        : TestCase("RFC 1624 incremental checksum and transport-field parsing")
    {
    }

private:
    void DoRun() override
    {
        // RFC 1624 section 4: m = 0x5555 -> 0x3285, other octets sum to 0xCD7A, HC = 0xDD2F;
        // equation 3 gives 0x0000, the same as recomputing.
        NS_TEST_EXPECT_MSG_EQ(Ipv4TransportFields::AdjustChecksum(0xDD2F, 0x5555, 0x3285), 0x0000,
                              "RFC 1624 example");
        uint8_t sum[] = {0xCD, 0x7A, 0x55, 0x55};
        NS_TEST_EXPECT_MSG_EQ(Ipv4TransportFields::InternetChecksum(sum, 4), 0xDD2F, "HC");
        // Incremental update equals recomputation over a 24-byte block for address and port
        // changes.
        std::vector<uint8_t> b
            = {0xc0, 0xa8, 0x01, 0x02, 0xc6, 0x33, 0x64, 0x01, 0x13, 0x88, 0x1b, 0x58,
               0x00, 0x1c, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
        uint16_t cs = Ipv4TransportFields::InternetChecksum(b.data(), b.size());
        cs = Ipv4TransportFields::AdjustChecksum32(cs, 0xc0a80102, 0xcb007101);
        cs = Ipv4TransportFields::AdjustChecksum(cs, 0x1388, 0x0400);
        std::vector<uint8_t> c = b;
        c[0] = 0xcb;
        c[1] = 0x00;
        c[2] = 0x71;
        c[3] = 0x01;
        c[8] = 0x04;
        c[9] = 0x00;
        NS_TEST_EXPECT_MSG_EQ(cs, Ipv4TransportFields::InternetChecksum(c.data(), c.size()),
                              "incremental == recomputed");

        Ipv4Header ip;
        ip.SetProtocol(17);
        ip.SetSource(Ipv4Address("10.0.0.1"));
        ip.SetDestination(Ipv4Address("10.0.0.2"));
        uint8_t shortUdp[] = {0x13, 0x88, 0x1b};
        auto f = Ipv4TransportFields::Parse(Create<Packet>(shortUdp, 3), ip);
        NS_TEST_EXPECT_MSG_EQ(f.truncated, true, "3-byte UDP header is truncated");
        ip.SetProtocol(6);
        std::vector<uint8_t> tcp(20, 0);
        tcp[12] = 0x40; // data offset 4 words: invalid
        f = Ipv4TransportFields::Parse(Create<Packet>(tcp.data(), tcp.size()), ip);
        NS_TEST_EXPECT_MSG_EQ(f.truncated, true, "TCP data offset 4 rejected");
        tcp[12] = 0x60; // 24 bytes announced, 20 present
        f = Ipv4TransportFields::Parse(Create<Packet>(tcp.data(), tcp.size()), ip);
        NS_TEST_EXPECT_MSG_EQ(f.truncated, true, "TCP options beyond the data rejected");
        // ICMP port unreachable quoting 203.0.113.1:5000 -> 198.51.100.1:9999 (UDP).
        ip.SetProtocol(1);
        std::vector<uint8_t> icmp
            = {3, 3, 0,   0, 0,   0, 0,   0,  0x45, 0, 0,    48,   0,    0,    0, 0,  64, 17,
               0, 0, 203, 0, 113, 1, 198, 51, 100,  1, 0x13, 0x88, 0x27, 0x0f, 0, 28, 0,  0};
        f = Ipv4TransportFields::Parse(Create<Packet>(icmp.data(), icmp.size()), ip);
        NS_TEST_EXPECT_MSG_EQ(f.kind, Ipv4TransportFields::KIND_ICMP_ERROR, "kind");
        NS_TEST_EXPECT_MSG_EQ(f.innerValid, true, "quoted datagram parsed");
        NS_TEST_EXPECT_MSG_EQ(f.innerSource, Ipv4Address("203.0.113.1"), "quoted source");
        NS_TEST_EXPECT_MSG_EQ(f.innerSrcPort, 5000, "quoted source port");
        NS_TEST_EXPECT_MSG_EQ(f.innerDstPort, 9999, "quoted destination port");
        icmp.resize(8 + 20 + 4); // fewer than 64 bits of the quoted payload
        f = Ipv4TransportFields::Parse(Create<Packet>(icmp.data(), icmp.size()), ip);
        NS_TEST_EXPECT_MSG_EQ(f.innerValid, false, "short quote not parsed");
        // Rewriting: a UDP result of 0x0000 is sent as 0xffff (RFC 768); the RFC 1624 example
        // again, with the source port as the changed word.
        Ipv4Header same;
        same.SetProtocol(17);
        same.SetSource(Ipv4Address("10.0.0.1"));
        same.SetDestination(Ipv4Address("10.0.0.2"));
        std::vector<uint8_t> udp = {0x55, 0x55, 0x00, 0x35, 0x00, 0x08, 0xdd, 0x2f};
        Ptr<Packet> pu = Create<Packet>(udp.data(), udp.size());
        f = Ipv4TransportFields::Parse(pu, same);
        Ptr<Packet> ru = Ipv4TransportFields::RewriteTransport(pu, f, same, same, 0x3285, 0x35);
        std::vector<uint8_t> got(8);
        ru->CopyData(got.data(), 8);
        NS_TEST_EXPECT_MSG_EQ(ToHex(got), "328500350008ffff", "computed zero sent as ffff");
        // A UDP checksum of zero (none) stays zero whatever changes.
        udp[6] = udp[7] = 0;
        pu = Create<Packet>(udp.data(), udp.size());
        Ipv4Header moved = same;
        moved.SetSource(Ipv4Address("203.0.113.1"));
        ru = Ipv4TransportFields::RewriteTransport(pu, f, same, moved, 1024, 0x35);
        ru->CopyData(got.data(), 8);
        NS_TEST_EXPECT_MSG_EQ(ToHex(got), "0400003500080000", "no UDP checksum stays none");
        // TCP checksum 0 with ns-3 checksums disabled (the default here) is left alone;
        // enabled, it is updated like any other value.
        same.SetProtocol(6);
        moved.SetProtocol(6);
        tcp[12] = 0x50;
        Ptr<Packet> pt = Create<Packet>(tcp.data(), tcp.size());
        f = Ipv4TransportFields::Parse(pt, same);
        std::vector<uint8_t> t(20);
        Ipv4TransportFields::RewriteTransport(pt, f, same, moved, 0, 0)->CopyData(t.data(), 20);
        NS_TEST_EXPECT_MSG_EQ(Get16(t, 16), 0, "left alone when checksums are disabled");
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        Ipv4TransportFields::RewriteTransport(pt, f, same, moved, 0, 0)->CopyData(t.data(), 20);
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
        NS_TEST_EXPECT_MSG_EQ(Get16(t, 16),
                              Ipv4TransportFields::AdjustChecksum32(0, 0x0a000001, 0xcb007101),
                              "updated when enabled");
        // A later fragment has no transport header.
        ip.SetProtocol(17);
        ip.SetFragmentOffset(1480);
        f = Ipv4TransportFields::Parse(Create<Packet>(shortUdp, 3), ip);
        NS_TEST_EXPECT_MSG_EQ(f.l4Present, false, "later fragment");
        NS_TEST_EXPECT_MSG_EQ(f.truncated, false, "later fragment is not truncated");
    }
};

/**
 * \ingroup l2tp-tests
 * \brief RFC 4787 section 4.1 mapping behaviour: X:5000 sends to Y1:7000, Y1:7001 and
 *        Y2:7000; the remote ends see the public endpoints the behaviour prescribes.
 */
class NatMappingBehaviourTestCase : public NatTestCase
{
public:
    /// \param mapping Mapping attribute \param sources expected sources at the three remotes
    /// \param mappings expected number of mappings
    NatMappingBehaviourTestCase(const std::string& mapping, const std::string& sources,
                                uint32_t mappings)
        : NatTestCase("RFC 4787 mapping " + mapping)
        , m_mapping(mapping)
        , m_sources(sources)
        , m_mappings(mappings)
    {
    }

private:
    void DoRun() override
    {
        Setup({{"Mapping", m_mapping}});
        std::vector<ProbeRx> x, y1a, y1b, y2a;
        Ptr<Socket> sx = MiddleboxTestNet::Udp(net->x1, 5000, &x);
        MiddleboxTestNet::UdpEcho(net->y1, 7000, &y1a);
        MiddleboxTestNet::UdpEcho(net->y1, 7001, &y1b);
        MiddleboxTestNet::UdpEcho(net->y2, 7000, &y2a);
        MiddleboxTestNet::SendUdp(Seconds(1.0), sx, net->y1Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(1.1), sx, net->y1Addr, 7001);
        MiddleboxTestNet::SendUdp(Seconds(1.2), sx, net->y2Addr, 7000);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        std::vector<ProbeRx> all = y1a;
        all.insert(all.end(), y1b.begin(), y1b.end());
        all.insert(all.end(), y2a.begin(), y2a.end());
        NS_TEST_EXPECT_MSG_EQ(Sources(all), m_sources, "public endpoints seen outside");
        NS_TEST_EXPECT_MSG_EQ(created.size(), m_mappings, "mappings created");
        NS_TEST_EXPECT_MSG_EQ(nat->GetNMappings(), m_mappings, "live mappings");
        NS_TEST_EXPECT_MSG_EQ(Sources(x), "198.51.100.1:7000 198.51.100.1:7001 192.0.2.1:7000",
                              "the replies come back through the mappings");
        NS_TEST_EXPECT_MSG_EQ(drops.size(), 0, "no drops");
        NS_TEST_EXPECT_MSG_EQ(nat->GetCounters().outboundTranslated, 3, "outbound");
        NS_TEST_EXPECT_MSG_EQ(nat->GetCounters().inboundTranslated, 3, "inbound");
        Teardown();
    }

    std::string m_mapping; //!< behaviour
    std::string m_sources; //!< expected
    uint32_t m_mappings;   //!< expected
};

/**
 * \ingroup l2tp-tests
 * \brief RFC 4787 section 5 filtering behaviour (endpoint-independent mapping): X:5000 has
 *        sent to Y1:7000; Y1:7000, Y1:7001 and Y2:7000 send to its public endpoint; then X
 *        sends to Y2:7000 and Y2:7000 and Y2:7001 send again.
 */
class NatFilteringBehaviourTestCase : public NatTestCase
{
public:
    /// \param filtering Filtering attribute \param received expected sources at X
    /// \param filtered expected filtered drops
    NatFilteringBehaviourTestCase(const std::string& filtering, const std::string& received,
                                  uint32_t filtered)
        : NatTestCase("RFC 4787 filtering " + filtering)
        , m_filtering(filtering)
        , m_received(received)
        , m_filtered(filtered)
    {
    }

private:
    void DoRun() override
    {
        Setup({{"Filtering", m_filtering}});
        std::vector<ProbeRx> x, dummy;
        Ptr<Socket> sx = MiddleboxTestNet::Udp(net->x1, 5000, &x);
        Ptr<Socket> y1a = MiddleboxTestNet::Udp(net->y1, 7000, &dummy);
        Ptr<Socket> y1b = MiddleboxTestNet::Udp(net->y1, 7001, &dummy);
        Ptr<Socket> y2a = MiddleboxTestNet::Udp(net->y2, 7000, &dummy);
        Ptr<Socket> y2b = MiddleboxTestNet::Udp(net->y2, 7001, &dummy);
        Ipv4Address pub = net->boxPublic;
        MiddleboxTestNet::SendUdp(Seconds(1.0), sx, net->y1Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(2.0), y1a, pub, 5000);
        MiddleboxTestNet::SendUdp(Seconds(2.1), y1b, pub, 5000);
        MiddleboxTestNet::SendUdp(Seconds(2.2), y2a, pub, 5000);
        MiddleboxTestNet::SendUdp(Seconds(3.0), sx, net->y2Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(4.0), y2a, pub, 5000);
        MiddleboxTestNet::SendUdp(Seconds(4.1), y2b, pub, 5000);
        Simulator::Stop(Seconds(6));
        Simulator::Run();
        // Y2 received X's packet at 3.0 s (dummy) but sends nothing back automatically.
        NS_TEST_EXPECT_MSG_EQ(Sources(x), m_received, "what reaches X");
        NS_TEST_EXPECT_MSG_EQ(drops.size(), m_filtered, "filtered drops");
        NS_TEST_EXPECT_MSG_EQ(nat->GetCounters().dropped[Ipv4Nat::DROP_FILTERED], m_filtered,
                              "filtered counter");
        for (const auto& d : drops)
        {
            NS_TEST_EXPECT_MSG_EQ(d.second, Ipv4Nat::DROP_FILTERED, "reason");
        }
        NS_TEST_EXPECT_MSG_EQ(created.size(), 1, "one endpoint-independent mapping");
        Teardown();
    }

    std::string m_filtering; //!< behaviour
    std::string m_received;  //!< expected
    uint32_t m_filtered;     //!< expected
};

/**
 * \ingroup l2tp-tests
 * \brief A UDP mapping expires exactly UdpLifetime after its last outbound packet: an
 *        inbound packet reaching the NAT 1 ns before passes, one reaching it at the expiry
 *        instant is dropped (two runs of the same scenario, one probe each).
 */
class NatLifetimeTestCase : public NatTestCase
{
public:
    /// \param lifetime UdpLifetime (0: the default, 120 s)
    explicit NatLifetimeTestCase(Time lifetime)
        : NatTestCase("UDP mapping expires at exactly its lifetime ("
                      + std::to_string(int(lifetime.IsZero() ? 120 : lifetime.GetSeconds()))
                      + " s)")
        , m_lifetime(lifetime)
    {
    }

private:
    void DoRun() override
    {
        Time lifetime = m_lifetime.IsZero() ? Seconds(120) : m_lifetime;
        Time firstCreation;
        for (Time offset : {NanoSeconds(0) - NanoSeconds(1), Time(0)})
        {
            Attributes attrs;
            if (!m_lifetime.IsZero())
            {
                std::ostringstream v;
                v << m_lifetime.GetSeconds() << "s";
                attrs.push_back({"UdpLifetime", v.str()});
            }
            Setup(attrs);
            std::vector<ProbeRx> x, dummy;
            Ptr<Socket> sx = MiddleboxTestNet::Udp(net->x1, 5000, &x);
            Ptr<Socket> y = MiddleboxTestNet::Udp(net->y1, 7000, &dummy);
            MiddleboxTestNet::SendUdp(Seconds(1), sx, net->y1Addr, 7000);
            Simulator::Stop(Seconds(2));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(created.size(), 1, "mapping created");
            Time tc = created[0].first;
            if (offset.IsZero())
            {
                NS_TEST_EXPECT_MSG_EQ(tc, firstCreation, "both runs create it at the same time");
            }
            firstCreation = tc;
            // Measure the Y1 -> NAT latency with a probe at tc + 10 s.
            Time probe = tc + Seconds(10);
            MiddleboxTestNet::SendUdp(probe, y, net->boxPublic, 5000);
            Simulator::Stop(probe + Seconds(1) - Simulator::Now());
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(translatedIn.size(), 1, "probe translated");
            Time latency = translatedIn[0].first - probe;
            MiddleboxTestNet::SendUdp(tc + lifetime + offset - latency, y, net->boxPublic, 5000);
            Simulator::Stop(tc + lifetime + Seconds(5) - Simulator::Now());
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(expired.size(), 1, "expired once");
            NS_TEST_EXPECT_MSG_EQ(expired[0].first, tc + lifetime, "expiry time");
            NS_TEST_EXPECT_MSG_EQ(expired[0].second.lastRefresh, tc, "inbound does not refresh");
            if (offset.IsStrictlyNegative())
            {
                NS_TEST_ASSERT_MSG_EQ(translatedIn.size(), 2, "1 ns before expiry: passes");
                NS_TEST_EXPECT_MSG_EQ(translatedIn[1].first, tc + lifetime + offset, "at");
                NS_TEST_EXPECT_MSG_EQ(x.size(), 2, "X receives both probes");
                NS_TEST_EXPECT_MSG_EQ(drops.size(), 0, "no drop");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(translatedIn.size(), 1, "at the expiry instant: no");
                NS_TEST_EXPECT_MSG_EQ(x.size(), 1, "X receives only the first probe");
                NS_TEST_ASSERT_MSG_EQ(drops.size(), 1, "dropped");
                NS_TEST_EXPECT_MSG_EQ(drops[0].first, tc + lifetime, "drop time");
                NS_TEST_EXPECT_MSG_EQ(Reasons(drops), "no-mapping", "reason");
            }
            NS_TEST_EXPECT_MSG_EQ(nat->GetNMappings(), 0, "no mapping left");
            Teardown();
        }
    }

    Time m_lifetime; //!< attribute value (0: default)
};

/**
 * \ingroup l2tp-tests
 * \brief Outbound packets every lifetime/2 keep a mapping (and its public port) alive; it
 *        expires one lifetime after the last one. Packets every lifetime + 1 s get a new
 *        mapping each time.
 */
class NatKeepaliveTestCase : public NatTestCase
{
public:
    /// \param lifetime UdpLifetime
    explicit NatKeepaliveTestCase(Time lifetime)
        : NatTestCase("UDP mapping refreshed every half lifetime stays ("
                      + std::to_string(int(lifetime.GetSeconds())) + " s)")
        , m_lifetime(lifetime)
    {
    }

private:
    void DoRun() override
    {
        std::ostringstream v;
        v << m_lifetime.GetSeconds() << "s";
        Setup({{"UdpLifetime", v.str()}});
        std::vector<ProbeRx> x, y;
        Ptr<Socket> keep = MiddleboxTestNet::Udp(net->x1, 5000, &x);
        Ptr<Socket> lapse = MiddleboxTestNet::Udp(net->x1, 5001, &x);
        MiddleboxTestNet::Udp(net->y1, 7000, &y);
        const uint32_t n = 11;
        for (uint32_t k = 0; k < n; ++k)
        {
            MiddleboxTestNet::SendUdp(Seconds(1) + m_lifetime / 2 * k, keep, net->y1Addr, 7000);
        }
        for (uint32_t k = 0; k < 3; ++k)
        {
            MiddleboxTestNet::SendUdp(Seconds(1.5) + (m_lifetime + Seconds(1)) * k, lapse,
                                      net->y1Addr, 7000);
        }
        Simulator::Stop(Seconds(1) + m_lifetime * 8);
        Simulator::Run();
        uint32_t keepCreated = 0;
        uint32_t lapseCreated = 0;
        for (const auto& c : created)
        {
            (c.second.insidePort == 5000 ? keepCreated : lapseCreated)++;
        }
        NS_TEST_EXPECT_MSG_EQ(keepCreated, 1, "one mapping for the kept-alive flow");
        NS_TEST_EXPECT_MSG_EQ(lapseCreated, 3, "a new mapping after each lapse");
        NS_TEST_EXPECT_MSG_EQ(refreshed.size(), n - 1, "refreshes");
        NS_TEST_EXPECT_MSG_EQ(expired.size(), 4, "all expired by the end");
        Time lastRefresh = refreshed.back().first;
        for (const auto& e : expired)
        {
            if (e.second.insidePort == 5000)
            {
                NS_TEST_EXPECT_MSG_EQ(e.first, lastRefresh + m_lifetime, "kept-alive expiry");
                NS_TEST_EXPECT_MSG_EQ(e.second.created, created[0].first, "same mapping");
                NS_TEST_EXPECT_MSG_EQ(e.second.packetsOutbound, n, "all packets used it");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(e.first, e.second.created + m_lifetime,
                                      "lapsed mapping expiry");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(y.size(), n + 3, "all packets arrive");
        for (const auto& rx : y)
        {
            NS_TEST_EXPECT_MSG_EQ(rx.from, net->boxPublic, "public address");
        }
        Teardown();
    }

    Time m_lifetime; //!< UdpLifetime
};

/**
 * \ingroup l2tp-tests
 * \brief ESP (IP protocol 50): dropped with EspMode=Drop; with Passthrough one inside host at
 *        a time per peer, SPIs learnt, and the peer free again after EspLifetime.
 */
class NatEspTestCase : public NatTestCase
{
public:
    /// \param passthrough EspMode=Passthrough (else Drop)
    explicit NatEspTestCase(bool passthrough)
        : NatTestCase(std::string("ESP with EspMode=") + (passthrough ? "Passthrough" : "Drop"))
        , m_passthrough(passthrough)
    {
    }

private:
    void DoRun() override
    {
        Setup({{"EspMode", m_passthrough ? "Passthrough" : "Drop"}});
        std::vector<ProbeRx> x1, x2, y1, y2;
        Ptr<Socket> sx1 = MiddleboxTestNet::Raw(net->x1, 50, &x1);
        Ptr<Socket> sx2 = MiddleboxTestNet::Raw(net->x2, 50, &x2);
        Ptr<Socket> sy1 = MiddleboxTestNet::Raw(net->y1, 50, &y1);
        MiddleboxTestNet::Raw(net->y2, 50, &y2);
        Ipv4Address pub = net->boxPublic;
        MiddleboxTestNet::SendRaw(Seconds(1), sx1, net->y1Addr, MiddleboxTestNet::Esp(0x1001, 1));
        MiddleboxTestNet::SendRaw(Seconds(2), sy1, pub, MiddleboxTestNet::Esp(0x2001, 1));
        MiddleboxTestNet::SendRaw(Seconds(3), sx2, net->y1Addr, MiddleboxTestNet::Esp(0x3001, 1));
        MiddleboxTestNet::SendRaw(Seconds(4), sx2, net->y2Addr, MiddleboxTestNet::Esp(0x4001, 1));
        MiddleboxTestNet::SendRaw(Seconds(5), sy1, pub, MiddleboxTestNet::Esp(0x2001, 2));
        // X1's binding to Y1 expires at about 121 s: X2 may then use Y1.
        MiddleboxTestNet::SendRaw(Seconds(130), sx2, net->y1Addr, MiddleboxTestNet::Esp(0x3001, 2));
        MiddleboxTestNet::SendRaw(Seconds(131), sy1, pub, MiddleboxTestNet::Esp(0x2002, 1));
        Simulator::Stop(Seconds(132));
        Simulator::Run();
        if (!m_passthrough)
        {
            NS_TEST_EXPECT_MSG_EQ(y1.size() + y2.size() + x1.size() + x2.size(), 0, "nothing");
            NS_TEST_EXPECT_MSG_EQ(Reasons(drops),
                                  "esp-blocked no-mapping esp-blocked esp-blocked no-mapping "
                                  "esp-blocked no-mapping",
                                  "outbound blocked, inbound has no mapping");
            NS_TEST_EXPECT_MSG_EQ(created.size(), 0, "no bindings");
            Teardown();
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(y1.size(), 2, "Y1: X1's packet, then X2's after expiry");
        NS_TEST_EXPECT_MSG_EQ(y1[0].from, pub, "translated source");
        NS_TEST_EXPECT_MSG_EQ(Get16(y1[1].data, 0), 0x0000, "SPI high");
        NS_TEST_EXPECT_MSG_EQ(Get16(y1[1].data, 2), 0x3001, "X2's SPI");
        NS_TEST_EXPECT_MSG_EQ(y2.size(), 1, "X2 may use another peer meanwhile");
        NS_TEST_EXPECT_MSG_EQ(x1.size(), 2, "Y1's two packets with SPI 0x2001 reach X1");
        NS_TEST_EXPECT_MSG_EQ(x2.size(), 1, "Y1's new SPI 0x2002 reaches X2");
        NS_TEST_EXPECT_MSG_EQ(Reasons(drops), "esp-peer-in-use", "second client, same peer");
        NS_TEST_EXPECT_MSG_EQ(created.size(), 3, "bindings X1-Y1, X2-Y2, X2-Y1");
        NS_TEST_ASSERT_MSG_EQ(expired.size(), 2, "X1-Y1 and X2-Y2 expired");
        const Ipv4NatMapping& b = expired[0].second;
        NS_TEST_EXPECT_MSG_EQ(b.insideAddress, net->x1Addr, "X1's binding first");
        NS_TEST_EXPECT_MSG_EQ(b.remoteAddress, net->y1Addr, "to Y1");
        NS_TEST_EXPECT_MSG_EQ(b.outboundSpis.size(), 1, "one outbound SPI");
        NS_TEST_EXPECT_MSG_EQ(b.outboundSpis[0], 0x1001, "outbound SPI");
        NS_TEST_EXPECT_MSG_EQ(b.inboundSpis.size(), 1, "one inbound SPI learnt");
        NS_TEST_EXPECT_MSG_EQ(b.inboundSpis[0], 0x2001, "inbound SPI");
        NS_TEST_EXPECT_MSG_EQ(b.packetsInbound, 2, "inbound packets");
        NS_TEST_EXPECT_MSG_EQ(expired[0].first, created[0].first + Seconds(120), "EspLifetime");
        Teardown();
    }

    bool m_passthrough; //!< mode
};

/**
 * \ingroup l2tp-tests
 * \brief Hairpinning (RFC 4787 REQ-9): X2 reaches X1 through X1's public endpoint and X1
 *        sees X2's public endpoint as the source; with Hairpinning=false both are dropped.
 */
class NatHairpinTestCase : public NatTestCase
{
public:
    /// \param enabled Hairpinning attribute
    explicit NatHairpinTestCase(bool enabled)
        : NatTestCase(std::string("hairpinning ") + (enabled ? "enabled" : "disabled"))
        , m_enabled(enabled)
    {
    }

private:
    void DoRun() override
    {
        Setup({{"Hairpinning", m_enabled ? "true" : "false"}});
        std::vector<ProbeRx> x1, x2, y;
        Ptr<Socket> s1 = MiddleboxTestNet::Udp(net->x1, 5000, &x1);
        Ptr<Socket> s2 = MiddleboxTestNet::Udp(net->x2, 6000, &x2);
        MiddleboxTestNet::Udp(net->y1, 7000, &y);
        MiddleboxTestNet::SendUdp(Seconds(1), s1, net->y1Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(2), s2, net->boxPublic, 5000);
        MiddleboxTestNet::SendUdp(Seconds(3), s1, net->boxPublic, 6000);
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        if (m_enabled)
        {
            NS_TEST_EXPECT_MSG_EQ(Sources(x1), "203.0.113.1:6000", "X1 sees X2's public side");
            NS_TEST_EXPECT_MSG_EQ(Sources(x2), "203.0.113.1:5000", "X2 sees X1's public side");
            NS_TEST_EXPECT_MSG_EQ(nat->GetCounters().hairpinTranslated, 2, "hairpinned");
            NS_TEST_EXPECT_MSG_EQ(drops.size(), 0, "no drops");
        }
        else
        {
            // X2's packet is dropped before it gets a mapping, so X1's packet to P:6000 finds
            // no mapping and goes to the router itself (which answers port unreachable).
            NS_TEST_EXPECT_MSG_EQ(x1.size() + x2.size(), 0, "nothing hairpinned");
            NS_TEST_EXPECT_MSG_EQ(Reasons(drops), "hairpin-disabled", "drops");
            NS_TEST_EXPECT_MSG_EQ(nat->GetCounters().deliveredLocally, 1, "to the router");
            NS_TEST_EXPECT_MSG_EQ(nat->GetCounters().hairpinTranslated, 0, "hairpinned");
        }
        NS_TEST_EXPECT_MSG_EQ(y.size(), 1, "only X1's first packet leaves");
        Teardown();
    }

    bool m_enabled; //!< attribute
};

/**
 * \ingroup l2tp-tests
 * \brief TCP (with RFC 5382 lifetimes by state), ICMP echo identifiers, an ICMP error
 *        quoting a translated datagram, and a fragmented UDP datagram, all through the NAT
 *        with checksums verified by the receivers.
 */
class NatProtocolsTestCase : public NatTestCase
{
public:
    NatProtocolsTestCase()
        : NatTestCase("TCP, ICMP query, ICMP error and fragments translated, checksums valid")
    {
    }

private:
    void Accept(Ptr<Socket> s, const Address& from)
    {
        m_peer = InetSocketAddress::ConvertFrom(from);
        s->SetRecvCallback(MakeCallback(&NatProtocolsTestCase::TcpRecv, this));
        s->SetCloseCallbacks(MakeCallback(&NatProtocolsTestCase::PeerClosed, this),
                             MakeNullCallback<void, Ptr<Socket>>());
    }

    void TcpRecv(Ptr<Socket> s)
    {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            m_tcpBytes += p->GetSize();
        }
    }

    void PeerClosed(Ptr<Socket> s) { s->Close(); }

    void Connected(Ptr<Socket> s) { s->Send(Create<Packet>(20000)); }

    void Snapshot(uint32_t slot)
    {
        for (const auto& m : nat->GetMappings())
        {
            if (m.protocol == 6)
            {
                m_tcpLifetime[slot] = m.lifetime;
            }
        }
    }

    void DoRun() override
    {
        Setup({});
        // TCP: X1 -> Y1:80, 20000 bytes, X1 closes at 3 s.
        Ptr<Socket> listen = Socket::CreateSocket(net->y1, TcpSocketFactory::GetTypeId());
        listen->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
        listen->Listen();
        listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&NatProtocolsTestCase::Accept, this));
        Ptr<Socket> client = Socket::CreateSocket(net->x1, TcpSocketFactory::GetTypeId());
        client->Bind();
        client->SetConnectCallback(MakeCallback(&NatProtocolsTestCase::Connected, this),
                                   MakeNullCallback<void, Ptr<Socket>>());
        Simulator::Schedule(Seconds(1), [client, this]()
                            { client->Connect(InetSocketAddress(net->y1Addr, 80)); });
        Simulator::Schedule(Seconds(2), &NatProtocolsTestCase::Snapshot, this, 0);
        Simulator::Schedule(Seconds(3), [client]() { client->Close(); });
        Simulator::Schedule(Seconds(4), &NatProtocolsTestCase::Snapshot, this, 1);
        // ICMP echo: X1 and X2 both use identifier 0x1234.
        std::vector<ProbeRx> ix1, ix2, iy1;
        Ptr<Socket> rx1 = MiddleboxTestNet::Raw(net->x1, 1, &ix1);
        Ptr<Socket> rx2 = MiddleboxTestNet::Raw(net->x2, 1, &ix2);
        MiddleboxTestNet::Raw(net->y1, 1, &iy1);
        MiddleboxTestNet::SendRaw(Seconds(5), rx1, net->y1Addr,
                                  MiddleboxTestNet::IcmpEcho(0x1234, 1));
        MiddleboxTestNet::SendRaw(Seconds(6), rx2, net->y1Addr,
                                  MiddleboxTestNet::IcmpEcho(0x1234, 1));
        // ICMP error: X1:5002 -> Y1:9999, where nothing listens.
        std::vector<ProbeRx> u, ybig, xbig;
        Ptr<Socket> su = MiddleboxTestNet::Udp(net->x1, 5002, &u);
        MiddleboxTestNet::SendUdp(Seconds(7), su, net->y1Addr, 9999);
        // Fragments: 3000 bytes of UDP payload each way over 1500-byte MTU links.
        Ptr<Socket> sbig = MiddleboxTestNet::Udp(net->x1, 5003, &xbig);
        MiddleboxTestNet::UdpEcho(net->y1, 7003, &ybig);
        MiddleboxTestNet::SendUdp(Seconds(8), sbig, net->y1Addr, 7003, 3000);
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(m_tcpBytes, 20000, "all TCP bytes arrive (checksums verified)");
        NS_TEST_EXPECT_MSG_EQ(m_peer.GetIpv4(), net->boxPublic, "TCP peer is the public side");
        Address local;
        client->GetSockName(local);
        NS_TEST_EXPECT_MSG_EQ(m_peer.GetPort(), InetSocketAddress::ConvertFrom(local).GetPort(),
                              "TCP port preserved");
        NS_TEST_EXPECT_MSG_EQ(m_tcpLifetime[0], Seconds(7440), "established: 2 h 4 min");
        NS_TEST_EXPECT_MSG_EQ(m_tcpLifetime[1], Seconds(240), "after FIN both ways: 4 min");

        // ICMP: Y1 sees identifiers 0x1234 (preserved) and 1024 (PortRangeMin); the
        // replies come back with the original identifier.
        std::vector<uint16_t> requestIds;
        for (const auto& rx : iy1)
        {
            if (rx.data[0] == 8)
            {
                requestIds.push_back(Get16(rx.data, 4));
                NS_TEST_EXPECT_MSG_EQ(rx.from, net->boxPublic, "request source");
                NS_TEST_EXPECT_MSG_EQ(
                    Ipv4TransportFields::InternetChecksum(rx.data.data(), rx.data.size()), 0,
                    "request checksum");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(requestIds.size(), 2, "two echo requests at Y1");
        NS_TEST_EXPECT_MSG_EQ(requestIds[0], 0x1234, "X1's identifier preserved");
        NS_TEST_EXPECT_MSG_EQ(requestIds[1], 1024, "X2's identifier remapped");
        for (auto* log : {&ix1, &ix2})
        {
            uint32_t replies = 0;
            for (const auto& rx : *log)
            {
                if (rx.data[0] == 0)
                {
                    replies++;
                    NS_TEST_EXPECT_MSG_EQ(Get16(rx.data, 4), 0x1234, "reply identifier");
                    NS_TEST_EXPECT_MSG_EQ(
                        Ipv4TransportFields::InternetChecksum(rx.data.data(), rx.data.size()), 0,
                        "reply checksum");
                }
            }
            NS_TEST_EXPECT_MSG_EQ(replies, 1, "one echo reply");
        }

        // The port unreachable quotes X1:5002 -> Y1:9999 again, with valid checksums.
        uint32_t errors = 0;
        for (const auto& rx : ix1)
        {
            if (rx.data[0] != 3)
            {
                continue;
            }
            errors++;
            const auto& d = rx.data;
            NS_TEST_EXPECT_MSG_EQ(d[1], 3, "port unreachable");
            NS_TEST_EXPECT_MSG_EQ(Ipv4TransportFields::InternetChecksum(d.data(), d.size()), 0,
                                  "ICMP checksum");
            NS_TEST_EXPECT_MSG_EQ(Ipv4TransportFields::InternetChecksum(d.data() + 8, 20), 0,
                                  "quoted IPv4 header checksum");
            NS_TEST_EXPECT_MSG_EQ(Ipv4Address(uint32_t(Get16(d, 20)) << 16 | Get16(d, 22)),
                                  net->x1Addr, "quoted source");
            NS_TEST_EXPECT_MSG_EQ(Get16(d, 28), 5002, "quoted source port");
            NS_TEST_EXPECT_MSG_EQ(Get16(d, 30), 9999, "quoted destination port");
        }
        NS_TEST_EXPECT_MSG_EQ(errors, 1, "one ICMP error");
        NS_TEST_EXPECT_MSG_EQ(nat->GetCounters().icmpErrorsTranslated, 1, "counted");

        NS_TEST_ASSERT_MSG_EQ(ybig.size(), 1, "Y1 reassembles the datagram");
        NS_TEST_EXPECT_MSG_EQ(ybig[0].size, 3000, "size");
        NS_TEST_EXPECT_MSG_EQ(ybig[0].port, 5003, "source port");
        NS_TEST_ASSERT_MSG_EQ(xbig.size(), 1, "the echo comes back in fragments");
        NS_TEST_EXPECT_MSG_EQ(xbig[0].size, 3000, "size");
        uint32_t fragmentsOut = 0;
        uint32_t fragmentsIn = 0;
        for (const auto& t : translatedOut)
        {
            fragmentsOut += t.second.IsLastFragment() && t.second.GetFragmentOffset() == 0 ? 0 : 1;
        }
        for (const auto& t : translatedIn)
        {
            fragmentsIn += t.second.IsLastFragment() && t.second.GetFragmentOffset() == 0 ? 0 : 1;
        }
        NS_TEST_EXPECT_MSG_EQ(fragmentsOut, 3, "3 fragments out (1480 + 1480 + 48 bytes)");
        NS_TEST_EXPECT_MSG_EQ(fragmentsIn, 3, "3 fragments in");
        NS_TEST_EXPECT_MSG_EQ(drops.size(), 0, "no drops");
        Teardown();
    }

    InetSocketAddress m_peer{Ipv4Address::GetAny(), 0}; //!< TCP peer seen by Y1
    uint32_t m_tcpBytes{0};                             //!< TCP bytes at Y1
    Time m_tcpLifetime[2];                              //!< TCP mapping lifetime snapshots
};

/**
 * \ingroup l2tp-tests
 * \brief IKE (UDP 500) and NAT-T (UDP 4500) are plain UDP to the NAT: the first host keeps
 *        its ports; the second gets 1 (ports below 1024 map into 1-1023, RFC 4787 REQ-3) and
 *        1024 (PortRangeMin); replies from the responder come back to each host.
 */
class NatIkeTestCase : public NatTestCase
{
public:
    NatIkeTestCase()
        : NatTestCase("IKE on UDP 500 and 4500 translated as UDP")
    {
    }

private:
    void DoRun() override
    {
        Setup({{"Filtering", "AddressAndPortDependent"}});
        std::vector<ProbeRx> x1, x2, y;
        Ptr<Socket> a500 = MiddleboxTestNet::Udp(net->x1, 500, &x1);
        Ptr<Socket> a4500 = MiddleboxTestNet::Udp(net->x1, 4500, &x1);
        Ptr<Socket> b500 = MiddleboxTestNet::Udp(net->x2, 500, &x2);
        Ptr<Socket> b4500 = MiddleboxTestNet::Udp(net->x2, 4500, &x2);
        MiddleboxTestNet::UdpEcho(net->y1, 500, &y);
        MiddleboxTestNet::UdpEcho(net->y1, 4500, &y);
        MiddleboxTestNet::SendUdp(Seconds(1), a500, net->y1Addr, 500);
        MiddleboxTestNet::SendUdp(Seconds(2), b500, net->y1Addr, 500);
        MiddleboxTestNet::SendUdp(Seconds(3), a4500, net->y1Addr, 4500);
        MiddleboxTestNet::SendUdp(Seconds(4), b4500, net->y1Addr, 4500);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(Sources(y),
                              "203.0.113.1:500 203.0.113.1:1 203.0.113.1:4500 203.0.113.1:1024",
                              "the responder sees");
        NS_TEST_EXPECT_MSG_EQ(Sources(x1), "198.51.100.1:500 198.51.100.1:4500", "X1's replies");
        NS_TEST_EXPECT_MSG_EQ(Sources(x2), "198.51.100.1:500 198.51.100.1:4500", "X2's replies");
        NS_TEST_EXPECT_MSG_EQ(drops.size(), 0, "no drops");
        Teardown();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Malformed and random transport headers from the inside: each truncated header is
 *        dropped with reason "truncated", and over 400 random datagrams (ICMP, TCP, UDP, ESP,
 *        0-63 bytes) every packet X1 sends is either translated or dropped with a reason.
 */
class NatMalformedTestCase : public NatTestCase
{
public:
    NatMalformedTestCase()
        : NatTestCase("malformed and random transport headers: counted drops, no crash")
    {
    }

private:
    void Sent(const Ipv4Header& h, Ptr<const Packet> p, uint32_t interface) { m_sent++; }

    void DoRun() override
    {
        Setup({});
        net->x1->GetObject<Ipv4>()->TraceConnectWithoutContext(
            "SendOutgoing", MakeCallback(&NatMalformedTestCase::Sent, this));
        std::map<uint8_t, Ptr<Socket>> raw;
        std::vector<ProbeRx> dummy;
        for (uint8_t proto : {1, 6, 17, 50})
        {
            raw[proto] = MiddleboxTestNet::Raw(net->x1, proto, &dummy);
        }
        std::vector<uint8_t> tcp(20, 0);
        tcp[12] = 0x40;                                                        // data offset 4
        std::vector<uint8_t> quote = {3, 3, 0, 0, 0, 0, 0, 0, 0x45, 0, 0, 20}; // 4-byte quote
        MiddleboxTestNet::SendRaw(Seconds(1.0), raw[17], net->y1Addr, {1, 2, 3});
        MiddleboxTestNet::SendRaw(Seconds(1.1), raw[6], net->y1Addr, tcp);
        MiddleboxTestNet::SendRaw(Seconds(1.2), raw[1], net->y1Addr, {8, 0, 0, 0});
        MiddleboxTestNet::SendRaw(Seconds(1.3), raw[50], net->y1Addr, {0, 0, 1, 0, 0});
        MiddleboxTestNet::SendRaw(Seconds(1.4), raw[1], net->y1Addr, quote);
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(42);
        const uint8_t protos[] = {1, 6, 17, 50};
        for (uint32_t i = 0; i < 400; ++i)
        {
            std::vector<uint8_t> b(rng->GetInteger(0, 63));
            for (auto& x : b)
            {
                x = uint8_t(rng->GetInteger(0, 255));
            }
            MiddleboxTestNet::SendRaw(Seconds(2) + MilliSeconds(10) * i, raw[protos[i % 4]],
                                      net->y1Addr, b);
        }
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_GT(drops.size(), 4, "drops");
        std::vector<std::pair<Time, Ipv4Nat::DropReason>> first(drops.begin(), drops.begin() + 5);
        NS_TEST_EXPECT_MSG_EQ(Reasons(first), "truncated truncated truncated truncated truncated",
                              "each malformed header");
        uint32_t outboundDrops = 0;
        for (const auto& source : dropSources)
        {
            outboundDrops += source == net->x1Addr ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(m_sent, 405, "X1 sent exactly the probes");
        NS_TEST_EXPECT_MSG_EQ(translatedOut.size() + outboundDrops, m_sent,
                              "every packet X1 sent was translated or dropped");
        NS_TEST_EXPECT_MSG_GT(nat->GetCounters().dropped[Ipv4Nat::DROP_UNSUPPORTED], 0,
                              "random ICMP types");
        Teardown();
    }

    uint32_t m_sent{0}; //!< packets X1 sent
};

/**
 * \ingroup l2tp-tests
 * \brief Port allocation: sequential from PortRangeMin without preservation, ports below
 *        1024 into 1-1023, exhaustion and the per-host limit dropped with their reasons.
 */
class NatPortAllocationTestCase : public NatTestCase
{
public:
    NatPortAllocationTestCase()
        : NatTestCase("port allocation, range exhaustion and per-host limit")
    {
    }

private:
    void DoRun() override
    {
        Setup({{"PortPreservation", "false"},
               {"PortRangeMin", "20000"},
               {"PortRangeMax", "20001"},
               {"MaxMappingsPerHost", "2"}});
        std::vector<ProbeRx> y, dummy;
        MiddleboxTestNet::Udp(net->y1, 7000, &y);
        Ptr<Socket> a = MiddleboxTestNet::Udp(net->x1, 5000, &dummy);
        Ptr<Socket> b = MiddleboxTestNet::Udp(net->x2, 5000, &dummy);
        Ptr<Socket> c = MiddleboxTestNet::Udp(net->x2, 5001, &dummy);
        Ptr<Socket> low = MiddleboxTestNet::Udp(net->x1, 500, &dummy);
        Ptr<Socket> third = MiddleboxTestNet::Udp(net->x1, 5005, &dummy);
        MiddleboxTestNet::SendUdp(Seconds(1), a, net->y1Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(2), b, net->y1Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(3), c, net->y1Addr, 7000);     // range full
        MiddleboxTestNet::SendUdp(Seconds(4), low, net->y1Addr, 7000);   // 1-1023
        MiddleboxTestNet::SendUdp(Seconds(5), third, net->y1Addr, 7000); // X1's third
        Simulator::Stop(Seconds(6));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(Sources(y), "203.0.113.1:20000 203.0.113.1:20001 203.0.113.1:1",
                              "allocated ports");
        NS_TEST_EXPECT_MSG_EQ(Reasons(drops), "ports-exhausted host-limit", "drops");
        Teardown();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief A static mapping forwards a public port under any behaviour; unmatched inbound
 *        packets are dropped (UnmatchedInbound=Drop) or handed to the router (Deliver, which
 *        answers with a port unreachable).
 */
class NatStaticAndUnmatchedTestCase : public NatTestCase
{
public:
    /// \param deliver UnmatchedInbound=Deliver
    explicit NatStaticAndUnmatchedTestCase(bool deliver)
        : NatTestCase(std::string("static mapping, UnmatchedInbound=")
                      + (deliver ? "Deliver" : "Drop"))
        , m_deliver(deliver)
    {
    }

private:
    void DoRun() override
    {
        Setup({{"Mapping", "AddressAndPortDependent"},
               {"Filtering", "AddressAndPortDependent"},
               {"UnmatchedInbound", m_deliver ? "Deliver" : "Drop"}});
        NS_TEST_EXPECT_MSG_EQ(nat->AddStaticMapping(17, net->x1Addr, 1701, net->boxPublic, 1701),
                              true, "static mapping added");
        NS_TEST_EXPECT_MSG_EQ(nat->AddStaticMapping(17, net->x2Addr, 1701, net->boxPublic, 1701),
                              false, "public endpoint taken");
        std::vector<ProbeRx> x, y1, y2, icmp;
        Ptr<Socket> lns = MiddleboxTestNet::Udp(net->x1, 1701, &x);
        Ptr<Socket> sy1 = MiddleboxTestNet::Udp(net->y1, 7000, &y1);
        MiddleboxTestNet::Udp(net->y2, 7000, &y2);
        MiddleboxTestNet::Raw(net->y1, 1, &icmp);
        MiddleboxTestNet::SendUdp(Seconds(1), sy1, net->boxPublic, 1701);
        MiddleboxTestNet::SendUdp(Seconds(2), lns, net->y2Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(3), sy1, net->boxPublic, 4444);
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(Sources(x), "198.51.100.1:7000", "forwarded to the inside host");
        NS_TEST_EXPECT_MSG_EQ(Sources(y2), "203.0.113.1:1701", "static endpoint used outbound");
        NS_TEST_EXPECT_MSG_EQ(created.size(), 1, "only the static mapping");
        if (m_deliver)
        {
            NS_TEST_EXPECT_MSG_EQ(drops.size(), 0, "no drops");
            NS_TEST_EXPECT_MSG_EQ(nat->GetCounters().deliveredLocally, 1, "to the router");
            NS_TEST_ASSERT_MSG_EQ(icmp.size(), 1, "the router answers");
            NS_TEST_EXPECT_MSG_EQ(unsigned(icmp[0].data[0]), 3, "destination unreachable");
            NS_TEST_EXPECT_MSG_EQ(unsigned(icmp[0].data[1]), 3, "port unreachable");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(Reasons(drops), "no-mapping", "dropped");
            NS_TEST_EXPECT_MSG_EQ(icmp.size(), 0, "silently");
        }
        std::vector<Ipv4NatMapping> m = nat->GetMappings();
        NS_TEST_ASSERT_MSG_EQ(m.size(), 1, "one mapping");
        NS_TEST_EXPECT_MSG_EQ(m[0].ToString(),
                              "protocol=udp inside=192.168.1.2:1701 public=203.0.113.1:1701 "
                              "remote=*:* static=1 created=0 refreshed=0 expires=never out=1 "
                              "in=1",
                              "probe line");
        Teardown();
    }

    bool m_deliver; //!< attribute
};

/**
 * \ingroup l2tp-tests
 * \brief The Ipv4Nat test suite.
 */
class L2tpNatTestSuite : public TestSuite
{
public:
    L2tpNatTestSuite()
        : TestSuite("l2tp-nat", TestSuite::Type::UNIT)
    {
        AddTestCase(new NatChecksumTestCase);
        AddTestCase(new NatMappingBehaviourTestCase(
            "EndpointIndependent", "203.0.113.1:5000 203.0.113.1:5000 203.0.113.1:5000", 1));
        AddTestCase(new NatMappingBehaviourTestCase(
            "AddressDependent", "203.0.113.1:5000 203.0.113.1:5000 203.0.113.1:1024", 2));
        AddTestCase(new NatMappingBehaviourTestCase(
            "AddressAndPortDependent", "203.0.113.1:5000 203.0.113.1:1024 203.0.113.1:1025", 3));
        AddTestCase(new NatFilteringBehaviourTestCase(
            "EndpointIndependent",
            "198.51.100.1:7000 198.51.100.1:7001 192.0.2.1:7000 192.0.2.1:7000 192.0.2.1:7001", 0));
        AddTestCase(new NatFilteringBehaviourTestCase(
            "AddressDependent", "198.51.100.1:7000 198.51.100.1:7001 192.0.2.1:7000 192.0.2.1:7001",
            1));
        AddTestCase(new NatFilteringBehaviourTestCase("AddressAndPortDependent",
                                                      "198.51.100.1:7000 192.0.2.1:7000", 3));
        AddTestCase(new NatLifetimeTestCase(Time(0)));
        AddTestCase(new NatLifetimeTestCase(Seconds(30)));
        AddTestCase(new NatKeepaliveTestCase(Seconds(120)));
        AddTestCase(new NatKeepaliveTestCase(Seconds(30)));
        AddTestCase(new NatEspTestCase(false));
        AddTestCase(new NatEspTestCase(true));
        AddTestCase(new NatHairpinTestCase(true));
        AddTestCase(new NatHairpinTestCase(false));
        AddTestCase(new NatProtocolsTestCase);
        AddTestCase(new NatIkeTestCase);
        AddTestCase(new NatMalformedTestCase);
        AddTestCase(new NatPortAllocationTestCase);
        AddTestCase(new NatStaticAndUnmatchedTestCase(false));
        AddTestCase(new NatStaticAndUnmatchedTestCase(true));
    }
};

static L2tpNatTestSuite g_l2tpNatTestSuite; //!< static instance

} // namespace
