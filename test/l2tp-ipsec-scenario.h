/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The network of the l2tp-ipsec-system suite and what a run of it records:
 *
 *   client 192.168.1.2 --(10 Mb/s, 5 ms)-- router 203.0.113.1 --(100 Mb/s, 10 ms)--
 *     LNS 203.0.113.2 --(100 Mb/s, 1 ms)-- server 10.1.0.2
 *   [client 2 192.168.2.2 --(10 Mb/s, 5 ms)-- router]
 *
 * L2tpPppClient (alice; bob on client 2) and L2tpPppLns, IkeDaemon on the clients and the
 * LNS with IKE-managed UDP 1701 policies, UDP echoes to the server through the PPP tunnel,
 * and optionally a NAT on the router (ports not preserved).
 */
#ifndef L2TP_IPSEC_SCENARIO_H
#define L2TP_IPSEC_SCENARIO_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/// What the LNS receives from the router, per kind.
struct IpsecLnsCounts
{
    uint32_t ike500 = 0;            //!< UDP 500
    uint32_t ike4500 = 0;           //!< UDP 4500 with the non-ESP marker
    uint32_t esp4500 = 0;           //!< UDP 4500, ESP
    uint32_t keepalive = 0;         //!< UDP 4500, one byte 0xFF
    uint32_t esp50 = 0;             //!< IP protocol 50
    uint32_t l2tpClear = 0;         //!< UDP 1701 in the clear
    uint32_t other = 0;             //!< anything else
    std::vector<Time> ikeAt;        //!< arrival times of IKE messages
    std::vector<Time> espAt;        //!< arrival times of ESP packets (either kind)
    std::vector<uint32_t> espSizes; //!< IP sizes of the ESP packets
    std::set<uint16_t> espPorts;    //!< UDP source ports of ESP in UDP
};

/// One traced event of a daemon.
struct IkeEvent
{
    Time at;          //!< when
    std::string what; //!< description
};

/// The scenario and what it recorded.
struct IpsecScenario
{
    // Inputs
    bool nat = false;
    std::string clientPsk = "l2tp-ipsec-secret";
    std::string lnsPsk = "l2tp-ipsec-secret";
    Time keepalive = Seconds(20);
    Time natUdpLifetime = Seconds(120);
    Time dpdDelay = Seconds(30);    //!< client
    Time lnsDpdDelay = Seconds(30); //!< LNS
    Time dpdTimeout = Seconds(150);
    bool idle = false;          //!< no LCP echo, no L2TP HELLO: an idle tunnel
    bool twoClients = false;    //!< a second client (bob) behind the same router
    bool junk = false;          //!< malformed and unknown ISAKMP datagrams to the LNS at 0.5 s
    bool modeled = false;       //!< IkeDaemon ModeledCipher
    bool rekey = true;          //!< IkeDaemon Rekey
    uint32_t acquireLimit = 16; //!< EspL4Protocol AcquireQueueLimit
    uint32_t phase2Lifetime = 3600;
    Time rekeyMargin = Seconds(540);
    uint32_t phase1Lifetime = 10800;       //!< IkeSession Phase1Lifetime (s)
    bool isakmpRekey = true;               //!< IkeDaemon IsakmpRekey
    Time isakmpRekeyMargin = Seconds(540); //!< IkeDaemon IsakmpRekeyMargin
    Time stop = Seconds(25);
    std::vector<Time> echoAt{Seconds(5), Seconds(6), Seconds(7)}; //!< UDP echo requests
    std::string pcapDir;                                          //!< "" for none

