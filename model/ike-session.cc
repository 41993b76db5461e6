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

namespace
{
std::vector<uint8_t>
Addr(Ipv4Address a)
{
    uint8_t b[4];
    a.Serialize(b);
    return {b[0], b[1], b[2], b[3]};
}

uint32_t
ToU32(const std::vector<uint8_t>& v)
{
    uint32_t x = 0;
    for (size_t i = 0; i < v.size() && i < 4; ++i)
    {
        x = (x << 8) | v[i];
    }
    return x;
}

std::vector<uint8_t>
Join(std::vector<uint8_t> a, const std::vector<uint8_t>& b)
{
    a.reserve(a.size() + b.size());
    for (uint8_t x : b)
    {
        a.push_back(x);
    }
    return a;
}

const IkePayload*
Find(const std::vector<IkePayload>& chain, uint8_t type, size_t nth = 0)
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
} // namespace

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
                              "ns3::IkeSession::NatTracedCallback");
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
                 const std::vector<IkePayload>& chain, bool encrypt, std::vector<uint8_t>* iv)
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
    m_lastSent = msg;
    m_lastSentName = name;
    m_lastSentTime = Simulator::Now();
    m_rtxCount = 0;
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

void
IkeSession::HandleInitiator(const IkeHeader& h, const std::vector<IkePayload>& chain,
                            const std::vector<uint8_t>& plain, uint32_t used, Ipv4Address src,
                            uint16_t sport, Ipv4Address dst, uint16_t dport)
{
    const uint8_t mm = IkeHeader::EXCHANGE_IDENTITY_PROTECTION;
    if (m_state == MM1_SENT && h.exchangeType == mm && Find(chain, IkePayload::SA))
    {
        m_rtx.Cancel();
        m_receivedTrace("MM2", h.length);
        m_ckyR.assign(h.responderCookie.begin(), h.responderCookie.end());
        m_peerNatT = false;
        for (const auto& p : chain)
        {
            m_peerNatT = m_peerNatT
                         || (p.type == IkePayload::VENDOR_ID
                             && p.data == IkePayload::KnownVendorId(IkePayload::VID_NAT_T_RFC3947));
        }
        m_dh = IkeDiffieHellman(m_group);
        m_dh.SetPrivate(RandomBytes(32));
        m_gxi = m_dh.GetPublic();
        m_ni = RandomBytes(32);
        std::vector<IkePayload> out{IkePayload::MakeRaw(IkePayload::KE, m_gxi),
                                    IkePayload::MakeRaw(IkePayload::NONCE, m_ni)};
        if (m_natT && m_peerNatT)
        {
            for (const auto& p : NatDPayloads())
            {
                out.push_back(p);
            }
        }
        Send("MM3", mm, 0, out, false, nullptr);
        SetState(MM3_SENT);
        ArmTimer();
    }
    else if (m_state == MM3_SENT && h.exchangeType == mm && Find(chain, IkePayload::KE)
             && Find(chain, IkePayload::NONCE))
    {
        m_rtx.Cancel();
        m_receivedTrace("MM4", h.length);
        m_gxr = Find(chain, IkePayload::KE)->data;
        m_nr = Find(chain, IkePayload::NONCE)->data;
        if (!DeriveKeys())
        {
            return;
        }
        if (m_natT && m_peerNatT && CheckNatD(chain, src, sport, dst, dport)
            && (m_natLocal || m_natRemote))
        {
            m_localPort = 4500; // RFC 3947 section 4: float at MM5
            m_peerPort = 4500;
        }
        IkePayload id = IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 0, 0, Addr(m_local));
        std::vector<uint8_t> hashI
            = IkeCrypto::Phase1Hash(m_keys.skeyid, m_gxi, m_gxr, m_ckyI, m_ckyR, m_saiB, id.Body());
        Send("MM5", mm, 0,
             {id, IkePayload::MakeRaw(IkePayload::HASH, hashI),
              IkePayload::MakeNotify(IkeProposal::PROTO_ISAKMP, IkePayload::INITIAL_CONTACT,
                                     Join(m_ckyI, m_ckyR), {})},
             true, &m_iv);
        SetState(MM5_SENT);
        ArmTimer();
    }
    else if (m_state == MM5_SENT && h.exchangeType == mm && h.IsEncrypted())
    {
        const IkePayload* id = Find(chain, IkePayload::ID);
        const IkePayload* hash = Find(chain, IkePayload::HASH);
        std::vector<uint8_t> want;
        if (id != nullptr)
        {
            want = IkeCrypto::Phase1Hash(m_keys.skeyid, m_gxr, m_gxi, m_ckyR, m_ckyI, m_saiB,
                                         id->Body());
        }
        if (id == nullptr || hash == nullptr || hash->data != want)
        {
            m_rtx.Cancel();
            Fail("MM6 HASH_R verification failed");
            return;
        }
        m_rtx.Cancel();
        m_receivedTrace("MM6", h.length);
        m_lastP1Block = m_iv;
        SetState(PHASE1_ESTABLISHED);
        SendQm1();
    }
    else if (m_state == QM1_SENT && h.exchangeType == IkeHeader::EXCHANGE_QUICK_MODE
             && h.messageId == m_mid && !chain.empty() && chain[0].type == IkePayload::HASH)
    {
        const IkePayload* nr = Find(chain, IkePayload::NONCE);
        const IkePayload* sa = Find(chain, IkePayload::SA);
        uint32_t hashLen = chain[0].GetSize();
        std::vector<uint8_t> rest(plain.begin() + hashLen, plain.begin() + used);
        if (nr == nullptr || sa == nullptr || sa->sa.proposals.size() != 1
            || chain[0].data != IkeCrypto::QmHash2(m_keys.skeyidA, m_mid, m_qni, rest))
        {
            m_rtx.Cancel();
            Fail("QM2 HASH(2) verification failed");
            return;
        }
        m_rtx.Cancel();
        m_receivedTrace("QM2", h.length);
        m_qnr = nr->data;
        m_spiOut = sa->sa.proposals[0].spi;
        Send("QM3", IkeHeader::EXCHANGE_QUICK_MODE, m_mid,
             {IkePayload::MakeRaw(IkePayload::HASH,
                                  IkeCrypto::QmHash3(m_keys.skeyidA, m_mid, m_qni, m_qnr))},
             true, &m_qmIv);
        Install();
    }
    else
    {
        m_dropTrace("unexpected " + IkeHeader::ExchangeTypeName(h.exchangeType)
                    + " message in state " + StateName(m_state));
    }
}

