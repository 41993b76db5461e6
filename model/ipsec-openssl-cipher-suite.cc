/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-openssl-cipher-suite.h"

#include "ns3/abort.h"
#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstring>
#include <memory>

#include "esp-packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecOpensslCipherSuite");
NS_OBJECT_ENSURE_REGISTERED(IpsecOpensslCipherSuite);

namespace
{

struct CtxFree
{
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

using CtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

const EVP_CIPHER*
CipherFor(IpsecTransform t)
{
    switch (t)
    {
        case IpsecTransform::AES_CBC_128_HMAC_SHA1_96:
        case IpsecTransform::AES_CBC_128_HMAC_SHA256_128:
            return EVP_aes_128_cbc();
        case IpsecTransform::AES_CBC_256_HMAC_SHA1_96:
        case IpsecTransform::AES_CBC_256_HMAC_SHA256_128:
            return EVP_aes_256_cbc();
        case IpsecTransform::AES_GCM_128_16:
            return EVP_aes_128_gcm();
        case IpsecTransform::AES_GCM_256_16:
            return EVP_aes_256_gcm();
        case IpsecTransform::TDES_CBC_HMAC_SHA1_96:
            return EVP_des_ede3_cbc();
        default:
            return nullptr;
    }
}

bool
IsGcm(IpsecTransform t)
{
    return t == IpsecTransform::AES_GCM_128_16 || t == IpsecTransform::AES_GCM_256_16;
}

bool
UsesSha256(IpsecTransform t)
{
    return t == IpsecTransform::AES_CBC_128_HMAC_SHA256_128
           || t == IpsecTransform::AES_CBC_256_HMAC_SHA256_128
           || t == IpsecTransform::NULL_HMAC_SHA256_128;
}

} // namespace

TypeId
IpsecOpensslCipherSuite::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecOpensslCipherSuite")
                            .SetParent<IpsecCipherSuite>()
                            .SetGroupName("L2tp")
                            .AddConstructor<IpsecOpensslCipherSuite>();
    return tid;
}

bool
IpsecOpensslCipherSuite::IsModeled() const
{
    return false;
}

void
IpsecOpensslCipherSuite::DoSetKeys()
{
}

std::vector<uint8_t>
IpsecOpensslCipherSuite::Hmac(bool sha256, const std::vector<uint8_t>& key,
                              const std::vector<uint8_t>& data)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    static const uint8_t empty = 0;
    if (HMAC(sha256 ? EVP_sha256() : EVP_sha1(), key.empty() ? &empty : key.data(),
             static_cast<int>(key.size()), data.empty() ? &empty : data.data(), data.size(), md,
             &len)
        == nullptr)
    {
        NS_FATAL_ERROR("OpenSSL HMAC failed");
    }
    return std::vector<uint8_t>(md, md + len);
}

std::vector<uint8_t>
IpsecOpensslCipherSuite::ComputeIcv(const uint8_t* header, const uint8_t* iv, std::size_t ivSize,
                                    const uint8_t* ct, std::size_t ctSize) const
{
    std::vector<uint8_t> data;
    data.reserve(EspPacket::HEADER_SIZE + ivSize + ctSize);
    data.insert(data.end(), header, header + EspPacket::HEADER_SIZE);
    if (ivSize > 0)
    {
        data.insert(data.end(), iv, iv + ivSize);
    }
    data.insert(data.end(), ct, ct + ctSize);
    std::vector<uint8_t> mac = Hmac(UsesSha256(m_transform), m_authKey, data);
    mac.resize(GetInfo().icvSize);
    return mac;
}

bool
IpsecOpensslCipherSuite::CbcCrypt(bool encrypt, const uint8_t* iv, const uint8_t* in,
                                  std::size_t size, uint8_t* out) const
{
    const EVP_CIPHER* cipher = CipherFor(m_transform);
    if (cipher == nullptr)
    {
        // RFC 2410: NULL encryption is the identity.
        if (size > 0)
        {
            std::memmove(out, in, size);
        }
        return true;
    }
    CtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    int fin = 0;
    if (!ctx
        || EVP_CipherInit_ex(ctx.get(), cipher, nullptr, m_encKey.data(), iv, encrypt ? 1 : 0) != 1
        || EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1
        || EVP_CipherUpdate(ctx.get(), out, &len, in, static_cast<int>(size)) != 1
        || EVP_CipherFinal_ex(ctx.get(), out + len, &fin) != 1)
    {
        return false;
    }
    return static_cast<std::size_t>(len + fin) == size;
}

