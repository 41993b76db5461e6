/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Real L2TP packets captured from xl2tpd 1.3.18 (test/data/xl2tpd, see its README.md): every
 * line of every *.hex file is parsed with the module's parsers and checked against tshark's
 * decode in the matching .txt file (the "Per-packet summary" table and the full -V decode, both
 * read at test time), then re-serialized byte for byte.
 */
#include "l2tp-test-util.h"
#include "ns3/l2tp-control-message.h"
#include "ns3/l2tp-header.h"
#include "ns3/l2tp-md5.h"

#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <optional>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// Counts over all cases, checked by the last test case.
struct Tally
{
    uint32_t frames{0};                     //!< vector lines
    uint32_t control{0};                    //!< control messages
    uint32_t zlb{0};                        //!< ZLBs among them
    uint32_t data{0};                       //!< data messages
    uint32_t avps{0};                       //!< AVPs compared with tshark's decode
    uint32_t challengeResponses{0};         //!< Challenge Responses verified with the secret
    std::map<std::string, uint32_t> fields; //!< AVP value fields compared, by tshark name
};

/// Which attribute each tshark AVP value field belongs to.
const std::map<std::string, uint16_t>&
FieldTypes()
{
    static const std::map<std::string, uint16_t> m = {
        {"Message Type", L2tpAvp::MESSAGE_TYPE},
        {"Result code", L2tpAvp::RESULT_CODE},
        {"Error code", L2tpAvp::RESULT_CODE},
        {"Error Message", L2tpAvp::RESULT_CODE},
        {"Version", L2tpAvp::PROTOCOL_VERSION},
        {"Revision", L2tpAvp::PROTOCOL_VERSION},
        {"Async Framing Supported", L2tpAvp::FRAMING_CAPABILITIES},
        {"Sync Framing Supported", L2tpAvp::FRAMING_CAPABILITIES},
        {"Analog Access Supported", L2tpAvp::BEARER_CAPABILITIES},
        {"Digital Access Supported", L2tpAvp::BEARER_CAPABILITIES},
        {"Firmware Revision", L2tpAvp::FIRMWARE_REVISION},
        {"Host Name", L2tpAvp::HOST_NAME},
        {"Vendor Name", L2tpAvp::VENDOR_NAME},
        {"Assigned Tunnel ID", L2tpAvp::ASSIGNED_TUNNEL_ID},
        {"Receive Window Size", L2tpAvp::RECEIVE_WINDOW_SIZE},
        {"CHAP Challenge", L2tpAvp::CHALLENGE},
        {"CHAP Challenge Response", L2tpAvp::CHALLENGE_RESPONSE},
        {"Assigned Session ID", L2tpAvp::ASSIGNED_SESSION_ID},
        {"Call Serial Number", L2tpAvp::CALL_SERIAL_NUMBER},
        {"Analog Bearer Type", L2tpAvp::BEARER_TYPE},
        {"Digital Bearer Type", L2tpAvp::BEARER_TYPE},
        {"Async Framing Type", L2tpAvp::FRAMING_TYPE},
        {"Sync Framing Type", L2tpAvp::FRAMING_TYPE},
        {"Connect Speed", L2tpAvp::TX_CONNECT_SPEED},
        {"Rx Connect Speed", L2tpAvp::RX_CONNECT_SPEED},
    };
    return m;
}

/// The bit tshark shows for a capability/type flag (RFC 2661 4.4.3, 4.4.5: A = 2, S/D = 1).
uint32_t
FlagBit(const std::string& name)
{
    return (name.rfind("Async", 0) == 0 || name.rfind("Analog", 0) == 0) ? 0x2 : 0x1;
}

/// \return "a,b,c" of \p values
std::string
Join(const std::vector<std::string>& values)
{
    std::string s;
    for (size_t i = 0; i < values.size(); ++i)
    {
        s += (i ? "," : "") + values[i];
    }
    return s;
}

/// \return the leading unsigned decimal number of \p s, or -1
int64_t
Leading(const std::string& s)
{
    size_t n = s.find_first_not_of("0123456789");
    if (n == 0 || s.empty())
    {
        return -1;
    }
    return std::stoll(s.substr(0, n));
}

/**
 * \ingroup l2tp
 * \brief One capture: every frame parsed, compared with tshark, re-serialized.
 */
