/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-crypto.h"

#include "ns3/log.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeCrypto");

namespace
{
using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_clear_free)>;
using CtxPtr = std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)>;

BnPtr
MakePrime(uint16_t group)
{
    switch (group)
    {
        case 2:
            return BnPtr(BN_get_rfc2409_prime_1024(nullptr), &BN_clear_free);
        case 14:
            return BnPtr(BN_get_rfc3526_prime_2048(nullptr), &BN_clear_free);
        default:
            return BnPtr(nullptr, &BN_clear_free);
    }
}

std::vector<uint8_t>
ToBytes(const BIGNUM* n, uint32_t size)
{
    std::vector<uint8_t> out(size, 0);
    BN_bn2binpad(n, out.data(), static_cast<int>(size));
    return out;
}

BnPtr
FromBytes(const std::vector<uint8_t>& b)
{
    return BnPtr(BN_bin2bn(b.data(), static_cast<int>(b.size()), nullptr), &BN_clear_free);
}

const EVP_MD*
Md(IkeCrypto::Hash h)
{
    return h == IkeCrypto::SHA256 ? EVP_sha256() : EVP_sha1();
}

void
Cat(std::vector<uint8_t>& a, const std::vector<uint8_t>& b)
{
    // An element loop: GCC 12's -Wstringop-overread misjudges vector::insert after push_back.
    a.reserve(a.size() + b.size());
    for (uint8_t x : b)
    {
        a.push_back(x);
    }
}

void
Put32(std::vector<uint8_t>& a, uint32_t v)
{
    for (int s = 24; s >= 0; s -= 8)
    {
        a.push_back(static_cast<uint8_t>(v >> s));
    }
}
} // namespace

IkeDiffieHellman::IkeDiffieHellman(uint16_t group)
    : m_group(group)
{
}

bool
IkeDiffieHellman::IsSupported(uint16_t group)
{
    return group == 2 || group == 14;
}

std::vector<uint8_t>
IkeDiffieHellman::Prime(uint16_t group)
{
    BnPtr p = MakePrime(group);
    if (p == nullptr)
    {
        return {};
    }
    return ToBytes(p.get(), static_cast<uint32_t>(BN_num_bytes(p.get())));
}

uint32_t
IkeDiffieHellman::GetSize() const
{
    return m_group == 2 ? 128 : (m_group == 14 ? 256 : 0);
}

void
IkeDiffieHellman::SetPrivate(const std::vector<uint8_t>& x)
{
    m_x = x;
}

std::vector<uint8_t>
IkeDiffieHellman::GetPublic() const
{
    BnPtr p = MakePrime(m_group);
    if (p == nullptr || m_x.empty())
    {
        return {};
    }
    CtxPtr ctx(BN_CTX_new(), &BN_CTX_free);
    BnPtr g(BN_new(), &BN_clear_free);
    BN_set_word(g.get(), 2);
    BnPtr x = FromBytes(m_x);
    BnPtr y(BN_new(), &BN_clear_free);
    BN_mod_exp(y.get(), g.get(), x.get(), p.get(), ctx.get());
    return ToBytes(y.get(), GetSize());
}

bool
IkeDiffieHellman::ComputeShared(const std::vector<uint8_t>& peer, std::vector<uint8_t>& shared,
                                std::string& reason) const
{
    BnPtr p = MakePrime(m_group);
    if (p == nullptr)
    {
        reason = "unsupported Diffie-Hellman group " + std::to_string(m_group);
        return false;
    }
    if (m_x.empty())
    {
        reason = "no private exponent";
        return false;
    }
    if (peer.size() != GetSize())
    {
        reason = "peer public value of " + std::to_string(peer.size()) + " bytes, group "
                 + std::to_string(m_group) + " needs " + std::to_string(GetSize());
        return false;
    }
    BnPtr y = FromBytes(peer);
    BnPtr pm1(BN_dup(p.get()), &BN_clear_free);
    BN_sub_word(pm1.get(), 1);
    if (BN_cmp(y.get(), BN_value_one()) <= 0 || BN_cmp(y.get(), pm1.get()) >= 0)
    {
        reason = "peer public value outside [2, p-2]";
        return false;
    }
    CtxPtr ctx(BN_CTX_new(), &BN_CTX_free);
    BnPtr x = FromBytes(m_x);
    BnPtr z(BN_new(), &BN_clear_free);
    BN_mod_exp(z.get(), y.get(), x.get(), p.get(), ctx.get());
    shared = ToBytes(z.get(), GetSize());
    return true;
}

