/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * CMakeLists.txt (ns-3 >= 3.36 and standalone) and wscript (ns-3 <= 3.35) must name the same
 * sources, headers, tests and examples, and every one of them must exist.
 */
#include "l2tp-test-util.h"

#include "ns3/test.h"

#include <fstream>
#include <map>
#include <regex>
#include <set>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

std::string
RepoDir()
{
    return std::string(NS_TEST_SOURCEDIR) + "/..";
}

/// CMake: `set(NAME\n  item\n  item\n)`.
std::set<std::string>
CmakeList(const std::string& text, const std::string& name)
{
    std::set<std::string> out;
    std::smatch m;
    if (std::regex_search(text, m, std::regex("set\\(" + name + "\\s([^)]*)\\)")))
    {
        std::regex item("[A-Za-z0-9_./-]+");
        std::string body = m[1];
        for (auto it = std::sregex_iterator(body.begin(), body.end(), item);
             it != std::sregex_iterator(); ++it)
        {
            out.insert(it->str());
        }
    }
    return out;
}

/// wscript: `NAME = [\n 'item',\n]`.
std::set<std::string>
WafList(const std::string& text, const std::string& name)
{
    std::set<std::string> out;
    std::smatch m;
    if (std::regex_search(text, m, std::regex(name + " = \\[([^\\]]*)\\]")))
    {
        std::regex item("'([^']+)'");
        std::string body = m[1];
        for (auto it = std::sregex_iterator(body.begin(), body.end(), item);
             it != std::sregex_iterator(); ++it)
        {
            out.insert((*it)[1].str());
        }
    }
    return out;
}

std::string
Join(const std::set<std::string>& s)
{
    std::string out;
    for (const auto& x : s)
    {
        out += (out.empty() ? "" : " ") + x;
    }
    return out;
}

bool
Exists(const std::string& path)
{
    return std::ifstream(path).good();
}

} // namespace

/**
 * \ingroup l2tp-tests
 * \brief The two build descriptions list the same, existing files.
 */
class L2tpBuildFilesTestCase : public TestCase
{
public:
    L2tpBuildFilesTestCase()
        : TestCase("CMakeLists.txt and wscript name the same existing files")
    {
    }

private:
    void DoRun() override
    {
        std::string cmake = ReadFile(RepoDir() + "/CMakeLists.txt");
        std::string waf = ReadFile(RepoDir() + "/wscript");
        for (const char* list : {"L2TP_SOURCE_FILES", "L2TP_HEADER_FILES", "L2TP_TEST_SOURCES",
                                 "L2TP_EXAMPLES", "L2TP_NS3_LIBS"})
        {
            auto c = CmakeList(cmake, list);
            auto w = WafList(waf, list);
            NS_TEST_EXPECT_MSG_EQ(Join(c), Join(w),
                                  "CMakeLists.txt and wscript differ in " << list);
            if (std::string(list) != "L2TP_EXAMPLES" && std::string(list) != "L2TP_NS3_LIBS")
            {
                NS_TEST_EXPECT_MSG_GT(c.size(), 0, list << " is empty or unreadable");
                for (const auto& f : c)
                {
                    NS_TEST_EXPECT_MSG_EQ(Exists(RepoDir() + "/" + f), true,
                                          f << " is listed but missing");
                }
            }
        }
        for (const auto& ex : CmakeList(cmake, "L2TP_EXAMPLES"))
        {
            NS_TEST_EXPECT_MSG_EQ(Exists(RepoDir() + "/examples/" + ex + ".cc"), true,
                                  "example " << ex << " is listed but examples/" << ex
                                             << ".cc is missing");
        }
        // The contrib build spells the ns-3 libraries out for ns-3's module scanner.
        std::set<std::string> scanned;
        std::smatch m;
        if (std::regex_search(cmake, m, std::regex("build_lib\\(\\s*LIBNAME([^)]*)\\)")))
        {
            std::string body = m[1];
            std::regex lib("\\$\\{lib([a-z0-9-]+)\\}");
            for (auto it = std::sregex_iterator(body.begin(), body.end(), lib);
                 it != std::sregex_iterator(); ++it)
            {
                scanned.insert((*it)[1].str());
            }
        }
        NS_TEST_EXPECT_MSG_EQ(Join(scanned), Join(CmakeList(cmake, "L2TP_NS3_LIBS")),
                              "build_lib's LIBRARIES_TO_LINK differ from L2TP_NS3_LIBS");
        // Every header has its source listed (or is header-only) and vice versa.
        auto sources = CmakeList(cmake, "L2TP_SOURCE_FILES");
        for (const auto& h : CmakeList(cmake, "L2TP_HEADER_FILES"))
        {
            std::string cc = h.substr(0, h.size() - 2) + ".cc";
            if (Exists(RepoDir() + "/" + cc))
            {
                NS_TEST_EXPECT_MSG_EQ(sources.count(cc), 1, cc << " exists but is not built");
            }
        }
    }
};

/**
 * \ingroup l2tp-tests
 * \brief Suite for the build descriptions.
 */
class L2tpBuildFilesTestSuite : public TestSuite
{
public:
    L2tpBuildFilesTestSuite()
        : TestSuite("l2tp-build-files", TestSuite::Type::UNIT)
    {
        AddTestCase(new L2tpBuildFilesTestCase);
    }
};

static L2tpBuildFilesTestSuite g_l2tpBuildFilesTestSuite; //!< static instance
