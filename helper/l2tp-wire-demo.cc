/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-wire-demo.h"

#include "l2tp-pcap-decoder.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/system-path.h"
#include "ns3/udp-socket-factory.h"

#include <filesystem>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpWireDemo");

namespace
{
using A = L2tpAvp::Type;
using M = L2tpControlMessage::MessageType;

constexpr uint16_t PPP_LCP = 0xc021;
constexpr uint16_t PPP_IPV4 = 0x0021;

/// "ff 03" + protocol + body: a PPP frame as L2TP carries it (address and control kept).
std::vector<uint8_t>
PppFrame(uint16_t protocol, const std::vector<uint8_t>& body)
{
    std::vector<uint8_t> f;
    f.reserve(4 + body.size());
    for (uint8_t b : {uint8_t(0xff), uint8_t(0x03), uint8_t(protocol >> 8), uint8_t(protocol)})
    {
        f.push_back(b);
    }
    for (uint8_t b : body)
    {
        f.push_back(b);
    }
    return f;
}

/// LCP packet (RFC 1661 section 5) with MRU 1500 and a Magic-Number option.
std::vector<uint8_t>
LcpPacket(uint8_t code, uint8_t id)
{
    const uint8_t options[] = {0x01, 0x04, 0x05, 0xdc,              // MRU 1500
                               0x05, 0x06, 0x1a, 0x2b, 0x3c, 0x4d}; // Magic-Number
    const uint16_t len = uint16_t(4 + sizeof(options));
    std::vector<uint8_t> p;
    p.reserve(len);
    for (uint8_t b : {code, id, uint8_t(len >> 8), uint8_t(len)})
    {
        p.push_back(b);
    }
    for (uint8_t b : options)
    {
        p.push_back(b);
    }
    return p;
}

/// The Internet checksum (RFC 1071) of \p data.
uint16_t
InternetChecksum(const std::vector<uint8_t>& data, std::size_t from, std::size_t len)
{
    uint32_t sum = 0;
    for (std::size_t i = 0; i < len; i += 2)
    {
        uint16_t word = uint16_t(data[from + i] << 8);
        if (i + 1 < len)
        {
            word |= data[from + i + 1];
        }
        sum += word;
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return uint16_t(~sum);
}

/// An IPv4 datagram carrying an ICMP echo (type 8) or echo reply (type 0), checksums correct.
std::vector<uint8_t>
IcmpEcho(uint8_t type, Ipv4Address src, Ipv4Address dst, uint16_t ipId)
{
    const std::string text = "ns-3l2tp";
    const uint16_t total = uint16_t(20 + 8 + text.size());
    std::vector<uint8_t> p{0x45,
                           0x00,
                           uint8_t(total >> 8),
                           uint8_t(total & 0xff),
                           uint8_t(ipId >> 8),
                           uint8_t(ipId & 0xff),
                           0x00,
                           0x00,
                           64,
                           1,
                           0,
                           0};
    for (Ipv4Address a : {src, dst})
    {
        uint32_t v = a.Get();
        p.push_back(uint8_t(v >> 24));
        p.push_back(uint8_t(v >> 16));
        p.push_back(uint8_t(v >> 8));
        p.push_back(uint8_t(v));
    }
    uint16_t c = InternetChecksum(p, 0, 20);
    p[10] = uint8_t(c >> 8);
    p[11] = uint8_t(c & 0xff);
    // ICMP: type, code, checksum, identifier 1, sequence 1, data.
    p.insert(p.end(), {type, 0, 0, 0, 0x00, 0x01, 0x00, 0x01});
    p.insert(p.end(), text.begin(), text.end());
    c = InternetChecksum(p, 20, p.size() - 20);
    p[22] = uint8_t(c >> 8);
    p[23] = uint8_t(c & 0xff);
    return p;
}
} // namespace

L2tpWireDemo::L2tpWireDemo()
    : m_delay(MilliSeconds(2))
    , m_rng(CreateObject<UniformRandomVariable>())
{
}

L2tpWireDemo::~L2tpWireDemo() {}

void
L2tpWireDemo::SetOutputDir(const std::string& dir)
{
    m_outputDir = dir;
}

void
L2tpWireDemo::SetSecret(const std::string& secret)
{
    m_secret = secret;
}

void
L2tpWireDemo::SetDataRate(const std::string& rate)
{
    m_dataRate = rate;
}

void
L2tpWireDemo::SetDelay(Time delay)
{
    m_delay = delay;
}

int64_t
L2tpWireDemo::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

const std::vector<L2tpWireDemo::Sent>&
L2tpWireDemo::GetSent() const
{
    return m_sent;
}

const std::vector<L2tpWireDemo::Received>&
L2tpWireDemo::GetReceived() const
{
    return m_received;
}

std::string
L2tpWireDemo::GetPcapPrefix() const
{
    return SystemPath::Append(m_outputDir, "l2tp-wire");
}

std::vector<std::string>
L2tpWireDemo::Run()
{
    NS_LOG_FUNCTION(this);
    m_sent.clear();
    m_received.clear();
    m_end[LAC] = End();
    m_end[LNS] = End();
    std::error_code ec;
    std::filesystem::create_directories(m_outputDir, ec);
    NS_ABORT_MSG_IF(ec, "L2tpWireDemo: cannot create the output directory " << m_outputDir << ": "
                                                                            << ec.message());

    // Real IPv4 and UDP checksums in the capture (restored afterwards: a global setting).
    BooleanValue checksums;
    GlobalValue::GetValueByName("ChecksumEnabled", checksums);
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    m_nodes = NodeContainer();
    m_nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(m_dataRate));
    p2p.SetChannelAttribute("Delay", TimeValue(m_delay));
    NetDeviceContainer devices = p2p.Install(m_nodes);

