/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv1 crypto known-answer tests (RFC 2409 sections 5, 5.5, 6.2, Appendix B; RFC 3526; RFC
 * 3947). Every expected value below was computed independently at development time in Python
 * 3 (int pow() for Diffie-Hellman, hashlib / hmac for the rest), with the MODP primes computed
 * from their defining formulas with mpmath (p = 2^1024 - 2^960 - 1 + 2^64 * ([2^894 pi] +
 * 129093) and p = 2^2048 - 2^1984 - 1 + 2^64 * ([2^1918 pi] + 124476)), so they check the
 * OpenSSL-based code against an independent computation:
 *   x = 01 02 .. 20 (32 bytes), y = 21 22 .. 40, CKY-I = 0102030405060708,
 *   CKY-R = 1112131415161718, PSK "ref-psk-123", Ni = (a0..af) x 2, Nr = 50+(i mod 7),
 *   g^xy from group 14, SAi_b = the strongSwan MM1 SA body, IDii_b = 01000000c0a84d02,
 *   IDir_b = 010000000ac90002, M-ID 0x873027db, rest = deadbeef00112233, SPI c3a702b9.
 */
#include "l2tp-test-util.h"

#include "ns3/ike-crypto.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// P2 (Python, see the file comment)
const char* const K_P2 = "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
                         "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
                         "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
                         "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece65381ffffffffffffffff";

/// P14 (Python, see the file comment)
const char* const K_P14 = "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
                          "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
                          "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
                          "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
                          "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
                          "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
                          "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718"
                          "3995497cea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff";

/// G2_GX (Python, see the file comment)
const char* const K_G2_GX = "457120764f3a1e6fd58103e41a4093a6c8bc1d97cb8759de41c21afdd2d3048a"
                            "5ef3d88ce24aa6ba4fe30bcfb0b0f75abf1a8aeaff3723f1bf53740c902005e1"
                            "199fabad7c538e94a7034fd585339a02f3634893f748929d2a7257643e398130"
                            "541ae64124c17d4507a97f1cbebeb7b933642b8df479eb59e36cfeffbf1671dd";

/// G2_GY (Python, see the file comment)
const char* const K_G2_GY = "0cfaaafb160cda22c4b61bc983d934b3953eaf41645c7936908b573e512116d5"
                            "ad177dbb3e5bdd566fa953af8fecd9edca184a033f917e7517bff399a6a8aa01"
                            "240321ff82be7d764f9f7cbb4151aec400f2925aa1cbccc3e6108751f2a9e31a"
                            "5c1c0a7d6396cd79f178ae67608c5318b180106c6f7d4c5cf0c2ab54a3286d2b";

/// G2_GXY (Python, see the file comment)
const char* const K_G2_GXY = "a8aea6c2abe04a3722dfe9f38a0a53472e3ce7ed32bbef7b88aff82fea5a18e8"
                             "6d21a80161f59f7802fe1046a19595fe285de7c8908822f5d0a604b765b38b2d"
                             "06bc045f74b0c74886a0c24a4ee0e8a3f961bc0be44280796786789c5e0972ae"
                             "5155c402f345f2846db80dfaba2abba8aaab28f89f7865197e66980d75518335";

/// G14_GX (Python, see the file comment)
const char* const K_G14_GX = "ce8736a3ad7c8260e0c5e5a457931ad19966d693e5c32414496b73d7f4e8bdaf"
                             "51763d49d07a56b0a188048d61d52bd2a06e706a7a46664113e794057474d04c"
                             "96b5bb151a50b27818a513cd8d6ecf037fc638b3b2f1084c58d4419735ba12c9"
                             "a4391e2b3133bd660785e468569be85c7ad4f904d98a13f5e8695ff8cc5e2283"
                             "4228a8ea2c082ff49a07607e8e5c1278ce8091725678fde112491091bf4cf3b1"
                             "759ccb32c1de0b90a074b1e3ffe179d71a292ff29ce9580c3a978793598c0e00"
                             "8289e7ab7783b2b75caf9152267e8c981dbb28fde07f2e11ffe1e3984097d160"
                             "2c61ffd0714d9523455377c177df3be6b3c81e69f762c04be910a225f323882d";

