/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Decode the L2TP messages in a pcap capture with the module's own parsers.
 *
 *   ./l2tp run l2tp-pcap-decode --pcap=test/data/xl2tpd/case1_plain.pcap
 *   ./l2tp run l2tp-pcap-decode --pcap=capture.pcap --secret=tunnel-secret
 *
 * One line per L2TP message (UDP port 1701): time relative to the first frame, source
 * address:port, message type (ZLB for an acknowledgement, DATA for a data message), the header
 * ids and sequence numbers, then each AVP as key=value (hidden AVPs are unhidden when the
 * tunnel secret is given) or, for data messages, the PPP payload length. A message the parser
 * rejects prints as MALFORMED with the reason. Classic pcap files with Ethernet, PPP (as ns-3's
 * PointToPointNetDevice writes them), raw IPv4 or Linux cooked link types are read.
 */
#include "ns3/l2tp-pcap-decoder.h"

#include "ns3/command-line.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string pcap;
    std::string secret;
    CommandLine cmd(__FILE__);
    cmd.Usage("Print every L2TP message of a classic pcap capture, one line each.");
    cmd.AddValue("pcap", "the capture to decode (classic pcap, not pcapng)", pcap);
    cmd.AddValue("secret", "tunnel shared secret, to unhide hidden AVPs", secret);
    cmd.Parse(argc, argv);
    if (pcap.empty())
    {
        std::cerr << "l2tp-pcap-decode: missing --pcap=FILE (a classic pcap capture to decode)"
                  << std::endl;
        return 2;
    }

    L2tpPcapDecoder decoder;
    if (!secret.empty())
    {
        decoder.SetSecret(secret);
    }
    std::vector<L2tpPcapRecord> records;
    std::string error;
    const bool ok = decoder.DecodeFile(pcap, records, error);
    for (const auto& r : records)
    {
        std::cout << r.line << "\n";
    }
    std::cout.flush();
    if (!ok)
    {
        std::cerr << "l2tp-pcap-decode: " << error << std::endl;
        return 1;
    }
    return 0;
}
