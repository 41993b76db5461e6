/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2tpControlMessage (RFC 2661 sections 3.2, 4.1, 4.2, 4.4.1 and 6): the message catalogue, the
 * mandatory AVPs of every message type, and every validation the parser performs with the
 * reaction it reports.
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-control-message.h"

#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

using Msg = L2tpControlMessage;
using E = Msg::Error;
using R = Msg::Reaction;
using A = L2tpAvp;

/// A message type as section 3.2 and section 6 give it.
struct RfcMessage
{
    uint16_t type;                //!< Message Type value
    const char* name;             //!< RFC abbreviation
    bool session;                 //!< belongs to a session (clearing it sends a CDN)
    std::set<uint16_t> mandatory; //!< AVPs section 6 says MUST be present
};

/// RFC 2661 section 6, written out from the RFC's message descriptions.
const std::vector<RfcMessage>&
RfcMessages()
{
    static const std::vector<RfcMessage> m = {
        {1, "SCCRQ", false, {0, 2, 3, 7, 9}},
        {2, "SCCRP", false, {0, 2, 3, 7, 9}},
        {3, "SCCCN", false, {0}},
        {4, "StopCCN", false, {0, 9, 1}},
        {6, "HELLO", false, {0}},
        {7, "OCRQ", true, {0, 14, 15, 16, 17, 18, 19, 21}},
        {8, "OCRP", true, {0, 14}},
        {9, "OCCN", true, {0, 24, 19}},
        {10, "ICRQ", true, {0, 14, 15}},
        {11, "ICRP", true, {0, 14}},
        {12, "ICCN", true, {0, 24, 19}},
        {14, "CDN", true, {0, 1, 14}},
        {15, "WEN", true, {0, 34}},
        {16, "SLI", true, {0, 35}},
    };
    return m;
}

/// Parse \p wire and return the result (message in \p m).
Msg::ParseResult
ParseBytes(const std::vector<uint8_t>& wire, Msg& m, const std::string* secret = nullptr)
{
    return Msg::Parse(wire.data(), wire.size(), m, secret);
}

/// \return a message of \p type with every mandatory AVP (SampleAvp values) except \p skip
Msg
Build(uint16_t type, int skip = -1)
{
    Msg m(type, 0x1111, Msg::IsSessionMessage(type) ? 0x2222 : 0);
    for (uint16_t t : Msg::MandatoryAvps(type))
    {
        if (t != A::MESSAGE_TYPE && int(t) != skip)
        {
            m.AddAvp(SampleAvp(t));
        }
    }
    return m;
}

/// \return raw bytes of a control message with the given AVPs (hex), Length filled in
std::vector<uint8_t>
Raw(const std::string& avps, uint16_t session = 0)
{
    std::vector<uint8_t> m = FromHex("c802 0000 1111 0000 0004 0003 " + avps);
    m[2] = uint8_t(m.size() >> 8);
    m[3] = uint8_t(m.size() & 0xff);
    m[6] = uint8_t(session >> 8);
    m[7] = uint8_t(session & 0xff);
    return m;
}

/**
 * \ingroup l2tp
 * \brief The catalogue, and for every message type: exactly its mandatory AVPs parse; each one
 * dropped in turn is reported with the session or tunnel reaction.
 */
