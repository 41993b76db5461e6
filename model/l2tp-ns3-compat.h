/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Module-private portability macros between ns-3.37 (Debian 12) and later releases (3.48).
 * L2TP_NS3_MINOR is set by CMakeLists.txt / wscript from the ns-3 version being built against.
 */
#ifndef L2TP_NS3_COMPAT_H
#define L2TP_NS3_COMPAT_H

#ifndef L2TP_NS3_MINOR
#define L2TP_NS3_MINOR 37
#endif

#if L2TP_NS3_MINOR >= 42
#define L2TP_TEST_EXTENSIVE ns3::TestCase::Duration::EXTENSIVE
#else
#define L2TP_TEST_EXTENSIVE ns3::TestCase::EXTENSIVE
#endif

#if L2TP_NS3_MINOR >= 39
#define L2TP_ROUTE_CB(T) const T&
#else
#define L2TP_ROUTE_CB(T) T
#endif

#if L2TP_NS3_MINOR >= 41
#define L2TP_ENUM_ACCESSOR(T, ...) ns3::MakeEnumAccessor<T>(__VA_ARGS__)
#else
#define L2TP_ENUM_ACCESSOR(T, ...) ns3::MakeEnumAccessor(__VA_ARGS__)
#endif

#endif /* L2TP_NS3_COMPAT_H */