void
IkeSession::SendQm1()
{
    // Quick Mode, initiator: HASH(1), SA, Ni, IDci, IDcr [, NAT-OAi, NAT-OAr].
    m_mid = static_cast<uint32_t>(m_rng->GetInteger(1, 0xffffffffU));
    m_spiIn = RandomBytes(4);
    m_spiIn[0] |= 0xc0; // never below 256 (RFC 4303: 1..255 reserved)
    m_qni = RandomBytes(32);
    std::vector<IkePayload> rest{
        IkePayload::MakeSa(Phase2Sa(m_spiIn)), IkePayload::MakeRaw(IkePayload::NONCE, m_qni),
        IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, m_l2tpPort, Addr(m_local)),
        IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, m_l2tpPort, Addr(m_peer))};
    if (m_natLocal || m_natRemote)
    {
        rest.push_back(IkePayload::MakeNatOa(Addr(m_local)));
        rest.push_back(IkePayload::MakeNatOa(Addr(m_peer)));
    }
    std::vector<IkePayload> out{IkePayload::MakeRaw(
        IkePayload::HASH, IkeCrypto::QmHash1(m_keys.skeyidA, m_mid, IkePayload::WriteChain(rest)))};
    for (const auto& p : rest)
    {
        out.push_back(p);
    }
    m_qmIv = IkeCrypto::Phase2Iv(m_lastP1Block, m_mid);
    Send("QM1", IkeHeader::EXCHANGE_QUICK_MODE, m_mid, out, true, &m_qmIv);
    SetState(QM1_SENT);
    ArmTimer();
}

