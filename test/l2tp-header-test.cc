/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2tpHeader (RFC 2661 section 3.1): every header form round-trips to bytes written by hand
 * from the RFC's figure, Parse() rejects malformed headers with the exact reason, and
 * Deserialize() through an ns3::Packet reports invalid input through IsValid() instead of
 * asserting.
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-header.h"

#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Expected field values of a parsed header.
struct Fields
{
    bool control;
    bool hasLength;
    bool hasSequence;
    bool hasOffset;
    bool priority;
    uint16_t length;
    uint16_t tunnelId;
    uint16_t sessionId;
    uint16_t ns;
    uint16_t nr;
    uint16_t offsetSize;
};

/**
 * \ingroup l2tp
 * \brief Each header form: built with the API, serialized to the hand-written RFC bytes, parsed
 * back (Parse and Deserialize through a Packet) to the same fields and size.
 */
class L2tpHeaderFormsTestCase : public TestCase
{
public:
    L2tpHeaderFormsTestCase()
        : TestCase("every header form round-trips to its RFC 2661 3.1 bytes")
    {
    }

private:
    void Check(const std::string& what, const L2tpHeader& built, const std::string& hex,
               const Fields& f, const std::string& printed);
    void DoRun() override;
};

void
L2tpHeaderFormsTestCase::Check(const std::string& what, const L2tpHeader& built,
                               const std::string& hex, const Fields& f, const std::string& printed)
{
    const std::vector<uint8_t> expected = FromHex(hex);
    std::vector<uint8_t> bytes;
    built.AppendTo(bytes);
    NS_TEST_EXPECT_MSG_EQ(ToHex(bytes), ToHex(expected), what << ": AppendTo bytes");
    NS_TEST_EXPECT_MSG_EQ(built.GetSerializedSize(), expected.size(), what << ": size");

    // Header::Serialize through a Packet gives the same bytes.
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(built);
    std::vector<uint8_t> wire(p->GetSize());
    p->CopyData(wire.data(), wire.size());
    NS_TEST_EXPECT_MSG_EQ(ToHex(wire), ToHex(expected), what << ": Serialize bytes");

    // Parse() the bytes back, followed by 3 payload bytes (Length, where present, counts
    // them: the headers are built with Length = header + 3).
    std::vector<uint8_t> datagram = expected;
    for (uint8_t b : {0xff, 0x03, 0xc0})
    {
        datagram.push_back(b);
    }
    L2tpHeader h;
    std::string reason;
    uint32_t n = L2tpHeader::Parse(datagram.data(), datagram.size(), h, reason);
    NS_TEST_EXPECT_MSG_EQ(n, expected.size(), what << ": Parse size (" << reason << ")");
    NS_TEST_EXPECT_MSG_EQ(reason, "", what << ": no reason on success");
    for (const L2tpHeader* x : std::initializer_list<const L2tpHeader*>{&built, &h})
    {
        NS_TEST_EXPECT_MSG_EQ(x->IsControl(), f.control, what << ": T");
        NS_TEST_EXPECT_MSG_EQ(x->HasLength(), f.hasLength, what << ": L");
        NS_TEST_EXPECT_MSG_EQ(x->HasSequence(), f.hasSequence, what << ": S");
        NS_TEST_EXPECT_MSG_EQ(x->HasOffset(), f.hasOffset, what << ": O");
        NS_TEST_EXPECT_MSG_EQ(x->GetPriority(), f.priority, what << ": P");
        NS_TEST_EXPECT_MSG_EQ(unsigned(x->GetVersion()), 2u, what << ": Ver");
        NS_TEST_EXPECT_MSG_EQ(x->GetLength(), f.length, what << ": Length");
        NS_TEST_EXPECT_MSG_EQ(x->GetTunnelId(), f.tunnelId, what << ": Tunnel ID");
        NS_TEST_EXPECT_MSG_EQ(x->GetSessionId(), f.sessionId, what << ": Session ID");
        NS_TEST_EXPECT_MSG_EQ(x->GetNs(), f.ns, what << ": Ns");
        NS_TEST_EXPECT_MSG_EQ(x->GetNr(), f.nr, what << ": Nr");
        NS_TEST_EXPECT_MSG_EQ(x->GetOffsetSize(), f.offsetSize, what << ": Offset Size");
        NS_TEST_EXPECT_MSG_EQ(x->IsValid(), true, what << ": IsValid");
    }
    NS_TEST_EXPECT_MSG_EQ(h.GetFlagsWord(), built.GetFlagsWord(), what << ": flags word");
    std::vector<uint8_t> again;
    h.AppendTo(again);
    NS_TEST_EXPECT_MSG_EQ(ToHex(again), ToHex(expected), what << ": re-serialized");

    // Deserialize through a Packet that carries the 3 payload bytes after the header.
    Ptr<Packet> q = Create<Packet>(datagram.data(), datagram.size());
    L2tpHeader d;
    uint32_t removed = q->RemoveHeader(d);
    NS_TEST_EXPECT_MSG_EQ(removed, expected.size(), what << ": RemoveHeader size");
    NS_TEST_EXPECT_MSG_EQ(d.IsValid(), true, what << ": Deserialize valid");
    NS_TEST_EXPECT_MSG_EQ(d.GetError(), "", what << ": no error");
    NS_TEST_EXPECT_MSG_EQ(q->GetSize(), 3u, what << ": payload left");
    NS_TEST_EXPECT_MSG_EQ(d.GetFlagsWord(), built.GetFlagsWord(), what << ": flags");
    NS_TEST_EXPECT_MSG_EQ(d.GetTunnelId(), f.tunnelId, what << ": tunnel");

    std::ostringstream os;
    h.Print(os);
    NS_TEST_EXPECT_MSG_EQ(os.str(), printed, what << ": Print");
}

