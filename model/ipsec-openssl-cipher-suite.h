/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_OPENSSL_CIPHER_SUITE_H
#define IPSEC_OPENSSL_CIPHER_SUITE_H

#include "ipsec-cipher-suite.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Real ESP encryption and integrity with OpenSSL's EVP interface: AES-CBC (RFC 3602),
 * 3DES-CBC (RFC 2451), NULL (RFC 2410) with HMAC-SHA1-96 (RFC 2404) or HMAC-SHA256-128
 * (RFC 4868), and AES-GCM with a 16-byte ICV (RFC 4106).
 *
 * The ICV of the HMAC transforms is the HMAC of SPI | sequence | IV | ciphertext truncated to
 * the ICV size and compared in constant time.
 */
class IpsecOpensslCipherSuite : public IpsecCipherSuite
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::vector<uint8_t> Seal(const uint8_t* header, const std::vector<uint8_t>& iv,
                              const std::vector<uint8_t>& plaintext) override;
    bool Open(const uint8_t* header, const uint8_t* iv, const uint8_t* ct, std::size_t ctSize,
              const uint8_t* icv, std::vector<uint8_t>& plaintext) override;
    bool IsModeled() const override;

    /**
     * \brief HMAC of \p data (full length) with the named digest; used for the ICV and by the
     * known-answer tests.
     * \param sha256 SHA-256 if true, SHA-1 otherwise
     * \param key the key
     * \param data the data
     * \return the full HMAC
     */
    static std::vector<uint8_t> Hmac(bool sha256, const std::vector<uint8_t>& key,
                                     const std::vector<uint8_t>& data);

protected:
    void DoSetKeys() override;

private:
    /// \return the ICV over \p parts (concatenated)
    std::vector<uint8_t> ComputeIcv(const uint8_t* header, const uint8_t* iv, std::size_t ivSize,
                                    const uint8_t* ct, std::size_t ctSize) const;
    /// CBC or NULL encryption (\p encrypt) or decryption of whole blocks
    bool CbcCrypt(bool encrypt, const uint8_t* iv, const uint8_t* in, std::size_t size,
                  uint8_t* out) const;
};

} // namespace ns3

#endif /* IPSEC_OPENSSL_CIPHER_SUITE_H */
