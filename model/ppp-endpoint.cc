/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-endpoint.h"

#include "ns3/log.h"
#include "ns3/string.h"

#include "ppp-frame.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppEndpoint");
NS_OBJECT_ENSURE_REGISTERED(PppEndpoint);

TypeId
PppEndpoint::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppEndpoint")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<PppEndpoint>()
              .AddAttribute("Username", "Client: the name it authenticates with",
                            StringValue("user"), MakeStringAccessor(&PppEndpoint::m_user),
                            MakeStringChecker())
              .AddAttribute("Password", "Client: its password (PAP) or secret (CHAP)",
                            StringValue(""), MakeStringAccessor(&PppEndpoint::m_password),
                            MakeStringChecker())
              .AddAttribute("Name", "Server: the name it sends in CHAP Challenges",
                            StringValue("lns"), MakeStringAccessor(&PppEndpoint::m_name),
                            MakeStringChecker())
              .AddTraceSource("LcpState", "LCP changed state (old, new)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_lcpStateTrace),
                              "ns3::PppFsm::StateTracedCallback")
              .AddTraceSource("IpcpState", "IPCP changed state (old, new)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_ipcpStateTrace),
                              "ns3::PppFsm::StateTracedCallback")
              .AddTraceSource("AuthResult", "Authentication finished (method, user, success)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_authTrace),
                              "ns3::PppEndpoint::AuthTracedCallback")
              .AddTraceSource("AddressAssigned", "IPCP opened (local address, peer address)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_addressTrace),
                              "ns3::PppEndpoint::AddressTracedCallback")
              .AddTraceSource("EchoFailure", "LCP keepalive failed (unanswered Echo-Requests)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_echoFailureTrace),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("FrameSent", "A frame was sent (protocol, size)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_txTrace),
                              "ns3::PppEndpoint::FrameTracedCallback")
              .AddTraceSource("FrameReceived", "A valid frame was received (protocol, size)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_rxTrace),
                              "ns3::PppEndpoint::FrameTracedCallback")
              .AddTraceSource("Drop", "A received frame was dropped (reason)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_dropTrace),
                              "ns3::PppFsm::TextTracedCallback")
              .AddTraceSource("Phase", "The link entered a phase (Dead, Establish, ...)",
                              MakeTraceSourceAccessor(&PppEndpoint::m_phaseTrace),
                              "ns3::PppFsm::TextTracedCallback");
    return tid;
}

PppEndpoint::PppEndpoint()
{
    m_lcp = CreateObject<PppLcp>();
    m_ipcp = CreateObject<PppIpcp>();
    m_pap = CreateObject<PppPap>();
    m_chap = CreateObject<PppChap>();
    m_lcp->SetSendCallback(MakeCallback(&PppEndpoint::SendControl, this));
    m_ipcp->SetSendCallback(MakeCallback(&PppEndpoint::SendControl, this));
    m_pap->SetCallbacks(MakeCallback(&PppEndpoint::SendControl, this),
                        MakeCallback(&PppEndpoint::PapResult, this));
    m_chap->SetCallbacks(MakeCallback(&PppEndpoint::SendControl, this),
                         MakeCallback(&PppEndpoint::ChapResult, this));
    m_lcp->SetLayerCallbacks(MakeCallback(&PppEndpoint::LcpUp, this),
                             MakeCallback(&PppEndpoint::LcpDown, this), Callback<void>(),
                             MakeCallback(&PppEndpoint::LcpFinished, this));
    m_ipcp->SetLayerCallbacks(MakeCallback(&PppEndpoint::IpcpUp, this),
                              MakeCallback(&PppEndpoint::IpcpDown, this), Callback<void>(),
                              MakeCallback(&PppEndpoint::IpcpFinished, this));
    m_lcp->SetProtocolRejectCallback(MakeCallback(&PppEndpoint::ProtocolRejected, this));
    m_lcp->TraceConnectWithoutContext(
        "State", MakeCallback(&decltype(m_lcpStateTrace)::operator(), &m_lcpStateTrace));
    m_ipcp->TraceConnectWithoutContext(
        "State", MakeCallback(&decltype(m_ipcpStateTrace)::operator(), &m_ipcpStateTrace));
    m_lcp->TraceConnectWithoutContext("EchoFailure", MakeCallback(&PppEndpoint::EchoFailure, this));
}