void
L2tpHeaderFormsTestCase::DoRun()
{
    // Control: T=1 L=1 S=1 Ver=2 -> 0xc802; Length, Tunnel ID, Session ID, Ns, Nr.
    L2tpHeader c = L2tpHeader::MakeControl(0x1234, 0x5678, 3, 7);
    NS_TEST_EXPECT_MSG_EQ(c.GetLength(), 12, "MakeControl sets Length to the bare header");
    c.SetLength(15);
    Check("control", c, "c802 000f 1234 5678 0003 0007",
          {true, true, true, false, false, 15, 0x1234, 0x5678, 3, 7, 0},
          "control flags=0xc802 length=15 tunnel=4660 session=22136 Ns=3 Nr=7");

    // Data without L: 0x0002, Tunnel ID, Session ID (the 6-byte minimum header).
    L2tpHeader d0 = L2tpHeader::MakeData(0xabcd, 0x0102, false);
    Check("data", d0, "0002 abcd 0102",
          {false, false, false, false, false, 0, 0xabcd, 0x0102, 0, 0, 0},
          "data flags=0x2 tunnel=43981 session=258");

    // Data with L: 0x4002 and Length.
    L2tpHeader dl = L2tpHeader::MakeData(0xabcd, 0x0102, true);
    dl.SetLength(11);
    Check("data L", dl, "4002 000b abcd 0102",
          {false, true, false, false, false, 11, 0xabcd, 0x0102, 0, 0, 0},
          "data flags=0x4002 length=11 tunnel=43981 session=258");

    // Data with S: 0x0802, Ns and Nr after the ids.
    L2tpHeader ds = L2tpHeader::MakeData(0xabcd, 0x0102, false);
    ds.SetHasSequence(true);
    ds.SetNs(0x0105);
    ds.SetNr(0xfffe);
    Check("data S", ds, "0802 abcd 0102 0105 fffe",
          {false, false, true, false, false, 0, 0xabcd, 0x0102, 0x0105, 0xfffe, 0},
          "data flags=0x802 tunnel=43981 session=258 Ns=261 Nr=65534");

    // Data with O: 0x0202, Offset Size, then that many pad bytes (written as zeros).
    L2tpHeader dox = L2tpHeader::MakeData(0xabcd, 0x0102, false);
    dox.SetOffset(3);
    Check("data O", dox, "0202 abcd 0102 0003 000000",
          {false, false, false, true, false, 0, 0xabcd, 0x0102, 0, 0, 3},
          "data flags=0x202 tunnel=43981 session=258 offset=3");

    // Data with O and Offset Size 0: the field is present, no pad.
    L2tpHeader do0 = L2tpHeader::MakeData(0xabcd, 0x0102, false);
    do0.SetOffset(0);
    Check("data O=0", do0, "0202 abcd 0102 0000",
          {false, false, false, true, false, 0, 0xabcd, 0x0102, 0, 0, 0},
          "data flags=0x202 tunnel=43981 session=258 offset=0");

    // Data with P: 0x0102.
    L2tpHeader dp = L2tpHeader::MakeData(0xabcd, 0x0102, false);
    dp.SetPriority(true);
    Check("data P", dp, "0102 abcd 0102",
          {false, false, false, false, true, 0, 0xabcd, 0x0102, 0, 0, 0},
          "data flags=0x102 tunnel=43981 session=258");

    // All optional fields: L, S, O (2 pad bytes) and P: 0x4b02.
    L2tpHeader all = L2tpHeader::MakeData(0x0001, 0xffff, true);
    all.SetHasSequence(true);
    all.SetNs(1);
    all.SetNr(2);
    all.SetOffset(2);
    all.SetPriority(true);
    all.SetLength(19);
    Check("data L S O P", all, "4b02 0013 0001 ffff 0001 0002 0002 0000",
          {false, true, true, true, true, 19, 0x0001, 0xffff, 1, 2, 2},
          "data flags=0x4b02 length=19 tunnel=1 session=65535 Ns=1 Nr=2 offset=2");

    // Received pad bytes are kept, so a header with non-zero padding re-serializes exactly.
    {
        const std::vector<uint8_t> in = FromHex("0202 abcd 0102 0004 deadbeef 11");
        L2tpHeader h;
        std::string reason;
        NS_TEST_EXPECT_MSG_EQ(L2tpHeader::Parse(in.data(), in.size(), h, reason), 12u, reason);
        std::vector<uint8_t> out;
        h.AppendTo(out);
        NS_TEST_EXPECT_MSG_EQ(ToHex(out), "0202abcd01020004deadbeef", "pad bytes kept");
    }
    // Reserved (x) bits are ignored on receipt but kept for a byte-exact round trip.
    {
        const std::vector<uint8_t> in = FromHex("fcf2 0010 0001 0002 0003 0004 aabbccdd");
        L2tpHeader h;
        std::string reason;
        NS_TEST_EXPECT_MSG_EQ(L2tpHeader::Parse(in.data(), in.size(), h, reason), 12u, reason);
        NS_TEST_EXPECT_MSG_EQ(h.IsControl(), true, "control with reserved bits");
        NS_TEST_EXPECT_MSG_EQ(h.GetFlagsWord(), 0xfcf2, "reserved bits kept");
        std::vector<uint8_t> out;
        h.AppendTo(out);
        NS_TEST_EXPECT_MSG_EQ(ToHex(out), "fcf200100001000200030004", "reserved round trip");
    }
    // The setters clear what they set.
    {
        L2tpHeader h = L2tpHeader::MakeControl(1, 2, 3, 4);
        h.SetControl(false);
        h.SetHasLength(false);
        h.SetHasSequence(false);
        NS_TEST_EXPECT_MSG_EQ(h.GetFlagsWord(), 0x0002, "flags cleared");
        NS_TEST_EXPECT_MSG_EQ(h.GetSerializedSize(), 6u, "bare data header");
        h.SetPriority(true);
        h.SetPriority(false);
        NS_TEST_EXPECT_MSG_EQ(h.GetFlagsWord(), 0x0002, "P cleared");
        NS_TEST_EXPECT_MSG_EQ(L2tpHeader::PORT, 1701, "UDP port");
    }
    Simulator::Destroy();
}

