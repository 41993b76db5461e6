/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * AVP hiding (RFC 2661 section 4.3) and the MD5 uses of L2TP: known answers computed
 * independently, hiding inside control messages, the parser's reactions, and the tunnel
 * authentication Challenge Response of a real xl2tpd exchange.
 *
 * The known answers were computed at development time with Python's hashlib, straight from the
 * RFC's definition (subformat = 2-octet Original Length || value || padding, split in 16-octet
 * blocks p(i); b(1) = MD5(AT || secret || RV), c(1) = p(1) xor b(1); b(i) = MD5(secret ||
 * c(i-1)), c(i) = p(i) xor b(i); the last block may be short):
 *
 *   def hide(at, value, secret, rv, pad=b''):
 *       p = len(value).to_bytes(2, 'big') + value + pad
 *       out, b = b'', hashlib.md5(at.to_bytes(2, 'big') + secret + rv).digest()
 *       for i in range(0, len(p), 16):
 *           c = bytes(x ^ y for x, y in zip(p[i:i + 16], b))
 *           out, b = out + c, hashlib.md5(secret + c).digest()
 *       return out
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-avp-hiding.h"
#include "ns3/l2tp-control-message.h"
#include "ns3/l2tp-md5.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

const std::string SECRET = "hiding-test-secret";
const char* const RV = "3f1d8a2b9c4e5f60718293a4b5c6d7e8";

/// One known answer.
struct KnownAnswer
{
    uint16_t type;        //!< attribute type
    const char* value;    //!< original value (hex)
    const char* padding;  //!< padding (hex)
    const char* hidden;   //!< expected hidden value (hex)
    uint32_t wrongLength; //!< Original Length that "wrong-secret" decrypts to
};

// Values of 1, 14, 16, 28, 30 and 40 octets: one short block, exactly one block (16 octets
// with the length), a short second block, exactly two blocks, three blocks; with and without
// padding.
const KnownAnswer g_answers[] = {
    {11, "a5", "", "bcd97d", 60102},
    {11, "a5", "e0e1e2e3e4e5e6e7e8e9eaebec", "bcd97da6b7902e9e77aefc226a03104a", 60102},
    {22, "2b34393330313233343536373839", "", "0e3f75519ce1f8e573aeae753c66fe8a", 22851},
    {11, "00112233445566778899aabbccddeeff", "", "bcc8d8577441892ff43f93532952377bccfa", 60119},
    {30, "72656d6f74652d7573657240636f72702e6578616d706c652e6e6574", "",
     "a3b065b2eeaae862499ce3a48a867c8e1813ec306c58d9a337c2b285f971", 1216},
    {30, "72656d6f74652d7573657240636f72702e6578616d706c652e6e65743132", "",
     "a3b265b2eeaae862499ce3a48a867c8ede46c81706adaaa839a38733761c8f94", 1218},
    {37, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627", "",
     "803267ea32becd38f3bb07c5097b785f1e61c0e5e92c423f99e428410bba7c248c98b41d46dd2f11f801", 20312},
    {37, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627",
     "5a5a5a5a5a5a5a",
     "803267ea32becd38f3bb07c5097b785f1e61c0e5e92c423f99e428410bba7c248c98b41d46dd2f11f80133ee5c5"
     "5f481c3",
     20312},
    {9, "d629", "", "71150a48", 48316},
};

/**
 * \ingroup l2tp
 * \brief Hide() gives the independently computed ciphertext; Unhide() inverts it; a wrong
 * secret, attribute type or Random Vector does not.
 */
