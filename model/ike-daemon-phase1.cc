/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IkeDaemon, second part: the ISAKMP SA's own lifetime. The initiator re-authenticates
 * (a new Main Mode) IsakmpRekeyMargin before Phase1Lifetime ends, the ESP SAs move to the new
 * ISAKMP SA (in IKEv1 they do not depend on it, RFC 2409 section 5.5), and Delete(ISAKMP)
 * retires the old one; without a replacement the ISAKMP SA just ends at its lifetime.
 */
#include "ns3/log.h"
#include "ns3/simulator.h"

#include "ike-daemon.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeDaemonPhase1");

uint64_t
IkeDaemon::Endpoint(Ipv4Address a, uint16_t port)
{
    return (uint64_t(a.Get()) << 16) | port;
}

uint32_t
IkeDaemon::GetIsakmpSaCount() const
{
    return static_cast<uint32_t>(m_peers.size());
}

void
IkeDaemon::Phase1Up(uint64_t cookie)
{
    auto it = m_peers.find(cookie);
    if (it == m_peers.end())
    {
        return;
    }
    Peer& p = it->second; // references into an unordered_map survive inserts
    Ptr<IkeSession> s = p.session;
    Ipv4Address peer = s->GetPeerAddress();
    uint64_t old = p.replaces;
    if (!s->IsInitiator())
    {
        // A responder learns of a replacement from the peer's endpoint: a new Main Mode from
        // the address and port whose ISAKMP SA holds ESP SAs (two clients behind one NAT
        // differ in port).
        auto e = m_byEndpoint.find(Endpoint(peer, s->GetPeerPort()));
        if (e != m_byEndpoint.end() && e->second != cookie)
        {
            old = e->second;
        }
    }
    auto o = old != 0 ? m_peers.find(old) : m_peers.end();
    if (o != m_peers.end())
    {
        bool hasSas = o->second.in != nullptr || !o->second.oldIn.empty();
        if (hasSas)
        {
            NS_LOG_INFO("ISAKMP SA " << std::hex << cookie << " takes over the ESP SAs of " << old
                                     << std::dec);
            MoveChildSas(old, cookie);
        }
        else if (s->IsInitiator())
        {
            s->AdoptChildSa(0); // nothing to move: the next acquire starts a Quick Mode here
            m_byAddress[peer.Get()] = cookie;
        }
        if (hasSas || s->IsInitiator())
        {
            m_isakmpRekeyed(peer, old, cookie);
        }
        if (s->IsInitiator())
        {
            // A rekeying Quick Mode still running in the old ISAKMP SA dies with it: run it
            // again in the new one.
            bool qm = o->second.session->GetState() == IkeSession::QM1_SENT;
            // Delete(ISAKMP) under the old SA; the responder then forgets it too.
            o->second.reauth.Cancel();
            o->second.session->DeleteIsakmpSa();
            if (qm && hasSas)
            {
                s->StartQuickMode();
            }
        }
    }
    if (s->IsInitiator() && m_isakmpRekey && s->GetPhase1Lifetime() > m_isakmpRekeyMargin)
    {
        p.reauth = Simulator::Schedule(s->GetPhase1Lifetime() - m_isakmpRekeyMargin,
                                       &IkeDaemon::Reauthenticate, this, cookie);
    }
}

void
IkeDaemon::Reauthenticate(uint64_t cookie)
{
    auto it = m_peers.find(cookie);
    if (it == m_peers.end())
    {
        return;
    }
    Ptr<IkeSession> old = it->second.session;
    IkeSession::State st = old->GetState();
    if (st == IkeSession::FAILED || st == IkeSession::DELETED)
    {
        return;
    }
    if (st != IkeSession::ESTABLISHED)
    {
        // A Quick Mode runs in the old ISAKMP SA: let it finish first (1-s retry).
        it->second.reauth
            = Simulator::Schedule(Seconds(1), &IkeDaemon::Reauthenticate, this, cookie);
        return;
    }
    Ipv4Address local = it->second.local;
    Ptr<IkeSession> s = NewSession();
    s->SetPhase1Only(true);
    s->StartInitiator(local, old->GetPeerAddress()); // MM1 goes out here
    std::vector<uint8_t> cky = s->GetInitiatorCookie();
    uint64_t c = 0;
    for (uint8_t b : cky)
    {
        c = (c << 8) | b;
    }
    NS_LOG_INFO("re-authenticating ISAKMP SA " << std::hex << cookie << " with " << c << std::dec);
    Peer& p = m_peers[c];
    p.session = s;
    p.local = local;
    p.replaces = cookie;
    Wire(s, c);
}

