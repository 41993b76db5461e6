/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-cipher-suite.h"

#include "ns3/log.h"

#include "ipsec-modeled-cipher-suite.h"
#include "ipsec-openssl-cipher-suite.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecCipherSuite");
NS_OBJECT_ENSURE_REGISTERED(IpsecCipherSuite);

const IpsecTransformInfo&
GetIpsecTransformInfo(IpsecTransform t)
{
    static const IpsecTransformInfo table[] = {
        {"aes128-sha1", 16, 0, 20, 16, 16, 12, "AES-CBC [RFC3602]", "HMAC-SHA-1-96 [RFC2404]"},
        {"aes256-sha1", 32, 0, 20, 16, 16, 12, "AES-CBC [RFC3602]", "HMAC-SHA-1-96 [RFC2404]"},
        {"aes128-sha256", 16, 0, 32, 16, 16, 16, "AES-CBC [RFC3602]", "HMAC-SHA-256-128 [RFC4868]"},
        {"aes256-sha256", 32, 0, 32, 16, 16, 16, "AES-CBC [RFC3602]", "HMAC-SHA-256-128 [RFC4868]"},
        {"aes128gcm16", 16, 4, 0, 8, 4, 16, "AES-GCM with 16 octet ICV [RFC4106]", "NULL"},
        {"aes256gcm16", 32, 4, 0, 8, 4, 16, "AES-GCM with 16 octet ICV [RFC4106]", "NULL"},
        {"3des-sha1", 24, 0, 20, 8, 8, 12, "TripleDES-CBC [RFC2451]", "HMAC-SHA-1-96 [RFC2404]"},
        {"null-sha1", 0, 0, 20, 0, 4, 12, "NULL", "HMAC-SHA-1-96 [RFC2404]"},
        {"null-sha256", 0, 0, 32, 0, 4, 16, "NULL", "HMAC-SHA-256-128 [RFC4868]"},
    };
    return table[static_cast<uint8_t>(t)];
}

TypeId
IpsecCipherSuite::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecCipherSuite").SetParent<Object>().SetGroupName("L2tp");
    return tid;
}

IpsecCipherSuite::IpsecCipherSuite() = default;
IpsecCipherSuite::~IpsecCipherSuite() = default;

IpsecTransform
IpsecCipherSuite::GetTransform() const
{
    return m_transform;
}

const IpsecTransformInfo&
IpsecCipherSuite::GetInfo() const
{
    return GetIpsecTransformInfo(m_transform);
}

bool
IpsecCipherSuite::SetKeys(IpsecTransform transform, const std::vector<uint8_t>& encKey,
                          const std::vector<uint8_t>& authKey, std::string& error)
{
    const IpsecTransformInfo& info = GetIpsecTransformInfo(transform);
    if (encKey.size() != info.encKeySize + info.saltSize)
    {
        error = info.name + ": encryption key material must be "
                + std::to_string(info.encKeySize + info.saltSize) + " bytes, got "
                + std::to_string(encKey.size());
        return false;
    }
    if (info.authKeySize == 0 && !authKey.empty())
    {
        error = info.name + ": an AEAD transform takes no integrity key";
        return false;
    }
    if (info.authKeySize != 0 && authKey.empty())
    {
        error = info.name + ": integrity key missing";
        return false;
    }
    m_transform = transform;
    m_encKey.assign(encKey.begin(), encKey.begin() + info.encKeySize);
    m_salt.assign(encKey.begin() + info.encKeySize, encKey.end());
    m_authKey = authKey;
    DoSetKeys();
    return true;
}

std::vector<uint8_t>
IpsecCipherSuite::GetEncKeyMaterial() const
{
    std::vector<uint8_t> k(m_encKey);
    k.insert(k.end(), m_salt.begin(), m_salt.end());
    return k;
}

const std::vector<uint8_t>&
IpsecCipherSuite::GetAuthKey() const
{
    return m_authKey;
}

Time
IpsecCipherSuite::GetProcessingDelay(uint32_t /* bytes */) const
{
    return Seconds(0);
}

Ptr<IpsecCipherSuite>
IpsecCipherSuite::Create(IpsecTransform transform, bool modeled)
{
    Ptr<IpsecCipherSuite> s;
    if (modeled)
    {
        s = CreateObject<IpsecModeledCipherSuite>();
    }
    else
    {
        s = CreateObject<IpsecOpensslCipherSuite>();
    }
    s->m_transform = transform;
    return s;
}

} // namespace ns3