class L2tpHidingKnownAnswerTestCase : public TestCase
{
public:
    L2tpHidingKnownAnswerTestCase()
        : TestCase("known-answer hiding and unhiding")
    {
    }

private:
    void DoRun() override
    {
        const std::vector<uint8_t> rv = FromHex(RV);
        for (const auto& k : g_answers)
        {
            const std::vector<uint8_t> value = FromHex(k.value);
            const std::vector<uint8_t> padding = FromHex(k.padding);
            const std::string what = std::to_string(value.size()) + " octets + "
                                     + std::to_string(padding.size()) + " padding";
            std::vector<uint8_t> hidden = L2tpAvpHiding::Hide(k.type, value, SECRET, rv, padding);
            NS_TEST_EXPECT_MSG_EQ(ToHex(hidden), k.hidden, what << ": ciphertext");
            NS_TEST_EXPECT_MSG_EQ(hidden.size(), 2 + value.size() + padding.size(), what);

            std::vector<uint8_t> plain;
            std::string reason;
            NS_TEST_EXPECT_MSG_EQ(
                L2tpAvpHiding::Unhide(k.type, FromHex(k.hidden), SECRET, rv, plain, reason), true,
                what << ": " << reason);
            NS_TEST_EXPECT_MSG_EQ(ToHex(plain), ToHex(value), what << ": unhidden");

            // The wrong secret: the decrypted Original Length is larger than what follows it,
            // which Unhide() reports (RFC 2661 hiding has no integrity check beyond that).
            plain.clear();
            NS_TEST_EXPECT_MSG_EQ(
                L2tpAvpHiding::Unhide(k.type, hidden, "wrong-secret", rv, plain, reason), false,
                what << ": wrong secret");
            NS_TEST_EXPECT_MSG_EQ(reason,
                                  "unhidden Original Length " + std::to_string(k.wrongLength)
                                      + " exceeds the " + std::to_string(hidden.size() - 2)
                                      + " octets that follow (wrong secret?)",
                                  what << ": wrong-secret reason");
            NS_TEST_EXPECT_MSG_EQ(plain.size(), 0u, what << ": nothing returned");
        }

        // A wrong secret can also decrypt to a plausible length: then Unhide() succeeds with
        // garbage. "wrong-secret-161" is the first such secret for the 40-octet value (found
        // with the Python above); the exact garbage is its known answer.
        std::vector<uint8_t> plain;
        std::string reason;
        NS_TEST_EXPECT_MSG_EQ(L2tpAvpHiding::Unhide(37, FromHex(g_answers[6].hidden),
                                                    "wrong-secret-161", rv, plain, reason),
                              true, reason);
        NS_TEST_EXPECT_MSG_EQ(ToHex(plain), "7bd252cc0027d3c3f7806625b70f1781cc329283e4e2a8",
                              "garbage of 23 octets");

        // The attribute type and the Random Vector are part of the key stream.
        NS_TEST_EXPECT_MSG_EQ(
            L2tpAvpHiding::Unhide(10, FromHex("71150a48"), SECRET, rv, plain, reason), false,
            "wrong attribute type");
        NS_TEST_EXPECT_MSG_EQ(reason,
                              "unhidden Original Length 58996 exceeds the 2 octets that follow "
                              "(wrong secret?)",
                              "wrong type reason");
        NS_TEST_EXPECT_MSG_EQ(L2tpAvpHiding::Unhide(9, FromHex("71150a48"), SECRET,
                                                    std::vector<uint8_t>(16, 0), plain, reason),
                              false, "wrong Random Vector");
        NS_TEST_EXPECT_MSG_EQ(reason,
                              "unhidden Original Length 49053 exceeds the 2 octets that follow "
                              "(wrong secret?)",
                              "wrong RV reason");

        // Too short to hold the Original Length.
        for (size_t n : {0, 1})
        {
            plain.assign(3, 0xaa);
            NS_TEST_EXPECT_MSG_EQ(
                L2tpAvpHiding::Unhide(9, std::vector<uint8_t>(n, 0x71), SECRET, rv, plain, reason),
                false, n << " octets");
            NS_TEST_EXPECT_MSG_EQ(reason,
                                  "hidden value of " + std::to_string(n)
                                      + " octets cannot hold the 2-octet Original Length",
                                  "short reason");
        }
        // An empty value hides to its 2-octet length alone, and back.
        std::vector<uint8_t> empty = L2tpAvpHiding::Hide(9, {}, SECRET, rv);
        NS_TEST_EXPECT_MSG_EQ(ToHex(empty), "7117", "empty value");
        plain.assign(3, 0xaa);
        NS_TEST_EXPECT_MSG_EQ(L2tpAvpHiding::Unhide(9, empty, SECRET, rv, plain, reason), true,
                              reason);
        NS_TEST_EXPECT_MSG_EQ(plain.size(), 0u, "empty value back");
        // Two zero octets decrypt to Original Length 28951 (0x7117 xor b(1)).
        NS_TEST_EXPECT_MSG_EQ(L2tpAvpHiding::Unhide(9, {0, 0}, SECRET, rv, plain, reason), false,
                              "0000");
        NS_TEST_EXPECT_MSG_EQ(reason,
                              "unhidden Original Length 28951 exceeds the 0 octets that follow "
                              "(wrong secret?)",
                              "0000 reason");
        Simulator::Destroy();
    }
};

