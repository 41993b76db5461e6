/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPV4_FIREWALL_RULE_H
#define IPV4_FIREWALL_RULE_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"

#include <cstdint>
#include <string>

#include "ipv4-transport-fields.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One firewall rule: a match on input interface, source and destination prefix, IP
 *        protocol and port ranges, and an action.
 *
 * A field left at its default matches anything. A rule that restricts ports matches only
 * packets whose UDP or TCP ports are known (not ICMP, ESP or a later fragment).
 *
 * Text form (Parse() and ToString()):
 * `allow|deny [proto udp|tcp|icmp|esp|N] [from A.B.C.D/LEN] [to A.B.C.D/LEN]
 * [sport LO[-HI]] [dport LO[-HI]] [in IFINDEX] [name WORD]`.
 */
struct Ipv4FirewallRule
{
    /// What a matching packet gets.
    enum Action
    {
        ALLOW,
        DENY,
    };

    Action action{DENY};        //!< action
    Ipv4Address source;         //!< source prefix address
    Ipv4Mask sourceMask;        //!< source prefix mask (0: any)
    Ipv4Address destination;    //!< destination prefix address
    Ipv4Mask destinationMask;   //!< destination prefix mask (0: any)
    uint8_t protocol{0};        //!< IP protocol (0: any)
    uint16_t srcPortMin{0};     //!< source port range start
    uint16_t srcPortMax{65535}; //!< source port range end
    uint16_t dstPortMin{0};     //!< destination port range start
    uint16_t dstPortMax{65535}; //!< destination port range end
    int32_t inInterface{-1};    //!< input interface index (-1: any)
    std::string name;           //!< optional label

    Ipv4FirewallRule();

    /// \return a rule that allows everything (narrow it with the setters)
    static Ipv4FirewallRule Allow();
    /// \return a rule that denies everything (narrow it with the setters)
    static Ipv4FirewallRule Deny();
    /**
     * \brief Parse the text form.
     * \param text the rule
     * \param error receives what is wrong (empty on success)
     * \return the rule (meaningless if error is set)
     */
    static Ipv4FirewallRule Parse(const std::string& text, std::string& error);

    /// \param address prefix \param mask mask \return *this
    Ipv4FirewallRule& SetSource(Ipv4Address address, Ipv4Mask mask);
    /// \param address prefix \param mask mask \return *this
    Ipv4FirewallRule& SetDestination(Ipv4Address address, Ipv4Mask mask);
    /// \param protocol IP protocol number \return *this
    Ipv4FirewallRule& SetProtocol(uint8_t protocol);
    /// \param min first port \param max last port \return *this
    Ipv4FirewallRule& SetSourcePorts(uint16_t min, uint16_t max);
    /// \param min first port \param max last port \return *this
    Ipv4FirewallRule& SetDestinationPorts(uint16_t min, uint16_t max);
    /// \param interface input interface index \return *this
    Ipv4FirewallRule& SetInputInterface(uint32_t interface);
    /// \param label the rule's name in traces \return *this
    Ipv4FirewallRule& SetName(const std::string& label);

    /**
     * \param header IP header
     * \param f its transport fields
     * \param portsKnown whether f's ports are valid for this packet
     * \param interface the input interface
     * \return whether the rule matches
     */
    bool Matches(const Ipv4Header& header, const Ipv4TransportFields& f, bool portsKnown,
                 int32_t interface) const;
    /// \return the text form
    std::string ToString() const;
};

} // namespace ns3

#endif /* IPV4_FIREWALL_RULE_H */
