/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-serial-net-device.h"

#include "ns3/drop-tail-queue.h"
#include "ns3/error-model.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include "ppp-serial-channel.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppSerialNetDevice");
NS_OBJECT_ENSURE_REGISTERED(PppSerialNetDevice);

TypeId
PppSerialNetDevice::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppSerialNetDevice")
              .SetParent<NetDevice>()
              .SetGroupName("L2tp")
              .AddConstructor<PppSerialNetDevice>()
              .AddAttribute("DataRate", "Line rate (a V.90 modem's downstream: 56 kbit/s)",
                            DataRateValue(DataRate("56kbps")),
                            MakeDataRateAccessor(&PppSerialNetDevice::m_bps), MakeDataRateChecker())
              .AddAttribute("BitsPerOctet",
                            "Bits on the line per octet: 8 (synchronous, or the octet stream a "
                            "V.42 modem carries) or 10 (asynchronous start/stop framing)",
                            UintegerValue(8),
                            MakeUintegerAccessor(&PppSerialNetDevice::m_bitsPerOctet),
                            MakeUintegerChecker<uint32_t>(8, 12))
              .AddAttribute("Accm",
                            "Transmit Async-Control-Character-Map (RFC 1662 7.1): the owner sets "
                            "the peer's negotiated value; LCP codes 1-7 always use all ones",
                            UintegerValue(PppHdlc::DEFAULT_ACCM),
                            MakeUintegerAccessor(&PppSerialNetDevice::m_txAccm),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute(
                  "Mtu", "Largest PPP information field", UintegerValue(1500),
                  MakeUintegerAccessor(&PppSerialNetDevice::SetMtu, &PppSerialNetDevice::GetMtu),
                  MakeUintegerChecker<uint16_t>(64))
              .AddAttribute("TxQueue", "Frames waiting for the line", PointerValue(),
                            MakePointerAccessor(&PppSerialNetDevice::m_queue),
                            MakePointerChecker<Queue<Packet>>())
              .AddAttribute("ReceiveErrorModel",
                            "Corrupts received octet streams (one bit flipped; the FCS drops the "
                            "frame)",
                            PointerValue(),
                            MakePointerAccessor(&PppSerialNetDevice::m_receiveErrorModel),
                            MakePointerChecker<ErrorModel>())
              .AddTraceSource("MacTx", "A PPP frame was queued for transmission",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_macTx),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("MacTxDrop", "A PPP frame was dropped by the queue or refused",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_macTxDrop),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("MacRx", "A PPP frame with a good FCS was received",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_macRx),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("PhyTxBegin", "An HDLC-framed octet stream starts on the line",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_phyTxBegin),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("PhyTxEnd", "An HDLC-framed octet stream has been sent",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_phyTxEnd),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("PhyRxEnd", "An HDLC-framed octet stream was received",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_phyRxEnd),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("Sniffer", "PPP frames sent and received (no flags, FCS or stuffing)",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_sniffer),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("PromiscSniffer",
                              "PPP frames sent and received (no flags, FCS or stuffing)",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_promiscSniffer),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("RxDrop",
                              "Received octets were dropped (bad FCS, aborted, too short, too "
                              "long, no receiver) with the reason",
                              MakeTraceSourceAccessor(&PppSerialNetDevice::m_rxDrop),
                              "ns3::PppSerialNetDevice::DropTracedCallback");
    return tid;
}

PppSerialNetDevice::PppSerialNetDevice()
    : m_bps(DataRate("56kbps"))
    , m_address(Mac48Address::Allocate())
    , m_decoder(false, 65535)
{
    m_queue = CreateObject<DropTailQueue<Packet>>();
}

PppSerialNetDevice::~PppSerialNetDevice() = default;

void
PppSerialNetDevice::DoDispose()
{
    m_node = nullptr;
    m_channel = nullptr;
    m_queue = nullptr;
    m_current = nullptr;
    m_receiveErrorModel = nullptr;
    m_frameRx = FrameCallback();
    NetDevice::DoDispose();
}

