/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-transport-fields.h"

#include "ns3/abort.h"
#include "ns3/header.h"
#include "ns3/icmpv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv4TransportFields");

namespace
{

/// Bytes Parse() copies out of a packet: an ICMP error header (8), the largest quoted IPv4
/// header (60) and a quoted TCP header up to and including its checksum (18), rounded up.
constexpr uint32_t PARSE_BYTES = 96;

uint16_t
Read16(const uint8_t* b)
{
    return uint16_t(b[0] << 8 | b[1]);
}

uint32_t
Read32(const uint8_t* b)
{
    return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3];
}

/**
 * \brief Bytes that replace the start of a packet while keeping the packet metadata's view
 *        of which header class they belong to (GetInstanceTypeId() answers with that class).
 */
class RawHeadChunk : public Header
{
public:
    RawHeadChunk(TypeId tid, const uint8_t* data, uint32_t size)
        : m_tid(tid)
        , m_bytes(data, data + size)
    {
    }

    TypeId GetInstanceTypeId() const override { return m_tid; }

    uint32_t GetSerializedSize() const override { return m_bytes.size(); }

    void Serialize(Buffer::Iterator start) const override
    {
        start.Write(m_bytes.data(), m_bytes.size());
    }

    uint32_t Deserialize(Buffer::Iterator start) override
    {
        // Only ever added to packets; reading goes through the real header class.
        return 0;
    }

    void Print(std::ostream& os) const override { os << "raw " << m_bytes.size() << " bytes"; }

private:
    TypeId m_tid;                 //!< the header class the bytes belong to
    std::vector<uint8_t> m_bytes; //!< the bytes
};

uint16_t
Get16(const std::vector<uint8_t>& b, uint32_t off)
{
    return uint16_t(b[off] << 8 | b[off + 1]);
}

void
Put16(std::vector<uint8_t>& b, uint32_t off, uint16_t v)
{
    b[off] = uint8_t(v >> 8);
    b[off + 1] = uint8_t(v);
}

uint32_t
Get32(const std::vector<uint8_t>& b, uint32_t off)
{
    return uint32_t(Get16(b, off)) << 16 | Get16(b, off + 2);
}

void
Put32(std::vector<uint8_t>& b, uint32_t off, uint32_t v)
{
    Put16(b, off, uint16_t(v >> 16));
    Put16(b, off + 2, uint16_t(v));
}

/**
 * \brief One checksum field updated for several word changes (RFC 1624, equation 3) and
 *        written once.
 *
 * Left alone: a UDP checksum of zero (no checksum, RFC 768), and a TCP, ICMP or IPv4 checksum
 * of zero while ns-3 checksums are disabled (GlobalValue ChecksumEnabled false: ns-3 writes
 * zero there, and the NAT keeps what ns-3 itself would send). A UDP result of zero is sent
 * as 0xffff (RFC 768).
 */
class ChecksumField
{
public:
    ChecksumField(std::vector<uint8_t>& b, uint32_t off, bool udp)
        : m_b(b)
        , m_off(off)
        , m_udp(udp)
        , m_value(Get16(b, off))
        , m_skip(m_value == 0 && (udp || !Node::ChecksumEnabled()))
    {
    }

    void Change(uint16_t oldWord, uint16_t newWord)
    {
        if (!m_skip)
        {
            m_value = Ipv4TransportFields::AdjustChecksum(m_value, oldWord, newWord);
        }
    }

    void Change32(uint32_t oldValue, uint32_t newValue)
    {
        Change(uint16_t(oldValue >> 16), uint16_t(newValue >> 16));
        Change(uint16_t(oldValue & 0xffff), uint16_t(newValue & 0xffff));
    }

    void Write()
    {
        if (!m_skip)
        {
            Put16(m_b, m_off, m_udp && m_value == 0 ? 0xffff : m_value);
        }
    }

private:
    std::vector<uint8_t>& m_b; //!< the bytes
    uint32_t m_off;            //!< offset of the field
    bool m_udp;                //!< UDP rules
    uint16_t m_value;          //!< running value
    bool m_skip;               //!< left alone
};

} // namespace

