/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ESP_PACKET_H
#define ESP_PACKET_H

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Why an IPsec packet was dropped (every drop is counted and traced with one of these).
 */
enum class IpsecDropReason : uint8_t
{
    NONE = 0,          //!< not dropped
    TRUNCATED,         //!< shorter than SPI + sequence + IV + one block + ICV
    BAD_LENGTH,        //!< ciphertext not a multiple of the cipher block size / alignment
    UNKNOWN_SPI,       //!< no inbound SA with this SPI (and destination)
    SEQUENCE_ZERO,     //!< sequence number 0 (never sent, RFC 4303 3.3.3)
    REPLAY,            //!< sequence number already received (RFC 4303 3.4.3)
    LEFT_OF_WINDOW,    //!< sequence number left of the anti-replay window
    INTEGRITY_FAILURE, //!< ICV verification failed
    BAD_PAD_LENGTH,    //!< Pad Length larger than the decrypted data allows
    BAD_PADDING,       //!< pad bytes are not 1, 2, 3, ... (RFC 4303 2.4)
    SEQUENCE_OVERFLOW, //!< outbound counter exhausted: no wrap without ESN, SA must be rekeyed
    SA_EXPIRED,        //!< hard lifetime (seconds or bytes) reached
    POLICY_DISCARD,    //!< the SPD says DISCARD (or nothing matched)
    ACQUIRE_OVERFLOW,  //!< no SA yet (IKE running) and the acquire queue is full
    ACQUIRE_FAILED,    //!< no SA: IKE failed for the destination, queued packets dropped
    COUNT              //!< number of reasons (array size)
};

/// \return a short name for \p reason ("integrity-failure", ...)
std::string IpsecDropReasonName(IpsecDropReason reason);

/**
 * \brief Print the reason's name.
 * \param os the stream
 * \param reason the reason
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, IpsecDropReason reason);

/**
 * \ingroup l2tp
 * \brief Byte layout of an ESP packet (RFC 4303 section 2): SPI, Sequence Number, IV,
 * encrypted (Payload, Padding, Pad Length, Next Header), ICV.
 *
 * Building and parsing are byte-exact and bounds-checked; the cipher work is done by an
 * IpsecCipherSuite.
 */
class EspPacket
{
public:
    static constexpr uint32_t HEADER_SIZE = 8;      //!< SPI + Sequence Number
    static constexpr uint8_t IP_PROTOCOL = 50;      //!< IP protocol number of ESP
    static constexpr uint16_t NAT_T_PORT = 4500;    //!< UDP port of RFC 3948 encapsulation
    static constexpr uint32_t TRAILER_SIZE = 2;     //!< Pad Length + Next Header
    static constexpr uint32_t MIN_ALIGNMENT = 4;    //!< RFC 4303 2.4: 4-byte alignment
    static constexpr uint32_t MAX_PAD_LENGTH = 255; //!< the Pad Length field is one byte

    /// Offsets and sizes of the parts of a received ESP packet.
    struct Layout
    {
        uint32_t spi{0};          //!< SPI (host order)
        uint32_t sequence{0};     //!< Sequence Number (host order)
        std::size_t ivOffset{0};  //!< offset of the IV
        std::size_t ivSize{0};    //!< IV size
        std::size_t ctOffset{0};  //!< offset of the encrypted part
        std::size_t ctSize{0};    //!< size of the encrypted part
        std::size_t icvOffset{0}; //!< offset of the ICV
        std::size_t icvSize{0};   //!< ICV size
    };

    /**
     * \brief Number of pad bytes for \p payloadSize so that payload + pad + 2 is a multiple
     * of \p alignment (the minimum padding; RFC 4303 2.4).
     * \param payloadSize bytes of the payload
     * \param alignment block size of the cipher, at least 4
     * \return the pad length
     */
    static uint32_t PadLength(std::size_t payloadSize, uint32_t alignment);

    /**
     * \brief Total ESP size (header, IV, payload, padding, trailer, ICV) for a payload.
     * \param payloadSize payload bytes
     * \param ivSize IV bytes
     * \param alignment cipher block size (at least 4)
     * \param icvSize ICV bytes
     * \return the ESP packet size in bytes
     */
    static std::size_t EspSize(std::size_t payloadSize, uint32_t ivSize, uint32_t alignment,
                               uint32_t icvSize);

    /**
     * \brief The plaintext to encrypt: payload, pad bytes 1, 2, 3, ..., Pad Length, Next Header.
     * \param payload the payload bytes
     * \param nextHeader the Next Header value (e.g. 17 for UDP in transport mode, 4 in tunnel)
     * \param alignment cipher block size (at least 4)
     * \return the plaintext, a multiple of \p alignment bytes long
     */
    static std::vector<uint8_t> BuildPlaintext(const std::vector<uint8_t>& payload,
                                               uint8_t nextHeader, uint32_t alignment);

    /// Write SPI and sequence number in network order to \p out[0..7].
    static void WriteHeader(uint32_t spi, uint32_t sequence, uint8_t* out);

    /**
     * \brief Split a received ESP packet into its parts, checking every bound.
     * \param data the ESP packet (from the SPI on)
     * \param size its length
     * \param ivSize IV size of the SA's transform
     * \param alignment block size of the transform (at least 4)
     * \param icvSize ICV size of the transform
     * \param layout receives the offsets
     * \param reason receives TRUNCATED or BAD_LENGTH on failure
     * \param detail receives a human-readable explanation on failure
     * \return true if the packet has room for header, IV, an aligned non-empty encrypted part
     *         and the ICV
     */
    static bool Split(const uint8_t* data, std::size_t size, uint32_t ivSize, uint32_t alignment,
                      uint32_t icvSize, Layout& layout, IpsecDropReason& reason,
                      std::string& detail);

    /**
     * \brief Check the decrypted trailer: Pad Length in range and pad bytes 1, 2, 3, ...
     * \param plaintext the decrypted part
     * \param payloadSize receives the payload size
     * \param padLength receives the Pad Length
     * \param nextHeader receives the Next Header
     * \param reason receives TRUNCATED, BAD_PAD_LENGTH or BAD_PADDING on failure
     * \param detail receives an explanation on failure
     * \return true if the trailer is valid
     */
    static bool ParseTrailer(const std::vector<uint8_t>& plaintext, std::size_t& payloadSize,
                             uint8_t& padLength, uint8_t& nextHeader, IpsecDropReason& reason,
                             std::string& detail);

    /// \return the SPI of \p data (which must hold at least 4 bytes)
    static uint32_t PeekSpi(const uint8_t* data);

    /// What a UDP datagram on port 4500 carries (RFC 3948 section 2).
    enum class UdpEncapKind
    {
        ESP,       //!< ESP packet (first four bytes: a non-zero SPI)
        IKE,       //!< IKE message after the 4-byte non-ESP marker (zero)
        KEEPALIVE, //!< NAT-keepalive: exactly one byte 0xFF (RFC 3948 2.3)
        MALFORMED  //!< anything else (too short for either)
    };

    /**
     * \brief Demultiplex a UDP 4500 payload as RFC 3948 section 2 says.
     * \param data the UDP payload
     * \param size its length
     * \return what it is
     */
    static UdpEncapKind ClassifyUdpEncap(const uint8_t* data, std::size_t size);
};

} // namespace ns3

#endif /* ESP_PACKET_H */
