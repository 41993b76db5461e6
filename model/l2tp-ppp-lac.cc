/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-ppp-lac.h"

#include "l2tp-control-message.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

#include "ppp-chap.h"
#include "ppp-control-packet.h"
#include "ppp-endpoint.h"
#include "ppp-frame.h"
#include "ppp-pap.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpPppLac");
NS_OBJECT_ENSURE_REGISTERED(L2tpPppLac);

namespace
{
using A = L2tpAvp::Type;

/// The options of an LCP packet (bytes from Code on), or false if its Length is bad.
bool
LcpOptions(const std::vector<uint8_t>& packet, std::vector<uint8_t>& options)
{
    if (packet.size() < PppControlPacket::HEADER_SIZE)
    {
        return false;
    }
    const std::size_t len = (std::size_t(packet[2]) << 8) | packet[3];
    if (len < PppControlPacket::HEADER_SIZE || len > packet.size())
    {
        return false;
    }
    options.assign(packet.begin() + PppControlPacket::HEADER_SIZE, packet.begin() + len);
    return true;
}
} // namespace

/**
 * \brief One dial-in line: its LCP with the user, what was negotiated and collected for the
 *        proxy AVPs, and its session once the call is placed.
 */
class L2tpPppLac::Line : public SimpleRefCount<Line>
{
public:
    L2tpPppLac* lac{nullptr};                        //!< owner
    Ptr<PppSerialNetDevice> dev;                     //!< the line
    Ptr<PppLcp> lcp;                                 //!< LCP with the user (until the relay starts)
    LinePhase phase{IDLE};                           //!< state
    bool haveInitial{false};                         //!< initialRecv is set
    std::vector<uint8_t> initialRecv;                //!< options of the first CONFREQ received
    std::vector<uint8_t> lastSent;                   //!< options of our last CONFREQ
    std::vector<uint8_t> lastRecv;                   //!< options of the last CONFREQ we acked
    uint16_t authType{PppEndpoint::PROXY_AUTH_NONE}; //!< Proxy Authen Type
    std::string name;                                //!< Proxy Authen Name
    std::vector<uint8_t> challenge;                  //!< our Challenge value
    uint8_t id{0};                 //!< Challenge / Authenticate-Request Identifier
    std::vector<uint8_t> response; //!< Response value / PAP password
    uint32_t challengesSent{0};    //!< for the current Challenge
    EventId timer;                 //!< Challenge retransmission
    Ptr<L2tpSession> session;      //!< the call

    /// Frame from the line
    void FromLine(Ptr<Packet> p) { lac->FromLine(this, p); }

    /// LCP output
    void SendControl(uint16_t proto, const std::vector<uint8_t>& pkt)
    {
        lac->SendToLine(this, proto, pkt);
    }

    /// LCP This-Layer-Up
    void Up() { lac->LcpUp(this); }

    /// LCP This-Layer-Finished
    void Finished() { lac->LcpFinished(this); }

    /// Challenge timer
    void Timer() { lac->SendChallenge(this); }

    /// Forget the negotiation
    void Reset()
    {
        haveInitial = false;
        initialRecv.clear();
        lastSent.clear();
        lastRecv.clear();
        authType = PppEndpoint::PROXY_AUTH_NONE;
        name.clear();
        challenge.clear();
        response.clear();
        timer.Cancel();
        if (lcp != nullptr)
        {
            // It may be on the call stack (This-Layer-Finished): dispose of it afterwards.
            Ptr<PppLcp> old = lcp;
            lcp = nullptr;
            old->SetSendCallback(PppFsm::SendCallback());
            Simulator::ScheduleNow(&PppLcp::Dispose, old);
        }
    }
};

