/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv1 known-answer tests from real strongSwan 5.9.8 captures (test/data/strongswan, copied
 * from shared/vectors/strongswan; PSK "ref-psk-123", ike=aes128-sha1-modp2048): every ISAKMP
 * message of both cases, on both sides of the NAT, is read from the pcaps (UDP 500, and UDP
 * 4500 after the non-ESP marker), its size, payload order and contents are checked against
 * the vectors' README table, the NAT-D hashes are recomputed from the addresses and cookies,
 * MM5, MM6, Quick Mode and the Informational messages are decrypted with the phase-1 key Ka
 * from ikev1_decryption_table (phase-1 IV from the KE payloads, RFC 2409 Appendix B), their
 * payloads are checked exactly, and every message and decrypted chain re-serializes to the
 * same bytes (and re-encrypts to the same ciphertext).
 */
#include "l2tp-test-util.h"

#include "ns3/ike-crypto.h"
#include "ns3/ike-header.h"
#include "ns3/ike-payload.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <fstream>
#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// One UDP datagram on port 500 or 4500 read from a pcap.
struct UdpDatagram
{
    uint32_t frame;               //!< 1-based frame number
    std::vector<uint8_t> src;     //!< IPv4 source (4 bytes)
    std::vector<uint8_t> dst;     //!< IPv4 destination
    uint16_t sport;               //!< UDP source port
    uint16_t dport;               //!< UDP destination port
    uint16_t ipLength;            //!< IPv4 total length
    std::vector<uint8_t> payload; //!< UDP payload
};

