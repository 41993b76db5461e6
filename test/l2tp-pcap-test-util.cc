/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-pcap-test-util.h"

#include "l2tp-test-util.h"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace ns3
{
namespace l2tptest
{

namespace
{

/// The tshark fields read per frame, in this order.
const std::vector<std::string> kFields = {
    "frame.number",
    "frame.time_relative",
    "ip.src",
    "udp.srcport",
    "udp.length",
    "l2tp.type",
    "l2tp.tunnel",
    "l2tp.session",
    "l2tp.Ns",
    "l2tp.Nr",
    "l2tp.length_bit",
    "l2tp.seq_bit",
    "l2tp.offset_bit",
    "l2tp.offset",
    "l2tp.length",
    "l2tp.avp.message_type",
    "l2tp.avp.type",
    "l2tp.avp.hidden",
    "l2tp.avp.assigned_tunnel_id",
    "l2tp.avp.assigned_session_id",
    "l2tp.result_code",
    "l2tp.avp.error_code",
    "l2tp.avp.error_message",
    "l2tp.avp.host_name",
    "l2tp.avp.vendor_name",
    "l2tp.avp.receive_window_size",
    "l2tp.avp.call_serial_number",
    "l2tp.avp.protocol_version",
    "l2tp.avp.protocol_revision",
    "l2tp.avp.firmware_revision",
    "l2tp.avp.connect_speed",
    "l2tp.avp.rx_connect_speed",
    "l2tp.avp.calling_number",
    "l2tp.avp.random_vector",
};

/// One tshark row: field name -> value (aggregated with ',').
using Row = std::map<std::string, std::string>;

/// "0.000205000" -> 205000 (exact: no floating point).
int64_t
ParseTimeNs(const std::string& s)
{
    std::size_t dot = s.find('.');
    int64_t sec = std::stoll(s.substr(0, dot));
    std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    frac.resize(9, '0');
    return sec * 1000000000 + std::stoll(frac);
}

/// tshark prints booleans as 1/0 (4.0) or True/False (older releases).
bool
Flag(const std::string& s)
{
    return s == "1" || s == "True";
}

/// The outer layer's value of a field that inner packets repeat (ip.src of PPP-carried IPv4).
std::string
First(const std::string& aggregated)
{
    return Split(aggregated, ',')[0];
}

/// Run tshark on \p pcap and keep the L2TP rows (l2tp.type present).
std::vector<Row>
Tshark(const std::string& pcap, int& status, std::string& raw)
{
    std::string cmd = "tshark -r " + ShellQuote(pcap)
                      + " -T fields -E separator=/t -E occurrence=a -E aggregator=,";
    for (const auto& f : kFields)
    {
        cmd += " -e " + f;
    }
    raw = RunCommand(cmd + " 2>/dev/null", status);
    std::vector<Row> rows;
    std::istringstream in(raw);
    std::string line;
    while (std::getline(in, line))
    {
        std::vector<std::string> v = Split(line, '\t');
        if (v.size() != kFields.size() || v[5].empty())
        {
            continue;
        }
        Row r;
        for (std::size_t i = 0; i < v.size(); ++i)
        {
            r[kFields[i]] = v[i];
        }
        rows.push_back(r);
    }
    return rows;
}

std::string
Hex(const std::vector<uint8_t>& v)
{
    return ToHex(v);
}

} // namespace

std::string
ShellQuote(const std::string& s)
{
    std::string q = "'";
    for (char c : s)
    {
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return q + "'";
}

std::string
Lines(const std::vector<L2tpPcapRecord>& records)
{
    std::string s;
    for (const auto& r : records)
    {
        s += r.line + "\n";
    }
    return s;
}

std::string
Case2Secret()
{
    return Split(ReadLines(DataDir() + "/xl2tpd/case2_challenge.l2tp-secrets")[0], ' ')[2];
}

std::string
CompareWithTshark(const std::string& pcap, const std::vector<L2tpPcapRecord>& records)
{
    int status = 0;
    std::string raw;
    std::vector<Row> rows = Tshark(pcap, status, raw);
    if (status != 0)
    {
        return "tshark failed on " + pcap + " (status " + std::to_string(status) + ")\n";
    }
    if (rows.size() != records.size())
    {
        return pcap + ": tshark shows " + std::to_string(rows.size())
               + " L2TP messages, the decoder " + std::to_string(records.size()) + "\n" + raw
               + "---\n" + Lines(records);
    }
    std::ostringstream diff;
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        Row& t = rows[i];
        const L2tpPcapRecord& r = records[i];
        const std::string where = pcap + " frame " + t["frame.number"] + " (" + r.line + ")";
        auto expect
            = [&](const std::string& what, const std::string& ours, const std::string& theirs)
        {
            if (ours != theirs)
            {
                diff << where << ": " << what << ": decoder '" << ours << "', tshark '" << theirs
                     << "'\n";
            }
        };
        auto num = [](uint64_t v)
        {
            return std::to_string(v);
        };
        expect("kind", r.kind == L2tpPcapRecord::Kind::MALFORMED ? "MALFORMED" : "ok", "ok");
        expect("frame", num(r.frame), t["frame.number"]);
        expect("time", std::to_string(r.timeNs),
               std::to_string(ParseTimeNs(t["frame.time_relative"])));
        std::ostringstream src;
        src << r.srcAddress;
        expect("ip.src", src.str(), First(t["ip.src"]));
        expect("udp.srcport", num(r.srcPort), First(t["udp.srcport"]));
        const bool control = Flag(t["l2tp.type"]);
        expect("T bit", num(r.kind != L2tpPcapRecord::Kind::DATA), num(control));
        expect("tunnel", num(r.tunnelId), t["l2tp.tunnel"]);
        expect("session", num(r.sessionId), t["l2tp.session"]);
        expect("L bit", num(r.hasLength), num(Flag(t["l2tp.length_bit"])));
        expect("S bit", num(r.hasSequence), num(Flag(t["l2tp.seq_bit"])));
        if (r.hasLength)
        {
            expect("Length", num(r.length), t["l2tp.length"]);
        }
        if (r.hasSequence)
        {
            expect("Ns", num(r.ns), t["l2tp.Ns"]);
            expect("Nr", num(r.nr), t["l2tp.Nr"]);
        }
        // Header size from tshark's flags (RFC 2661 3.1), then the PPP payload's length.
        const uint32_t header
            = 6 + (Flag(t["l2tp.length_bit"]) ? 2 : 0) + (Flag(t["l2tp.seq_bit"]) ? 4 : 0)
              + (Flag(t["l2tp.offset_bit"]) ? 2 + std::stoul(t["l2tp.offset"]) : 0);
        expect("header size", num(r.headerSize), num(header));
        if (!control)
        {
            const uint32_t end = Flag(t["l2tp.length_bit"])
                                     ? std::stoul(t["l2tp.length"])
                                     : std::stoul(First(t["udp.length"])) - 8;
            expect("payload length", num(r.payloadLength), num(end - header));
            continue;
        }
        const std::string& type = t["l2tp.avp.message_type"];
        expect("message type", num(r.messageType), type.empty() ? "0" : type);
        expect("ZLB", num(r.kind == L2tpPcapRecord::Kind::ZLB), num(type.empty()));
        // tshark gives the type of visible AVPs only, and every AVP's H bit.
        std::string types;
        std::string hidden;
        for (const auto& a : r.message.GetAvps())
        {
            if (!a.IsHidden())
            {
                types += (types.empty() ? "" : ",") + num(a.GetType());
            }
            hidden += std::string(hidden.empty() ? "" : ",") + (a.IsHidden() ? "1" : "0");
        }
        std::string theirHidden;
        if (!t["l2tp.avp.hidden"].empty())
        {
            for (const auto& h : Split(t["l2tp.avp.hidden"], ','))
            {
                theirHidden += std::string(theirHidden.empty() ? "" : ",") + (Flag(h) ? "1" : "0");
            }
        }
        expect("AVP types", types, t["l2tp.avp.type"]);
        expect("AVP H bits", hidden, theirHidden);
        // AVP values tshark decodes (it does not unhide: a hidden AVP has no value there).
        auto value = [&](const std::string& field, uint16_t avpType,
                         std::function<std::string(const L2tpAvp&)> text)
        {
            const L2tpAvp* a = r.message.FindAvp(avpType);
            const std::string ours = a == nullptr    ? "(absent)"
                                     : a->IsHidden() ? "(hidden)"
                                                     : text(*a);
            const std::string theirs
                = t[field].empty() ? (a != nullptr && a->IsHidden() ? "(hidden)" : "(absent)")
                                   : t[field];
            expect(field, ours, theirs);
        };
        auto u16 = [](const L2tpAvp& a)
        {
            return std::to_string(a.GetU16().value_or(0));
        };
        auto u32 = [](const L2tpAvp& a)
        {
            return std::to_string(a.GetU32().value_or(0));
        };
        auto str = [](const L2tpAvp& a)
        {
            return a.GetString();
        };
        value("l2tp.avp.assigned_tunnel_id", L2tpAvp::ASSIGNED_TUNNEL_ID, u16);
        value("l2tp.avp.assigned_session_id", L2tpAvp::ASSIGNED_SESSION_ID, u16);
        value("l2tp.avp.host_name", L2tpAvp::HOST_NAME, str);
        value("l2tp.avp.vendor_name", L2tpAvp::VENDOR_NAME, str);
        value("l2tp.avp.receive_window_size", L2tpAvp::RECEIVE_WINDOW_SIZE, u16);
        value("l2tp.avp.call_serial_number", L2tpAvp::CALL_SERIAL_NUMBER, u32);
        value("l2tp.avp.firmware_revision", L2tpAvp::FIRMWARE_REVISION, u16);
        value("l2tp.avp.connect_speed", L2tpAvp::TX_CONNECT_SPEED, u32);
        value("l2tp.avp.rx_connect_speed", L2tpAvp::RX_CONNECT_SPEED, u32);
        value("l2tp.avp.calling_number", L2tpAvp::CALLING_NUMBER, str);
        value("l2tp.avp.random_vector", L2tpAvp::RANDOM_VECTOR,
              [](const L2tpAvp& a) { return Hex(a.GetValue()); });
        value("l2tp.avp.protocol_version", L2tpAvp::PROTOCOL_VERSION,
              [](const L2tpAvp& a) { return std::to_string(a.GetProtocolVersion()->first); });
        value("l2tp.avp.protocol_revision", L2tpAvp::PROTOCOL_VERSION,
              [](const L2tpAvp& a) { return std::to_string(a.GetProtocolVersion()->second); });
        value("l2tp.result_code", L2tpAvp::RESULT_CODE,
              [](const L2tpAvp& a) { return std::to_string(a.GetResultCode()->result); });
        value("l2tp.avp.error_code", L2tpAvp::RESULT_CODE,
              [](const L2tpAvp& a)
              {
                  auto rc = a.GetResultCode();
                  return rc->error ? std::to_string(*rc->error) : std::string("(absent)");
              });
        value("l2tp.avp.error_message", L2tpAvp::RESULT_CODE,
              [](const L2tpAvp& a)
              {
                  auto rc = a.GetResultCode();
                  return rc->message.empty() ? std::string("(absent)") : rc->message;
              });
    }
    return diff.str();
}

void
Put16(std::vector<uint8_t>& v, uint16_t x)
{
    v.push_back(uint8_t(x >> 8));
    v.push_back(uint8_t(x));
}

void
Append(std::vector<uint8_t>& v, const std::vector<uint8_t>& w)
{
    v.insert(v.end(), w.begin(), w.end());
}

std::vector<uint8_t>
Ipv4(const std::vector<uint8_t>& payload, uint16_t frag, uint16_t id,
     const std::vector<uint8_t>& options, uint32_t src, uint32_t dst, uint8_t protocol)
{
    const uint16_t hl = uint16_t(20 + options.size());
    std::vector<uint8_t> ip{uint8_t(0x40 | hl / 4), 0};
    Put16(ip, uint16_t(hl + payload.size()));
    Put16(ip, id);
    Put16(ip, frag);
    ip.push_back(64);
    ip.push_back(protocol);
    Put16(ip, 0);
    for (uint32_t a : {src, dst})
    {
        Put16(ip, uint16_t(a >> 16));
        Put16(ip, uint16_t(a));
    }
    Append(ip, options);
    uint32_t sum = 0;
    for (std::size_t i = 0; i < hl; i += 2)
    {
        sum += uint32_t(ip[i] << 8 | ip[i + 1]);
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    ip[10] = uint8_t(~sum >> 8);
    ip[11] = uint8_t(~sum);
    Append(ip, payload);
    return ip;
}

std::vector<uint8_t>
Udp(const std::vector<uint8_t>& l2tp, uint16_t sport, uint16_t dport)
{
    std::vector<uint8_t> u;
    Put16(u, sport);
    Put16(u, dport);
    Put16(u, uint16_t(8 + l2tp.size()));
    Put16(u, 0); // no checksum, as xl2tpd sends
    Append(u, l2tp);
    return u;
}

std::vector<uint8_t>
Ethernet(const std::vector<uint8_t>& ip, const std::vector<uint16_t>& tags, uint16_t type)
{
    std::vector<uint8_t> e{0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1};
    for (std::size_t i = 0; i < tags.size(); ++i)
    {
        Put16(e, i == 0 && tags.size() > 1 ? 0x88a8 : 0x8100);
        Put16(e, tags[i]); // PCP 0, DEI 0, VLAN id
    }
    Put16(e, type);
    Append(e, ip);
    return e;
}

std::vector<uint8_t>
Pcap(uint32_t linkType, const std::vector<PcapRecord>& records, bool bigEndian, bool nano)
{
    std::vector<uint8_t> out;
    auto u32 = [&out, bigEndian](uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
        {
            out.push_back(uint8_t(v >> (bigEndian ? 24 - 8 * i : 8 * i)));
        }
    };
    auto u16 = [&out, bigEndian](uint16_t v)
    {
        out.push_back(uint8_t(bigEndian ? v >> 8 : v));
        out.push_back(uint8_t(bigEndian ? v : v >> 8));
    };
    u32(nano ? 0xa1b23c4d : 0xa1b2c3d4);
    u16(2);
    u16(4);
    u32(0);
    u32(0);
    u32(65535);
    u32(linkType);
    for (const auto& r : records)
    {
        u32(r.sec);
        u32(r.frac);
        u32(uint32_t(r.bytes.size()));
        u32(r.orig ? r.orig : uint32_t(r.bytes.size()));
        Append(out, r.bytes);
    }
    return out;
}

void
WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

} // namespace l2tptest
} // namespace ns3
