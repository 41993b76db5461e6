/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_SESSION_H
#define IKE_SESSION_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

#include "ike-crypto.h"
#include "ike-header.h"
#include "ike-payload.h"

namespace ns3
{

/**
 * \ingroup l2tp
 * \brief Keys and parameters of one ESP SA pair negotiated in Quick Mode.
 */
struct IkeChildSaKeys
{
    uint32_t spiIn = 0;              //!< SPI of the inbound SA (chosen by this side)
    uint32_t spiOut = 0;             //!< SPI of the outbound SA (chosen by the peer)
    std::vector<uint8_t> encKeyIn;   //!< AES key of the inbound SA
    std::vector<uint8_t> authKeyIn;  //!< HMAC-SHA1 key of the inbound SA
    std::vector<uint8_t> encKeyOut;  //!< AES key of the outbound SA
    std::vector<uint8_t> authKeyOut; //!< HMAC-SHA1 key of the outbound SA
    uint16_t encapsulationMode = 2;  //!< 2 transport, 4 UDP-encapsulated transport
    bool natTraversal = false;       //!< ESP in UDP 4500 (RFC 3948)
    uint32_t lifetimeSeconds = 3600; //!< SA lifetime
};

/**
 * \ingroup l2tp
 * \brief An IKEv1 (RFC 2409) Main Mode + Quick Mode exchange with a pre-shared key, as
 *        initiator or responder, independent of the transport.
 *
 * The session builds and parses real ISAKMP messages (IkeHeader, IkePayload), runs real
 * Diffie-Hellman and the RFC 2409 key derivation (IkeCrypto), encrypts MM5, MM6 and Quick
 * Mode with AES-CBC, and detects a NAT by comparing the NAT-D hashes (RFC 3947) with the
 * addresses and ports the packets really carry. With a NAT it floats to UDP 4500 at MM5 and
 * prefixes its messages with the non-ESP marker. It hands UDP payloads to a send callback and
 * takes received UDP payloads with their addresses in Receive(), so it can be tested back to
 * back or attached to a UDP socket.
 *
 * The proposal is the one strongSwan sends for ike=aes128-sha1-modp2048 (or modp1024 with
 * DhGroup 2) and esp=aes128-sha1, with the same vendor IDs, so the message sizes equal
 * strongSwan's. The initiator retransmits a request after RetransmissionTimeout *
 * RetransmissionBase^n (n = 0 .. MaxRetransmissions, strongSwan's defaults 4 s, 1.8, 5) and
 * gives up after the last timeout; a responder resends its last reply when a request arrives
 * again, and the responder retransmits QM2 until QM3 arrives.
 *
 * Once established, the initiator can run further Quick Modes in the same ISAKMP SA
 * (StartQuickMode(), used for rekeying), and either side can delete an ESP SA
 * (DeleteChildSa(); a received Delete(ESP) is reported through the ChildDeletedCallback).
 * IkeDaemon attaches sessions to a node's sockets and SAD.
 */
class IkeSession : public Object
{
public:
    /// Protocol states.
    enum State
    {
        IDLE,
        MM1_SENT,
        MM2_SENT,
        MM3_SENT,
        MM4_SENT,
        MM5_SENT,
        PHASE1_ESTABLISHED,
        QM1_SENT,
        QM2_SENT,
        ESTABLISHED,
        FAILED,
        DELETED, //!< the peer deleted the ISAKMP SA, or Delete() was called
    };

    /// Sends one UDP payload: bytes, destination address, source port, destination port.
    using SendCallback
        = Callback<void, const std::vector<uint8_t>&, Ipv4Address, uint16_t, uint16_t>;
    /// Reports the ESP keys once Quick Mode completed.
    using EstablishedCallback = Callback<void, const IkeChildSaKeys&>;
    /// Reports why the exchange failed.
    using FailedCallback = Callback<void, const std::string&>;
    /// Reports a Delete(ESP) received from the peer: the SPI it named (the peer's inbound
    /// SPI, i.e. this side's outbound SA).
    using ChildDeletedCallback = Callback<void, uint32_t>;
    /// Reports that Main Mode completed (the ISAKMP SA exists; a Quick Mode may follow).
    using Phase1Callback = Callback<void>;
    /// Reports that the peer's address or port changed (the old address and port).
    using PeerMovedCallback = Callback<void, Ipv4Address, uint16_t>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    IkeSession();
    ~IkeSession() override;

    /// \param cb where messages go
    void SetSendCallback(SendCallback cb);
    /// \param cb called with the child SA keys
    void SetEstablishedCallback(EstablishedCallback cb);
    /// \param cb called with the reason of a failure
    void SetFailedCallback(FailedCallback cb);
    /// \param cb called when the peer deletes an ESP SA
    void SetChildDeletedCallback(ChildDeletedCallback cb);
    /// \param cb called when Main Mode completes (both roles)
    void SetPhase1Callback(Phase1Callback cb);
    /// \param cb called when UpdatePeerEndpoint() changed the peer's address or port
    void SetPeerMovedCallback(PeerMovedCallback cb);

