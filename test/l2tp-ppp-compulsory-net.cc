/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-ppp-compulsory-net.h"

#include "l2tp-test-util.h"

#include "ns3/packet.h"
#include "ns3/ppp-frame.h"
#include "ns3/ppp-hdlc.h"
#include "ns3/simulator.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace l2tptest
{
namespace comp
{

std::vector<uint8_t>
Bytes(Ptr<const Packet> p)
{
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

void
LogRx(LineLog* l, Ptr<const Packet> p)
{
    l->fromUser.push_back(Bytes(p));
}

void
LogTx(LineLog* l, Ptr<const Packet> p)
{
    // MacTx: queued; the line is idle whenever this test looks, so order = transmission order
    l->toUser.push_back(Bytes(p));
}

void
LogPhy(std::vector<uint32_t>* v, Ptr<const Packet> p)
{
    v->push_back(p->GetSize());
}

void
LnsEndpoint(LnsLog* l, Ptr<L2tpSession>, Ptr<PppEndpoint> ep)
{
    if (l->eps.empty())
    {
        HookEndpoint(&l->log, ep);
    }
    l->eps.push_back(ep);
}

void
LnsProxy(LnsLog* l, Ptr<L2tpSession>, const std::string& what, const std::string& user)
{
    l->proxy += what + " " + user + ";";
}

void
LnsCdn(LnsLog* l, uint16_t, uint16_t result, const std::string& msg)
{
    l->cdn += std::to_string(result) + " " + msg + ";";
}

void
LacPhase(LnsLog* l, Ptr<PppSerialNetDevice> dev, const std::string& phase)
{
    if (dev->GetIfIndex() == 1) // the first line at the LAC (device 0 is the loopback)
    {
        l->lacPhases += phase + ";";
    }
}

/// Install an echo client on \p node to \p server: \p n requests of \p size from \p start
void
Ping(Ptr<Node> node, Ipv4Address server, uint32_t n, uint32_t size, Time start, Echoes* e)
{
    UdpEchoClientHelper echo(server, 9);
    echo.SetAttribute("MaxPackets", UintegerValue(n));
    echo.SetAttribute("Interval", TimeValue(Seconds(1)));
    echo.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer a = echo.Install(node);
    a.Start(start);
    a.Get(0)->TraceConnectWithoutContext("Tx", MakeBoundCallback(&Echoes::Tx, e));
    a.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&Echoes::Rx, e));
}

/// The information field of \p frame (Address/Control and Protocol compressed or not), and
/// its protocol in \p proto; empty if the frame does not decode
std::vector<uint8_t>
Info(const std::vector<uint8_t>& frame, uint16_t& proto)
{
    PppFrame f;
    if (PppFrame::Decode(frame.data(), frame.size(), f) != PppFrame::OK)
    {
        proto = 0;
        return {};
    }
    proto = f.protocol;
    return f.information;
}

/// The options (or data) of a control packet \p info (from Code on)
std::vector<uint8_t>
Body(const std::vector<uint8_t>& info)
{
    if (info.size() < 4)
    {
        return {};
    }
    const std::size_t len
        = std::min<std::size_t>((std::size_t(info[2]) << 8) | info[3], info.size());
    return std::vector<uint8_t>(info.begin() + 4, info.begin() + std::max<std::size_t>(len, 4));
}

/// The first control packet (from Code on) of protocol \p proto and code \p code in
/// \p frames (empty if none)
std::vector<uint8_t>
Find(const std::vector<std::vector<uint8_t>>& frames, uint16_t proto, uint8_t code)
{
    for (const auto& f : frames)
    {
        uint16_t p = 0;
        const auto info = Info(f, p);
        if (p == proto && !info.empty() && info[0] == code)
        {
            return info;
        }
    }
    return {};
}

/// Count of frames of \p frames with protocol \p proto (and code \p code unless 0)
uint32_t
Count(const std::vector<std::vector<uint8_t>>& frames, uint16_t proto, uint8_t code)
{
    uint32_t n = 0;
    for (const auto& f : frames)
    {
        uint16_t p = 0;
        const auto info = Info(f, p);
        if (p == proto && (code == 0 || (!info.empty() && info[0] == code)))
        {
            ++n;
        }
    }
    return n;
}

/// The Value of a CHAP Challenge / Response packet \p info (Value-Size, Value, Name)
std::vector<uint8_t>
ChapValue(const std::vector<uint8_t>& info)
{
    const auto d = Body(info);
    if (d.empty() || 1u + d[0] > d.size())
    {
        return {};
    }
    return std::vector<uint8_t>(d.begin() + 1, d.begin() + 1 + d[0]);
}

/// The Name of a CHAP Challenge / Response packet \p info
std::string
ChapName(const std::vector<uint8_t>& info)
{
    const auto d = Body(info);
    if (d.empty() || 1u + d[0] > d.size())
    {
        return "";
    }
    return std::string(d.begin() + 1 + d[0], d.end());
}

/// HDLC octets of \p frame under \p accm, counted here: 2 flags, every octet of the frame
/// and of its FCS-16 (least significant first), plus one Control Escape for each of them
/// that is 0x7d, 0x7e or a control character flagged in \p accm (RFC 1662 4.2, 7.1)
uint32_t
FramedOctets(const std::vector<uint8_t>& frame, uint32_t accm)
{
    const uint16_t fcs
        = static_cast<uint16_t>(~PppHdlc::Fcs16(PppHdlc::FCS16_INIT, frame.data(), frame.size()));
    std::vector<uint8_t> all = frame;
    all.push_back(static_cast<uint8_t>(fcs & 0xff));
    all.push_back(static_cast<uint8_t>(fcs >> 8));
    uint32_t n = 2;
    for (uint8_t b : all)
    {
        const bool esc = b == 0x7d || b == 0x7e || (b < 0x20 && ((accm >> b) & 1) != 0);
        n += esc ? 2 : 1;
    }
    return n;
}

/// tshark's malformed-packet and error-expert checks on \p pcap; "" if clean
std::string
TsharkClean(const std::string& pcap)
{
    int st = 0;
    const std::string malformed
        = RunCommand("tshark -r " + pcap + " -Y _ws.malformed 2>/dev/null", st);
    if (st != 0)
    {
        return "tshark failed on " + pcap;
    }
    const std::string expert
        = RunCommand("tshark -r " + pcap + " -q -z expert,error 2>/dev/null", st);
    std::string out;
    if (!malformed.empty())
    {
        out += "malformed: " + malformed;
    }
    if (expert.find("Error") != std::string::npos)
    {
        out += "expert errors: " + expert;
    }
    return out;
}

/// Queue raw PPP frame octets \p f on the line end \p d
void
SendRaw(Ptr<PppSerialNetDevice> d, std::vector<uint8_t> f)
{
    d->SendFrame(Create<Packet>(f.data(), f.size()));
}

/// Record the phases of the LAC's second line (interface 2: bob's)
void
SecondLinePhase(std::string* log, Ptr<PppSerialNetDevice> d, const std::string& p)
{
    if (d->GetIfIndex() == 2)
    {
        *log += p + ";";
    }
}

/// Record LAC line drops
void
LacDrop(std::string* log, Ptr<PppSerialNetDevice>, const std::string& reason)
{
    *log += reason + ";";
}

} // namespace comp
} // namespace l2tptest
} // namespace ns3
