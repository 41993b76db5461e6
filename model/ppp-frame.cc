/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-frame.h"

#include <cstdio>

namespace ns3
{

PppFrame::PppFrame()
    : protocol(0)
{
}

PppFrame::PppFrame(uint16_t proto, const std::vector<uint8_t>& info)
    : protocol(proto)
    , information(info)
{
}

bool
PppFrame::IsCompressible(uint16_t proto)
{
    return proto < 0x0100;
}

std::vector<uint8_t>
PppFrame::Encode(bool acfc, bool pfc) const
{
    std::vector<uint8_t> out;
    out.reserve(information.size() + 4);
    const bool isLcp = protocol == PROTO_LCP;
    if (!acfc || isLcp)
    {
        out.push_back(ADDRESS);
        out.push_back(CONTROL);
    }
    if (!(pfc && !isLcp && IsCompressible(protocol)))
    {
        out.push_back(static_cast<uint8_t>(protocol >> 8));
    }
    out.push_back(static_cast<uint8_t>(protocol & 0xff));
    out.insert(out.end(), information.begin(), information.end());
    return out;
}

PppFrame::Error
PppFrame::Decode(const uint8_t* data, std::size_t size, PppFrame& frame)
{
    if (size == 0)
    {
        return EMPTY;
    }
    std::size_t pos = 0;
    bool addrCtl = false;
    if (data[0] == ADDRESS)
    {
        // 0xFF can never start a Protocol field (it is odd in the most significant octet).
        if (size < 2 || data[1] != CONTROL)
        {
            return BAD_ADDRESS_CONTROL;
        }
        pos = 2;
        addrCtl = true;
    }
    if (pos >= size)
    {
        return TRUNCATED_PROTOCOL;
    }
    uint16_t proto;
    bool compressed;
    if (data[pos] & 0x01)
    {
        // One-octet (compressed) Protocol field.
        proto = data[pos];
        pos += 1;
        compressed = true;
    }
    else
    {
        if (pos + 2 > size)
        {
            return TRUNCATED_PROTOCOL;
        }
        proto = static_cast<uint16_t>((data[pos] << 8) | data[pos + 1]);
        if ((data[pos + 1] & 0x01) == 0)
        {
            return BAD_PROTOCOL;
        }
        pos += 2;
        compressed = false;
    }
    frame.protocol = proto;
    frame.information.assign(data + pos, data + size);
    frame.hadAddressControl = addrCtl;
    frame.hadCompressedProtocol = compressed;
    return OK;
}

std::string
PppFrame::ProtocolName(uint16_t proto)
{
    switch (proto)
    {
        case PROTO_IPV4:
            return "IPv4";
        case PROTO_IPV6:
            return "IPv6";
        case PROTO_IPCP:
            return "IPCP";
        case PROTO_LCP:
            return "LCP";
        case PROTO_PAP:
            return "PAP";
        case PROTO_CHAP:
            return "CHAP";
        default:
        {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "0x%04x", proto);
            return buf;
        }
    }
}

std::string
PppFrame::ErrorText(Error error)
{
    switch (error)
    {
        case OK:
            return "ok";
        case EMPTY:
            return "empty frame";
        case TRUNCATED_PROTOCOL:
            return "frame ends inside the Protocol field";
        case BAD_ADDRESS_CONTROL:
            return "Address 0xff not followed by Control 0x03";
        case BAD_PROTOCOL:
            return "Protocol field not odd in its least significant octet";
    }
    return "unknown";
}

} // namespace ns3
