/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_PAYLOAD_H
#define IKE_PAYLOAD_H

#include <cstdint>
#include <string>
#include <vector>

#include "ike-sa-payload.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One ISAKMP payload (RFC 2408 section 3.2 ff.) of an IKEv1 message, with the
 *        type-specific fields decoded.
 *
 * The generic payload header (next payload, reserved, length) is not stored: WriteChain()
 * computes it from the payload order, and ParseChain() checks it. The fields used per type:
 * - SA: \c sa; KE, HASH, SIG, Nonce, Vendor ID, NAT-D and unknown types: \c data (the body);
 * - ID (RFC 2407 4.6.2): \c idType, \c protocolId, \c port, \c data (identification data);
 * - Notification (RFC 2408 3.14): \c doi, \c protocolId, \c notifyType, \c spi, \c data;
 * - Delete (RFC 2408 3.15): \c doi, \c protocolId, \c spiSize, \c spis;
 * - NAT-OA (RFC 3947 5.2): \c idType, \c data (the address).
 */
struct IkePayload
{
    /// Payload types (RFC 2408 3.1, RFC 3947 for NAT-D / NAT-OA).
    enum Type : uint8_t
    {
        NONE = 0,
        SA = 1,
        PROPOSAL = 2,
        TRANSFORM = 3,
        KE = 4,
        ID = 5,
        CERT = 6,
        CR = 7,
        HASH = 8,
        SIG = 9,
        NONCE = 10,
        NOTIFICATION = 11,
        DELETE = 12,
        VENDOR_ID = 13,
        NAT_D = 20,
        NAT_OA = 21,
    };

    /// Identification types (RFC 2407 section 4.6.2.1).
    enum IdType : uint8_t
    {
        ID_IPV4_ADDR = 1,
        ID_FQDN = 2,
        ID_USER_FQDN = 3,
        ID_IPV4_ADDR_SUBNET = 4,
        ID_IPV6_ADDR = 5,
        ID_IPV6_ADDR_SUBNET = 6,
        ID_IPV4_ADDR_RANGE = 7,
        ID_IPV6_ADDR_RANGE = 8,
        ID_DER_ASN1_DN = 9,
        ID_DER_ASN1_GN = 10,
        ID_KEY_ID = 11,
    };

    /// Notify message types used here (RFC 2408 3.14.1, RFC 2407 4.6.3, RFC 3706).
    enum NotifyType : uint16_t
    {
        INVALID_PAYLOAD_TYPE = 1,
        NO_PROPOSAL_CHOSEN = 14,
        PAYLOAD_MALFORMED = 16,
        INVALID_ID_INFORMATION = 18,
        INVALID_HASH_INFORMATION = 23,
        AUTHENTICATION_FAILED = 24,
        RESPONDER_LIFETIME = 24576,
        INITIAL_CONTACT = 24578,
        R_U_THERE = 36136,
        R_U_THERE_ACK = 36137,
    };

    /// Vendor IDs this model knows (the bytes are in KnownVendorId()).
    enum KnownVid
    {
        VID_XAUTH,               //!< 09002689dfd6b712
        VID_DPD,                 //!< RFC 3706
        VID_CISCO_FRAGMENTATION, //!< Cisco IKE fragmentation
        VID_NAT_T_RFC3947,       //!< MD5("RFC 3947")
        VID_NAT_T_DRAFT_02N,     //!< MD5("draft-ietf-ipsec-nat-t-ike-02\n")
    };

    uint8_t type = NONE;       //!< payload type
    IkeSaPayload sa;           //!< SA body
    std::vector<uint8_t> data; //!< body / identification data / notification data
    uint8_t idType = 0;        //!< ID and NAT-OA
    uint8_t protocolId = 0;    //!< ID (IP protocol), Notification and Delete (protocol id)
    uint16_t port = 0;         //!< ID
    uint32_t doi = 1;          //!< Notification, Delete
    uint16_t notifyType = 0;   //!< Notification
    std::vector<uint8_t> spi;  //!< Notification
    uint8_t spiSize = 0;       //!< Delete
    std::vector<std::vector<uint8_t>> spis; //!< Delete

    /// \name Constructors for each type
    /// \{
    /// \return an SA payload \param sa body
    static IkePayload MakeSa(const IkeSaPayload& sa);
    /// \return a payload of \p type whose body is \p body \param type type \param body bytes
    static IkePayload MakeRaw(uint8_t type, const std::vector<uint8_t>& body);
    /// \return an ID payload \param idType type \param protocol IP protocol \param port port
    /// \param data identification data
    static IkePayload MakeId(uint8_t idType, uint8_t protocol, uint16_t port,
                             const std::vector<uint8_t>& data);
    /// \return a Notification \param protocol protocol id \param type notify type
    /// \param spi SPI \param data notification data
    static IkePayload MakeNotify(uint8_t protocol, uint16_t type, const std::vector<uint8_t>& spi,
                                 const std::vector<uint8_t>& data);
    /// \return a Delete \param protocol protocol id \param spiSize SPI size
    /// \param spis the SPIs
    static IkePayload MakeDelete(uint8_t protocol, uint8_t spiSize,
                                 const std::vector<std::vector<uint8_t>>& spis);
    /// \return a NAT-OA payload with an IPv4 address \param addr 4 bytes
    static IkePayload MakeNatOa(const std::vector<uint8_t>& addr);
    /// \return a Vendor ID payload with known bytes \param vid which
    static IkePayload MakeVendorId(KnownVid vid);
    /// \}

    /// \return the body (everything after the generic payload header)
    std::vector<uint8_t> Body() const;
    /// \return the payload size including the 4-byte generic header
    uint32_t GetSize() const;

    /**
     * \brief Parse one body of type \p type.
     * \param type payload type
     * \param d body bytes
     * \param n body size
     * \param p result
     * \param reason why it was rejected
     * \return true on success
     */
    static bool ParseBody(uint8_t type, const uint8_t* d, uint32_t n, IkePayload& p,
                          std::string& reason);

    /**
     * \brief Parse a payload chain.
     * \param first type of the first payload (the header's Next Payload)
     * \param d bytes after the ISAKMP header (for an encrypted message: the plaintext)
     * \param n their number
     * \param out the payloads in order
     * \param used bytes taken by the chain (the rest is padding of an encrypted body)
     * \param reason why it was rejected
     * \return true on success. Rejects truncated generic headers, a non-zero reserved byte, a
     *         Length < 4 or beyond \p n, Proposal / Transform types at the top level, and every
     *         body ParseBody() rejects.
     */
    static bool ParseChain(uint8_t first, const uint8_t* d, uint32_t n,
                           std::vector<IkePayload>& out, uint32_t& used, std::string& reason);
    /// \return the chain's bytes with the next-payload fields set \param chain the payloads
    static std::vector<uint8_t> WriteChain(const std::vector<IkePayload>& chain);

    /// \return the bytes of a known vendor ID \param vid which
    static std::vector<uint8_t> KnownVendorId(KnownVid vid);
    /// \return the name of a known vendor ID, or "" \param vid the bytes
    static std::string VendorIdName(const std::vector<uint8_t>& vid);
    /// \return a name for payload type \p t \param t type
    static std::string TypeName(uint8_t t);
};

} // namespace ns3

#endif /* IKE_PAYLOAD_H */
