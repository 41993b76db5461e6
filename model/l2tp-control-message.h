/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_CONTROL_MESSAGE_H
#define L2TP_CONTROL_MESSAGE_H

#include "l2tp-avp.h"
#include "l2tp-header.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class Packet;

/**
 * \ingroup l2tp
 * \brief An L2TP control message (RFC 2661 section 3.2): header and AVPs, with the catalogue
 * of message types and their mandatory AVPs (section 6), a builder and a validating parser.
 *
 * A message without AVPs is a ZLB acknowledgement (section 5.8).
 */
class L2tpControlMessage
{
public:
    /// Control message types (section 3.2).
    enum MessageType : uint16_t
    {
        ZLB = 0, //!< not a type on the wire: a message without AVPs
        SCCRQ = 1,
        SCCRP = 2,
        SCCCN = 3,
        STOPCCN = 4,
        HELLO = 6,
        OCRQ = 7,
        OCRP = 8,
        OCCN = 9,
        ICRQ = 10,
        ICRP = 11,
        ICCN = 12,
        CDN = 14,
        WEN = 15,
        SLI = 16,
    };

    /// What went wrong in Parse().
    enum class Error
    {
        NONE,                         //!< well formed
        BAD_HEADER,                   //!< header rejected (version, flags, lengths)
        NOT_CONTROL,                  //!< T bit clear: a data message
        BAD_AVP_LENGTH,               //!< an AVP Length below 6 or past the message end
        MESSAGE_TYPE_NOT_FIRST,       //!< the first AVP is not Message Type
        MESSAGE_TYPE_HIDDEN,          //!< Message Type with the H bit set
        BAD_MESSAGE_TYPE,             //!< Message Type AVP value not 2 octets
        UNKNOWN_MESSAGE_TYPE,         //!< a Message Type this implementation does not know
        UNKNOWN_MANDATORY_AVP,        //!< an unrecognized AVP with the M bit set (section 4.2)
        MALFORMED_AVP,                //!< a known AVP with an invalid value
        HIDDEN_WITHOUT_RANDOM_VECTOR, //!< H bit set and no Random Vector before it
        UNHIDE_FAILED,                //!< hidden value does not decrypt consistently
        MISSING_MANDATORY_AVP,        //!< an AVP section 6 requires is absent
    };

    /// What the receiver must do about a message (RFC 2661 sections 4.2 and 4.4.1).
    enum class Reaction
    {
        ACCEPT,         //!< process it
        DISCARD,        //!< drop silently (not acknowledged; the peer retransmits)
        IGNORE_MESSAGE, //!< unknown message type without M: acknowledge, otherwise ignore
        CLEAR_SESSION,  //!< terminate the session with a CDN
        CLEAR_TUNNEL,   //!< terminate the tunnel and all its sessions with a StopCCN
    };

    /// The outcome of Parse().
    struct ParseResult
    {
        Error error{Error::NONE};            //!< the first fatal problem, or NONE
        Reaction reaction{Reaction::ACCEPT}; //!< what the receiver must do
        std::string reason;                  //!< human-readable explanation
        uint16_t resultCode{0}; //!< Result Code for the CDN/StopCCN a CLEAR_* reaction sends
        uint16_t errorCode{0};  //!< Error Code for that Result Code (section 4.4.2)
        std::vector<std::string> warnings; //!< non-mandatory AVPs skipped, and why
        uint32_t size{0};                  //!< bytes the message occupies (its Length field)
        bool Ok() const { return error == Error::NONE; }
    };

    /// \return the RFC abbreviation ("SCCRQ", "StopCCN", "HELLO", ...) or "Unknown(N)"
    static std::string TypeName(uint16_t type);
    /// \return true for the types of section 3.2
    static bool IsKnownType(uint16_t type);
    /// \return true for messages that belong to a session (ICRQ, OCRQ, CDN, WEN, SLI, ...)
    static bool IsSessionMessage(uint16_t type);
    /// \return the AVPs section 6 requires in a message of \p type (empty if unknown)
    static const std::vector<uint16_t>& MandatoryAvps(uint16_t type);
    /// \return the name of Parse() error \p e
    static const char* ErrorName(Error e);
    /// \return the name of reaction \p r
    static const char* ReactionName(Reaction r);

    /// A ZLB with all header fields zero.
    L2tpControlMessage();
    /**
     * \brief A message of \p type: the header and the Message Type AVP (M bit set).
     * \param type message type
     * \param tunnelId the peer's tunnel id
     * \param sessionId the peer's session id
     */
    L2tpControlMessage(uint16_t type, uint16_t tunnelId, uint16_t sessionId);

    /**
     * \brief Parse and validate a control message.
     * \param data the UDP payload
     * \param size its length
     * \param message receives the header and AVPs read so far
     * \param secret the tunnel secret used to unhide hidden AVPs; nullptr keeps them hidden
     * \return the result; never asserts, never reads outside [data, data + size)
     */
    static ParseResult Parse(const uint8_t* data, uint32_t size, L2tpControlMessage& message,
                             const std::string* secret = nullptr);

    /**
     * \brief Serialize with Length set; AVPs marked hidden are hidden with \p secret and the
     *        Random Vector AVP most recently preceding them.
     * \param secret the tunnel secret (needed only if an AVP is marked hidden)
     * \return the UDP payload
     */
    std::vector<uint8_t> Serialize(const std::string& secret = "") const;
    /// \copydoc Serialize
    Ptr<Packet> ToPacket(const std::string& secret = "") const;

    /// \return true if the message has no AVPs
    bool IsZlb() const;
    /// \return the Message Type AVP's value, or ZLB (0)
    uint16_t GetMessageType() const;
    /// \return the header
    L2tpHeader& GetHeader();
    /// \return the header
    const L2tpHeader& GetHeader() const;
    /// \param avp appended after the AVPs already present
    void AddAvp(const L2tpAvp& avp);
    /// \return the AVPs in wire order
    const std::vector<L2tpAvp>& GetAvps() const;
    /**
     * \param type attribute type
     * \param vendorId vendor id
     * \return the first such AVP, or nullptr
     */
    const L2tpAvp* FindAvp(uint16_t type, uint16_t vendorId = 0) const;
    /// \return "TYPE tunnel=T session=S Ns=N Nr=R name=value ..." (one line)
    std::string ToString() const;

private:
    L2tpHeader m_header;         //!< header (T, L, S set)
    std::vector<L2tpAvp> m_avps; //!< AVPs in order
};

} // namespace ns3

#endif /* L2TP_CONTROL_MESSAGE_H */
