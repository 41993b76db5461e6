/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Malformed input for the L2TP parsers: every truncation of every xl2tpd vector, every value of
 * every byte of every length field (the L2TP Length and each AVP's M/H/rsvd/Length word), and
 * random input from an ns-3 RNG stream. Each input is either rejected with a reason or, if it
 * is still a well-formed message, parsed consistently (it re-serializes to the bytes it came
 * from, less any AVP the parser reports as skipped). Inputs are passed as exactly sized heap
 * copies, so that this suite finds out-of-bounds reads when it runs under ASan + UBSan
 * (`./l2tp test` runs it in build/sanitize).
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-avp-hiding.h"
#include "ns3/l2tp-control-message.h"
#include "ns3/l2tp-header.h"

#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

using Msg = L2tpControlMessage;
using E = Msg::Error;
using R = Msg::Reaction;

/// The AVPs of a well-formed control message as raw byte ranges.
struct RawAvp
{
    uint32_t offset; //!< from the start of the message
    uint32_t length; //!< AVP Length
};

/// \return the AVPs of \p m[12, end) (stops at the first unreadable one)
std::vector<RawAvp>
RawAvps(const std::vector<uint8_t>& m, uint32_t end)
{
    std::vector<RawAvp> out;
    uint32_t pos = L2tpHeader::CONTROL_HEADER_SIZE;
    while (pos < end)
    {
        L2tpAvp a;
        std::string reason;
        uint32_t n = L2tpAvp::ParseOne(m.data() + pos, end - pos, a, reason);
        if (n == 0)
        {
            break;
        }
        out.push_back({pos, n});
        pos += n;
    }
    return out;
}

/// \return how many warnings say an AVP was skipped (dropped from the parsed message)
size_t
Skipped(const Msg::ParseResult& r)
{
    return std::count_if(r.warnings.begin(), r.warnings.end(),
                         [](const std::string& w) { return w.rfind("skipped ", 0) == 0; });
}

/**
 * \brief Check that an accepted control message is consistent with its input.
 * \param in the input
 * \param m the parsed message
 * \param r the parse result (Ok)
 * \param secret the secret it was parsed with
 * \return empty if consistent, else what is wrong
 *
 * Serialize() gives back the input up to Length, except for the AVPs the parser skipped: the
 * output must be the input with exactly that many whole AVPs removed (Length adjusted), and
 * parsing the output again must give the same output (a fixed point).
 */
std::string
Inconsistency(const std::vector<uint8_t>& in, const Msg& m, const Msg::ParseResult& r,
              const std::string* secret)
{
    if (r.size < L2tpHeader::CONTROL_HEADER_SIZE || r.size > in.size()
        || r.size != m.GetHeader().GetLength())
    {
        return "size " + std::to_string(r.size) + " does not match Length "
               + std::to_string(m.GetHeader().GetLength()) + " / input "
               + std::to_string(in.size());
    }
    const std::vector<uint8_t> x(in.begin(), in.begin() + r.size);
    const std::vector<uint8_t> s = m.Serialize();
    const size_t skipped = Skipped(r);
    if (skipped == 0)
    {
        if (s != x)
        {
            return "re-serialized " + ToHex(s) + " differs from " + ToHex(x);
        }
        return "";
    }
    // The header (Length aside) is unchanged; s's AVPs are x's with `skipped` of them left out.
    if (s.size() < L2tpHeader::CONTROL_HEADER_SIZE
        || !std::equal(x.begin(), x.begin() + 2, s.begin())
        || !std::equal(x.begin() + 4, x.begin() + 12, s.begin() + 4))
    {
        return "header changed: " + ToHex(s);
    }
    size_t pos = L2tpHeader::CONTROL_HEADER_SIZE;
    size_t removed = 0;
    for (const auto& a : RawAvps(x, x.size()))
    {
        if (pos + a.length <= s.size()
            && std::equal(x.begin() + a.offset, x.begin() + a.offset + a.length, s.begin() + pos))
        {
            pos += a.length;
        }
        else
        {
            ++removed;
        }
    }
    if (pos != s.size() || removed != skipped)
    {
        return "re-serialized " + ToHex(s) + " is not " + ToHex(x) + " less "
               + std::to_string(skipped) + " AVPs";
    }
    Msg again;
    auto r2 = Msg::Parse(s.data(), s.size(), again, secret);
    if (!r2.Ok() || Skipped(r2) != 0 || again.Serialize() != s)
    {
        return "re-serialized message does not parse to itself: " + r2.reason;
    }
    return "";
}

/// Counts of one test case.
struct Counts
{
    uint64_t inputs{0};   //!< inputs fed
    uint64_t rejected{0}; //!< rejected with a reason
    uint64_t accepted{0}; //!< accepted and consistent
};

/**
 * \ingroup l2tp
 * \brief Every prefix (0..n-1 bytes) of every vector line.
 */
class L2tpTruncationTestCase : public TestCase
{
public:
    L2tpTruncationTestCase()
        : TestCase("every truncation of every xl2tpd vector")
    {
    }

private:
    void DoRun() override
    {
        uint64_t controlBytes = 0;
        uint64_t lengthDataBytes = 0;
        uint64_t bareDataBytes = 0;
        uint64_t bareDataLines = 0;
        uint64_t controlRejected = 0;
        uint64_t lengthDataRejected = 0;
        uint64_t bareDataRejected = 0;
        uint64_t bareDataAccepted = 0;
        for (const auto& line : LoadXl2tpdVectors())
        {
            const std::string where = line.caseName + " frame " + std::to_string(line.frame);
            const uint32_t n = line.bytes.size();
            L2tpHeader full;
            std::string reason;
            const uint32_t fullSize = L2tpHeader::Parse(line.bytes.data(), n, full, reason);
            NS_TEST_ASSERT_MSG_GT(fullSize, 0u, where << ": " << reason);
            const bool control = full.IsControl();
            const bool bare = !control && !full.HasLength();
            controlBytes += control ? n : 0;
            lengthDataBytes += (!control && full.HasLength()) ? n : 0;
            bareDataBytes += bare ? n : 0;
            bareDataLines += bare ? 1 : 0;
            for (uint32_t k = 0; k < n; ++k)
            {
                const std::vector<uint8_t> p = Slice(line.bytes, 0, k);
                L2tpHeader h;
                reason.clear();
                const uint32_t hn = L2tpHeader::Parse(p.data(), k, h, reason);
                // The same through a Packet: no assert, the same verdict and reason.
                Ptr<Packet> pkt = Create<Packet>(p.data(), k);
                L2tpHeader d;
                pkt->PeekHeader(d);
                NS_TEST_EXPECT_MSG_EQ(d.IsValid(), (hn != 0), where << " cut at " << k);
                NS_TEST_EXPECT_MSG_EQ(d.GetError(), reason, where << " cut at " << k);
                Msg m;
                auto r = Msg::Parse(p.data(), k, m);
                NS_TEST_EXPECT_MSG_EQ(r.Ok(), false, where << " cut at " << k);
                NS_TEST_EXPECT_MSG_EQ(r.reason.empty(), false, where << " cut at " << k);
                if (control)
                {
                    // Length says n > k: the header parser already refuses.
                    NS_TEST_EXPECT_MSG_EQ(hn, 0u, where << " cut at " << k);
                    NS_TEST_EXPECT_MSG_EQ(reason.empty(), false, where << " cut at " << k);
                    NS_TEST_EXPECT_MSG_EQ((r.error == E::BAD_HEADER), true, where << " " << k);
                    NS_TEST_EXPECT_MSG_EQ((r.reaction == R::DISCARD), true, where << " " << k);
                    controlRejected += (hn == 0 && !r.Ok()) ? 1 : 0;
                }
                else if (!bare)
                {
                    NS_TEST_EXPECT_MSG_EQ(hn, 0u, where << " cut at " << k);
                    NS_TEST_EXPECT_MSG_EQ(reason.empty(), false, where << " cut at " << k);
                    lengthDataRejected += hn == 0 ? 1 : 0;
                }
                else if (hn == 0)
                {
                    NS_TEST_EXPECT_MSG_LT(k, 6u, where << ": rejected although well formed");
                    NS_TEST_EXPECT_MSG_EQ(reason.empty(), false, where << " cut at " << k);
                    bareDataRejected++;
                }
                else
                {
                    // Still a well-formed data message: the same header, a shorter payload.
                    NS_TEST_EXPECT_MSG_EQ(hn, fullSize, where << " cut at " << k);
                    NS_TEST_EXPECT_MSG_EQ(h.GetFlagsWord(), full.GetFlagsWord(), where << k);
                    NS_TEST_EXPECT_MSG_EQ(h.GetTunnelId(), full.GetTunnelId(), where << k);
                    NS_TEST_EXPECT_MSG_EQ(h.GetSessionId(), full.GetSessionId(), where << k);
                    NS_TEST_EXPECT_MSG_EQ(pkt->RemoveHeader(d), hn, where << k);
                    NS_TEST_EXPECT_MSG_EQ(pkt->GetSize(), k - hn, where << ": payload " << k);
                    std::vector<uint8_t> out;
                    h.AppendTo(out);
                    NS_TEST_EXPECT_MSG_EQ(ToHex(out), ToHex(Slice(line.bytes, 0, hn)), where);
                    bareDataAccepted++;
                }
            }
        }
        // Every cut of a control message and of a data message with Length is rejected; a data
        // message without Length is rejected only while its 6-byte header is incomplete.
        NS_TEST_EXPECT_MSG_EQ(controlRejected, controlBytes, "control truncations rejected");
        NS_TEST_EXPECT_MSG_EQ(lengthDataRejected, lengthDataBytes, "L-bit data truncations");
        NS_TEST_EXPECT_MSG_EQ(bareDataRejected, 6 * bareDataLines, "bare data: header cuts");
        NS_TEST_EXPECT_MSG_EQ(bareDataAccepted, bareDataBytes - 6 * bareDataLines,
                              "bare data: payload cuts");
        // The vectors themselves: 62 control messages of 2,789 bytes, 6 data messages with
        // Length (5a, 152 bytes) and 6 without (5b, 140 bytes).
        NS_TEST_EXPECT_MSG_EQ(controlBytes, 2789u, "control bytes");
        NS_TEST_EXPECT_MSG_EQ(lengthDataBytes, 152u, "5a bytes");
        NS_TEST_EXPECT_MSG_EQ(bareDataLines, 6u, "5b lines");
        NS_TEST_EXPECT_MSG_EQ(bareDataBytes, 140u, "5b bytes");
        Simulator::Destroy();
    }
};

/// What the parser must say about a control message whose Length field was changed to \p len:
/// the message is cut at \p len, so it is well formed exactly when \p len is the end of an AVP
/// (or 12, a ZLB) and the AVPs before it hold every mandatory AVP of the message type.
E
ExpectedForLength(const std::vector<uint8_t>& orig, const Msg& parsed, uint32_t len)
{
    if (len > orig.size() || len < L2tpHeader::CONTROL_HEADER_SIZE)
    {
        return E::BAD_HEADER;
    }
    if (len == L2tpHeader::CONTROL_HEADER_SIZE)
    {
        return E::NONE; // a ZLB
    }
    std::set<uint16_t> present;
    for (const auto& a : RawAvps(orig, orig.size()))
    {
        present.insert((orig[a.offset + 4] << 8) | orig[a.offset + 5]);
        if (a.offset + a.length == len)
        {
            for (uint16_t t : Msg::MandatoryAvps(parsed.GetMessageType()))
            {
                if (present.count(t) == 0)
                {
                    return E::MISSING_MANDATORY_AVP;
                }
            }
            return E::NONE;
        }
        if (a.offset + a.length > len)
        {
            return E::BAD_AVP_LENGTH;
        }
    }
    return E::BAD_AVP_LENGTH;
}

/**
 * \ingroup l2tp
 * \brief All 256 values of each of the two bytes of the L2TP Length field of every vector line
 * that has one.
 */
class L2tpLengthFieldTestCase : public TestCase
{
public:
    L2tpLengthFieldTestCase()
        : TestCase("every value of each L2TP Length byte")
    {
    }

private:
    void DoRun() override
    {
        Counts c;
        uint64_t expectedAccepted = 0;
        for (const auto& line : LoadXl2tpdVectors())
        {
            const std::vector<uint8_t>& orig = line.bytes;
            if (!(orig[0] & 0x40))
            {
                continue; // no Length field (case 5b)
            }
            const std::string where = line.caseName + " frame " + std::to_string(line.frame);
            const bool control = IsControlBytes(orig);
            Msg parsed;
            L2tpHeader full;
            std::string reason;
            if (control)
            {
                NS_TEST_ASSERT_MSG_EQ(Msg::Parse(orig.data(), orig.size(), parsed).Ok(), true,
                                      where);
            }
            NS_TEST_ASSERT_MSG_GT(L2tpHeader::Parse(orig.data(), orig.size(), full, reason), 0u,
                                  where);
            for (int idx : {2, 3})
            {
                for (int v = 0; v < 256; ++v)
                {
                    std::vector<uint8_t> y = orig;
                    y[idx] = uint8_t(v);
                    const uint32_t len = (y[2] << 8) | y[3];
                    c.inputs++;
                    if (control)
                    {
                        Msg m;
                        auto r = Msg::Parse(y.data(), y.size(), m);
                        const E expected = ExpectedForLength(orig, parsed, len);
                        NS_TEST_EXPECT_MSG_EQ(Msg::ErrorName(r.error),
                                              std::string(Msg::ErrorName(expected)),
                                              where << " Length " << len << ": " << r.reason);
                        if (r.Ok())
                        {
                            const std::string bad = Inconsistency(y, m, r, nullptr);
                            NS_TEST_EXPECT_MSG_EQ(bad, "", where << " Length " << len);
                            // Nothing was skipped: it is exactly the input cut at Length.
                            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(Slice(y, 0, len)),
                                                  where << " Length " << len);
                            c.accepted++;
                        }
                        else
                        {
                            NS_TEST_EXPECT_MSG_EQ(r.reason.empty(), false, where << len);
                            c.rejected++;
                        }
                        expectedAccepted += expected == E::NONE ? 1 : 0;
                    }
                    else
                    {
                        // A data message with Length: well formed for 8 <= Length <= n.
                        L2tpHeader h;
                        reason.clear();
                        const uint32_t hn = L2tpHeader::Parse(y.data(), y.size(), h, reason);
                        const bool ok = len >= 8 && len <= y.size();
                        NS_TEST_EXPECT_MSG_EQ((hn != 0), ok, where << " Length " << len);
                        if (hn != 0)
                        {
                            NS_TEST_EXPECT_MSG_EQ(hn, 8u, where);
                            NS_TEST_EXPECT_MSG_EQ(h.GetLength(), len, where);
                            NS_TEST_EXPECT_MSG_EQ(h.GetTunnelId(), full.GetTunnelId(), where);
                            NS_TEST_EXPECT_MSG_EQ(h.GetSessionId(), full.GetSessionId(), where);
                            std::vector<uint8_t> out;
                            h.AppendTo(out);
                            NS_TEST_EXPECT_MSG_EQ(ToHex(out), ToHex(Slice(y, 0, 8)), where);
                            c.accepted++;
                        }
                        else
                        {
                            NS_TEST_EXPECT_MSG_EQ(reason.empty(), false, where << len);
                            c.rejected++;
                        }
                        expectedAccepted += ok ? 1 : 0;
                    }
                }
            }
        }
        // 62 control messages and 6 data messages with Length, 512 values each.
        NS_TEST_EXPECT_MSG_EQ(c.inputs, 68u * 512u, "inputs");
        NS_TEST_EXPECT_MSG_EQ(c.accepted, expectedAccepted, "accepted as derived from the AVPs");
        NS_TEST_EXPECT_MSG_EQ(c.accepted + c.rejected, c.inputs, "every input has a verdict");
        std::cout << "l2tp-robustness Length field: " << c.inputs << " inputs, " << c.accepted
                  << " well formed, " << c.rejected << " rejected" << std::endl;
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief All 256 values of each byte of the first word (M, H, reserved bits, Length) of every
 * AVP of every control message vector.
 */
class L2tpAvpLengthFieldTestCase : public TestCase
{
public:
    L2tpAvpLengthFieldTestCase()
        : TestCase("every value of each byte of every AVP flags and Length word")
    {
    }

private:
    /// What section 4 makes of AVP \p j of \p parsed with first byte \p b (Length < 256).
    /// \return the expected error; \p skipped is set when the AVP is dropped with a warning
    static E Expected(const Msg& parsed, size_t j, uint8_t b, bool& skipped)
    {
        skipped = false;
        const bool m = b & 0x80;
        const bool h = b & 0x40;
        const bool rsvd = b & 0x3c;
        const L2tpAvp& avp = parsed.GetAvps()[j];
        if (j == 0)
        {
            return rsvd ? E::MESSAGE_TYPE_NOT_FIRST : h ? E::MESSAGE_TYPE_HIDDEN : E::NONE;
        }
        if (rsvd)
        {
            return m ? E::UNKNOWN_MANDATORY_AVP : E::NONE; // unrecognized: ignored if not M
        }
        if (!h)
        {
            return E::NONE;
        }
        // Hidden, and no vector line has a Random Vector.
        const L2tpAvp::Spec* spec = L2tpAvp::FindSpec(avp.GetType());
        if (m)
        {
            return spec->mayBeHidden ? E::HIDDEN_WITHOUT_RANDOM_VECTOR : E::MALFORMED_AVP;
        }
        skipped = true;
        const auto& mandatory = Msg::MandatoryAvps(parsed.GetMessageType());
        if (std::find(mandatory.begin(), mandatory.end(), avp.GetType()) == mandatory.end())
        {
            return E::NONE;
        }
        for (size_t i = 0; i < parsed.GetAvps().size(); ++i)
        {
            if (i != j && parsed.GetAvps()[i].GetType() == avp.GetType())
            {
                return E::NONE; // another copy is present
            }
        }
        return E::MISSING_MANDATORY_AVP;
    }

    void DoRun() override
    {
        Counts c;
        uint64_t lowOverrun = 0;
        uint64_t lowBelowHeader = 0;
        uint64_t lowReframed = 0;
        uint64_t lowReframedAccepted = 0;
        uint64_t highExpectedAccepted = 0;
        uint64_t avps = 0;
        for (const auto& line : LoadXl2tpdVectors())
        {
            const std::vector<uint8_t>& orig = line.bytes;
            if (!IsControlBytes(orig))
            {
                continue;
            }
            const std::string where = line.caseName + " frame " + std::to_string(line.frame);
            NS_TEST_ASSERT_MSG_LT(orig.size(), 256u, where << ": AVP Lengths fit one octet");
            Msg parsed;
            NS_TEST_ASSERT_MSG_EQ(Msg::Parse(orig.data(), orig.size(), parsed).Ok(), true, where);
            NS_TEST_ASSERT_MSG_EQ(parsed.FindAvp(L2tpAvp::RANDOM_VECTOR), nullptr, where);
            const auto raw = RawAvps(orig, orig.size());
            NS_TEST_ASSERT_MSG_EQ(raw.size(), parsed.GetAvps().size(), where);
            for (size_t j = 0; j < raw.size(); ++j)
            {
                ++avps;
                const uint32_t off = raw[j].offset;
                const uint32_t rest = orig.size() - off;
                const std::string at = where + " AVP " + std::to_string(j) + " ("
                                       + L2tpAvp::TypeName(parsed.GetAvps()[j].GetType()) + ")";
                // The low Length byte.
                for (int v = 0; v < 256; ++v)
                {
                    std::vector<uint8_t> y = orig;
                    y[off + 1] = uint8_t(v);
                    c.inputs++;
                    Msg m;
                    auto r = Msg::Parse(y.data(), y.size(), m);
                    if (uint32_t(v) == raw[j].length)
                    {
                        NS_TEST_EXPECT_MSG_EQ(r.Ok(), true, at);
                    }
                    else if (v < 6 || uint32_t(v) > rest)
                    {
                        NS_TEST_EXPECT_MSG_EQ(Msg::ErrorName(r.error),
                                              std::string("bad-avp-length"),
                                              at << " Length " << v << ": " << r.reason);
                        (v < 6 ? lowBelowHeader : lowOverrun)++;
                    }
                    else
                    {
                        // The AVPs after it are read from a shifted position: anything may
                        // happen, but it must be a verdict with a reason or a consistent parse.
                        lowReframed++;
                        lowReframedAccepted += r.Ok() ? 1 : 0;
                    }
                    if (r.Ok())
                    {
                        NS_TEST_EXPECT_MSG_EQ(Inconsistency(y, m, r, nullptr), "",
                                              at << " Length " << v);
                        c.accepted++;
                    }
                    else
                    {
                        NS_TEST_EXPECT_MSG_EQ(r.reason.empty(), false, at << " Length " << v);
                        c.rejected++;
                    }
                }
                // The first byte: M, H, 4 reserved bits and the two high Length bits.
                for (int v = 0; v < 256; ++v)
                {
                    std::vector<uint8_t> y = orig;
                    y[off] = uint8_t(v);
                    c.inputs++;
                    Msg m;
                    auto r = Msg::Parse(y.data(), y.size(), m);
                    bool skipped = false;
                    const E expected
                        = (v & 0x03) ? E::BAD_AVP_LENGTH : Expected(parsed, j, uint8_t(v), skipped);
                    NS_TEST_EXPECT_MSG_EQ(Msg::ErrorName(r.error),
                                          std::string(Msg::ErrorName(expected)),
                                          at << " first byte " << v << ": " << r.reason);
                    if (expected != E::NONE && expected != E::BAD_AVP_LENGTH
                        && expected != E::MESSAGE_TYPE_NOT_FIRST
                        && expected != E::MESSAGE_TYPE_HIDDEN)
                    {
                        // Section 4.2: the session or the tunnel is cleared.
                        const R clear = Msg::IsSessionMessage(parsed.GetMessageType())
                                            ? R::CLEAR_SESSION
                                            : R::CLEAR_TUNNEL;
                        NS_TEST_EXPECT_MSG_EQ((r.reaction == clear), true,
                                              at << " first byte " << v);
                        NS_TEST_EXPECT_MSG_EQ(r.resultCode, 2, at << " first byte " << v);
                    }
                    if (r.Ok())
                    {
                        NS_TEST_EXPECT_MSG_EQ(Skipped(r), (skipped ? 1u : 0u), at << " " << v);
                        NS_TEST_EXPECT_MSG_EQ(Inconsistency(y, m, r, nullptr), "",
                                              at << " first byte " << v);
                        if (!skipped)
                        {
                            NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(y), at << " " << v);
                        }
                        c.accepted++;
                    }
                    else
                    {
                        NS_TEST_EXPECT_MSG_EQ(r.reason.empty(), false, at << " " << v);
                        c.rejected++;
                    }
                    highExpectedAccepted += expected == E::NONE ? 1 : 0;
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ(avps, 200u, "AVPs in the vectors");
        NS_TEST_EXPECT_MSG_EQ(c.inputs, 200u * 512u, "inputs");
        NS_TEST_EXPECT_MSG_EQ(c.accepted + c.rejected, c.inputs, "every input has a verdict");
        // Low byte: 6 values below the header per AVP, and every value past the message end.
        NS_TEST_EXPECT_MSG_EQ(lowBelowHeader, 200u * 6u, "Length 0..5 rejected");
        NS_TEST_EXPECT_MSG_EQ(lowOverrun + lowBelowHeader + lowReframed + avps, 200u * 256u,
                              "low byte values");
        // Every accepted input is either the original Length, a re-framing that happened to
        // parse, or a first-byte change that section 4 accepts.
        NS_TEST_EXPECT_MSG_EQ(c.accepted, avps + lowReframedAccepted + highExpectedAccepted,
                              "accepted inputs");
        std::cout << "l2tp-robustness AVP first word: " << c.inputs << " inputs, " << c.accepted
                  << " well formed (" << highExpectedAccepted << " by flags, "
                  << lowReframedAccepted << " of " << lowReframed << " re-framed), " << c.rejected
                  << " rejected" << std::endl;
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Random input from an ns-3 RNG stream (fixed seed, run and stream): plain garbage,
 * garbage behind a valid control header, and random but well-framed AVP sequences, parsed
 * with and without a secret.
 */
class L2tpRandomInputTestCase : public TestCase
{
public:
    L2tpRandomInputTestCase()
        : TestCase("random input from an ns-3 RNG stream")
    {
    }

private:
    /// Feed \p in to every parser; count in \p c; \return the control parser's error
    E Feed(const std::vector<uint8_t>& in, Counts& c)
    {
        const std::string secret = "robustness-secret";
        c.inputs++;
        L2tpHeader h;
        std::string reason;
        const uint32_t hn = L2tpHeader::Parse(in.data(), in.size(), h, reason);
        NS_TEST_EXPECT_MSG_EQ((hn == 0), !reason.empty(), ToHex(in));
        NS_TEST_EXPECT_MSG_LT_OR_EQ(hn, in.size(), ToHex(in));
        Ptr<Packet> p = Create<Packet>(in.data(), in.size());
        L2tpHeader d;
        NS_TEST_EXPECT_MSG_EQ(p->RemoveHeader(d), hn, ToHex(in));
        NS_TEST_EXPECT_MSG_EQ(d.IsValid(), (hn != 0), ToHex(in));
        L2tpAvp a;
        if (L2tpAvp::ParseOne(in.data(), in.size(), a, reason) != 0)
        {
            a.ValueToString();
            a.CheckValue(reason);
        }
        std::vector<uint8_t> plain;
        L2tpAvpHiding::Unhide(uint16_t(in.size()), in, secret, in, plain, reason);

        E first = E::NONE;
        for (const std::string* s : {static_cast<const std::string*>(nullptr), &secret})
        {
            Msg m;
            auto r = Msg::Parse(in.data(), in.size(), m, s);
            if (r.Ok())
            {
                NS_TEST_EXPECT_MSG_EQ(Inconsistency(in, m, r, s), "", ToHex(in));
                m.ToString();
                c.accepted++;
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(r.reason.empty(), false, ToHex(in));
                c.rejected++;
            }
            if (s == nullptr)
            {
                first = r.error;
            }
        }
        return first;
    }

    void DoRun() override
    {
        const uint32_t oldSeed = RngSeedManager::GetSeed();
        const uint64_t oldRun = RngSeedManager::GetRun();
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(1701);
        auto byte = [&]()
        {
            return uint8_t(u->GetInteger(0, 255));
        };

        // (a) Uniform garbage of 0..300 bytes, 20 of each size.
        Counts garbage;
        uint64_t versionRejects = 0;
        uint64_t expectedVersionRejects = 0;
        for (uint32_t size = 0; size <= 300; ++size)
        {
            for (int i = 0; i < 20; ++i)
            {
                std::vector<uint8_t> in(size);
                for (auto& b : in)
                {
                    b = byte();
                }
                E e = Feed(in, garbage);
                L2tpHeader h;
                std::string reason;
                L2tpHeader::Parse(in.data(), in.size(), h, reason);
                const bool version
                    = reason.rfind("version ", 0) == 0 || reason.rfind("unknown version ", 0) == 0;
                versionRejects += (e == E::BAD_HEADER && version) ? 1 : 0;
                expectedVersionRejects += (size >= 2 && (in[1] & 0x0f) != 2) ? 1 : 0;
            }
        }
        // Derivable: exactly the inputs whose Ver nibble is not 2 are refused for the version.
        NS_TEST_EXPECT_MSG_EQ(versionRejects, expectedVersionRejects, "version rejections");

        // (b) A valid control header (Length = size) followed by garbage.
        Counts behindHeader;
        uint64_t badHeader = 0;
        for (uint32_t size = 12; size <= 300; ++size)
        {
            for (int i = 0; i < 20; ++i)
            {
                std::vector<uint8_t> in(size);
                for (auto& b : in)
                {
                    b = byte();
                }
                in[0] = 0xc8;
                in[1] = 0x02;
                in[2] = uint8_t(size >> 8);
                in[3] = uint8_t(size & 0xff);
                badHeader += Feed(in, behindHeader) == E::BAD_HEADER ? 1 : 0;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(badHeader, 0u, "the header itself is always accepted");

        // (c) Well-framed AVP sequences with random flags, types, vendors and values, often
        // with a Random Vector and hidden AVPs: exercises the semantic checks and unhiding.
        Counts framed;
        uint64_t framingErrors = 0;
        for (int i = 0; i < 20000; ++i)
        {
            std::vector<uint8_t> in = {0xc8,   0x02,   0,      0,      byte(), byte(),
                                       byte(), byte(), byte(), byte(), byte(), byte()};
            const uint32_t count = u->GetInteger(0, 8);
            for (uint32_t k = 0; k < count; ++k)
            {
                uint16_t type;
                if (k == 0 && u->GetValue() < 0.9)
                {
                    type = 0; // usually a Message Type first
                }
                else if (u->GetValue() < 0.15)
                {
                    type = L2tpAvp::RANDOM_VECTOR;
                }
                else
                {
                    type = u->GetInteger(0, 42);
                }
                uint32_t valueLen = u->GetInteger(0, 24);
                if (type == 0 && u->GetValue() < 0.9)
                {
                    valueLen = 2;
                }
                std::vector<uint8_t> value(valueLen);
                for (auto& b : value)
                {
                    b = byte();
                }
                if (type == 0 && valueLen == 2)
                {
                    value[0] = 0;
                    value[1] = uint8_t(u->GetInteger(0, 17));
                }
                uint8_t flags = 0;
                flags |= u->GetValue() < 0.7 ? 0x80 : 0;
                flags |= u->GetValue() < 0.2 ? 0x40 : 0;
                flags |= u->GetValue() < 0.05 ? 0x04 : 0;
                const uint16_t vendor = u->GetValue() < 0.05 ? 311 : 0;
                const uint32_t len = 6 + valueLen;
                in.push_back(uint8_t(flags | (len >> 8)));
                in.push_back(uint8_t(len & 0xff));
                in.push_back(uint8_t(vendor >> 8));
                in.push_back(uint8_t(vendor & 0xff));
                in.push_back(uint8_t(type >> 8));
                in.push_back(uint8_t(type & 0xff));
                in.insert(in.end(), value.begin(), value.end());
            }
            in[2] = uint8_t(in.size() >> 8);
            in[3] = uint8_t(in.size() & 0xff);
            const E e = Feed(in, framed);
            framingErrors += (e == E::BAD_HEADER || e == E::BAD_AVP_LENGTH) ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(framingErrors, 0u, "well-framed inputs pass the framing checks");

        // (d) Every vector line with 1 to 4 random bytes set to random values, 300 times.
        Counts mutated;
        for (const auto& line : LoadXl2tpdVectors())
        {
            for (int i = 0; i < 300; ++i)
            {
                std::vector<uint8_t> in = line.bytes;
                const uint32_t changes = u->GetInteger(1, 4);
                for (uint32_t k = 0; k < changes; ++k)
                {
                    in[u->GetInteger(0, in.size() - 1)] = byte();
                }
                Feed(in, mutated);
            }
        }

        NS_TEST_EXPECT_MSG_EQ(garbage.inputs, 301u * 20u, "a inputs");
        NS_TEST_EXPECT_MSG_EQ(behindHeader.inputs, 289u * 20u, "b inputs");
        NS_TEST_EXPECT_MSG_EQ(framed.inputs, 20000u, "c inputs");
        NS_TEST_EXPECT_MSG_EQ(mutated.inputs, 74u * 300u, "d inputs");
        NS_TEST_EXPECT_MSG_EQ(mutated.accepted + mutated.rejected, 2 * mutated.inputs, "d");
        NS_TEST_EXPECT_MSG_EQ(garbage.accepted + garbage.rejected, 2 * garbage.inputs, "a");
        NS_TEST_EXPECT_MSG_EQ(behindHeader.accepted + behindHeader.rejected,
                              2 * behindHeader.inputs, "b");
        NS_TEST_EXPECT_MSG_EQ(framed.accepted + framed.rejected, 2 * framed.inputs, "c");
        NS_TEST_EXPECT_MSG_GT(framed.accepted, 0u, "some random messages are well formed");
        for (const auto& [name, k] :
             std::map<std::string, const Counts*>{{"a garbage", &garbage},
                                                  {"b behind a header", &behindHeader},
                                                  {"c framed", &framed},
                                                  {"d mutated vectors", &mutated}})
        {
            std::cout << "l2tp-robustness random " << name << ": " << k->inputs
                      << " inputs, parses with/without secret: " << k->accepted << " well formed, "
                      << k->rejected << " rejected" << std::endl;
        }
        RngSeedManager::SetSeed(oldSeed);
        RngSeedManager::SetRun(oldRun);
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The l2tp-robustness suite.
 */
class L2tpRobustnessTestSuite : public TestSuite
{
public:
    L2tpRobustnessTestSuite()
        : TestSuite("l2tp-robustness", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpTruncationTestCase());
        AddTestCase(new L2tpLengthFieldTestCase());
        AddTestCase(new L2tpAvpLengthFieldTestCase());
        AddTestCase(new L2tpRandomInputTestCase());
    }
};

/// The suite's instance.
L2tpRobustnessTestSuite g_l2tpRobustnessTestSuite;

} // namespace
