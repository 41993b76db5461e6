/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-test-util.h"

#include "ns3/abort.h"
#include "ns3/system-path.h"

#include <array>
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

} // namespace l2tptest
} // namespace ns3