uint32_t
Rd32(const uint8_t* p, bool swap)
{
    return swap ? (uint32_t(p[3]) << 24) | (uint32_t(p[2]) << 16) | (uint32_t(p[1]) << 8) | p[0]
                : (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

/**
 * A minimal bounds-checked pcap reader (Ethernet link type, IPv4, UDP) for the IKE vectors.
 * \param path file \param out UDP datagrams with port 500 or 4500 at either end
 * \param err why the file could not be read \return true on success
 */
bool
ReadIkePcap(const std::string& path, std::vector<UdpDatagram>& out, std::string& err)
{
    std::ifstream f(path, std::ios::binary);
    std::vector<uint8_t> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (b.size() < 24)
    {
        err = "no pcap header";
        return false;
    }
    uint32_t magic = Rd32(b.data(), false);
    bool swap;
    if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
    {
        swap = false;
    }
    else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
    {
        swap = true;
    }
    else
    {
        err = "bad pcap magic";
        return false;
    }
    if (Rd32(b.data() + 20, swap) != 1)
    {
        err = "link type is not Ethernet";
        return false;
    }
    size_t off = 24;
    uint32_t frame = 0;
    while (off + 16 <= b.size())
    {
        uint32_t caplen = Rd32(b.data() + off + 8, swap);
        off += 16;
        if (caplen > b.size() - off)
        {
            err = "truncated record";
            return false;
        }
        const uint8_t* p = b.data() + off;
        off += caplen;
        ++frame;
        if (caplen < 14 + 20 + 8 || p[12] != 0x08 || p[13] != 0x00)
        {
            continue;
        }
        const uint8_t* ip = p + 14;
        uint32_t ihl = (ip[0] & 0x0f) * 4u;
        uint16_t ipLen = static_cast<uint16_t>((ip[2] << 8) | ip[3]);
        if ((ip[0] >> 4) != 4 || ihl < 20 || ipLen > caplen - 14 || ipLen < ihl + 8 || ip[9] != 17)
        {
            continue;
        }
        const uint8_t* udp = ip + ihl;
        UdpDatagram d;
        d.frame = frame;
        d.src.assign(ip + 12, ip + 16);
        d.dst.assign(ip + 16, ip + 20);
        d.sport = static_cast<uint16_t>((udp[0] << 8) | udp[1]);
        d.dport = static_cast<uint16_t>((udp[2] << 8) | udp[3]);
        uint16_t udpLen = static_cast<uint16_t>((udp[4] << 8) | udp[5]);
        if (udpLen < 8 || udpLen > ipLen - ihl)
        {
            continue;
        }
        d.ipLength = ipLen;
        d.payload.assign(udp + 8, udp + udpLen);
        bool ike = d.sport == 500 || d.dport == 500 || d.sport == 4500 || d.dport == 4500;
        if (ike)
        {
            out.push_back(d);
        }
    }
    return true;
}

/// What one ISAKMP message of the README table must be.
struct Expected
{
    const char* name;              //!< MM1 ...
    bool fromClient;               //!< direction
    uint32_t length;               //!< ISAKMP length
    uint8_t exchange;              //!< exchange type
    bool encrypted;                //!< E flag
    std::vector<uint8_t> payloads; //!< payload types in order (decrypted)
};

/// One capture case of the vectors.
struct Case
{
    std::string dir;             //!< case directory under test/data/strongswan
    bool nat;                    //!< NAT in the path
    std::vector<Expected> table; //!< the README's table
    uint32_t qmSpiClient;        //!< SPI in QM1 (the client's inbound SA)
    uint32_t qmSpiServer;        //!< SPI in QM2
};

std::vector<Expected>
Table(bool nat)
{
    using P = IkePayload;
    std::vector<uint8_t> qm{P::HASH, P::SA, P::NONCE, P::ID, P::ID};
    if (nat)
    {
        qm.push_back(P::NAT_OA);
        qm.push_back(P::NAT_OA);
    }
    uint32_t qmLen = nat ? 204 : 172;
    return {
        {"MM1", true, 180, 2, false, {P::SA, 13, 13, 13, 13, 13}},
        {"MM2", false, 160, 2, false, {P::SA, 13, 13, 13, 13}},
        {"MM3", true, 372, 2, false, {P::KE, P::NONCE, P::NAT_D, P::NAT_D}},
        {"MM4", false, 372, 2, false, {P::KE, P::NONCE, P::NAT_D, P::NAT_D}},
        {"MM5", true, 108, 2, true, {P::ID, P::HASH, P::NOTIFICATION}},
        {"MM6", false, 76, 2, true, {P::ID, P::HASH}},
        {"QM1", true, qmLen, 32, true, qm},
        {"QM2", false, qmLen, 32, true, qm},
        {"QM3", true, 60, 32, true, {P::HASH}},
        {"Info1", true, 76, 5, true, {P::HASH, P::DELETE}},
        {"Info2", true, 92, 5, true, {P::HASH, P::DELETE}},
    };
}

std::vector<uint8_t>
V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    return {a, b, c, d};
}

std::string
Types(const std::vector<IkePayload>& chain)
{
    std::ostringstream s;
    for (size_t i = 0; i < chain.size(); ++i)
    {
        s << (i ? "|" : "") << unsigned(chain[i].type);
    }
    return s.str();
}

std::string
Types(const std::vector<uint8_t>& t)
{
    std::ostringstream s;
    for (size_t i = 0; i < t.size(); ++i)
    {
        s << (i ? "|" : "") << unsigned(t[i]);
    }
    return s.str();
}

/**
 * \ingroup l2tp-tests
 * One side (client or server pcap) of one case: every IKE message read, checked, decrypted,
 * re-serialized.
 */
class IkeStrongswanCaptureTestCase : public TestCase
{
public:
    /// \param c the case \param serverSide which pcap
    IkeStrongswanCaptureTestCase(const Case& c, bool serverSide)
        : TestCase(
            "strongSwan " + c.dir + (serverSide ? " server_side" : " client_side")
            + ": ISAKMP sizes, payloads, NAT-D, phase-1 and phase-2 decryption, re-serialization")
        , m_case(c)
        , m_server(serverSide)
    {
    }

private:
    void DoRun() override;
    /// Check one decrypted message's payloads. \param i index in the table
    /// \param chain payloads \param h header
    void CheckDecrypted(size_t i, const std::vector<IkePayload>& chain, const IkeHeader& h);

    Case m_case;   //!< the case
    bool m_server; //!< server-side pcap
};

void
IkeStrongswanCaptureTestCase::DoRun()
{
    const std::string dir = DataDir() + "/strongswan/" + m_case.dir;
    std::vector<UdpDatagram> udp;
    std::string err;
    NS_TEST_ASSERT_MSG_EQ(
        ReadIkePcap(dir + (m_server ? "/server_side.pcap" : "/client_side.pcap"), udp, err), true,
        err);
    // Ka from Wireshark's ikev1_decryption_table line "CKY-I,Ka".
    std::vector<uint8_t> ckyI;
    std::vector<uint8_t> ka;
    for (const auto& line : ReadLines(dir + "/ikev1_decryption_table"))
    {
        if (!line.empty() && line[0] != '#')
        {
            auto f = Split(line, ',');
            NS_TEST_ASSERT_MSG_EQ(f.size(), 2u, "decryption table line " << line);
            ckyI = FromHex(f[0]);
            ka = FromHex(f[1]);
        }
    }
    NS_TEST_ASSERT_MSG_EQ(ka.size(), 16u, "AES-128 Ka");
    NS_TEST_ASSERT_MSG_EQ(IkeCrypto::Ikev1DecryptionTableLine(ckyI, ka),
                          ToHex(ckyI) + "," + ToHex(ka), "writer reproduces the UAT line");

    const auto client = V4(192, 168, 77, 2);
    const auto server = V4(10, 201, 0, 2);
    const auto natOutside = V4(10, 201, 0, 1);
    const auto clientSeen = m_case.nat ? natOutside : client; // client's address at the server
    // Addresses in this capture.
    const auto clientHere = m_server ? clientSeen : client;

    std::vector<UdpDatagram> ike;
    uint32_t keepalives = 0;
    uint32_t espInUdp = 0;
    for (const auto& d : udp)
    {
        if (d.sport == 4500 || d.dport == 4500)
        {
            NS_TEST_ASSERT_MSG_EQ((d.sport == 4500 && d.dport == 4500), true, "4500 -> 4500");
            if (d.payload.size() == 1 && d.payload[0] == 0xff)
            {
                ++keepalives;
                NS_TEST_ASSERT_MSG_EQ(IkeHeader::HasNonEspMarker(d.payload.data(), 1), false, "");
                continue;
            }
            if (!IkeHeader::HasNonEspMarker(d.payload.data(),
                                            static_cast<uint32_t>(d.payload.size())))
            {
                ++espInUdp;
                continue;
            }
            UdpDatagram m = d;
            m.payload.erase(m.payload.begin(), m.payload.begin() + IkeHeader::NON_ESP_MARKER_SIZE);
            ike.push_back(m);
            continue;
        }
        ike.push_back(d);
    }
    NS_TEST_ASSERT_MSG_EQ(keepalives, (m_case.nat ? 2u : 0u), "NAT keepalives (0xFF)");
    NS_TEST_ASSERT_MSG_EQ(espInUdp, (m_case.nat ? 13u : 0u), "ESP-in-UDP datagrams (no marker)");
    const auto& table = m_case.table;
    NS_TEST_ASSERT_MSG_EQ(ike.size(), table.size(), "ISAKMP message count");

    std::vector<uint8_t> gxi;
    std::vector<uint8_t> gxr;
    std::vector<uint8_t> iv;
    std::vector<uint8_t> lastPhase1Block;
    std::vector<uint8_t> qmIv;
    for (size_t i = 0; i < ike.size(); ++i)
    {
        const Expected& e = table[i];
        const UdpDatagram& d = ike[i];
        const std::string at = std::string(e.name) + " (frame " + std::to_string(d.frame) + ")";
        // Direction, ports: IKE floats to 4500 at MM5 only with a NAT.
        NS_TEST_ASSERT_MSG_EQ(ToHex(d.src), ToHex(e.fromClient ? clientHere : server), at);
        NS_TEST_ASSERT_MSG_EQ(ToHex(d.dst), ToHex(e.fromClient ? server : clientHere), at);
        uint16_t port = (m_case.nat && i >= 4) ? 4500 : 500;
        NS_TEST_ASSERT_MSG_EQ(d.sport, port, at);
        NS_TEST_ASSERT_MSG_EQ(d.dport, port, at);
        NS_TEST_ASSERT_MSG_EQ(d.ipLength, 20 + 8 + e.length + (port == 4500 ? 4 : 0),
                              at << " IP total length");

        IkeHeader h;
        std::string reason;
        const uint32_t n = static_cast<uint32_t>(d.payload.size());
        NS_TEST_ASSERT_MSG_EQ(IkeHeader::Parse(d.payload.data(), n, h, reason), 28u, reason);
        NS_TEST_ASSERT_MSG_EQ(h.length, e.length, at << " ISAKMP length");
        NS_TEST_ASSERT_MSG_EQ(n, e.length, at << " UDP payload = ISAKMP message");
        NS_TEST_ASSERT_MSG_EQ(unsigned(h.exchangeType), unsigned(e.exchange), at);
        NS_TEST_ASSERT_MSG_EQ(h.IsEncrypted(), e.encrypted, at << " E flag");
        NS_TEST_ASSERT_MSG_EQ(unsigned(h.version), 0x10u, at);
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(std::vector<uint8_t>(h.initiatorCookie.begin(), h.initiatorCookie.end())),
            ToHex(ckyI), at << " CKY-I is the table's");
        bool zeroR = true;
        for (auto b : h.responderCookie)
        {
            zeroR = zeroR && b == 0;
        }
        NS_TEST_ASSERT_MSG_EQ(zeroR, (i == 0), at << " CKY-R zero only in MM1");
        NS_TEST_ASSERT_MSG_EQ((h.messageId == 0), (e.exchange == 2), at << " M-ID");
        std::vector<uint8_t> hdr;
        h.Write(hdr);
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(hdr), ToHex(std::vector<uint8_t>(d.payload.begin(), d.payload.begin() + 28)),
            at << " header re-serialization");

        std::vector<uint8_t> body(d.payload.begin() + 28, d.payload.end());
        std::vector<uint8_t> plain = body;
        if (h.IsEncrypted())
        {
            // IV chaining (RFC 2409 Appendix B): phase 1 from hash(g^xi | g^xr), then the last
            // ciphertext block; each phase-2 / informational exchange starts from
            // hash(last phase-1 block | M-ID) and chains within its exchange.
            std::vector<uint8_t> useIv;
            if (e.exchange == 2)
            {
                useIv = iv;
            }
            else if (e.exchange == 32)
            {
                if (qmIv.empty())
                {
                    qmIv = IkeCrypto::Phase2Iv(lastPhase1Block, h.messageId);
                }
                useIv = qmIv;
            }
            else
            {
                useIv = IkeCrypto::Phase2Iv(lastPhase1Block, h.messageId);
            }
            NS_TEST_ASSERT_MSG_EQ(IkeCrypto::AesCbc(ka, useIv, body, false, plain, reason), true,
                                  at << " " << reason);
            std::vector<uint8_t> again;
            NS_TEST_ASSERT_MSG_EQ(IkeCrypto::AesCbc(ka, useIv, plain, true, again, reason), true,
                                  reason);
            NS_TEST_ASSERT_MSG_EQ(ToHex(again), ToHex(body), at << " re-encryption");
            std::vector<uint8_t> last(body.end() - 16, body.end());
            if (e.exchange == 2)
            {
                iv = last;
                lastPhase1Block = last;
            }
            else if (e.exchange == 32)
            {
                qmIv = last;
            }
        }
        std::vector<IkePayload> chain;
        uint32_t used = 0;
        NS_TEST_ASSERT_MSG_EQ(IkePayload::ParseChain(h.nextPayload, plain.data(),
                                                     static_cast<uint32_t>(plain.size()), chain,
                                                     used, reason),
                              true, at << ": " << reason);
        NS_TEST_ASSERT_MSG_EQ(Types(chain), Types(e.payloads), at << " payload order");
        std::vector<uint8_t> again = IkePayload::WriteChain(chain);
        NS_TEST_ASSERT_MSG_EQ(ToHex(again),
                              ToHex(std::vector<uint8_t>(plain.begin(), plain.begin() + used)),
                              at << " payload chain re-serialization");
        if (!h.IsEncrypted())
        {
            NS_TEST_ASSERT_MSG_EQ(used, plain.size(), at << " no trailing bytes");
        }
        else
        {
            // strongSwan pads to the block size with zeros, adding a whole block when the
            // chain is already aligned (MM5: 64 -> 80).
            uint32_t pad = static_cast<uint32_t>(plain.size()) - used;
            NS_TEST_ASSERT_MSG_EQ((pad >= 1 && pad <= 16), true, at << " padding " << pad);
            NS_TEST_ASSERT_MSG_EQ((used + 16) / 16 * 16, plain.size(), at << " padding size");
            for (uint32_t k = used; k < plain.size(); ++k)
            {
                NS_TEST_ASSERT_MSG_EQ(unsigned(plain[k]), 0u, at << " padding byte");
            }
        }

        if (i == 0 || i == 1)
        {
            // MM1 / MM2: one proposal, one KEY_IKE transform, RFC 2409 Appendix A values in
            // strongSwan's order, then the vendor IDs.
            const IkeSaPayload& sa = chain[0].sa;
            NS_TEST_ASSERT_MSG_EQ(sa.doi, 1u, at);
            NS_TEST_ASSERT_MSG_EQ(sa.situation, 1u, at);
            NS_TEST_ASSERT_MSG_EQ(sa.proposals.size(), 1u, at);
            const IkeProposal& p = sa.proposals[0];
            NS_TEST_ASSERT_MSG_EQ(unsigned(p.protocolId), 1u, at);
            NS_TEST_ASSERT_MSG_EQ(p.spi.size(), 0u, at);
            NS_TEST_ASSERT_MSG_EQ(p.transforms.size(), 1u, at);
            const IkeTransform& t = p.transforms[0];
            NS_TEST_ASSERT_MSG_EQ(unsigned(t.transformId), 1u, at << " KEY_IKE");
            const uint16_t want[][2]
                = {{1, 7}, {14, 128}, {2, 2}, {4, 14}, {3, 1}, {11, 1}, {12, 10800}};
            NS_TEST_ASSERT_MSG_EQ(t.attributes.size(), 7u, at);
            for (size_t k = 0; k < 7; ++k)
            {
                NS_TEST_ASSERT_MSG_EQ(t.attributes[k].tv, true, at);
                NS_TEST_ASSERT_MSG_EQ(t.attributes[k].type, want[k][0], at);
                NS_TEST_ASSERT_MSG_EQ(t.attributes[k].GetValue(), want[k][1], at);
            }
            NS_TEST_ASSERT_MSG_EQ(chain[0].GetSize(), 56u, at << " SA payload length");
            const std::vector<std::string> vids{"XAUTH", "RFC 3706 DPD", "Cisco Fragmentation",
                                                "RFC 3947 NAT-T",
                                                "draft-ietf-ipsec-nat-t-ike-02\\n"};
            for (size_t k = 1; k < chain.size(); ++k)
            {
                NS_TEST_ASSERT_MSG_EQ(IkePayload::VendorIdName(chain[k].data), vids[k - 1], at);
            }
        }
        else if (i == 2 || i == 3)
        {
            NS_TEST_ASSERT_MSG_EQ(chain[0].data.size(), 256u, at << " MODP 2048 KE");
            NS_TEST_ASSERT_MSG_EQ(chain[1].data.size(), 32u, at << " nonce");
            (i == 2 ? gxi : gxr) = chain[0].data;
            // NAT-D = SHA-1(CKY-I | CKY-R | IP | port): strongSwan sends the peer's address
            // as the sender sees it first, then its own.
            auto cookies = h.Cookies();
            const auto& peer = (i == 2) ? server : clientSeen;
            const auto& own = (i == 2) ? client : server;
            NS_TEST_ASSERT_MSG_EQ(ToHex(chain[2].data), ToHex(IkeCrypto::NatD(cookies, peer, 500)),
                                  at << " NAT-D 1 (peer)");
            NS_TEST_ASSERT_MSG_EQ(ToHex(chain[3].data), ToHex(IkeCrypto::NatD(cookies, own, 500)),
                                  at << " NAT-D 2 (own)");
            // Detection by the receiver, from the addresses of the packet it received: its own
            // (destination) hash must be the first one, the sender's (source) the second.
            bool rxSide = (i == 2) == m_server; // this pcap is on the receiver's side
            if (rxSide)
            {
                bool ownMatch = chain[2].data == IkeCrypto::NatD(cookies, d.dst, d.dport);
                bool peerMatch = chain[3].data == IkeCrypto::NatD(cookies, d.src, d.sport);
                bool clientIsReceiver = (i == 3);
                // With the NAT, the client finds its own hash missing ("local host is behind
                // NAT") and the server the client's ("remote host is behind NAT").
                NS_TEST_ASSERT_MSG_EQ(ownMatch, (!(m_case.nat && clientIsReceiver)), at);
                NS_TEST_ASSERT_MSG_EQ(peerMatch, (!(m_case.nat && !clientIsReceiver)), at);
            }
            if (i == 3)
            {
                iv = IkeCrypto::Phase1Iv(gxi, gxr);
            }
        }
        else
        {
            CheckDecrypted(i, chain, h);
        }
    }
    Simulator::Destroy();
}

