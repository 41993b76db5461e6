/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_TEST_UTIL_H
#define L2TP_TEST_UTIL_H

#include <cstdint>
#include <string>
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

} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_TEST_UTIL_H */
