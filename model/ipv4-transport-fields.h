/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPV4_TRANSPORT_FIELDS_H
#define IPV4_TRANSPORT_FIELDS_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/packet.h"
#include "ns3/type-id.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The transport-layer fields a middlebox looks at, read from the bytes of an IPv4
 *        datagram's payload (ports, ICMP type and query id, TCP flags, ESP SPI, and for ICMP
 *        error messages the datagram they quote), plus the RFC 1624 checksum arithmetic and
 *        the packet surgery that NAT rewriting needs.
 *
 * Parse() never reads beyond the packet: a payload too short for its protocol's header is
 * reported as truncated, not read. Only the first fragment of a fragmented datagram carries
 * the transport header; later fragments are reported with \c l4Present false.
 */
struct Ipv4TransportFields
{
    /// What the datagram is, as far as a NAT or firewall is concerned.
    enum Kind
    {
        KIND_UDP,        //!< UDP (IP protocol 17)
        KIND_TCP,        //!< TCP (IP protocol 6)
        KIND_ICMP_QUERY, //!< ICMP echo, timestamp, information or address-mask request/reply
        KIND_ICMP_ERROR, //!< ICMP destination unreachable, source quench, redirect, time
                         //!< exceeded or parameter problem
        KIND_ICMP_OTHER, //!< any other ICMP type
        KIND_ESP,        //!< ESP (IP protocol 50)
        KIND_OTHER,      //!< any other IP protocol
    };

    static constexpr uint8_t PROT_ICMP = 1;  //!< IP protocol number of ICMP
    static constexpr uint8_t PROT_TCP = 6;   //!< IP protocol number of TCP
    static constexpr uint8_t PROT_UDP = 17;  //!< IP protocol number of UDP
    static constexpr uint8_t PROT_ESP = 50;  //!< IP protocol number of ESP
    static constexpr uint8_t TCP_FIN = 0x01; //!< TCP FIN flag
    static constexpr uint8_t TCP_SYN = 0x02; //!< TCP SYN flag
    static constexpr uint8_t TCP_RST = 0x04; //!< TCP RST flag
    static constexpr uint8_t TCP_ACK = 0x10; //!< TCP ACK flag

    Kind kind{KIND_OTHER};         //!< classification
    uint8_t protocol{0};           //!< IP protocol number
    bool fragmented{false};        //!< MF set or fragment offset non-zero
    bool l4Present{false};         //!< fragment offset 0: the transport header is in this packet
    bool truncated{false};         //!< l4Present but too short for its header (not parsed)
    uint16_t srcPort{0};           //!< UDP/TCP source port; ICMP query identifier
    uint16_t dstPort{0};           //!< UDP/TCP destination port; ICMP query identifier
    uint8_t icmpType{0};           //!< ICMP type
    uint8_t icmpCode{0};           //!< ICMP code
    uint8_t tcpFlags{0};           //!< TCP flags (low 8 bits)
    uint32_t espSpi{0};            //!< ESP Security Parameters Index
    uint32_t l4HeaderSize{0};      //!< transport header size in bytes (TCP: data offset * 4)
    uint32_t payloadSize{0};       //!< size of the IP payload in this packet
    bool innerValid{false};        //!< ICMP error: the quoted datagram's header and ports parsed
    uint8_t innerProtocol{0};      //!< ICMP error: quoted datagram's protocol
    Ipv4Address innerSource;       //!< ICMP error: quoted datagram's source
    Ipv4Address innerDestination;  //!< ICMP error: quoted datagram's destination
    uint16_t innerSrcPort{0};      //!< ICMP error: quoted source port or ICMP query identifier
    uint16_t innerDstPort{0};      //!< ICMP error: quoted destination port or query identifier
    uint8_t innerIcmpType{0};      //!< ICMP error quoting an ICMP message: its type
    uint32_t innerIpHeaderSize{0}; //!< ICMP error: quoted IP header size in bytes

    Ipv4TransportFields();

    /**
     * \brief Read the fields of one received datagram.
     * \param p the IP payload (the IP header already removed, as in RouteInput)
     * \param header the IP header
     * \return the fields
     */
    static Ipv4TransportFields Parse(Ptr<const Packet> p, const Ipv4Header& header);

