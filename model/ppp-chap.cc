/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-chap.h"

#include "l2tp-md5.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

#include "ppp-frame.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppChap");
NS_OBJECT_ENSURE_REGISTERED(PppChap);

TypeId
PppChap::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppChap")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddConstructor<PppChap>()
              .AddAttribute("RestartTimer", "Challenge retransmission period (pppd: 3 s)",
                            TimeValue(Seconds(3)), MakeTimeAccessor(&PppChap::m_restart),
                            MakeTimeChecker())
              .AddAttribute("MaxChallenges",
                            "Challenges sent without a Response before giving up (pppd: 10)",
                            UintegerValue(10), MakeUintegerAccessor(&PppChap::m_maxChallenges),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("ChallengeSize",
                            "Octets of challenge value (RFC 1994 recommends at least 16)",
                            UintegerValue(16), MakeUintegerAccessor(&PppChap::m_challengeSize),
                            MakeUintegerChecker<uint32_t>(1, 255))
              .AddAttribute("RechallengeInterval",
                            "Re-challenge period while the link is up (0: no re-challenge)",
                            TimeValue(Seconds(0)), MakeTimeAccessor(&PppChap::m_rechallenge),
                            MakeTimeChecker());
    return tid;
}

PppChap::PppChap()
{
    m_rng = CreateObject<UniformRandomVariable>();
}

void
PppChap::DoDispose()
{
    Stop();
    m_send = SendCallback();
    m_result = ResultCallback();
    m_lookup = LookupCallback();
    m_rng = nullptr;
    Object::DoDispose();
}

int64_t
PppChap::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
PppChap::SetCallbacks(SendCallback send, ResultCallback result)
{
    m_send = send;
    m_result = result;
}

uint32_t
PppChap::GetChallengesSent() const
{
    return m_total;
}

void
PppChap::StartAuthenticator(const std::string& name, LookupCallback lookup)
{
    m_authenticator = true;
    m_name = name;
    m_lookup = lookup;
    m_succeeded = false;
    NewChallenge();
}

void
PppChap::VerifyProxied(const std::string& name, LookupCallback lookup, uint8_t id,
                       const std::vector<uint8_t>& challenge, const std::string& user,
                       const std::vector<uint8_t>& response)
{
    m_authenticator = true;
    m_name = name;
    m_lookup = lookup;
    m_succeeded = false;
    m_id = id;
    m_challenge = challenge;
    m_sent = 1;
    m_waiting = true;
    // The Response as the LAC received it: Value-Size, Value, Name.
    std::vector<uint8_t> d;
    d.push_back(static_cast<uint8_t>(std::min<std::size_t>(response.size(), 255)));
    d.insert(d.end(), response.begin(), response.begin() + d[0]);
    d.insert(d.end(), user.begin(), user.end());
    const auto bytes = PppControlPacket(RESPONSE, id, d).Encode();
    Receive(bytes.data(), bytes.size());
}

void
PppChap::StartPeer(const std::string& user, const std::string& secret)
{
    m_authenticator = false;
    m_name = user;
    m_secret = secret;
    m_succeeded = false;
}

void
PppChap::Stop()
{
    m_timer.Cancel();
    m_waiting = false;
}

void
PppChap::NewChallenge()
{
    ++m_id;
    m_challenge.resize(m_challengeSize);
    for (auto& b : m_challenge)
    {
        b = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
    }
    m_sent = 0;
    m_waiting = true;
    SendChallenge();
}

void
PppChap::SendChallenge()
{
    if (m_sent >= m_maxChallenges)
    {
        m_waiting = false;
        Finish(false, "", "no Response to Challenge");
        return;
    }
    std::vector<uint8_t> d;
    d.reserve(1 + m_challenge.size() + m_name.size());
    d.push_back(static_cast<uint8_t>(m_challenge.size()));
    d.insert(d.end(), m_challenge.begin(), m_challenge.end());
    d.insert(d.end(), m_name.begin(), m_name.end());
    ++m_sent;
    ++m_total;
    if (!m_send.IsNull())
    {
        m_send(PppFrame::PROTO_CHAP, PppControlPacket(CHALLENGE, m_id, d).Encode());
    }
    m_timer = Simulator::Schedule(m_restart, &PppChap::SendChallenge, this);
}

