/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-protocol.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include "ipsec-sa-tag.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpProtocol");
NS_OBJECT_ENSURE_REGISTERED(L2tpProtocol);

TypeId
L2tpProtocol::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpProtocol")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<L2tpProtocol>()
              .AddTraceSource("Drop",
                              "A datagram was dropped before reaching a tunnel (packet, reason)",
                              MakeTraceSourceAccessor(&L2tpProtocol::m_dropTrace),
                              "ns3::L2tpProtocol::DropTracedCallback")
              .AddTraceSource("Tx", "A datagram sent to UDP port 1701 of a peer",
                              MakeTraceSourceAccessor(&L2tpProtocol::m_txTrace),
                              "ns3::L2tpProtocol::PacketTracedCallback")
              .AddTraceSource("Rx", "A datagram received on UDP port 1701",
                              MakeTraceSourceAccessor(&L2tpProtocol::m_rxTrace),
                              "ns3::L2tpProtocol::PacketTracedCallback");
    return tid;
}

L2tpProtocol::L2tpProtocol()
    : m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

L2tpProtocol::~L2tpProtocol()
{
    NS_LOG_FUNCTION(this);
}

Ptr<L2tpProtocol>
L2tpProtocol::GetOrCreate(Ptr<Node> node)
{
    Ptr<L2tpProtocol> p = node->GetObject<L2tpProtocol>();
    if (!p)
    {
        p = CreateObject<L2tpProtocol>();
        node->AggregateObject(p);
    }
    return p;
}

void
L2tpProtocol::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    Object::NotifyNewAggregate();
}

void
L2tpProtocol::DoDispose()
{
    for (auto& kv : m_tunnels)
    {
        kv.second.tunnel->Dispose();
    }
    m_tunnels.clear();
    m_bySccrq.clear();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
    }
    m_incoming = IncomingTunnelCallback();
    m_secretLookup = Callback<std::string, Ipv4Address>();
    m_node = nullptr;
    Object::DoDispose();
}

void
L2tpProtocol::SetNode(Ptr<Node> node)
{
    m_node = node;
}

void
L2tpProtocol::SetIncomingTunnelCallback(IncomingTunnelCallback cb)
{
    m_incoming = cb;
    EnsureSocket();
}

void
L2tpProtocol::SetSecretLookup(Callback<std::string, Ipv4Address> cb)
{
    m_secretLookup = cb;
}

int64_t
L2tpProtocol::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
L2tpProtocol::EnsureSocket()
{
    if (m_socket)
    {
        return;
    }
    NS_ABORT_MSG_IF(!m_node, "L2tpProtocol needs a node (aggregate it or call SetNode)");
    m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    int err = m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), L2tpHeader::PORT));
    NS_ABORT_MSG_IF(err != 0, "cannot bind UDP port 1701 on node " << m_node->GetId());
    m_socket->SetRecvCallback(MakeCallback(&L2tpProtocol::HandleRead, this));
}

Ptr<L2tpTunnel>
L2tpProtocol::CreateTunnel(Ipv4Address peer, L2tpTunnel::Role role)
{
    EnsureSocket();
    NS_ABORT_MSG_IF(m_tunnels.size() >= 65535, "tunnel id space exhausted");
    uint16_t id;
    do
    {
        id = uint16_t(m_rng->GetInteger(1, 65535));
    } while (m_tunnels.count(id) != 0);
    Ptr<L2tpTunnel> t = CreateObject<L2tpTunnel>();
    t->SetRandomVariable(m_rng);
    t->SetSendCallback(MakeCallback(&L2tpProtocol::SendTunnel, this).Bind(id));
    t->SetClosedCallback(MakeCallback(&L2tpProtocol::TunnelClosed, this));
    t->Setup(role, id);
    m_tunnels.emplace(id, Entry{t, peer, 0});
    return t;
}

Ptr<L2tpTunnel>
L2tpProtocol::FindTunnel(uint16_t id) const
{
    auto it = m_tunnels.find(id);
    return it == m_tunnels.end() ? nullptr : it->second.tunnel;
}

uint32_t
L2tpProtocol::GetTunnelCount() const
{
    return m_tunnels.size();
}

Ipv4Address
L2tpProtocol::GetPeerAddress(uint16_t id) const
{
    auto it = m_tunnels.find(id);
    NS_ABORT_MSG_IF(it == m_tunnels.end(), "no tunnel " << id);
    return it->second.peer;
}

void
L2tpProtocol::SendTo(Ipv4Address peer, Ptr<Packet> p)
{
    m_txTrace(p, peer);
    m_socket->SendTo(p, 0, InetSocketAddress(peer, L2tpHeader::PORT));
}

void
L2tpProtocol::SendTunnel(uint16_t id, Ptr<Packet> p)
{
    auto it = m_tunnels.find(id);
    if (it == m_tunnels.end())
    {
        return;
    }
    if (it->second.ipsecSpi != 0)
    {
        // Under L2TP/IPsec: send through the SA pair the peer's packets arrive on (two
        // peers behind one NAT share the address; the SA tells them apart).
        p = p->Copy();
        IpsecSaTag tag(it->second.ipsecSpi);
        p->ReplacePacketTag(tag);
    }
    SendTo(it->second.peer, p);
}

void
L2tpProtocol::Drop(Ptr<const Packet> p, const std::string& reason)
{
    NS_LOG_INFO("drop: " << reason);
    m_dropTrace(p, reason);
}

