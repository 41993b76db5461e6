/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_LNS_H
#define L2TP_LNS_H

#include "l2tp-application.h"

#include "ns3/ipv4-address.h"

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief An L2TP Network Server: accepts tunnels on UDP 1701 and the calls inside them.
 *
 * Policy: per-peer secrets (Secrets = "10.1.1.1=s1,10.1.1.2=s2"; the Secret attribute applies
 * to other peers), RequireKnownPeer refuses peers without an entry (StopCCN result 4, not
 * authorized), MaxTunnels (StopCCN result 2, error 4, insufficient resources) and
 * MaxSessions per tunnel (CDN result 4, temporary lack of facilities). With Echo, every
 * received payload is sent back on its session.
 */
class L2tpLns : public L2tpApplication
{
public:
    static TypeId GetTypeId();
    L2tpLns();
    ~L2tpLns() override;

    /// \return the number of tunnels accepted so far
    uint32_t GetTunnelsAccepted() const;
    /// \return the number of tunnels refused so far
    uint32_t GetTunnelsRefused() const;

protected:
    void DoDispose() override;
    void Receive(Ptr<L2tpSession> s, Ptr<Packet> p) override;

private:
    void StartApplication() override;
    void StopApplication() override;
    void Incoming(Ptr<L2tpTunnel> t, Ipv4Address peer);
    uint16_t Admit(Ptr<L2tpTunnel> t);
    std::string SecretFor(Ipv4Address peer) const;
    void ParseSecrets();

    uint32_t m_maxTunnels;
    uint32_t m_maxSessions;
    std::string m_secrets;
    bool m_requireKnown;
    bool m_echo;
    std::map<Ipv4Address, std::string> m_peerSecrets;
    uint32_t m_accepted{0};
    uint32_t m_refused{0};
};

} // namespace ns3

#endif /* L2TP_LNS_H */
