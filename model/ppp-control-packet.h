/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_CONTROL_PACKET_H
#define PPP_CONTROL_PACKET_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief A configuration option (RFC 1661 section 6): Type, Length, Data.
 */
struct PppOption
{
    uint8_t type{0};           //!< option type
    std::vector<uint8_t> data; //!< option data (Length - 2 octets)

    PppOption() = default;
    /// \param t type \param d data
    PppOption(uint8_t t, const std::vector<uint8_t>& d);
    /// \return an option with the 16-bit value \p v in network order
    static PppOption U16(uint8_t t, uint16_t v);
    /// \return an option with the 32-bit value \p v in network order
    static PppOption U32(uint8_t t, uint32_t v);
    /// \return the data as a 16-bit value, or false if the data is not exactly 2 octets
    bool GetU16(uint16_t& v) const;
    /// \return the data as a 32-bit value, or false if the data is not exactly 4 octets
    bool GetU32(uint32_t& v) const;
    /// \return true if type and data are equal
    bool operator==(const PppOption& o) const;
};

/**
 * \ingroup l2tp
 * \brief The packet format shared by LCP, IPCP (RFC 1661 section 5), PAP (RFC 1334) and CHAP
 *        (RFC 1994): Code, Identifier, Length, Data; with a checked parser for it and for
 *        the option list of Configure-Request/-Ack/-Nak/-Reject.
 */
class PppControlPacket
{
public:
    /// \name LCP / NCP codes (RFC 1661 section 5)
    /// \{
    static constexpr uint8_t CONFIGURE_REQUEST = 1; //!< Configure-Request
    static constexpr uint8_t CONFIGURE_ACK = 2;     //!< Configure-Ack
    static constexpr uint8_t CONFIGURE_NAK = 3;     //!< Configure-Nak
    static constexpr uint8_t CONFIGURE_REJECT = 4;  //!< Configure-Reject
    static constexpr uint8_t TERMINATE_REQUEST = 5; //!< Terminate-Request
    static constexpr uint8_t TERMINATE_ACK = 6;     //!< Terminate-Ack
    static constexpr uint8_t CODE_REJECT = 7;       //!< Code-Reject
    static constexpr uint8_t PROTOCOL_REJECT = 8;   //!< Protocol-Reject (LCP only)
    static constexpr uint8_t ECHO_REQUEST = 9;      //!< Echo-Request (LCP only)
    static constexpr uint8_t ECHO_REPLY = 10;       //!< Echo-Reply (LCP only)
    static constexpr uint8_t DISCARD_REQUEST = 11;  //!< Discard-Request (LCP only)
    /// \}
    static constexpr std::size_t HEADER_SIZE = 4; //!< Code, Identifier, Length

    /// Why Parse() or ParseOptions() rejected its input.
    enum Error
    {
        OK = 0,              //!< valid
        TRUNCATED_HEADER,    //!< fewer than 4 octets
        LENGTH_TOO_SHORT,    //!< Length field below 4
        LENGTH_PAST_END,     //!< Length field larger than the received octets
        OPTION_TRUNCATED,    //!< one octet left where an option header (2 octets) was expected
        OPTION_LENGTH_SHORT, //!< an option Length of 0 or 1
        OPTION_PAST_END,     //!< an option Length running past the end of the packet
    };

    uint8_t code{0};           //!< Code
    uint8_t identifier{0};     //!< Identifier
    std::vector<uint8_t> data; //!< Data (Length - 4 octets; padding beyond Length is dropped)

    PppControlPacket() = default;
    /// \param c code \param id identifier \param d data
    PppControlPacket(uint8_t c, uint8_t id, const std::vector<uint8_t>& d);

    /// \return the packet bytes (Length = 4 + data size)
    std::vector<uint8_t> Encode() const;

    /**
     * \brief Parse a packet; octets beyond Length are padding and are ignored (RFC 1661 5).
     * \param bytes the information field of the PPP frame
     * \param size its size
     * \param packet receives the packet when OK
     * \return OK or the reason
     */
    static Error Parse(const uint8_t* bytes, std::size_t size, PppControlPacket& packet);

    /**
     * \brief Parse an option list (the Data of a Configure-* packet).
     * \param data the list
     * \param options receives the options in order when OK
     * \return OK or the reason
     */
    static Error ParseOptions(const std::vector<uint8_t>& data, std::vector<PppOption>& options);
    /// \return the serialized option list
    static std::vector<uint8_t> EncodeOptions(const std::vector<PppOption>& options);
    /// \return a text for \p error
    static std::string ErrorText(Error error);
    /// \return the name of an LCP/NCP \p code ("Configure-Request", ...)
    static std::string CodeName(uint8_t code);
};

} // namespace ns3

#endif /* PPP_CONTROL_PACKET_H */
