/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Ipv4Firewall: rule text form, first-match order, default policy, prefix / protocol / port
 * range / interface matching, stateful replies (UDP, ICMP echo, related ICMP errors, TCP)
 * with timeouts, and a host firewall that tracks the host's own flows. Network:
 * l2tp-middlebox-test-net.h with R routing the inside networks to BOX (no NAT).
 */
#include "l2tp-middlebox-test-net.h"

#include "ns3/firewall-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-firewall.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/test.h"

#include <memory>
#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// One drop as traced.
struct FwDrop
{
    Time time;        //!< when
    int32_t index;    //!< rule index or -1
    std::string rule; //!< rule text
    Ipv4Header ip;    //!< header
};

std::string
Sources(const std::vector<ProbeRx>& log)
{
    std::ostringstream os;
    for (size_t i = 0; i < log.size(); ++i)
    {
        os << (i ? " " : "") << log[i].from << ":" << log[i].port;
    }
    return os.str();
}

/**
 * \ingroup l2tp-tests
 * \brief Base: the test network with a firewall on a node and its drops recorded.
 */
class FirewallTestCase : public TestCase
{
public:
    /// \param name test name
    explicit FirewallTestCase(const std::string& name)
        : TestCase(name)
    {
    }

protected:
    /// Build the network (R routes the inside networks to BOX).
    void Setup()
    {
        net = std::make_unique<MiddleboxTestNet>();
        net->RouteInsideFromOutside();
        drops.clear();
    }

    /// Install \p helper's firewall on \p node and record its drops.
    Ptr<Ipv4Firewall> Install(const FirewallHelper& helper, Ptr<Node> node)
    {
        Ptr<Ipv4Firewall> fw = helper.Install(node);
        fw->TraceConnectWithoutContext("Drop", MakeCallback(&FirewallTestCase::OnDrop, this));
        return fw;
    }

    /// End of a test.
    void Teardown()
    {
        Simulator::Destroy();
        net.reset();
    }

    /// \return the drops as "index:rule" list
    std::string DropText() const
    {
        std::ostringstream os;
        for (size_t i = 0; i < drops.size(); ++i)
        {
            os << (i ? " | " : "") << drops[i].index << ":" << drops[i].rule;
        }
        return os.str();
    }

