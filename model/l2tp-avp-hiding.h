/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_AVP_HIDING_H
#define L2TP_AVP_HIDING_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Hiding of AVP values, RFC 2661 section 4.3.
 *
 * The hidden value is the "subformat" (2-octet Original Length, the original value, optional
 * padding) XORed with an MD5 key stream:
 * b(1) = MD5(AT + S + RV), c(1) = p(1) xor b(1); b(i) = MD5(S + c(i-1)), c(i) = p(i) xor b(i),
 * with AT the 2-octet attribute type, S the shared secret and RV the value of the Random
 * Vector AVP that most recently precedes the hidden AVP. The last block may be short.
 */
class L2tpAvpHiding
{
public:
    /**
     * \brief Hide a value.
     * \param attributeType the AVP's Attribute Type
     * \param value the original value
     * \param secret the shared secret
     * \param randomVector the Random Vector in effect
     * \param padding octets appended after the value to hide its length (may be empty)
     * \return the ciphertext to carry as the AVP value (2 + value + padding octets)
     */
    static std::vector<uint8_t> Hide(uint16_t attributeType, const std::vector<uint8_t>& value,
                                     const std::string& secret,
                                     const std::vector<uint8_t>& randomVector,
                                     const std::vector<uint8_t>& padding = {});

    /**
     * \brief Recover a hidden value.
     * \param attributeType the AVP's Attribute Type
     * \param hidden the ciphertext (the AVP value as received)
     * \param secret the shared secret
     * \param randomVector the Random Vector in effect
     * \param value receives the original value
     * \param reason receives why unhiding failed
     * \return false if the ciphertext is shorter than 2 octets or the recovered Original
     *         Length exceeds what follows it (wrong secret or corrupted AVP)
     */
    static bool Unhide(uint16_t attributeType, const std::vector<uint8_t>& hidden,
                       const std::string& secret, const std::vector<uint8_t>& randomVector,
                       std::vector<uint8_t>& value, std::string& reason);

private:
    /// XOR \p data in place with the key stream; \p decrypt says whether \p data is ciphertext.
    static void Crypt(uint16_t attributeType, std::vector<uint8_t>& data, const std::string& secret,
                      const std::vector<uint8_t>& randomVector, bool decrypt);
};

} // namespace ns3

#endif /* L2TP_AVP_HIDING_H */