class L2tpXl2tpdCaseTestCase : public TestCase
{
public:
    /// \param caseName the vector's name \param tally shared counts
    L2tpXl2tpdCaseTestCase(const std::string& caseName, Tally* tally)
        : TestCase("xl2tpd vector " + caseName)
        , m_case(caseName)
        , m_tally(tally)
    {
    }

private:
    void CheckControl(const VectorLine& line, const std::map<std::string, std::string>& row,
                      const TsharkFrame& frame);
    void CheckAvp(const std::string& where, const TsharkAvp& t, const L2tpAvp& avp);
    void CheckData(const VectorLine& line, const std::map<std::string, std::string>& row,
                   const TsharkFrame& frame);
    void DoRun() override;

    std::string m_case;                                    //!< vector name
    Tally* m_tally;                                        //!< shared counts
    std::string m_secret;                                  //!< tunnel secret, if the case has one
    std::map<uint16_t, std::vector<uint8_t>> m_challenges; //!< last Challenge by message type
};

void
L2tpXl2tpdCaseTestCase::CheckAvp(const std::string& where, const TsharkAvp& t, const L2tpAvp& avp)
{
    const std::string w = where + " " + t.title;
    uint32_t bits = 0;
    bool sawBits = false;
    bool sawErrorCode = false;
    std::optional<L2tpResultCode> rc = avp.GetResultCode();
    for (const auto& [name, value] : t.fields)
    {
        // The AVP header.
        if (name == "Mandatory")
        {
            NS_TEST_EXPECT_MSG_EQ(value, (avp.IsMandatory() ? "True" : "False"), w << " M");
            continue;
        }
        if (name == "Hidden")
        {
            NS_TEST_EXPECT_MSG_EQ(value, (avp.IsHidden() ? "True" : "False"), w << " H");
            continue;
        }
        if (name == "Length")
        {
            NS_TEST_EXPECT_MSG_EQ(Leading(value), int64_t(avp.GetPlainSize()), w << " Length");
            continue;
        }
        if (name == "Vendor ID")
        {
            NS_TEST_EXPECT_MSG_EQ(NumberInParens(value), avp.GetVendorId(), w << " vendor");
            continue;
        }
        if (name == "AVP Type")
        {
            NS_TEST_EXPECT_MSG_EQ(NumberInParens(value), avp.GetType(), w << " type");
            continue;
        }
        // The value: each field tshark shows must belong to this attribute and agree with it.
        auto it = FieldTypes().find(name);
        NS_TEST_EXPECT_MSG_EQ((it != FieldTypes().end()), true,
                              w << ": tshark field '" << name << "' is not checked by this test");
        if (it == FieldTypes().end())
        {
            continue;
        }
        NS_TEST_EXPECT_MSG_EQ(it->second, avp.GetType(), w << ": field " << name);
        m_tally->fields[name]++;
        const std::string fw = w + " " + name + " '" + value + "'";
        switch (it->second)
        {
            case L2tpAvp::MESSAGE_TYPE:
                NS_TEST_EXPECT_MSG_EQ(NumberInParens(value), avp.GetU16().value_or(0), fw);
                break;
            case L2tpAvp::RESULT_CODE:
                NS_TEST_ASSERT_MSG_EQ(rc.has_value(), true, fw);
                if (name == "Result code")
                {
                    NS_TEST_EXPECT_MSG_EQ(NumberInParens(value), rc->result, fw);
                }
                else if (name == "Error code")
                {
                    sawErrorCode = true;
                    NS_TEST_EXPECT_MSG_EQ(NumberInParens(value), rc->error.value_or(0xffff), fw);
                }
                else
                {
                    NS_TEST_EXPECT_MSG_EQ(value, rc->message, fw);
                }
                break;
            case L2tpAvp::PROTOCOL_VERSION:
            {
                auto v = avp.GetProtocolVersion();
                NS_TEST_ASSERT_MSG_EQ(v.has_value(), true, fw);
                NS_TEST_EXPECT_MSG_EQ(Leading(value), (name == "Version" ? v->first : v->second),
                                      fw);
                break;
            }
            case L2tpAvp::FRAMING_CAPABILITIES:
            case L2tpAvp::BEARER_CAPABILITIES:
            case L2tpAvp::BEARER_TYPE:
            case L2tpAvp::FRAMING_TYPE:
                sawBits = true;
                NS_TEST_EXPECT_MSG_EQ((value == "True" || value == "False"), true, fw);
                bits |= value == "True" ? FlagBit(name) : 0;
                break;
            case L2tpAvp::FIRMWARE_REVISION:
            {
                // "1680 (0x0690)"
                NS_TEST_EXPECT_MSG_EQ(Leading(value), avp.GetU16().value_or(0), fw);
                char hex[16];
                std::snprintf(hex, sizeof(hex), "(0x%04x)", avp.GetU16().value_or(0));
                NS_TEST_EXPECT_MSG_EQ((value.find(hex) != std::string::npos), true, fw);
                break;
            }
            case L2tpAvp::HOST_NAME:
            case L2tpAvp::VENDOR_NAME:
                NS_TEST_EXPECT_MSG_EQ(value, avp.GetString(), fw);
                break;
            case L2tpAvp::ASSIGNED_TUNNEL_ID:
            case L2tpAvp::RECEIVE_WINDOW_SIZE:
            case L2tpAvp::ASSIGNED_SESSION_ID:
                NS_TEST_EXPECT_MSG_EQ(std::to_string(avp.GetU16().value_or(0)), value, fw);
                NS_TEST_EXPECT_MSG_EQ(avp.GetU16().has_value(), true, fw);
                break;
            case L2tpAvp::CALL_SERIAL_NUMBER:
            case L2tpAvp::TX_CONNECT_SPEED:
            case L2tpAvp::RX_CONNECT_SPEED:
                NS_TEST_EXPECT_MSG_EQ(std::to_string(avp.GetU32().value_or(0xffffffff)), value, fw);
                break;
            case L2tpAvp::CHALLENGE:
            case L2tpAvp::CHALLENGE_RESPONSE:
                NS_TEST_EXPECT_MSG_EQ(ToHex(avp.GetValue()), value, fw);
                break;
            default:
                NS_TEST_EXPECT_MSG_EQ(true, false, fw << ": no check");
        }
    }
    if (sawBits)
    {
        // tshark shows the two defined bits; xl2tpd sets no other.
        NS_TEST_EXPECT_MSG_EQ(avp.GetU32().value_or(0xffffffff), bits, w << ": bit mask");
    }
    if (avp.GetType() == L2tpAvp::RESULT_CODE && rc)
    {
        NS_TEST_EXPECT_MSG_EQ(rc->error.has_value(), sawErrorCode, w << ": Error Code present");
    }
}

