/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-fragment-tracker.h"

#include "ns3/simulator.h"

namespace ns3
{

Ipv4FragmentTracker::Ipv4FragmentTracker()
    : m_timeout(Seconds(30))
{
}

size_t
Ipv4FragmentTracker::KeyHash::operator()(const Key& k) const
{
    uint64_t a = uint64_t(k.source) << 32 | k.destination;
    uint64_t b = uint64_t(k.id) << 8 | k.protocol;
    return std::hash<uint64_t>()(a * 0x9e3779b97f4a7c15ULL ^ b);
}

Ipv4FragmentTracker::Key
Ipv4FragmentTracker::KeyOf(const Ipv4Header& header)
{
    return Key{header.GetSource().Get(), header.GetDestination().Get(), header.GetIdentification(),
               header.GetProtocol()};
}

void
Ipv4FragmentTracker::SetTimeout(Time timeout)
{
    m_timeout = timeout;
}

void
Ipv4FragmentTracker::Record(const Ipv4Header& header, const Decision& decision)
{
    Key key = KeyOf(header);
    Time expires = Simulator::Now() + m_timeout;
    m_map[key] = std::make_pair(decision, expires);
    m_order.emplace_back(expires, key);
}

const Ipv4FragmentTracker::Decision*
Ipv4FragmentTracker::Find(const Ipv4Header& header)
{
    Time now = Simulator::Now();
    while (!m_order.empty() && m_order.front().first <= now)
    {
        auto it = m_map.find(m_order.front().second);
        if (it != m_map.end() && it->second.second <= now)
        {
            m_map.erase(it);
        }
        m_order.pop_front();
    }
    auto it = m_map.find(KeyOf(header));
    return it == m_map.end() ? nullptr : &it->second.first;
}

uint32_t
Ipv4FragmentTracker::GetN() const
{
    return m_map.size();
}

void
Ipv4FragmentTracker::Clear()
{
    m_map.clear();
    m_order.clear();
}

} // namespace ns3
