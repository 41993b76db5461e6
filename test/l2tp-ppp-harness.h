/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Test harness for the PPP suites: two PppEndpoints back to back through their callbacks with
 * a one-way delay, a readable log of every frame ("0.010 C>S LCP Configure-Ack 1"), the raw
 * frames for pcap files, and a switch that cuts the link.
 */
#ifndef L2TP_PPP_HARNESS_H
#define L2TP_PPP_HARNESS_H

#include "ns3/callback.h"
#include "ns3/pcap-file.h"
#include "ns3/ppp-control-packet.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/ppp-frame.h"
#include "ns3/ppp-fsm.h"
#include "ns3/simulator.h"

#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/// The name of a PPP control packet's code for \p protocol ("Challenge", "Configure-Ack", ...).
inline std::string
PppCodeName(uint16_t protocol, uint8_t code)
{
    if (protocol == PppFrame::PROTO_PAP)
    {
        static const char* n[]
            = {"?", "Authenticate-Request", "Authenticate-Ack", "Authenticate-Nak"};
        return code <= 3 ? n[code] : "?";
    }
    if (protocol == PppFrame::PROTO_CHAP)
    {
        static const char* n[] = {"?", "Challenge", "Response", "Success", "Failure"};
        return code <= 4 ? n[code] : "?";
    }
    return PppControlPacket::CodeName(code);
}

/// One line describing a frame: "PROTO Code id" or "IPv4 <size>".
inline std::string
DescribeFrame(const std::vector<uint8_t>& bytes)
{
    PppFrame f;
    if (PppFrame::Decode(bytes.data(), bytes.size(), f) != PppFrame::OK)
    {
        return "malformed";
    }
    std::ostringstream os;
    os << PppFrame::ProtocolName(f.protocol);
    if (f.protocol == PppFrame::PROTO_IPV4)
    {
        os << " " << f.information.size();
    }
    else if (f.information.size() >= 2)
    {
        os << " " << PppCodeName(f.protocol, f.information[0]) << " " << int(f.information[1]);
    }
    return os.str();
}

/// Collects text traces with their times ("1.000 text").
struct TextLog
{
    std::vector<std::string> lines; //!< the lines

    /// \param t the traced text
    void Add(const std::string& t)
    {
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << " " << t;
        lines.push_back(os.str());
    }

    /// \return the lines, each ending in a newline
    std::string Joined() const
    {
        std::string s;
        for (const auto& l : lines)
        {
            s += l + "\n";
        }
        return s;
    }
};

/// A captured frame.
struct CapturedFrame
{
    Time time;                  //!< when it was sent
    bool fromClient;            //!< direction
    std::vector<uint8_t> bytes; //!< the frame
};

/// Two endpoints back to back.
class PppLink
{
public:
    Ptr<PppEndpoint> client;           //!< client role
    Ptr<PppEndpoint> server;           //!< server role
    Time delay{MilliSeconds(10)};      //!< one-way delay
    bool cut{false};                   //!< when true, frames are lost
    std::vector<std::string> log;      //!< every frame sent, described
    std::vector<CapturedFrame> frames; //!< every frame sent, raw

    /// Create both endpoints (streams 1..4 for determinism), give the server a pool, connect them.
    PppLink()
    {
        client = CreateObject<PppEndpoint>();
        server = CreateObject<PppEndpoint>();
        server->SetRole(PppEndpoint::SERVER);
        client->AssignStreams(1);
        server->AssignStreams(3);
        // Default addressing: server 10.0.0.1, peers from 10.0.0.10 (16 addresses).
        Ptr<PppAddressPool> pool = CreateObject<PppAddressPool>();
        pool->SetRange(Ipv4Address("10.0.0.10"), 16);
        server->SetServerAddressing(Ipv4Address("10.0.0.1"), pool);
        client->SetSendCallback(MakeCallback(&PppLink::FromClient, this));
        server->SetSendCallback(MakeCallback(&PppLink::FromServer, this));
    }

