/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FIREWALL_HELPER_H
#define FIREWALL_HELPER_H

#include "ns3/ipv4-firewall.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Installs an Ipv4Firewall, with a rule list, on nodes with IPv4.
 *
 * Like NatHelper, the firewall wraps the node's current routing protocol (configure
 * addresses and routes first) and is aggregated to the node (`/NodeList/N/$ns3::Ipv4Firewall`).
 * A firewall installed after a NAT on the same node wraps the NAT and sees every packet as
 * received (public addresses inbound, inside addresses outbound); one installed before the
 * NAT is wrapped by it and sees inside addresses in both directions.
 *
 * \code
 *   FirewallHelper fw;
 *   fw.SetAttribute("Stateful", BooleanValue(true));
 *   fw.AddRule("allow proto udp to 198.51.100.10/32 dport 9 name echo");
 *   fw.AddRule(Ipv4FirewallRule::Allow().SetProtocol(6).SetDestinationPorts(80, 80));
 *   fw.Install(edgeRouter); // everything else: DefaultPolicy (Deny)
 * \endcode
 */
class FirewallHelper
{
public:
    FirewallHelper();

    /**
     * \brief Set an attribute of the Ipv4Firewall objects this helper creates.
     * \param name attribute name
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /// \param rule appended to the rules given to firewalls installed from now on
    void AddRule(const Ipv4FirewallRule& rule);
    /**
     * \brief Append a rule in text form (see Ipv4FirewallRule); a malformed rule aborts with
     *        a message naming the rule and what is wrong.
     * \param text the rule
     */
    void AddRule(const std::string& text);
    /// Forget the rules.
    void ClearRules();

    /// \param node a node with IPv4 \return its firewall
    Ptr<Ipv4Firewall> Install(Ptr<Node> node) const;
    /// \param nodes nodes with IPv4 \return their firewalls
    std::vector<Ptr<Ipv4Firewall>> Install(NodeContainer nodes) const;

    /// \param node a node \return the Ipv4Firewall installed on it, or nullptr
    static Ptr<Ipv4Firewall> GetFirewall(Ptr<Node> node);

private:
    ObjectFactory m_factory;               //!< Ipv4Firewall factory
    std::vector<Ipv4FirewallRule> m_rules; //!< rules for new firewalls
};

} // namespace ns3

#endif /* FIREWALL_HELPER_H */
