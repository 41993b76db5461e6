/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_TEST_UTIL_H
#define L2TP_TEST_UTIL_H

#include "ns3/l2tp-avp.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/// \return the bytes of a hex string (whitespace ignored); aborts on a bad digit
std::vector<uint8_t> FromHex(const std::string& hex);
/// \return lower-case hex of \p bytes
std::string ToHex(const std::vector<uint8_t>& bytes);
/// \return the lines of a text file (aborts if it cannot be read)
std::vector<std::string> ReadLines(const std::string& path);
/// \return the whole file as a string (aborts if it cannot be read)
std::string ReadFile(const std::string& path);
/// \return fields of \p line split on \p sep (empty fields kept)
std::vector<std::string> Split(const std::string& line, char sep);
/**
 * \brief Run a shell command and capture its standard output.
 * \param cmd the command
 * \param status receives the exit status
 * \return what it printed
 */
std::string RunCommand(const std::string& cmd, int& status);
/// \return the directory of the test data (test/data), absolute
std::string DataDir();
/// \return a fresh temporary directory for one test's outputs
std::string MakeTempDir(const std::string& name);

/// \name xl2tpd vectors (test/data/xl2tpd)
/// \{
/// One line of a `*.hex` file: an L2TP UDP payload captured from xl2tpd.
struct VectorLine
{
    std::string caseName;       //!< file name without ".hex", e.g. "case1_plain"
    uint32_t frame;             //!< 1-based line number, equal to tshark's frame number
    std::vector<uint8_t> bytes; //!< the UDP payload
};

/// \return the names of the `*.hex` files in test/data/xl2tpd without extension, sorted
std::vector<std::string> Xl2tpdCases();
/// \return every line of every `*.hex` file, in case and frame order
std::vector<VectorLine> LoadXl2tpdVectors();
/// \return the lines of one case's `.hex` file
std::vector<VectorLine> LoadXl2tpdCase(const std::string& caseName);
/// \return the secret of a `.l2tp-secrets` file (third field of its first entry line)
std::string ReadL2tpSecret(const std::string& path);
/// \return true if \p bytes starts with an L2TP header that has the T (control) bit set
bool IsControlBytes(const std::vector<uint8_t>& bytes);

/**
 * \brief The "Per-packet summary" table of a vector's `.txt` file (tshark -T fields).
 * \param txtPath the `.txt` file
 * \return one map per frame, from the field names of the table's header line to the values
 */
std::vector<std::map<std::string, std::string>> ReadTsharkSummary(const std::string& txtPath);

/// One field line of tshark's `-V` decode: "Name: value" (for bit lines, the part after "= ").
using TsharkField = std::pair<std::string, std::string>;

/// An AVP of tshark's decode of an L2TP control message.
struct TsharkAvp
{
    std::string title;               //!< e.g. "Host Name AVP"
    std::vector<TsharkField> fields; //!< its field lines in order
};

/// The L2TP part (and what tshark decodes after it) of one frame of a `-V` decode.
struct TsharkFrame
{
    uint32_t number{0};                //!< frame number
    int64_t udpPayload{-1};            //!< "UDP payload (N bytes)", -1 if absent
    std::vector<TsharkField> l2tp;     //!< the L2TP header fields (Flags, Length, Tunnel ID, ...)
    std::vector<TsharkAvp> avps;       //!< AVPs in order
    std::vector<TsharkField> ppp;      //!< "Point-to-Point Protocol" fields
    std::vector<TsharkField> pppLayer; //!< fields of the PPP protocol after it (e.g. LCP)
};

/// \return the frames of the "Full decode" part of a vector's `.txt` file
std::vector<TsharkFrame> ReadTsharkDecode(const std::string& txtPath);
/// \return the value of the first field named \p name, or nullptr
const std::string* FindField(const std::vector<TsharkField>& fields, const std::string& name);
/// \return the number in the last "(N)" of \p text, or -1 (e.g. "Start_Control_Request (1)")
int64_t NumberInParens(const std::string& text);
/// \}

/**
 * \brief A valid AVP of attribute \p type built with the typed builder of its format, with a
 *        value that differs per type (e.g. Assigned Tunnel ID 0xd629, Host Name "lac-ref").
 * \param type an attribute type of L2tpAvp::AllSpecs()
 * \return the AVP (M bit as the RFC asks)
 */
L2tpAvp SampleAvp(uint16_t type);

/// \return \p bytes[from, from + n) as a new vector (exactly sized: ASan sees overreads)
std::vector<uint8_t> Slice(const std::vector<uint8_t>& bytes, size_t from, size_t n);

} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_TEST_UTIL_H */
