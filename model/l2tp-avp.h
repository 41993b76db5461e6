/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_AVP_H
#define L2TP_AVP_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Result Code AVP value (RFC 2661 section 4.4.2).
 */
struct L2tpResultCode
{
    uint16_t result{0};            //!< Result Code
    std::optional<uint16_t> error; //!< Error Code, present when the AVP is long enough
    std::string message;           //!< Error Message (only after an Error Code)
};

/**
 * \ingroup l2tp
 * \brief Q.931 Cause Code AVP value (section 4.4.5).
 */
struct L2tpQ931Cause
{
    uint16_t cause{0};    //!< Q.931 cause code
    uint8_t msgCode{0};   //!< Q.931 message code
    std::string advisory; //!< optional advisory message
};

/**
 * \ingroup l2tp
 * \brief Call Errors AVP value (section 4.4.6): six 32-bit counters after 2 reserved octets.
 */
struct L2tpCallErrors
{
    uint32_t crcErrors{0};        //!< CRC errors
    uint32_t framingErrors{0};    //!< framing errors
    uint32_t hardwareOverruns{0}; //!< hardware overruns
    uint32_t bufferOverruns{0};   //!< buffer overruns
    uint32_t timeoutErrors{0};    //!< time-out errors
    uint32_t alignmentErrors{0};  //!< alignment errors
};

/**
 * \ingroup l2tp
 * \brief ACCM AVP value (section 4.4.6): 2 reserved octets, Send ACCM, Receive ACCM.
 */
struct L2tpAccm
{
    uint32_t send{0xffffffff};    //!< Send ACCM
    uint32_t receive{0xffffffff}; //!< Receive ACCM
};

/**
 * \ingroup l2tp
 * \brief One Attribute-Value Pair (RFC 2661 section 4.1), with typed access to the value of
 * every attribute defined in section 4.4.
 *
 * \verbatim
  0                   1                   2                   3
  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |M|H| rsvd  |      Length       |           Vendor ID           |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |         Attribute Type        |        Attribute Value...
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 \endverbatim
 *
 * The object holds the plain value. A hidden AVP received without the secret keeps its
 * ciphertext (IsStillHidden()) so that it re-serializes byte for byte; hiding itself is done by
 * L2tpControlMessage, which knows the Random Vector that applies.
 */
class L2tpAvp
{
public:
    /// Attribute types of RFC 2661 section 4.4 (IETF vendor id 0).
    enum Type : uint16_t
    {
        MESSAGE_TYPE = 0,
        RESULT_CODE = 1,
        PROTOCOL_VERSION = 2,
        FRAMING_CAPABILITIES = 3,
        BEARER_CAPABILITIES = 4,
        TIE_BREAKER = 5,
        FIRMWARE_REVISION = 6,
        HOST_NAME = 7,
        VENDOR_NAME = 8,
        ASSIGNED_TUNNEL_ID = 9,
        RECEIVE_WINDOW_SIZE = 10,
        CHALLENGE = 11,
        Q931_CAUSE_CODE = 12,
        CHALLENGE_RESPONSE = 13,
        ASSIGNED_SESSION_ID = 14,
        CALL_SERIAL_NUMBER = 15,
        MINIMUM_BPS = 16,
        MAXIMUM_BPS = 17,
        BEARER_TYPE = 18,
        FRAMING_TYPE = 19,
        CALLED_NUMBER = 21,
        CALLING_NUMBER = 22,
        SUB_ADDRESS = 23,
        TX_CONNECT_SPEED = 24,
        PHYSICAL_CHANNEL_ID = 25,
        INITIAL_RECEIVED_LCP_CONFREQ = 26,
        LAST_SENT_LCP_CONFREQ = 27,
        LAST_RECEIVED_LCP_CONFREQ = 28,
        PROXY_AUTHEN_TYPE = 29,
        PROXY_AUTHEN_NAME = 30,
        PROXY_AUTHEN_CHALLENGE = 31,
        PROXY_AUTHEN_ID = 32,
        PROXY_AUTHEN_RESPONSE = 33,
        CALL_ERRORS = 34,
        ACCM = 35,
        RANDOM_VECTOR = 36,
        PRIVATE_GROUP_ID = 37,
        RX_CONNECT_SPEED = 38,
        SEQUENCING_REQUIRED = 39,
    };