std::vector<uint8_t>
IpsecOpensslCipherSuite::Seal(const uint8_t* header, const std::vector<uint8_t>& iv,
                              const std::vector<uint8_t>& plaintext)
{
    const IpsecTransformInfo& info = GetInfo();
    NS_ABORT_MSG_IF(iv.size() != info.ivSize, "IV size " << iv.size() << " != " << info.ivSize);
    std::vector<uint8_t> out(plaintext.size() + info.icvSize);
    if (IsGcm(m_transform))
    {
        std::vector<uint8_t> nonce(m_salt);
        nonce.insert(nonce.end(), iv.begin(), iv.end());
        CtxPtr ctx(EVP_CIPHER_CTX_new());
        int len = 0;
        int fin = 0;
        if (!ctx
            || EVP_EncryptInit_ex(ctx.get(), CipherFor(m_transform), nullptr, nullptr, nullptr) != 1
            || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) != 1
            || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, m_encKey.data(), nonce.data()) != 1
            || EVP_EncryptUpdate(ctx.get(), nullptr, &len, header, EspPacket::HEADER_SIZE) != 1
            || EVP_EncryptUpdate(ctx.get(), out.data(), &len, plaintext.data(),
                                 static_cast<int>(plaintext.size()))
                   != 1
            || EVP_EncryptFinal_ex(ctx.get(), out.data() + len, &fin) != 1
            || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(info.icvSize),
                                   out.data() + plaintext.size())
                   != 1)
        {
            NS_FATAL_ERROR("OpenSSL AES-GCM encryption failed");
        }
        return out;
    }
    if (!CbcCrypt(true, iv.data(), plaintext.data(), plaintext.size(), out.data()))
    {
        NS_FATAL_ERROR("OpenSSL " << info.name << " encryption failed");
    }
    std::vector<uint8_t> icv
        = ComputeIcv(header, iv.data(), iv.size(), out.data(), plaintext.size());
    std::copy(icv.begin(), icv.end(), out.begin() + plaintext.size());
    return out;
}

bool
IpsecOpensslCipherSuite::Open(const uint8_t* header, const uint8_t* iv, const uint8_t* ct,
                              std::size_t ctSize, const uint8_t* icv,
                              std::vector<uint8_t>& plaintext)
{
    const IpsecTransformInfo& info = GetInfo();
    plaintext.assign(ctSize, 0);
    if (IsGcm(m_transform))
    {
        std::vector<uint8_t> nonce(m_salt);
        nonce.insert(nonce.end(), iv, iv + info.ivSize);
        std::vector<uint8_t> tag(icv, icv + info.icvSize);
        CtxPtr ctx(EVP_CIPHER_CTX_new());
        int len = 0;
        int fin = 0;
        if (!ctx
            || EVP_DecryptInit_ex(ctx.get(), CipherFor(m_transform), nullptr, nullptr, nullptr) != 1
            || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) != 1
            || EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, m_encKey.data(), nonce.data()) != 1
            || EVP_DecryptUpdate(ctx.get(), nullptr, &len, header, EspPacket::HEADER_SIZE) != 1
            || EVP_DecryptUpdate(ctx.get(), plaintext.data(), &len, ct, static_cast<int>(ctSize))
                   != 1
            || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(info.icvSize),
                                   tag.data())
                   != 1)
        {
            return false;
        }
        // EVP_DecryptFinal_ex verifies the tag.
        return EVP_DecryptFinal_ex(ctx.get(), plaintext.data() + len, &fin) == 1;
    }
    std::vector<uint8_t> expected = ComputeIcv(header, iv, info.ivSize, ct, ctSize);
    if (CRYPTO_memcmp(expected.data(), icv, info.icvSize) != 0)
    {
        return false;
    }
    return CbcCrypt(false, iv, ct, ctSize, plaintext.data());
}

} // namespace ns3
