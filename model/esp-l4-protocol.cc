/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-l4-protocol.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include "ipsec-sa-tag.h"
#include "ipv4-transport-fields.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspL4Protocol");
NS_OBJECT_ENSURE_REGISTERED(EspL4Protocol);

TypeId
EspL4Protocol::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::EspL4Protocol")
              .SetParent<IpL4Protocol>()
              .SetGroupName("L2tp")
              .AddConstructor<EspL4Protocol>()
              .AddAttribute("AcquireQueueLimit",
                            "Packets kept per destination while IKE negotiates its SA (like "
                            "Linux's xfrm acquire queue); more are dropped (acquire-overflow).",
                            UintegerValue(16), MakeUintegerAccessor(&EspL4Protocol::m_acquireLimit),
                            MakeUintegerChecker<uint32_t>())
              .AddTraceSource("Drop",
                              "A packet was dropped by the IPsec hooks: SPI, sequence, reason, "
                              "detail.",
                              MakeTraceSourceAccessor(&EspL4Protocol::m_dropTrace),
                              "ns3::IpsecSa::DropTracedCallback");
    return tid;
}

EspL4Protocol::EspL4Protocol()
    : m_sad(CreateObject<IpsecSad>())
    , m_spd(CreateObject<IpsecSpd>())
{
}

EspL4Protocol::~EspL4Protocol() = default;

void
EspL4Protocol::DoDispose()
{
    if (m_encapSocket != nullptr)
    {
        m_encapSocket->Close();
        m_encapSocket = nullptr;
    }
    m_encapSource = Callback<void, uint32_t, Ipv4Address, uint16_t>();
    m_ikeCallback = Callback<void, const std::vector<uint8_t>&, Ipv4Address, uint16_t>();
    m_resolver = SaResolver();
    m_pairResolver = PairResolver();
    m_acquire = AcquireCallback();
    m_pending.clear();
    m_node = nullptr;
    m_udp = nullptr;
    if (m_sad != nullptr)
    {
        m_sad->Dispose();
    }
    m_sad = nullptr;
    m_spd = nullptr;
    m_ipDown = IpL4Protocol::DownTargetCallback();
    m_udpDown = IpL4Protocol::DownTargetCallback();
    IpL4Protocol::DoDispose();
}

void
EspL4Protocol::Install(Ptr<Node> node)
{
    Ptr<Ipv4L3Protocol> ip = node->GetObject<Ipv4L3Protocol>();
    Ptr<UdpL4Protocol> udp = node->GetObject<UdpL4Protocol>();
    NS_ABORT_MSG_IF(ip == nullptr || udp == nullptr, "EspL4Protocol needs IPv4 and UDP");
    m_node = node;
    m_udp = udp;
    node->AggregateObject(this);
    ip->Insert(this);
    if (m_ipDown.IsNull())
    {
        m_ipDown = MakeCallback(&Ipv4L3Protocol::Send, ip);
    }
    m_udpDown = udp->GetDownTarget();
    udp->SetDownTarget(MakeCallback(&EspL4Protocol::UdpDown, this));
}

void
EspL4Protocol::EnableUdpEncapsulation()
{
    NS_ABORT_MSG_IF(m_node == nullptr, "Install() first");
    if (m_encapSocket != nullptr)
    {
        return;
    }
    m_encapSocket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    m_encapSocket->SetRecvPktInfo(true);
    NS_ABORT_MSG_IF(
        m_encapSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), EspPacket::NAT_T_PORT)) != 0,
        "cannot bind UDP port 4500");
    m_encapSocket->SetRecvCallback(MakeCallback(&EspL4Protocol::HandleUdpEncap, this));
}

void
EspL4Protocol::SetIkeCallback(Callback<void, const std::vector<uint8_t>&, Ipv4Address, uint16_t> cb)
{
    m_ikeCallback = cb;
}

void
EspL4Protocol::SetEncapSourceCallback(Callback<void, uint32_t, Ipv4Address, uint16_t> cb)
{
    m_encapSource = cb;
}

