/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-session.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSession");
NS_OBJECT_ENSURE_REGISTERED(IkeSession);

std::vector<uint8_t>
IkeSession::Addr(Ipv4Address a)
{
    uint8_t b[4];
    a.Serialize(b);
    return {b[0], b[1], b[2], b[3]};
}

uint32_t
IkeSession::ToU32(const std::vector<uint8_t>& v)
{
    uint32_t x = 0;
    for (size_t i = 0; i < v.size() && i < 4; ++i)
    {
        x = (x << 8) | v[i];
    }
    return x;
}

std::vector<uint8_t>
IkeSession::Join(std::vector<uint8_t> a, const std::vector<uint8_t>& b)
{
    a.reserve(a.size() + b.size());
    for (uint8_t x : b)
    {
        a.push_back(x);
    }
    return a;
}

const IkePayload*
IkeSession::Find(const std::vector<IkePayload>& chain, uint8_t type, size_t nth)
{
    for (const auto& p : chain)
    {
        if (p.type == type && nth-- == 0)
        {
            return &p;
        }
    }
    return nullptr;
}

TypeId
IkeSession::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IkeSession")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<IkeSession>()
              .AddAttribute("PreSharedKey", "The pre-shared key (RFC 2409 section 5.4).",
                            StringValue(""), MakeStringAccessor(&IkeSession::m_psk),
                            MakeStringChecker())
              .AddAttribute("DhGroup", "Oakley group: 2 (MODP 1024) or 14 (MODP 2048).",
                            UintegerValue(14), MakeUintegerAccessor(&IkeSession::m_group),
                            MakeUintegerChecker<uint16_t>(2, 14))
              .AddAttribute("KeyLength", "AES key length in bytes for IKE and ESP (16, 24 or 32).",
                            UintegerValue(16), MakeUintegerAccessor(&IkeSession::m_keyLength),
                            MakeUintegerChecker<uint32_t>(16, 32))
              .AddAttribute("Phase1Lifetime",
                            "ISAKMP SA lifetime offered in MM1 (s); strongSwan's 3 h.",
                            UintegerValue(10800), MakeUintegerAccessor(&IkeSession::m_p1Lifetime),
                            MakeUintegerChecker<uint32_t>(1, 65535))
              .AddAttribute("Phase2Lifetime",
                            "IPsec SA lifetime offered in QM1 (s); strongSwan's 1 h.",
                            UintegerValue(3600), MakeUintegerAccessor(&IkeSession::m_p2Lifetime),
                            MakeUintegerChecker<uint32_t>(1, 65535))
              .AddAttribute("RetransmissionTimeout",
                            "First retransmission timeout (strongSwan retransmit_timeout).",
                            TimeValue(Seconds(4)), MakeTimeAccessor(&IkeSession::m_rtxTimeout),
                            MakeTimeChecker())
              .AddAttribute("RetransmissionBase", "Backoff base (strongSwan retransmit_base).",
                            DoubleValue(1.8), MakeDoubleAccessor(&IkeSession::m_rtxBase),
                            MakeDoubleChecker<double>(1.0))
              .AddAttribute("MaxRetransmissions",
                            "Retransmissions before giving up (strongSwan retransmit_tries).",
                            UintegerValue(5), MakeUintegerAccessor(&IkeSession::m_maxRtx),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("NatTraversal", "Offer RFC 3947 NAT traversal (VID and NAT-D).",
                            BooleanValue(true), MakeBooleanAccessor(&IkeSession::m_natT),
                            MakeBooleanChecker())
              .AddAttribute("L2tpPort", "UDP port in the Quick Mode identities (RFC 3193: 1701).",
                            UintegerValue(1701), MakeUintegerAccessor(&IkeSession::m_l2tpPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("DpdDelay",
                            "Dead Peer Detection (RFC 3706): send R-U-THERE after this long "
                            "without hearing from the peer (0 disables; strongSwan dpddelay).",
                            TimeValue(Seconds(30)), MakeTimeAccessor(&IkeSession::m_dpdDelay),
                            MakeTimeChecker())
              .AddAttribute("DpdTimeout",
                            "Declare the peer dead after this long without hearing from it "
                            "(strongSwan dpdtimeout, 150 s for IKEv1).",
                            TimeValue(Seconds(150)), MakeTimeAccessor(&IkeSession::m_dpdTimeout),
                            MakeTimeChecker())
              .AddAttribute("NatKeepaliveInterval",
                            "Behind a NAT, send a one-byte 0xFF NAT-keepalive on UDP 4500 "
                            "(RFC 3948 2.3) after this long without sending (0 disables).",
                            TimeValue(Seconds(20)), MakeTimeAccessor(&IkeSession::m_keepalive),
                            MakeTimeChecker())
              .AddTraceSource("KeepaliveSent", "A NAT-keepalive was sent (count so far).",
                              MakeTraceSourceAccessor(&IkeSession::m_keepaliveTrace),
                              "ns3::IkeSession::KeepaliveTracedCallback")
              .AddTraceSource("MessageSent", "An ISAKMP message was sent (name, ISAKMP length).",
                              MakeTraceSourceAccessor(&IkeSession::m_sentTrace),
                              "ns3::IkeSession::MessageTracedCallback")
              .AddTraceSource("MessageReceived",
                              "An ISAKMP message was accepted (name, ISAKMP length).",
                              MakeTraceSourceAccessor(&IkeSession::m_receivedTrace),
                              "ns3::IkeSession::MessageTracedCallback")
              .AddTraceSource("MessageRetransmitted",
                              "An ISAKMP message was sent again (name, ISAKMP length).",
                              MakeTraceSourceAccessor(&IkeSession::m_rtxTrace),
                              "ns3::IkeSession::MessageTracedCallback")
              .AddTraceSource("Drop", "A received message was dropped (reason).",
                              MakeTraceSourceAccessor(&IkeSession::m_dropTrace),
                              "ns3::IkeSession::DropTracedCallback")
              .AddTraceSource("StateChanged", "The state changed (old, new).",
                              MakeTraceSourceAccessor(&IkeSession::m_stateTrace),
                              "ns3::IkeSession::StateTracedCallback")
              .AddTraceSource("NatDetected",
                              "NAT-D evaluated (local behind NAT, remote behind NAT).",
                              MakeTraceSourceAccessor(&IkeSession::m_natTrace),
                              "ns3::IkeSession::NatTracedCallback")
              .AddTraceSource("IsakmpSaExpired",
                              "The ISAKMP SA reached its Phase1Lifetime without being replaced: "
                              "Delete(ISAKMP) sent, state DELETED.",
                              MakeTraceSourceAccessor(&IkeSession::m_isakmpExpiredTrace),
                              "ns3::TracedCallback::Void");
    return tid;
}

IkeSession::IkeSession()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

IkeSession::~IkeSession() {}

void
IkeSession::DoDispose()
{
    m_rtx.Cancel();
    m_periodic.Cancel();
    m_p1Expire.Cancel();
    m_phase1 = Phase1Callback();
    m_peerMoved = PeerMovedCallback();
    m_send = SendCallback();
    m_established = EstablishedCallback();
    m_failed = FailedCallback();
    m_childDeleted = ChildDeletedCallback();
    m_rng = nullptr;
    Object::DoDispose();
}

void
IkeSession::SetSendCallback(SendCallback cb)
{
    m_send = cb;
}

void
IkeSession::SetEstablishedCallback(EstablishedCallback cb)
{
    m_established = cb;
}

void
IkeSession::SetFailedCallback(FailedCallback cb)
{
    m_failed = cb;
}

void
IkeSession::SetChildDeletedCallback(ChildDeletedCallback cb)
{
    m_childDeleted = cb;
}

void
IkeSession::SetPhase1Callback(Phase1Callback cb)
{
    m_phase1 = cb;
}

void
IkeSession::SetPeerMovedCallback(PeerMovedCallback cb)
{
    m_peerMoved = cb;
}

bool
IkeSession::UpdatePeerEndpoint(Ipv4Address src, uint16_t sport)
{
    if (!m_natRemote || m_natLocal || m_localPort != 4500 || m_keys.encKey.empty()
        || (src == m_peer && sport == m_peerPort))
    {
        return false;
    }
    Ipv4Address oldPeer = m_peer;
    uint16_t oldPort = m_peerPort;
    NS_LOG_INFO("peer moved from " << oldPeer << ":" << oldPort << " to " << src << ":" << sport);
    m_peer = src;
    m_peerPort = sport;
    if (!m_peerMoved.IsNull())
    {
        m_peerMoved(oldPeer, oldPort);
    }
    return true;
}

void
IkeSession::SetPhase1Only(bool phase1Only)
{
    m_phase1Only = phase1Only;
}

Time
IkeSession::GetPhase1Lifetime() const
{
    return Seconds(m_p1Lifetime);
}

void
IkeSession::NotifyEspActivity(bool outbound)
{
    if (outbound)
    {
        m_lastSentTime = Simulator::Now();
    }
    else
    {
        m_lastHeard = Simulator::Now();
    }
}

Ipv4Address
IkeSession::GetPeerAddress() const
{
    return m_peer;
}

uint16_t
IkeSession::GetPeerPort() const
{
    return m_peerPort;
}

Ipv4Address
IkeSession::GetLocalAddress() const
{
    return m_local;
}

bool
IkeSession::IsInitiator() const
{
    return m_initiator;
}

int64_t
IkeSession::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

IkeSession::State
IkeSession::GetState() const
{
    return m_state;
}

std::string
IkeSession::StateName(State s)
{
    static const char* names[] = {"IDLE",
                                  "MM1_SENT",
                                  "MM2_SENT",
                                  "MM3_SENT",
                                  "MM4_SENT",
                                  "MM5_SENT",
                                  "PHASE1_ESTABLISHED",
                                  "QM1_SENT",
                                  "QM2_SENT",
                                  "ESTABLISHED",
                                  "FAILED",
                                  "DELETED"};
    static_assert(sizeof(names) / sizeof(names[0]) == DELETED + 1, "one name per state");
    return (s >= IDLE && s <= DELETED) ? names[s] : "UNKNOWN";
}

const IkeCrypto::Phase1Keys&
IkeSession::GetPhase1Keys() const
{
    return m_keys;
}

std::vector<uint8_t>
IkeSession::GetInitiatorCookie() const
{
    return m_ckyI;
}

bool
IkeSession::IsLocalBehindNat() const
{
    return m_natLocal;
}

bool
IkeSession::IsRemoteBehindNat() const
{
    return m_natRemote;
}

std::string
IkeSession::GetDecryptionTableLine() const
{
    return IkeCrypto::Ikev1DecryptionTableLine(m_ckyI, m_keys.encKey);
}

std::vector<uint8_t>
IkeSession::RandomBytes(uint32_t n)
{
    std::vector<uint8_t> v(n);
    for (auto& b : v)
    {
        b = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
    }
    return v;
}

void
IkeSession::SetState(State s)
{
    if (s != m_state)
    {
        NS_LOG_INFO((m_initiator ? "initiator " : "responder ")
                    << StateName(m_state) << " -> " << StateName(s));
        State old = m_state;
        m_state = s;
        m_stateTrace(old, s);
    }
}

void
IkeSession::Fail(const std::string& reason)
{
    NS_LOG_INFO("IKE failed: " << reason);
    m_rtx.Cancel();
    m_periodic.Cancel();
    m_p1Expire.Cancel();
    SetState(FAILED);
    if (!m_failed.IsNull())
    {
        m_failed(reason);
    }
}

IkeSaPayload
IkeSession::Phase1Sa() const
{
    IkeTransform t;
    t.number = 1;
    t.transformId = IkeTransform::KEY_IKE;
    t.attributes
        = {IkeAttribute::Tv(IkeAttribute::ENCRYPTION_ALGORITHM, IkeAttribute::ENC_AES_CBC),
           IkeAttribute::Tv(IkeAttribute::KEY_LENGTH, m_keyLength * 8),
           IkeAttribute::Tv(IkeAttribute::HASH_ALGORITHM, IkeAttribute::HASH_SHA),
           IkeAttribute::Tv(IkeAttribute::GROUP_DESCRIPTION, m_group),
           IkeAttribute::Tv(IkeAttribute::AUTHENTICATION_METHOD, IkeAttribute::AUTH_PRE_SHARED_KEY),
           IkeAttribute::Tv(IkeAttribute::LIFE_TYPE, IkeAttribute::LIFE_SECONDS),
           IkeAttribute::Tv(IkeAttribute::LIFE_DURATION, m_p1Lifetime)};
    IkeProposal p;
    p.protocolId = IkeProposal::PROTO_ISAKMP;
    p.transforms.push_back(t);
    IkeSaPayload sa;
    sa.proposals.push_back(p);
    return sa;
}

IkeSaPayload
IkeSession::Phase2Sa(const std::vector<uint8_t>& spi) const
{
    bool udp = m_natLocal || m_natRemote;
    IkeTransform t;
    t.transformId = IkeTransform::ESP_AES;
    t.attributes = {
        IkeAttribute::Tv(IkeAttribute::P2_KEY_LENGTH, m_keyLength * 8),
        IkeAttribute::Tv(IkeAttribute::AUTHENTICATION_ALGORITHM, IkeAttribute::AUTH_HMAC_SHA),
        IkeAttribute::Tv(IkeAttribute::ENCAPSULATION_MODE,
                         udp ? IkeAttribute::ENCAP_UDP_TRANSPORT : IkeAttribute::ENCAP_TRANSPORT),
        IkeAttribute::Tv(IkeAttribute::SA_LIFE_TYPE, IkeAttribute::LIFE_SECONDS),
        IkeAttribute::Tv(IkeAttribute::SA_LIFE_DURATION, m_p2Lifetime)};
    IkeProposal p;
    p.protocolId = IkeProposal::PROTO_IPSEC_ESP;
    p.spi = spi;
    p.transforms.push_back(t);
    IkeSaPayload sa;
    sa.proposals.push_back(p);
    return sa;
}

std::vector<IkePayload>
IkeSession::NatDPayloads() const
{
    // strongSwan's order: the peer's address as this side sends to it, then its own.
    std::vector<uint8_t> cookies = Join(m_ckyI, m_ckyR);
    return {
        IkePayload::MakeRaw(IkePayload::NAT_D, IkeCrypto::NatD(cookies, Addr(m_peer), m_peerPort)),
        IkePayload::MakeRaw(IkePayload::NAT_D,
                            IkeCrypto::NatD(cookies, Addr(m_local), m_localPort))};
}

void
IkeSession::Send(const std::string& name, uint8_t exchange, uint32_t mid,
                 const std::vector<IkePayload>& chain, bool encrypt, std::vector<uint8_t>* iv,
                 bool remember)
{
    IkeHeader h;
    std::copy(m_ckyI.begin(), m_ckyI.end(), h.initiatorCookie.begin());
    if (!m_ckyR.empty())
    {
        std::copy(m_ckyR.begin(), m_ckyR.end(), h.responderCookie.begin());
    }
    h.nextPayload = chain.empty() ? 0 : chain[0].type;
    h.exchangeType = exchange;
    h.messageId = mid;
    std::vector<uint8_t> body = IkePayload::WriteChain(chain);
    if (encrypt)
    {
        // Zero padding to the block size, a whole block when already aligned (as strongSwan).
        body.resize((body.size() / 16 + 1) * 16, 0);
        std::vector<uint8_t> ct;
        std::string reason;
        IkeCrypto::AesCbc(m_keys.encKey, *iv, body, true, ct, reason);
        body = ct;
        iv->assign(body.end() - 16, body.end());
        h.flags = IkeHeader::FLAG_ENCRYPTION;
    }
    h.length = IkeHeader::SIZE + static_cast<uint32_t>(body.size());
    std::vector<uint8_t> msg;
    h.Write(msg);
    msg = Join(msg, body);
    if (m_localPort == 4500)
    {
        msg = IkeHeader::AddNonEspMarker(msg);
    }
    if (remember)
    {
        m_lastSent = msg;
        m_lastSentName = name;
        m_rtxCount = 0;
    }
    m_lastSentTime = Simulator::Now();
    m_sentTrace(name, h.length);
    if (!m_send.IsNull())
    {
        m_send(msg, m_peer, m_localPort, m_peerPort);
    }
}

void
IkeSession::Resend(bool timer)
{
    uint32_t len = static_cast<uint32_t>(m_lastSent.size()) - (m_localPort == 4500 ? 4 : 0);
    m_rtxTrace(m_lastSentName, len);
    if (!m_send.IsNull())
    {
        m_send(m_lastSent, m_peer, m_localPort, m_peerPort);
    }
}

void
IkeSession::ArmTimer()
{
    m_rtx.Cancel();
    Time t = Seconds(m_rtxTimeout.GetSeconds() * std::pow(m_rtxBase, m_rtxCount));
    m_rtx = Simulator::Schedule(t, &IkeSession::Timeout, this);
}

void
IkeSession::Timeout()
{
    if (m_rtxCount >= m_maxRtx)
    {
        Fail("no response to " + m_lastSentName + " after " + std::to_string(m_maxRtx)
             + " retransmissions");
        return;
    }
    ++m_rtxCount;
    Resend(true);
    ArmTimer();
}

void
IkeSession::StartInitiator(Ipv4Address local, Ipv4Address peer)
{
    m_initiator = true;
    m_local = local;
    m_peer = peer;
    m_ckyI = RandomBytes(8);
    m_ckyR.clear();
    IkeSaPayload sa = Phase1Sa();
    m_saiB.clear();
    sa.Write(m_saiB);
    std::vector<IkePayload> chain{IkePayload::MakeSa(sa),
                                  IkePayload::MakeVendorId(IkePayload::VID_XAUTH),
                                  IkePayload::MakeVendorId(IkePayload::VID_DPD),
                                  IkePayload::MakeVendorId(IkePayload::VID_CISCO_FRAGMENTATION)};
    if (m_natT)
    {
        chain.push_back(IkePayload::MakeVendorId(IkePayload::VID_NAT_T_RFC3947));
        chain.push_back(IkePayload::MakeVendorId(IkePayload::VID_NAT_T_DRAFT_02N));
    }
    Send("MM1", IkeHeader::EXCHANGE_IDENTITY_PROTECTION, 0, chain, false, nullptr);
    SetState(MM1_SENT);
    ArmTimer();
}

void
IkeSession::StartResponder(Ipv4Address local)
{
    m_initiator = false;
    m_local = local;
    SetState(IDLE);
}

bool
IkeSession::DeriveKeys()
{
    std::vector<uint8_t> gxy;
    std::string reason;
    if (!m_dh.ComputeShared(m_initiator ? m_gxr : m_gxi, gxy, reason))
    {
        Fail("Diffie-Hellman: " + reason);
        return false;
    }
    std::vector<uint8_t> psk(m_psk.begin(), m_psk.end());
    m_keys = IkeCrypto::DerivePhase1Psk(psk, m_ni, m_nr, gxy, m_ckyI, m_ckyR, m_keyLength);
    m_iv = IkeCrypto::Phase1Iv(m_gxi, m_gxr);
    return true;
}

bool
IkeSession::CheckNatD(const std::vector<IkePayload>& chain, Ipv4Address src, uint16_t sport,
                      Ipv4Address dst, uint16_t dport)
{
    const IkePayload* first = Find(chain, IkePayload::NAT_D, 0);
    const IkePayload* second = Find(chain, IkePayload::NAT_D, 1);
    if (first == nullptr || second == nullptr)
    {
        return false;
    }
    std::vector<uint8_t> cookies = Join(m_ckyI, m_ckyR);
    // The first hash names this host as the sender addressed it, the second the sender.
    m_natLocal = first->data != IkeCrypto::NatD(cookies, Addr(dst), dport);
    m_natRemote = second->data != IkeCrypto::NatD(cookies, Addr(src), sport);
    m_natTrace(m_natLocal, m_natRemote);
    return true;
}

void
IkeSession::Receive(const std::vector<uint8_t>& data, Ipv4Address src, uint16_t srcPort,
                    Ipv4Address dst, uint16_t dstPort)
{
    if (m_state == FAILED || m_state == DELETED)
    {
        m_dropTrace("no exchange in progress");
        return;
    }
    if (m_state == ESTABLISHED && data == m_lastReceived)
    {
        if (m_initiator)
        {
            Resend(false); // QM2 again: the responder did not get QM3
            return;
        }
        m_dropTrace("duplicate message");
        return;
    }
    std::vector<uint8_t> msg = data;
    if (dstPort == 4500)
    {
        if (!IkeHeader::HasNonEspMarker(data.data(), static_cast<uint32_t>(data.size())))
        {
            m_dropTrace("UDP 4500 payload without the non-ESP marker");
            return;
        }
        msg.erase(msg.begin(), msg.begin() + IkeHeader::NON_ESP_MARKER_SIZE);
    }
    if (data == m_lastReceived)
    {
        if (!m_lastSent.empty() && !m_initiator)
        {
            Resend(false);
        }
        else
        {
            m_dropTrace("duplicate message");
        }
        return;
    }
    IkeHeader h;
    std::string reason;
    if (IkeHeader::Parse(msg.data(), static_cast<uint32_t>(msg.size()), h, reason) == 0)
    {
        m_dropTrace(reason);
        return;
    }
    std::vector<uint8_t> body(msg.begin() + IkeHeader::SIZE, msg.begin() + h.length);
    std::vector<uint8_t> cookieI(h.initiatorCookie.begin(), h.initiatorCookie.end());
    if (!(m_state == IDLE && !m_initiator) && cookieI != m_ckyI)
    {
        m_dropTrace("unknown initiator cookie");
        return;
    }
    std::vector<uint8_t> plain = body;
    std::vector<uint8_t>* iv = nullptr;
    std::vector<uint8_t> infoIv;
    if (h.IsEncrypted())
    {
        if (m_keys.encKey.empty())
        {
            m_dropTrace("encrypted message before the keys exist");
            return;
        }
        if (h.exchangeType == IkeHeader::EXCHANGE_IDENTITY_PROTECTION)
        {
            iv = &m_iv;
        }
        else if (h.exchangeType == IkeHeader::EXCHANGE_QUICK_MODE)
        {
            if (m_qmIv.empty() || h.messageId != m_mid)
            {
                m_qmIv = IkeCrypto::Phase2Iv(m_lastP1Block, h.messageId);
            }
            iv = &m_qmIv;
        }
        else
        {
            infoIv = IkeCrypto::Phase2Iv(m_lastP1Block, h.messageId);
            iv = &infoIv;
        }
        if (!IkeCrypto::AesCbc(m_keys.encKey, *iv, body, false, plain, reason))
        {
            m_dropTrace(reason);
            return;
        }
    }
    std::vector<IkePayload> chain;
    uint32_t used = 0;
    if (!IkePayload::ParseChain(h.nextPayload, plain.data(), static_cast<uint32_t>(plain.size()),
                                chain, used, reason))
    {
        if (h.IsEncrypted() && m_state == MM4_SENT)
        {
            // What a wrong pre-shared key looks like to the responder: MM5 decrypts to noise.
            Fail("MM5 could not be decrypted (" + reason
                 + "): pre-shared key mismatch, HASH_I not verifiable");
            return;
        }
        m_dropTrace(reason);
        return;
    }
    if (iv != nullptr)
    {
        iv->assign(body.end() - 16, body.end());
    }
    m_lastHeard = Simulator::Now();
    m_rxSrc = src;
    m_rxSport = srcPort;
    if (h.exchangeType == IkeHeader::EXCHANGE_INFORMATIONAL)
    {
        HandleInformational(h, chain, plain, used);
        return;
    }
    m_lastReceived = data;
    if (m_initiator)
    {
        HandleInitiator(h, chain, plain, used, src, srcPort, dst, dstPort);
    }
    else
    {
        HandleResponder(h, chain, plain, used, src, srcPort, dst, dstPort);
    }
}

} // namespace ns3
