/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-header.h"

#include "l2tp-byte-io.h"

#include "ns3/log.h"

#include <sstream>

namespace ns3
{

using l2tpbytes::PutU16;
using l2tpbytes::PutU32;
using l2tpbytes::ReadU16;
using l2tpbytes::ReadU32;

NS_LOG_COMPONENT_DEFINE("L2tpHeader");
NS_OBJECT_ENSURE_REGISTERED(L2tpHeader);

L2tpHeader::L2tpHeader()
    : m_flags(VERSION)
{
}

L2tpHeader
L2tpHeader::MakeControl(uint16_t tunnelId, uint16_t sessionId, uint16_t ns, uint16_t nr)
{
    L2tpHeader h;
    h.m_flags = FLAG_T | FLAG_L | FLAG_S | VERSION;
    h.m_tunnelId = tunnelId;
    h.m_sessionId = sessionId;
    h.m_ns = ns;
    h.m_nr = nr;
    h.m_length = CONTROL_HEADER_SIZE;
    return h;
}

L2tpHeader
L2tpHeader::MakeData(uint16_t tunnelId, uint16_t sessionId, bool withLength)
{
    L2tpHeader h;
    h.m_flags = VERSION | (withLength ? FLAG_L : 0);
    h.m_tunnelId = tunnelId;
    h.m_sessionId = sessionId;
    return h;
}

uint32_t
L2tpHeader::Parse(const uint8_t* data, uint32_t size, L2tpHeader& h, std::string& reason)
{
    h = L2tpHeader();
    if (size < 2)
    {
        reason = "truncated: " + std::to_string(size) + " bytes, no flags/version field";
        return 0;
    }
    uint16_t flags = ReadU16(data);
    uint8_t ver = flags & VERSION_MASK;
    if (ver != VERSION)
    {
        if (ver == 1)
        {
            reason = "version 1 is L2F (RFC 2341), not L2TPv2";
        }
        else if (ver == 3)
        {
            reason = "version 3 is L2TPv3 (RFC 3931), not L2TPv2";
        }
        else
        {
            reason = "unknown version " + std::to_string(ver);
        }
        return 0;
    }
    bool control = flags & FLAG_T;
    if (control)
    {
        if (!(flags & FLAG_L) || !(flags & FLAG_S))
        {
            reason = "control message without the L and S bits set";
            return 0;
        }
        if (flags & (FLAG_O | FLAG_P))
        {
            reason = "control message with the O or P bit set";
            return 0;
        }
    }
    h.m_flags = flags;
    uint32_t need
        = 6 + ((flags & FLAG_L) ? 2 : 0) + ((flags & FLAG_S) ? 4 : 0) + ((flags & FLAG_O) ? 2 : 0);
    if (size < need)
    {
        reason = "truncated header: " + std::to_string(size) + " of " + std::to_string(need)
                 + " bytes";
        return 0;
    }
    uint32_t pos = 2;
    if (flags & FLAG_L)
    {
        h.m_length = ReadU16(data + pos);
        pos += 2;
    }
    h.m_tunnelId = ReadU16(data + pos);
    h.m_sessionId = ReadU16(data + pos + 2);
    pos += 4;
    if (flags & FLAG_S)
    {
        h.m_ns = ReadU16(data + pos);
        h.m_nr = ReadU16(data + pos + 2);
        pos += 4;
    }
    // The message ends at Length when present, else at the end of the datagram.
    uint32_t end = size;
    if (flags & FLAG_L)
    {
        if (h.m_length > size)
        {
            reason = "Length " + std::to_string(h.m_length) + " exceeds the datagram's "
                     + std::to_string(size) + " bytes";
            return 0;
        }
        end = h.m_length;
    }
    if (flags & FLAG_O)
    {
        uint16_t offset = ReadU16(data + pos);
        pos += 2;
        // A Length that ends inside the fixed header is reported as such (not as an offset
        // problem): the pad check below would otherwise catch it with a misleading reason.
        if (pos > end)
        {
            reason = "Length " + std::to_string(end) + " is shorter than the " + std::to_string(pos)
                     + "-byte header";
            return 0;
        }
        if (uint32_t(pos) + offset > end)
        {
            reason = "Offset Size " + std::to_string(offset) + " runs past the message end";
            return 0;
        }
        h.m_offsetPad.assign(data + pos, data + pos + offset);
        pos += offset;
    }
    if ((flags & FLAG_L) && h.m_length < pos)
    {
        reason = "Length " + std::to_string(h.m_length) + " is shorter than the "
                 + std::to_string(pos) + "-byte header";
        return 0;
    }
    return pos;
}

TypeId
L2tpHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::L2tpHeader")
                            .SetParent<Header>()
                            .SetGroupName("L2tp")
                            .AddConstructor<L2tpHeader>();
    return tid;
}

