/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatHelper");

NatHelper::NatHelper()
{
    m_factory.SetTypeId(Ipv4Nat::GetTypeId());
}

void
NatHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
NatHelper::AddPublicAddress(Ipv4Address address, Ipv4Mask mask)
{
    m_pool.emplace_back(address, mask);
}

void
NatHelper::ClearPublicAddresses()
{
    m_pool.clear();
}

Ptr<Ipv4Nat>
NatHelper::Install(Ptr<Node> router, Ptr<NetDevice> outside) const
{
    Ptr<Ipv4> ipv4 = router->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(ipv4 == nullptr, "NatHelper: node " << router->GetId() << " has no IPv4");
    NetDeviceContainer inside;
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        Ptr<NetDevice> dev = ipv4->GetNetDevice(i);
        if (dev == outside || ipv4->GetNAddresses(i) == 0
            || ipv4->GetAddress(i, 0).GetLocal() == Ipv4Address::GetLoopback())
        {
            continue;
        }
        inside.Add(dev);
    }
    return Install(router, outside, inside);
}

Ptr<Ipv4Nat>
NatHelper::Install(Ptr<Node> router, Ptr<NetDevice> outside, const NetDeviceContainer& inside) const
{
    Ptr<Ipv4> ipv4 = router->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(ipv4 == nullptr, "NatHelper: node " << router->GetId() << " has no IPv4");
    NS_ABORT_MSG_IF(ipv4->GetRoutingProtocol() == nullptr,
                    "NatHelper: node " << router->GetId() << " has no routing protocol to wrap");
    NS_ABORT_MSG_IF(router->GetObject<Ipv4Nat>() != nullptr,
                    "NatHelper: node " << router->GetId() << " already has an Ipv4Nat");
    int32_t out = ipv4->GetInterfaceForDevice(outside);
    NS_ABORT_MSG_IF(out < 0, "NatHelper: the outside device is not an IPv4 interface of node "
                                 << router->GetId());
    Ptr<Ipv4Nat> nat = m_factory.Create<Ipv4Nat>();
    nat->SetOutsideInterface(uint32_t(out));
    for (uint32_t i = 0; i < inside.GetN(); ++i)
    {
        int32_t in = ipv4->GetInterfaceForDevice(inside.Get(i));
        NS_ABORT_MSG_IF(in < 0 || in == out,
                        "NatHelper: inside device " << i << " is not an inside IPv4 interface");
        nat->AddInsideInterface(uint32_t(in));
    }
    for (const auto& a : m_pool)
    {
        bool present = false;
        for (uint32_t j = 0; j < ipv4->GetNAddresses(uint32_t(out)); ++j)
        {
            present = present || ipv4->GetAddress(uint32_t(out), j).GetLocal() == a.first;
        }
        if (!present)
        {
            ipv4->AddAddress(uint32_t(out), Ipv4InterfaceAddress(a.first, a.second));
        }
        nat->AddPublicAddress(a.first);
    }
    if (m_pool.empty())
    {
        NS_ABORT_MSG_IF(ipv4->GetNAddresses(uint32_t(out)) == 0,
                        "NatHelper: the outside interface of node " << router->GetId()
                                                                    << " has no address");
        nat->AddPublicAddress(ipv4->GetAddress(uint32_t(out), 0).GetLocal());
    }
    nat->SetInnerRoutingProtocol(ipv4->GetRoutingProtocol());
    ipv4->SetRoutingProtocol(nat);
    router->AggregateObject(nat);
    return nat;
}

Ptr<Ipv4Nat>
NatHelper::GetNat(Ptr<Node> node)
{
    return node->GetObject<Ipv4Nat>();
}

int64_t
NatHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Ipv4Nat> nat = (*it)->GetObject<Ipv4Nat>();
        if (nat)
        {
            current += nat->AssignStreams(current);
        }
    }
    return current - stream;
}

} // namespace ns3