    InternetStackHelper internet;
    internet.SetIpv6StackInstall(false);
    internet.Install(m_nodes);
    // Addresses set directly: Ipv4AddressHelper's process-wide duplicate check would refuse a
    // second Run() in the same program.
    const Ipv4Address addresses[2] = {Ipv4Address("10.1.1.1"), Ipv4Address("10.1.1.2")};
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<Ipv4> ipv4 = m_nodes.Get(i)->GetObject<Ipv4>();
        int32_t ifIndex = ipv4->AddInterface(devices.Get(i));
        ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(addresses[i], Ipv4Mask("255.255.255.0")));
        ipv4->SetUp(ifIndex);
        m_end[i].address = addresses[i];
        m_end[i].socket = Socket::CreateSocket(m_nodes.Get(i), UdpSocketFactory::GetTypeId());
        m_end[i].socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), L2tpHeader::PORT));
        m_end[i].socket->SetRecvCallback(MakeCallback(&L2tpWireDemo::Receive, this));
    }

    p2p.EnablePcapAll(GetPcapPrefix());
    std::vector<std::string> files;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<NetDevice> d = devices.Get(i);
        files.push_back(GetPcapPrefix() + "-" + std::to_string(d->GetNode()->GetId()) + "-"
                        + std::to_string(d->GetIfIndex()) + ".pcap");
    }

    Schedule();
    Simulator::Stop(Seconds(63));
    Simulator::Run();
    Simulator::Destroy();

    m_end[LAC].socket = nullptr;
    m_end[LNS].socket = nullptr;
    m_nodes = NodeContainer();
    GlobalValue::Bind("ChecksumEnabled", checksums);
    return files;
}

