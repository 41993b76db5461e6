/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_PPP_VOLUNTARY_NET_H
#define L2TP_PPP_VOLUNTARY_NET_H

/*
 * The voluntary-mode test network of l2tp-ppp-l2tp, shared with l2tp-icmp-echo-probe:
 * client --A-- router --B-- LNS --C-- server, all point-to-point links; the client node is
 * its own LAC.
 */
#include "ns3/l2tp-ppp-client.h"
#include "ns3/l2tp-ppp-lns.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <string>

namespace ns3
{
namespace l2tptest
{

/// Link parameters of the test topology.
struct Links
{
    std::string rateA{"2Mbps"};   //!< client - router
    double delayA{0.005};         //!< seconds
    std::string rateB{"10Mbps"};  //!< router - LNS
    double delayB{0.010};         //!< seconds
    std::string rateC{"100Mbps"}; //!< LNS - server (corporate)
    double delayC{0.001};         //!< seconds
};

/// The voluntary topology with its applications.
struct VoluntaryNet
{
    NodeContainer nodes;       //!< client, router, lns, server
    NetDeviceContainer a;      //!< client - router
    NetDeviceContainer b;      //!< router - LNS
    NetDeviceContainer c;      //!< LNS - server
    Ptr<L2tpPppClient> client; //!< client application
    Ptr<L2tpPppLns> lns;       //!< LNS application
    PointToPointHelper p2pA;   //!< Internet access link
    Ipv4Address serverAddr;    //!< the corporate server
    Ipv4Address lnsAddr;       //!< the LNS's public address

    /// Drop every reference (so that Simulator::Destroy releases devices and pcap files)
    void Clear()
    {
        a = NetDeviceContainer();
        b = NetDeviceContainer();
        c = NetDeviceContainer();
        nodes = NodeContainer();
        client = nullptr;
        lns = nullptr;
    }

    /// Build it \param l links \param password the client's \param poolSize LNS pool
    void Build(const Links& l, const std::string& password, uint32_t poolSize)
    {
        nodes.Create(4);
        InternetStackHelper stack;
        stack.Install(nodes);
        p2pA.SetDeviceAttribute("DataRate", StringValue(l.rateA));
        p2pA.SetChannelAttribute("Delay", TimeValue(Seconds(l.delayA)));
        PointToPointHelper p2pB;
        p2pB.SetDeviceAttribute("DataRate", StringValue(l.rateB));
        p2pB.SetChannelAttribute("Delay", TimeValue(Seconds(l.delayB)));
        PointToPointHelper p2pC;
        p2pC.SetDeviceAttribute("DataRate", StringValue(l.rateC));
        p2pC.SetChannelAttribute("Delay", TimeValue(Seconds(l.delayC)));
        a = p2pA.Install(nodes.Get(0), nodes.Get(1));
        b = p2pB.Install(nodes.Get(1), nodes.Get(2));
        c = p2pC.Install(nodes.Get(2), nodes.Get(3));
        Ipv4AddressHelper addr;
        addr.SetBase("198.51.100.0", "255.255.255.0");
        addr.Assign(a);
        addr.SetBase("203.0.113.0", "255.255.255.0");
        Ipv4InterfaceContainer ib = addr.Assign(b);
        addr.SetBase("10.1.0.0", "255.255.255.0");
        Ipv4InterfaceContainer ic = addr.Assign(c);
        lnsAddr = ib.GetAddress(1);
        serverAddr = ic.GetAddress(1);
        Ipv4StaticRoutingHelper srh;
        srh.GetStaticRouting(nodes.Get(0)->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("198.51.100.2"), 1);
        srh.GetStaticRouting(nodes.Get(2)->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("203.0.113.1"), 1);
        srh.GetStaticRouting(nodes.Get(3)->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("10.1.0.1"), 1);

        lns = CreateObject<L2tpPppLns>();
        lns->SetAttribute("Users", StringValue("alice=wonderland,bob=builder"));
        lns->SetAttribute("PoolSize", UintegerValue(poolSize));
        nodes.Get(2)->AddApplication(lns);
        client = CreateObject<L2tpPppClient>();
        client->SetAttribute("LnsAddress", Ipv4AddressValue(lnsAddr));
        client->SetAttribute("Sessions", UintegerValue(1));
        client->SetAttribute("Username", StringValue("alice"));
        client->SetAttribute("Password", StringValue(password));
        nodes.Get(0)->AddApplication(client);
        lns->SetStartTime(Seconds(0));
        client->SetStartTime(Seconds(0.1));
        lns->GetProtocol()->AssignStreams(10);
        client->GetProtocol()->AssignStreams(20);
    }
};

} // namespace l2tptest
} // namespace ns3

#endif // L2TP_PPP_VOLUNTARY_NET_H