void
EspL4Protocol::SendUdpEncap(const std::vector<uint8_t>& bytes, Ipv4Address dst, uint16_t dport)
{
    NS_ABORT_MSG_IF(m_encapSocket == nullptr, "EnableUdpEncapsulation() first");
    m_encapSocket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0,
                          InetSocketAddress(dst, dport));
}

void
EspL4Protocol::SetKeyManager(SaResolver resolver, AcquireCallback acquire, PairResolver pair)
{
    m_resolver = resolver;
    m_pairResolver = pair;
    m_acquire = acquire;
}

void
EspL4Protocol::ReleaseAcquired(Ipv4Address dst)
{
    auto it = m_pending.find(dst.Get());
    if (it == m_pending.end())
    {
        return;
    }
    std::deque<Pending> q;
    q.swap(it->second);
    m_pending.erase(it);
    for (const auto& p : q)
    {
        UdpDown(p.packet, p.src, dst, p.protocol, p.route);
    }
}

void
EspL4Protocol::FailAcquired(Ipv4Address dst, const std::string& why)
{
    auto it = m_pending.find(dst.Get());
    if (it == m_pending.end())
    {
        return;
    }
    for (std::size_t i = 0; i < it->second.size(); ++i)
    {
        Drop(IpsecDropReason::ACQUIRE_FAILED, why);
    }
    m_pending.erase(it);
}

uint32_t
EspL4Protocol::GetAcquireQueueSize() const
{
    std::size_t n = 0;
    for (const auto& q : m_pending)
    {
        n += q.second.size();
    }
    return static_cast<uint32_t>(n);
}

uint64_t
EspL4Protocol::GetKeepalivesReceived() const
{
    return m_keepalives;
}

uint64_t
EspL4Protocol::GetIkeReceived() const
{
    return m_ike;
}

void
EspL4Protocol::HandleUdpEncap(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
        switch (EspPacket::ClassifyUdpEncap(bytes.empty() ? nullptr : bytes.data(), bytes.size()))
        {
            case EspPacket::UdpEncapKind::KEEPALIVE:
                m_keepalives++;
                break;
            case EspPacket::UdpEncapKind::IKE:
                m_ike++;
                if (!m_ikeCallback.IsNull())
                {
                    m_ikeCallback(std::vector<uint8_t>(bytes.begin() + 4, bytes.end()),
                                  peer.GetIpv4(), peer.GetPort());
                }
                break;
            case EspPacket::UdpEncapKind::MALFORMED:
                Drop(IpsecDropReason::TRUNCATED,
                     "UDP 4500 payload of " + std::to_string(bytes.size())
                         + " bytes is neither ESP, IKE nor a keepalive");
                break;
            case EspPacket::UdpEncapKind::ESP:
            {
                Ipv4PacketInfoTag tag;
                Ipv4Header h;
                h.SetSource(peer.GetIpv4());
                h.SetTtl(64);
                Ptr<Ipv4Interface> iif;
                if (p->RemovePacketTag(tag))
                {
                    h.SetDestination(tag.GetAddress());
                    Ptr<Ipv4L3Protocol> ip = m_node->GetObject<Ipv4L3Protocol>();
                    int32_t i = ip->GetInterfaceForDevice(m_node->GetDevice(tag.GetRecvIf()));
                    if (i >= 0)
                    {
                        iif = ip->GetInterface(i);
                    }
                }
                ProcessEsp(bytes, h, iif, peer.GetPort());
                break;
            }
        }
    }
}

Ptr<IpsecSad>
EspL4Protocol::GetSad() const
{
    return m_sad;
}

Ptr<IpsecSpd>
EspL4Protocol::GetSpd() const
{
    return m_spd;
}

int
EspL4Protocol::GetProtocolNumber() const
{
    return EspPacket::IP_PROTOCOL;
}

uint64_t
EspL4Protocol::GetDropCount(IpsecDropReason reason) const
{
    return m_drops[static_cast<std::size_t>(reason)];
}

uint64_t
EspL4Protocol::GetProtectedCount() const
{
    return m_protected;
}

uint64_t
EspL4Protocol::GetUnprotectedCount() const
{
    return m_unprotected;
}

