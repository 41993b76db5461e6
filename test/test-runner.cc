/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Standalone test runner: ns-3's TestRunner with every l2tp TestSuite linked in. It takes the
 * ns-3 runner's options (--list, --suite=NAME, --verbose, --fullness=QUICK|EXTENSIVE|...).
 */
#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
