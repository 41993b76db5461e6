/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Known-answer tests of the ESP cipher suites against published vectors:
 * AES-CBC (RFC 3602 section 4 cases 1 and 2; NIST SP 800-38A F.2.5 for AES-256),
 * HMAC-SHA1 (RFC 2202) and HMAC-SHA256 (RFC 4231) with their ESP truncations,
 * AES-GCM in RFC 4106 form (draft-mcgrew-gcm-test-01: salt | explicit IV, AAD = SPI | seq),
 * 3DES-CBC (the OpenSSL/libdes "Now is the time for " vector), NULL encryption (RFC 2410).
 */
#include "l2tp-test-util.h"

#include "ns3/esp-packet.h"
#include "ns3/ipsec-cipher-suite.h"
#include "ns3/ipsec-openssl-cipher-suite.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

std::vector<uint8_t>
Bytes(const std::string& s)
{
    return std::vector<uint8_t>(s.begin(), s.end());
}

/// Seal with the OpenSSL suite; the ICV part is returned separately.
std::vector<uint8_t>
SealWith(IpsecTransform t, const std::vector<uint8_t>& enc, const std::vector<uint8_t>& auth,
         const std::vector<uint8_t>& header, const std::vector<uint8_t>& iv,
         const std::vector<uint8_t>& plain, Ptr<IpsecCipherSuite>& suite)
{
    suite = IpsecCipherSuite::Create(t, false);
    std::string error;
    NS_ABORT_MSG_UNLESS(suite->SetKeys(t, enc, auth, error), error);
    return suite->Seal(header.data(), iv, plain);
}

/**
 * \ingroup l2tp-tests
 * \brief AES-CBC-128 (RFC 3602 cases 1, 2) and AES-CBC-256 (SP 800-38A F.2.5) through
 * IpsecOpensslCipherSuite::Seal / Open.
 */
