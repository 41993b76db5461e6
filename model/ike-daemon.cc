/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-daemon.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include "ike-header.h"
#include "ike-payload.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeDaemon");
NS_OBJECT_ENSURE_REGISTERED(IkeDaemon);

namespace
{
uint64_t
CookieOf(const std::vector<uint8_t>& msg)
{
    uint64_t c = 0;
    for (std::size_t i = 0; i < 8; ++i)
    {
        c = (c << 8) | msg[i];
    }
    return c;
}
} // namespace

TypeId
IkeDaemon::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IkeDaemon")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<IkeDaemon>()
              .AddAttribute("Rekey",
                            "The initiator rekeys each ESP SA pair RekeyMargin before its "
                            "lifetime ends (a new Quick Mode in the same ISAKMP SA).",
                            BooleanValue(true), MakeBooleanAccessor(&IkeDaemon::m_rekey),
                            MakeBooleanChecker())
              .AddAttribute("RekeyMargin",
                            "How long before the hard lifetime the initiator rekeys "
                            "(strongSwan's margintime default, 9 min).",
                            TimeValue(Seconds(540)), MakeTimeAccessor(&IkeDaemon::m_rekeyMargin),
                            MakeTimeChecker())
              .AddAttribute("DeleteDelay",
                            "After a rekey or a Delete(ESP), the old inbound SA stays this long "
                            "so that packets already in flight still decrypt.",
                            TimeValue(Seconds(5)), MakeTimeAccessor(&IkeDaemon::m_deleteDelay),
                            MakeTimeChecker())
              .AddAttribute("IsakmpRekey",
                            "The initiator re-authenticates IsakmpRekeyMargin before the ISAKMP "
                            "SA's lifetime (Phase1Lifetime) ends: a new Main Mode, the ESP SAs "
                            "move to the new ISAKMP SA, Delete(ISAKMP) retires the old one.",
                            BooleanValue(true), MakeBooleanAccessor(&IkeDaemon::m_isakmpRekey),
                            MakeBooleanChecker())
              .AddAttribute("IsakmpRekeyMargin",
                            "How long before the ISAKMP SA lifetime ends the initiator "
                            "re-authenticates (strongSwan's margintime default, 9 min).",
                            TimeValue(Seconds(540)),
                            MakeTimeAccessor(&IkeDaemon::m_isakmpRekeyMargin), MakeTimeChecker())
              .AddAttribute("ModeledCipher",
                            "Install modeled-suite SAs (same sizes, no cipher work) instead of "
                            "OpenSSL ones.",
                            BooleanValue(false), MakeBooleanAccessor(&IkeDaemon::m_modeled),
                            MakeBooleanChecker())
              .AddTraceSource("SaInstalled",
                              "An ESP SA pair was installed (peer, SPI in, SPI out, UDP-encap).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_saInstalled),
                              "ns3::IkeDaemon::SaTracedCallback")
              .AddTraceSource("SaRekeyed",
                              "A rekeyed ESP SA pair replaced the previous one (peer, new SPI "
                              "in, new SPI out, UDP-encap).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_saRekeyed),
                              "ns3::IkeDaemon::SaTracedCallback")
              .AddTraceSource("SaExpired", "An SA reached its hard lifetime (SPI, direction).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_saExpired),
                              "ns3::IkeDaemon::SaGoneTracedCallback")
              .AddTraceSource("SaDeleted",
                              "An SA was removed (SPI, why: rekey, peer Delete, IKE failure).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_saDeleted),
                              "ns3::IkeDaemon::SaGoneTracedCallback")
              .AddTraceSource("Drop",
                              "A datagram on UDP 500 / 4500 reached no session (source, "
                              "reason); drops inside a session are the session's Drop trace.",
                              MakeTraceSourceAccessor(&IkeDaemon::m_dropTrace),
                              "ns3::IkeDaemon::DropTracedCallback")
              .AddTraceSource("StateChanged", "A session changed state (peer, old, new).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_stateTrace),
                              "ns3::IkeDaemon::StateTracedCallback")
              .AddTraceSource("NatDetected", "NAT-D evaluated (peer, local NAT, remote NAT).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_natTrace),
                              "ns3::IkeDaemon::NatTracedCallback")
              .AddTraceSource("MessageSent", "A session sent an ISAKMP message.",
                              MakeTraceSourceAccessor(&IkeDaemon::m_sentTrace),
                              "ns3::IkeDaemon::MessageTracedCallback")
              .AddTraceSource("MessageReceived", "A session accepted an ISAKMP message.",
                              MakeTraceSourceAccessor(&IkeDaemon::m_receivedTrace),
                              "ns3::IkeDaemon::MessageTracedCallback")
              .AddTraceSource("MessageRetransmitted", "A session sent a message again.",
                              MakeTraceSourceAccessor(&IkeDaemon::m_rtxTrace),
                              "ns3::IkeDaemon::MessageTracedCallback")
              .AddTraceSource("IsakmpSaRekeyed",
                              "A new ISAKMP SA took over a peer's ESP SAs (peer, old initiator "
                              "cookie, new initiator cookie).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_isakmpRekeyed),
                              "ns3::IkeDaemon::IsakmpRekeyTracedCallback")
              .AddTraceSource("IsakmpSaExpired",
                              "An ISAKMP SA reached its lifetime without being replaced (peer, "
                              "initiator cookie).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_isakmpExpired),
                              "ns3::IkeDaemon::IsakmpExpiryTracedCallback")
              .AddTraceSource("PeerPortChanged",
                              "A peer behind a NAT came from a new address or port in an "
                              "authenticated IKE message or ESP-in-UDP packet; its SAs follow "
                              "(peer, old port, new port).",
                              MakeTraceSourceAccessor(&IkeDaemon::m_peerPortChanged),
                              "ns3::IkeDaemon::PortTracedCallback");
    return tid;
}