/// SCCRQ: Message Type, Protocol Version, Host Name, Framing Capabilities (no header).
const char* const SCCRQ_AVPS = "8008 0000 0000 0001  8008 0000 0002 0100"
                               "  800d 0000 0007 6c61632d726566  800a 0000 0003 00000003";
const char* const RV_AVP = "8016 0000 0024 3f1d8a2b9c4e5f60718293a4b5c6d7e8";
/// Assigned Tunnel ID 0xd629 hidden with SECRET and RV (M and H set, Length 10).
const char* const HIDDEN_TUNNEL_ID = "c00a 0000 0009 71150a48";

/// \return an SCCRQ built from the given AVP hex, with the Length field filled in
std::vector<uint8_t>
Message(const std::string& avps)
{
    std::vector<uint8_t> m = FromHex("c802 0000 0000 0000 0000 0000 " + avps);
    m[2] = uint8_t(m.size() >> 8);
    m[3] = uint8_t(m.size() & 0xff);
    return m;
}

/// The SCCRQ with a hidden Assigned Tunnel ID, built with the API.
L2tpControlMessage
BuildHiddenSccrq()
{
    L2tpControlMessage m(L2tpControlMessage::SCCRQ, 0, 0);
    m.AddAvp(L2tpAvp::FromProtocolVersion(1, 0));
    m.AddAvp(L2tpAvp::FromString(L2tpAvp::HOST_NAME, "lac-ref"));
    m.AddAvp(L2tpAvp::FromU32(L2tpAvp::FRAMING_CAPABILITIES, 3));
    m.AddAvp(L2tpAvp::FromOctets(L2tpAvp::RANDOM_VECTOR, FromHex(RV)));
    L2tpAvp tid = L2tpAvp::FromU16(L2tpAvp::ASSIGNED_TUNNEL_ID, 0xd629);
    tid.SetHidden(true);
    m.AddAvp(tid);
    return m;
}

/**
 * \ingroup l2tp
 * \brief Hidden AVPs inside control messages: serialized with the secret, parsed with it
 * (plain value), parsed without it (still hidden, byte-identical re-serialization), parsed
 * with the wrong one (UNHIDE_FAILED); the most recent Random Vector applies.
 */