void
PppEndpoint::DoDispose()
{
    m_lcp->Dispose();
    m_ipcp->Dispose();
    m_pap->Dispose();
    m_chap->Dispose();
    m_lcp = nullptr;
    m_ipcp = nullptr;
    m_pap = nullptr;
    m_chap = nullptr;
    m_send = SendCallback();
    m_ipv4Rx = Ipv4Callback();
    m_userLookup = UserLookupCallback();
    Object::DoDispose();
}

int64_t
PppEndpoint::AssignStreams(int64_t stream)
{
    m_lcp->AssignStreams(stream);
    m_chap->AssignStreams(stream + 1);
    return 2;
}

void
PppEndpoint::SetRole(Role role)
{
    m_role = role;
}

PppEndpoint::Role
PppEndpoint::GetRole() const
{
    return m_role;
}

void
PppEndpoint::SetSendCallback(SendCallback cb)
{
    m_send = cb;
}

void
PppEndpoint::SetIpv4ReceiveCallback(Ipv4Callback cb)
{
    m_ipv4Rx = cb;
}

void
PppEndpoint::AddUser(const std::string& name, const std::string& password)
{
    m_users[name] = password;
}

void
PppEndpoint::SetServerAddressing(Ipv4Address local, Ptr<PppAddressPool> pool)
{
    m_ipcp->SetServer(local, pool);
}

PppEndpoint::Phase
PppEndpoint::GetPhase() const
{
    return m_phase;
}

const PppEndpoint::Counters&
PppEndpoint::GetCounters() const
{
    return m_counters;
}

Ptr<PppLcp>
PppEndpoint::GetLcp() const
{
    return m_lcp;
}

Ptr<PppIpcp>
PppEndpoint::GetIpcp() const
{
    return m_ipcp;
}

Ptr<PppPap>
PppEndpoint::GetPap() const
{
    return m_pap;
}

Ptr<PppChap>
PppEndpoint::GetChap() const
{
    return m_chap;
}

std::string
PppEndpoint::PhaseName(Phase p)
{
    static const char* names[] = {"Dead", "Establish", "Authenticate", "Network", "Terminate"};
    return (p >= DEAD && p <= TERMINATE) ? names[p] : "?";
}

void
PppEndpoint::SetPhase(Phase p)
{
    if (p != m_phase)
    {
        NS_LOG_INFO("PPP " << (m_role == SERVER ? "server" : "client") << ": phase "
                           << PhaseName(p));
        m_phase = p;
        m_phaseTrace(PhaseName(p));
    }
}

void
PppEndpoint::Start()
{
    SetPhase(ESTABLISH);
    m_lcp->Open();
    m_lcp->Up();
}

bool
PppEndpoint::AdoptProxy(const ProxyInfo& info, std::string& reason)
{
    NS_ABORT_MSG_IF(m_role != SERVER, "PppEndpoint::AdoptProxy: server role only");
    m_proxy = info;
    m_hasProxy = true;
    SetPhase(ESTABLISH);
    if (!m_lcp->AdoptNegotiated(info.lastSentConfReq, info.lastReceivedConfReq, reason))
    {
        m_hasProxy = false;
        return false;
    }
    return true; // LcpUp ran (This-Layer-Up) and checked the proxied authentication
}

void
PppEndpoint::ProxyAuthenticate()
{
    m_hasProxy = false;
    const uint16_t a = m_lcp->GetLocalAuth();
    const ProxyInfo& p = m_proxy;
    if (a == PppFrame::PROTO_CHAP && p.authType == PROXY_AUTH_CHAP)
    {
        m_chap->VerifyProxied(m_name, MakeCallback(&PppEndpoint::Lookup, this), p.id, p.challenge,
                              p.name, p.response);
    }
    else if (a == PppFrame::PROTO_PAP && p.authType == PROXY_AUTH_PAP)
    {
        m_pap->VerifyProxied(MakeCallback(&PppEndpoint::Lookup, this), p.id, p.name,
                             std::string(p.response.begin(), p.response.end()));
    }
    else
    {
        // The LAC authenticated differently from what its LCP agreed on: refuse.
        AuthResult(a == PppFrame::PROTO_PAP ? "PAP" : "CHAP", false, p.name,
                   "proxied authentication type " + std::to_string(p.authType)
                       + " does not match the proxied LCP");
    }
}

