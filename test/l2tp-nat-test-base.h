/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The NAT test suites' common base: the middlebox test network with an Ipv4Nat on BOX, its
 * trace events recorded, and small renderers for exact comparisons.
 */
#ifndef L2TP_NAT_TEST_BASE_H
#define L2TP_NAT_TEST_BASE_H

#include "l2tp-middlebox-test-net.h"
#include "l2tp-test-util.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-nat.h"
#include "ns3/ipv4-transport-fields.h"
#include "ns3/ipv4.h"
#include "ns3/nat-helper.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/test.h"

#include <map>
#include <memory>
#include <sstream>

namespace ns3
{
namespace l2tptest
{

/// Render received datagrams as "addr:port" list for exact comparison.
inline std::string
Sources(const std::vector<ProbeRx>& log)
{
    std::ostringstream os;
    for (size_t i = 0; i < log.size(); ++i)
    {
        os << (i ? " " : "") << log[i].from << ":" << log[i].port;
    }
    return os.str();
}

/// Render the drop reasons in order.
inline std::string
Reasons(const std::vector<std::pair<Time, Ipv4Nat::DropReason>>& drops)
{
    std::ostringstream os;
    for (size_t i = 0; i < drops.size(); ++i)
    {
        os << (i ? " " : "") << Ipv4Nat::DropReasonName(drops[i].second);
    }
    return os.str();
}

inline uint16_t
Get16(const std::vector<uint8_t>& b, size_t off)
{
    return uint16_t(b[off] << 8 | b[off + 1]);
}

/**
 * \ingroup l2tp-tests
 * \brief Base: the test network with a NAT on BOX and its trace events recorded.
 */
class NatTestCase : public TestCase
{
public:
    /// \param name test name
    explicit NatTestCase(const std::string& name)
        : TestCase(name)
    {
    }

protected:
    /// Attribute settings as name, value text.
    typedef std::vector<std::pair<std::string, std::string>> Attributes;

    /// Build the network and install the NAT with \p attributes.
    void Setup(const Attributes& attributes)
    {
        net = std::make_unique<MiddleboxTestNet>();
        created.clear();
        refreshed.clear();
        expired.clear();
        drops.clear();
        dropSources.clear();
        translatedIn.clear();
        translatedOut.clear();
        NatHelper helper;
        for (const auto& a : attributes)
        {
            helper.SetAttribute(a.first, StringValue(a.second));
        }
        nat = helper.Install(net->box, net->boxOutside);
        nat->TraceConnectWithoutContext("MappingCreated",
                                        MakeCallback(&NatTestCase::OnCreated, this));
        nat->TraceConnectWithoutContext("MappingRefreshed",
                                        MakeCallback(&NatTestCase::OnRefreshed, this));
        nat->TraceConnectWithoutContext("MappingExpired",
                                        MakeCallback(&NatTestCase::OnExpired, this));
        nat->TraceConnectWithoutContext("PacketDropped",
                                        MakeCallback(&NatTestCase::OnDropped, this));
        nat->TraceConnectWithoutContext("PacketTranslated",
                                        MakeCallback(&NatTestCase::OnTranslated, this));
    }

    /// End of a test: destroy the simulation and the network.
    void Teardown()
    {
        Simulator::Destroy();
        nat = nullptr;
        net.reset();
    }

    std::unique_ptr<MiddleboxTestNet> net;                   //!< network
    Ptr<Ipv4Nat> nat;                                        //!< the NAT
    std::vector<std::pair<Time, Ipv4NatMapping>> created;    //!< MappingCreated
    std::vector<std::pair<Time, Ipv4NatMapping>> refreshed;  //!< MappingRefreshed
    std::vector<std::pair<Time, Ipv4NatMapping>> expired;    //!< MappingExpired
    std::vector<std::pair<Time, Ipv4Nat::DropReason>> drops; //!< PacketDropped
    std::vector<Ipv4Address> dropSources;                    //!< sources of dropped packets
    std::vector<std::pair<Time, Ipv4Header>> translatedIn;   //!< PacketTranslated, to inside
    std::vector<std::pair<Time, Ipv4Header>> translatedOut;  //!< PacketTranslated, to outside

private:
    void OnCreated(const Ipv4NatMapping& m) { created.emplace_back(Simulator::Now(), m); }

    void OnRefreshed(const Ipv4NatMapping& m) { refreshed.emplace_back(Simulator::Now(), m); }

    void OnExpired(const Ipv4NatMapping& m) { expired.emplace_back(Simulator::Now(), m); }

    void OnDropped(Ptr<const Packet> p, const Ipv4Header& h, Ipv4Nat::DropReason reason)
    {
        drops.emplace_back(Simulator::Now(), reason);
        dropSources.push_back(h.GetSource());
    }

    void OnTranslated(Ptr<const Packet> p, const Ipv4Header& before, const Ipv4Header& after)
    {
        if (nat->GetPublicAddresses()[0] == after.GetSource())
        {
            translatedOut.emplace_back(Simulator::Now(), after);
        }
        else
        {
            translatedIn.emplace_back(Simulator::Now(), after);
        }
    }
};

} // namespace l2tptest
} // namespace ns3

#endif // L2TP_NAT_TEST_BASE_H
