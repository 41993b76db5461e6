/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The pcap decoder and the wire example against tshark (Wireshark 4.0's dissectors):
 *  - every message of the xl2tpd captures decodes to the fields tshark shows;
 *  - the example's topology (L2tpWireDemo) writes pcaps in which every frame is L2TP, with
 *    the expected message sequence, exact Ns/Nr and ids, exact capture times, no malformed
 *    packet and no expert info of any level (IP/UDP/ICMP checksums validated);
 *  - every link type and encapsulation the decoder reads (byte orders, nanosecond pcaps,
 *    VLAN tags, raw IPv4, PPP with and without ff 03, Linux cooked, IP options, fragments);
 *  - malformed files and frames give a clear error or a MALFORMED line, never a crash;
 *  - the two example programs (exit codes, messages).
 */
#include "l2tp-pcap-test-util.h"
#include "l2tp-test-util.h"
#include "ns3/l2tp-pcap-decoder.h"
#include "ns3/l2tp-wire-demo.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <fstream>
#include <functional>
#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

/// Every message of the xl2tpd captures: decoder fields equal tshark's.
class L2tpPcapXl2tpdTestCase : public TestCase
{
public:
    L2tpPcapXl2tpdTestCase()
        : TestCase("xl2tpd captures: decoder fields equal tshark's for every message")
    {
    }

private:
    void DoRun() override
    {
        const std::vector<std::pair<std::string, std::size_t>> cases = {
            {"case1_plain", 17},
            {"case2_challenge", 13},
            {"case4a_noreply_sccrq_retx", 10},
            {"case5a_data_stubppp", 17},
            {"case5b_data_stubppp_flowbit_nolenbit", 17},
        };
        for (const auto& [name, count] : cases)
        {
            const std::string pcap = DataDir() + "/xl2tpd/" + name + ".pcap";
            L2tpPcapDecoder decoder;
            if (name == "case2_challenge")
            {
                decoder.SetSecret(Case2Secret());
            }
            std::vector<L2tpPcapRecord> records;
            std::string error;
            NS_TEST_ASSERT_MSG_EQ(decoder.DecodeFile(pcap, records, error), true, error);
            NS_TEST_EXPECT_MSG_EQ(records.size(), count, pcap);
            NS_TEST_EXPECT_MSG_EQ(decoder.GetLinkType(), 1u, pcap);
            NS_TEST_EXPECT_MSG_EQ(decoder.GetFrameCount(), count, pcap);
            NS_TEST_EXPECT_MSG_EQ(decoder.GetSkippedFrames(), 0u, pcap);
            NS_TEST_EXPECT_MSG_EQ(CompareWithTshark(pcap, records), "", "decoder vs tshark");
        }

        // Two complete lines, from the facts in test/data/xl2tpd/README.md.
        L2tpPcapDecoder decoder;
        std::vector<L2tpPcapRecord> r;
        std::string error;
        decoder.DecodeFile(DataDir() + "/xl2tpd/case1_plain.pcap", r, error);
        NS_TEST_ASSERT_MSG_EQ(r.size(), 17u, error);
        NS_TEST_EXPECT_MSG_EQ(
            r[0].line,
            "0.000000 10.200.0.1:1701 SCCRQ tunnel=0 session=0 Ns=0 Nr=0 protocol_version=1.0 "
            "framing_capabilities=0x00000003 bearer_capabilities=0x00000000 firmware_revision=1680 "
            "host_name=\"lac-ref\" vendor_name=\"xelerance.com\" assigned_tunnel_id=54825 "
            "receive_window_size=4",
            "SCCRQ");
        NS_TEST_EXPECT_MSG_EQ(
            r[3].line, "0.000339 10.200.0.2:1701 ZLB tunnel=54825 session=0 Ns=1 Nr=2", "ZLB");
        NS_TEST_EXPECT_MSG_EQ(r[15].line,
                              "93.936805 10.200.0.1:1701 StopCCN tunnel=64391 session=0 Ns=6 Nr=3 "
                              "assigned_tunnel_id=54825 "
                              "result_code=result=1,error=0,message=\"Goodbye!\"",
                              "StopCCN");
        r.clear();
        decoder.DecodeFile(DataDir() + "/xl2tpd/case5a_data_stubppp.pcap", r, error);
        NS_TEST_ASSERT_MSG_EQ(r.size(), 17u, error);
        NS_TEST_EXPECT_MSG_EQ(
            r[9].line, "0.236918 10.200.0.1:1701 DATA tunnel=54499 session=53743 len=18", "data");
        NS_TEST_EXPECT_MSG_EQ(r[9].payloadLength, 18u, "ff 03 c0 21 + 14-byte LCP packet");
        Simulator::Destroy();
    }
};

/// The example's topology: a clean capture with the exact message sequence and timing.
class L2tpPcapWireDemoTestCase : public TestCase
{
public:
    /// \param secret tunnel secret ("" for no hiding)
    explicit L2tpPcapWireDemoTestCase(const std::string& secret)
        : TestCase("wire example " + std::string(secret.empty() ? "without" : "with")
                   + " a secret: every frame is clean L2TP with the expected sequence")
        , m_secret(secret)
    {
    }

private:
    void DoRun() override
    {
        const uint32_t LAC = L2tpWireDemo::LAC;
        const uint32_t LNS = L2tpWireDemo::LNS;
        struct Expect
        {
            uint32_t from;
            std::string type;
            uint16_t tunnel;
            uint16_t session;
            bool seq;
            uint16_t ns;
            uint16_t nr;
            uint32_t len;
        };
        // Ns/Nr per RFC 2661 5.8: a ZLB carries the next Ns without consuming it; data
        // messages have their own per-session Ns and a reserved Nr (0).
        const std::vector<Expect> expected = {
            {LAC, "SCCRQ", 0, 0, true, 0, 0, 0},     {LNS, "SCCRP", 11, 0, true, 0, 1, 0},
            {LAC, "SCCCN", 22, 0, true, 1, 1, 0},    {LNS, "ZLB", 11, 0, true, 1, 2, 0},
            {LAC, "ICRQ", 22, 0, true, 2, 1, 0},     {LNS, "ICRP", 11, 101, true, 1, 3, 0},
            {LAC, "ICCN", 22, 202, true, 3, 2, 0},   {LNS, "ZLB", 11, 101, true, 2, 4, 0},
            {LAC, "DATA", 22, 202, false, 0, 0, 18}, {LNS, "DATA", 11, 101, false, 0, 0, 18},
            {LNS, "DATA", 11, 101, true, 0, 0, 40},  {LAC, "DATA", 22, 202, true, 0, 0, 40},
            {LNS, "HELLO", 11, 0, true, 2, 4, 0},    {LAC, "ZLB", 22, 0, true, 4, 3, 0},
            {LAC, "CDN", 22, 202, true, 4, 3, 0},    {LNS, "ZLB", 11, 101, true, 3, 5, 0},
            {LAC, "StopCCN", 22, 0, true, 5, 3, 0},  {LNS, "ZLB", 11, 0, true, 3, 6, 0},
        };
        const std::string dir
            = MakeTempDir("pcap-wire" + std::string(m_secret.empty() ? "" : "-s"));
        L2tpWireDemo demo;
        demo.SetOutputDir(dir);
        demo.SetSecret(m_secret);
        demo.AssignStreams(1);
        const std::vector<std::string> pcaps = demo.Run();
        NS_TEST_ASSERT_MSG_EQ(pcaps.size(), 2u, "one pcap per device");
        NS_TEST_ASSERT_MSG_EQ(demo.GetSent().size(), expected.size(), "messages sent");
        NS_TEST_EXPECT_MSG_EQ(demo.GetReceived().size(), expected.size(), "messages received");
        for (const auto& rx : demo.GetReceived())
        {
            NS_TEST_EXPECT_MSG_EQ(rx.ok, true, "receiver's parser rejected: " << rx.line);
        }

        for (uint32_t node = 0; node < 2; ++node)
        {
            const std::string& pcap = pcaps[node];
            L2tpPcapDecoder decoder;
            if (!m_secret.empty())
            {
                decoder.SetSecret(m_secret);
            }
            std::vector<L2tpPcapRecord> records;
            std::string error;
            NS_TEST_ASSERT_MSG_EQ(decoder.DecodeFile(pcap, records, error), true, error);
            NS_TEST_EXPECT_MSG_EQ(decoder.GetLinkType(), 9u, "ns-3 point-to-point writes PPP");
            NS_TEST_ASSERT_MSG_EQ(records.size(), expected.size(), pcap << "\n" << Lines(records));
            NS_TEST_EXPECT_MSG_EQ(decoder.GetFrameCount(), expected.size(), "only L2TP frames");

            // Capture time: the sender's device logs at the send time, the receiver's at
            // send + 2 ms + serialization of PPP(2)+IPv4(20)+UDP(8)+L2TP bytes at 10 Mb/s;
            // ns-3 writes microsecond pcaps (truncated).
            int64_t firstUs = 0;
            for (std::size_t i = 0; i < expected.size(); ++i)
            {
                const Expect& e = expected[i];
                const L2tpWireDemo::Sent& s = demo.GetSent()[i];
                const L2tpPcapRecord& r = records[i];
                const std::string where
                    = pcap + " message " + std::to_string(i + 1) + ": " + r.line;
                int64_t ns = s.time.GetNanoSeconds();
                if (s.from != node)
                {
                    ns += 2000000 + int64_t(2 + 20 + 8 + s.size) * 8 * 100;
                }
                if (i == 0)
                {
                    firstUs = ns / 1000;
                }
                NS_TEST_EXPECT_MSG_EQ(r.timeNs, (ns / 1000 - firstUs) * 1000, where);
                NS_TEST_EXPECT_MSG_EQ(s.from, e.from, where);
                NS_TEST_EXPECT_MSG_EQ(r.srcAddress,
                                      Ipv4Address(e.from == LAC ? "10.1.1.1" : "10.1.1.2"), where);
                NS_TEST_EXPECT_MSG_EQ(r.typeName, e.type, where);
                NS_TEST_EXPECT_MSG_EQ(r.tunnelId, e.tunnel, where);
                NS_TEST_EXPECT_MSG_EQ(r.sessionId, e.session, where);
                NS_TEST_EXPECT_MSG_EQ(r.hasSequence, e.seq, where);
                NS_TEST_EXPECT_MSG_EQ(r.ns, e.ns, where);
                NS_TEST_EXPECT_MSG_EQ(r.nr, e.nr, where);
                NS_TEST_EXPECT_MSG_EQ(r.payloadLength, e.len, where);
                NS_TEST_EXPECT_MSG_EQ(r.udpPayload, s.size, where);
            }
            // The hidden AVP: H bit on the wire, unhidden with the secret, opaque without.
            for (std::size_t i : {std::size_t(0), std::size_t(1)})
            {
                const L2tpAvp* a = records[i].message.FindAvp(L2tpAvp::ASSIGNED_TUNNEL_ID);
                NS_TEST_ASSERT_MSG_EQ((a != nullptr), true, records[i].line);
                NS_TEST_EXPECT_MSG_EQ(a->IsHidden(), !m_secret.empty(), records[i].line);
                NS_TEST_EXPECT_MSG_EQ(a->GetU16().value_or(0), (i == 0 ? 11 : 22), records[i].line);
                NS_TEST_EXPECT_MSG_EQ(
                    (records[i].message.FindAvp(L2tpAvp::RANDOM_VECTOR) != nullptr),
                    !m_secret.empty(), records[i].line);
            }
            if (!m_secret.empty())
            {
                L2tpPcapDecoder plain;
                std::vector<L2tpPcapRecord> hidden;
                plain.DecodeFile(pcap, hidden, error);
                NS_TEST_ASSERT_MSG_EQ(hidden.size(), expected.size(), error);
                NS_TEST_EXPECT_MSG_EQ((hidden[0].kind == L2tpPcapRecord::Kind::CONTROL), true,
                                      hidden[0].line);
                NS_TEST_EXPECT_MSG_EQ(
                    (hidden[0].line.find("assigned_tunnel_id=hidden:") != std::string::npos), true,
                    hidden[0].line);
                L2tpPcapDecoder wrong;
                wrong.SetSecret(m_secret + "x");
                hidden.clear();
                wrong.DecodeFile(pcap, hidden, error);
                NS_TEST_ASSERT_MSG_EQ(hidden.size(), expected.size(), error);
                NS_TEST_EXPECT_MSG_EQ((hidden[0].kind == L2tpPcapRecord::Kind::MALFORMED), true,
                                      "a wrong secret must not unhide: " << hidden[0].line);
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(records[16].line.substr(records[16].line.find(' ') + 1),
                                      "10.1.1.1:1701 StopCCN tunnel=22 session=0 Ns=5 Nr=3 "
                                      "assigned_tunnel_id=11 "
                                      "result_code=result=1,error=0,message=\"Goodbye!\"",
                                      "StopCCN");
            }

            NS_TEST_EXPECT_MSG_EQ(CompareWithTshark(pcap, records), "", "decoder vs tshark");
            if (node == LNS)
            {
                continue; // the same bytes as the LAC's capture, only the times differ
            }
            // tshark, with IPv4 and UDP checksum validation on: every frame is L2TP, none is
            // malformed or carries expert info (-Y shows nothing), and the expert summary of
            // all levels, errors included, is empty.
            const std::string tshark = "tshark -r " + ShellQuote(pcap)
                                       + " -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE";
            int status = 0;
            std::string out = RunCommand(
                tshark + " -Y '!l2tp || _ws.malformed || _ws.expert' 2>/dev/null", status);
            NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark failed");
            NS_TEST_EXPECT_MSG_EQ(out, "", "frames that are not clean L2TP");
            out = RunCommand(tshark + " -q -z expert 2>/dev/null", status);
            NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark failed");
            NS_TEST_EXPECT_MSG_EQ(out.find_first_not_of(" \n"), std::string::npos,
                                  "expert info:\n"
                                      << out);
            // Checksums verified good (1): outer IPv4 and UDP, and inner IPv4 and ICMP in
            // frames 11 and 12. The link is PPP (0x0021 = IPv4); inside the data messages:
            // LCP, LCP, ICMP echo request (8) and reply (0).
            std::string fields;
            for (std::size_t i = 1; i <= expected.size(); ++i)
            {
                fields += i == 9 || i == 10 ? "1\t1\t\t0x0021,0xc021\t\n"
                          : i == 11         ? "1,1\t1\t1\t0x0021,0x0021\t8\n"
                          : i == 12         ? "1,1\t1\t1\t0x0021,0x0021\t0\n"
                                            : "1\t1\t\t0x0021\t\n";
            }
            out = RunCommand(tshark
                                 + " -T fields -E occurrence=a -e ip.checksum.status"
                                   " -e udp.checksum.status -e icmp.checksum.status"
                                   " -e ppp.protocol -e icmp.type 2>/dev/null",
                             status);
            NS_TEST_EXPECT_MSG_EQ(out, fields, "checksums and PPP protocols");
        }
        Simulator::Destroy();
    }

    std::string m_secret; //!< tunnel secret
};

/// Every link type and encapsulation the decoder reads, checked against tshark.
class L2tpPcapFormatsTestCase : public TestCase
{
public:
    L2tpPcapFormatsTestCase()
        : TestCase("link types, byte orders, VLAN, PPP, IP options and fragments")
    {
    }

private:
    /// Decode \p bytes written to \p path. \return the records (asserting success)
    std::vector<L2tpPcapRecord> Decode(const std::string& path, const std::vector<uint8_t>& bytes,
                                       L2tpPcapDecoder& decoder)
    {
        WriteBytes(path, bytes);
        std::vector<L2tpPcapRecord> records;
        std::string error;
        bool ok = decoder.DecodeFile(path, records, error);
        NS_TEST_EXPECT_MSG_EQ(ok, true, error);
        return records;
    }

    void DoRun() override
    {
        const std::string dir = MakeTempDir("pcap-formats");
        const std::vector<uint8_t> sccrq
            = FromHex(ReadLines(DataDir() + "/xl2tpd/case1_plain.hex")[0]);
        const std::vector<uint8_t> data
            = FromHex(ReadLines(DataDir() + "/xl2tpd/case5a_data_stubppp.hex")[9]);
        // The lines without their time field, from the datagram decoder alone.
        auto text = [](const std::vector<uint8_t>& m)
        {
            L2tpPcapRecord r;
            r.srcAddress = Ipv4Address("10.200.0.1");
            r.srcPort = 1701;
            L2tpPcapDecoder::DecodeL2tp(m.data(), uint32_t(m.size()), nullptr, r);
            return r.line.substr(r.line.find(' '));
        };
        const std::string sccrqText = text(sccrq);
        const std::string dataText = text(data);
        NS_TEST_EXPECT_MSG_EQ(dataText, " 10.200.0.1:1701 DATA tunnel=54499 session=53743 len=18",
                              "data line");

        struct Variant
        {
            std::string name;
            uint32_t linkType;
            bool bigEndian;
            bool nano;
            std::function<std::vector<uint8_t>(const std::vector<uint8_t>&)> frame;
            bool tshark; // also compare with tshark (0.4 s each: not for every variant)
        };
        auto eth = [](const std::vector<uint8_t>& m)
        {
            return Ethernet(Ipv4(Udp(m)));
        };
        auto ppp = [](std::vector<uint8_t> prefix)
        {
            return [prefix](const std::vector<uint8_t>& m)
            {
                std::vector<uint8_t> f = prefix;
                Append(f, Ipv4(Udp(m)));
                return f;
            };
        };
        const std::vector<Variant> variants = {
            {"ethernet-le-us", 1, false, false, eth, false},
            {"ethernet-be-us", 1, true, false, eth, false},
            {"ethernet-le-ns", 1, false, true, eth, false},
            {"ethernet-be-ns", 1, true, true, eth, true},
            {"vlan", 1, false, false,
             [](const std::vector<uint8_t>& m) { return Ethernet(Ipv4(Udp(m)), {100}); }, false},
            {"qinq", 1, false, false,
             [](const std::vector<uint8_t>& m) {
                 return Ethernet(Ipv4(Udp(m)), {200, 100});
             },
             true},
            {"raw-101", 101, false, false, ppp({}), true},
            {"ipv4-228", 228, true, false, ppp({}), false},
            {"ppp-ns3", 9, false, false, ppp({0x00, 0x21}), false},
            {"ppp-ff03", 9, false, false, ppp({0xff, 0x03, 0x00, 0x21}), true},
            {"linux-sll", 113, false, false,
             ppp({0, 0, 0, 1, 0, 6, 0x02, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00}), true},
            {"ip-options", 1, false, false,
             [](const std::vector<uint8_t>& m) {
                 return Ethernet(Ipv4(Udp(m), 0x4000, 7, {0x94, 0x04, 0, 0, 1, 1, 1, 0}));
             },
             true},
            {"src-port-only", 228, false, false,
             [](const std::vector<uint8_t>& m) { return Ipv4(Udp(m, 1701, 40000)); }, false},
        };
        for (const auto& v : variants)
        {
            const std::string path = dir + "/" + v.name + ".pcap";
            const uint32_t frac = v.nano ? 123456789 : 123457;
            std::vector<uint8_t> bytes
                = Pcap(v.linkType, {{100, 0, v.frame(sccrq)}, {101, frac, v.frame(data)}},
                       v.bigEndian, v.nano);
            L2tpPcapDecoder decoder;
            std::vector<L2tpPcapRecord> r = Decode(path, bytes, decoder);
            NS_TEST_ASSERT_MSG_EQ(r.size(), 2u, v.name << "\n" << Lines(r));
            NS_TEST_EXPECT_MSG_EQ(decoder.GetLinkType(), v.linkType, v.name);
            NS_TEST_EXPECT_MSG_EQ(decoder.IsNanosecond(), v.nano, v.name);
            NS_TEST_EXPECT_MSG_EQ(r[0].line, "0.000000" + sccrqText, v.name);
            NS_TEST_EXPECT_MSG_EQ(r[1].timeNs, (v.nano ? 1123456789 : 1123457000), v.name);
            NS_TEST_EXPECT_MSG_EQ(r[1].line, "1.123457" + dataText, v.name);
            NS_TEST_EXPECT_MSG_EQ(r[1].dstPort, (v.name == "src-port-only" ? 40000 : 1701), v.name);
            if (v.tshark)
            {
                NS_TEST_EXPECT_MSG_EQ(CompareWithTshark(path, r), "", "decoder vs tshark");
            }
        }

        // PPP with a compressed (1-byte) protocol field (RFC 1661 6.5).
        {
            L2tpPcapDecoder decoder;
            auto r = Decode(dir + "/ppp-pfc.pcap",
                            Pcap(9, {{1, 0, ppp({0xff, 0x03, 0x21})(sccrq)}}), decoder);
            NS_TEST_ASSERT_MSG_EQ(r.size(), 1u, "PFC");
            NS_TEST_EXPECT_MSG_EQ(r[0].line, "0.000000" + sccrqText, "PFC");
        }

        // Fragments, out of order, among other traffic: reassembled at the completing frame.
        const std::vector<uint8_t> udp = Udp(sccrq);
        NS_TEST_ASSERT_MSG_EQ(udp.size(), 112u, "SCCRQ datagram");
        auto part = [&udp](std::size_t from, std::size_t to)
        {
            return std::vector<uint8_t>(udp.begin() + from, udp.begin() + to);
        };
        const auto frag0 = Ethernet(Ipv4(part(0, 48), 0x2000, 9));
        const auto frag1 = Ethernet(Ipv4(part(48, 96), 0x2000 | 6, 9));
        const auto frag2 = Ethernet(Ipv4(part(96, 112), 12, 9));
        const auto dns = Ethernet(Ipv4(Udp({1, 2, 3, 4}, 53, 53)));
        const auto arp = Ethernet(std::vector<uint8_t>(28, 0), {}, 0x0806);
        {
            const std::string path = dir + "/fragments.pcap";
            L2tpPcapDecoder decoder;
            auto r = Decode(path,
                            Pcap(1, {{1, 0, frag0},
                                     {2, 0, dns},
                                     {3, 0, frag2},
                                     {4, 0, arp},
                                     {5, 0, frag1},
                                     {6, 0, eth(data)}}),
                            decoder);
            NS_TEST_ASSERT_MSG_EQ(r.size(), 2u, Lines(r));
            NS_TEST_EXPECT_MSG_EQ(r[0].frame, 5u, "reported where the datagram completes");
            NS_TEST_EXPECT_MSG_EQ(r[0].line, "4.000000" + sccrqText, "reassembled");
            NS_TEST_EXPECT_MSG_EQ(decoder.GetSkippedFrames(), 2u, "DNS and ARP");
            NS_TEST_EXPECT_MSG_EQ(decoder.GetIncompleteFragments(), 0u, "all used");
            NS_TEST_EXPECT_MSG_EQ(CompareWithTshark(path, r), "", "decoder vs tshark");
        }
        Simulator::Destroy();
    }
};

#ifdef L2TP_EXAMPLES_DIR
/// The two example programs: output, exit codes and error messages.
class L2tpPcapProgramsTestCase : public TestCase
{
public:
    L2tpPcapProgramsTestCase()
        : TestCase("l2tp-pcap-decode and l2tp-wire-pcap programs")
    {
    }

private:
    void DoRun() override
    {
        const std::string decode = std::string(L2TP_EXAMPLES_DIR) + "/l2tp-pcap-decode";
        const std::string wire = std::string(L2TP_EXAMPLES_DIR) + "/l2tp-wire-pcap";
        const std::string dir = MakeTempDir("pcap-programs");
        int status = 0;
        std::string out = RunCommand(decode + " 2>&1", status);
        NS_TEST_EXPECT_MSG_NE(status, 0, "no --pcap");
        NS_TEST_EXPECT_MSG_EQ(out,
                              "l2tp-pcap-decode: missing --pcap=FILE (a classic pcap capture to "
                              "decode)\n",
                              "no --pcap");
        out = RunCommand(decode + " --pcap=" + dir + "/none.pcap 2>&1", status);
        NS_TEST_EXPECT_MSG_NE(status, 0, "missing file");
        NS_TEST_EXPECT_MSG_EQ(
            out, "l2tp-pcap-decode: " + dir + "/none.pcap: cannot open the file for reading\n",
            "missing file");
        WriteBytes(dir + "/ng.pcapng", {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0});
        out = RunCommand(decode + " --pcap=" + dir + "/ng.pcapng 2>/dev/null", status);
        NS_TEST_EXPECT_MSG_NE(status, 0, "pcapng");
        NS_TEST_EXPECT_MSG_EQ(out, "", "nothing on stdout");
        out = RunCommand(decode + " --pcap=" + dir + "/ng.pcapng 2>&1 >/dev/null", status);
        NS_TEST_EXPECT_MSG_NE(out.find("ng.pcapng: a pcapng file"), std::string::npos, out);

        for (std::string name : {"case1_plain", "case2_challenge"})
        {
            const std::string pcap = DataDir() + "/xl2tpd/" + name + ".pcap";
            L2tpPcapDecoder decoder;
            std::vector<L2tpPcapRecord> records;
            std::string error;
            decoder.DecodeFile(pcap, records, error);
            out = RunCommand(decode + " --pcap=" + pcap + " --secret=" + Case2Secret(), status);
            NS_TEST_EXPECT_MSG_EQ(status, 0, name);
            NS_TEST_EXPECT_MSG_EQ(out, Lines(records), name);
        }

        out = RunCommand(wire + " --outputDir=" + dir + "/wire", status);
        NS_TEST_EXPECT_MSG_EQ(status, 0, out);
        NS_TEST_EXPECT_MSG_NE(out.find("18 messages sent, 18 received, 0 rejected"),
                              std::string::npos, out);
        for (std::string f : {"/wire/l2tp-wire-0-0.pcap", "/wire/l2tp-wire-1-0.pcap"})
        {
            L2tpPcapDecoder decoder;
            std::vector<L2tpPcapRecord> records;
            std::string error;
            NS_TEST_EXPECT_MSG_EQ(decoder.DecodeFile(dir + f, records, error), true, error);
            NS_TEST_EXPECT_MSG_EQ(records.size(), 18u, f);
            NS_TEST_EXPECT_MSG_NE(out.find(Lines(records)), std::string::npos,
                                  "the example prints the decode of " << f);
        }
        out = RunCommand(wire + " --outputDir=/proc/l2tp-cannot-write 2>&1", status);
        NS_TEST_EXPECT_MSG_NE(status, 0, "unwritable output directory");
        NS_TEST_EXPECT_MSG_NE(out.find("--outputDir=/proc/l2tp-cannot-write"), std::string::npos,
                              out);
        Simulator::Destroy();
    }
};
#endif

/**
 * \ingroup l2tp-test
 * The pcap decoder and the wire example, checked against tshark.
 */
class L2tpPcapTestSuite : public TestSuite
{
public:
    L2tpPcapTestSuite()
        : TestSuite("l2tp-pcap", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new L2tpPcapXl2tpdTestCase);
        AddTestCase(new L2tpPcapWireDemoTestCase(""));
        AddTestCase(new L2tpPcapWireDemoTestCase("s3cret"));
        AddTestCase(new L2tpPcapFormatsTestCase);
#ifdef L2TP_EXAMPLES_DIR
        AddTestCase(new L2tpPcapProgramsTestCase);
#endif
    }
};

static L2tpPcapTestSuite g_l2tpPcapTestSuite; //!< the suite