IkeDaemon::IkeDaemon()
{
    m_sessionFactory.SetTypeId(IkeSession::GetTypeId());
}

IkeDaemon::~IkeDaemon() = default;

void
IkeDaemon::DoDispose()
{
    for (auto& kv : m_peers)
    {
        kv.second.rekey.Cancel();
        kv.second.expire.Cancel();
        kv.second.reauth.Cancel();
    }
    for (auto& s : m_sessions)
    {
        s->Dispose();
    }
    m_sessions.clear();
    m_peers.clear();
    m_byAddress.clear();
    m_bySpiIn.clear();
    m_byEndpoint.clear();
    m_installed.clear();
    if (m_socket500 != nullptr)
    {
        m_socket500->Close();
        m_socket500 = nullptr;
    }
    m_esp = nullptr;
    m_node = nullptr;
    Object::DoDispose();
}

void
IkeDaemon::Install(Ptr<Node> node)
{
    m_esp = node->GetObject<EspL4Protocol>();
    NS_ABORT_MSG_IF(m_esp == nullptr, "IkeDaemon needs EspL4Protocol on the node");
    m_node = node;
    node->AggregateObject(this);
    m_socket500 = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket500->SetRecvPktInfo(true);
    NS_ABORT_MSG_IF(m_socket500->Bind(InetSocketAddress(Ipv4Address::GetAny(), 500)) != 0,
                    "cannot bind UDP port 500");
    m_socket500->SetRecvCallback(MakeCallback(&IkeDaemon::HandleIke500, this));
    m_esp->EnableUdpEncapsulation();
    m_esp->SetIkeCallback(MakeCallback(&IkeDaemon::HandleIke4500, this));
    m_esp->SetEncapSourceCallback(MakeCallback(&IkeDaemon::EncapSource, this));
    m_esp->SetKeyManager(MakeCallback(&IkeDaemon::Resolve, this),
                         MakeCallback(&IkeDaemon::Acquire, this),
                         MakeCallback(&IkeDaemon::ResolvePair, this));
}

