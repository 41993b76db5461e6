/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "icmp-echo-probe.h"

#include "ns3/abort.h"
#include "ns3/icmpv4.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IcmpEchoProbe");
NS_OBJECT_ENSURE_REGISTERED(IcmpEchoProbe);

namespace
{

/// IANA protocol number of ICMP, the raw socket's protocol.
constexpr uint16_t ICMP_PROTOCOL = 1;
/// Type (1), code (1), checksum (2), identifier (2), sequence number (2).
constexpr uint32_t ECHO_HEADER_SIZE = 8;
/// The send timestamp at the start of the payload.
constexpr uint32_t TIMESTAMP_SIZE = 8;

/// \param b bytes \return true if their RFC 1071 ones'-complement sum is 0xffff (the checksum
///         field included), i.e. the checksum is right
bool
ChecksumOk(const std::vector<uint8_t>& b)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < b.size(); i += 2)
    {
        sum += (uint32_t(b[i]) << 8) | b[i + 1];
    }
    if (b.size() % 2 == 1)
    {
        sum += uint32_t(b.back()) << 8; // odd length: pad with a zero byte
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum == 0xffff;
}

} // namespace

TypeId
IcmpEchoProbe::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IcmpEchoProbe")
              .SetParent<Application>()
              .SetGroupName("L2tp")
              .AddConstructor<IcmpEchoProbe>()
              .AddAttribute("Remote", "Address the Echo Requests are sent to",
                            Ipv4AddressValue(Ipv4Address("127.0.0.1")),
                            MakeIpv4AddressAccessor(&IcmpEchoProbe::m_remote),
                            MakeIpv4AddressChecker())
              .AddAttribute("Interval", "Time between two Echo Requests", TimeValue(Seconds(1)),
                            MakeTimeAccessor(&IcmpEchoProbe::m_interval), MakeTimeChecker())
              .AddAttribute("Count", "Echo Requests to send (0: until the application stops)",
                            UintegerValue(3), MakeUintegerAccessor(&IcmpEchoProbe::m_count),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("Size",
                            "Payload bytes per request (56 like ping; the first 8 carry the "
                            "send time when Size >= 8)",
                            UintegerValue(56), MakeUintegerAccessor(&IcmpEchoProbe::m_size),
                            MakeUintegerChecker<uint32_t>(0, 65507))
              .AddAttribute("Identifier",
                            "Echo identifier (give probes on one node different ones: each "
                            "sees all ICMP the node receives)",
                            UintegerValue(1), MakeUintegerAccessor(&IcmpEchoProbe::m_identifier),
                            MakeUintegerChecker<uint16_t>())
              .AddTraceSource("Tx", "An Echo Request was sent",
                              MakeTraceSourceAccessor(&IcmpEchoProbe::m_txTrace),
                              "ns3::IcmpEchoProbe::TxTracedCallback")
              .AddTraceSource("Rtt", "A valid Echo Reply arrived: sequence number and RTT",
                              MakeTraceSourceAccessor(&IcmpEchoProbe::m_rttTrace),
                              "ns3::IcmpEchoProbe::RttTracedCallback")
              .AddTraceSource("Drop", "A received ICMP datagram was dropped, with the reason",
                              MakeTraceSourceAccessor(&IcmpEchoProbe::m_dropTrace),
                              "ns3::IcmpEchoProbe::DropTracedCallback");
    return tid;
}

IcmpEchoProbe::IcmpEchoProbe()
    : m_count(3)
    , m_size(56)
    , m_identifier(1)
    , m_nextSeq(1)
    , m_attempts(0)
    , m_sent(0)
    , m_received(0)
    , m_duplicates(0)
{
    m_drops.fill(0);
}

IcmpEchoProbe::~IcmpEchoProbe() = default;

std::string
IcmpEchoProbe::DropReasonName(DropReason r)
{
    switch (r)
    {
        case DROP_TRUNCATED:
            return "truncated";
        case DROP_CHECKSUM:
            return "checksum";
        case DROP_NOT_ECHO_REPLY:
            return "not-echo-reply";
        case DROP_IDENTIFIER:
            return "identifier";
        case DROP_UNKNOWN_SEQUENCE:
            return "unknown-sequence";
        case DROP_DUPLICATE:
            return "duplicate";
        case DROP_PAYLOAD:
            return "payload";
        case DROP_REASON_COUNT:
            break;
    }
    return "unknown";
}

uint32_t
IcmpEchoProbe::GetSent() const
{
    return m_sent;
}

uint32_t
IcmpEchoProbe::GetReceived() const
{
    return m_received;
}

uint32_t
IcmpEchoProbe::GetDuplicates() const
{
    return m_duplicates;
}

uint32_t
IcmpEchoProbe::GetDrops(DropReason r) const
{
    return r < DROP_REASON_COUNT ? m_drops[r] : 0;
}

uint32_t
IcmpEchoProbe::GetDrops() const
{
    uint32_t n = 0;
    for (uint32_t d : m_drops)
    {
        n += d;
    }
    return n;
}

void
IcmpEchoProbe::DoDispose()
{
    m_sendEvent.Cancel();
    m_socket = nullptr;
    m_requests.clear();
    Application::DoDispose();
}

void
IcmpEchoProbe::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_count == 0 && m_interval.IsZero(),
                    "IcmpEchoProbe: Count 0 (until stopped) needs an Interval above 0");
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), Ipv4RawSocketFactory::GetTypeId());
        m_socket->SetAttribute("Protocol", UintegerValue(ICMP_PROTOCOL));
        m_socket->SetRecvCallback(MakeCallback(&IcmpEchoProbe::Receive, this));
    }
    m_sendEvent = Simulator::ScheduleNow(&IcmpEchoProbe::Send, this);
}