class L2tpMandatoryAvpsTestCase : public TestCase
{
public:
    L2tpMandatoryAvpsTestCase()
        : TestCase("mandatory AVPs of every message type (section 6)")
    {
    }

private:
    void DoRun() override
    {
        uint32_t drops = 0;
        for (const auto& rfc : RfcMessages())
        {
            const std::string name = rfc.name;
            NS_TEST_EXPECT_MSG_EQ(Msg::TypeName(rfc.type), name, "TypeName");
            NS_TEST_EXPECT_MSG_EQ(Msg::IsKnownType(rfc.type), true, name);
            NS_TEST_EXPECT_MSG_EQ(Msg::IsSessionMessage(rfc.type), rfc.session, name);
            const auto& mandatory = Msg::MandatoryAvps(rfc.type);
            NS_TEST_EXPECT_MSG_EQ(
                (std::set<uint16_t>(mandatory.begin(), mandatory.end()) == rfc.mandatory), true,
                name << ": mandatory AVPs as in section 6");
            NS_TEST_EXPECT_MSG_EQ(mandatory.size(), rfc.mandatory.size(), name << ": no repeats");
            NS_TEST_EXPECT_MSG_EQ(mandatory.front(), A::MESSAGE_TYPE, name << ": first");

            // Exactly the mandatory AVPs: accepted, with nothing to warn about.
            const std::vector<uint8_t> wire = Build(rfc.type).Serialize();
            Msg m;
            auto r = ParseBytes(wire, m);
            NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, name << ": " << r.reason);
            NS_TEST_EXPECT_MSG_EQ(ToString(r.reaction), "accept", name);
            NS_TEST_EXPECT_MSG_EQ(r.warnings.size(), 0u, name);
            NS_TEST_EXPECT_MSG_EQ(r.size, wire.size(), name);
            NS_TEST_EXPECT_MSG_EQ(m.GetMessageType(), rfc.type, name);
            NS_TEST_EXPECT_MSG_EQ(m.IsZlb(), false, name);
            NS_TEST_EXPECT_MSG_EQ(m.GetAvps().size(), rfc.mandatory.size(), name);
            NS_TEST_EXPECT_MSG_EQ(m.GetHeader().GetTunnelId(), 0x1111, name);
            NS_TEST_EXPECT_MSG_EQ(m.GetHeader().GetSessionId(), (rfc.session ? 0x2222 : 0), name);
            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(wire), name << ": re-serialized");

            // Each mandatory AVP after Message Type dropped in turn.
            for (uint16_t t : rfc.mandatory)
            {
                if (t == A::MESSAGE_TYPE)
                {
                    continue;
                }
                const std::vector<uint8_t> w = Build(rfc.type, t).Serialize();
                auto d = ParseBytes(w, m);
                const std::string what = name + " without " + A::TypeName(t);
                NS_TEST_EXPECT_MSG_EQ(Msg::ErrorName(d.error),
                                      std::string(Msg::ErrorName(E::MISSING_MANDATORY_AVP)), what);
                NS_TEST_EXPECT_MSG_EQ(ToString(d.reaction),
                                      (rfc.session ? "clear-session" : "clear-tunnel"), what);
                NS_TEST_EXPECT_MSG_EQ(d.resultCode, 2, what << ": General error");
                NS_TEST_EXPECT_MSG_EQ(d.errorCode, 3, what << ": Error Code 3");
                NS_TEST_EXPECT_MSG_EQ(d.reason, name + " without mandatory AVP " + A::TypeName(t),
                                      what);
                ++drops;
            }
            // Without Message Type: another AVP comes first (discarded), or it is a ZLB.
            Msg noType = Build(rfc.type);
            std::vector<uint8_t> w = noType.Serialize();
            w.erase(w.begin() + 12, w.begin() + 20);
            w[3] = uint8_t(w.size());
            auto d = ParseBytes(w, m);
            if (rfc.mandatory.size() == 1)
            {
                NS_TEST_EXPECT_MSG_EQ(d.Ok(), true, name << ": what is left is a ZLB");
                NS_TEST_EXPECT_MSG_EQ(m.IsZlb(), true, name);
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(Msg::ErrorName(d.error),
                                      std::string(Msg::ErrorName(E::MESSAGE_TYPE_NOT_FIRST)), name);
                NS_TEST_EXPECT_MSG_EQ(ToString(d.reaction), "discard", name);
            }
        }
        // SCCRQ 4 + SCCRP 4 + StopCCN 2 + OCRQ 7 + OCRP 1 + OCCN 2 + ICRQ 2 + ICRP 1 + ICCN 2
        // + CDN 2 + WEN 1 + SLI 1.
        NS_TEST_EXPECT_MSG_EQ(drops, 29u, "mandatory AVPs dropped");

        // Not in section 3.2.
        for (uint16_t t : {5, 13, 17, 100, 0xffff})
        {
            NS_TEST_EXPECT_MSG_EQ(Msg::IsKnownType(t), false, t);
            NS_TEST_EXPECT_MSG_EQ(Msg::IsSessionMessage(t), false, t);
            NS_TEST_EXPECT_MSG_EQ(Msg::MandatoryAvps(t).size(), 0u, t);
            NS_TEST_EXPECT_MSG_EQ(Msg::TypeName(t), "Unknown(" + std::to_string(t) + ")", t);
        }
        NS_TEST_EXPECT_MSG_EQ(Msg::TypeName(0), "ZLB", "type 0");
        NS_TEST_EXPECT_MSG_EQ(Msg::IsKnownType(0), false, "ZLB is not a message type");
        Simulator::Destroy();
    }

    /// \return the reaction's name
    static std::string ToString(R r) { return Msg::ReactionName(r); }
};

