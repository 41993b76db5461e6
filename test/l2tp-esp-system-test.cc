/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP in the node's stack (EspL4Protocol, IpsecHelper): L2TP control messages sent through
 * plain UDP sockets on port 1701 cross a point-to-point link as ESP (IP protocol 50); the
 * receiver's socket gets the exact bytes; the capture, decrypted by tshark 4.0 with the
 * esp_sa key file the helper writes, shows L2TP inside with good ICVs and no malformed packet.
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-control-message.h"

#include "ns3/esp-l4-protocol.h"
#include "ns3/esp-packet.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <iomanip>
#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

std::vector<std::vector<uint8_t>> g_received[2];

void
OnReceive(int who, Ptr<Socket> s)
{
    Address from;
    while (Ptr<Packet> p = s->RecvFrom(from))
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        g_received[who].push_back(b);
        if (who == 1 && g_received[1].size() == 1)
        {
            // The LNS side answers with an SCCRP to where the SCCRQ came from.
            std::vector<uint8_t> sccrp = L2tpControlMessage(2, 4321, 0).Serialize();
            s->SendTo(Create<Packet>(sccrp.data(), sccrp.size()), 0, from);
        }
    }
}

/**
 * \ingroup l2tp-tests
 * \brief Two nodes, UDP 1701 protected by ESP in transport mode, checked through tshark.
 */