L2tpControlMessage
L2tpWireDemo::MakeStartMessage(uint32_t from, uint16_t type)
{
    const bool lac = from == LAC;
    L2tpControlMessage m(type, m_end[from].peerTunnelId, 0);
    m.AddAvp(L2tpAvp::FromProtocolVersion(1, 0));
    m.AddAvp(L2tpAvp::FromU32(A::FRAMING_CAPABILITIES, 0x00000003)); // sync and async
    m.AddAvp(L2tpAvp::FromU32(A::BEARER_CAPABILITIES, 0x00000002));  // analog
    m.AddAvp(L2tpAvp::FromU16(A::FIRMWARE_REVISION, 0x0137));
    m.AddAvp(L2tpAvp::FromString(A::HOST_NAME, lac ? "lac.example.net" : "lns.example.net"));
    m.AddAvp(L2tpAvp::FromString(A::VENDOR_NAME, "ns-3 l2tp"));
    L2tpAvp assigned = L2tpAvp::FromU16(A::ASSIGNED_TUNNEL_ID, lac ? LAC_TUNNEL_ID : LNS_TUNNEL_ID);
    if (!m_secret.empty())
    {
        // Section 4.3: the Random Vector must precede the hidden AVP it applies to.
        std::vector<uint8_t> rv(16);
        for (auto& b : rv)
        {
            b = uint8_t(m_rng->GetInteger(0, 255));
        }
        m.AddAvp(L2tpAvp::FromOctets(A::RANDOM_VECTOR, rv));
        assigned.SetHidden(true);
    }
    m.AddAvp(assigned);
    m.AddAvp(L2tpAvp::FromU16(A::RECEIVE_WINDOW_SIZE, 4));
    return m;
}

