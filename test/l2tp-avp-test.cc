/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2tpAvp (RFC 2661 sections 4.1 and 4.4): the attribute catalogue, a round trip of every
 * attribute type with its value bytes written by hand, AVP header bytes, value-length checks,
 * Result Code variants, ValueToString formats and ParseOne() rejections.
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-avp.h"
#include "ns3/l2tp-control-message.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <map>
#include <set>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Expected encoding of SampleAvp(type): the value bytes and ValueToString().
struct Expected
{
    const char* valueHex; //!< value octets, written by hand from section 4.4
    const char* text;     //!< ValueToString()
};

/// The value of SampleAvp(type) for every attribute of section 4.4, by hand.
const std::map<uint16_t, Expected>&
ExpectedSamples()
{
    static const std::map<uint16_t, Expected> m = {
        {0, {"0001", "1"}},
        {1, {"0002 0006 76656e646f72206572726f72", "result=2,error=6,message=\"vendor error\""}},
        {2, {"0100", "1.0"}},
        {3, {"00000003", "0x00000003"}},
        {4, {"00000002", "0x00000002"}},
        {5, {"0123456789abcdef", "0x0123456789abcdef"}},
        {6, {"0690", "1680"}},
        {7, {"6c61632d726566", "\"lac-ref\""}},
        {8, {"78656c6572616e63652e636f6d", "\"xelerance.com\""}},
        {9, {"d629", "54825"}},
        {10, {"0004", "4"}},
        {11, {"5658edea6600f6f58ecf4d09d399a100", "5658edea6600f6f58ecf4d09d399a100"}},
        {12,
         {"0010 5a 6e6f726d616c20636c656172696e67",
          "cause=16,msg=90,advisory=\"normal clearing\""}},
        {13, {"d3183c1585c0634f88b96ffbba3c2ad1", "d3183c1585c0634f88b96ffbba3c2ad1"}},
        {14, {"53c4", "21444"}},
        {15, {"00000001", "1"}},
        {16, {"00002580", "9600"}},
        {17, {"0000fa00", "64000"}},
        {18, {"00000001", "0x00000001"}},
        {19, {"00000001", "0x00000001"}},
        {21, {"35353531323334", "\"5551234\""}},
        {22, {"2b34393330313233343536373839", "\"+4930123456789\""}},
        {23, {"3137", "\"17\""}},
        {24, {"0001c200", "115200"}},
        {25, {"00010203", "66051"}},
        {26, {"010405dc050611223344", "010405dc050611223344"}},
        {27, {"010405dc050655667788", "010405dc050655667788"}},
        {28, {"010405d4050611223344", "010405d4050611223344"}},
        {29, {"0002", "2"}},
        {30, {"72656d6f74652d75736572", "\"remote-user\""}},
        {31, {"00112233445566778899aabbccddeeff", "00112233445566778899aabbccddeeff"}},
        {32, {"0007", "7"}},
        {33, {"ffeeddccbbaa99887766554433221100", "ffeeddccbbaa99887766554433221100"}},
        {34,
         {"0000 00000001 00000002 00000003 00000004 00000005 06070809",
          "crc=1,framing=2,hw_overruns=3,buf_overruns=4,timeouts=5,alignment=101124105"}},
        {35, {"0000 000a0000 ffffffff", "send=0x000a0000,recv=0xffffffff"}},
        {36, {"3f1d8a2b9c4e5f60718293a4b5c6d7e8", "3f1d8a2b9c4e5f60718293a4b5c6d7e8"}},
        {37, {"677270", "677270"}},
        {38, {"0000e100", "57600"}},
        {39, {"", "yes"}},
    };
    return m;
}

/**
 * \ingroup l2tp
 * \brief The attribute catalogue: every type of section 4.4 once, in order, with the H and M
 * rules the RFC states.
 */