void
IkeDaemon::SetSessionAttribute(const std::string& name, const AttributeValue& value)
{
    m_sessionFactory.Set(name, value);
}

int64_t
IkeDaemon::AssignStreams(int64_t stream)
{
    m_nextStream = stream;
    return 1000; // sessions and SAs draw consecutive streams from here
}

Ptr<IkeSession>
IkeDaemon::NewSession()
{
    Ptr<IkeSession> s = m_sessionFactory.Create<IkeSession>();
    if (m_nextStream >= 0)
    {
        m_nextStream += s->AssignStreams(m_nextStream);
    }
    m_sessions.push_back(s);
    // A raw pointer: the session must not keep itself alive through its own traces.
    IkeSession* raw = PeekPointer(s);
    s->SetSendCallback(MakeCallback(&IkeDaemon::SendFrom, this));
    s->TraceConnectWithoutContext("StateChanged", MakeCallback(&IkeDaemon::OnState, this, raw));
    s->TraceConnectWithoutContext("NatDetected", MakeCallback(&IkeDaemon::OnNat, this, raw));
    s->TraceConnectWithoutContext("MessageSent", MakeCallback(&IkeDaemon::OnSent, this, raw));
    s->TraceConnectWithoutContext("MessageReceived",
                                  MakeCallback(&IkeDaemon::OnReceived, this, raw));
    s->TraceConnectWithoutContext("MessageRetransmitted",
                                  MakeCallback(&IkeDaemon::OnRetransmitted, this, raw));
    return s;
}

void
IkeDaemon::Wire(Ptr<IkeSession> s, uint64_t cookie)
{
    s->SetEstablishedCallback(MakeCallback(&IkeDaemon::Established, this, cookie));
    s->SetFailedCallback(MakeCallback(&IkeDaemon::Failed, this, cookie));
    s->SetChildDeletedCallback(MakeCallback(&IkeDaemon::ChildDeleted, this, cookie));
    s->SetPhase1Callback(MakeCallback(&IkeDaemon::Phase1Up, this, cookie));
    s->SetPeerMovedCallback(MakeCallback(&IkeDaemon::PeerMoved, this, cookie));
    s->TraceConnectWithoutContext("StateChanged",
                                  MakeCallback(&IkeDaemon::SessionState, this, cookie));
    s->TraceConnectWithoutContext("IsakmpSaExpired",
                                  MakeCallback(&IkeDaemon::IsakmpExpired, this, cookie));
}

Ptr<IkeSession>
IkeDaemon::Initiate(Ipv4Address local, Ipv4Address peer)
{
    Ptr<IkeSession> s = NewSession();
    s->StartInitiator(local, peer); // MM1 goes out here
    uint64_t cookie = CookieOf(s->GetInitiatorCookie());
    Peer& p = m_peers[cookie];
    p.session = s;
    p.local = local;
    m_byAddress[peer.Get()] = cookie;
    Wire(s, cookie);
    return s;
}

void
IkeDaemon::Acquire(Ipv4Address src, Ipv4Address dst)
{
    auto it = m_byAddress.find(dst.Get());
    if (it != m_byAddress.end() && m_peers.count(it->second) != 0)
    {
        Peer& p = m_peers[it->second];
        IkeSession::State st = p.session->GetState();
        if (st == IkeSession::ESTABLISHED && p.out == nullptr && p.session->IsInitiator())
        {
            // The ESP SAs expired but the ISAKMP SA lives: a new Quick Mode in it.
            NS_LOG_INFO("acquire " << src << " -> " << dst << ": new Quick Mode");
            p.session->StartQuickMode();
            return;
        }
        if (st != IkeSession::FAILED && st != IkeSession::DELETED
            && !(st == IkeSession::ESTABLISHED && p.out == nullptr))
        {
            return; // a negotiation is running: the packet waits in the queue
        }
    }
    // No ISAKMP SA (or only one the peer initiated, which cannot start Quick Mode here).
    NS_LOG_INFO("acquire " << src << " -> " << dst);
    Initiate(src, dst);
}