    /// How an attribute's value is encoded.
    enum class Format
    {
        U16,              //!< 16-bit unsigned
        U32,              //!< 32-bit unsigned
        U64,              //!< 64-bit unsigned (Tie Breaker)
        BITS32,           //!< 32-bit bit mask (capabilities, types)
        STRING,           //!< ASCII/UTF-8 text
        OCTETS,           //!< opaque octets
        EMPTY,            //!< no value (Sequencing Required)
        RESULT_CODE,      //!< L2tpResultCode
        PROTOCOL_VERSION, //!< version octet, revision octet
        Q931_CAUSE,       //!< L2tpQ931Cause
        PROXY_AUTHEN_ID,  //!< reserved octet, id octet
        CALL_ERRORS,      //!< L2tpCallErrors
        ACCM,             //!< L2tpAccm
    };

    /// What section 4.4 says about one attribute.
    struct Spec
    {
        uint16_t type;     //!< attribute type
        const char* name;  //!< RFC name, e.g. "Assigned Tunnel ID"
        const char* key;   //!< short key used in text output, e.g. "assigned_tunnel_id"
        Format format;     //!< value encoding
        uint16_t minValue; //!< minimum value length in octets
        uint16_t maxValue; //!< maximum value length in octets
        bool mayBeHidden;  //!< false where the RFC says the H bit MUST be 0
        bool mandatory;    //!< the M bit the RFC asks senders to set
    };

    static constexpr uint16_t HEADER_SIZE = 6;        //!< M/H/rsvd/Length, Vendor ID, Type
    static constexpr uint16_t MAX_LENGTH = 1023;      //!< 10-bit Length field
    static constexpr uint16_t FLAG_M = 0x8000;        //!< Mandatory bit
    static constexpr uint16_t FLAG_H = 0x4000;        //!< Hidden bit
    static constexpr uint16_t RESERVED_BITS = 0x3c00; //!< must be 0 (section 4.1)
    static constexpr uint16_t LENGTH_MASK = 0x03ff;   //!< Length field

    /**
     * \param type attribute type
     * \return the section 4.4 specification, or nullptr for an unknown type
     */
    static const Spec* FindSpec(uint16_t type);
    /// \return every known attribute specification in type order
    static const std::vector<Spec>& AllSpecs();
    /**
     * \param type attribute type
     * \return the RFC name, or "Unknown(N)"
     */
    static std::string TypeName(uint16_t type);
    /**
     * \brief Text in double quotes as the module prints it (AVP values, decoder reasons):
     *        '"' and backslash escaped, bytes outside printable ASCII as \\xNN, so a quoted
     *        value never holds a raw control character.
     * \param s the text
     * \return the quoted text
     */
    static std::string QuoteText(const std::string& s);

    L2tpAvp() = default;
    /**
     * \param type attribute type (vendor 0)
     * \param value the plain value octets
     * \param mandatory the M bit; by default what the RFC asks for this type
     */
    L2tpAvp(uint16_t type, std::vector<uint8_t> value, std::optional<bool> mandatory = {});

    /// \name Builders for typed values (vendor 0, M bit as the RFC asks)
    /// \{
    static L2tpAvp FromU16(uint16_t type, uint16_t v);
    static L2tpAvp FromU32(uint16_t type, uint32_t v);
    static L2tpAvp FromU64(uint16_t type, uint64_t v);
    static L2tpAvp FromString(uint16_t type, const std::string& s);
    static L2tpAvp FromOctets(uint16_t type, const std::vector<uint8_t>& v);
    static L2tpAvp FromResultCode(uint16_t type, const L2tpResultCode& rc);
    static L2tpAvp FromProtocolVersion(uint8_t version, uint8_t revision);
    static L2tpAvp FromQ931Cause(const L2tpQ931Cause& c);
    static L2tpAvp FromProxyAuthenId(uint8_t id);
    static L2tpAvp FromCallErrors(const L2tpCallErrors& e);
    static L2tpAvp FromAccm(const L2tpAccm& a);
    static L2tpAvp SequencingRequired();
    /// \}