TypeId
L2tpPppLac::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpPppLac")
              .SetParent<L2tpLac>()
              .SetGroupName("L2tp")
              .AddConstructor<L2tpPppLac>()
              .AddAttribute("Authentication",
                            "Authentication the LAC asks of dial-in users (and proxies to the "
                            "LNS): chap (CHAP-MD5), pap or none",
                            StringValue("chap"), MakeStringAccessor(&L2tpPppLac::m_auth),
                            MakeStringChecker())
              .AddAttribute("Name", "The name the LAC sends in CHAP Challenges", StringValue("lac"),
                            MakeStringAccessor(&L2tpPppLac::m_name), MakeStringChecker())
              .AddAttribute("Accm", "Receive ACCM the LAC's LCP asks users for (RFC 1662 7.1)",
                            UintegerValue(0), MakeUintegerAccessor(&L2tpPppLac::m_accm),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("ChallengeSize", "Octets of CHAP challenge value (pppd: 16)",
                            UintegerValue(16), MakeUintegerAccessor(&L2tpPppLac::m_challengeSize),
                            MakeUintegerChecker<uint32_t>(1, 255))
              .AddAttribute("ChallengeRestart", "CHAP Challenge retransmission period",
                            TimeValue(Seconds(3)),
                            MakeTimeAccessor(&L2tpPppLac::m_challengeRestart), MakeTimeChecker())
              .AddAttribute("MaxChallenges", "Challenges sent before the LAC hangs up",
                            UintegerValue(10), MakeUintegerAccessor(&L2tpPppLac::m_maxChallenges),
                            MakeUintegerChecker<uint32_t>(1))
              .AddTraceSource("LinePhase", "A dial-in line changed phase (line, new phase)",
                              MakeTraceSourceAccessor(&L2tpPppLac::m_phaseTrace),
                              "ns3::L2tpPppLac::LinePhaseTracedCallback")
              .AddTraceSource("CallPlaced",
                              "A user authenticated to the LAC and its call was placed with the "
                              "proxy AVPs (line, session, user)",
                              MakeTraceSourceAccessor(&L2tpPppLac::m_callTrace),
                              "ns3::L2tpPppLac::CallTracedCallback")
              .AddTraceSource("LineDrop", "A frame from a line was dropped (line, reason)",
                              MakeTraceSourceAccessor(&L2tpPppLac::m_dropTrace),
                              "ns3::L2tpPppLac::DropTracedCallback");
    return tid;
}

L2tpPppLac::L2tpPppLac()
{
    m_rng = CreateObject<UniformRandomVariable>();
}

L2tpPppLac::~L2tpPppLac() = default;

void
L2tpPppLac::DoDispose()
{
    for (auto& l : m_lines)
    {
        l->timer.Cancel();
        if (l->lcp != nullptr)
        {
            l->lcp->Dispose();
            l->lcp = nullptr;
        }
        if (l->dev != nullptr)
        {
            l->dev->SetFrameReceiveCallback(PppSerialNetDevice::FrameCallback());
        }
        l->dev = nullptr;
        l->session = nullptr;
        l->lac = nullptr;
    }
    m_lines.clear();
    m_bySession.clear();
    m_rng = nullptr;
    L2tpLac::DoDispose();
}

int64_t
L2tpPppLac::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    m_lcpStream = stream + 1;
    return 2;
}

void
L2tpPppLac::StartApplication()
{
    SetAttribute("Sessions", UintegerValue(0)); // calls are placed as users authenticate
    L2tpLac::StartApplication();
}

void
L2tpPppLac::AddLine(Ptr<PppSerialNetDevice> dev)
{
    Ptr<Line> l = Create<Line>();
    l->lac = this;
    l->dev = dev;
    dev->SetFrameReceiveCallback(MakeCallback(&Line::FromLine, PeekPointer(l)));
    m_lines.push_back(l);
}

uint32_t
L2tpPppLac::GetLineCount() const
{
    return static_cast<uint32_t>(m_lines.size());
}

L2tpPppLac::Line*
L2tpPppLac::FindLine(Ptr<PppSerialNetDevice> dev) const
{
    for (const auto& l : m_lines) // configuration / test access only, not per packet
    {
        if (l->dev == dev)
        {
            return PeekPointer(l);
        }
    }
    return nullptr;
}

L2tpPppLac::LinePhase
L2tpPppLac::GetLinePhase(Ptr<PppSerialNetDevice> dev) const
{
    Line* l = FindLine(dev);
    return l == nullptr ? IDLE : l->phase;
}

Ptr<L2tpSession>
L2tpPppLac::GetLineSession(Ptr<PppSerialNetDevice> dev) const
{
    Line* l = FindLine(dev);
    return l == nullptr ? nullptr : l->session;
}

const L2tpPppLac::Counters&
L2tpPppLac::GetCounters() const
{
    return m_counters;
}

std::string
L2tpPppLac::PhaseName(LinePhase p)
{
    static const char* names[] = {"Idle", "Lcp", "Authenticate", "Calling", "Relay"};
    return (p >= IDLE && p <= RELAY) ? names[p] : "?";
}

