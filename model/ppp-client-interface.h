/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_CLIENT_INTERFACE_H
#define PPP_CLIENT_INTERFACE_H

#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/simple-ref-count.h"

#include "ppp-net-device.h"

namespace ns3
{

class PppEndpoint;
class Ipv4StaticRouting;

/**
 * \ingroup l2tp
 * \brief The user side's IPv4 interface over a PPP client endpoint, shared by the voluntary
 *        client (L2tpPppClient) and the dial-in client (PppDialInClient): a PppNetDevice added
 *        to the node with its own IPv4 interface (down until IPCP opens), the IPCP address as
 *        a /32 when the link comes up, and everything routed through the interface removed
 *        when it goes down. The owner adds the routes it wants (GetRouting()).
 */
class PppClientInterface : public SimpleRefCount<PppClientInterface>
{
public:
    /**
     * \brief Create the device and its interface (set down). Call before the simulation
     *        delivers packets (DoInitialize): adding an interface from inside a receive path
     *        would change the protocol handler lists being iterated.
     * \param node the node (with an Internet stack and Ipv4StaticRouting)
     * \param mtu the interface MTU
     */
    PppClientInterface(Ptr<Node> node, uint16_t mtu);

    /// \param ep the endpoint whose IPv4 the device carries (nullptr to detach)
    void SetEndpoint(Ptr<PppEndpoint> ep);
    /// IPCP opened: \p local as a /32 on the interface, interface and link up \param local address
    void Up(Ipv4Address local);
    /// Remove the routes through the interface and its addresses, set it down
    void Down();
    /// \return true between Up() and Down()
    bool IsUp() const;
    /// \return the device
    Ptr<PppNetDevice> GetDevice() const;
    /// \return the IPv4 interface index
    int32_t GetInterface() const;
    /// \return the node's static routing (aborts if there is none)
    Ptr<Ipv4StaticRouting> GetRouting() const;
    /// Drop the references (the node keeps the device)
    void Dispose();

private:
    Ptr<Node> m_node;           //!< the node
    Ptr<PppNetDevice> m_device; //!< the virtual interface
    int32_t m_if{-1};           //!< its interface index
    bool m_up{false};           //!< address assigned
};

} // namespace ns3

#endif /* PPP_CLIENT_INTERFACE_H */