std::vector<uint8_t>
IkeCrypto::Digest(const std::vector<uint8_t>& data, Hash h)
{
    std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &len, Md(h), nullptr);
    out.resize(len);
    return out;
}

std::vector<uint8_t>
IkeCrypto::Prf(const std::vector<uint8_t>& key, const std::vector<uint8_t>& data, Hash h)
{
    std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int len = 0;
    static const uint8_t empty = 0;
    HMAC(Md(h), key.empty() ? &empty : key.data(), static_cast<int>(key.size()),
         data.empty() ? &empty : data.data(), data.size(), out.data(), &len);
    out.resize(len);
    return out;
}

IkeCrypto::Phase1Keys
IkeCrypto::DerivePhase1Psk(const std::vector<uint8_t>& psk, const std::vector<uint8_t>& ni,
                           const std::vector<uint8_t>& nr, const std::vector<uint8_t>& gxy,
                           const std::vector<uint8_t>& ckyI, const std::vector<uint8_t>& ckyR,
                           uint32_t keyLen, Hash h)
{
    Phase1Keys k;
    std::vector<uint8_t> nonces = ni;
    Cat(nonces, nr);
    k.skeyid = Prf(psk, nonces, h);
    std::vector<uint8_t> tail = gxy;
    Cat(tail, ckyI);
    Cat(tail, ckyR);
    std::vector<uint8_t> m = tail;
    m.push_back(0);
    k.skeyidD = Prf(k.skeyid, m, h);
    m = k.skeyidD;
    Cat(m, tail);
    m.push_back(1);
    k.skeyidA = Prf(k.skeyid, m, h);
    m = k.skeyidA;
    Cat(m, tail);
    m.push_back(2);
    k.skeyidE = Prf(k.skeyid, m, h);
    k.encKey = EncryptionKey(k.skeyidE, keyLen, h);
    return k;
}

std::vector<uint8_t>
IkeCrypto::EncryptionKey(const std::vector<uint8_t>& skeyidE, uint32_t keyLen, Hash h)
{
    if (skeyidE.size() >= keyLen)
    {
        return std::vector<uint8_t>(skeyidE.begin(), skeyidE.begin() + keyLen);
    }
    std::vector<uint8_t> k;
    std::vector<uint8_t> prev = Prf(skeyidE, std::vector<uint8_t>{0}, h);
    Cat(k, prev);
    while (k.size() < keyLen)
    {
        prev = Prf(skeyidE, prev, h);
        Cat(k, prev);
    }
    k.resize(keyLen);
    return k;
}

std::vector<uint8_t>
IkeCrypto::Phase1Hash(const std::vector<uint8_t>& skeyid, const std::vector<uint8_t>& gx1,
                      const std::vector<uint8_t>& gx2, const std::vector<uint8_t>& cky1,
                      const std::vector<uint8_t>& cky2, const std::vector<uint8_t>& saiB,
                      const std::vector<uint8_t>& idB, Hash h)
{
    std::vector<uint8_t> m = gx1;
    Cat(m, gx2);
    Cat(m, cky1);
    Cat(m, cky2);
    Cat(m, saiB);
    Cat(m, idB);
    return Prf(skeyid, m, h);
}

std::vector<uint8_t>
IkeCrypto::QmHash1(const std::vector<uint8_t>& skeyidA, uint32_t mid,
                   const std::vector<uint8_t>& rest, Hash h)
{
    std::vector<uint8_t> m;
    Put32(m, mid);
    Cat(m, rest);
    return Prf(skeyidA, m, h);
}

std::vector<uint8_t>
IkeCrypto::QmHash2(const std::vector<uint8_t>& skeyidA, uint32_t mid,
                   const std::vector<uint8_t>& niB, const std::vector<uint8_t>& rest, Hash h)
{
    std::vector<uint8_t> m;
    Put32(m, mid);
    Cat(m, niB);
    Cat(m, rest);
    return Prf(skeyidA, m, h);
}

std::vector<uint8_t>
IkeCrypto::QmHash3(const std::vector<uint8_t>& skeyidA, uint32_t mid,
                   const std::vector<uint8_t>& niB, const std::vector<uint8_t>& nrB, Hash h)
{
    std::vector<uint8_t> m{0};
    Put32(m, mid);
    Cat(m, niB);
    Cat(m, nrB);
    return Prf(skeyidA, m, h);
}

