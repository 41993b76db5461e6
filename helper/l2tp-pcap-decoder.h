/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_PCAP_DECODER_H
#define L2TP_PCAP_DECODER_H

#include "ns3/l2tp-control-message.h"
#include "ns3/l2tp-header.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One L2TP message found in a capture, with every decoded field and its text line.
 */
struct L2tpPcapRecord
{
    /// What the UDP payload turned out to be.
    enum class Kind
    {
        CONTROL,  //!< a control message with AVPs
        ZLB,      //!< a control message without AVPs (Zero-Length Body acknowledgement)
        DATA,     //!< a data message (T bit clear)
        MALFORMED //!< rejected by the parser (see error)
    };

    uint64_t frame{0};          //!< 1-based number of the pcap record (the frame tshark shows)
    int64_t timeNs{0};          //!< time relative to the capture's first record, in nanoseconds
    Ipv4Address srcAddress;     //!< IPv4 source
    Ipv4Address dstAddress;     //!< IPv4 destination
    uint16_t srcPort{0};        //!< UDP source port
    uint16_t dstPort{0};        //!< UDP destination port
    uint32_t udpPayload{0};     //!< UDP payload size in bytes (the whole L2TP datagram)
    Kind kind{Kind::MALFORMED}; //!< what the payload is
    std::string typeName;       //!< "SCCRQ", ..., "ZLB", "DATA" or "MALFORMED"
    uint16_t messageType{0};    //!< control message type (0 for ZLB, data and malformed)

    bool headerValid{false};   //!< the L2TP header parsed; the header fields below are meaningful
    uint16_t flags{0};         //!< flags and version word
    uint16_t tunnelId{0};      //!< Tunnel ID
    uint16_t sessionId{0};     //!< Session ID
    bool hasLength{false};     //!< L bit
    uint16_t length{0};        //!< Length field (when hasLength)
    bool hasSequence{false};   //!< S bit
    uint16_t ns{0};            //!< Ns (when hasSequence)
    uint16_t nr{0};            //!< Nr (when hasSequence)
    uint32_t headerSize{0};    //!< L2TP header size in bytes (offset padding included)
    uint32_t payloadLength{0}; //!< data messages: bytes of the PPP frame after the header

    /// Control messages: the parsed message (AVPs in wire order, unhidden if a secret was given).
    L2tpControlMessage message;
    /// Control messages: each AVP after Message Type as (key, value) text, as in the line.
    std::vector<std::pair<std::string, std::string>> avps;
    /// Control messages: non-fatal parser notes (optional AVPs that were skipped).
    std::vector<std::string> warnings;
    std::string error; //!< MALFORMED: why the message was rejected

    std::string line; //!< the text line printed for this message
};

/**
 * \ingroup l2tp
 * \brief Reads a classic pcap capture and decodes every L2TPv2 message in it with the module's
 * own parsers (L2tpControlMessage::Parse, L2tpHeader::Parse).
 *
 * Accepted: classic libpcap files in either byte order, with microsecond (0xa1b2c3d4) or
 * nanosecond (0xa1b23c4d) timestamps, of link type Ethernet (1, with any number of 802.1Q /
 * 802.1ad VLAN tags), PPP (9: a 2-byte or compressed 1-byte PPP protocol field, optionally
 * preceded by the ff 03 address and control bytes, as ns-3's PointToPointNetDevice writes it),
 * raw IP (101 and 228), and Linux cooked capture (113). Everything else about a file is
 * checked: pcapng and unknown magics, truncated headers and records, record lengths beyond
 * the snap length, timestamps out of range, unsupported link types are all rejected with a
 * message naming the file, the record and what was wrong.
 *
 * In each frame, IPv4 datagrams carrying UDP with source or destination port 1701 are
 * L2TP. IP options are skipped via the IHL field; fragmented datagrams are reassembled (the
 * message is reported at the frame that completes it, as tshark does). A datagram cut short
 * by the capture's snap length, or whose IPv4/UDP lengths do not fit, gives a MALFORMED
 * record, as does an L2TP message the parser rejects; decoding continues with the next frame.
 *
 * Text lines:
 * \verbatim
   0.000000 10.200.0.1:1701 SCCRQ tunnel=0 session=0 Ns=0 Nr=0 protocol_version=1.0 ...
   0.000339 10.200.0.2:1701 ZLB tunnel=54825 session=0 Ns=1 Nr=2
   0.236918 10.200.0.1:1701 DATA tunnel=54499 session=53743 len=18
   0.300000 10.1.1.1:1701 MALFORMED reason="AVP at offset 12: ..."
   \endverbatim
 * Time is relative to the first record of the file, in seconds with 6 decimals; Ns/Nr of a
 * data message are printed only when its S bit is set.
 */
class L2tpPcapDecoder
{
public:
    /// Link types (the pcap LINKTYPE_ values) the decoder reads.
    enum LinkType : uint32_t
    {
        LINKTYPE_ETHERNET = 1,    //!< IEEE 802.3 Ethernet
        LINKTYPE_PPP = 9,         //!< PPP, RFC 1661 framing without FCS
        LINKTYPE_RAW = 101,       //!< raw IP (version from the first nibble)
        LINKTYPE_LINUX_SLL = 113, //!< Linux cooked capture v1
        LINKTYPE_IPV4 = 228,      //!< raw IPv4
    };

    /// Largest record accepted, whatever the snap length says (libpcap's own limit).
    static constexpr uint32_t MAX_RECORD = 262144;

    L2tpPcapDecoder();

