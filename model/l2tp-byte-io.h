/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Module-private big-endian (network order) byte readers and writers shared by the codecs
 * that work on raw byte arrays (L2TP header and AVPs, ISAKMP payloads). Callers check bounds
 * before reading.
 */
#ifndef L2TP_BYTE_IO_H
#define L2TP_BYTE_IO_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace l2tpbytes
{

/// \return the 16-bit big-endian value at \p p (2 readable bytes)
inline uint16_t
ReadU16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

/// \return the 32-bit big-endian value at \p p (4 readable bytes)
inline uint32_t
ReadU32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

/// Append \p v in big-endian order. \param out destination \param v value
inline void
PutU16(std::vector<uint8_t>& out, uint16_t v)
{
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v & 0xff));
}

/// Append \p v in big-endian order. \param out destination \param v value
inline void
PutU32(std::vector<uint8_t>& out, uint32_t v)
{
    PutU16(out, static_cast<uint16_t>(v >> 16));
    PutU16(out, static_cast<uint16_t>(v & 0xffff));
}

} // namespace l2tpbytes
} // namespace ns3

#endif /* L2TP_BYTE_IO_H */