/**
 * \ingroup l2tp
 * \brief Unrecognized AVPs (section 4.2) and reserved AVP bits (section 4.1).
 */
class L2tpUnknownAvpTestCase : public TestCase
{
public:
    L2tpUnknownAvpTestCase()
        : TestCase("unrecognized AVPs and reserved bits (sections 4.1, 4.2)")
    {
    }

private:
    void Expect(const Msg& built, E error, R reaction, uint16_t resultCode, uint16_t errorCode,
                const std::string& reason)
    {
        std::vector<uint8_t> wire = built.Serialize();
        Msg m;
        auto r = ParseBytes(wire, m);
        NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ErrorName(r.error)), Msg::ErrorName(error), reason);
        NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(r.reaction)),
                              Msg::ReactionName(reaction), reason);
        NS_TEST_EXPECT_MSG_EQ(r.resultCode, resultCode, reason);
        NS_TEST_EXPECT_MSG_EQ(r.errorCode, errorCode, reason);
        NS_TEST_EXPECT_MSG_EQ(r.reason, reason, "reason");
    }

    /// Accepted with one warning; the AVP is kept and the message re-serializes exactly.
    void ExpectWarning(const std::vector<uint8_t>& wire, const std::string& warning, uint16_t type,
                       uint16_t vendor)
    {
        Msg m;
        auto r = ParseBytes(wire, m);
        NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, r.reason);
        NS_TEST_EXPECT_MSG_EQ(r.warnings.size(), 1u, warning);
        if (r.warnings.size() == 1)
        {
            NS_TEST_EXPECT_MSG_EQ(r.warnings[0], warning, "warning");
        }
        NS_TEST_EXPECT_MSG_NE(m.FindAvp(type, vendor), nullptr, warning << ": kept");
        NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(wire), warning << ": byte-exact");
    }

    void DoRun() override
    {
        // Unknown attribute 40 with M: clear the tunnel (SCCCN) or the session (ICRP), with
        // Result Code 2 "General error" and Error Code 8 (unknown mandatory AVP).
        for (uint16_t type : {uint16_t(Msg::SCCCN), uint16_t(Msg::ICRP)})
        {
            const bool session = Msg::IsSessionMessage(type);
            Msg m = Build(type);
            m.AddAvp(A(40, {1, 2}, true));
            Expect(m, E::UNKNOWN_MANDATORY_AVP, session ? R::CLEAR_SESSION : R::CLEAR_TUNNEL, 2, 8,
                   "unrecognized AVP Unknown(40) with the M bit set");
            Msg v = Build(type);
            A vendor(1, {0xaa}, true);
            vendor.SetVendorId(311);
            v.AddAvp(vendor);
            Expect(v, E::UNKNOWN_MANDATORY_AVP, session ? R::CLEAR_SESSION : R::CLEAR_TUNNEL, 2, 8,
                   "unrecognized AVP vendor 311 type 1 with the M bit set");
            // Type 20 is unassigned in RFC 2661.
            Msg u = Build(type);
            u.AddAvp(A(20, {}, true));
            Expect(u, E::UNKNOWN_MANDATORY_AVP, session ? R::CLEAR_SESSION : R::CLEAR_TUNNEL, 2, 8,
                   "unrecognized AVP Unknown(20) with the M bit set");
        }
        // Without M: ignored with a warning, kept, re-serialized as received.
        {
            Msg m = Build(Msg::SCCRQ);
            m.AddAvp(A(40, {1, 2}, false));
            ExpectWarning(m.Serialize(), "ignored unrecognized AVP Unknown(40)", 40, 0);
            Msg v = Build(Msg::ICRQ);
            A vendor(7, {0xaa, 0xbb, 0xcc}, false);
            vendor.SetVendorId(9);
            v.AddAvp(vendor);
            ExpectWarning(v.Serialize(), "ignored unrecognized AVP vendor 9 type 7", 7, 9);
        }
        // A reserved bit on a known AVP makes it unrecognized: with M (Host Name, reserved bit
        // 0x0800 set in an SCCRQ) the tunnel is cleared; without M it is ignored but kept.
        {
            const std::string rest = "8008 0000 0002 0100  800a 0000 0003 00000003"
                                     "  8008 0000 0009 d629";
            std::vector<uint8_t> w
                = Raw("8008 0000 0000 0001  880d 0000 0007 6c61632d726566  " + rest);
            Msg m;
            auto r = ParseBytes(w, m);
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ErrorName(r.error)), "unknown-mandatory-avp",
                                  r.reason);
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(r.reaction)), "clear-tunnel",
                                  r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.errorCode, 8, r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.reason,
                                  "unrecognized AVP Host Name with the M bit set (reserved bits "
                                  "set)",
                                  "reason");
            for (const char* bits : {"04", "08", "10", "20", "3c"})
            {
                // Vendor Name (M=0) with reserved bits: warning, AVP kept, bits kept.
                std::vector<uint8_t> v
                    = Raw("8008 0000 0000 0001  800d 0000 0007 6c61632d726566  " + rest
                          + std::string("  ") + bits + "0a 0000 0008 78656c65");
                ExpectWarning(v, "ignored unrecognized AVP Vendor Name", 8, 0);
            }
            // The same in a session message clears the session.
            std::vector<uint8_t> s = Raw("8008 0000 0000 000b  8408 0000 000e 1234");
            auto rs = ParseBytes(s, m);
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(rs.reaction)), "clear-session",
                                  rs.reason);
            NS_TEST_EXPECT_MSG_EQ(rs.reason,
                                  "unrecognized AVP Assigned Session ID with the M bit set "
                                  "(reserved bits set)",
                                  "session reason");
            // On Message Type itself: not a recognizable Message Type, so discarded.
            for (const char* first : {"8408", "8808", "9008", "a008", "0408"})
            {
                std::vector<uint8_t> t = Raw(std::string(first) + " 0000 0000 0006");
                auto rt = ParseBytes(t, m);
                NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ErrorName(rt.error)),
                                      "message-type-not-first", first);
                NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(rt.reaction)), "discard",
                                      first);
                NS_TEST_EXPECT_MSG_EQ(rt.reason,
                                      "first AVP is Message Type with reserved bits set "
                                      "(unrecognized, section 4.1), not a valid Message Type",
                                      first);
            }
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Message Type: first, not hidden, 2 octets, known (section 4.4.1).
 */
