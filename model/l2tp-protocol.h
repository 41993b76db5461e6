/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_PROTOCOL_H
#define L2TP_PROTOCOL_H

#include "l2tp-tunnel.h"

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace ns3
{

class Node;
class Packet;
class Socket;

/**
 * \ingroup l2tp
 * \brief The L2TP endpoint of a node: ONE UDP socket on port 1701 (source and destination),
 * tunnel ids allocated at random (non-zero, unique), and the demultiplexing of received
 * datagrams to tunnels by tunnel id through a hash map (sessions are then found by session
 * id in the tunnel's own table), so a packet costs O(1) whatever the number of tunnels and
 * sessions.
 *
 * Aggregated to the node (GetOrCreate()); shared by the L2tpLac and L2tpLns applications of
 * that node. An SCCRQ (tunnel id 0) is matched to an existing tunnel by (peer address, peer's
 * Assigned Tunnel ID), so that its retransmissions do not open new tunnels; otherwise it is
 * offered to the incoming-tunnel callback. Simultaneous opens are settled with the Tie
 * Breaker AVP (section 4.4.3): the lower value wins, equal values clear both.
 */
class L2tpProtocol : public Object
{
public:
    /// A new tunnel was created for an SCCRQ from \p peer; configure it (role, secret...).
    using IncomingTunnelCallback = Callback<void, Ptr<L2tpTunnel>, Ipv4Address>;
    /// Signature of the Drop trace source.
    using DropTracedCallback = void (*)(Ptr<const Packet> p, const std::string& reason);
    /// Signature of the Tx / Rx trace sources.
    using PacketTracedCallback = void (*)(Ptr<const Packet> p, Ipv4Address peer);

    static TypeId GetTypeId();
    L2tpProtocol();
    ~L2tpProtocol() override;

    /**
     * \param node a node with an Internet stack
     * \return its L2tpProtocol, aggregated on first use
     */
    static Ptr<L2tpProtocol> GetOrCreate(Ptr<Node> node);

    /// \param node the node whose UDP the socket uses
    void SetNode(Ptr<Node> node);
    /// \param cb accepts SCCRQs (unset: SCCRQs are dropped)
    void SetIncomingTunnelCallback(IncomingTunnelCallback cb);
    /// \param cb returns the secret to use with a peer (to unhide a hidden SCCRQ)
    void SetSecretLookup(Callback<std::string, Ipv4Address> cb);

    /**
     * \brief Create a tunnel to \p peer with a fresh tunnel id; call Open() on it to start.
     * \param peer the peer's address
     * \param role LAC or LNS
     * \return the tunnel
     */
    Ptr<L2tpTunnel> CreateTunnel(Ipv4Address peer, L2tpTunnel::Role role);
    /// \param id our tunnel id \return the tunnel, or nullptr
    Ptr<L2tpTunnel> FindTunnel(uint16_t id) const;
    /// \return the number of tunnels (in any state before CLOSED)
    uint32_t GetTunnelCount() const;
    /// \param id our tunnel id \return the peer address of that tunnel
    Ipv4Address GetPeerAddress(uint16_t id) const;
    /**
     * \param stream first stream index
     * \return the number of streams used (1: tunnel ids, session ids, challenges, vectors)
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

private:
    /// One tunnel and where its peer is.
    struct Entry
    {
        Ptr<L2tpTunnel> tunnel; //!< the tunnel
        Ipv4Address peer;       //!< the peer
        uint16_t peerTunnelId;  //!< the peer's Assigned Tunnel ID seen in its SCCRQ (0: none)
        uint32_t ipsecSpi{0};   //!< inbound ESP SA the peer's packets last came through
        uint32_t sccrqSpi{0};   //!< inbound ESP SA of its SCCRQ (part of the m_bySccrq key)
    };

    void EnsureSocket();
    void HandleRead(Ptr<Socket> socket);
    void HandleSccrq(Ptr<Packet> p, Ipv4Address from);
    void SendTo(Ipv4Address peer, Ptr<Packet> p);
    /// A tunnel's send path: tags the datagram with the tunnel's IpsecSaTag, if any.
    void SendTunnel(uint16_t id, Ptr<Packet> p);
    void TunnelClosed(Ptr<L2tpTunnel> t);
    void Remove(uint16_t id);
    void Drop(Ptr<const Packet> p, const std::string& reason);

    Ptr<Node> m_node;
    Ptr<Socket> m_socket;
    Ptr<UniformRandomVariable> m_rng;
    std::unordered_map<uint16_t, Entry> m_tunnels; //!< by our tunnel id
    /// (peer address, inbound ESP SPI or 0, peer's tunnel id) -> our tunnel id. The SPI tells
    /// apart L2TP/IPsec peers behind one NAT, which share the address and may pick one id.
    std::map<std::tuple<uint32_t, uint32_t, uint16_t>, uint16_t> m_bySccrq;
    IncomingTunnelCallback m_incoming;
    Callback<std::string, Ipv4Address> m_secretLookup;
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;
    TracedCallback<Ptr<const Packet>, Ipv4Address> m_txTrace;
    TracedCallback<Ptr<const Packet>, Ipv4Address> m_rxTrace;
};

} // namespace ns3

#endif /* L2TP_PROTOCOL_H */
