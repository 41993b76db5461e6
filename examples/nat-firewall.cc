/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Two NATs in series and a firewall: a home router NATs its LAN onto the carrier's shared
 * address space (100.64.0.0/24), where a carrier-grade NAT translates again onto the public
 * address 203.0.113.1; a stateful firewall guards the server network. See
 * helper/nat-firewall-topology.h for the network, the traffic and the firewall rules.
 *
 * The run writes pcaps on both sides of each box (home-lan, home-wan, cgn-inside,
 * cgn-outside, edge-outside, edge-inside) and prints the NATs' mappings and counters and the
 * firewall's rule hits. Open the pcaps in Wireshark to watch 192.168.1.10 become 100.64.0.2
 * and then 203.0.113.1, and the packets to port 5000 stop at the firewall.
 *
 *   ./l2tp run nat-firewall --outputDir=/tmp/natfw --homeMapping=AddressAndPortDependent
 */
#include "ns3/command-line.h"
#include "ns3/nat-firewall-topology.h"
#include "ns3/simulator.h"
#include "ns3/system-path.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    NatFirewallTopology::Config config;
    config.outputDir = "nat-firewall-output";
    double stop = config.stopTime.GetSeconds();
    CommandLine cmd(__FILE__);
    cmd.AddValue("outputDir", "folder for the pcaps (none: no pcaps)", config.outputDir);
    cmd.AddValue("homeMapping",
                 "home NAT mapping: EndpointIndependent|AddressDependent|AddressAndPortDependent",
                 config.homeMapping);
    cmd.AddValue("homeFiltering", "home NAT filtering (same choices)", config.homeFiltering);
    cmd.AddValue("carrierMapping", "carrier NAT mapping (same choices)", config.carrierMapping);
    cmd.AddValue("carrierFiltering", "carrier NAT filtering (same choices)",
                 config.carrierFiltering);
    cmd.AddValue("echoPackets", "UDP echo requests from hostA", config.echoPackets);
    cmd.AddValue("tcpBytes", "bytes hostB sends over TCP", config.tcpBytes);
    cmd.AddValue("pings", "ICMP echo requests from hostA", config.pings);
    cmd.AddValue("stopTime", "simulation end in seconds", stop);
    cmd.AddValue("checksums", "compute UDP/TCP/IPv4 checksums (GlobalValue ChecksumEnabled)",
                 config.checksums);
    cmd.Parse(argc, argv);
    if (config.outputDir == "none") // ns-3's CommandLine rejects an empty value
    {
        config.outputDir.clear();
    }
    config.stopTime = Seconds(stop);
    if (!config.outputDir.empty())
    {
        SystemPath::MakeDirectories(config.outputDir);
    }

    NatFirewallTopology topology(config);
    topology.Build();
    topology.Run();
    topology.Print(std::cout);
    for (const auto& f : topology.GetPcapFiles())
    {
        std::cout << "pcap: " << f << std::endl;
    }
    if (!config.outputDir.empty())
    {
        std::cout << "output: " << config.outputDir << std::endl;
    }
    Simulator::Destroy();
    return 0;
}