void
IcmpEchoProbe::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_sendEvent.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

std::vector<uint8_t>
IcmpEchoProbe::MakePayload(Time sent) const
{
    std::vector<uint8_t> d(m_size);
    for (uint32_t i = 0; i < m_size; ++i)
    {
        d[i] = static_cast<uint8_t>(i); // iputils ping's fill after its timestamp
    }
    if (m_size >= TIMESTAMP_SIZE)
    {
        // A 32-bit struct timeval in network order, the layout Wireshark decodes as
        // "Timestamp from icmp data"; the RTT itself comes from m_requests (nanoseconds).
        const int64_t us = sent.GetMicroSeconds();
        const uint32_t sec = static_cast<uint32_t>(us / 1000000);
        const uint32_t usec = static_cast<uint32_t>(us % 1000000);
        for (uint32_t i = 0; i < 4; ++i)
        {
            d[i] = static_cast<uint8_t>(sec >> (24 - 8 * i));
            d[4 + i] = static_cast<uint8_t>(usec >> (24 - 8 * i));
        }
    }
    return d;
}

void
IcmpEchoProbe::Send()
{
    const uint16_t seq = m_nextSeq++;
    const Time now = Simulator::Now();
    const std::vector<uint8_t> data = MakePayload(now);
    Icmpv4Echo echo;
    echo.SetIdentifier(m_identifier);
    echo.SetSequenceNumber(seq);
    echo.SetData(Create<Packet>(data.data(), data.size()));
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(echo);
    Icmpv4Header icmp;
    icmp.SetType(Icmpv4Header::ICMPV4_ECHO);
    icmp.SetCode(0);
    // Always: a ping's checksum is not optional (RFC 792), and it covers the echo part, which
    // is already in the buffer when this header is serialized.
    icmp.EnableChecksum();
    p->AddHeader(icmp);
    ++m_attempts;
    NS_LOG_INFO("Echo Request id " << m_identifier << " seq " << seq << " to " << m_remote);
    // Recorded before sending; a wrapped sequence number replaces the old request (so at most
    // 65,536 entries).
    m_requests[seq] = Request{now, false};
    if (m_socket->SendTo(p, 0, InetSocketAddress(m_remote, 0)) < 0)
    {
        // No route (e.g. the PPP link is not up): like ping's "sendmsg: Network is
        // unreachable", the request is not sent, and its number is skipped.
        NS_LOG_WARN("Echo Request seq " << seq << " not sent: socket error "
                                        << m_socket->GetErrno());
        m_requests.erase(seq);
    }
    else
    {
        ++m_sent;
        m_txTrace(seq);
    }
    if (m_count == 0 || m_attempts < m_count)
    {
        m_sendEvent = Simulator::Schedule(m_interval, &IcmpEchoProbe::Send, this);
    }
}

void
IcmpEchoProbe::Receive(Ptr<Socket> s)
{
    Address from;
    while (Ptr<Packet> p = s->RecvFrom(from))
    {
        // The raw socket puts the IPv4 header back in front of the ICMP message.
        Ipv4Header ip;
        if (p->GetSize() < ip.GetSerializedSize())
        {
            Drop(DROP_TRUNCATED);
            continue;
        }
        p->RemoveHeader(ip);
        HandleIcmp(p);
    }
}

void
IcmpEchoProbe::HandleIcmp(Ptr<Packet> p)
{
    if (p->GetSize() < ECHO_HEADER_SIZE)
    {
        Drop(DROP_TRUNCATED);
        return;
    }
    if (Node::ChecksumEnabled())
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        if (!ChecksumOk(bytes))
        {
            Drop(DROP_CHECKSUM);
            return;
        }
    }
    Icmpv4Header icmp;
    p->RemoveHeader(icmp);
    if (icmp.GetType() != Icmpv4Header::ICMPV4_ECHO_REPLY || icmp.GetCode() != 0)
    {
        Drop(DROP_NOT_ECHO_REPLY);
        return;
    }
    Icmpv4Echo echo; // at least 4 bytes left: identifier and sequence number
    p->RemoveHeader(echo);
    if (echo.GetIdentifier() != m_identifier)
    {
        Drop(DROP_IDENTIFIER);
        return;
    }
    auto it = m_requests.find(echo.GetSequenceNumber());
    if (it == m_requests.end())
    {
        Drop(DROP_UNKNOWN_SEQUENCE);
        return;
    }
    if (it->second.answered)
    {
        ++m_duplicates;
        Drop(DROP_DUPLICATE);
        return;
    }
    std::vector<uint8_t> data(echo.GetDataSize());
    if (!data.empty())
    {
        echo.GetData(data.data());
    }
    if (data != MakePayload(it->second.sent))
    {
        Drop(DROP_PAYLOAD);
        return;
    }
    it->second.answered = true;
    ++m_received;
    const Time rtt = Simulator::Now() - it->second.sent;
    NS_LOG_INFO("Echo Reply seq " << it->first << " RTT " << rtt.As(Time::MS));
    m_rttTrace(it->first, rtt);
}

void
IcmpEchoProbe::Drop(DropReason r)
{
    ++m_drops[r];
    NS_LOG_INFO("dropped an ICMP datagram: " << DropReasonName(r));
    m_dropTrace(DropReasonName(r));
}

} // namespace ns3
