/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-avp-hiding.h"

#include "l2tp-md5.h"

namespace ns3
{

void
L2tpAvpHiding::Crypt(uint16_t attributeType, std::vector<uint8_t>& data, const std::string& secret,
                     const std::vector<uint8_t>& randomVector, bool decrypt)
{
    L2tpMd5 md5;
    const uint8_t at[2] = {uint8_t(attributeType >> 8), uint8_t(attributeType & 0xff)};
    L2tpMd5::Digest b = md5.Update(at, 2).Update(secret).Update(randomVector).Final();
    for (std::size_t pos = 0; pos < data.size(); pos += L2tpMd5::DIGEST_SIZE)
    {
        std::size_t n = std::min<std::size_t>(L2tpMd5::DIGEST_SIZE, data.size() - pos);
        uint8_t cipher[L2tpMd5::DIGEST_SIZE];
        for (std::size_t i = 0; i < n; ++i)
        {
            // The chain always runs over the ciphertext block.
            cipher[i] = decrypt ? data[pos + i] : uint8_t(data[pos + i] ^ b[i]);
            data[pos + i] ^= b[i];
        }
        if (pos + n < data.size())
        {
            b = md5.Update(secret).Update(cipher, n).Final();
        }
    }
}

std::vector<uint8_t>
L2tpAvpHiding::Hide(uint16_t attributeType, const std::vector<uint8_t>& value,
                    const std::string& secret, const std::vector<uint8_t>& randomVector,
                    const std::vector<uint8_t>& padding)
{
    std::vector<uint8_t> p;
    p.reserve(2 + value.size() + padding.size());
    p.push_back(uint8_t(value.size() >> 8));
    p.push_back(uint8_t(value.size() & 0xff));
    p.insert(p.end(), value.begin(), value.end());
    p.insert(p.end(), padding.begin(), padding.end());
    Crypt(attributeType, p, secret, randomVector, false);
    return p;
}

bool
L2tpAvpHiding::Unhide(uint16_t attributeType, const std::vector<uint8_t>& hidden,
                      const std::string& secret, const std::vector<uint8_t>& randomVector,
                      std::vector<uint8_t>& value, std::string& reason)
{
    if (hidden.size() < 2)
    {
        reason = "hidden value of " + std::to_string(hidden.size())
                 + " octets cannot hold the 2-octet Original Length";
        return false;
    }
    std::vector<uint8_t> p = hidden;
    Crypt(attributeType, p, secret, randomVector, true);
    std::size_t original = (p[0] << 8) | p[1];
    if (original > p.size() - 2)
    {
        reason = "unhidden Original Length " + std::to_string(original) + " exceeds the "
                 + std::to_string(p.size() - 2) + " octets that follow (wrong secret?)";
        return false;
    }
    value.assign(p.begin() + 2, p.begin() + 2 + original);
    return true;
}

} // namespace ns3