/**
 * \ingroup l2tp
 * \brief Parse() rejects each malformed header with its reason (exact text).
 */
class L2tpHeaderRejectTestCase : public TestCase
{
public:
    L2tpHeaderRejectTestCase()
        : TestCase("Parse rejects malformed headers with a reason")
    {
    }

private:
    void Reject(const std::string& hex, const std::string& reason);
    void DoRun() override;
};

void
L2tpHeaderRejectTestCase::Reject(const std::string& hex, const std::string& expected)
{
    // An exactly sized heap copy: a read past the end shows under ASan.
    const std::vector<uint8_t> in = FromHex(hex);
    L2tpHeader h;
    std::string reason;
    uint32_t n = L2tpHeader::Parse(in.data(), in.size(), h, reason);
    NS_TEST_EXPECT_MSG_EQ(n, 0u, "'" << hex << "' must be rejected");
    NS_TEST_EXPECT_MSG_EQ(reason, expected, "'" << hex << "' reason");

    // The same bytes through a Packet: no assert, IsValid() false, the same reason.
    Ptr<Packet> p = Create<Packet>(in.data(), in.size());
    L2tpHeader d;
    uint32_t removed = p->RemoveHeader(d);
    NS_TEST_EXPECT_MSG_EQ(removed, 0u, "'" << hex << "' RemoveHeader");
    NS_TEST_EXPECT_MSG_EQ(d.IsValid(), false, "'" << hex << "' IsValid");
    NS_TEST_EXPECT_MSG_EQ(d.GetError(), expected, "'" << hex << "' GetError");
    NS_TEST_EXPECT_MSG_EQ(p->GetSize(), in.size(), "'" << hex << "' nothing removed");
}

