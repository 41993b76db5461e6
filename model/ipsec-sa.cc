/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sa.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSa");
NS_OBJECT_ENSURE_REGISTERED(IpsecSa);

TypeId
IpsecSa::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IpsecSa")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<IpsecSa>()
              .AddAttribute("ReplayWindow",
                            "Anti-replay window size in packets (RFC 4303 3.4.3); 0 disables.",
                            UintegerValue(64), MakeUintegerAccessor(&IpsecSa::m_replayWindow),
                            MakeUintegerChecker<uint32_t>(0, 65536))
              .AddAttribute("SoftLifetimeBytes", "Soft byte lifetime (payload bytes); 0 = none.",
                            UintegerValue(0), MakeUintegerAccessor(&IpsecSa::m_softBytes),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("HardLifetimeBytes", "Hard byte lifetime (payload bytes); 0 = none.",
                            UintegerValue(0), MakeUintegerAccessor(&IpsecSa::m_hardBytes),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("SoftLifetime", "Soft lifetime from Start(); 0 = none.",
                            TimeValue(Seconds(0)), MakeTimeAccessor(&IpsecSa::m_softTime),
                            MakeTimeChecker())
              .AddAttribute("HardLifetime", "Hard lifetime from Start(); 0 = none.",
                            TimeValue(Seconds(0)), MakeTimeAccessor(&IpsecSa::m_hardTime),
                            MakeTimeChecker())
              .AddTraceSource("Protected",
                              "A packet was protected: SPI, sequence, payload size, ESP size.",
                              MakeTraceSourceAccessor(&IpsecSa::m_protectedTrace),
                              "ns3::IpsecSa::PacketTracedCallback")
              .AddTraceSource("Unprotected",
                              "A packet was accepted: SPI, sequence, ESP size, payload size.",
                              MakeTraceSourceAccessor(&IpsecSa::m_unprotectedTrace),
                              "ns3::IpsecSa::PacketTracedCallback")
              .AddTraceSource("Drop", "A packet was dropped: SPI, sequence, reason, detail.",
                              MakeTraceSourceAccessor(&IpsecSa::m_dropTrace),
                              "ns3::IpsecSa::DropTracedCallback")
              .AddTraceSource("SoftExpired", "A soft lifetime was reached (rekey now).",
                              MakeTraceSourceAccessor(&IpsecSa::m_softTrace),
                              "ns3::IpsecSa::ExpiredTracedCallback")
              .AddTraceSource("HardExpired",
                              "A hard lifetime was reached or the sequence counter is exhausted.",
                              MakeTraceSourceAccessor(&IpsecSa::m_hardTrace),
                              "ns3::IpsecSa::ExpiredTracedCallback");
    return tid;
}

IpsecSa::IpsecSa()
    : m_source(Ipv4Address::GetAny())
    , m_destination(Ipv4Address::GetAny())
    , m_ivRng(CreateObject<UniformRandomVariable>())
{
}

IpsecSa::~IpsecSa() = default;

void
IpsecSa::DoDispose()
{
    m_softEvent.Cancel();
    m_hardEvent.Cancel();
    m_suite = nullptr;
    m_ivRng = nullptr;
    Object::DoDispose();
}

void
IpsecSa::Configure(uint32_t spi, Direction direction, Mode mode, Ptr<IpsecCipherSuite> suite,
                   Ipv4Address source, Ipv4Address destination)
{
    NS_ABORT_MSG_IF(suite == nullptr, "IpsecSa needs a cipher suite");
    m_spi = spi;
    m_direction = direction;
    m_mode = mode;
    m_suite = suite;
    m_source = source;
    m_destination = destination;
}

void
IpsecSa::Start()
{
    if (!m_softTime.IsZero())
    {
        m_softEvent = Simulator::Schedule(m_softTime, &IpsecSa::SoftExpire, this, "seconds");
    }
    if (!m_hardTime.IsZero())
    {
        m_hardEvent = Simulator::Schedule(m_hardTime, &IpsecSa::HardExpire, this, "seconds");
    }
}

uint32_t
IpsecSa::GetSpi() const
{
    return m_spi;
}

IpsecSa::Direction
IpsecSa::GetDirection() const
{
    return m_direction;
}

IpsecSa::Mode
IpsecSa::GetMode() const
{
    return m_mode;
}

Ipv4Address
IpsecSa::GetSource() const
{
    return m_source;
}

Ipv4Address
IpsecSa::GetDestination() const
{
    return m_destination;
}

Ptr<IpsecCipherSuite>
IpsecSa::GetSuite() const
{
    return m_suite;
}

void
IpsecSa::SetUdpEncapsulation(uint16_t sourcePort, uint16_t destinationPort)
{
    m_udpEncap = true;
    m_encapSport = sourcePort;
    m_encapDport = destinationPort;
}

bool
IpsecSa::IsUdpEncapsulated() const
{
    return m_udpEncap;
}

uint16_t
IpsecSa::GetEncapSourcePort() const
{
    return m_encapSport;
}

uint16_t
IpsecSa::GetEncapDestinationPort() const
{
    return m_encapDport;
}

uint64_t
IpsecSa::GetNextSequence() const
{
    return m_nextSeq;
}

void
IpsecSa::SetNextSequence(uint64_t next)
{
    NS_ABORT_MSG_IF(next == 0 || next > (uint64_t{1} << 32), "sequence " << next);
    m_nextSeq = next;
}

uint32_t
IpsecSa::GetReplayTop() const
{
    return m_replayTop;
}

uint32_t
IpsecSa::GetReplayWindow() const
{
    return m_replayWindow;
}

uint64_t
IpsecSa::GetBytes() const
{
    return m_bytes;
}

uint64_t
IpsecSa::GetPackets() const
{
    return m_packets;
}

bool
IpsecSa::IsSoftExpired() const
{
    return m_softExpired;
}

bool
IpsecSa::IsHardExpired() const
{
    return m_hardExpired;
}

uint64_t
IpsecSa::GetDropCount(IpsecDropReason reason) const
{
    return m_drops[static_cast<std::size_t>(reason)];
}

uint64_t
IpsecSa::GetTotalDrops() const
{
    uint64_t n = 0;
    for (uint64_t d : m_drops)
    {
        n += d;
    }
    return n;
}

void
IpsecSa::RecordDrop(uint32_t sequence, IpsecDropReason reason, const std::string& detail)
{
    NS_LOG_INFO("SPI 0x" << std::hex << m_spi << std::dec << " seq " << sequence
                         << " dropped: " << IpsecDropReasonName(reason) << " (" << detail << ")");
    m_drops[static_cast<std::size_t>(reason)]++;
    m_dropTrace(m_spi, sequence, IpsecDropReasonName(reason), detail);
}

int64_t
IpsecSa::AssignStreams(int64_t stream)
{
    m_ivRng->SetStream(stream);
    return 1;
}

void
IpsecSa::SoftExpire(const std::string& what)
{
    if (!m_softExpired)
    {
        m_softExpired = true;
        m_softTrace(m_spi, what);
    }
}

void
IpsecSa::HardExpire(const std::string& what)
{
    if (!m_hardExpired)
    {
        m_hardExpired = true;
        m_softEvent.Cancel();
        m_hardEvent.Cancel();
        m_hardTrace(m_spi, what);
    }
}

void
IpsecSa::Account(std::size_t bytes)
{
    m_bytes += bytes;
    m_packets++;
    if (m_softBytes != 0 && m_bytes >= m_softBytes)
    {
        SoftExpire("bytes");
    }
    if (m_hardBytes != 0 && m_bytes >= m_hardBytes)
    {
        HardExpire("bytes");
    }
}

bool
IpsecSa::Protect(const std::vector<uint8_t>& payload, uint8_t nextHeader, std::vector<uint8_t>& esp,
                 IpsecDropReason& reason)
{
    return DoProtect(payload, nextHeader, nullptr, esp, reason);
}

bool
IpsecSa::ProtectWithIv(const std::vector<uint8_t>& payload, uint8_t nextHeader,
                       const std::vector<uint8_t>& iv, std::vector<uint8_t>& esp,
                       IpsecDropReason& reason)
{
    return DoProtect(payload, nextHeader, &iv, esp, reason);
}

bool
IpsecSa::DoProtect(const std::vector<uint8_t>& payload, uint8_t nextHeader,
                   const std::vector<uint8_t>* givenIv, std::vector<uint8_t>& esp,
                   IpsecDropReason& reason)
{
    NS_ABORT_MSG_IF(m_direction != OUTBOUND, "Protect on an inbound SA");
    uint64_t seq64 = m_nextSeq;
    if (m_hardExpired)
    {
        reason = IpsecDropReason::SA_EXPIRED;
        RecordDrop(0, reason, "hard lifetime reached");
        return false;
    }
    if (seq64 > std::numeric_limits<uint32_t>::max())
    {
        // RFC 4303 3.3.3: without ESN the counter must not cycle; the SA must be rekeyed.
        reason = IpsecDropReason::SEQUENCE_OVERFLOW;
        RecordDrop(0, reason, "sequence number counter exhausted (2^32 - 1 packets sent)");
        HardExpire("sequence");
        return false;
    }
    uint32_t seq = static_cast<uint32_t>(seq64);
    const IpsecTransformInfo& info = m_suite->GetInfo();
    std::vector<uint8_t> iv;
    if (givenIv != nullptr)
    {
        NS_ABORT_MSG_IF(givenIv->size() != info.ivSize, "wrong IV size");
        iv = *givenIv;
    }
    else if (info.saltSize != 0)
    {
        // AES-GCM: the explicit IV is the 64-bit sequence number (unique per key).
        iv.resize(8);
        for (int i = 0; i < 8; ++i)
        {
            iv[i] = static_cast<uint8_t>(seq64 >> (56 - 8 * i));
        }
    }
    else
    {
        iv.resize(info.ivSize);
        for (auto& b : iv)
        {
            b = static_cast<uint8_t>(m_ivRng->GetInteger(0, 255));
        }
    }
    std::vector<uint8_t> plain = EspPacket::BuildPlaintext(payload, nextHeader, info.blockSize);
    esp.assign(EspPacket::HEADER_SIZE, 0);
    EspPacket::WriteHeader(m_spi, seq, esp.data());
    std::vector<uint8_t> sealed = m_suite->Seal(esp.data(), iv, plain);
    esp.insert(esp.end(), iv.begin(), iv.end());
    esp.insert(esp.end(), sealed.begin(), sealed.end());
    m_nextSeq = seq64 + 1;
    m_protectedTrace(m_spi, seq, static_cast<uint32_t>(payload.size()),
                     static_cast<uint32_t>(esp.size()));
    Account(payload.size());
    reason = IpsecDropReason::NONE;
    return true;
}

IpsecDropReason
IpsecSa::ReplayCheck(uint32_t seq) const
{
    if (m_replayWindow == 0)
    {
        return IpsecDropReason::NONE;
    }
    if (seq == 0)
    {
        return IpsecDropReason::SEQUENCE_ZERO;
    }
    if (seq > m_replayTop)
    {
        return IpsecDropReason::NONE;
    }
    if (m_replayTop - seq >= m_replayWindow)
    {
        return IpsecDropReason::LEFT_OF_WINDOW;
    }
    return m_replayBits[seq % m_replayWindow] ? IpsecDropReason::REPLAY : IpsecDropReason::NONE;
}

void
IpsecSa::ReplayUpdate(uint32_t seq)
{
    if (m_replayWindow == 0)
    {
        m_replayTop = std::max(m_replayTop, seq);
        return;
    }
    if (m_replayBits.size() != m_replayWindow)
    {
        m_replayBits.assign(m_replayWindow, false);
    }
    if (seq > m_replayTop)
    {
        uint64_t shift = std::min<uint64_t>(seq - m_replayTop, m_replayWindow);
        for (uint64_t i = 1; i <= shift; ++i)
        {
            m_replayBits[(static_cast<uint64_t>(m_replayTop) + i) % m_replayWindow] = false;
        }
        m_replayTop = seq;
    }
    m_replayBits[seq % m_replayWindow] = true;
}

bool
IpsecSa::Unprotect(const uint8_t* data, std::size_t size, Received& out, IpsecDropReason& reason,
                   std::string& detail)
{
    NS_ABORT_MSG_IF(m_direction != INBOUND, "Unprotect on an outbound SA");
    const IpsecTransformInfo& info = m_suite->GetInfo();
    EspPacket::Layout layout;
    if (!EspPacket::Split(data, size, info.ivSize, info.blockSize, info.icvSize, layout, reason,
                          detail))
    {
        RecordDrop(size >= 8 ? EspPacket::PeekSpi(data + 4) : 0, reason, detail);
        return false;
    }
    if (m_hardExpired)
    {
        reason = IpsecDropReason::SA_EXPIRED;
        detail = "hard lifetime reached";
        RecordDrop(layout.sequence, reason, detail);
        return false;
    }
    reason = ReplayCheck(layout.sequence);
    if (reason != IpsecDropReason::NONE)
    {
        detail = "sequence " + std::to_string(layout.sequence) + ", window top "
                 + std::to_string(m_replayTop) + ", size " + std::to_string(m_replayWindow);
        RecordDrop(layout.sequence, reason, detail);
        return false;
    }
    std::vector<uint8_t> plain;
    if (!m_suite->Open(data, data + layout.ivOffset, data + layout.ctOffset, layout.ctSize,
                       data + layout.icvOffset, plain))
    {
        reason = IpsecDropReason::INTEGRITY_FAILURE;
        detail = "ICV verification failed";
        RecordDrop(layout.sequence, reason, detail);
        return false;
    }
    std::size_t payloadSize = 0;
    if (!EspPacket::ParseTrailer(plain, payloadSize, out.padLength, out.nextHeader, reason, detail))
    {
        RecordDrop(layout.sequence, reason, detail);
        return false;
    }
    // Only an authenticated packet moves the window (RFC 4303 3.4.3).
    ReplayUpdate(layout.sequence);
    out.sequence = layout.sequence;
    out.payload.assign(plain.begin(), plain.begin() + payloadSize);
    m_unprotectedTrace(m_spi, layout.sequence, static_cast<uint32_t>(size),
                       static_cast<uint32_t>(payloadSize));
    Account(payloadSize);
    reason = IpsecDropReason::NONE;
    return true;
}

} // namespace ns3