void
IkeStrongswanCaptureTestCase::CheckDecrypted(size_t i, const std::vector<IkePayload>& chain,
                                             const IkeHeader& h)
{
    const Expected& e = m_case.table[i];
    const std::string at = e.name;
    const auto client = V4(192, 168, 77, 2);
    const auto server = V4(10, 201, 0, 2);
    const auto natOutside = V4(10, 201, 0, 1);
    const auto cookies = h.Cookies();
    NS_TEST_ASSERT_MSG_EQ(chain[i == 4 || i == 5 ? 1 : 0].data.size(), 20u, at << " HASH");
    if (i == 4 || i == 5)
    {
        const IkePayload& id = chain[0];
        NS_TEST_ASSERT_MSG_EQ(unsigned(id.idType), 1u, at << " ID_IPV4_ADDR");
        NS_TEST_ASSERT_MSG_EQ(unsigned(id.protocolId), 0u, at);
        NS_TEST_ASSERT_MSG_EQ(id.port, 0u, at);
        NS_TEST_ASSERT_MSG_EQ(ToHex(id.data), ToHex(i == 4 ? client : server), at);
        if (i == 4)
        {
            const IkePayload& n = chain[2];
            NS_TEST_ASSERT_MSG_EQ(n.doi, 1u, at);
            NS_TEST_ASSERT_MSG_EQ(unsigned(n.protocolId), 1u, at);
            NS_TEST_ASSERT_MSG_EQ(n.notifyType, IkePayload::INITIAL_CONTACT, at);
            NS_TEST_ASSERT_MSG_EQ(ToHex(n.spi), ToHex(cookies), at << " SPI = cookies");
            NS_TEST_ASSERT_MSG_EQ(n.data.size(), 0u, at);
        }
    }
    else if (i == 6 || i == 7)
    {
        const IkeSaPayload& sa = chain[1].sa;
        NS_TEST_ASSERT_MSG_EQ(sa.proposals.size(), 1u, at);
        const IkeProposal& p = sa.proposals[0];
        NS_TEST_ASSERT_MSG_EQ(unsigned(p.protocolId), 3u, at << " ESP");
        uint32_t spi = i == 6 ? m_case.qmSpiClient : m_case.qmSpiServer;
        NS_TEST_ASSERT_MSG_EQ(ToHex(p.spi),
                              ToHex(std::vector<uint8_t>{uint8_t(spi >> 24), uint8_t(spi >> 16),
                                                         uint8_t(spi >> 8), uint8_t(spi)}),
                              at << " SPI");
        NS_TEST_ASSERT_MSG_EQ(p.transforms.size(), 1u, at);
        const IkeTransform& t = p.transforms[0];
        NS_TEST_ASSERT_MSG_EQ(unsigned(t.transformId), 12u, at << " ESP_AES");
        const uint16_t mode = m_case.nat ? 4 : 2;
        const uint16_t want[][2] = {{6, 128}, {5, 2}, {4, mode}, {1, 1}, {2, 3600}};
        NS_TEST_ASSERT_MSG_EQ(t.attributes.size(), 5u, at);
        for (size_t k = 0; k < 5; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(t.attributes[k].type, want[k][0], at);
            NS_TEST_ASSERT_MSG_EQ(t.attributes[k].GetValue(), want[k][1], at);
        }
        NS_TEST_ASSERT_MSG_EQ(chain[2].data.size(), 32u, at << " nonce");
        // IDci / IDcr: UDP/1701 host addresses. The responder (QM2) names the initiator by the
        // address it saw: the NAT's outside address.
        const auto idci = (i == 7 && m_case.nat) ? natOutside : client;
        for (size_t k = 3; k <= 4; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(unsigned(chain[k].idType), 1u, at);
            NS_TEST_ASSERT_MSG_EQ(unsigned(chain[k].protocolId), 17u, at);
            NS_TEST_ASSERT_MSG_EQ(chain[k].port, 1701u, at);
        }
        NS_TEST_ASSERT_MSG_EQ(ToHex(chain[3].data), ToHex(idci), at << " IDci");
        NS_TEST_ASSERT_MSG_EQ(ToHex(chain[4].data), ToHex(server), at << " IDcr");
        if (m_case.nat)
        {
            NS_TEST_ASSERT_MSG_EQ(ToHex(chain[5].data), ToHex(idci), at << " NAT-OAi");
            NS_TEST_ASSERT_MSG_EQ(ToHex(chain[6].data), ToHex(server), at << " NAT-OAr");
            NS_TEST_ASSERT_MSG_EQ(unsigned(chain[5].idType), 1u, at);
        }
    }
    else if (i == 9 || i == 10)
    {
        const IkePayload& del = chain[1];
        if (i == 9)
        {
            NS_TEST_ASSERT_MSG_EQ(unsigned(del.protocolId), 3u, at << " Delete ESP");
            NS_TEST_ASSERT_MSG_EQ(unsigned(del.spiSize), 4u, at);
            NS_TEST_ASSERT_MSG_EQ(del.spis.size(), 1u, at);
            uint32_t spi = m_case.qmSpiClient;
            NS_TEST_ASSERT_MSG_EQ(ToHex(del.spis[0]),
                                  ToHex(std::vector<uint8_t>{uint8_t(spi >> 24), uint8_t(spi >> 16),
                                                             uint8_t(spi >> 8), uint8_t(spi)}),
                                  at << " deleted SPI");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(unsigned(del.protocolId), 1u, at << " Delete ISAKMP");
            NS_TEST_ASSERT_MSG_EQ(unsigned(del.spiSize), 16u, at);
            NS_TEST_ASSERT_MSG_EQ(del.spis.size(), 1u, at);
            NS_TEST_ASSERT_MSG_EQ(ToHex(del.spis[0]), ToHex(cookies), at);
        }
    }
}

