/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2tpPcapDecoder on bad input: malformed capture files are refused with the file name and
 * what was wrong; broken frames give one MALFORMED line each and decoding goes on; every
 * truncation and every byte flip of a real capture is decoded or refused without a crash or an
 * out-of-bounds read (this suite also runs under ASan + UBSan in `./l2tp test`).
 */
#include "l2tp-pcap-test-util.h"
#include "l2tp-test-util.h"
#include "ns3/l2tp-pcap-decoder.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <algorithm>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{
/// \return the records of an in-memory capture (none if it is refused)
std::vector<L2tpPcapRecord>
DecodeOk(const std::vector<uint8_t>& pcap, L2tpPcapDecoder& decoder, std::string& error)
{
    std::vector<L2tpPcapRecord> records;
    if (!decoder.DecodeBuffer(pcap.data(), pcap.size(), "mem", records, error))
    {
        records.clear();
    }
    return records;
}
} // namespace

/// Frames that cannot be decoded: one MALFORMED line each, with the reason; the rest decodes.
class L2tpPcapBrokenFramesTestCase : public TestCase
{
public:
    L2tpPcapBrokenFramesTestCase()
        : TestCase("broken frames give MALFORMED lines with a reason and decoding goes on")
    {
    }

private:
    void DoRun() override
    {
        const std::vector<uint8_t> sccrq
            = FromHex(ReadLines(DataDir() + "/xl2tpd/case1_plain.hex")[0]);
        const std::vector<uint8_t> data
            = FromHex(ReadLines(DataDir() + "/xl2tpd/case5a_data_stubppp.hex")[9]);
        auto eth = [](const std::vector<uint8_t>& m)
        {
            return Ethernet(Ipv4(Udp(m)));
        };
        const std::string dataLine = " 10.200.0.1:1701 DATA tunnel=54499 session=53743 len=18";

        std::vector<uint8_t> badAvp = FromHex("c802001400000000000000008040000000000001");
        std::vector<uint8_t> v3 = FromHex("c803000c0000000000000000");
        std::vector<uint8_t> unknownType = FromHex("c80200140000000000000000000800000000001e");
        std::vector<uint8_t> longUdp = Ipv4(Udp(data));
        longUdp[20 + 5] += 10; // UDP Length beyond the IPv4 payload
        std::vector<uint8_t> shortUdp = Ipv4(Udp(data));
        shortUdp[20 + 5] = 0;
        shortUdp[20 + 4] = 0; // UDP Length 0
        std::vector<uint8_t> longIp = Ipv4(Udp(data));
        longIp[3] += 4; // IPv4 Total Length beyond the frame (not a capture cut)
        std::vector<uint8_t> cut = eth(sccrq);
        const uint32_t full = uint32_t(cut.size());
        cut.resize(60);
        std::vector<uint8_t> cutHeader = eth(sccrq);
        cutHeader.resize(14 + 20 + 6); // UDP header cut by the snap length
        L2tpPcapDecoder decoder;
        std::string error;
        auto r = DecodeOk(Pcap(1, {{0, 0, eth(badAvp)},
                                   {1, 0, eth(v3)},
                                   {2, 0, Ethernet(longUdp)},
                                   {3, 0, cut, full},
                                   {4, 0, Ethernet(shortUdp)},
                                   {5, 0, Ethernet(longIp)},
                                   {6, 0, cutHeader, full},
                                   {7, 0, eth(unknownType)},
                                   {8, 0, eth({})},
                                   {9, 0, eth(data)}}),
                          decoder, error);
        NS_TEST_ASSERT_MSG_EQ(r.size(), 10u, error << Lines(r));
        NS_TEST_EXPECT_MSG_EQ(
            Lines(r),
            "0.000000 10.200.0.1:1701 MALFORMED tunnel=0 session=0 reason=\"bad-avp-length: AVP "
            "at offset 12: AVP Length 64 overruns the message (8 bytes left)\"\n"
            "1.000000 10.200.0.1:1701 MALFORMED reason=\"L2TP header: version 3 is L2TPv3 (RFC "
            "3931), not L2TPv2\"\n"
            "2.000000 10.200.0.1:1701 MALFORMED reason=\"UDP Length 44 exceeds the 34 bytes of "
            "the IPv4 payload\"\n"
            "3.000000 10.200.0.1:1701 MALFORMED reason=\"captured 26 of the 112 UDP bytes (snap "
            "length too small)\"\n"
            "4.000000 10.200.0.1:1701 MALFORMED reason=\"UDP Length 0 is below the 8-byte "
            "header\"\n"
            "5.000000 10.200.0.1:1701 MALFORMED reason=\"IPv4 Total Length 58 exceeds the 54 "
            "bytes of the frame\"\n"
            "6.000000 10.200.0.1:1701 MALFORMED reason=\"UDP header cut short by the capture's "
            "snap length\"\n"
            "7.000000 10.200.0.1:1701 MALFORMED tunnel=0 session=0 reason=\"unknown-message-type: "
            "unknown Message Type 30 without the M bit\"\n"
            "8.000000 10.200.0.1:1701 MALFORMED reason=\"L2TP header: truncated: 0 bytes, no "
            "flags/version field\"\n"
            "9.000000"
                + dataLine + "\n",
            "broken frames");
        NS_TEST_EXPECT_MSG_EQ(r[0].error,
                              "bad-avp-length: AVP at offset 12: AVP Length 64 overruns the "
                              "message (8 bytes left)",
                              "structured error");
        NS_TEST_EXPECT_MSG_EQ(r[0].headerValid, true, "header parsed");
        NS_TEST_EXPECT_MSG_EQ(r[1].headerValid, false, "header rejected");
        NS_TEST_EXPECT_MSG_EQ(decoder.GetSkippedFrames(), 0u, "every frame was L2TP");

        // Fragments: the first one cut by the capture; a datagram never completed.
        const std::vector<uint8_t> udp = Udp(sccrq);
        const auto frag0 = Ethernet(Ipv4({udp.begin(), udp.begin() + 48}, 0x2000, 9));
        const auto frag1 = Ethernet(Ipv4({udp.begin() + 48, udp.begin() + 96}, 0x2000 | 6, 9));
        std::vector<uint8_t> frag0cut = frag0;
        frag0cut.resize(50);
        const auto odd = Ethernet(Ipv4({udp.begin(), udp.begin() + 47}, 0x2000, 10));
        r = DecodeOk(Pcap(1, {{1, 0, frag0},
                              {2, 0, frag1},
                              {3, 0, frag0cut, uint32_t(frag0.size())},
                              {4, 0, odd}}),
                     decoder, error);
        NS_TEST_EXPECT_MSG_EQ(
            Lines(r),
            "2.000000 10.200.0.1:1701 MALFORMED reason=\"IPv4 fragment cut short by the "
            "capture's snap length\"\n"
            "3.000000 10.200.0.1:1701 MALFORMED reason=\"invalid IPv4 fragment length 47\"\n",
            "fragments");
        r = DecodeOk(Pcap(1, {{1, 0, frag0}, {2, 0, frag1}}), decoder, error);
        NS_TEST_EXPECT_MSG_EQ(Lines(r),
                              "1.000000 10.200.0.1:1701 MALFORMED reason=\"incomplete IPv4 "
                              "datagram (id 9): 2 fragment(s) captured, the rest missing\"\n",
                              "incomplete datagram");
        NS_TEST_EXPECT_MSG_EQ(decoder.GetIncompleteFragments(), 2u, "left over");
        Simulator::Destroy();
    }
};

