/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ICMP_ECHO_PROBE_HELPER_H
#define ICMP_ECHO_PROBE_HELPER_H

#include "ns3/application-container.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Installs IcmpEchoProbe applications (a ping), like UdpEchoClientHelper.
 *
 * \code
 *   IcmpEchoProbeHelper ping(Ipv4Address("10.1.0.2"));
 *   ping.SetAttribute("Count", UintegerValue(3));
 *   ApplicationContainer apps = ping.Install(client);
 *   apps.Start(Seconds(2));
 * \endcode
 */
class IcmpEchoProbeHelper
{
public:
    /// \param remote the address to ping
    explicit IcmpEchoProbeHelper(Ipv4Address remote);

    /**
     * \brief Set an attribute of the IcmpEchoProbe applications this helper creates.
     * \param name attribute name
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /// \param node a node with IPv4 \return the probe installed on it
    ApplicationContainer Install(Ptr<Node> node) const;
    /// \param nodes nodes with IPv4 \return one probe per node
    ApplicationContainer Install(NodeContainer nodes) const;

private:
    ObjectFactory m_factory; //!< IcmpEchoProbe factory
};

} // namespace ns3

#endif /* ICMP_ECHO_PROBE_HELPER_H */
