/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-nat-mapping-table.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <sstream>

#include "ipv4-transport-fields.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv4NatMappingTable");

Ipv4NatMapping::Ipv4NatMapping()
    : insideAddress(Ipv4Address::GetAny())
    , publicAddress(Ipv4Address::GetAny())
    , remoteAddress(Ipv4Address::GetAny())
{
}

Time
Ipv4NatMapping::GetExpiry() const
{
    return lastRefresh + lifetime;
}

std::string
Ipv4NatMapping::ToString() const
{
    std::ostringstream os;
    os << "protocol=" << Ipv4TransportFields::ProtocolName(protocol) << " inside=" << insideAddress
       << ":" << insidePort << " public=" << publicAddress << ":" << publicPort << " remote=";
    if (remoteAddressBound)
    {
        os << remoteAddress;
    }
    else
    {
        os << "*";
    }
    os << ":";
    if (remotePortBound)
    {
        os << remotePort;
    }
    else
    {
        os << "*";
    }
    os << " static=" << (isStatic ? 1 : 0) << " created=" << created.GetSeconds()
       << " refreshed=" << lastRefresh.GetSeconds();
    if (isStatic)
    {
        os << " expires=never";
    }
    else
    {
        os << " lifetime=" << lifetime.GetSeconds() << " expires=" << GetExpiry().GetSeconds();
    }
    os << " out=" << packetsOutbound << " in=" << packetsInbound;
    if (protocol == Ipv4TransportFields::PROT_ESP)
    {
        os << " spi-out=";
        for (size_t i = 0; i < outboundSpis.size(); ++i)
        {
            os << (i ? "," : "") << "0x" << std::hex << outboundSpis[i] << std::dec;
        }
        os << " spi-in=";
        for (size_t i = 0; i < inboundSpis.size(); ++i)
        {
            os << (i ? "," : "") << "0x" << std::hex << inboundSpis[i] << std::dec;
        }
    }
    return os.str();
}

/// A mapping with its keys, timer and filtering / TCP state.
struct Ipv4NatMappingTable::Entry : public Ipv4NatMapping
{
    Key key{};                                       //!< forward key
    uint64_t id{0};                                  //!< creation order
    EventId timer;                                   //!< expiry event
    Time timerAt;                                    //!< when the event fires
    std::unordered_map<uint32_t, Time> permAddress;  //!< address-dependent filtering
    std::unordered_map<uint64_t, Time> permEndpoint; //!< address-and-port-dependent filtering
    bool tcpOut{false};                              //!< TCP: outbound packet seen
    bool tcpIn{false};                               //!< TCP: inbound packet seen
    bool tcpFinOut{false};                           //!< TCP: FIN from inside
    bool tcpFinIn{false};                            //!< TCP: FIN from outside
    bool tcpRst{false};                              //!< TCP: RST either way
};

size_t
Ipv4NatMappingTable::KeyHash::operator()(const Key& k) const
{
    uint64_t a = uint64_t(k.inside) << 24 | uint64_t(k.insidePort) << 8 | k.protocol;
    uint64_t b = uint64_t(k.remote) << 16 | k.remotePort;
    return std::hash<uint64_t>()(a * 0x9e3779b97f4a7c15ULL ^ b);
}

Ipv4NatMappingTable::Ipv4NatMappingTable() {}

Ipv4NatMappingTable::~Ipv4NatMappingTable()
{
    for (auto& kv : m_forward)
    {
        kv.second->timer.Cancel();
    }
}

void
Ipv4NatMappingTable::SetConfig(const Config* config)
{
    m_config = config;
}

void
Ipv4NatMappingTable::SetCallbacks(MappingCallback created, MappingCallback refreshed,
                                  MappingCallback expired)
{
    m_created = created;
    m_refreshed = refreshed;
    m_expired = expired;
}

void
Ipv4NatMappingTable::SetRandomVariable(Ptr<UniformRandomVariable> rng)
{
    m_rng = rng;
}

void
Ipv4NatMappingTable::AddPublicAddress(Ipv4Address address)
{
    if (m_poolIndex.count(address.Get()))
    {
        return;
    }
    m_poolIndex[address.Get()] = m_pool.size();
    m_pool.push_back(address);
}

const std::vector<Ipv4Address>&
Ipv4NatMappingTable::GetPublicAddresses() const
{
    return m_pool;
}

bool
Ipv4NatMappingTable::IsPublicAddress(Ipv4Address address) const
{
    return m_poolIndex.count(address.Get()) != 0;
}