/// Bad files are refused with the file name and the problem; no input crashes the reader.
class L2tpPcapBadFilesTestCase : public TestCase
{
public:
    L2tpPcapBadFilesTestCase()
        : TestCase("malformed capture files: clear errors, every truncation, every byte flip")
    {
    }

private:
    void DoRun() override
    {
        const std::string dir = MakeTempDir("pcap-bad");
        const std::string good = DataDir() + "/xl2tpd/case1_plain.pcap";
        const std::string text = ReadFile(good);
        const std::vector<uint8_t> bytes(text.begin(), text.end());
        auto check
            = [&](const std::string& name, const std::vector<uint8_t>& b, const std::string& expect)
        {
            const std::string path = dir + "/" + name;
            WriteBytes(path, b);
            L2tpPcapDecoder decoder;
            std::vector<L2tpPcapRecord> records;
            std::string error;
            NS_TEST_EXPECT_MSG_EQ(decoder.DecodeFile(path, records, error), false, name);
            NS_TEST_EXPECT_MSG_EQ(error, path + ": " + expect, name);
        };
        auto with = [&bytes](std::size_t at, std::vector<uint8_t> patch, std::size_t keep = 0)
        {
            std::vector<uint8_t> b = bytes;
            std::copy(patch.begin(), patch.end(), b.begin() + at);
            if (keep != 0)
            {
                b.resize(keep);
            }
            return b;
        };
        check("empty", {}, "not a pcap file: 0 bytes, too short for the 4-byte magic number");
        check("pcapng", {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0},
              "a pcapng file; only classic pcap is supported (convert it with 'editcap -F pcap "
              "IN OUT')");
        check("text", {'h', 'e', 'l', 'l', 'o'},
              "not a pcap file: magic number 0x68656c6c (expected a1b2c3d4 or a1b23c4d in "
              "either byte order)");
        check("short-header", with(0, {}, 20), "truncated pcap file header: 20 of 24 bytes");
        check("version", with(4, {3, 0, 0, 0}),
              "unsupported pcap format version 3.0 (expected 2.x)");
        check("linktype", with(20, {105, 0}),
              "unsupported link type 105 (supported: 1 Ethernet, 9 PPP, 101 raw IP, 113 Linux "
              "cooked, 228 IPv4)");
        check("fraction", with(24 + 4, {0x40, 0x42, 0x0f, 0}),
              "record 1 at byte 24: timestamp fraction 1000000 us is not below one second");
        check("huge", with(24 + 8, {0xe0, 0x93, 0x04, 0}),
              "record 1 at byte 24: captured length 300000 exceeds the snap length 262144");
        check("cut-record", with(0, {}, bytes.size() - 1),
              "record 17 at byte " + std::to_string(bytes.size() - 16 - 54)
                  + ": truncated record: 54 captured bytes announced, 53 left in the file");
        check("cut-record-header", with(0, {}, 24 + 10),
              "record 1 at byte 24: truncated record header (10 of 16 bytes)");
        {
            L2tpPcapDecoder decoder;
            std::vector<L2tpPcapRecord> records;
            std::string error;
            NS_TEST_EXPECT_MSG_EQ(decoder.DecodeFile(dir + "/none.pcap", records, error), false,
                                  "missing file");
            NS_TEST_EXPECT_MSG_EQ(error, dir + "/none.pcap: cannot open the file for reading",
                                  "missing file");
        }

        // Every prefix: accepted exactly at record boundaries, with the records before it.
        std::vector<std::size_t> boundaries{24};
        while (boundaries.back() < bytes.size())
        {
            std::size_t at = boundaries.back();
            uint32_t incl = bytes[at + 8] | bytes[at + 9] << 8 | bytes[at + 10] << 16
                            | uint32_t(bytes[at + 11]) << 24;
            boundaries.push_back(at + 16 + incl);
        }
        NS_TEST_ASSERT_MSG_EQ(boundaries.back(), bytes.size(), "record walk");
        NS_TEST_ASSERT_MSG_EQ(boundaries.size(), 18u, "17 records");
        uint32_t accepted = 0;
        for (std::size_t n = 0; n <= bytes.size(); ++n)
        {
            L2tpPcapDecoder decoder;
            std::vector<L2tpPcapRecord> records;
            std::string error;
            bool ok = decoder.DecodeBuffer(bytes.data(), n, "prefix", records, error);
            auto it = std::find(boundaries.begin(), boundaries.end(), n);
            NS_TEST_EXPECT_MSG_EQ(ok, (it != boundaries.end()), "prefix of " << n << ": " << error);
            std::size_t full
                = std::upper_bound(boundaries.begin(), boundaries.end(), n) - boundaries.begin();
            NS_TEST_EXPECT_MSG_EQ(records.size(), (n < 24 ? 0 : full - 1), "prefix of " << n);
            NS_TEST_EXPECT_MSG_EQ((ok || error.rfind("prefix: ", 0) == 0), true, error);
            accepted += ok ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(accepted, 18u, "one accepted prefix per record boundary");

        // Every byte flipped three ways, in the real capture and in synthetic ones that use
        // the other paths (VLAN tags, IP options, fragments, PPP, Linux cooked, big-endian
        // nanosecond files): decoded or refused, never a crash or an out-of-bounds read (this
        // suite also runs under ASan/UBSan), never a MALFORMED record without a reason.
        const std::vector<uint8_t> sccrq
            = FromHex(ReadLines(DataDir() + "/xl2tpd/case1_plain.hex")[0]);
        const std::vector<uint8_t> udp = Udp(sccrq);
        const std::vector<uint8_t> data
            = FromHex(ReadLines(DataDir() + "/xl2tpd/case5a_data_stubppp.hex")[9]);
        std::vector<uint8_t> ppp{0xff, 0x03, 0x00, 0x21};
        Append(ppp, Ipv4(Udp(data), 0x4000, 3, {0x94, 0x04, 0, 0}));
        std::vector<uint8_t> sll{0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00};
        Append(sll, Ipv4(Udp(data)));
        const std::vector<std::vector<uint8_t>> files = {
            bytes,
            Pcap(1,
                 {{1, 0, Ethernet(Ipv4({udp.begin() + 56, udp.end()}, 7, 5), {7})},
                  {2, 0, Ethernet(Ipv4({udp.begin(), udp.begin() + 56}, 0x2000, 5), {8, 9})},
                  {3, 0, Ethernet(Ipv4(Udp(data), 0x4000, 6, {1, 1, 1, 0}))}},
                 true, true),
            Pcap(9, {{1, 0, ppp}, {2, 0, ppp}}),
            Pcap(113, {{1, 0, sll}}),
        };
        uint64_t records = 0;
        uint64_t malformed = 0;
        uint64_t decodes = 0;
        for (const auto& file : files)
        {
            for (std::size_t i = 0; i < file.size(); ++i)
            {
                for (uint8_t mask : {uint8_t(0xff), uint8_t(0x01), uint8_t(0x80)})
                {
                    std::vector<uint8_t> b = file;
                    b[i] ^= mask;
                    L2tpPcapDecoder decoder;
                    decoder.SetSecret("secret");
                    std::vector<L2tpPcapRecord> out;
                    std::string error;
                    bool ok = decoder.DecodeBuffer(b.data(), b.size(), "flip", out, error);
                    ++decodes;
                    NS_TEST_EXPECT_MSG_EQ((ok || error.rfind("flip: ", 0) == 0), true,
                                          "byte " << i);
                    for (const auto& r : out)
                    {
                        ++records;
                        if (r.kind == L2tpPcapRecord::Kind::MALFORMED)
                        {
                            ++malformed;
                            NS_TEST_EXPECT_MSG_EQ(r.error.empty(), false, r.line);
                        }
                    }
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ(
            decodes, 3 * (bytes.size() + files[1].size() + files[2].size() + files[3].size()),
            "all decoded");
        NS_TEST_EXPECT_MSG_GT(records, 0u, "flipped files still decode");
        NS_TEST_EXPECT_MSG_GT(malformed, 0u, "some flips break an L2TP message");
        // The synthetic files themselves decode completely.
        for (std::size_t f = 1; f < files.size(); ++f)
        {
            L2tpPcapDecoder decoder;
            std::vector<L2tpPcapRecord> out;
            std::string error;
            NS_TEST_EXPECT_MSG_EQ(
                decoder.DecodeBuffer(files[f].data(), files[f].size(), "ok", out, error), true,
                error);
            NS_TEST_EXPECT_MSG_EQ(out.size(), 2u - (f == 3 ? 1 : 0), Lines(out));
            for (const auto& r : out)
            {
                NS_TEST_EXPECT_MSG_EQ((r.kind != L2tpPcapRecord::Kind::MALFORMED), true, r.line);
            }
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-test
 * L2tpPcapDecoder on malformed captures and frames.
 */
class L2tpPcapRobustnessTestSuite : public TestSuite
{
public:
    L2tpPcapRobustnessTestSuite()
        : TestSuite("l2tp-pcap-robustness", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpPcapBrokenFramesTestCase);
        AddTestCase(new L2tpPcapBadFilesTestCase);
    }
};

static L2tpPcapRobustnessTestSuite g_l2tpPcapRobustnessTestSuite; //!< the suite
