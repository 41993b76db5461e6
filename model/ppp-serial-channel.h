/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_SERIAL_CHANNEL_H
#define PPP_SERIAL_CHANNEL_H

#include "ns3/channel.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class PppSerialNetDevice;

/**
 * \ingroup l2tp
 * \brief The wire of a dial-in serial line (a modem connection): two PppSerialNetDevice ends,
 *        full duplex, with a propagation Delay. The packets it carries are the HDLC-framed
 *        octet streams (flags, stuffed octets, FCS) that the transmitting device produced.
 */
class PppSerialChannel : public Channel
{
public:
    /// TracedCallback: (octet stream, sender, receiver, transmit time, propagation delay)
    typedef void (*TxRxTracedCallback)(Ptr<const Packet>, Ptr<NetDevice>, Ptr<NetDevice>, Time,
                                       Time);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppSerialChannel();

    /// \param device an end (at most two) \return false if both ends are attached already
    bool Attach(Ptr<PppSerialNetDevice> device);
    /**
     * \brief Carry an octet stream to the other end: it arrives \p txTime + Delay later.
     * \param octets the HDLC-framed octets
     * \param src the sending device
     * \param txTime the serialization time at the sender
     * \return false if the other end is not attached
     */
    bool TransmitStart(Ptr<const Packet> octets, Ptr<PppSerialNetDevice> src, Time txTime);
    /// \return the propagation delay
    Time GetDelay() const;

    // Channel
    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

protected:
    void DoDispose() override;

private:
    Ptr<PppSerialNetDevice> m_ends[2]; //!< the two devices
    Time m_delay;                      //!< propagation delay
    TracedCallback<Ptr<const Packet>, Ptr<NetDevice>, Ptr<NetDevice>, Time, Time>
        m_txrxTrace; //!< every transmission
};

} // namespace ns3

#endif /* PPP_SERIAL_CHANNEL_H */
