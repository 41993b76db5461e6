/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_HEADER_H
#define L2TP_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The L2TPv2 header of RFC 2661 section 3.1, control and data forms.
 *
 * \verbatim
  0                   1                   2                   3
  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |           Tunnel ID           |           Session ID          |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |             Ns (opt)          |             Nr (opt)          |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |      Offset Size (opt)        |    Offset pad... (opt)
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 \endverbatim
 *
 * Optional fields are present exactly when their bit is set. Received bytes are checked by
 * Parse(), which never reads beyond the given size and explains every rejection; Deserialize()
 * uses it and leaves IsValid() false on malformed input instead of asserting.
 */
class L2tpHeader : public Header
{
public:
    static constexpr uint16_t PORT = 1701;              //!< UDP port of L2TP (RFC 2661 section 8.1)
    static constexpr uint8_t VERSION = 2;               //!< L2TPv2
    static constexpr uint16_t FLAG_T = 0x8000;          //!< Type: 1 = control message
    static constexpr uint16_t FLAG_L = 0x4000;          //!< Length field present
    static constexpr uint16_t FLAG_S = 0x0800;          //!< Ns and Nr present
    static constexpr uint16_t FLAG_O = 0x0200;          //!< Offset Size present
    static constexpr uint16_t FLAG_P = 0x0100;          //!< Priority (data messages only)
    static constexpr uint16_t VERSION_MASK = 0x000f;    //!< Ver field
    static constexpr uint16_t RESERVED_MASK = 0x34f0;   //!< the x bits (ignored on receipt)
    static constexpr uint32_t CONTROL_HEADER_SIZE = 12; //!< T, L, S set; no offset

    L2tpHeader();

    /**
     * \brief A control message header (T, L and S set) as section 3.1 requires.
     * \param tunnelId the peer's tunnel id (0 in SCCRQ)
     * \param sessionId the peer's session id (0 for tunnel messages)
     * \param ns sequence number of this message
     * \param nr next sequence number expected from the peer
     * \return the header; Length is set later to the whole message's size
     */
    static L2tpHeader MakeControl(uint16_t tunnelId, uint16_t sessionId, uint16_t ns, uint16_t nr);
    /**
     * \brief A data message header.
     * \param tunnelId the peer's tunnel id
     * \param sessionId the peer's session id
     * \param withLength whether to carry the Length field (L bit)
     * \return the header without sequence numbers or offset
     */
    static L2tpHeader MakeData(uint16_t tunnelId, uint16_t sessionId, bool withLength);

    /**
     * \brief Parse a header from raw bytes with full checking.
     * \param data the datagram (UDP payload)
     * \param size its size in bytes
     * \param header receives the parsed fields
     * \param reason receives why the header was rejected
     * \return the header's size in bytes, or 0 if rejected
     *
     * Rejected: fewer bytes than the flags announce; Ver other than 2 (1 is L2F, 3 is
     * L2TPv3); a control message without L or S, or with O or P; a Length field smaller
     * than the header or larger than \p size; an offset running past the message.
     */
    static uint32_t Parse(const uint8_t* data, uint32_t size, L2tpHeader& header,
                          std::string& reason);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /// Write the header into \p out (appending). \param out destination
    void AppendTo(std::vector<uint8_t>& out) const;

    /// \return true for a control message (T bit)
    bool IsControl() const;
    /// \param control true for a control message (sets the T bit)
    void SetControl(bool control);
    /// \return true if the Length field is present (L bit)
    bool HasLength() const;
    /// \param present whether the Length field is present
    void SetHasLength(bool present);
    /// \return true if Ns and Nr are present (S bit)
    bool HasSequence() const;
    /// \param present whether Ns and Nr are present
    void SetHasSequence(bool present);
    /// \return true if the Offset Size field is present (O bit)
    bool HasOffset() const;
    /// \return the P (priority) bit
    bool GetPriority() const;
    /// \param priority the P bit
    void SetPriority(bool priority);
    /// \return the Ver field
    uint8_t GetVersion() const;
    /// \return the flags and version word as on the wire
    uint16_t GetFlagsWord() const;

    /// \return the Length field (meaningful when HasLength())
    uint16_t GetLength() const;
    /// \param length total message length in bytes, header included
    void SetLength(uint16_t length);
    /// \return the Tunnel ID
    uint16_t GetTunnelId() const;
    /// \param id the Tunnel ID
    void SetTunnelId(uint16_t id);
    /// \return the Session ID
    uint16_t GetSessionId() const;
    /// \param id the Session ID
    void SetSessionId(uint16_t id);
    /// \return Ns (meaningful when HasSequence())
    uint16_t GetNs() const;
    /// \param ns the Ns field
    void SetNs(uint16_t ns);
    /// \return Nr (meaningful when HasSequence())
    uint16_t GetNr() const;
    /// \param nr the Nr field
    void SetNr(uint16_t nr);
    /// \return the Offset Size (0 when absent)
    uint16_t GetOffsetSize() const;
    /**
     * \brief Add the Offset Size field and its padding (O bit).
     * \param size number of pad bytes following the Offset Size field
     */
    void SetOffset(uint16_t size);

    /// \return true unless the last Deserialize() rejected its input
    bool IsValid() const;
    /// \return why the last Deserialize() rejected its input (empty if valid)
    const std::string& GetError() const;

private:
    uint16_t m_flags{0};              //!< flags and version word, exactly as on the wire
    uint16_t m_length{0};             //!< Length field
    uint16_t m_tunnelId{0};           //!< Tunnel ID
    uint16_t m_sessionId{0};          //!< Session ID
    uint16_t m_ns{0};                 //!< Ns
    uint16_t m_nr{0};                 //!< Nr
    std::vector<uint8_t> m_offsetPad; //!< Offset pad bytes (kept for byte-exact round trips)
    std::string m_error;              //!< rejection reason of the last Deserialize()
};

} // namespace ns3

#endif /* L2TP_HEADER_H */