class L2tpAvpCatalogueTestCase : public TestCase
{
public:
    L2tpAvpCatalogueTestCase()
        : TestCase("attribute catalogue of RFC 2661 section 4.4")
    {
    }

private:
    void DoRun() override
    {
        const auto& specs = L2tpAvp::AllSpecs();
        // Types 0..39 with 20 unassigned in RFC 2661.
        NS_TEST_ASSERT_MSG_EQ(specs.size(), 39u, "39 attribute types");
        std::set<uint16_t> types;
        for (size_t i = 0; i < specs.size(); ++i)
        {
            types.insert(specs[i].type);
            if (i > 0)
            {
                NS_TEST_EXPECT_MSG_LT(specs[i - 1].type, specs[i].type, "type order");
            }
            NS_TEST_EXPECT_MSG_EQ(L2tpAvp::FindSpec(specs[i].type), &specs[i], "FindSpec");
            NS_TEST_EXPECT_MSG_EQ(L2tpAvp::TypeName(specs[i].type), specs[i].name, "TypeName");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(specs[i].minValue, specs[i].maxValue, "bounds");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(specs[i].maxValue, 1017, "10-bit Length minus header");
        }
        for (uint16_t t = 0; t <= 39; ++t)
        {
            NS_TEST_EXPECT_MSG_EQ(types.count(t), (t == 20 ? 0u : 1u), "type " << t);
        }
        for (uint16_t t : {20, 40, 41, 255, 256, 0x7fff, 0xffff})
        {
            NS_TEST_EXPECT_MSG_EQ(L2tpAvp::FindSpec(t), nullptr, "no spec for " << t);
            NS_TEST_EXPECT_MSG_EQ(L2tpAvp::TypeName(t), "Unknown(" + std::to_string(t) + ")",
                                  "unknown name");
        }
        // "This AVP MUST NOT be hidden": Message Type, Protocol Version, Tie Breaker, Host Name,
        // Receive Window Size, Q.931 Cause Code, Call Serial Number, Random Vector, Sequencing
        // Required. Every other attribute may be hidden.
        const std::set<uint16_t> neverHidden = {0, 2, 5, 7, 10, 12, 15, 36, 39};
        // Attributes senders mark optional (M=0): Tie Breaker, Firmware Revision, Vendor Name,
        // Physical Channel ID, the proxy LCP and authentication AVPs, Private Group ID, Rx
        // Connect Speed. (xl2tpd's vectors show M=0 on 6, 8 and 38.)
        const std::set<uint16_t> optional = {5, 6, 8, 25, 26, 27, 28, 29, 30, 31, 32, 33, 37, 38};
        for (const auto& s : specs)
        {
            NS_TEST_EXPECT_MSG_EQ(s.mayBeHidden, (neverHidden.count(s.type) == 0), s.name << " H");
            NS_TEST_EXPECT_MSG_EQ(s.mandatory, (optional.count(s.type) == 0), s.name << " M");
        }
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp::TypeName(9), "Assigned Tunnel ID", "a name");
        NS_TEST_EXPECT_MSG_EQ(std::string(L2tpAvp::FindSpec(24)->key), "tx_connect_speed", "key");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Every attribute type of AllSpecs(): build with the typed builder, serialize
 * (AppendPlain and inside a control message), parse back, compare typed values and bytes.
 */
class L2tpAvpRoundTripTestCase : public TestCase
{
public:
    L2tpAvpRoundTripTestCase()
        : TestCase("every attribute type round-trips with its value bytes")
    {
    }

private:
    void CheckTyped(const L2tpAvp& a, const L2tpAvp& b, const std::string& what);
    void DoRun() override;
};

void
L2tpAvpRoundTripTestCase::CheckTyped(const L2tpAvp& a, const L2tpAvp& b, const std::string& what)
{
    // The typed readers agree between the built and the parsed AVP, and exactly one family of
    // readers matches the attribute's format.
    using F = L2tpAvp::Format;
    const L2tpAvp::Spec* s = L2tpAvp::FindSpec(a.GetType());
    switch (s->format)
    {
        case F::U16:
            NS_TEST_EXPECT_MSG_EQ(b.GetU16().has_value(), true, what);
            NS_TEST_EXPECT_MSG_EQ(*b.GetU16(), *a.GetU16(), what);
            break;
        case F::U32:
        case F::BITS32:
            NS_TEST_EXPECT_MSG_EQ(b.GetU32().has_value(), true, what);
            NS_TEST_EXPECT_MSG_EQ(*b.GetU32(), *a.GetU32(), what);
            break;
        case F::U64:
            NS_TEST_EXPECT_MSG_EQ(*b.GetU64(), 0x0123456789abcdefULL, what);
            break;
        case F::STRING:
            NS_TEST_EXPECT_MSG_EQ(b.GetString(), a.GetString(), what);
            break;
        case F::OCTETS:
            NS_TEST_EXPECT_MSG_EQ(ToHex(b.GetValue()), ToHex(a.GetValue()), what);
            break;
        case F::EMPTY:
            NS_TEST_EXPECT_MSG_EQ(b.GetValue().size(), 0u, what);
            break;
        case F::RESULT_CODE:
        {
            auto rc = b.GetResultCode();
            NS_TEST_ASSERT_MSG_EQ(rc.has_value(), true, what);
            NS_TEST_EXPECT_MSG_EQ(rc->result, 2, what);
            NS_TEST_EXPECT_MSG_EQ(rc->error.value_or(0xffff), 6, what);
            NS_TEST_EXPECT_MSG_EQ(rc->message, "vendor error", what);
            break;
        }
        case F::PROTOCOL_VERSION:
        {
            auto v = b.GetProtocolVersion();
            NS_TEST_EXPECT_MSG_EQ(unsigned(v->first), 1u, what);
            NS_TEST_EXPECT_MSG_EQ(unsigned(v->second), 0u, what);
            break;
        }
        case F::Q931_CAUSE:
        {
            auto c = b.GetQ931Cause();
            NS_TEST_EXPECT_MSG_EQ(c->cause, 16, what);
            NS_TEST_EXPECT_MSG_EQ(unsigned(c->msgCode), 0x5au, what);
            NS_TEST_EXPECT_MSG_EQ(c->advisory, "normal clearing", what);
            break;
        }
        case F::PROXY_AUTHEN_ID:
            NS_TEST_EXPECT_MSG_EQ(unsigned(b.GetProxyAuthenId().value_or(0)), 7u, what);
            break;
        case F::CALL_ERRORS:
        {
            auto e = b.GetCallErrors();
            NS_TEST_EXPECT_MSG_EQ(e->crcErrors, 1u, what);
            NS_TEST_EXPECT_MSG_EQ(e->framingErrors, 2u, what);
            NS_TEST_EXPECT_MSG_EQ(e->hardwareOverruns, 3u, what);
            NS_TEST_EXPECT_MSG_EQ(e->bufferOverruns, 4u, what);
            NS_TEST_EXPECT_MSG_EQ(e->timeoutErrors, 5u, what);
            NS_TEST_EXPECT_MSG_EQ(e->alignmentErrors, 0x06070809u, what);
            break;
        }
        case F::ACCM:
        {
            auto m = b.GetAccm();
            NS_TEST_EXPECT_MSG_EQ(m->send, 0x000a0000u, what);
            NS_TEST_EXPECT_MSG_EQ(m->receive, 0xffffffffu, what);
            break;
        }
    }
    // Readers of a different size answer nullopt rather than reading garbage.
    const size_t n = b.GetValue().size();
    NS_TEST_EXPECT_MSG_EQ(b.GetU16().has_value(), (n == 2), what << " GetU16 size check");
    NS_TEST_EXPECT_MSG_EQ(b.GetU32().has_value(), (n == 4), what << " GetU32 size check");
    NS_TEST_EXPECT_MSG_EQ(b.GetU64().has_value(), (n == 8), what << " GetU64 size check");
    NS_TEST_EXPECT_MSG_EQ(b.GetCallErrors().has_value(), (n == 26), what << " GetCallErrors");
    NS_TEST_EXPECT_MSG_EQ(b.GetAccm().has_value(), (n == 10), what << " GetAccm");
}

void
L2tpAvpRoundTripTestCase::DoRun()
{
    uint32_t checked = 0;
    for (const auto& spec : L2tpAvp::AllSpecs())
    {
        const std::string what = spec.name;
        const auto it = ExpectedSamples().find(spec.type);
        NS_TEST_ASSERT_MSG_EQ((it != ExpectedSamples().end()), true, what << ": expected value");
        const std::vector<uint8_t> value = FromHex(it->second.valueHex);

        const L2tpAvp a = SampleAvp(spec.type);
        NS_TEST_EXPECT_MSG_EQ(a.GetType(), spec.type, what);
        NS_TEST_EXPECT_MSG_EQ(a.GetVendorId(), 0, what);
        NS_TEST_EXPECT_MSG_EQ(a.IsMandatory(), spec.mandatory, what << ": builder M bit");
        NS_TEST_EXPECT_MSG_EQ(a.IsHidden(), false, what);
        NS_TEST_EXPECT_MSG_EQ(ToHex(a.GetValue()), ToHex(value), what << ": value bytes");
        std::string reason;
        NS_TEST_EXPECT_MSG_EQ(a.CheckValue(reason), true, what << ": " << reason);
        NS_TEST_EXPECT_MSG_EQ(a.ValueToString(), it->second.text, what << ": ValueToString");
        NS_TEST_EXPECT_MSG_EQ(a.GetPlainSize(), 6 + value.size(), what << ": size");

        // The AVP on the wire: M|H|rsvd|Length, Vendor ID 0, Attribute Type, value.
        std::vector<uint8_t> expected(6 + value.size(), 0);
        expected[0] = uint8_t((spec.mandatory ? 0x80 : 0) | ((6 + value.size()) >> 8));
        expected[1] = uint8_t((6 + value.size()) & 0xff);
        expected[4] = uint8_t(spec.type >> 8);
        expected[5] = uint8_t(spec.type & 0xff);
        std::copy(value.begin(), value.end(), expected.begin() + 6);
        std::vector<uint8_t> bytes;
        a.AppendPlain(bytes);
        NS_TEST_EXPECT_MSG_EQ(ToHex(bytes), ToHex(expected), what << ": AVP bytes");

        // ParseOne reads it back (with a trailing byte that is not part of it).
        std::vector<uint8_t> buf = bytes;
        buf.push_back(0xee);
        L2tpAvp b;
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp::ParseOne(buf.data(), buf.size(), b, reason), bytes.size(),
                              what << ": ParseOne " << reason);
        NS_TEST_EXPECT_MSG_EQ(b.GetType(), spec.type, what);
        NS_TEST_EXPECT_MSG_EQ(b.IsMandatory(), spec.mandatory, what);
        NS_TEST_EXPECT_MSG_EQ(b.IsHidden(), false, what);
        NS_TEST_EXPECT_MSG_EQ(b.IsStillHidden(), false, what);
        NS_TEST_EXPECT_MSG_EQ(b.GetReservedBits(), 0, what);
        NS_TEST_EXPECT_MSG_EQ(ToHex(b.GetValue()), ToHex(value), what << ": parsed value");
        NS_TEST_EXPECT_MSG_EQ(b.ValueToString(), it->second.text, what << ": parsed text");
        CheckTyped(a, b, what);
        std::vector<uint8_t> again;
        b.AppendPlain(again);
        NS_TEST_EXPECT_MSG_EQ(ToHex(again), ToHex(expected), what << ": re-serialized");

        // Inside a HELLO (which needs nothing but Message Type): the message parses, the AVP
        // comes back equal and the message bytes are header + Message Type + this AVP.
        if (spec.type != L2tpAvp::MESSAGE_TYPE)
        {
            L2tpControlMessage m(L2tpControlMessage::HELLO, 0x1234, 0);
            m.AddAvp(a);
            std::vector<uint8_t> wire = m.Serialize();
            std::vector<uint8_t> want
                = FromHex("c802 0000 1234 0000 0000 0000 8008 0000 0000 0006");
            want.insert(want.end(), expected.begin(), expected.end());
            want[2] = uint8_t(want.size() >> 8);
            want[3] = uint8_t(want.size() & 0xff);
            NS_TEST_EXPECT_MSG_EQ(ToHex(wire), ToHex(want), what << ": in a HELLO");
            L2tpControlMessage parsed;
            auto r = L2tpControlMessage::Parse(wire.data(), wire.size(), parsed);
            NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, what << ": " << r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.warnings.size(), 0u, what << ": no warnings");
            const L2tpAvp* p = parsed.FindAvp(spec.type);
            NS_TEST_ASSERT_MSG_NE(p, nullptr, what << ": found in the parsed HELLO");
            NS_TEST_EXPECT_MSG_EQ(ToHex(p->GetValue()), ToHex(value), what);
            NS_TEST_EXPECT_MSG_EQ(p->IsMandatory(), spec.mandatory, what);
            CheckTyped(a, *p, what + " (message)");
            NS_TEST_EXPECT_MSG_EQ(ToHex(parsed.Serialize()), ToHex(wire), what << ": again");
        }
        ++checked;
    }
    NS_TEST_EXPECT_MSG_EQ(checked, 39u, "every attribute type checked");
    Simulator::Destroy();
}

