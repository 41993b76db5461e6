/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPV4_FRAGMENT_TRACKER_H
#define IPV4_FRAGMENT_TRACKER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <utility>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief What a middlebox decided for the first fragment of a datagram, so that the later
 *        fragments (which carry no transport header) get the same treatment.
 *
 * Datagrams are identified as received: source, destination, protocol and IP
 * identification. A decision is kept for a fixed timeout after its first fragment (like a
 * reassembly timeout); expired decisions are purged in arrival order on each lookup, in
 * amortised O(1).
 */
class Ipv4FragmentTracker
{
public:
    /// The decision for a datagram.
    struct Decision
    {
        Ipv4Address source;      //!< source to write into later fragments
        Ipv4Address destination; //!< destination to write into later fragments
        uint8_t verdict{0};      //!< the middlebox's own verdict code
    };

    Ipv4FragmentTracker();

    /// \param timeout how long a decision is kept
    void SetTimeout(Time timeout);
    /**
     * \brief Record the decision for the datagram a first fragment belongs to.
     * \param header the first fragment's header, as received
     * \param decision the decision
     */
    void Record(const Ipv4Header& header, const Decision& decision);
    /**
     * \param header a later fragment's header, as received
     * \return the decision for its datagram, or nullptr
     */
    const Decision* Find(const Ipv4Header& header);
    /// \return the number of datagrams with a live decision (expired ones may still count)
    uint32_t GetN() const;
    /// Forget everything.
    void Clear();

private:
    /// Identity of a datagram.
    struct Key
    {
        uint32_t source;      //!< source address
        uint32_t destination; //!< destination address
        uint16_t id;          //!< IP identification
        uint8_t protocol;     //!< protocol

        /// \param o other \return equality
        bool operator==(const Key& o) const
        {
            return source == o.source && destination == o.destination && id == o.id
                   && protocol == o.protocol;
        }
    };

    /// Hash of Key.
    struct KeyHash
    {
        /// \param k key \return hash
        size_t operator()(const Key& k) const;
    };

    static Key KeyOf(const Ipv4Header& header);

    Time m_timeout;                                                    //!< decision lifetime
    std::unordered_map<Key, std::pair<Decision, Time>, KeyHash> m_map; //!< decisions, expiry
    std::deque<std::pair<Time, Key>> m_order;                          //!< expiry order
};

} // namespace ns3

#endif /* IPV4_FRAGMENT_TRACKER_H */
