/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_PPP_BINDING_H
#define L2TP_PPP_BINDING_H

#include "l2tp-session.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <string>

#include "ppp-endpoint.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Runs a PppEndpoint over an L2tpSession: the session's payloads go to
 *        PppEndpoint::Receive, the endpoint's frames to L2tpSession::Send (RFC 2661 section
 *        5.4), and when the PPP link dies (phase Dead) the call is cleared with a CDN whose
 *        Result Code says why (section 4.4.2):
 *
 * - authentication failed: 3, "Call disconnected for administrative reasons" (the LNS's
 *   policy refused the user; no L2TP error, so not 2, and no lack of facilities);
 * - IPCP could not assign an address (pool exhausted): 4, "lack of appropriate facilities
 *   (temporary condition)";
 * - LCP keepalive failure: 1, "loss of carrier" (the peer is no longer reachable);
 * - any other end of the link (Terminate-Request, Max-Configure): 3.
 *
 * Only one side clears the call: the server (LNS) at once; the client, whose link usually
 * ends because the LNS ended it (authentication failure, no address, Terminate-Request), waits
 * one second for the LNS's CDN and clears the call itself only if none came or
 * the cause was local (keepalive failure). Otherwise both sides' CDNs would cross.
 *
 * A binding is about 80 bytes plus the endpoint; it is the only per-session object.
 */
class L2tpPppBinding : public SimpleRefCount<L2tpPppBinding>
{
public:
    /// Called with the binding when IPCP opened (local, peer) or the link died.
    using UpCallback = Callback<void, L2tpPppBinding*, Ipv4Address, Ipv4Address>;
    /// Called when the link died (binding, CDN result code).
    using DownCallback = Callback<void, L2tpPppBinding*, uint16_t>;

    /**
     * \param session the session (established)
     * \param endpoint the endpoint (configured, not started)
     */
    L2tpPppBinding(Ptr<L2tpSession> session, Ptr<PppEndpoint> endpoint);
    ~L2tpPppBinding();

    /// \param up IPCP opened \param down link died (before the CDN is sent)
    void SetCallbacks(UpCallback up, DownCallback down);
    /// Start the endpoint (LCP Open + Up)
    void Start();
    /**
     * \brief Compulsory mode, LNS side: when the endpoint's LCP opens through a negotiation of
     *        its own, tell the LAC the ACCMs to use on the user's line with a Set-Link-Info
     *        (RFC 2661 section 6.14): Send ACCM = what the user asked us to escape, Receive
     *        ACCM = what we asked the user to escape.
     */
    void EnableSli();
    /// \return the number of SLI messages sent
    uint32_t GetSliSent() const;
    /// A payload of the session \param frame the PPP frame
    void Receive(Ptr<Packet> frame);
    /// The session was cleared by the peer or the tunnel: LCP Down, no CDN
    void SessionGone();
    /// Dispose the endpoint and forget the session (the owner drops the binding)
    void Dispose();

    /// \return the endpoint
    Ptr<PppEndpoint> GetEndpoint() const;
    /// \return the session
    Ptr<L2tpSession> GetSession() const;
    /// \return the peer address (valid after IPCP opened)
    Ipv4Address GetPeerAddress() const;
    /// \return the result code of the CDN this side sent (0 if none)
    uint16_t GetCdnResult() const;
    /// \return the error message of that CDN
    const std::string& GetCdnMessage() const;

private:
    void Clear();
    void SendFrame(Ptr<Packet> frame);
    void Phase(const std::string& phase);
    void Auth(const std::string& method, const std::string& user, bool ok);
    void AddressRefused(const std::string& reason);
    void EchoFailure(uint32_t pending);
    void Address(Ipv4Address local, Ipv4Address peer);
    void LcpState(PppFsm::State from, PppFsm::State to);

    Ptr<L2tpSession> m_session;  //!< the call
    Ptr<PppEndpoint> m_endpoint; //!< PPP over it
    UpCallback m_up;             //!< IPCP opened
    DownCallback m_down;         //!< link died
    Ipv4Address m_peer;          //!< peer address (IPCP)
    std::string m_reason;        //!< why the link died (CDN Error Message)
    uint16_t m_result{3};        //!< CDN result code to send
    uint16_t m_cdnResult{0};     //!< CDN result code sent
    bool m_gone{false};          //!< session already cleared
    uint32_t m_sliSent{0};       //!< SLI messages sent
    EventId m_clearEvent;        //!< client: delayed CDN
};

} // namespace ns3

#endif /* L2TP_PPP_BINDING_H */