class L2tpMessageTypeTestCase : public TestCase
{
public:
    L2tpMessageTypeTestCase()
        : TestCase("Message Type position, hiding, size and unknown types")
    {
    }

private:
    void Expect(const std::vector<uint8_t>& wire, const char* error, const char* reaction,
                uint16_t resultCode, uint16_t errorCode, const std::string& reason)
    {
        Msg m;
        auto r = ParseBytes(wire, m);
        NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ErrorName(r.error)), error, reason);
        NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(r.reaction)), reaction, reason);
        NS_TEST_EXPECT_MSG_EQ(r.resultCode, resultCode, reason);
        NS_TEST_EXPECT_MSG_EQ(r.errorCode, errorCode, reason);
        NS_TEST_EXPECT_MSG_EQ(r.reason, reason, "reason");
    }

    void DoRun() override
    {
        // Not first: Host Name before Message Type.
        Expect(Raw("800d 0000 0007 6c61632d726566  8008 0000 0000 0001"), "message-type-not-first",
               "discard", 0, 0, "first AVP is Host Name, not Message Type");
        Expect(Raw("8008 0000 0014 0001"), "message-type-not-first", "discard", 0, 0,
               "first AVP is Unknown(20), not Message Type");
        // A vendor's attribute 0 is not the IETF Message Type.
        Expect(Raw("8008 0137 0000 0001"), "message-type-not-first", "discard", 0, 0,
               "first AVP is vendor 311 type 0, not Message Type");
        // Hidden: the message cannot be classified.
        Expect(Raw("c008 0000 0000 0001"), "message-type-hidden", "discard", 0, 0,
               "Message Type AVP is hidden");
        // Wrong size.
        Expect(Raw("8009 0000 0000 000001"), "bad-message-type", "discard", 0, 0,
               "Message Type value of 3 octets, expected 2");
        Expect(Raw("8006 0000 0000"), "bad-message-type", "discard", 0, 0,
               "Message Type value of 0 octets, expected 2");
        // Unknown types: M set clears the tunnel, M clear ignores the message (section 4.4.1).
        for (uint16_t t : {0, 5, 13, 17, 0x1234, 0xffff})
        {
            char hex[5];
            std::snprintf(hex, sizeof(hex), "%04x", t);
            Expect(Raw(std::string("8008 0000 0000 ") + hex), "unknown-message-type",
                   "clear-tunnel", 2, 3,
                   "unknown Message Type " + std::to_string(t) + " with the M bit set");
            Expect(Raw(std::string("0008 0000 0000 ") + hex), "unknown-message-type",
                   "ignore-message", 0, 0,
                   "unknown Message Type " + std::to_string(t) + " without the M bit");
        }
        // A known type with M clear is still that type.
        Msg m;
        auto r = ParseBytes(Raw("0008 0000 0000 0006"), m);
        NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, r.reason);
        NS_TEST_EXPECT_MSG_EQ(m.GetMessageType(), Msg::HELLO, "HELLO with M=0");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief ZLB, Length handling, trailing bytes, malformed AVPs and header errors.
 */