Ipv4NatMappingTable::Key
Ipv4NatMappingTable::MakeKey(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                             Ipv4Address remote, uint16_t remotePort) const
{
    Key k{protocol, inside.Get(), insidePort, 0, 0};
    if (m_config->mapping != ENDPOINT_INDEPENDENT)
    {
        k.remote = remote.Get();
    }
    if (m_config->mapping == ADDRESS_AND_PORT_DEPENDENT)
    {
        k.remotePort = remotePort;
    }
    return k;
}

uint64_t
Ipv4NatMappingTable::ReverseKey(uint8_t protocol, Ipv4Address address, uint16_t port)
{
    return uint64_t(protocol) << 48 | uint64_t(address.Get()) << 16 | port;
}

uint64_t
Ipv4NatMappingTable::PairKey(Ipv4Address a, Ipv4Address b)
{
    return uint64_t(a.Get()) << 32 | b.Get();
}

Time
Ipv4NatMappingTable::LifetimeOf(const Entry* e) const
{
    switch (e->protocol)
    {
        case Ipv4TransportFields::PROT_UDP:
            return m_config->udpLifetime;
        case Ipv4TransportFields::PROT_TCP:
            if (e->tcpOut && e->tcpIn && !e->tcpRst && !(e->tcpFinOut && e->tcpFinIn))
            {
                return m_config->tcpEstablishedLifetime;
            }
            return m_config->tcpTransitoryLifetime;
        case Ipv4TransportFields::PROT_ICMP:
            return m_config->icmpLifetime;
        case Ipv4TransportFields::PROT_ESP:
            return m_config->espLifetime;
        default:
            return m_config->udpLifetime;
    }
}

Ipv4NatMappingTable::Entry*
Ipv4NatMappingTable::Live(Entry* e)
{
    if (e == nullptr || e->isStatic)
    {
        return e;
    }
    e->lifetime = LifetimeOf(e);
    if (Simulator::Now() >= e->GetExpiry())
    {
        // Its event is due at this very time but has not run yet.
        NS_LOG_LOGIC("mapping " << e->ToString() << " expired on lookup");
        Remove(e);
        return nullptr;
    }
    return e;
}

void
Ipv4NatMappingTable::Schedule(Entry* e)
{
    Time at = e->GetExpiry();
    if (!e->timer.IsExpired() && e->timerAt <= at)
    {
        return; // fires early and reschedules itself (lazy refresh)
    }
    e->timer.Cancel();
    e->timerAt = at;
    e->timer
        = Simulator::Schedule(at - Simulator::Now(), &Ipv4NatMappingTable::TimerFired, this, e);
}

void
Ipv4NatMappingTable::TimerFired(Entry* e)
{
    e->lifetime = LifetimeOf(e);
    if (Simulator::Now() >= e->GetExpiry())
    {
        Remove(e);
        return;
    }
    e->timerAt = e->GetExpiry();
    e->timer = Simulator::Schedule(e->timerAt - Simulator::Now(), &Ipv4NatMappingTable::TimerFired,
                                   this, e);
}

void
Ipv4NatMappingTable::Refresh(Entry* e)
{
    if (e->isStatic)
    {
        return;
    }
    e->lastRefresh = Simulator::Now();
    e->lifetime = LifetimeOf(e);
    Schedule(e);
    if (!m_refreshed.IsNull())
    {
        m_refreshed(*e);
    }
}

void
Ipv4NatMappingTable::UpdateTcpState(Entry* e, uint8_t flags, bool outbound)
{
    if (e->protocol != Ipv4TransportFields::PROT_TCP)
    {
        return;
    }
    (outbound ? e->tcpOut : e->tcpIn) = true;
    if (flags & Ipv4TransportFields::TCP_FIN)
    {
        (outbound ? e->tcpFinOut : e->tcpFinIn) = true;
    }
    if (flags & Ipv4TransportFields::TCP_RST)
    {
        e->tcpRst = true;
    }
    if (flags & Ipv4TransportFields::TCP_SYN && !(flags & Ipv4TransportFields::TCP_ACK) && outbound)
    {
        // A new connection attempt on this mapping starts a new state.
        e->tcpIn = false;
        e->tcpFinOut = e->tcpFinIn = e->tcpRst = false;
    }
    if (!e->isStatic)
    {
        e->lifetime = LifetimeOf(e);
        Schedule(e); // the lifetime may have become shorter
    }
}

void
Ipv4NatMappingTable::Record(Entry* e, Ipv4Address remote, uint16_t remotePort)
{
    Time now = Simulator::Now();
    if (m_config->filtering == ADDRESS_DEPENDENT)
    {
        e->permAddress[remote.Get()] = now;
    }
    else if (m_config->filtering == ADDRESS_AND_PORT_DEPENDENT)
    {
        e->permEndpoint[PairKey(remote, Ipv4Address(remotePort))] = now;
    }
}