class EspSystemTest : public TestCase
{
public:
    EspSystemTest(IpsecTransform t, bool udpEncap)
        : TestCase("UDP 1701 through ESP " + GetIpsecTransformInfo(t).name
                   + (udpEncap ? " in UDP 4500" : "")
                   + ", decrypted by tshark with the written esp_sa")
        , m_transform(t)
        , m_udpEncap(udpEncap)
    {
    }

private:
    void DoRun() override
    {
        g_received[0].clear();
        g_received[1].clear();
        std::string dir = MakeTempDir("l2tp-esp-system-" + GetIpsecTransformInfo(m_transform).name
                                      + (m_udpEncap ? "-udp" : ""));
        std::vector<std::string> lines;
        std::vector<uint8_t> sccrq = L2tpControlMessage(1, 0, 0).Serialize();
        std::vector<uint8_t> sccrp = L2tpControlMessage(2, 4321, 0).Serialize();
        {
            // Scoped: the devices (and their pcap writers) are gone before tshark reads.
            NodeContainer nodes;
            nodes.Create(2);
            PointToPointHelper p2p;
            NetDeviceContainer devs = p2p.Install(nodes);
            InternetStackHelper stack;
            stack.Install(nodes);
            Ipv4AddressHelper addr("10.1.1.0", "255.255.255.0");
            Ipv4InterfaceContainer ifs = addr.Assign(devs);
            IpsecHelper ipsec;
            ipsec.AssignStreams(100);
            ipsec.Install(nodes);
            ipsec.AddTransportPair(nodes.Get(0), ifs.GetAddress(0), nodes.Get(1), ifs.GetAddress(1),
                                   m_transform, 0x00001001, 0x00002002, 1701, false, m_udpEncap);
            std::string keyFile = dir + "/esp_sa";
            NS_TEST_ASSERT_MSG_EQ(ipsec.WriteEspSaFile(keyFile), true, "key file written");
            p2p.EnablePcap(dir + "/esp", devs.Get(0), false);

            Ptr<Socket> lac = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
            Ptr<Socket> lns = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
            lac->Bind(InetSocketAddress(Ipv4Address::GetAny(), 1701));
            lns->Bind(InetSocketAddress(Ipv4Address::GetAny(), 1701));
            lac->SetRecvCallback(MakeBoundCallback(&OnReceive, 0));
            lns->SetRecvCallback(MakeBoundCallback(&OnReceive, 1));
            Simulator::Schedule(Seconds(1),
                                [&]()
                                {
                                    lac->SendTo(Create<Packet>(sccrq.data(), sccrq.size()), 0,
                                                InetSocketAddress(ifs.GetAddress(1), 1701));
                                });
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(g_received[1].size(), 1u, "LNS got one datagram");
            NS_TEST_ASSERT_MSG_EQ(ToHex(g_received[1][0]), ToHex(sccrq), "SCCRQ bytes");
            NS_TEST_ASSERT_MSG_EQ(g_received[0].size(), 1u, "LAC got one datagram");
            NS_TEST_ASSERT_MSG_EQ(ToHex(g_received[0][0]), ToHex(sccrp), "SCCRP bytes");
            Ptr<EspL4Protocol> e0 = nodes.Get(0)->GetObject<EspL4Protocol>();
            Ptr<EspL4Protocol> e1 = nodes.Get(1)->GetObject<EspL4Protocol>();
            NS_TEST_ASSERT_MSG_EQ(e0->GetProtectedCount(), 1u, "");
            NS_TEST_ASSERT_MSG_EQ(e0->GetUnprotectedCount(), 1u, "");
            NS_TEST_ASSERT_MSG_EQ(e1->GetProtectedCount(), 1u, "");
            NS_TEST_ASSERT_MSG_EQ(e1->GetUnprotectedCount(), 1u, "");
            lines = ipsec.GetEspSaLines();
            Simulator::Destroy();
        }
        std::string pcap = dir + "/esp-0-0.pcap";
        std::string opts = "-o esp.enable_encryption_decode:TRUE "
                           "-o esp.enable_authentication_check:TRUE";
        for (const auto& l : lines)
        {
            opts += " -o 'uat:esp_sa:" + l + "'";
        }
        int status = 0;
        std::string out = RunCommand(
            "tshark -r " + pcap + " " + opts
                + " -T fields -E separator=/s -e ip.proto -e ip.len -e esp.spi -e esp.sequence"
                  " -e esp.pad_len -e esp.icv_good -e udp.dstport -e l2tp.avp.message_type"
                  " -e _ws.malformed -e _ws.expert.severity"
                  " 2>/dev/null",
            status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran");
        const IpsecTransformInfo& info = GetIpsecTransformInfo(m_transform);
        // ip.proto ip.len esp.spi esp.sequence esp.pad_len esp.icv_good udp.dstport(s)
        // l2tp type, malformed, expert: outer size = 20 (+ 8) + ESP of the inner datagram.
        auto line = [&](uint32_t spi, std::size_t l2tpSize, int type)
        {
            std::size_t inner = 8 + l2tpSize;
            std::ostringstream os;
            os << (m_udpEncap ? 17 : 50) << " "
               << 20 + (m_udpEncap ? 8 : 0)
                      + EspPacket::EspSize(inner, info.ivSize, info.blockSize, info.icvSize)
               << " 0x" << std::hex << std::setw(8) << std::setfill('0') << spi << std::dec << " 1 "
               << EspPacket::PadLength(inner, info.blockSize) << " 1 "
               << (m_udpEncap ? "4500,1701" : "1701") << " " << type << "  \n";
            return os.str();
        };
        NS_TEST_ASSERT_MSG_EQ(
            out, line(0x1001, sccrq.size(), 1) + line(0x2002, sccrp.size(), 2),
            "tshark decrypts SCCRQ and SCCRP, ICVs good, no malformed packet, no expert info");
        if (m_udpEncap)
        {
            std::string sum = RunCommand("tshark -r " + pcap
                                             + " -T fields -e udp.checksum -e _ws.col.Protocol"
                                               " 2>/dev/null",
                                         status);
            NS_TEST_ASSERT_MSG_EQ(sum, "0x0000\tESP\n0x0000\tESP\n",
                                  "RFC 3948: UDP checksum 0, dissected as ESP");
        }
    }

    IpsecTransform m_transform;
    bool m_udpEncap;
};

std::vector<std::vector<uint8_t>> g_ike;

void
OnIke(const std::vector<uint8_t>& msg, Ipv4Address, uint16_t port)
{
    g_ike.push_back(msg);
    g_ike.back().push_back(static_cast<uint8_t>(port != 0));
}

/**
 * \ingroup l2tp-tests
 * \brief What arrives on UDP 4500 is demultiplexed as RFC 3948 says (keepalive, IKE after
 * the non-ESP marker, ESP, junk), and ESP with the wrong key or a replay never reaches the
 * application; every drop is counted with its reason.
 */
class EspStackDemuxTest : public TestCase
{
public:
    EspStackDemuxTest()
        : TestCase("UDP 4500 demux in the stack: keepalive, IKE, ESP, junk, forged, replay")
    {
    }

private:
    void DoRun() override
    {
        g_received[0].clear();
        g_received[1].clear();
        g_ike.clear();
        NodeContainer nodes;
        nodes.Create(2);
        PointToPointHelper p2p;
        NetDeviceContainer devs = p2p.Install(nodes);
        InternetStackHelper stack;
        stack.Install(nodes);
        Ipv4AddressHelper addr("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = addr.Assign(devs);
        IpsecHelper ipsec;
        ipsec.AssignStreams(5);
        ipsec.AddTransportPair(nodes.Get(0), ifs.GetAddress(0), nodes.Get(1), ifs.GetAddress(1),
                               IpsecTransform::AES_GCM_128_16, 0x1001, 0x2002, 1701, false, true);
        Ptr<EspL4Protocol> e1 = nodes.Get(1)->GetObject<EspL4Protocol>();
        e1->SetIkeCallback(MakeCallback(&OnIke));
        Ptr<Socket> lns = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
        lns->Bind(InetSocketAddress(Ipv4Address::GetAny(), 1701));
        lns->SetRecvCallback(MakeBoundCallback(&OnReceive, 0)); // 0: no answer
        Ptr<Socket> raw = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
        raw->Bind();
        InetSocketAddress to(ifs.GetAddress(1), 4500);
        auto send = [raw, to](std::vector<uint8_t> b)
        {
            raw->SendTo(Create<Packet>(b.data(), b.size()), 0, to);
        };
        std::vector<uint8_t> ike(4 + 28, 0);
        ike[4 + 17] = 0x10; // something inside the IKE header
        // A valid ESP packet built with node 0's outbound SA, replayed later.
        Ptr<IpsecSa> out = nodes.Get(0)->GetObject<EspL4Protocol>()->GetSpd()->Get(0).sa;
        std::vector<uint8_t> udp = {0x06, 0xa5, 0x06, 0xa5, 0x00, 0x0a, 0x00, 0x00, 0xc8, 0x02};
        std::vector<uint8_t> esp;
        IpsecDropReason reason;
        out->Protect(udp, 17, esp, reason);
        std::vector<uint8_t> forged(esp);
        forged[20] ^= 0x40;
        Simulator::Schedule(Seconds(1), [send]() { send({0xff}); });
        Simulator::Schedule(Seconds(2), [send, ike]() { send(ike); });
        Simulator::Schedule(Seconds(3), [send]() { send({0x01, 0x02}); });
        Simulator::Schedule(Seconds(4), [send, forged]() { send(forged); });
        Simulator::Schedule(Seconds(5), [send, esp]() { send(esp); });
        Simulator::Schedule(Seconds(6), [send, esp]() { send(esp); });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(e1->GetKeepalivesReceived(), 1u, "keepalive");
        NS_TEST_ASSERT_MSG_EQ(e1->GetIkeReceived(), 1u, "IKE");
        NS_TEST_ASSERT_MSG_EQ(g_ike.size(), 1u, "IKE callback");
        NS_TEST_ASSERT_MSG_EQ(g_ike[0].size(), 28u + 1u, "marker removed");
        NS_TEST_ASSERT_MSG_EQ(+g_ike[0][17], 0x10, "IKE bytes");
        NS_TEST_ASSERT_MSG_EQ(e1->GetDropCount(IpsecDropReason::TRUNCATED), 1u, "junk");
        NS_TEST_ASSERT_MSG_EQ(e1->GetDropCount(IpsecDropReason::INTEGRITY_FAILURE), 1u, "forged");
        NS_TEST_ASSERT_MSG_EQ(e1->GetDropCount(IpsecDropReason::REPLAY), 1u, "replay");
        NS_TEST_ASSERT_MSG_EQ(e1->GetUnprotectedCount(), 1u, "one accepted");
        NS_TEST_ASSERT_MSG_EQ(g_received[0].size(), 1u, "application got it once");
        NS_TEST_ASSERT_MSG_EQ(ToHex(g_received[0][0]), "c802", "inner UDP payload");
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief Suite "l2tp-esp-system".
class EspSystemTestSuite : public TestSuite
{
public:
    EspSystemTestSuite()
        : TestSuite("l2tp-esp-system", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new EspSystemTest(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false));
        AddTestCase(new EspSystemTest(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, true));
        AddTestCase(new EspSystemTest(IpsecTransform::AES_CBC_256_HMAC_SHA256_128, false));
        AddTestCase(new EspSystemTest(IpsecTransform::AES_GCM_128_16, false));
        AddTestCase(new EspSystemTest(IpsecTransform::TDES_CBC_HMAC_SHA1_96, false));
        AddTestCase(new EspSystemTest(IpsecTransform::NULL_HMAC_SHA1_96, false));
        AddTestCase(new EspStackDemuxTest);
    }
};

EspSystemTestSuite g_espSystemTestSuite;

} // namespace
