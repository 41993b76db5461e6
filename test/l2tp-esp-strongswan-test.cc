/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP known-answer tests from real strongSwan 5.9.8 + Linux xfrm captures (test/data/strongswan,
 * copied from the shared vectors with their README): every ESP packet of the four captures
 * (case1_nat_t: ESP-in-UDP on 4500, RFC 3948; case2_no_nat: IP protocol 50) is decrypted and
 * verified with the real keys of the case's esp_sa file, the inner UDP/L2TP bytes must equal
 * tshark 4.0's decryption (*.esp-inner.txt), the L2TP messages parse with the module's parsers
 * and follow the README's sequence, and re-encrypting each payload with the captured IV gives
 * the captured packet byte for byte.
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-control-message.h"
#include "ns3/l2tp-header.h"

#include "ns3/esp-packet.h"
#include "ns3/ipsec-cipher-suite.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipsec-sad.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// One ESP packet found in a capture.
struct CapturedEsp
{
    uint32_t frame{0};         //!< 1-based frame number
    bool udpEncap{false};      //!< carried in UDP 4500 (RFC 3948)
    uint16_t ipTotalLength{0}; //!< outer IPv4 total length
    Ipv4Address dst;           //!< outer destination
    std::vector<uint8_t> esp;  //!< SPI to ICV
};

uint32_t
Rd32(const uint8_t* p, bool swap)
{
    uint32_t v = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
    return swap ? __builtin_bswap32(v) : v;
}

/**
 * A small classic-pcap reader for Ethernet captures: every IPv4 datagram carrying ESP
 * (protocol 50) or UDP 4500 whose payload RFC 3948 classifies as ESP. Counts keepalives and
 * IKE-on-4500 messages (non-ESP marker) separately.
 */
