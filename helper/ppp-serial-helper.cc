/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-serial-helper.h"

#include "ns3/drop-tail-queue.h"
#include "ns3/log.h"
#include "ns3/ppp-serial-channel.h"
#include "ns3/ppp-serial-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppSerialHelper");

PppSerialHelper::PppSerialHelper()
{
    m_device.SetTypeId("ns3::PppSerialNetDevice");
    m_channel.SetTypeId("ns3::PppSerialChannel");
    m_queue.SetTypeId("ns3::DropTailQueue<Packet>");
}

void
PppSerialHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_device.Set(name, value);
}

void
PppSerialHelper::SetChannelAttribute(const std::string& name, const AttributeValue& value)
{
    m_channel.Set(name, value);
}

void
PppSerialHelper::SetQueueAttribute(const std::string& name, const AttributeValue& value)
{
    m_queue.Set(name, value);
}

NetDeviceContainer
PppSerialHelper::Install(Ptr<Node> a, Ptr<Node> b)
{
    Ptr<PppSerialChannel> ch = m_channel.Create<PppSerialChannel>();
    NetDeviceContainer out;
    for (Ptr<Node> n : {a, b})
    {
        Ptr<PppSerialNetDevice> d = m_device.Create<PppSerialNetDevice>();
        d->SetQueue(m_queue.Create<Queue<Packet>>());
        n->AddDevice(d);
        d->Attach(ch);
        out.Add(d);
    }
    return out;
}

void
PppSerialHelper::EnablePcapInternal(std::string prefix, Ptr<NetDevice> nd, bool,
                                    bool explicitFilename)
{
    Ptr<PppSerialNetDevice> device = nd->GetObject<PppSerialNetDevice>();
    if (device == nullptr)
    {
        NS_LOG_INFO("PppSerialHelper::EnablePcapInternal: " << nd << " is not a serial device");
        return;
    }
    PcapHelper pcapHelper;
    const std::string filename
        = explicitFilename ? prefix : pcapHelper.GetFilenameFromDevice(prefix, device);
    Ptr<PcapFileWrapper> file = pcapHelper.CreateFile(filename, std::ios::out, PcapHelper::DLT_PPP);
    pcapHelper.HookDefaultSink<PppSerialNetDevice>(device, "PromiscSniffer", file);
}

} // namespace ns3
