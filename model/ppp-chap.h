/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_CHAP_H
#define PPP_CHAP_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <string>

#include "ppp-control-packet.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The Challenge-Handshake Authentication Protocol with MD5 (RFC 1994), both roles.
 *
 * The authenticator sends a Challenge (a fresh random value and its name) every RestartTimer
 * until a Response arrives or MaxChallenges were sent; the peer answers with
 * MD5(Identifier || secret || challenge) and its name; the authenticator recomputes the value
 * with the secret of that name from the user database and answers Success or Failure. With
 * RechallengeInterval > 0 the authenticator challenges again periodically while the link is
 * up (RFC 1994 section 2); a failed re-challenge is reported like a first failure.
 */
class PppChap : public Object
{
public:
    static constexpr uint8_t CHALLENGE = 1; //!< Challenge
    static constexpr uint8_t RESPONSE = 2;  //!< Response
    static constexpr uint8_t SUCCESS = 3;   //!< Success
    static constexpr uint8_t FAILURE = 4;   //!< Failure

    /// Sends a packet: (protocol, bytes)
    typedef Callback<void, uint16_t, const std::vector<uint8_t>&> SendCallback;
    /// Result: (success, user name, message)
    typedef Callback<void, bool, const std::string&, const std::string&> ResultCallback;
    /// Looks up a user's secret: (name, secret out) -> known
    typedef Callback<bool, const std::string&, std::string&> LookupCallback;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppChap();

    /// \param send packet output \param result outcome notification
    void SetCallbacks(SendCallback send, ResultCallback result);
    /**
     * \brief Authenticator role: send a Challenge.
     * \param name our name (carried in the Challenge)
     * \param lookup the user database
     */
    void StartAuthenticator(const std::string& name, LookupCallback lookup);
    /**
     * \brief Authenticator role for a challenge another authenticator sent (an L2TP LAC's,
     *        proxied in the ICCN, RFC 2661 section 4.4.5): check \p response as if it had
     *        answered our own Challenge \p id / \p challenge, send Success or Failure with
     *        that Identifier and report the result.
     * \param name our name (for re-challenges)
     * \param lookup the user database
     * \param id the Identifier of the proxied Challenge
     * \param challenge its value
     * \param user the Name of the proxied Response
     * \param response the Response value
     */
    void VerifyProxied(const std::string& name, LookupCallback lookup, uint8_t id,
                       const std::vector<uint8_t>& challenge, const std::string& user,
                       const std::vector<uint8_t>& response);
    /// Peer role: answer challenges \param user our name \param secret our secret
    void StartPeer(const std::string& user, const std::string& secret);
    /// Stop timers (link down)
    void Stop();
    /// Process a received CHAP packet \param data bytes \param size number of bytes
    void Receive(const uint8_t* data, std::size_t size);
    /// \return the number of Challenges sent (including re-challenges)
    uint32_t GetChallengesSent() const;

    /**
     * \brief Use fixed random streams.
     * \param stream first stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;

private:
    void NewChallenge();
    void SendChallenge();
    void Finish(bool success, const std::string& user, const std::string& msg);

    Time m_restart;                   //!< Challenge retransmission period
    uint32_t m_maxChallenges;         //!< Challenges sent before giving up
    uint32_t m_challengeSize;         //!< octets of challenge value
    Time m_rechallenge;               //!< re-challenge interval (0: off)
    SendCallback m_send;              //!< output
    ResultCallback m_result;          //!< outcome
    LookupCallback m_lookup;          //!< user database
    std::string m_name;               //!< our name
    std::string m_secret;             //!< our secret (peer)
    bool m_authenticator{false};      //!< role
    bool m_waiting{false};            //!< authenticator: Challenge outstanding
    bool m_succeeded{false};          //!< authenticated at least once
    uint8_t m_id{0};                  //!< Identifier of the current Challenge
    std::vector<uint8_t> m_challenge; //!< current challenge value
    uint32_t m_sent{0};               //!< Challenges sent for the current round
    uint32_t m_total{0};              //!< all Challenges sent
    EventId m_timer;                  //!< retransmission / re-challenge timer
    Ptr<UniformRandomVariable> m_rng; //!< challenge values
};

} // namespace ns3

#endif /* PPP_CHAP_H */