class L2tpHidingMessageTestCase : public TestCase
{
public:
    L2tpHidingMessageTestCase()
        : TestCase("hidden AVPs in control messages")
    {
    }

private:
    void DoRun() override
    {
        const std::vector<uint8_t> expected
            = Message(std::string(SCCRQ_AVPS) + RV_AVP + HIDDEN_TUNNEL_ID);
        NS_TEST_EXPECT_MSG_EQ(expected.size(), 83u, "83-byte SCCRQ");
        const std::vector<uint8_t> wire = BuildHiddenSccrq().Serialize(SECRET);
        NS_TEST_EXPECT_MSG_EQ(ToHex(wire), ToHex(expected), "serialized with the secret");

        // With the secret: the plain value, the H bit remembered, the ciphertext kept.
        {
            L2tpControlMessage m;
            auto r = L2tpControlMessage::Parse(wire.data(), wire.size(), m, &SECRET);
            NS_TEST_ASSERT_MSG_EQ(r.Ok(), true, r.reason);
            const L2tpAvp* tid = m.FindAvp(L2tpAvp::ASSIGNED_TUNNEL_ID);
            NS_TEST_ASSERT_MSG_NE(tid, nullptr, "Assigned Tunnel ID");
            NS_TEST_EXPECT_MSG_EQ(tid->IsHidden(), true, "H bit");
            NS_TEST_EXPECT_MSG_EQ(tid->IsStillHidden(), false, "unhidden");
            NS_TEST_EXPECT_MSG_EQ(tid->GetU16().value_or(0), 0xd629, "plain value");
            NS_TEST_EXPECT_MSG_EQ(ToHex(tid->GetReceivedCipher()), "71150a48", "cipher kept");
            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(expected), "re-serialized");
            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize(SECRET)), ToHex(expected), "with secret");
        }
        // Without the secret: still hidden, accepted (the mandatory AVP is present), and
        // re-serialized byte for byte whatever secret is given.
        {
            L2tpControlMessage m;
            auto r = L2tpControlMessage::Parse(wire.data(), wire.size(), m);
            NS_TEST_ASSERT_MSG_EQ(r.Ok(), true, r.reason);
            const L2tpAvp* tid = m.FindAvp(L2tpAvp::ASSIGNED_TUNNEL_ID);
            NS_TEST_ASSERT_MSG_NE(tid, nullptr, "Assigned Tunnel ID");
            NS_TEST_EXPECT_MSG_EQ(tid->IsStillHidden(), true, "still hidden");
            NS_TEST_EXPECT_MSG_EQ(tid->GetU16().has_value(), false, "no plain value");
            NS_TEST_EXPECT_MSG_EQ(tid->ValueToString(), "hidden:71150a48", "text");
            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(expected), "re-serialized");
            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize("other")), ToHex(expected), "other secret");
            NS_TEST_EXPECT_MSG_EQ(m.ToString(),
                                  "SCCRQ tunnel=0 session=0 Ns=0 Nr=0 protocol_version=1.0 "
                                  "host_name=\"lac-ref\" framing_capabilities=0x00000003 "
                                  "random_vector=3f1d8a2b9c4e5f60718293a4b5c6d7e8 "
                                  "assigned_tunnel_id=hidden:71150a48",
                                  "decoder line");
        }
        // The wrong secret: Original Length 48316 > 2; Assigned Tunnel ID is mandatory, so the
        // tunnel is cleared (General error, Error Code 2 "Length is wrong").
        {
            L2tpControlMessage m;
            const std::string wrong = "wrong-secret";
            auto r = L2tpControlMessage::Parse(wire.data(), wire.size(), m, &wrong);
            NS_TEST_EXPECT_MSG_EQ((r.error == L2tpControlMessage::Error::UNHIDE_FAILED), true,
                                  L2tpControlMessage::ErrorName(r.error));
            NS_TEST_EXPECT_MSG_EQ((r.reaction == L2tpControlMessage::Reaction::CLEAR_TUNNEL), true,
                                  L2tpControlMessage::ReactionName(r.reaction));
            NS_TEST_EXPECT_MSG_EQ(r.resultCode, 2, "General error");
            NS_TEST_EXPECT_MSG_EQ(r.errorCode, 2, "Length is wrong");
            NS_TEST_EXPECT_MSG_EQ(r.reason,
                                  "Assigned Tunnel ID: unhidden Original Length 48316 exceeds "
                                  "the 2 octets that follow (wrong secret?)",
                                  "reason");
        }
        // Received with padding (14 octets): unhidden to the 2-octet value, and the padded
        // ciphertext goes back out unchanged.
        {
            const std::vector<uint8_t> padded
                = Message(std::string(SCCRQ_AVPS) + RV_AVP
                          + "c018 0000 0009 71150a48bdab985b2eb15fdd99e8b17578cc");
            L2tpControlMessage m;
            auto r = L2tpControlMessage::Parse(padded.data(), padded.size(), m, &SECRET);
            NS_TEST_ASSERT_MSG_EQ(r.Ok(), true, r.reason);
            NS_TEST_EXPECT_MSG_EQ(m.FindAvp(9)->GetU16().value_or(0), 0xd629, "padded value");
            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(padded), "padding kept");
        }
        // Two Random Vectors: each hidden AVP uses the one most recently before it. The
        // hidden Vendor Name (M=0) is hidden with the second, 8-octet vector.
        {
            const std::vector<uint8_t> two
                = Message(std::string(SCCRQ_AVPS) + RV_AVP + HIDDEN_TUNNEL_ID
                          + "800e 0000 0024 0102030405060708"
                            "4015 0000 0008 6cb87c2e9b70417f7f906a045a4d47");
            L2tpControlMessage built = BuildHiddenSccrq();
            built.AddAvp(L2tpAvp::FromOctets(L2tpAvp::RANDOM_VECTOR, FromHex("0102030405060708")));
            L2tpAvp vendor = L2tpAvp::FromString(L2tpAvp::VENDOR_NAME, "xelerance.com");
            vendor.SetHidden(true);
            built.AddAvp(vendor);
            NS_TEST_EXPECT_MSG_EQ(ToHex(built.Serialize(SECRET)), ToHex(two), "two vectors");
            L2tpControlMessage m;
            auto r = L2tpControlMessage::Parse(two.data(), two.size(), m, &SECRET);
            NS_TEST_ASSERT_MSG_EQ(r.Ok(), true, r.reason);
            NS_TEST_EXPECT_MSG_EQ(m.FindAvp(8)->GetString(), "xelerance.com", "second vector");
            NS_TEST_EXPECT_MSG_EQ(m.FindAvp(9)->GetU16().value_or(0), 0xd629, "first vector");
            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(two), "re-serialized");
            // With the first vector, the Vendor Name would have been different ciphertext.
            NS_TEST_EXPECT_MSG_EQ(
                ToHex(L2tpAvpHiding::Hide(8, FromHex("78656c6572616e63652e636f6d"), SECRET,
                                          FromHex(RV))),
                "7d068161740b4600f03981c9d158e0", "first-vector ciphertext differs");
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The parser's reactions to hidden AVPs it cannot accept.
 */
