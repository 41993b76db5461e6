/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-hdlc.h"

#include <array>

namespace ns3
{

namespace
{

/// The FCS-16 lookup table of RFC 1662 C.2, generated from the polynomial 0x8408.
std::array<uint16_t, 256>
MakeFcs16Table()
{
    std::array<uint16_t, 256> t{};
    for (unsigned b = 0; b < 256; ++b)
    {
        uint16_t v = static_cast<uint16_t>(b);
        for (int i = 0; i < 8; ++i)
        {
            v = (v & 1) ? static_cast<uint16_t>((v >> 1) ^ 0x8408) : static_cast<uint16_t>(v >> 1);
        }
        t[b] = v;
    }
    return t;
}

/// The FCS-32 lookup table of RFC 1662 C.3, generated from the polynomial 0xedb88320.
std::array<uint32_t, 256>
MakeFcs32Table()
{
    std::array<uint32_t, 256> t{};
    for (unsigned b = 0; b < 256; ++b)
    {
        uint32_t v = b;
        for (int i = 0; i < 8; ++i)
        {
            v = (v & 1) ? ((v >> 1) ^ 0xedb88320u) : (v >> 1);
        }
        t[b] = v;
    }
    return t;
}

const std::array<uint16_t, 256> g_fcs16 = MakeFcs16Table();
const std::array<uint32_t, 256> g_fcs32 = MakeFcs32Table();

} // namespace

uint16_t
PppHdlc::Fcs16(uint16_t fcs, const uint8_t* data, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i)
    {
        fcs = static_cast<uint16_t>((fcs >> 8) ^ g_fcs16[(fcs ^ data[i]) & 0xff]);
    }
    return fcs;
}

uint32_t
PppHdlc::Fcs32(uint32_t fcs, const uint8_t* data, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i)
    {
        fcs = (fcs >> 8) ^ g_fcs32[(fcs ^ data[i]) & 0xff];
    }
    return fcs;
}

bool
PppHdlc::NeedsEscape(uint8_t octet, uint32_t accm)
{
    return octet == FLAG || octet == ESCAPE || (octet < 0x20 && ((accm >> octet) & 1));
}

std::vector<uint8_t>
PppHdlc::Encode(const std::vector<uint8_t>& frame, uint32_t accm, bool fcs32)
{
    std::vector<uint8_t> body = frame;
    if (fcs32)
    {
        const uint32_t fcs = ~Fcs32(FCS32_INIT, frame.data(), frame.size());
        for (int i = 0; i < 4; ++i)
        {
            body.push_back(static_cast<uint8_t>(fcs >> (8 * i)));
        }
    }
    else
    {
        const uint16_t fcs = static_cast<uint16_t>(~Fcs16(FCS16_INIT, frame.data(), frame.size()));
        body.push_back(static_cast<uint8_t>(fcs & 0xff));
        body.push_back(static_cast<uint8_t>(fcs >> 8));
    }
    std::vector<uint8_t> out;
    out.reserve(body.size() * 2 + 2);
    out.push_back(FLAG);
    for (uint8_t b : body)
    {
        if (NeedsEscape(b, accm))
        {
            out.push_back(ESCAPE);
            out.push_back(static_cast<uint8_t>(b ^ 0x20));
        }
        else
        {
            out.push_back(b);
        }
    }
    out.push_back(FLAG);
    return out;
}

PppHdlcDecoder::PppHdlcDecoder(bool fcs32, std::size_t maxFrame)
    : m_fcs32(fcs32)
    , m_maxFrame(maxFrame)
{
}

void
PppHdlcDecoder::SetReceiveAccm(uint32_t accm)
{
    m_accm = accm;
}

void
PppHdlcDecoder::SetFcs32(bool fcs32)
{
    m_fcs32 = fcs32;
}

void
PppHdlcDecoder::EndFrame(std::vector<std::vector<uint8_t>>& out)
{
    const std::size_t fcsLen = m_fcs32 ? 4 : 2;
    if (m_escape)
    {
        ++m_drops[ABORTED];
    }
    else if (m_overflow)
    {
        ++m_drops[TOO_LONG];
    }
    else if (m_buffer.empty())
    {
        // Back-to-back flags (inter-frame fill or a shared flag): not a frame.
    }
    else if (m_buffer.size() < fcsLen + 1)
    {
        ++m_drops[TOO_SHORT];
    }
    else
    {
        bool good = m_fcs32 ? PppHdlc::Fcs32(PppHdlc::FCS32_INIT, m_buffer.data(), m_buffer.size())
                                  == PppHdlc::FCS32_GOOD
                            : PppHdlc::Fcs16(PppHdlc::FCS16_INIT, m_buffer.data(), m_buffer.size())
                                  == PppHdlc::FCS16_GOOD;
        if (good)
        {
            m_buffer.resize(m_buffer.size() - fcsLen);
            out.push_back(m_buffer);
            ++m_frames;
        }
        else
        {
            ++m_drops[BAD_FCS];
        }
    }
    m_buffer.clear();
    m_escape = false;
    m_overflow = false;
}

std::vector<std::vector<uint8_t>>
PppHdlcDecoder::Push(const uint8_t* data, std::size_t size)
{
    std::vector<std::vector<uint8_t>> out;
    for (std::size_t i = 0; i < size; ++i)
    {
        const uint8_t b = data[i];
        if (b == PppHdlc::FLAG)
        {
            if (m_inFrame)
            {
                EndFrame(out);
            }
            m_inFrame = true;
            continue;
        }
        if (!m_inFrame)
        {
            continue; // octets before the first flag are line noise
        }
        if (b < 0x20 && ((m_accm >> b) & 1))
        {
            continue; // RFC 1662 4.2: flagged control characters received raw are discarded
        }
        if (b == PppHdlc::ESCAPE)
        {
            m_escape = true;
            continue;
        }
        uint8_t v = b;
        if (m_escape)
        {
            v ^= 0x20;
            m_escape = false;
        }
        if (m_buffer.size() >= m_maxFrame)
        {
            m_overflow = true;
            continue;
        }
        m_buffer.push_back(v);
    }
    return out;
}

uint64_t
PppHdlcDecoder::GetDrops(Drop reason) const
{
    return reason < DROP_COUNT ? m_drops[reason] : 0;
}

uint64_t
PppHdlcDecoder::GetFrames() const
{
    return m_frames;
}

std::string
PppHdlcDecoder::DropText(Drop reason)
{
    switch (reason)
    {
        case BAD_FCS:
            return "FCS check failed";
        case TOO_SHORT:
            return "frame shorter than its FCS";
        case ABORTED:
            return "abort sequence (0x7d 0x7e)";
        case TOO_LONG:
            return "frame longer than the maximum";
        case DROP_COUNT:
            break;
    }
    return "unknown";
}

} // namespace ns3
