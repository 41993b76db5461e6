/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_PPP_LNS_H
#define L2TP_PPP_LNS_H

#include "l2tp-lns.h"
#include "l2tp-ppp-binding.h"

#include <unordered_map>

#include "ppp-address-pool.h"
#include "ppp-net-device.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief An LNS that terminates PPP: every session that comes up gets a PppEndpoint (server
 *        role: authenticator with the Users database, IPCP addresses from one pool), and ALL
 *        sessions share ONE PppNetDevice / IPv4 interface on the node.
 *
 * The device's address -> endpoint hash table routes datagrams to the right session in O(1);
 * a single static network route (PoolNetwork/PoolMask through the PPP interface) covers all
 * clients, so adding a session adds no route and no interface (DESIGN.md: IPv4 input costs
 * grow with the number of interfaces, static routes are a list). The LNS's own PPP address is
 * PoolNetwork + 1; clients get PoolNetwork + 2 ... + 1 + PoolSize.
 *
 * A session whose PPP link dies is cleared with a CDN (see L2tpPppBinding for the result
 * codes); the tunnel stays up.
 *
 * Compulsory mode: when the ICCN carries the proxy AVPs of RFC 2661 section 4.4.5 (an
 * L2tpPppLac negotiated LCP and collected the user's authentication), ProxyMode decides.
 * Accept: the endpoint's LCP enters Opened with the proxied options (no Configure-Request is
 * sent) and the proxied CHAP Response / PAP password is checked against Users; Success or
 * Failure goes to the user with the proxied Identifier, then IPCP, or the link is terminated
 * and the call cleared (CDN result 3, as for a failed authentication in voluntary mode).
 * Renegotiate: the proxy AVPs are ignored and the endpoint starts LCP afresh, so the user's
 * PPP sees a new Configure-Request through the relay and authenticates again, to the LNS.
 */
class L2tpPppLns : public L2tpLns
{
public:
    /// What to do with the proxy LCP / authentication AVPs of an ICCN (compulsory mode).
    enum ProxyMode
    {
        PROXY_ACCEPT = 0,      //!< adopt the LAC's LCP and check the proxied authentication
        PROXY_RENEGOTIATE = 1, //!< ignore them: LCP and authentication afresh with the user
    };

    /// TracedCallback: (session, "accepted" / "renegotiated" / "failed", user)
    typedef void (*ProxyTracedCallback)(Ptr<L2tpSession>, const std::string&, const std::string&);

    /// TracedCallback: (session id, result code, message) of a CDN this LNS sent
    typedef void (*CdnTracedCallback)(uint16_t, uint16_t, const std::string&);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    L2tpPppLns();
    ~L2tpPppLns() override;

    /// \param name user \param password password / CHAP secret
    void AddUser(const std::string& name, const std::string& password);
    /**
     * \brief The sessions' shared user database (PppEndpoint::SetUserLookup).
     * \param name user \param password receives the password \return true if known
     */
    bool LookupUser(const std::string& name, std::string& password);
    /// \return the shared PPP device (nullptr before the first session)
    Ptr<PppNetDevice> GetDevice() const;
    /// \return the address pool (created from the Pool* attributes on first use)
    Ptr<PppAddressPool> GetPool();
    /// \return the number of sessions with a PPP endpoint
    uint32_t GetPppSessionCount() const;
    /// \param peer a client address \return its endpoint or nullptr
    Ptr<PppEndpoint> FindEndpoint(Ipv4Address peer) const;

protected:
    void DoInitialize() override;
    void DoDispose() override;
    void SessionUp(Ptr<L2tpSession> s) override;
    void SessionDown(Ptr<L2tpSession> s, uint16_t result) override;
    void Receive(Ptr<L2tpSession> s, Ptr<Packet> p) override;

private:
    void EnsureDevice();
    void ParseUsers();
    void IpcpUp(L2tpPppBinding* b, Ipv4Address local, Ipv4Address peer);
    void LinkDown(L2tpPppBinding* b, uint16_t result);
    void Forget(L2tpSession* s);
    bool StartFromProxy(Ptr<L2tpSession> s, Ptr<PppEndpoint> ep);

    std::string m_usersText;                                            //!< Users attribute
    std::map<std::string, std::string> m_users;                         //!< user database
    std::string m_auth;                                                 //!< none / pap / chap
    Ipv4Address m_poolNetwork;                                          //!< pool prefix
    Ipv4Mask m_poolMask;                                                //!< its mask
    uint32_t m_poolSize;                                                //!< addresses in the pool
    uint16_t m_mtu;                                                     //!< device MTU
    ProxyMode m_proxyMode{PROXY_ACCEPT};                                //!< proxy AVPs
    Ptr<PppAddressPool> m_pool;                                         //!< the pool
    Ptr<PppNetDevice> m_device;                                         //!< shared interface
    int32_t m_if{-1};                                                   //!< its interface index
    std::unordered_map<L2tpSession*, Ptr<L2tpPppBinding>> m_bindings;   //!< per session
    TracedCallback<Ptr<L2tpSession>, Ptr<PppEndpoint>> m_endpointTrace; //!< endpoint created
    TracedCallback<uint16_t, uint16_t, const std::string&> m_cdnTrace;  //!< CDN sent
    TracedCallback<Ptr<L2tpSession>, const std::string&, const std::string&>
        m_proxyTrace; //!< proxy AVPs handled
};

} // namespace ns3

#endif /* L2TP_PPP_LNS_H */