class L2tpHidingReactionTestCase : public TestCase
{
public:
    L2tpHidingReactionTestCase()
        : TestCase("hidden AVP without Random Vector and other hiding errors")
    {
    }

private:
    void Expect(const std::vector<uint8_t>& wire, L2tpControlMessage::Error error,
                L2tpControlMessage::Reaction reaction, uint16_t resultCode, uint16_t errorCode,
                const std::string& reason)
    {
        L2tpControlMessage m;
        auto r = L2tpControlMessage::Parse(wire.data(), wire.size(), m, &SECRET);
        NS_TEST_EXPECT_MSG_EQ(L2tpControlMessage::ErrorName(r.error),
                              std::string(L2tpControlMessage::ErrorName(error)), reason);
        NS_TEST_EXPECT_MSG_EQ(L2tpControlMessage::ReactionName(r.reaction),
                              std::string(L2tpControlMessage::ReactionName(reaction)), reason);
        NS_TEST_EXPECT_MSG_EQ(r.resultCode, resultCode, reason);
        NS_TEST_EXPECT_MSG_EQ(r.errorCode, errorCode, reason);
        NS_TEST_EXPECT_MSG_EQ(r.reason, reason, "reason");
    }

    void DoRun() override
    {
        using E = L2tpControlMessage::Error;
        using R = L2tpControlMessage::Reaction;
        const std::string noRv = "hidden Assigned Tunnel ID with no Random Vector AVP before it";
        // Mandatory hidden AVP and no Random Vector at all: the M bit clears the tunnel.
        Expect(Message(std::string(SCCRQ_AVPS) + HIDDEN_TUNNEL_ID), E::HIDDEN_WITHOUT_RANDOM_VECTOR,
               R::CLEAR_TUNNEL, 2, 3, noRv);
        // A Random Vector after the hidden AVP does not count.
        Expect(Message(std::string(SCCRQ_AVPS) + HIDDEN_TUNNEL_ID + RV_AVP),
               E::HIDDEN_WITHOUT_RANDOM_VECTOR, R::CLEAR_TUNNEL, 2, 3, noRv);
        // In a session message (ICRQ) the session is cleared instead.
        Expect(Message("8008 0000 0000 000a  c00a 0000 000e 12345678  800a 0000 000f 00000001"),
               E::HIDDEN_WITHOUT_RANDOM_VECTOR, R::CLEAR_SESSION, 2, 3,
               "hidden Assigned Session ID with no Random Vector AVP before it");
        // Host Name must never be hidden (section 4.4.3).
        Expect(Message("8008 0000 0000 0001  8008 0000 0002 0100  c00d 0000 0007 6c61632d726566"
                       "  800a 0000 0003 00000003  8008 0000 0009 d629"),
               E::MALFORMED_AVP, R::CLEAR_TUNNEL, 2, 3, "Host Name must not be hidden");
        // A hidden Message Type is discarded: the message cannot be classified.
        Expect(Message("c008 0000 0000 0001"), E::MESSAGE_TYPE_HIDDEN, R::DISCARD, 0, 0,
               "Message Type AVP is hidden");

        // Without the M bit the AVP is skipped with a warning and the message accepted.
        const std::vector<uint8_t> skip
            = Message(std::string(SCCRQ_AVPS)
                      + "8008 0000 0009 d629  4015 0000 0008 6cb87c2e9b70417f7f906a045a4d47");
        L2tpControlMessage m;
        auto r = L2tpControlMessage::Parse(skip.data(), skip.size(), m, &SECRET);
        NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, r.reason);
        NS_TEST_EXPECT_MSG_EQ(r.warnings.size(), 1u, "one warning");
        if (r.warnings.size() == 1)
        {
            NS_TEST_EXPECT_MSG_EQ(
                r.warnings[0],
                "skipped Vendor Name: hidden Vendor Name with no Random Vector AVP before it",
                "warning");
        }
        NS_TEST_EXPECT_MSG_EQ(m.FindAvp(L2tpAvp::VENDOR_NAME), nullptr, "Vendor Name skipped");
        NS_TEST_EXPECT_MSG_EQ(m.GetAvps().size(), 5u, "5 AVPs kept");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief MD5 known answers (RFC 1321) and the Challenge Response of section 4.4.3 checked
 * against xl2tpd's tunnel authentication (vector case2_challenge).
 */
class L2tpChallengeResponseTestCase : public TestCase
{
public:
    L2tpChallengeResponseTestCase()
        : TestCase("MD5 and Challenge Response known answers (xl2tpd case2)")
    {
    }

private:
    void DoRun() override
    {
        // RFC 1321 appendix A.5.
        L2tpMd5 md5;
        auto d = md5.Final();
        NS_TEST_EXPECT_MSG_EQ(ToHex(std::vector<uint8_t>(d.begin(), d.end())),
                              "d41d8cd98f00b204e9800998ecf8427e", "MD5(\"\")");
        d = md5.Update(std::string("a")).Final();
        NS_TEST_EXPECT_MSG_EQ(ToHex(std::vector<uint8_t>(d.begin(), d.end())),
                              "0cc175b9c0f1b6a831c399e269772661", "MD5(\"a\")");
        d = md5.Update(uint8_t('a'))
                .Update(std::vector<uint8_t>{'b'})
                .Update(std::string("c"))
                .Final();
        NS_TEST_EXPECT_MSG_EQ(ToHex(std::vector<uint8_t>(d.begin(), d.end())),
                              "900150983cd24fb0d6963f7d28e17f72", "MD5(\"abc\") in pieces");

        // xl2tpd case 2: the secret file, the SCCRQ / SCCRP / SCCCN exchange.
        const std::string secret
            = ReadL2tpSecret(DataDir() + "/xl2tpd/case2_challenge.l2tp-secrets");
        NS_TEST_ASSERT_MSG_EQ(secret, "l2tp-ref-secret", "secret");
        const auto lines = LoadXl2tpdCase("case2_challenge");
        NS_TEST_ASSERT_MSG_GT(lines.size(), 3u, "vector lines");
        L2tpControlMessage sccrq;
        L2tpControlMessage sccrp;
        L2tpControlMessage scccn;
        NS_TEST_ASSERT_MSG_EQ(
            L2tpControlMessage::Parse(lines[0].bytes.data(), lines[0].bytes.size(), sccrq, &secret)
                .Ok(),
            true, "SCCRQ");
        NS_TEST_ASSERT_MSG_EQ(
            L2tpControlMessage::Parse(lines[1].bytes.data(), lines[1].bytes.size(), sccrp, &secret)
                .Ok(),
            true, "SCCRP");
        NS_TEST_ASSERT_MSG_EQ(
            L2tpControlMessage::Parse(lines[2].bytes.data(), lines[2].bytes.size(), scccn, &secret)
                .Ok(),
            true, "SCCCN");
        NS_TEST_ASSERT_MSG_EQ(sccrq.GetMessageType(), L2tpControlMessage::SCCRQ, "frame 1");
        NS_TEST_ASSERT_MSG_EQ(sccrp.GetMessageType(), L2tpControlMessage::SCCRP, "frame 2");
        NS_TEST_ASSERT_MSG_EQ(scccn.GetMessageType(), L2tpControlMessage::SCCCN, "frame 3");
        const L2tpAvp* c1 = sccrq.FindAvp(L2tpAvp::CHALLENGE);
        const L2tpAvp* r1 = sccrp.FindAvp(L2tpAvp::CHALLENGE_RESPONSE);
        const L2tpAvp* c2 = sccrp.FindAvp(L2tpAvp::CHALLENGE);
        const L2tpAvp* r2 = scccn.FindAvp(L2tpAvp::CHALLENGE_RESPONSE);
        NS_TEST_ASSERT_MSG_EQ((c1 && r1 && c2 && r2), true, "challenge AVPs present");
        NS_TEST_EXPECT_MSG_EQ(ToHex(c1->GetValue()), "5658edea6600f6f58ecf4d09d399a100", "c1");
        NS_TEST_EXPECT_MSG_EQ(ToHex(c2->GetValue()), "58dee364b2dcbc00101718ca2d6d8a7f", "c2");

        // SCCRP answers with MD5(2 || secret || SCCRQ's challenge), SCCCN with
        // MD5(3 || secret || SCCRP's challenge). Known answers from Python's hashlib, and
        // equal to what xl2tpd sent.
        auto a1 = L2tpChallengeResponse(2, secret, c1->GetValue());
        auto a2 = L2tpChallengeResponse(3, secret, c2->GetValue());
        NS_TEST_EXPECT_MSG_EQ(ToHex(std::vector<uint8_t>(a1.begin(), a1.end())),
                              "d3183c1585c0634f88b96ffbba3c2ad1", "SCCRP response");
        NS_TEST_EXPECT_MSG_EQ(ToHex(std::vector<uint8_t>(a2.begin(), a2.end())),
                              "3e03dd431238a368797f3edf9c337570", "SCCCN response");
        NS_TEST_EXPECT_MSG_EQ(ToHex(r1->GetValue()), "d3183c1585c0634f88b96ffbba3c2ad1",
                              "xl2tpd's SCCRP response");
        NS_TEST_EXPECT_MSG_EQ(ToHex(r2->GetValue()), "3e03dd431238a368797f3edf9c337570",
                              "xl2tpd's SCCCN response");
        // The message type octet matters: the SCCCN type applied to the first challenge does
        // not give the SCCRP's answer.
        auto wrong = L2tpChallengeResponse(3, secret, c1->GetValue());
        NS_TEST_EXPECT_MSG_NE(ToHex(std::vector<uint8_t>(wrong.begin(), wrong.end())),
                              ToHex(r1->GetValue()), "type octet");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The l2tp-avp-hiding suite.
 */
class L2tpAvpHidingTestSuite : public TestSuite
{
public:
    L2tpAvpHidingTestSuite()
        : TestSuite("l2tp-avp-hiding", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpHidingKnownAnswerTestCase());
        AddTestCase(new L2tpHidingMessageTestCase());
        AddTestCase(new L2tpHidingReactionTestCase());
        AddTestCase(new L2tpChallengeResponseTestCase());
    }
};

/// The suite's instance.
L2tpAvpHidingTestSuite g_l2tpAvpHidingTestSuite;

} // namespace
