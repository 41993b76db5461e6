/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_LCP_H
#define PPP_LCP_H

#include "ns3/random-variable-stream.h"

#include "ppp-fsm.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The Link Control Protocol (RFC 1661 sections 5 and 6) on the PppFsm automaton.
 *
 * Options: Maximum-Receive-Unit (1), Async-Control-Character-Map (2, RFC 1662 7.1),
 * Authentication-Protocol (3: PAP 0xC023 or CHAP 0xC223 with MD5, algorithm 5),
 * Magic-Number (5) with loopback detection (section 6.4), Protocol-Field-Compression (7) and
 * Address-and-Control-Field-Compression (8). Unknown options and options of the wrong length
 * are Rejected. Extra codes: Protocol-Reject, Echo-Request/-Reply (keepalive with an interval
 * and a failure count that closes the link) and Discard-Request.
 */
class PppLcp : public PppFsm
{
public:
    /// \name LCP option types (RFC 1661 6, RFC 1662 7.1)
    /// \{
    static constexpr uint8_t OPT_MRU = 1;
    static constexpr uint8_t OPT_ACCM = 2;
    static constexpr uint8_t OPT_AUTH = 3;
    static constexpr uint8_t OPT_MAGIC = 5;
    static constexpr uint8_t OPT_PFC = 7;
    static constexpr uint8_t OPT_ACFC = 8;
    /// \}
    static constexpr uint8_t CHAP_MD5 = 5; //!< CHAP algorithm: MD5 (RFC 1994)

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppLcp();

    uint16_t GetProtocol() const override;

    /**
     * \brief Send a Protocol-Reject for a frame of an unsupported protocol (Opened state only).
     * \param protocol the rejected protocol
     * \param information the rejected frame's information field
     */
    void SendProtocolReject(uint16_t protocol, const std::vector<uint8_t>& information);

    /**
     * \brief Adopt a negotiation made elsewhere (an L2TP LAC's, proxied in the ICCN, RFC 2661
     *        section 4.4.5) and enter Opened without sending anything: \p sent holds the
     *        options of the last Configure-Request the LAC sent (they become ours: Magic-Number,
     *        Authentication-Protocol, our MRU and ACCM), \p received those of the last
     *        Configure-Request it received and acked (the peer's MRU, ACCM, Magic-Number, PFC,
     *        ACFC). This-Layer-Up follows, as after a negotiation.
     * \param sent option octets (from the first option on)
     * \param received option octets (from the first option on)
     * \param reason receives why the options cannot be adopted
     * \return false (state unchanged) if either list is malformed, or if we would not have
     *         acked the peer's options
     */
    bool AdoptNegotiated(const std::vector<uint8_t>& sent, const std::vector<uint8_t>& received,
                         std::string& reason);

    /// \return the authentication protocol the peer agreed to perform for us (0: none)
    uint16_t GetLocalAuth() const;
    /// \return the authentication protocol the peer asked us to perform (0: none)
    uint16_t GetPeerAuth() const;
    /// \return the MRU the peer announced (our maximum transmit unit), 1500 by default
    uint16_t GetPeerMru() const;
    /// \return the ACCM we must use when sending (the peer's receive ACCM)
    uint32_t GetTxAccm() const;
    /// \return true if we may compress the Protocol field when sending
    bool GetTxPfc() const;
    /// \return true if we may omit Address/Control when sending
    bool GetTxAcfc() const;
    /// \return our current Magic-Number (0 if not negotiated)
    uint32_t GetLocalMagic() const;
    /// \return the number of Echo-Requests sent and not yet answered
    uint32_t GetEchoPending() const;

    /**
     * \brief Use fixed random streams.
     * \param stream first stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// Called with the rejected protocol when the peer sends a Protocol-Reject
    typedef Callback<void, uint16_t> ProtocolRejectCallback;
    /// \param cb called on a received Protocol-Reject of another protocol
    void SetProtocolRejectCallback(ProtocolRejectCallback cb);

protected:
    void DoDispose() override;
    std::vector<PppOption> BuildConfigureRequest() override;
    uint8_t CheckConfigureRequest(const std::vector<PppOption>& request,
                                  std::vector<PppOption>& reply) override;
    void ConfigureAcked(const std::vector<PppOption>& options) override;
    void ConfigureNaked(const std::vector<PppOption>& options) override;
    void ConfigureRejected(const std::vector<PppOption>& options) override;
    bool ReceiveOtherCode(const PppControlPacket& packet) override;
    void SendEchoReply() override;
    bool AlwaysNak(uint8_t type) const override;
    void ThisLayerUp() override;
    void ThisLayerDown() override;
    void ThisLayerStarted() override;

private:
    uint32_t NewMagic();
    void EchoTimer();
    void LoopbackDetected(const std::string& where);
    uint16_t AuthProtocolFromString() const;

    // configuration (attributes)
    uint16_t m_mru;         //!< our receive unit
    uint32_t m_accm;        //!< our receive ACCM
    bool m_requestAccm;     //!< send the ACCM option
    bool m_requestPfc;      //!< ask for PFC
    bool m_requestAcfc;     //!< ask for ACFC
    bool m_useMagic;        //!< send a Magic-Number
    std::string m_authName; //!< authentication we require: "none", "pap", "chap"
    bool m_acceptPap;       //!< we agree to authenticate with PAP
    bool m_acceptChap;      //!< we agree to authenticate with CHAP-MD5
    Time m_echoInterval;    //!< keepalive interval (0: off)
    uint32_t m_echoFailure; //!< unanswered Echo-Requests before the link is closed
    uint32_t m_maxLoopback; //!< magic-number collisions before declaring a loopback

    // negotiation state: what we ask for (reset at This-Layer-Started)
    bool m_wantMru{false};      //!< send MRU
    bool m_wantAccm{false};     //!< send ACCM
    uint16_t m_wantAuth{0};     //!< authentication protocol to ask for
    bool m_wantMagic{false};    //!< send Magic-Number
    uint32_t m_magic{0};        //!< our Magic-Number
    bool m_wantPfc{false};      //!< ask for PFC
    bool m_wantAcfc{false};     //!< ask for ACFC
    uint16_t m_localAuth{0};    //!< acked authentication protocol (peer authenticates to us)
    uint32_t m_lastNakMagic{0}; //!< Magic-Number we last put in a Configure-Nak
    uint32_t m_collisions{0};   //!< consecutive magic collisions
    // what the peer asked for and we acked
    uint16_t m_peerMru{1500};        //!< peer's MRU
    uint32_t m_peerAccm{0xffffffff}; //!< peer's ACCM
    uint16_t m_peerAuth{0};          //!< authentication the peer asks of us
    uint32_t m_peerMagic{0};         //!< peer's Magic-Number
    bool m_peerPfc{false};           //!< peer accepts compressed Protocol
    bool m_peerAcfc{false};          //!< peer accepts no Address/Control

    PppControlPacket m_echoRx;                          //!< last Echo-Request (for ser)
    EventId m_echoEvent;                                //!< keepalive timer
    uint32_t m_echoPending{0};                          //!< unanswered Echo-Requests
    Ptr<UniformRandomVariable> m_rng;                   //!< magic numbers
    ProtocolRejectCallback m_protoRej;                  //!< Protocol-Reject notification
    TracedCallback<uint32_t> m_echoFailureTrace;        //!< echo failure (unanswered count)
    TracedCallback<const std::string&> m_loopbackTrace; //!< loopback detected (where)
};

} // namespace ns3

#endif /* PPP_LCP_H */