    /**
     * \brief RFC 3947 section 4: the side that is not behind a NAT follows the NAT's mapping
     * to the address and port of the latest authenticated packet from the peer. Called for
     * authenticated IKE messages by the session itself and for ESP-in-UDP packets whose ICV
     * verified by the key manager. Only after the float to UDP 4500 with the NAT on the
     * peer's side (NAT-D: remote behind NAT, local not).
     * \param src the packet's source address \param sport its source port
     * \return true if the peer's address or port changed
     */
    bool UpdatePeerEndpoint(Ipv4Address src, uint16_t sport);

    /**
     * \brief Main Mode only (before StartInitiator): after MM6 the initiator stays in
     * PHASE1_ESTABLISHED instead of starting Quick Mode. Used to re-authenticate an ISAKMP SA
     * whose ESP SAs keep running (IKEv1 ESP SAs do not depend on the ISAKMP SA).
     * \param phase1Only true for Main Mode only
     */
    void SetPhase1Only(bool phase1Only);
    /**
     * \brief The key manager moved the ESP SAs of an older ISAKMP SA to this one (state
     * PHASE1_ESTABLISHED): the state becomes ESTABLISHED, so rekeying Quick Modes, Delete(ESP)
     * and DPD / NAT-keepalives run in this ISAKMP SA from now on.
     * \param spiIn the inbound SPI of the current ESP SA pair
     */
    void AdoptChildSa(uint32_t spiIn);
    /**
     * \brief Delete this ISAKMP SA only (RFC 2408 section 3.15: Delete with protocol ISAKMP and
     * the cookie pair as SPI, protected by this SA); the ESP SAs are not touched. The state
     * becomes DELETED. Possible once Main Mode completed.
     */
    void DeleteIsakmpSa();
    /// \return the negotiated ISAKMP SA lifetime (the Phase1Lifetime attribute)
    Time GetPhase1Lifetime() const;

    /**
     * \brief Rekey (initiator, state ESTABLISHED): a new Quick Mode under the same ISAKMP SA
     * (RFC 2409 section 5.5); the EstablishedCallback reports the new keys.
     * \return false if not possible in this state or role
     */
    bool StartQuickMode();
    /**
     * \brief Delete one ESP SA pair as strongSwan does after a rekey: an Informational
     * exchange with HASH(1) and Delete(ESP, \p spiIn) (the SPI this side receives on).
     * \param spiIn the inbound SPI
     */
    void DeleteChildSa(uint32_t spiIn);
    /**
     * \brief ESP traffic of this session's SAs, reported by the key manager (as charon asks
     * the kernel for its CHILD_SAs' last use): inbound traffic counts as hearing from the peer
     * for DPD, outbound traffic as sending for the NAT-keepalive timer.
     * \param outbound true for a packet sent, false for one received
     */
    void NotifyEspActivity(bool outbound);
    /// \return the peer's address (after a NAT: the NAT's public address)
    Ipv4Address GetPeerAddress() const;
    /// \return the peer's current IKE port (4500 or the NAT's mapping after the float)
    uint16_t GetPeerPort() const;
    /// \return this side's address
    Ipv4Address GetLocalAddress() const;
    /// \return true if this side initiated
    bool IsInitiator() const;

    /**
     * \brief Start as initiator: send MM1.
     * \param local this host's address (IDii, NAT-D) \param peer the responder's address
     */
    void StartInitiator(Ipv4Address local, Ipv4Address peer);
    /// \brief Wait as responder. \param local this host's address
    void StartResponder(Ipv4Address local);

    /**
     * \brief Tear down as strongSwan's "ipsec down" does: an Informational exchange with
     *        HASH(1) and Delete(ESP, the inbound SPI), then one with Delete(ISAKMP, cookies).
     *        Only in state ESTABLISHED; the state becomes DELETED.
     */
    void Delete();

    /**
     * \brief Process a received UDP payload.
     * \param data the UDP payload (with the non-ESP marker on port 4500)
     * \param src source address \param srcPort source port
     * \param dst destination address \param dstPort destination port
     */
    void Receive(const std::vector<uint8_t>& data, Ipv4Address src, uint16_t srcPort,
                 Ipv4Address dst, uint16_t dstPort);