TypeId
L2tpHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
L2tpHeader::Print(std::ostream& os) const
{
    os << (IsControl() ? "control" : "data") << " flags=0x" << std::hex << m_flags << std::dec;
    if (HasLength())
    {
        os << " length=" << m_length;
    }
    os << " tunnel=" << m_tunnelId << " session=" << m_sessionId;
    if (HasSequence())
    {
        os << " Ns=" << m_ns << " Nr=" << m_nr;
    }
    if (HasOffset())
    {
        os << " offset=" << m_offsetPad.size();
    }
}

uint32_t
L2tpHeader::GetSerializedSize() const
{
    return 6 + (HasLength() ? 2 : 0) + (HasSequence() ? 4 : 0)
           + (HasOffset() ? 2 + m_offsetPad.size() : 0);
}

void
L2tpHeader::AppendTo(std::vector<uint8_t>& out) const
{
    PutU16(out, m_flags);
    if (HasLength())
    {
        PutU16(out, m_length);
    }
    PutU16(out, m_tunnelId);
    PutU16(out, m_sessionId);
    if (HasSequence())
    {
        PutU16(out, m_ns);
        PutU16(out, m_nr);
    }
    if (HasOffset())
    {
        PutU16(out, static_cast<uint16_t>(m_offsetPad.size()));
        out.insert(out.end(), m_offsetPad.begin(), m_offsetPad.end());
    }
}

void
L2tpHeader::Serialize(Buffer::Iterator start) const
{
    std::vector<uint8_t> bytes;
    AppendTo(bytes);
    start.Write(bytes.data(), bytes.size());
}

uint32_t
L2tpHeader::Deserialize(Buffer::Iterator start)
{
    // Copy what is there (bounded by the buffer) and parse with full checking.
    uint32_t avail = start.GetRemainingSize();
    std::vector<uint8_t> bytes(avail);
    start.Read(bytes.data(), avail);
    std::string reason;
    uint32_t n = Parse(bytes.data(), avail, *this, reason);
    m_error = reason;
    if (n == 0)
    {
        NS_LOG_LOGIC("rejected L2TP header: " << reason);
        m_flags = 0; // not a valid header: IsValid() is false
    }
    return n;
}

bool
L2tpHeader::IsControl() const
{
    return m_flags & FLAG_T;
}

void
L2tpHeader::SetControl(bool control)
{
    m_flags = control ? (m_flags | FLAG_T) : (m_flags & ~FLAG_T);
}

bool
L2tpHeader::HasLength() const
{
    return m_flags & FLAG_L;
}

void
L2tpHeader::SetHasLength(bool present)
{
    m_flags = present ? (m_flags | FLAG_L) : (m_flags & ~FLAG_L);
}

bool
L2tpHeader::HasSequence() const
{
    return m_flags & FLAG_S;
}

void
L2tpHeader::SetHasSequence(bool present)
{
    m_flags = present ? (m_flags | FLAG_S) : (m_flags & ~FLAG_S);
}

bool
L2tpHeader::HasOffset() const
{
    return m_flags & FLAG_O;
}

bool
L2tpHeader::GetPriority() const
{
    return m_flags & FLAG_P;
}

void
L2tpHeader::SetPriority(bool priority)
{
    m_flags = priority ? (m_flags | FLAG_P) : (m_flags & ~FLAG_P);
}

uint8_t
L2tpHeader::GetVersion() const
{
    return m_flags & VERSION_MASK;
}

uint16_t
L2tpHeader::GetFlagsWord() const
{
    return m_flags;
}

uint16_t
L2tpHeader::GetLength() const
{
    return m_length;
}

void
L2tpHeader::SetLength(uint16_t length)
{
    m_length = length;
}

uint16_t
L2tpHeader::GetTunnelId() const
{
    return m_tunnelId;
}

void
L2tpHeader::SetTunnelId(uint16_t id)
{
    m_tunnelId = id;
}

uint16_t
L2tpHeader::GetSessionId() const
{
    return m_sessionId;
}

void
L2tpHeader::SetSessionId(uint16_t id)
{
    m_sessionId = id;
}

uint16_t
L2tpHeader::GetNs() const
{
    return m_ns;
}

void
L2tpHeader::SetNs(uint16_t ns)
{
    m_ns = ns;
}

uint16_t
L2tpHeader::GetNr() const
{
    return m_nr;
}

void
L2tpHeader::SetNr(uint16_t nr)
{
    m_nr = nr;
}

uint16_t
L2tpHeader::GetOffsetSize() const
{
    return static_cast<uint16_t>(m_offsetPad.size());
}

void
L2tpHeader::SetOffset(uint16_t size)
{
    m_flags |= FLAG_O;
    m_offsetPad.assign(size, 0);
}

bool
L2tpHeader::IsValid() const
{
    return GetVersion() == VERSION;
}

const std::string&
L2tpHeader::GetError() const
{
    return m_error;
}

} // namespace ns3