void
L2tpXl2tpdCaseTestCase::CheckControl(const VectorLine& line,
                                     const std::map<std::string, std::string>& row,
                                     const TsharkFrame& frame)
{
    const std::string where = m_case + " frame " + std::to_string(line.frame);
    L2tpControlMessage m;
    auto r = L2tpControlMessage::Parse(line.bytes.data(), line.bytes.size(), m,
                                       m_secret.empty() ? nullptr : &m_secret);
    NS_TEST_ASSERT_MSG_EQ(r.Ok(), true, where << ": " << r.reason);
    NS_TEST_EXPECT_MSG_EQ(r.warnings.size(), 0u, where << ": warnings");
    NS_TEST_EXPECT_MSG_EQ(r.size, line.bytes.size(), where << ": size");
    m_tally->control++;
    const L2tpHeader& h = m.GetHeader();

    // The per-packet summary (tshark -T fields).
    char flags[8];
    std::snprintf(flags, sizeof(flags), "0x%04x", h.GetFlagsWord());
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.flags"), flags, where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.type"), "1", where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.length_bit"), "1", where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.seq_bit"), "1", where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.length"), std::to_string(h.GetLength()), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.tunnel"), std::to_string(h.GetTunnelId()), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.session"), std::to_string(h.GetSessionId()), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.Ns"), std::to_string(h.GetNs()), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.Nr"), std::to_string(h.GetNr()), where);
    std::vector<std::string> types;
    std::vector<std::string> mbits;
    std::vector<std::string> hbits;
    for (const auto& a : m.GetAvps())
    {
        types.push_back(std::to_string(a.GetType()));
        mbits.push_back(a.IsMandatory() ? "1" : "0");
        hbits.push_back(a.IsHidden() ? "1" : "0");
    }
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.avp.message_type"),
                          (m.IsZlb() ? "" : std::to_string(m.GetMessageType())), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.avp.type"), Join(types), where << ": AVP types");
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.avp.mandatory"), Join(mbits), where << ": M bits");
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.avp.hidden"), Join(hbits), where << ": H bits");
    if (m.IsZlb())
    {
        m_tally->zlb++;
        NS_TEST_EXPECT_MSG_EQ(line.bytes.size(), 12u, where << ": ZLB is 12 bytes");
    }

    // The full decode: header fields, then every AVP with its value.
    const auto field = [&](const std::string& name)
    {
        const std::string* v = FindField(frame.l2tp, name);
        return v ? *v : std::string("<absent>");
    };
    NS_TEST_EXPECT_MSG_EQ(field("Flags").rfind(flags, 0), 0u, where << ": Flags");
    NS_TEST_EXPECT_MSG_EQ(field("Length"), std::to_string(h.GetLength()), where);
    NS_TEST_EXPECT_MSG_EQ(field("Tunnel ID"), std::to_string(h.GetTunnelId()), where);
    NS_TEST_EXPECT_MSG_EQ(field("Session ID"), std::to_string(h.GetSessionId()), where);
    NS_TEST_EXPECT_MSG_EQ(field("Ns"), std::to_string(h.GetNs()), where);
    NS_TEST_EXPECT_MSG_EQ(field("Nr"), std::to_string(h.GetNr()), where);
    NS_TEST_ASSERT_MSG_EQ(frame.avps.size(), m.GetAvps().size(), where << ": AVP count");
    for (size_t i = 0; i < frame.avps.size(); ++i)
    {
        CheckAvp(where, frame.avps[i], m.GetAvps()[i]);
        m_tally->avps++;
    }

    // Tunnel authentication (section 4.4.3): SCCRP answers the SCCRQ's challenge with type 2,
    // SCCCN answers the SCCRP's with type 3.
    if (const L2tpAvp* c = m.FindAvp(L2tpAvp::CHALLENGE))
    {
        m_challenges[m.GetMessageType()] = c->GetValue();
    }
    if (const L2tpAvp* resp = m.FindAvp(L2tpAvp::CHALLENGE_RESPONSE))
    {
        NS_TEST_ASSERT_MSG_EQ(m_secret.empty(), false, where << ": response without a secret");
        const uint16_t type = m.GetMessageType();
        const uint16_t challenger = type == L2tpControlMessage::SCCRP ? L2tpControlMessage::SCCRQ
                                                                      : L2tpControlMessage::SCCRP;
        NS_TEST_ASSERT_MSG_EQ(m_challenges.count(challenger), 1u, where << ": challenge seen");
        auto expected = L2tpChallengeResponse(uint8_t(type), m_secret, m_challenges[challenger]);
        NS_TEST_EXPECT_MSG_EQ(ToHex(resp->GetValue()),
                              ToHex(std::vector<uint8_t>(expected.begin(), expected.end())),
                              where << ": Challenge Response");
        m_tally->challengeResponses++;
    }

    // Byte for byte.
    NS_TEST_EXPECT_MSG_EQ(ToHex(m.Serialize()), ToHex(line.bytes), where << ": re-serialized");
    NS_TEST_EXPECT_MSG_EQ(m.ToString().empty(), false, where);
}

