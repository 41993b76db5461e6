/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_PPP_CLIENT_H
#define L2TP_PPP_CLIENT_H

#include "l2tp-lac.h"
#include "l2tp-ppp-binding.h"

#include "ns3/ipv4-address.h"

#include "ppp-client-interface.h"
#include "ppp-net-device.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief A voluntary-tunnel client: the user's node is its own LAC (as the L2TP clients of
 *        Windows, macOS and Linux are). It opens a tunnel and one session to the LNS and runs
 *        a PppEndpoint (client role) over that session; the endpoint's IPv4 runs over a
 *        PppNetDevice added to the node.
 *
 * When IPCP opens, the device's interface gets the assigned address (/32) and is set up, and
 * routes are installed in the node's Ipv4StaticRouting: a full tunnel (FullTunnel = true)
 * adds a host route to the LNS through the interface and gateway the node used for it
 * before, then 0.0.0.0/1 and 128.0.0.0/1 through the PPP interface (together a default
 * route that wins over the node's own default by prefix length, which stays in place); a split
 * tunnel adds only SplitNetwork/SplitMask through the PPP interface. When the link goes down the
 * routes and address are removed and the interface is set down.
 *
 * Set Sessions to 1 (one PPP link per client; further sessions are cleared with CDN 3).
 */
class L2tpPppClient : public L2tpLac
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    L2tpPppClient();
    ~L2tpPppClient() override;

    /// \return the virtual interface (nullptr before the session came up)
    Ptr<PppNetDevice> GetDevice() const;
    /// \return the PPP endpoint (nullptr before the session came up)
    Ptr<PppEndpoint> GetEndpoint() const;
    /// \return the IPv4 interface index of the device (-1 before)
    int32_t GetInterface() const;

protected:
    void DoInitialize() override;
    void DoDispose() override;
    void SessionUp(Ptr<L2tpSession> s) override;
    void SessionDown(Ptr<L2tpSession> s, uint16_t result) override;
    void Receive(Ptr<L2tpSession> s, Ptr<Packet> p) override;

private:
    void IpcpUp(L2tpPppBinding* b, Ipv4Address local, Ipv4Address peer);
    void LinkDown(L2tpPppBinding* b, uint16_t result);
    void RemoveRoutes();
    void EnsureDevice();

    std::string m_user;              //!< PPP user name
    std::string m_password;          //!< PPP password / CHAP secret
    bool m_fullTunnel;               //!< default route into the tunnel
    Ipv4Address m_splitNetwork;      //!< split tunnel: corporate prefix
    Ipv4Mask m_splitMask;            //!< split tunnel: its mask
    uint16_t m_mtu;                  //!< device MTU
    Ptr<PppClientInterface> m_iface; //!< the virtual interface
    Ptr<L2tpPppBinding> m_binding;   //!< PPP over the session
    Ipv4Address m_local;             //!< address assigned by IPCP
    Ipv4Address m_lnsHostRoute;      //!< host route installed (full tunnel)
    TracedCallback<Ptr<L2tpSession>, Ptr<PppEndpoint>> m_endpointTrace; //!< endpoint created
    TracedCallback<Ipv4Address, Ipv4Address> m_upTrace; //!< (local, peer) when routed
};

} // namespace ns3

#endif /* L2TP_PPP_CLIENT_H */
