/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-test-util.h"

#include "ns3/abort.h"
#include "ns3/system-path.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace l2tptest
{

std::vector<uint8_t>
FromHex(const std::string& hex)
{
    std::vector<uint8_t> out;
    int hi = -1;
    for (char c : hex)
    {
        int v;
        if (c >= '0' && c <= '9')
        {
            v = c - '0';
        }
        else if (c >= 'a' && c <= 'f')
        {
            v = c - 'a' + 10;
        }
        else if (c >= 'A' && c <= 'F')
        {
            v = c - 'A' + 10;
        }
        else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ':')
        {
            continue;
        }
        else
        {
            NS_ABORT_MSG("bad hex digit '" << c << "'");
        }
        if (hi < 0)
        {
            hi = v;
        }
        else
        {
            out.push_back(uint8_t(hi << 4 | v));
            hi = -1;
        }
    }
    NS_ABORT_MSG_IF(hi >= 0, "odd number of hex digits");
    return out;
}

std::string
ToHex(const std::vector<uint8_t>& bytes)
{
    static const char* d = "0123456789abcdef";
    std::string s;
    for (uint8_t b : bytes)
    {
        s += d[b >> 4];
        s += d[b & 0xf];
    }
    return s;
}

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    NS_ABORT_MSG_IF(!in, "cannot read " << path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string>
ReadLines(const std::string& path)
{
    std::istringstream in(ReadFile(path));
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line))
    {
        lines.push_back(line);
    }
    return lines;
}

