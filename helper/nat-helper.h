/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAT_HELPER_H
#define NAT_HELPER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-nat.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Installs an Ipv4Nat on router nodes.
 *
 * The router needs an Internet stack with its addresses and routes already configured: the
 * NAT wraps the node's current routing protocol (Ipv4::GetRoutingProtocol()) and becomes the
 * node's routing protocol. Static routes added later go to
 * Ipv4Nat::GetInnerRoutingProtocol(). The NAT is also aggregated to the node, so that
 * `/NodeList/N/$ns3::Ipv4Nat/...` Config paths reach its attributes and trace sources.
 *
 * \code
 *   NatHelper nat;
 *   nat.SetAttribute("Mapping", StringValue("AddressAndPortDependent"));
 *   nat.SetAttribute("UdpLifetime", TimeValue(Seconds(30)));
 *   Ptr<Ipv4Nat> box = nat.Install(router, wanDevice); // every other interface is inside
 * \endcode
 */
class NatHelper
{
public:
    NatHelper();

    /**
     * \brief Set an attribute of the Ipv4Nat objects this helper creates.
     * \param name attribute name
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Add a public address to the pool of NATs installed from now on. The address is
     *        added to the outside interface (so that the router receives packets for it) and
     *        to the NAT's pool. Without any, the pool is the outside interface's first address.
     * \param address the address
     * \param mask its mask on the outside interface
     */
    void AddPublicAddress(Ipv4Address address, Ipv4Mask mask);
    /// Forget the addresses given to AddPublicAddress().
    void ClearPublicAddresses();

    /**
     * \brief Install a NAT on a router: \p outside is the public side, every other interface
     *        with an address (except the loopback) is inside.
     * \param router the router node
     * \param outside its outside device
     * \return the NAT
     */
    Ptr<Ipv4Nat> Install(Ptr<Node> router, Ptr<NetDevice> outside) const;
    /**
     * \brief Install a NAT on a router with explicit inside devices.
     * \param router the router node
     * \param outside its outside device
     * \param inside its inside devices
     * \return the NAT
     */
    Ptr<Ipv4Nat> Install(Ptr<Node> router, Ptr<NetDevice> outside,
                         const NetDeviceContainer& inside) const;

    /// \param node a node \return the Ipv4Nat installed on it, or nullptr
    static Ptr<Ipv4Nat> GetNat(Ptr<Node> node);

    /**
     * \brief Assign fixed random variable streams to the NATs on the given nodes.
     * \param nodes nodes (those without a NAT are skipped)
     * \param stream first stream index
     * \return the number of streams assigned
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream) const;

private:
    ObjectFactory m_factory;                              //!< Ipv4Nat factory
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_pool; //!< extra public addresses
};

} // namespace ns3

#endif /* NAT_HELPER_H */