std::vector<uint8_t>
IkeCrypto::Keymat(const std::vector<uint8_t>& skeyidD, uint8_t protocol,
                  const std::vector<uint8_t>& spi, const std::vector<uint8_t>& niB,
                  const std::vector<uint8_t>& nrB, uint32_t len, Hash h)
{
    std::vector<uint8_t> seed{protocol};
    Cat(seed, spi);
    Cat(seed, niB);
    Cat(seed, nrB);
    std::vector<uint8_t> out;
    std::vector<uint8_t> prev;
    while (out.size() < len)
    {
        std::vector<uint8_t> m = prev;
        Cat(m, seed);
        prev = Prf(skeyidD, m, h);
        Cat(out, prev);
    }
    out.resize(len);
    return out;
}

std::vector<uint8_t>
IkeCrypto::Phase1Iv(const std::vector<uint8_t>& gxi, const std::vector<uint8_t>& gxr,
                    uint32_t block, Hash h)
{
    std::vector<uint8_t> m = gxi;
    Cat(m, gxr);
    std::vector<uint8_t> d = Digest(m, h);
    d.resize(block);
    return d;
}

std::vector<uint8_t>
IkeCrypto::Phase2Iv(const std::vector<uint8_t>& lastBlock, uint32_t mid, uint32_t block, Hash h)
{
    std::vector<uint8_t> m = lastBlock;
    Put32(m, mid);
    std::vector<uint8_t> d = Digest(m, h);
    d.resize(block);
    return d;
}

bool
IkeCrypto::AesCbc(const std::vector<uint8_t>& key, const std::vector<uint8_t>& iv,
                  const std::vector<uint8_t>& in, bool encrypt, std::vector<uint8_t>& out,
                  std::string& reason)
{
    const EVP_CIPHER* c = key.size() == 16   ? EVP_aes_128_cbc()
                          : key.size() == 24 ? EVP_aes_192_cbc()
                          : key.size() == 32 ? EVP_aes_256_cbc()
                                             : nullptr;
    if (c == nullptr)
    {
        reason = "AES key of " + std::to_string(key.size()) + " bytes";
        return false;
    }
    if (iv.size() != 16)
    {
        reason = "AES-CBC IV of " + std::to_string(iv.size()) + " bytes";
        return false;
    }
    if (in.size() % 16 != 0)
    {
        reason = "AES-CBC input of " + std::to_string(in.size())
                 + " bytes is not a multiple of the block size";
        return false;
    }
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                        &EVP_CIPHER_CTX_free);
    out.assign(in.size() + 16, 0);
    int n1 = 0;
    int n2 = 0;
    bool ok
        = EVP_CipherInit_ex(ctx.get(), c, nullptr, key.data(), iv.data(), encrypt ? 1 : 0) == 1
          && EVP_CIPHER_CTX_set_padding(ctx.get(), 0) == 1
          && EVP_CipherUpdate(ctx.get(), out.data(), &n1, in.data(), static_cast<int>(in.size()))
                 == 1
          && EVP_CipherFinal_ex(ctx.get(), out.data() + n1, &n2) == 1;
    if (!ok)
    {
        reason = "OpenSSL AES-CBC failure";
        return false;
    }
    out.resize(static_cast<size_t>(n1 + n2));
    return true;
}

std::vector<uint8_t>
IkeCrypto::NatD(const std::vector<uint8_t>& cookies, const std::vector<uint8_t>& addr,
                uint16_t port, Hash h)
{
    std::vector<uint8_t> m = cookies;
    Cat(m, addr);
    m.push_back(static_cast<uint8_t>(port >> 8));
    m.push_back(static_cast<uint8_t>(port));
    return Digest(m, h);
}

std::string
IkeCrypto::Ikev1DecryptionTableLine(const std::vector<uint8_t>& ckyI,
                                    const std::vector<uint8_t>& encKey)
{
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (uint8_t b : ckyI)
    {
        s += hex[b >> 4];
        s += hex[b & 15];
    }
    s += ',';
    for (uint8_t b : encKey)
    {
        s += hex[b >> 4];
        s += hex[b & 15];
    }
    return s;
}

} // namespace ns3