    /// \return the state
    State GetState() const;
    /// \return a name for \p s \param s state
    static std::string StateName(State s);
    /// \return the phase-1 keys (valid after MM4)
    const IkeCrypto::Phase1Keys& GetPhase1Keys() const;
    /// \return the initiator cookie
    std::vector<uint8_t> GetInitiatorCookie() const;
    /// \return true if NAT-D showed this host behind a NAT
    bool IsLocalBehindNat() const;
    /// \return true if NAT-D showed the peer behind a NAT
    bool IsRemoteBehindNat() const;
    /// \return the line for Wireshark's ikev1_decryption_table (valid after MM4)
    std::string GetDecryptionTableLine() const;

    /**
     * \param stream first stream index \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;

private:
    /// \return the 4 bytes of \p a \param a address
    static std::vector<uint8_t> Addr(Ipv4Address a);
    /// \return the first 4 bytes of \p v as a big-endian number \param v bytes
    static uint32_t ToU32(const std::vector<uint8_t>& v);
    /// \return \p a followed by \p b \param a first \param b second
    static std::vector<uint8_t> Join(std::vector<uint8_t> a, const std::vector<uint8_t>& b);
    /// \return the \p nth payload of \p type in \p chain, or nullptr
    /// \param chain payloads \param type payload type \param nth index among that type
    static const IkePayload* Find(const std::vector<IkePayload>& chain, uint8_t type,
                                  size_t nth = 0);
    /// \return the initiator's phase-1 SA payload
    IkeSaPayload Phase1Sa() const;
    /// \return the ESP proposal with SPI \p spi \param spi 4 bytes
    IkeSaPayload Phase2Sa(const std::vector<uint8_t>& spi) const;
    /// \return \p n random bytes \param n count
    std::vector<uint8_t> RandomBytes(uint32_t n);
    /// Build and send. \param name for traces \param exchange type \param mid Message ID
    /// \param chain payloads \param encrypt with the current IV \param iv the IV to use and
    /// update \param remember keep it as the message to retransmit (false for Informational
    /// messages, which are not part of the exchange that the retransmission logic follows)
    void Send(const std::string& name, uint8_t exchange, uint32_t mid,
              const std::vector<IkePayload>& chain, bool encrypt, std::vector<uint8_t>* iv,
              bool remember = true);
    /// Transmit m_lastSent again. \param timer true if a timeout caused it
    void Resend(bool timer);
    /// Arm the retransmission timer.
    void ArmTimer();
    /// Timer expiry.
    void Timeout();
    /// Fail. \param reason why
    void Fail(const std::string& reason);
    /// Change state. \param s new state
    void SetState(State s);
    /// Compute keys after both KE / nonces are known. \return false on a DH failure
    bool DeriveKeys();
    /// Check the NAT-D pair. \param chain payloads \param src \param sport \param dst
    /// \param dport addresses of the packet \return false if the NAT-D payloads are missing
    bool CheckNatD(const std::vector<IkePayload>& chain, Ipv4Address src, uint16_t sport,
                   Ipv4Address dst, uint16_t dport);
    /// \return the two NAT-D payloads (peer first, own second) for this side
    std::vector<IkePayload> NatDPayloads() const;
    /// Finish Quick Mode: derive KEYMAT and report.
    void Install();
    /// Initiator: build and send QM1 with a fresh M-ID, SPI and nonce.
    void SendQm1();
    /// Send an Informational exchange with HASH(1) (RFC 2409 section 5.7).
    /// \param name for traces \param p the Notification or Delete payload
    void SendInformational(const std::string& name, const IkePayload& p);
    /// Process a decrypted Informational message. \param h header \param chain payloads
    /// \param plain plaintext \param used bytes of the chain
    void HandleInformational(const IkeHeader& h, const std::vector<IkePayload>& chain,
                             const std::vector<uint8_t>& plain, uint32_t used);
    /// Dead Peer Detection (RFC 3706) and NAT-keepalive (RFC 3948) timer.
    void Periodic();
    /// Start the DPD / keepalive timer if one of them is enabled and it is not running.
    void StartPeriodic();
    /// Main Mode completed: arm the ISAKMP SA lifetime, report.
    void Phase1Done();
    /// The ISAKMP SA lifetime ended.
    void Phase1Expired();

    /// \name Handlers per message
    /// \{
    void HandleInitiator(const IkeHeader& h, const std::vector<IkePayload>& chain,
                         const std::vector<uint8_t>& plain, uint32_t used, Ipv4Address src,
                         uint16_t sport, Ipv4Address dst, uint16_t dport);
    void HandleResponder(const IkeHeader& h, const std::vector<IkePayload>& chain,
                         const std::vector<uint8_t>& plain, uint32_t used, Ipv4Address src,
                         uint16_t sport, Ipv4Address dst, uint16_t dport);
    /// \}

    // Attributes
    std::string m_psk;     //!< pre-shared key
    uint16_t m_group;      //!< DH group (2 or 14)
    uint32_t m_keyLength;  //!< AES key length in bytes
    uint32_t m_p1Lifetime; //!< phase-1 lifetime (s)
    uint32_t m_p2Lifetime; //!< phase-2 lifetime (s)
    Time m_rtxTimeout;     //!< first retransmission timeout
    double m_rtxBase;      //!< backoff base
    uint32_t m_maxRtx;     //!< retransmissions before giving up
    bool m_natT;           //!< offer NAT-T
    uint16_t m_l2tpPort;   //!< port in IDci / IDcr

    SendCallback m_send;                 //!< send callback
    EstablishedCallback m_established;   //!< established callback
    FailedCallback m_failed;             //!< failure callback
    ChildDeletedCallback m_childDeleted; //!< Delete(ESP) callback
    Phase1Callback m_phase1;             //!< Main Mode completed
    PeerMovedCallback m_peerMoved;       //!< the peer's endpoint changed
    Ipv4Address m_rxSrc;                 //!< source of the message being processed
    uint16_t m_rxSport = 0;              //!< its source port
    bool m_phase1Only = false;           //!< initiator: no Quick Mode after MM6
    EventId m_p1Expire;                  //!< ISAKMP SA lifetime
    Ptr<UniformRandomVariable> m_rng;    //!< randomness for cookies, nonces, DH, SPIs, M-IDs

    bool m_initiator = false;            //!< role
    State m_state = IDLE;                //!< state
    Ipv4Address m_local;                 //!< own address
    Ipv4Address m_peer;                  //!< peer address as this side sees it
    uint16_t m_localPort = 500;          //!< own port
    uint16_t m_peerPort = 500;           //!< peer port
    std::vector<uint8_t> m_ckyI;         //!< CKY-I
    std::vector<uint8_t> m_ckyR;         //!< CKY-R
    std::vector<uint8_t> m_saiB;         //!< initiator's SA body
    IkeDiffieHellman m_dh{14};           //!< DH state
    std::vector<uint8_t> m_gxi;          //!< initiator public value
    std::vector<uint8_t> m_gxr;          //!< responder public value
    std::vector<uint8_t> m_ni;           //!< phase-1 Ni_b
    std::vector<uint8_t> m_nr;           //!< phase-1 Nr_b
    IkeCrypto::Phase1Keys m_keys;        //!< phase-1 keys
    std::vector<uint8_t> m_iv;           //!< running phase-1 IV
    std::vector<uint8_t> m_lastP1Block;  //!< last phase-1 CBC block
    bool m_natLocal = false;             //!< this host behind NAT
    bool m_natRemote = false;            //!< peer behind NAT
    bool m_peerNatT = false;             //!< the peer sent the RFC 3947 VID
    uint32_t m_mid = 0;                  //!< Quick Mode M-ID
    std::vector<uint8_t> m_qmIv;         //!< running Quick Mode IV
    std::vector<uint8_t> m_qni;          //!< QM Ni_b
    std::vector<uint8_t> m_qnr;          //!< QM Nr_b
    std::vector<uint8_t> m_spiIn;        //!< own SPI
    std::vector<uint8_t> m_spiOut;       //!< peer SPI
    std::vector<uint8_t> m_lastSent;     //!< last UDP payload sent
    std::string m_lastSentName;          //!< its name
    std::vector<uint8_t> m_lastReceived; //!< last UDP payload accepted
    EventId m_rtx;                       //!< retransmission timer
    uint32_t m_rtxCount = 0;             //!< retransmissions of m_lastSent
    Time m_dpdDelay;                     //!< DpdDelay attribute
    Time m_dpdTimeout;                   //!< DpdTimeout attribute
    Time m_keepalive;                    //!< NatKeepaliveInterval attribute
    Time m_lastHeard;                    //!< when the peer was last heard from
    Time m_lastDpd;                      //!< when the last R-U-THERE went out
    Time m_lastSentTime;                 //!< when this side last sent anything
    uint32_t m_dpdSeq = 0;               //!< R-U-THERE sequence number
    uint32_t m_keepalives = 0;           //!< NAT-keepalives sent
    EventId m_periodic;                  //!< DPD / keepalive timer

    TracedCallback<const std::string&, uint32_t> m_sentTrace;     //!< MessageSent
    TracedCallback<const std::string&, uint32_t> m_receivedTrace; //!< MessageReceived
    TracedCallback<const std::string&, uint32_t> m_rtxTrace;      //!< MessageRetransmitted
    TracedCallback<const std::string&> m_dropTrace;               //!< Drop (reason)
    TracedCallback<uint32_t, uint32_t> m_stateTrace;              //!< StateChanged
    TracedCallback<bool, bool> m_natTrace;                        //!< NatDetected
    TracedCallback<uint32_t> m_keepaliveTrace;                    //!< KeepaliveSent (count)
    TracedCallback<> m_isakmpExpiredTrace;                        //!< IsakmpSaExpired
};

} // namespace ns3

#endif /* IKE_SESSION_H */
