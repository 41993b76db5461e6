/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef L2TP_WIRE_DEMO_H
#define L2TP_WIRE_DEMO_H

#include "ns3/l2tp-control-message.h"

#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class Packet;
class Socket;
class UniformRandomVariable;

/**
 * \ingroup l2tp
 * \brief A scripted L2TP exchange on the wire: two nodes (a LAC and an LNS) on a
 * point-to-point link, each with one UDP socket bound to port 1701, send the control and data
 * messages of a tunnel's whole life at fixed times, and both devices are captured to pcap.
 *
 * This is the code shared by the l2tp-wire-pcap example and the l2tp-pcap test suite. It does
 * not model the protocol's state machines (those are L2tpTunnel / L2tpSession's job); it
 * shows and checks the wire format. Sequence numbers are real, though: each end keeps Ns (next
 * to send) and Nr (next expected) and updates Nr from the messages its socket actually
 * receives, so a lost or misparsed message shows up as a wrong Nr in the capture.
 *
 * The exchange (LAC = node 0, 10.1.1.1; LNS = node 1, 10.1.1.2), one step every 10 ms from
 * t = 1 s, HELLO after 60 s of silence:
 * \verbatim
   LAC -> LNS  SCCRQ     tunnel 0, Assigned Tunnel ID 11 (hidden with a Random Vector when a
                         secret is set), Host Name, Vendor Name, Firmware, RWS, capabilities
   LNS -> LAC  SCCRP     tunnel 11, Assigned Tunnel ID 22 (hidden when a secret is set)
   LAC -> LNS  SCCCN     tunnel 22
   LNS -> LAC  ZLB
   LAC -> LNS  ICRQ      Assigned Session ID 101, Call Serial Number 1, Bearer Type, Calling Number
   LNS -> LAC  ICRP      session 101, Assigned Session ID 202
   LAC -> LNS  ICCN      session 202, (Tx) Connect Speed, Framing Type, Rx Connect Speed
   LNS -> LAC  ZLB       session 101
   LAC -> LNS  DATA      LCP Configure-Request (ff 03 c0 21 ...), L bit set
   LNS -> LAC  DATA      LCP Configure-Ack, L bit set
   LNS -> LAC  DATA      ff 03 00 21 + IPv4 ICMP echo request, S bit set (Ns 0)
   LAC -> LNS  DATA      ff 03 00 21 + IPv4 ICMP echo reply, S bit set (Ns 0)
   LNS -> LAC  HELLO     (t = 61.07 s)
   LAC -> LNS  ZLB
   LAC -> LNS  CDN       Result Code 3, Assigned Session ID 101
   LNS -> LAC  ZLB       session 101
   LAC -> LNS  StopCCN   Assigned Tunnel ID 11, Result Code 1/0 "Goodbye!"
   LNS -> LAC  ZLB
   \endverbatim
 */
class L2tpWireDemo
{
public:
    static constexpr uint16_t LAC_TUNNEL_ID = 11;   //!< the tunnel id the LAC assigns
    static constexpr uint16_t LNS_TUNNEL_ID = 22;   //!< the tunnel id the LNS assigns
    static constexpr uint16_t LAC_SESSION_ID = 101; //!< the session id the LAC assigns
    static constexpr uint16_t LNS_SESSION_ID = 202; //!< the session id the LNS assigns
    static constexpr uint32_t LAC = 0;              //!< index of the LAC end
    static constexpr uint32_t LNS = 1;              //!< index of the LNS end

    /// One message as an end sent it.
    struct Sent
    {
        Time time;          //!< when it was handed to the socket
        uint32_t from;      //!< LAC or LNS
        std::string type;   //!< "SCCRQ", ..., "ZLB", "DATA"
        uint16_t tunnelId;  //!< header Tunnel ID
        uint16_t sessionId; //!< header Session ID
        bool hasSequence;   //!< S bit
        uint16_t ns;        //!< Ns
        uint16_t nr;        //!< Nr
        uint32_t size;      //!< UDP payload size
        uint32_t payload;   //!< data messages: PPP frame size
    };

