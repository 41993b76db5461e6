/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Ipv4Nat translation: checksum arithmetic (RFC 1624), UDP, TCP, ICMP queries, ICMP errors and
 * fragments translated with valid checksums, IKE ports, malformed input, port allocation,
 * static mappings and unmatched inbound traffic. Every expected value below is derived from
 * the RFCs and the network in l2tp-middlebox-test-net.h.
 */
#include "l2tp-nat-test-base.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

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
 * \brief The Ipv4Nat translation test suite.
 */
class L2tpNatTranslationTestSuite : public TestSuite
{
public:
    L2tpNatTranslationTestSuite()
        : TestSuite("l2tp-nat-translation", TestSuite::Type::UNIT)
    {
        AddTestCase(new NatChecksumTestCase);
        AddTestCase(new NatProtocolsTestCase);
        AddTestCase(new NatIkeTestCase);
        AddTestCase(new NatMalformedTestCase);
        AddTestCase(new NatPortAllocationTestCase);
        AddTestCase(new NatStaticAndUnmatchedTestCase(false));
        AddTestCase(new NatStaticAndUnmatchedTestCase(true));
    }
};

static L2tpNatTranslationTestSuite g_l2tpNatTranslationTestSuite; //!< static instance

} // namespace