void
L2tpWireDemo::Schedule()
{
    // Steps 10 ms apart: far more than the 2 ms + serialization each message needs.
    Time t = Seconds(1);
    auto at = [&t](int n)
    {
        return t + MilliSeconds(10 * n);
    };

    Simulator::Schedule(at(0), [this] { SendControl(LAC, MakeStartMessage(LAC, M::SCCRQ)); });
    Simulator::Schedule(at(1), [this] { SendControl(LNS, MakeStartMessage(LNS, M::SCCRP)); });
    Simulator::Schedule(
        at(2),
        [this] { SendControl(LAC, L2tpControlMessage(M::SCCCN, m_end[LAC].peerTunnelId, 0)); });
    Simulator::Schedule(at(3), [this] { SendZlb(LNS, 0); });
    Simulator::Schedule(at(4),
                        [this]
                        {
                            L2tpControlMessage m(M::ICRQ, m_end[LAC].peerTunnelId, 0);
                            m.AddAvp(L2tpAvp::FromU16(A::ASSIGNED_SESSION_ID, LAC_SESSION_ID));
                            m.AddAvp(L2tpAvp::FromU32(A::CALL_SERIAL_NUMBER, 1));
                            m.AddAvp(L2tpAvp::FromU32(A::BEARER_TYPE, 0x00000002)); // analog
                            m.AddAvp(L2tpAvp::FromString(A::CALLING_NUMBER, "5551234"));
                            SendControl(LAC, m);
                        });
    Simulator::Schedule(at(5),
                        [this]
                        {
                            L2tpControlMessage m(M::ICRP, m_end[LNS].peerTunnelId,
                                                 m_end[LNS].peerSessionId);
                            m.AddAvp(L2tpAvp::FromU16(A::ASSIGNED_SESSION_ID, LNS_SESSION_ID));
                            SendControl(LNS, m);
                        });
    Simulator::Schedule(at(6),
                        [this]
                        {
                            L2tpControlMessage m(M::ICCN, m_end[LAC].peerTunnelId,
                                                 m_end[LAC].peerSessionId);
                            m.AddAvp(L2tpAvp::FromU32(A::TX_CONNECT_SPEED, 10000000));
                            m.AddAvp(L2tpAvp::FromU32(A::FRAMING_TYPE, 0x00000001)); // sync
                            m.AddAvp(L2tpAvp::FromU32(A::RX_CONNECT_SPEED, 10000000));
                            SendControl(LAC, m);
                        });
    Simulator::Schedule(at(7), [this] { SendZlb(LNS, m_end[LNS].peerSessionId); });

    // PPP inside the session: LCP negotiation, then IPv4 with data sequencing (S bit).
    const Ipv4Address lnsSide("192.168.100.1");
    const Ipv4Address client("192.168.100.2");
    Simulator::Schedule(at(10),
                        [this]
                        {
                            SendData(LAC, PppFrame(PPP_LCP, LcpPacket(1, 1)), true,
                                     false); // Configure-Request
                        });
    Simulator::Schedule(at(11),
                        [this]
                        {
                            SendData(LNS, PppFrame(PPP_LCP, LcpPacket(2, 1)), true,
                                     false); // Configure-Ack
                        });
    Simulator::Schedule(
        at(12), [this, lnsSide, client]
        { SendData(LNS, PppFrame(PPP_IPV4, IcmpEcho(8, lnsSide, client, 1)), false, true); });
    Simulator::Schedule(
        at(13), [this, lnsSide, client]
        { SendData(LAC, PppFrame(PPP_IPV4, IcmpEcho(0, client, lnsSide, 1)), false, true); });

    // Keepalive after 60 s without control messages (section 6.5), then teardown.
    t = Seconds(61);
    Simulator::Schedule(
        at(7),
        [this] { SendControl(LNS, L2tpControlMessage(M::HELLO, m_end[LNS].peerTunnelId, 0)); });
    Simulator::Schedule(at(8), [this] { SendZlb(LAC, 0); });
    t = Seconds(62);
    Simulator::Schedule(at(0),
                        [this]
                        {
                            L2tpControlMessage m(M::CDN, m_end[LAC].peerTunnelId,
                                                 m_end[LAC].peerSessionId);
                            L2tpResultCode rc;
                            rc.result = 3; // Session disconnected for administrative reasons
                            m.AddAvp(L2tpAvp::FromResultCode(A::RESULT_CODE, rc));
                            m.AddAvp(L2tpAvp::FromU16(A::ASSIGNED_SESSION_ID, LAC_SESSION_ID));
                            SendControl(LAC, m);
                        });
    Simulator::Schedule(at(1), [this] { SendZlb(LNS, m_end[LNS].peerSessionId); });
    Simulator::Schedule(at(10),
                        [this]
                        {
                            L2tpControlMessage m(M::STOPCCN, m_end[LAC].peerTunnelId, 0);
                            m.AddAvp(L2tpAvp::FromU16(A::ASSIGNED_TUNNEL_ID, LAC_TUNNEL_ID));
                            L2tpResultCode rc;
                            rc.result = 1; // General request to clear control connection
                            rc.error = 0;
                            rc.message = "Goodbye!";
                            m.AddAvp(L2tpAvp::FromResultCode(A::RESULT_CODE, rc));
                            SendControl(LAC, m);
                        });
    Simulator::Schedule(at(11), [this] { SendZlb(LNS, 0); });
}

void
L2tpWireDemo::SendControl(uint32_t from, L2tpControlMessage msg)
{
    End& e = m_end[from];
    msg.GetHeader().SetNs(e.ns);
    msg.GetHeader().SetNr(e.nr);
    if (!msg.IsZlb())
    {
        ++e.ns; // a ZLB carries the next Ns without consuming it (section 5.8)
    }
    Sent s;
    s.from = from;
    s.type = L2tpControlMessage::TypeName(msg.GetMessageType());
    s.tunnelId = msg.GetHeader().GetTunnelId();
    s.sessionId = msg.GetHeader().GetSessionId();
    s.hasSequence = true;
    s.ns = msg.GetHeader().GetNs();
    s.nr = msg.GetHeader().GetNr();
    s.payload = 0;
    Transmit(from, msg.Serialize(m_secret), s);
}

