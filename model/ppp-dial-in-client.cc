/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-dial-in-client.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include "ppp-lcp.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppDialInClient");
NS_OBJECT_ENSURE_REGISTERED(PppDialInClient);

TypeId
PppDialInClient::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppDialInClient")
              .SetParent<Application>()
              .SetGroupName("L2tp")
              .AddConstructor<PppDialInClient>()
              .AddAttribute("Username", "PPP user name", StringValue("user"),
                            MakeStringAccessor(&PppDialInClient::m_user), MakeStringChecker())
              .AddAttribute("Password", "PPP password (PAP) or secret (CHAP)", StringValue(""),
                            MakeStringAccessor(&PppDialInClient::m_password), MakeStringChecker())
              .AddAttribute("DefaultRoute", "Add a default route through the link when IPCP opens",
                            BooleanValue(true),
                            MakeBooleanAccessor(&PppDialInClient::m_defaultRoute),
                            MakeBooleanChecker())
              .AddAttribute("Mtu", "MTU of the PPP interface", UintegerValue(1500),
                            MakeUintegerAccessor(&PppDialInClient::m_mtu),
                            MakeUintegerChecker<uint16_t>(68))
              .AddAttribute("Redial", "Dial again when the link died", BooleanValue(false),
                            MakeBooleanAccessor(&PppDialInClient::m_redial), MakeBooleanChecker())
              .AddAttribute("RedialDelay", "Wait before dialling again", TimeValue(Seconds(5)),
                            MakeTimeAccessor(&PppDialInClient::m_redialDelay), MakeTimeChecker())
              .AddTraceSource("LinkUp", "IPCP opened and the address is in place (local, peer)",
                              MakeTraceSourceAccessor(&PppDialInClient::m_upTrace),
                              "ns3::PppEndpoint::AddressTracedCallback")
              .AddTraceSource("LinkDown", "The PPP link died (phase Dead)",
                              MakeTraceSourceAccessor(&PppDialInClient::m_downTrace),
                              "ns3::TracedValueCallback::Void");
    return tid;
}

PppDialInClient::PppDialInClient()
{
    m_endpoint = CreateObject<PppEndpoint>();
    m_endpoint->SetRole(PppEndpoint::CLIENT);
    m_endpoint->TraceConnectWithoutContext("LcpState",
                                           MakeCallback(&PppDialInClient::LcpState, this));
    m_endpoint->TraceConnectWithoutContext("AddressAssigned",
                                           MakeCallback(&PppDialInClient::Address, this));
    m_endpoint->TraceConnectWithoutContext("Phase", MakeCallback(&PppDialInClient::Phase, this));
}

PppDialInClient::~PppDialInClient() = default;

void
PppDialInClient::DoDispose()
{
    if (m_endpoint != nullptr)
    {
        m_endpoint->Dispose();
        m_endpoint = nullptr;
    }
    if (m_iface != nullptr)
    {
        m_iface->Dispose();
        m_iface = nullptr;
    }
    m_serial = nullptr;
    Application::DoDispose();
}

void
PppDialInClient::DoInitialize()
{
    m_iface = Create<PppClientInterface>(GetNode(), m_mtu);
    m_iface->SetEndpoint(m_endpoint);
    Application::DoInitialize();
}

void
PppDialInClient::SetDevice(Ptr<PppSerialNetDevice> dev)
{
    m_serial = dev;
}

Ptr<PppSerialNetDevice>
PppDialInClient::GetSerialDevice() const
{
    return m_serial;
}

Ptr<PppNetDevice>
PppDialInClient::GetDevice() const
{
    return m_iface == nullptr ? nullptr : m_iface->GetDevice();
}

Ptr<PppEndpoint>
PppDialInClient::GetEndpoint() const
{
    return m_endpoint;
}

int32_t
PppDialInClient::GetInterface() const
{
    return m_iface == nullptr ? -1 : m_iface->GetInterface();
}

int64_t
PppDialInClient::AssignStreams(int64_t stream)
{
    return m_endpoint->AssignStreams(stream);
}

void
PppDialInClient::StartApplication()
{
    NS_ABORT_MSG_IF(m_serial == nullptr, "PppDialInClient: call SetDevice() before the start");
    m_endpoint->SetAttribute("Username", StringValue(m_user));
    m_endpoint->SetAttribute("Password", StringValue(m_password));
    m_endpoint->SetSendCallback(MakeCallback(&PppSerialNetDevice::SendFrame, m_serial));
    m_serial->SetFrameReceiveCallback(MakeCallback(&PppEndpoint::Receive, m_endpoint));
    m_running = true;
    Dial();
}

void
PppDialInClient::Dial()
{
    if (m_running)
    {
        NS_LOG_INFO("dialling as " << m_user);
        m_endpoint->Start();
    }
}

void
PppDialInClient::StopApplication()
{
    m_running = false;
    m_endpoint->Stop("User request");
}

void
PppDialInClient::LcpState(PppFsm::State from, PppFsm::State to)
{
    if (to == PppFsm::OPENED)
    {
        // RFC 1662 7.1: from now on escape what the peer asked for; expect our own map.
        Ptr<PppLcp> lcp = m_endpoint->GetLcp();
        m_serial->SetTxAccm(lcp->GetTxAccm());
        UintegerValue rx;
        BooleanValue asked;
        lcp->GetAttribute("Accm", rx);
        lcp->GetAttribute("RequestAccm", asked);
        m_serial->SetRxAccm(asked.Get() ? static_cast<uint32_t>(rx.Get()) : PppHdlc::DEFAULT_ACCM);
    }
    else if (from == PppFsm::OPENED)
    {
        m_serial->SetTxAccm(PppHdlc::DEFAULT_ACCM);
        m_serial->SetRxAccm(PppHdlc::DEFAULT_ACCM);
    }
}

void
PppDialInClient::Address(Ipv4Address local, Ipv4Address peer)
{
    m_iface->Up(local);
    if (m_defaultRoute)
    {
        m_iface->GetRouting()->AddNetworkRouteTo(Ipv4Address("0.0.0.0"), Ipv4Mask("0.0.0.0"),
                                                 m_iface->GetInterface());
    }
    NS_LOG_INFO("dial-in link up: " << local << " peer " << peer);
    m_upTrace(local, peer);
}

void
PppDialInClient::Phase(const std::string& phase)
{
    if (phase != PppEndpoint::PhaseName(PppEndpoint::DEAD))
    {
        return;
    }
    if (m_iface != nullptr && m_iface->IsUp())
    {
        m_iface->Down();
    }
    m_downTrace();
    if (m_redial && m_running)
    {
        Simulator::Schedule(m_redialDelay, &PppDialInClient::Dial, this);
    }
}

} // namespace ns3