void
L2tpProtocol::TunnelClosed(Ptr<L2tpTunnel> t)
{
    // Not from inside the tunnel's own call stack.
    Simulator::ScheduleNow(&L2tpProtocol::Remove, this, t->GetLocalId());
}

void
L2tpProtocol::Remove(uint16_t id)
{
    auto it = m_tunnels.find(id);
    if (it == m_tunnels.end())
    {
        return;
    }
    if (it->second.peerTunnelId != 0)
    {
        m_bySccrq.erase({it->second.peer.Get(), it->second.sccrqSpi, it->second.peerTunnelId});
    }
    Ptr<L2tpTunnel> t = it->second.tunnel;
    m_tunnels.erase(it);
    t->Dispose();
}

void
L2tpProtocol::HandleRead(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> p;
    while ((p = socket->RecvFrom(from)))
    {
        const Ipv4Address peer = InetSocketAddress::ConvertFrom(from).GetIpv4();
        m_rxTrace(p, peer);
        // The header is at most 16 bytes plus the offset pad; Parse checks every length.
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        L2tpHeader h;
        std::string reason;
        const uint32_t hsize = L2tpHeader::Parse(bytes.data(), bytes.size(), h, reason);
        if (hsize == 0)
        {
            Drop(p, reason);
            continue;
        }
        if (h.IsControl() && h.GetTunnelId() == 0)
        {
            HandleSccrq(p, peer);
            continue;
        }
        auto it = m_tunnels.find(h.GetTunnelId());
        if (it == m_tunnels.end())
        {
            Drop(p, "unknown tunnel id " + std::to_string(h.GetTunnelId()));
            continue;
        }
        Ptr<L2tpTunnel> t = it->second.tunnel; // keeps it alive during the call
        IpsecSaTag saTag;
        if (p->PeekPacketTag(saTag))
        {
            it->second.ipsecSpi = saTag.GetSpi();
        }
        if (h.IsControl())
        {
            t->ReceiveControl(p);
            continue;
        }
        p->RemoveAtStart(hsize);
        if (h.HasLength() && h.GetLength() < bytes.size())
        {
            p->RemoveAtEnd(bytes.size() - h.GetLength()); // bytes after Length are not ours
        }
        t->ReceiveData(h, p);
    }
}

void
L2tpProtocol::HandleSccrq(Ptr<Packet> p, Ipv4Address from)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    std::string secret = m_secretLookup.IsNull() ? "" : m_secretLookup(from);
    L2tpControlMessage msg;
    auto r = L2tpControlMessage::Parse(bytes.data(), bytes.size(), msg,
                                       secret.empty() ? nullptr : &secret);
    if (msg.GetMessageType() != L2tpControlMessage::SCCRQ)
    {
        Drop(p, "tunnel id 0 on " + L2tpControlMessage::TypeName(msg.GetMessageType())
                    + " (only SCCRQ may carry it)");
        return;
    }
    const L2tpAvp* tidAvp = msg.FindAvp(L2tpAvp::ASSIGNED_TUNNEL_ID);
    if (!r.Ok() || tidAvp == nullptr || tidAvp->IsStillHidden() || !tidAvp->GetU16())
    {
        Drop(p, "SCCRQ rejected: "
                    + (r.Ok() ? std::string("unreadable Assigned Tunnel ID") : r.reason));
        return;
    }
    const uint16_t peerTid = *tidAvp->GetU16();
    IpsecSaTag saTag;
    const uint32_t spi = p->PeekPacketTag(saTag) ? saTag.GetSpi() : 0;
    auto known = m_bySccrq.find({from.Get(), spi, peerTid});
    if (known != m_bySccrq.end())
    {
        // A retransmitted SCCRQ (our SCCRP was lost or is late): same tunnel.
        Ptr<L2tpTunnel> t = FindTunnel(known->second);
        if (t)
        {
            t->ReceiveControl(p);
        }
        return;
    }
    if (const L2tpAvp* tb = msg.FindAvp(L2tpAvp::TIE_BREAKER))
    {
        const uint64_t theirs = tb->GetU64().value_or(0);
        std::vector<Ptr<L2tpTunnel>> losers;
        for (auto& kv : m_tunnels)
        {
            Ptr<L2tpTunnel> ours = kv.second.tunnel;
            if (kv.second.peer != from || ours->GetState() != L2tpTunnel::WAIT_CTL_REPLY
                || ours->GetTieBreaker() == 0)
            {
                continue;
            }
            if (ours->GetTieBreaker() < theirs)
            {
                Drop(p, "tie breaker: our SCCRQ wins (lower value)");
                return;
            }
            losers.push_back(ours);
        }
        for (auto& l : losers)
        {
            const bool equal = l->GetTieBreaker() == theirs;
            l->Abandon();
            if (equal)
            {
                Drop(p, "tie breaker: equal values, both requests discarded");
                return;
            }
        }
    }
    if (m_incoming.IsNull())
    {
        Drop(p, "SCCRQ and no application accepts tunnels");
        return;
    }
    Ptr<L2tpTunnel> t = CreateTunnel(from, L2tpTunnel::LNS);
    Entry& e = m_tunnels[t->GetLocalId()];
    e.peerTunnelId = peerTid;
    e.ipsecSpi = spi;
    e.sccrqSpi = spi;
    m_bySccrq[{from.Get(), spi, peerTid}] = t->GetLocalId();
    m_incoming(t, from);
    t->ReceiveControl(p);
}

} // namespace ns3