bool
PppSerialNetDevice::Attach(Ptr<PppSerialChannel> ch)
{
    if (!ch->Attach(this))
    {
        return false;
    }
    m_channel = ch;
    m_linkChange();
    return true;
}

void
PppSerialNetDevice::SetQueue(Ptr<Queue<Packet>> q)
{
    m_queue = q;
}

Ptr<Queue<Packet>>
PppSerialNetDevice::GetQueue() const
{
    return m_queue;
}

void
PppSerialNetDevice::SetReceiveErrorModel(Ptr<ErrorModel> em)
{
    m_receiveErrorModel = em;
}

void
PppSerialNetDevice::SetFrameReceiveCallback(FrameCallback cb)
{
    m_frameRx = cb;
}

void
PppSerialNetDevice::SetTxAccm(uint32_t accm)
{
    m_txAccm = accm;
}

uint32_t
PppSerialNetDevice::GetTxAccm() const
{
    return m_txAccm;
}

void
PppSerialNetDevice::SetRxAccm(uint32_t accm)
{
    m_rxAccm = accm;
    m_decoder.SetReceiveAccm(accm);
}

uint32_t
PppSerialNetDevice::GetRxAccm() const
{
    return m_rxAccm;
}

DataRate
PppSerialNetDevice::GetDataRate() const
{
    return m_bps;
}

uint32_t
PppSerialNetDevice::GetBitsPerOctet() const
{
    return m_bitsPerOctet;
}

bool
PppSerialNetDevice::IsLcpNegotiation(const std::vector<uint8_t>& f)
{
    // LCP frames always carry Address/Control and the 2-octet Protocol (RFC 1661 6.5, 6.6).
    return f.size() >= 5 && f[0] == 0xff && f[1] == 0x03 && f[2] == 0xc0 && f[3] == 0x21
           && f[4] >= 1 && f[4] <= 7;
}

bool
PppSerialNetDevice::SendFrame(Ptr<Packet> frame)
{
    if (m_channel == nullptr || !m_queue->Enqueue(frame))
    {
        m_macTxDrop(frame);
        return false;
    }
    m_macTx(frame);
    if (!m_busy)
    {
        StartTransmission();
    }
    return true;
}

void
PppSerialNetDevice::StartTransmission()
{
    Ptr<Packet> frame = m_queue->Dequeue();
    if (frame == nullptr)
    {
        return;
    }
    m_sniffer(frame);
    m_promiscSniffer(frame);
    std::vector<uint8_t> bytes(frame->GetSize());
    frame->CopyData(bytes.data(), bytes.size());
    const uint32_t accm = IsLcpNegotiation(bytes) ? PppHdlc::DEFAULT_ACCM : m_txAccm;
    const std::vector<uint8_t> octets = PppHdlc::Encode(bytes, accm);
    Ptr<Packet> wire = Create<Packet>(octets.data(), octets.size());
    // Each octet costs BitsPerOctet bit times (start/stop bits on an asynchronous line).
    const Time txTime = m_bps.CalculateBitsTxTime(octets.size() * m_bitsPerOctet);
    m_busy = true;
    m_txOctets += octets.size();
    m_phyTxBegin(wire);
    m_channel->TransmitStart(wire, this, txTime);
    m_current = wire;
    Simulator::Schedule(txTime, &PppSerialNetDevice::TransmitComplete, this);
    NS_LOG_LOGIC("frame of " << bytes.size() << " octets sent as " << octets.size()
                             << " line octets in " << txTime.As(Time::US));
}

void
PppSerialNetDevice::TransmitComplete()
{
    m_phyTxEnd(m_current);
    m_current = nullptr;
    m_busy = false;
    StartTransmission();
}

