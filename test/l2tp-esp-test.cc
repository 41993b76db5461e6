/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP behaviour (RFC 4303): round trip per transform with real and modeled suites (same sizes),
 * a flipped bit anywhere is an integrity failure, anti-replay window (RFC 4303 3.4.3 and
 * Appendix A), sequence-number overflow without ESN, soft/hard lifetimes at the exact byte and
 * second counts, SPD first-match order, SAD lookups, malformed packets rejected with reasons,
 * RFC 3948 UDP-4500 demultiplexing, deterministic IVs.
 */
#include "l2tp-test-util.h"

#include "ns3/esp-packet.h"
#include "ns3/ipsec-cipher-suite.h"
#include "ns3/ipsec-modeled-cipher-suite.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipsec-sad.h"
#include "ns3/ipsec-spd.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <limits>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

const std::vector<IpsecTransform> kAll = {IpsecTransform::AES_CBC_128_HMAC_SHA1_96,
                                          IpsecTransform::AES_CBC_256_HMAC_SHA1_96,
                                          IpsecTransform::AES_CBC_128_HMAC_SHA256_128,
                                          IpsecTransform::AES_CBC_256_HMAC_SHA256_128,
                                          IpsecTransform::AES_GCM_128_16,
                                          IpsecTransform::AES_GCM_256_16,
                                          IpsecTransform::TDES_CBC_HMAC_SHA1_96,
                                          IpsecTransform::NULL_HMAC_SHA1_96,
                                          IpsecTransform::NULL_HMAC_SHA256_128};

/// A matching outbound / inbound SA pair with deterministic keys.
struct SaPair
{
    Ptr<IpsecSa> out;
    Ptr<IpsecSa> in;
};

Ptr<IpsecSa>
MakeSa(IpsecTransform t, bool modeled, IpsecSa::Direction d, uint32_t spi, uint32_t window = 64)
{
    const IpsecTransformInfo& info = GetIpsecTransformInfo(t);
    std::vector<uint8_t> enc(info.encKeySize + info.saltSize);
    for (std::size_t i = 0; i < enc.size(); ++i)
    {
        enc[i] = static_cast<uint8_t>(0x10 + i);
    }
    std::vector<uint8_t> auth(info.authKeySize);
    for (std::size_t i = 0; i < auth.size(); ++i)
    {
        auth[i] = static_cast<uint8_t>(0x80 + i);
    }
    Ptr<IpsecCipherSuite> suite = IpsecCipherSuite::Create(t, modeled);
    std::string error;
    NS_ABORT_MSG_UNLESS(suite->SetKeys(t, enc, auth, error), error);
    Ptr<IpsecSa> sa = CreateObject<IpsecSa>();
    sa->SetAttribute("ReplayWindow", UintegerValue(window));
    sa->Configure(spi, d, IpsecSa::TRANSPORT, suite, Ipv4Address("10.0.0.1"),
                  Ipv4Address("10.0.0.2"));
    sa->AssignStreams(7);
    sa->Start();
    return sa;
}

SaPair
MakePair(IpsecTransform t, bool modeled, uint32_t window = 64)
{
    return {MakeSa(t, modeled, IpsecSa::OUTBOUND, 0x1000, window),
            MakeSa(t, modeled, IpsecSa::INBOUND, 0x1000, window)};
}

std::vector<uint8_t>
Payload(std::size_t n)
{
    std::vector<uint8_t> p(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        p[i] = static_cast<uint8_t>(i * 7 + 3);
    }
    return p;
}

