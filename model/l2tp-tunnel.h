/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_TUNNEL_H
#define L2TP_TUNNEL_H

#include "l2tp-control-channel.h"
#include "l2tp-control-message.h"
#include "l2tp-session.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class Packet;

/**
 * \ingroup l2tp
 * \brief An L2TP control connection and its sessions (RFC 2661 sections 5 - 7).
 *
 * The control-connection state machine of section 7.2 (SCCRQ / SCCRP / SCCCN, StopCCN with
 * Result Code), tunnel authentication with Challenge / Challenge Response (sections 4.4.3 and
 * 5.1.1), hidden AVPs (section 4.3) when a secret is set and HideAvps is true, Hello after
 * HelloInterval without any message (control or data) from the peer (section 6.5), the
 * teardown hold-off of section 5.7 (state kept for a full retransmission cycle after StopCCN)
 * and the sessions, kept in a hash table keyed by our session id, with random non-zero unique
 * ids. Reliability is the job of the L2tpControlChannel underneath.
 *
 * Transport-agnostic: bytes leave through the send callback; the owner (L2tpProtocol, or a
 * test) hands received UDP payloads to ReceiveControl() / ReceiveData().
 */
class L2tpTunnel : public Object
{
public:
    /// Control connection states (section 7.2.1) plus the hold-off after StopCCN.
    enum State : uint8_t
    {
        IDLE,           //!< nothing sent or received yet
        WAIT_CTL_REPLY, //!< SCCRQ sent
        WAIT_CTL_CONN,  //!< SCCRP sent
        ESTABLISHED,    //!< SCCCN sent or received
        CLOSING,        //!< StopCCN sent or received: state kept for a retransmission cycle
        CLOSED,         //!< gone; the owner releases the object
    };

    /// Which end of the tunnel this is (decides which calls it may place or accept).
    enum Role : uint8_t
    {
        LAC, //!< L2TP Access Concentrator: places incoming calls (ICRQ)
        LNS, //!< L2TP Network Server: places outgoing calls (OCRQ)
    };

    /// StopCCN Result Codes (section 4.4.2).
    enum StopCcnResult : uint16_t
    {
        STOPCCN_CLEAR = 1,          //!< general request to clear the control connection
        STOPCCN_GENERAL_ERROR = 2,  //!< general error, Error Code says which
        STOPCCN_ALREADY_EXISTS = 3, //!< control channel already exists
        STOPCCN_NOT_AUTHORIZED = 4, //!< requester is not authorized
        STOPCCN_BAD_VERSION = 5,    //!< protocol version not supported
        STOPCCN_SHUTTING_DOWN = 6,  //!< requester is being shut down
        STOPCCN_FSM_ERROR = 7,      //!< finite state machine error
    };

    /// CDN Result Codes (section 4.4.2).
    enum CdnResult : uint16_t
    {
        CDN_LOST_CARRIER = 1,       //!< loss of carrier
        CDN_GENERAL_ERROR = 2,      //!< general error, Error Code says which
        CDN_ADMIN = 3,              //!< administrative reason
        CDN_NO_FACILITIES_TEMP = 4, //!< appropriate facilities unavailable (temporary)
        CDN_NO_FACILITIES_PERM = 5, //!< appropriate facilities unavailable (permanent)
    };

    /// General Error Codes (section 4.4.2).
    enum ErrorCode : uint16_t
    {
        ERR_NONE = 0,                  //!< no general error
        ERR_NO_CONTROL_CONNECTION = 1, //!< no control connection exists yet
        ERR_LENGTH = 2,                //!< length is wrong
        ERR_OUT_OF_RANGE = 3,          //!< a field is out of range or reserved non-zero
        ERR_NO_RESOURCES = 4,          //!< insufficient resources
        ERR_INVALID_SESSION = 5,       //!< invalid session id
        ERR_VENDOR = 6,                //!< vendor-specific error
        ERR_TRY_ANOTHER = 7,           //!< try another
        ERR_UNKNOWN_MANDATORY = 8,     //!< unknown mandatory AVP
    };

    /// Signature of the StateChange trace source.
    using StateTracedCallback = void (*)(uint16_t tunnelId, State oldState, State newState);
    /// Signature of the SessionStateChange trace source.
    using SessionStateTracedCallback
        = void (*)(uint16_t tunnelId, uint16_t sessionId, L2tpSession::State oldState,
                   L2tpSession::State newState);
    /// Signature of the Drop trace source.
    using DropTracedCallback = void (*)(uint16_t tunnelId, const std::string& reason);

