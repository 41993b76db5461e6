/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-pcap-decoder.h"

#include "ns3/log.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpPcapDecoder");

namespace
{
constexpr uint32_t MAGIC_US = 0xa1b2c3d4;       // microsecond timestamps
constexpr uint32_t MAGIC_NS = 0xa1b23c4d;       // nanosecond timestamps
constexpr uint32_t MAGIC_PCAPNG = 0x0a0d0d0a;   // pcapng Section Header Block
constexpr uint32_t MAGIC_MODIFIED = 0xa1b2cd34; // Kuznetzov's "modified" pcap
constexpr uint32_t GLOBAL_HEADER_SIZE = 24;
constexpr uint32_t RECORD_HEADER_SIZE = 16;
constexpr uint16_t ETHERTYPE_IPV4 = 0x0800;
constexpr uint16_t ETHERTYPE_VLAN = 0x8100;
constexpr uint16_t ETHERTYPE_QINQ = 0x88a8;
constexpr uint16_t ETHERTYPE_QINQ_OLD = 0x9100;
constexpr uint16_t PPP_IPV4 = 0x0021;
constexpr uint8_t IP_PROTO_UDP = 17;
constexpr uint32_t MAX_PENDING_DATAGRAMS = 4096;

uint16_t
Be16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t
Le32(const uint8_t* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

uint32_t
Swap32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

std::string
Hex32(uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof(buf), "0x%08" PRIx32, v);
    return buf;
}

bool
IsL2tpPort(uint16_t src, uint16_t dst)
{
    return src == L2tpHeader::PORT || dst == L2tpHeader::PORT;
}

/// The "time source" prefix of a record's line.
std::string
LinePrefix(const L2tpPcapRecord& r)
{
    std::ostringstream os;
    os << L2tpPcapDecoder::FormatTime(r.timeNs) << " " << r.srcAddress << ":" << r.srcPort << " ";
    return os.str();
}

/// Turn \p r into a MALFORMED record with \p reason.
void
SetMalformed(L2tpPcapRecord& r, const std::string& reason)
{
    r.kind = L2tpPcapRecord::Kind::MALFORMED;
    r.typeName = "MALFORMED";
    r.messageType = 0;
    r.error = reason;
    std::ostringstream os;
    os << LinePrefix(r) << "MALFORMED";
    if (r.headerValid)
    {
        os << " tunnel=" << r.tunnelId << " session=" << r.sessionId;
    }
    os << " reason=" << L2tpAvp::QuoteText(reason);
    r.line = os.str();
}
} // namespace

L2tpPcapDecoder::L2tpPcapDecoder() {}

void
L2tpPcapDecoder::SetSecret(const std::string& secret)
{
    m_secret = secret;
}

void
L2tpPcapDecoder::ClearSecret()
{
    m_secret.reset();
}

uint32_t
L2tpPcapDecoder::GetLinkType() const
{
    return m_linkType;
}

bool
L2tpPcapDecoder::IsNanosecond() const
{
    return m_nanosecond;
}

uint64_t
L2tpPcapDecoder::GetFrameCount() const
{
    return m_frames;
}

uint64_t
L2tpPcapDecoder::GetSkippedFrames() const
{
    return m_skipped;
}

uint64_t
L2tpPcapDecoder::GetIncompleteFragments() const
{
    uint64_t n = 0;
    for (const auto& f : m_fragments)
    {
        n += f.second.frames;
    }
    return n;
}

bool
L2tpPcapDecoder::WriteMessagesCsv(const std::vector<L2tpPcapRecord>& records,
                                  const std::string& path, std::string& error)
{
    std::ofstream csv(path);
    if (!csv)
    {
        error = path + ": cannot be written";
        return false;
    }
    csv << "time,src,dst,type,tunnel,session,ns,nr,udp_payload,l2tp_header,avp_bytes,"
           "data_payload\n";
    for (const auto& r : records)
    {
        if (!r.headerValid)
        {
            continue;
        }
        const bool data = r.kind == L2tpPcapRecord::Kind::DATA;
        csv << FormatTime(r.timeNs) << "," << r.srcAddress << ":" << r.srcPort << ","
            << r.dstAddress << ":" << r.dstPort << "," << r.typeName << "," << r.tunnelId << ","
            << r.sessionId << "," << r.ns << "," << r.nr << "," << r.udpPayload << ","
            << r.headerSize << "," << (data ? 0 : r.udpPayload - r.headerSize) << ","
            << (data ? r.payloadLength : 0) << "\n";
    }
    return true;
}

