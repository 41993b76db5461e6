/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_PPP_LAC_H
#define L2TP_PPP_LAC_H

#include "l2tp-lac.h"

#include "ns3/event-id.h"
#include "ns3/random-variable-stream.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "ppp-lcp.h"
#include "ppp-serial-net-device.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The LAC of compulsory (wholesale) tunnelling, as an ISP's access server: dial-in
 *        users reach it over serial lines (PppSerialNetDevice); for each line it answers the
 *        user's LCP, runs the authentication phase itself (sends the CHAP Challenge, or takes
 *        the PAP Authenticate-Request) without judging the answer, and then places an incoming
 *        call on its tunnel to the LNS whose ICCN carries the proxy AVPs of RFC 2661 section
 *        4.4.5: Initial Received LCP CONFREQ (26), Last Sent LCP CONFREQ (27), Last Received
 *        LCP CONFREQ (28), Proxy Authen Type (29), Name (30), Challenge (31), ID (32) and
 *        Response (33). Once the session is established the LAC's LCP is dropped silently and
 *        PPP frames are relayed both ways: HDLC on the line, L2TP data messages in the tunnel.
 *        The LNS (L2tpPppLns) decides: it accepts the proxied negotiation and answers the
 *        authentication (Success / Failure reach the user through the relay), or renegotiates.
 *
 * Per line the states are Idle (nothing received yet, or the call ended), Lcp, Authenticate,
 * Calling (ICRQ / ICRP / ICCN in progress; the user waits for its Success) and Relay. A line
 * starts its LCP when the user's first LCP frame arrives (the user dialled in). Relaying is
 * O(1) per frame in both directions: the line's receive callback is bound to its state, and a
 * hash table maps a session to its line.
 *
 * A Set-Link-Info (SLI) from the LNS (it renegotiated LCP) sets the line's transmit and
 * receive ACCMs (RFC 2661 section 6.14).
 *
 * The Sessions attribute of L2tpLac is not used: calls are placed as users authenticate.
 */
class L2tpPppLac : public L2tpLac
{
public:
    /// State of a dial-in line.
    enum LinePhase
    {
        IDLE = 0,     //!< no call
        LCP,          //!< LCP with the user
        AUTHENTICATE, //!< Challenge sent / waiting for the PAP request
        CALLING,      //!< session being set up with the proxy AVPs
        RELAY,        //!< frames relayed to and from the LNS
    };

    /// Counters over all lines.
    struct Counters
    {
        uint64_t callsPlaced{0};    //!< sessions opened for authenticated users
        uint64_t framesToLns{0};    //!< frames relayed line -> tunnel
        uint64_t framesToUser{0};   //!< frames relayed tunnel -> line
        uint64_t drops{0};          //!< frames dropped (malformed, wrong phase, ...)
        uint64_t challengesSent{0}; //!< CHAP Challenges sent
        uint64_t sliReceived{0};    //!< Set-Link-Info messages applied to a line
    };

    /// TracedCallback: (line, new phase name)
    typedef void (*LinePhaseTracedCallback)(Ptr<PppSerialNetDevice>, const std::string&);
    /// TracedCallback: (line, session, user name)
    typedef void (*CallTracedCallback)(Ptr<PppSerialNetDevice>, Ptr<L2tpSession>,
                                       const std::string&);
    /// TracedCallback: (line, reason)
    typedef void (*DropTracedCallback)(Ptr<PppSerialNetDevice>, const std::string&);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    L2tpPppLac();
    ~L2tpPppLac() override;

    /// \param dev a dial-in line's LAC end (add before the simulation starts)
    void AddLine(Ptr<PppSerialNetDevice> dev);
    /// \return the number of lines
    uint32_t GetLineCount() const;
    /// \param dev a line \return its phase
    LinePhase GetLinePhase(Ptr<PppSerialNetDevice> dev) const;
    /// \param dev a line \return its session (nullptr before Calling / after the call)
    Ptr<L2tpSession> GetLineSession(Ptr<PppSerialNetDevice> dev) const;
    /// \return the counters
    const Counters& GetCounters() const;
    /// \return the phase name ("Idle", "Lcp", ...)
    static std::string PhaseName(LinePhase p);
    /**
     * \brief Use fixed random streams (CHAP challenges, LCP magic numbers).
     * \param stream first stream index
     * \return the number of streams used (2)
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;
    void StartApplication() override;
    void SessionUp(Ptr<L2tpSession> s) override;
    void SessionDown(Ptr<L2tpSession> s, uint16_t result) override;
    void Receive(Ptr<L2tpSession> s, Ptr<Packet> p) override;

private:
    class Line;
    Line* FindLine(Ptr<PppSerialNetDevice> dev) const;
    void SetPhase(Line* l, LinePhase p);
    void Drop(Line* l, const std::string& reason);
    void FromLine(Line* l, Ptr<Packet> frame);
    void SendToLine(Line* l, uint16_t protocol, const std::vector<uint8_t>& packet);
    void StartLcp(Line* l);
    void LcpUp(Line* l);
    void LcpFinished(Line* l);
    void SendChallenge(Line* l);
    void PlaceCall(Line* l);
    void EndCall(Line* l);
    void LinkInfo(Ptr<L2tpSession> s, const L2tpControlMessage& msg);

    std::string m_auth;                                  //!< "chap", "pap" or "none"
    std::string m_name;                                  //!< our name in Challenges
    uint32_t m_accm;                                     //!< receive ACCM we ask users for
    uint32_t m_challengeSize;                            //!< challenge octets
    Time m_challengeRestart;                             //!< Challenge retransmission
    uint32_t m_maxChallenges;                            //!< Challenges before giving up
    int64_t m_lcpStream{-1};                             //!< stream for LCP magic numbers
    Ptr<UniformRandomVariable> m_rng;                    //!< challenges and identifiers
    std::vector<Ptr<Line>> m_lines;                      //!< every line
    std::unordered_map<L2tpSession*, Line*> m_bySession; //!< session -> line, O(1)
    Counters m_counters;                                 //!< counters
    TracedCallback<Ptr<PppSerialNetDevice>, const std::string&> m_phaseTrace; //!< line phase
    TracedCallback<Ptr<PppSerialNetDevice>, Ptr<L2tpSession>, const std::string&>
        m_callTrace;                                                         //!< call placed
    TracedCallback<Ptr<PppSerialNetDevice>, const std::string&> m_dropTrace; //!< frame dropped
};

} // namespace ns3

#endif /* L2TP_PPP_LAC_H */
