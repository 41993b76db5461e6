/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-spd.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSpd");
NS_OBJECT_ENSURE_REGISTERED(IpsecSpd);

bool
IpsecPolicy::Matches(Ipv4Address src, Ipv4Address dst, uint8_t proto, uint16_t srcPort,
                     uint16_t dstPort) const
{
    return srcMask.IsMatch(src, srcAddress) && dstMask.IsMatch(dst, dstAddress)
           && (protocol == 0 || protocol == proto) && srcPort >= srcPortMin && srcPort <= srcPortMax
           && dstPort >= dstPortMin && dstPort <= dstPortMax;
}

TypeId
IpsecSpd::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecSpd")
                            .SetParent<Object>()
                            .SetGroupName("L2tp")
                            .AddConstructor<IpsecSpd>();
    return tid;
}

IpsecSpd::IpsecSpd() = default;
IpsecSpd::~IpsecSpd() = default;

void
IpsecSpd::DoDispose()
{
    m_policies.clear();
    Object::DoDispose();
}

uint32_t
IpsecSpd::Add(const IpsecPolicy& policy)
{
    m_policies.push_back(policy);
    return static_cast<uint32_t>(m_policies.size() - 1);
}

void
IpsecSpd::Insert(uint32_t index, const IpsecPolicy& policy)
{
    index = std::min<uint32_t>(index, static_cast<uint32_t>(m_policies.size()));
    m_policies.insert(m_policies.begin() + index, policy);
}

uint32_t
IpsecSpd::GetN() const
{
    return static_cast<uint32_t>(m_policies.size());
}

const IpsecPolicy&
IpsecSpd::Get(uint32_t i) const
{
    return m_policies.at(i);
}

int32_t
IpsecSpd::Lookup(Ipv4Address src, Ipv4Address dst, uint8_t protocol, uint16_t srcPort,
                 uint16_t dstPort) const
{
    for (std::size_t i = 0; i < m_policies.size(); ++i)
    {
        if (m_policies[i].Matches(src, dst, protocol, srcPort, dstPort))
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

} // namespace ns3
