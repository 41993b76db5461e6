/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "icmp-echo-probe-helper.h"

#include "ns3/icmp-echo-probe.h"
#include "ns3/node.h"

namespace ns3
{

IcmpEchoProbeHelper::IcmpEchoProbeHelper(Ipv4Address remote)
{
    m_factory.SetTypeId(IcmpEchoProbe::GetTypeId());
    m_factory.Set("Remote", Ipv4AddressValue(remote));
}

void
IcmpEchoProbeHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
IcmpEchoProbeHelper::Install(Ptr<Node> node) const
{
    Ptr<Application> app = m_factory.Create<IcmpEchoProbe>();
    node->AddApplication(app);
    return ApplicationContainer(app);
}

ApplicationContainer
IcmpEchoProbeHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        apps.Add(Install(*i));
    }
    return apps;
}

} // namespace ns3
