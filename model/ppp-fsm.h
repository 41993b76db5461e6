/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_FSM_H
#define PPP_FSM_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

#include "ppp-control-packet.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The option-negotiation automaton of RFC 1661 section 4, shared by LCP and the NCPs.
 *
 * All ten states, all sixteen events and the thirteen actions are implemented as the state
 * transition table of RFC 1661 section 4.1 says, with the Restart timer and the
 * Max-Terminate, Max-Configure and Max-Failure counters of section 4.6 as attributes. The
 * protocol-specific parts (which options to request, how to answer a Configure-Request, how to
 * react to a Nak or Reject, extra codes such as LCP's Echo) are virtual methods.
 *
 * Choices where the RFC leaves one: the optional Restart behaviour ("r" in the table) of an
 * Open event in the Stopped, Stopping and Opened states is not taken (the state is kept); a new
 * Identifier is used for every Configure-Request and Terminate-Request, including
 * retransmissions (RFC 1661 5.1 allows either); events marked "-" in the table (which cannot
 * occur) are ignored, logged and traced as drops.
 */
class PppFsm : public Object
{
public:
    /// The states of RFC 1661 section 4.2, numbered as in the table.
    enum State
    {
        INITIAL = 0,
        STARTING = 1,
        CLOSED = 2,
        STOPPED = 3,
        CLOSING = 4,
        STOPPING = 5,
        REQ_SENT = 6,
        ACK_RCVD = 7,
        ACK_SENT = 8,
        OPENED = 9,
    };

    /// The events of RFC 1661 section 4.3, in the table's row order.
    enum Event
    {
        UP = 0,
        DOWN,
        OPEN,
        CLOSE,
        TO_PLUS,
        TO_MINUS,
        RCR_PLUS,
        RCR_MINUS,
        RCA,
        RCN,
        RTR,
        RTA,
        RUC,
        RXJ_PLUS,
        RXJ_MINUS,
        RXR,
        EVENT_COUNT
    };

    /// Sends one packet: (PPP protocol number, packet bytes from Code on).
    typedef Callback<void, uint16_t, const std::vector<uint8_t>&> SendCallback;
    /// TracedCallback signature for state changes: (old state, new state).
    typedef void (*StateTracedCallback)(State, State);
    /// TracedCallback signature for actions and drops: a short text.
    typedef void (*TextTracedCallback)(const std::string&);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppFsm();
    ~PppFsm() override;

    /// \param cb where packets go (normally the PppEndpoint)
    void SetSendCallback(SendCallback cb);
    /// \param up This-Layer-Up \param down This-Layer-Down
    /// \param started This-Layer-Started \param finished This-Layer-Finished
    void SetLayerCallbacks(Callback<void> up, Callback<void> down, Callback<void> started,
                           Callback<void> finished);

    /// \name Administrative and lower-layer events
    /// \{
    void Up();   //!< the lower layer is up
    void Down(); //!< the lower layer is down
    void Open(); //!< administrative Open
    /// administrative Close \param reason text carried in the Terminate-Request (may be empty)
    void Close(const std::string& reason = "");
    /// \}

    /**
     * \brief Process one received packet of this protocol (the frame's information field).
     * Malformed packets are dropped with a reason (trace "Drop").
     * \param data the packet bytes
     * \param size their number
     */
    void Receive(const uint8_t* data, std::size_t size);

    /**
     * \brief Apply one event of the state transition table: run its actions and enter the next
     *        state. Receive(), Up(), Open() etc. end up here; calling it directly drives the
     *        automaton with the last received packet's data (tests use that).
     * \param event the event
     */
    void ProcessEvent(Event event);
    /**
     * \brief Enter \p state without actions (tests, and adopting a state negotiated elsewhere,
     *        such as LCP proxied by an L2TP LAC). The Restart timer is stopped.
     * \param state the state
     */
    void ForceState(State state);

    /// \return the current state
    State GetState() const;
    /// \return the Restart counter
    uint32_t GetRestartCounter() const;
    /// \return the protocol number this automaton runs (e.g. 0xC021)
    virtual uint16_t GetProtocol() const = 0;
    /// \return the state's RFC name ("Req-Sent", ...)
    static std::string StateName(State state);
    /// \return the event's RFC name ("RCR+", ...)
    static std::string EventName(Event event);

protected:
    void DoDispose() override;

    /// \return the options for the next Configure-Request
    virtual std::vector<PppOption> BuildConfigureRequest() = 0;
    /**
     * \brief Answer a peer's Configure-Request.
     * \param request the options received
     * \param reply receives the Nak'ed or Rejected options (ignored for an Ack)
     * \return CONFIGURE_ACK, CONFIGURE_NAK or CONFIGURE_REJECT
     */
    virtual uint8_t CheckConfigureRequest(const std::vector<PppOption>& request,
                                          std::vector<PppOption>& reply)
        = 0;
    /// The peer acknowledged our request \param options the acknowledged options
    virtual void ConfigureAcked(const std::vector<PppOption>& options);
    /// The peer Nak'ed options \param options its suggested values
    virtual void ConfigureNaked(const std::vector<PppOption>& options) = 0;
    /// The peer rejected options \param options the rejected ones
    virtual void ConfigureRejected(const std::vector<PppOption>& options) = 0;
    /**
     * \brief A packet with a code other than 1-7 arrived.
     * \param packet the packet
     * \return false if the code is unknown (the automaton then sends a Code-Reject: RUC)
     */
    virtual bool ReceiveOtherCode(const PppControlPacket& packet);
    /// \return true if option \p type is Nak'ed even after Max-Failure (never converted to a
    /// Reject)
    virtual bool AlwaysNak(uint8_t type) const;
    /// \return true if a Code-Reject of \p code is catastrophic (RXJ-); default: codes 1-7
    virtual bool IsFatalCodeReject(uint8_t code) const;
    /// The "ser" action (LCP answers the last Echo-Request); default: nothing
    virtual void SendEchoReply();
    /// \name This-Layer-* hooks; the defaults invoke the callbacks of SetLayerCallbacks
    /// \{
    virtual void ThisLayerUp();
    virtual void ThisLayerDown();
    virtual void ThisLayerStarted();
    virtual void ThisLayerFinished();
    /// \}
    /**
     * \brief Send a packet of this protocol.
     * \param code code \param id identifier \param data data
     */
    void SendPacket(uint8_t code, uint8_t id, const std::vector<uint8_t>& data);
    /// Record a dropped packet \param reason why
    void Drop(const std::string& reason);
    /// \return the next Identifier for a request of this protocol
    uint8_t NextIdentifier();

    uint32_t m_maxFailure; //!< Max-Failure (Configure-Naks before Rejecting)

private:
    void Execute(const std::string& action, State old, State next);
    void RestartTimerExpired();
    void StartTimer();

    SendCallback m_send;                                  //!< packet output
    Callback<void> m_up, m_down, m_started, m_finished;   //!< layer callbacks
    State m_state{INITIAL};                               //!< current state
    Time m_restartTime;                                   //!< Restart timer period
    uint32_t m_maxConfigure;                              //!< Max-Configure
    uint32_t m_maxTerminate;                              //!< Max-Terminate
    uint32_t m_restartCounter{0};                         //!< Restart counter
    uint32_t m_failureCounter{0};                         //!< Configure-Naks sent
    EventId m_timer;                                      //!< the Restart timer
    uint8_t m_nextId{1};                                  //!< next Identifier
    uint8_t m_reqId{0};                                   //!< Identifier of our last request
    std::vector<uint8_t> m_reqData;                       //!< options of our last request
    std::string m_closeReason;                            //!< data of Terminate-Request
    PppControlPacket m_rx;                                //!< last received packet
    std::vector<uint8_t> m_rxRaw;                         //!< its bytes (for Code-Reject)
    uint8_t m_replyCode{PppControlPacket::CONFIGURE_ACK}; //!< answer to the last request
    std::vector<uint8_t> m_replyData;                     //!< options of that answer
    TracedCallback<State, State> m_stateTrace;            //!< state changes
    TracedCallback<const std::string&> m_actionTrace;     //!< actions taken
    TracedCallback<const std::string&> m_dropTrace;       //!< dropped packets / events
    TracedCallback<const std::string&>
        m_peerTerminateTrace; //!< reasons in received Terminate-Requests
};

} // namespace ns3

#endif /* PPP_FSM_H */