    std::unique_ptr<MiddleboxTestNet> net; //!< network
    std::vector<FwDrop> drops;             //!< Drop trace

private:
    void OnDrop(Ptr<const Packet> p, const Ipv4Header& h, int32_t index, const std::string& rule)
    {
        drops.push_back(FwDrop{Simulator::Now(), index, rule, h});
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The rule text form: parse, print, and the error for each kind of mistake.
 */
class FirewallRuleTextTestCase : public TestCase
{
public:
    FirewallRuleTextTestCase()
        : TestCase("rule text form: parse, print and errors")
    {
    }

private:
    void DoRun() override
    {
        std::string error;
        Ipv4FirewallRule r = Ipv4FirewallRule::Parse(
            "allow proto udp from 10.1.2.3/8 to 198.51.100.0/24 sport 1000-2000 dport 53 in 2 "
            "name dns",
            error);
        NS_TEST_EXPECT_MSG_EQ(error, "", "no error");
        NS_TEST_EXPECT_MSG_EQ(r.action, Ipv4FirewallRule::ALLOW, "action");
        NS_TEST_EXPECT_MSG_EQ(unsigned(r.protocol), 17, "protocol");
        NS_TEST_EXPECT_MSG_EQ(r.source, Ipv4Address("10.0.0.0"), "source masked");
        NS_TEST_EXPECT_MSG_EQ(r.sourceMask, Ipv4Mask("255.0.0.0"), "source mask");
        NS_TEST_EXPECT_MSG_EQ(r.srcPortMin, 1000, "sport min");
        NS_TEST_EXPECT_MSG_EQ(r.srcPortMax, 2000, "sport max");
        NS_TEST_EXPECT_MSG_EQ(r.dstPortMin, 53, "dport min");
        NS_TEST_EXPECT_MSG_EQ(r.dstPortMax, 53, "dport max");
        NS_TEST_EXPECT_MSG_EQ(r.inInterface, 2, "in");
        NS_TEST_EXPECT_MSG_EQ(r.ToString(),
                              "allow proto udp from 10.0.0.0/8 to 198.51.100.0/24 sport "
                              "1000-2000 dport 53 in 2 name dns",
                              "printed");
        NS_TEST_EXPECT_MSG_EQ(Ipv4FirewallRule::Parse("deny", error).ToString(), "deny", "bare");
        NS_TEST_EXPECT_MSG_EQ(Ipv4FirewallRule::Parse("deny proto 47 to any", error).ToString(),
                              "deny proto 47", "numeric protocol, any");
        NS_TEST_EXPECT_MSG_EQ(
            Ipv4FirewallRule::Allow().SetProtocol(6).SetDestinationPorts(80, 80).ToString(),
            "allow proto tcp dport 80", "builder");
        const std::pair<const char*, const char*> bad[] = {
            {"permit proto udp", "a rule starts with 'allow' or 'deny'"},
            {"allow proto xyz", "proto 'xyz' (expected udp, tcp, icmp, esp, any or 0-255)"},
            {"allow from 10.0.0.300/8", "from '10.0.0.300/8' (expected A.B.C.D/LEN or any)"},
            {"allow to 10.0.0.0/33", "to '10.0.0.0/33' (expected A.B.C.D/LEN or any)"},
            {"allow dport 5-3", "dport '5-3' (expected PORT or LO-HI within 0-65535)"},
            {"allow sport 70000", "sport '70000' (expected PORT or LO-HI within 0-65535)"},
            {"allow sport", "'sport' needs a value"},
            {"allow bogus 1",
             "unknown key 'bogus' (expected proto, from, to, sport, dport, in, name)"},
        };
        for (const auto& b : bad)
        {
            Ipv4FirewallRule::Parse(b.first, error);
            NS_TEST_EXPECT_MSG_EQ(error, b.second, b.first);
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The first matching rule decides; rule order changes the outcome.
 */
class FirewallRuleOrderTestCase : public FirewallTestCase
{
public:
    /// \param denyFirst deny rule before the allow rule
    explicit FirewallRuleOrderTestCase(bool denyFirst)
        : FirewallTestCase(std::string("first matching rule decides (")
                           + (denyFirst ? "deny, allow" : "allow, deny") + ")")
        , m_denyFirst(denyFirst)
    {
    }

private:
    void DoRun() override
    {
        Setup();
        FirewallHelper helper;
        if (m_denyFirst)
        {
            helper.AddRule("deny proto udp dport 7000");
            helper.AddRule("allow proto udp");
        }
        else
        {
            helper.AddRule("allow proto udp");
            helper.AddRule("deny proto udp dport 7000");
        }
        Ptr<Ipv4Firewall> fw = Install(helper, net->box);
        std::vector<ProbeRx> y, dummy;
        MiddleboxTestNet::Udp(net->y1, 7000, &y);
        MiddleboxTestNet::Udp(net->y1, 7001, &y);
        Ptr<Socket> s = MiddleboxTestNet::Udp(net->x1, 5000, &dummy);
        MiddleboxTestNet::SendUdp(Seconds(1), s, net->y1Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(2), s, net->y1Addr, 7001);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        if (m_denyFirst)
        {
            NS_TEST_EXPECT_MSG_EQ(Sources(y), "192.168.1.2:5000", "only port 7001 passes");
            NS_TEST_EXPECT_MSG_EQ(DropText(), "0:deny proto udp dport 7000", "the deny rule");
            NS_TEST_EXPECT_MSG_EQ(fw->GetRuleHits(0), 1, "rule 0 hits");
            NS_TEST_EXPECT_MSG_EQ(fw->GetRuleHits(1), 1, "rule 1 hits");
            NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().deniedByRule, 1, "denied by rule");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(y.size(), 2, "both pass");
            NS_TEST_EXPECT_MSG_EQ(drops.size(), 0, "no drops");
            NS_TEST_EXPECT_MSG_EQ(fw->GetRuleHits(0), 2, "rule 0 decides both");
            NS_TEST_EXPECT_MSG_EQ(fw->GetRuleHits(1), 0, "rule 1 never reached");
        }
        NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().allowedByRule, (m_denyFirst ? 1 : 2), "allowed");
        Teardown();
    }

    bool m_denyFirst; //!< order
};

/**
 * \ingroup l2tp-tests
 * \brief Without rules, DefaultPolicy decides every packet, both directions.
 */
class FirewallDefaultPolicyTestCase : public FirewallTestCase
{
public:
    /// \param allow DefaultPolicy=Allow (else Deny)
    explicit FirewallDefaultPolicyTestCase(bool allow)
        : FirewallTestCase(std::string("default policy ") + (allow ? "Allow" : "Deny"))
        , m_allow(allow)
    {
    }

private:
    void DoRun() override
    {
        Setup();
        FirewallHelper helper;
        helper.SetAttribute("DefaultPolicy", StringValue(m_allow ? "Allow" : "Deny"));
        Ptr<Ipv4Firewall> fw = Install(helper, net->box);
        std::vector<ProbeRx> x, y;
        Ptr<Socket> sx = MiddleboxTestNet::Udp(net->x1, 5000, &x);
        Ptr<Socket> sy = MiddleboxTestNet::Udp(net->y1, 7000, &y);
        MiddleboxTestNet::SendUdp(Seconds(1), sx, net->y1Addr, 7000);
        MiddleboxTestNet::SendUdp(Seconds(2), sy, net->x1Addr, 5000);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        if (m_allow)
        {
            NS_TEST_EXPECT_MSG_EQ(x.size() + y.size(), 2, "both pass");
            NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().allowedByDefault, 2, "by default");
            NS_TEST_EXPECT_MSG_EQ(drops.size(), 0, "no drops");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(x.size() + y.size(), 0, "both dropped");
            NS_TEST_EXPECT_MSG_EQ(DropText(), "-1:default deny | -1:default deny", "drops");
            NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().deniedByDefault, 2, "by default");
        }
        Teardown();
    }

    bool m_allow; //!< policy
};

/**
 * \ingroup l2tp-tests
 * \brief Source prefix, protocol, port range boundaries and input interface.
 */
class FirewallMatchTestCase : public FirewallTestCase
{
public:
    FirewallMatchTestCase()
        : FirewallTestCase("prefix, protocol, port range boundaries and input interface")
    {
    }

private:
    void DoRun() override
    {
        Setup();
        FirewallHelper helper;
        helper.AddRule("deny proto udp from 192.168.2.0/24 dport 1000-2000 name x2");
        helper.AddRule("allow proto udp dport 1000-2000");
        helper.AddRule("allow proto tcp dport 3000");
        helper.AddRule("allow proto udp sport 6000 in " + std::to_string(net->boxX1If));
        Ptr<Ipv4Firewall> fw = Install(helper, net->box);
        std::vector<ProbeRx> y, dummy, icmp;
        for (uint16_t port : {999, 1000, 2000, 2001, 1500, 3000})
        {
            MiddleboxTestNet::Udp(net->y1, port, &y);
        }
        MiddleboxTestNet::Raw(net->y1, 1, &icmp);
        Ptr<Socket> a = MiddleboxTestNet::Udp(net->x1, 5000, &dummy);
        Ptr<Socket> b = MiddleboxTestNet::Udp(net->x2, 5000, &dummy);
        Ptr<Socket> c = MiddleboxTestNet::Udp(net->x1, 6000, &dummy);
        Ptr<Socket> d = MiddleboxTestNet::Udp(net->x2, 6000, &dummy);
        Ptr<Socket> ping = MiddleboxTestNet::Raw(net->x1, 1, &dummy);
        MiddleboxTestNet::SendUdp(Seconds(1.0), a, net->y1Addr, 999);
        MiddleboxTestNet::SendUdp(Seconds(1.1), a, net->y1Addr, 1000);
        MiddleboxTestNet::SendUdp(Seconds(1.2), a, net->y1Addr, 2000);
        MiddleboxTestNet::SendUdp(Seconds(1.3), a, net->y1Addr, 2001);
        MiddleboxTestNet::SendUdp(Seconds(1.4), b, net->y1Addr, 1500);
        MiddleboxTestNet::SendUdp(Seconds(1.5), c, net->y1Addr, 3000);
        MiddleboxTestNet::SendUdp(Seconds(1.6), d, net->y1Addr, 3000);
        MiddleboxTestNet::SendRaw(Seconds(1.7), ping, net->y1Addr,
                                  MiddleboxTestNet::IcmpEcho(1, 1));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(Sources(y), "192.168.1.2:5000 192.168.1.2:5000 192.168.1.2:6000",
                              "ports 1000, 2000 and X1's 6000 -> 3000 pass");
        NS_TEST_EXPECT_MSG_EQ((y[0].time < y[1].time), true, "in order");
        NS_TEST_EXPECT_MSG_EQ(icmp.size(), 0, "ICMP matches no port rule: default deny");
        std::string in = std::to_string(net->boxX1If);
        NS_TEST_EXPECT_MSG_EQ(drops[3].ip.GetSource(), net->x2Addr, "X2 -> 3000 by interface");
        NS_TEST_EXPECT_MSG_EQ(DropText(),
                              "-1:default deny | -1:default deny | 0:deny proto udp from "
                              "192.168.2.0/24 dport 1000-2000 name x2 | -1:default deny | "
                              "-1:default deny",
                              "999, 2001, X2 to 1500, X2 from the wrong interface, ICMP");
        NS_TEST_EXPECT_MSG_EQ(fw->GetRuleHits(1), 2, "range rule");
        NS_TEST_EXPECT_MSG_EQ(fw->GetRuleHits(2), 0, "TCP rule never matches UDP");
        NS_TEST_EXPECT_MSG_EQ(fw->GetRuleHits(3), 1, "interface rule");
        NS_TEST_EXPECT_MSG_EQ(fw->GetRule(3).ToString(), "allow proto udp sport 6000 in " + in,
                              "rule 3");
        Teardown();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Stateful mode: with only "allow in <X1's interface>" and default deny, replies to
 *        X1's UDP, ICMP echo and TCP flows and related ICMP errors pass, unsolicited packets
 *        and replies after UdpTimeout do not. Stateless, every inbound packet is dropped.
 */
class FirewallStatefulTestCase : public FirewallTestCase
{
public:
    /// \param stateful Stateful attribute
    explicit FirewallStatefulTestCase(bool stateful)
        : FirewallTestCase(std::string(stateful ? "stateful" : "stateless")
                           + ": replies to outbound flows")
        , m_stateful(stateful)
    {
    }

private:
    void Accept(Ptr<Socket> s, const Address& from)
    {
        s->SetRecvCallback(MakeCallback(&FirewallStatefulTestCase::TcpRecv, this));
    }

    void TcpRecv(Ptr<Socket> s)
    {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            m_tcpBytes += p->GetSize();
        }
    }

    void DoRun() override
    {
        Setup();
        FirewallHelper helper;
        helper.SetAttribute("Stateful", StringValue(m_stateful ? "true" : "false"));
        helper.SetAttribute("UdpTimeout", StringValue("30s"));
        helper.AddRule("allow in " + std::to_string(net->boxX1If) + " name inside");
        Ptr<Ipv4Firewall> fw = Install(helper, net->box);
        std::vector<ProbeRx> x5000, x5001, x5002, xicmp, y, dummy;
        Ptr<Socket> s0 = MiddleboxTestNet::Udp(net->x1, 5000, &x5000);
        Ptr<Socket> s1 = MiddleboxTestNet::Udp(net->x1, 5001, &x5001);
        Ptr<Socket> s2 = MiddleboxTestNet::Udp(net->x1, 5002, &x5002);
        Ptr<Socket> ping = MiddleboxTestNet::Raw(net->x1, 1, &xicmp);
        MiddleboxTestNet::UdpEcho(net->y1, 7000, &y);
        Ptr<Socket> y7001 = MiddleboxTestNet::Udp(net->y1, 7001, &y);
        Ptr<Socket> y2 = MiddleboxTestNet::Udp(net->y2, 7000, &dummy);
        MiddleboxTestNet::SendUdp(Seconds(1), s0, net->y1Addr, 7000); // echoed back
        MiddleboxTestNet::SendUdp(Seconds(2), y2, net->x1Addr, 5000); // unsolicited
        MiddleboxTestNet::SendRaw(Seconds(3), ping, net->y1Addr, MiddleboxTestNet::IcmpEcho(9, 1));
        MiddleboxTestNet::SendUdp(Seconds(4), s2, net->y1Addr, 9999); // port unreachable
        MiddleboxTestNet::SendUdp(Seconds(10), s1, net->y1Addr, 7001);
        MiddleboxTestNet::SendUdp(Seconds(35), y7001, net->x1Addr, 5001); // within 30 s
        // That reply refreshed the flow (to about 65 s): this one comes after its timeout.
        MiddleboxTestNet::SendUdp(Seconds(70), y7001, net->x1Addr, 5001);
        if (m_stateful)
        {
            Ptr<Socket> listen = Socket::CreateSocket(net->y1, TcpSocketFactory::GetTypeId());
            listen->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
            listen->Listen();
            listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeCallback(&FirewallStatefulTestCase::Accept, this));
            Ptr<Socket> client = Socket::CreateSocket(net->x1, TcpSocketFactory::GetTypeId());
            Simulator::Schedule(Seconds(5),
                                [client, this]()
                                {
                                    client->Connect(InetSocketAddress(net->y1Addr, 80));
                                    client->Send(Create<Packet>(5000));
                                });
        }
        Simulator::Stop(Seconds(75));
        Simulator::Run();
        uint32_t echoReplies = 0;
        uint32_t errors = 0;
        for (const auto& rx : xicmp)
        {
            echoReplies += rx.data[0] == 0 ? 1 : 0;
            errors += rx.data[0] == 3 ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(y.size(), 2, "X1's packets reach Y1 either way");
        if (m_stateful)
        {
            NS_TEST_EXPECT_MSG_EQ(Sources(x5000), "198.51.100.1:7000", "UDP reply");
            NS_TEST_EXPECT_MSG_EQ(echoReplies, 1, "ICMP echo reply");
            NS_TEST_EXPECT_MSG_EQ(errors, 1, "related ICMP error");
            NS_TEST_EXPECT_MSG_EQ(m_tcpBytes, 5000, "TCP transfer");
            NS_TEST_EXPECT_MSG_EQ(Sources(x5001), "198.51.100.1:7001", "reply within timeout");
            NS_TEST_EXPECT_MSG_EQ(DropText(), "-1:default deny | -1:default deny",
                                  "unsolicited, and the reply after the timeout");
            NS_TEST_EXPECT_MSG_EQ(drops[0].ip.GetSource(), net->y2Addr, "unsolicited");
            NS_TEST_EXPECT_MSG_EQ((drops[1].time > Seconds(70)), true, "late reply");
            // Flows: UDP to 7000, ICMP echo 9, UDP to 9999, TCP, UDP to 7001; all but TCP expire
            // (UDP 30 s, ICMP 60 s after their last packet) before 75 s.
            NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().flowsCreated, 5, "flows created");
            NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().flowsExpired, 4, "flows expired");
            NS_TEST_EXPECT_MSG_EQ(fw->GetNFlows(), 1, "the TCP flow remains");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(x5000.size() + x5001.size() + echoReplies + errors, 0,
                                  "nothing comes back");
            NS_TEST_EXPECT_MSG_EQ(drops.size(), 6, "every inbound packet");
            NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().allowedByState, 0, "no state");
        }
        Teardown();
    }

    bool m_stateful;        //!< mode
    uint32_t m_tcpBytes{0}; //!< TCP bytes at Y1
};