void
L2tpPppLac::SetPhase(Line* l, LinePhase p)
{
    if (l->phase != p)
    {
        NS_LOG_INFO("line " << l->dev->GetIfIndex() << ": " << PhaseName(l->phase) << " -> "
                            << PhaseName(p));
        l->phase = p;
        m_phaseTrace(l->dev, PhaseName(p));
    }
}

void
L2tpPppLac::Drop(Line* l, const std::string& reason)
{
    NS_LOG_LOGIC("line " << l->dev->GetIfIndex() << ": drop (" << reason << ")");
    ++m_counters.drops;
    m_dropTrace(l->dev, reason);
}

void
L2tpPppLac::StartLcp(Line* l)
{
    l->Reset();
    l->lcp = CreateObject<PppLcp>();
    if (m_lcpStream >= 0)
    {
        l->lcp->AssignStreams(m_lcpStream);
    }
    l->lcp->SetAttribute("Authentication", StringValue(m_auth));
    l->lcp->SetAttribute("Accm", UintegerValue(m_accm));
    // Full Address/Control and Protocol fields towards the user: what the LNS will send
    // after it adopts this negotiation travels through L2TP like the voluntary mode's frames.
    l->lcp->SetAttribute("RequestAcfc", BooleanValue(false));
    l->lcp->SetAttribute("RequestPfc", BooleanValue(false));
    l->lcp->SetAttribute("EchoInterval", TimeValue(Seconds(0))); // short-lived: no keepalive
    l->lcp->SetSendCallback(MakeCallback(&Line::SendControl, l));
    l->lcp->SetLayerCallbacks(MakeCallback(&Line::Up, l), Callback<void>(), Callback<void>(),
                              MakeCallback(&Line::Finished, l));
    SetPhase(l, LCP);
    l->lcp->Open();
    l->lcp->Up();
}

void
L2tpPppLac::SendToLine(Line* l, uint16_t protocol, const std::vector<uint8_t>& packet)
{
    if (protocol == PppFrame::PROTO_LCP && !packet.empty())
    {
        // RFC 2661 4.4.5: keep the options of our last Configure-Request and of the last
        // Configure-Request we acknowledged (the Ack repeats them exactly, RFC 1661 5.2).
        std::vector<uint8_t> opts;
        if (packet[0] == PppControlPacket::CONFIGURE_REQUEST && LcpOptions(packet, opts))
        {
            l->lastSent = opts;
        }
        else if (packet[0] == PppControlPacket::CONFIGURE_ACK && LcpOptions(packet, opts))
        {
            l->lastRecv = opts;
        }
    }
    // Always with Address/Control and the full Protocol (legal whatever LCP agreed).
    const auto bytes = PppFrame(protocol, packet).Encode(false, false);
    l->dev->SendFrame(Create<Packet>(bytes.data(), bytes.size()));
}

void
L2tpPppLac::FromLine(Line* l, Ptr<Packet> frame)
{
    if (l->phase == RELAY)
    {
        ++m_counters.framesToLns;
        l->session->Send(frame); // O(1): the line is bound to its session
        return;
    }
    std::vector<uint8_t> bytes(frame->GetSize());
    frame->CopyData(bytes.data(), bytes.size());
    PppFrame f;
    const auto err = PppFrame::Decode(bytes.data(), bytes.size(), f);
    if (err != PppFrame::OK)
    {
        Drop(l, PppFrame::ErrorText(err));
        return;
    }
    if (l->phase == IDLE)
    {
        if (f.protocol != PppFrame::PROTO_LCP)
        {
            Drop(l, PppFrame::ProtocolName(f.protocol) + " on an idle line");
            return;
        }
        StartLcp(l); // the user dialled in: answer
    }
    const auto& info = f.information;
    if (f.protocol == PppFrame::PROTO_LCP)
    {
        std::vector<uint8_t> opts;
        if (!l->haveInitial && !info.empty() && info[0] == PppControlPacket::CONFIGURE_REQUEST
            && LcpOptions(info, opts))
        {
            l->initialRecv = opts;
            l->haveInitial = true;
        }
        l->lcp->Receive(info.data(), info.size());
        return;
    }
    if (l->phase != AUTHENTICATE)
    {
        Drop(l, PppFrame::ProtocolName(f.protocol) + " in phase " + PhaseName(l->phase));
        return;
    }
    PppControlPacket p;
    if (PppControlPacket::Parse(info.data(), info.size(), p) != PppControlPacket::OK)
    {
        Drop(l, "malformed " + PppFrame::ProtocolName(f.protocol) + " packet");
        return;
    }
    const auto& d = p.data;
    if (f.protocol == PppFrame::PROTO_CHAP && l->authType == PppEndpoint::PROXY_AUTH_CHAP
        && p.code == PppChap::RESPONSE && p.identifier == l->id && !d.empty()
        && 1u + d[0] <= d.size())
    {
        // Collect the Response; the LNS judges it (RFC 2661 4.4.5).
        l->response.assign(d.begin() + 1, d.begin() + 1 + d[0]);
        l->name.assign(d.begin() + 1 + d[0], d.end());
        PlaceCall(l);
    }
    else if (f.protocol == PppFrame::PROTO_PAP && l->authType == PppEndpoint::PROXY_AUTH_PAP
             && p.code == PppPap::AUTH_REQUEST && !d.empty() && 1u + d[0] < d.size()
             && 2u + d[0] + d[1 + d[0]] <= d.size())
    {
        l->id = p.identifier;
        l->name.assign(d.begin() + 1, d.begin() + 1 + d[0]);
        l->response.assign(d.begin() + 2 + d[0], d.begin() + 2 + d[0] + d[1 + d[0]]);
        PlaceCall(l);
    }
    else
    {
        Drop(l, "unexpected " + PppFrame::ProtocolName(f.protocol) + " code "
                    + std::to_string(p.code));
    }
}

