/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-packet.h"

#include <algorithm>

namespace ns3
{

std::string
IpsecDropReasonName(IpsecDropReason reason)
{
    switch (reason)
    {
        case IpsecDropReason::NONE:
            return "none";
        case IpsecDropReason::TRUNCATED:
            return "truncated";
        case IpsecDropReason::BAD_LENGTH:
            return "bad-length";
        case IpsecDropReason::UNKNOWN_SPI:
            return "unknown-spi";
        case IpsecDropReason::SEQUENCE_ZERO:
            return "sequence-zero";
        case IpsecDropReason::REPLAY:
            return "replay";
        case IpsecDropReason::LEFT_OF_WINDOW:
            return "left-of-window";
        case IpsecDropReason::INTEGRITY_FAILURE:
            return "integrity-failure";
        case IpsecDropReason::BAD_PAD_LENGTH:
            return "bad-pad-length";
        case IpsecDropReason::BAD_PADDING:
            return "bad-padding";
        case IpsecDropReason::SEQUENCE_OVERFLOW:
            return "sequence-overflow";
        case IpsecDropReason::SA_EXPIRED:
            return "sa-expired";
        case IpsecDropReason::POLICY_DISCARD:
            return "policy-discard";
        case IpsecDropReason::ACQUIRE_OVERFLOW:
            return "acquire-overflow";
        case IpsecDropReason::ACQUIRE_FAILED:
            return "acquire-failed";
        case IpsecDropReason::COUNT:
            break;
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, IpsecDropReason reason)
{
    return os << IpsecDropReasonName(reason);
}

uint32_t
EspPacket::PadLength(std::size_t payloadSize, uint32_t alignment)
{
    uint32_t a = std::max(alignment, MIN_ALIGNMENT);
    return static_cast<uint32_t>((a - (payloadSize + TRAILER_SIZE) % a) % a);
}

std::size_t
EspPacket::EspSize(std::size_t payloadSize, uint32_t ivSize, uint32_t alignment, uint32_t icvSize)
{
    return HEADER_SIZE + ivSize + payloadSize + PadLength(payloadSize, alignment) + TRAILER_SIZE
           + icvSize;
}

std::vector<uint8_t>
EspPacket::BuildPlaintext(const std::vector<uint8_t>& payload, uint8_t nextHeader,
                          uint32_t alignment)
{
    uint32_t pad = PadLength(payload.size(), alignment);
    std::vector<uint8_t> out;
    out.reserve(payload.size() + pad + TRAILER_SIZE);
    out.insert(out.end(), payload.begin(), payload.end());
    for (uint32_t i = 1; i <= pad; ++i)
    {
        out.push_back(static_cast<uint8_t>(i));
    }
    out.push_back(static_cast<uint8_t>(pad));
    out.push_back(nextHeader);
    return out;
}

void
EspPacket::WriteHeader(uint32_t spi, uint32_t sequence, uint8_t* out)
{
    out[0] = static_cast<uint8_t>(spi >> 24);
    out[1] = static_cast<uint8_t>(spi >> 16);
    out[2] = static_cast<uint8_t>(spi >> 8);
    out[3] = static_cast<uint8_t>(spi);
    out[4] = static_cast<uint8_t>(sequence >> 24);
    out[5] = static_cast<uint8_t>(sequence >> 16);
    out[6] = static_cast<uint8_t>(sequence >> 8);
    out[7] = static_cast<uint8_t>(sequence);
}

uint32_t
EspPacket::PeekSpi(const uint8_t* data)
{
    return (static_cast<uint32_t>(data[0]) << 24) | (static_cast<uint32_t>(data[1]) << 16)
           | (static_cast<uint32_t>(data[2]) << 8) | static_cast<uint32_t>(data[3]);
}

bool
EspPacket::Split(const uint8_t* data, std::size_t size, uint32_t ivSize, uint32_t alignment,
                 uint32_t icvSize, Layout& layout, IpsecDropReason& reason, std::string& detail)
{
    uint32_t a = std::max(alignment, MIN_ALIGNMENT);
    std::size_t fixed = HEADER_SIZE + ivSize + icvSize;
    if (data == nullptr || size < fixed + a)
    {
        reason = IpsecDropReason::TRUNCATED;
        detail = "ESP packet of " + std::to_string(size) + " bytes is shorter than "
                 + std::to_string(fixed + a) + " (header 8 + IV " + std::to_string(ivSize)
                 + " + one block " + std::to_string(a) + " + ICV " + std::to_string(icvSize) + ")";
        return false;
    }
    layout.spi = PeekSpi(data);
    layout.sequence = PeekSpi(data + 4);
    layout.ivOffset = HEADER_SIZE;
    layout.ivSize = ivSize;
    layout.ctOffset = HEADER_SIZE + ivSize;
    layout.ctSize = size - fixed;
    layout.icvOffset = size - icvSize;
    layout.icvSize = icvSize;
    if (layout.ctSize % a != 0)
    {
        reason = IpsecDropReason::BAD_LENGTH;
        detail = "encrypted part of " + std::to_string(layout.ctSize)
                 + " bytes is not a multiple of " + std::to_string(a);
        return false;
    }
    return true;
}

bool
EspPacket::ParseTrailer(const std::vector<uint8_t>& plaintext, std::size_t& payloadSize,
                        uint8_t& padLength, uint8_t& nextHeader, IpsecDropReason& reason,
                        std::string& detail)
{
    if (plaintext.size() < TRAILER_SIZE)
    {
        reason = IpsecDropReason::TRUNCATED;
        detail = "decrypted part shorter than Pad Length + Next Header";
        return false;
    }
    padLength = plaintext[plaintext.size() - 2];
    nextHeader = plaintext[plaintext.size() - 1];
    if (static_cast<std::size_t>(padLength) + TRAILER_SIZE > plaintext.size())
    {
        reason = IpsecDropReason::BAD_PAD_LENGTH;
        detail = "Pad Length " + std::to_string(padLength) + " exceeds the "
                 + std::to_string(plaintext.size() - TRAILER_SIZE) + " bytes before the trailer";
        return false;
    }
    payloadSize = plaintext.size() - TRAILER_SIZE - padLength;
    for (uint32_t i = 0; i < padLength; ++i)
    {
        uint8_t b = plaintext[payloadSize + i];
        if (b != static_cast<uint8_t>(i + 1))
        {
            reason = IpsecDropReason::BAD_PADDING;
            detail = "pad byte " + std::to_string(i + 1) + " is " + std::to_string(b)
                     + ", expected " + std::to_string(i + 1);
            return false;
        }
    }
    return true;
}

EspPacket::UdpEncapKind
EspPacket::ClassifyUdpEncap(const uint8_t* data, std::size_t size)
{
    if (data == nullptr || size == 0)
    {
        return UdpEncapKind::MALFORMED;
    }
    if (size == 1)
    {
        return data[0] == 0xff ? UdpEncapKind::KEEPALIVE : UdpEncapKind::MALFORMED;
    }
    if (size < 4)
    {
        return UdpEncapKind::MALFORMED;
    }
    if (PeekSpi(data) == 0)
    {
        // Non-ESP marker: an IKE header (28 bytes) must follow.
        return size >= 4 + 28 ? UdpEncapKind::IKE : UdpEncapKind::MALFORMED;
    }
    return size >= HEADER_SIZE ? UdpEncapKind::ESP : UdpEncapKind::MALFORMED;
}

} // namespace ns3