bool
IkeSession::StartQuickMode()
{
    if (!m_initiator || m_state != ESTABLISHED)
    {
        return false;
    }
    m_qmIv.clear();
    SendQm1();
    return true;
}

void
IkeSession::DeleteChildSa(uint32_t spiIn)
{
    if (m_state != ESTABLISHED && m_state != QM1_SENT && m_state != QM2_SENT)
    {
        return;
    }
    std::vector<uint8_t> spi{uint8_t(spiIn >> 24), uint8_t(spiIn >> 16), uint8_t(spiIn >> 8),
                             uint8_t(spiIn)};
    // Not a request: no retransmission, and a running Quick Mode keeps its timer.
    std::vector<uint8_t> lastSent = m_lastSent;
    std::string lastName = m_lastSentName;
    uint32_t rtxCount = m_rtxCount;
    SendInformational("Delete ESP", IkePayload::MakeDelete(IkeProposal::PROTO_IPSEC_ESP, 4, {spi}));
    m_lastSent = lastSent;
    m_lastSentName = lastName;
    m_rtxCount = rtxCount;
}

void
IkeSession::HandleResponder(const IkeHeader& h, const std::vector<IkePayload>& chain,
                            const std::vector<uint8_t>& plain, uint32_t used, Ipv4Address src,
                            uint16_t sport, Ipv4Address dst, uint16_t dport)
{
    const uint8_t mm = IkeHeader::EXCHANGE_IDENTITY_PROTECTION;
    if (m_state == IDLE && h.exchangeType == mm && Find(chain, IkePayload::SA))
    {
        const IkeSaPayload& offered = Find(chain, IkePayload::SA)->sa;
        IkeSaPayload mine = Phase1Sa();
        if (offered.proposals.size() != 1 || offered.proposals[0].transforms.size() != 1
            || offered.proposals[0].transforms[0].attributes.size()
                   != mine.proposals[0].transforms[0].attributes.size())
        {
            Fail("MM1: no acceptable proposal (NO-PROPOSAL-CHOSEN)");
            return;
        }
        for (size_t i = 0; i < mine.proposals[0].transforms[0].attributes.size(); ++i)
        {
            const auto& a = offered.proposals[0].transforms[0].attributes[i];
            const auto& b = mine.proposals[0].transforms[0].attributes[i];
            if (a.type != b.type || a.GetValue() != b.GetValue())
            {
                Fail("MM1: no acceptable proposal (NO-PROPOSAL-CHOSEN)");
                return;
            }
        }
        m_receivedTrace("MM1", h.length);
        m_peer = src;
        m_peerPort = sport;
        m_ckyI.assign(h.initiatorCookie.begin(), h.initiatorCookie.end());
        m_ckyR = RandomBytes(8);
        m_saiB.clear();
        offered.Write(m_saiB);
        m_peerNatT = false;
        for (const auto& p : chain)
        {
            m_peerNatT = m_peerNatT
                         || (p.type == IkePayload::VENDOR_ID
                             && p.data == IkePayload::KnownVendorId(IkePayload::VID_NAT_T_RFC3947));
        }
        std::vector<IkePayload> out{IkePayload::MakeSa(offered),
                                    IkePayload::MakeVendorId(IkePayload::VID_XAUTH),
                                    IkePayload::MakeVendorId(IkePayload::VID_DPD),
                                    IkePayload::MakeVendorId(IkePayload::VID_CISCO_FRAGMENTATION)};
        if (m_natT && m_peerNatT)
        {
            out.push_back(IkePayload::MakeVendorId(IkePayload::VID_NAT_T_RFC3947));
        }
        Send("MM2", mm, 0, out, false, nullptr);
        SetState(MM2_SENT);
    }
    else if (m_state == MM2_SENT && h.exchangeType == mm && Find(chain, IkePayload::KE)
             && Find(chain, IkePayload::NONCE))
    {
        m_receivedTrace("MM3", h.length);
        m_gxi = Find(chain, IkePayload::KE)->data;
        m_ni = Find(chain, IkePayload::NONCE)->data;
        m_dh = IkeDiffieHellman(m_group);
        m_dh.SetPrivate(RandomBytes(32));
        m_gxr = m_dh.GetPublic();
        m_nr = RandomBytes(32);
        if (!DeriveKeys())
        {
            return;
        }
        bool natd = m_natT && m_peerNatT && CheckNatD(chain, src, sport, dst, dport);
        std::vector<IkePayload> out{IkePayload::MakeRaw(IkePayload::KE, m_gxr),
                                    IkePayload::MakeRaw(IkePayload::NONCE, m_nr)};
        if (natd)
        {
            for (const auto& p : NatDPayloads())
            {
                out.push_back(p);
            }
        }
        Send("MM4", mm, 0, out, false, nullptr);
        SetState(MM4_SENT);
    }
    else if (m_state == MM4_SENT && h.exchangeType == mm && h.IsEncrypted())
    {
        const IkePayload* id = Find(chain, IkePayload::ID);
        const IkePayload* hash = Find(chain, IkePayload::HASH);
        std::vector<uint8_t> want;
        if (id != nullptr)
        {
            want = IkeCrypto::Phase1Hash(m_keys.skeyid, m_gxi, m_gxr, m_ckyI, m_ckyR, m_saiB,
                                         id->Body());
        }
        if (id == nullptr || hash == nullptr || hash->data != want)
        {
            Fail("MM5 HASH_I verification failed: pre-shared key mismatch");
            return;
        }
        m_receivedTrace("MM5", h.length);
        // The initiator floated: answer where MM5 came from.
        m_peer = src;
        m_peerPort = sport;
        m_localPort = dport;
        IkePayload myId = IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 0, 0, Addr(m_local));
        std::vector<uint8_t> hashR = IkeCrypto::Phase1Hash(m_keys.skeyid, m_gxr, m_gxi, m_ckyR,
                                                           m_ckyI, m_saiB, myId.Body());
        Send("MM6", mm, 0, {myId, IkePayload::MakeRaw(IkePayload::HASH, hashR)}, true, &m_iv);
        m_lastP1Block = m_iv;
        SetState(PHASE1_ESTABLISHED);
    }
    else if ((m_state == PHASE1_ESTABLISHED || (m_state == ESTABLISHED && h.messageId != m_mid))
             && h.exchangeType == IkeHeader::EXCHANGE_QUICK_MODE && !chain.empty()
             && chain[0].type == IkePayload::HASH)
    {
        uint32_t hashLen = chain[0].GetSize();
        std::vector<uint8_t> rest(plain.begin() + hashLen, plain.begin() + used);
        const IkePayload* sa = Find(chain, IkePayload::SA);
        const IkePayload* ni = Find(chain, IkePayload::NONCE);
        if (sa == nullptr || ni == nullptr || sa->sa.proposals.size() != 1
            || chain[0].data != IkeCrypto::QmHash1(m_keys.skeyidA, h.messageId, rest))
        {
            m_dropTrace("QM1 HASH(1) verification failed");
            return;
        }
        m_receivedTrace("QM1", h.length);
        m_mid = h.messageId;
        m_qni = ni->data;
        m_spiOut = sa->sa.proposals[0].spi;
        m_spiIn = RandomBytes(4);
        m_spiIn[0] |= 0xc0;
        m_qnr = RandomBytes(32);
        // Identities as this side sees them: with a NAT the initiator is the NAT's address.
        std::vector<IkePayload> out2{
            IkePayload::MakeSa(Phase2Sa(m_spiIn)), IkePayload::MakeRaw(IkePayload::NONCE, m_qnr),
            IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, m_l2tpPort, Addr(m_peer)),
            IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, m_l2tpPort, Addr(m_local))};
        if (m_natLocal || m_natRemote)
        {
            out2.push_back(IkePayload::MakeNatOa(Addr(m_peer)));
            out2.push_back(IkePayload::MakeNatOa(Addr(m_local)));
        }
        std::vector<IkePayload> out{IkePayload::MakeRaw(
            IkePayload::HASH,
            IkeCrypto::QmHash2(m_keys.skeyidA, m_mid, m_qni, IkePayload::WriteChain(out2)))};
        for (const auto& p : out2)
        {
            out.push_back(p);
        }
        Send("QM2", IkeHeader::EXCHANGE_QUICK_MODE, m_mid, out, true, &m_qmIv);
        SetState(QM2_SENT);
        ArmTimer();
    }
    else if (m_state == QM2_SENT && h.exchangeType == IkeHeader::EXCHANGE_QUICK_MODE
             && h.messageId == m_mid && chain.size() == 1 && chain[0].type == IkePayload::HASH)
    {
        if (chain[0].data != IkeCrypto::QmHash3(m_keys.skeyidA, m_mid, m_qni, m_qnr))
        {
            m_dropTrace("QM3 HASH(3) verification failed");
            return;
        }
        m_rtx.Cancel();
        m_receivedTrace("QM3", h.length);
        Install();
    }
    else
    {
        m_dropTrace("unexpected " + IkeHeader::ExchangeTypeName(h.exchangeType)
                    + " message in state " + StateName(m_state));
    }
}