void
IkeDaemon::MoveChildSas(uint64_t from, uint64_t to)
{
    Peer& f = m_peers.at(from);
    Peer& t = m_peers.at(to);
    t.in = f.in;
    t.out = f.out;
    t.oldIn = f.oldIn;
    t.oldOut = f.oldOut;
    t.expire = f.expire;
    t.rekey = f.rekey;
    f.in = nullptr;
    f.out = nullptr;
    f.oldIn.clear();
    f.oldOut.clear();
    f.expire = EventId();
    f.rekey = EventId();
    // The pairs' timers, ESP-use notifications and tunnel tags find their session through
    // the inbound SPIs.
    for (uint32_t spi : f.spisIn)
    {
        m_bySpiIn[spi] = to;
        t.spisIn.push_back(spi);
    }
    f.spisIn.clear();
    Ptr<IkeSession> s = t.session;
    m_byAddress[s->GetPeerAddress().Get()] = to;
    m_byEndpoint[Endpoint(s->GetPeerAddress(), s->GetPeerPort())] = to;
    s->AdoptChildSa(t.in != nullptr ? t.in->GetSpi() : 0);
}

void
IkeDaemon::SessionState(uint64_t cookie, uint32_t, uint32_t n)
{
    if (n == IkeSession::DELETED)
    {
        // Not from inside the session's own call stack.
        Simulator::ScheduleNow(&IkeDaemon::Forget, this, cookie);
    }
}

void
IkeDaemon::IsakmpExpired(uint64_t cookie)
{
    auto it = m_peers.find(cookie);
    if (it != m_peers.end())
    {
        m_isakmpExpired(it->second.session->GetPeerAddress(), cookie);
    }
}

void
IkeDaemon::EncapSource(uint32_t spiIn, Ipv4Address src, uint16_t sport)
{
    auto c = m_bySpiIn.find(spiIn);
    auto it = c == m_bySpiIn.end() ? m_peers.end() : m_peers.find(c->second);
    if (it != m_peers.end())
    {
        it->second.session->UpdatePeerEndpoint(src, sport); // a no-op unless it moved
    }
}

void
IkeDaemon::PeerMoved(uint64_t cookie, Ipv4Address oldPeer, uint16_t oldPort)
{
    auto it = m_peers.find(cookie);
    if (it == m_peers.end())
    {
        return;
    }
    Peer& p = it->second;
    Ipv4Address peer = p.session->GetPeerAddress();
    uint16_t port = p.session->GetPeerPort();
    // Every outbound SA of this peer (the current one and those a rekey kept) goes to the
    // new mapping; their address is the peer's, which a NAT rebinding may change too.
    std::vector<Ptr<IpsecSa>> outs = p.oldOut;
    if (p.out != nullptr)
    {
        outs.push_back(p.out);
    }
    for (const auto& sa : outs)
    {
        if (sa->IsUdpEncapsulated())
        {
            sa->SetUdpEncapsulation(sa->GetEncapSourcePort(), port);
        }
    }
    auto e = m_byEndpoint.find(Endpoint(oldPeer, oldPort));
    if (e != m_byEndpoint.end() && e->second == cookie)
    {
        m_byEndpoint.erase(e);
        m_byEndpoint[Endpoint(peer, port)] = cookie;
    }
    m_peerPortChanged(peer, oldPort, port);
}

void
IkeDaemon::Forget(uint64_t cookie)
{
    auto it = m_peers.find(cookie);
    if (it == m_peers.end())
    {
        return;
    }
    Peer& p = it->second;
    if (p.in != nullptr || !p.oldIn.empty() || !p.oldOut.empty())
    {
        return; // its ESP SAs live on (IKEv1 ESP SAs outlive their ISAKMP SA)
    }
    p.reauth.Cancel();
    Ipv4Address peer = p.session->GetPeerAddress();
    auto a = m_byAddress.find(peer.Get());
    if (a != m_byAddress.end() && a->second == cookie)
    {
        m_byAddress.erase(a);
    }
    auto e = m_byEndpoint.find(Endpoint(peer, p.session->GetPeerPort()));
    if (e != m_byEndpoint.end() && e->second == cookie)
    {
        m_byEndpoint.erase(e);
    }
    NS_LOG_INFO("ISAKMP SA " << std::hex << cookie << std::dec << " forgotten");
    m_peers.erase(it);
}

} // namespace ns3
