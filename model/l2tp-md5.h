/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_MD5_H
#define L2TP_MD5_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Incremental MD5 (RFC 1321) through OpenSSL's EVP interface.
 *
 * L2TP uses MD5 for AVP hiding (RFC 2661 section 4.3) and tunnel authentication
 * (section 4.4.3); PPP CHAP uses it too. The class is copyable only by value of its result.
 */
class L2tpMd5
{
public:
    /// Size of an MD5 digest in bytes.
    static constexpr std::size_t DIGEST_SIZE = 16;
    /// An MD5 digest.
    using Digest = std::array<uint8_t, DIGEST_SIZE>;

    L2tpMd5();
    ~L2tpMd5();
    L2tpMd5(const L2tpMd5&) = delete;
    L2tpMd5& operator=(const L2tpMd5&) = delete;

    /**
     * \brief Feed bytes into the hash.
     * \param data the bytes
     * \param size how many
     * \return this object, for chaining
     */
    L2tpMd5& Update(const uint8_t* data, std::size_t size);
    /// \copydoc Update(const uint8_t*,std::size_t)
    L2tpMd5& Update(const std::vector<uint8_t>& data);
    /// \copydoc Update(const uint8_t*,std::size_t)
    L2tpMd5& Update(const std::string& data);
    /// Feed one byte.  \param byte the byte \return this object
    L2tpMd5& Update(uint8_t byte);
    /// \return the digest; the object is reset and may be reused.
    Digest Final();

private:
    void* m_ctx; //!< OpenSSL EVP_MD_CTX (kept opaque to avoid OpenSSL in public headers)
};

/**
 * \ingroup l2tp
 * \brief RFC 2661 section 4.4.3 Challenge Response: MD5(type octet || secret || challenge).
 * \param messageType the message type that will carry the response (2 in SCCRP, 3 in SCCCN)
 * \param secret the tunnel's shared secret
 * \param challenge the peer's Challenge AVP value
 * \return the 16-byte response
 */
L2tpMd5::Digest L2tpChallengeResponse(uint8_t messageType, const std::string& secret,
                                      const std::vector<uint8_t>& challenge);

} // namespace ns3

#endif /* L2TP_MD5_H */