void
IkeSession::Install()
{
    const uint32_t len = m_keyLength + 20; // AES key, then the HMAC-SHA1 key
    IkeChildSaKeys k;
    k.spiIn = ToU32(m_spiIn);
    k.spiOut = ToU32(m_spiOut);
    const auto& ni = m_qni;
    const auto& nr = m_qnr;
    std::vector<uint8_t> in = IkeCrypto::Keymat(m_keys.skeyidD, 3, m_spiIn, ni, nr, len);
    std::vector<uint8_t> out = IkeCrypto::Keymat(m_keys.skeyidD, 3, m_spiOut, ni, nr, len);
    k.encKeyIn.assign(in.begin(), in.begin() + m_keyLength);
    k.authKeyIn.assign(in.begin() + m_keyLength, in.end());
    k.encKeyOut.assign(out.begin(), out.begin() + m_keyLength);
    k.authKeyOut.assign(out.begin() + m_keyLength, out.end());
    k.natTraversal = m_natLocal || m_natRemote;
    k.encapsulationMode = k.natTraversal ? 4 : 2;
    k.lifetimeSeconds = m_p2Lifetime;
    SetState(ESTABLISHED);
    m_lastHeard = Simulator::Now();
    m_lastDpd = Simulator::Now();
    Time first
        = std::min(m_dpdDelay.IsStrictlyPositive() ? m_dpdDelay : Time::Max(),
                   m_keepalive.IsStrictlyPositive() && m_natLocal ? m_keepalive : Time::Max());
    if (first != Time::Max() && m_periodic.IsExpired())
    {
        m_periodic = Simulator::Schedule(Seconds(1), &IkeSession::Periodic, this);
    }
    if (!m_established.IsNull())
    {
        m_established(k);
    }
}

