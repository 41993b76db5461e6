/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The tunnel test suites' bed: two L2tpTunnels joined by a scripted link (no sockets) with
 * per-direction delay, drop filters and a log of every packet.
 */
#ifndef L2TP_TUNNEL_TEST_BED_H
#define L2TP_TUNNEL_TEST_BED_H

#include "l2tp-test-util.h"
#include "ns3/l2tp-md5.h"
#include "ns3/l2tp-tunnel.h"

#include "ns3/boolean.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <functional>
#include <map>
#include <sstream>

namespace ns3
{
namespace l2tptest
{

/// A packet seen on the link.
struct Seen
{
    double t;
    bool control;
    L2tpControlMessage msg; //!< control messages
    L2tpHeader data;        //!< data messages
    std::vector<uint8_t> bytes;
};

/// One direction: delay, drop filter, log.
class Dir
{
public:
    Ptr<L2tpTunnel> to;
    Time delay{MilliSeconds(10)};
    std::function<bool(const Seen&)> drop;
    std::vector<Seen> log;

    void Send(Ptr<Packet> p)
    {
        Seen s;
        s.t = Simulator::Now().GetSeconds();
        s.bytes.resize(p->GetSize());
        p->CopyData(s.bytes.data(), s.bytes.size());
        std::string reason;
        L2tpHeader h;
        L2tpHeader::Parse(s.bytes.data(), s.bytes.size(), h, reason);
        s.control = h.IsControl();
        if (s.control)
        {
            L2tpControlMessage::Parse(s.bytes.data(), s.bytes.size(), s.msg);
        }
        s.data = h;
        log.push_back(s);
        if (drop && drop(s))
        {
            return;
        }
        Simulator::Schedule(delay, &Dir::Arrive, this, p, h);
    }

    void Arrive(Ptr<Packet> p, L2tpHeader h)
    {
        if (h.IsControl())
        {
            to->ReceiveControl(p);
        }
        else
        {
            p->RemoveAtStart(h.GetSerializedSize());
            to->ReceiveData(h, p);
        }
    }

    /// Non-ZLB control messages as "TYPE Ns Nr"
    std::vector<std::string> Messages() const
    {
        std::vector<std::string> out;
        for (const auto& s : log)
        {
            if (s.control && !s.msg.IsZlb())
            {
                out.push_back(L2tpControlMessage::TypeName(s.msg.GetMessageType()) + " "
                              + std::to_string(s.msg.GetHeader().GetNs()) + " "
                              + std::to_string(s.msg.GetHeader().GetNr()));
            }
        }
        return out;
    }

    const Seen* First(uint16_t type) const
    {
        for (const auto& s : log)
        {
            if (s.control && s.msg.GetMessageType() == type)
            {
                return &s;
            }
        }
        return nullptr;
    }
};

/// A LAC tunnel and an LNS tunnel, with traces collected.
struct Bed
{
    Ptr<L2tpTunnel> lac;
    Ptr<L2tpTunnel> lns;
    Dir up;                                //!< LAC -> LNS
    Dir down;                              //!< LNS -> LAC
    std::vector<std::string> tunnelStates; //!< "lac idle->wait-ctl-reply t"
    std::map<char, uint32_t> sessionChanges;
    std::map<char, std::vector<std::string>> sessionLog;
    std::vector<std::string> drops;
    std::vector<std::pair<uint16_t, uint16_t>> downResults; //!< (session, result) at LAC
    bool closedLac{false};
    bool closedLns{false};

    Bed()
    {
        lac = CreateObject<L2tpTunnel>();
        lns = CreateObject<L2tpTunnel>();
        lac->SetAttribute("HostName", StringValue("lac-ref"));
        lns->SetAttribute("HostName", StringValue("lns-ref"));
        lac->AssignStreams(11);
        lns->AssignStreams(12);
    }

    void TunnelState(std::string who, uint16_t, L2tpTunnel::State a, L2tpTunnel::State b)
    {
        std::ostringstream os;
        os << who << " " << L2tpTunnel::StateName(a) << "->" << L2tpTunnel::StateName(b) << " "
           << Simulator::Now().GetSeconds();
        tunnelStates.push_back(os.str());
    }

    void SessionState(char who, uint16_t, uint16_t sid, L2tpSession::State a, L2tpSession::State b)
    {
        ++sessionChanges[who];
        sessionLog[who].push_back(std::to_string(sid) + " " + L2tpSession::StateName(a) + "->"
                                  + L2tpSession::StateName(b));
    }

    void Dropped(uint16_t, const std::string& reason) { drops.push_back(reason); }

    void LacDown(Ptr<L2tpSession> s, uint16_t result)
    {
        downResults.emplace_back(s->GetLocalId(), result);
    }

    void Closed(Ptr<L2tpTunnel> t) { (t == lac ? closedLac : closedLns) = true; }

    void Start(bool open = true)
    {
        up.to = lns;
        down.to = lac;
        lac->SetSendCallback(MakeCallback(&Dir::Send, &up));
        lns->SetSendCallback(MakeCallback(&Dir::Send, &down));
        lac->Setup(L2tpTunnel::LAC, 64391);
        lns->Setup(L2tpTunnel::LNS, 54825);
        lac->TraceConnectWithoutContext(
            "StateChange", MakeCallback(&Bed::TunnelState, this).Bind(std::string("lac")));
        lns->TraceConnectWithoutContext(
            "StateChange", MakeCallback(&Bed::TunnelState, this).Bind(std::string("lns")));
        lac->TraceConnectWithoutContext("SessionStateChange",
                                        MakeCallback(&Bed::SessionState, this).Bind('a'));
        lns->TraceConnectWithoutContext("SessionStateChange",
                                        MakeCallback(&Bed::SessionState, this).Bind('n'));
        lac->TraceConnectWithoutContext("Drop", MakeCallback(&Bed::Dropped, this));
        lns->TraceConnectWithoutContext("Drop", MakeCallback(&Bed::Dropped, this));
        lac->SetSessionDownCallback(MakeCallback(&Bed::LacDown, this));
        lac->SetClosedCallback(MakeCallback(&Bed::Closed, this));
        lns->SetClosedCallback(MakeCallback(&Bed::Closed, this));
        if (open)
        {
            lac->Open();
        }
    }
};

inline std::string
Join(const std::vector<std::string>& v)
{
    std::string out;
    for (const auto& s : v)
    {
        out += s + "\n";
    }
    return out;
}

inline std::vector<uint16_t>
AvpTypes(const L2tpControlMessage& m)
{
    std::vector<uint16_t> t;
    for (const auto& a : m.GetAvps())
    {
        t.push_back(a.GetType());
    }
    return t;
}

} // namespace l2tptest
} // namespace ns3

#endif // L2TP_TUNNEL_TEST_BED_H
