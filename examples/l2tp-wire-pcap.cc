/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2TP on the wire: a LAC and an LNS on a point-to-point link exchange the control and data
 * messages of a whole tunnel's life (SCCRQ ... StopCCN, see L2tpWireDemo), both devices are
 * captured to pcap, and the captures are decoded with L2tpPcapDecoder. Open the pcaps in
 * Wireshark to see the same messages.
 *
 *   ./l2tp run                                   (this example is the default)
 *   ./l2tp run l2tp-wire-pcap --secret=s3cret    (Assigned Tunnel ID hidden, RFC 2661 4.3)
 *   ./l2tp run l2tp-wire-pcap --outputDir=/tmp/wire
 */
#include "ns3/l2tp-pcap-decoder.h"
#include "ns3/l2tp-wire-demo.h"

#include "ns3/command-line.h"
#include "ns3/nstime.h"
#include "ns3/system-path.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string outputDir = "results/l2tp-wire-pcap";
    std::string secret;
    std::string dataRate = "10Mbps";
    Time delay = MilliSeconds(2);
    CommandLine cmd(__FILE__);
    cmd.Usage("Send a scripted L2TP exchange over a point-to-point link, capture it and decode "
              "the captures.");
    cmd.AddValue("outputDir", "directory for the pcap files (created if needed)", outputDir);
    cmd.AddValue("secret", "tunnel secret; if set, Assigned Tunnel ID AVPs are hidden", secret);
    cmd.AddValue("dataRate", "data rate of the link", dataRate);
    cmd.AddValue("delay", "propagation delay of the link", delay);
    cmd.Parse(argc, argv);

    // Check the output directory here, so that a bad --outputDir gives a message, not an abort.
    std::error_code ec;
    std::filesystem::create_directories(outputDir, ec);
    const std::string probe = SystemPath::Append(outputDir, ".l2tp-write-test");
    if (ec || !std::ofstream(probe))
    {
        std::cerr << "l2tp-wire-pcap: --outputDir=" << outputDir
                  << ": cannot create files there (expected a writable directory"
                  << (ec ? ": " + ec.message() : std::string()) << ")" << std::endl;
        return 1;
    }
    std::remove(probe.c_str());

    L2tpWireDemo demo;
    demo.SetOutputDir(outputDir);
    demo.SetSecret(secret);
    demo.SetDataRate(dataRate);
    demo.SetDelay(delay);
    demo.AssignStreams(1);
    std::ostringstream delayText;
    delayText << delay.As(Time::MS);
    std::cout << "LAC 10.1.1.1 <-> LNS 10.1.1.2 over " << dataRate << ", "
              << delayText.str().substr(delayText.str()[0] == '+' ? 1 : 0)
              << (secret.empty() ? "" : ", Assigned Tunnel ID hidden with the secret") << "\n";
    const std::vector<std::string> pcaps = demo.Run();

    uint32_t bad = 0;
    for (const auto& r : demo.GetReceived())
    {
        bad += r.ok ? 0 : 1;
    }
    std::cout << demo.GetSent().size() << " messages sent, " << demo.GetReceived().size()
              << " received, " << bad << " rejected by the receiver's parser\n";

    const char* where[] = {"LAC side, node 0", "LNS side, node 1"};
    int status = bad == 0 ? 0 : 1;
    const std::string csvPath = SystemPath::Append(outputDir, "messages.csv");
    for (std::size_t i = 0; i < pcaps.size(); ++i)
    {
        L2tpPcapDecoder decoder;
        if (!secret.empty())
        {
            decoder.SetSecret(secret);
        }
        std::vector<L2tpPcapRecord> records;
        std::string error;
        bool ok = decoder.DecodeFile(pcaps[i], records, error);
        std::cout << "\n# " << pcaps[i] << " (" << (i < 2 ? where[i] : "?") << ", "
                  << decoder.GetFrameCount() << " frames)\n";
        for (const auto& r : records)
        {
            std::cout << r.line << "\n";
        }
        // messages.csv from the LAC-side capture (it sees both directions), for the plots.
        if (i == 0 && !L2tpPcapDecoder::WriteMessagesCsv(records, csvPath, error))
        {
            ok = false;
        }
        if (!ok)
        {
            std::cerr << "l2tp-wire-pcap: " << error << std::endl;
            status = 1;
        }
    }
    std::cout << "\npcaps: ";
    for (const auto& p : pcaps)
    {
        std::cout << p << " ";
    }
    std::cout << "\nmessages: " << csvPath << std::endl;
    return status;
}
