/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-address-pool.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(PppAddressPool);

TypeId
PppAddressPool::GetTypeId()
{
    static TypeId tid = TypeId("ns3::PppAddressPool")
                            .SetParent<Object>()
                            .SetGroupName("L2tp")
                            .AddConstructor<PppAddressPool>();
    return tid;
}

void
PppAddressPool::SetRange(Ipv4Address first, uint32_t count)
{
    m_first = first.Get();
    m_count = count;
    m_free.clear();
    for (uint32_t i = 0; i < count; ++i)
    {
        m_free.insert(m_free.end(), i);
    }
}

bool
PppAddressPool::Allocate(Ipv4Address& address)
{
    if (m_free.empty())
    {
        return false;
    }
    const uint32_t off = *m_free.begin();
    m_free.erase(m_free.begin());
    address = Ipv4Address(m_first + off);
    return true;
}

bool
PppAddressPool::AllocateSpecific(Ipv4Address address)
{
    const uint32_t a = address.Get();
    if (a < m_first || a - m_first >= m_count)
    {
        return false;
    }
    return m_free.erase(a - m_first) == 1;
}

void
PppAddressPool::Release(Ipv4Address address)
{
    const uint32_t a = address.Get();
    if (a >= m_first && a - m_first < m_count)
    {
        m_free.insert(a - m_first);
    }
}

uint32_t
PppAddressPool::GetFree() const
{
    return static_cast<uint32_t>(m_free.size());
}

uint32_t
PppAddressPool::GetSize() const
{
    return m_count;
}

} // namespace ns3
