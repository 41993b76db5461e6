/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPV4_NAT_MAPPING_TABLE_H
#define IPV4_NAT_MAPPING_TABLE_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One NAT mapping (RFC 4787 section 4) or one ESP passthrough binding, as the NAT
 *        reports it in traces and probes.
 *
 * The mapping translates the inside endpoint to the public endpoint. Which remote endpoint it
 * is bound to depends on the mapping behaviour: none (endpoint-independent), the remote
 * address (address-dependent) or the remote address and port (address-and-port-dependent).
 * For ICMP the "ports" are the query identifier; ESP bindings (protocol 50) have no ports
 * and always name their remote peer.
 */
struct Ipv4NatMapping
{
    uint8_t protocol{0};                //!< IP protocol: 1 (ICMP query id), 6, 17 or 50 (ESP)
    Ipv4Address insideAddress;          //!< inside host
    uint16_t insidePort{0};             //!< inside port or ICMP identifier
    Ipv4Address publicAddress;          //!< public address from the pool
    uint16_t publicPort{0};             //!< public port or ICMP identifier
    bool remoteAddressBound{false};     //!< whether the mapping is specific to remoteAddress
    Ipv4Address remoteAddress;          //!< remote address (if bound)
    bool remotePortBound{false};        //!< whether the mapping is specific to remotePort
    uint16_t remotePort{0};             //!< remote port (if bound)
    bool isStatic{false};               //!< a static mapping (port forwarding): never expires
    Time created;                       //!< when it was created
    Time lastRefresh;                   //!< last outbound packet (or inbound with InboundRefresh)
    Time lifetime;                      //!< current lifetime: it expires at lastRefresh + lifetime
    uint64_t packetsOutbound{0};        //!< packets translated inside to outside
    uint64_t packetsInbound{0};         //!< packets translated outside to inside
    std::vector<uint32_t> outboundSpis; //!< ESP: SPIs seen from the inside host
    std::vector<uint32_t> inboundSpis;  //!< ESP: SPIs learnt from the peer

    Ipv4NatMapping();
    /// \return when the mapping expires (lastRefresh + lifetime)
    Time GetExpiry() const;
    /// \return one line of key=value pairs (the nat-mappings probe format)
    std::string ToString() const;
};

/**
 * \ingroup l2tp
 * \brief The mapping state of an Ipv4Nat: mappings by inside endpoint and by public
 *        endpoint, public address pooling, port allocation, filtering state, expiry timers and
 *        ESP passthrough bindings.
 *
 * Every operation is O(1) on average (hash maps); nothing walks all mappings per packet.
 * Expiry uses one ns-3 event per mapping that is rescheduled lazily: a refresh only moves the
 * mapping's lastRefresh, and the event, when it fires early, schedules itself again for the
 * new expiry. A mapping found at or after its expiry time is expired on the spot, so a
 * mapping is usable during exactly [lastRefresh, lastRefresh + lifetime).
 *
 * Pooling is "paired" (RFC 4787 REQ-2): an inside host keeps one public address while it has
 * mappings; hosts get pool addresses round-robin in the order they first send.
 *
 * Port allocation: with port preservation the inside port is kept if it is free on that
 * public address and inside the applicable range; otherwise a free port is taken from the
 * range, sequentially from a cursor (the default) or starting at a random port drawn from the
 * table's UniformRandomVariable and probing upwards. UDP and TCP inside ports below 1024 map
 * into 1-1023, the others into [portMin, portMax] (RFC 4787 REQ-3); ICMP identifiers use
 * [portMin, portMax]. Every mapping has its own public endpoint (no port overloading,
 * RFC 4787 REQ-4).
 */
class Ipv4NatMappingTable
{
public:
    /// RFC 4787 mapping / filtering behaviours.
    enum Behaviour
    {
        ENDPOINT_INDEPENDENT = 0,
        ADDRESS_DEPENDENT = 1,
        ADDRESS_AND_PORT_DEPENDENT = 2,
    };

    /// The table's configuration (owned by the NAT, read on every call).
    struct Config
    {
        Behaviour mapping{ENDPOINT_INDEPENDENT};   //!< mapping behaviour
        Behaviour filtering{ENDPOINT_INDEPENDENT}; //!< filtering behaviour
        bool portPreservation{true};               //!< keep the inside port when free
        bool randomPorts{false};                   //!< random instead of sequential allocation
        uint16_t portMin{1024};                    //!< dynamic range start
        uint16_t portMax{65535};                   //!< dynamic range end
        Time udpLifetime;                          //!< UDP mapping lifetime
        Time tcpEstablishedLifetime;               //!< TCP, both directions seen, not closing
        Time tcpTransitoryLifetime;                //!< TCP otherwise
        Time icmpLifetime;                         //!< ICMP query mapping lifetime
        Time espLifetime;                          //!< ESP binding lifetime
        uint32_t maxMappingsPerHost{0};            //!< 0: unlimited
    };