/// G14_GY (Python, see the file comment)
const char* const K_G14_GY = "71f59a5d74d46d0a4ebb64d53255410ba69c8dbbd9a5cc8c152ebbd6c5881126"
                             "463d4a2598e56aad581678038a87dd1708ce6c6164f149a0526f8673dd642a3e"
                             "2fb92964939a1ab8af636a0395e0d99d471f9a433a0717ca179af69064917317"
                             "27e350437138efd091e971299a06c80d1fabb14b3a2f3d35a80e13e292b55078"
                             "9e30e034dcca6fe0319a8593e5d41b231d1b0f14746ab47f4116687336dbebf1"
                             "fb5e1480e704d58a869a1a50e022550021b20fc262c2d12e3e767bb5fc71b443"
                             "10334eeda725a5f2fc50c0d7b6626c58c82619952b539e5a8526d370d4700199"
                             "f74d4c66a88c6b8e2fe9e1fdbf670f7b3791a21cc84c12d22a81cffa2719333d";

/// G14_GXY (Python, see the file comment)
const char* const K_G14_GXY = "f134ddcf6fdbf1ff90da19e6594d3685f81a0cebea4e2a269ff562e68b1d64cd"
                              "f40b1668fc7778b28527972344a8ce020fd3bf29e0e9557647bf209cb3c189d7"
                              "72048bce249de13622c52c690e9a29bc44b4118f37ba2bc052cbee5c235b4d10"
                              "f5d7ef8d39f871cbc5a290323c90fcf58a5833d9fe01c0165a21074d0b308040"
                              "7fe543c81f6ff8fc29b4c13c5d4f4141e861cb0c51a0506cadf212d15ceec153"
                              "b523845405075d19db6dee56182123d73a8b30a20f37d542d16c093d0deec3f5"
                              "553c7eaec408bba1d5450b00b1c053d135b06e83ce1c6932317ab3384481d783"
                              "c887d0ee90ee8e38df8dfdebb5fe40720501d57aab688185f868d76ddc73d802";

/// NI (Python, see the file comment)
const char* const K_NI = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafa0a1a2a3a4a5a6a7a8a9aaabacadaeaf";

/// NR (Python, see the file comment)
const char* const K_NR = "5051525354555650515253545556505152535455565051525354555650515253";

/// SKEYID (Python, see the file comment)
const char* const K_SKEYID = "b962b72964c07c452a673f2588bc9e76aeee67f0";

/// SKEYID_D (Python, see the file comment)
const char* const K_SKEYID_D = "74c3ca43582a3a75f10ddaf5648c702cfd2910d7";

/// SKEYID_A (Python, see the file comment)
const char* const K_SKEYID_A = "2a2da1b9b53d9489f2c414d201676c74422ec7de";

/// SKEYID_E (Python, see the file comment)
const char* const K_SKEYID_E = "8776f1c95aafb7cf4014eed208be19926d3ea5c9";

/// KA16 (Python, see the file comment)
const char* const K_KA16 = "8776f1c95aafb7cf4014eed208be1992";

/// KA32 (Python, see the file comment)
const char* const K_KA32 = "ccf4341d9a56d71f0b7a5d55385b1aaa13dfd138ca0c4b628e10ea889073b7f9";

/// SAI (Python, see the file comment)
const char* const K_SAI = "00000001000000010000002c010100010300002401010000800b0001800c2a30"
                          "800e00808001000780030001800200028004000e";

/// HASH_I (Python, see the file comment)
const char* const K_HASH_I = "9dd2465e8491d5e2bbaaa3cef29ea6b6b0571e1f";

/// HASH_R (Python, see the file comment)
const char* const K_HASH_R = "9ea20dd6f97dbbad3c57a2c1b8881cfabd826c94";