    /**
     * \brief Use \p secret to unhide hidden AVPs (RFC 2661 section 4.3).
     * \param secret the tunnel's shared secret
     */
    void SetSecret(const std::string& secret);
    /// Keep hidden AVPs hidden (the default).
    void ClearSecret();

    /**
     * \brief Decode a capture file.
     * \param path the pcap file
     * \param records receives one record per L2TP message, in capture order (appended)
     * \param error receives, on failure, "<path>: <what was wrong>"
     * \return false if the file cannot be read or is not a valid classic pcap file; the
     *         records of the frames before the problem are still appended
     */
    bool DecodeFile(const std::string& path, std::vector<L2tpPcapRecord>& records,
                    std::string& error);

    /**
     * \brief Decode a capture held in memory.
     * \param data the file's bytes
     * \param size their number
     * \param name what to call the capture in error messages
     * \param records receives one record per L2TP message (appended)
     * \param error receives, on failure, "<name>: <what was wrong>"
     * \return false on a malformed capture (records before the problem are kept)
     */
    bool DecodeBuffer(const uint8_t* data, std::size_t size, const std::string& name,
                      std::vector<L2tpPcapRecord>& records, std::string& error);

    /// \return the link type of the last capture read
    uint32_t GetLinkType() const;
    /// \return true if the last capture had nanosecond timestamps
    bool IsNanosecond() const;
    /// \return the number of pcap records in the last capture
    uint64_t GetFrameCount() const;
    /// \return frames of the last capture that held no L2TP (other protocols, other ports)
    uint64_t GetSkippedFrames() const;
    /// \return IP fragments still waiting for the rest of their datagram at the end
    uint64_t GetIncompleteFragments() const;

    /**
     * \brief Write records as CSV for the plots (python/l2tp_plot.py): one row per message
     *        with a valid header: time,src,dst,type,tunnel,session,ns,nr,udp_payload,
     *        l2tp_header,avp_bytes,data_payload.
     * \param records decoded messages
     * \param path the CSV file to write
     * \param error receives "<path>: <what was wrong>" on failure
     * \return false if the file cannot be written
     */
    static bool WriteMessagesCsv(const std::vector<L2tpPcapRecord>& records,
                                 const std::string& path, std::string& error);

    /**
     * \param ns a relative time in nanoseconds
     * \return seconds with 6 decimals, rounded to the nearest microsecond ("60.003800")
     */
    static std::string FormatTime(int64_t ns);
    /**
     * \brief Decode one L2TP datagram (a UDP payload) into \p record (all fields and the line).
     * \param data the UDP payload
     * \param size its length
     * \param secret the shared secret for hidden AVPs, or nullptr
     * \param record receives the result; its time, addresses and ports must already be set
     */
    static void DecodeL2tp(const uint8_t* data, uint32_t size, const std::string* secret,
                           L2tpPcapRecord& record);

private:
    /// Fragments of one IPv4 datagram being reassembled.
    struct Reassembly
    {
        std::map<uint32_t, std::vector<uint8_t>> parts; //!< payload by byte offset
        std::optional<uint32_t> total; //!< payload size, known from the last fragment
        uint64_t frames{0};            //!< number of fragments received
        uint64_t lastFrame{0};         //!< record number of the latest fragment
        int64_t lastTimeNs{0};         //!< its relative time
    };

    /// Key of a datagram being reassembled: source, destination, protocol, identification.
    using FragmentKey = std::tuple<uint32_t, uint32_t, uint8_t, uint16_t>;

    /**
     * \brief Find IPv4 in a frame of the capture's link type.
     * \param frame the frame's bytes
     * \param size bytes captured
     * \param truncated true if the capture kept fewer bytes than the frame had
     * \param base the record to fill (frame number and time set)
     * \param records where L2TP records go
     */
    void DecodeFrame(const uint8_t* frame, uint32_t size, bool truncated,
                     const L2tpPcapRecord& base, std::vector<L2tpPcapRecord>& records);
    /**
     * \brief Decode an IPv4 datagram (reassembling fragments) and the UDP inside it.
     * \param ip the IPv4 header's first byte
     * \param size bytes available from \p ip
     * \param truncated true if the capture kept fewer bytes than the frame had
     * \param base the record to fill (frame number and time set)
     * \param records where L2TP records go
     * \return true if the frame held an L2TP datagram (or a fragment of an IPv4 datagram)
     */
    bool DecodeIpv4(const uint8_t* ip, uint32_t size, bool truncated, const L2tpPcapRecord& base,
                    std::vector<L2tpPcapRecord>& records);
    /**
     * \brief Decode a complete IPv4 payload carrying UDP.
     * \param udp the UDP header's first byte
     * \param size bytes available
     * \param truncated true if the capture cut the datagram short
     * \param base the record with addresses, frame and time set
     * \param records where L2TP records go
     * \return true if the datagram is on UDP port 1701
     */
    bool DecodeUdp(const uint8_t* udp, uint32_t size, bool truncated, const L2tpPcapRecord& base,
                   std::vector<L2tpPcapRecord>& records);

    std::optional<std::string> m_secret;           //!< shared secret for unhiding
    uint32_t m_linkType{0};                        //!< link type of the current capture
    bool m_nanosecond{false};                      //!< timestamp resolution of the current capture
    uint64_t m_frames{0};                          //!< records read
    uint64_t m_skipped{0};                         //!< records without L2TP
    std::map<FragmentKey, Reassembly> m_fragments; //!< datagrams being reassembled
};

} // namespace ns3

#endif /* L2TP_PCAP_DECODER_H */