/**
 * \ingroup l2tp
 * \brief Whole AVPs written by hand (several are byte-identical to xl2tpd's).
 */
class L2tpAvpBytesTestCase : public TestCase
{
public:
    L2tpAvpBytesTestCase()
        : TestCase("AVP bytes written by hand")
    {
    }

private:
    void Expect(const L2tpAvp& a, const std::string& hex)
    {
        std::vector<uint8_t> bytes;
        a.AppendPlain(bytes);
        NS_TEST_EXPECT_MSG_EQ(ToHex(bytes), ToHex(FromHex(hex)), L2tpAvp::TypeName(a.GetType()));
    }

    void DoRun() override
    {
        using A = L2tpAvp;
        // M=1, Length 8, Vendor 0, Type 9, 0xd629.
        Expect(A::FromU16(A::ASSIGNED_TUNNEL_ID, 0xd629), "8008 0000 0009 d629");
        Expect(A::FromU16(A::MESSAGE_TYPE, 1), "8008 0000 0000 0001");
        Expect(A::FromProtocolVersion(1, 0), "8008 0000 0002 0100");
        Expect(A::FromU32(A::FRAMING_CAPABILITIES, 3), "800a 0000 0003 00000003");
        // M=0 by default for Firmware Revision and Vendor Name (as xl2tpd sends them).
        Expect(A::FromU16(A::FIRMWARE_REVISION, 0x0690), "0008 0000 0006 0690");
        Expect(A::FromString(A::HOST_NAME, "lac-ref"), "800d 0000 0007 6c61632d726566");
        Expect(A::FromString(A::VENDOR_NAME, "xelerance.com"),
               "0013 0000 0008 78656c6572616e63652e636f6d");
        Expect(A::FromU64(A::TIE_BREAKER, 0x0102030405060708ULL),
               "000e 0000 0005 0102030405060708");
        Expect(A::FromResultCode(A::RESULT_CODE, {1, 0, "Goodbye!"}),
               "8012 0000 0001 0001 0000 476f6f6462796521");
        Expect(A::SequencingRequired(), "8006 0000 0027");
        Expect(A::FromProxyAuthenId(0x42), "0008 0000 0020 0042");
        Expect(A::FromAccm({0xffffffff, 0x00000000}), "8010 0000 0023 0000 ffffffff 00000000");
        Expect(A::FromQ931Cause({0x0102, 3, ""}), "8009 0000 000c 0102 03");
        // An explicit M bit overrides the RFC default; a vendor id goes on the wire as given.
        Expect(A(A::HOST_NAME, {0x61}, false), "0007 0000 0007 61");
        L2tpAvp v(0x1234, {0xaa, 0xbb});
        v.SetVendorId(311);
        Expect(v, "8008 0137 1234 aabb");
        L2tpAvp m = A::FromU16(A::RECEIVE_WINDOW_SIZE, 8);
        m.SetMandatory(false);
        Expect(m, "0008 0000 000a 0008");
        // A Length of more than 255 uses the two low bits of the first octet.
        Expect(A::FromString(A::HOST_NAME, std::string(300, 'x')),
               "8132 0000 0007" + ToHex(std::vector<uint8_t>(300, 'x')));
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief CheckValue() rejects a value one octet shorter than the minimum and one longer than
 * the maximum of every attribute, naming the attribute and the expected length.
 */
class L2tpAvpCheckValueTestCase : public TestCase
{
public:
    L2tpAvpCheckValueTestCase()
        : TestCase("CheckValue rejects wrong value lengths")
    {
    }

private:
    void DoRun() override
    {
        uint32_t rejected = 0;
        for (const auto& s : L2tpAvp::AllSpecs())
        {
            const std::string expect = s.minValue == s.maxValue ? std::to_string(s.minValue)
                                                                : std::to_string(s.minValue) + ".."
                                                                      + std::to_string(s.maxValue);
            std::vector<size_t> bad;
            if (s.minValue > 0)
            {
                bad.push_back(s.minValue - 1);
            }
            bad.push_back(s.maxValue + 1);
            for (size_t n : bad)
            {
                L2tpAvp a(s.type, std::vector<uint8_t>(n, 0x31));
                std::string reason;
                NS_TEST_EXPECT_MSG_EQ(a.CheckValue(reason), false, s.name << " with " << n);
                NS_TEST_EXPECT_MSG_EQ(reason,
                                      std::string(s.name) + " value of " + std::to_string(n)
                                          + " octets, expected " + expect,
                                      s.name << " reason");
                // A malformed value prints as hex instead of being decoded.
                NS_TEST_EXPECT_MSG_EQ(a.ValueToString(), ToHex(a.GetValue()), s.name);
                ++rejected;
            }
            // Both bounds themselves are accepted.
            for (size_t n : {size_t(s.minValue), size_t(s.maxValue)})
            {
                if (s.type == L2tpAvp::RESULT_CODE && n == 3)
                {
                    continue;
                }
                L2tpAvp a(s.type, std::vector<uint8_t>(n, 0x31));
                std::string reason;
                NS_TEST_EXPECT_MSG_EQ(a.CheckValue(reason), true, s.name << " " << n << reason);
            }
        }
        // 39 too-long values, plus a too-short one for the 28 attributes with a minimum.
        NS_TEST_EXPECT_MSG_EQ(rejected, 39u + 28u, "rejections");

        // Exact reasons for a few, written out.
        std::string reason;
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp(L2tpAvp::ASSIGNED_TUNNEL_ID, {1}).CheckValue(reason), false,
                              "1 octet");
        NS_TEST_EXPECT_MSG_EQ(reason, "Assigned Tunnel ID value of 1 octets, expected 2", "");
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp(L2tpAvp::HOST_NAME, {}).CheckValue(reason), false, "empty");
        NS_TEST_EXPECT_MSG_EQ(reason, "Host Name value of 0 octets, expected 1..1017", "");
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp(L2tpAvp::SEQUENCING_REQUIRED, {0}).CheckValue(reason), false,
                              "not empty");
        NS_TEST_EXPECT_MSG_EQ(reason, "Sequencing Required value of 1 octets, expected 0", "");
        NS_TEST_EXPECT_MSG_EQ(
            L2tpAvp(L2tpAvp::CHALLENGE_RESPONSE, std::vector<uint8_t>(15)).CheckValue(reason),
            false, "15 octets");
        NS_TEST_EXPECT_MSG_EQ(reason, "Challenge Response value of 15 octets, expected 16", "");
        // Result Code: 2 (code only) or at least 4 (with Error Code); 3 is malformed.
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp(L2tpAvp::RESULT_CODE, {0, 1, 0}).CheckValue(reason), false,
                              "3 octets");
        NS_TEST_EXPECT_MSG_EQ(reason, "Result Code value of 3 octets: an Error Code needs 2", "");
        // Unknown and vendor attributes have no length rules.
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp(20, {}).CheckValue(reason), true, "unknown type 20");
        L2tpAvp vendor(L2tpAvp::ASSIGNED_TUNNEL_ID, {1, 2, 3});
        vendor.SetVendorId(9);
        NS_TEST_EXPECT_MSG_EQ(vendor.CheckValue(reason), true, "vendor 9 type 9");
        NS_TEST_EXPECT_MSG_EQ(vendor.ValueToString(), "010203", "vendor AVP as hex");
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp(20, {0xab}).ValueToString(), "ab", "unknown AVP as hex");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Result Code with and without Error Code and Error Message (section 4.4.2), and the
 * text forms of values.
 */
