/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sa-tag.h"

#include <ostream>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecSaTag);

TypeId
IpsecSaTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecSaTag")
                            .SetParent<Tag>()
                            .SetGroupName("L2tp")
                            .AddConstructor<IpsecSaTag>();
    return tid;
}

TypeId
IpsecSaTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

IpsecSaTag::IpsecSaTag(uint32_t spi)
    : m_spi(spi)
{
}

uint32_t
IpsecSaTag::GetSpi() const
{
    return m_spi;
}

void
IpsecSaTag::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
IpsecSaTag::GetSerializedSize() const
{
    return 4;
}

void
IpsecSaTag::Serialize(TagBuffer i) const
{
    i.WriteU32(m_spi);
}

void
IpsecSaTag::Deserialize(TagBuffer i)
{
    m_spi = i.ReadU32();
}

void
IpsecSaTag::Print(std::ostream& os) const
{
    os << "spi=0x" << std::hex << m_spi << std::dec;
}

} // namespace ns3