void
L2tpXl2tpdCaseTestCase::CheckData(const VectorLine& line,
                                  const std::map<std::string, std::string>& row,
                                  const TsharkFrame& frame)
{
    const std::string where = m_case + " frame " + std::to_string(line.frame);
    L2tpHeader h;
    std::string reason;
    const uint32_t n = L2tpHeader::Parse(line.bytes.data(), line.bytes.size(), h, reason);
    NS_TEST_ASSERT_MSG_GT(n, 0u, where << ": " << reason);
    m_tally->data++;
    NS_TEST_EXPECT_MSG_EQ(h.IsControl(), false, where);
    NS_TEST_EXPECT_MSG_EQ(h.HasSequence(), false, where << ": xl2tpd never sets S on data");
    NS_TEST_EXPECT_MSG_EQ(h.HasOffset(), false, where);
    NS_TEST_EXPECT_MSG_EQ(n, (h.HasLength() ? 8u : 6u), where << ": header size");

    char flags[8];
    std::snprintf(flags, sizeof(flags), "0x%04x", h.GetFlagsWord());
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.flags"), flags, where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.type"), "0", where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.length_bit"), (h.HasLength() ? "1" : "0"), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.seq_bit"), "0", where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.length"),
                          (h.HasLength() ? std::to_string(h.GetLength()) : ""), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.tunnel"), std::to_string(h.GetTunnelId()), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.session"), std::to_string(h.GetSessionId()), where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.Ns"), "", where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.Nr"), "", where);
    NS_TEST_EXPECT_MSG_EQ(row.at("l2tp.avp.type"), "", where);
    const std::string* len = FindField(frame.l2tp, "Length");
    NS_TEST_EXPECT_MSG_EQ((len != nullptr), h.HasLength(), where << ": Length in decode");
    if (len != nullptr)
    {
        NS_TEST_EXPECT_MSG_EQ(*len, std::to_string(h.GetLength()), where);
        NS_TEST_EXPECT_MSG_EQ(h.GetLength(), line.bytes.size(), where << ": Length = datagram");
    }
    const std::string* tid = FindField(frame.l2tp, "Tunnel ID");
    const std::string* sid = FindField(frame.l2tp, "Session ID");
    NS_TEST_ASSERT_MSG_EQ((tid && sid), true, where);
    NS_TEST_EXPECT_MSG_EQ(*tid, std::to_string(h.GetTunnelId()), where);
    NS_TEST_EXPECT_MSG_EQ(*sid, std::to_string(h.GetSessionId()), where);

    // The payload is the PPP frame (address, control, protocol, then LCP here).
    const std::vector<uint8_t> payload(line.bytes.begin() + n, line.bytes.end());
    NS_TEST_ASSERT_MSG_GT_OR_EQ(payload.size(), 8u, where);
    const std::string* addr = FindField(frame.ppp, "Address");
    const std::string* ctrl = FindField(frame.ppp, "Control");
    const std::string* proto = FindField(frame.ppp, "Protocol");
    NS_TEST_ASSERT_MSG_EQ((addr && ctrl && proto), true, where << ": PPP decode");
    NS_TEST_EXPECT_MSG_EQ(*addr, "0xff", where);
    NS_TEST_EXPECT_MSG_EQ(unsigned(payload[0]), 0xffu, where << ": PPP address");
    NS_TEST_EXPECT_MSG_EQ(*ctrl, "0x03", where);
    NS_TEST_EXPECT_MSG_EQ(unsigned(payload[1]), 0x03u, where << ": PPP control");
    char protoHex[12];
    std::snprintf(protoHex, sizeof(protoHex), "(0x%02x%02x)", payload[2], payload[3]);
    NS_TEST_EXPECT_MSG_EQ((proto->find(protoHex) != std::string::npos), true,
                          where << ": PPP protocol " << *proto);
    const std::string* code = FindField(frame.pppLayer, "Code");
    const std::string* ident = FindField(frame.pppLayer, "Identifier");
    const std::string* lcpLen = FindField(frame.pppLayer, "Length");
    NS_TEST_ASSERT_MSG_EQ((code && ident && lcpLen), true, where << ": LCP decode");
    NS_TEST_EXPECT_MSG_EQ(NumberInParens(*code), payload[4], where << ": LCP code");
    NS_TEST_EXPECT_MSG_EQ(Leading(*ident), payload[5], where << ": LCP identifier");
    NS_TEST_EXPECT_MSG_EQ(Leading(*lcpLen), ((payload[6] << 8) | payload[7]), where);
    NS_TEST_EXPECT_MSG_EQ(Leading(*lcpLen) + 4, int64_t(payload.size()),
                          where << ": payload length = PPP header + LCP Length");

    // Through an ns3::Packet: RemoveHeader leaves exactly the payload.
    Ptr<Packet> p = Create<Packet>(line.bytes.data(), line.bytes.size());
    L2tpHeader d;
    NS_TEST_EXPECT_MSG_EQ(p->RemoveHeader(d), n, where);
    NS_TEST_EXPECT_MSG_EQ(d.IsValid(), true, where);
    NS_TEST_EXPECT_MSG_EQ(p->GetSize(), payload.size(), where << ": payload size");
    // Byte for byte: header + payload.
    std::vector<uint8_t> out;
    h.AppendTo(out);
    out.insert(out.end(), payload.begin(), payload.end());
    NS_TEST_EXPECT_MSG_EQ(ToHex(out), ToHex(line.bytes), where << ": re-serialized");
}