Ptr<IpsecSa>
IkeDaemon::Resolve(Ipv4Address dst)
{
    auto it = m_byAddress.find(dst.Get());
    if (it == m_byAddress.end())
    {
        return nullptr;
    }
    auto p = m_peers.find(it->second);
    return p == m_peers.end() ? nullptr : p->second.out;
}

Ptr<IpsecSa>
IkeDaemon::ResolvePair(uint32_t spiIn)
{
    auto it = m_bySpiIn.find(spiIn);
    if (it == m_bySpiIn.end())
    {
        return nullptr;
    }
    auto p = m_peers.find(it->second);
    return p == m_peers.end() ? nullptr : p->second.out;
}

void
IkeDaemon::HandleIke500(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        Ipv4PacketInfoTag tag;
        Ipv4Address dst = Ipv4Address::GetAny();
        if (p->RemovePacketTag(tag))
        {
            dst = tag.GetAddress();
        }
        InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
        Dispatch(b, peer.GetIpv4(), peer.GetPort(), dst, 500);
    }
}

void
IkeDaemon::HandleIke4500(const std::vector<uint8_t>& msg, Ipv4Address src, uint16_t sport)
{
    Ipv4Address dst = Ipv4Address::GetAny();
    if (msg.size() >= 8)
    {
        auto it = m_peers.find(CookieOf(msg));
        if (it != m_peers.end())
        {
            dst = it->second.local;
        }
    }
    Dispatch(IkeHeader::AddNonEspMarker(msg), src, sport, dst, 4500);
}

void
IkeDaemon::Drop(Ipv4Address src, const std::string& reason)
{
    NS_LOG_INFO("IKE datagram from " << src << " dropped: " << reason);
    m_drops++;
    m_dropTrace(src, reason);
}

void
IkeDaemon::Dispatch(const std::vector<uint8_t>& data, Ipv4Address src, uint16_t sport,
                    Ipv4Address dst, uint16_t dport)
{
    std::size_t off = dport == EspPacket::NAT_T_PORT ? IkeHeader::NON_ESP_MARKER_SIZE : 0;
    IkeHeader h;
    std::string reason;
    if (data.size() < off
        || IkeHeader::Parse(data.data() + off, static_cast<uint32_t>(data.size() - off), h, reason)
               == 0)
    {
        Drop(src, "bad ISAKMP header: " + (data.size() < off ? std::string("truncated") : reason));
        return;
    }
    std::vector<uint8_t> msg(data.begin() + off, data.end());
    uint64_t cookie = CookieOf(msg);
    auto it = m_peers.find(cookie);
    if (it == m_peers.end())
    {
        bool rZero = true;
        for (std::size_t i = 8; i < 16; ++i)
        {
            rZero = rZero && msg[i] == 0;
        }
        // Only a Main Mode MM1 (zero responder cookie, plaintext, M-ID 0, SA first) on
        // port 500 opens a responder session; anything else names no known ISAKMP SA.
        if (!rZero || dport != 500 || h.exchangeType != IkeHeader::EXCHANGE_IDENTITY_PROTECTION
            || h.IsEncrypted() || h.messageId != 0 || h.nextPayload != IkePayload::SA)
        {
            Drop(src, "no ISAKMP SA for this initiator cookie");
            return;
        }
        Ptr<IkeSession> s = NewSession();
        Peer& p = m_peers[cookie];
        p.session = s;
        p.local = dst;
        Wire(s, cookie);
        s->StartResponder(dst);
        it = m_peers.find(cookie);
    }
    it->second.session->Receive(data, src, sport, dst, dport);
}