void
L2tpWireDemo::SendZlb(uint32_t from, uint16_t sessionId)
{
    L2tpControlMessage zlb;
    zlb.GetHeader().SetTunnelId(m_end[from].peerTunnelId);
    zlb.GetHeader().SetSessionId(sessionId);
    SendControl(from, zlb);
}

void
L2tpWireDemo::SendData(uint32_t from, const std::vector<uint8_t>& ppp, bool withLength,
                       bool withSequence)
{
    End& e = m_end[from];
    L2tpHeader h = L2tpHeader::MakeData(e.peerTunnelId, e.peerSessionId, withLength);
    if (withSequence)
    {
        h.SetHasSequence(true);
        h.SetNs(e.dataNs++);
        h.SetNr(0); // reserved in data messages (section 3.1)
    }
    if (withLength)
    {
        h.SetLength(uint16_t(h.GetSerializedSize() + ppp.size()));
    }
    std::vector<uint8_t> bytes;
    h.AppendTo(bytes);
    bytes.insert(bytes.end(), ppp.begin(), ppp.end());
    Sent s;
    s.from = from;
    s.type = "DATA";
    s.tunnelId = h.GetTunnelId();
    s.sessionId = h.GetSessionId();
    s.hasSequence = withSequence;
    s.ns = withSequence ? h.GetNs() : 0;
    s.nr = withSequence ? h.GetNr() : 0;
    s.payload = uint32_t(ppp.size());
    Transmit(from, bytes, s);
}

void
L2tpWireDemo::Transmit(uint32_t from, const std::vector<uint8_t>& bytes, Sent entry)
{
    entry.time = Simulator::Now();
    entry.size = uint32_t(bytes.size());
    NS_LOG_INFO((from == LAC ? "LAC" : "LNS")
                << " sends " << entry.type << " (" << entry.size << " bytes)");
    m_sent.push_back(entry);
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    const End& peer = m_end[from == LAC ? LNS : LAC];
    m_end[from].socket->SendTo(p, 0, InetSocketAddress(peer.address, L2tpHeader::PORT));
}

void
L2tpWireDemo::Receive(Ptr<Socket> socket)
{
    const uint32_t at = socket == m_end[LAC].socket ? LAC : LNS;
    End& e = m_end[at];
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        L2tpPcapRecord r;
        r.timeNs = Simulator::Now().GetNanoSeconds();
        r.srcAddress = InetSocketAddress::ConvertFrom(from).GetIpv4();
        r.srcPort = InetSocketAddress::ConvertFrom(from).GetPort();
        L2tpPcapDecoder::DecodeL2tp(bytes.data(), uint32_t(bytes.size()),
                                    m_secret.empty() ? nullptr : &m_secret, r);
        const bool ok = r.kind != L2tpPcapRecord::Kind::MALFORMED;
        NS_LOG_INFO((at == LAC ? "LAC" : "LNS") << " received: " << r.line);
        m_received.push_back({Simulator::Now(), at, ok, r.line});
        if (!ok || r.kind == L2tpPcapRecord::Kind::DATA)
        {
            continue;
        }
        if (r.kind == L2tpPcapRecord::Kind::CONTROL && r.ns == e.nr)
        {
            ++e.nr; // in order: the next one expected advances (section 5.8)
        }
        // Learn the peer's identifiers from its assignments (unhidden with the secret).
        if (const L2tpAvp* a = r.message.FindAvp(A::ASSIGNED_TUNNEL_ID);
            a != nullptr && r.messageType != M::STOPCCN && a->GetU16() && !a->IsStillHidden())
        {
            e.peerTunnelId = *a->GetU16();
        }
        if (const L2tpAvp* a = r.message.FindAvp(A::ASSIGNED_SESSION_ID);
            a != nullptr && (r.messageType == M::ICRQ || r.messageType == M::ICRP) && a->GetU16())
        {
            e.peerSessionId = *a->GetU16();
        }
    }
}

} // namespace ns3