    // Outputs
    IpsecLnsCounts lns;
    std::vector<IkeEvent> clientSent, lnsSent, clientState, lnsState, clientSa, lnsSa;
    std::vector<IkeEvent> clientReceived, lnsReceived;
    /// IsakmpSaRekeyed ("rekeyed") and IsakmpSaExpired ("expired") of each daemon
    std::vector<IkeEvent> clientIsakmp, lnsIsakmp;
    uint32_t clientIsakmpSas = 0, lnsIsakmpSas = 0; //!< GetIsakmpSaCount() at the end
    std::vector<std::string> clientSessionStates;   //!< final state of each client session
    std::vector<std::string> lnsSessionStates;      //!< final state of each LNS session
    uint32_t natExpired = 0;
    uint64_t lnsUnknownSpi = 0;
    std::vector<std::string> clientNat, lnsNat;
    uint32_t clientL2tpTx = 0;
    std::vector<Time> clientL2tpTxAt; //!< when the client sent L2TP datagrams (each in ESP)
    std::vector<Time> clientL2tpRxAt; //!< when it received (decrypted) L2TP datagrams
    uint32_t lnsL2tpTx = 0;
    uint32_t echoReplies = 0;
    uint32_t echoReplies2 = 0; //!< second client
    uint32_t lnsIkeSessions = 0;
    uint32_t lnsIkeSessionsAt1s = 0;      //!< sessions at the LNS just before the client starts
    std::vector<std::string> lnsIkeDrops; //!< the LNS daemon's Drop trace
    uint64_t lnsEspTruncated = 0;
    bool modeledSas = false; //!< every SA the daemons installed uses the modeled suite         //!<
                             //!< EspL4Protocol drops as truncated at the LNS
    uint32_t lnsTunnels = 0;
    std::vector<Time> echoReplyAt;
    uint64_t clientSadN = 0, lnsSadN = 0;
    uint64_t clientProtected = 0, lnsUnprotected = 0, lnsProtected = 0, clientUnprotected = 0;
    uint64_t clientAcquireFailed = 0, clientAcquireOverflow = 0;
    uint64_t lnsKeepalivesRx = 0;
    uint32_t pppSessions = 0;
    std::vector<std::string> espSaLines;
    uint16_t natIkePort = 0; //!< the client's IKE/ESP port on the NAT (4500 mapping)
    /// the LNS daemon's PeerPortChanged events, "old->new"
    std::vector<IkeEvent> lnsPortChanges;
    std::vector<std::string> ikeDecryptionLines; //!< the client daemon's ikev1_decryption_table
    uint16_t lnsOutEncapPort = 0; //!< encap destination port of the LNS's outbound SA at the end

    void Run();
};

/// \return the names in \p log, comma-separated
std::string Names(const std::vector<IkeEvent>& log);
/// \return the time of the \p nth event named \p what (or -1 s)
Time When(const std::vector<IkeEvent>& log, const std::string& what, std::size_t nth = 0);
/// \return the first of the once-a-second timer ticks from \p start (DPD, keepalive) that is
/// not before \p after
Time FirstTick(Time start, Time after);
/**
 * \brief The times IkeSession sends NAT-keepalives: its timer ticks every second from
 * \p tE (when it sent QM3), and a keepalive goes out at a tick when nothing was sent for
 * \p interval (ESP, whose times are \p sends, or an earlier keepalive).
 * \param tE start of the ticks \param sends sorted ESP send times \param interval 20 s
 * \param until last tick considered \return the keepalive times
 */
std::vector<Time> KeepaliveTimes(Time tE, const std::vector<Time>& sends, Time interval,
                                 Time until);

/// \return \p s single-quoted for the shell
std::string ShellQuoteArg(const std::string& s);

/// What tshark made of the ESP frames of the LNS capture.
struct TsharkResult
{
    int status = -1;     //!< exit status
    std::string output;  //!< its output
    uint32_t frames = 0; //!< ESP frames
    uint32_t good = 0;   //!< decrypted to UDP/L2TP, ICV good, not malformed, no expert info
    uint32_t pppIp = 0;  //!< of which carry l2tp:ppp:ip
};

/// Decrypt the LNS capture with the exported esp_sa lines (wildcard addresses).
TsharkResult DecryptLnsCapture(const IpsecScenario& s, bool udp);

} // namespace l2tptest
} // namespace ns3

#endif /* L2TP_IPSEC_SCENARIO_H */