class L2tpMessageFramingTestCase : public TestCase
{
public:
    L2tpMessageFramingTestCase()
        : TestCase("ZLB, Length, trailing bytes and malformed AVPs")
    {
    }

private:
    void DoRun() override
    {
        // A ZLB is the 12-byte header alone (section 5.8).
        {
            const std::vector<uint8_t> zlb = FromHex("c802 000c 1234 0000 0005 0007");
            Msg m(Msg::HELLO, 1, 2);
            auto r = ParseBytes(zlb, m);
            NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.size, 12u, "size");
            NS_TEST_EXPECT_MSG_EQ(m.IsZlb(), true, "ZLB");
            NS_TEST_EXPECT_MSG_EQ(m.GetMessageType(), Msg::ZLB, "type");
            NS_TEST_EXPECT_MSG_EQ(m.GetAvps().size(), 0u, "no AVPs (old ones cleared)");
            NS_TEST_EXPECT_MSG_EQ(m.ToString(), "ZLB tunnel=4660 session=0 Ns=5 Nr=7", "text");
            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(zlb), "re-serialized");
            NS_TEST_EXPECT_MSG_EQ(ToHex(Msg().Serialize()), "c802000c0000000000000000",
                                  "default ZLB");
            // Trailing bytes after Length are not part of the message.
            std::vector<uint8_t> trailing = zlb;
            for (uint8_t b : {0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01})
            {
                trailing.push_back(b);
            }
            r = ParseBytes(trailing, m);
            NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.size, 12u, "Length, not the datagram");
            NS_TEST_EXPECT_MSG_EQ(m.IsZlb(), true, "still a ZLB");
        }
        // Serialize() sets Length to the whole message, whatever the header held.
        {
            Msg m = Build(Msg::ICRQ);
            m.GetHeader().SetLength(999);
            m.GetHeader().SetNs(0x0102);
            m.GetHeader().SetNr(0x0304);
            std::vector<uint8_t> w = m.Serialize();
            // 12 + Message Type 8 + Assigned Session ID 8 + Call Serial Number 10.
            NS_TEST_EXPECT_MSG_EQ(w.size(), 38u, "ICRQ size");
            NS_TEST_EXPECT_MSG_EQ(ToHex(w),
                                  "c80200261111222201020304800800000000000a"
                                  "80080000000e53c4800a0000000f00000001",
                                  "ICRQ bytes");
            Ptr<Packet> p = m.ToPacket();
            std::vector<uint8_t> pb(p->GetSize());
            p->CopyData(pb.data(), pb.size());
            NS_TEST_EXPECT_MSG_EQ(ToHex(pb), ToHex(w), "ToPacket");
            // Trailing bytes after a real message: ignored, message re-serializes to Length.
            std::vector<uint8_t> t = w;
            t.push_back(0xde);
            t.push_back(0xad);
            Msg q;
            auto r = ParseBytes(t, q);
            NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.size, 38u, "size is Length");
            NS_TEST_EXPECT_MSG_EQ(q.GetAvps().size(), 3u, "AVPs");
            NS_TEST_EXPECT_MSG_EQ(ToHex(q.Serialize()), ToHex(w), "trailing bytes dropped");
            NS_TEST_EXPECT_MSG_EQ(q.ToString(),
                                  "ICRQ tunnel=4369 session=8738 Ns=258 Nr=772 "
                                  "assigned_session_id=21444 call_serial_number=1",
                                  "text");
        }
        // Header and AVP framing errors: discarded with the reason.
        struct Case
        {
            std::string hex;
            const char* error;
            const char* reason;
        };
        const Case cases[] = {
            {"0002 0001 0002 ff03", "not-control", "T bit clear: a data message"},
            {"c803 000c 0000 0000 0000 0000", "bad-header",
             "version 3 is L2TPv3 (RFC 3931), not L2TPv2"},
            {"c802 0014 0000 0000 0000 0000 8008 0000 0000 00", "bad-header",
             "Length 20 exceeds the datagram's 19 bytes"},
            {"c802 0014 0000 0000 0000 0000 8005 0000 0000 0001", "bad-avp-length",
             "AVP at offset 12: AVP Length 5 is below the 6-byte AVP header"},
            {"c802 0014 0000 0000 0000 0000 8000 0000 0000 0001", "bad-avp-length",
             "AVP at offset 12: AVP Length 0 is below the 6-byte AVP header"},
            {"c802 0014 0000 0000 0000 0000 8009 0000 0000 0001 00", "bad-avp-length",
             "AVP at offset 12: AVP Length 9 overruns the message (8 bytes left)"},
            {"c802 0012 0000 0000 0000 0000 8008 0000 0000 0001", "bad-avp-length",
             "AVP at offset 12: AVP Length 8 overruns the message (6 bytes left)"},
            {"c802 0016 0000 0000 0000 0000 8008 0000 0000 0006 8008", "bad-avp-length",
             "AVP at offset 20: truncated AVP: 2 bytes left, header needs 6"},
        };
        for (const auto& c : cases)
        {
            Msg m;
            auto r = ParseBytes(FromHex(c.hex), m);
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ErrorName(r.error)), c.error, c.hex);
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(r.reaction)), "discard", c.hex);
            NS_TEST_EXPECT_MSG_EQ(r.reason, c.reason, c.hex);
        }
        // A known AVP with a malformed value: mandatory clears (Error Code 2, Length is wrong),
        // optional is skipped with a warning.
        {
            Msg m;
            auto r = ParseBytes(
                Raw("8008 0000 0000 0001  8008 0000 0002 0100  800d 0000 0007 6c61632d726566"
                    "  800a 0000 0003 00000003  8009 0000 0009 d62900"),
                m);
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ErrorName(r.error)), "malformed-avp", r.reason);
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(r.reaction)), "clear-tunnel",
                                  r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.resultCode, 2, r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.errorCode, 2, r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.reason, "Assigned Tunnel ID value of 3 octets, expected 2",
                                  "reason");
            r = ParseBytes(Raw("8008 0000 0000 000f  8007 0000 0022 00", 0x4444), m);
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(r.reaction)), "clear-session",
                                  r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.reason, "Call Errors value of 1 octets, expected 26", "WEN");
            r = ParseBytes(Raw("8008 0000 0000 0003  0009 0000 0006 069000"), m);
            NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, r.reason);
            NS_TEST_EXPECT_MSG_EQ(r.warnings.size(), 1u, "one warning");
            if (r.warnings.size() == 1)
            {
                NS_TEST_EXPECT_MSG_EQ(
                    r.warnings[0],
                    "skipped Firmware Revision: Firmware Revision value of 3 octets, expected 2",
                    "warning");
            }
            NS_TEST_EXPECT_MSG_EQ(m.FindAvp(A::FIRMWARE_REVISION), nullptr, "skipped");
        }
        // Every Error and Reaction has a name.
        const std::map<E, const char*> errors = {
            {E::NONE, "none"},
            {E::BAD_HEADER, "bad-header"},
            {E::NOT_CONTROL, "not-control"},
            {E::BAD_AVP_LENGTH, "bad-avp-length"},
            {E::MESSAGE_TYPE_NOT_FIRST, "message-type-not-first"},
            {E::MESSAGE_TYPE_HIDDEN, "message-type-hidden"},
            {E::BAD_MESSAGE_TYPE, "bad-message-type"},
            {E::UNKNOWN_MESSAGE_TYPE, "unknown-message-type"},
            {E::UNKNOWN_MANDATORY_AVP, "unknown-mandatory-avp"},
            {E::MALFORMED_AVP, "malformed-avp"},
            {E::HIDDEN_WITHOUT_RANDOM_VECTOR, "hidden-without-random-vector"},
            {E::UNHIDE_FAILED, "unhide-failed"},
            {E::MISSING_MANDATORY_AVP, "missing-mandatory-avp"},
        };
        for (const auto& [e, n] : errors)
        {
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ErrorName(e)), n, "error name");
        }
        const std::map<R, const char*> reactions = {
            {R::ACCEPT, "accept"},
            {R::DISCARD, "discard"},
            {R::IGNORE_MESSAGE, "ignore-message"},
            {R::CLEAR_SESSION, "clear-session"},
            {R::CLEAR_TUNNEL, "clear-tunnel"},
        };
        for (const auto& [r, n] : reactions)
        {
            NS_TEST_EXPECT_MSG_EQ(std::string(Msg::ReactionName(r)), n, "reaction name");
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The l2tp-control-message suite.
 */
class L2tpControlMessageTestSuite : public TestSuite
{
public:
    L2tpControlMessageTestSuite()
        : TestSuite("l2tp-control-message", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpMandatoryAvpsTestCase());
        AddTestCase(new L2tpUnknownAvpTestCase());
        AddTestCase(new L2tpMessageTypeTestCase());
        AddTestCase(new L2tpMessageFramingTestCase());
    }
};

/// The suite's instance.
L2tpControlMessageTestSuite g_l2tpControlMessageTestSuite;

} // namespace