void
L2tpPppLac::LcpUp(Line* l)
{
    // RFC 1662 7.1: escape what the user asked for; expect what we asked for.
    l->dev->SetTxAccm(l->lcp->GetTxAccm());
    UintegerValue rx;
    BooleanValue asked;
    l->lcp->GetAttribute("Accm", rx);
    l->lcp->GetAttribute("RequestAccm", asked);
    l->dev->SetRxAccm(asked.Get() ? static_cast<uint32_t>(rx.Get()) : PppHdlc::DEFAULT_ACCM);
    SetPhase(l, AUTHENTICATE);
    const uint16_t a = l->lcp->GetLocalAuth();
    if (a == PppFrame::PROTO_CHAP)
    {
        l->authType = PppEndpoint::PROXY_AUTH_CHAP;
        l->id = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
        l->challenge.resize(m_challengeSize);
        for (auto& b : l->challenge)
        {
            b = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
        }
        l->challengesSent = 0;
        SendChallenge(l);
    }
    else if (a == PppFrame::PROTO_PAP)
    {
        l->authType = PppEndpoint::PROXY_AUTH_PAP; // the user sends its request
    }
    else
    {
        l->authType = PppEndpoint::PROXY_AUTH_NONE;
        PlaceCall(l);
    }
}

void
L2tpPppLac::SendChallenge(Line* l)
{
    if (l->phase != AUTHENTICATE)
    {
        return;
    }
    if (l->challengesSent >= m_maxChallenges)
    {
        l->lcp->Close("no Response to Challenge");
        return;
    }
    // Value-Size, Value, Name (RFC 1994 4.1); built in place (GCC 12 -O3 misreads inserts).
    std::vector<uint8_t> d(1 + l->challenge.size() + m_name.size());
    d[0] = static_cast<uint8_t>(l->challenge.size());
    std::copy(l->challenge.begin(), l->challenge.end(), d.begin() + 1);
    std::copy(m_name.begin(), m_name.end(), d.begin() + 1 + l->challenge.size());
    ++l->challengesSent;
    ++m_counters.challengesSent;
    SendToLine(l, PppFrame::PROTO_CHAP, PppControlPacket(PppChap::CHALLENGE, l->id, d).Encode());
    l->timer = Simulator::Schedule(m_challengeRestart, &Line::Timer, l);
}

