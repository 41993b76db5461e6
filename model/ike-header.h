/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_HEADER_H
#define IKE_HEADER_H

#include "ns3/header.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The 28-byte ISAKMP header (RFC 2408 section 3.1) used by IKEv1 (RFC 2409).
 *
 * Parse() checks every field against the given size and the RFC and explains every
 * rejection; Deserialize() through a Packet uses it and records the reason in GetError().
 * The header's Length covers the whole ISAKMP message (header, payloads, and the padding of
 * an encrypted body). The helpers for the 4-byte non-ESP marker (RFC 3948 section 2.2) that
 * precedes IKE messages on UDP port 4500 are here as well.
 */
class IkeHeader : public Header
{
public:
    static constexpr uint32_t SIZE = 28;               //!< fixed header size
    static constexpr uint8_t VERSION_1_0 = 0x10;       //!< Major 1, Minor 0 (IKEv1)
    static constexpr uint8_t FLAG_ENCRYPTION = 0x01;   //!< E bit
    static constexpr uint8_t FLAG_COMMIT = 0x02;       //!< C bit
    static constexpr uint8_t FLAG_AUTH_ONLY = 0x04;    //!< A bit
    static constexpr uint32_t NON_ESP_MARKER_SIZE = 4; //!< RFC 3948 non-ESP marker

    /// Exchange types (RFC 2408 section 3.1, RFC 2409 section 5 and 5.5).
    enum ExchangeType : uint8_t
    {
        EXCHANGE_NONE = 0,
        EXCHANGE_BASE = 1,
        EXCHANGE_IDENTITY_PROTECTION = 2, //!< Main Mode
        EXCHANGE_AUTHENTICATION_ONLY = 3,
        EXCHANGE_AGGRESSIVE = 4,
        EXCHANGE_INFORMATIONAL = 5,
        EXCHANGE_QUICK_MODE = 32,
        EXCHANGE_NEW_GROUP_MODE = 33,
    };

    IkeHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /**
     * \brief Parse a header from raw bytes with full checking.
     * \param data the bytes
     * \param size number of bytes available
     * \param header the result
     * \param reason why the bytes were rejected (unchanged on success)
     * \return the header size (28), or 0 if rejected
     *
     * Rejects: fewer than 28 bytes, a major version other than 1, unknown flag bits, a
     * Length below 28 or above \p size.
     */
    static uint32_t Parse(const uint8_t* data, uint32_t size, IkeHeader& header,
                          std::string& reason);

    /// Append the 28 header bytes to \p out. \param out destination
    void Write(std::vector<uint8_t>& out) const;

    /// \return true if the last Deserialize() accepted the header
    bool IsValid() const;
    /// \return the rejection reason of the last Deserialize()
    const std::string& GetError() const;

    /// \name Fields
    /// \{
    std::array<uint8_t, 8> initiatorCookie{};            //!< CKY-I
    std::array<uint8_t, 8> responderCookie{};            //!< CKY-R (zero in the first message)
    uint8_t nextPayload = 0;                             //!< type of the first payload
    uint8_t version = VERSION_1_0;                       //!< major/minor version
    uint8_t exchangeType = EXCHANGE_IDENTITY_PROTECTION; //!< exchange type
    uint8_t flags = 0;                                   //!< E/C/A flags
    uint32_t messageId = 0;                              //!< Message ID (0 in phase 1)
    uint32_t length = SIZE;                              //!< total message length
    /// \}

    /// \return true if the E (encryption) flag is set
    bool IsEncrypted() const;
    /// \return the cookies as one 16-byte string CKY-I | CKY-R
    std::vector<uint8_t> Cookies() const;
    /// \return a readable name for \p t \param t exchange type
    static std::string ExchangeTypeName(uint8_t t);

    /**
     * \param data UDP payload received on port 4500
     * \param size its size
     * \return true if it starts with the non-ESP marker (four zero bytes, RFC 3948 2.2) and
     *         therefore carries IKE rather than ESP (whose SPI is never zero). A one-byte
     *         0xFF payload is a NAT-keepalive (RFC 3948 2.3) and returns false.
     */
    static bool HasNonEspMarker(const uint8_t* data, uint32_t size);
    /// \return \p ike prefixed with the non-ESP marker \param ike an ISAKMP message
    static std::vector<uint8_t> AddNonEspMarker(const std::vector<uint8_t>& ike);

private:
    /**
     * \brief Parse() with an optional Length check.
     * \param data bytes \param size available \param header result \param reason why not
     * \param checkLength whether Length must fit in \p size
     * \return 28 or 0
     */
    static uint32_t ParseFields(const uint8_t* data, uint32_t size, IkeHeader& header,
                                std::string& reason, bool checkLength);

    bool m_valid = true; //!< result of the last Deserialize()
    std::string m_error; //!< reason of the last rejection
};

} // namespace ns3

#endif /* IKE_HEADER_H */