void
IkeDaemon::SendFrom(const std::vector<uint8_t>& bytes, Ipv4Address dst, uint16_t sport,
                    uint16_t dport)
{
    if (sport == EspPacket::NAT_T_PORT)
    {
        m_esp->SendUdpEncap(bytes, dst, dport);
    }
    else
    {
        m_socket500->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0,
                            InetSocketAddress(dst, dport));
    }
}

Ptr<IpsecSa>
IkeDaemon::MakeSa(uint32_t spi, IpsecSa::Direction dir, const std::vector<uint8_t>& enc,
                  const std::vector<uint8_t>& auth, Ipv4Address src, Ipv4Address dst)
{
    IpsecTransform t = enc.size() == 32 ? IpsecTransform::AES_CBC_256_HMAC_SHA1_96
                                        : IpsecTransform::AES_CBC_128_HMAC_SHA1_96;
    NS_ABORT_MSG_UNLESS(enc.size() == 16 || enc.size() == 32,
                        "ESP AES key of " << enc.size() << " bytes is not supported");
    Ptr<IpsecCipherSuite> suite = IpsecCipherSuite::Create(t, m_modeled);
    std::string error;
    NS_ABORT_MSG_UNLESS(suite->SetKeys(t, enc, auth, error), error);
    Ptr<IpsecSa> sa = CreateObject<IpsecSa>();
    sa->Configure(spi, dir, IpsecSa::TRANSPORT, suite, src, dst);
    if (m_nextStream >= 0)
    {
        m_nextStream += sa->AssignStreams(m_nextStream);
    }
    sa->Start();
    m_installed.push_back(sa);
    return sa;
}

void
IkeDaemon::Established(uint64_t cookie, const IkeChildSaKeys& k)
{
    Peer& p = m_peers[cookie];
    Ptr<IkeSession> s = p.session;
    Ipv4Address peer = s->GetPeerAddress();
    Ipv4Address local = s->GetLocalAddress();
    p.local = local;
    Ptr<IpsecSa> in = MakeSa(k.spiIn, IpsecSa::INBOUND, k.encKeyIn, k.authKeyIn, peer, local);
    Ptr<IpsecSa> out = MakeSa(k.spiOut, IpsecSa::OUTBOUND, k.encKeyOut, k.authKeyOut, local, peer);
    if (k.natTraversal)
    {
        out->SetUdpEncapsulation(EspPacket::NAT_T_PORT, s->GetPeerPort());
    }
    m_esp->GetSad()->Add(in);
    m_bySpiIn[k.spiIn] = cookie;
    p.spisIn.push_back(k.spiIn);
    // ESP use feeds DPD and the keepalive timer, as charon reads the SAs' use times.
    // Bound to the pair's inbound SPI, not to the session: the pair may move to a newer
    // ISAKMP SA.
    in->TraceConnectWithoutContext("Unprotected",
                                   MakeCallback(&IkeDaemon::OnEspUse, this, k.spiIn, false));
    out->TraceConnectWithoutContext("Protected",
                                    MakeCallback(&IkeDaemon::OnEspUse, this, k.spiIn, true));
    bool rekeyed = p.in != nullptr;
    Ptr<IpsecSa> oldIn = p.in;
    Ptr<IpsecSa> oldOut = p.out;
    if (rekeyed && !s->IsInitiator())
    {
        // The newest SA carries outbound traffic from now on (as Linux picks the newest
        // state); the old pair stays until the initiator's Delete(ESP) or its lifetime.
        p.oldIn.push_back(p.in);
        p.oldOut.push_back(p.out);
    }
    p.in = in;
    p.out = out;
    m_byAddress[peer.Get()] = cookie;
    m_byEndpoint[Endpoint(peer, s->GetPeerPort())] = cookie;
    // Each pair keeps its own expiry event (an old responder pair may outlive a rekey).
    Time life = Seconds(k.lifetimeSeconds);
    p.expire = Simulator::Schedule(life, &IkeDaemon::Expire, this, k.spiIn);
    p.rekey.Cancel();
    if (s->IsInitiator() && m_rekey && life > m_rekeyMargin)
    {
        p.rekey = Simulator::Schedule(life - m_rekeyMargin, &IkeDaemon::Rekey, this, k.spiIn);
    }
    NS_LOG_INFO((s->IsInitiator() ? "initiator" : "responder")
                << " installed SPI in 0x" << std::hex << k.spiIn << " out 0x" << k.spiOut
                << std::dec << (k.natTraversal ? " UDP-encapsulated" : ""));
    if (rekeyed)
    {
        m_saRekeyed(peer, k.spiIn, k.spiOut, k.natTraversal);
        if (s->IsInitiator())
        {
            // The initiator retires the old pair: Delete(ESP) names its inbound SPI; the old
            // outbound SA is no longer used; the old inbound SA stays DeleteDelay.
            s->DeleteChildSa(oldIn->GetSpi());
            m_saDeleted(oldOut->GetSpi(), "rekeyed");
            Simulator::Schedule(m_deleteDelay, &IkeDaemon::RemoveInbound, this, oldIn,
                                std::string("rekeyed"));
        }
    }
    else
    {
        m_saInstalled(peer, k.spiIn, k.spiOut, k.natTraversal);
    }
    m_esp->ReleaseAcquired(peer);
}

