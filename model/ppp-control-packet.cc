/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-control-packet.h"

namespace ns3
{

PppOption::PppOption(uint8_t t, const std::vector<uint8_t>& d)
    : type(t)
    , data(d)
{
}

PppOption
PppOption::U16(uint8_t t, uint16_t v)
{
    return PppOption(t, {static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)});
}

PppOption
PppOption::U32(uint8_t t, uint32_t v)
{
    return PppOption(t, {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16),
                         static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)});
}

bool
PppOption::GetU16(uint16_t& v) const
{
    if (data.size() != 2)
    {
        return false;
    }
    v = static_cast<uint16_t>((data[0] << 8) | data[1]);
    return true;
}

bool
PppOption::GetU32(uint32_t& v) const
{
    if (data.size() != 4)
    {
        return false;
    }
    v = (uint32_t(data[0]) << 24) | (uint32_t(data[1]) << 16) | (uint32_t(data[2]) << 8)
        | uint32_t(data[3]);
    return true;
}

bool
PppOption::operator==(const PppOption& o) const
{
    return type == o.type && data == o.data;
}

PppControlPacket::PppControlPacket(uint8_t c, uint8_t id, const std::vector<uint8_t>& d)
    : code(c)
    , identifier(id)
    , data(d)
{
}

std::vector<uint8_t>
PppControlPacket::Encode() const
{
    const std::size_t length = HEADER_SIZE + data.size();
    std::vector<uint8_t> out;
    out.reserve(length);
    out.push_back(code);
    out.push_back(identifier);
    out.push_back(static_cast<uint8_t>(length >> 8));
    out.push_back(static_cast<uint8_t>(length));
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

PppControlPacket::Error
PppControlPacket::Parse(const uint8_t* bytes, std::size_t size, PppControlPacket& packet)
{
    if (size < HEADER_SIZE)
    {
        return TRUNCATED_HEADER;
    }
    const std::size_t length = (std::size_t(bytes[2]) << 8) | bytes[3];
    if (length < HEADER_SIZE)
    {
        return LENGTH_TOO_SHORT;
    }
    if (length > size)
    {
        return LENGTH_PAST_END;
    }
    packet.code = bytes[0];
    packet.identifier = bytes[1];
    packet.data.assign(bytes + HEADER_SIZE, bytes + length);
    return OK;
}

PppControlPacket::Error
PppControlPacket::ParseOptions(const std::vector<uint8_t>& data, std::vector<PppOption>& options)
{
    std::vector<PppOption> out;
    std::size_t pos = 0;
    while (pos < data.size())
    {
        if (data.size() - pos < 2)
        {
            return OPTION_TRUNCATED;
        }
        const std::size_t len = data[pos + 1];
        if (len < 2)
        {
            return OPTION_LENGTH_SHORT;
        }
        if (len > data.size() - pos)
        {
            return OPTION_PAST_END;
        }
        out.emplace_back(data[pos],
                         std::vector<uint8_t>(data.begin() + pos + 2, data.begin() + pos + len));
        pos += len;
    }
    options = std::move(out);
    return OK;
}

std::vector<uint8_t>
PppControlPacket::EncodeOptions(const std::vector<PppOption>& options)
{
    std::vector<uint8_t> out;
    for (const auto& o : options)
    {
        out.push_back(o.type);
        out.push_back(static_cast<uint8_t>(o.data.size() + 2));
        out.insert(out.end(), o.data.begin(), o.data.end());
    }
    return out;
}

std::string
PppControlPacket::ErrorText(Error error)
{
    switch (error)
    {
        case OK:
            return "ok";
        case TRUNCATED_HEADER:
            return "packet shorter than its 4-octet header";
        case LENGTH_TOO_SHORT:
            return "Length field below 4";
        case LENGTH_PAST_END:
            return "Length field past the end of the frame";
        case OPTION_TRUNCATED:
            return "option list ends inside an option header";
        case OPTION_LENGTH_SHORT:
            return "option Length below 2";
        case OPTION_PAST_END:
            return "option Length past the end of the packet";
    }
    return "unknown";
}

std::string
PppControlPacket::CodeName(uint8_t code)
{
    static const char* names[]
        = {"Vendor-Specific",  "Configure-Request", "Configure-Ack", "Configure-Nak",
           "Configure-Reject", "Terminate-Request", "Terminate-Ack", "Code-Reject",
           "Protocol-Reject",  "Echo-Request",      "Echo-Reply",    "Discard-Request"};
    if (code < sizeof(names) / sizeof(names[0]))
    {
        return names[code];
    }
    return "Code-" + std::to_string(code);
}

} // namespace ns3
