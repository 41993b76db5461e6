/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-payload.h"

#include "l2tp-byte-io.h"

namespace ns3
{

using l2tpbytes::PutU16;
using l2tpbytes::PutU32;
using l2tpbytes::ReadU16;
using l2tpbytes::ReadU32;

namespace
{

/// \return the expected address-data size of an ID type, or -1 if variable
int
IdDataSize(uint8_t t)
{
    switch (t)
    {
        case IkePayload::ID_IPV4_ADDR:
            return 4;
        case IkePayload::ID_IPV4_ADDR_SUBNET:
        case IkePayload::ID_IPV4_ADDR_RANGE:
            return 8;
        case IkePayload::ID_IPV6_ADDR:
            return 16;
        case IkePayload::ID_IPV6_ADDR_SUBNET:
        case IkePayload::ID_IPV6_ADDR_RANGE:
            return 32;
        default:
            return -1;
    }
}
} // namespace

IkePayload
IkePayload::MakeSa(const IkeSaPayload& s)
{
    IkePayload p;
    p.type = SA;
    p.sa = s;
    return p;
}

IkePayload
IkePayload::MakeRaw(uint8_t t, const std::vector<uint8_t>& body)
{
    IkePayload p;
    p.type = t;
    p.data = body;
    return p;
}

IkePayload
IkePayload::MakeId(uint8_t idt, uint8_t protocol, uint16_t prt, const std::vector<uint8_t>& d)
{
    IkePayload p;
    p.type = ID;
    p.idType = idt;
    p.protocolId = protocol;
    p.port = prt;
    p.data = d;
    return p;
}

IkePayload
IkePayload::MakeNotify(uint8_t protocol, uint16_t t, const std::vector<uint8_t>& s,
                       const std::vector<uint8_t>& d)
{
    IkePayload p;
    p.type = NOTIFICATION;
    p.protocolId = protocol;
    p.notifyType = t;
    p.spi = s;
    p.data = d;
    return p;
}

IkePayload
IkePayload::MakeDelete(uint8_t protocol, uint8_t size, const std::vector<std::vector<uint8_t>>& s)
{
    IkePayload p;
    p.type = DELETE;
    p.protocolId = protocol;
    p.spiSize = size;
    p.spis = s;
    return p;
}

IkePayload
IkePayload::MakeNatOa(const std::vector<uint8_t>& addr)
{
    IkePayload p;
    p.type = NAT_OA;
    p.idType = ID_IPV4_ADDR;
    p.data = addr;
    return p;
}

IkePayload
IkePayload::MakeVendorId(KnownVid vid)
{
    return MakeRaw(VENDOR_ID, KnownVendorId(vid));
}

std::vector<uint8_t>
IkePayload::Body() const
{
    std::vector<uint8_t> o;
    switch (type)
    {
        case SA:
            sa.Write(o);
            break;
        case ID:
            o.push_back(idType);
            o.push_back(protocolId);
            PutU16(o, port);
            o.insert(o.end(), data.begin(), data.end());
            break;
        case NOTIFICATION:
            PutU32(o, doi);
            o.push_back(protocolId);
            o.push_back(static_cast<uint8_t>(spi.size()));
            PutU16(o, notifyType);
            o.insert(o.end(), spi.begin(), spi.end());
            o.insert(o.end(), data.begin(), data.end());
            break;
        case DELETE:
            PutU32(o, doi);
            o.push_back(protocolId);
            o.push_back(spiSize);
            PutU16(o, static_cast<uint32_t>(spis.size()));
            for (const auto& s : spis)
            {
                o.insert(o.end(), s.begin(), s.end());
            }
            break;
        case NAT_OA:
            o.push_back(idType);
            o.push_back(0);
            PutU16(o, 0);
            o.insert(o.end(), data.begin(), data.end());
            break;
        default:
            o = data;
            break;
    }
    return o;
}

uint32_t
IkePayload::GetSize() const
{
    return 4 + static_cast<uint32_t>(Body().size());
}

bool
IkePayload::ParseBody(uint8_t t, const uint8_t* d, uint32_t n, IkePayload& p, std::string& reason)
{
    IkePayload r;
    r.type = t;
    const std::string name = TypeName(t);
    switch (t)
    {
        case PROPOSAL:
        case TRANSFORM:
            reason = name + " payload outside an SA payload";
            return false;
        case SA:
            if (!IkeSaPayload::Parse(d, n, r.sa, reason))
            {
                return false;
            }
            break;
        case ID:
        {
            if (n < 4)
            {
                reason = "ID payload body " + std::to_string(n) + " < 4 bytes";
                return false;
            }
            r.idType = d[0];
            r.protocolId = d[1];
            r.port = ReadU16(d + 2);
            int want = IdDataSize(r.idType);
            if (want >= 0 && n - 4 != static_cast<uint32_t>(want))
            {
                reason = "ID type " + std::to_string(r.idType) + " needs " + std::to_string(want)
                         + " bytes of data, found " + std::to_string(n - 4);
                return false;
            }
            if (r.idType == 0)
            {
                reason = "ID type 0 is reserved";
                return false;
            }
            r.data.assign(d + 4, d + n);
            break;
        }
        case NOTIFICATION:
        {
            if (n < 8)
            {
                reason = "Notification body " + std::to_string(n) + " < 8 bytes";
                return false;
            }
            r.doi = ReadU32(d);
            r.protocolId = d[4];
            uint8_t spiLen = d[5];
            r.notifyType = ReadU16(d + 6);
            if (spiLen > n - 8)
            {
                reason = "Notification SPI size " + std::to_string(spiLen) + " exceeds the payload";
                return false;
            }
            r.spi.assign(d + 8, d + 8 + spiLen);
            r.data.assign(d + 8 + spiLen, d + n);
            break;
        }
        case DELETE:
        {
            if (n < 8)
            {
                reason = "Delete body " + std::to_string(n) + " < 8 bytes";
                return false;
            }
            r.doi = ReadU32(d);
            r.protocolId = d[4];
            r.spiSize = d[5];
            uint16_t count = ReadU16(d + 6);
            if (uint32_t(count) * r.spiSize != n - 8)
            {
                reason = "Delete with " + std::to_string(count) + " SPIs of "
                         + std::to_string(r.spiSize) + " bytes does not fill its "
                         + std::to_string(n - 8) + " bytes";
                return false;
            }
            if (count == 0 || r.spiSize == 0)
            {
                reason = "Delete without SPIs";
                return false;
            }
            for (uint16_t i = 0; i < count; ++i)
            {
                r.spis.emplace_back(d + 8 + i * r.spiSize, d + 8 + (i + 1) * r.spiSize);
            }
            break;
        }
        case NAT_OA:
        {
            if (n < 4)
            {
                reason = "NAT-OA body " + std::to_string(n) + " < 4 bytes";
                return false;
            }
            r.idType = d[0];
            if (d[1] != 0 || d[2] != 0 || d[3] != 0)
            {
                reason = "NAT-OA reserved bytes are not zero";
                return false;
            }
            if (r.idType != ID_IPV4_ADDR && r.idType != ID_IPV6_ADDR)
            {
                reason = "NAT-OA ID type " + std::to_string(r.idType) + " is not an address";
                return false;
            }
            int want = IdDataSize(r.idType);
            if (n - 4 != static_cast<uint32_t>(want))
            {
                reason = "NAT-OA address of " + std::to_string(n - 4) + " bytes";
                return false;
            }
            r.data.assign(d + 4, d + n);
            break;
        }
        case KE:
        case HASH:
        case SIG:
        case VENDOR_ID:
        case NAT_D:
            if (n == 0)
            {
                reason = "empty " + name + " payload";
                return false;
            }
            r.data.assign(d, d + n);
            break;
        case NONCE:
            // RFC 2409 section 5: nonces are 8 to 256 bytes.
            if (n < 8 || n > 256)
            {
                reason = "Nonce of " + std::to_string(n) + " bytes (RFC 2409: 8..256)";
                return false;
            }
            r.data.assign(d, d + n);
            break;
        default:
            r.data.assign(d, d + n);
            break;
    }
    p = r;
    return true;
}

bool
IkePayload::ParseChain(uint8_t first, const uint8_t* d, uint32_t n, std::vector<IkePayload>& out,
                       uint32_t& used, std::string& reason)
{
    std::vector<IkePayload> r;
    uint32_t off = 0;
    uint8_t next = first;
    while (next != NONE)
    {
        if (d == nullptr || n - off < 4)
        {
            reason = TypeName(next) + " payload header truncated at offset " + std::to_string(off);
            return false;
        }
        uint8_t after = d[off];
        if (d[off + 1] != 0)
        {
            reason = TypeName(next) + " payload reserved byte is not zero";
            return false;
        }
        uint16_t len = ReadU16(d + off + 2);
        if (len < 4 || len > n - off)
        {
            reason = TypeName(next) + " payload length " + std::to_string(len) + " invalid with "
                     + std::to_string(n - off) + " bytes left";
            return false;
        }
        IkePayload p;
        if (!ParseBody(next, d + off + 4, len - 4, p, reason))
        {
            reason = "payload " + std::to_string(r.size() + 1) + ": " + reason;
            return false;
        }
        r.push_back(p);
        off += len;
        next = after;
    }
    out = r;
    used = off;
    return true;
}

std::vector<uint8_t>
IkePayload::WriteChain(const std::vector<IkePayload>& chain)
{
    std::vector<uint8_t> o;
    for (size_t i = 0; i < chain.size(); ++i)
    {
        std::vector<uint8_t> body = chain[i].Body();
        o.push_back(i + 1 < chain.size() ? chain[i + 1].type : 0);
        o.push_back(0);
        PutU16(o, static_cast<uint32_t>(body.size() + 4));
        o.insert(o.end(), body.begin(), body.end());
    }
    return o;
}

std::vector<uint8_t>
IkePayload::KnownVendorId(KnownVid vid)
{
    switch (vid)
    {
        case VID_XAUTH:
            return {0x09, 0x00, 0x26, 0x89, 0xdf, 0xd6, 0xb7, 0x12};
        case VID_DPD:
            return {0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9,
                    0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00};
        case VID_CISCO_FRAGMENTATION:
            return {0x40, 0x48, 0xb7, 0xd5, 0x6e, 0xbc, 0xe8, 0x85, 0x25, 0xe7,
                    0xde, 0x7f, 0x00, 0xd6, 0xc2, 0xd3, 0x80, 0x00, 0x00, 0x00};
        case VID_NAT_T_RFC3947:
            return {0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45,
                    0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f};
        case VID_NAT_T_DRAFT_02N:
            return {0x90, 0xcb, 0x80, 0x91, 0x3e, 0xbb, 0x69, 0x6e,
                    0x08, 0x63, 0x81, 0xb5, 0xec, 0x42, 0x7b, 0x1f};
    }
    return {};
}

std::string
IkePayload::VendorIdName(const std::vector<uint8_t>& vid)
{
    static const std::pair<KnownVid, const char*> names[] = {
        {VID_XAUTH, "XAUTH"},
        {VID_DPD, "RFC 3706 DPD"},
        {VID_CISCO_FRAGMENTATION, "Cisco Fragmentation"},
        {VID_NAT_T_RFC3947, "RFC 3947 NAT-T"},
        {VID_NAT_T_DRAFT_02N, "draft-ietf-ipsec-nat-t-ike-02\\n"},
    };
    for (const auto& n : names)
    {
        if (KnownVendorId(n.first) == vid)
        {
            return n.second;
        }
    }
    return "";
}

std::string
IkePayload::TypeName(uint8_t t)
{
    switch (t)
    {
        case NONE:
            return "NONE";
        case SA:
            return "SA";
        case PROPOSAL:
            return "Proposal";
        case TRANSFORM:
            return "Transform";
        case KE:
            return "KE";
        case ID:
            return "ID";
        case CERT:
            return "CERT";
        case CR:
            return "CR";
        case HASH:
            return "HASH";
        case SIG:
            return "SIG";
        case NONCE:
            return "Nonce";
        case NOTIFICATION:
            return "Notification";
        case DELETE:
            return "Delete";
        case VENDOR_ID:
            return "Vendor ID";
        case NAT_D:
            return "NAT-D";
        case NAT_OA:
            return "NAT-OA";
        default:
            return "payload type " + std::to_string(t);
    }
}

} // namespace ns3
