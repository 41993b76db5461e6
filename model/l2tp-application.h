/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_APPLICATION_H
#define L2TP_APPLICATION_H

#include "l2tp-protocol.h"
#include "l2tp-tunnel.h"

#include "ns3/application.h"
#include "ns3/traced-callback.h"

#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief What L2tpLac and L2tpLns share: the attributes of the tunnels they run (Host Name,
 * Vendor Name, Framing and Bearer Capabilities, Firmware Revision, secret, hiding, Hello
 * interval, data options), the node's L2tpProtocol, and trace sources for tunnels and sessions.
 *
 * Control-channel timers and windows are attributes of ns3::L2tpControlChannel (set them
 * with Config::SetDefault).
 */
class L2tpApplication : public Application
{
public:
    /// Signature of the TunnelCreated trace source.
    using TunnelTracedCallback = void (*)(Ptr<L2tpTunnel> tunnel);
    /// Signature of the SessionUp trace source.
    using SessionTracedCallback = void (*)(Ptr<L2tpSession> session);
    /// Signature of the SessionDown trace source.
    using SessionDownTracedCallback = void (*)(Ptr<L2tpSession> session, uint16_t result);
    /// Signature of the Rx trace source.
    using RxTracedCallback = void (*)(Ptr<L2tpSession> session, Ptr<const Packet> payload);

    static TypeId GetTypeId();
    L2tpApplication();
    ~L2tpApplication() override;

    /// \return the node's L2TP endpoint
    Ptr<L2tpProtocol> GetProtocol() const;

protected:
    void DoDispose() override;
    /**
     * \brief Apply the attributes to a new tunnel, hook its callbacks, fire TunnelCreated.
     * \param t the tunnel
     * \param secret the shared secret with its peer ("" = none)
     */
    void ConfigureTunnel(Ptr<L2tpTunnel> t, const std::string& secret);
    /// \param s a session that came up (hooks its receive callback)
    virtual void SessionUp(Ptr<L2tpSession> s);
    /// \param s a session that went down \param result the CDN / StopCCN result code
    virtual void SessionDown(Ptr<L2tpSession> s, uint16_t result);
    /// \param s the session \param p a received payload
    virtual void Receive(Ptr<L2tpSession> s, Ptr<Packet> p);

    std::string m_secret; //!< default shared secret

private:
    std::string m_hostName;
    std::string m_vendorName;
    uint32_t m_framingCaps;
    uint32_t m_bearerCaps;
    uint16_t m_firmware;
    bool m_hideAvps;
    Time m_helloInterval;
    bool m_sequencing;
    bool m_lengthBit;

    TracedCallback<Ptr<L2tpTunnel>> m_tunnelCreated;
    TracedCallback<Ptr<L2tpSession>> m_sessionUp;
    TracedCallback<Ptr<L2tpSession>, uint16_t> m_sessionDown;
    TracedCallback<Ptr<L2tpSession>, Ptr<const Packet>> m_rx;
};

} // namespace ns3

#endif /* L2TP_APPLICATION_H */