void
PppEndpoint::Stop(const std::string& reason)
{
    m_lcp->Close(reason);
}

void
PppEndpoint::LowerLayerDown()
{
    m_lcp->Down();
    SetPhase(DEAD);
}

void
PppEndpoint::SendControl(uint16_t protocol, const std::vector<uint8_t>& packet)
{
    SendFrame(protocol, packet);
}

void
PppEndpoint::SendFrame(uint16_t protocol, const std::vector<uint8_t>& information)
{
    // Compression only once LCP is Opened (RFC 1661 6.5, 6.6) and never for LCP itself.
    const bool opened = m_lcp->GetState() == PppFsm::OPENED;
    const PppFrame frame(protocol, information);
    const auto bytes = frame.Encode(opened && m_lcp->GetTxAcfc(), opened && m_lcp->GetTxPfc());
    m_counters.framesSent[protocol]++;
    m_counters.bytesSent[protocol] += bytes.size();
    m_txTrace(protocol, static_cast<uint32_t>(bytes.size()));
    if (!m_send.IsNull())
    {
        m_send(Create<Packet>(bytes.data(), bytes.size()));
    }
}

bool
PppEndpoint::SendIpv4(Ptr<Packet> datagram)
{
    if (m_ipcp->GetState() != PppFsm::OPENED)
    {
        return false;
    }
    std::vector<uint8_t> info(datagram->GetSize());
    datagram->CopyData(info.data(), info.size());
    SendFrame(PppFrame::PROTO_IPV4, info);
    return true;
}

void
PppEndpoint::DropFrame(const std::string& reason)
{
    NS_LOG_LOGIC("PPP drop: " << reason);
    m_counters.drops++;
    m_dropTrace(reason);
}

void
PppEndpoint::Receive(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    PppFrame f;
    const auto err = PppFrame::Decode(bytes.data(), bytes.size(), f);
    if (err != PppFrame::OK)
    {
        DropFrame(PppFrame::ErrorText(err));
        return;
    }
    if (m_phase == DEAD)
    {
        DropFrame("frame while the link is dead");
        return;
    }
    m_counters.framesReceived[f.protocol]++;
    m_rxTrace(f.protocol, static_cast<uint32_t>(bytes.size()));
    const uint8_t* info = f.information.data();
    const std::size_t size = f.information.size();
    switch (f.protocol)
    {
        case PppFrame::PROTO_LCP:
            m_lcp->Receive(info, size);
            break;
        case PppFrame::PROTO_PAP:
        case PppFrame::PROTO_CHAP:
            if (m_phase != AUTHENTICATE && m_phase != NETWORK)
            {
                DropFrame(PppFrame::ProtocolName(f.protocol) + " before the authentication phase");
            }
            else if (f.protocol == PppFrame::PROTO_PAP)
            {
                m_pap->Receive(info, size);
            }
            else
            {
                m_chap->Receive(info, size);
            }
            break;
        case PppFrame::PROTO_IPCP:
            if (m_phase != NETWORK)
            {
                DropFrame("IPCP before the network phase");
            }
            else
            {
                m_ipcp->Receive(info, size);
            }
            break;
        case PppFrame::PROTO_IPV4:
            if (m_ipcp->GetState() != PppFsm::OPENED)
            {
                DropFrame("IPv4 while IPCP is not Opened");
            }
            else if (!m_ipv4Rx.IsNull())
            {
                m_ipv4Rx(Create<Packet>(info, size));
            }
            break;
        default:
            if (m_lcp->GetState() == PppFsm::OPENED)
            {
                m_counters.protocolRejectsSent++;
                m_lcp->SendProtocolReject(f.protocol, f.information);
            }
            DropFrame("unsupported protocol " + PppFrame::ProtocolName(f.protocol));
            break;
    }
}

