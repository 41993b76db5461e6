/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SPD_H
#define IPSEC_SPD_H

#include "ns3/ipv4-address.h"
#include "ns3/object.h"

#include <cstdint>
#include <vector>

#include "ipsec-sa.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One SPD entry (RFC 4301 4.4.1): selectors and what to do with matching traffic.
 */
struct IpsecPolicy
{
    /// What to do with matching traffic.
    enum Action
    {
        PROTECT, //!< apply the SA
        BYPASS,  //!< send / accept in the clear
        DISCARD  //!< drop
    };

    Ipv4Address srcAddress{Ipv4Address::GetAny()}; //!< source prefix
    Ipv4Mask srcMask{Ipv4Mask::GetZero()};         //!< source prefix mask
    Ipv4Address dstAddress{Ipv4Address::GetAny()}; //!< destination prefix
    Ipv4Mask dstMask{Ipv4Mask::GetZero()};         //!< destination prefix mask
    uint8_t protocol{0};                           //!< IP protocol, 0 = any
    uint16_t srcPortMin{0};                        //!< lowest source port
    uint16_t srcPortMax{65535};                    //!< highest source port
    uint16_t dstPortMin{0};                        //!< lowest destination port
    uint16_t dstPortMax{65535};                    //!< highest destination port
    Action action{DISCARD};                        //!< the action
    /// PROTECT: the outbound SA; null means IKE-managed (EspL4Protocol asks its key manager
    /// for the peer's current SA and starts IKE if there is none)
    Ptr<IpsecSa> sa;

    /**
     * \brief Does a packet match the selectors?
     * \param src source address
     * \param dst destination address
     * \param protocol IP protocol
     * \param srcPort source port (0 if the protocol has none)
     * \param dstPort destination port (0 if none)
     * \return true on a match
     */
    bool Matches(Ipv4Address src, Ipv4Address dst, uint8_t protocol, uint16_t srcPort,
                 uint16_t dstPort) const;
};

/**
 * \ingroup l2tp
 * \brief Security Policy Database: an ordered list of IpsecPolicy; the first match decides
 * (RFC 4301 4.4.1). Traffic that matches no entry is discarded, as RFC 4301 requires.
 */
class IpsecSpd : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecSpd();
    ~IpsecSpd() override;

    /**
     * \brief Append a policy (it has lower priority than all before it).
     * \param policy the entry
     * \return its index
     */
    uint32_t Add(const IpsecPolicy& policy);
    /**
     * \brief Insert a policy at \p index (0 = highest priority).
     * \param index position (clamped to the end)
     * \param policy the entry
     */
    void Insert(uint32_t index, const IpsecPolicy& policy);
    /// \return the number of entries
    uint32_t GetN() const;
    /// \return entry \p i
    const IpsecPolicy& Get(uint32_t i) const;

    /**
     * \brief Find the first matching entry.
     * \param src source address
     * \param dst destination address
     * \param protocol IP protocol
     * \param srcPort source port
     * \param dstPort destination port
     * \return its index, or -1 if none matches (the caller discards)
     */
    int32_t Lookup(Ipv4Address src, Ipv4Address dst, uint8_t protocol, uint16_t srcPort,
                   uint16_t dstPort) const;

protected:
    void DoDispose() override;

private:
    std::vector<IpsecPolicy> m_policies; //!< in priority order
};

} // namespace ns3

#endif /* IPSEC_SPD_H */
