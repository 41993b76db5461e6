/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SA_H
#define IPSEC_SA_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "esp-packet.h"
#include "ipsec-cipher-suite.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One ESP security association (RFC 4301 4.4.2): SPI, direction, mode, transform and
 * keys, sequence number counter, anti-replay window and lifetimes.
 *
 * Outbound: Protect() builds the ESP packet. The sequence number starts at 1 and never wraps
 * (no ESN): when the counter would pass 2^32 - 1 the packet is dropped with
 * SEQUENCE_OVERFLOW, the SA stops, and the HardExpired trace fires (the SA must be rekeyed).
 *
 * IVs: AES-CBC and 3DES-CBC IVs are drawn from an ns-3 RNG stream (AssignStreams), so a run
 * is reproducible; AES-GCM uses the 64-bit sequence number as the explicit IV (unique per
 * key, as RFC 4106 section 3.1 requires, like Linux's seqiv).
 *
 * Inbound: Unprotect() checks the length, the anti-replay window (RFC 4303 3.4.3: before the
 * ICV, the window is only advanced after the ICV verified), the ICV, then decrypts and checks
 * the padding. Window size 0 disables anti-replay.
 *
 * Lifetimes (RFC 4301 4.4.2.1): soft and hard, in seconds from Start() and in payload bytes
 * (the bytes given to Protect() / returned by Unprotect()). The soft limit fires SoftExpired
 * once; at the hard limit the SA fires HardExpired and drops every later packet with
 * SA_EXPIRED. A byte limit is reached by the packet whose bytes make the count reach or pass
 * it (that packet is still processed). 0 means no limit.
 */
class IpsecSa : public Object
{
public:
    /// SA direction.
    enum Direction
    {
        INBOUND,
        OUTBOUND
    };

    /// ESP mode.
    enum Mode
    {
        TRANSPORT, //!< protects the IP payload (Next Header = the upper protocol)
        TUNNEL     //!< protects a whole inner IP packet (Next Header 4)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecSa();
    ~IpsecSa() override;

    /**
     * \brief Set identity and transform.
     * \param spi the SPI (not 0)
     * \param direction inbound or outbound
     * \param mode transport or tunnel
     * \param suite the cipher suite, keys already set
     * \param source the outer source address (Ipv4Address::GetAny() for any)
     * \param destination the outer destination address (GetAny() for any)
     */
    void Configure(uint32_t spi, Direction direction, Mode mode, Ptr<IpsecCipherSuite> suite,
                   Ipv4Address source, Ipv4Address destination);

    /// Start the seconds lifetimes (schedules the soft / hard events from now).
    void Start();

    /// \return the SPI
    uint32_t GetSpi() const;
    /// \return the direction
    Direction GetDirection() const;
    /// \return the mode
    Mode GetMode() const;
    /// \return the outer source address
    Ipv4Address GetSource() const;
    /// \return the outer destination address
    Ipv4Address GetDestination() const;
    /// \return the cipher suite
    Ptr<IpsecCipherSuite> GetSuite() const;

    /**
     * \brief Protect a payload (outbound SA).
     * \param payload transport mode: the upper-layer datagram; tunnel mode: the inner IP packet
     * \param nextHeader its protocol number
     * \param esp receives the ESP packet (SPI to ICV)
     * \param reason receives the drop reason on failure
     * \return false if dropped (sequence overflow, expired)
     */
    bool Protect(const std::vector<uint8_t>& payload, uint8_t nextHeader, std::vector<uint8_t>& esp,
                 IpsecDropReason& reason);

    /**
     * \brief Protect with a given IV instead of one from the RNG stream (known-answer tests:
     * re-encrypting captured packets). Everything else as Protect().
     * \param payload the payload
     * \param nextHeader its protocol number
     * \param iv the IV (the transform's IV size)
     * \param esp receives the ESP packet
     * \param reason receives the drop reason on failure
     * \return false if dropped
     */
    bool ProtectWithIv(const std::vector<uint8_t>& payload, uint8_t nextHeader,
                       const std::vector<uint8_t>& iv, std::vector<uint8_t>& esp,
                       IpsecDropReason& reason);

    /// What Unprotect() found in an accepted packet.
    struct Received
    {
        uint32_t sequence{0};         //!< sequence number
        uint8_t padLength{0};         //!< Pad Length
        uint8_t nextHeader{0};        //!< Next Header
        std::vector<uint8_t> payload; //!< decrypted payload (without padding and trailer)
    };

    /**
     * \brief Verify, decrypt and check an ESP packet (inbound SA).
     * \param data the ESP packet (SPI to ICV)
     * \param size its length
     * \param out receives the payload and trailer fields
     * \param reason receives the drop reason on failure
     * \param detail receives an explanation on failure
     * \return false if dropped (counted and traced)
     */
    bool Unprotect(const uint8_t* data, std::size_t size, Received& out, IpsecDropReason& reason,
                   std::string& detail);

    /**
     * \brief Carry this SA's packets in UDP (RFC 3948 UDP-encapsulated ESP, used after NAT-T
     * detection). Only the stack hooks (EspL4Protocol) look at this.
     * \param sourcePort UDP source port (4500)
     * \param destinationPort UDP destination port (4500, or the NAT's mapped port)
     */
    void SetUdpEncapsulation(uint16_t sourcePort, uint16_t destinationPort);
    /// \return true if SetUdpEncapsulation was called
    bool IsUdpEncapsulated() const;
    /// \return the UDP source port of the encapsulation
    uint16_t GetEncapSourcePort() const;
    /// \return the UDP destination port of the encapsulation
    uint16_t GetEncapDestinationPort() const;

    /// \return the next outbound sequence number (1 for a fresh SA)
    uint64_t GetNextSequence() const;
    /**
     * \brief Set the next outbound sequence number (tests of the overflow handling).
     * \param next the value, 1 .. 2^32 (2^32 means the counter is exhausted)
     */
    void SetNextSequence(uint64_t next);

    /// \return the highest sequence number accepted so far (inbound)
    uint32_t GetReplayTop() const;
    /// \return the anti-replay window size
    uint32_t GetReplayWindow() const;

    /// \return payload bytes processed so far
    uint64_t GetBytes() const;
    /// \return packets processed so far
    uint64_t GetPackets() const;
    /// \return true once a soft lifetime was reached
    bool IsSoftExpired() const;
    /// \return true once a hard lifetime was reached (or the sequence counter is exhausted)
    bool IsHardExpired() const;

    /**
     * \brief Count of drops for one reason.
     * \param reason the reason
     * \return how many packets this SA dropped for it
     */
    uint64_t GetDropCount(IpsecDropReason reason) const;
    /// \return all drops of this SA
    uint64_t GetTotalDrops() const;

    /**
     * \brief Record a drop: count it and fire the Drop trace. Used by the SA itself and by the
     * SAD for drops before an SA is known.
     * \param sequence the packet's sequence number (0 if unknown)
     * \param reason the reason
     * \param detail explanation
     */
    void RecordDrop(uint32_t sequence, IpsecDropReason reason, const std::string& detail);

    /**
     * \brief Use fixed random variable stream numbers (IV generation).
     * \param stream first stream number
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// TracedCallback signature for Protected / Unprotected: SPI, sequence, size before, after.
    typedef void (*PacketTracedCallback)(uint32_t spi, uint32_t seq, uint32_t before,
                                         uint32_t after);
    /// TracedCallback signature for Drop: SPI, sequence, reason name, detail.
    typedef void (*DropTracedCallback)(uint32_t spi, uint32_t seq, const std::string& reason,
                                       const std::string& detail);
    /// TracedCallback signature for SoftExpired / HardExpired: SPI, what ("seconds", "bytes",
    /// "sequence").
    typedef void (*ExpiredTracedCallback)(uint32_t spi, const std::string& what);

protected:
    void DoDispose() override;

private:
    bool DoProtect(const std::vector<uint8_t>& payload, uint8_t nextHeader,
                   const std::vector<uint8_t>* iv, std::vector<uint8_t>& esp,
                   IpsecDropReason& reason);
    /// Count bytes and fire lifetime events.
    void Account(std::size_t bytes);
    void SoftExpire(const std::string& what);
    void HardExpire(const std::string& what);
    /// \return the replay verdict for \p seq (NONE if acceptable)
    IpsecDropReason ReplayCheck(uint32_t seq) const;
    void ReplayUpdate(uint32_t seq);

    uint32_t m_spi{0};
    Direction m_direction{OUTBOUND};
    Mode m_mode{TRANSPORT};
    Ptr<IpsecCipherSuite> m_suite;
    Ipv4Address m_source;
    Ipv4Address m_destination;

    bool m_udpEncap{false};
    uint16_t m_encapSport{0};
    uint16_t m_encapDport{0};
    uint64_t m_nextSeq{1};
    uint32_t m_replayWindow{64};
    uint32_t m_replayTop{0};
    std::vector<bool> m_replayBits; //!< bit (seq % window) set if seq was received

    uint64_t m_softBytes{0};
    uint64_t m_hardBytes{0};
    Time m_softTime;
    Time m_hardTime;
    EventId m_softEvent;
    EventId m_hardEvent;
    uint64_t m_bytes{0};
    uint64_t m_packets{0};
    bool m_softExpired{false};
    bool m_hardExpired{false};

    std::array<uint64_t, static_cast<std::size_t>(IpsecDropReason::COUNT)> m_drops{};
    Ptr<UniformRandomVariable> m_ivRng;

    TracedCallback<uint32_t, uint32_t, uint32_t, uint32_t> m_protectedTrace;
    TracedCallback<uint32_t, uint32_t, uint32_t, uint32_t> m_unprotectedTrace;
    TracedCallback<uint32_t, uint32_t, const std::string&, const std::string&> m_dropTrace;
    TracedCallback<uint32_t, const std::string&> m_softTrace;
    TracedCallback<uint32_t, const std::string&> m_hardTrace;
};

} // namespace ns3

#endif /* IPSEC_SA_H */