void
PppEndpoint::LcpUp()
{
    SetPhase(AUTHENTICATE);
    bool waiting = false;
    if (m_role == SERVER && m_hasProxy && m_lcp->GetLocalAuth() != 0)
    {
        ProxyAuthenticate();
        return;
    }
    m_hasProxy = false;
    if (m_role == SERVER)
    {
        const uint16_t a = m_lcp->GetLocalAuth();
        if (a == PppFrame::PROTO_PAP)
        {
            m_pap->StartAuthenticator(MakeCallback(&PppEndpoint::Lookup, this));
            waiting = true;
        }
        else if (a == PppFrame::PROTO_CHAP)
        {
            m_chap->StartAuthenticator(m_name, MakeCallback(&PppEndpoint::Lookup, this));
            waiting = true;
        }
    }
    else
    {
        const uint16_t a = m_lcp->GetPeerAuth();
        if (a == PppFrame::PROTO_PAP)
        {
            m_pap->StartPeer(m_user, m_password);
            waiting = true;
        }
        else if (a == PppFrame::PROTO_CHAP)
        {
            m_chap->StartPeer(m_user, m_password);
            waiting = true;
        }
    }
    if (!waiting)
    {
        SetPhase(NETWORK);
        m_ipcp->Open();
        m_ipcp->Up();
    }
}

void
PppEndpoint::LcpDown()
{
    m_pap->Stop();
    m_chap->Stop();
    m_ipcp->Down();
    SetPhase(TERMINATE);
}

void
PppEndpoint::LcpFinished()
{
    m_ipcp->ReleaseAddress();
    SetPhase(DEAD);
}

void
PppEndpoint::IpcpUp()
{
    NS_LOG_INFO("IPCP opened: local " << m_ipcp->GetLocalAddress() << " peer "
                                      << m_ipcp->GetPeerAddress());
    m_addressTrace(m_ipcp->GetLocalAddress(), m_ipcp->GetPeerAddress());
}

void
PppEndpoint::IpcpDown()
{
}

void
PppEndpoint::IpcpFinished()
{
    // The only network protocol is gone: close the link as pppd does.
    if (m_phase == NETWORK && m_lcp->GetState() == PppFsm::OPENED)
    {
        m_lcp->Close("No network protocols running");
    }
}

void
PppEndpoint::SetUserLookup(UserLookupCallback cb)
{
    m_userLookup = cb;
}

bool
PppEndpoint::Lookup(const std::string& name, std::string& password)
{
    if (!m_userLookup.IsNull())
    {
        return m_userLookup(name, password);
    }
    const auto it = m_users.find(name);
    if (it == m_users.end())
    {
        return false;
    }
    password = it->second;
    return true;
}

void
PppEndpoint::PapResult(bool ok, const std::string& user, const std::string& msg)
{
    AuthResult("PAP", ok, user, msg);
}

void
PppEndpoint::ChapResult(bool ok, const std::string& user, const std::string& msg)
{
    AuthResult("CHAP", ok, user, msg);
}

void
PppEndpoint::AuthResult(const std::string& method, bool ok, const std::string& user,
                        const std::string& msg)
{
    NS_LOG_INFO(method << " " << user << ": " << (ok ? "success" : "failure") << " (" << msg
                       << ")");
    (ok ? m_counters.authSuccesses : m_counters.authFailures)++;
    m_authTrace(method, user, ok);
    if (!ok)
    {
        m_lcp->Close("Authentication failed");
        return;
    }
    if (m_phase == AUTHENTICATE)
    {
        SetPhase(NETWORK);
        m_ipcp->Open();
        m_ipcp->Up();
    }
}

void
PppEndpoint::EchoFailure(uint32_t pending)
{
    m_counters.echoFailures++;
    m_echoFailureTrace(pending);
}

void
PppEndpoint::ProtocolRejected(uint16_t protocol)
{
    if (protocol == PppFrame::PROTO_IPCP)
    {
        m_ipcp->Close("IPCP rejected by the peer");
    }
}

} // namespace ns3