void
PppChap::Finish(bool success, const std::string& user, const std::string& msg)
{
    if (!m_result.IsNull())
    {
        m_result(success, user, msg);
    }
}

void
PppChap::Receive(const uint8_t* data, std::size_t size)
{
    PppControlPacket p;
    if (PppControlPacket::Parse(data, size, p) != PppControlPacket::OK)
    {
        NS_LOG_LOGIC("CHAP: malformed packet dropped");
        return;
    }
    const auto& d = p.data;
    if (p.code == CHALLENGE && !m_authenticator)
    {
        if (d.empty() || d[0] == 0 || 1u + d[0] > d.size())
        {
            NS_LOG_LOGIC("CHAP: Challenge with a bad Value-Size dropped");
            return;
        }
        const std::vector<uint8_t> challenge(d.begin() + 1, d.begin() + 1 + d[0]);
        L2tpMd5 md5;
        const auto digest = md5.Update(p.identifier).Update(m_secret).Update(challenge).Final();
        std::vector<uint8_t> r;
        r.reserve(1 + digest.size() + m_name.size());
        r.push_back(static_cast<uint8_t>(digest.size()));
        r.insert(r.end(), digest.begin(), digest.end());
        r.insert(r.end(), m_name.begin(), m_name.end());
        if (!m_send.IsNull())
        {
            m_send(PppFrame::PROTO_CHAP, PppControlPacket(RESPONSE, p.identifier, r).Encode());
        }
    }
    else if (p.code == RESPONSE && m_authenticator)
    {
        if (p.identifier != m_id || !m_waiting)
        {
            NS_LOG_LOGIC("CHAP: Response to a stale Challenge dropped");
            return;
        }
        if (d.empty() || 1u + d[0] > d.size())
        {
            NS_LOG_LOGIC("CHAP: Response with a bad Value-Size dropped");
            return;
        }
        const std::vector<uint8_t> value(d.begin() + 1, d.begin() + 1 + d[0]);
        const std::string user(d.begin() + 1 + d[0], d.end());
        std::string secret;
        bool ok = false;
        if (!m_lookup.IsNull() && m_lookup(user, secret))
        {
            L2tpMd5 md5;
            const auto expect = md5.Update(p.identifier).Update(secret).Update(m_challenge).Final();
            ok = value.size() == expect.size()
                 && std::equal(value.begin(), value.end(), expect.begin());
        }
        m_timer.Cancel();
        m_waiting = false;
        const std::string msg = ok ? "Access granted" : "Access denied";
        if (!m_send.IsNull())
        {
            m_send(PppFrame::PROTO_CHAP,
                   PppControlPacket(ok ? SUCCESS : FAILURE, p.identifier,
                                    std::vector<uint8_t>(msg.begin(), msg.end()))
                       .Encode());
        }
        if (ok && m_rechallenge.IsStrictlyPositive())
        {
            m_timer = Simulator::Schedule(m_rechallenge, &PppChap::NewChallenge, this);
        }
        // A successful re-challenge is not reported again; failures always are.
        if (!ok || !m_succeeded)
        {
            m_succeeded = m_succeeded || ok;
            Finish(ok, user, msg);
        }
    }
    else if ((p.code == SUCCESS || p.code == FAILURE) && !m_authenticator)
    {
        const std::string msg(d.begin(), d.end());
        if (p.code == FAILURE || !m_succeeded)
        {
            m_succeeded = m_succeeded || p.code == SUCCESS;
            Finish(p.code == SUCCESS, m_name, msg);
        }
    }
    else
    {
        NS_LOG_LOGIC("CHAP: unexpected code " << int(p.code) << " dropped");
    }
}

} // namespace ns3
