/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PppFrame (RFC 1661 section 2, RFC 1662 section 3) and PppControlPacket (RFC 1661 section 5
 * and 6): exact bytes with and without ACFC/PFC, and rejection of malformed frames, packets
 * and option lists with the exact reason.
 */
#include "l2tp-test-util.h"

#include "ns3/ppp-control-packet.h"
#include "ns3/ppp-frame.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/**
 * \ingroup l2tp
 * \brief Encode with every ACFC/PFC combination to hand-written bytes, decode back.
 */
class PppFrameEncodeTestCase : public TestCase
{
public:
    PppFrameEncodeTestCase()
        : TestCase("PPP frame bytes with ACFC and PFC, decoded back")
    {
    }

private:
    void DoRun() override
    {
        const PppFrame ip(PppFrame::PROTO_IPV4, {0x45, 0x00});
        NS_TEST_EXPECT_MSG_EQ(ToHex(ip.Encode(false, false)), "ff0300214500", "plain");
        NS_TEST_EXPECT_MSG_EQ(ToHex(ip.Encode(true, false)), "00214500", "ACFC");
        NS_TEST_EXPECT_MSG_EQ(ToHex(ip.Encode(false, true)), "ff03214500", "PFC");
        NS_TEST_EXPECT_MSG_EQ(ToHex(ip.Encode(true, true)), "214500", "ACFC+PFC");
        // IPCP (0x8021) is not compressible; LCP always keeps FF 03 and two octets.
        const PppFrame ipcp(PppFrame::PROTO_IPCP, {0x01});
        NS_TEST_EXPECT_MSG_EQ(ToHex(ipcp.Encode(true, true)), "802101", "IPCP with ACFC+PFC");
        const PppFrame lcp(PppFrame::PROTO_LCP, {0x09});
        NS_TEST_EXPECT_MSG_EQ(ToHex(lcp.Encode(true, true)), "ff03c02109", "LCP never compressed");

        for (const char* hex : {"ff0300214500", "00214500", "ff03214500", "214500"})
        {
            const auto bytes = FromHex(hex);
            PppFrame f;
            NS_TEST_EXPECT_MSG_EQ(PppFrame::Decode(bytes.data(), bytes.size(), f), PppFrame::OK,
                                  hex);
            NS_TEST_EXPECT_MSG_EQ(f.protocol, PppFrame::PROTO_IPV4, hex);
            NS_TEST_EXPECT_MSG_EQ(ToHex(f.information), "4500", hex);
        }
        PppFrame f;
        auto b = FromHex("214500");
        PppFrame::Decode(b.data(), b.size(), f);
        NS_TEST_EXPECT_MSG_EQ(f.hadAddressControl, false, "no FF 03");
        NS_TEST_EXPECT_MSG_EQ(f.hadCompressedProtocol, true, "1-octet protocol");
        NS_TEST_EXPECT_MSG_EQ(PppFrame::ProtocolName(0xC223), "CHAP", "name");
        NS_TEST_EXPECT_MSG_EQ(PppFrame::ProtocolName(0x0281), "0x0281", "unknown name");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Malformed frames are rejected with the exact reason.
 */
class PppFrameMalformedTestCase : public TestCase
{
public:
    PppFrameMalformedTestCase()
        : TestCase("malformed PPP frames rejected with reasons")
    {
    }

private:
    void DoRun() override
    {
        struct Case
        {
            const char* hex;
            PppFrame::Error error;
        };
        const Case cases[] = {
            {"", PppFrame::EMPTY},
            {"ff", PppFrame::BAD_ADDRESS_CONTROL},
            {"ff04c021", PppFrame::BAD_ADDRESS_CONTROL},
            {"ff03", PppFrame::TRUNCATED_PROTOCOL},
            {"ff03c0", PppFrame::TRUNCATED_PROTOCOL},
            {"c0", PppFrame::TRUNCATED_PROTOCOL},
            {"ff03c020", PppFrame::BAD_PROTOCOL},
            {"0020", PppFrame::BAD_PROTOCOL},
        };
        for (const auto& c : cases)
        {
            const auto bytes = Slice(FromHex(c.hex), 0, FromHex(c.hex).size());
            PppFrame f;
            const auto e = PppFrame::Decode(bytes.data(), bytes.size(), f);
            NS_TEST_EXPECT_MSG_EQ(PppFrame::ErrorText(e), PppFrame::ErrorText(c.error),
                                  "frame " << c.hex);
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Control packets and option lists: exact bytes and every rejection reason.
 */
class PppControlPacketTestCase : public TestCase
{
public:
    PppControlPacketTestCase()
        : TestCase("LCP and NCP packet and option list codec, malformed input rejected")
    {
    }

private:
    void DoRun() override
    {
        // Configure-Request id 1: MRU 1500, Magic 0x12345678 (RFC 1661 6.1, 6.4).
        const std::vector<PppOption> opts
            = {PppOption::U16(1, 1500), PppOption::U32(5, 0x12345678)};
        PppControlPacket cr(PppControlPacket::CONFIGURE_REQUEST, 1,
                            PppControlPacket::EncodeOptions(opts));
        NS_TEST_EXPECT_MSG_EQ(ToHex(cr.Encode()), "0101000e010405dc050612345678", "CR bytes");

        // Parse back, with two padding octets after Length (ignored, RFC 1661 5).
        auto bytes = FromHex("0101000e010405dc0506123456780000");
        PppControlPacket p;
        NS_TEST_EXPECT_MSG_EQ(PppControlPacket::Parse(bytes.data(), bytes.size(), p),
                              PppControlPacket::OK, "parse");
        NS_TEST_EXPECT_MSG_EQ(ToHex(p.data), "010405dc050612345678", "data without padding");
        std::vector<PppOption> back;
        NS_TEST_EXPECT_MSG_EQ(PppControlPacket::ParseOptions(p.data, back), PppControlPacket::OK,
                              "options");
        NS_TEST_ASSERT_MSG_EQ(back.size(), 2, "two options");
        uint16_t mru = 0;
        uint32_t magic = 0;
        NS_TEST_EXPECT_MSG_EQ(back[0].GetU16(mru), true, "MRU");
        NS_TEST_EXPECT_MSG_EQ(mru, 1500, "MRU value");
        NS_TEST_EXPECT_MSG_EQ(back[1].GetU32(magic), true, "magic");
        NS_TEST_EXPECT_MSG_EQ(magic, 0x12345678, "magic value");
        NS_TEST_EXPECT_MSG_EQ(back[1].GetU16(mru), false, "wrong-size access refused");

        struct PacketCase
        {
            const char* hex;
            PppControlPacket::Error error;
        };
        for (const auto& c : std::vector<PacketCase>{
                 {"", PppControlPacket::TRUNCATED_HEADER},
                 {"010100", PppControlPacket::TRUNCATED_HEADER},
                 {"01010003", PppControlPacket::LENGTH_TOO_SHORT},
                 {"01010000", PppControlPacket::LENGTH_TOO_SHORT},
                 {"0101000801", PppControlPacket::LENGTH_PAST_END},
                 {"0101ffff01020304", PppControlPacket::LENGTH_PAST_END},
             })
        {
            const auto b = FromHex(c.hex);
            const auto exact = Slice(b, 0, b.size());
            const auto e = PppControlPacket::Parse(exact.data(), exact.size(), p);
            NS_TEST_EXPECT_MSG_EQ(PppControlPacket::ErrorText(e),
                                  PppControlPacket::ErrorText(c.error), "packet " << c.hex);
        }
        for (const auto& c : std::vector<PacketCase>{
                 {"01", PppControlPacket::OPTION_TRUNCATED},
                 {"010405dc05", PppControlPacket::OPTION_TRUNCATED},
                 {"0100", PppControlPacket::OPTION_LENGTH_SHORT},
                 {"0101", PppControlPacket::OPTION_LENGTH_SHORT},
                 {"010405dc0500", PppControlPacket::OPTION_LENGTH_SHORT},
                 {"010405", PppControlPacket::OPTION_PAST_END},
                 {"010405dc0506123456", PppControlPacket::OPTION_PAST_END},
                 {"", PppControlPacket::OK},
                 {"0702", PppControlPacket::OK},
             })
        {
            std::vector<PppOption> o;
            const auto e = PppControlPacket::ParseOptions(FromHex(c.hex), o);
            NS_TEST_EXPECT_MSG_EQ(PppControlPacket::ErrorText(e),
                                  PppControlPacket::ErrorText(c.error), "options " << c.hex);
        }
        NS_TEST_EXPECT_MSG_EQ(PppControlPacket::CodeName(9), "Echo-Request", "code name");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The PPP frame and packet codec suite.
 */
class PppFrameTestSuite : public TestSuite
{
public:
    PppFrameTestSuite()
        : TestSuite("l2tp-ppp-frame", TestSuite::Type::UNIT)
    {
        AddTestCase(new PppFrameEncodeTestCase);
        AddTestCase(new PppFrameMalformedTestCase);
        AddTestCase(new PppControlPacketTestCase);
    }
};

PppFrameTestSuite g_pppFrameTestSuite; //!< registers the suite

} // namespace
