/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_CRYPTO_H
#define IKE_CRYPTO_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Oakley MODP Diffie-Hellman (RFC 2409 section 6.2 group 2, RFC 3526 section 3
 *        group 14) with OpenSSL big numbers.
 *
 * The private exponent is given by the caller (drawn from an ns-3 random stream), so runs
 * are deterministic. Public values and the shared secret are left-padded with zeros to the
 * prime's length, as the KE payload and g^xy in SKEYID require (RFC 2409 section 5).
 */
class IkeDiffieHellman
{
public:
    /// \param group 2 (MODP 1024) or 14 (MODP 2048); see IsSupported()
    explicit IkeDiffieHellman(uint16_t group);
    /// \return true for groups 2 and 14 \param group Oakley group number
    static bool IsSupported(uint16_t group);
    /// \return the prime of \p group, big-endian (empty if unsupported) \param group group
    static std::vector<uint8_t> Prime(uint16_t group);
    /// \return the prime's length in bytes (128 or 256; 0 if unsupported)
    uint32_t GetSize() const;
    /// \param x the private exponent, big-endian
    void SetPrivate(const std::vector<uint8_t>& x);
    /// \return g^x mod p, padded to GetSize() bytes
    std::vector<uint8_t> GetPublic() const;
    /**
     * \param peer the peer's public value (KE payload data)
     * \param shared g^xy mod p, padded to GetSize() bytes
     * \param reason why the peer's value was rejected: wrong length, or not in [2, p-2]
     * \return true on success
     */
    bool ComputeShared(const std::vector<uint8_t>& peer, std::vector<uint8_t>& shared,
                       std::string& reason) const;

private:
    uint16_t m_group;         //!< Oakley group
    std::vector<uint8_t> m_x; //!< private exponent
};

/**
 * \ingroup l2tp
 * \brief IKEv1 key derivation and message protection (RFC 2409 sections 5, 5.5, Appendix B;
 *        RFC 3947 NAT-D) with OpenSSL: HMAC prf, SKEYID for pre-shared keys, SKEYID_d/a/e,
 *        the encryption key, HASH_I / HASH_R, Quick Mode HASH(1..3), KEYMAT, the CBC IVs, and
 *        AES-CBC. All byte strings are big-endian.
 */
class IkeCrypto
{
public:
    /// Negotiated hash (phase-1 attribute HASH_ALGORITHM); the prf is HMAC with it.
    enum Hash
    {
        SHA1,
        SHA256,
    };

    /// \return the hash of \p data \param data bytes \param h algorithm
    static std::vector<uint8_t> Digest(const std::vector<uint8_t>& data, Hash h = SHA1);
    /// \return HMAC(key, data) \param key key \param data data \param h algorithm
    static std::vector<uint8_t> Prf(const std::vector<uint8_t>& key,
                                    const std::vector<uint8_t>& data, Hash h = SHA1);

    /// Phase-1 keying material.
    struct Phase1Keys
    {
        std::vector<uint8_t> skeyid;  //!< SKEYID = prf(pre-shared-key, Ni_b | Nr_b)
        std::vector<uint8_t> skeyidD; //!< prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
        std::vector<uint8_t> skeyidA; //!< prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
        std::vector<uint8_t> skeyidE; //!< prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
        std::vector<uint8_t> encKey;  //!< Ka, from SKEYID_e (Appendix B)
    };

    /**
     * \brief Phase-1 keys for pre-shared-key authentication (RFC 2409 section 5).
     * \param psk the pre-shared key \param ni Ni_b \param nr Nr_b \param gxy the shared secret
     * \param ckyI initiator cookie (8 bytes) \param ckyR responder cookie (8 bytes)
     * \param keyLen cipher key length in bytes \param h hash
     * \return the keys
     */
    static Phase1Keys DerivePhase1Psk(const std::vector<uint8_t>& psk,
                                      const std::vector<uint8_t>& ni,
                                      const std::vector<uint8_t>& nr,
                                      const std::vector<uint8_t>& gxy,
                                      const std::vector<uint8_t>& ckyI,
                                      const std::vector<uint8_t>& ckyR, uint32_t keyLen,
                                      Hash h = SHA1);

    /**
     * \brief The cipher key from SKEYID_e (RFC 2409 Appendix B): its first \p keyLen bytes,
     *        expanded first as K = K1 | K2 | ..., K1 = prf(SKEYID_e, 0), Ki = prf(SKEYID_e,
     *        K(i-1)) when SKEYID_e is too short.
     * \param skeyidE SKEYID_e \param keyLen bytes \param h hash \return the key
     */
    static std::vector<uint8_t> EncryptionKey(const std::vector<uint8_t>& skeyidE, uint32_t keyLen,
                                              Hash h = SHA1);