void
IkeDaemon::RemoveInbound(Ptr<IpsecSa> sa, const std::string& why)
{
    if (m_esp != nullptr && m_esp->GetSad()->Remove(sa->GetSpi(), sa->GetDestination()))
    {
        m_saDeleted(sa->GetSpi(), why);
    }
}

void
IkeDaemon::ChildDeleted(uint64_t cookie, uint32_t spi)
{
    Peer& p = m_peers[cookie];
    // The peer names its inbound SPI: our outbound SA. Its partner inbound SA goes too.
    for (std::size_t i = 0; i < p.oldOut.size(); ++i)
    {
        if (p.oldOut[i]->GetSpi() == spi)
        {
            m_saDeleted(spi, "peer Delete(ESP)");
            Simulator::Schedule(m_deleteDelay, &IkeDaemon::RemoveInbound, this, p.oldIn[i],
                                std::string("peer Delete(ESP)"));
            p.oldOut.erase(p.oldOut.begin() + i);
            p.oldIn.erase(p.oldIn.begin() + i);
            return;
        }
    }
    if (p.out != nullptr && p.out->GetSpi() == spi)
    {
        m_saDeleted(spi, "peer Delete(ESP)");
        RemoveInbound(p.in, "peer Delete(ESP)");
        p.out = nullptr;
        p.in = nullptr;
        p.expire.Cancel();
        p.rekey.Cancel();
    }
}

void
IkeDaemon::Rekey(uint32_t spiIn)
{
    auto c = m_bySpiIn.find(spiIn);
    auto it = c == m_bySpiIn.end() ? m_peers.end() : m_peers.find(c->second);
    if (it == m_peers.end())
    {
        return;
    }
    // Not possible while another Quick Mode runs or after a failure: the pair then expires.
    it->second.session->StartQuickMode();
}

void
IkeDaemon::Expire(uint32_t spiIn)
{
    auto c = m_bySpiIn.find(spiIn);
    auto it = c == m_bySpiIn.end() ? m_peers.end() : m_peers.find(c->second);
    if (it == m_peers.end())
    {
        return;
    }
    Peer& p = it->second;
    if (p.session->GetState() == IkeSession::DELETED)
    {
        // SAs outliving their ISAKMP SA: once the last one is gone, so is the ISAKMP SA.
        Simulator::ScheduleNow(&IkeDaemon::Forget, this, it->first);
    }
    if (p.in != nullptr && p.in->GetSpi() == spiIn)
    {
        m_saExpired(p.out->GetSpi(), "outbound");
        m_saExpired(p.in->GetSpi(), "inbound");
        m_esp->GetSad()->Remove(p.in->GetSpi(), p.in->GetDestination());
        p.in = nullptr;
        p.out = nullptr;
        p.rekey.Cancel();
        return;
    }
    for (std::size_t i = 0; i < p.oldIn.size(); ++i)
    {
        if (p.oldIn[i]->GetSpi() == spiIn)
        {
            m_saExpired(p.oldOut[i]->GetSpi(), "outbound");
            m_saExpired(spiIn, "inbound");
            m_esp->GetSad()->Remove(spiIn, p.oldIn[i]->GetDestination());
            p.oldOut.erase(p.oldOut.begin() + i);
            p.oldIn.erase(p.oldIn.begin() + i);
            return;
        }
    }
}