std::string
L2tpPcapDecoder::FormatTime(int64_t ns)
{
    const bool negative = ns < 0;
    // Magnitude in microseconds, rounded half away from zero (no overflow: |ns| < 2^63).
    uint64_t mag = negative ? uint64_t(-(ns + 1)) + 1 : uint64_t(ns);
    uint64_t us = mag / 1000 + (mag % 1000 >= 500 ? 1 : 0);
    char buf[48];
    std::snprintf(buf, sizeof(buf), "%s%" PRIu64 ".%06" PRIu64, negative && us != 0 ? "-" : "",
                  us / 1000000, us % 1000000);
    return buf;
}

bool
L2tpPcapDecoder::DecodeFile(const std::string& path, std::vector<L2tpPcapRecord>& records,
                            std::string& error)
{
    NS_LOG_FUNCTION(this << path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        error = path + ": cannot open the file for reading";
        return false;
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    if (in.bad())
    {
        error = path + ": read error";
        return false;
    }
    return DecodeBuffer(bytes.data(), bytes.size(), path, records, error);
}

bool
L2tpPcapDecoder::DecodeBuffer(const uint8_t* data, std::size_t size, const std::string& name,
                              std::vector<L2tpPcapRecord>& records, std::string& error)
{
    m_linkType = 0;
    m_nanosecond = false;
    m_frames = 0;
    m_skipped = 0;
    m_fragments.clear();
    if (size < 4)
    {
        error = name + ": not a pcap file: " + std::to_string(size)
                + " bytes, too short for the 4-byte magic number";
        return false;
    }
    const uint32_t magic = Le32(data);
    bool swap = false;
    if (magic == MAGIC_US || magic == MAGIC_NS)
    {
        m_nanosecond = magic == MAGIC_NS;
    }
    else if (Swap32(magic) == MAGIC_US || Swap32(magic) == MAGIC_NS)
    {
        swap = true;
        m_nanosecond = Swap32(magic) == MAGIC_NS;
    }
    else if (magic == MAGIC_PCAPNG)
    {
        error = name
                + ": a pcapng file; only classic pcap is supported (convert it with "
                  "'editcap -F pcap IN OUT')";
        return false;
    }
    else if (magic == MAGIC_MODIFIED || Swap32(magic) == MAGIC_MODIFIED)
    {
        error = name + ": a Kuznetzov 'modified' pcap file; only classic pcap is supported";
        return false;
    }
    else
    {
        error = name + ": not a pcap file: magic number " + Hex32(Swap32(magic))
                + " (expected a1b2c3d4 or a1b23c4d in either byte order)";
        return false;
    }
    auto u32 = [swap](const uint8_t* p)
    {
        return swap ? Swap32(Le32(p)) : Le32(p);
    };
    auto u16 = [swap](const uint8_t* p)
    {
        return swap ? uint16_t(p[0] << 8 | p[1]) : uint16_t(p[1] << 8 | p[0]);
    };

    if (size < GLOBAL_HEADER_SIZE)
    {
        error = name + ": truncated pcap file header: " + std::to_string(size) + " of "
                + std::to_string(GLOBAL_HEADER_SIZE) + " bytes";
        return false;
    }
    const uint16_t major = u16(data + 4);
    const uint16_t minor = u16(data + 6);
    if (major != 2)
    {
        error = name + ": unsupported pcap format version " + std::to_string(major) + "."
                + std::to_string(minor) + " (expected 2.x)";
        return false;
    }
    const uint32_t snaplen = u32(data + 16);
    // The low 16 bits are the link type; the upper bits may carry FCS information.
    m_linkType = u32(data + 20) & 0xffff;
    switch (m_linkType)
    {
        case LINKTYPE_ETHERNET:
        case LINKTYPE_PPP:
        case LINKTYPE_RAW:
        case LINKTYPE_LINUX_SLL:
        case LINKTYPE_IPV4:
            break;
        default:
            error = name + ": unsupported link type " + std::to_string(m_linkType)
                    + " (supported: 1 Ethernet, 9 PPP, 101 raw IP, 113 Linux cooked, 228 IPv4)";
            return false;
    }
    const uint32_t maxRecord = std::max(snaplen, MAX_RECORD);
    const uint64_t fractionLimit = m_nanosecond ? 1000000000u : 1000000u;
    const char* unit = m_nanosecond ? "ns" : "us";

    std::size_t pos = GLOBAL_HEADER_SIZE;
    std::optional<int64_t> first;
    while (pos < size)
    {
        const uint64_t number = m_frames + 1;
        const std::string where
            = name + ": record " + std::to_string(number) + " at byte " + std::to_string(pos);
        if (size - pos < RECORD_HEADER_SIZE)
        {
            error = where + ": truncated record header (" + std::to_string(size - pos) + " of "
                    + std::to_string(RECORD_HEADER_SIZE) + " bytes)";
            return false;
        }
        const uint32_t sec = u32(data + pos);
        const uint32_t frac = u32(data + pos + 4);
        const uint32_t incl = u32(data + pos + 8);
        const uint32_t orig = u32(data + pos + 12);
        if (frac >= fractionLimit)
        {
            error = where + ": timestamp fraction " + std::to_string(frac) + " " + unit
                    + " is not below one second";
            return false;
        }
        if (incl > maxRecord)
        {
            error = where + ": captured length " + std::to_string(incl)
                    + " exceeds the snap length " + std::to_string(maxRecord);
            return false;
        }
        if (size - pos - RECORD_HEADER_SIZE < incl)
        {
            error = where + ": truncated record: " + std::to_string(incl)
                    + " captured bytes announced, "
                    + std::to_string(size - pos - RECORD_HEADER_SIZE) + " left in the file";
            return false;
        }
        ++m_frames;
        const int64_t t = int64_t(sec) * 1000000000 + int64_t(frac) * (m_nanosecond ? 1 : 1000);
        if (!first)
        {
            first = t;
        }
        L2tpPcapRecord base;
        base.frame = number;
        base.timeNs = t - *first;
        DecodeFrame(data + pos + RECORD_HEADER_SIZE, incl, orig > incl, base, records);
        pos += RECORD_HEADER_SIZE + incl;
    }
    // Datagrams whose fragments never all arrived: report those that are L2TP.
    for (const auto& [key, re] : m_fragments)
    {
        auto it = re.parts.find(0);
        if (it == re.parts.end() || it->second.size() < 8
            || !IsL2tpPort(Be16(it->second.data()), Be16(it->second.data() + 2)))
        {
            continue;
        }
        L2tpPcapRecord r;
        r.srcAddress = Ipv4Address(std::get<0>(key));
        r.dstAddress = Ipv4Address(std::get<1>(key));
        r.srcPort = Be16(it->second.data());
        r.dstPort = Be16(it->second.data() + 2);
        r.frame = re.lastFrame;
        r.timeNs = re.lastTimeNs;
        SetMalformed(r, "incomplete IPv4 datagram (id " + std::to_string(std::get<3>(key))
                            + "): " + std::to_string(re.frames)
                            + " fragment(s) captured, the rest missing");
        records.push_back(std::move(r));
    }
    return true;
}

void
L2tpPcapDecoder::DecodeFrame(const uint8_t* frame, uint32_t size, bool truncated,
                             const L2tpPcapRecord& base, std::vector<L2tpPcapRecord>& records)
{
    uint32_t off = 0;
    bool ipv4 = false;
    switch (m_linkType)
    {
        case LINKTYPE_ETHERNET:
        {
            if (size < 14)
            {
                break;
            }
            uint16_t type = Be16(frame + 12);
            off = 14;
            while ((type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD)
                   && size - off >= 4)
            {
                type = Be16(frame + off + 2);
                off += 4;
            }
            ipv4 = type == ETHERTYPE_IPV4;
            break;
        }
        case LINKTYPE_LINUX_SLL:
            if (size >= 16)
            {
                off = 16;
                ipv4 = Be16(frame + 14) == ETHERTYPE_IPV4;
            }
            break;
        case LINKTYPE_PPP:
        {
            if (size >= 2 && frame[0] == 0xff && frame[1] == 0x03)
            {
                off = 2; // address and control bytes
            }
            if (size - off >= 1 && (frame[off] & 1) == 1)
            {
                ipv4 = frame[off] == PPP_IPV4; // compressed 1-byte protocol field (RFC 1661 6.5)
                off += 1;
            }
            else if (size - off >= 2)
            {
                ipv4 = Be16(frame + off) == PPP_IPV4;
                off += 2;
            }
            break;
        }
        case LINKTYPE_RAW:
        case LINKTYPE_IPV4:
            ipv4 = size >= 1 && (frame[0] >> 4) == 4;
            break;
        default:
            break;
    }
    if (!ipv4 || !DecodeIpv4(frame + off, size - off, truncated, base, records))
    {
        ++m_skipped;
    }
}

bool
L2tpPcapDecoder::DecodeIpv4(const uint8_t* ip, uint32_t size, bool truncated,
                            const L2tpPcapRecord& base, std::vector<L2tpPcapRecord>& records)
{
    if (size < 20 || (ip[0] >> 4) != 4)
    {
        return false;
    }
    const uint32_t ihl = (ip[0] & 0x0f) * 4u;
    if (ihl < 20 || ihl > size)
    {
        return false;
    }
    const uint32_t total = Be16(ip + 2);
    if (ip[9] != IP_PROTO_UDP || total < ihl)
    {
        return false;
    }
    L2tpPcapRecord rec = base;
    rec.srcAddress = Ipv4Address(uint32_t(ip[12]) << 24 | uint32_t(ip[13]) << 16
                                 | uint32_t(ip[14]) << 8 | ip[15]);
    rec.dstAddress = Ipv4Address(uint32_t(ip[16]) << 24 | uint32_t(ip[17]) << 16
                                 | uint32_t(ip[18]) << 8 | ip[19]);
    // Bytes of this datagram present in the frame (the rest is link padding).
    bool cut = false;
    uint32_t avail = total;
    if (total > size)
    {
        avail = size;
        cut = true;
    }
    const uint16_t frag = Be16(ip + 6);
    const bool more = (frag & 0x2000) != 0;
    const uint32_t offset = (frag & 0x1fff) * 8u;
    if (!more && offset == 0)
    {
        if (cut && !truncated)
        {
            // Not the capture's doing: the IPv4 Total Length is wrong.
            if (avail - ihl >= 4 && IsL2tpPort(Be16(ip + ihl), Be16(ip + ihl + 2)))
            {
                rec.srcPort = Be16(ip + ihl);
                rec.dstPort = Be16(ip + ihl + 2);
                SetMalformed(rec, "IPv4 Total Length " + std::to_string(total) + " exceeds the "
                                      + std::to_string(size) + " bytes of the frame");
                records.push_back(std::move(rec));
                return true;
            }
            return false;
        }
        return DecodeUdp(ip + ihl, avail - ihl, cut, rec, records);
    }

    // A fragment. Keep its payload until the datagram is complete (RFC 791 reassembly).
    const FragmentKey key{rec.srcAddress.Get(), rec.dstAddress.Get(), ip[9], Be16(ip + 4)};
    const uint32_t len = avail - ihl;
    if (cut || offset + len > 0xffff || (more && len % 8 != 0))
    {
        // Cut by the capture, or not a valid fragment: the datagram cannot be rebuilt.
        if (offset == 0 && len >= 4 && IsL2tpPort(Be16(ip + ihl), Be16(ip + ihl + 2)))
        {
            rec.srcPort = Be16(ip + ihl);
            rec.dstPort = Be16(ip + ihl + 2);
            SetMalformed(rec, cut ? "IPv4 fragment cut short by the capture's snap length"
                                  : "invalid IPv4 fragment length " + std::to_string(len));
            records.push_back(std::move(rec));
            m_fragments.erase(key);
            return true;
        }
        return false;
    }
    auto it = m_fragments.find(key);
    if (it == m_fragments.end())
    {
        if (m_fragments.size() >= MAX_PENDING_DATAGRAMS)
        {
            return false;
        }
        it = m_fragments.emplace(key, Reassembly()).first;
    }
    Reassembly& re = it->second;
    re.parts[offset].assign(ip + ihl, ip + ihl + len);
    re.frames++;
    re.lastFrame = base.frame;
    re.lastTimeNs = base.timeNs;
    if (!more)
    {
        re.total = offset + len;
    }
    if (!re.total)
    {
        return true;
    }
    // Complete when the parts cover [0, total) without a gap (overlaps: later bytes win).
    std::vector<uint8_t> payload(*re.total, 0);
    uint32_t covered = 0;
    for (const auto& [o, bytes] : re.parts)
    {
        if (o > covered)
        {
            return true; // a hole: wait for more fragments
        }
        if (o + bytes.size() > payload.size())
        {
            m_fragments.erase(it);
            return false; // data beyond the last fragment: not a valid datagram
        }
        std::copy(bytes.begin(), bytes.end(), payload.begin() + o);
        covered = std::max<uint32_t>(covered, o + bytes.size());
    }
    if (covered < payload.size())
    {
        return true;
    }
    m_fragments.erase(it);
    return DecodeUdp(payload.data(), payload.size(), false, rec, records);
}

bool
L2tpPcapDecoder::DecodeUdp(const uint8_t* udp, uint32_t size, bool truncated,
                           const L2tpPcapRecord& base, std::vector<L2tpPcapRecord>& records)
{
    if (size < 4)
    {
        return false;
    }
    L2tpPcapRecord rec = base;
    rec.srcPort = Be16(udp);
    rec.dstPort = Be16(udp + 2);
    if (!IsL2tpPort(rec.srcPort, rec.dstPort))
    {
        return false;
    }
    if (size < 8)
    {
        SetMalformed(rec, truncated ? "UDP header cut short by the capture's snap length"
                                    : "truncated UDP header: " + std::to_string(size) + " bytes");
        records.push_back(std::move(rec));
        return true;
    }
    const uint32_t ulen = Be16(udp + 4);
    if (ulen < 8)
    {
        SetMalformed(rec, "UDP Length " + std::to_string(ulen) + " is below the 8-byte header");
        records.push_back(std::move(rec));
        return true;
    }
    if (ulen > size)
    {
        SetMalformed(rec, truncated
                              ? "captured " + std::to_string(size) + " of the "
                                    + std::to_string(ulen) + " UDP bytes (snap length too small)"
                              : "UDP Length " + std::to_string(ulen) + " exceeds the "
                                    + std::to_string(size) + " bytes of the IPv4 payload");
        records.push_back(std::move(rec));
        return true;
    }
    DecodeL2tp(udp + 8, ulen - 8, m_secret ? &*m_secret : nullptr, rec);
    records.push_back(std::move(rec));
    return true;
}

void
L2tpPcapDecoder::DecodeL2tp(const uint8_t* data, uint32_t size, const std::string* secret,
                            L2tpPcapRecord& r)
{
    r.udpPayload = size;
    L2tpHeader h;
    std::string reason;
    const uint32_t hs = L2tpHeader::Parse(data, size, h, reason);
    if (hs == 0)
    {
        SetMalformed(r, "L2TP header: " + reason);
        return;
    }
    r.headerValid = true;
    r.flags = h.GetFlagsWord();
    r.tunnelId = h.GetTunnelId();
    r.sessionId = h.GetSessionId();
    r.hasLength = h.HasLength();
    r.length = h.HasLength() ? h.GetLength() : 0;
    r.hasSequence = h.HasSequence();
    r.ns = h.HasSequence() ? h.GetNs() : 0;
    r.nr = h.HasSequence() ? h.GetNr() : 0;
    r.headerSize = hs;

    std::ostringstream os;
    os << LinePrefix(r);
    if (!h.IsControl())
    {
        // The Length field, when present, bounds the message (Parse checked it fits).
        const uint32_t end = h.HasLength() ? h.GetLength() : size;
        r.kind = L2tpPcapRecord::Kind::DATA;
        r.typeName = "DATA";
        r.payloadLength = end - hs;
        os << "DATA tunnel=" << r.tunnelId << " session=" << r.sessionId;
        if (r.hasSequence)
        {
            os << " Ns=" << r.ns << " Nr=" << r.nr;
        }
        os << " len=" << r.payloadLength;
        r.line = os.str();
        return;
    }

    L2tpControlMessage::ParseResult pr = L2tpControlMessage::Parse(data, size, r.message, secret);
    if (!pr.Ok())
    {
        SetMalformed(r, std::string(L2tpControlMessage::ErrorName(pr.error)) + ": " + pr.reason);
        return;
    }
    r.messageType = r.message.GetMessageType();
    r.kind = r.message.IsZlb() ? L2tpPcapRecord::Kind::ZLB : L2tpPcapRecord::Kind::CONTROL;
    r.typeName = L2tpControlMessage::TypeName(r.messageType);
    const auto& avps = r.message.GetAvps();
    for (std::size_t i = 1; i < avps.size(); ++i)
    {
        const L2tpAvp& a = avps[i];
        const L2tpAvp::Spec* s = a.GetVendorId() == 0 ? L2tpAvp::FindSpec(a.GetType()) : nullptr;
        std::string key = s != nullptr ? std::string(s->key)
                                       : "avp_" + std::to_string(a.GetVendorId()) + "_"
                                             + std::to_string(a.GetType());
        r.avps.emplace_back(key, a.ValueToString());
    }
    r.warnings = pr.warnings;
    os << r.message.ToString();
    for (const auto& w : r.warnings)
    {
        os << " warning=" << L2tpAvp::QuoteText(w);
    }
    r.line = os.str();
}

} // namespace ns3
