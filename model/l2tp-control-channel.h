/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_CONTROL_CHANNEL_H
#define L2TP_CONTROL_CHANNEL_H

#include "l2tp-control-message.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <string>

namespace ns3
{

class Packet;

/**
 * \ingroup l2tp
 * \brief The reliable delivery of L2TP control messages, RFC 2661 section 5.8 and Appendix A.
 *
 * One object per tunnel. It assigns Ns and Nr, keeps at most min(peer's Receive Window Size,
 * cwnd) messages unacknowledged, queues the rest, retransmits each unacknowledged message
 * with its own timer (InitialTimeout, doubling up to MaxTimeout, at most MaxRetransmissions
 * times), delivers received messages exactly once and in Ns order (holding early ones in an
 * out-of-order buffer as large as the ReceiveWindowSize we advertise), re-acknowledges
 * duplicates, and sends a ZLB acknowledgement AckDelay after an in-order message when no
 * message of ours has carried the acknowledgement meanwhile.
 *
 * The channel knows nothing about sockets: bytes go out through the send callback and
 * accepted messages come up through the deliver callback, so it can be driven directly in
 * unit tests. Sequence numbers compare modulo 2^16 (a value up to 32767 ahead is "later").
 */
class L2tpControlChannel : public Object
{
public:
    /// Bytes to put on the wire (one UDP payload).
    using SendCallback = Callback<void, Ptr<Packet>>;
    /// A message accepted in order, with the result of its validation.
    using DeliverCallback
        = Callback<void, const L2tpControlMessage&, const L2tpControlMessage::ParseResult&>;
    /// The peer did not acknowledge a message after MaxRetransmissions retransmissions.
    using FailureCallback = Callback<void>;

    /// Signature of the MessageSent / MessageReceived trace sources.
    using MessageTracedCallback = void (*)(uint16_t type, uint16_t ns, uint16_t nr);
    /// Signature of the Retransmission trace source.
    using RetransmissionTracedCallback
        = void (*)(uint16_t type, uint16_t ns, uint32_t attempt, Time timeout);
    /// Signature of the WindowChange trace source.
    using WindowTracedCallback = void (*)(uint32_t cwnd, uint32_t ssthresh);
    /// Signature of the ZlbSent trace source.
    using ZlbTracedCallback = void (*)(uint16_t ns, uint16_t nr);
    /// Signature of the DuplicateReceived trace source.
    using DuplicateTracedCallback = void (*)(uint16_t type, uint16_t ns);
    /// Signature of the Drop trace source.
    using DropTracedCallback = void (*)(uint16_t type, uint16_t ns, const std::string& reason);
    /// Signature of the Failure trace source.
    using FailureTracedCallback = void (*)(uint16_t type, uint16_t ns);

    /// Counters of one channel.
    struct Stats
    {
        uint64_t messagesSent{0};     //!< first transmissions of non-ZLB messages
        uint64_t retransmissions{0};  //!< retransmitted copies
        uint64_t zlbsSent{0};         //!< ZLB acknowledgements sent
        uint64_t messagesReceived{0}; //!< non-ZLB messages delivered
        uint64_t zlbsReceived{0};     //!< ZLBs received
        uint64_t duplicates{0};       //!< duplicate messages (re-acknowledged)
        uint64_t outOfOrder{0};       //!< messages held until their predecessors arrived
        uint64_t drops{0};            //!< messages dropped (see the Drop trace)
        uint64_t failures{0};         //!< retransmission limits reached
        uint32_t maxInFlight{0};      //!< most messages ever unacknowledged at once
    };

    static TypeId GetTypeId();
    L2tpControlChannel();
    ~L2tpControlChannel() override;

    /// \param cb where serialized messages go
    void SetSendCallback(SendCallback cb);
    /// \param cb where accepted messages go, in order
    void SetDeliverCallback(DeliverCallback cb);
    /// \param cb called when the retransmission limit is reached
    void SetFailureCallback(FailureCallback cb);
    /// \param id the peer's tunnel id, written into the ZLBs this channel sends
    void SetPeerTunnelId(uint16_t id);
    /**
     * \brief The peer's Receive Window Size AVP (section 4.4.3); 4 until it is known.
     * \param rws the value (0 is invalid and treated as 1)
     *
     * Also sets ssthresh to \p rws as Appendix A asks, unless a timeout has lowered it.
     */
    void SetPeerReceiveWindow(uint16_t rws);
    /// \param secret the tunnel secret used to hide AVPs marked hidden
    void SetSecret(const std::string& secret);

    /**
     * \brief Send a message reliably. Ns and Nr are filled in when it goes out; the header's
     *        tunnel and session ids must be set by the caller.
     * \param msg the message (not a ZLB)
     */
    void Send(const L2tpControlMessage& msg);
    /**
     * \brief Process a received message whose AVPs were already validated. Its Nr
     *        acknowledges our messages; if it is not a ZLB it is delivered once, in order.
     * \param msg the message
     * \param result the validation result, passed on to the deliver callback
     */
    void Receive(const L2tpControlMessage& msg, const L2tpControlMessage::ParseResult& result);
    /**
     * \brief Parse (with the secret set) and Receive() a UDP payload. Malformed messages
     *        whose reaction is DISCARD are dropped unacknowledged (Drop trace).
     * \param p the UDP payload
     */
    void ReceivePacket(Ptr<const Packet> p);
    /// Send a ZLB now (cancels a pending delayed acknowledgement).
    void SendZlb();
    /**
     * \brief Forget every unacknowledged and queued message and stop all timers; Ns and Nr
     *        keep counting (xl2tpd's StopCCN after a timeout has the next Ns).
     */
    void Flush();

