/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * System test of examples/nat-firewall.cc: the same topology (NatFirewallTopology) is run,
 * its results and counters are checked exactly, and its pcaps are dissected by tshark with
 * UDP, TCP and IPv4 checksum validation on. Expected values follow from the traffic and the
 * rules documented in helper/nat-firewall-topology.h:
 *  - UDP datagrams on each link: 5 echo requests + 5 replies + 3 to port 5000 + 2 to port 7
 *    = 15 inside the carrier NAT; + 3 unsolicited from the server = 18 outside it; the
 *    firewall drops the 5 denied ones, so 13 reach the server side;
 *  - ICMP: 3 echo requests + 3 replies everywhere;
 *  - every TCP segment crosses every box, so each capture holds the same number.
 */
#include "l2tp-test-util.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/nat-firewall-topology.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <map>
#include <set>
#include <sstream>
#include <sys/wait.h>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// What tshark finds in one capture (one tshark run, checksum validation on).
struct PcapSummary
{
    int frames{0};                 //!< frames
    int bad{0};                    //!< frames with a bad or unverified checksum, or malformed
    int ip{0};                     //!< IPv4 frames
    int ipGood{0};                 //!< ... with a verified-good header checksum
    int udp{0};                    //!< UDP datagrams
    int udpGood{0};                //!< ... with a verified-good checksum
    int tcp{0};                    //!< TCP segments
    int tcpGood{0};                //!< ... with a verified-good checksum
    int icmp{0};                   //!< ICMP messages
    int udpTo5000{0};              //!< UDP to port 5000
    std::set<std::string> sources; //!< IPv4 source addresses
};

/**
 * \brief Dissect a capture with UDP, TCP and IPv4 checksum validation (ICMP is always
 *        validated). Checksum status values (tshark -G values): 0 bad, 1 good, 2 unverified,
 *        3 not present; a frame counts as bad for 0 or 2, or if it is malformed.
 * \param pcap the file
 * \return the summary (frames = -1 if tshark failed)
 */
PcapSummary
Dissect(const std::string& pcap)
{
    int status = 0;
    std::string out = RunCommand(
        "tshark -n -r '" + pcap
            + "' -o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE "
              "-T fields -E separator=';' -e frame.protocols -e ip.src -e ip.checksum.status "
              "-e udp.checksum.status -e tcp.checksum.status -e icmp.checksum.status "
              "-e udp.dstport 2>/dev/null",
        status);
    PcapSummary s;
    if (status != 0)
    {
        s.frames = -1;
        return s;
    }
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
    {
        std::vector<std::string> f = Split(line, ';');
        f.resize(7);
        s.frames++;
        bool bad = f[0].find("_ws.malformed") != std::string::npos;
        for (int i = 2; i <= 5; ++i)
        {
            for (const auto& v : Split(f[i], ','))
            {
                bad = bad || v == "0" || v == "2";
            }
        }
        s.bad += bad ? 1 : 0;
        std::string protocols = ":" + f[0] + ":";
        bool hasIp = protocols.find(":ip:") != std::string::npos;
        s.ip += hasIp ? 1 : 0;
        s.ipGood += hasIp && Split(f[2], ',')[0] == "1" ? 1 : 0;
        bool udp = protocols.find(":udp:") != std::string::npos;
        s.udp += udp ? 1 : 0;
        s.udpGood += udp && f[3] == "1" ? 1 : 0;
        bool tcp = protocols.find(":tcp:") != std::string::npos;
        s.tcp += tcp ? 1 : 0;
        s.tcpGood += tcp && f[4] == "1" ? 1 : 0;
        s.icmp += protocols.find(":icmp:") != std::string::npos ? 1 : 0;
        s.udpTo5000 += udp && f[6] == "5000" ? 1 : 0;
        if (hasIp)
        {
            s.sources.insert(Split(f[1], ',')[0]);
        }
    }
    return s;
}

/// \return the set as a space-separated list
std::string
Join(const std::set<std::string>& items)
{
    std::string out;
    for (const auto& i : items)
    {
        out += (out.empty() ? "" : " ") + i;
    }
    return out;
}

/**
 * \ingroup l2tp-tests
 * \brief The example's topology: exact results, counters and clean pcaps.
 */
