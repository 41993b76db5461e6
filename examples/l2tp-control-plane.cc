/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The L2TP control plane on one link:
 *
 *   LAC 10.1.1.1 ---- 10 Mb/s, 5 ms ---- LNS 10.1.1.2        (UDP 1701 <-> 1701)
 *
 * At 0 s the LAC opens a tunnel (SCCRQ / SCCRP / SCCCN) and places 3 incoming calls
 * (ICRQ / ICRP / ICCN). From 1 s each session sends a few data messages carrying a PPP LCP
 * Echo-Request, which the LNS echoes back. At 5 s the LAC clears the calls (CDN), at 6 s it
 * clears the tunnel (StopCCN); both ends keep state for a full retransmission cycle (31 s).
 * Every control message, data message and state change is printed; the link is captured to
 * <outputDir>/l2tp-control-plane-0-0.pcap (LAC side) and -1-0.pcap (LNS side), which open in
 * Wireshark, and the LAC-side capture is decoded into <outputDir>/messages.csv for the plots
 * (./l2tp plot <outputDir>).
 *
 *   ./l2tp run                      (this example is the main run: results/l2tp-control-plane)
 *   ./l2tp run l2tp-control-plane --sessions=3 --messages=3 --outputDir=/tmp/cp
 */
#include "ns3/l2tp-module.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <filesystem>
#include <iostream>

using namespace ns3;

namespace
{

void
TunnelState(uint16_t id, L2tpTunnel::State a, L2tpTunnel::State b)
{
    std::cout << Simulator::Now().As(Time::S) << " tunnel " << id << " " << L2tpTunnel::StateName(a)
              << " -> " << L2tpTunnel::StateName(b) << std::endl;
}

void
SessionState(uint16_t tunnel, uint16_t id, L2tpSession::State a, L2tpSession::State b)
{
    std::cout << Simulator::Now().As(Time::S) << " tunnel " << tunnel << " session " << id << " "
              << L2tpSession::StateName(a) << " -> " << L2tpSession::StateName(b) << std::endl;
}

void
Sent(std::string who, uint16_t type, uint16_t ns, uint16_t nr)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << " sends "
              << L2tpControlMessage::TypeName(type) << " Ns=" << ns << " Nr=" << nr << std::endl;
}

void
Zlb(std::string who, uint16_t ns, uint16_t nr)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << " sends ZLB Ns=" << ns
              << " Nr=" << nr << std::endl;
}

void
Retransmit(std::string who, uint16_t type, uint16_t ns, uint32_t attempt, Time timeout)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << " retransmits "
              << L2tpControlMessage::TypeName(type) << " Ns=" << ns << " attempt " << attempt
              << " after " << timeout.As(Time::S) << std::endl;
}

void
TunnelCreated(std::string who, Ptr<L2tpTunnel> t)
{
    t->TraceConnectWithoutContext("StateChange", MakeCallback(&TunnelState));
    t->TraceConnectWithoutContext("SessionStateChange", MakeCallback(&SessionState));
    Ptr<L2tpControlChannel> c = t->GetControlChannel();
    c->TraceConnectWithoutContext("MessageSent", MakeBoundCallback(&Sent, who));
    c->TraceConnectWithoutContext("ZlbSent", MakeBoundCallback(&Zlb, who));
    c->TraceConnectWithoutContext("Retransmission", MakeBoundCallback(&Retransmit, who));
}

/// A PPP frame as xl2tpd carries it (address, control, protocol): LCP Echo-Request.
Ptr<Packet>
LcpEcho(uint8_t id)
{
    const uint8_t frame[] = {0xff, 0x03, 0xc0, 0x21, 0x09, id, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00};
    return Create<Packet>(frame, sizeof(frame));
}

void
SendData(Ptr<L2tpLac> lac, uint32_t messages)
{
    uint8_t id = 1;
    for (auto& s : lac->GetSessions())
    {
        for (uint32_t i = 0; i < messages; ++i)
        {
            Simulator::Schedule(MilliSeconds(100 * i), [s, id]() { s->Send(LcpEcho(id)); });
            ++id;
        }
    }
}