/**
 * \ingroup l2tp-tests
 * \brief A host firewall (on Y1 itself): default deny, stateful; the host's own flows are
 *        tracked, so their replies pass, and unsolicited packets do not.
 */
class FirewallHostTestCase : public FirewallTestCase
{
public:
    FirewallHostTestCase()
        : FirewallTestCase("host firewall tracks the host's own flows")
    {
    }

private:
    void DoRun() override
    {
        Setup();
        FirewallHelper helper;
        helper.SetAttribute("Stateful", StringValue("true"));
        Ptr<Ipv4Firewall> fw = Install(helper, net->y1);
        std::vector<ProbeRx> x, y;
        MiddleboxTestNet::UdpEcho(net->x1, 5000, &x);
        Ptr<Socket> sy = MiddleboxTestNet::Udp(net->y1, 7000, &y);
        Ptr<Socket> sx2 = MiddleboxTestNet::Udp(net->x2, 6000, &x);
        MiddleboxTestNet::SendUdp(Seconds(1), sy, net->x1Addr, 5000);
        MiddleboxTestNet::SendUdp(Seconds(2), sx2, net->y1Addr, 7000);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(Sources(y), "192.168.1.2:5000", "the echo of Y1's own packet");
        NS_TEST_EXPECT_MSG_EQ(DropText(), "-1:default deny", "X2's unsolicited packet");
        NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().flowsCreated, 1, "Y1's flow");
        NS_TEST_EXPECT_MSG_EQ(fw->GetCounters().allowedByState, 1, "the echo");
        Teardown();
    }
};

/**
 * \ingroup l2tp-tests
 * \brief The Ipv4Firewall test suite.
 */
class L2tpFirewallTestSuite : public TestSuite
{
public:
    L2tpFirewallTestSuite()
        : TestSuite("l2tp-firewall", TestSuite::Type::UNIT)
    {
        AddTestCase(new FirewallRuleTextTestCase);
        AddTestCase(new FirewallRuleOrderTestCase(true));
        AddTestCase(new FirewallRuleOrderTestCase(false));
        AddTestCase(new FirewallDefaultPolicyTestCase(false));
        AddTestCase(new FirewallDefaultPolicyTestCase(true));
        AddTestCase(new FirewallMatchTestCase);
        AddTestCase(new FirewallStatefulTestCase(true));
        AddTestCase(new FirewallStatefulTestCase(false));
        AddTestCase(new FirewallHostTestCase);
    }
};

static L2tpFirewallTestSuite g_l2tpFirewallTestSuite; //!< static instance

} // namespace