class NatFirewallTopologyTestCase : public TestCase
{
public:
    NatFirewallTopologyTestCase()
        : TestCase("two NATs in series and a firewall: exact counts, clean pcaps")
    {
    }

private:
    void DoRun() override
    {
        NatFirewallTopology::Config config;
        config.outputDir = MakeTempDir("nat-firewall");
        NatFirewallTopology topology(config);
        topology.Build();
        topology.Run();
        NatFirewallTopology::Results r = topology.GetResults();
        NS_TEST_EXPECT_MSG_EQ(r.echoReplies, 5, "UDP echo through both NATs and the firewall");
        NS_TEST_EXPECT_MSG_EQ(r.serverEchoes, 5, "echo requests at the server");
        NS_TEST_EXPECT_MSG_EQ(r.pingReplies, 3, "ICMP echo replies");
        NS_TEST_EXPECT_MSG_EQ(r.tcpBytes, 100000, "TCP bytes at the server");
        NS_TEST_EXPECT_MSG_EQ(r.blockedReplies, 0, "port 5000 blocked by rule 4");
        NS_TEST_EXPECT_MSG_EQ(r.deniedReplies, 0, "port 7 denied by default");

        Ptr<Ipv4Nat> home = topology.GetHomeNat();
        Ptr<Ipv4Nat> cgn = topology.GetCarrierNat();
        std::ostringstream mappings;
        for (const auto& m : home->GetMappings())
        {
            mappings << Ipv4TransportFields::ProtocolName(m.protocol) << " " << m.insideAddress
                     << ":" << m.insidePort << ">" << m.publicAddress << ":" << m.publicPort
                     << "; ";
        }
        // ns-3 hosts take ephemeral ports from 49153; hostB's UDP socket collides with
        // hostA's mapping of 49153, so it gets PortRangeMin (1024).
        NS_TEST_EXPECT_MSG_EQ(mappings.str(),
                              "udp 192.168.1.10:49153>100.64.0.2:49153; "
                              "tcp 192.168.1.11:49153>100.64.0.2:49153; "
                              "udp 192.168.1.11:49153>100.64.0.2:1024; "
                              "udp 192.168.1.10:49154>100.64.0.2:49154; "
                              "icmp 192.168.1.10:16962>100.64.0.2:16962; ",
                              "home NAT mappings");
        NS_TEST_EXPECT_MSG_EQ(home->GetCounters().mappingsCreated, 5, "home mappings");
        NS_TEST_EXPECT_MSG_EQ(cgn->GetCounters().mappingsCreated, 5, "carrier mappings");
        NS_TEST_EXPECT_MSG_EQ(home->GetCounters().TotalDropped(), 0, "home drops");
        NS_TEST_EXPECT_MSG_EQ(cgn->GetCounters().dropped[Ipv4Nat::DROP_NO_MAPPING], 3,
                              "the server's unsolicited packets");
        NS_TEST_EXPECT_MSG_EQ(cgn->GetCounters().TotalDropped(), 3, "carrier drops");
        NS_TEST_EXPECT_MSG_EQ(home->GetCounters().outboundTranslated,
                              cgn->GetCounters().outboundTranslated,
                              "every outbound packet is translated twice");
        NS_TEST_EXPECT_MSG_EQ(home->GetCounters().inboundTranslated,
                              cgn->GetCounters().inboundTranslated, "and every inbound one");

        Ptr<Ipv4Firewall> fw = topology.GetFirewall();
        std::ostringstream hits;
        for (uint32_t i = 0; i < fw->GetNRules(); ++i)
        {
            hits << fw->GetRuleHits(i) << " ";
        }
        // Stateful: only the first packet of each allowed flow consults the rules.
        NS_TEST_EXPECT_MSG_EQ(hits.str(), "1 1 1 1 3 ", "rule hits");
        NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().deniedByRule, 3, "denied by rule 4");
        NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().deniedByDefault, 2, "denied by default");
        NS_TEST_EXPECT_MSG_EQ(fw->GetNFlows(), 4, "echo, TCP, ping and server flows");
        std::vector<std::string> pcaps = topology.GetPcapFiles();
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));

        NS_TEST_ASSERT_MSG_EQ(pcaps.size(), 6, "pcaps on both sides of each box");
        const std::map<std::string, std::string> sources = {
            {"home-lan", "192.168.1.10 192.168.1.11 198.51.100.10"},
            {"home-wan", "100.64.0.2 198.51.100.10"},
            {"cgn-inside", "100.64.0.2 198.51.100.10"},
            {"cgn-outside", "198.51.100.10 203.0.113.1"},
            {"edge-outside", "198.51.100.10 203.0.113.1"},
            {"edge-inside", "198.51.100.10 203.0.113.1"},
        };
        const std::map<std::string, int> udp
            = {{"home-lan", 15},    {"home-wan", 15},     {"cgn-inside", 15},
               {"cgn-outside", 18}, {"edge-outside", 18}, {"edge-inside", 13}};
        int tcp = -1;
        for (const auto& pcap : pcaps)
        {
            std::string name = pcap.substr(pcap.rfind('/') + 1);
            name = name.substr(0, name.size() - 5);
            PcapSummary d = Dissect(pcap);
            NS_TEST_EXPECT_MSG_GT(d.frames, 0, name << ": frames");
            NS_TEST_EXPECT_MSG_EQ(d.bad, 0, name << ": bad checksums or malformed");
            NS_TEST_EXPECT_MSG_EQ(d.ipGood, d.ip, name << ": IPv4 header checksums all good");
            NS_TEST_EXPECT_MSG_EQ(d.udp, udp.at(name), name << ": UDP datagrams");
            NS_TEST_EXPECT_MSG_EQ(d.udpGood, udp.at(name), name << ": UDP checksums good");
            NS_TEST_EXPECT_MSG_EQ(d.icmp, 6, name << ": ICMP echo requests and replies");
            NS_TEST_EXPECT_MSG_EQ(d.udpTo5000, (name == "edge-inside" ? 0 : 3),
                                  name << ": blocked UDP");
            NS_TEST_EXPECT_MSG_EQ(d.tcpGood, d.tcp, name << ": TCP checksums good");
            if (tcp >= 0)
            {
                NS_TEST_EXPECT_MSG_EQ(d.tcp, tcp, name << ": the same TCP segments at every box");
            }
            tcp = d.tcp;
            NS_TEST_EXPECT_MSG_EQ(Join(d.sources), sources.at(name), name << ": IPv4 sources");
        }
        NS_TEST_EXPECT_MSG_GT(tcp, 0, "TCP segments captured");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The example program itself: a clean run, and a bad attribute value rejected with a
 *        message naming the attribute and its allowed values.
 */
