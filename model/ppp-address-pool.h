/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_ADDRESS_POOL_H
#define PPP_ADDRESS_POOL_H

#include "ns3/ipv4-address.h"
#include "ns3/object.h"

#include <set>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief A range of IPv4 addresses handed out to PPP peers by IPCP (the LNS's pool).
 *
 * Shared by every PppIpcp of a server; allocation takes the lowest free address, O(log n).
 */
class PppAddressPool : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Define the pool (frees every address).
     * \param first the first address
     * \param count the number of consecutive addresses
     */
    void SetRange(Ipv4Address first, uint32_t count);
    /**
     * \brief Allocate the lowest free address.
     * \param address receives it
     * \return false if the pool is exhausted
     */
    bool Allocate(Ipv4Address& address);
    /**
     * \brief Allocate a given address if it belongs to the pool and is free.
     * \param address the address
     * \return true if it was allocated
     */
    bool AllocateSpecific(Ipv4Address address);
    /// Return an address to the pool \param address the address
    void Release(Ipv4Address address);
    /// \return the number of free addresses
    uint32_t GetFree() const;
    /// \return the pool size
    uint32_t GetSize() const;

private:
    uint32_t m_first{0};       //!< first address (host order)
    uint32_t m_count{0};       //!< size
    std::set<uint32_t> m_free; //!< free offsets
};

} // namespace ns3

#endif /* PPP_ADDRESS_POOL_H */