    /// \return the name of \p s ("idle", "wait-ctl-reply", ...)
    static const char* StateName(State s);

    static TypeId GetTypeId();
    L2tpTunnel();
    ~L2tpTunnel() override;

    /**
     * \brief Prepare the tunnel; call once before Open() or the first received SCCRQ.
     * \param role LAC or LNS
     * \param localId our tunnel id (non-zero, chosen by the owner)
     */
    void Setup(Role role, uint16_t localId);
    /// \param cb where UDP payloads to the peer go
    void SetSendCallback(Callback<void, Ptr<Packet>> cb);
    /// \param cb called once when the tunnel reaches CLOSED
    void SetClosedCallback(Callback<void, Ptr<L2tpTunnel>> cb);
    /// \param cb called when the tunnel becomes established
    void SetEstablishedCallback(Callback<void, Ptr<L2tpTunnel>> cb);
    /// \param cb called when a session becomes established
    void SetSessionUpCallback(Callback<void, Ptr<L2tpSession>> cb);
    /// \param cb called when a session is cleared (session, CDN result code received or sent)
    void SetSessionDownCallback(Callback<void, Ptr<L2tpSession>, uint16_t> cb);
    /**
     * \brief Decide whether an incoming ICRQ / OCRQ is accepted.
     * \param cb returns 0 to accept, or the CDN Result Code to refuse with
     */
    void SetSessionAdmissionCallback(Callback<uint16_t, Ptr<L2tpTunnel>> cb);
    /// \param secret the shared secret ("" = no tunnel authentication, no hiding)
    void SetSecret(const std::string& secret);

    /// Start the control connection: send SCCRQ.
    void Open();
    /**
     * \brief Clear the control connection with a StopCCN (section 5.7); sessions are cleared
     *        without CDNs, and the state is kept for a full retransmission cycle.
     * \param result Result Code
     * \param error Error Code
     * \param message Error Message
     */
    void Close(uint16_t result = STOPCCN_CLEAR, uint16_t error = 0,
               const std::string& message = "");

    /**
     * \brief Drop the tunnel without a StopCCN (the loser of a tie break, section 4.4.3);
     *        its sessions are cleared.
     */
    void Abandon();
    /**
     * \brief Refuse the SCCRQ this tunnel will receive: answer it with a StopCCN carrying
     *        \p result / \p error instead of an SCCRP (LNS policy).
     * \param result StopCCN Result Code
     * \param error Error Code
     * \param message Error Message
     */
    void SetRefusal(uint16_t result, uint16_t error, const std::string& message);

    /**
     * \brief Place a call: an incoming call (ICRQ) at a LAC, an outgoing call (OCRQ) at an
     *        LNS. If the tunnel is not established yet the call waits for it.
     * \return the new session
     */
    Ptr<L2tpSession> OpenSession();

    /// \param p a control message from the peer (UDP payload)
    void ReceiveControl(Ptr<const Packet> p);
    /**
     * \brief A data message from the peer.
     * \param header its parsed header (tunnel id is ours)
     * \param payload the payload, header removed
     */
    void ReceiveData(const L2tpHeader& header, Ptr<Packet> payload);

