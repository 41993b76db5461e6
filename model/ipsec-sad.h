/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SAD_H
#define IPSEC_SAD_H

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <unordered_map>

#include "ipsec-sa.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Security Association Database of a node (RFC 4301 4.4.2): a hash map from
 * (SPI, destination) to the SA, O(1) per lookup. An SA installed with destination
 * Ipv4Address::GetAny() matches its SPI for every destination (the lookup tries the exact
 * destination first, then the wildcard), which is what a host behind a NAT needs.
 */
class IpsecSad : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecSad();
    ~IpsecSad() override;

    /**
     * \brief Install an SA (its SPI and destination are the key).
     * \param sa the SA
     * \return false if an SA with the same key exists
     */
    bool Add(Ptr<IpsecSa> sa);
    /**
     * \brief Remove an SA.
     * \param spi its SPI
     * \param destination its destination (as installed)
     * \return true if one was removed
     */
    bool Remove(uint32_t spi, Ipv4Address destination);
    /**
     * \brief Find the SA for an inbound packet.
     * \param spi the SPI
     * \param destination the packet's destination address
     * \return the SA or nullptr
     */
    Ptr<IpsecSa> Lookup(uint32_t spi, Ipv4Address destination) const;
    /// \return the number of SAs
    std::size_t GetN() const;

    /**
     * \brief Inbound processing of one ESP packet: length, SAD lookup, then IpsecSa::Unprotect.
     * \param data the ESP packet (SPI to ICV)
     * \param size its length
     * \param destination the outer destination address
     * \param out receives the payload
     * \param reason receives the drop reason on failure
     * \param detail receives an explanation on failure
     * \return the SA that accepted the packet, or nullptr if dropped
     */
    Ptr<IpsecSa> Receive(const uint8_t* data, std::size_t size, Ipv4Address destination,
                         IpsecSa::Received& out, IpsecDropReason& reason, std::string& detail);

    /**
     * \brief Drops counted by the SAD itself (before an SA was found: TRUNCATED, UNKNOWN_SPI).
     * \param reason the reason
     * \return the count
     */
    uint64_t GetDropCount(IpsecDropReason reason) const;

protected:
    void DoDispose() override;

private:
    /// \return the map key of (spi, destination)
    static uint64_t Key(uint32_t spi, Ipv4Address destination);

    std::unordered_map<uint64_t, Ptr<IpsecSa>> m_sas; //!< (SPI, destination) -> SA
    std::array<uint64_t, static_cast<std::size_t>(IpsecDropReason::COUNT)> m_drops{};
    /// Drop before an SA was found: SPI, sequence, reason, detail.
    TracedCallback<uint32_t, uint32_t, const std::string&, const std::string&> m_dropTrace;
};

} // namespace ns3

#endif /* IPSEC_SAD_H */