    ~PppLink()
    {
        client->Dispose();
        server->Dispose();
    }

    /// \return the log lines joined by "\n"
    std::string Log() const
    {
        std::string s;
        for (const auto& l : log)
        {
            s += l + "\n";
        }
        return s;
    }

    /// \return the log lines of one protocol (by prefix after the direction), joined
    std::string LogOf(const std::string& proto) const
    {
        std::string s;
        for (const auto& l : log)
        {
            if (l.find(" " + proto + " ") != std::string::npos)
            {
                s += l + "\n";
            }
        }
        return s;
    }

    /**
     * \brief Write the frames as a pcap file (DLT_PPP_WITH_DIR, 204: a direction octet, 1 for
     *        frames the client sent, then the PPP frame).
     * \param path the file
     */
    void WritePcap(const std::string& path) const
    {
        PcapFile f;
        f.Open(path, std::ios::out);
        f.Init(204, 65535);
        for (const auto& c : frames)
        {
            std::vector<uint8_t> rec;
            rec.push_back(c.fromClient ? 1 : 0);
            rec.insert(rec.end(), c.bytes.begin(), c.bytes.end());
            const int64_t us = c.time.GetMicroSeconds();
            f.Write(static_cast<uint32_t>(us / 1000000), static_cast<uint32_t>(us % 1000000),
                    rec.data(), static_cast<uint32_t>(rec.size()));
        }
        f.Close();
    }

private:
    void Record(bool fromClient, Ptr<Packet> p)
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds()
           << (fromClient ? " C>S " : " S>C ") << DescribeFrame(b) << (cut ? " (lost)" : "");
        log.push_back(os.str());
        frames.push_back({Simulator::Now(), fromClient, b});
    }

    void FromClient(Ptr<Packet> p)
    {
        Record(true, p);
        if (!cut)
        {
            Simulator::Schedule(delay, &PppEndpoint::Receive, server, p);
        }
    }

    void FromServer(Ptr<Packet> p)
    {
        Record(false, p);
        if (!cut)
        {
            Simulator::Schedule(delay, &PppEndpoint::Receive, client, p);
        }
    }
};

/// Append "WHAT FROM>TO;" for a PPP automaton's state change to \p log.
inline void
LogState(std::string* log, const char* what, PppFsm::State from, PppFsm::State to)
{
    *log += std::string(what) + " " + PppFsm::StateName(from) + ">" + PppFsm::StateName(to) + ";";
}

/// LcpState trace sink for LogState.
inline void
LogLcp(std::string* log, PppFsm::State from, PppFsm::State to)
{
    LogState(log, "lcp", from, to);
}

/// IpcpState trace sink for LogState.
inline void
LogIpcp(std::string* log, PppFsm::State from, PppFsm::State to)
{
    LogState(log, "ipcp", from, to);
}

/// Phase trace sink: "phase NAME;".
inline void
LogPhase(std::string* log, const std::string& phase)
{
    *log += "phase " + phase + ";";
}

/// AuthResult trace sink: "auth METHOD USER ok|failed;".
inline void
LogAuth(std::string* log, const std::string& method, const std::string& user, bool ok)
{
    *log += "auth " + method + " " + user + (ok ? " ok;" : " failed;");
}

/// Record \p ep's LCP and IPCP states, phases and authentication results in \p log.
inline void
HookEndpoint(std::string* log, Ptr<PppEndpoint> ep)
{
    ep->TraceConnectWithoutContext("LcpState", MakeBoundCallback(&LogLcp, log));
    ep->TraceConnectWithoutContext("IpcpState", MakeBoundCallback(&LogIpcp, log));
    ep->TraceConnectWithoutContext("Phase", MakeBoundCallback(&LogPhase, log));
    ep->TraceConnectWithoutContext("AuthResult", MakeBoundCallback(&LogAuth, log));
}

} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_PPP_HARNESS_H */