void
L2tpHeaderRejectTestCase::DoRun()
{
    // Nothing or one byte: no flags word.
    Reject("", "truncated: 0 bytes, no flags/version field");
    Reject("c8", "truncated: 1 bytes, no flags/version field");

    // Versions: 1 is L2F, 3 is L2TPv3, everything else but 2 is unknown.
    Reject("c801 000c 0000 0000 0000 0000", "version 1 is L2F (RFC 2341), not L2TPv2");
    Reject("0001 0000 0000", "version 1 is L2F (RFC 2341), not L2TPv2");
    Reject("c803 000c 0000 0000 0000 0000", "version 3 is L2TPv3 (RFC 3931), not L2TPv2");
    for (unsigned v : {0u, 4u, 5u, 6u, 7u, 8u, 9u, 10u, 11u, 12u, 13u, 14u, 15u})
    {
        std::ostringstream hex;
        hex << "c80" << std::hex << v << " 000c 0000 0000 0000 0000";
        Reject(hex.str(), "unknown version " + std::to_string(v));
    }

    // Control messages need L and S, and must not have O or P.
    Reject("8802 0000 0000 0000 0000", "control message without the L and S bits set");
    Reject("c002 000c 0000 0000", "control message without the L and S bits set");
    Reject("8002 0000 0000", "control message without the L and S bits set");
    Reject("ca02 000e 0000 0000 0000 0000 0000", "control message with the O or P bit set");
    Reject("c902 000c 0000 0000 0000 0000", "control message with the O or P bit set");

    // Truncated headers: fewer bytes than the flags announce.
    Reject("c802 000c 0001 0002 0003 00", "truncated header: 11 of 12 bytes");
    Reject("c802 000c 0001", "truncated header: 6 of 12 bytes");
    Reject("0002 0001 00", "truncated header: 5 of 6 bytes");
    Reject("4002 0008 0001", "truncated header: 6 of 8 bytes");
    Reject("0802 0001 0002 0003", "truncated header: 8 of 10 bytes");
    Reject("0202 0001 0002", "truncated header: 6 of 8 bytes");
    Reject("4b02 0010 0001 0002 0003 0004 00", "truncated header: 13 of 14 bytes");

    // Length below the header it belongs to.
    Reject("c802 000b 0001 0002 0003 0004", "Length 11 is shorter than the 12-byte header");
    Reject("c802 0000 0001 0002 0003 0004", "Length 0 is shorter than the 12-byte header");
    Reject("4002 0007 0001 0002 ff", "Length 7 is shorter than the 8-byte header");
    Reject("4202 0009 0001 0002 0000 ff", "Length 9 is shorter than the 10-byte header");

    // Length beyond the datagram.
    Reject("c802 000d 0001 0002 0003 0004", "Length 13 exceeds the datagram's 12 bytes");
    Reject("c802 ffff 0001 0002 0003 0004", "Length 65535 exceeds the datagram's 12 bytes");
    Reject("4002 0009 0001 0002", "Length 9 exceeds the datagram's 8 bytes");

    // Offset pad running past the end of the datagram, or past Length when L is set.
    Reject("0202 0001 0002 0003 0000", "Offset Size 3 runs past the message end");
    Reject("0202 0001 0002 ffff", "Offset Size 65535 runs past the message end");
    Reject("4202 000c 0001 0002 0004 00000000 0000", "Offset Size 4 runs past the message end");
    Reject("4202 000b 0001 0002 0002 0000 ff", "Offset Size 2 runs past the message end");

    // Edge cases that are valid: Length exactly the header; offset exactly to the end.
    {
        for (const std::string hex : {"c802 000c 0001 0002 0003 0004", "0202 0001 0002 0002 0000",
                                      "4202 000c 0001 0002 0002 0000"})
        {
            const std::vector<uint8_t> in = FromHex(hex);
            L2tpHeader h;
            std::string reason;
            NS_TEST_EXPECT_MSG_EQ(L2tpHeader::Parse(in.data(), in.size(), h, reason), in.size(),
                                  hex << ": " << reason);
        }
    }

    // A valid header after a rejected one: Deserialize resets both the fields and the error.
    {
        L2tpHeader d;
        Ptr<Packet> bad = Create<Packet>(FromHex("c803 000c 0000 0000 0000 0000").data(), 12);
        bad->PeekHeader(d);
        NS_TEST_EXPECT_MSG_EQ(d.IsValid(), false, "rejected first");
        const std::vector<uint8_t> good = FromHex("4002 000a 0007 0008 ff03");
        Ptr<Packet> ok = Create<Packet>(good.data(), good.size());
        NS_TEST_EXPECT_MSG_EQ(ok->PeekHeader(d), 8u, "then accepted");
        NS_TEST_EXPECT_MSG_EQ(d.IsValid(), true, "valid again");
        NS_TEST_EXPECT_MSG_EQ(d.GetError(), "", "error cleared");
        NS_TEST_EXPECT_MSG_EQ(d.GetSessionId(), 8, "fields of the new header");
        // An empty packet: no assert, invalid.
        Ptr<Packet> empty = Create<Packet>();
        NS_TEST_EXPECT_MSG_EQ(empty->PeekHeader(d), 0u, "empty packet");
        NS_TEST_EXPECT_MSG_EQ(d.IsValid(), false, "empty packet invalid");
        NS_TEST_EXPECT_MSG_EQ(d.GetError(), "truncated: 0 bytes, no flags/version field",
                              "empty packet reason");
    }
    Simulator::Destroy();
}

/**
 * \ingroup l2tp
 * \brief The l2tp-header suite.
 */
class L2tpHeaderTestSuite : public TestSuite
{
public:
    L2tpHeaderTestSuite()
        : TestSuite("l2tp-header", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpHeaderFormsTestCase());
        AddTestCase(new L2tpHeaderRejectTestCase());
    }
};

/// The suite's instance.
L2tpHeaderTestSuite g_l2tpHeaderTestSuite;

} // namespace
