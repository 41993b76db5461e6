/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_CIPHER_SUITE_H
#define IPSEC_CIPHER_SUITE_H

#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The ESP transforms (encryption + integrity) of the model.
 */
enum class IpsecTransform : uint8_t
{
    AES_CBC_128_HMAC_SHA1_96,    //!< RFC 3602 + RFC 2404
    AES_CBC_256_HMAC_SHA1_96,    //!< RFC 3602 + RFC 2404
    AES_CBC_128_HMAC_SHA256_128, //!< RFC 3602 + RFC 4868
    AES_CBC_256_HMAC_SHA256_128, //!< RFC 3602 + RFC 4868
    AES_GCM_128_16,              //!< RFC 4106, 16-byte ICV, 4-byte salt
    AES_GCM_256_16,              //!< RFC 4106, 16-byte ICV, 4-byte salt
    TDES_CBC_HMAC_SHA1_96,       //!< RFC 2451 3DES-CBC + RFC 2404
    NULL_HMAC_SHA1_96,           //!< RFC 2410 NULL encryption + RFC 2404
    NULL_HMAC_SHA256_128,        //!< RFC 2410 NULL encryption + RFC 4868
};

/**
 * \ingroup l2tp
 * \brief Sizes and names of a transform.
 */
struct IpsecTransformInfo
{
    std::string name;          //!< e.g. "aes128-sha1"
    uint32_t encKeySize;       //!< cipher key bytes (without salt)
    uint32_t saltSize;         //!< salt bytes taken from the end of the key material (GCM: 4)
    uint32_t authKeySize;      //!< integrity key bytes (0 for AEAD)
    uint32_t ivSize;           //!< IV bytes carried in each packet
    uint32_t blockSize;        //!< padding alignment (cipher block size, at least 4)
    uint32_t icvSize;          //!< ICV bytes
    std::string wiresharkEnc;  //!< Wireshark 4.0 esp_sa encryption name
    std::string wiresharkAuth; //!< Wireshark 4.0 esp_sa authentication name
};

/// \return the sizes and names of \p t
const IpsecTransformInfo& GetIpsecTransformInfo(IpsecTransform t);

/**
 * \ingroup l2tp
 * \brief Encryption and integrity of ESP packets for one SA.
 *
 * Seal() turns the ESP header (SPI and sequence number), the IV and the padded plaintext into
 * ciphertext followed by the ICV; Open() checks the ICV and decrypts. Integrity covers
 * SPI | sequence | IV | ciphertext for the CBC/NULL transforms (RFC 4303 3.3.4); for AES-GCM
 * the AAD is SPI | sequence and the nonce is salt | IV (RFC 4106 section 5 and 4).
 */
class IpsecCipherSuite : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecCipherSuite();
    ~IpsecCipherSuite() override;

    /// \return the transform
    IpsecTransform GetTransform() const;
    /// \return its sizes
    const IpsecTransformInfo& GetInfo() const;

    /**
     * \brief Set the keys.
     * \param transform the transform
     * \param encKey cipher key followed by the salt (GCM); empty for NULL encryption
     * \param authKey integrity key (any length for HMAC; empty for GCM)
     * \param error receives the reason on failure
     * \return false if the cipher key size is wrong
     */
    bool SetKeys(IpsecTransform transform, const std::vector<uint8_t>& encKey,
                 const std::vector<uint8_t>& authKey, std::string& error);

    /**
     * \brief Encrypt and authenticate.
     * \param header the 8 bytes SPI | sequence number
     * \param iv the IV (GetInfo().ivSize bytes)
     * \param plaintext payload, padding, pad length, next header (aligned)
     * \return ciphertext followed by the ICV
     */
    virtual std::vector<uint8_t> Seal(const uint8_t* header, const std::vector<uint8_t>& iv,
                                      const std::vector<uint8_t>& plaintext)
        = 0;

    /**
     * \brief Verify the ICV and decrypt.
     * \param header the 8 bytes SPI | sequence number
     * \param iv the IV
     * \param ct the ciphertext
     * \param ctSize its length (aligned)
     * \param icv the received ICV (GetInfo().icvSize bytes)
     * \param plaintext receives the decrypted part
     * \return false on integrity failure
     */
    virtual bool Open(const uint8_t* header, const uint8_t* iv, const uint8_t* ct,
                      std::size_t ctSize, const uint8_t* icv, std::vector<uint8_t>& plaintext)
        = 0;

    /**
     * \brief Processing delay for a packet (only the modeled suite has one).
     * \param bytes ESP packet size
     * \return the delay the stack adds before the packet moves on
     */
    virtual Time GetProcessingDelay(uint32_t bytes) const;

    /// \return the encryption key material as given to SetKeys (key, then salt)
    std::vector<uint8_t> GetEncKeyMaterial() const;
    /// \return the integrity key
    const std::vector<uint8_t>& GetAuthKey() const;

    /// \return true for the modeled (no cipher work) suite
    virtual bool IsModeled() const = 0;

    /**
     * \brief Create a suite.
     * \param transform the transform
     * \param modeled true for IpsecModeledCipherSuite, false for IpsecOpensslCipherSuite
     * \return the new suite (keys not set)
     */
    static Ptr<IpsecCipherSuite> Create(IpsecTransform transform, bool modeled);

protected:
    /// Called by SetKeys after the sizes were checked.
    virtual void DoSetKeys() = 0;

    IpsecTransform m_transform{IpsecTransform::AES_CBC_128_HMAC_SHA1_96}; //!< transform
    std::vector<uint8_t> m_encKey;  //!< cipher key (without salt)
    std::vector<uint8_t> m_salt;    //!< salt (GCM)
    std::vector<uint8_t> m_authKey; //!< integrity key
};

} // namespace ns3

#endif /* IPSEC_CIPHER_SUITE_H */
