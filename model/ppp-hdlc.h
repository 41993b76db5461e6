/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_HDLC_H
#define PPP_HDLC_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief HDLC-like framing for PPP on asynchronous links (RFC 1662 sections 3, 4 and C).
 *
 * A frame is Flag (0x7E), the PPP frame octets, the Frame Check Sequence (FCS-16 by
 * default, FCS-32 if negotiated) transmitted least significant octet first, and a closing
 * Flag; inside, 0x7E, 0x7D and every control character whose bit is set in the
 * Async-Control-Character-Map (ACCM) are sent as 0x7D followed by the octet XOR 0x20.
 */
class PppHdlc
{
public:
    static constexpr uint8_t FLAG = 0x7E;                //!< Flag Sequence
    static constexpr uint8_t ESCAPE = 0x7D;              //!< Control Escape
    static constexpr uint16_t FCS16_INIT = 0xffff;       //!< initial FCS-16 value
    static constexpr uint16_t FCS16_GOOD = 0xf0b8;       //!< FCS-16 over a good frame + FCS
    static constexpr uint32_t FCS32_INIT = 0xffffffff;   //!< initial FCS-32 value
    static constexpr uint32_t FCS32_GOOD = 0xdebb20e3;   //!< FCS-32 over a good frame + FCS
    static constexpr uint32_t DEFAULT_ACCM = 0xffffffff; //!< ACCM before LCP negotiates one

    /**
     * \brief The FCS-16 of RFC 1662 appendix C.2 (table driven).
     * \param fcs the running value (FCS16_INIT at the start)
     * \param data the octets
     * \param size their number
     * \return the new running value (not complemented)
     */
    static uint16_t Fcs16(uint16_t fcs, const uint8_t* data, std::size_t size);
    /**
     * \brief The FCS-32 of RFC 1662 appendix C.3.
     * \param fcs the running value (FCS32_INIT at the start)
     * \param data the octets
     * \param size their number
     * \return the new running value (not complemented)
     */
    static uint32_t Fcs32(uint32_t fcs, const uint8_t* data, std::size_t size);

    /**
     * \brief Frame a PPP frame for transmission.
     * \param frame the PPP frame (Address/Control, Protocol, Information)
     * \param accm the transmit ACCM (the peer's receive ACCM; 0xffffffff until negotiated)
     * \param fcs32 use the 32-bit FCS instead of the 16-bit one
     * \return Flag, stuffed frame and FCS, Flag
     */
    static std::vector<uint8_t> Encode(const std::vector<uint8_t>& frame,
                                       uint32_t accm = DEFAULT_ACCM, bool fcs32 = false);
    /// \return true if \p octet must be escaped under \p accm
    static bool NeedsEscape(uint8_t octet, uint32_t accm);
};

/**
 * \ingroup l2tp
 * \brief Receiver side of RFC 1662 framing: an octet stream in, checked PPP frames out.
 *
 * Octets between flags are unstuffed, control characters flagged in the receive ACCM are
 * discarded (RFC 1662 4.2: they may have been inserted by intervening equipment), and the FCS
 * is checked; every rejected frame is counted under its reason.
 */
class PppHdlcDecoder
{
public:
    /// Why a frame was dropped.
    enum Drop
    {
        BAD_FCS = 0, //!< FCS check failed
        TOO_SHORT,   //!< fewer octets than the FCS plus one
        ABORTED,     //!< Control Escape followed by Flag (abort sequence, RFC 1662 4.2)
        TOO_LONG,    //!< more than the maximum frame size
        DROP_COUNT   //!< number of reasons
    };

    /**
     * \param fcs32 expect FCS-32 instead of FCS-16
     * \param maxFrame largest accepted frame (PPP octets plus FCS) before the closing flag
     */
    explicit PppHdlcDecoder(bool fcs32 = false, std::size_t maxFrame = 65535);

    /// \param accm the receive ACCM (octets flagged in it are discarded when received raw)
    void SetReceiveAccm(uint32_t accm);
    /// \param fcs32 switch the FCS size (after LCP negotiation)
    void SetFcs32(bool fcs32);

    /**
     * \brief Feed received octets.
     * \param data the octets
     * \param size their number
     * \return the good frames completed by these octets (FCS removed), in order
     */
    std::vector<std::vector<uint8_t>> Push(const uint8_t* data, std::size_t size);

    /// \return how many frames were dropped for \p reason
    uint64_t GetDrops(Drop reason) const;
    /// \return the number of good frames delivered
    uint64_t GetFrames() const;
    /// \return a text for \p reason
    static std::string DropText(Drop reason);

private:
    void EndFrame(std::vector<std::vector<uint8_t>>& out);

    bool m_fcs32;                   //!< FCS size
    std::size_t m_maxFrame;         //!< size limit
    uint32_t m_accm{0xffffffff};    //!< receive ACCM
    std::vector<uint8_t> m_buffer;  //!< octets of the current frame (unstuffed)
    bool m_escape{false};           //!< the previous octet was 0x7D
    bool m_inFrame{false};          //!< a flag has been seen
    bool m_overflow{false};         //!< the current frame exceeded m_maxFrame
    uint64_t m_drops[DROP_COUNT]{}; //!< drops per reason
    uint64_t m_frames{0};           //!< good frames
};

} // namespace ns3

#endif /* PPP_HDLC_H */
