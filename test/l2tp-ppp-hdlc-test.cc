/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 1662 HDLC-like framing: FCS-16 and FCS-32 known answers (the CRC catalogue's check
 * values for "123456789" and the RFC's good-FCS constants), octet stuffing under the default
 * and a negotiated ACCM, and the decoder's counted drops.
 */
#include "l2tp-test-util.h"

#include "ns3/ppp-hdlc.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/**
 * \ingroup l2tp
 * \brief FCS known answers.
 */
class PppFcsTestCase : public TestCase
{
public:
    PppFcsTestCase()
        : TestCase("FCS-16 and FCS-32 known answers and good-FCS constants")
    {
    }

private:
    void DoRun() override
    {
        const std::string check = "123456789";
        const auto* d = reinterpret_cast<const uint8_t*>(check.data());
        // CRC-16/X-25 and CRC-32 check values are the complements: 0x906e, 0xcbf43926.
        NS_TEST_EXPECT_MSG_EQ(PppHdlc::Fcs16(PppHdlc::FCS16_INIT, d, 9), 0x6f91, "FCS-16");
        NS_TEST_EXPECT_MSG_EQ(PppHdlc::Fcs32(PppHdlc::FCS32_INIT, d, 9), 0x340bc6d9u, "FCS-32");

        // LCP Configure-Request (Magic 0x12345678); its FCS-16 is 0x0079, sent 79 00.
        const auto frame = FromHex("ff03c0210101000a050612345678");
        const uint16_t fcs = static_cast<uint16_t>(
            ~PppHdlc::Fcs16(PppHdlc::FCS16_INIT, frame.data(), frame.size()));
        NS_TEST_EXPECT_MSG_EQ(fcs, 0x0079, "frame FCS-16");
        auto withFcs = frame;
        withFcs.push_back(0x79);
        withFcs.push_back(0x00);
        NS_TEST_EXPECT_MSG_EQ(PppHdlc::Fcs16(PppHdlc::FCS16_INIT, withFcs.data(), withFcs.size()),
                              PppHdlc::FCS16_GOOD, "RFC 1662 good FCS-16 0xf0b8");
        // FCS-32 of the same frame: 0xac46e0fb, sent fb e0 46 ac.
        auto with32 = frame;
        for (uint8_t b : {0xfb, 0xe0, 0x46, 0xac})
        {
            with32.push_back(b);
        }
        NS_TEST_EXPECT_MSG_EQ(PppHdlc::Fcs32(PppHdlc::FCS32_INIT, with32.data(), with32.size()),
                              PppHdlc::FCS32_GOOD, "RFC 1662 good FCS-32 0xdebb20e3");
        NS_TEST_EXPECT_MSG_EQ(ToHex(PppHdlc::Encode(frame, 0, true)),
                              "7eff03c0210101000a050612345678fbe046ac7e", "FCS-32 frame");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Octet stuffing under the default ACCM, ACCM 0 and a negotiated one.
 */
class PppStuffingTestCase : public TestCase
{
public:
    PppStuffingTestCase()
        : TestCase("octet stuffing with default and negotiated ACCM, decoded back")
    {
    }

private:
    void DoRun() override
    {
        const auto frame = FromHex("ff03c0210101000a050612345678");
        struct Case
        {
            uint32_t accm;
            const char* wire;
        };
        const Case cases[] = {
            // Default ACCM 0xffffffff: every octet below 0x20 escaped (0x03 -> 7d 23 ...).
            {0xffffffff, "7eff7d23c0217d217d217d207d2a7d257d267d32345678797d207e"},
            // ACCM 0: only 0x7e and 0x7d escaped.
            {0x00000000, "7eff03c0210101000a05061234567879007e"},
            // ACCM with bits 0x03 and 0x12 (and 0x11, 0x13 for XON/XOFF): 03 and 12 escaped.
            {0x000e0008, "7eff7d23c0210101000a05067d3234567879007e"},
        };
        for (const auto& c : cases)
        {
            const auto wire = PppHdlc::Encode(frame, c.accm);
            NS_TEST_EXPECT_MSG_EQ(ToHex(wire), c.wire, "ACCM " << c.accm);
            PppHdlcDecoder dec;
            dec.SetReceiveAccm(c.accm);
            const auto frames = dec.Push(wire.data(), wire.size());
            NS_TEST_ASSERT_MSG_EQ(frames.size(), 1, "one frame back");
            NS_TEST_EXPECT_MSG_EQ(ToHex(frames[0]), ToHex(frame), "same frame");
        }
        // Flag and escape octets in the data are always escaped.
        const auto special = FromHex("ff0300217e7d20");
        const auto wire = PppHdlc::Encode(special, 0);
        const std::string hex = ToHex(wire);
        NS_TEST_EXPECT_MSG_EQ(hex.substr(0, 20), "7eff0300217d5e7d5d20",
                              "7e -> 7d 5e, 7d -> 7d 5d");
        // Fed one octet at a time, with noise before the first flag and a shared flag.
        PppHdlcDecoder dec;
        dec.SetReceiveAccm(0);
        std::vector<uint8_t> stream = {0x11, 0x22};
        stream.insert(stream.end(), wire.begin(), wire.end());
        stream.insert(stream.end(), wire.begin() + 1, wire.end()); // shares the closing flag
        size_t got = 0;
        for (uint8_t b : stream)
        {
            for (const auto& f : dec.Push(&b, 1))
            {
                NS_TEST_EXPECT_MSG_EQ(ToHex(f), "ff0300217e7d20", "frame " << got);
                ++got;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(got, 2, "two frames");
        // A raw control character flagged in the receive ACCM is discarded on reception.
        PppHdlcDecoder dec2;
        dec2.SetReceiveAccm(0x00020000); // 0x11 (XON)
        auto noisy = PppHdlc::Encode(FromHex("ff03002145"), 0x00020000);
        noisy.insert(noisy.begin() + 3, 0x11);
        const auto out = dec2.Push(noisy.data(), noisy.size());
        NS_TEST_ASSERT_MSG_EQ(out.size(), 1, "XON removed");
        NS_TEST_EXPECT_MSG_EQ(ToHex(out[0]), "ff03002145", "frame intact");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Bad FCS, short frames, aborts and oversize frames are counted drops.
 */
class PppHdlcDropsTestCase : public TestCase
{
public:
    PppHdlcDropsTestCase()
        : TestCase("decoder drops: bad FCS, too short, abort, too long")
    {
    }

private:
    void DoRun() override
    {
        PppHdlcDecoder dec(false, 8);
        dec.SetReceiveAccm(0);
        auto good = PppHdlc::Encode(FromHex("ff03002145"), 0);
        auto bad = good;
        bad[3] ^= 0x01; // flip a bit in the protocol field
        std::vector<uint8_t> stream = bad;
        for (const char* hex : {"7e017e", "7eff037d7e", "7eff0300214500112233447e"})
        {
            const auto b = FromHex(hex);
            stream.insert(stream.end(), b.begin(), b.end());
        }
        stream.insert(stream.end(), good.begin(), good.end());
        const auto frames = dec.Push(stream.data(), stream.size());
        NS_TEST_ASSERT_MSG_EQ(frames.size(), 1, "only the good frame");
        NS_TEST_EXPECT_MSG_EQ(ToHex(frames[0]), "ff03002145", "good frame");
        NS_TEST_EXPECT_MSG_EQ(dec.GetDrops(PppHdlcDecoder::BAD_FCS), 1, "bad FCS");
        NS_TEST_EXPECT_MSG_EQ(dec.GetDrops(PppHdlcDecoder::TOO_SHORT), 1, "too short");
        NS_TEST_EXPECT_MSG_EQ(dec.GetDrops(PppHdlcDecoder::ABORTED), 1, "abort");
        NS_TEST_EXPECT_MSG_EQ(dec.GetDrops(PppHdlcDecoder::TOO_LONG), 1, "too long");
        NS_TEST_EXPECT_MSG_EQ(dec.GetFrames(), 1, "frames");
        NS_TEST_EXPECT_MSG_EQ(PppHdlcDecoder::DropText(PppHdlcDecoder::BAD_FCS), "FCS check failed",
                              "text");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The RFC 1662 framing suite.
 */
class PppHdlcTestSuite : public TestSuite
{
public:
    PppHdlcTestSuite()
        : TestSuite("l2tp-ppp-hdlc", TestSuite::Type::UNIT)
    {
        AddTestCase(new PppFcsTestCase);
        AddTestCase(new PppStuffingTestCase);
        AddTestCase(new PppHdlcDropsTestCase);
    }
};

PppHdlcTestSuite g_pppHdlcTestSuite; //!< registers the suite

} // namespace