    /// \return Ns of the next new message
    uint16_t GetNextNs() const;
    /// \return Nr: the next Ns expected from the peer
    uint16_t GetNextNr() const;
    /// \return the number of messages sent and not yet acknowledged
    uint32_t GetInFlight() const;
    /// \return the number of messages waiting for the window to open
    uint32_t GetQueued() const;
    /// \return the current send window: min(peer RWS, cwnd) (cwnd only with SlowStart)
    uint32_t GetSendWindow() const;
    /// \return the congestion window
    uint32_t GetCwnd() const;
    /// \return the slow start threshold
    uint32_t GetSsthresh() const;
    /// \return the peer's Receive Window Size in use
    uint16_t GetPeerReceiveWindow() const;
    /// \return the Receive Window Size we advertise (attribute ReceiveWindowSize)
    uint16_t GetReceiveWindow() const;
    /// \return true when nothing is unacknowledged or queued
    bool IsIdle() const;
    /// \return the counters
    const Stats& GetStats() const;
    /**
     * \return the time from a message's first transmission until its failure is declared:
     *         the sum of the MaxRetransmissions + 1 timeouts (31 s with the defaults)
     */
    Time GetFullRetransmissionCycle() const;

    /**
     * \brief Modular comparison of 16-bit sequence numbers (section 5.8).
     * \param a one number
     * \param b another
     * \return true if \p a comes before \p b
     */
    static bool SeqLess(uint16_t a, uint16_t b);

protected:
    void DoDispose() override;

private:
    /// A message sent and not yet acknowledged.
    struct InFlight
    {
        L2tpControlMessage msg; //!< the message (Ns set)
        uint32_t attempt{0};    //!< retransmissions so far
        Time timeout;           //!< the timeout now running
        EventId timer;          //!< its retransmission timer
    };
    /// A message received before its predecessors.
    struct Early
    {
        L2tpControlMessage msg;                 //!< the message
        L2tpControlMessage::ParseResult result; //!< its validation result
    };

    void TrySend();                         //!< send queued messages the window allows
    void Transmit(L2tpControlMessage& msg); //!< put Nr, serialize, hand to the send callback
    void OnTimeout(uint16_t ns);            //!< retransmission timer of message \p ns
    void ProcessAck(uint16_t nr);           //!< Nr received: release acknowledged messages
    void OnAcked();                         //!< Appendix A window growth for one message
    void ScheduleAck();                     //!< arm the delayed-ZLB timer if needed
    void Drop(uint16_t type, uint16_t ns, const std::string& reason); //!< count and trace
    void SetWindow(uint32_t cwnd, uint32_t ssthresh); //!< update and trace on change

    // Attributes
    uint16_t m_rws;                //!< Receive Window Size we advertise
    Time m_initialTimeout;         //!< first retransmission timeout
    Time m_maxTimeout;             //!< cap on the doubled timeout
    uint32_t m_maxRetransmissions; //!< retransmissions before failure
    Time m_ackDelay;               //!< delay before a ZLB acknowledgement
    bool m_slowStart;              //!< Appendix A on/off

    SendCallback m_send;        //!< transport
    DeliverCallback m_deliver;  //!< upper layer
    FailureCallback m_failure;  //!< upper layer
    uint16_t m_peerTunnelId{0}; //!< header tunnel id of ZLBs
    std::string m_secret;       //!< for hidden AVPs
    uint16_t m_peerRws{4};      //!< peer's window (4 until known, section 5.8)

    uint16_t m_ns{0};       //!< Ns of the next new message
    uint16_t m_nr{0};       //!< next Ns expected from the peer
    uint16_t m_sndUna{0};   //!< oldest unacknowledged Ns
    uint32_t m_cwnd{1};     //!< congestion window (messages)
    uint32_t m_ssthresh{4}; //!< slow start threshold
    uint32_t m_caCount{0};  //!< acks counted in congestion avoidance
    bool m_lossSeen{false}; //!< a timeout has set ssthresh

    std::map<uint16_t, InFlight> m_inFlight; //!< by Ns (at most the window)
    std::deque<L2tpControlMessage> m_queue;  //!< waiting for the window
    std::map<uint16_t, Early> m_early;       //!< out-of-order, keyed by Ns
    bool m_ackPending{false};                //!< Nr advanced and not yet sent
    EventId m_ackEvent;                      //!< delayed ZLB
    Stats m_stats;                           //!< counters

    TracedCallback<uint16_t, uint16_t, uint16_t> m_sentTrace;           //!< MessageSent
    TracedCallback<uint16_t, uint16_t, uint16_t> m_receivedTrace;       //!< MessageReceived
    TracedCallback<uint16_t, uint16_t, uint32_t, Time> m_retxTrace;     //!< Retransmission
    TracedCallback<uint32_t, uint32_t> m_windowTrace;                   //!< WindowChange
    TracedCallback<uint16_t, uint16_t> m_zlbTrace;                      //!< ZlbSent
    TracedCallback<uint16_t, uint16_t> m_dupTrace;                      //!< DuplicateReceived
    TracedCallback<uint16_t, uint16_t, const std::string&> m_dropTrace; //!< Drop
    TracedCallback<uint16_t, uint16_t> m_failureTrace;                  //!< Failure
};

} // namespace ns3

#endif /* L2TP_CONTROL_CHANNEL_H */