class EspAesCbcKatTest : public TestCase
{
public:
    EspAesCbcKatTest()
        : TestCase("AES-CBC: RFC 3602 cases 1 and 2, SP 800-38A CBC-AES256")
    {
    }

private:
    void DoRun() override
    {
        struct Case
        {
            IpsecTransform t;
            std::string key, iv, plain, cipher;
        };
        const std::vector<Case> cases = {
            // RFC 3602 section 4, case 1: "Single block msg"
            {IpsecTransform::AES_CBC_128_HMAC_SHA1_96, "06a9214036b8a15b512e03d534120006",
             "3dafba429d9eb430b422da802c9fac41", ToHex(Bytes("Single block msg")),
             "e353779c1079aeb82708942dbe77181a"},
            // RFC 3602 section 4, case 2
            {IpsecTransform::AES_CBC_128_HMAC_SHA1_96, "c286696d887c9aa0611bbb3e2025a45a",
             "562e17996d093d28ddb3ba695a2e6f58",
             "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
             "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"},
            // NIST SP 800-38A F.2.5 CBC-AES256.Encrypt, block 1
            {IpsecTransform::AES_CBC_256_HMAC_SHA256_128,
             "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
             "000102030405060708090a0b0c0d0e0f", "6bc1bee22e409f96e93d7e117393172a",
             "f58c4c04d6e5f1ba779eabfb5f7bfbd6"},
        };
        const std::vector<uint8_t> header = FromHex("0000123400000001");
        for (const auto& c : cases)
        {
            const IpsecTransformInfo& info = GetIpsecTransformInfo(c.t);
            std::vector<uint8_t> auth(info.authKeySize, 0x5a);
            Ptr<IpsecCipherSuite> suite;
            std::vector<uint8_t> iv = FromHex(c.iv);
            std::vector<uint8_t> plain = FromHex(c.plain);
            std::vector<uint8_t> out
                = SealWith(c.t, FromHex(c.key), auth, header, iv, plain, suite);
            NS_TEST_ASSERT_MSG_EQ(out.size(), plain.size() + info.icvSize, info.name);
            std::vector<uint8_t> ct(out.begin(), out.begin() + plain.size());
            NS_TEST_ASSERT_MSG_EQ(ToHex(ct), c.cipher, info.name << " ciphertext");
            // The ICV is HMAC(SPI | seq | IV | ciphertext) truncated.
            std::vector<uint8_t> macInput(header);
            macInput.insert(macInput.end(), iv.begin(), iv.end());
            macInput.insert(macInput.end(), ct.begin(), ct.end());
            std::vector<uint8_t> mac = IpsecOpensslCipherSuite::Hmac(
                c.t == IpsecTransform::AES_CBC_256_HMAC_SHA256_128, auth, macInput);
            mac.resize(info.icvSize);
            NS_TEST_ASSERT_MSG_EQ(
                ToHex(std::vector<uint8_t>(out.begin() + plain.size(), out.end())), ToHex(mac),
                info.name << " ICV");
            std::vector<uint8_t> back;
            NS_TEST_ASSERT_MSG_EQ(suite->Open(header.data(), iv.data(), out.data(), plain.size(),
                                              out.data() + plain.size(), back),
                                  true, info.name << " Open");
            NS_TEST_ASSERT_MSG_EQ(ToHex(back), c.plain, info.name << " decrypted");
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief HMAC-SHA1 (RFC 2202 cases 1, 2, 3) and HMAC-SHA256 (RFC 4231 cases 1, 2, 3), and the
 * truncated ICVs of NULL-encryption ESP (RFC 2410) whose authenticated bytes are the RFC data.
 */
class EspHmacKatTest : public TestCase
{
public:
    EspHmacKatTest()
        : TestCase("HMAC-SHA1 (RFC 2202), HMAC-SHA256 (RFC 4231), NULL encryption (RFC 2410)")
    {
    }

private:
    void DoRun() override
    {
        struct Case
        {
            std::vector<uint8_t> key, data;
            std::string sha1, sha256;
        };
        const std::vector<Case> cases = {
            {std::vector<uint8_t>(20, 0x0b), Bytes("Hi There"),
             "b617318655057264e28bc0b6fb378c8ef146be00", ""},
            {Bytes("Jefe"), Bytes("what do ya want for nothing?"),
             "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
            {std::vector<uint8_t>(20, 0xaa), std::vector<uint8_t>(50, 0xdd),
             "125d7342b9ac11cd91a39af48aa17b4f63f175d3",
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        };
        for (const auto& c : cases)
        {
            NS_TEST_ASSERT_MSG_EQ(ToHex(IpsecOpensslCipherSuite::Hmac(false, c.key, c.data)),
                                  c.sha1, "RFC 2202");
        }
        // RFC 4231 test case 1 (key 0x0b x 20, "Hi There").
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(IpsecOpensslCipherSuite::Hmac(true, cases[0].key, cases[0].data)),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", "RFC 4231 case 1");
        for (std::size_t i = 1; i < cases.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(
                ToHex(IpsecOpensslCipherSuite::Hmac(true, cases[i].key, cases[i].data)),
                cases[i].sha256, "RFC 4231");
        }

        // NULL encryption: ESP header = "what" " do ", plaintext = "ya want for nothing?"
        // (20 bytes, 4-aligned), so the authenticated bytes are RFC 2202/4231 case 2's data.
        std::vector<uint8_t> header = Bytes("what do ");
        std::vector<uint8_t> plain = Bytes("ya want for nothing?");
        for (bool sha256 : {false, true})
        {
            IpsecTransform t
                = sha256 ? IpsecTransform::NULL_HMAC_SHA256_128 : IpsecTransform::NULL_HMAC_SHA1_96;
            Ptr<IpsecCipherSuite> suite;
            std::vector<uint8_t> out = SealWith(t, {}, Bytes("Jefe"), header, {}, plain, suite);
            std::string expect = sha256 ? "5bdcc146bf60754e6a042426089575c7" // 128 bits
                                        : "effcdf6ae5eb2fa2d27416d5";        // 96 bits
            NS_TEST_ASSERT_MSG_EQ(ToHex(out), ToHex(plain) + expect, "RFC 2410 NULL: identity");
            std::vector<uint8_t> back;
            NS_TEST_ASSERT_MSG_EQ(suite->Open(header.data(), nullptr, out.data(), plain.size(),
                                              out.data() + plain.size(), back),
                                  true, "NULL Open");
            NS_TEST_ASSERT_MSG_EQ(ToHex(back), ToHex(plain), "NULL Open");
            out[0] ^= 0x01;
            NS_TEST_ASSERT_MSG_EQ(suite->Open(header.data(), nullptr, out.data(), plain.size(),
                                              out.data() + plain.size(), back),
                                  false, "NULL: a flipped bit fails the ICV");
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief AES-GCM in RFC 4106 form: the draft-mcgrew-gcm-test-01 cases with an 8-byte AAD
 * (SPI | sequence) and 128- or 256-bit keys; key material = key | 4-byte salt, the explicit
 * IV is the last 8 bytes of the nonce.
 */
class EspGcmKatTest : public TestCase
{
public:
    EspGcmKatTest()
        : TestCase("AES-GCM (RFC 4106): draft-mcgrew-gcm-test-01 cases 2, 3, 4 and 12")
    {
    }

private:
    void DoRun() override
    {
        struct Case
        {
            IpsecTransform t;
            std::string key, nonce, aad, plain, cipher, tag;
        };
        const std::vector<Case> cases = {
            {IpsecTransform::AES_GCM_128_16, "feffe9928665731c6d6a8f9467308308",
             "cafebabefacedbaddecaf888", "0000a5f80000000a",
             "4500003e698f000080114dccc0a80102c0a801010a980035002a2343b2d00100000100000000000003736"
             "9"
             "700963796265726369747902646b00000100010001",
             "deb22cd9b07c72c16e3a65beeb8df304a5a5897d33ae530f1ba76d5d114d2a5c3de81827c10e9a4f5133"
             "0d0eec416642cfbb85a5b47e48a4ec3b9ba95d918bd1",
             "83b70d3aa8bc6ee4c309e9d85a41ad4a"},
            {IpsecTransform::AES_GCM_256_16,
             "abbccddef00112233445566778899aababbccddef00112233445566778899aab",
             "112233440102030405060708", "4a2cbfe300000002",
             "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee0000000007002400020bf00000204"
             "05b40101040201020201",
             "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763748a637985771d347f05"
             "45659f14e99def842d8e",
             "b335f4eecfdbf831824b4c4915956c96"},
            {IpsecTransform::AES_GCM_128_16, "00000000000000000000000000000000",
             "000000000000000000000000", "0000000000000001",
             "4500003c99c500008001cb7a40679318010101010800075c020044006162636465666768696a6b6c6d6e"
             "6f707172737475767761626364656667686901020201",
             "4688daf2f973a392732909c331d56d60f694abaa414b5e7ff5fdcdfff5e9a284456476492719ffb64de7"
             "d9dca1e1d894bc3bd57873ed4d181d19d4d5c8c18af3",
             "f821d496eeb096e98ad2b69e4799c71d"},
            {IpsecTransform::AES_GCM_128_16, "7d773d00c144c525ac619d18c84a3f47",
             "d966426743457e9182443bc6", "335467aeffffffff", "01020201", "437f866b",
             "cb3f699fe9b0822bac961c4504bef270"},
        };
        for (const auto& c : cases)
        {
            std::vector<uint8_t> nonce = FromHex(c.nonce);
            std::vector<uint8_t> keyMat = FromHex(c.key);
            keyMat.insert(keyMat.end(), nonce.begin(), nonce.begin() + 4); // salt
            std::vector<uint8_t> iv(nonce.begin() + 4, nonce.end());
            std::vector<uint8_t> header = FromHex(c.aad);
            std::vector<uint8_t> plain = FromHex(c.plain);
            Ptr<IpsecCipherSuite> suite;
            std::vector<uint8_t> out = SealWith(c.t, keyMat, {}, header, iv, plain, suite);
            NS_TEST_ASSERT_MSG_EQ(ToHex(out), c.cipher + c.tag, "GCM seal " << c.aad);
            std::vector<uint8_t> back;
            NS_TEST_ASSERT_MSG_EQ(suite->Open(header.data(), iv.data(), out.data(), plain.size(),
                                              out.data() + plain.size(), back),
                                  true, "GCM open");
            NS_TEST_ASSERT_MSG_EQ(ToHex(back), c.plain, "GCM open");
            // The trailer of these ESP plaintexts is valid RFC 4303 padding.
            std::size_t payload = 0;
            uint8_t padLen = 0;
            uint8_t nh = 0;
            IpsecDropReason reason = IpsecDropReason::NONE;
            std::string detail;
            NS_TEST_ASSERT_MSG_EQ(
                EspPacket::ParseTrailer(back, payload, padLen, nh, reason, detail), true, detail);
            header[7] ^= 0x01; // AAD covers the sequence number
            NS_TEST_ASSERT_MSG_EQ(suite->Open(header.data(), iv.data(), out.data(), plain.size(),
                                              out.data() + plain.size(), back),
                                  false, "GCM: changed AAD fails");
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief 3DES-CBC (three independent keys) with the "Now is the time for " vector of
 * libdes/OpenSSL (evptests DES-EDE3-CBC).
 */
class EspTdesKatTest : public TestCase
{
public:
    EspTdesKatTest()
        : TestCase("3DES-CBC: DES-EDE3-CBC known answer")
    {
    }

private:
    void DoRun() override
    {
        std::vector<uint8_t> header = FromHex("0000000100000001");
        std::vector<uint8_t> iv = FromHex("fedcba9876543210");
        std::vector<uint8_t> plain
            = FromHex("37363534333231204e6f77206973207468652074696d6520666f722000000000");
        Ptr<IpsecCipherSuite> suite;
        std::vector<uint8_t> out
            = SealWith(IpsecTransform::TDES_CBC_HMAC_SHA1_96,
                       FromHex("0123456789abcdeff1e0d3c2b5a49786fedcba9876543210"),
                       std::vector<uint8_t>(20, 1), header, iv, plain, suite);
        NS_TEST_ASSERT_MSG_EQ(ToHex(std::vector<uint8_t>(out.begin(), out.begin() + 32)),
                              "3fe301c962ac01d02213763c1cbd4cdc799657c064ecf5d41c673812cfde9675",
                              "3DES-CBC ciphertext");
        NS_TEST_ASSERT_MSG_EQ(out.size(), 32u + 12u, "3DES + HMAC-SHA1-96 sizes");
        std::vector<uint8_t> back;
        NS_TEST_ASSERT_MSG_EQ(
            suite->Open(header.data(), iv.data(), out.data(), 32, out.data() + 32, back), true,
            "3DES open");
        NS_TEST_ASSERT_MSG_EQ(ToHex(back), ToHex(plain), "3DES decrypted");
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief Suite "l2tp-esp-kat".
class EspKatTestSuite : public TestSuite
{
public:
    EspKatTestSuite()
        : TestSuite("l2tp-esp-kat", TestSuite::Type::UNIT)
    {
        AddTestCase(new EspAesCbcKatTest);
        AddTestCase(new EspHmacKatTest);
        AddTestCase(new EspGcmKatTest);
        AddTestCase(new EspTdesKatTest);
    }
};

EspKatTestSuite g_espKatTestSuite;

} // namespace