Ipv4Address
Ipv4NatMappingTable::HostPublicAddress(Ipv4Address inside)
{
    auto it = m_hosts.find(inside.Get());
    if (it != m_hosts.end())
    {
        return m_pool[it->second.poolIndex];
    }
    return m_pool[m_nextPool % m_pool.size()];
}

bool
Ipv4NatMappingTable::AllocatePort(uint8_t protocol, Ipv4Address pub, uint16_t wanted,
                                  uint16_t& port)
{
    bool low = protocol != Ipv4TransportFields::PROT_ICMP && wanted < 1024;
    uint32_t lo = low ? 1 : m_config->portMin;
    uint32_t hi = low ? 1023 : m_config->portMax;
    NS_ABORT_MSG_IF(lo > hi, "Ipv4Nat: PortRangeMin " << lo << " > PortRangeMax " << hi);
    bool preserveInRange
        = protocol == Ipv4TransportFields::PROT_ICMP || (wanted >= lo && wanted <= hi);
    if (m_config->portPreservation && preserveInRange
        && m_reverse.count(ReverseKey(protocol, pub, wanted)) == 0)
    {
        port = wanted;
        return true;
    }
    uint32_t span = hi - lo + 1;
    uint64_t cursorKey = ReverseKey(protocol, pub, low ? 0 : 1);
    uint32_t start;
    if (m_config->randomPorts && m_rng)
    {
        start = m_rng->GetInteger(lo, hi);
    }
    else
    {
        auto c = m_cursor.find(cursorKey);
        start = c == m_cursor.end() ? lo : c->second;
    }
    for (uint32_t i = 0; i < span; ++i)
    {
        uint32_t candidate = lo + (start - lo + i) % span;
        if (m_reverse.count(ReverseKey(protocol, pub, uint16_t(candidate))) == 0)
        {
            port = uint16_t(candidate);
            m_cursor[cursorKey] = candidate == hi ? lo : candidate + 1;
            return true;
        }
    }
    return false;
}

Ipv4NatMappingTable::Entry*
Ipv4NatMappingTable::Insert(std::unique_ptr<Entry> owned, const Key& key)
{
    Entry* e = owned.get();
    e->key = key;
    e->id = m_nextId++;
    e->created = Simulator::Now();
    e->lastRefresh = e->created;
    auto host = m_hosts.find(e->insideAddress.Get());
    if (host == m_hosts.end())
    {
        uint32_t index = m_poolIndex[e->publicAddress.Get()];
        host = m_hosts.emplace(e->insideAddress.Get(), Host{index, 0}).first;
        if (!e->isStatic)
        {
            m_nextPool++;
        }
    }
    host->second.mappings++;
    m_forward[key] = std::move(owned);
    if (e->protocol != Ipv4TransportFields::PROT_ESP)
    {
        m_reverse[ReverseKey(e->protocol, e->publicAddress, e->publicPort)] = e;
    }
    if (!e->isStatic)
    {
        e->lifetime = LifetimeOf(e);
        Schedule(e);
    }
    NS_LOG_LOGIC("created " << e->ToString());
    if (!m_created.IsNull())
    {
        m_created(*e);
    }
    return e;
}

bool
Ipv4NatMappingTable::AddStatic(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                               Ipv4Address publicAddress, uint16_t publicPort)
{
    NS_ABORT_MSG_UNLESS(IsPublicAddress(publicAddress), "Ipv4Nat: static mapping to "
                                                            << publicAddress
                                                            << ", which is not a pool address");
    Key key{protocol, inside.Get(), insidePort, 0, 0};
    if (m_reverse.count(ReverseKey(protocol, publicAddress, publicPort)) || m_static.count(key))
    {
        return false;
    }
    auto e = std::make_unique<Entry>();
    e->protocol = protocol;
    e->insideAddress = inside;
    e->insidePort = insidePort;
    e->publicAddress = publicAddress;
    e->publicPort = publicPort;
    e->isStatic = true;
    // A static entry is owned under a key no dynamic mapping can have (remote port 0 with a
    // remote address of all ones).
    Key owner{protocol, inside.Get(), insidePort, 0xffffffff, 0};
    Entry* p = Insert(std::move(e), owner);
    m_static[key] = p;
    return true;
}

Ipv4NatMapping*
Ipv4NatMappingTable::FindOutbound(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                                  Ipv4Address remote, uint16_t remotePort)
{
    auto s = m_static.find(Key{protocol, inside.Get(), insidePort, 0, 0});
    if (s != m_static.end())
    {
        return s->second;
    }
    auto it = m_forward.find(MakeKey(protocol, inside, insidePort, remote, remotePort));
    if (it == m_forward.end())
    {
        return nullptr;
    }
    return Live(it->second.get());
}

