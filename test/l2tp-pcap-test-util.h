/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_PCAP_TEST_UTIL_H
#define L2TP_PCAP_TEST_UTIL_H

#include "ns3/l2tp-pcap-decoder.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/**
 * \brief Compare the decoder's records for \p pcap with what tshark shows for its L2TP frames:
 *        count, frame number, exact relative time, source address and port, T/L/S bits,
 *        Length, tunnel and session ids, Ns/Nr, header size, data payload length, message
 *        type, AVP types and H bits, and the AVP values tshark decodes.
 * \param pcap the capture
 * \param records what L2tpPcapDecoder made of it
 * \return "" if everything matches, else one line per difference
 */
std::string CompareWithTshark(const std::string& pcap, const std::vector<L2tpPcapRecord>& records);

/// \return the records' text lines, each followed by a newline
std::string Lines(const std::vector<L2tpPcapRecord>& records);
/// \return \p s in single quotes for a shell command
std::string ShellQuote(const std::string& s);
/// \return the tunnel secret of the xl2tpd case2_challenge capture
std::string Case2Secret();

/// \name Building captures byte by byte
/// \{
/// Append \p x big-endian. \param v destination \param x value
void Put16(std::vector<uint8_t>& v, uint16_t x);
/// Append \p w to \p v. \param v destination \param w bytes
void Append(std::vector<uint8_t>& v, const std::vector<uint8_t>& w);
/**
 * \param payload the IPv4 payload
 * \param frag flags and fragment offset word (default DF)
 * \param id identification
 * \param options IP options (a multiple of 4 bytes)
 * \param src source address
 * \param dst destination address
 * \param protocol IP protocol (UDP by default)
 * \return an IPv4 datagram with a correct header checksum
 */
std::vector<uint8_t> Ipv4(const std::vector<uint8_t>& payload, uint16_t frag = 0x4000,
                          uint16_t id = 1, const std::vector<uint8_t>& options = {},
                          uint32_t src = 0x0ac80001, uint32_t dst = 0x0ac80002,
                          uint8_t protocol = 17);
/// \return a UDP datagram (checksum 0) \param l2tp payload \param sport source \param dport dest
std::vector<uint8_t> Udp(const std::vector<uint8_t>& l2tp, uint16_t sport = 1701,
                         uint16_t dport = 1701);
/**
 * \param ip the payload
 * \param tags VLAN ids: one gives an 802.1Q tag, two an 802.1ad + 802.1Q stack
 * \param type the EtherType after the tags
 * \return an Ethernet frame (unicast MAC addresses, no FCS)
 */
std::vector<uint8_t> Ethernet(const std::vector<uint8_t>& ip,
                              const std::vector<uint16_t>& tags = {}, uint16_t type = 0x0800);

/// One pcap record.
struct PcapRecord
{
    uint32_t sec;               //!< timestamp seconds
    uint32_t frac;              //!< timestamp fraction (microseconds or nanoseconds)
    std::vector<uint8_t> bytes; //!< captured bytes
    uint32_t orig = 0;          //!< original length (0: the captured length)
};

/**
 * \param linkType pcap link type
 * \param records the records
 * \param bigEndian write the file big-endian
 * \param nano nanosecond timestamps (magic a1b23c4d)
 * \return a classic pcap file
 */
std::vector<uint8_t> Pcap(uint32_t linkType, const std::vector<PcapRecord>& records,
                          bool bigEndian = false, bool nano = false);
/// Write \p bytes to \p path. \param path file \param bytes content
void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes);
/// \}

} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_PCAP_TEST_UTIL_H */
