/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SA_TAG_H
#define IPSEC_SA_TAG_H

#include "ns3/tag.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Packet tag naming the inbound ESP SA (its SPI) a datagram arrived through, or the
 * inbound SA whose peer a reply must go to.
 *
 * EspL4Protocol adds it to every decapsulated datagram; L2tpProtocol keeps the SPI per
 * tunnel and tags what the tunnel sends; EspL4Protocol's output then asks the key manager
 * for the outbound SA paired with that inbound SA instead of resolving by destination
 * address. This keeps two clients behind one NAT apart: both look like NAT-address:1701
 * to the LNS, but their tunnels arrived through different SAs.
 */
class IpsecSaTag : public Tag
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    /// \param spi the inbound SPI
    explicit IpsecSaTag(uint32_t spi = 0);

    /// \return the inbound SPI
    uint32_t GetSpi() const;
    /// \param spi the inbound SPI
    void SetSpi(uint32_t spi);

    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

private:
    uint32_t m_spi; //!< the inbound SPI
};

} // namespace ns3

#endif /* IPSEC_SA_TAG_H */