Ipv4TransportFields::Ipv4TransportFields()
    : innerSource(Ipv4Address::GetAny())
    , innerDestination(Ipv4Address::GetAny())
{
}

bool
Ipv4TransportFields::IsIcmpQueryRequest(uint8_t type)
{
    return type == 8 || type == 13 || type == 15 || type == 17;
}

bool
Ipv4TransportFields::IsIcmpQueryReply(uint8_t type)
{
    return type == 0 || type == 14 || type == 16 || type == 18;
}

bool
Ipv4TransportFields::IsIcmpError(uint8_t type)
{
    return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

std::string
Ipv4TransportFields::ProtocolName(uint8_t protocol)
{
    switch (protocol)
    {
        case PROT_ICMP:
            return "icmp";
        case PROT_TCP:
            return "tcp";
        case PROT_UDP:
            return "udp";
        case PROT_ESP:
            return "esp";
        default:
            return std::to_string(protocol);
    }
}

Ipv4TransportFields
Ipv4TransportFields::Parse(Ptr<const Packet> p, const Ipv4Header& header)
{
    Ipv4TransportFields f;
    f.protocol = header.GetProtocol();
    f.payloadSize = p->GetSize();
    f.fragmented = !header.IsLastFragment() || header.GetFragmentOffset() != 0;
    f.l4Present = header.GetFragmentOffset() == 0;
    switch (f.protocol)
    {
        case PROT_UDP:
            f.kind = KIND_UDP;
            break;
        case PROT_TCP:
            f.kind = KIND_TCP;
            break;
        case PROT_ESP:
            f.kind = KIND_ESP;
            break;
        case PROT_ICMP:
            f.kind = KIND_ICMP_OTHER;
            break;
        default:
            f.kind = KIND_OTHER;
            return f;
    }
    if (!f.l4Present)
    {
        return f;
    }
    uint8_t b[PARSE_BYTES];
    uint32_t n = p->CopyData(b, std::min<uint32_t>(PARSE_BYTES, f.payloadSize));
    switch (f.kind)
    {
        case KIND_UDP:
            if (n < 8)
            {
                f.truncated = true;
                break;
            }
            f.srcPort = Read16(b);
            f.dstPort = Read16(b + 2);
            f.l4HeaderSize = 8;
            break;
        case KIND_TCP:
            if (n < 20 || (b[12] >> 4) < 5 || uint32_t(b[12] >> 4) * 4 > n)
            {
                f.truncated = true;
                break;
            }
            f.srcPort = Read16(b);
            f.dstPort = Read16(b + 2);
            f.tcpFlags = b[13];
            f.l4HeaderSize = uint32_t(b[12] >> 4) * 4;
            break;
        case KIND_ESP:
            if (n < 8)
            {
                f.truncated = true;
                break;
            }
            f.espSpi = Read32(b);
            f.l4HeaderSize = 8;
            break;
        case KIND_ICMP_OTHER:
            if (n < 8)
            {
                f.truncated = true;
                break;
            }
            f.icmpType = b[0];
            f.icmpCode = b[1];
            f.l4HeaderSize = 8;
            if (IsIcmpQueryRequest(f.icmpType) || IsIcmpQueryReply(f.icmpType))
            {
                f.kind = KIND_ICMP_QUERY;
                f.srcPort = Read16(b + 4);
                f.dstPort = f.srcPort;
            }
            else if (IsIcmpError(f.icmpType))
            {
                f.kind = KIND_ICMP_ERROR;
                // The quoted datagram: its IPv4 header and at least 64 bits of its payload.
                const uint8_t* q = b + 8;
                if (n < 8 + 20 || (q[0] >> 4) != 4 || (q[0] & 0x0f) < 5)
                {
                    break;
                }
                uint32_t ihl = uint32_t(q[0] & 0x0f) * 4;
                if (n < 8 + ihl + 8)
                {
                    break;
                }
                f.innerIpHeaderSize = ihl;
                f.innerProtocol = q[9];
                f.innerSource = Ipv4Address(Read32(q + 12));
                f.innerDestination = Ipv4Address(Read32(q + 16));
                const uint8_t* l4 = q + ihl;
                if (f.innerProtocol == PROT_UDP || f.innerProtocol == PROT_TCP)
                {
                    f.innerSrcPort = Read16(l4);
                    f.innerDstPort = Read16(l4 + 2);
                    f.innerValid = true;
                }
                else if (f.innerProtocol == PROT_ICMP
                         && (IsIcmpQueryRequest(l4[0]) || IsIcmpQueryReply(l4[0])))
                {
                    f.innerIcmpType = l4[0];
                    f.innerSrcPort = Read16(l4 + 4);
                    f.innerDstPort = f.innerSrcPort;
                    f.innerValid = true;
                }
            }
            break;
        default:
            break;
    }
    return f;
}

uint16_t
Ipv4TransportFields::AdjustChecksum(uint16_t checksum, uint16_t oldWord, uint16_t newWord)
{
    uint32_t sum = uint32_t(uint16_t(~checksum)) + uint32_t(uint16_t(~oldWord)) + newWord;
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return uint16_t(~sum);
}

uint16_t
Ipv4TransportFields::AdjustChecksum32(uint16_t checksum, uint32_t oldValue, uint32_t newValue)
{
    checksum = AdjustChecksum(checksum, uint16_t(oldValue >> 16), uint16_t(newValue >> 16));
    return AdjustChecksum(checksum, uint16_t(oldValue & 0xffff), uint16_t(newValue & 0xffff));
}

uint16_t
Ipv4TransportFields::InternetChecksum(const uint8_t* data, uint32_t size, uint32_t initial)
{
    uint64_t sum = initial;
    uint32_t i = 0;
    for (; i + 1 < size; i += 2)
    {
        sum += uint32_t(data[i] << 8 | data[i + 1]);
    }
    if (i < size)
    {
        sum += uint32_t(data[i] << 8);
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return uint16_t(~sum);
}

Ptr<Packet>
Ipv4TransportFields::ReplaceHead(Ptr<const Packet> p, const std::vector<uint8_t>& bytes,
                                 const std::vector<MetadataItem>& items)
{
    NS_ABORT_MSG_IF(bytes.size() > p->GetSize(),
                    "ReplaceHead: " << bytes.size() << " bytes for a packet of " << p->GetSize());
    Ptr<Packet> q = p->Copy();
    q->RemoveAtStart(bytes.size());
    uint32_t end = bytes.size();
    for (auto it = items.rbegin(); it != items.rend(); ++it)
    {
        NS_ABORT_MSG_IF(it->second > end, "ReplaceHead: metadata items exceed the bytes");
        end -= it->second;
        q->AddHeader(RawHeadChunk(it->first, bytes.data() + end, it->second));
    }
    NS_ABORT_MSG_IF(end != 0, "ReplaceHead: metadata items do not cover the bytes");
    return q;
}

Ptr<Packet>
Ipv4TransportFields::RewriteTransport(Ptr<const Packet> p, const Ipv4TransportFields& f,
                                      const Ipv4Header& before, const Ipv4Header& after,
                                      uint16_t newSrcPort, uint16_t newDstPort)
{
    std::vector<uint8_t> b;
    std::vector<Ipv4TransportFields::MetadataItem> items;
    uint32_t oldSrc = before.GetSource().Get();
    uint32_t newSrc = after.GetSource().Get();
    uint32_t oldDst = before.GetDestination().Get();
    uint32_t newDst = after.GetDestination().Get();
    if (f.kind == Ipv4TransportFields::KIND_UDP || f.kind == Ipv4TransportFields::KIND_TCP)
    {
        bool udp = f.kind == Ipv4TransportFields::KIND_UDP;
        b.resize(f.l4HeaderSize);
        p->CopyData(b.data(), b.size());
        ChecksumField cs(b, udp ? 6 : 16, udp);
        // Pseudo header (RFC 768, RFC 793): source and destination addresses; then the ports.
        cs.Change32(oldSrc, newSrc);
        cs.Change32(oldDst, newDst);
        cs.Change(Get16(b, 0), newSrcPort);
        cs.Change(Get16(b, 2), newDstPort);
        cs.Write();
        Put16(b, 0, newSrcPort);
        Put16(b, 2, newDstPort);
        items.emplace_back(udp ? UdpHeader::GetTypeId() : TcpHeader::GetTypeId(), b.size());
    }
    else
    {
        // ICMP query: the identifier at offset 4; no pseudo header.
        b.resize(p->GetSize());
        p->CopyData(b.data(), b.size());
        uint16_t newId = newSrcPort != f.srcPort ? newSrcPort : newDstPort;
        ChecksumField cs(b, 2, false);
        cs.Change(Get16(b, 4), newId);
        cs.Write();
        Put16(b, 4, newId);
        items.emplace_back(Icmpv4Header::GetTypeId(), 4);
        if (b.size() > 4)
        {
            if (f.icmpType == 8 || f.icmpType == 0) // echo request / reply
            {
                items.emplace_back(Icmpv4Echo::GetTypeId(), b.size() - 4);
            }
            else
            {
                items.back().second = b.size();
            }
        }
    }
    return Ipv4TransportFields::ReplaceHead(p, b, items);
}

Ptr<Packet>
Ipv4TransportFields::RewriteIcmpError(Ptr<const Packet> p, const Ipv4TransportFields& f,
                                      bool innerSource, Ipv4Address newAddress, uint16_t newPort)
{
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    const std::vector<uint8_t> original = b;
    const uint32_t ip = 8;                           // quoted IPv4 header
    const uint32_t l4 = ip + f.innerIpHeaderSize;    // quoted transport header
    uint32_t addrOff = ip + (innerSource ? 12 : 16); // quoted source / destination
    uint32_t oldAddr = Get32(b, addrOff);
    Put32(b, addrOff, newAddress.Get());
    ChecksumField ipChecksum(b, ip + 10, false); // quoted IPv4 header checksum
    ipChecksum.Change32(oldAddr, newAddress.Get());
    ipChecksum.Write();
    if (f.innerProtocol == Ipv4TransportFields::PROT_UDP
        || f.innerProtocol == Ipv4TransportFields::PROT_TCP)
    {
        bool udp = f.innerProtocol == Ipv4TransportFields::PROT_UDP;
        uint32_t portOff = l4 + (innerSource ? 0 : 2);
        uint16_t oldPort = Get16(b, portOff);
        Put16(b, portOff, newPort);
        uint32_t csOff = l4 + (udp ? 6 : 16);
        if (csOff + 2 <= b.size()) // the quote may end before a TCP checksum
        {
            ChecksumField cs(b, csOff, udp);
            cs.Change32(oldAddr, newAddress.Get());
            cs.Change(oldPort, newPort);
            cs.Write();
        }
    }
    else
    {
        // A quoted ICMP query: identifier at offset 4, checksum at 2.
        uint16_t oldId = Get16(b, l4 + 4);
        Put16(b, l4 + 4, newPort);
        ChecksumField cs(b, l4 + 2, false);
        cs.Change(oldId, newPort);
        cs.Write();
    }
    // The ICMP checksum covers the whole message: apply every changed word.
    ChecksumField icmp(b, 2, false);
    for (uint32_t off = 4; off + 1 < b.size(); off += 2)
    {
        uint16_t o = Get16(original, off);
        uint16_t n = Get16(b, off);
        if (o != n)
        {
            icmp.Change(o, n);
        }
    }
    icmp.Write();
    std::vector<Ipv4TransportFields::MetadataItem> items;
    items.emplace_back(Icmpv4Header::GetTypeId(), 4);
    if (f.icmpType == 3) // destination unreachable
    {
        items.emplace_back(Icmpv4DestinationUnreachable::GetTypeId(), b.size() - 4);
    }
    else if (f.icmpType == 11) // time exceeded
    {
        items.emplace_back(Icmpv4TimeExceeded::GetTypeId(), b.size() - 4);
    }
    else
    {
        items.back().second = b.size();
    }
    return Ipv4TransportFields::ReplaceHead(p, b, items);
}

} // namespace ns3
