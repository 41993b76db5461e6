/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_MODELED_CIPHER_SUITE_H
#define IPSEC_MODELED_CIPHER_SUITE_H

#include "ipsec-cipher-suite.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief ESP without cipher work, for very large studies: every size is the real one (IV,
 * padding to the block size, Pad Length, Next Header, ICV), the "ciphertext" is the plaintext
 * and the ICV is all zeros, and a per-packet plus per-byte processing delay (attributes) is
 * reported by GetProcessingDelay().
 *
 * Open() accepts a packet whose ICV is all zeros: tampering with the payload is NOT detected
 * in this mode (only a changed ICV is); use the OpenSSL suite to study integrity failures.
 */
class IpsecModeledCipherSuite : public IpsecCipherSuite
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
    Time GetProcessingDelay(uint32_t bytes) const override;
    bool IsModeled() const override;

protected:
    void DoSetKeys() override;

private:
    Time m_perPacket; //!< fixed cost per packet
    Time m_perByte;   //!< cost per ESP byte
};

} // namespace ns3

#endif /* IPSEC_MODELED_CIPHER_SUITE_H */
