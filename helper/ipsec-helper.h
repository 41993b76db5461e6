/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_HELPER_H
#define IPSEC_HELPER_H

#include "ns3/esp-l4-protocol.h"
#include "ns3/ike-daemon.h"
#include "ns3/ipsec-cipher-suite.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Installs the ESP hooks (EspL4Protocol) on nodes and static (manually keyed)
 * transport-mode SA pairs with their SPD entries, and writes Wireshark's ESP SA table.
 *
 * Keys come from an ns-3 RNG stream (AssignStreams), so runs are reproducible.
 */
class IpsecHelper
{
public:
    IpsecHelper();

    /**
     * \brief Install EspL4Protocol on each node (once per node).
     * \param nodes the nodes (with an IPv4 internet stack)
     */
    void Install(NodeContainer nodes);

    /**
     * \brief Protect UDP traffic to or from \p port between two hosts in transport mode:
     * one SA each way, PROTECT policies on both nodes (destination port, then source port).
     * \param a first node
     * \param aAddr its address
     * \param b second node
     * \param bAddr its address
     * \param transform the ESP transform
     * \param spiAtoB SPI of the SA from a to b
     * \param spiBtoA SPI of the SA from b to a
     * \param port the UDP port (1701 for L2TP, RFC 3193)
     * \param modeled true for the modeled (no cipher work) suite
     * \param udpEncap true for UDP-encapsulated ESP on port 4500 (RFC 3948) both ways
     */
    void AddTransportPair(Ptr<Node> a, Ipv4Address aAddr, Ptr<Node> b, Ipv4Address bAddr,
                          IpsecTransform transform, uint32_t spiAtoB, uint32_t spiBtoA,
                          uint16_t port, bool modeled = false, bool udpEncap = false);

    /**
     * \brief Install an IkeDaemon (and EspL4Protocol) on each node, with the pre-shared key,
     * the session and daemon attributes set on this helper so far.
     * \param nodes the nodes
     */
    void InstallIke(NodeContainer nodes);
    /// \param psk the pre-shared key of the daemons installed from now on
    void SetPreSharedKey(const std::string& psk);
    /**
     * \brief An attribute of every IkeSession created by daemons installed from now on.
     * \param name e.g. "DhGroup", "DpdDelay", "NatKeepaliveInterval" \param value the value
     */
    void SetIkeSessionAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief An attribute of the IkeDaemon objects installed from now on.
     * \param name e.g. "Rekey", "RekeyMargin", "ModeledCipher" \param value the value
     */
    void SetIkeDaemonAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief L2TP/IPsec (RFC 3193): IKE-managed PROTECT policies on \p node for UDP to or from
     * \p port and \p peer (a prefix: Ipv4Mask::GetZero() with any address for an LNS that
     * serves every client). The first packet without an SA starts IKE.
     * \param node the node (with InstallIke done)
     * \param peer the peer address or prefix \param mask its mask
     * \param port the UDP port (1701)
     */
    void ProtectWithIke(Ptr<Node> node, Ipv4Address peer, Ipv4Mask mask, uint16_t port = 1701);
    /**
     * \brief Write Wireshark's esp_sa UAT file with the keys of every SA the daemons on \p
     * nodes installed (rekeyed ones included). Addresses are wildcards ("*"), so the same file
     * decrypts captures on both sides of a NAT.
     * \param nodes the nodes \param path the file \return false if it cannot be written
     */
    static bool WriteIkeEspSaFile(NodeContainer nodes, const std::string& path);
    /// \return the esp_sa lines (wildcard addresses) of the SAs the daemons on \p nodes
    /// installed \param nodes the nodes
    static std::vector<std::string> GetIkeEspSaLines(NodeContainer nodes);
    /**
     * \brief Write Wireshark's ikev1_decryption_table UAT file (initiator cookie, encryption
     * key) for every ISAKMP SA of the daemons on \p nodes.
     * \param nodes the nodes \param path the file \return false if it cannot be written
     */
    static bool WriteIkeDecryptionFile(NodeContainer nodes, const std::string& path);

    /**
     * \brief One line of Wireshark 4.0's esp_sa UAT (8 fields) for \p sa.
     * \param sa the SA
     * \param wildcard write "*" for both addresses
     * \return the line, e.g. "IPv4","10.1.1.1","10.1.1.2","0x00001001","AES-CBC [RFC3602]",...
     */
    static std::string EspSaLine(Ptr<IpsecSa> sa, bool wildcard = false);

    /**
     * \brief Write every SA installed by this helper as a Wireshark esp_sa file.
     * \param path the file
     * \return false if it cannot be written
     */
    bool WriteEspSaFile(const std::string& path) const;

    /// \return the esp_sa lines of every SA installed by this helper
    std::vector<std::string> GetEspSaLines() const;

    /**
     * \brief Fix the RNG streams used for keys and IVs.
     * \param stream first stream
     * \return number of streams used
     */
    int64_t AssignStreams(int64_t stream);

private:
    /// \return the node's EspL4Protocol (installing it if needed)
    Ptr<EspL4Protocol> Get(Ptr<Node> node);
    /// \return \p n random bytes
    std::vector<uint8_t> RandomBytes(uint32_t n);

    Ptr<UniformRandomVariable> m_rng;
    int64_t m_nextStream{-1};
    std::vector<Ptr<IpsecSa>> m_sas;
    ObjectFactory m_daemonFactory;
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_sessionAttributes;
};

} // namespace ns3

#endif /* IPSEC_HELPER_H */