void
CloseCalls(Ptr<L2tpLac> lac)
{
    for (auto& s : lac->GetSessions())
    {
        s->Close(L2tpTunnel::CDN_ADMIN, 0);
    }
}

void
Received(std::string who, Ptr<L2tpSession> s, Ptr<const Packet> p)
{
    std::cout << Simulator::Now().As(Time::S) << " " << who << " session " << s->GetLocalId()
              << " received " << p->GetSize() << " bytes" << std::endl;
}

/// Build the topology, run the tunnel's life and write the pcaps (closed on return).
void
Simulate(const std::string& prefix, uint32_t sessions, uint32_t messages)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = addresses.Assign(devices);

    L2tpHelper l2tp;
    l2tp.SetLacAttribute("HostName", StringValue("lac"));
    l2tp.SetLnsAttribute("HostName", StringValue("lns"));
    l2tp.SetLnsAttribute("Echo", BooleanValue(true));
    ApplicationContainer lns = l2tp.InstallLns(nodes.Get(1));
    ApplicationContainer lacApps = l2tp.InstallLac(nodes.Get(0), ifs.GetAddress(1), sessions);
    l2tp.AssignStreams(nodes, 1);
    lacApps.Get(0)->TraceConnectWithoutContext(
        "TunnelCreated", MakeBoundCallback(&TunnelCreated, std::string("LAC")));
    lns.Get(0)->TraceConnectWithoutContext("TunnelCreated",
                                           MakeBoundCallback(&TunnelCreated, std::string("LNS")));
    lacApps.Get(0)->TraceConnectWithoutContext("Rx",
                                               MakeBoundCallback(&Received, std::string("LAC")));
    lns.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&Received, std::string("LNS")));
    lns.Start(Seconds(0));
    lacApps.Start(Seconds(0));
    lacApps.Stop(Seconds(6)); // StopCCN
    Ptr<L2tpLac> lac = DynamicCast<L2tpLac>(lacApps.Get(0));
    Simulator::Schedule(Seconds(1), &SendData, lac, messages);
    Simulator::Schedule(Seconds(5), &CloseCalls, lac);

    p2p.EnablePcapAll(prefix);
    Simulator::Stop(Seconds(40));
    Simulator::Run();
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t sessions = 3;
    uint32_t messages = 3;
    std::string outputDir = "results/l2tp-control-plane";
    CommandLine cmd(__FILE__);
    cmd.AddValue("sessions", "Number of sessions in the tunnel", sessions);
    cmd.AddValue("messages", "Data messages per session", messages);
    cmd.AddValue("outputDir", "Directory for the pcaps and messages.csv (created)", outputDir);
    cmd.Parse(argc, argv);
    std::error_code ec;
    std::filesystem::create_directories(outputDir, ec);
    if (ec)
    {
        std::cerr << "l2tp-control-plane: --outputDir=" << outputDir
                  << ": cannot create it (expected a writable directory: " << ec.message() << ")"
                  << std::endl;
        return 1;
    }
    const std::string prefix = SystemPath::Append(outputDir, "l2tp-control-plane");

    Simulate(prefix, sessions, messages);
    std::cout << "pcap: " << prefix << "-0-0.pcap, " << prefix << "-1-0.pcap" << std::endl;

    // The LAC-side capture holds both directions: decode it for the plots.
    L2tpPcapDecoder decoder;
    std::vector<L2tpPcapRecord> records;
    std::string error;
    const std::string csv = SystemPath::Append(outputDir, "messages.csv");
    if (!decoder.DecodeFile(prefix + "-0-0.pcap", records, error)
        || !L2tpPcapDecoder::WriteMessagesCsv(records, csv, error))
    {
        std::cerr << "l2tp-control-plane: " << error << std::endl;
        return 1;
    }
    std::cout << "messages: " << csv << " (" << records.size() << " L2TP messages)" << std::endl;
    return 0;
}