void
EspL4Protocol::Drop(IpsecDropReason reason, const std::string& detail)
{
    m_drops[static_cast<std::size_t>(reason)]++;
    m_dropTrace(0, 0, IpsecDropReasonName(reason), detail);
}

void
EspL4Protocol::UdpDown(Ptr<Packet> p, Ipv4Address src, Ipv4Address dst, uint8_t protocol,
                       Ptr<Ipv4Route> route)
{
    UdpHeader udp;
    uint16_t sport = 0;
    uint16_t dport = 0;
    if (p->GetSize() >= 8)
    {
        p->PeekHeader(udp);
        sport = udp.GetSourcePort();
        dport = udp.GetDestinationPort();
    }
    // Which inbound SA the datagram answers (set by L2TP per tunnel); not for the wire.
    IpsecSaTag saTag;
    bool tagged = p->RemovePacketTag(saTag);
    int32_t i = m_spd->Lookup(src, dst, protocol, sport, dport);
    if (i < 0 || m_spd->Get(i).action == IpsecPolicy::BYPASS)
    {
        m_udpDown(p, src, dst, protocol, route);
        return;
    }
    const IpsecPolicy& policy = m_spd->Get(i);
    if (policy.action == IpsecPolicy::DISCARD)
    {
        Drop(IpsecDropReason::POLICY_DISCARD, "SPD entry " + std::to_string(i));
        return;
    }
    Ptr<IpsecSa> sa = policy.sa;
    if (sa == nullptr && tagged && !m_pairResolver.IsNull())
    {
        // Two peers behind one NAT share the destination address: the SA the tunnel's
        // traffic arrived through names the peer (O(1) map in the key manager).
        sa = m_pairResolver(saTag.GetSpi());
    }
    if (sa == nullptr && !m_resolver.IsNull())
    {
        // An IKE-managed policy: the key manager knows the current SA for this peer.
        sa = m_resolver(dst);
    }
    if (sa == nullptr)
    {
        auto it = m_pending.find(dst.Get());
        bool first = it == m_pending.end();
        std::deque<Pending>& q = m_pending[dst.Get()];
        if (q.size() >= m_acquireLimit)
        {
            Drop(IpsecDropReason::ACQUIRE_OVERFLOW,
                 "acquire queue full (" + std::to_string(m_acquireLimit) + " packets)");
            return;
        }
        q.push_back(Pending{p, src, protocol, route});
        if (first && !m_acquire.IsNull())
        {
            m_acquire(src, dst);
        }
        else if (first)
        {
            m_pending.erase(dst.Get());
            Drop(IpsecDropReason::ACQUIRE_FAILED, "no SA and no key manager");
        }
        return;
    }
    std::vector<uint8_t> payload(p->GetSize());
    p->CopyData(payload.data(), payload.size());
    std::vector<uint8_t> esp;
    IpsecDropReason reason;
    if (!sa->Protect(payload, protocol, esp, reason))
    {
        Drop(reason, "outbound SA refused the packet");
        return;
    }
    m_protected++;
    Ptr<Packet> out = Create<Packet>(esp.data(), esp.size());
    uint8_t outProtocol = EspPacket::IP_PROTOCOL;
    if (sa->IsUdpEncapsulated())
    {
        UdpHeader encap;
        encap.SetSourcePort(sa->GetEncapSourcePort());
        encap.SetDestinationPort(sa->GetEncapDestinationPort());
        if (Node::ChecksumEnabled())
        {
            // RFC 3948 section 3.1: the checksum SHOULD be 0 and receivers MUST NOT depend
            // on that; but ns-3's UDP with checksums on rejects a 0 checksum, so send a real
            // one then. Otherwise 0, as ns-3 leaves it.
            encap.EnableChecksums();
            encap.InitializeChecksum(src, dst, UdpL4Protocol::PROT_NUMBER);
        }
        out->AddHeader(encap);
        outProtocol = UdpL4Protocol::PROT_NUMBER;
    }
    Time delay = sa->GetSuite()->GetProcessingDelay(static_cast<uint32_t>(esp.size()));
    if (delay.IsZero())
    {
        m_ipDown(out, src, dst, outProtocol, route);
    }
    else
    {
        Simulator::Schedule(delay, &EspL4Protocol::SendDelayed, this, out, src, dst, outProtocol,
                            route);
    }
}

