/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-sa-payload.h"

#include "l2tp-byte-io.h"

namespace ns3
{

using l2tpbytes::PutU16;
using l2tpbytes::PutU32;
using l2tpbytes::ReadU16;
using l2tpbytes::ReadU32;

IkeAttribute
IkeAttribute::Tv(uint16_t type, uint16_t value)
{
    IkeAttribute a;
    a.type = type;
    a.tv = true;
    a.value = value;
    return a;
}

IkeAttribute
IkeAttribute::Tlv(uint16_t type, const std::vector<uint8_t>& data)
{
    IkeAttribute a;
    a.type = type;
    a.tv = false;
    a.data = data;
    return a;
}

uint64_t
IkeAttribute::GetValue() const
{
    if (tv)
    {
        return value;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < data.size() && i < 8; ++i)
    {
        v = (v << 8) | data[i];
    }
    return v;
}

uint32_t
IkeAttribute::GetSize() const
{
    return tv ? 4 : 4 + static_cast<uint32_t>(data.size());
}

const IkeAttribute*
IkeTransform::Find(uint16_t type) const
{
    for (const auto& a : attributes)
    {
        if (a.type == type)
        {
            return &a;
        }
    }
    return nullptr;
}

uint32_t
IkeTransform::GetSize() const
{
    uint32_t s = 8;
    for (const auto& a : attributes)
    {
        s += a.GetSize();
    }
    return s;
}

uint32_t
IkeProposal::GetSize() const
{
    uint32_t s = 8 + static_cast<uint32_t>(spi.size());
    for (const auto& t : transforms)
    {
        s += t.GetSize();
    }
    return s;
}

uint32_t
IkeSaPayload::GetSize() const
{
    uint32_t s = 8;
    for (const auto& p : proposals)
    {
        s += p.GetSize();
    }
    return s;
}

void
IkeSaPayload::Write(std::vector<uint8_t>& o) const
{
    PutU32(o, doi);
    PutU32(o, situation);
    for (size_t i = 0; i < proposals.size(); ++i)
    {
        const IkeProposal& p = proposals[i];
        o.push_back(i + 1 < proposals.size() ? 2 : 0);
        o.push_back(0);
        PutU16(o, p.GetSize());
        o.push_back(p.number);
        o.push_back(p.protocolId);
        o.push_back(static_cast<uint8_t>(p.spi.size()));
        o.push_back(static_cast<uint8_t>(p.transforms.size()));
        o.insert(o.end(), p.spi.begin(), p.spi.end());
        for (size_t j = 0; j < p.transforms.size(); ++j)
        {
            const IkeTransform& t = p.transforms[j];
            o.push_back(j + 1 < p.transforms.size() ? 3 : 0);
            o.push_back(0);
            PutU16(o, t.GetSize());
            o.push_back(t.number);
            o.push_back(t.transformId);
            PutU16(o, 0);
            for (const auto& a : t.attributes)
            {
                if (a.tv)
                {
                    PutU16(o, 0x8000 | a.type);
                    PutU16(o, a.value);
                }
                else
                {
                    PutU16(o, a.type & 0x7fff);
                    PutU16(o, static_cast<uint32_t>(a.data.size()));
                    o.insert(o.end(), a.data.begin(), a.data.end());
                }
            }
        }
    }
}

namespace
{
bool
ParseAttributes(const uint8_t* d, uint32_t n, std::vector<IkeAttribute>& out, std::string& reason)
{
    uint32_t off = 0;
    while (off < n)
    {
        if (n - off < 4)
        {
            reason = "SA attribute truncated (" + std::to_string(n - off) + " bytes left)";
            return false;
        }
        uint16_t af = ReadU16(d + off);
        IkeAttribute a;
        a.type = af & 0x7fff;
        if (af & 0x8000)
        {
            a.tv = true;
            a.value = ReadU16(d + off + 2);
            off += 4;
        }
        else
        {
            uint16_t len = ReadU16(d + off + 2);
            if (len > n - off - 4)
            {
                reason = "TLV attribute " + std::to_string(a.type) + " length "
                         + std::to_string(len) + " exceeds its transform";
                return false;
            }
            a.tv = false;
            a.data.assign(d + off + 4, d + off + 4 + len);
            off += 4 + len;
        }
        out.push_back(a);
    }
    return true;
}
} // namespace

bool
IkeSaPayload::Parse(const uint8_t* d, uint32_t n, IkeSaPayload& sa, std::string& reason)
{
    if (d == nullptr || n < 8)
    {
        reason = "SA payload body truncated: " + std::to_string(n) + " < 8 bytes";
        return false;
    }
    IkeSaPayload r;
    r.doi = ReadU32(d);
    r.situation = ReadU32(d + 4);
    if (r.doi != DOI_IPSEC)
    {
        reason = "SA DOI " + std::to_string(r.doi) + " is not IPsec (1)";
        return false;
    }
    uint32_t off = 8;
    uint8_t next = 2;
    while (next == 2)
    {
        if (n - off < 8)
        {
            reason = "Proposal header truncated";
            return false;
        }
        next = d[off];
        if (next != 0 && next != 2)
        {
            reason = "Proposal next-payload " + std::to_string(next) + " is neither 0 nor 2";
            return false;
        }
        uint16_t plen = ReadU16(d + off + 2);
        if (plen < 8 || plen > n - off)
        {
            reason = "Proposal length " + std::to_string(plen) + " invalid for "
                     + std::to_string(n - off) + " bytes";
            return false;
        }
        IkeProposal p;
        p.number = d[off + 4];
        p.protocolId = d[off + 5];
        uint8_t spiSize = d[off + 6];
        uint8_t count = d[off + 7];
        if (8u + spiSize > plen)
        {
            reason = "Proposal SPI size " + std::to_string(spiSize) + " exceeds the proposal";
            return false;
        }
        p.spi.assign(d + off + 8, d + off + 8 + spiSize);
        uint32_t toff = off + 8 + spiSize;
        uint32_t pend = off + plen;
        for (uint8_t i = 0; i < count; ++i)
        {
            if (pend - toff < 8)
            {
                reason = "Transform " + std::to_string(i + 1) + " of " + std::to_string(count)
                         + " truncated";
                return false;
            }
            uint8_t tnext = d[toff];
            uint8_t want = (i + 1 < count) ? 3 : 0;
            if (tnext != want)
            {
                reason = "Transform next-payload " + std::to_string(tnext) + ", expected "
                         + std::to_string(want);
                return false;
            }
            uint16_t tlen = ReadU16(d + toff + 2);
            if (tlen < 8 || tlen > pend - toff)
            {
                reason = "Transform length " + std::to_string(tlen) + " invalid";
                return false;
            }
            IkeTransform t;
            t.number = d[toff + 4];
            t.transformId = d[toff + 5];
            if (!ParseAttributes(d + toff + 8, tlen - 8, t.attributes, reason))
            {
                return false;
            }
            p.transforms.push_back(t);
            toff += tlen;
        }
        if (toff != pend)
        {
            reason = "Proposal has " + std::to_string(pend - toff) + " bytes after its transforms";
            return false;
        }
        r.proposals.push_back(p);
        off = pend;
    }
    if (off != n)
    {
        reason = "SA payload has " + std::to_string(n - off) + " bytes after its last proposal";
        return false;
    }
    sa = r;
    return true;
}

} // namespace ns3