Ipv4NatMapping*
Ipv4NatMappingTable::Outbound(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                              Ipv4Address remote, uint16_t remotePort, uint8_t tcpFlags,
                              Result& result)
{
    result = RESULT_OK;
    Entry* e = static_cast<Entry*>(FindOutbound(protocol, inside, insidePort, remote, remotePort));
    if (e == nullptr)
    {
        auto host = m_hosts.find(inside.Get());
        if (m_config->maxMappingsPerHost != 0 && host != m_hosts.end()
            && host->second.mappings >= m_config->maxMappingsPerHost)
        {
            result = RESULT_HOST_LIMIT;
            return nullptr;
        }
        Ipv4Address pub = HostPublicAddress(inside);
        uint16_t port;
        if (!AllocatePort(protocol, pub, insidePort, port))
        {
            result = RESULT_PORTS_EXHAUSTED;
            return nullptr;
        }
        auto owned = std::make_unique<Entry>();
        owned->protocol = protocol;
        owned->insideAddress = inside;
        owned->insidePort = insidePort;
        owned->publicAddress = pub;
        owned->publicPort = port;
        owned->remoteAddressBound = m_config->mapping != ENDPOINT_INDEPENDENT;
        owned->remotePortBound = m_config->mapping == ADDRESS_AND_PORT_DEPENDENT;
        if (owned->remoteAddressBound)
        {
            owned->remoteAddress = remote;
        }
        if (owned->remotePortBound)
        {
            owned->remotePort = remotePort;
        }
        e = Insert(std::move(owned), MakeKey(protocol, inside, insidePort, remote, remotePort));
        Record(e, remote, remotePort);
        UpdateTcpState(e, tcpFlags, true);
    }
    else
    {
        Record(e, remote, remotePort);
        UpdateTcpState(e, tcpFlags, true);
        Refresh(e);
    }
    e->packetsOutbound++;
    return e;
}

Ipv4NatMapping*
Ipv4NatMappingTable::FindInbound(uint8_t protocol, Ipv4Address publicAddress, uint16_t publicPort)
{
    auto it = m_reverse.find(ReverseKey(protocol, publicAddress, publicPort));
    if (it == m_reverse.end())
    {
        return nullptr;
    }
    return Live(it->second);
}

bool
Ipv4NatMappingTable::Permits(const Ipv4NatMapping* mapping, Ipv4Address remote,
                             uint16_t remotePort) const
{
    const Entry* e = static_cast<const Entry*>(mapping);
    if (e->isStatic)
    {
        return true;
    }
    Time now = Simulator::Now();
    Time lifetime = LifetimeOf(e);
    switch (m_config->filtering)
    {
        case ENDPOINT_INDEPENDENT:
            return true;
        case ADDRESS_DEPENDENT:
        {
            auto it = e->permAddress.find(remote.Get());
            return it != e->permAddress.end() && now < it->second + lifetime;
        }
        case ADDRESS_AND_PORT_DEPENDENT:
        {
            auto it = e->permEndpoint.find(PairKey(remote, Ipv4Address(remotePort)));
            return it != e->permEndpoint.end() && now < it->second + lifetime;
        }
    }
    return false;
}

void
Ipv4NatMappingTable::Inbound(Ipv4NatMapping* mapping, uint8_t tcpFlags, bool refresh)
{
    Entry* e = static_cast<Entry*>(mapping);
    e->packetsInbound++;
    UpdateTcpState(e, tcpFlags, false);
    if (refresh)
    {
        Refresh(e);
    }
}

Ipv4NatMapping*
Ipv4NatMappingTable::EspOutbound(Ipv4Address inside, Ipv4Address peer, uint32_t spi, Result& result)
{
    result = RESULT_OK;
    Ipv4Address pub = HostPublicAddress(inside);
    auto it = m_espPeers.find(PairKey(peer, pub));
    Entry* e = it == m_espPeers.end() ? nullptr : Live(it->second);
    if (e != nullptr && e->insideAddress != inside)
    {
        result = RESULT_ESP_PEER_IN_USE;
        return nullptr;
    }
    if (e == nullptr)
    {
        auto host = m_hosts.find(inside.Get());
        if (m_config->maxMappingsPerHost != 0 && host != m_hosts.end()
            && host->second.mappings >= m_config->maxMappingsPerHost)
        {
            result = RESULT_HOST_LIMIT;
            return nullptr;
        }
        auto owned = std::make_unique<Entry>();
        owned->protocol = Ipv4TransportFields::PROT_ESP;
        owned->insideAddress = inside;
        owned->publicAddress = pub;
        owned->remoteAddressBound = true;
        owned->remoteAddress = peer;
        owned->outboundSpis.push_back(spi);
        e = Insert(std::move(owned),
                   Key{Ipv4TransportFields::PROT_ESP, inside.Get(), 0, peer.Get(), 0});
        m_espPeers[PairKey(peer, pub)] = e;
    }
    else
    {
        if (std::find(e->outboundSpis.begin(), e->outboundSpis.end(), spi) == e->outboundSpis.end())
        {
            e->outboundSpis.push_back(spi);
        }
        Refresh(e);
    }
    e->packetsOutbound++;
    return e;
}