void
PppSerialNetDevice::Receive(Ptr<Packet> octets)
{
    m_phyRxEnd(octets);
    std::vector<uint8_t> bytes(octets->GetSize());
    octets->CopyData(bytes.data(), bytes.size());
    if (m_receiveErrorModel != nullptr && m_receiveErrorModel->IsCorrupt(octets) && !bytes.empty())
    {
        bytes[bytes.size() / 2] ^= 0x01; // a line error: one flipped bit
    }
    uint64_t before[PppHdlcDecoder::DROP_COUNT];
    for (int r = 0; r < PppHdlcDecoder::DROP_COUNT; ++r)
    {
        before[r] = m_decoder.GetDrops(PppHdlcDecoder::Drop(r));
    }
    const auto frames = m_decoder.Push(bytes.data(), bytes.size());
    for (int r = 0; r < PppHdlcDecoder::DROP_COUNT; ++r)
    {
        const uint64_t n = m_decoder.GetDrops(PppHdlcDecoder::Drop(r)) - before[r];
        for (uint64_t i = 0; i < n; ++i)
        {
            ++m_rxDrops;
            NS_LOG_INFO("frame dropped: " << PppHdlcDecoder::DropText(PppHdlcDecoder::Drop(r)));
            m_rxDrop(octets, PppHdlcDecoder::DropText(PppHdlcDecoder::Drop(r)));
        }
    }
    for (const auto& f : frames)
    {
        Ptr<Packet> frame = Create<Packet>(f.data(), f.size());
        m_sniffer(frame);
        m_promiscSniffer(frame);
        m_macRx(frame);
        if (m_frameRx.IsNull())
        {
            ++m_rxDrops;
            m_rxDrop(frame, "no PPP endpoint on the device");
            continue;
        }
        m_frameRx(frame);
    }
}

uint64_t
PppSerialNetDevice::GetFcsErrors() const
{
    return m_decoder.GetDrops(PppHdlcDecoder::BAD_FCS);
}

uint64_t
PppSerialNetDevice::GetRxDrops() const
{
    return m_rxDrops;
}

uint64_t
PppSerialNetDevice::GetRxFrames() const
{
    return m_decoder.GetFrames();
}

uint64_t
PppSerialNetDevice::GetTxOctets() const
{
    return m_txOctets;
}

void
PppSerialNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
PppSerialNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
PppSerialNetDevice::GetChannel() const
{
    return m_channel;
}

void
PppSerialNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
PppSerialNetDevice::GetAddress() const
{
    return m_address;
}

bool
PppSerialNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
PppSerialNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
PppSerialNetDevice::IsLinkUp() const
{
    return m_channel != nullptr;
}

void
PppSerialNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChange.ConnectWithoutContext(callback);
}

bool
PppSerialNetDevice::IsBroadcast() const
{
    return false;
}

Address
PppSerialNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
PppSerialNetDevice::IsMulticast() const
{
    return false;
}

Address
PppSerialNetDevice::GetMulticast(Ipv4Address) const
{
    return Mac48Address::GetMulticast(Ipv4Address("224.0.0.0"));
}

Address
PppSerialNetDevice::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
PppSerialNetDevice::IsBridge() const
{
    return false;
}

bool
PppSerialNetDevice::IsPointToPoint() const
{
    return true;
}

bool
PppSerialNetDevice::Send(Ptr<Packet> packet, const Address&, uint16_t)
{
    // IP runs over the PppNetDevice of the endpoint that owns this line.
    m_macTxDrop(packet);
    return false;
}

bool
PppSerialNetDevice::SendFrom(Ptr<Packet> packet, const Address&, const Address&, uint16_t)
{
    m_macTxDrop(packet);
    return false;
}

Ptr<Node>
PppSerialNetDevice::GetNode() const
{
    return m_node;
}

void
PppSerialNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
PppSerialNetDevice::NeedsArp() const
{
    return false;
}

void
PppSerialNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback)
{
    // Frames go to the PPP endpoint (SetFrameReceiveCallback), not to the node's handlers.
}

void
PppSerialNetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback)
{
}

bool
PppSerialNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace ns3
