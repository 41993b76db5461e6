/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-header.h"

#include "ns3/log.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeHeader");
NS_OBJECT_ENSURE_REGISTERED(IkeHeader);

IkeHeader::IkeHeader() {}

TypeId
IkeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeHeader")
                            .SetParent<Header>()
                            .SetGroupName("L2tp")
                            .AddConstructor<IkeHeader>();
    return tid;
}

TypeId
IkeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
IkeHeader::GetSerializedSize() const
{
    return SIZE;
}

void
IkeHeader::Write(std::vector<uint8_t>& out) const
{
    out.insert(out.end(), initiatorCookie.begin(), initiatorCookie.end());
    out.insert(out.end(), responderCookie.begin(), responderCookie.end());
    out.push_back(nextPayload);
    out.push_back(version);
    out.push_back(exchangeType);
    out.push_back(flags);
    for (int s = 24; s >= 0; s -= 8)
    {
        out.push_back(static_cast<uint8_t>(messageId >> s));
    }
    for (int s = 24; s >= 0; s -= 8)
    {
        out.push_back(static_cast<uint8_t>(length >> s));
    }
}

void
IkeHeader::Serialize(Buffer::Iterator start) const
{
    std::vector<uint8_t> out;
    Write(out);
    start.Write(out.data(), static_cast<uint32_t>(out.size()));
}

uint32_t
IkeHeader::Parse(const uint8_t* data, uint32_t size, IkeHeader& header, std::string& reason)
{
    return ParseFields(data, size, header, reason, true);
}

uint32_t
IkeHeader::ParseFields(const uint8_t* data, uint32_t size, IkeHeader& header, std::string& reason,
                       bool checkLength)
{
    if (data == nullptr || size < SIZE)
    {
        reason = "ISAKMP header truncated: " + std::to_string(size) + " < 28 bytes";
        return 0;
    }
    if ((data[17] >> 4) != 1)
    {
        reason = "unsupported ISAKMP major version " + std::to_string(data[17] >> 4);
        return 0;
    }
    if ((data[19] & 0xf8) != 0)
    {
        reason = "unknown ISAKMP flag bits " + std::to_string(data[19]);
        return 0;
    }
    uint32_t length = (uint32_t(data[24]) << 24) | (uint32_t(data[25]) << 16)
                      | (uint32_t(data[26]) << 8) | data[27];
    if (length < SIZE)
    {
        reason = "ISAKMP Length " + std::to_string(length) + " < 28";
        return 0;
    }
    if (checkLength && length > size)
    {
        reason = "ISAKMP Length " + std::to_string(length) + " exceeds the " + std::to_string(size)
                 + " bytes available";
        return 0;
    }
    IkeHeader h;
    std::copy(data, data + 8, h.initiatorCookie.begin());
    std::copy(data + 8, data + 16, h.responderCookie.begin());
    h.nextPayload = data[16];
    h.version = data[17];
    h.exchangeType = data[18];
    h.flags = data[19];
    h.messageId = (uint32_t(data[20]) << 24) | (uint32_t(data[21]) << 16)
                  | (uint32_t(data[22]) << 8) | data[23];
    h.length = length;
    header = h;
    return SIZE;
}

uint32_t
IkeHeader::Deserialize(Buffer::Iterator start)
{
    uint8_t raw[SIZE];
    uint32_t n = std::min<uint32_t>(start.GetRemainingSize(), SIZE);
    start.Read(raw, n);
    std::string reason;
    IkeHeader h;
    // Deserialize() sees the header alone: the Length is checked against the 28-byte minimum
    // only; callers holding the whole message use Parse().
    if (ParseFields(raw, n, h, reason, false) == 0)
    {
        m_valid = false;
        m_error = reason;
        return n;
    }
    *this = h;
    m_valid = true;
    m_error.clear();
    return SIZE;
}

bool
IkeHeader::IsValid() const
{
    return m_valid;
}

const std::string&
IkeHeader::GetError() const
{
    return m_error;
}

bool
IkeHeader::IsEncrypted() const
{
    return (flags & FLAG_ENCRYPTION) != 0;
}

std::vector<uint8_t>
IkeHeader::Cookies() const
{
    std::vector<uint8_t> c(initiatorCookie.begin(), initiatorCookie.end());
    c.insert(c.end(), responderCookie.begin(), responderCookie.end());
    return c;
}

std::string
IkeHeader::ExchangeTypeName(uint8_t t)
{
    switch (t)
    {
        case EXCHANGE_BASE:
            return "Base";
        case EXCHANGE_IDENTITY_PROTECTION:
            return "Main Mode";
        case EXCHANGE_AUTHENTICATION_ONLY:
            return "Authentication Only";
        case EXCHANGE_AGGRESSIVE:
            return "Aggressive";
        case EXCHANGE_INFORMATIONAL:
            return "Informational";
        case EXCHANGE_QUICK_MODE:
            return "Quick Mode";
        case EXCHANGE_NEW_GROUP_MODE:
            return "New Group Mode";
        default:
            return "exchange " + std::to_string(t);
    }
}

void
IkeHeader::Print(std::ostream& os) const
{
    std::ostringstream s;
    s << std::hex << std::setfill('0');
    for (auto b : initiatorCookie)
    {
        s << std::setw(2) << unsigned(b);
    }
    s << "/";
    for (auto b : responderCookie)
    {
        s << std::setw(2) << unsigned(b);
    }
    os << "ISAKMP " << ExchangeTypeName(exchangeType) << " cookies=" << s.str()
       << " next=" << unsigned(nextPayload) << " flags=" << unsigned(flags) << " mid=" << messageId
       << " length=" << length;
}

bool
IkeHeader::HasNonEspMarker(const uint8_t* data, uint32_t size)
{
    return data != nullptr && size >= NON_ESP_MARKER_SIZE && data[0] == 0 && data[1] == 0
           && data[2] == 0 && data[3] == 0;
}

std::vector<uint8_t>
IkeHeader::AddNonEspMarker(const std::vector<uint8_t>& ike)
{
    std::vector<uint8_t> out;
    out.reserve(ike.size() + NON_ESP_MARKER_SIZE);
    out.resize(NON_ESP_MARKER_SIZE, 0);
    for (uint8_t b : ike)
    {
        out.push_back(b);
    }
    return out;
}

} // namespace ns3