/// \ingroup l2tp-tests
/// \brief Every transform, real and modeled, payloads 0..70 bytes: exact sizes, round trip.
class EspRoundTripTest : public TestCase
{
public:
    EspRoundTripTest()
        : TestCase("round trip per transform, real and modeled give the same sizes")
    {
    }

private:
    void DoRun() override
    {
        for (IpsecTransform t : kAll)
        {
            const IpsecTransformInfo& info = GetIpsecTransformInfo(t);
            SaPair real = MakePair(t, false);
            SaPair modeled = MakePair(t, true);
            for (std::size_t n = 0; n <= 70; ++n)
            {
                std::vector<uint8_t> payload = Payload(n);
                std::vector<uint8_t> espReal;
                std::vector<uint8_t> espModeled;
                IpsecDropReason reason;
                NS_TEST_ASSERT_MSG_EQ(real.out->Protect(payload, 17, espReal, reason), true, "");
                NS_TEST_ASSERT_MSG_EQ(modeled.out->Protect(payload, 17, espModeled, reason), true,
                                      "");
                // 8 + IV + payload + pad + 2 + ICV, (payload + pad + 2) % block == 0.
                std::size_t pad = (info.blockSize - (n + 2) % info.blockSize) % info.blockSize;
                std::size_t size = 8 + info.ivSize + n + pad + 2 + info.icvSize;
                NS_TEST_ASSERT_MSG_EQ(espReal.size(), size, info.name << " payload " << n);
                NS_TEST_ASSERT_MSG_EQ(espModeled.size(), size, info.name << " modeled " << n);
                NS_TEST_ASSERT_MSG_EQ(EspPacket::PeekSpi(espReal.data() + 4), n + 1, "seq");
                for (auto* pr : {&real, &modeled})
                {
                    const std::vector<uint8_t>& esp = pr == &real ? espReal : espModeled;
                    IpsecSa::Received rx;
                    std::string detail;
                    NS_TEST_ASSERT_MSG_EQ(
                        pr->in->Unprotect(esp.data(), esp.size(), rx, reason, detail), true,
                        info.name << " " << n << ": " << detail);
                    NS_TEST_ASSERT_MSG_EQ(ToHex(rx.payload), ToHex(payload), info.name);
                    NS_TEST_ASSERT_MSG_EQ(+rx.nextHeader, 17, "next header");
                    NS_TEST_ASSERT_MSG_EQ(+rx.padLength, pad, "pad length");
                }
                if (info.encKeySize != 0 && n >= 16)
                {
                    // Real encryption hides the payload; the modeled suite carries it in clear.
                    std::vector<uint8_t> ct(espReal.begin() + 8 + info.ivSize,
                                            espReal.begin() + 8 + info.ivSize + 16);
                    NS_TEST_ASSERT_MSG_NE(ToHex(ct), ToHex(Slice(payload, 0, 16)), "encrypted");
                }
            }
            NS_TEST_ASSERT_MSG_EQ(real.in->GetPackets(), 71u, "accepted");
            NS_TEST_ASSERT_MSG_EQ(real.in->GetTotalDrops(), 0u, "no drops");
        }
        // The modeled suite's processing delay: per packet + per byte.
        Ptr<IpsecModeledCipherSuite> m = CreateObject<IpsecModeledCipherSuite>();
        m->SetAttribute("PerPacketDelay", TimeValue(MicroSeconds(5)));
        m->SetAttribute("PerByteDelay", TimeValue(NanoSeconds(2)));
        NS_TEST_ASSERT_MSG_EQ(m->GetProcessingDelay(100), MicroSeconds(5) + NanoSeconds(200),
                              "modeled delay");
        NS_TEST_ASSERT_MSG_EQ(IpsecCipherSuite::Create(IpsecTransform::AES_GCM_128_16, false)
                                  ->GetProcessingDelay(100),
                              Seconds(0), "real suite: no modeled delay");
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief Flip every bit after the SPI: always an integrity failure (real suites).
class EspBitFlipTest : public TestCase
{
public:
    EspBitFlipTest()
        : TestCase("a flipped bit anywhere after the SPI is an integrity failure")
    {
    }

private:
    void DoRun() override
    {
        for (IpsecTransform t : kAll)
        {
            const IpsecTransformInfo& info = GetIpsecTransformInfo(t);
            SaPair p = MakePair(t, false);
            std::vector<uint8_t> esp;
            IpsecDropReason reason;
            p.out->Protect(Payload(30), 17, esp, reason); // seq 1
            p.out->Protect(Payload(30), 17, esp, reason); // seq 2
            p.out->Protect(Payload(30), 17, esp, reason); // seq 3: no single flip makes it 0
            uint64_t flips = 0;
            for (std::size_t bit = 32; bit < esp.size() * 8; ++bit)
            {
                std::vector<uint8_t> bad(esp);
                bad[bit / 8] ^= static_cast<uint8_t>(0x80 >> (bit % 8));
                IpsecSa::Received rx;
                std::string detail;
                NS_TEST_ASSERT_MSG_EQ(p.in->Unprotect(bad.data(), bad.size(), rx, reason, detail),
                                      false, info.name << " bit " << bit);
                NS_TEST_ASSERT_MSG_EQ(reason, IpsecDropReason::INTEGRITY_FAILURE,
                                      info.name << " bit " << bit << ": " << detail);
                ++flips;
            }
            NS_TEST_ASSERT_MSG_EQ(p.in->GetDropCount(IpsecDropReason::INTEGRITY_FAILURE), flips,
                                  "every failure counted");
            IpsecSa::Received rx;
            std::string detail;
            NS_TEST_ASSERT_MSG_EQ(p.in->Unprotect(esp.data(), esp.size(), rx, reason, detail), true,
                                  "the original is still accepted");
        }
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief Anti-replay window of 64 (RFC 4303 3.4.3): replay, left of window, late inside.
class EspReplayTest : public TestCase
{
public:
    EspReplayTest()
        : TestCase("anti-replay: duplicate dropped, left of window dropped, late accepted once")
    {
    }

private:
    void DoRun() override
    {
        SaPair p = MakePair(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false);
        NS_TEST_ASSERT_MSG_EQ(p.in->GetReplayWindow(), 64u, "default window 64");
        std::vector<std::vector<uint8_t>> pkts(101); // pkts[s] has sequence s
        IpsecDropReason reason;
        for (uint32_t s = 1; s <= 100; ++s)
        {
            p.out->Protect(Payload(20), 17, pkts[s], reason);
        }
        std::vector<std::string> drops;
        p.in->TraceConnectWithoutContext(
            "Drop", MakeCallback(+[](std::vector<std::string>* v, uint32_t, uint32_t seq,
                                     const std::string& r, const std::string&) {
                        v->push_back(std::to_string(seq) + ":" + r);
                    }).Bind(&drops));
        auto rx = [&](uint32_t s)
        {
            IpsecSa::Received r;
            std::string detail;
            bool ok = p.in->Unprotect(pkts[s].data(), pkts[s].size(), r, reason, detail);
            return ok ? std::string("ok") : IpsecDropReasonName(reason);
        };
        NS_TEST_ASSERT_MSG_EQ(rx(1), "ok", "");
        NS_TEST_ASSERT_MSG_EQ(rx(2), "ok", "");
        NS_TEST_ASSERT_MSG_EQ(rx(2), "replay", "duplicate");
        NS_TEST_ASSERT_MSG_EQ(rx(100), "ok", "jump ahead");
        NS_TEST_ASSERT_MSG_EQ(p.in->GetReplayTop(), 100u, "top");
        NS_TEST_ASSERT_MSG_EQ(rx(36), "left-of-window", "100 - 36 = 64");
        NS_TEST_ASSERT_MSG_EQ(rx(37), "ok", "100 - 37 = 63: late inside the window");
        NS_TEST_ASSERT_MSG_EQ(rx(37), "replay", "accepted once");
        NS_TEST_ASSERT_MSG_EQ(rx(99), "ok", "late");
        NS_TEST_ASSERT_MSG_EQ(rx(100), "replay", "");
        NS_TEST_ASSERT_MSG_EQ(rx(2), "left-of-window", "");
        std::vector<std::string> expect
            = {"2:replay", "36:left-of-window", "37:replay", "100:replay", "2:left-of-window"};
        NS_TEST_ASSERT_MSG_EQ(drops.size(), expect.size(), "traced drops");
        for (std::size_t i = 0; i < expect.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(drops[i], expect[i], "drop " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(p.in->GetDropCount(IpsecDropReason::REPLAY), 3u, "");
        NS_TEST_ASSERT_MSG_EQ(p.in->GetDropCount(IpsecDropReason::LEFT_OF_WINDOW), 2u, "");

        // A forged packet (bad ICV) with a high sequence must not move the window.
        std::vector<uint8_t> forged(pkts[50]);
        forged[4] = 0x00;
        forged[5] = 0x01; // sequence 65586
        forged[6] = 0x00;
        forged[7] = 0x32;
        IpsecSa::Received r;
        std::string detail;
        NS_TEST_ASSERT_MSG_EQ(p.in->Unprotect(forged.data(), forged.size(), r, reason, detail),
                              false, "");
        NS_TEST_ASSERT_MSG_EQ(reason, IpsecDropReason::INTEGRITY_FAILURE, "");
        NS_TEST_ASSERT_MSG_EQ(p.in->GetReplayTop(), 100u, "window unchanged");
        NS_TEST_ASSERT_MSG_EQ(rx(50), "ok", "50 still inside");

        // Window size 32 (attribute) and window 0 (anti-replay disabled).
        SaPair w32 = MakePair(IpsecTransform::AES_GCM_128_16, false, 32);
        SaPair w0 = MakePair(IpsecTransform::AES_GCM_128_16, false, 0);
        std::vector<std::vector<uint8_t>> a(41);
        std::vector<std::vector<uint8_t>> b(41);
        for (uint32_t s = 1; s <= 40; ++s)
        {
            w32.out->Protect(Payload(5), 17, a[s], reason);
            w0.out->Protect(Payload(5), 17, b[s], reason);
        }
        NS_TEST_ASSERT_MSG_EQ(w32.in->Unprotect(a[40].data(), a[40].size(), r, reason, detail),
                              true, "");
        NS_TEST_ASSERT_MSG_EQ(w32.in->Unprotect(a[8].data(), a[8].size(), r, reason, detail), false,
                              "40 - 8 = 32");
        NS_TEST_ASSERT_MSG_EQ(reason, IpsecDropReason::LEFT_OF_WINDOW, "");
        NS_TEST_ASSERT_MSG_EQ(w32.in->Unprotect(a[9].data(), a[9].size(), r, reason, detail), true,
                              "40 - 9 = 31");
        for (int k = 0; k < 2; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(w0.in->Unprotect(b[3].data(), b[3].size(), r, reason, detail),
                                  true, "no anti-replay: duplicates accepted");
        }
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief The outbound counter never wraps: 2^32 - 1 is the last sequence number.
class EspSequenceOverflowTest : public TestCase
{
public:
    EspSequenceOverflowTest()
        : TestCase("sequence number overflow: no wrap, SA stops, traced")
    {
    }

private:
    void DoRun() override
    {
        SaPair p = MakePair(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false);
        std::vector<std::string> hard;
        p.out->TraceConnectWithoutContext(
            "HardExpired",
            MakeCallback(+[](std::vector<std::string>* v, uint32_t, const std::string& w) {
                v->push_back(w);
            }).Bind(&hard));
        p.out->SetNextSequence(0xfffffffe);
        std::vector<uint8_t> esp;
        IpsecDropReason reason;
        NS_TEST_ASSERT_MSG_EQ(p.out->Protect(Payload(10), 17, esp, reason), true, "");
        NS_TEST_ASSERT_MSG_EQ(EspPacket::PeekSpi(esp.data() + 4), 0xfffffffeu, "");
        NS_TEST_ASSERT_MSG_EQ(p.out->Protect(Payload(10), 17, esp, reason), true, "last one");
        NS_TEST_ASSERT_MSG_EQ(EspPacket::PeekSpi(esp.data() + 4), 0xffffffffu, "");
        NS_TEST_ASSERT_MSG_EQ(p.out->IsHardExpired(), false, "");
        NS_TEST_ASSERT_MSG_EQ(p.out->Protect(Payload(10), 17, esp, reason), false, "overflow");
        NS_TEST_ASSERT_MSG_EQ(reason, IpsecDropReason::SEQUENCE_OVERFLOW, "");
        NS_TEST_ASSERT_MSG_EQ(p.out->IsHardExpired(), true, "SA stops");
        NS_TEST_ASSERT_MSG_EQ(p.out->Protect(Payload(10), 17, esp, reason), false, "");
        NS_TEST_ASSERT_MSG_EQ(reason, IpsecDropReason::SA_EXPIRED, "");
        NS_TEST_ASSERT_MSG_EQ(hard.size(), 1u, "HardExpired once");
        NS_TEST_ASSERT_MSG_EQ(hard[0], "sequence", "");
        NS_TEST_ASSERT_MSG_EQ(p.out->GetDropCount(IpsecDropReason::SEQUENCE_OVERFLOW), 1u, "");
        NS_TEST_ASSERT_MSG_EQ(p.out->GetDropCount(IpsecDropReason::SA_EXPIRED), 1u, "");
        // The receiver accepts 2^32 - 1 (the window works up to the top of the range).
        IpsecSa::Received r;
        std::string detail;
        std::vector<uint8_t> last;
        Ptr<IpsecSa> o2
            = MakeSa(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false, IpsecSa::OUTBOUND, 0x1000);
        o2->SetNextSequence(0xffffffff);
        o2->Protect(Payload(3), 17, last, reason);
        NS_TEST_ASSERT_MSG_EQ(p.in->Unprotect(last.data(), last.size(), r, reason, detail), true,
                              detail);
        NS_TEST_ASSERT_MSG_EQ(r.sequence, 0xffffffffu, "");
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief Soft and hard lifetimes in bytes and seconds, at the exact count and instant.
class EspLifetimeTest : public TestCase
{
public:
    EspLifetimeTest()
        : TestCase("lifetimes: soft and hard at the exact byte count and second")
    {
    }

private:
    void DoRun() override
    {
        std::vector<std::string> events;
        auto hook = [&events](Ptr<IpsecSa> sa, const std::string& tag)
        {
            sa->TraceConnect("SoftExpired", tag,
                             MakeCallback(+[](std::vector<std::string>* v, std::string ctx,
                                              uint32_t, const std::string& what) {
                                 v->push_back(ctx + " soft " + what + " "
                                              + std::to_string(Simulator::Now().GetNanoSeconds()));
                             }).Bind(&events));
            sa->TraceConnect("HardExpired", tag,
                             MakeCallback(+[](std::vector<std::string>* v, std::string ctx,
                                              uint32_t, const std::string& what) {
                                 v->push_back(ctx + " hard " + what + " "
                                              + std::to_string(Simulator::Now().GetNanoSeconds()));
                             }).Bind(&events));
        };
        // Bytes: soft 100, hard 200, payloads of 50: soft exactly at packet 2, hard at 4.
        Ptr<IpsecSa> sa = CreateObject<IpsecSa>();
        sa->SetAttribute("SoftLifetimeBytes", UintegerValue(100));
        sa->SetAttribute("HardLifetimeBytes", UintegerValue(200));
        Ptr<IpsecCipherSuite> suite
            = IpsecCipherSuite::Create(IpsecTransform::NULL_HMAC_SHA1_96, false);
        std::string error;
        suite->SetKeys(IpsecTransform::NULL_HMAC_SHA1_96, {}, std::vector<uint8_t>(20, 1), error);
        sa->Configure(1, IpsecSa::OUTBOUND, IpsecSa::TRANSPORT, suite, Ipv4Address::GetAny(),
                      Ipv4Address::GetAny());
        sa->Start();
        hook(sa, "bytes");
        std::vector<uint8_t> esp;
        IpsecDropReason reason;
        std::vector<std::string> results;
        sa->Protect(Payload(50), 17, esp, reason);
        NS_TEST_ASSERT_MSG_EQ(events.size(), 0u, "50 bytes");
        sa->Protect(Payload(49), 17, esp, reason);
        NS_TEST_ASSERT_MSG_EQ(events.size(), 0u, "99 bytes: not yet");
        sa->Protect(Payload(1), 17, esp, reason);
        NS_TEST_ASSERT_MSG_EQ(events.size(), 1u, "100 bytes: soft");
        NS_TEST_ASSERT_MSG_EQ(sa->IsSoftExpired(), true, "");
        sa->Protect(Payload(99), 17, esp, reason);
        NS_TEST_ASSERT_MSG_EQ(sa->IsHardExpired(), false, "199 bytes");
        NS_TEST_ASSERT_MSG_EQ(sa->Protect(Payload(1), 17, esp, reason), true,
                              "the packet reaching 200 bytes is sent");
        NS_TEST_ASSERT_MSG_EQ(sa->IsHardExpired(), true, "200 bytes: hard");
        NS_TEST_ASSERT_MSG_EQ(sa->Protect(Payload(1), 17, esp, reason), false, "after hard");
        NS_TEST_ASSERT_MSG_EQ(reason, IpsecDropReason::SA_EXPIRED, "");
        NS_TEST_ASSERT_MSG_EQ(sa->GetBytes(), 200u, "");

        // Seconds: soft 10 s, hard 15 s from Start() at t = 1 s.
        Ptr<IpsecSa> ts = MakeSa(IpsecTransform::AES_GCM_128_16, false, IpsecSa::OUTBOUND, 2);
        ts->SetAttribute("SoftLifetime", TimeValue(Seconds(10)));
        ts->SetAttribute("HardLifetime", TimeValue(Seconds(15)));
        hook(ts, "time");
        Simulator::Schedule(Seconds(1), &IpsecSa::Start, ts);
        auto probe = [&results, ts]()
        {
            std::vector<uint8_t> e;
            IpsecDropReason r;
            bool ok = ts->Protect(Payload(8), 17, e, r);
            results.push_back(std::to_string(Simulator::Now().GetNanoSeconds()) + " "
                              + (ok ? "ok" : IpsecDropReasonName(r)));
        };
        Simulator::Schedule(NanoSeconds(15999999999), probe);
        Simulator::Schedule(NanoSeconds(16000000001), probe);
        Simulator::Run();
        std::vector<std::string> expectEvents
            = {"bytes soft bytes 0", "bytes hard bytes 0", "time soft seconds 11000000000",
               "time hard seconds 16000000000"};
        NS_TEST_ASSERT_MSG_EQ(events.size(), expectEvents.size(), "events");
        for (std::size_t i = 0; i < expectEvents.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(events[i], expectEvents[i], "event " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(results.size(), 2u, "");
        NS_TEST_ASSERT_MSG_EQ(results[0], "15999999999 ok", "");
        NS_TEST_ASSERT_MSG_EQ(results[1], "16000000001 sa-expired", "");
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief SPD first match in order; SAD (SPI, destination) with wildcard destination.
class EspSpdSadTest : public TestCase
{
public:
    EspSpdSadTest()
        : TestCase("SPD selection order and SAD lookup")
    {
    }

private:
    void DoRun() override
    {
        Ptr<IpsecSa> sa
            = MakeSa(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false, IpsecSa::OUTBOUND, 0x42);
        Ptr<IpsecSpd> spd = CreateObject<IpsecSpd>();
        IpsecPolicy l2tp; // RFC 3193: protect UDP 1701 between the peers
        l2tp.srcAddress = Ipv4Address("10.0.0.0");
        l2tp.srcMask = Ipv4Mask("255.255.255.0");
        l2tp.dstAddress = Ipv4Address("10.1.0.2");
        l2tp.dstMask = Ipv4Mask("255.255.255.255");
        l2tp.protocol = 17;
        l2tp.srcPortMin = l2tp.srcPortMax = 1701;
        l2tp.dstPortMin = l2tp.dstPortMax = 1701;
        l2tp.action = IpsecPolicy::PROTECT;
        l2tp.sa = sa;
        IpsecPolicy ike; // IKE in the clear
        ike.protocol = 17;
        ike.dstPortMin = 500;
        ike.dstPortMax = 500;
        ike.action = IpsecPolicy::BYPASS;
        IpsecPolicy block; // everything from 10.0.0.66 dropped
        block.srcAddress = Ipv4Address("10.0.0.66");
        block.srcMask = Ipv4Mask("255.255.255.255");
        block.action = IpsecPolicy::DISCARD;
        IpsecPolicy rest; // anything else in the clear
        rest.action = IpsecPolicy::BYPASS;
        NS_TEST_ASSERT_MSG_EQ(spd->Add(l2tp), 0u, "");
        NS_TEST_ASSERT_MSG_EQ(spd->Add(ike), 1u, "");
        NS_TEST_ASSERT_MSG_EQ(spd->Add(block), 2u, "");
        Ipv4Address a("10.0.0.66");
        Ipv4Address lns("10.1.0.2");
        NS_TEST_ASSERT_MSG_EQ(spd->Lookup(a, lns, 17, 1701, 1701), 0, "L2TP first");
        NS_TEST_ASSERT_MSG_EQ(spd->Lookup(a, lns, 17, 1701, 1702), 2, "port mismatch: discard");
        NS_TEST_ASSERT_MSG_EQ(spd->Lookup(a, lns, 17, 500, 500), 1, "IKE bypass");
        NS_TEST_ASSERT_MSG_EQ(spd->Lookup(Ipv4Address("10.0.1.1"), lns, 6, 1, 2), -1,
                              "no match: -1 (discard)");
        spd->Add(rest);
        NS_TEST_ASSERT_MSG_EQ(spd->Lookup(Ipv4Address("10.0.1.1"), lns, 6, 1, 2), 3, "default");
        NS_TEST_ASSERT_MSG_EQ(spd->Lookup(Ipv4Address("10.0.1.1"), lns, 17, 1701, 1701), 3,
                              "source outside the prefix");
        spd->Insert(0, block);
        NS_TEST_ASSERT_MSG_EQ(spd->Lookup(a, lns, 17, 1701, 1701), 0, "DISCARD now first");
        NS_TEST_ASSERT_MSG_EQ(spd->Get(0).action, IpsecPolicy::DISCARD, "");
        NS_TEST_ASSERT_MSG_EQ(spd->Lookup(Ipv4Address("10.0.0.5"), lns, 17, 1701, 1701), 1,
                              "other hosts still protected");
        NS_TEST_ASSERT_MSG_EQ(spd->Get(1).sa, sa, "");

        Ptr<IpsecSad> sad = CreateObject<IpsecSad>();
        Ptr<IpsecSa> in1 = MakeSa(IpsecTransform::AES_GCM_128_16, false, IpsecSa::INBOUND, 7);
        Ptr<IpsecSa> anyDst = CreateObject<IpsecSa>();
        anyDst->Configure(7, IpsecSa::INBOUND, IpsecSa::TRANSPORT, in1->GetSuite(),
                          Ipv4Address::GetAny(), Ipv4Address::GetAny());
        NS_TEST_ASSERT_MSG_EQ(sad->Add(in1), true, "");
        NS_TEST_ASSERT_MSG_EQ(sad->Add(in1), false, "same key twice");
        NS_TEST_ASSERT_MSG_EQ(sad->Add(anyDst), true, "wildcard destination");
        NS_TEST_ASSERT_MSG_EQ(sad->Lookup(7, Ipv4Address("10.0.0.2")), in1, "exact first");
        NS_TEST_ASSERT_MSG_EQ(sad->Lookup(7, Ipv4Address("10.9.9.9")), anyDst, "wildcard");
        NS_TEST_ASSERT_MSG_EQ(sad->Lookup(8, Ipv4Address("10.0.0.2")), nullptr, "");
        NS_TEST_ASSERT_MSG_EQ(sad->Remove(7, Ipv4Address::GetAny()), true, "");
        NS_TEST_ASSERT_MSG_EQ(sad->Lookup(7, Ipv4Address("10.9.9.9")), nullptr, "");
        NS_TEST_ASSERT_MSG_EQ(sad->GetN(), 1u, "");
        sad->Dispose();
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief Malformed ESP rejected with the right reason, counted, never read out of bounds.
class EspMalformedTest : public TestCase
{
public:
    EspMalformedTest()
        : TestCase(
            "malformed ESP: truncated, bad length, unknown SPI, bad pad length, bad pad bytes")
    {
    }

private:
    /// ESP packet with a valid ICV around an arbitrary (aligned) plaintext.
    static std::vector<uint8_t> Forge(Ptr<IpsecSa> in, uint32_t seq,
                                      const std::vector<uint8_t>& plain)
    {
        const IpsecTransformInfo& info = in->GetSuite()->GetInfo();
        std::vector<uint8_t> esp(8);
        EspPacket::WriteHeader(in->GetSpi(), seq, esp.data());
        std::vector<uint8_t> iv(info.ivSize, 0x33);
        std::vector<uint8_t> sealed = in->GetSuite()->Seal(esp.data(), iv, plain);
        esp.insert(esp.end(), iv.begin(), iv.end());
        esp.insert(esp.end(), sealed.begin(), sealed.end());
        return esp;
    }

    void DoRun() override
    {
        for (IpsecTransform t :
             {IpsecTransform::AES_CBC_128_HMAC_SHA1_96, IpsecTransform::AES_GCM_128_16,
              IpsecTransform::NULL_HMAC_SHA256_128})
        {
            const IpsecTransformInfo& info = GetIpsecTransformInfo(t);
            Ptr<IpsecSad> sad = CreateObject<IpsecSad>();
            Ptr<IpsecSa> in = MakeSa(t, false, IpsecSa::INBOUND, 0x1000);
            sad->Add(in);
            Ipv4Address dst("10.0.0.2");
            IpsecSa::Received rx;
            IpsecDropReason reason;
            std::string detail;
            auto recv = [&](const std::vector<uint8_t>& b)
            {
                // Exactly sized copy so ASan sees any overread.
                std::vector<uint8_t> c(b);
                Ptr<IpsecSa> s = sad->Receive(c.empty() ? nullptr : c.data(), c.size(), dst, rx,
                                              reason, detail);
                return s == nullptr ? IpsecDropReasonName(reason) : std::string("ok");
            };
            std::vector<uint8_t> good
                = Forge(in, 1, EspPacket::BuildPlaintext(Payload(9), 17, info.blockSize));
            // Every truncation of a valid packet is rejected.
            for (std::size_t n = 0; n < good.size(); ++n)
            {
                std::string r = recv(Slice(good, 0, n));
                std::size_t minimum = 8 + info.ivSize + info.blockSize + info.icvSize;
                std::string want = n < minimum ? "truncated" : "bad-length";
                if (n >= minimum && (n - 8 - info.ivSize - info.icvSize) % info.blockSize == 0)
                {
                    want = "integrity-failure";
                }
                NS_TEST_ASSERT_MSG_EQ(r, want, info.name << " truncated to " << n);
            }
            NS_TEST_ASSERT_MSG_EQ(sad->GetDropCount(IpsecDropReason::TRUNCATED), 8u,
                                  "SAD: shorter than SPI + seq");
            std::vector<uint8_t> unknown(good);
            unknown[3] ^= 0x01;
            NS_TEST_ASSERT_MSG_EQ(recv(unknown), "unknown-spi", "");
            NS_TEST_ASSERT_MSG_EQ(sad->GetDropCount(IpsecDropReason::UNKNOWN_SPI), 1u, "");

            // Valid ICV, but the decrypted trailer is wrong.
            std::vector<uint8_t> plain = EspPacket::BuildPlaintext(Payload(9), 17, info.blockSize);
            uint8_t pad = plain[plain.size() - 2];
            std::vector<uint8_t> badLen(plain);
            badLen[badLen.size() - 2] = static_cast<uint8_t>(badLen.size() - 1); // > room
            NS_TEST_ASSERT_MSG_EQ(recv(Forge(in, 2, badLen)), "bad-pad-length", detail);
            if (pad > 0)
            {
                std::vector<uint8_t> badPad(plain);
                badPad[9] = 0; // first pad byte must be 1
                NS_TEST_ASSERT_MSG_EQ(recv(Forge(in, 3, badPad)), "bad-padding", detail);
            }
            // A longer pad with a wrong byte in the middle (pad 1..6 with 4 replaced).
            std::vector<uint8_t> p2(plain.begin(), plain.begin() + 9);
            std::vector<uint8_t> longer = Payload(8);
            longer.push_back(0); // 8 + 6 pad + 2 = 16
            longer.pop_back();
            for (uint8_t i = 1; i <= 6; ++i)
            {
                longer.push_back(i == 4 ? 9 : i);
            }
            longer.push_back(6);
            longer.push_back(17);
            NS_TEST_ASSERT_MSG_EQ(recv(Forge(in, 4, longer)), "bad-padding", detail);
            NS_TEST_ASSERT_MSG_EQ(detail, "pad byte 4 is 9, expected 4", "");
            NS_TEST_ASSERT_MSG_EQ(recv(Forge(in, 5, plain)), "ok", "valid");
            NS_TEST_ASSERT_MSG_EQ(ToHex(rx.payload), ToHex(Payload(9)), "");
            NS_TEST_ASSERT_MSG_EQ(recv(Forge(in, 0, plain)), "sequence-zero", "");
            sad->Dispose();
        }
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief RFC 3948 demultiplexing on UDP 4500, padding arithmetic, deterministic IVs.
class EspFormatTest : public TestCase
{
public:
    EspFormatTest()
        : TestCase("ESP format: padding 1,2,3..., RFC 3948 demux, deterministic IVs")
    {
    }

private:
    void DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ(ToHex(EspPacket::BuildPlaintext({0xaa}, 17, 16)),
                              "aa0102030405060708090a0b0c0d0d11", "13 pad bytes");
        NS_TEST_ASSERT_MSG_EQ(ToHex(EspPacket::BuildPlaintext({0xaa, 0xbb}, 4, 4)), "aabb0004",
                              "no padding needed");
        NS_TEST_ASSERT_MSG_EQ(ToHex(EspPacket::BuildPlaintext({}, 59, 4)), "0102023b",
                              "empty payload");
        // README table: SCCRQ inner 112 bytes -> pad 14; ZLB 20 -> 10; CDN 46 -> 0.
        NS_TEST_ASSERT_MSG_EQ(EspPacket::PadLength(112, 16), 14u, "");
        NS_TEST_ASSERT_MSG_EQ(EspPacket::PadLength(20, 16), 10u, "");
        NS_TEST_ASSERT_MSG_EQ(EspPacket::PadLength(46, 16), 0u, "");
        NS_TEST_ASSERT_MSG_EQ(EspPacket::EspSize(112, 16, 16, 12), 164u, "192 - 20 - 8");

        using K = EspPacket::UdpEncapKind;
        std::vector<uint8_t> ka = {0xff};
        std::vector<uint8_t> ike(4 + 28, 0);
        ike[4] = 1;
        std::vector<uint8_t> esp = FromHex("c3a702b900000001");
        NS_TEST_ASSERT_MSG_EQ((EspPacket::ClassifyUdpEncap(ka.data(), 1) == K::KEEPALIVE), true,
                              "");
        NS_TEST_ASSERT_MSG_EQ((EspPacket::ClassifyUdpEncap(ike.data(), ike.size()) == K::IKE), true,
                              "");
        NS_TEST_ASSERT_MSG_EQ((EspPacket::ClassifyUdpEncap(ike.data(), 31) == K::MALFORMED), true,
                              "marker without an IKE header");
        NS_TEST_ASSERT_MSG_EQ((EspPacket::ClassifyUdpEncap(esp.data(), 8) == K::ESP), true, "");
        NS_TEST_ASSERT_MSG_EQ((EspPacket::ClassifyUdpEncap(esp.data(), 7) == K::MALFORMED), true,
                              "");
        NS_TEST_ASSERT_MSG_EQ((EspPacket::ClassifyUdpEncap(nullptr, 0) == K::MALFORMED), true, "");
        std::vector<uint8_t> notKa = {0xfe};
        NS_TEST_ASSERT_MSG_EQ((EspPacket::ClassifyUdpEncap(notKa.data(), 1) == K::MALFORMED), true,
                              "");

        // IVs: CBC from the RNG stream (same stream, same IVs), GCM = sequence number.
        Ptr<IpsecSa> a
            = MakeSa(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false, IpsecSa::OUTBOUND, 1);
        Ptr<IpsecSa> b
            = MakeSa(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false, IpsecSa::OUTBOUND, 1);
        Ptr<IpsecSa> c
            = MakeSa(IpsecTransform::AES_CBC_128_HMAC_SHA1_96, false, IpsecSa::OUTBOUND, 1);
        c->AssignStreams(8);
        std::vector<uint8_t> ea;
        std::vector<uint8_t> eb;
        std::vector<uint8_t> ec;
        IpsecDropReason r;
        std::vector<std::string> ivs;
        for (int i = 0; i < 3; ++i)
        {
            a->Protect(Payload(10), 17, ea, r);
            b->Protect(Payload(10), 17, eb, r);
            c->Protect(Payload(10), 17, ec, r);
            NS_TEST_ASSERT_MSG_EQ(ToHex(ea), ToHex(eb), "same stream, same packets");
            NS_TEST_ASSERT_MSG_NE(ToHex(Slice(ea, 8, 16)), ToHex(Slice(ec, 8, 16)),
                                  "other stream, other IV");
            ivs.push_back(ToHex(Slice(ea, 8, 16)));
        }
        NS_TEST_ASSERT_MSG_NE(ivs[0], ivs[1], "fresh IV per packet");
        Ptr<IpsecSa> g = MakeSa(IpsecTransform::AES_GCM_256_16, false, IpsecSa::OUTBOUND, 1);
        g->Protect(Payload(10), 17, ea, r);
        g->Protect(Payload(10), 17, ea, r);
        NS_TEST_ASSERT_MSG_EQ(ToHex(Slice(ea, 4, 12)), "000000020000000000000002",
                              "GCM explicit IV = 64-bit sequence number");
        Simulator::Destroy();
    }
};

/// \ingroup l2tp-tests
/// \brief Suite "l2tp-esp".
class EspTestSuite : public TestSuite
{
public:
    EspTestSuite()
        : TestSuite("l2tp-esp", TestSuite::Type::UNIT)
    {
        AddTestCase(new EspFormatTest);
        AddTestCase(new EspRoundTripTest);
        AddTestCase(new EspBitFlipTest);
        AddTestCase(new EspReplayTest);
        AddTestCase(new EspSequenceOverflowTest);
        AddTestCase(new EspLifetimeTest);
        AddTestCase(new EspSpdSadTest);
        AddTestCase(new EspMalformedTest);
    }
};

EspTestSuite g_espTestSuite;

} // namespace