void
L2tpPppLac::PlaceCall(Line* l)
{
    l->timer.Cancel();
    SetPhase(l, CALLING);
    std::vector<L2tpAvp> avps;
    avps.push_back(L2tpAvp::FromOctets(A::INITIAL_RECEIVED_LCP_CONFREQ, l->initialRecv));
    avps.push_back(L2tpAvp::FromOctets(A::LAST_SENT_LCP_CONFREQ, l->lastSent));
    avps.push_back(L2tpAvp::FromOctets(A::LAST_RECEIVED_LCP_CONFREQ, l->lastRecv));
    avps.push_back(L2tpAvp::FromU16(A::PROXY_AUTHEN_TYPE, l->authType));
    if (l->authType != PppEndpoint::PROXY_AUTH_NONE)
    {
        avps.push_back(L2tpAvp::FromString(A::PROXY_AUTHEN_NAME, l->name));
        if (l->authType == PppEndpoint::PROXY_AUTH_CHAP)
        {
            avps.push_back(L2tpAvp::FromOctets(A::PROXY_AUTHEN_CHALLENGE, l->challenge));
        }
        avps.push_back(L2tpAvp::FromProxyAuthenId(l->id));
        avps.push_back(L2tpAvp::FromOctets(A::PROXY_AUTHEN_RESPONSE, l->response));
    }
    l->session = OpenSession();
    l->session->SetCallAvps(std::move(avps)); // read when the ICRP arrives and the ICCN goes out
    m_bySession[PeekPointer(l->session)] = l;
    ++m_counters.callsPlaced;
    NS_LOG_INFO("line " << l->dev->GetIfIndex() << ": call for " << l->name << " placed, session "
                        << l->session->GetLocalId());
    m_callTrace(l->dev, l->session, l->name);
}

void
L2tpPppLac::SessionUp(Ptr<L2tpSession> s)
{
    L2tpLac::SessionUp(s);
    auto it = m_bySession.find(PeekPointer(s));
    if (it == m_bySession.end())
    {
        return;
    }
    Line* l = it->second;
    // From now on the LNS speaks for this side of the link: drop our LCP without a word.
    if (l->lcp != nullptr)
    {
        l->lcp->Dispose();
        l->lcp = nullptr;
    }
    l->challenge.clear();
    l->response.clear();
    s->SetLinkInfoCallback(MakeCallback(&L2tpPppLac::LinkInfo, this));
    SetPhase(l, RELAY);
}

void
L2tpPppLac::LinkInfo(Ptr<L2tpSession> s, const L2tpControlMessage& msg)
{
    auto it = m_bySession.find(PeekPointer(s));
    const L2tpAvp* a = msg.FindAvp(L2tpAvp::ACCM);
    if (it == m_bySession.end() || msg.GetMessageType() != L2tpControlMessage::SLI || a == nullptr
        || !a->GetAccm())
    {
        return; // WEN is for LNSs; an SLI without a readable ACCM is ignored
    }
    const L2tpAccm accm = *a->GetAccm();
    Line* l = it->second;
    NS_LOG_INFO("line " << l->dev->GetIfIndex() << ": SLI send ACCM 0x" << std::hex << accm.send
                        << " receive ACCM 0x" << accm.receive << std::dec);
    l->dev->SetTxAccm(accm.send);
    l->dev->SetRxAccm(accm.receive);
    ++m_counters.sliReceived;
}

void
L2tpPppLac::Receive(Ptr<L2tpSession> s, Ptr<Packet> p)
{
    L2tpLac::Receive(s, p);
    auto it = m_bySession.find(PeekPointer(s));
    if (it != m_bySession.end() && it->second->phase == RELAY)
    {
        ++m_counters.framesToUser;
        it->second->dev->SendFrame(p);
    }
}

void
L2tpPppLac::SessionDown(Ptr<L2tpSession> s, uint16_t result)
{
    L2tpLac::SessionDown(s, result);
    auto it = m_bySession.find(PeekPointer(s));
    if (it == m_bySession.end())
    {
        return;
    }
    Line* l = it->second;
    m_bySession.erase(it);
    l->session = nullptr;
    NS_LOG_INFO("line " << l->dev->GetIfIndex() << ": call cleared (result " << result << ")");
    if (l->phase == CALLING && l->lcp != nullptr)
    {
        // The LNS refused the call: end the user's link ourselves.
        l->lcp->Close("call refused by the LNS");
        return; // Idle when LCP finishes
    }
    EndCall(l);
}

void
L2tpPppLac::LcpFinished(Line* l)
{
    if (l->session != nullptr)
    {
        m_bySession.erase(PeekPointer(l->session));
        Ptr<L2tpSession> s = l->session;
        l->session = nullptr;
        s->Close(3, 0, 0, "the user's PPP link ended before the call was connected");
    }
    EndCall(l);
}

void
L2tpPppLac::EndCall(Line* l)
{
    // The line goes back on hook; the next LCP frame from the user is a new call. (The
    // carrier drop a modem would signal is not modelled: the user's PPP ends by LCP.)
    l->Reset();
    l->dev->SetTxAccm(PppHdlc::DEFAULT_ACCM);
    l->dev->SetRxAccm(PppHdlc::DEFAULT_ACCM);
    SetPhase(l, IDLE);
}

} // namespace ns3
