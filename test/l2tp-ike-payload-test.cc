/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ISAKMP codecs against bytes written by hand from the RFC figures: the header through an
 * ns3::Packet, DPD R-U-THERE / R-U-THERE-ACK (RFC 3706 section 5), Delete, NAT-OA (RFC 3947
 * 5.2), ID (RFC 2407 4.6.2), TLV attributes (RFC 2408 3.3), SA chain rules, the non-ESP
 * marker (RFC 3948 2.2) and the known vendor IDs (MD5 of their strings where they are hashes).
 */
#include "l2tp-test-util.h"

#include "ns3/ike-crypto.h"
#include "ns3/ike-header.h"
#include "ns3/ike-payload.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <openssl/evp.h>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// \return MD5 of \p s \param s text
std::vector<uint8_t>
Md5(const std::string& s)
{
    std::vector<uint8_t> out(16);
    unsigned int n = 0;
    EVP_Digest(s.data(), s.size(), out.data(), &n, EVP_md5(), nullptr);
    return out;
}

/**
 * \ingroup l2tp-tests
 * Hand-written bytes for each payload builder, parsed back field by field.
 */
class IkePayloadBytesTestCase : public TestCase
{
public:
    IkePayloadBytesTestCase()
        : TestCase("ISAKMP header and payloads against hand-written RFC bytes")
    {
    }

private:
    void DoRun() override
    {
        const auto cookies = FromHex("9fb956725eb4cdbdc62fd4aaca14e367");
        // RFC 3706 section 5: R-U-THERE = Notify(DOI 1, protocol ISAKMP, SPI size 16, type
        // 36136, SPI = CKY-I | CKY-R, data = 32-bit sequence number).
        IkePayload dpd
            = IkePayload::MakeNotify(1, IkePayload::R_U_THERE, cookies, {0, 0, 0x12, 0x34});
        IkePayload ack
            = IkePayload::MakeNotify(1, IkePayload::R_U_THERE_ACK, cookies, {0, 0, 0x12, 0x34});
        IkePayload del = IkePayload::MakeDelete(3, 4, {{0xc3, 0xa7, 0x02, 0xb9}});
        IkePayload oa = IkePayload::MakeNatOa({10, 201, 0, 1});
        IkePayload id = IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, 1701, {10, 201, 0, 2});
        std::vector<uint8_t> chain = IkePayload::WriteChain({dpd, ack, del, oa, id});
        const std::string want = "0b000020"
                                 "00000001"
                                 "01"
                                 "10"
                                 "8d28"
                                 + ToHex(cookies)
                                 + "00001234"
                                   "0c000020"
                                   "00000001"
                                   "01"
                                   "10"
                                   "8d29"
                                 + ToHex(cookies)
                                 + "00001234"
                                   "15000010"
                                   "00000001"
                                   "03"
                                   "04"
                                   "0001"
                                   "c3a702b9"
                                   "0500000c"
                                   "01000000"
                                   "0ac90001"
                                   "0000000c"
                                   "01"
                                   "11"
                                   "06a5"
                                   "0ac90002";
        NS_TEST_ASSERT_MSG_EQ(ToHex(chain), want, "WriteChain");
        std::vector<IkePayload> back;
        uint32_t used = 0;
        std::string reason;
        NS_TEST_ASSERT_MSG_EQ(
            IkePayload::ParseChain(11, chain.data(), chain.size(), back, used, reason), true,
            reason);
        NS_TEST_ASSERT_MSG_EQ(used, chain.size(), "");
        NS_TEST_ASSERT_MSG_EQ(back.size(), 5u, "");
        NS_TEST_ASSERT_MSG_EQ(back[0].notifyType, 36136u, "R-U-THERE");
        NS_TEST_ASSERT_MSG_EQ(back[1].notifyType, 36137u, "R-U-THERE-ACK");
        NS_TEST_ASSERT_MSG_EQ(ToHex(back[1].spi), ToHex(cookies), "");
        NS_TEST_ASSERT_MSG_EQ(ToHex(back[1].data), "00001234", "sequence number");
        NS_TEST_ASSERT_MSG_EQ(ToHex(back[2].spis[0]), "c3a702b9", "");
        NS_TEST_ASSERT_MSG_EQ(ToHex(back[3].data), "0ac90001", "");
        NS_TEST_ASSERT_MSG_EQ(back[4].port, 1701u, "");
        NS_TEST_ASSERT_MSG_EQ(unsigned(back[4].protocolId), 17u, "");

