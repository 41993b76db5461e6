/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_SA_PAYLOAD_H
#define IKE_SA_PAYLOAD_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One SA attribute (RFC 2408 section 3.3) in TV (AF=1, 16-bit value) or TLV form.
 */
struct IkeAttribute
{
    /// Phase-1 attribute classes (RFC 2409 Appendix A).
    enum Phase1Type : uint16_t
    {
        ENCRYPTION_ALGORITHM = 1,
        HASH_ALGORITHM = 2,
        AUTHENTICATION_METHOD = 3,
        GROUP_DESCRIPTION = 4,
        LIFE_TYPE = 11,
        LIFE_DURATION = 12,
        KEY_LENGTH = 14,
    };

    /// IPsec DOI (phase-2) attribute classes (RFC 2407 section 4.5).
    enum Phase2Type : uint16_t
    {
        SA_LIFE_TYPE = 1,
        SA_LIFE_DURATION = 2,
        P2_GROUP_DESCRIPTION = 3,
        ENCAPSULATION_MODE = 4,
        AUTHENTICATION_ALGORITHM = 5,
        P2_KEY_LENGTH = 6,
    };

    /// Values (RFC 2409 Appendix A, RFC 2407 4.5, RFC 3947 section 5.1 for UDP encapsulation).
    enum Value : uint16_t
    {
        ENC_DES_CBC = 1,
        ENC_3DES_CBC = 5,
        ENC_AES_CBC = 7, //!< RFC 3602 / IANA
        HASH_MD5 = 1,
        HASH_SHA = 2,
        HASH_SHA2_256 = 4,
        AUTH_PRE_SHARED_KEY = 1,
        GROUP_MODP_768 = 1,
        GROUP_MODP_1024 = 2,
        GROUP_MODP_2048 = 14,
        LIFE_SECONDS = 1,
        LIFE_KILOBYTES = 2,
        ENCAP_TUNNEL = 1,
        ENCAP_TRANSPORT = 2,
        ENCAP_UDP_TUNNEL = 3,    //!< RFC 3947
        ENCAP_UDP_TRANSPORT = 4, //!< RFC 3947
        AUTH_HMAC_MD5 = 1,
        AUTH_HMAC_SHA = 2,
    };

    uint16_t type = 0;         //!< attribute class (without the AF bit)
    bool tv = true;            //!< true: TV form (AF bit set), value in \c value
    uint16_t value = 0;        //!< the TV value
    std::vector<uint8_t> data; //!< the TLV value bytes

    /// \return a TV attribute \param type class \param value value
    static IkeAttribute Tv(uint16_t type, uint16_t value);
    /// \return a TLV attribute \param type class \param data value bytes
    static IkeAttribute Tlv(uint16_t type, const std::vector<uint8_t>& data);
    /// \return the value as a number (TV, or a TLV of at most 8 bytes, big-endian)
    uint64_t GetValue() const;
    /// \return the wire size
    uint32_t GetSize() const;
};

/**
 * \ingroup l2tp
 * \brief A Transform payload (RFC 2408 section 3.6) with its attributes.
 */
struct IkeTransform
{
    /// Transform IDs: KEY_IKE = 1 (RFC 2407 4.4.2), ESP_3DES = 3, ESP_AES = 12 (4.4.4, RFC 3602).
    enum Id : uint8_t
    {
        KEY_IKE = 1,
        ESP_3DES = 3,
        ESP_NULL = 11,
        ESP_AES = 12,
    };
    uint8_t number = 1;                   //!< Transform #
    uint8_t transformId = KEY_IKE;        //!< Transform-Id
    std::vector<IkeAttribute> attributes; //!< SA attributes

    /// \return the first attribute of class \p type, or nullptr \param type class
    const IkeAttribute* Find(uint16_t type) const;
    /// \return the wire size including the 8-byte transform header
    uint32_t GetSize() const;
};

/**
 * \ingroup l2tp
 * \brief A Proposal payload (RFC 2408 section 3.5) with its transforms.
 */
struct IkeProposal
{
    /// Protocol IDs (RFC 2407 section 4.4.1).
    enum Protocol : uint8_t
    {
        PROTO_ISAKMP = 1,
        PROTO_IPSEC_AH = 2,
        PROTO_IPSEC_ESP = 3,
    };
    uint8_t number = 1;                   //!< Proposal #
    uint8_t protocolId = PROTO_ISAKMP;    //!< Protocol-Id
    std::vector<uint8_t> spi;             //!< SPI (0 bytes in phase 1, 4 for ESP)
    std::vector<IkeTransform> transforms; //!< transforms

    /// \return the wire size including the 8-byte proposal header and the SPI
    uint32_t GetSize() const;
};

/**
 * \ingroup l2tp
 * \brief The body of a Security Association payload (RFC 2408 3.4, IPsec DOI RFC 2407 4.6.1):
 *        DOI, Situation and the proposals, i.e. everything after the generic payload header
 *        (this is the SAi_b of RFC 2409's HASH_I).
 */
struct IkeSaPayload
{
    static constexpr uint32_t DOI_IPSEC = 1;         //!< IPsec DOI
    static constexpr uint32_t SIT_IDENTITY_ONLY = 1; //!< situation
    uint32_t doi = DOI_IPSEC;                        //!< Domain of Interpretation
    uint32_t situation = SIT_IDENTITY_ONLY;          //!< Situation
    std::vector<IkeProposal> proposals;              //!< proposals

    /**
     * \brief Parse an SA body.
     * \param data the body (after the generic payload header)
     * \param size its size
     * \param sa the result
     * \param reason why it was rejected
     * \return true on success. Rejects a DOI other than IPsec, truncated or overlong
     *         proposals / transforms / attributes, a wrong Proposal or Transform next-payload
     *         (2 / 3 before another, 0 on the last), a transform count that does not match,
     *         and trailing bytes.
     */
    static bool Parse(const uint8_t* data, uint32_t size, IkeSaPayload& sa, std::string& reason);
    /// Append the SA body to \p out. \param out destination
    void Write(std::vector<uint8_t>& out) const;
    /// \return the body size
    uint32_t GetSize() const;
};

} // namespace ns3

#endif /* IKE_SA_PAYLOAD_H */
