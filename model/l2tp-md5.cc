/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-md5.h"

#include "ns3/fatal-error.h"

#include <openssl/evp.h>

namespace ns3
{

L2tpMd5::L2tpMd5()
    : m_ctx(EVP_MD_CTX_new())
{
    if (m_ctx == nullptr
        || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(m_ctx), EVP_md5(), nullptr) != 1)
    {
        NS_FATAL_ERROR("OpenSSL could not initialise MD5");
    }
}

L2tpMd5::~L2tpMd5()
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx));
}

L2tpMd5&
L2tpMd5::Update(const uint8_t* data, std::size_t size)
{
    if (size > 0)
    {
        EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), data, size);
    }
    return *this;
}

L2tpMd5&
L2tpMd5::Update(const std::vector<uint8_t>& data)
{
    return Update(data.data(), data.size());
}

L2tpMd5&
L2tpMd5::Update(const std::string& data)
{
    return Update(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}

L2tpMd5&
L2tpMd5::Update(uint8_t byte)
{
    return Update(&byte, 1);
}

L2tpMd5::Digest
L2tpMd5::Final()
{
    Digest d{};
    unsigned int len = 0;
    auto* ctx = static_cast<EVP_MD_CTX*>(m_ctx);
    EVP_DigestFinal_ex(ctx, d.data(), &len);
    EVP_DigestInit_ex(ctx, EVP_md5(), nullptr);
    return d;
}

L2tpMd5::Digest
L2tpChallengeResponse(uint8_t messageType, const std::string& secret,
                      const std::vector<uint8_t>& challenge)
{
    L2tpMd5 md5;
    return md5.Update(messageType).Update(secret).Update(challenge).Final();
}

} // namespace ns3
