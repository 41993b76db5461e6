/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-net-device.h"

#include "ns3/channel.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/uinteger.h"

#include "ppp-endpoint.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppNetDevice");
NS_OBJECT_ENSURE_REGISTERED(PppNetDevice);

static const uint16_t IPV4_PROTOCOL = 0x0800;

TypeId
PppNetDevice::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppNetDevice")
              .SetParent<NetDevice>()
              .SetGroupName("L2tp")
              .AddConstructor<PppNetDevice>()
              .AddAttribute("Mtu",
                            "IP MTU of the virtual interface (1400: a 1400-byte datagram in "
                            "PPP (4) + L2TP (6..16) + UDP (8) + IPv4 (20) fits a 1500-byte path)",
                            UintegerValue(1400), MakeUintegerAccessor(&PppNetDevice::m_mtu),
                            MakeUintegerChecker<uint16_t>(68))
              .AddTraceSource("MacTx", "An IPv4 datagram was handed to a PPP endpoint",
                              MakeTraceSourceAccessor(&PppNetDevice::m_macTx),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("MacRx", "An IPv4 datagram from a PPP endpoint went up the stack",
                              MakeTraceSourceAccessor(&PppNetDevice::m_macRx),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("Drop", "A datagram was dropped (packet, reason)",
                              MakeTraceSourceAccessor(&PppNetDevice::m_dropTrace),
                              "ns3::PppNetDevice::DropTracedCallback");
    return tid;
}

PppNetDevice::PppNetDevice()
    : m_mtu(1400)
    , m_address(Mac48Address::Allocate())
{
}

PppNetDevice::~PppNetDevice() = default;

void
PppNetDevice::DoDispose()
{
    m_endpoint = nullptr;
    m_peers.clear();
    m_node = nullptr;
    m_rx = NetDevice::ReceiveCallback();
    m_promiscRx = NetDevice::PromiscReceiveCallback();
    NetDevice::DoDispose();
}

void
PppNetDevice::SetEndpoint(Ptr<PppEndpoint> ep)
{
    m_endpoint = ep;
}

Ptr<PppEndpoint>
PppNetDevice::GetEndpoint() const
{
    return m_endpoint;
}

void
PppNetDevice::AddPeer(Ipv4Address peer, Ptr<PppEndpoint> ep)
{
    m_peers[peer.Get()] = ep;
}

void
PppNetDevice::RemovePeer(Ipv4Address peer)
{
    m_peers.erase(peer.Get());
}

uint32_t
PppNetDevice::GetPeerCount() const
{
    return static_cast<uint32_t>(m_peers.size());
}

Ptr<PppEndpoint>
PppNetDevice::FindPeer(Ipv4Address peer) const
{
    auto it = m_peers.find(peer.Get());
    return it == m_peers.end() ? nullptr : it->second;
}

uint64_t
PppNetDevice::GetTxDrops() const
{
    return m_txDrops;
}

void
PppNetDevice::Drop(Ptr<const Packet> p, const std::string& reason)
{
    NS_LOG_LOGIC("drop: " << reason);
    ++m_txDrops;
    m_dropTrace(p, reason);
}

void
PppNetDevice::Receive(Ptr<Packet> datagram)
{
    m_macRx(datagram);
    if (!m_promiscRx.IsNull())
    {
        m_promiscRx(this, datagram, IPV4_PROTOCOL, m_address, m_address, NetDevice::PACKET_HOST);
    }
    if (!m_rx.IsNull())
    {
        m_rx(this, datagram, IPV4_PROTOCOL, m_address);
    }
}

void
PppNetDevice::SetLinkUp(bool up)
{
    if (m_linkUp != up)
    {
        m_linkUp = up;
        m_linkChange();
    }
}

bool
PppNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    if (protocolNumber != IPV4_PROTOCOL)
    {
        Drop(packet, "not IPv4");
        return false;
    }
    Ptr<PppEndpoint> ep = m_endpoint;
    if (ep == nullptr)
    {
        Ipv4Header ip;
        if (packet->PeekHeader(ip) < 20)
        {
            Drop(packet, "no IPv4 header");
            return false;
        }
        auto it = m_peers.find(ip.GetDestination().Get());
        if (it == m_peers.end())
        {
            Drop(packet, "no PPP session for the destination");
            return false;
        }
        ep = it->second;
    }
    m_macTx(packet);
    if (!ep->SendIpv4(packet))
    {
        Drop(packet, "IPCP not opened");
        return false;
    }
    return true;
}

bool
PppNetDevice::SendFrom(Ptr<Packet> packet, const Address&, const Address& dest,
                       uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

void
PppNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
PppNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
PppNetDevice::GetChannel() const
{
    return nullptr;
}

void
PppNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
PppNetDevice::GetAddress() const
{
    return m_address;
}

bool
PppNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
PppNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
PppNetDevice::IsLinkUp() const
{
    return m_linkUp;
}

void
PppNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChange.ConnectWithoutContext(callback);
}

bool
PppNetDevice::IsBroadcast() const
{
    return false;
}

Address
PppNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
PppNetDevice::IsMulticast() const
{
    return false;
}

Address
PppNetDevice::GetMulticast(Ipv4Address) const
{
    return Mac48Address::GetMulticast(Ipv4Address("224.0.0.0"));
}

Address
PppNetDevice::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
PppNetDevice::IsBridge() const
{
    return false;
}

bool
PppNetDevice::IsPointToPoint() const
{
    return true;
}

Ptr<Node>
PppNetDevice::GetNode() const
{
    return m_node;
}

void
PppNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
PppNetDevice::NeedsArp() const
{
    return false;
}

void
PppNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rx = cb;
}

void
PppNetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
    m_promiscRx = cb;
}

bool
PppNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace ns3