void
IkeDaemon::Failed(uint64_t cookie, const std::string& why)
{
    Peer& p = m_peers[cookie];
    Ipv4Address peer = p.session->GetPeerAddress();
    p.rekey.Cancel();
    p.expire.Cancel();
    std::vector<Ptr<IpsecSa>> ins = p.oldIn;
    if (p.in != nullptr)
    {
        ins.push_back(p.in);
        m_saDeleted(p.out->GetSpi(), "IKE: " + why);
    }
    for (const auto& sa : ins)
    {
        RemoveInbound(sa, "IKE: " + why);
    }
    p.in = nullptr;
    p.out = nullptr;
    p.oldIn.clear();
    p.oldOut.clear();
    m_esp->FailAcquired(peer, "IKE: " + why);
}

uint64_t
IkeDaemon::GetDropCount() const
{
    return m_drops;
}

std::vector<Ptr<IkeSession>>
IkeDaemon::GetSessions() const
{
    return m_sessions;
}

std::vector<Ptr<IpsecSa>>
IkeDaemon::GetInstalledSas() const
{
    return m_installed;
}

uint32_t
IkeDaemon::GetActiveSaCount() const
{
    uint32_t n = 0;
    for (const auto& kv : m_peers)
    {
        n += (kv.second.in != nullptr ? 2 : 0)
             + static_cast<uint32_t>(kv.second.oldIn.size() + kv.second.oldOut.size());
    }
    return n;
}

Ptr<IpsecSa>
IkeDaemon::GetOutboundSa(Ipv4Address peer) const
{
    auto it = m_byAddress.find(peer.Get());
    if (it == m_byAddress.end())
    {
        return nullptr;
    }
    return m_peers.at(it->second).out;
}

std::vector<std::string>
IkeDaemon::GetDecryptionTableLines() const
{
    std::vector<std::string> lines;
    for (const auto& s : m_sessions)
    {
        if (!s->GetPhase1Keys().encKey.empty())
        {
            lines.push_back(s->GetDecryptionTableLine());
        }
    }
    return lines;
}

void
IkeDaemon::OnEspUse(uint32_t pairSpiIn, bool outbound, uint32_t, uint32_t, uint32_t, uint32_t)
{
    auto c = m_bySpiIn.find(pairSpiIn);
    auto it = c == m_bySpiIn.end() ? m_peers.end() : m_peers.find(c->second);
    if (it != m_peers.end())
    {
        it->second.session->NotifyEspActivity(outbound);
    }
}

void
IkeDaemon::OnState(IkeSession* s, uint32_t o, uint32_t n)
{
    m_stateTrace(s->GetPeerAddress(), o, n);
}

void
IkeDaemon::OnNat(IkeSession* s, bool l, bool r)
{
    m_natTrace(s->GetPeerAddress(), l, r);
}

void
IkeDaemon::OnSent(IkeSession* s, const std::string& name, uint32_t len)
{
    m_sentTrace(s->GetPeerAddress(), name, len);
}

void
IkeDaemon::OnReceived(IkeSession* s, const std::string& name, uint32_t len)
{
    m_receivedTrace(s->GetPeerAddress(), name, len);
}

void
IkeDaemon::OnRetransmitted(IkeSession* s, const std::string& name, uint32_t len)
{
    m_rtxTrace(s->GetPeerAddress(), name, len);
}

} // namespace ns3
