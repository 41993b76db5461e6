/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-ipcp.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include "ppp-frame.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppIpcp");
NS_OBJECT_ENSURE_REGISTERED(PppIpcp);

TypeId
PppIpcp::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppIpcp")
              .SetParent<PppFsm>()
              .SetGroupName("L2tp")
              .AddConstructor<PppIpcp>()
              .AddAttribute("RequestDns",
                            "Client: ask for primary and secondary DNS servers (RFC 1877)",
                            BooleanValue(true), MakeBooleanAccessor(&PppIpcp::m_requestDns),
                            MakeBooleanChecker())
              .AddAttribute("RequestNbns",
                            "Client: ask for primary and secondary NBNS servers (RFC 1877)",
                            BooleanValue(false), MakeBooleanAccessor(&PppIpcp::m_requestNbns),
                            MakeBooleanChecker())
              .AddTraceSource("AddressRefused",
                              "The server could not give the peer an address (reason)",
                              MakeTraceSourceAccessor(&PppIpcp::m_refusedTrace),
                              "ns3::PppFsm::TextTracedCallback");
    return tid;
}

PppIpcp::PppIpcp() {}

void
PppIpcp::DoDispose()
{
    ReleaseAddress();
    m_pool = nullptr;
    PppFsm::DoDispose();
}

uint16_t
PppIpcp::GetProtocol() const
{
    return PppFrame::PROTO_IPCP;
}

void
PppIpcp::SetServer(Ipv4Address local, Ptr<PppAddressPool> pool)
{
    m_server = true;
    m_local = local.Get();
    m_pool = pool;
}

void
PppIpcp::SetNameServers(Ipv4Address dns1, Ipv4Address dns2, Ipv4Address nbns1, Ipv4Address nbns2)
{
    m_ns[0] = dns1.Get();
    m_ns[1] = nbns1.Get();
    m_ns[2] = dns2.Get();
    m_ns[3] = nbns2.Get();
}

int
PppIpcp::NsIndex(uint8_t type)
{
    return (type >= OPT_PRIMARY_DNS && type <= OPT_SECONDARY_NBNS) ? type - OPT_PRIMARY_DNS : -1;
}

void
PppIpcp::ThisLayerStarted()
{
    if (!m_server)
    {
        m_wantAddress = true;
        m_local = 0;
        for (int i = 0; i < 4; ++i)
        {
            const bool dns = (i % 2) == 0;
            m_wantNs[i] = dns ? m_requestDns : m_requestNbns;
            m_ns[i] = 0;
        }
    }
    PppFsm::ThisLayerStarted();
}

void
PppIpcp::ThisLayerFinished()
{
    ReleaseAddress();
    PppFsm::ThisLayerFinished();
}

void
PppIpcp::ReleaseAddress()
{
    if (m_server && m_assigned && m_pool)
    {
        m_pool->Release(Ipv4Address(m_peer));
    }
    if (m_server)
    {
        m_assigned = false;
        m_peer = 0;
    }
}

std::vector<PppOption>
PppIpcp::BuildConfigureRequest()
{
    std::vector<PppOption> o;
    if (m_server || m_wantAddress)
    {
        o.push_back(PppOption::U32(OPT_IP_ADDRESS, m_local));
    }
    if (!m_server)
    {
        for (uint8_t t : {OPT_PRIMARY_DNS, OPT_PRIMARY_NBNS, OPT_SECONDARY_DNS, OPT_SECONDARY_NBNS})
        {
            if (m_wantNs[NsIndex(t)])
            {
                o.push_back(PppOption::U32(t, m_ns[NsIndex(t)]));
            }
        }
    }
    return o;
}

uint8_t
PppIpcp::CheckConfigureRequest(const std::vector<PppOption>& request, std::vector<PppOption>& reply)
{
    std::vector<PppOption> nak;
    std::vector<PppOption> rej;
    uint32_t peer = 0;
    for (const auto& o : request)
    {
        uint32_t v = 0;
        if (!o.GetU32(v))
        {
            rej.push_back(o);
            continue;
        }
        if (o.type == OPT_IP_ADDRESS)
        {
            if (!m_server)
            {
                if (v == 0)
                {
                    rej.push_back(o); // we have no address to give the server
                }
                peer = v;
                continue;
            }
            if (!m_assigned)
            {
                Ipv4Address a;
                if (v != 0 && m_pool && m_pool->AllocateSpecific(Ipv4Address(v)))
                {
                    m_peer = v;
                    m_assigned = true;
                }
                else if (m_pool && m_pool->Allocate(a))
                {
                    m_peer = a.Get();
                    m_assigned = true;
                }
                else
                {
                    const std::string reason = "address pool exhausted";
                    NS_LOG_INFO("IPCP: " << reason);
                    m_refusedTrace(reason);
                    rej.push_back(o);
                    Close(reason);
                    continue;
                }
            }
            if (v != m_peer)
            {
                nak.push_back(PppOption::U32(OPT_IP_ADDRESS, m_peer));
            }
            peer = m_peer;
        }
        else if (NsIndex(o.type) >= 0 && m_server)
        {
            const uint32_t have = m_ns[NsIndex(o.type)];
            if (have == 0)
            {
                rej.push_back(o);
            }
            else if (v != have)
            {
                nak.push_back(PppOption::U32(o.type, have));
            }
        }
        else
        {
            rej.push_back(o);
        }
    }
    if (!rej.empty())
    {
        reply = rej;
        return PppControlPacket::CONFIGURE_REJECT;
    }
    if (!nak.empty())
    {
        reply = nak;
        return PppControlPacket::CONFIGURE_NAK;
    }
    if (!m_server)
    {
        m_peer = peer;
    }
    return PppControlPacket::CONFIGURE_ACK;
}

void
PppIpcp::ConfigureNaked(const std::vector<PppOption>& options)
{
    for (const auto& o : options)
    {
        uint32_t v;
        if (!o.GetU32(v) || m_server)
        {
            continue;
        }
        if (o.type == OPT_IP_ADDRESS)
        {
            m_local = v;
        }
        else if (NsIndex(o.type) >= 0)
        {
            m_ns[NsIndex(o.type)] = v;
        }
    }
}

void
PppIpcp::ConfigureRejected(const std::vector<PppOption>& options)
{
    for (const auto& o : options)
    {
        if (o.type == OPT_IP_ADDRESS)
        {
            m_wantAddress = false;
            if (!m_server)
            {
                Close(std::string("peer refused to assign an IP address"));
            }
        }
        else if (NsIndex(o.type) >= 0)
        {
            m_wantNs[NsIndex(o.type)] = false;
        }
    }
}

Ipv4Address
PppIpcp::GetLocalAddress() const
{
    return Ipv4Address(m_local);
}

Ipv4Address
PppIpcp::GetPeerAddress() const
{
    return Ipv4Address(m_peer);
}

Ipv4Address
PppIpcp::GetPrimaryDns() const
{
    return Ipv4Address(m_ns[0]);
}

Ipv4Address
PppIpcp::GetSecondaryDns() const
{
    return Ipv4Address(m_ns[2]);
}

Ipv4Address
PppIpcp::GetPrimaryNbns() const
{
    return Ipv4Address(m_ns[1]);
}

Ipv4Address
PppIpcp::GetSecondaryNbns() const
{
    return Ipv4Address(m_ns[3]);
}

} // namespace ns3
