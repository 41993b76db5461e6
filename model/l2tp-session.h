/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_SESSION_H
#define L2TP_SESSION_H

#include "l2tp-avp.h"
#include "l2tp-header.h"

#include "ns3/callback.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class L2tpTunnel;
class L2tpControlMessage;
class Packet;

/**
 * \ingroup l2tp
 * \brief One L2TP session (a call) inside a tunnel: the state machines of RFC 2661 sections
 * 7.4 (incoming calls, ICRQ / ICRP / ICCN) and 7.5 (outgoing calls, OCRQ / OCRP / OCCN),
 * CDN, WEN and SLI, and the data channel (section 5.4) with optional sequencing and offset.
 *
 * Sessions are small reference-counted objects owned by their L2tpTunnel's hash table; a
 * session costs about 100 bytes and O(1) work per packet. The control messages themselves
 * are built and parsed by the tunnel, which drives the transitions here.
 */
class L2tpSession : public SimpleRefCount<L2tpSession>
{
public:
    /// Session states of sections 7.4.1 - 7.5.2 (names as in the RFC).
    enum State : uint8_t
    {
        IDLE,           //!< not yet started, or cleared
        WAIT_TUNNEL,    //!< waiting for the tunnel to be established
        WAIT_REPLY,     //!< ICRQ or OCRQ sent, waiting for ICRP / OCRP
        WAIT_CONNECT,   //!< ICRP sent (LNS) or OCRP received (LNS), waiting for ICCN / OCCN
        WAIT_CS_ANSWER, //!< LAC, outgoing call: OCRP sent, the call is being placed
        ESTABLISHED,    //!< data may flow
    };

    /// Who started the call.
    enum Direction : uint8_t
    {
        INCOMING, //!< ICRQ from the LAC
        OUTGOING, //!< OCRQ from the LNS
    };

    /// Per-session counters.
    struct Counters
    {
        uint64_t txPackets{0};     //!< data messages sent
        uint64_t txBytes{0};       //!< payload bytes sent
        uint64_t rxPackets{0};     //!< data messages delivered
        uint64_t rxBytes{0};       //!< payload bytes delivered
        uint64_t outOfSequence{0}; //!< sequenced data messages that arrived late (dropped)
        uint64_t drops{0};         //!< data messages dropped (not established, late, ...)
    };

    /// Received payload (a PPP frame) for the upper layer.
    using ReceiveCallback = Callback<void, Ptr<L2tpSession>, Ptr<Packet>>;
    /// A WEN or SLI arrived (message type, the message).
    using LinkInfoCallback = Callback<void, Ptr<L2tpSession>, const L2tpControlMessage&>;

    /// \return the RFC name of \p s ("idle", "wait-reply", "established", ...)
    static const char* StateName(State s);

    /**
     * \param tunnel the owning tunnel
     * \param localId our session id (non-zero)
     * \param direction incoming or outgoing call
     */
    L2tpSession(L2tpTunnel* tunnel, uint16_t localId, Direction direction);

    /// \return our session id
    uint16_t GetLocalId() const;
    /// \return the peer's session id (0 until known)
    uint16_t GetPeerId() const;
    /// \return the state
    State GetState() const;
    /// \return the call direction
    Direction GetDirection() const;
    /// \return the call serial number
    uint32_t GetCallSerial() const;
    /// \return the owning tunnel (nullptr once the session is cleared)
    L2tpTunnel* GetTunnel() const;
    /// \return the counters
    const Counters& GetCounters() const;
    /// \return true if data messages carry Ns/Nr (Sequencing Required, or the peer sent S)
    bool IsSequencing() const;

    /**
     * \brief Call AVPs beyond the ones the tunnel writes itself: on a LAC, AVPs to add to
     *        the ICCN (the proxy LCP and authentication AVPs of RFC 2661 section 4.4.5, set
     *        before the ICRP arrives); on an LNS, the proxy AVPs (types 26-33) the ICCN carried.
     * \param avps the AVPs
     */
    void SetCallAvps(std::vector<L2tpAvp> avps);
    /// \return the call AVPs (see SetCallAvps)
    const std::vector<L2tpAvp>& GetCallAvps() const;
    /// \param type an AVP type \return the first call AVP of that type, or nullptr
    const L2tpAvp* FindCallAvp(uint16_t type) const;

    /// \param cb receives payloads of data messages
    void SetReceiveCallback(ReceiveCallback cb);
    /// \param cb receives WEN and SLI messages
    void SetLinkInfoCallback(LinkInfoCallback cb);

    /**
     * \brief Send a payload (a PPP frame) in a data message.
     * \param payload the frame
     * \return false (and counted as a drop) unless the session is established
     */
    bool Send(Ptr<Packet> payload);
    /**
     * \brief Clear the call with a CDN (section 6.11).
     * \param result Result Code (section 4.4.2; 3 = administrative reason)
     * \param error Error Code (0 = no error)
     * \param q931 optional Q.931 cause code (0 = none)
     * \param message optional error message
     */
    void Close(uint16_t result = 3, uint16_t error = 0, uint16_t q931 = 0,
               const std::string& message = "");
    /// \brief Send a WEN (LAC to LNS, section 6.13). \param errors the counters
    void SendWen(const L2tpCallErrors& errors);
    /// \brief Send an SLI (section 6.14). \param accm the ACCM values
    void SendSli(const L2tpAccm& accm);

    /// \name Driven by L2tpTunnel
    /// \{
    void SetState(State s);              //!< \param s new state (traced by the tunnel)
    void SetPeerId(uint16_t id);         //!< \param id the peer's session id
    void SetCallSerial(uint32_t serial); //!< \param serial the call serial number
    void SetSequencing(bool on);         //!< \param on S bit on sent data messages
    void Detach();                       //!< the tunnel forgets the session
    /**
     * \brief A data message for this session.
     * \param header its parsed header
     * \param payload the payload (header removed)
     */
    void ReceiveData(const L2tpHeader& header, Ptr<Packet> payload);
    /// \param msg a WEN or SLI for the upper layer
    void ReceiveLinkInfo(const L2tpControlMessage& msg);
    /// \}

private:
    L2tpTunnel* m_tunnel;            //!< owner (raw: the tunnel owns the session)
    ReceiveCallback m_receive;       //!< payloads upward
    LinkInfoCallback m_linkInfo;     //!< WEN / SLI upward
    Counters m_counters;             //!< counters
    std::vector<L2tpAvp> m_callAvps; //!< proxy AVPs to send (LAC) or received (LNS)
    uint32_t m_callSerial{0};        //!< Call Serial Number
    uint16_t m_localId;              //!< our id
    uint16_t m_peerId{0};            //!< the peer's id
    uint16_t m_dataNs{0};            //!< Ns of our next sequenced data message
    uint16_t m_dataNr{0};            //!< next Ns expected on received data
    State m_state{IDLE};             //!< state
    Direction m_direction;           //!< incoming / outgoing
    bool m_sequencing{false};        //!< S bit on our data messages
};

} // namespace ns3

#endif /* L2TP_SESSION_H */