void
IkeSession::Periodic()
{
    // A 1-s tick, like charon's scheduler granularity.
    Time now = Simulator::Now();
    if (m_dpdDelay.IsStrictlyPositive())
    {
        if (now - m_lastHeard >= m_dpdTimeout)
        {
            Fail("DPD: no response from the peer for "
                 + std::to_string((now - m_lastHeard).GetSeconds()) + " s");
            return;
        }
        if (now - m_lastHeard >= m_dpdDelay && now - m_lastDpd >= m_dpdDelay)
        {
            ++m_dpdSeq;
            m_lastDpd = now;
            std::vector<uint8_t> seq{uint8_t(m_dpdSeq >> 24), uint8_t(m_dpdSeq >> 16),
                                     uint8_t(m_dpdSeq >> 8), uint8_t(m_dpdSeq)};
            SendInformational("R-U-THERE", IkePayload::MakeNotify(IkeProposal::PROTO_ISAKMP,
                                                                  IkePayload::R_U_THERE,
                                                                  Join(m_ckyI, m_ckyR), seq));
        }
    }
    if (m_natLocal && m_keepalive.IsStrictlyPositive() && now - m_lastSentTime >= m_keepalive)
    {
        m_lastSentTime = now;
        m_keepaliveTrace(++m_keepalives);
        if (!m_send.IsNull())
        {
            m_send(std::vector<uint8_t>{0xff}, m_peer, 4500, 4500);
        }
    }
    m_periodic = Simulator::Schedule(Seconds(1), &IkeSession::Periodic, this);
}

