/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "firewall-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FirewallHelper");

FirewallHelper::FirewallHelper()
{
    m_factory.SetTypeId(Ipv4Firewall::GetTypeId());
}

void
FirewallHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
FirewallHelper::AddRule(const Ipv4FirewallRule& rule)
{
    m_rules.push_back(rule);
}

void
FirewallHelper::AddRule(const std::string& text)
{
    std::string error;
    Ipv4FirewallRule rule = Ipv4FirewallRule::Parse(text, error);
    NS_ABORT_MSG_IF(!error.empty(), "FirewallHelper: bad rule '" << text << "': " << error);
    m_rules.push_back(rule);
}

void
FirewallHelper::ClearRules()
{
    m_rules.clear();
}

Ptr<Ipv4Firewall>
FirewallHelper::Install(Ptr<Node> node) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(ipv4 == nullptr, "FirewallHelper: node " << node->GetId() << " has no IPv4");
    NS_ABORT_MSG_IF(ipv4->GetRoutingProtocol() == nullptr,
                    "FirewallHelper: node " << node->GetId() << " has no routing protocol to wrap");
    NS_ABORT_MSG_IF(node->GetObject<Ipv4Firewall>() != nullptr,
                    "FirewallHelper: node " << node->GetId() << " already has an Ipv4Firewall");
    Ptr<Ipv4Firewall> fw = m_factory.Create<Ipv4Firewall>();
    for (const auto& r : m_rules)
    {
        fw->AddRule(r);
    }
    fw->SetInnerRoutingProtocol(ipv4->GetRoutingProtocol());
    ipv4->SetRoutingProtocol(fw);
    node->AggregateObject(fw);
    return fw;
}

std::vector<Ptr<Ipv4Firewall>>
FirewallHelper::Install(NodeContainer nodes) const
{
    std::vector<Ptr<Ipv4Firewall>> out;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        out.push_back(Install(*it));
    }
    return out;
}

Ptr<Ipv4Firewall>
FirewallHelper::GetFirewall(Ptr<Node> node)
{
    return node->GetObject<Ipv4Firewall>();
}

} // namespace ns3
