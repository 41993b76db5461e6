/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sad.h"

#include "ns3/log.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSad");
NS_OBJECT_ENSURE_REGISTERED(IpsecSad);

TypeId
IpsecSad::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecSad")
                            .SetParent<Object>()
                            .SetGroupName("L2tp")
                            .AddConstructor<IpsecSad>()
                            .AddTraceSource("Drop",
                                            "An inbound ESP packet was dropped before an SA was "
                                            "found: SPI, sequence, reason, detail.",
                                            MakeTraceSourceAccessor(&IpsecSad::m_dropTrace),
                                            "ns3::IpsecSa::DropTracedCallback");
    return tid;
}

IpsecSad::IpsecSad() = default;
IpsecSad::~IpsecSad() = default;

void
IpsecSad::DoDispose()
{
    for (auto& kv : m_sas)
    {
        kv.second->Dispose();
    }
    m_sas.clear();
    Object::DoDispose();
}

uint64_t
IpsecSad::Key(uint32_t spi, Ipv4Address destination)
{
    return (static_cast<uint64_t>(spi) << 32) | destination.Get();
}

bool
IpsecSad::Add(Ptr<IpsecSa> sa)
{
    return m_sas.emplace(Key(sa->GetSpi(), sa->GetDestination()), sa).second;
}

bool
IpsecSad::Remove(uint32_t spi, Ipv4Address destination)
{
    return m_sas.erase(Key(spi, destination)) > 0;
}

Ptr<IpsecSa>
IpsecSad::Lookup(uint32_t spi, Ipv4Address destination) const
{
    auto it = m_sas.find(Key(spi, destination));
    if (it == m_sas.end())
    {
        it = m_sas.find(Key(spi, Ipv4Address::GetAny()));
    }
    return it == m_sas.end() ? nullptr : it->second;
}

std::size_t
IpsecSad::GetN() const
{
    return m_sas.size();
}

uint64_t
IpsecSad::GetDropCount(IpsecDropReason reason) const
{
    return m_drops[static_cast<std::size_t>(reason)];
}

Ptr<IpsecSa>
IpsecSad::Receive(const uint8_t* data, std::size_t size, Ipv4Address destination,
                  IpsecSa::Received& out, IpsecDropReason& reason, std::string& detail)
{
    if (data == nullptr || size < EspPacket::HEADER_SIZE)
    {
        reason = IpsecDropReason::TRUNCATED;
        detail = "ESP packet of " + std::to_string(size) + " bytes has no SPI and sequence";
        m_drops[static_cast<std::size_t>(reason)]++;
        m_dropTrace(0, 0, IpsecDropReasonName(reason), detail);
        return nullptr;
    }
    uint32_t spi = EspPacket::PeekSpi(data);
    Ptr<IpsecSa> sa = Lookup(spi, destination);
    if (sa == nullptr || sa->GetDirection() != IpsecSa::INBOUND)
    {
        reason = IpsecDropReason::UNKNOWN_SPI;
        std::ostringstream os;
        os << "no inbound SA for SPI 0x" << std::hex << spi << std::dec << " to " << destination;
        detail = os.str();
        m_drops[static_cast<std::size_t>(reason)]++;
        m_dropTrace(spi, EspPacket::PeekSpi(data + 4), IpsecDropReasonName(reason), detail);
        return nullptr;
    }
    if (!sa->Unprotect(data, size, out, reason, detail))
    {
        return nullptr;
    }
    return sa;
}

} // namespace ns3
