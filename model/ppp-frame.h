/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_FRAME_H
#define PPP_FRAME_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief A PPP frame (RFC 1661 section 2, RFC 1662 section 3): optional Address/Control
 *        (FF 03), the Protocol field (1 or 2 octets) and the information field.
 *
 * A value type with a checked decoder. Address-and-Control-Field-Compression (ACFC, RFC 1661
 * 6.6) omits FF 03; Protocol-Field-Compression (PFC, 6.5) sends protocols below 0x0100 whose
 * value is odd in one octet. The decoder accepts both forms whatever was negotiated (RFC 1661:
 * "an implementation MUST accept" the uncompressed form; the compressed one is recognized by
 * the least significant bit of the first protocol octet, as RFC 1661 section 2 describes).
 * Named ns3::PppFrame: "ns3::PppHeader" belongs to ns-3's point-to-point module.
 */
class PppFrame
{
public:
    /// \name Protocol field values (RFC 1661, RFC 1332, RFC 1334, RFC 1994, IANA)
    /// \{
    static constexpr uint16_t PROTO_IPV4 = 0x0021; //!< Internet Protocol version 4
    static constexpr uint16_t PROTO_IPV6 = 0x0057; //!< Internet Protocol version 6
    static constexpr uint16_t PROTO_IPCP = 0x8021; //!< IP Control Protocol (RFC 1332)
    static constexpr uint16_t PROTO_LCP = 0xC021;  //!< Link Control Protocol (RFC 1661)
    static constexpr uint16_t PROTO_PAP = 0xC023;  //!< Password Authentication (RFC 1334)
    static constexpr uint16_t PROTO_CHAP = 0xC223; //!< Challenge Handshake Auth. (RFC 1994)
    /// \}
    static constexpr uint8_t ADDRESS = 0xFF; //!< All-Stations address (RFC 1662 3.1)
    static constexpr uint8_t CONTROL = 0x03; //!< Unnumbered Information (RFC 1662 3.1)

    /// Why a frame was rejected by Decode().
    enum Error
    {
        OK = 0,              //!< valid
        EMPTY,               //!< no octets at all
        TRUNCATED_PROTOCOL,  //!< the frame ends inside the Protocol field
        BAD_ADDRESS_CONTROL, //!< FF not followed by 03
        BAD_PROTOCOL,        //!< Protocol field even in its least significant octet, or odd in
                             //!< its most significant one (RFC 1661 section 2)
    };

    PppFrame();
    /**
     * \param protocol the Protocol field
     * \param information the information field
     */
    PppFrame(uint16_t protocol, const std::vector<uint8_t>& information);

    uint16_t protocol;                 //!< Protocol field
    std::vector<uint8_t> information;  //!< Information field (and padding, if any)
    bool hadAddressControl{true};      //!< after Decode(): FF 03 was present
    bool hadCompressedProtocol{false}; //!< after Decode(): the Protocol field was one octet

    /**
     * \brief Serialize the frame.
     * \param acfc omit FF 03 (only if the peer accepted ACFC). LCP frames always carry FF 03
     *        (RFC 1661 6.6)
     * \param pfc send a compressible Protocol in one octet (only if the peer accepted PFC). LCP
     *        frames never compress the Protocol field (RFC 1661 6.5)
     * \return the frame bytes (without HDLC flags and FCS)
     */
    std::vector<uint8_t> Encode(bool acfc = false, bool pfc = false) const;

    /**
     * \brief Decode a frame with full checking; never reads outside [data, data + size).
     * \param data the frame bytes (no flags, no FCS)
     * \param size their number
     * \param frame receives the frame when OK
     * \return OK or the reason
     */
    static Error Decode(const uint8_t* data, std::size_t size, PppFrame& frame);

    /// \return true if \p protocol may be sent in one octet (value below 0x0100)
    static bool IsCompressible(uint16_t protocol);
    /// \return a short name of \p protocol ("LCP", "IPCP", "IPv4", ...) or its hex value
    static std::string ProtocolName(uint16_t protocol);
    /// \return a text for \p error
    static std::string ErrorText(Error error);
};

} // namespace ns3

#endif /* PPP_FRAME_H */