/// QH1 (Python, see the file comment)
const char* const K_QH1 = "cde055c6774d97faf104a91f2324bcafd1d8acf7";

/// QH2 (Python, see the file comment)
const char* const K_QH2 = "6326a15becf10f1c7df9283e6a35b1573e4a04ba";

/// QH3 (Python, see the file comment)
const char* const K_QH3 = "9340a16d0fdf7c2a3cc55a12a82d77eaa829676a";

/// KEYMAT36 (Python, see the file comment)
const char* const K_KEYMAT36 = "4a09ebedc2d90224c854b1c56fe1c5d797368f24068360b37976973b84127073"
                               "5d66024a";

/// IV1 (Python, see the file comment)
const char* const K_IV1 = "b52832e53de6fda9c18db66dcbddc088";

/// IV2 (Python, see the file comment)
const char* const K_IV2 = "4ebf33ebb701c6a3e47e5135cad70697";

std::vector<uint8_t>
Range(uint8_t from, uint8_t to)
{
    std::vector<uint8_t> v;
    for (unsigned b = from; b <= to; ++b)
    {
        v.push_back(static_cast<uint8_t>(b));
    }
    return v;
}

/**
 * \ingroup l2tp-tests
 * MODP groups 2 and 14: primes, g^x, g^y and g^xy from both sides; bad peer values rejected.
 */