    /// Why a mapping could not be made.
    enum Result
    {
        RESULT_OK,
        RESULT_PORTS_EXHAUSTED, //!< no free public port / identifier
        RESULT_HOST_LIMIT,      //!< the inside host has maxMappingsPerHost mappings
        RESULT_ESP_PEER_IN_USE, //!< another inside host holds the ESP binding to that peer
    };

    /// Signature of the created / refreshed / expired notifications.
    typedef Callback<void, const Ipv4NatMapping&> MappingCallback;

    /**
     * \brief Parse a behaviour name; a bad one aborts naming the attribute and the choices.
     * \param attribute the attribute being set (for the message)
     * \param value EndpointIndependent, AddressDependent or AddressAndPortDependent
     * \return the behaviour
     */
    static Behaviour ParseBehaviour(const std::string& attribute, const std::string& value);
    /// \param b a behaviour \return its name
    static std::string BehaviourName(Behaviour b);

    Ipv4NatMappingTable();
    ~Ipv4NatMappingTable();
    Ipv4NatMappingTable(const Ipv4NatMappingTable&) = delete;
    Ipv4NatMappingTable& operator=(const Ipv4NatMappingTable&) = delete;

    /**
     * \brief Set the configuration the table reads (it must outlive the table's use).
     * \param config the configuration
     */
    void SetConfig(const Config* config);
    /**
     * \brief Set the notifications.
     * \param created called for every new mapping
     * \param refreshed called when outbound traffic (or inbound, see Inbound()) refreshes one
     * \param expired called when one expires or is removed by Clear()
     */
    void SetCallbacks(MappingCallback created, MappingCallback refreshed, MappingCallback expired);
    /// \param rng the random variable used for random port allocation
    void SetRandomVariable(Ptr<UniformRandomVariable> rng);

    /// \param address a public address to add to the pool
    void AddPublicAddress(Ipv4Address address);
    /// \return the pool
    const std::vector<Ipv4Address>& GetPublicAddresses() const;
    /// \return whether \p address is in the pool
    bool IsPublicAddress(Ipv4Address address) const;

    /**
     * \brief Add a static mapping (port forwarding): endpoint-independent mapping and
     *        filtering, never expires.
     * \param protocol 6 or 17
     * \param inside inside address
     * \param insidePort inside port
     * \param publicAddress a pool address
     * \param publicPort public port
     * \return false if the public endpoint is taken
     */
    bool AddStatic(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                   Ipv4Address publicAddress, uint16_t publicPort);

    /**
     * \brief The mapping for an outbound packet, created if there is none; refreshes it and
     *        records the remote endpoint for filtering.
     * \param protocol 1, 6 or 17
     * \param inside source address
     * \param insidePort source port / ICMP identifier
     * \param remote destination address
     * \param remotePort destination port / ICMP identifier
     * \param tcpFlags TCP flags of the packet (0 for other protocols)
     * \param result receives why no mapping could be made
     * \return the mapping, or nullptr
     */
    Ipv4NatMapping* Outbound(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                             Ipv4Address remote, uint16_t remotePort, uint8_t tcpFlags,
                             Result& result);
    /**
     * \brief The mapping an outbound packet would use, without creating or refreshing it.
     * \param protocol 1, 6 or 17
     * \param inside inside address
     * \param insidePort inside port
     * \param remote remote address
     * \param remotePort remote port
     * \return the mapping, or nullptr
     */
    Ipv4NatMapping* FindOutbound(uint8_t protocol, Ipv4Address inside, uint16_t insidePort,
                                 Ipv4Address remote, uint16_t remotePort);
    /**
     * \brief The mapping that owns a public endpoint.
     * \param protocol 1, 6 or 17
     * \param publicAddress public address
     * \param publicPort public port / ICMP identifier
     * \return the mapping, or nullptr (also if it has just expired)
     */
    Ipv4NatMapping* FindInbound(uint8_t protocol, Ipv4Address publicAddress, uint16_t publicPort);
    /**
     * \brief The filtering decision (RFC 4787 section 5) for a packet from a remote endpoint
     *        to a mapping's public endpoint.
     * \param mapping the mapping
     * \param remote source address of the packet
     * \param remotePort its source port / ICMP identifier
     * \return whether it may pass
     */
    bool Permits(const Ipv4NatMapping* mapping, Ipv4Address remote, uint16_t remotePort) const;
    /**
     * \brief Account for an inbound packet that passed the filter.
     * \param mapping the mapping
     * \param tcpFlags its TCP flags (0 for other protocols)
     * \param refresh whether inbound packets refresh mappings
     */
    void Inbound(Ipv4NatMapping* mapping, uint8_t tcpFlags, bool refresh);