    /// \return our tunnel id
    uint16_t GetLocalId() const;
    /// \return the peer's tunnel id (0 until known)
    uint16_t GetPeerId() const;
    /// \return the state
    State GetState() const;
    /// \return LAC or LNS
    Role GetRole() const;
    /// \return the peer's Host Name (empty until known)
    const std::string& GetPeerHostName() const;
    /// \return the peer's Tie Breaker AVP value, if it sent one
    bool GetPeerTieBreaker(uint64_t& value) const;
    /// \return our Tie Breaker value (attribute; 0 = not sent)
    uint64_t GetTieBreaker() const;
    /// \return the reliable transport
    Ptr<L2tpControlChannel> GetControlChannel() const;
    /// \return the number of sessions in the table
    uint32_t GetSessionCount() const;
    /// \param id our session id \return the session, or nullptr
    Ptr<L2tpSession> FindSession(uint16_t id) const;
    /// \return the Result Code of the StopCCN that closed the tunnel (sent or received), or 0
    uint16_t GetStopResult() const;
    /// \return true if the StopCCN was received (false: we sent it)
    bool WasClosedByPeer() const;
    /**
     * \brief Use fixed random streams.
     * \param stream first stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);
    /// \param rng the random variable to draw ids, challenges and vectors from (shared with
    ///        the owner; its stream is assigned there)
    void SetRandomVariable(Ptr<UniformRandomVariable> rng);

    /// \name Used by L2tpSession
    /// \{
    void SendData(L2tpSession& s, Ptr<Packet> payload, bool sequenced, uint16_t ns);
    void CloseSession(Ptr<L2tpSession> s, uint16_t result, uint16_t error, uint16_t q931,
                      const std::string& message);
    void SendSessionMessage(L2tpSession& s, L2tpControlMessage& msg);
    void NotifySessionState(L2tpSession& s, L2tpSession::State oldState,
                            L2tpSession::State newState);
    /// \}

protected:
    void DoDispose() override;

private:
    void SetState(State s);
    void Deliver(const L2tpControlMessage& msg, const L2tpControlMessage::ParseResult& r);
    void ChannelFailed();
    L2tpControlMessage NewMessage(uint16_t type, uint16_t sessionId) const;
    void AddAvp(L2tpControlMessage& msg, L2tpAvp avp) const;
    void AddCommonSccAvps(L2tpControlMessage& msg);
    std::vector<uint8_t> NewChallenge();
    bool CheckPeerAvps(const L2tpControlMessage& msg);
    bool CheckChallengeResponse(const L2tpControlMessage& msg, uint8_t type);
    void HandleSccrq(const L2tpControlMessage& msg);
    void HandleSccrp(const L2tpControlMessage& msg);
    void HandleScccn(const L2tpControlMessage& msg);
    void HandleStopCcn(const L2tpControlMessage& msg);
    void HandleSessionMessage(const L2tpControlMessage& msg,
                              const L2tpControlMessage::ParseResult& r);
    void HandleCallRequest(const L2tpControlMessage& msg);
    void Established();
    void StartCall(Ptr<L2tpSession> s);
    void RemoveSession(Ptr<L2tpSession> s, uint16_t result);
    void ClearAllSessions(uint16_t result);
    void EnterClosing();
    void Finish();
    void HelloCheck();
    uint16_t NewSessionId();
    void Drop(const std::string& reason);

    // Attributes
    std::string m_hostName;
    std::string m_vendorName;
    uint32_t m_framingCaps;
    uint32_t m_bearerCaps;
    uint16_t m_firmware;
    bool m_hideAvps;
    Time m_helloInterval;
    uint64_t m_tieBreaker;
    bool m_sequencing;
    bool m_lengthBit;
    uint16_t m_offset;
    uint32_t m_bearerType;
    uint32_t m_framingType;
    uint32_t m_connectSpeed;
    Ptr<L2tpControlChannel> m_channel;
    Ptr<UniformRandomVariable> m_rng;

    std::string m_secret;
    Role m_role{LAC};
    State m_state{IDLE};
    uint16_t m_localId{0};
    uint16_t m_peerId{0};
    std::string m_peerHostName;
    bool m_peerHasTieBreaker{false};
    uint64_t m_peerTieBreaker{0};
    std::vector<uint8_t> m_challenge;     //!< the Challenge we sent (empty: none)
    std::vector<uint8_t> m_peerChallenge; //!< the Challenge the peer sent
    uint16_t m_stopResult{0};
    uint16_t m_refuseResult{0};
    uint16_t m_refuseError{0};
    std::string m_refuseMessage;
    bool m_closedByPeer{false};
    uint32_t m_nextCallSerial{1};
    Time m_lastRx;
    EventId m_helloEvent;
    EventId m_holdEvent;
    std::unordered_map<uint16_t, Ptr<L2tpSession>> m_sessions; //!< by our session id
    /// Our session id by the id the peer assigned in its ICRQ / OCRQ (for a crossed CDN)
    std::unordered_map<uint16_t, uint16_t> m_localIdByPeerId;
    std::vector<Ptr<L2tpSession>> m_waitingTunnel; //!< calls placed before establishment

    Callback<void, Ptr<Packet>> m_send;
    Callback<void, Ptr<L2tpTunnel>> m_closed;
    Callback<void, Ptr<L2tpTunnel>> m_established;
    Callback<void, Ptr<L2tpSession>> m_sessionUp;
    Callback<void, Ptr<L2tpSession>, uint16_t> m_sessionDown;
    Callback<uint16_t, Ptr<L2tpTunnel>> m_admission;

    TracedCallback<uint16_t, State, State> m_stateTrace;
    TracedCallback<uint16_t, uint16_t, L2tpSession::State, L2tpSession::State> m_sessionTrace;
    TracedCallback<uint16_t, const std::string&> m_dropTrace;
};

} // namespace ns3

#endif /* L2TP_TUNNEL_H */
