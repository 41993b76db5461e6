/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-client-interface.h"

#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"

#include "ppp-endpoint.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppClientInterface");

PppClientInterface::PppClientInterface(Ptr<Node> node, uint16_t mtu)
    : m_node(node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(ipv4 == nullptr, "PPP client: the node needs an Internet stack");
    m_device = CreateObject<PppNetDevice>();
    m_device->SetMtu(mtu);
    node->AddDevice(m_device);
    m_if = ipv4->AddInterface(m_device);
    ipv4->SetDown(m_if);
}

void
PppClientInterface::SetEndpoint(Ptr<PppEndpoint> ep)
{
    if (ep != nullptr)
    {
        ep->SetIpv4ReceiveCallback(MakeCallback(&PppNetDevice::Receive, m_device));
    }
    m_device->SetEndpoint(ep);
}

Ptr<Ipv4StaticRouting>
PppClientInterface::GetRouting() const
{
    Ipv4StaticRoutingHelper helper;
    Ptr<Ipv4StaticRouting> rt = helper.GetStaticRouting(m_node->GetObject<Ipv4>());
    NS_ABORT_MSG_IF(rt == nullptr, "PPP client: the node needs Ipv4StaticRouting");
    return rt;
}

void
PppClientInterface::Up(Ipv4Address local)
{
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    ipv4->AddAddress(m_if, Ipv4InterfaceAddress(local, Ipv4Mask("255.255.255.255")));
    ipv4->SetUp(m_if);
    m_device->SetLinkUp(true);
    m_up = true;
}

void
PppClientInterface::Down()
{
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    Ptr<Ipv4StaticRouting> rt = GetRouting();
    for (uint32_t i = rt->GetNRoutes(); i-- > 0;)
    {
        if (rt->GetRoute(i).GetInterface() == static_cast<uint32_t>(m_if))
        {
            rt->RemoveRoute(i);
        }
    }
    for (uint32_t a = ipv4->GetNAddresses(m_if); a-- > 0;)
    {
        ipv4->RemoveAddress(m_if, a);
    }
    ipv4->SetDown(m_if);
    m_device->SetLinkUp(false);
    m_up = false;
}

bool
PppClientInterface::IsUp() const
{
    return m_up;
}

Ptr<PppNetDevice>
PppClientInterface::GetDevice() const
{
    return m_device;
}

int32_t
PppClientInterface::GetInterface() const
{
    return m_if;
}

void
PppClientInterface::Dispose()
{
    m_device = nullptr;
    m_node = nullptr;
}

} // namespace ns3