std::vector<std::string>
Split(const std::string& line, char sep)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : line)
    {
        if (c == sep)
        {
            out.push_back(cur);
            cur.clear();
        }
        else
        {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

std::string
RunCommand(const std::string& cmd, int& status)
{
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr)
    {
        status = -1;
        return out;
    }
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
    {
        out.append(buf.data(), n);
    }
    status = pclose(p);
    return out;
}

std::string
DataDir()
{
    return std::string(NS_TEST_SOURCEDIR) + "/data";
}

std::string
MakeTempDir(const std::string& name)
{
    std::string dir = SystemPath::Append(SystemPath::MakeTemporaryDirectoryName(), "l2tp-" + name);
    SystemPath::MakeDirectories(dir);
    return dir;
}

namespace
{
std::string
Xl2tpdDir()
{
    return DataDir() + "/xl2tpd";
}

bool
EndsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size()
           && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool
StartsWith(const std::string& s, const std::string& prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

/// A field line of tshark -V: "Name: value", or for a bit line ".... ..1. = Name: value".
TsharkField
SplitField(std::string content)
{
    size_t eq = content.find(" = ");
    if (eq != std::string::npos && content.find_first_not_of(".01 ") >= eq)
    {
        content = content.substr(eq + 3);
    }
    size_t colon = content.find(": ");
    if (colon == std::string::npos)
    {
        return {content, ""};
    }
    return {content.substr(0, colon), content.substr(colon + 2)};
}
} // namespace

std::vector<std::string>
Xl2tpdCases()
{
    std::vector<std::string> cases;
    for (const auto& f : SystemPath::ReadFiles(Xl2tpdDir()))
    {
        if (EndsWith(f, ".hex"))
        {
            cases.push_back(f.substr(0, f.size() - 4));
        }
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

std::vector<VectorLine>
LoadXl2tpdCase(const std::string& caseName)
{
    std::vector<VectorLine> out;
    uint32_t frame = 0;
    for (const auto& line : ReadLines(Xl2tpdDir() + "/" + caseName + ".hex"))
    {
        ++frame;
        if (line.empty())
        {
            continue;
        }
        out.push_back({caseName, frame, FromHex(line)});
    }
    return out;
}

std::vector<VectorLine>
LoadXl2tpdVectors()
{
    std::vector<VectorLine> out;
    for (const auto& c : Xl2tpdCases())
    {
        auto lines = LoadXl2tpdCase(c);
        out.insert(out.end(), lines.begin(), lines.end());
    }
    return out;
}

std::string
ReadL2tpSecret(const std::string& path)
{
    for (const auto& line : ReadLines(path))
    {
        std::istringstream in(line);
        std::string them;
        std::string us;
        std::string secret;
        if (line.empty() || line[0] == '#' || !(in >> them >> us >> secret))
        {
            continue;
        }
        return secret;
    }
    NS_ABORT_MSG("no secret in " << path);
    return "";
}

bool
IsControlBytes(const std::vector<uint8_t>& bytes)
{
    return !bytes.empty() && (bytes[0] & 0x80);
}

std::vector<std::map<std::string, std::string>>
ReadTsharkSummary(const std::string& txtPath)
{
    std::vector<std::map<std::string, std::string>> rows;
    std::vector<std::string> names;
    bool inTable = false;
    for (const auto& line : ReadLines(txtPath))
    {
        if (StartsWith(line, "## Per-packet summary"))
        {
            inTable = true;
            continue;
        }
        if (!inTable || StartsWith(line, "## command"))
        {
            continue;
        }
        if (line.empty() || StartsWith(line, "##"))
        {
            break;
        }
        std::vector<std::string> fields = Split(line, '\t');
        if (names.empty())
        {
            names = fields;
            continue;
        }
        NS_ABORT_MSG_IF(fields.size() != names.size(),
                        txtPath << ": summary row with " << fields.size() << " fields, header has "
                                << names.size());
        std::map<std::string, std::string> row;
        for (size_t i = 0; i < names.size(); ++i)
        {
            row[names[i]] = fields[i];
        }
        rows.push_back(row);
    }
    NS_ABORT_MSG_IF(names.empty(), txtPath << ": no per-packet summary table");
    return rows;
}

std::vector<TsharkFrame>
ReadTsharkDecode(const std::string& txtPath)
{
    std::vector<TsharkFrame> frames;
    bool inDecode = false;
    std::string section;
    bool afterPpp = false;
    TsharkAvp* avp = nullptr;
    for (const auto& line : ReadLines(txtPath))
    {
        if (StartsWith(line, "## Full decode"))
        {
            inDecode = true;
            continue;
        }
        if (!inDecode || line.empty())
        {
            continue;
        }
        if (line[0] != ' ')
        {
            // A top-level line: a new frame or the next protocol of the current frame.
            avp = nullptr;
            if (StartsWith(line, "Frame ") && std::isdigit(static_cast<unsigned char>(line[6])))
            {
                frames.emplace_back();
                frames.back().number = std::stoul(line.substr(6));
                afterPpp = false;
                section = "Frame";
                continue;
            }
            NS_ABORT_MSG_IF(frames.empty(), txtPath << ": decode text before the first frame");
            if (section == "Point-to-Point Protocol")
            {
                afterPpp = true;
            }
            section = line;
            continue;
        }
        if (frames.empty())
        {
            continue;
        }
        TsharkFrame& f = frames.back();
        size_t indent = line.find_first_not_of(' ');
        std::string content = line.substr(indent);
        if (StartsWith(section, "User Datagram Protocol"))
        {
            if (indent == 4 && StartsWith(content, "UDP payload ("))
            {
                f.udpPayload = std::stoll(content.substr(13));
            }
        }
        else if (section == "Layer 2 Tunneling Protocol")
        {
            if (indent == 4 && EndsWith(content, " AVP") && content.find(": ") == std::string::npos)
            {
                f.avps.push_back({content, {}});
                avp = &f.avps.back();
            }
            else if (indent == 4)
            {
                avp = nullptr;
                f.l2tp.push_back(SplitField(content));
            }
            else if (avp != nullptr)
            {
                avp->fields.push_back(SplitField(content));
            }
        }
        else if (section == "Point-to-Point Protocol")
        {
            if (indent == 4)
            {
                f.ppp.push_back(SplitField(content));
            }
        }
        else if (afterPpp && indent == 4)
        {
            f.pppLayer.push_back(SplitField(content));
        }
    }
    return frames;
}

const std::string*
FindField(const std::vector<TsharkField>& fields, const std::string& name)
{
    for (const auto& f : fields)
    {
        if (f.first == name)
        {
            return &f.second;
        }
    }
    return nullptr;
}

int64_t
NumberInParens(const std::string& text)
{
    size_t open = text.rfind('(');
    size_t close = text.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open + 2)
    {
        return -1;
    }
    std::string digits = text.substr(open + 1, close - open - 1);
    if (digits.find_first_not_of("0123456789") != std::string::npos)
    {
        return -1;
    }
    return std::stoll(digits);
}

L2tpAvp
SampleAvp(uint16_t type)
{
    using A = L2tpAvp;
    const std::vector<uint8_t> challenge = FromHex("5658edea6600f6f58ecf4d09d399a100");
    switch (type)
    {
        case A::MESSAGE_TYPE:
            return A::FromU16(type, 1);
        case A::RESULT_CODE:
            return A::FromResultCode(type, {2, 6, "vendor error"});
        case A::PROTOCOL_VERSION:
            return A::FromProtocolVersion(1, 0);
        case A::FRAMING_CAPABILITIES:
            return A::FromU32(type, 0x00000003);
        case A::BEARER_CAPABILITIES:
            return A::FromU32(type, 0x00000002);
        case A::TIE_BREAKER:
            return A::FromU64(type, 0x0123456789abcdefULL);
        case A::FIRMWARE_REVISION:
            return A::FromU16(type, 0x0690);
        case A::HOST_NAME:
            return A::FromString(type, "lac-ref");
        case A::VENDOR_NAME:
            return A::FromString(type, "xelerance.com");
        case A::ASSIGNED_TUNNEL_ID:
            return A::FromU16(type, 0xd629);
        case A::RECEIVE_WINDOW_SIZE:
            return A::FromU16(type, 4);
        case A::CHALLENGE:
            return A::FromOctets(type, challenge);
        case A::Q931_CAUSE_CODE:
            return A::FromQ931Cause({16, 0x5a, "normal clearing"});
        case A::CHALLENGE_RESPONSE:
            return A::FromOctets(type, FromHex("d3183c1585c0634f88b96ffbba3c2ad1"));
        case A::ASSIGNED_SESSION_ID:
            return A::FromU16(type, 0x53c4);
        case A::CALL_SERIAL_NUMBER:
            return A::FromU32(type, 1);
        case A::MINIMUM_BPS:
            return A::FromU32(type, 9600);
        case A::MAXIMUM_BPS:
            return A::FromU32(type, 64000);
        case A::BEARER_TYPE:
            return A::FromU32(type, 0x00000001);
        case A::FRAMING_TYPE:
            return A::FromU32(type, 0x00000001);
        case A::CALLED_NUMBER:
            return A::FromString(type, "5551234");
        case A::CALLING_NUMBER:
            return A::FromString(type, "+4930123456789");
        case A::SUB_ADDRESS:
            return A::FromString(type, "17");
        case A::TX_CONNECT_SPEED:
            return A::FromU32(type, 115200);
        case A::PHYSICAL_CHANNEL_ID:
            return A::FromU32(type, 0x00010203);
        case A::INITIAL_RECEIVED_LCP_CONFREQ:
            return A::FromOctets(type, FromHex("010405dc050611223344"));
        case A::LAST_SENT_LCP_CONFREQ:
            return A::FromOctets(type, FromHex("010405dc050655667788"));
        case A::LAST_RECEIVED_LCP_CONFREQ:
            return A::FromOctets(type, FromHex("010405d4050611223344"));
        case A::PROXY_AUTHEN_TYPE:
            return A::FromU16(type, 2);
        case A::PROXY_AUTHEN_NAME:
            return A::FromString(type, "remote-user");
        case A::PROXY_AUTHEN_CHALLENGE:
            return A::FromOctets(type, FromHex("00112233445566778899aabbccddeeff"));
        case A::PROXY_AUTHEN_ID:
            return A::FromProxyAuthenId(7);
        case A::PROXY_AUTHEN_RESPONSE:
            return A::FromOctets(type, FromHex("ffeeddccbbaa99887766554433221100"));
        case A::CALL_ERRORS:
            return A::FromCallErrors({1, 2, 3, 4, 5, 0x06070809});
        case A::ACCM:
            return A::FromAccm({0x000a0000, 0xffffffff});
        case A::RANDOM_VECTOR:
            return A::FromOctets(type, FromHex("3f1d8a2b9c4e5f60718293a4b5c6d7e8"));
        case A::PRIVATE_GROUP_ID:
            return A::FromOctets(type, FromHex("677270"));
        case A::RX_CONNECT_SPEED:
            return A::FromU32(type, 57600);
        case A::SEQUENCING_REQUIRED:
            return A::SequencingRequired();
    }
    NS_ABORT_MSG("no sample value for attribute type " << type);
    return A();
}

std::vector<uint8_t>
Slice(const std::vector<uint8_t>& bytes, size_t from, size_t n)
{
    NS_ABORT_MSG_IF(from + n > bytes.size(), "Slice out of range");
    return std::vector<uint8_t>(bytes.begin() + from, bytes.begin() + from + n);
}

} // namespace l2tptest
} // namespace ns3