    /// \return whether ICMP \p type is a query request (8, 13, 15, 17)
    static bool IsIcmpQueryRequest(uint8_t type);
    /// \return whether ICMP \p type is a query reply (0, 14, 16, 18)
    static bool IsIcmpQueryReply(uint8_t type);
    /// \return whether ICMP \p type is an error message (3, 4, 5, 11, 12)
    static bool IsIcmpError(uint8_t type);
    /// \return a short lower-case protocol name ("udp", "tcp", "icmp", "esp" or the number)
    static std::string ProtocolName(uint8_t protocol);

    /**
     * \brief Incremental checksum update of RFC 1624, equation 3: HC' = ~(~HC + ~m + m').
     * \param checksum the checksum field's value (host order)
     * \param oldWord the 16-bit word before the change (host order)
     * \param newWord the word after the change
     * \return the new checksum field value
     */
    static uint16_t AdjustChecksum(uint16_t checksum, uint16_t oldWord, uint16_t newWord);
    /**
     * \brief AdjustChecksum() for a 32-bit field (an IPv4 address): two 16-bit words.
     * \param checksum the checksum field's value
     * \param oldValue the field before the change
     * \param newValue the field after the change
     * \return the new checksum field value
     */
    static uint16_t AdjustChecksum32(uint16_t checksum, uint32_t oldValue, uint32_t newValue);
    /**
     * \brief The Internet checksum (RFC 1071) of a byte string, for tests and for computing a
     *        checksum from scratch.
     * \param data the bytes
     * \param size their number
     * \param initial a partial ones-complement sum to start from (e.g. a pseudo header)
     * \return the checksum (ones complement of the folded sum), host order
     */
    static uint16_t InternetChecksum(const uint8_t* data, uint32_t size, uint32_t initial = 0);

    /// One Header item of the packet metadata: the header's TypeId and its size in bytes.
    typedef std::pair<TypeId, uint32_t> MetadataItem;

    /**
     * \brief Replace the first bytes of a packet, keeping its tags, the rest of its bytes and
     *        its metadata.
     * \param p the packet
     * \param bytes the new first bytes (replacing exactly bytes.size() bytes of \p p)
     * \param items how the replaced bytes split into headers for the packet metadata (the sum
     *        of their sizes is bytes.size()); typically the header classes that built them,
     *        so that packet printing and Packet::EnableChecking() keep working downstream
     * \return the new packet
     */
    static Ptr<Packet> ReplaceHead(Ptr<const Packet> p, const std::vector<uint8_t>& bytes,
                                   const std::vector<MetadataItem>& items);

    /**
     * \brief Rewrite the ports (ICMP query identifier) of a UDP, TCP or ICMP query packet
     *        whose IP addresses change, updating its checksum incrementally (RFC 1624).
     *
     * The UDP and TCP checksums cover the addresses through the pseudo header, so the
     * address change from \p before to \p after is applied too; the ICMP checksum covers
     * only the message. A UDP checksum of zero (none, RFC 768) stays zero and a computed zero
     * is sent as 0xffff; a TCP or ICMP checksum of zero is left alone when ns-3 checksums are
     * disabled (what ns-3 itself sends then). Works on a first fragment as well, since only
     * changed words enter the update.
     * \param p the IP payload (transport header first)
     * \param f its fields (Parse())
     * \param before the IP header as received
     * \param after the IP header with the new addresses
     * \param newSrcPort new source port (ICMP: new identifier if it differs from f.srcPort)
     * \param newDstPort new destination port (ICMP: new identifier otherwise)
     * \return the rewritten payload
     */
    static Ptr<Packet> RewriteTransport(Ptr<const Packet> p, const Ipv4TransportFields& f,
                                        const Ipv4Header& before, const Ipv4Header& after,
                                        uint16_t newSrcPort, uint16_t newDstPort);
    /**
     * \brief Rewrite the datagram quoted in an ICMP error (RFC 5508): one address and its
     *        port (or ICMP query identifier), with the quoted IPv4 header checksum, the quoted
     *        transport checksum (when quoted) and the ICMP checksum updated incrementally.
     * \param p the ICMP message
     * \param f its fields (Parse(), innerValid set)
     * \param innerSource rewrite the quoted source (else the quoted destination)
     * \param newAddress the new quoted address
     * \param newPort the new quoted port / identifier
     * \return the rewritten message
     */
    static Ptr<Packet> RewriteIcmpError(Ptr<const Packet> p, const Ipv4TransportFields& f,
                                        bool innerSource, Ipv4Address newAddress, uint16_t newPort);
};

} // namespace ns3

#endif /* IPV4_TRANSPORT_FIELDS_H */