/**
 * \ingroup l2tp-tests
 * Every truncation and every length corruption of every message of case 1 is rejected with a
 * reason (and never reads out of bounds: the suite also runs under ASan).
 */
class IkeParserRejectsTestCase : public TestCase
{
public:
    IkeParserRejectsTestCase()
        : TestCase("ISAKMP parsers reject truncated and corrupted messages with a reason")
    {
    }

private:
    void DoRun() override
    {
        std::vector<UdpDatagram> udp;
        std::string err;
        NS_TEST_ASSERT_MSG_EQ(
            ReadIkePcap(DataDir() + "/strongswan/case2_no_nat/client_side.pcap", udp, err), true,
            err);
        uint32_t rejected = 0;
        uint32_t checked = 0;
        for (const auto& d : udp)
        {
            IkeHeader h;
            std::string reason;
            const auto& m = d.payload;
            if (IkeHeader::Parse(m.data(), static_cast<uint32_t>(m.size()), h, reason) != 28
                || h.IsEncrypted())
            {
                continue;
            }
            ++checked;
            std::vector<uint8_t> body(m.begin() + 28, m.end());
            for (size_t cut = 0; cut < body.size(); ++cut)
            {
                std::vector<uint8_t> t(body.begin(), body.begin() + cut);
                std::vector<IkePayload> chain;
                uint32_t used = 0;
                reason.clear();
                bool ok = IkePayload::ParseChain(
                    h.nextPayload, t.data(), static_cast<uint32_t>(t.size()), chain, used, reason);
                NS_TEST_ASSERT_MSG_EQ(ok, false, "truncated at " << cut);
                NS_TEST_ASSERT_MSG_EQ(reason.empty(), false, "a reason");
                ++rejected;
            }
            for (uint32_t cut = 0; cut < 28; ++cut)
            {
                reason.clear();
                NS_TEST_ASSERT_MSG_EQ(IkeHeader::Parse(m.data(), cut, h, reason), 0u, "");
                NS_TEST_ASSERT_MSG_EQ(reason.empty(), false, "");
            }
            // Every payload length field set one too large / to 3: rejected.
            uint32_t off = 0;
            while (off + 4 <= body.size())
            {
                uint16_t len = static_cast<uint16_t>((body[off + 2] << 8) | body[off + 3]);
                for (uint16_t bad : {uint16_t(len + 1), uint16_t(3)})
                {
                    std::vector<uint8_t> t = body;
                    t[off + 2] = static_cast<uint8_t>(bad >> 8);
                    t[off + 3] = static_cast<uint8_t>(bad);
                    std::vector<IkePayload> chain;
                    uint32_t used = 0;
                    reason.clear();
                    bool ok = IkePayload::ParseChain(h.nextPayload, t.data(),
                                                     static_cast<uint32_t>(t.size()), chain, used,
                                                     reason);
                    NS_TEST_ASSERT_MSG_EQ(ok, false, "length " << bad << " at " << off);
                    NS_TEST_ASSERT_MSG_EQ(reason.empty(), false, "");
                    ++rejected;
                }
                off += len;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(checked, 4u, "MM1..MM4 are the plaintext messages");
        // Truncations: 152 + 132 + 344 + 344 bodies; lengths: 2 x (6 + 5 + 4 + 4) payloads.
        NS_TEST_ASSERT_MSG_EQ(rejected, 152u + 132u + 344u + 344u + 2u * 19u, "rejections");
        // Specific reasons.
        std::string reason;
        std::vector<IkePayload> chain;
        uint32_t used = 0;
        std::vector<uint8_t> nonce{0, 0, 0, 8, 1, 2, 3, 4};
        NS_TEST_ASSERT_MSG_EQ(IkePayload::ParseChain(10, nonce.data(), 8, chain, used, reason),
                              false, "");
        NS_TEST_ASSERT_MSG_EQ(reason, "payload 1: Nonce of 4 bytes (RFC 2409: 8..256)", "");
        std::vector<uint8_t> id{0, 0, 0, 11, 1, 17, 6, 0xa5, 10, 0, 0};
        NS_TEST_ASSERT_MSG_EQ(IkePayload::ParseChain(5, id.data(), 11, chain, used, reason), false,
                              "");
        NS_TEST_ASSERT_MSG_EQ(reason, "payload 1: ID type 1 needs 4 bytes of data, found 3", "");
        std::vector<uint8_t> hdr(28, 0);
        hdr[17] = 0x20;
        hdr[27] = 28;
        IkeHeader h;
        NS_TEST_ASSERT_MSG_EQ(IkeHeader::Parse(hdr.data(), 28, h, reason), 0u, "");
        NS_TEST_ASSERT_MSG_EQ(reason, "unsupported ISAKMP major version 2", "IKEv2 rejected");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * The suite.
 */
class IkeStrongswanTestSuite : public TestSuite
{
public:
    IkeStrongswanTestSuite()
        : TestSuite("l2tp-ike-strongswan", TestSuite::Type::UNIT)
    {
        Case c1{"case1_nat_t", true, Table(true), 0xc2df83b3, 0xc3a702b9};
        Case c2{"case2_no_nat", false, Table(false), 0xcecbf3de, 0xc08197da};
        AddTestCase(new IkeStrongswanCaptureTestCase(c1, false));
        AddTestCase(new IkeStrongswanCaptureTestCase(c1, true));
        AddTestCase(new IkeStrongswanCaptureTestCase(c2, false));
        AddTestCase(new IkeStrongswanCaptureTestCase(c2, true));
        AddTestCase(new IkeParserRejectsTestCase());
    }
};

/// The suite's instance.
static IkeStrongswanTestSuite g_ikeStrongswanTestSuite;

} // namespace
