/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_IPCP_H
#define PPP_IPCP_H

#include "ns3/ipv4-address.h"

#include "ppp-address-pool.h"
#include "ppp-fsm.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The IP Control Protocol (RFC 1332) with the DNS and NBNS options of RFC 1877.
 *
 * Options: IP-Address (3), Primary/Secondary DNS (129, 131), Primary/Secondary NBNS (130,
 * 132). The server side has its own address and assigns the peer one from a PppAddressPool:
 * a request for 0.0.0.0 (or for an address it cannot give) is Nak'ed with the assigned
 * address; when the pool is exhausted the IP-Address option is Rejected and IPCP is closed
 * with the reason "address pool exhausted" (traced by AddressRefused and sent in the
 * Terminate-Request). DNS/NBNS requests are Nak'ed with the configured servers or Rejected if
 * none is configured. The client asks for 0.0.0.0 and the name servers and adopts the values
 * of the Nak. Unknown options (e.g. the deprecated IP-Addresses (1) and IP-Compression-Protocol
 * (2)) are Rejected.
 */
class PppIpcp : public PppFsm
{
public:
    /// \name IPCP option types
    /// \{
    static constexpr uint8_t OPT_IP_ADDRESS = 3;
    static constexpr uint8_t OPT_PRIMARY_DNS = 129;
    static constexpr uint8_t OPT_PRIMARY_NBNS = 130;
    static constexpr uint8_t OPT_SECONDARY_DNS = 131;
    static constexpr uint8_t OPT_SECONDARY_NBNS = 132;
    /// \}

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppIpcp();

    uint16_t GetProtocol() const override;

    /**
     * \brief Server role.
     * \param local the server's own address (sent in its IP-Address option)
     * \param pool the pool peers get addresses from
     */
    void SetServer(Ipv4Address local, Ptr<PppAddressPool> pool);
    /**
     * \brief Name servers offered by the server (0.0.0.0: none).
     * \param dns1 primary DNS \param dns2 secondary DNS
     * \param nbns1 primary NBNS \param nbns2 secondary NBNS
     */
    void SetNameServers(Ipv4Address dns1, Ipv4Address dns2, Ipv4Address nbns1, Ipv4Address nbns2);

    /// \return our address (client: the assigned one once Opened; 0.0.0.0 if none)
    Ipv4Address GetLocalAddress() const;
    /// \return the peer's address (server: the address assigned to the peer)
    Ipv4Address GetPeerAddress() const;
    /// \return the primary DNS learned (client) or offered (server)
    Ipv4Address GetPrimaryDns() const;
    /// \return the secondary DNS learned or offered
    Ipv4Address GetSecondaryDns() const;
    /// \return the primary NBNS learned or offered
    Ipv4Address GetPrimaryNbns() const;
    /// \return the secondary NBNS learned or offered
    Ipv4Address GetSecondaryNbns() const;
    /// Return the peer's address to the pool (server; called when the link goes away)
    void ReleaseAddress();

protected:
    void DoDispose() override;
    std::vector<PppOption> BuildConfigureRequest() override;
    uint8_t CheckConfigureRequest(const std::vector<PppOption>& request,
                                  std::vector<PppOption>& reply) override;
    void ConfigureNaked(const std::vector<PppOption>& options) override;
    void ConfigureRejected(const std::vector<PppOption>& options) override;
    void ThisLayerStarted() override;
    void ThisLayerFinished() override;

private:
    /// Index of a name-server option in m_ns (0..3) or -1
    static int NsIndex(uint8_t type);

    bool m_server{false};                              //!< role
    bool m_requestDns;                                 //!< client: ask for DNS servers
    bool m_requestNbns;                                //!< client: ask for NBNS servers
    Ptr<PppAddressPool> m_pool;                        //!< server: address pool
    uint32_t m_local{0};                               //!< our address
    uint32_t m_peer{0};                                //!< peer's address
    bool m_assigned{false};                            //!< server: m_peer comes from the pool
    uint32_t m_ns[4]{};                                //!< DNS1, NBNS1, DNS2, NBNS2
    bool m_wantNs[4]{};                                //!< client: still asking for these
    bool m_wantAddress{true};                          //!< client: still asking for an address
    TracedCallback<const std::string&> m_refusedTrace; //!< address refused (reason)
};

} // namespace ns3

#endif /* PPP_IPCP_H */
