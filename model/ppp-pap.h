/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_PAP_H
#define PPP_PAP_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <string>

#include "ppp-control-packet.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The Password Authentication Protocol (RFC 1334 section 2), both roles.
 *
 * The peer sends Authenticate-Request (Peer-ID, Password) and retransmits it every
 * RestartTimer until an Authenticate-Ack or -Nak arrives or MaxRequests have been sent. The
 * authenticator looks the Peer-ID up through a callback (the endpoint's user database) and
 * answers Ack ("Login ok") or Nak ("Login incorrect"); a retransmitted request gets the same
 * answer again.
 */
class PppPap : public Object
{
public:
    static constexpr uint8_t AUTH_REQUEST = 1; //!< Authenticate-Request
    static constexpr uint8_t AUTH_ACK = 2;     //!< Authenticate-Ack
    static constexpr uint8_t AUTH_NAK = 3;     //!< Authenticate-Nak

    /// Sends a packet: (protocol, bytes)
    typedef Callback<void, uint16_t, const std::vector<uint8_t>&> SendCallback;
    /// Result: (success, user name, message)
    typedef Callback<void, bool, const std::string&, const std::string&> ResultCallback;
    /// Looks up a user's password: (name, password out) -> known
    typedef Callback<bool, const std::string&, std::string&> LookupCallback;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppPap();

    /// \param send packet output \param result outcome notification
    void SetCallbacks(SendCallback send, ResultCallback result);
    /// Authenticator role: wait for a request \param lookup the user database
    void StartAuthenticator(LookupCallback lookup);
    /**
     * \brief Authenticator role for an Authenticate-Request another authenticator received
     *        (an L2TP LAC's, proxied in the ICCN, RFC 2661 section 4.4.5): check it, answer
     *        Ack or Nak with its Identifier and report the result.
     * \param lookup the user database
     * \param id the request's Identifier
     * \param user its Peer-ID
     * \param password its Password
     */
    void VerifyProxied(LookupCallback lookup, uint8_t id, const std::string& user,
                       const std::string& password);
    /// Peer role: send requests \param user Peer-ID \param password Password
    void StartPeer(const std::string& user, const std::string& password);
    /// Stop timers (link down)
    void Stop();
    /// Process a received PAP packet \param data bytes \param size number of bytes
    void Receive(const uint8_t* data, std::size_t size);

protected:
    void DoDispose() override;

private:
    void SendRequest();
    void Finish(bool success, const std::string& user, const std::string& msg);

    Time m_restart;              //!< retransmission period
    uint32_t m_maxRequests;      //!< requests sent before giving up
    SendCallback m_send;         //!< output
    ResultCallback m_result;     //!< outcome
    LookupCallback m_lookup;     //!< user database (authenticator)
    std::string m_user;          //!< our Peer-ID (peer)
    std::string m_password;      //!< our Password (peer)
    bool m_authenticator{false}; //!< role
    bool m_done{false};          //!< outcome known
    bool m_lastOk{false};        //!< authenticator: last answer
    uint8_t m_id{0};             //!< Identifier of the current request
    uint32_t m_sent{0};          //!< requests sent
    EventId m_timer;             //!< retransmission timer
};

} // namespace ns3

#endif /* PPP_PAP_H */
