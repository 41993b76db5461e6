/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAT_FIREWALL_TOPOLOGY_H
#define NAT_FIREWALL_TOPOLOGY_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-firewall.h"
#include "ns3/ipv4-nat.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief The network of examples/nat-firewall.cc (and of the l2tp-nat-firewall-example
 *        test suite): two NATs in series, a carrier-grade NAT behind which a home router NATs
 *        a LAN, and a stateful firewall in front of a server.
 *
 * \verbatim
   hostA 192.168.1.10 \                        access 100.64.0.0/24       transit 203.0.113.0/24
                       +-- LAN --- home ---------------------------- cgn -----------------------
 edge --- server hostB 192.168.1.11 /  (CSMA)   (NAT)  .2                    .1  (NAT)  .1 .2  (fw)
 .1      198.51.100.10 192.168.1.1 198.51.100.0/24 \endverbatim
 *
 * Routes are static: the hosts and the home router default to the next box towards the
 * server, the edge router knows only its two networks, so nothing inside the carrier network
 * or the home LAN is reachable from the server side except through the NATs.
 *
 * Traffic (start times in seconds):
 * - hostA: UDP echo to server port 9, EchoPackets packets of 200 bytes, 1 s apart, from 1;
 * - hostB: TCP bulk transfer of TcpBytes bytes to server port 80, from 1.5;
 * - hostB: BlockedPackets UDP packets to server port 5000, 1 s apart, from 2 (a firewall deny
 *   rule drops them);
 * - hostA: DeniedPackets UDP packets to server port 7, from 3 (no rule: default deny);
 * - hostA: Pings ICMP echo requests (identifier 0x4242) to the server, 1 s apart, from 4;
 * - server: UnsolicitedPackets UDP packets to the carrier NAT's public address, port 40000,
 *   from 7 (the firewall lets the server's traffic out; the carrier NAT has no mapping).
 *
 * Firewall on edge (stateful, default deny), in order:
 * 0 `allow in <server side>` (from-servers), 1 `allow proto udp to 198.51.100.10/32 dport 9`
 * (echo), 2 `allow proto tcp to 198.51.100.10/32 dport 80` (web), 3 `allow proto icmp to
 * 198.51.100.10/32` (ping), 4 `deny proto udp to 198.51.100.0/24 dport 5000-5999`
 * (blocked-udp).
 *
 * Every random variable (ARP request jitter, CSMA backoff, NAT port allocation) gets a fixed
 * stream from Config::stream, so a run is the same in any process.
 *
 * With an output directory, pcaps are written on both sides of each box: home-lan, home-wan,
 * cgn-inside, cgn-outside, edge-outside, edge-inside (.pcap).
 */
class NatFirewallTopology
{
public:
    /// What to build.
    struct Config
    {
        std::string outputDir;                                //!< pcap folder ("" for none)
        std::string homeMapping{"EndpointIndependent"};       //!< home NAT Mapping
        std::string homeFiltering{"AddressAndPortDependent"}; //!< home NAT Filtering
        std::string carrierMapping{"EndpointIndependent"};    //!< carrier NAT Mapping
        std::string carrierFiltering{"EndpointIndependent"};  //!< carrier NAT Filtering
        uint32_t echoPackets{5};                              //!< UDP echo requests
        uint32_t tcpBytes{100000};                            //!< TCP bytes
        uint32_t blockedPackets{3};                           //!< packets to port 5000
        uint32_t deniedPackets{2};                            //!< packets to port 7
        uint32_t pings{3};                                    //!< ICMP echo requests
        uint32_t unsolicitedPackets{3};                       //!< server to the carrier NAT
        Time stopTime{Seconds(12)};                           //!< simulation end
        bool checksums{true}; //!< set GlobalValue ChecksumEnabled (valid checksums in pcaps)
        int64_t stream{1};    //!< first RNG stream (ARP jitter, CSMA backoff, NAT ports)
    };

    /// What happened.
    struct Results
    {
        uint32_t echoReplies{0};    //!< UDP echo replies at hostA
        uint32_t blockedReplies{0}; //!< replies to the blocked packets (expected 0)
        uint32_t deniedReplies{0};  //!< replies to the denied packets (expected 0)
        uint32_t pingReplies{0};    //!< ICMP echo replies at hostA
        uint64_t tcpBytes{0};       //!< bytes at the server's sink
        uint32_t serverEchoes{0};   //!< echo requests the server received
    };

    /// \param config what to build
    explicit NatFirewallTopology(const Config& config);

    /// Build nodes, links, addresses, routes, the two NATs, the firewall, traffic and pcaps.
    void Build();
    /// Run the simulation until Config::stopTime (the caller calls Simulator::Destroy()).
    void Run();

    /// \return the results (after Run())
    Results GetResults() const;
    /// \return the home router's NAT
    Ptr<Ipv4Nat> GetHomeNat() const;
    /// \return the carrier NAT
    Ptr<Ipv4Nat> GetCarrierNat() const;
    /// \return the edge firewall
    Ptr<Ipv4Firewall> GetFirewall() const;
    /// \return the pcap files written (empty without an output directory)
    std::vector<std::string> GetPcapFiles() const;
    /// \param os where to print a summary of counters and results
    void Print(std::ostream& os) const;

private:
    void SendPing(uint16_t seq);
    void PingReceived(Ptr<Socket> s);

    Config m_config;                  //!< configuration
    NodeContainer m_nodes;            //!< hostA, hostB, home, cgn, edge, server
    Ptr<Ipv4Nat> m_homeNat;           //!< home NAT
    Ptr<Ipv4Nat> m_carrierNat;        //!< carrier NAT
    Ptr<Ipv4Firewall> m_firewall;     //!< edge firewall
    Ptr<Socket> m_pinger;             //!< hostA's raw ICMP socket
    Results m_results;                //!< counters
    std::vector<std::string> m_pcaps; //!< pcap files
};

} // namespace ns3

#endif /* NAT_FIREWALL_TOPOLOGY_H */
