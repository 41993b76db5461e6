/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-l4-protocol.h"

#include "ns3/abort.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

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
    std::vector<uint8_t> payload(p->GetSize());
    p->CopyData(payload.data(), payload.size());
    std::vector<uint8_t> esp;
    IpsecDropReason reason;
    if (!policy.sa->Protect(payload, protocol, esp, reason))
    {
        Drop(reason, "outbound SA refused the packet");
        return;
    }
    m_protected++;
    Ptr<Packet> out = Create<Packet>(esp.data(), esp.size());
    Time delay = policy.sa->GetSuite()->GetProcessingDelay(static_cast<uint32_t>(esp.size()));
    if (delay.IsZero())
    {
        m_ipDown(out, src, dst, EspPacket::IP_PROTOCOL, route);
    }
    else
    {
        Simulator::Schedule(delay, &EspL4Protocol::SendDelayed, this, out, src, dst, route);
    }
}

void
EspL4Protocol::SendDelayed(Ptr<Packet> p, Ipv4Address src, Ipv4Address dst, Ptr<Ipv4Route> route)
{
    m_ipDown(p, src, dst, EspPacket::IP_PROTOCOL, route);
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iif)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    IpsecSa::Received rx;
    IpsecDropReason reason;
    std::string detail;
    Ptr<IpsecSa> sa = m_sad->Receive(bytes.empty() ? nullptr : bytes.data(), bytes.size(),
                                     header.GetDestination(), rx, reason, detail);
    if (sa == nullptr)
    {
        Drop(reason, detail);
        return IpL4Protocol::RX_OK; // consumed (dropped with a reason), not an ICMP error
    }
    m_unprotected++;
    if (sa->GetMode() != IpsecSa::TRANSPORT || rx.nextHeader != UdpL4Protocol::PROT_NUMBER)
    {
        Drop(IpsecDropReason::POLICY_DISCARD, "only transport-mode UDP is delivered (next header "
                                                  + std::to_string(rx.nextHeader) + ")");
        return IpL4Protocol::RX_OK;
    }
    Ptr<Packet> inner = Create<Packet>(rx.payload.data(), rx.payload.size());
    Ipv4Header h(header);
    h.SetProtocol(UdpL4Protocol::PROT_NUMBER);
    h.SetPayloadSize(static_cast<uint16_t>(rx.payload.size()));
    return m_udp->Receive(inner, h, iif);
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
