/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-pap.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

#include "ppp-frame.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppPap");
NS_OBJECT_ENSURE_REGISTERED(PppPap);

TypeId
PppPap::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppPap")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<PppPap>()
              .AddAttribute(
                  "RestartTimer", "Authenticate-Request retransmission period (pppd: 3 s)",
                  TimeValue(Seconds(3)), MakeTimeAccessor(&PppPap::m_restart), MakeTimeChecker())
              .AddAttribute("MaxRequests", "Authenticate-Requests sent before giving up (pppd: 10)",
                            UintegerValue(10), MakeUintegerAccessor(&PppPap::m_maxRequests),
                            MakeUintegerChecker<uint32_t>(1));
    return tid;
}

PppPap::PppPap() {}

void
PppPap::DoDispose()
{
    Stop();
    m_send = SendCallback();
    m_result = ResultCallback();
    m_lookup = LookupCallback();
    Object::DoDispose();
}

void
PppPap::SetCallbacks(SendCallback send, ResultCallback result)
{
    m_send = send;
    m_result = result;
}

void
PppPap::StartAuthenticator(LookupCallback lookup)
{
    m_authenticator = true;
    m_lookup = lookup;
    m_done = false;
}

void
PppPap::StartPeer(const std::string& user, const std::string& password)
{
    m_authenticator = false;
    m_user = user;
    m_password = password;
    m_done = false;
    m_sent = 0;
    ++m_id;
    SendRequest();
}

void
PppPap::Stop()
{
    m_timer.Cancel();
}

void
PppPap::SendRequest()
{
    if (m_sent >= m_maxRequests)
    {
        Finish(false, m_user, "no answer to Authenticate-Request");
        return;
    }
    std::vector<uint8_t> d;
    d.push_back(static_cast<uint8_t>(m_user.size()));
    d.insert(d.end(), m_user.begin(), m_user.end());
    d.push_back(static_cast<uint8_t>(m_password.size()));
    d.insert(d.end(), m_password.begin(), m_password.end());
    ++m_sent;
    if (!m_send.IsNull())
    {
        m_send(PppFrame::PROTO_PAP, PppControlPacket(AUTH_REQUEST, m_id, d).Encode());
    }
    m_timer = Simulator::Schedule(m_restart, &PppPap::SendRequest, this);
}

void
PppPap::Finish(bool success, const std::string& user, const std::string& msg)
{
    m_timer.Cancel();
    m_done = true;
    if (!m_result.IsNull())
    {
        m_result(success, user, msg);
    }
}

void
PppPap::VerifyProxied(LookupCallback lookup, uint8_t id, const std::string& user,
                      const std::string& password)
{
    StartAuthenticator(lookup);
    std::vector<uint8_t> d;
    d.push_back(static_cast<uint8_t>(std::min<std::size_t>(user.size(), 255)));
    d.insert(d.end(), user.begin(), user.begin() + d[0]);
    d.push_back(static_cast<uint8_t>(std::min<std::size_t>(password.size(), 255)));
    d.insert(d.end(), password.begin(), password.begin() + d.back());
    const auto bytes = PppControlPacket(AUTH_REQUEST, id, d).Encode();
    Receive(bytes.data(), bytes.size());
}

void
PppPap::Receive(const uint8_t* data, std::size_t size)
{
    PppControlPacket p;
    if (PppControlPacket::Parse(data, size, p) != PppControlPacket::OK)
    {
        NS_LOG_LOGIC("PAP: malformed packet dropped");
        return;
    }
    if (m_authenticator && p.code == AUTH_REQUEST)
    {
        const auto& d = p.data;
        if (d.empty() || 1u + d[0] >= d.size() || 2u + d[0] + d[1 + d[0]] > d.size())
        {
            NS_LOG_LOGIC("PAP: Authenticate-Request with lengths past its end dropped");
            return;
        }
        const std::string user(d.begin() + 1, d.begin() + 1 + d[0]);
        const std::string pass(d.begin() + 2 + d[0], d.begin() + 2 + d[0] + d[1 + d[0]]);
        bool ok = m_lastOk;
        if (!m_done)
        {
            std::string stored;
            ok = !m_lookup.IsNull() && m_lookup(user, stored) && stored == pass;
        }
        const std::string msg = ok ? "Login ok" : "Login incorrect";
        std::vector<uint8_t> reply;
        reply.reserve(1 + msg.size());
        reply.push_back(static_cast<uint8_t>(msg.size()));
        reply.insert(reply.end(), msg.begin(), msg.end());
        if (!m_send.IsNull())
        {
            m_send(PppFrame::PROTO_PAP,
                   PppControlPacket(ok ? AUTH_ACK : AUTH_NAK, p.identifier, reply).Encode());
        }
        if (!m_done)
        {
            m_lastOk = ok;
            Finish(ok, user, msg);
        }
    }
    else if (!m_authenticator && !m_done && (p.code == AUTH_ACK || p.code == AUTH_NAK)
             && p.identifier == m_id)
    {
        std::string msg;
        if (!p.data.empty() && 1u + p.data[0] <= p.data.size())
        {
            msg.assign(p.data.begin() + 1, p.data.begin() + 1 + p.data[0]);
        }
        Finish(p.code == AUTH_ACK, m_user, msg);
    }
    else
    {
        NS_LOG_LOGIC("PAP: unexpected code " << int(p.code) << " dropped");
    }
}

} // namespace ns3
