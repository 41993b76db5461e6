/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_HELPER_H
#define L2TP_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Installs L2tpLns and L2tpLac applications (the node's L2tpProtocol is aggregated on
 * first use) and opens N sessions per LAC tunnel. Nodes need an Internet stack.
 *
 * \code
 *   L2tpHelper l2tp;
 *   l2tp.SetLnsAttribute("HostName", StringValue("lns"));
 *   ApplicationContainer lns = l2tp.InstallLns(server);
 *   ApplicationContainer lac = l2tp.InstallLac(nas, serverAddress, 1000);
 * \endcode
 */
class L2tpHelper
{
public:
    L2tpHelper();

    /// \param name attribute of ns3::L2tpLac \param value its value
    void SetLacAttribute(const std::string& name, const AttributeValue& value);
    /// \param name attribute of ns3::L2tpLns \param value its value
    void SetLnsAttribute(const std::string& name, const AttributeValue& value);

    /// \param nodes where to install an LNS \return the applications
    ApplicationContainer InstallLns(NodeContainer nodes) const;
    /**
     * \param node where to install the LAC
     * \param lns the LNS address
     * \param sessions the number of incoming calls to place on the tunnel
     * \return the application
     */
    ApplicationContainer InstallLac(Ptr<Node> node, Ipv4Address lns, uint32_t sessions) const;

    /**
     * \brief Fix the random streams of the L2TP endpoints of \p nodes (tunnel and session
     *        ids, challenges, random vectors).
     * \param nodes the nodes
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream) const;

private:
    ObjectFactory m_lac; //!< L2tpLac factory
    ObjectFactory m_lns; //!< L2tpLns factory
};

} // namespace ns3

#endif /* L2TP_HELPER_H */
