/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_SERIAL_HELPER_H
#define PPP_SERIAL_HELPER_H

#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/trace-helper.h"

#include <string>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Builds dial-in serial lines: a PppSerialChannel with a PppSerialNetDevice (and a
 *        DropTailQueue) at each end, and writes their pcaps (DLT_PPP, the PPP frames without
 *        flags, FCS and stuffing, as Wireshark reads link type 9).
 *
 * \code
 *   PppSerialHelper serial;
 *   serial.SetDeviceAttribute("DataRate", StringValue("56kbps"));
 *   serial.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
 *   NetDeviceContainer line = serial.Install(user, lac); // user end first
 *   serial.EnablePcap("dialin", line.Get(0));
 * \endcode
 */
class PppSerialHelper : public PcapHelperForDevice
{
public:
    PppSerialHelper();
    ~PppSerialHelper() override = default;

    /// \param name a PppSerialNetDevice attribute \param value its value
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);
    /// \param name a PppSerialChannel attribute \param value its value
    void SetChannelAttribute(const std::string& name, const AttributeValue& value);
    /// \param name a DropTailQueue<Packet> attribute \param value its value
    void SetQueueAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Connect two nodes with a serial line.
     * \param a first node (e.g. the dial-in user)
     * \param b second node (e.g. the LAC)
     * \return the two devices, a's first
     */
    NetDeviceContainer Install(Ptr<Node> a, Ptr<Node> b);

private:
    void EnablePcapInternal(std::string prefix, Ptr<NetDevice> nd, bool promiscuous,
                            bool explicitFilename) override;

    ObjectFactory m_device;  //!< devices
    ObjectFactory m_channel; //!< channels
    ObjectFactory m_queue;   //!< queues
};

} // namespace ns3

#endif /* PPP_SERIAL_HELPER_H */
