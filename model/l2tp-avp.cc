/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-avp.h"

#include "l2tp-byte-io.h"

#include "ns3/abort.h"

#include <cstdio>
#include <sstream>

namespace ns3
{

using l2tpbytes::PutU16;
using l2tpbytes::PutU32;
using l2tpbytes::ReadU16;
using l2tpbytes::ReadU32;

namespace
{
using F = L2tpAvp::Format;
using T = L2tpAvp::Type;

// RFC 2661 section 4.4, one line per attribute: value length bounds, whether the H bit may be
// set, and the M bit senders set. Variable-length values are bounded by the 10-bit AVP Length.
constexpr uint16_t VAR = L2tpAvp::MAX_LENGTH - L2tpAvp::HEADER_SIZE;
const std::vector<L2tpAvp::Spec> g_specs = {
    {T::MESSAGE_TYPE, "Message Type", "message_type", F::U16, 2, 2, false, true},
    {T::RESULT_CODE, "Result Code", "result_code", F::RESULT_CODE, 2, VAR, true, true},
    {T::PROTOCOL_VERSION, "Protocol Version", "protocol_version", F::PROTOCOL_VERSION, 2, 2, false,
     true},
    {T::FRAMING_CAPABILITIES, "Framing Capabilities", "framing_capabilities", F::BITS32, 4, 4, true,
     true},
    {T::BEARER_CAPABILITIES, "Bearer Capabilities", "bearer_capabilities", F::BITS32, 4, 4, true,
     true},
    {T::TIE_BREAKER, "Tie Breaker", "tie_breaker", F::U64, 8, 8, false, false},
    {T::FIRMWARE_REVISION, "Firmware Revision", "firmware_revision", F::U16, 2, 2, true, false},
    {T::HOST_NAME, "Host Name", "host_name", F::STRING, 1, VAR, false, true},
    {T::VENDOR_NAME, "Vendor Name", "vendor_name", F::STRING, 0, VAR, true, false},
    {T::ASSIGNED_TUNNEL_ID, "Assigned Tunnel ID", "assigned_tunnel_id", F::U16, 2, 2, true, true},
    {T::RECEIVE_WINDOW_SIZE, "Receive Window Size", "receive_window_size", F::U16, 2, 2, false,
     true},
    {T::CHALLENGE, "Challenge", "challenge", F::OCTETS, 1, VAR, true, true},
    {T::Q931_CAUSE_CODE, "Q.931 Cause Code", "q931_cause_code", F::Q931_CAUSE, 3, VAR, false, true},
    {T::CHALLENGE_RESPONSE, "Challenge Response", "challenge_response", F::OCTETS, 16, 16, true,
     true},
    {T::ASSIGNED_SESSION_ID, "Assigned Session ID", "assigned_session_id", F::U16, 2, 2, true,
     true},
    {T::CALL_SERIAL_NUMBER, "Call Serial Number", "call_serial_number", F::U32, 4, 4, false, true},
    {T::MINIMUM_BPS, "Minimum BPS", "minimum_bps", F::U32, 4, 4, true, true},
    {T::MAXIMUM_BPS, "Maximum BPS", "maximum_bps", F::U32, 4, 4, true, true},
    {T::BEARER_TYPE, "Bearer Type", "bearer_type", F::BITS32, 4, 4, true, true},
    {T::FRAMING_TYPE, "Framing Type", "framing_type", F::BITS32, 4, 4, true, true},
    {T::CALLED_NUMBER, "Called Number", "called_number", F::STRING, 0, VAR, true, true},
    {T::CALLING_NUMBER, "Calling Number", "calling_number", F::STRING, 0, VAR, true, true},
    {T::SUB_ADDRESS, "Sub-Address", "sub_address", F::STRING, 0, VAR, true, true},
    {T::TX_CONNECT_SPEED, "(Tx) Connect Speed", "tx_connect_speed", F::U32, 4, 4, true, true},
    {T::PHYSICAL_CHANNEL_ID, "Physical Channel ID", "physical_channel_id", F::U32, 4, 4, true,
     false},
    {T::INITIAL_RECEIVED_LCP_CONFREQ, "Initial Received LCP CONFREQ",
     "initial_received_lcp_confreq", F::OCTETS, 0, VAR, true, false},
    {T::LAST_SENT_LCP_CONFREQ, "Last Sent LCP CONFREQ", "last_sent_lcp_confreq", F::OCTETS, 0, VAR,
     true, false},
    {T::LAST_RECEIVED_LCP_CONFREQ, "Last Received LCP CONFREQ", "last_received_lcp_confreq",
     F::OCTETS, 0, VAR, true, false},
    {T::PROXY_AUTHEN_TYPE, "Proxy Authen Type", "proxy_authen_type", F::U16, 2, 2, true, false},
    {T::PROXY_AUTHEN_NAME, "Proxy Authen Name", "proxy_authen_name", F::STRING, 0, VAR, true,
     false},
    {T::PROXY_AUTHEN_CHALLENGE, "Proxy Authen Challenge", "proxy_authen_challenge", F::OCTETS, 1,
     VAR, true, false},
    {T::PROXY_AUTHEN_ID, "Proxy Authen ID", "proxy_authen_id", F::PROXY_AUTHEN_ID, 2, 2, true,
     false},
    {T::PROXY_AUTHEN_RESPONSE, "Proxy Authen Response", "proxy_authen_response", F::OCTETS, 0, VAR,
     true, false},
    {T::CALL_ERRORS, "Call Errors", "call_errors", F::CALL_ERRORS, 26, 26, true, true},
    {T::ACCM, "ACCM", "accm", F::ACCM, 10, 10, true, true},
    {T::RANDOM_VECTOR, "Random Vector", "random_vector", F::OCTETS, 1, VAR, false, true},
    {T::PRIVATE_GROUP_ID, "Private Group ID", "private_group_id", F::OCTETS, 0, VAR, true, false},
    {T::RX_CONNECT_SPEED, "Rx Connect Speed", "rx_connect_speed", F::U32, 4, 4, true, false},
    {T::SEQUENCING_REQUIRED, "Sequencing Required", "sequencing_required", F::EMPTY, 0, 0, false,
     true},
};

std::string
Hex(const std::vector<uint8_t>& v, size_t from = 0)
{
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (size_t i = from; i < v.size(); ++i)
    {
        s += digits[v[i] >> 4];
        s += digits[v[i] & 0xf];
    }
    return s;
}

} // namespace

const L2tpAvp::Spec*
L2tpAvp::FindSpec(uint16_t type)
{
    // Types 0..39 with 20 unassigned: index directly, O(1).
    static std::vector<const Spec*> byType = []
    {
        std::vector<const Spec*> t(SEQUENCING_REQUIRED + 1, nullptr);
        for (const auto& s : g_specs)
        {
            t[s.type] = &s;
        }
        return t;
    }();
    return type < byType.size() ? byType[type] : nullptr;
}

const std::vector<L2tpAvp::Spec>&
L2tpAvp::AllSpecs()
{
    return g_specs;
}

std::string
L2tpAvp::QuoteText(const std::string& s)
{
    std::string q = "\"";
    for (unsigned char c : s)
    {
        if (c == '"' || c == '\\')
        {
            q += '\\';
            q += c;
        }
        else if (c < 0x20 || c >= 0x7f)
        {
            char buf[5];
            std::snprintf(buf, sizeof(buf), "\\x%02x", c);
            q += buf;
        }
        else
        {
            q += c;
        }
    }
    return q + "\"";
}

std::string
L2tpAvp::TypeName(uint16_t type)
{
    const Spec* s = FindSpec(type);
    return s ? s->name : "Unknown(" + std::to_string(type) + ")";
}

L2tpAvp::L2tpAvp(uint16_t type, std::vector<uint8_t> value, std::optional<bool> mandatory)
    : m_type(type)
    , m_value(std::move(value))
{
    const Spec* s = FindSpec(type);
    m_mandatory = mandatory.value_or(s ? s->mandatory : true);
}

L2tpAvp
L2tpAvp::FromU16(uint16_t type, uint16_t v)
{
    return L2tpAvp(type, {uint8_t(v >> 8), uint8_t(v & 0xff)});
}

L2tpAvp
L2tpAvp::FromU32(uint16_t type, uint32_t v)
{
    std::vector<uint8_t> b;
    PutU32(b, v);
    return L2tpAvp(type, b);
}

L2tpAvp
L2tpAvp::FromU64(uint16_t type, uint64_t v)
{
    std::vector<uint8_t> b;
    PutU32(b, v >> 32);
    PutU32(b, v & 0xffffffffu);
    return L2tpAvp(type, b);
}

L2tpAvp
L2tpAvp::FromString(uint16_t type, const std::string& s)
{
    return L2tpAvp(type, std::vector<uint8_t>(s.begin(), s.end()));
}

L2tpAvp
L2tpAvp::FromOctets(uint16_t type, const std::vector<uint8_t>& v)
{
    return L2tpAvp(type, v);
}

L2tpAvp
L2tpAvp::FromResultCode(uint16_t type, const L2tpResultCode& rc)
{
    std::vector<uint8_t> b;
    PutU16(b, rc.result);
    if (rc.error.has_value() || !rc.message.empty())
    {
        PutU16(b, rc.error.value_or(0));
        b.insert(b.end(), rc.message.begin(), rc.message.end());
    }
    return L2tpAvp(type, b);
}

L2tpAvp
L2tpAvp::FromProtocolVersion(uint8_t version, uint8_t revision)
{
    return L2tpAvp(PROTOCOL_VERSION, {version, revision});
}

L2tpAvp
L2tpAvp::FromQ931Cause(const L2tpQ931Cause& c)
{
    std::vector<uint8_t> b;
    PutU16(b, c.cause);
    b.push_back(c.msgCode);
    b.insert(b.end(), c.advisory.begin(), c.advisory.end());
    return L2tpAvp(Q931_CAUSE_CODE, b);
}

L2tpAvp
L2tpAvp::FromProxyAuthenId(uint8_t id)
{
    return L2tpAvp(PROXY_AUTHEN_ID, {0, id});
}

L2tpAvp
L2tpAvp::FromCallErrors(const L2tpCallErrors& e)
{
    std::vector<uint8_t> b{0, 0};
    for (uint32_t v : {e.crcErrors, e.framingErrors, e.hardwareOverruns, e.bufferOverruns,
                       e.timeoutErrors, e.alignmentErrors})
    {
        PutU32(b, v);
    }
    return L2tpAvp(CALL_ERRORS, b);
}

L2tpAvp
L2tpAvp::FromAccm(const L2tpAccm& a)
{
    std::vector<uint8_t> b{0, 0};
    PutU32(b, a.send);
    PutU32(b, a.receive);
    return L2tpAvp(ACCM, b);
}

L2tpAvp
L2tpAvp::SequencingRequired()
{
    return L2tpAvp(SEQUENCING_REQUIRED, {});
}

std::optional<uint16_t>
L2tpAvp::GetU16() const
{
    if (m_stillHidden || m_value.size() != 2)
    {
        return std::nullopt;
    }
    return uint16_t((m_value[0] << 8) | m_value[1]);
}

std::optional<uint32_t>
L2tpAvp::GetU32() const
{
    if (m_stillHidden || m_value.size() != 4)
    {
        return std::nullopt;
    }
    return ReadU32(m_value.data());
}

std::optional<uint64_t>
L2tpAvp::GetU64() const
{
    if (m_stillHidden || m_value.size() != 8)
    {
        return std::nullopt;
    }
    return (uint64_t(ReadU32(m_value.data())) << 32) | ReadU32(m_value.data() + 4);
}

std::string
L2tpAvp::GetString() const
{
    return std::string(m_value.begin(), m_value.end());
}

const std::vector<uint8_t>&
L2tpAvp::GetValue() const
{
    return m_value;
}

std::optional<L2tpResultCode>
L2tpAvp::GetResultCode() const
{
    // Result Code alone (2), with Error Code (4), then an optional Error Message.
    if (m_stillHidden || m_value.size() < 2 || m_value.size() == 3)
    {
        return std::nullopt;
    }
    L2tpResultCode rc;
    rc.result = (m_value[0] << 8) | m_value[1];
    if (m_value.size() >= 4)
    {
        rc.error = uint16_t((m_value[2] << 8) | m_value[3]);
        rc.message.assign(m_value.begin() + 4, m_value.end());
    }
    return rc;
}

std::optional<std::pair<uint8_t, uint8_t>>
L2tpAvp::GetProtocolVersion() const
{
    if (m_stillHidden || m_value.size() != 2)
    {
        return std::nullopt;
    }
    return std::make_pair(m_value[0], m_value[1]);
}

std::optional<L2tpQ931Cause>
L2tpAvp::GetQ931Cause() const
{
    if (m_stillHidden || m_value.size() < 3)
    {
        return std::nullopt;
    }
    L2tpQ931Cause c;
    c.cause = (m_value[0] << 8) | m_value[1];
    c.msgCode = m_value[2];
    c.advisory.assign(m_value.begin() + 3, m_value.end());
    return c;
}

std::optional<uint8_t>
L2tpAvp::GetProxyAuthenId() const
{
    if (m_stillHidden || m_value.size() != 2)
    {
        return std::nullopt;
    }
    return m_value[1];
}

std::optional<L2tpCallErrors>
L2tpAvp::GetCallErrors() const
{
    if (m_stillHidden || m_value.size() != 26)
    {
        return std::nullopt;
    }
    const uint8_t* p = m_value.data() + 2;
    L2tpCallErrors e;
    e.crcErrors = ReadU32(p);
    e.framingErrors = ReadU32(p + 4);
    e.hardwareOverruns = ReadU32(p + 8);
    e.bufferOverruns = ReadU32(p + 12);
    e.timeoutErrors = ReadU32(p + 16);
    e.alignmentErrors = ReadU32(p + 20);
    return e;
}

std::optional<L2tpAccm>
L2tpAvp::GetAccm() const
{
    if (m_stillHidden || m_value.size() != 10)
    {
        return std::nullopt;
    }
    return L2tpAccm{ReadU32(m_value.data() + 2), ReadU32(m_value.data() + 6)};
}

bool
L2tpAvp::CheckValue(std::string& reason) const
{
    const Spec* s = m_vendorId == 0 ? FindSpec(m_type) : nullptr;
    if (s == nullptr || m_stillHidden)
    {
        return true;
    }
    if (m_value.size() < s->minValue || m_value.size() > s->maxValue)
    {
        reason = std::string(s->name) + " value of " + std::to_string(m_value.size())
                 + " octets, expected "
                 + (s->minValue == s->maxValue
                        ? std::to_string(s->minValue)
                        : std::to_string(s->minValue) + ".." + std::to_string(s->maxValue));
        return false;
    }
    if (s->format == Format::RESULT_CODE && m_value.size() == 3)
    {
        reason = "Result Code value of 3 octets: an Error Code needs 2";
        return false;
    }
    return true;
}

std::string
L2tpAvp::ValueToString() const
{
    const Spec* s = m_vendorId == 0 ? FindSpec(m_type) : nullptr;
    if (m_stillHidden)
    {
        return "hidden:" + Hex(m_value);
    }
    std::string reason;
    if (s == nullptr || !CheckValue(reason))
    {
        return Hex(m_value);
    }
    std::ostringstream os;
    switch (s->format)
    {
        case Format::U16:
            os << *GetU16();
            break;
        case Format::U32:
            os << *GetU32();
            break;
        case Format::U64:
            os << "0x" << Hex(m_value);
            break;
        case Format::BITS32:
        {
            char buf[12];
            std::snprintf(buf, sizeof(buf), "0x%08x", *GetU32());
            os << buf;
            break;
        }
        case Format::STRING:
            os << QuoteText(GetString());
            break;
        case Format::OCTETS:
            os << Hex(m_value);
            break;
        case Format::EMPTY:
            os << "yes";
            break;
        case Format::RESULT_CODE:
        {
            auto rc = *GetResultCode();
            os << "result=" << rc.result;
            if (rc.error)
            {
                os << ",error=" << *rc.error;
            }
            if (!rc.message.empty())
            {
                os << ",message=" << QuoteText(rc.message);
            }
            break;
        }
        case Format::PROTOCOL_VERSION:
            os << unsigned(m_value[0]) << "." << unsigned(m_value[1]);
            break;
        case Format::Q931_CAUSE:
        {
            auto c = *GetQ931Cause();
            os << "cause=" << c.cause << ",msg=" << unsigned(c.msgCode);
            if (!c.advisory.empty())
            {
                os << ",advisory=" << QuoteText(c.advisory);
            }
            break;
        }
        case Format::PROXY_AUTHEN_ID:
            os << unsigned(*GetProxyAuthenId());
            break;
        case Format::CALL_ERRORS:
        {
            auto e = *GetCallErrors();
            os << "crc=" << e.crcErrors << ",framing=" << e.framingErrors
               << ",hw_overruns=" << e.hardwareOverruns << ",buf_overruns=" << e.bufferOverruns
               << ",timeouts=" << e.timeoutErrors << ",alignment=" << e.alignmentErrors;
            break;
        }
        case Format::ACCM:
        {
            auto a = *GetAccm();
            char buf[40];
            std::snprintf(buf, sizeof(buf), "send=0x%08x,recv=0x%08x", a.send, a.receive);
            os << buf;
            break;
        }
    }
    return os.str();
}

uint16_t
L2tpAvp::GetType() const
{
    return m_type;
}

uint16_t
L2tpAvp::GetVendorId() const
{
    return m_vendorId;
}

void
L2tpAvp::SetVendorId(uint16_t vendorId)
{
    m_vendorId = vendorId;
}

bool
L2tpAvp::IsMandatory() const
{
    return m_mandatory;
}

void
L2tpAvp::SetMandatory(bool m)
{
    m_mandatory = m;
}

bool
L2tpAvp::IsHidden() const
{
    return m_hidden;
}

void
L2tpAvp::SetHidden(bool h)
{
    m_hidden = h;
}

uint16_t
L2tpAvp::GetReservedBits() const
{
    return m_reserved;
}

bool
L2tpAvp::IsStillHidden() const
{
    return m_stillHidden;
}

uint32_t
L2tpAvp::GetPlainSize() const
{
    return HEADER_SIZE + m_value.size();
}

void
L2tpAvp::AppendWithBody(std::vector<uint8_t>& out, const std::vector<uint8_t>& body,
                        bool hidden) const
{
    // The Length field has 10 bits: a longer value would be written with a wrapped Length
    // and corrupt the rest of the message, so building one is a programming error.
    NS_ABORT_MSG_IF(HEADER_SIZE + body.size() > MAX_LENGTH,
                    TypeName(m_type) << " AVP of " << HEADER_SIZE + body.size()
                                     << " octets exceeds the 10-bit AVP Length (1023)");
    uint16_t first = (m_mandatory ? FLAG_M : 0) | (hidden ? FLAG_H : 0) | m_reserved
                     | ((HEADER_SIZE + body.size()) & LENGTH_MASK);
    PutU16(out, first);
    PutU16(out, m_vendorId);
    PutU16(out, m_type);
    out.insert(out.end(), body.begin(), body.end());
}

void
L2tpAvp::AppendPlain(std::vector<uint8_t>& out) const
{
    // A still-hidden value is ciphertext: it goes back out hidden, exactly as received.
    AppendWithBody(out, m_value, m_stillHidden);
}

uint32_t
L2tpAvp::ParseOne(const uint8_t* data, uint32_t size, L2tpAvp& avp, std::string& reason)
{
    if (size < HEADER_SIZE)
    {
        reason = "truncated AVP: " + std::to_string(size) + " bytes left, header needs 6";
        return 0;
    }
    uint16_t first = (data[0] << 8) | data[1];
    uint16_t length = first & LENGTH_MASK;
    if (length < HEADER_SIZE)
    {
        reason = "AVP Length " + std::to_string(length) + " is below the 6-byte AVP header";
        return 0;
    }
    if (length > size)
    {
        reason = "AVP Length " + std::to_string(length) + " overruns the message ("
                 + std::to_string(size) + " bytes left)";
        return 0;
    }
    avp = L2tpAvp();
    avp.m_mandatory = first & FLAG_M;
    avp.m_hidden = first & FLAG_H;
    avp.m_stillHidden = avp.m_hidden;
    avp.m_reserved = first & RESERVED_BITS;
    avp.m_vendorId = (data[2] << 8) | data[3];
    avp.m_type = (data[4] << 8) | data[5];
    avp.m_value.assign(data + HEADER_SIZE, data + length);
    return length;
}

void
L2tpAvp::SetUnhiddenValue(std::vector<uint8_t> plain)
{
    m_cipher = std::move(m_value);
    m_value = std::move(plain);
    m_stillHidden = false;
}

const std::vector<uint8_t>&
L2tpAvp::GetReceivedCipher() const
{
    return m_cipher;
}

} // namespace ns3