class L2tpAvpResultCodeTestCase : public TestCase
{
public:
    L2tpAvpResultCodeTestCase()
        : TestCase("Result Code variants and ValueToString formats")
    {
    }

private:
    void DoRun() override
    {
        using A = L2tpAvp;
        struct Case
        {
            L2tpResultCode in;
            const char* valueHex;
            uint16_t result;
            bool hasError;
            uint16_t error;
            const char* message;
            const char* text;
        };
        const Case cases[] = {
            {{1, std::nullopt, ""}, "0001", 1, false, 0, "", "result=1"},
            {{1, 0, ""}, "0001 0000", 1, true, 0, "", "result=1,error=0"},
            {{1, 0, "Goodbye!"},
             "0001 0000 476f6f6462796521",
             1,
             true,
             0,
             "Goodbye!",
             "result=1,error=0,message=\"Goodbye!\""},
            {{2, 8, "x"}, "0002 0008 78", 2, true, 8, "x", "result=2,error=8,message=\"x\""},
            // A message without an Error Code: the builder writes Error Code 0 before it.
            {{3, std::nullopt, "hello"},
             "0003 0000 68656c6c6f",
             3,
             true,
             0,
             "hello",
             "result=3,error=0,message=\"hello\""},
        };
        for (const auto& c : cases)
        {
            L2tpAvp a = A::FromResultCode(A::RESULT_CODE, c.in);
            NS_TEST_EXPECT_MSG_EQ(ToHex(a.GetValue()), ToHex(FromHex(c.valueHex)), c.text);
            std::vector<uint8_t> bytes;
            a.AppendPlain(bytes);
            L2tpAvp b;
            std::string reason;
            NS_TEST_EXPECT_MSG_EQ(A::ParseOne(bytes.data(), bytes.size(), b, reason), bytes.size(),
                                  reason);
            auto rc = b.GetResultCode();
            NS_TEST_ASSERT_MSG_EQ(rc.has_value(), true, c.text);
            NS_TEST_EXPECT_MSG_EQ(rc->result, c.result, c.text);
            NS_TEST_EXPECT_MSG_EQ(rc->error.has_value(), c.hasError, c.text);
            NS_TEST_EXPECT_MSG_EQ(rc->error.value_or(0), c.error, c.text);
            NS_TEST_EXPECT_MSG_EQ(rc->message, c.message, c.text);
            NS_TEST_EXPECT_MSG_EQ(b.ValueToString(), c.text, c.text);
            NS_TEST_EXPECT_MSG_EQ(b.CheckValue(reason), true, c.text);
        }
        // 0 and 1 octets: no Result Code; 3 octets: no Error Code either.
        for (size_t n : {0, 1, 3})
        {
            L2tpAvp a(A::RESULT_CODE, std::vector<uint8_t>(n, 1));
            NS_TEST_EXPECT_MSG_EQ(a.GetResultCode().has_value(), false, n << " octets");
        }

        // Strings are quoted with ", \ and non-printable octets escaped.
        L2tpAvp s = A::FromString(A::HOST_NAME, std::string("a\"b\\c\x01\x7f\xc3", 8));
        NS_TEST_EXPECT_MSG_EQ(s.ValueToString(), "\"a\\\"b\\\\c\\x01\\x7f\\xc3\"", "escaping");
        NS_TEST_EXPECT_MSG_EQ(A::FromString(A::VENDOR_NAME, "").ValueToString(), "\"\"", "empty");
        NS_TEST_EXPECT_MSG_EQ(A::FromU32(A::BEARER_TYPE, 0xdeadbeef).ValueToString(), "0xdeadbeef",
                              "bits");
        NS_TEST_EXPECT_MSG_EQ(A::FromQ931Cause({1, 2, ""}).ValueToString(), "cause=1,msg=2",
                              "Q.931 without advisory");
        NS_TEST_EXPECT_MSG_EQ(A::FromU16(A::MESSAGE_TYPE, 65535).ValueToString(), "65535", "u16");
        NS_TEST_EXPECT_MSG_EQ(A::FromU32(A::CALL_SERIAL_NUMBER, 4294967295u).ValueToString(),
                              "4294967295", "u32");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief ParseOne(): header fields as received (M, H, reserved bits, vendor id), and rejections
 * of truncated AVPs and impossible Length fields.
 */
class L2tpAvpParseOneTestCase : public TestCase
{
public:
    L2tpAvpParseOneTestCase()
        : TestCase("ParseOne fields and rejections")
    {
    }

private:
    void Reject(const std::string& hex, const std::string& expected)
    {
        const std::vector<uint8_t> in = FromHex(hex);
        L2tpAvp a;
        std::string reason;
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp::ParseOne(in.data(), in.size(), a, reason), 0u, hex);
        NS_TEST_EXPECT_MSG_EQ(reason, expected, hex);
    }

    void DoRun() override
    {
        for (size_t n = 0; n < 6; ++n)
        {
            Reject(ToHex(Slice(FromHex("8008 0000 0009"), 0, n)),
                   "truncated AVP: " + std::to_string(n) + " bytes left, header needs 6");
        }
        for (unsigned len = 0; len < 6; ++len)
        {
            std::vector<uint8_t> in = FromHex("8000 0000 0009 d629");
            in[1] = uint8_t(len);
            Reject(ToHex(in),
                   "AVP Length " + std::to_string(len) + " is below the 6-byte AVP header");
        }
        Reject("8009 0000 0009 d629", "AVP Length 9 overruns the message (8 bytes left)");
        Reject("8308 0000 0009 d629", "AVP Length 776 overruns the message (8 bytes left)");
        Reject("83ff 0000 0009 d629", "AVP Length 1023 overruns the message (8 bytes left)");

        // Reserved bits, vendor id, M and H as received; AppendPlain restores them exactly.
        struct Case
        {
            const char* hex;
            bool m;
            bool h;
            uint16_t reserved;
            uint16_t vendor;
            uint16_t type;
            const char* value;
        };
        const Case cases[] = {
            {"bc08 0009 0001 abcd", true, false, 0x3c00, 9, 1, "abcd"},
            {"0406 0000 0027", false, false, 0x0400, 0, 39, ""},
            {"c00a 0000 0009 71150a48", true, true, 0, 0, 9, "71150a48"},
            {"4008 0000 0008 7d06", false, true, 0, 0, 8, "7d06"},
            {"0007 ffff ffff 00", false, false, 0, 0xffff, 0xffff, "00"},
        };
        for (const auto& c : cases)
        {
            const std::vector<uint8_t> in = FromHex(c.hex);
            L2tpAvp a;
            std::string reason;
            NS_TEST_EXPECT_MSG_EQ(L2tpAvp::ParseOne(in.data(), in.size(), a, reason), in.size(),
                                  c.hex << reason);
            NS_TEST_EXPECT_MSG_EQ(a.IsMandatory(), c.m, c.hex);
            NS_TEST_EXPECT_MSG_EQ(a.IsHidden(), c.h, c.hex);
            NS_TEST_EXPECT_MSG_EQ(a.IsStillHidden(), c.h, c.hex);
            NS_TEST_EXPECT_MSG_EQ(a.GetReservedBits(), c.reserved, c.hex);
            NS_TEST_EXPECT_MSG_EQ(a.GetVendorId(), c.vendor, c.hex);
            NS_TEST_EXPECT_MSG_EQ(a.GetType(), c.type, c.hex);
            NS_TEST_EXPECT_MSG_EQ(ToHex(a.GetValue()), c.value, c.hex);
            std::vector<uint8_t> out;
            a.AppendPlain(out);
            NS_TEST_EXPECT_MSG_EQ(ToHex(out), ToHex(in), c.hex << ": byte-exact");
            if (c.h)
            {
                // Ciphertext is not a value: typed readers refuse it, the text says so.
                NS_TEST_EXPECT_MSG_EQ(a.GetU16().has_value(), false, c.hex);
                NS_TEST_EXPECT_MSG_EQ(a.ValueToString(), std::string("hidden:") + c.value, c.hex);
                NS_TEST_EXPECT_MSG_EQ(a.CheckValue(reason), true, "not checked while hidden");
            }
        }
        // ParseOne stops at the AVP's own Length.
        const std::vector<uint8_t> two = FromHex("8008 0000 0009 d629 8008 0000 000a 0004");
        L2tpAvp a;
        std::string reason;
        NS_TEST_EXPECT_MSG_EQ(L2tpAvp::ParseOne(two.data(), two.size(), a, reason), 8u, reason);
        NS_TEST_EXPECT_MSG_EQ(*a.GetU16(), 0xd629, "first AVP only");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The l2tp-avp suite.
 */
class L2tpAvpTestSuite : public TestSuite
{
public:
    L2tpAvpTestSuite()
        : TestSuite("l2tp-avp", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpAvpCatalogueTestCase());
        AddTestCase(new L2tpAvpRoundTripTestCase());
        AddTestCase(new L2tpAvpBytesTestCase());
        AddTestCase(new L2tpAvpCheckValueTestCase());
        AddTestCase(new L2tpAvpResultCodeTestCase());
        AddTestCase(new L2tpAvpParseOneTestCase());
    }
};

/// The suite's instance.
L2tpAvpTestSuite g_l2tpAvpTestSuite;

} // namespace
