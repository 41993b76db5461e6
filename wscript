# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# waf build of the l2tp module for ns-3 source trees up to 3.35 (copy this folder to
# contrib/l2tp). Same files as CMakeLists.txt; the l2tp-build-files test keeps them in step.
import os

L2TP_SOURCE_FILES = [
    'model/l2tp-md5.cc',
    'model/l2tp-header.cc',
    'model/l2tp-avp.cc',
    'model/l2tp-avp-hiding.cc',
    'model/l2tp-control-message.cc',
    'helper/l2tp-pcap-decoder.cc',
    'helper/l2tp-wire-demo.cc',
    'model/l2tp-control-channel.cc',
    'model/l2tp-session.cc',
    'model/l2tp-tunnel.cc',
    'model/l2tp-tunnel-calls.cc',
    'model/l2tp-protocol.cc',
    'model/l2tp-application.cc',
    'model/l2tp-lac.cc',
    'model/l2tp-lns.cc',
    'helper/l2tp-helper.cc',
    'model/ipv4-transport-fields.cc',
    'model/ipv4-fragment-tracker.cc',
    'model/ipv4-nat-mapping-table.cc',
    'model/ipv4-nat-translation.cc',
    'model/ipv4-nat.cc',
    'model/ipv4-firewall-rule.cc',
    'model/ipv4-firewall.cc',
    'helper/nat-helper.cc',
    'helper/firewall-helper.cc',
    'helper/nat-firewall-topology.cc',
    'model/ppp-frame.cc',
    'model/ppp-control-packet.cc',
    'model/ppp-hdlc.cc',
    'model/ppp-fsm.cc',
    'model/ppp-lcp.cc',
    'model/ppp-pap.cc',
    'model/ppp-chap.cc',
    'model/ppp-address-pool.cc',
    'model/ppp-ipcp.cc',
    'model/ppp-endpoint.cc',
    'model/esp-packet.cc',
    'model/ipsec-cipher-suite.cc',
    'model/ipsec-openssl-cipher-suite.cc',
    'model/ipsec-modeled-cipher-suite.cc',
    'model/ipsec-sa-tag.cc',
    'model/ipsec-sa.cc',
    'model/ipsec-sad.cc',
    'model/ipsec-spd.cc',
    'model/esp-l4-protocol.cc',
    'helper/ipsec-helper.cc',
    'model/ike-header.cc',
    'model/ike-sa-payload.cc',
    'model/ike-payload.cc',
    'model/ike-crypto.cc',
    'model/ike-daemon.cc',
    'model/ike-daemon-phase1.cc',
    'model/ike-session-exchanges.cc',
    'model/ike-session.cc',
    'model/ppp-net-device.cc',
    'model/l2tp-ppp-binding.cc',
    'model/l2tp-ppp-client.cc',
    'model/l2tp-ppp-lns.cc',
    'model/ppp-serial-channel.cc',
    'model/ppp-serial-net-device.cc',
    'helper/ppp-serial-helper.cc',
    'model/ppp-client-interface.cc',
    'model/ppp-dial-in-client.cc',
    'model/l2tp-ppp-lac.cc',
    'model/icmp-echo-probe.cc',
    'helper/icmp-echo-probe-helper.cc',
]

L2TP_HEADER_FILES = [
    'model/l2tp-md5.h',
    'model/l2tp-header.h',
    'model/l2tp-avp.h',
    'model/l2tp-avp-hiding.h',
    'model/l2tp-control-message.h',
    'helper/l2tp-pcap-decoder.h',
    'helper/l2tp-wire-demo.h',
    'model/l2tp-control-channel.h',
    'model/l2tp-session.h',
    'model/l2tp-tunnel.h',
    'model/l2tp-protocol.h',
    'model/l2tp-application.h',
    'model/l2tp-lac.h',
    'model/l2tp-lns.h',
    'helper/l2tp-helper.h',
    'model/l2tp-ns3-compat.h',
    'model/ipv4-transport-fields.h',
    'model/ipv4-fragment-tracker.h',
    'model/ipv4-nat-mapping-table.h',
    'model/ipv4-nat.h',
    'model/ipv4-firewall-rule.h',
    'model/ipv4-firewall.h',
    'helper/nat-helper.h',
    'helper/firewall-helper.h',
    'helper/nat-firewall-topology.h',
    'model/ppp-frame.h',
    'model/ppp-control-packet.h',
    'model/ppp-hdlc.h',
    'model/ppp-fsm.h',
    'model/ppp-lcp.h',
    'model/ppp-pap.h',
    'model/ppp-chap.h',
    'model/ppp-address-pool.h',
    'model/ppp-ipcp.h',
    'model/ppp-endpoint.h',
    'model/esp-packet.h',
    'model/ipsec-cipher-suite.h',
    'model/ipsec-openssl-cipher-suite.h',
    'model/ipsec-modeled-cipher-suite.h',
    'model/ipsec-sa-tag.h',
    'model/ipsec-sa.h',
    'model/ipsec-sad.h',
    'model/ipsec-spd.h',
    'model/esp-l4-protocol.h',
    'helper/ipsec-helper.h',
    'model/ike-header.h',
    'model/ike-sa-payload.h',
    'model/ike-payload.h',
    'model/ike-crypto.h',
    'model/ike-daemon.h',
    'model/ike-session.h',
    'model/ppp-net-device.h',
    'model/l2tp-ppp-binding.h',
    'model/l2tp-ppp-client.h',
    'model/l2tp-ppp-lns.h',
    'model/ppp-serial-channel.h',
    'model/ppp-serial-net-device.h',
    'helper/ppp-serial-helper.h',
    'model/ppp-client-interface.h',
    'model/ppp-dial-in-client.h',
    'model/l2tp-ppp-lac.h',
    'model/icmp-echo-probe.h',
    'helper/icmp-echo-probe-helper.h',
]

