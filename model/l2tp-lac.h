/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_LAC_H
#define L2TP_LAC_H

#include "l2tp-application.h"

#include "ns3/ipv4-address.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief An L2TP Access Concentrator: at start it opens a tunnel to its LNS (UDP 1701 at both
 * ends) and places Sessions incoming calls (ICRQ / ICRP / ICCN) on it; at stop it clears the
 * tunnel with StopCCN ("Goodbye!", result 1, as xl2tpd does).
 */
class L2tpLac : public L2tpApplication
{
public:
    static TypeId GetTypeId();
    L2tpLac();
    ~L2tpLac() override;

    /// \return the tunnel (nullptr before start)
    Ptr<L2tpTunnel> GetTunnel() const;
    /// \return the sessions placed so far, in order (cleared ones included)
    const std::vector<Ptr<L2tpSession>>& GetSessions() const;
    /// \return a new session on the tunnel (incoming call)
    Ptr<L2tpSession> OpenSession();

protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

private:
    Ipv4Address m_lns;                      //!< LNS address
    uint32_t m_sessions;                    //!< calls placed at start
    uint64_t m_tieBreaker;                  //!< Tie Breaker AVP (0 = none)
    Ptr<L2tpTunnel> m_tunnel;               //!< our tunnel
    std::vector<Ptr<L2tpSession>> m_placed; //!< sessions placed
};

} // namespace ns3

#endif /* L2TP_LAC_H */
