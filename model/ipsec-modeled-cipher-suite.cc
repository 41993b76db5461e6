/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-modeled-cipher-suite.h"

#include "ns3/log.h"
#include "ns3/nstime.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecModeledCipherSuite");
NS_OBJECT_ENSURE_REGISTERED(IpsecModeledCipherSuite);

TypeId
IpsecModeledCipherSuite::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IpsecModeledCipherSuite")
              .SetParent<IpsecCipherSuite>()
              .SetGroupName("L2tp")
              .AddConstructor<IpsecModeledCipherSuite>()
              .AddAttribute("PerPacketDelay",
                            "Processing delay added to every protected or unprotected packet.",
                            TimeValue(MicroSeconds(0)),
                            MakeTimeAccessor(&IpsecModeledCipherSuite::m_perPacket),
                            MakeTimeChecker())
              .AddAttribute("PerByteDelay", "Processing delay added per byte of the ESP packet.",
                            TimeValue(NanoSeconds(0)),
                            MakeTimeAccessor(&IpsecModeledCipherSuite::m_perByte),
                            MakeTimeChecker());
    return tid;
}

bool
IpsecModeledCipherSuite::IsModeled() const
{
    return true;
}

void
IpsecModeledCipherSuite::DoSetKeys()
{
}

std::vector<uint8_t>
IpsecModeledCipherSuite::Seal(const uint8_t* /* header */, const std::vector<uint8_t>& /* iv */,
                              const std::vector<uint8_t>& plaintext)
{
    std::vector<uint8_t> out(plaintext);
    out.resize(plaintext.size() + GetInfo().icvSize, 0);
    return out;
}

bool
IpsecModeledCipherSuite::Open(const uint8_t* /* header */, const uint8_t* /* iv */,
                              const uint8_t* ct, std::size_t ctSize, const uint8_t* icv,
                              std::vector<uint8_t>& plaintext)
{
    uint32_t n = GetInfo().icvSize;
    if (!std::all_of(icv, icv + n, [](uint8_t b) { return b == 0; }))
    {
        return false;
    }
    plaintext.assign(ct, ct + ctSize);
    return true;
}

Time
IpsecModeledCipherSuite::GetProcessingDelay(uint32_t bytes) const
{
    return m_perPacket + m_perByte * static_cast<int64_t>(bytes);
}

} // namespace ns3