L2TP_TEST_SOURCES = [
    'test/l2tp-test-util.cc',
    'test/l2tp-build-files-test.cc',
    'test/l2tp-header-test.cc',
    'test/l2tp-avp-test.cc',
    'test/l2tp-avp-hiding-test.cc',
    'test/l2tp-control-message-test.cc',
    'test/l2tp-xl2tpd-vectors-test.cc',
    'test/l2tp-robustness-test.cc',
    'test/l2tp-pcap-test-util.cc',
    'test/l2tp-pcap-test.cc',
    'test/l2tp-pcap-robustness-test.cc',
    'test/l2tp-control-channel-test.cc',
    'test/l2tp-tunnel-test.cc',
    'test/l2tp-tunnel-session-test.cc',
    'test/l2tp-control-plane-test.cc',
    'test/l2tp-middlebox-test-net.cc',
    'test/l2tp-nat-test.cc',
    'test/l2tp-nat-translation-test.cc',
    'test/l2tp-firewall-test.cc',
    'test/l2tp-nat-firewall-example-test.cc',
    'test/l2tp-ppp-frame-test.cc',
    'test/l2tp-ppp-hdlc-test.cc',
    'test/l2tp-ppp-fsm-test.cc',
    'test/l2tp-ppp-lcp-test.cc',
    'test/l2tp-ppp-auth-test.cc',
    'test/l2tp-ppp-ipcp-test.cc',
    'test/l2tp-ppp-endpoint-test.cc',
    'test/l2tp-esp-kat-test.cc',
    'test/l2tp-esp-strongswan-test.cc',
    'test/l2tp-esp-test.cc',
    'test/l2tp-esp-system-test.cc',
    'test/l2tp-ike-crypto-test.cc',
    'test/l2tp-ike-strongswan-test.cc',
    'test/l2tp-ike-session-test.cc',
    'test/l2tp-ipsec-scenario.cc',
    'test/l2tp-ipsec-lifetime-test.cc',
    'test/l2tp-ipsec-system-test.cc',
    'test/l2tp-ike-payload-test.cc',
    'test/l2tp-ppp-l2tp-test.cc',
    'test/l2tp-ppp-compulsory-net.cc',
    'test/l2tp-ppp-compulsory-test.cc',
    'test/l2tp-ppp-dialin-test.cc',
    'test/l2tp-icmp-echo-probe-test.cc',
]

L2TP_EXAMPLES = [
    'l2tp-wire-pcap',
    'l2tp-pcap-decode',
    'l2tp-control-plane',
    'nat-firewall',
    'l2tp-voluntary',
    'l2tp-compulsory',
    'l2tp-ipsec-nat',
]

L2TP_NS3_LIBS = ['core', 'network', 'internet', 'point-to-point', 'csma', 'applications']


def configure(conf):
    conf.check_cfg(package='libcrypto', uselib_store='OPENSSL',
                   args=['--cflags', '--libs'], mandatory=True)
    minor = 35
    version_file = os.path.join(conf.path.abspath(), '..', '..', 'VERSION')
    if os.path.exists(version_file):
        text = open(version_file).read().strip()
        if text.startswith('3.') and text[2:].split('.')[0].isdigit():
            minor = int(text[2:].split('.')[0])
    conf.env.append_value('DEFINES', 'L2TP_NS3_MINOR=%d' % minor)


def build(bld):
    module = bld.create_ns3_module('l2tp', L2TP_NS3_LIBS)
    module.source = L2TP_SOURCE_FILES
    module.use.append('OPENSSL')

    module_test = bld.create_ns3_module_test_library('l2tp')
    module_test.source = L2TP_TEST_SOURCES
    module_test.defines = ['NS_TEST_SOURCEDIR="%s"' % bld.path.find_dir('test').abspath()]

    headers = bld(features='ns3header')
    headers.module = 'l2tp'
    headers.source = L2TP_HEADER_FILES

    if bld.env.ENABLE_EXAMPLES:
        for name in L2TP_EXAMPLES:
            obj = bld.create_ns3_program(name, ['l2tp'] + L2TP_NS3_LIBS)
            obj.source = 'examples/%s.cc' % name