class NatFirewallProgramTestCase : public TestCase
{
public:
    NatFirewallProgramTestCase()
        : TestCase("the nat-firewall program writes the same pcaps; a bad --homeMapping is "
                   "rejected")
    {
    }

private:
    void DoRun() override
    {
#ifdef L2TP_EXAMPLES_DIR
        // The same network built in this process...
        NatFirewallTopology::Config config;
        config.outputDir = MakeTempDir("nat-firewall-inprocess");
        NatFirewallTopology topology(config);
        topology.Build();
        topology.Run();
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
        // ... and by the example program give byte-identical captures.
        std::string exe = std::string(L2TP_EXAMPLES_DIR) + "/nat-firewall";
        std::string dir = MakeTempDir("nat-firewall-program");
        int status = 0;
        std::string out = RunCommand("'" + exe + "' --outputDir='" + dir + "' 2>&1", status);
        NS_TEST_EXPECT_MSG_EQ((WIFEXITED(status) && WEXITSTATUS(status) == 0), true, out);
        NS_TEST_EXPECT_MSG_NE(out.find("results: echo-replies=5 blocked-replies=0 "
                                       "denied-replies=0 ping-replies=3 tcp-bytes=100000 "
                                       "server-echoes=5"),
                              std::string::npos, out);
        for (const auto& pcap : topology.GetPcapFiles())
        {
            std::string name = pcap.substr(pcap.rfind('/') + 1);
            std::string mine = ReadFile(pcap);
            NS_TEST_EXPECT_MSG_GT(mine.size(), 24, name << ": more than a pcap header");
            NS_TEST_EXPECT_MSG_EQ((ReadFile(dir + "/" + name) == mine), true,
                                  name << ": program and topology helper write the same bytes");
        }
        out = RunCommand("'" + exe + "' --outputDir='" + dir + "/bad' --homeMapping=Bogus 2>&1",
                         status);
        NS_TEST_EXPECT_MSG_EQ((WIFEXITED(status) && WEXITSTATUS(status) == 0), false, out);
        NS_TEST_EXPECT_MSG_NE(out.find("ns3::Ipv4Nat attribute Mapping: bad value 'Bogus' "
                                       "(allowed: EndpointIndependent|AddressDependent|"
                                       "AddressAndPortDependent)"),
                              std::string::npos, out);
#endif
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief System suite for examples/nat-firewall.cc.
 */
class L2tpNatFirewallExampleTestSuite : public TestSuite
{
public:
    L2tpNatFirewallExampleTestSuite()
        : TestSuite("l2tp-nat-firewall-example", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new NatFirewallTopologyTestCase);
        AddTestCase(new NatFirewallProgramTestCase);
    }
};

static L2tpNatFirewallExampleTestSuite g_l2tpNatFirewallExampleTestSuite; //!< static instance

} // namespace