class IkeDhTestCase : public TestCase
{
public:
    IkeDhTestCase()
        : TestCase("Diffie-Hellman MODP 1024 and 2048 known answers and peer-value checks")
    {
    }

private:
    void DoRun() override
    {
        struct G
        {
            uint16_t group;
            const char* p;
            const char* gx;
            const char* gy;
            const char* gxy;
        };

        for (const G& g :
             {G{2, K_P2, K_G2_GX, K_G2_GY, K_G2_GXY}, G{14, K_P14, K_G14_GX, K_G14_GY, K_G14_GXY}})
        {
            NS_TEST_ASSERT_MSG_EQ(IkeDiffieHellman::IsSupported(g.group), true, "");
            NS_TEST_ASSERT_MSG_EQ(ToHex(IkeDiffieHellman::Prime(g.group)), g.p, "prime");
            IkeDiffieHellman a(g.group);
            IkeDiffieHellman b(g.group);
            a.SetPrivate(Range(0x01, 0x20));
            b.SetPrivate(Range(0x21, 0x40));
            NS_TEST_ASSERT_MSG_EQ(a.GetSize(), (g.group == 2 ? 128u : 256u), "");
            NS_TEST_ASSERT_MSG_EQ(ToHex(a.GetPublic()), g.gx, "g^x group " << g.group);
            NS_TEST_ASSERT_MSG_EQ(ToHex(b.GetPublic()), g.gy, "g^y group " << g.group);
            std::vector<uint8_t> s1;
            std::vector<uint8_t> s2;
            std::string reason;
            NS_TEST_ASSERT_MSG_EQ(a.ComputeShared(b.GetPublic(), s1, reason), true, reason);
            NS_TEST_ASSERT_MSG_EQ(b.ComputeShared(a.GetPublic(), s2, reason), true, reason);
            NS_TEST_ASSERT_MSG_EQ(ToHex(s1), g.gxy, "g^xy group " << g.group);
            NS_TEST_ASSERT_MSG_EQ(ToHex(s2), g.gxy, "g^yx group " << g.group);
            // Peer values 1 and p-1 (small subgroup) and a wrong length are rejected.
            std::vector<uint8_t> one(a.GetSize(), 0);
            one.back() = 1;
            NS_TEST_ASSERT_MSG_EQ(a.ComputeShared(one, s1, reason), false, "");
            NS_TEST_ASSERT_MSG_EQ(reason, "peer public value outside [2, p-2]", "");
            std::vector<uint8_t> pm1 = IkeDiffieHellman::Prime(g.group);
            pm1.back() -= 1;
            NS_TEST_ASSERT_MSG_EQ(a.ComputeShared(pm1, s1, reason), false, "p-1");
            std::vector<uint8_t> shortv(a.GetSize() - 1, 7);
            NS_TEST_ASSERT_MSG_EQ(a.ComputeShared(shortv, s1, reason), false, "");
        }
        NS_TEST_ASSERT_MSG_EQ(IkeDiffieHellman::IsSupported(5), false, "");
        NS_TEST_ASSERT_MSG_EQ(IkeDiffieHellman::Prime(5).size(), 0u, "");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * SKEYID (pre-shared key), SKEYID_d/a/e, Ka (AES-128 truncation and AES-256 expansion),
 * HASH_I / HASH_R, Quick Mode HASH(1..3), KEYMAT, IVs, AES-CBC, NAT-D.
 */
class IkeKeyDerivationTestCase : public TestCase
{
public:
    IkeKeyDerivationTestCase()
        : TestCase("SKEYID, SKEYID_d, SKEYID_a, SKEYID_e, Ka, HASH_I, HASH_R, QM HASH(1..3), "
                   "KEYMAT, IVs: known answers")
    {
    }

private:
    void DoRun() override
    {
        IkeDiffieHellman a(14);
        IkeDiffieHellman b(14);
        a.SetPrivate(Range(0x01, 0x20));
        b.SetPrivate(Range(0x21, 0x40));
        std::vector<uint8_t> gxy;
        std::string reason;
        NS_TEST_ASSERT_MSG_EQ(a.ComputeShared(b.GetPublic(), gxy, reason), true, reason);
        const std::string pskText = "ref-psk-123";
        const std::vector<uint8_t> psk(pskText.begin(), pskText.end());
        const auto ni = FromHex(K_NI);
        const auto nr = FromHex(K_NR);
        const auto ckyI = FromHex("0102030405060708");
        const auto ckyR = FromHex("1112131415161718");
        auto k = IkeCrypto::DerivePhase1Psk(psk, ni, nr, gxy, ckyI, ckyR, 16);
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.skeyid), K_SKEYID, "SKEYID = prf(PSK, Ni_b | Nr_b)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.skeyidD), K_SKEYID_D, "SKEYID_d");
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.skeyidA), K_SKEYID_A, "SKEYID_a");
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.skeyidE), K_SKEYID_E, "SKEYID_e");
        NS_TEST_ASSERT_MSG_EQ(ToHex(k.encKey), K_KA16, "Ka for AES-128");
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkeCrypto::EncryptionKey(k.skeyidE, 32)), K_KA32,
                              "Ka for AES-256: K1 | K2 expansion");
        const auto sai = FromHex(K_SAI);
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(IkeCrypto::Phase1Hash(k.skeyid, a.GetPublic(), b.GetPublic(), ckyI, ckyR, sai,
                                        FromHex("01000000c0a84d02"))),
            K_HASH_I, "HASH_I");
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(IkeCrypto::Phase1Hash(k.skeyid, b.GetPublic(), a.GetPublic(), ckyR, ckyI, sai,
                                        FromHex("010000000ac90002"))),
            K_HASH_R, "HASH_R");
        const uint32_t mid = 0x873027db;
        const auto rest = FromHex("deadbeef00112233");
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkeCrypto::QmHash1(k.skeyidA, mid, rest)), K_QH1, "HASH(1)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkeCrypto::QmHash2(k.skeyidA, mid, ni, rest)), K_QH2,
                              "HASH(2)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkeCrypto::QmHash3(k.skeyidA, mid, ni, nr)), K_QH3, "HASH(3)");
        NS_TEST_ASSERT_MSG_EQ(
            ToHex(IkeCrypto::Keymat(k.skeyidD, 3, FromHex("c3a702b9"), ni, nr, 36)), K_KEYMAT36,
            "KEYMAT for AES-128 + HMAC-SHA1 (16 + 20 bytes)");
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkeCrypto::Phase1Iv(a.GetPublic(), b.GetPublic())), K_IV1,
                              "phase-1 IV");
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkeCrypto::Phase2Iv(Range(0, 15), mid)), K_IV2, "phase-2 IV");
        // A different PSK gives a different SKEYID and therefore a HASH_I the peer rejects.
        const std::string wrongText = "ref-psk-124";
        auto w = IkeCrypto::DerivePhase1Psk(
            std::vector<uint8_t>(wrongText.begin(), wrongText.end()), ni, nr, gxy, ckyI, ckyR, 16);
        NS_TEST_ASSERT_MSG_NE(ToHex(w.skeyid), K_SKEYID, "wrong PSK");
        NS_TEST_ASSERT_MSG_NE(ToHex(w.encKey), K_KA16, "wrong PSK");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * AES-CBC against NIST SP 800-38A F.2.1 / F.2.2 and its input checks; NAT-D known answers.
 */
