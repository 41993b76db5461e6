/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_SERIAL_NET_DEVICE_H
#define PPP_SERIAL_NET_DEVICE_H

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/queue.h"
#include "ns3/traced-callback.h"

#include <string>

#include "ppp-hdlc.h"

namespace ns3
{

class ErrorModel;
class PppSerialChannel;

/**
 * \ingroup l2tp
 * \brief One end of a dial-in serial line (an asynchronous modem link) carrying PPP in the
 *        HDLC-like framing of RFC 1662: what crosses the PppSerialChannel is the octet stream
 *        Flag, stuffed frame, FCS-16, Flag, and its length times BitsPerOctet is what takes
 *        serialization time at DataRate.
 *
 * The device carries PPP frames (Address/Control as negotiated, Protocol, Information), not
 * IP datagrams: a PppEndpoint (the user's PppDialInClient, or the LAC's L2tpPppLac) sits on
 * it, hands it frames with SendFrame() and gets the frames whose FCS is good through the
 * frame receive callback. NetDevice::Send is refused (IP runs over a PppNetDevice above the
 * endpoint). Frames are queued (TxQueue) while the line is busy.
 *
 * Octets are escaped per the transmit ACCM (attribute Accm, set by the owner to what LCP
 * negotiated); LCP Configure-Request .. Code-Reject (codes 1-7) are always sent with the
 * all-ones ACCM (RFC 1662 section 7.1). The receiver removes the stuffing, discards control
 * characters of its receive ACCM that arrive unescaped (RFC 1662 4.2) and checks the FCS:
 * frames with a bad FCS, aborted or too short are dropped, counted and traced (RxDrop).
 *
 * Pcap (PppSerialHelper) uses DLT_PPP with the frame as PPP sees it, without flags, FCS and
 * stuffing, as Wireshark expects for link type 9.
 */
class PppSerialNetDevice : public NetDevice
{
public:
    /// TracedCallback signature of RxDrop: (the received octets or frame, reason)
    typedef void (*DropTracedCallback)(Ptr<const Packet>, const std::string&);
    /// Receives a good PPP frame
    typedef Callback<void, Ptr<Packet>> FrameCallback;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppSerialNetDevice();
    ~PppSerialNetDevice() override;

    /// \param ch the line \return false if it already has two ends
    bool Attach(Ptr<PppSerialChannel> ch);
    /// \param q the transmit queue
    void SetQueue(Ptr<Queue<Packet>> q);
    /// \return the transmit queue
    Ptr<Queue<Packet>> GetQueue() const;
    /// \param em corrupts received octet streams (one flipped bit; the FCS catches it)
    void SetReceiveErrorModel(Ptr<ErrorModel> em);

    /// \param cb where good PPP frames go
    void SetFrameReceiveCallback(FrameCallback cb);
    /**
     * \brief Queue a PPP frame for transmission.
     * \param frame Address/Control (if not compressed), Protocol, Information
     * \return false if the queue dropped it
     */
    bool SendFrame(Ptr<Packet> frame);
    /// \param accm the transmit ACCM (the peer's receive ACCM as LCP negotiated)
    void SetTxAccm(uint32_t accm);
    /// \return the transmit ACCM
    uint32_t GetTxAccm() const;
    /// \param accm the receive ACCM (ours as LCP negotiated)
    void SetRxAccm(uint32_t accm);
    /// \return the receive ACCM
    uint32_t GetRxAccm() const;
    /// \return the line rate
    DataRate GetDataRate() const;
    /// \return bits on the line per octet (8 synchronous, 10 async start/stop)
    uint32_t GetBitsPerOctet() const;

    /// The channel delivers an octet stream \param octets HDLC-framed octets
    void Receive(Ptr<Packet> octets);

    /// \return frames dropped because the FCS was wrong
    uint64_t GetFcsErrors() const;
    /// \return frames dropped for any reason on receive (FCS, aborted, too short, too long)
    uint64_t GetRxDrops() const;
    /// \return good frames received
    uint64_t GetRxFrames() const;
    /// \return octets sent on the line (flags, escapes and FCS included)
    uint64_t GetTxOctets() const;

    // NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet, const Address& source, const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

    /// \param frame a PPP frame \return true if it is an LCP packet with code 1..7
    static bool IsLcpNegotiation(const std::vector<uint8_t>& frame);

protected:
    void DoDispose() override;

private:
    void StartTransmission();
    void TransmitComplete();

    Ptr<Node> m_node;                //!< owner
    Ptr<PppSerialChannel> m_channel; //!< the line
    Ptr<Queue<Packet>> m_queue;
    Ptr<Packet>
        m_current; //!< octet stream being transmitted                         //!< frames waiting
    Ptr<ErrorModel> m_receiveErrorModel;                //!< receive errors
    uint32_t m_ifIndex{0};                              //!< interface index
    uint16_t m_mtu{1500};                               //!< MTU (the PPP information field)
    DataRate m_bps;                                     //!< line rate
    uint32_t m_bitsPerOctet{8};                         //!< bits per octet on the line
    uint32_t m_txAccm{PppHdlc::DEFAULT_ACCM};           //!< transmit ACCM
    uint32_t m_rxAccm{PppHdlc::DEFAULT_ACCM};           //!< receive ACCM
    bool m_busy{false};                                 //!< transmitting
    Mac48Address m_address;                             //!< device address (never on the wire)
    PppHdlcDecoder m_decoder;                           //!< receive framing
    FrameCallback m_frameRx;                            //!< good frames upward
    uint64_t m_rxDrops{0};                              //!< receive drops
    uint64_t m_txOctets{0};                             //!< octets sent
    TracedCallback<> m_linkChange;                      //!< link change callbacks
    TracedCallback<Ptr<const Packet>> m_macTx;          //!< frame accepted for transmission
    TracedCallback<Ptr<const Packet>> m_macTxDrop;      //!< frame dropped by the queue
    TracedCallback<Ptr<const Packet>> m_macRx;          //!< good frame received
    TracedCallback<Ptr<const Packet>> m_phyTxBegin;     //!< octet stream starts
    TracedCallback<Ptr<const Packet>> m_phyTxEnd;       //!< octet stream ends
    TracedCallback<Ptr<const Packet>> m_phyRxEnd;       //!< octet stream received
    TracedCallback<Ptr<const Packet>> m_sniffer;        //!< frames both ways (pcap)
    TracedCallback<Ptr<const Packet>> m_promiscSniffer; //!< frames both ways (pcap)
    TracedCallback<Ptr<const Packet>, const std::string&> m_rxDrop; //!< receive drop (reason)
};

} // namespace ns3

#endif /* PPP_SERIAL_NET_DEVICE_H */
