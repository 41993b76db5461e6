/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The network the NAT and firewall tests share, and small traffic probes.
 *
 *   X1 192.168.1.2 --- 192.168.1.1 \
 *                                   BOX 203.0.113.1 --- 203.0.113.2 R 198.51.100.254 --- Y1
 * 198.51.100.1 X2 192.168.2.2 --- 192.168.2.1 /                                 192.0.2.254     ---
 * Y2 192.0.2.1
 *
 * Point-to-point links (100 Mb/s, 1 ms), static routes only: the hosts X1, X2 and the outside
 * router R know nothing of each other's networks except through BOX (default routes), so an
 * inside address is unreachable from the outside unless a NAT translates. Checksums are
 * enabled (GlobalValue ChecksumEnabled) while the network exists, so every UDP, TCP and IPv4
 * checksum is verified by the receivers.
 */
#ifndef L2TP_MIDDLEBOX_TEST_NET_H
#define L2TP_MIDDLEBOX_TEST_NET_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/// One datagram received by a probe socket.
struct ProbeRx
{
    Time time;                 //!< when
    Ipv4Address from;          //!< source address
    uint16_t port{0};          //!< source port (UDP)
    uint32_t size{0};          //!< payload bytes
    Ipv4Header ip;             //!< IP header (raw sockets)
    std::vector<uint8_t> data; //!< IP payload bytes (raw sockets)
};

/**
 * \brief The shared test network (see the file comment).
 */
class MiddleboxTestNet
{
public:
    MiddleboxTestNet();
    ~MiddleboxTestNet();

    Ptr<Node> x1;              //!< inside host 1
    Ptr<Node> x2;              //!< inside host 2
    Ptr<Node> box;             //!< the middlebox router (NAT and/or firewall)
    Ptr<Node> r;               //!< outside router
    Ptr<Node> y1;              //!< outside host 1
    Ptr<Node> y2;              //!< outside host 2
    Ptr<NetDevice> boxOutside; //!< BOX's device towards R
    Ipv4Address x1Addr;        //!< 192.168.1.2
    Ipv4Address x2Addr;        //!< 192.168.2.2
    Ipv4Address boxPublic;     //!< 203.0.113.1
    Ipv4Address y1Addr;        //!< 198.51.100.1
    Ipv4Address y2Addr;        //!< 192.0.2.1
    uint32_t boxX1If{0};       //!< BOX's interface towards X1
    uint32_t boxOutsideIf{0};  //!< BOX's interface towards R

    /// Give R routes to the inside networks through BOX (for tests without a NAT).
    void RouteInsideFromOutside();
    /// \return BOX's interface towards X2
    uint32_t BoxX2If() const;

    /**
     * \brief A UDP socket bound to a port that logs what it receives.
     * \param node where
     * \param port local port
     * \param log receives the datagrams
     * \return the socket
     */
    static Ptr<Socket> Udp(Ptr<Node> node, uint16_t port, std::vector<ProbeRx>* log);
    /**
     * \brief Like Udp(), and every datagram is sent back to its source (same size).
     * \param node where
     * \param port local port
     * \param log receives the datagrams
     * \return the socket
     */
    static Ptr<Socket> UdpEcho(Ptr<Node> node, uint16_t port, std::vector<ProbeRx>* log);
    /**
     * \brief Send a UDP datagram at a given time.
     * \param at simulation time
     * \param s socket
     * \param to destination
     * \param port destination port
     * \param size payload bytes
     */
    static void SendUdp(Time at, Ptr<Socket> s, Ipv4Address to, uint16_t port, uint32_t size = 20);
    /**
     * \brief A raw IPv4 socket for one protocol that logs what it receives.
     * \param node where
     * \param protocol IP protocol
     * \param log receives the datagrams (with ip and data set)
     * \return the socket
     */
    static Ptr<Socket> Raw(Ptr<Node> node, uint8_t protocol, std::vector<ProbeRx>* log);
    /**
     * \brief Send an IP payload through a raw socket at a given time.
     * \param at simulation time
     * \param s raw socket
     * \param to destination
     * \param bytes the payload
     */
    static void SendRaw(Time at, Ptr<Socket> s, Ipv4Address to, const std::vector<uint8_t>& bytes);
    /// \return an ESP packet body: SPI, sequence number, 16 bytes of payload
    static std::vector<uint8_t> Esp(uint32_t spi, uint32_t seq);
    /// \return an ICMP echo request with identifier and sequence, valid checksum, 8 data bytes
    static std::vector<uint8_t> IcmpEcho(uint16_t id, uint16_t seq);
};

} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_MIDDLEBOX_TEST_NET_H */