    /**
     * \brief HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b); HASH_R is the
     *        same function with (g^xr, g^xi, CKY-R, CKY-I, SAi_b, IDir_b) (RFC 2409 section 5).
     * \param skeyid SKEYID \param gx1 first public value \param gx2 second
     * \param cky1 first cookie \param cky2 second \param saiB the initiator's SA body
     * \param idB the ID payload body \param h hash \return the hash
     */
    static std::vector<uint8_t> Phase1Hash(const std::vector<uint8_t>& skeyid,
                                           const std::vector<uint8_t>& gx1,
                                           const std::vector<uint8_t>& gx2,
                                           const std::vector<uint8_t>& cky1,
                                           const std::vector<uint8_t>& cky2,
                                           const std::vector<uint8_t>& saiB,
                                           const std::vector<uint8_t>& idB, Hash h = SHA1);

    /// \return HASH(1) = prf(SKEYID_a, M-ID | rest) (Quick Mode and Informational)
    /// \param skeyidA SKEYID_a \param mid Message ID \param rest the payloads after HASH
    /// \param h hash
    static std::vector<uint8_t> QmHash1(const std::vector<uint8_t>& skeyidA, uint32_t mid,
                                        const std::vector<uint8_t>& rest, Hash h = SHA1);
    /// \return HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest) \param skeyidA SKEYID_a
    /// \param mid Message ID \param niB Ni_b \param rest the payloads after HASH \param h hash
    static std::vector<uint8_t> QmHash2(const std::vector<uint8_t>& skeyidA, uint32_t mid,
                                        const std::vector<uint8_t>& niB,
                                        const std::vector<uint8_t>& rest, Hash h = SHA1);
    /// \return HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b) \param skeyidA SKEYID_a
    /// \param mid Message ID \param niB Ni_b \param nrB Nr_b \param h hash
    static std::vector<uint8_t> QmHash3(const std::vector<uint8_t>& skeyidA, uint32_t mid,
                                        const std::vector<uint8_t>& niB,
                                        const std::vector<uint8_t>& nrB, Hash h = SHA1);

    /**
     * \brief KEYMAT without PFS (RFC 2409 section 5.5): K1 = prf(SKEYID_d, protocol | SPI |
     *        Ni_b | Nr_b), Ki = prf(SKEYID_d, K(i-1) | protocol | SPI | Ni_b | Nr_b), truncated.
     * \param skeyidD SKEYID_d \param protocol protocol id (3 = ESP) \param spi the SPI of the
     *        SA being keyed (the receiver's choice) \param niB Ni_b \param nrB Nr_b
     * \param len bytes wanted (encryption key then authentication key) \param h hash
     * \return the keying material
     */
    static std::vector<uint8_t> Keymat(const std::vector<uint8_t>& skeyidD, uint8_t protocol,
                                       const std::vector<uint8_t>& spi,
                                       const std::vector<uint8_t>& niB,
                                       const std::vector<uint8_t>& nrB, uint32_t len,
                                       Hash h = SHA1);

    /// \return the phase-1 IV: the first \p block bytes of hash(g^xi | g^xr) (Appendix B)
    /// \param gxi initiator's public value \param gxr responder's \param block cipher block
    /// \param h hash
    static std::vector<uint8_t> Phase1Iv(const std::vector<uint8_t>& gxi,
                                         const std::vector<uint8_t>& gxr, uint32_t block = 16,
                                         Hash h = SHA1);
    /// \return the first IV of a phase-2 / informational exchange: hash(last phase-1 CBC
    /// output block | M-ID), truncated (Appendix B) \param lastBlock that block
    /// \param mid Message ID \param block cipher block \param h hash
    static std::vector<uint8_t> Phase2Iv(const std::vector<uint8_t>& lastBlock, uint32_t mid,
                                         uint32_t block = 16, Hash h = SHA1);

    /**
     * \brief AES-CBC without padding (IKEv1 pads itself).
     * \param key 16, 24 or 32 bytes \param iv 16 bytes \param in a multiple of 16 bytes
     * \param encrypt direction \param out result \param reason why it failed
     * \return true on success
     */
    static bool AesCbc(const std::vector<uint8_t>& key, const std::vector<uint8_t>& iv,
                       const std::vector<uint8_t>& in, bool encrypt, std::vector<uint8_t>& out,
                       std::string& reason);

    /// \return NAT-D = hash(CKY-I | CKY-R | IP | Port) (RFC 3947 section 3.2)
    /// \param cookies CKY-I | CKY-R (16 bytes) \param addr IPv4 address (4 bytes)
    /// \param port UDP port \param h hash
    static std::vector<uint8_t> NatD(const std::vector<uint8_t>& cookies,
                                     const std::vector<uint8_t>& addr, uint16_t port,
                                     Hash h = SHA1);

    /// \return one line of Wireshark's ikev1_decryption_table UAT: "CKY-I,Ka" in lowercase
    /// hex \param ckyI initiator cookie \param encKey the phase-1 encryption key
    static std::string Ikev1DecryptionTableLine(const std::vector<uint8_t>& ckyI,
                                                const std::vector<uint8_t>& encKey);
};

} // namespace ns3

#endif /* IKE_CRYPTO_H */