        // SA with a TLV attribute (life duration of 4 bytes) and two transforms.
        IkeSaPayload sa;
        IkeProposal p;
        p.protocolId = 3;
        p.spi = {1, 2, 3, 4};
        IkeTransform t1;
        t1.number = 1;
        t1.transformId = 12;
        t1.attributes = {IkeAttribute::Tv(1, 1), IkeAttribute::Tlv(2, {0, 1, 0x51, 0x80})};
        IkeTransform t2 = t1;
        t2.number = 2;
        t2.transformId = 3;
        p.transforms = {t1, t2};
        sa.proposals = {p};
        std::vector<uint8_t> body;
        sa.Write(body);
        const std::string saWant = "00000001"
                                   "00000001"
                                   "00000034"
                                   "01"
                                   "03"
                                   "04"
                                   "02"
                                   "01020304"
                                   "03000014"
                                   "01"
                                   "0c"
                                   "0000"
                                   "80010001"
                                   "00020004"
                                   "00015180"
                                   "00000014"
                                   "02"
                                   "03"
                                   "0000"
                                   "80010001"
                                   "00020004"
                                   "00015180";
        NS_TEST_ASSERT_MSG_EQ(ToHex(body), saWant, "SA body");
        IkeSaPayload sb;
        NS_TEST_ASSERT_MSG_EQ(IkeSaPayload::Parse(body.data(), body.size(), sb, reason), true,
                              reason);
        NS_TEST_ASSERT_MSG_EQ(sb.proposals[0].transforms[1].attributes[1].tv, false, "TLV");
        NS_TEST_ASSERT_MSG_EQ(sb.proposals[0].transforms[1].Find(2)->GetValue(), 86400u, "");
        // Wrong transform next-payload (0 before another transform).
        auto bad = body;
        bad[20] = 0;
        NS_TEST_ASSERT_MSG_EQ(IkeSaPayload::Parse(bad.data(), bad.size(), sb, reason), false, "");
        NS_TEST_ASSERT_MSG_EQ(reason, "Transform next-payload 0, expected 3", "");
        bad = body;
        bad[3] = 2;
        NS_TEST_ASSERT_MSG_EQ(IkeSaPayload::Parse(bad.data(), bad.size(), sb, reason), false, "");
        NS_TEST_ASSERT_MSG_EQ(reason, "SA DOI 2 is not IPsec (1)", "");

        // The header through an ns3::Packet.
        IkeHeader h;
        std::copy(cookies.begin(), cookies.begin() + 8, h.initiatorCookie.begin());
        std::copy(cookies.begin() + 8, cookies.end(), h.responderCookie.begin());
        h.nextPayload = 8;
        h.exchangeType = IkeHeader::EXCHANGE_INFORMATIONAL;
        h.flags = IkeHeader::FLAG_ENCRYPTION;
        h.messageId = 0x6c513d60;
        h.length = 76;
        Ptr<Packet> pkt = Create<Packet>();
        pkt->AddHeader(h);
        std::vector<uint8_t> raw(pkt->GetSize());
        pkt->CopyData(raw.data(), raw.size());
        NS_TEST_ASSERT_MSG_EQ(ToHex(raw),
                              ToHex(cookies)
                                  + "0810050"
                                    "16c513d600000004c",
                              "");
        IkeHeader g;
        pkt->RemoveHeader(g);
        NS_TEST_ASSERT_MSG_EQ(g.IsValid(), true, g.GetError());
        NS_TEST_ASSERT_MSG_EQ(g.messageId, 0x6c513d60u, "");
        NS_TEST_ASSERT_MSG_EQ(g.length, 76u, "");
        Ptr<Packet> shortPkt = Create<Packet>(raw.data(), 10);
        shortPkt->RemoveHeader(g);
        NS_TEST_ASSERT_MSG_EQ(g.IsValid(), false, "");
        NS_TEST_ASSERT_MSG_EQ(g.GetError(), "ISAKMP header truncated: 10 < 28 bytes", "");

        // Non-ESP marker and keepalive.
        auto marked = IkeHeader::AddNonEspMarker(raw);
        NS_TEST_ASSERT_MSG_EQ(marked.size(), 32u, "");
        NS_TEST_ASSERT_MSG_EQ(IkeHeader::HasNonEspMarker(marked.data(), 32), true, "");
        const uint8_t esp[] = {0xc3, 0xa7, 0x02, 0xb9, 0, 0, 0, 1};
        NS_TEST_ASSERT_MSG_EQ(IkeHeader::HasNonEspMarker(esp, 8), false, "ESP SPI");
        const uint8_t ka[] = {0xff};
        NS_TEST_ASSERT_MSG_EQ(IkeHeader::HasNonEspMarker(ka, 1), false, "keepalive");

        // Vendor IDs that are MD5 hashes of their names.
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkePayload::KnownVendorId(IkePayload::VID_NAT_T_RFC3947)),
                              ToHex(Md5("RFC 3947")), "");
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkePayload::KnownVendorId(IkePayload::VID_NAT_T_DRAFT_02N)),
                              ToHex(Md5("draft-ietf-ipsec-nat-t-ike-02\n")), "");
        NS_TEST_ASSERT_MSG_EQ(IkePayload::VendorIdName({1, 2, 3}), "", "unknown VID");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * The suite.
 */
class IkePayloadTestSuite : public TestSuite
{
public:
    IkePayloadTestSuite()
        : TestSuite("l2tp-ike-payload", TestSuite::Type::UNIT)
    {
        AddTestCase(new IkePayloadBytesTestCase());
    }
};

/// The suite's instance.
static IkePayloadTestSuite g_ikePayloadTestSuite;

} // namespace