    /// One message as an end's socket received it, decoded with L2tpPcapDecoder::DecodeL2tp.
    struct Received
    {
        Time time;        //!< arrival time
        uint32_t at;      //!< LAC or LNS
        bool ok;          //!< the module's parser accepted it
        std::string line; //!< decoder line (time is absolute simulation time)
    };

    L2tpWireDemo();
    ~L2tpWireDemo();

    /// \param dir directory for the pcap files (created if needed)
    void SetOutputDir(const std::string& dir);
    /// \param secret tunnel secret; when not empty, Assigned Tunnel ID AVPs are hidden
    void SetSecret(const std::string& secret);
    /// \param rate the link's data rate, e.g. "10Mbps"
    void SetDataRate(const std::string& rate);
    /// \param delay the link's propagation delay
    void SetDelay(Time delay);
    /**
     * \brief Fix the random stream used for Random Vector values.
     * \param stream first stream number
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Build the topology, run the simulation to the end and destroy it.
     * \return the pcap files written, LAC's first
     */
    std::vector<std::string> Run();

    /// \return every message sent, in time order
    const std::vector<Sent>& GetSent() const;
    /// \return every message received, in time order
    const std::vector<Received>& GetReceived() const;
    /// \return the pcap file name prefix (without "-N-M.pcap") under the output directory
    std::string GetPcapPrefix() const;

private:
    /// One end of the tunnel.
    struct End
    {
        Ptr<Socket> socket;        //!< UDP socket on port 1701
        Ipv4Address address;       //!< this end's address
        uint16_t ns{0};            //!< control: next Ns to send
        uint16_t nr{0};            //!< control: next Ns expected from the peer
        uint16_t dataNs{0};        //!< data: next Ns of the session
        uint16_t peerTunnelId{0};  //!< the peer's tunnel id (0 before it is known)
        uint16_t peerSessionId{0}; //!< the peer's session id (0 before it is known)
    };

    /// Schedule the whole exchange.
    void Schedule();
    /**
     * \brief Send a control message from \p from with that end's Ns/Nr (Ns advances unless ZLB).
     * \param from LAC or LNS
     * \param msg the message (header ids set by the caller)
     */
    void SendControl(uint32_t from, L2tpControlMessage msg);
    /**
     * \brief Send a ZLB acknowledgement.
     * \param from LAC or LNS
     * \param sessionId the session id to put in the header (0 for the tunnel)
     */
    void SendZlb(uint32_t from, uint16_t sessionId);
    /**
     * \brief Send a data message in the session.
     * \param from LAC or LNS
     * \param ppp the PPP frame (starting with ff 03)
     * \param withLength set the L bit
     * \param withSequence set the S bit (Ns from the session's data counter, Nr 0)
     */
    void SendData(uint32_t from, const std::vector<uint8_t>& ppp, bool withLength,
                  bool withSequence);
    /**
     * \brief Hand bytes to the socket and log them.
     * \param from LAC or LNS
     * \param bytes the UDP payload
     * \param entry what to log (time, size filled in)
     */
    void Transmit(uint32_t from, const std::vector<uint8_t>& bytes, Sent entry);
    /// Socket receive callback. \param socket the socket with data waiting
    void Receive(Ptr<Socket> socket);
    /// \return SCCRQ or SCCRP from \p from with the common AVPs
    L2tpControlMessage MakeStartMessage(uint32_t from, uint16_t type);

    std::string m_outputDir{"results/l2tp-wire-pcap"}; //!< pcap directory
    std::string m_secret;                              //!< tunnel secret (empty: no hiding)
    std::string m_dataRate{"10Mbps"};                  //!< link rate
    Time m_delay;                                      //!< link delay
    Ptr<UniformRandomVariable> m_rng;                  //!< Random Vector source
    NodeContainer m_nodes;                             //!< LAC, LNS
    End m_end[2];                                      //!< LAC, LNS
    std::vector<Sent> m_sent;                          //!< send log
    std::vector<Received> m_received;                  //!< receive log
};

} // namespace ns3

#endif /* L2TP_WIRE_DEMO_H */