void
L2tpXl2tpdCaseTestCase::DoRun()
{
    const std::string base = DataDir() + "/xl2tpd/" + m_case;
    const auto lines = LoadXl2tpdCase(m_case);
    const auto rows = ReadTsharkSummary(base + ".txt");
    const auto frames = ReadTsharkDecode(base + ".txt");
    std::ifstream secrets(base + ".l2tp-secrets");
    if (secrets)
    {
        m_secret = ReadL2tpSecret(base + ".l2tp-secrets");
    }
    NS_TEST_ASSERT_MSG_GT(lines.size(), 0u, m_case);
    NS_TEST_ASSERT_MSG_EQ(rows.size(), lines.size(), m_case << ": summary rows");
    NS_TEST_ASSERT_MSG_EQ(frames.size(), lines.size(), m_case << ": decoded frames");
    for (size_t i = 0; i < lines.size(); ++i)
    {
        const VectorLine& line = lines[i];
        NS_TEST_ASSERT_MSG_EQ(line.frame, i + 1, m_case << ": no blank lines");
        NS_TEST_EXPECT_MSG_EQ(rows[i].at("frame.number"), std::to_string(line.frame), m_case);
        NS_TEST_EXPECT_MSG_EQ(frames[i].number, line.frame, m_case);
        NS_TEST_EXPECT_MSG_EQ(frames[i].udpPayload, int64_t(line.bytes.size()),
                              m_case << " frame " << line.frame << ": UDP payload size");
        m_tally->frames++;
        if (IsControlBytes(line.bytes))
        {
            CheckControl(line, rows[i], frames[i]);
        }
        else
        {
            CheckData(line, rows[i], frames[i]);
        }
    }
    Simulator::Destroy();
}

