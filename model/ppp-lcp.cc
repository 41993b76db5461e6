/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-lcp.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include "ppp-frame.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppLcp");
NS_OBJECT_ENSURE_REGISTERED(PppLcp);

TypeId
PppLcp::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppLcp")
              .SetParent<PppFsm>()
              .SetGroupName("L2tp")
              .AddConstructor<PppLcp>()
              .AddAttribute("Mru",
                            "Maximum-Receive-Unit we announce (RFC 1661 6.1; sent when not 1500)",
                            UintegerValue(1500), MakeUintegerAccessor(&PppLcp::m_mru),
                            MakeUintegerChecker<uint16_t>(64))
              .AddAttribute("Accm", "Receive Async-Control-Character-Map we ask for (RFC 1662 7.1)",
                            UintegerValue(0), MakeUintegerAccessor(&PppLcp::m_accm),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("RequestAccm", "Send the ACCM option", BooleanValue(true),
                            MakeBooleanAccessor(&PppLcp::m_requestAccm), MakeBooleanChecker())
              .AddAttribute("RequestPfc", "Ask for Protocol-Field-Compression", BooleanValue(true),
                            MakeBooleanAccessor(&PppLcp::m_requestPfc), MakeBooleanChecker())
              .AddAttribute("RequestAcfc", "Ask for Address-and-Control-Field-Compression",
                            BooleanValue(true), MakeBooleanAccessor(&PppLcp::m_requestAcfc),
                            MakeBooleanChecker())
              .AddAttribute("UseMagicNumber", "Send a Magic-Number (RFC 1661 6.4)",
                            BooleanValue(true), MakeBooleanAccessor(&PppLcp::m_useMagic),
                            MakeBooleanChecker())
              .AddAttribute("Authentication",
                            "Authentication the peer must perform: none, pap or chap (CHAP-MD5)",
                            StringValue("none"), MakeStringAccessor(&PppLcp::m_authName),
                            MakeStringChecker())
              .AddAttribute("AcceptPap", "Agree to authenticate ourselves with PAP",
                            BooleanValue(true), MakeBooleanAccessor(&PppLcp::m_acceptPap),
                            MakeBooleanChecker())
              .AddAttribute("AcceptChap", "Agree to authenticate ourselves with CHAP-MD5",
                            BooleanValue(true), MakeBooleanAccessor(&PppLcp::m_acceptChap),
                            MakeBooleanChecker())
              .AddAttribute("EchoInterval",
                            "Echo-Request keepalive interval in Opened (0 disables; pppd's "
                            "lcp-echo-interval as commonly configured: 30 s)",
                            TimeValue(Seconds(30)), MakeTimeAccessor(&PppLcp::m_echoInterval),
                            MakeTimeChecker())
              .AddAttribute("EchoFailure",
                            "Unanswered Echo-Requests after which the link is closed (pppd's "
                            "lcp-echo-failure as commonly configured: 4)",
                            UintegerValue(4), MakeUintegerAccessor(&PppLcp::m_echoFailure),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("MaxMagicCollisions",
                            "Magic-Number collisions (RFC 1661 6.4) before the link is declared "
                            "looped back (pppd: 10)",
                            UintegerValue(10), MakeUintegerAccessor(&PppLcp::m_maxLoopback),
                            MakeUintegerChecker<uint32_t>(1))
              .AddTraceSource("EchoFailure",
                              "The peer left EchoFailure Echo-Requests unanswered; the link closes",
                              MakeTraceSourceAccessor(&PppLcp::m_echoFailureTrace),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("Loopback", "A looped-back link was detected (where)",
                              MakeTraceSourceAccessor(&PppLcp::m_loopbackTrace),
                              "ns3::PppFsm::TextTracedCallback");
    return tid;
}

PppLcp::PppLcp()
{
    m_rng = CreateObject<UniformRandomVariable>();
}

void
PppLcp::DoDispose()
{
    m_echoEvent.Cancel();
    m_protoRej = ProtocolRejectCallback();
    m_rng = nullptr;
    PppFsm::DoDispose();
}

uint16_t
PppLcp::GetProtocol() const
{
    return PppFrame::PROTO_LCP;
}

int64_t
PppLcp::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
PppLcp::SetProtocolRejectCallback(ProtocolRejectCallback cb)
{
    m_protoRej = cb;
}

uint32_t
PppLcp::NewMagic()
{
    uint32_t m = 0;
    while (m == 0 || m == m_magic || m == m_lastNakMagic)
    {
        m = m_rng->GetInteger(1, 0xffffffffu);
    }
    return m;
}

uint16_t
PppLcp::AuthProtocolFromString() const
{
    if (m_authName == "pap")
    {
        return PppFrame::PROTO_PAP;
    }
    if (m_authName == "chap")
    {
        return PppFrame::PROTO_CHAP;
    }
    NS_ABORT_MSG_UNLESS(m_authName == "none", "PppLcp::Authentication: '"
                                                  << m_authName
                                                  << "' is not one of none, pap, chap");
    return 0;
}

void
PppLcp::ThisLayerStarted()
{
    // A new negotiation: ask for everything configured again.
    m_wantMru = m_mru != 1500;
    m_wantAccm = m_requestAccm;
    m_wantAuth = AuthProtocolFromString();
    m_wantMagic = m_useMagic;
    m_magic = m_useMagic ? NewMagic() : 0;
    m_wantPfc = m_requestPfc;
    m_wantAcfc = m_requestAcfc;
    m_collisions = 0;
    m_lastNakMagic = 0;
    PppFsm::ThisLayerStarted();
}

std::vector<PppOption>
PppLcp::BuildConfigureRequest()
{
    if (m_wantMagic && m_magic == 0)
    {
        // First request without a This-Layer-Started (e.g. from Closed): initialize.
        m_magic = NewMagic();
    }
    std::vector<PppOption> o;
    if (m_wantMru)
    {
        o.push_back(PppOption::U16(OPT_MRU, m_mru));
    }
    if (m_wantAccm)
    {
        o.push_back(PppOption::U32(OPT_ACCM, m_accm));
    }
    if (m_wantAuth == PppFrame::PROTO_PAP)
    {
        o.push_back(PppOption::U16(OPT_AUTH, PppFrame::PROTO_PAP));
    }
    else if (m_wantAuth == PppFrame::PROTO_CHAP)
    {
        o.push_back(PppOption(OPT_AUTH, {0xc2, 0x23, CHAP_MD5}));
    }
    if (m_wantMagic)
    {
        o.push_back(PppOption::U32(OPT_MAGIC, m_magic));
    }
    if (m_wantPfc)
    {
        o.push_back(PppOption(OPT_PFC, {}));
    }
    if (m_wantAcfc)
    {
        o.push_back(PppOption(OPT_ACFC, {}));
    }
    return o;
}

uint8_t
PppLcp::CheckConfigureRequest(const std::vector<PppOption>& request, std::vector<PppOption>& reply)
{
    std::vector<PppOption> nak;
    std::vector<PppOption> rej;
    uint16_t mru = 1500;
    uint32_t accm = 0xffffffff;
    uint16_t auth = 0;
    uint32_t magic = 0;
    bool pfc = false;
    bool acfc = false;
    for (const auto& o : request)
    {
        switch (o.type)
        {
            case OPT_MRU:
                if (!o.GetU16(mru))
                {
                    rej.push_back(o);
                }
                else if (mru < 64)
                {
                    nak.push_back(PppOption::U16(OPT_MRU, 1500));
                }
                break;
            case OPT_ACCM:
                if (!o.GetU32(accm))
                {
                    rej.push_back(o);
                }
                break;
            case OPT_AUTH:
            {
                uint16_t p
                    = o.data.size() >= 2 ? static_cast<uint16_t>((o.data[0] << 8) | o.data[1]) : 0;
                const bool papOk = p == PppFrame::PROTO_PAP && o.data.size() == 2 && m_acceptPap;
                const bool chapOk = p == PppFrame::PROTO_CHAP && o.data.size() == 3
                                    && o.data[2] == CHAP_MD5 && m_acceptChap;
                if (o.data.size() < 2)
                {
                    rej.push_back(o);
                }
                else if (papOk || chapOk)
                {
                    auth = p;
                }
                else if (m_acceptChap)
                {
                    nak.push_back(PppOption(OPT_AUTH, {0xc2, 0x23, CHAP_MD5}));
                }
                else if (m_acceptPap)
                {
                    nak.push_back(PppOption::U16(OPT_AUTH, PppFrame::PROTO_PAP));
                }
                else
                {
                    rej.push_back(o);
                }
                break;
            }
            case OPT_MAGIC:
                if (!o.GetU32(magic))
                {
                    rej.push_back(o);
                }
                else if (magic == 0)
                {
                    // RFC 1661 6.4: zero MUST be Nak'd.
                    m_lastNakMagic = NewMagic();
                    nak.push_back(PppOption::U32(OPT_MAGIC, m_lastNakMagic));
                }
                else if (m_wantMagic && magic == m_magic)
                {
                    // Possibly our own request looped back: Nak with a different number.
                    m_lastNakMagic = NewMagic();
                    nak.push_back(PppOption::U32(OPT_MAGIC, m_lastNakMagic));
                }
                break;
            case OPT_PFC:
            case OPT_ACFC:
                if (!o.data.empty())
                {
                    rej.push_back(o);
                }
                else
                {
                    (o.type == OPT_PFC ? pfc : acfc) = true;
                }
                break;
            default:
                rej.push_back(o);
                break;
        }
    }
    if (!rej.empty())
    {
        reply = rej;
        return PppControlPacket::CONFIGURE_REJECT;
    }
    if (!nak.empty())
    {
        reply = nak;
        return PppControlPacket::CONFIGURE_NAK;
    }
    m_peerMru = mru;
    m_peerAccm = accm;
    m_peerAuth = auth;
    m_peerMagic = magic;
    m_peerPfc = pfc;
    m_peerAcfc = acfc;
    return PppControlPacket::CONFIGURE_ACK;
}

bool
PppLcp::AdoptNegotiated(const std::vector<uint8_t>& sent, const std::vector<uint8_t>& received,
                        std::string& reason)
{
    std::vector<PppOption> ours;
    std::vector<PppOption> theirs;
    if (PppControlPacket::ParseOptions(sent, ours) != PppControlPacket::OK
        || PppControlPacket::ParseOptions(received, theirs) != PppControlPacket::OK)
    {
        reason = "malformed proxied LCP options";
        return false;
    }
    ThisLayerStarted(); // reset what we want from the attributes, as for a new negotiation
    // Our side: what the LAC asked for and the peer acked.
    m_wantMru = m_wantAccm = m_wantMagic = m_wantPfc = m_wantAcfc = false;
    m_wantAuth = 0;
    m_magic = 0;
    for (const auto& o : ours)
    {
        uint16_t v16;
        uint32_t v32;
        if (o.type == OPT_MRU && o.GetU16(v16))
        {
            m_wantMru = true;
            m_mru = v16;
        }
        else if (o.type == OPT_ACCM && o.GetU32(v32))
        {
            m_wantAccm = true;
            m_accm = v32;
        }
        else if (o.type == OPT_AUTH && o.data.size() >= 2)
        {
            m_wantAuth = static_cast<uint16_t>((o.data[0] << 8) | o.data[1]);
        }
        else if (o.type == OPT_MAGIC && o.GetU32(v32))
        {
            m_wantMagic = true;
            m_magic = v32;
        }
        else if (o.type == OPT_PFC)
        {
            m_wantPfc = true;
        }
        else if (o.type == OPT_ACFC)
        {
            m_wantAcfc = true;
        }
    }
    // The peer's side: check it as if it had arrived here (Ack sets the peer's values).
    std::vector<PppOption> reply;
    const uint8_t verdict = CheckConfigureRequest(theirs, reply);
    if (verdict != PppControlPacket::CONFIGURE_ACK)
    {
        reason = "the proxied peer options would have been " + PppControlPacket::CodeName(verdict);
        return false;
    }
    ConfigureAcked(ours);
    ForceState(OPENED);
    ThisLayerUp();
    return true;
}

void
PppLcp::ConfigureAcked(const std::vector<PppOption>& /* options */)
{
    m_localAuth = m_wantAuth;
    m_collisions = 0;
}

void
PppLcp::ConfigureNaked(const std::vector<PppOption>& options)
{
    for (const auto& o : options)
    {
        uint16_t v16;
        uint32_t v32;
        switch (o.type)
        {
            case OPT_MRU:
                if (o.GetU16(v16) && v16 >= 64 && v16 <= m_mru)
                {
                    m_mru = v16; // a smaller MRU suggested by the peer is acceptable
                    m_wantMru = v16 != 1500;
                }
                break;
            case OPT_ACCM:
                if (o.GetU32(v32))
                {
                    m_accm |= v32; // the peer needs these characters escaped as well
                }
                m_wantAccm = true;
                break;
            case OPT_AUTH:
                // We keep requiring the configured protocol: no downgrade. The peer ends by
                // Rejecting the option (Max-Failure), and then the link is closed.
                break;
            case OPT_MAGIC:
                if (o.GetU32(v32) && v32 == m_lastNakMagic && m_lastNakMagic != 0)
                {
                    ++m_collisions; // RFC 1661 6.4: likelier loopback
                }
                m_magic = NewMagic();
                if (m_collisions >= m_maxLoopback)
                {
                    LoopbackDetected("Configure-Nak with our own Magic-Number");
                }
                break;
            case OPT_PFC:
            case OPT_ACFC:
            default:
                break;
        }
    }
}

void
PppLcp::ConfigureRejected(const std::vector<PppOption>& options)
{
    for (const auto& o : options)
    {
        switch (o.type)
        {
            case OPT_MRU:
                m_wantMru = false;
                break;
            case OPT_ACCM:
                m_wantAccm = false;
                break;
            case OPT_AUTH:
                m_wantAuth = 0;
                Close(std::string("peer refused to authenticate"));
                break;
            case OPT_MAGIC:
                m_wantMagic = false;
                m_magic = 0;
                break;
            case OPT_PFC:
                m_wantPfc = false;
                break;
            case OPT_ACFC:
                m_wantAcfc = false;
                break;
            default:
                break;
        }
    }
}

void
PppLcp::LoopbackDetected(const std::string& where)
{
    NS_LOG_INFO("LCP: link looped back (" << where << ")");
    m_loopbackTrace(where);
    Close(std::string("loopback detected"));
}

bool
PppLcp::ReceiveOtherCode(const PppControlPacket& p)
{
    switch (p.code)
    {
        case PppControlPacket::PROTOCOL_REJECT:
        {
            if (p.data.size() < 2)
            {
                Drop("Protocol-Reject without a protocol");
                return true;
            }
            const uint16_t proto = static_cast<uint16_t>((p.data[0] << 8) | p.data[1]);
            if (proto == PppFrame::PROTO_LCP)
            {
                ProcessEvent(RXJ_MINUS);
            }
            else
            {
                if (GetState() == OPENED && !m_protoRej.IsNull())
                {
                    m_protoRej(proto);
                }
                ProcessEvent(RXJ_PLUS);
            }
            return true;
        }
        case PppControlPacket::ECHO_REQUEST:
        case PppControlPacket::ECHO_REPLY:
        case PppControlPacket::DISCARD_REQUEST:
        {
            if (p.data.size() < 4)
            {
                Drop(PppControlPacket::CodeName(p.code) + " without a Magic-Number");
                return true;
            }
            const uint32_t magic = (uint32_t(p.data[0]) << 24) | (uint32_t(p.data[1]) << 16)
                                   | (uint32_t(p.data[2]) << 8) | p.data[3];
            if (GetState() == OPENED && m_magic != 0 && magic == m_magic)
            {
                LoopbackDetected(PppControlPacket::CodeName(p.code) + " with our own Magic-Number");
                return true;
            }
            if (p.code == PppControlPacket::ECHO_REQUEST)
            {
                m_echoRx = p;
            }
            else if (p.code == PppControlPacket::ECHO_REPLY && GetState() == OPENED)
            {
                m_echoPending = 0;
            }
            m_echoRx.code = p.code;
            ProcessEvent(RXR);
            return true;
        }
        default:
            return false;
    }
}

bool
PppLcp::AlwaysNak(uint8_t type) const
{
    return type == OPT_MAGIC; // loopback detection needs the Nak (RFC 1661 6.4; pppd does so)
}

void
PppLcp::SendEchoReply()
{
    if (m_echoRx.code != PppControlPacket::ECHO_REQUEST)
    {
        return;
    }
    std::vector<uint8_t> data;
    data.reserve(m_echoRx.data.size());
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        data.push_back(static_cast<uint8_t>(m_magic >> shift));
    }
    data.insert(data.end(), m_echoRx.data.begin() + 4, m_echoRx.data.end());
    SendPacket(PppControlPacket::ECHO_REPLY, m_echoRx.identifier, data);
}

void
PppLcp::SendProtocolReject(uint16_t protocol, const std::vector<uint8_t>& information)
{
    if (GetState() != OPENED)
    {
        return;
    }
    std::vector<uint8_t> data;
    data.reserve(2 + information.size());
    data.push_back(static_cast<uint8_t>(protocol >> 8));
    data.push_back(static_cast<uint8_t>(protocol));
    // The whole packet must fit in the peer's MRU (RFC 1661 5.7).
    const std::size_t room = m_peerMru > 6 ? m_peerMru - 6 : 0;
    data.insert(data.end(), information.begin(),
                information.begin() + std::min(room, information.size()));
    SendPacket(PppControlPacket::PROTOCOL_REJECT, NextIdentifier(), data);
}

void
PppLcp::ThisLayerUp()
{
    m_echoPending = 0;
    if (m_echoInterval.IsStrictlyPositive())
    {
        m_echoEvent = Simulator::Schedule(m_echoInterval, &PppLcp::EchoTimer, this);
    }
    PppFsm::ThisLayerUp();
}

void
PppLcp::ThisLayerDown()
{
    m_echoEvent.Cancel();
    PppFsm::ThisLayerDown();
}

void
PppLcp::EchoTimer()
{
    if (GetState() != OPENED)
    {
        return;
    }
    if (m_echoPending >= m_echoFailure)
    {
        NS_LOG_INFO("LCP: " << m_echoPending << " Echo-Requests unanswered; closing the link");
        m_echoFailureTrace(m_echoPending);
        Close("peer not responding to Echo-Requests");
        return;
    }
    SendPacket(PppControlPacket::ECHO_REQUEST, NextIdentifier(), PppOption::U32(0, m_magic).data);
    ++m_echoPending;
    m_echoEvent = Simulator::Schedule(m_echoInterval, &PppLcp::EchoTimer, this);
}

uint16_t
PppLcp::GetLocalAuth() const
{
    return m_localAuth;
}

uint16_t
PppLcp::GetPeerAuth() const
{
    return m_peerAuth;
}

uint16_t
PppLcp::GetPeerMru() const
{
    return m_peerMru;
}

uint32_t
PppLcp::GetTxAccm() const
{
    return m_peerAccm;
}

bool
PppLcp::GetTxPfc() const
{
    return m_peerPfc;
}

bool
PppLcp::GetTxAcfc() const
{
    return m_peerAcfc;
}

uint32_t
PppLcp::GetLocalMagic() const
{
    return m_magic;
}

uint32_t
PppLcp::GetEchoPending() const
{
    return m_echoPending;
}

} // namespace ns3