bool
ReadEspFromPcap(const std::string& path, std::vector<CapturedEsp>& out, uint32_t& keepalives,
                uint32_t& ike4500, std::string& error)
{
    std::ifstream f(path, std::ios::binary);
    std::vector<uint8_t> d((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (d.size() < 24)
    {
        error = path + ": not a pcap file";
        return false;
    }
    uint32_t magic = Rd32(d.data(), false);
    bool swap = false;
    if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
    {
        swap = true;
    }
    else if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d)
    {
        error = path + ": bad magic";
        return false;
    }
    if (Rd32(d.data() + 20, swap) != 1)
    {
        error = path + ": link type is not Ethernet";
        return false;
    }
    std::size_t off = 24;
    uint32_t frame = 0;
    while (off + 16 <= d.size())
    {
        uint32_t incl = Rd32(d.data() + off + 8, swap);
        off += 16;
        if (off + incl > d.size())
        {
            error = path + ": truncated record";
            return false;
        }
        ++frame;
        const uint8_t* p = d.data() + off;
        std::size_t n = incl;
        off += incl;
        if (n < 14 + 20 || p[12] != 0x08 || p[13] != 0x00)
        {
            continue;
        }
        p += 14;
        n -= 14;
        uint32_t ihl = (p[0] & 0x0f) * 4;
        uint16_t total = static_cast<uint16_t>((p[2] << 8) | p[3]);
        if ((p[0] >> 4) != 4 || ihl < 20 || total > n || total < ihl)
        {
            continue;
        }
        CapturedEsp e;
        e.frame = frame;
        e.ipTotalLength = total;
        e.dst = Ipv4Address((static_cast<uint32_t>(p[16]) << 24) | (p[17] << 16) | (p[18] << 8)
                            | p[19]);
        const uint8_t* l4 = p + ihl;
        std::size_t l4n = total - ihl;
        if (p[9] == EspPacket::IP_PROTOCOL)
        {
            e.esp.assign(l4, l4 + l4n);
            out.push_back(e);
        }
        else if (p[9] == 17 && l4n >= 8)
        {
            uint16_t sport = static_cast<uint16_t>((l4[0] << 8) | l4[1]);
            uint16_t dport = static_cast<uint16_t>((l4[2] << 8) | l4[3]);
            if (sport != EspPacket::NAT_T_PORT && dport != EspPacket::NAT_T_PORT)
            {
                continue;
            }
            switch (EspPacket::ClassifyUdpEncap(l4 + 8, l4n - 8))
            {
                case EspPacket::UdpEncapKind::ESP:
                    e.udpEncap = true;
                    e.esp.assign(l4 + 8, l4 + l4n);
                    out.push_back(e);
                    break;
                case EspPacket::UdpEncapKind::KEEPALIVE:
                    keepalives++;
                    break;
                case EspPacket::UdpEncapKind::IKE:
                    ike4500++;
                    break;
                case EspPacket::UdpEncapKind::MALFORMED:
                    error = path + ": malformed UDP 4500 payload in frame " + std::to_string(frame);
                    return false;
            }
        }
    }
    return true;
}

/// SPI -> (encryption key, authentication key) from a Wireshark esp_sa UAT file.
std::map<uint32_t, std::pair<std::vector<uint8_t>, std::vector<uint8_t>>>
ReadEspSa(const std::string& path)
{
    std::map<uint32_t, std::pair<std::vector<uint8_t>, std::vector<uint8_t>>> keys;
    for (const auto& line : ReadLines(path))
    {
        if (line.empty() || line[0] != '"')
        {
            continue;
        }
        std::vector<std::string> fields = Split(line, ',');
        NS_ABORT_MSG_UNLESS(fields.size() == 8, "esp_sa line with " << fields.size() << " fields");
        auto unq = [](const std::string& s)
        {
            return s.substr(1, s.size() - 2);
        };
        NS_ABORT_MSG_UNLESS(unq(fields[4]) == "AES-CBC [RFC3602]", "unexpected cipher");
        NS_ABORT_MSG_UNLESS(unq(fields[6]) == "HMAC-SHA-1-96 [RFC2404]", "unexpected MAC");
        uint32_t spi = static_cast<uint32_t>(std::stoul(unq(fields[3]), nullptr, 16));
        keys[spi] = {FromHex(unq(fields[5]).substr(2)), FromHex(unq(fields[7]).substr(2))};
    }
    return keys;
}

/// One line of a *.esp-inner.txt file (tshark's decryption).
struct Inner
{
    uint32_t frame;
    uint32_t spi;
    uint32_t seq;
    uint16_t sport, dport, checksum;
    std::vector<uint8_t> l2tp;
};

std::vector<Inner>
ReadInner(const std::string& path)
{
    std::vector<Inner> v;
    for (const auto& line : ReadLines(path))
    {
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        std::vector<std::string> f = Split(line, '\t');
        NS_ABORT_MSG_UNLESS(f.size() == 7, "bad line in " << path);
        v.push_back({static_cast<uint32_t>(std::stoul(f[0])),
                     static_cast<uint32_t>(std::stoul(f[1], nullptr, 16)),
                     static_cast<uint32_t>(std::stoul(f[2])),
                     static_cast<uint16_t>(std::stoul(f[3])),
                     static_cast<uint16_t>(std::stoul(f[4])),
                     static_cast<uint16_t>(std::stoul(f[5], nullptr, 16)), FromHex(f[6])});
    }
    return v;
}

/**
 * \ingroup l2tp-tests
 * \brief Decrypt, verify and re-encrypt every ESP packet of one strongSwan capture.
 */
class EspStrongswanCaptureTest : public TestCase
{
public:
    EspStrongswanCaptureTest(std::string caseName, std::string side, bool nat)
        : TestCase("strongSwan " + caseName + " " + side + ".pcap: every ESP packet")
        , m_case(std::move(caseName))
        , m_side(std::move(side))
        , m_nat(nat)
    {
    }

private:
    void DoRun() override
    {
        std::string dir = DataDir() + "/strongswan/" + m_case + "/";
        std::vector<CapturedEsp> packets;
        uint32_t keepalives = 0;
        uint32_t ike4500 = 0;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(
            ReadEspFromPcap(dir + m_side + ".pcap", packets, keepalives, ike4500, error), true,
            error);
        std::vector<Inner> inner = ReadInner(dir + m_side + ".esp-inner.txt");
        NS_TEST_ASSERT_MSG_EQ(packets.size(), 13u, "ESP packets in the capture");
        NS_TEST_ASSERT_MSG_EQ(inner.size(), packets.size(), "tshark lines");
        // README: keepalives only with NAT (2), IKE moves to 4500 from MM5 on with NAT:
        // MM5, MM6, QM1-3 and the two Informationals = 7 messages behind the non-ESP marker.
        NS_TEST_ASSERT_MSG_EQ(keepalives, (m_nat ? 2u : 0u), "NAT-keepalives");
        NS_TEST_ASSERT_MSG_EQ(ike4500, (m_nat ? 7u : 0u), "IKE messages with non-ESP marker");

        // Inbound SAs (verify + decrypt) and outbound SAs (re-encrypt), real keys.
        Ptr<IpsecSad> sad = CreateObject<IpsecSad>();
        std::map<uint32_t, Ptr<IpsecSa>> outbound;
        for (const auto& kv : ReadEspSa(dir + "esp_sa"))
        {
            for (auto dirn : {IpsecSa::INBOUND, IpsecSa::OUTBOUND})
            {
                Ptr<IpsecCipherSuite> suite
                    = IpsecCipherSuite::Create(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false);
                NS_TEST_ASSERT_MSG_EQ(suite->SetKeys(IpsecTransform::AES_CBC_128_HMAC_SHA1_96,
                                                     kv.second.first, kv.second.second, error),
                                      true, error);
                Ptr<IpsecSa> sa = CreateObject<IpsecSa>();
                sa->Configure(kv.first, dirn, IpsecSa::TRANSPORT, suite, Ipv4Address::GetAny(),
                              Ipv4Address::GetAny());
                sa->Start();
                if (dirn == IpsecSa::INBOUND)
                {
                    NS_TEST_ASSERT_MSG_EQ(sad->Add(sa), true, "SAD add");
                }
                else
                {
                    outbound[kv.first] = sa;
                }
            }
        }
        NS_TEST_ASSERT_MSG_EQ(sad->GetN(), 2u, "two SAs in esp_sa");

        // README: SCCRQ, SCCRP, SCCCN, ZLB, ICRQ, ICRP, ZLB, ICCN, ZLB, CDN, ZLB, StopCCN, ZLB.
        const std::vector<std::string> expected
            = {"SCCRQ", "SCCRP", "SCCCN", "ZLB", "ICRQ",    "ICRP", "ZLB",
               "ICCN",  "ZLB",   "CDN",   "ZLB", "StopCCN", "ZLB"};
        std::map<uint32_t, uint32_t> lastSeq;
        for (std::size_t i = 0; i < packets.size(); ++i)
        {
            const CapturedEsp& p = packets[i];
            NS_TEST_ASSERT_MSG_EQ(p.udpEncap, m_nat, "encapsulation");
            NS_TEST_ASSERT_MSG_EQ(p.frame, inner[i].frame, "frame");
            IpsecSa::Received rx;
            IpsecDropReason reason = IpsecDropReason::NONE;
            std::string detail;
            Ptr<IpsecSa> sa = sad->Receive(p.esp.data(), p.esp.size(), p.dst, rx, reason, detail);
            NS_TEST_ASSERT_MSG_NE(sa, nullptr, "frame " << p.frame << ": " << detail);
            uint32_t spi = EspPacket::PeekSpi(p.esp.data());
            NS_TEST_ASSERT_MSG_EQ(spi, inner[i].spi, "SPI");
            // Sequence numbers start at 1 and increase by one per SA.
            NS_TEST_ASSERT_MSG_EQ(rx.sequence, lastSeq[spi] + 1, "frame " << p.frame << " seq");
            NS_TEST_ASSERT_MSG_EQ(rx.sequence, inner[i].seq, "seq as tshark");
            lastSeq[spi] = rx.sequence;
            NS_TEST_ASSERT_MSG_EQ(+rx.nextHeader, 17, "Next Header UDP (transport mode)");
            // The inner UDP datagram: 1701 -> 1701, length, checksum as captured, L2TP bytes.
            NS_TEST_ASSERT_MSG_EQ(rx.payload.size(), 8 + inner[i].l2tp.size(), "inner size");
            const uint8_t* u = rx.payload.data();
            NS_TEST_ASSERT_MSG_EQ(((u[0] << 8) | u[1]), inner[i].sport, "inner sport");
            NS_TEST_ASSERT_MSG_EQ(((u[2] << 8) | u[3]), inner[i].dport, "inner dport");
            NS_TEST_ASSERT_MSG_EQ(((u[4] << 8) | u[5]), static_cast<int>(rx.payload.size()),
                                  "inner UDP length");
            NS_TEST_ASSERT_MSG_EQ(((u[6] << 8) | u[7]), inner[i].checksum, "inner checksum");
            std::vector<uint8_t> l2tp(rx.payload.begin() + 8, rx.payload.end());
            NS_TEST_ASSERT_MSG_EQ(ToHex(l2tp), ToHex(inner[i].l2tp), "frame " << p.frame);
            // Minimal padding 1, 2, 3, ... (checked by Unprotect) and the README's arithmetic:
            // outer = 20 + (8 UDP-encap) + 8 + 16 + payload + pad + 2 + 12.
            NS_TEST_ASSERT_MSG_EQ(+rx.padLength, EspPacket::PadLength(rx.payload.size(), 16),
                                  "minimal padding");
            NS_TEST_ASSERT_MSG_EQ(p.ipTotalLength,
                                  20 + (m_nat ? 8 : 0)
                                      + EspPacket::EspSize(rx.payload.size(), 16, 16, 12),
                                  "outer IP length");
            L2tpHeader h;
            std::string why;
            NS_TEST_ASSERT_MSG_NE(L2tpHeader::Parse(l2tp.data(), l2tp.size(), h, why), 0u, why);
            L2tpControlMessage msg;
            auto res = L2tpControlMessage::Parse(l2tp.data(), l2tp.size(), msg);
            NS_TEST_ASSERT_MSG_EQ(res.Ok(), true, res.reason);
            std::string name
                = msg.IsZlb() ? "ZLB" : L2tpControlMessage::TypeName(msg.GetMessageType());
            NS_TEST_ASSERT_MSG_EQ(name, expected[i], "frame " << p.frame);
            // Re-encrypt with the captured IV: identical bytes (same sizes as strongSwan).
            std::vector<uint8_t> iv(p.esp.begin() + 8, p.esp.begin() + 24);
            std::vector<uint8_t> again;
            NS_TEST_ASSERT_MSG_EQ(outbound[spi]->ProtectWithIv(rx.payload, 17, iv, again, reason),
                                  true, "re-encrypt");
            NS_TEST_ASSERT_MSG_EQ(ToHex(again), ToHex(p.esp),
                                  "frame " << p.frame << " re-encrypted");
            // Replaying the captured packet is now dropped.
            NS_TEST_ASSERT_MSG_EQ(
                sad->Receive(p.esp.data(), p.esp.size(), p.dst, rx, reason, detail), nullptr,
                "replay");
            NS_TEST_ASSERT_MSG_EQ(reason, IpsecDropReason::REPLAY, "replay reason");
        }
        uint64_t replays = 0;
        for (const auto& kv : lastSeq)
        {
            replays += sad->Lookup(kv.first, Ipv4Address::GetAny())
                           ->GetDropCount(IpsecDropReason::REPLAY);
            NS_TEST_ASSERT_MSG_EQ(sad->Lookup(kv.first, Ipv4Address::GetAny())->GetPackets(),
                                  kv.second, "packets accepted per SA");
        }
        NS_TEST_ASSERT_MSG_EQ(replays, 13u, "every replay counted");
        sad->Dispose();
        for (auto& kv : outbound)
        {
            kv.second->Dispose();
        }
        Simulator::Destroy();
    }

    std::string m_case;
    std::string m_side;
    bool m_nat;
};

/// \ingroup l2tp-tests
/// \brief Suite "l2tp-esp-strongswan".
class EspStrongswanTestSuite : public TestSuite
{
public:
    EspStrongswanTestSuite()
        : TestSuite("l2tp-esp-strongswan", TestSuite::Type::UNIT)
    {
        AddTestCase(new EspStrongswanCaptureTest("case1_nat_t", "client_side", true));
        AddTestCase(new EspStrongswanCaptureTest("case1_nat_t", "server_side", true));
        AddTestCase(new EspStrongswanCaptureTest("case2_no_nat", "client_side", false));
        AddTestCase(new EspStrongswanCaptureTest("case2_no_nat", "server_side", false));
    }
};

EspStrongswanTestSuite g_espStrongswanTestSuite;

} // namespace
