/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PPP_ENDPOINT_H
#define PPP_ENDPOINT_H

#include "ns3/packet.h"

#include <map>

#include "ppp-chap.h"
#include "ppp-ipcp.h"
#include "ppp-lcp.h"
#include "ppp-pap.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief One end of a PPP link: LCP, then authentication (PAP or CHAP), then IPCP and the
 *        network phase (RFC 1661 section 3), in the client or the server role.
 *
 * Frames leave through a send callback and arrive through Receive(), so the endpoint can sit
 * on an L2TP session, a serial link with HDLC framing, or a test harness. The server
 * (authenticator, address pool) asks the peer for the authentication configured on its LCP
 * ("Authentication" attribute) and checks it against its user database; the client
 * authenticates with its Username/Password. Frames of a protocol not allowed in the current
 * phase are dropped (RFC 1661 3.4, 3.5: NCP packets before the network phase are silently
 * discarded); frames of unknown protocols get an LCP Protocol-Reject.
 */
class PppEndpoint : public Object
{
public:
    /// Role on the link.
    enum Role
    {
        CLIENT = 0, //!< authenticates itself, gets its address
        SERVER = 1, //!< authenticator, assigns addresses
    };

    /// Link phases (RFC 1661 section 3.2).
    enum Phase
    {
        DEAD = 0,
        ESTABLISH,
        AUTHENTICATE,
        NETWORK,
        TERMINATE,
    };

    /// Per-endpoint counters, readable after a run.
    struct Counters
    {
        std::map<uint16_t, uint64_t> framesSent;     //!< per protocol
        std::map<uint16_t, uint64_t> framesReceived; //!< per protocol (valid frames)
        std::map<uint16_t, uint64_t> bytesSent;      //!< frame octets per protocol
        uint64_t drops{0};                           //!< frames dropped (any reason)
        uint64_t authSuccesses{0};                   //!< successful authentications
        uint64_t authFailures{0};                    //!< failed authentications
        uint64_t echoFailures{0};                    //!< keepalive failures
        uint64_t protocolRejectsSent{0};             //!< Protocol-Rejects sent
    };

    /**
     * \brief What an L2TP LAC negotiated with the user before the call reached this server
     *        (the proxy AVPs of RFC 2661 section 4.4.5).
     */
    struct ProxyInfo
    {
        std::vector<uint8_t> lastSentConfReq;     //!< options of the LAC's last CONFREQ
        std::vector<uint8_t> lastReceivedConfReq; //!< options of the user's last CONFREQ
        uint16_t authType{0};                     //!< Proxy Authen Type (2 CHAP, 3 PAP, 4 none)
        std::string name;                         //!< Proxy Authen Name
        std::vector<uint8_t> challenge;           //!< Proxy Authen Challenge (CHAP)
        uint8_t id{0};                            //!< Proxy Authen ID
        std::vector<uint8_t> response; //!< Proxy Authen Response (CHAP value, PAP password)
    };
    /// \name Proxy Authen Type values (RFC 2661 section 4.4.5)
    /// \{
    static constexpr uint16_t PROXY_AUTH_TEXT = 1;
    static constexpr uint16_t PROXY_AUTH_CHAP = 2;
    static constexpr uint16_t PROXY_AUTH_PAP = 3;
    static constexpr uint16_t PROXY_AUTH_NONE = 4;
    /// \}

    /// Frame output: the PPP frame (Address/Control as negotiated, Protocol, Information).
    typedef Callback<void, Ptr<Packet>> SendCallback;
    /// IPv4 output of the network phase: the datagram.
    typedef Callback<void, Ptr<Packet>> Ipv4Callback;

    /// TracedCallback: (method "PAP"/"CHAP", user, success)
    typedef void (*AuthTracedCallback)(const std::string&, const std::string&, bool);
    /// TracedCallback: (local address, peer address)
    typedef void (*AddressTracedCallback)(Ipv4Address, Ipv4Address);
    /// TracedCallback: (protocol, frame size)
    typedef void (*FrameTracedCallback)(uint16_t, uint32_t);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PppEndpoint();

    /// \param role client or server (set before Start)
    void SetRole(Role role);
    /// \return the role
    Role GetRole() const;
    /// \param cb where frames go
    void SetSendCallback(SendCallback cb);
    /// \param cb where IPv4 datagrams received in the network phase go
    void SetIpv4ReceiveCallback(Ipv4Callback cb);
    /// Server: add a user \param name user name \param password password / CHAP secret
    void AddUser(const std::string& name, const std::string& password);
    /// A user database shared by many endpoints: \return true and the password of a user
    using UserLookupCallback = Callback<bool, const std::string&, std::string&>;
    /**
     * \brief Server: look users up through \p cb (e.g. an LNS's one database) instead of the
     *        endpoint's own AddUser() entries, so that a session costs no copy of the users.
     * \param cb the lookup
     */
    void SetUserLookup(UserLookupCallback cb);
    /// Server: IPCP addressing \param local own address \param pool the peers' pool
    void SetServerAddressing(Ipv4Address local, Ptr<PppAddressPool> pool);

