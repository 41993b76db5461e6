/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-application.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpApplication");
NS_OBJECT_ENSURE_REGISTERED(L2tpApplication);

TypeId
L2tpApplication::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::L2tpApplication")
              .SetParent<Application>()
              .SetGroupName("L2tp")
              .AddAttribute("HostName", "Host Name AVP of our SCCRQ / SCCRP",
                            StringValue("ns3-l2tp"),
                            MakeStringAccessor(&L2tpApplication::m_hostName), MakeStringChecker())
              .AddAttribute("VendorName", "Vendor Name AVP", StringValue("nsnam.org ns-3 l2tp"),
                            MakeStringAccessor(&L2tpApplication::m_vendorName), MakeStringChecker())
              .AddAttribute("FramingCapabilities",
                            "Framing Capabilities AVP (1 synchronous, 2 asynchronous)",
                            UintegerValue(3), MakeUintegerAccessor(&L2tpApplication::m_framingCaps),
                            MakeUintegerChecker<uint32_t>(0, 3))
              .AddAttribute("BearerCapabilities", "Bearer Capabilities AVP (1 digital, 2 analog)",
                            UintegerValue(0), MakeUintegerAccessor(&L2tpApplication::m_bearerCaps),
                            MakeUintegerChecker<uint32_t>(0, 3))
              .AddAttribute("FirmwareRevision", "Firmware Revision AVP", UintegerValue(0x0100),
                            MakeUintegerAccessor(&L2tpApplication::m_firmware),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("Secret", "Shared secret for tunnel authentication (\"\" = none)",
                            StringValue(""), MakeStringAccessor(&L2tpApplication::m_secret),
                            MakeStringChecker())
              .AddAttribute("HideAvps", "Hide the AVPs the RFC allows to hide when a secret is set",
                            BooleanValue(false), MakeBooleanAccessor(&L2tpApplication::m_hideAvps),
                            MakeBooleanChecker())
              .AddAttribute(
                  "HelloInterval", "Idle time before a HELLO (0 = never)", TimeValue(Seconds(60)),
                  MakeTimeAccessor(&L2tpApplication::m_helloInterval), MakeTimeChecker(Time(0)))
              .AddAttribute("DataSequencing", "Ask for Ns/Nr on data messages", BooleanValue(false),
                            MakeBooleanAccessor(&L2tpApplication::m_sequencing),
                            MakeBooleanChecker())
              .AddAttribute("DataLengthBit", "Length field on data messages", BooleanValue(true),
                            MakeBooleanAccessor(&L2tpApplication::m_lengthBit),
                            MakeBooleanChecker())
              .AddTraceSource("TunnelCreated",
                              "A tunnel was created (connect to its trace sources here)",
                              MakeTraceSourceAccessor(&L2tpApplication::m_tunnelCreated),
                              "ns3::L2tpApplication::TunnelTracedCallback")
              .AddTraceSource("SessionUp", "A session was established",
                              MakeTraceSourceAccessor(&L2tpApplication::m_sessionUp),
                              "ns3::L2tpApplication::SessionTracedCallback")
              .AddTraceSource("SessionDown", "A session was cleared (session, result code)",
                              MakeTraceSourceAccessor(&L2tpApplication::m_sessionDown),
                              "ns3::L2tpApplication::SessionDownTracedCallback")
              .AddTraceSource("Rx", "A data message payload was received (session, payload)",
                              MakeTraceSourceAccessor(&L2tpApplication::m_rx),
                              "ns3::L2tpApplication::RxTracedCallback");
    return tid;
}

L2tpApplication::L2tpApplication() {}

L2tpApplication::~L2tpApplication() {}

void
L2tpApplication::DoDispose()
{
    Application::DoDispose();
}

Ptr<L2tpProtocol>
L2tpApplication::GetProtocol() const
{
    return L2tpProtocol::GetOrCreate(GetNode());
}

void
L2tpApplication::ConfigureTunnel(Ptr<L2tpTunnel> t, const std::string& secret)
{
    t->SetAttribute("HostName", StringValue(m_hostName));
    t->SetAttribute("VendorName", StringValue(m_vendorName));
    t->SetAttribute("FramingCapabilities", UintegerValue(m_framingCaps));
    t->SetAttribute("BearerCapabilities", UintegerValue(m_bearerCaps));
    t->SetAttribute("FirmwareRevision", UintegerValue(m_firmware));
    t->SetAttribute("HideAvps", BooleanValue(m_hideAvps));
    t->SetAttribute("HelloInterval", TimeValue(m_helloInterval));
    t->SetAttribute("DataSequencing", BooleanValue(m_sequencing));
    t->SetAttribute("DataLengthBit", BooleanValue(m_lengthBit));
    t->SetSecret(secret);
    t->SetSessionUpCallback(MakeCallback(&L2tpApplication::SessionUp, this));
    t->SetSessionDownCallback(MakeCallback(&L2tpApplication::SessionDown, this));
    m_tunnelCreated(t);
}

void
L2tpApplication::SessionUp(Ptr<L2tpSession> s)
{
    s->SetReceiveCallback(MakeCallback(&L2tpApplication::Receive, this));
    m_sessionUp(s);
}

void
L2tpApplication::SessionDown(Ptr<L2tpSession> s, uint16_t result)
{
    m_sessionDown(s, result);
}

void
L2tpApplication::Receive(Ptr<L2tpSession> s, Ptr<Packet> p)
{
    m_rx(s, p);
}

} // namespace ns3
