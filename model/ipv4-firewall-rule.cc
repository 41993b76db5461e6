/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-firewall-rule.h"

#include "ns3/abort.h"

#include <sstream>
#include <vector>

namespace ns3
{

Ipv4FirewallRule::Ipv4FirewallRule()
    : source(Ipv4Address::GetAny())
    , sourceMask(Ipv4Mask::GetZero())
    , destination(Ipv4Address::GetAny())
    , destinationMask(Ipv4Mask::GetZero())
{
}

Ipv4FirewallRule
Ipv4FirewallRule::Allow()
{
    Ipv4FirewallRule r;
    r.action = ALLOW;
    return r;
}

Ipv4FirewallRule
Ipv4FirewallRule::Deny()
{
    Ipv4FirewallRule r;
    r.action = DENY;
    return r;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetSource(Ipv4Address address, Ipv4Mask mask)
{
    source = address.CombineMask(mask);
    sourceMask = mask;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetDestination(Ipv4Address address, Ipv4Mask mask)
{
    destination = address.CombineMask(mask);
    destinationMask = mask;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetProtocol(uint8_t p)
{
    protocol = p;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetSourcePorts(uint16_t min, uint16_t max)
{
    NS_ABORT_MSG_IF(min > max, "Ipv4FirewallRule: source port range " << min << "-" << max);
    srcPortMin = min;
    srcPortMax = max;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetDestinationPorts(uint16_t min, uint16_t max)
{
    NS_ABORT_MSG_IF(min > max, "Ipv4FirewallRule: destination port range " << min << "-" << max);
    dstPortMin = min;
    dstPortMax = max;
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetInputInterface(uint32_t interface)
{
    inInterface = int32_t(interface);
    return *this;
}

Ipv4FirewallRule&
Ipv4FirewallRule::SetName(const std::string& label)
{
    name = label;
    return *this;
}

bool
Ipv4FirewallRule::Matches(const Ipv4Header& header, const Ipv4TransportFields& f, bool portsKnown,
                          int32_t interface) const
{
    if (inInterface >= 0 && inInterface != interface)
    {
        return false;
    }
    if (protocol != 0 && protocol != header.GetProtocol())
    {
        return false;
    }
    if (header.GetSource().CombineMask(sourceMask) != source
        || header.GetDestination().CombineMask(destinationMask) != destination)
    {
        return false;
    }
    bool portsRestricted
        = srcPortMin != 0 || srcPortMax != 65535 || dstPortMin != 0 || dstPortMax != 65535;
    if (portsRestricted)
    {
        if (!portsKnown)
        {
            return false;
        }
        if (f.srcPort < srcPortMin || f.srcPort > srcPortMax || f.dstPort < dstPortMin
            || f.dstPort > dstPortMax)
        {
            return false;
        }
    }
    return true;
}

namespace
{

std::string
PrefixText(Ipv4Address a, Ipv4Mask m)
{
    std::ostringstream os;
    os << a << "/" << m.GetPrefixLength();
    return os.str();
}

std::string
RangeText(uint16_t lo, uint16_t hi)
{
    return lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi);
}

bool
ParseNumber(const std::string& s, uint32_t max, uint32_t& out)
{
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    uint64_t v = std::stoull(s);
    if (v > max)
    {
        return false;
    }
    out = uint32_t(v);
    return true;
}

bool
ParseRange(const std::string& s, uint16_t& lo, uint16_t& hi)
{
    size_t dash = s.find('-');
    uint32_t a;
    uint32_t b;
    if (dash == std::string::npos)
    {
        if (!ParseNumber(s, 65535, a))
        {
            return false;
        }
        b = a;
    }
    else if (!ParseNumber(s.substr(0, dash), 65535, a) || !ParseNumber(s.substr(dash + 1), 65535, b)
             || a > b)
    {
        return false;
    }
    lo = uint16_t(a);
    hi = uint16_t(b);
    return true;
}

bool
ParsePrefix(const std::string& s, Ipv4Address& address, Ipv4Mask& mask)
{
    if (s == "any")
    {
        address = Ipv4Address::GetAny();
        mask = Ipv4Mask::GetZero();
        return true;
    }
    size_t slash = s.find('/');
    std::string a = s.substr(0, slash);
    uint32_t len = 32;
    if (slash != std::string::npos && !ParseNumber(s.substr(slash + 1), 32, len))
    {
        return false;
    }
    // Four dotted decimal numbers, checked here (an unparsable string aborts in ns-3.47+).
    uint32_t parts = 0;
    uint32_t value = 0;
    size_t start = 0;
    while (true)
    {
        size_t dot = a.find('.', start);
        uint32_t octet;
        if (!ParseNumber(a.substr(start, dot - start), 255, octet))
        {
            return false;
        }
        value = value << 8 | octet;
        parts++;
        if (dot == std::string::npos)
        {
            break;
        }
        start = dot + 1;
    }
    if (parts != 4)
    {
        return false;
    }
    mask = Ipv4Mask(len == 0 ? 0 : uint32_t(0xffffffffu << (32 - len)));
    address = Ipv4Address(value).CombineMask(mask);
    return true;
}

} // namespace

Ipv4FirewallRule
Ipv4FirewallRule::Parse(const std::string& text, std::string& error)
{
    Ipv4FirewallRule r;
    error.clear();
    std::istringstream in(text);
    std::vector<std::string> words;
    std::string w;
    while (in >> w)
    {
        words.push_back(w);
    }
    if (words.empty() || (words[0] != "allow" && words[0] != "deny"))
    {
        error = "a rule starts with 'allow' or 'deny'";
        return r;
    }
    r.action = words[0] == "allow" ? ALLOW : DENY;
    for (size_t i = 1; i < words.size(); i += 2)
    {
        const std::string& key = words[i];
        if (i + 1 >= words.size())
        {
            error = "'" + key + "' needs a value";
            return r;
        }
        const std::string& value = words[i + 1];
        uint32_t n;
        if (key == "proto")
        {
            if (value == "udp")
            {
                r.protocol = Ipv4TransportFields::PROT_UDP;
            }
            else if (value == "tcp")
            {
                r.protocol = Ipv4TransportFields::PROT_TCP;
            }
            else if (value == "icmp")
            {
                r.protocol = Ipv4TransportFields::PROT_ICMP;
            }
            else if (value == "esp")
            {
                r.protocol = Ipv4TransportFields::PROT_ESP;
            }
            else if (value == "any")
            {
                r.protocol = 0;
            }
            else if (ParseNumber(value, 255, n))
            {
                r.protocol = uint8_t(n);
            }
            else
            {
                error = "proto '" + value + "' (expected udp, tcp, icmp, esp, any or 0-255)";
                return r;
            }
        }
        else if (key == "from" || key == "to")
        {
            Ipv4Address a = Ipv4Address::GetAny();
            Ipv4Mask m = Ipv4Mask::GetZero();
            if (!ParsePrefix(value, a, m))
            {
                error = key + " '" + value + "' (expected A.B.C.D/LEN or any)";
                return r;
            }
            (key == "from" ? r.source : r.destination) = a;
            (key == "from" ? r.sourceMask : r.destinationMask) = m;
        }
        else if (key == "sport" || key == "dport")
        {
            bool ok = key == "sport" ? ParseRange(value, r.srcPortMin, r.srcPortMax)
                                     : ParseRange(value, r.dstPortMin, r.dstPortMax);
            if (!ok)
            {
                error = key + " '" + value + "' (expected PORT or LO-HI within 0-65535)";
                return r;
            }
        }
        else if (key == "in")
        {
            if (!ParseNumber(value, 0x7fffffff, n))
            {
                error = "in '" + value + "' (expected an interface index)";
                return r;
            }
            r.inInterface = int32_t(n);
        }
        else if (key == "name")
        {
            r.name = value;
        }
        else
        {
            error = "unknown key '" + key + "' (expected proto, from, to, sport, dport, in, name)";
            return r;
        }
    }
    return r;
}

std::string
Ipv4FirewallRule::ToString() const
{
    std::ostringstream os;
    os << (action == ALLOW ? "allow" : "deny");
    if (protocol != 0)
    {
        os << " proto " << Ipv4TransportFields::ProtocolName(protocol);
    }
    if (sourceMask.Get() != 0)
    {
        os << " from " << PrefixText(source, sourceMask);
    }
    if (destinationMask.Get() != 0)
    {
        os << " to " << PrefixText(destination, destinationMask);
    }
    if (srcPortMin != 0 || srcPortMax != 65535)
    {
        os << " sport " << RangeText(srcPortMin, srcPortMax);
    }
    if (dstPortMin != 0 || dstPortMax != 65535)
    {
        os << " dport " << RangeText(dstPortMin, dstPortMax);
    }
    if (inInterface >= 0)
    {
        os << " in " << inInterface;
    }
    if (!name.empty())
    {
        os << " name " << name;
    }
    return os.str();
}

} // namespace ns3
