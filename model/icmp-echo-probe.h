/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ICMP_ECHO_PROBE_H
#define ICMP_ECHO_PROBE_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief A ping: ICMPv4 Echo Requests (RFC 792) to one address, Echo Replies matched on
 *        identifier and sequence number, one RTT per reply.
 *
 * ns-3 3.37 has V4Ping and ns-3 3.48 has Ping (V4Ping was removed in 3.41): no ping class is
 * common to both, so the module brings its own. It sends through an Ipv4RawSocketFactory
 * socket (protocol 1), so the requests are real IP datagrams that the remote node's own
 * Icmpv4L4Protocol answers; nothing is needed on the remote side.
 *
 * Every request carries Size payload bytes laid out like ping's: the send time (32-bit
 * seconds and microseconds, network order, as Wireshark decodes "Timestamp from icmp data")
 * then byte i = i mod 256, as iputils ping fills. The checksum is always computed. The
 * raw socket hands up every ICMP datagram the node receives (IPv4 header included); the probe
 * strips the IPv4 header, checks the length, the checksum (when the GlobalValue
 * ChecksumEnabled is true: otherwise ns-3 peers send a zero checksum, the same rule as
 * ns-3's UDP), the type and code, the identifier, the sequence number and the echoed payload,
 * and drops, counts and traces everything else with its reason. Sent requests are kept in a
 * hash map by sequence number (at most 65,536 entries: the number wraps), so matching a reply
 * is O(1).
 */
class IcmpEchoProbe : public Application
{
public:
    /// Why a received ICMP datagram was not taken as a reply.
    enum DropReason
    {
        DROP_TRUNCATED = 0,    //!< shorter than an Echo Reply header (8 bytes)
        DROP_CHECKSUM,         //!< ICMP checksum wrong
        DROP_NOT_ECHO_REPLY,   //!< another type (or code) than Echo Reply 0/0
        DROP_IDENTIFIER,       //!< another identifier than ours
        DROP_UNKNOWN_SEQUENCE, //!< a sequence number we did not send
        DROP_DUPLICATE,        //!< a second reply to the same request
        DROP_PAYLOAD,          //!< the echoed data is not what we sent
        DROP_REASON_COUNT      //!< number of reasons
    };

    /// Signature of the Tx trace source. \param seq the request's sequence number
    using TxTracedCallback = void (*)(uint16_t seq);
    /// Signature of the Rtt trace source. \param seq sequence number \param rtt round trip
    using RttTracedCallback = void (*)(uint16_t seq, Time rtt);
    /// Signature of the Drop trace source. \param reason DropReasonName() of the reason
    using DropTracedCallback = void (*)(const std::string& reason);

    static TypeId GetTypeId();
    IcmpEchoProbe();
    ~IcmpEchoProbe() override;

    /// \param r a reason \return its name ("truncated", "checksum", "not-echo-reply",
    ///        "identifier", "unknown-sequence", "duplicate", "payload")
    static std::string DropReasonName(DropReason r);

    /// \return Echo Requests sent (not those the socket refused, e.g. for want of a route;
    ///         Count limits the attempts)
    uint32_t GetSent() const;
    /// \return valid Echo Replies received (first reply to each request)
    uint32_t GetReceived() const;
    /// \return second and later replies to the same request
    uint32_t GetDuplicates() const;
    /// \param r a reason \return datagrams dropped for it
    uint32_t GetDrops(DropReason r) const;
    /// \return datagrams dropped for any reason
    uint32_t GetDrops() const;

protected:
    void DoDispose() override;

private:
    void StartApplication() override;
    void StopApplication() override;

    /// Send the next Echo Request and schedule the one after
    void Send();
    /// \param s the raw socket with datagrams to read
    void Receive(Ptr<Socket> s);
    /// \param icmp one received ICMP message (IPv4 header removed)
    void HandleIcmp(Ptr<Packet> icmp);
    /// \param r the reason to count and trace
    void Drop(DropReason r);
    /// \param sent a request's send time \return the payload it carried
    std::vector<uint8_t> MakePayload(Time sent) const;

    /// A request sent and not yet overwritten by a wrapped sequence number.
    struct Request
    {
        Time sent;     //!< when it left the application
        bool answered; //!< a valid reply has been received
    };

    Ipv4Address m_remote;  //!< where the requests go
    Time m_interval;       //!< between requests
    uint32_t m_count;      //!< requests to send (0 = until stopped)
    uint32_t m_size;       //!< payload bytes per request
    uint16_t m_identifier; //!< Echo identifier
    uint16_t m_nextSeq;    //!< sequence number of the next request
    Ptr<Socket> m_socket;  //!< the raw ICMP socket
    EventId m_sendEvent;   //!< next request
    uint32_t m_attempts;   //!< requests built (sent or refused by the socket)
    uint32_t m_sent;       //!< requests sent
    uint32_t m_received;   //!< valid replies
    uint32_t m_duplicates; //!< duplicate replies
    std::array<uint32_t, DROP_REASON_COUNT> m_drops;  //!< drops per reason
    std::unordered_map<uint16_t, Request> m_requests; //!< sent requests by sequence number

    TracedCallback<uint16_t> m_txTrace;             //!< a request left
    TracedCallback<uint16_t, Time> m_rttTrace;      //!< a valid reply arrived
    TracedCallback<const std::string&> m_dropTrace; //!< a datagram was dropped
};

} // namespace ns3

#endif // ICMP_ECHO_PROBE_H