void
EspL4Protocol::SendDelayed(Ptr<Packet> p, Ipv4Address src, Ipv4Address dst, uint8_t protocol,
                           Ptr<Ipv4Route> route)
{
    m_ipDown(p, src, dst, protocol, route);
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iif)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    ProcessEsp(bytes, header, iif);
    return IpL4Protocol::RX_OK; // consumed (or dropped with a reason): never an ICMP error
}

void
EspL4Protocol::ProcessEsp(const std::vector<uint8_t>& bytes, Ipv4Header header,
                          Ptr<Ipv4Interface> iif, uint16_t encapSourcePort)
{
    IpsecSa::Received rx;
    IpsecDropReason reason;
    std::string detail;
    Ptr<IpsecSa> sa = m_sad->Receive(bytes.empty() ? nullptr : bytes.data(), bytes.size(),
                                     header.GetDestination(), rx, reason, detail);
    if (sa == nullptr)
    {
        Drop(reason, detail);
        return;
    }
    m_unprotected++;
    if (encapSourcePort != 0 && !m_encapSource.IsNull())
    {
        m_encapSource(sa->GetSpi(), header.GetSource(), encapSourcePort);
    }
    if (sa->GetMode() != IpsecSa::TRANSPORT || rx.nextHeader != UdpL4Protocol::PROT_NUMBER)
    {
        Drop(IpsecDropReason::POLICY_DISCARD, "only transport-mode UDP is delivered (next header "
                                                  + std::to_string(rx.nextHeader) + ")");
        return;
    }
    if (encapSourcePort != 0)
    {
        FixInnerUdpChecksum(rx.payload, header);
    }
    Ptr<Packet> inner = Create<Packet>(rx.payload.data(), rx.payload.size());
    inner->AddPacketTag(IpsecSaTag(sa->GetSpi()));
    header.SetProtocol(UdpL4Protocol::PROT_NUMBER);
    header.SetPayloadSize(static_cast<uint16_t>(rx.payload.size()));
    m_udp->Receive(inner, header, iif);
}

void
EspL4Protocol::FixInnerUdpChecksum(std::vector<uint8_t>& udp, const Ipv4Header& header)
{
    // RFC 3948 section 3.1.2: in transport mode through a NAT, the inner UDP checksum covers
    // addresses the NAT changed. Of the RFC's choices the receiver here recomputes it over the
    // addresses it received (the ICV already vouched for the contents). A zero checksum
    // (none sent, as ns-3 sends without ChecksumEnabled) stays zero.
    if (udp.size() < 8 || (udp[6] == 0 && udp[7] == 0))
    {
        return;
    }
    // The pseudo header's words as the initial sum, so the datagram is summed in place.
    const uint32_t src = header.GetSource().Get();
    const uint32_t dst = header.GetDestination().Get();
    const uint32_t pseudo = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff)
                            + UdpL4Protocol::PROT_NUMBER + static_cast<uint32_t>(udp.size());
    udp[6] = 0;
    udp[7] = 0;
    uint16_t sum = Ipv4TransportFields::InternetChecksum(udp.data(), udp.size(), pseudo);
    if (sum == 0)
    {
        sum = 0xffff; // RFC 768: a computed 0 is sent as all ones
    }
    udp[6] = static_cast<uint8_t>(sum >> 8);
    udp[7] = static_cast<uint8_t>(sum & 0xff);
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> /* p */, const Ipv6Header& /* header */,
                       Ptr<Ipv6Interface> /* incomingInterface */)
{
    Drop(IpsecDropReason::POLICY_DISCARD, "IPv6 ESP is not modelled");
    return IpL4Protocol::RX_OK;
}

void
EspL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_ipDown = cb;
}

void
EspL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_ipDown6 = cb;
}

IpL4Protocol::DownTargetCallback
EspL4Protocol::GetDownTarget() const
{
    return m_ipDown;
}

IpL4Protocol::DownTargetCallback6
EspL4Protocol::GetDownTarget6() const
{
    return m_ipDown6;
}

} // namespace ns3