    /// \name Typed readers; each returns nullopt when the value has the wrong size
    /// \{
    std::optional<uint16_t> GetU16() const;
    std::optional<uint32_t> GetU32() const;
    std::optional<uint64_t> GetU64() const;
    std::string GetString() const;
    const std::vector<uint8_t>& GetValue() const;
    std::optional<L2tpResultCode> GetResultCode() const;
    std::optional<std::pair<uint8_t, uint8_t>> GetProtocolVersion() const;
    std::optional<L2tpQ931Cause> GetQ931Cause() const;
    std::optional<uint8_t> GetProxyAuthenId() const;
    std::optional<L2tpCallErrors> GetCallErrors() const;
    std::optional<L2tpAccm> GetAccm() const;
    /// \}

    /**
     * \brief Check the value against the attribute's specification.
     * \param reason receives what is wrong
     * \return true if the value length and content fit section 4.4 (always true for unknown
     *         or vendor attributes)
     */
    bool CheckValue(std::string& reason) const;

    /**
     * \brief The value as text, as the decoder prints it ("1.0", "\"lac-ref\"", "0x00000003",
     *        "result=1,error=0,message=\"Goodbye!\"", hex for octets; no unquoted spaces, so
     *        that a line of name=value pairs splits on spaces).
     * \return the text
     */
    std::string ValueToString() const;

    /// \return the attribute type
    uint16_t GetType() const;
    /// \return the vendor id (0 = IETF)
    uint16_t GetVendorId() const;
    /// \param vendorId the vendor id
    void SetVendorId(uint16_t vendorId);
    /// \return the M bit
    bool IsMandatory() const;
    /// \param m the M bit
    void SetMandatory(bool m);
    /// \return the H bit (as received, or as requested for sending)
    bool IsHidden() const;
    /// \param h request hiding when the message is serialized with a secret
    void SetHidden(bool h);
    /// \return the reserved bits as received (0 when built locally)
    uint16_t GetReservedBits() const;
    /// \return true if the value is still the hidden ciphertext (no secret was available)
    bool IsStillHidden() const;
    /// \return the on-wire size of this AVP without hiding
    uint32_t GetPlainSize() const;

    /**
     * \brief Append the AVP to \p out with its plain value (no hiding).
     * \param out destination
     *
     * Aborts if the AVP would exceed the 10-bit Length field (a value over 1017 octets).
     */
    void AppendPlain(std::vector<uint8_t>& out) const;
    /**
     * \brief Append the AVP header with a given value body (used for hidden values).
     * \param out destination
     * \param body the octets to put in the value field
     * \param hidden the H bit to write
     *
     * Aborts if the AVP would exceed the 10-bit Length field (a body over 1017 octets).
     */
    void AppendWithBody(std::vector<uint8_t>& out, const std::vector<uint8_t>& body,
                        bool hidden) const;

    /**
     * \brief Read one AVP header and raw value (no unhiding) with bounds checks.
     * \param data start of the AVP
     * \param size bytes available from \p data to the end of the message
     * \param avp receives the AVP; a hidden value is stored as ciphertext (IsStillHidden())
     * \param reason receives why it was rejected
     * \return the AVP's length, or 0 if it cannot be read (Length below 6 or beyond \p size)
     */
    static uint32_t ParseOne(const uint8_t* data, uint32_t size, L2tpAvp& avp, std::string& reason);

    /**
     * \brief Replace a hidden AVP's ciphertext by its plain value; the ciphertext is kept so
     *        that the AVP re-serializes byte for byte (padding included).
     * \param plain the unhidden value
     */
    void SetUnhiddenValue(std::vector<uint8_t> plain);
    /// \return the ciphertext this AVP was received with (empty if it was not hidden)
    const std::vector<uint8_t>& GetReceivedCipher() const;

private:
    uint16_t m_type{0};            //!< attribute type
    uint16_t m_vendorId{0};        //!< vendor id
    bool m_mandatory{true};        //!< M bit
    bool m_hidden{false};          //!< H bit
    bool m_stillHidden{false};     //!< m_value is ciphertext
    uint16_t m_reserved{0};        //!< reserved bits as received
    std::vector<uint8_t> m_value;  //!< value octets
    std::vector<uint8_t> m_cipher; //!< ciphertext as received, once unhidden
};

} // namespace ns3

#endif /* L2TP_AVP_H */