void
IkeSession::SendInformational(const std::string& name, const IkePayload& p)
{
    uint32_t mid = static_cast<uint32_t>(m_rng->GetInteger(1, 0xffffffffU));
    std::vector<uint8_t> iv = IkeCrypto::Phase2Iv(m_lastP1Block, mid);
    std::vector<uint8_t> hash
        = IkeCrypto::QmHash1(m_keys.skeyidA, mid, IkePayload::WriteChain({p}));
    Send(name, IkeHeader::EXCHANGE_INFORMATIONAL, mid,
         {IkePayload::MakeRaw(IkePayload::HASH, hash), p}, true, &iv);
}

void
IkeSession::Delete()
{
    if (m_state != ESTABLISHED)
    {
        return;
    }
    SendInformational("Delete ESP",
                      IkePayload::MakeDelete(IkeProposal::PROTO_IPSEC_ESP, 4, {m_spiIn}));
    SendInformational("Delete ISAKMP", IkePayload::MakeDelete(IkeProposal::PROTO_ISAKMP, 16,
                                                              {Join(m_ckyI, m_ckyR)}));
    m_periodic.Cancel();
    m_rtx.Cancel();
    SetState(DELETED);
}

void
IkeSession::HandleInformational(const IkeHeader& h, const std::vector<IkePayload>& chain,
                                const std::vector<uint8_t>& plain, uint32_t used)
{
    if (!h.IsEncrypted() || chain.size() != 2 || chain[0].type != IkePayload::HASH)
    {
        m_dropTrace("Informational without HASH(1) and one payload");
        return;
    }
    uint32_t hashLen = chain[0].GetSize();
    std::vector<uint8_t> rest(plain.begin() + hashLen, plain.begin() + used);
    if (chain[0].data != IkeCrypto::QmHash1(m_keys.skeyidA, h.messageId, rest))
    {
        m_dropTrace("Informational HASH(1) verification failed");
        return;
    }
    const IkePayload& p = chain[1];
    if (p.type == IkePayload::NOTIFICATION && p.notifyType == IkePayload::R_U_THERE)
    {
        m_receivedTrace("R-U-THERE", h.length);
        SendInformational("R-U-THERE-ACK", IkePayload::MakeNotify(IkeProposal::PROTO_ISAKMP,
                                                                  IkePayload::R_U_THERE_ACK,
                                                                  Join(m_ckyI, m_ckyR), p.data));
    }
    else if (p.type == IkePayload::NOTIFICATION && p.notifyType == IkePayload::R_U_THERE_ACK)
    {
        m_receivedTrace("R-U-THERE-ACK", h.length);
    }
    else if (p.type == IkePayload::DELETE)
    {
        m_receivedTrace(p.protocolId == IkeProposal::PROTO_ISAKMP ? "Delete ISAKMP" : "Delete ESP",
                        h.length);
        if (p.protocolId == IkeProposal::PROTO_ISAKMP)
        {
            m_periodic.Cancel();
            m_rtx.Cancel();
            SetState(DELETED);
        }
        else if (p.protocolId == IkeProposal::PROTO_IPSEC_ESP && !m_childDeleted.IsNull())
        {
            for (const auto& spi : p.spis)
            {
                m_childDeleted(ToU32(spi));
            }
        }
    }
    else
    {
        m_dropTrace("unsupported Informational payload " + IkePayload::TypeName(p.type));
    }
}

} // namespace ns3