class IkeCipherTestCase : public TestCase
{
public:
    IkeCipherTestCase()
        : TestCase("AES-128-CBC (SP 800-38A F.2.1 and F.2.2), NAT-D, decryption-table line")
    {
    }

private:
    void DoRun() override
    {
        const auto key = FromHex("2b7e151628aed2a6abf7158809cf4f3c");
        const auto iv = FromHex("000102030405060708090a0b0c0d0e0f");
        const auto pt = FromHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        const std::string ct = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2";
        std::vector<uint8_t> out;
        std::string reason;
        NS_TEST_ASSERT_MSG_EQ(IkeCrypto::AesCbc(key, iv, pt, true, out, reason), true, reason);
        NS_TEST_ASSERT_MSG_EQ(ToHex(out), ct, "F.2.1 CBC-AES128.Encrypt");
        NS_TEST_ASSERT_MSG_EQ(IkeCrypto::AesCbc(key, iv, FromHex(ct), false, out, reason), true,
                              reason);
        NS_TEST_ASSERT_MSG_EQ(ToHex(out), ToHex(pt), "F.2.2 CBC-AES128.Decrypt");
        NS_TEST_ASSERT_MSG_EQ(IkeCrypto::AesCbc(key, iv, FromHex("00"), true, out, reason), false,
                              "");
        NS_TEST_ASSERT_MSG_EQ(reason,
                              "AES-CBC input of 1 bytes is not a multiple of the block size", "");
        NS_TEST_ASSERT_MSG_EQ(IkeCrypto::AesCbc(FromHex("00"), iv, pt, true, out, reason), false,
                              "");
        // NAT-D = SHA-1(CKY-I | CKY-R | IP | port) = SHA-1 of 22 bytes (Python hashlib).
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkeCrypto::NatD(FromHex("9fb956725eb4cdbdc62fd4aaca14e367"),
                                                    FromHex("0ac90002"), 500)),
                              "1c9ad6a4d43f652c1a1a81e8104ab89a32f74a3e",
                              "NAT-D is a plain hash of the 22 bytes");
        NS_TEST_ASSERT_MSG_EQ(ToHex(IkeCrypto::Digest(FromHex("616263"))),
                              "a9993e364706816aba3e25717850c26c9cd0d89d", "SHA-1(abc), FIPS 180");
        NS_TEST_ASSERT_MSG_EQ(IkeCrypto::Ikev1DecryptionTableLine(FromHex("9fb956725eb4cdbd"),
                                                                  FromHex("d165a16fa1b8af7a"
                                                                          "5e9985d41798d89e")),
                              "9fb956725eb4cdbd,d165a16fa1b8af7a5e9985d41798d89e",
                              "the vectors' ikev1_decryption_table line");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * The suite.
 */
class IkeCryptoTestSuite : public TestSuite
{
public:
    IkeCryptoTestSuite()
        : TestSuite("l2tp-ike-crypto", TestSuite::Type::UNIT)
    {
        AddTestCase(new IkeDhTestCase());
        AddTestCase(new IkeKeyDerivationTestCase());
        AddTestCase(new IkeCipherTestCase());
    }
};

/// The suite's instance.
static IkeCryptoTestSuite g_ikeCryptoTestSuite;

} // namespace