    /// The lower layer is up: LCP Open + Up
    void Start();
    /**
     * \brief Server: take over a link whose LCP and authentication exchange an L2TP LAC ran:
     *        LCP enters Opened with the proxied options (nothing is sent), the proxied
     *        response is checked against the user database as if it answered our own
     *        Challenge (CHAP) or Authenticate-Request (PAP), and Success / Failure (Ack / Nak)
     *        goes to the user with the proxied Identifier; then IPCP as usual.
     * \param info the proxied negotiation
     * \param reason receives why the LCP options could not be adopted
     * \return false if they could not (nothing changed; renegotiate with Start())
     */
    bool AdoptProxy(const ProxyInfo& info, std::string& reason);
    /// Administrative close: LCP Close (Terminate-Request) \param reason text
    void Stop(const std::string& reason);
    /// The lower layer went down: LCP Down
    void LowerLayerDown();

    /// Process a received frame (as the send callback of the other end produced it)
    /// \param frame the frame
    void Receive(Ptr<const Packet> frame);
    /**
     * \brief Send an IPv4 datagram (network phase with IPCP Opened only).
     * \param datagram the datagram
     * \return false if IPCP is not Opened
     */
    bool SendIpv4(Ptr<Packet> datagram);

    /// \return the current phase
    Phase GetPhase() const;
    /// \return the counters
    const Counters& GetCounters() const;
    /// \return the LCP automaton (configure through its attributes)
    Ptr<PppLcp> GetLcp() const;
    /// \return the IPCP automaton
    Ptr<PppIpcp> GetIpcp() const;
    /// \return the PAP protocol object
    Ptr<PppPap> GetPap() const;
    /// \return the CHAP protocol object
    Ptr<PppChap> GetChap() const;
    /// \return the phase name
    static std::string PhaseName(Phase phase);

    /**
     * \brief Use fixed random streams (magic numbers, CHAP challenges).
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;

private:
    void SendControl(uint16_t protocol, const std::vector<uint8_t>& packet);
    void SendFrame(uint16_t protocol, const std::vector<uint8_t>& information);
    void SetPhase(Phase p);
    void LcpUp();
    void ProxyAuthenticate();
    void LcpDown();
    void LcpFinished();
    void IpcpUp();
    void IpcpDown();
    void IpcpFinished();
    void AuthResult(const std::string& method, bool ok, const std::string& user,
                    const std::string& msg);
    void PapResult(bool ok, const std::string& user, const std::string& msg);
    void ChapResult(bool ok, const std::string& user, const std::string& msg);
    bool Lookup(const std::string& name, std::string& password);
    void EchoFailure(uint32_t pending);
    void ProtocolRejected(uint16_t protocol);
    void DropFrame(const std::string& reason);

    Role m_role{CLIENT};                        //!< role
    Phase m_phase{DEAD};                        //!< phase
    std::string m_user;                         //!< client: user name
    std::string m_password;                     //!< client: password
    std::string m_name;                         //!< server: name in CHAP Challenges
    std::map<std::string, std::string> m_users; //!< server: user database
    UserLookupCallback m_userLookup;            //!< server: shared database, if set
    Ptr<PppLcp> m_lcp;                          //!< LCP
    Ptr<PppIpcp> m_ipcp;                        //!< IPCP
    Ptr<PppPap> m_pap;                          //!< PAP
    Ptr<PppChap> m_chap;                        //!< CHAP
    SendCallback m_send;                        //!< frame output
    Ipv4Callback m_ipv4Rx;                      //!< IPv4 input to the node
    Counters m_counters;                        //!< counters
    ProxyInfo m_proxy;                          //!< proxied authentication (AdoptProxy)
    bool m_hasProxy{false};                     //!< LcpUp verifies m_proxy
    TracedCallback<PppFsm::State, PppFsm::State> m_lcpStateTrace;             //!< LCP states
    TracedCallback<PppFsm::State, PppFsm::State> m_ipcpStateTrace;            //!< IPCP states
    TracedCallback<const std::string&, const std::string&, bool> m_authTrace; //!< auth result
    TracedCallback<Ipv4Address, Ipv4Address> m_addressTrace;                  //!< address assigned
    TracedCallback<uint32_t> m_echoFailureTrace;                              //!< echo failure
    TracedCallback<uint16_t, uint32_t> m_txTrace;                             //!< frame sent
    TracedCallback<uint16_t, uint32_t> m_rxTrace;                             //!< frame received
    TracedCallback<const std::string&> m_dropTrace;  //!< frame dropped (reason)
    TracedCallback<const std::string&> m_phaseTrace; //!< phase entered
};

} // namespace ns3

#endif /* PPP_ENDPOINT_H */