    /**
     * \brief The ESP binding for a packet from an inside host to a peer, created if the peer
     *        has none (one inside host per peer and public address at a time).
     * \param inside inside host
     * \param peer remote peer
     * \param spi the packet's SPI (recorded)
     * \param result receives RESULT_ESP_PEER_IN_USE or RESULT_HOST_LIMIT on failure
     * \return the binding, or nullptr
     */
    Ipv4NatMapping* EspOutbound(Ipv4Address inside, Ipv4Address peer, uint32_t spi, Result& result);
    /**
     * \brief The ESP binding for a packet from a peer to a public address: by SPI if the SPI
     *        has been learnt, else the peer's binding, which then learns the SPI.
     * \param peer the packet's source
     * \param publicAddress its destination
     * \param spi its SPI
     * \return the binding, or nullptr
     */
    Ipv4NatMapping* EspInbound(Ipv4Address peer, Ipv4Address publicAddress, uint32_t spi);

    /// \return the number of live mappings and bindings
    uint32_t GetN() const;
    /// \return copies of all live mappings and bindings, ordered by creation
    std::vector<Ipv4NatMapping> GetMappings() const;
    /// Remove every mapping (reporting each as expired) and cancel all timers.
    void Clear();

private:
    struct Entry;
    /// Forward key: protocol, inside endpoint and (per behaviour) the remote endpoint.
    struct Key
    {
        uint8_t protocol;    //!< protocol
        uint32_t inside;     //!< inside address
        uint16_t insidePort; //!< inside port
        uint32_t remote;     //!< remote address or 0
        uint16_t remotePort; //!< remote port or 0

        /// \param o other \return equality
        bool operator==(const Key& o) const
        {
            return protocol == o.protocol && inside == o.inside && insidePort == o.insidePort
                   && remote == o.remote && remotePort == o.remotePort;
        }
    };

    /// Hash of Key.
    struct KeyHash
    {
        /// \param k key \return hash
        size_t operator()(const Key& k) const;
    };

    /// Per inside host: its paired public address and its number of mappings.
    struct Host
    {
        uint32_t poolIndex; //!< index into m_pool
        uint32_t mappings;  //!< live mappings of this host
    };

    Key MakeKey(uint8_t protocol, Ipv4Address inside, uint16_t insidePort, Ipv4Address remote,
                uint16_t remotePort) const;
    static uint64_t ReverseKey(uint8_t protocol, Ipv4Address address, uint16_t port);
    static uint64_t PairKey(Ipv4Address a, Ipv4Address b);
    Entry* Live(Entry* e);
    Time LifetimeOf(const Entry* e) const;
    void Refresh(Entry* e);
    void UpdateTcpState(Entry* e, uint8_t tcpFlags, bool outbound);
    void Schedule(Entry* e);
    void TimerFired(Entry* e);
    void Remove(Entry* e);
    Ipv4Address HostPublicAddress(Ipv4Address inside);
    bool AllocatePort(uint8_t protocol, Ipv4Address pub, uint16_t wanted, uint16_t& port);
    Entry* Insert(std::unique_ptr<Entry> e, const Key& key);
    void Record(Entry* e, Ipv4Address remote, uint16_t remotePort);

    const Config* m_config{nullptr};                                    //!< configuration
    MappingCallback m_created;                                          //!< creation notification
    MappingCallback m_refreshed;                                        //!< refresh notification
    MappingCallback m_expired;                                          //!< expiry notification
    Ptr<UniformRandomVariable> m_rng;                                   //!< random port allocation
    std::vector<Ipv4Address> m_pool;                                    //!< public addresses
    std::unordered_map<uint32_t, uint32_t> m_poolIndex;                 //!< address -> pool index
    uint32_t m_nextPool{0};                                             //!< round-robin pairing
    std::unordered_map<uint32_t, Host> m_hosts;                         //!< paired hosts
    std::unordered_map<Key, std::unique_ptr<Entry>, KeyHash> m_forward; //!< by inside endpoint
    std::unordered_map<Key, Entry*, KeyHash> m_static; //!< static, by inside endpoint
    std::unordered_map<uint64_t, Entry*> m_reverse;    //!< by public endpoint
    std::unordered_map<uint64_t, Entry*> m_espPeers;   //!< ESP: (peer, public) -> binding
    std::unordered_map<uint64_t, Entry*> m_espSpis;    //!< ESP: (public, SPI) -> binding
    std::unordered_map<uint64_t, uint32_t> m_cursor;   //!< sequential allocation cursors
    uint64_t m_nextId{0};                              //!< creation order
};

} // namespace ns3

#endif /* IPV4_NAT_MAPPING_TABLE_H */
