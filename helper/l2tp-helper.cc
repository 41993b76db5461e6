/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-helper.h"

#include "ns3/l2tp-lac.h"
#include "ns3/l2tp-lns.h"
#include "ns3/l2tp-protocol.h"

#include "ns3/node.h"
#include "ns3/uinteger.h"

namespace ns3
{

L2tpHelper::L2tpHelper()
{
    m_lac.SetTypeId(L2tpLac::GetTypeId());
    m_lns.SetTypeId(L2tpLns::GetTypeId());
}

void
L2tpHelper::SetLacAttribute(const std::string& name, const AttributeValue& value)
{
    m_lac.Set(name, value);
}

void
L2tpHelper::SetLnsAttribute(const std::string& name, const AttributeValue& value)
{
    m_lns.Set(name, value);
}

ApplicationContainer
L2tpHelper::InstallLns(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        L2tpProtocol::GetOrCreate(*it);
        Ptr<Application> app = m_lns.Create<Application>();
        (*it)->AddApplication(app);
        apps.Add(app);
    }
    return apps;
}

ApplicationContainer
L2tpHelper::InstallLac(Ptr<Node> node, Ipv4Address lns, uint32_t sessions) const
{
    L2tpProtocol::GetOrCreate(node);
    Ptr<Application> app = m_lac.Create<Application>();
    app->SetAttribute("LnsAddress", Ipv4AddressValue(lns));
    app->SetAttribute("Sessions", UintegerValue(sessions));
    node->AddApplication(app);
    return ApplicationContainer(app);
}

int64_t
L2tpHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    int64_t used = 0;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        used += L2tpProtocol::GetOrCreate(*it)->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
