/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-serial-channel.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include "ppp-serial-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppSerialChannel");
NS_OBJECT_ENSURE_REGISTERED(PppSerialChannel);

TypeId
PppSerialChannel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppSerialChannel")
              .SetParent<Channel>()
              .SetGroupName("L2tp")
              .AddConstructor<PppSerialChannel>()
              .AddAttribute("Delay", "Propagation delay of the line", TimeValue(Seconds(0)),
                            MakeTimeAccessor(&PppSerialChannel::m_delay), MakeTimeChecker())
              .AddTraceSource("TxRxPppSerial",
                              "An octet stream was sent (octets, sender, receiver, transmit time, "
                              "propagation delay)",
                              MakeTraceSourceAccessor(&PppSerialChannel::m_txrxTrace),
                              "ns3::PppSerialChannel::TxRxTracedCallback");
    return tid;
}

PppSerialChannel::PppSerialChannel() = default;

void
PppSerialChannel::DoDispose()
{
    m_ends[0] = nullptr;
    m_ends[1] = nullptr;
    Channel::DoDispose();
}

bool
PppSerialChannel::Attach(Ptr<PppSerialNetDevice> device)
{
    for (auto& e : m_ends)
    {
        if (e == nullptr)
        {
            e = device;
            return true;
        }
    }
    return false;
}

bool
PppSerialChannel::TransmitStart(Ptr<const Packet> octets, Ptr<PppSerialNetDevice> src, Time txTime)
{
    const int i = (m_ends[0] == src) ? 1 : 0;
    Ptr<PppSerialNetDevice> dst = m_ends[i];
    if (dst == nullptr)
    {
        return false;
    }
    // The receiver sees the last octet txTime + delay after the first one left.
    Simulator::ScheduleWithContext(dst->GetNode()->GetId(), txTime + m_delay,
                                   &PppSerialNetDevice::Receive, dst, octets->Copy());
    m_txrxTrace(octets, src, dst, txTime, m_delay);
    return true;
}

Time
PppSerialChannel::GetDelay() const
{
    return m_delay;
}

std::size_t
PppSerialChannel::GetNDevices() const
{
    return (m_ends[0] != nullptr ? 1 : 0) + (m_ends[1] != nullptr ? 1 : 0);
}

Ptr<NetDevice>
PppSerialChannel::GetDevice(std::size_t i) const
{
    return i < 2 ? m_ends[i] : nullptr;
}

} // namespace ns3