/**
 * \ingroup l2tp
 * \brief Totals over all captures: nothing was skipped.
 */
class L2tpXl2tpdTotalsTestCase : public TestCase
{
public:
    /// \param tally the counts of the cases that ran before
    explicit L2tpXl2tpdTotalsTestCase(const Tally* tally)
        : TestCase("totals over all xl2tpd vectors")
        , m_tally(tally)
    {
    }

private:
    void DoRun() override
    {
        // 17 + 13 + 10 + 17 + 17 frames; 12 data messages in case 5a/5b; 20 ZLBs.
        NS_TEST_EXPECT_MSG_EQ(m_tally->frames, 74u, "frames");
        NS_TEST_EXPECT_MSG_EQ(m_tally->control, 62u, "control messages");
        NS_TEST_EXPECT_MSG_EQ(m_tally->zlb, 20u, "ZLBs");
        NS_TEST_EXPECT_MSG_EQ(m_tally->data, 12u, "data messages");
        NS_TEST_EXPECT_MSG_EQ(m_tally->avps, 200u, "AVPs");
        NS_TEST_EXPECT_MSG_EQ(m_tally->challengeResponses, 2u, "challenge responses");
        // How often each value appears in tshark's decode (counted with grep on the .txt files).
        const std::map<std::string, uint32_t> expected = {
            {"Message Type", 42},
            {"Version", 13},
            {"Revision", 13},
            {"Async Framing Supported", 13},
            {"Sync Framing Supported", 13},
            {"Analog Access Supported", 13},
            {"Digital Access Supported", 13},
            {"Firmware Revision", 13},
            {"Host Name", 13},
            {"Vendor Name", 13},
            {"Assigned Tunnel ID", 22},
            {"Receive Window Size", 13},
            {"CHAP Challenge", 2},
            {"CHAP Challenge Response", 2},
            {"Assigned Session ID", 10},
            {"Call Serial Number", 4},
            {"Analog Bearer Type", 4},
            {"Digital Bearer Type", 4},
            {"Async Framing Type", 4},
            {"Sync Framing Type", 4},
            {"Connect Speed", 4},
            {"Rx Connect Speed", 4},
            {"Result code", 11},
            {"Error code", 11},
            {"Error Message", 9},
        };
        NS_TEST_EXPECT_MSG_EQ(m_tally->fields.size(), expected.size(), "kinds of values");
        for (const auto& [name, count] : expected)
        {
            auto it = m_tally->fields.find(name);
            NS_TEST_EXPECT_MSG_EQ((it == m_tally->fields.end() ? 0u : it->second), count, name);
        }
        Simulator::Destroy();
    }

    const Tally* m_tally; //!< counts
};

/**
 * \ingroup l2tp
 * \brief The l2tp-xl2tpd-vectors suite: one test case per capture, then the totals.
 */
class L2tpXl2tpdVectorsTestSuite : public TestSuite
{
public:
    L2tpXl2tpdVectorsTestSuite()
        : TestSuite("l2tp-xl2tpd-vectors", TestSuite::Type::UNIT)
    {
        for (const auto& c : Xl2tpdCases())
        {
            AddTestCase(new L2tpXl2tpdCaseTestCase(c, &m_tally));
        }
        AddTestCase(new L2tpXl2tpdTotalsTestCase(&m_tally));
    }

private:
    Tally m_tally; //!< counts shared by the test cases
};

/// The suite's instance.
L2tpXl2tpdVectorsTestSuite g_l2tpXl2tpdVectorsTestSuite;

} // namespace
