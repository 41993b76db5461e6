/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Ipv4Nat behaviours: RFC 4787 mapping and filtering behaviours, mapping lifetimes and
 * refresh, keepalives, ESP passthrough and hairpinning. The translation of each protocol is
 * in l2tp-nat-translation-test.cc. Every expected value below is derived from the RFCs and
 * the network in l2tp-middlebox-test-net.h.
 */
#include "l2tp-nat-test-base.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

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
 * \brief The Ipv4Nat behaviour test suite.
 */
class L2tpNatTestSuite : public TestSuite
{
public:
    L2tpNatTestSuite()
        : TestSuite("l2tp-nat", TestSuite::Type::UNIT)
    {
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
    }
};

static L2tpNatTestSuite g_l2tpNatTestSuite; //!< static instance

} // namespace