Ipv4NatMapping*
Ipv4NatMappingTable::EspInbound(Ipv4Address peer, Ipv4Address publicAddress, uint32_t spi)
{
    auto s = m_espSpis.find(PairKey(publicAddress, Ipv4Address(spi)));
    if (s != m_espSpis.end())
    {
        return Live(s->second);
    }
    auto it = m_espPeers.find(PairKey(peer, publicAddress));
    if (it == m_espPeers.end())
    {
        return nullptr;
    }
    Entry* e = Live(it->second);
    if (e != nullptr)
    {
        e->inboundSpis.push_back(spi);
        m_espSpis[PairKey(publicAddress, Ipv4Address(spi))] = e;
    }
    return e;
}

void
Ipv4NatMappingTable::Remove(Entry* e)
{
    e->timer.Cancel();
    Ipv4NatMapping info = *e;
    NS_LOG_LOGIC("removing " << info.ToString());
    if (e->protocol == Ipv4TransportFields::PROT_ESP)
    {
        m_espPeers.erase(PairKey(e->remoteAddress, e->publicAddress));
        for (uint32_t spi : e->inboundSpis)
        {
            m_espSpis.erase(PairKey(e->publicAddress, Ipv4Address(spi)));
        }
    }
    else
    {
        m_reverse.erase(ReverseKey(e->protocol, e->publicAddress, e->publicPort));
    }
    if (e->isStatic)
    {
        m_static.erase(Key{e->protocol, e->insideAddress.Get(), e->insidePort, 0, 0});
    }
    auto host = m_hosts.find(e->insideAddress.Get());
    if (host != m_hosts.end() && --host->second.mappings == 0)
    {
        m_hosts.erase(host);
    }
    m_forward.erase(e->key); // destroys e
    if (!m_expired.IsNull())
    {
        m_expired(info);
    }
}

uint32_t
Ipv4NatMappingTable::GetN() const
{
    return m_forward.size();
}

std::vector<Ipv4NatMapping>
Ipv4NatMappingTable::GetMappings() const
{
    std::vector<const Entry*> entries;
    for (const auto& kv : m_forward)
    {
        entries.push_back(kv.second.get());
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry* a, const Entry* b) { return a->id < b->id; });
    std::vector<Ipv4NatMapping> out;
    for (const Entry* e : entries)
    {
        Ipv4NatMapping m = *e;
        if (!m.isStatic)
        {
            m.lifetime = LifetimeOf(e);
        }
        out.push_back(m);
    }
    return out;
}

void
Ipv4NatMappingTable::Clear()
{
    while (!m_forward.empty())
    {
        Remove(m_forward.begin()->second.get());
    }
    m_cursor.clear();
}

Ipv4NatMappingTable::Behaviour
Ipv4NatMappingTable::ParseBehaviour(const std::string& attribute, const std::string& value)
{
    if (value == "EndpointIndependent")
    {
        return ENDPOINT_INDEPENDENT;
    }
    if (value == "AddressDependent")
    {
        return ADDRESS_DEPENDENT;
    }
    if (value == "AddressAndPortDependent")
    {
        return ADDRESS_AND_PORT_DEPENDENT;
    }
    NS_FATAL_ERROR("ns3::Ipv4Nat attribute "
                   << attribute << ": bad value '" << value
                   << "' (allowed: EndpointIndependent|AddressDependent|AddressAndPortDependent)");
    return ENDPOINT_INDEPENDENT;
}

std::string
Ipv4NatMappingTable::BehaviourName(Ipv4NatMappingTable::Behaviour b)
{
    switch (b)
    {
        case ADDRESS_DEPENDENT:
            return "AddressDependent";
        case ADDRESS_AND_PORT_DEPENDENT:
            return "AddressAndPortDependent";
        default:
            return "EndpointIndependent";
    }
}

} // namespace ns3
