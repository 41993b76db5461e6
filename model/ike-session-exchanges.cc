/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IkeSession, second part: the per-message handlers of Main Mode and Quick Mode (initiator
 * and responder), rekeying Quick Modes, the key report, Dead Peer Detection and
 * NAT-keepalives, and the Informational exchanges (DPD, Delete). Split from ike-session.cc
 * to keep files reviewable.
 */
#include "ns3/log.h"
#include "ns3/simulator.h"

#include "ike-session.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSessionExchanges");

void
IkeSession::HandleInitiator(const IkeHeader& h, const std::vector<IkePayload>& chain,
                            const std::vector<uint8_t>& plain, uint32_t used, Ipv4Address src,
                            uint16_t sport, Ipv4Address dst, uint16_t dport)
{
    const uint8_t mm = IkeHeader::EXCHANGE_IDENTITY_PROTECTION;
    if (m_state == MM1_SENT && h.exchangeType == mm && Find(chain, IkePayload::SA))
    {
        m_rtx.Cancel();
        m_receivedTrace("MM2", h.length);
        m_ckyR.assign(h.responderCookie.begin(), h.responderCookie.end());
        m_peerNatT = false;
        for (const auto& p : chain)
        {
            m_peerNatT = m_peerNatT
                         || (p.type == IkePayload::VENDOR_ID
                             && p.data == IkePayload::KnownVendorId(IkePayload::VID_NAT_T_RFC3947));
        }
        m_dh = IkeDiffieHellman(m_group);
        m_dh.SetPrivate(RandomBytes(32));
        m_gxi = m_dh.GetPublic();
        m_ni = RandomBytes(32);
        std::vector<IkePayload> out{IkePayload::MakeRaw(IkePayload::KE, m_gxi),
                                    IkePayload::MakeRaw(IkePayload::NONCE, m_ni)};
        if (m_natT && m_peerNatT)
        {
            for (const auto& p : NatDPayloads())
            {
                out.push_back(p);
            }
        }
        Send("MM3", mm, 0, out, false, nullptr);
        SetState(MM3_SENT);
        ArmTimer();
    }
    else if (m_state == MM3_SENT && h.exchangeType == mm && Find(chain, IkePayload::KE)
             && Find(chain, IkePayload::NONCE))
    {
        m_rtx.Cancel();
        m_receivedTrace("MM4", h.length);
        m_gxr = Find(chain, IkePayload::KE)->data;
        m_nr = Find(chain, IkePayload::NONCE)->data;
        if (!DeriveKeys())
        {
            return;
        }
        if (m_natT && m_peerNatT && CheckNatD(chain, src, sport, dst, dport)
            && (m_natLocal || m_natRemote))
        {
            m_localPort = 4500; // RFC 3947 section 4: float at MM5
            m_peerPort = 4500;
        }
        IkePayload id = IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 0, 0, Addr(m_local));
        std::vector<uint8_t> hashI
            = IkeCrypto::Phase1Hash(m_keys.skeyid, m_gxi, m_gxr, m_ckyI, m_ckyR, m_saiB, id.Body());
        Send("MM5", mm, 0,
             {id, IkePayload::MakeRaw(IkePayload::HASH, hashI),
              IkePayload::MakeNotify(IkeProposal::PROTO_ISAKMP, IkePayload::INITIAL_CONTACT,
                                     Join(m_ckyI, m_ckyR), {})},
             true, &m_iv);
        SetState(MM5_SENT);
        ArmTimer();
    }
    else if (m_state == MM5_SENT && h.exchangeType == mm && h.IsEncrypted())
    {
        const IkePayload* id = Find(chain, IkePayload::ID);
        const IkePayload* hash = Find(chain, IkePayload::HASH);
        std::vector<uint8_t> want;
        if (id != nullptr)
        {
            want = IkeCrypto::Phase1Hash(m_keys.skeyid, m_gxr, m_gxi, m_ckyR, m_ckyI, m_saiB,
                                         id->Body());
        }
        if (id == nullptr || hash == nullptr || hash->data != want)
        {
            m_rtx.Cancel();
            Fail("MM6 HASH_R verification failed");
            return;
        }
        m_rtx.Cancel();
        m_receivedTrace("MM6", h.length);
        m_lastP1Block = m_iv;
        SetState(PHASE1_ESTABLISHED);
        if (!m_phase1Only)
        {
            SendQm1();
        }
        Phase1Done();
    }
    else if (m_state == QM1_SENT && h.exchangeType == IkeHeader::EXCHANGE_QUICK_MODE
             && h.messageId == m_mid && !chain.empty() && chain[0].type == IkePayload::HASH)
    {
        const IkePayload* nr = Find(chain, IkePayload::NONCE);
        const IkePayload* sa = Find(chain, IkePayload::SA);
        uint32_t hashLen = chain[0].GetSize();
        std::vector<uint8_t> rest(plain.begin() + hashLen, plain.begin() + used);
        if (nr == nullptr || sa == nullptr || sa->sa.proposals.size() != 1
            || chain[0].data != IkeCrypto::QmHash2(m_keys.skeyidA, m_mid, m_qni, rest))
        {
            m_rtx.Cancel();
            Fail("QM2 HASH(2) verification failed");
            return;
        }
        m_rtx.Cancel();
        m_receivedTrace("QM2", h.length);
        m_qnr = nr->data;
        m_spiOut = sa->sa.proposals[0].spi;
        Send("QM3", IkeHeader::EXCHANGE_QUICK_MODE, m_mid,
             {IkePayload::MakeRaw(IkePayload::HASH,
                                  IkeCrypto::QmHash3(m_keys.skeyidA, m_mid, m_qni, m_qnr))},
             true, &m_qmIv);
        Install();
    }
    else
    {
        m_dropTrace("unexpected " + IkeHeader::ExchangeTypeName(h.exchangeType)
                    + " message in state " + StateName(m_state));
    }
}

void
IkeSession::SendQm1()
{
    // Quick Mode, initiator: HASH(1), SA, Ni, IDci, IDcr [, NAT-OAi, NAT-OAr].
    m_mid = static_cast<uint32_t>(m_rng->GetInteger(1, 0xffffffffU));
    m_spiIn = RandomBytes(4);
    m_spiIn[0] |= 0xc0; // never below 256 (RFC 4303: 1..255 reserved)
    m_qni = RandomBytes(32);
    std::vector<IkePayload> rest{
        IkePayload::MakeSa(Phase2Sa(m_spiIn)), IkePayload::MakeRaw(IkePayload::NONCE, m_qni),
        IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, m_l2tpPort, Addr(m_local)),
        IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, m_l2tpPort, Addr(m_peer))};
    if (m_natLocal || m_natRemote)
    {
        rest.push_back(IkePayload::MakeNatOa(Addr(m_local)));
        rest.push_back(IkePayload::MakeNatOa(Addr(m_peer)));
    }
    std::vector<IkePayload> out{IkePayload::MakeRaw(
        IkePayload::HASH, IkeCrypto::QmHash1(m_keys.skeyidA, m_mid, IkePayload::WriteChain(rest)))};
    for (const auto& p : rest)
    {
        out.push_back(p);
    }
    m_qmIv = IkeCrypto::Phase2Iv(m_lastP1Block, m_mid);
    Send("QM1", IkeHeader::EXCHANGE_QUICK_MODE, m_mid, out, true, &m_qmIv);
    SetState(QM1_SENT);
    ArmTimer();
}

bool
IkeSession::StartQuickMode()
{
    if (!m_initiator || m_state != ESTABLISHED)
    {
        return false;
    }
    m_qmIv.clear();
    SendQm1();
    return true;
}

void
IkeSession::DeleteChildSa(uint32_t spiIn)
{
    if (m_state != ESTABLISHED && m_state != QM1_SENT && m_state != QM2_SENT)
    {
        return;
    }
    std::vector<uint8_t> spi{uint8_t(spiIn >> 24), uint8_t(spiIn >> 16), uint8_t(spiIn >> 8),
                             uint8_t(spiIn)};
    SendInformational("Delete ESP", IkePayload::MakeDelete(IkeProposal::PROTO_IPSEC_ESP, 4, {spi}));
}

void
IkeSession::HandleResponder(const IkeHeader& h, const std::vector<IkePayload>& chain,
                            const std::vector<uint8_t>& plain, uint32_t used, Ipv4Address src,
                            uint16_t sport, Ipv4Address dst, uint16_t dport)
{
    const uint8_t mm = IkeHeader::EXCHANGE_IDENTITY_PROTECTION;
    if (m_state == IDLE && h.exchangeType == mm && Find(chain, IkePayload::SA))
    {
        const IkeSaPayload& offered = Find(chain, IkePayload::SA)->sa;
        IkeSaPayload mine = Phase1Sa();
        if (offered.proposals.size() != 1 || offered.proposals[0].transforms.size() != 1
            || offered.proposals[0].transforms[0].attributes.size()
                   != mine.proposals[0].transforms[0].attributes.size())
        {
            Fail("MM1: no acceptable proposal (NO-PROPOSAL-CHOSEN)");
            return;
        }
        for (size_t i = 0; i < mine.proposals[0].transforms[0].attributes.size(); ++i)
        {
            const auto& a = offered.proposals[0].transforms[0].attributes[i];
            const auto& b = mine.proposals[0].transforms[0].attributes[i];
            if (a.type != b.type || a.GetValue() != b.GetValue())
            {
                Fail("MM1: no acceptable proposal (NO-PROPOSAL-CHOSEN)");
                return;
            }
        }
        m_receivedTrace("MM1", h.length);
        m_peer = src;
        m_peerPort = sport;
        m_ckyI.assign(h.initiatorCookie.begin(), h.initiatorCookie.end());
        m_ckyR = RandomBytes(8);
        m_saiB.clear();
        offered.Write(m_saiB);
        m_peerNatT = false;
        for (const auto& p : chain)
        {
            m_peerNatT = m_peerNatT
                         || (p.type == IkePayload::VENDOR_ID
                             && p.data == IkePayload::KnownVendorId(IkePayload::VID_NAT_T_RFC3947));
        }
        std::vector<IkePayload> out{IkePayload::MakeSa(offered),
                                    IkePayload::MakeVendorId(IkePayload::VID_XAUTH),
                                    IkePayload::MakeVendorId(IkePayload::VID_DPD),
                                    IkePayload::MakeVendorId(IkePayload::VID_CISCO_FRAGMENTATION)};
        if (m_natT && m_peerNatT)
        {
            out.push_back(IkePayload::MakeVendorId(IkePayload::VID_NAT_T_RFC3947));
        }
        Send("MM2", mm, 0, out, false, nullptr);
        SetState(MM2_SENT);
    }
    else if (m_state == MM2_SENT && h.exchangeType == mm && Find(chain, IkePayload::KE)
             && Find(chain, IkePayload::NONCE))
    {
        m_receivedTrace("MM3", h.length);
        m_gxi = Find(chain, IkePayload::KE)->data;
        m_ni = Find(chain, IkePayload::NONCE)->data;
        m_dh = IkeDiffieHellman(m_group);
        m_dh.SetPrivate(RandomBytes(32));
        m_gxr = m_dh.GetPublic();
        m_nr = RandomBytes(32);
        if (!DeriveKeys())
        {
            return;
        }
        bool natd = m_natT && m_peerNatT && CheckNatD(chain, src, sport, dst, dport);
        std::vector<IkePayload> out{IkePayload::MakeRaw(IkePayload::KE, m_gxr),
                                    IkePayload::MakeRaw(IkePayload::NONCE, m_nr)};
        if (natd)
        {
            for (const auto& p : NatDPayloads())
            {
                out.push_back(p);
            }
        }
        Send("MM4", mm, 0, out, false, nullptr);
        SetState(MM4_SENT);
    }
    else if (m_state == MM4_SENT && h.exchangeType == mm && h.IsEncrypted())
    {
        const IkePayload* id = Find(chain, IkePayload::ID);
        const IkePayload* hash = Find(chain, IkePayload::HASH);
        std::vector<uint8_t> want;
        if (id != nullptr)
        {
            want = IkeCrypto::Phase1Hash(m_keys.skeyid, m_gxi, m_gxr, m_ckyI, m_ckyR, m_saiB,
                                         id->Body());
        }
        if (id == nullptr || hash == nullptr || hash->data != want)
        {
            Fail("MM5 HASH_I verification failed: pre-shared key mismatch");
            return;
        }
        m_receivedTrace("MM5", h.length);
        // The initiator floated: answer where MM5 came from.
        m_peer = src;
        m_peerPort = sport;
        m_localPort = dport;
        IkePayload myId = IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 0, 0, Addr(m_local));
        std::vector<uint8_t> hashR = IkeCrypto::Phase1Hash(m_keys.skeyid, m_gxr, m_gxi, m_ckyR,
                                                           m_ckyI, m_saiB, myId.Body());
        Send("MM6", mm, 0, {myId, IkePayload::MakeRaw(IkePayload::HASH, hashR)}, true, &m_iv);
        m_lastP1Block = m_iv;
        SetState(PHASE1_ESTABLISHED);
        Phase1Done();
    }
    else if ((m_state == PHASE1_ESTABLISHED || (m_state == ESTABLISHED && h.messageId != m_mid))
             && h.exchangeType == IkeHeader::EXCHANGE_QUICK_MODE && !chain.empty()
             && chain[0].type == IkePayload::HASH)
    {
        uint32_t hashLen = chain[0].GetSize();
        std::vector<uint8_t> rest(plain.begin() + hashLen, plain.begin() + used);
        const IkePayload* sa = Find(chain, IkePayload::SA);
        const IkePayload* ni = Find(chain, IkePayload::NONCE);
        if (sa == nullptr || ni == nullptr || sa->sa.proposals.size() != 1
            || chain[0].data != IkeCrypto::QmHash1(m_keys.skeyidA, h.messageId, rest))
        {
            m_dropTrace("QM1 HASH(1) verification failed");
            return;
        }
        m_receivedTrace("QM1", h.length);
        UpdatePeerEndpoint(src, sport); // authenticated by HASH(1)
        m_mid = h.messageId;
        m_qni = ni->data;
        m_spiOut = sa->sa.proposals[0].spi;
        m_spiIn = RandomBytes(4);
        m_spiIn[0] |= 0xc0;
        m_qnr = RandomBytes(32);
        // Identities as this side sees them: with a NAT the initiator is the NAT's address.
        std::vector<IkePayload> out2{
            IkePayload::MakeSa(Phase2Sa(m_spiIn)), IkePayload::MakeRaw(IkePayload::NONCE, m_qnr),
            IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, m_l2tpPort, Addr(m_peer)),
            IkePayload::MakeId(IkePayload::ID_IPV4_ADDR, 17, m_l2tpPort, Addr(m_local))};
        if (m_natLocal || m_natRemote)
        {
            out2.push_back(IkePayload::MakeNatOa(Addr(m_peer)));
            out2.push_back(IkePayload::MakeNatOa(Addr(m_local)));
        }
        std::vector<IkePayload> out{IkePayload::MakeRaw(
            IkePayload::HASH,
            IkeCrypto::QmHash2(m_keys.skeyidA, m_mid, m_qni, IkePayload::WriteChain(out2)))};
        for (const auto& p : out2)
        {
            out.push_back(p);
        }
        Send("QM2", IkeHeader::EXCHANGE_QUICK_MODE, m_mid, out, true, &m_qmIv);
        SetState(QM2_SENT);
        ArmTimer();
    }
    else if (m_state == QM2_SENT && h.exchangeType == IkeHeader::EXCHANGE_QUICK_MODE
             && h.messageId == m_mid && chain.size() == 1 && chain[0].type == IkePayload::HASH)
    {
        if (chain[0].data != IkeCrypto::QmHash3(m_keys.skeyidA, m_mid, m_qni, m_qnr))
        {
            m_dropTrace("QM3 HASH(3) verification failed");
            return;
        }
        m_rtx.Cancel();
        m_receivedTrace("QM3", h.length);
        UpdatePeerEndpoint(src, sport); // authenticated by HASH(3)
        Install();
    }
    else
    {
        m_dropTrace("unexpected " + IkeHeader::ExchangeTypeName(h.exchangeType)
                    + " message in state " + StateName(m_state));
    }
}

void
IkeSession::Install()
{
    const uint32_t len = m_keyLength + 20; // AES key, then the HMAC-SHA1 key
    IkeChildSaKeys k;
    k.spiIn = ToU32(m_spiIn);
    k.spiOut = ToU32(m_spiOut);
    const auto& ni = m_qni;
    const auto& nr = m_qnr;
    std::vector<uint8_t> in = IkeCrypto::Keymat(m_keys.skeyidD, 3, m_spiIn, ni, nr, len);
    std::vector<uint8_t> out = IkeCrypto::Keymat(m_keys.skeyidD, 3, m_spiOut, ni, nr, len);
    k.encKeyIn.assign(in.begin(), in.begin() + m_keyLength);
    k.authKeyIn.assign(in.begin() + m_keyLength, in.end());
    k.encKeyOut.assign(out.begin(), out.begin() + m_keyLength);
    k.authKeyOut.assign(out.begin() + m_keyLength, out.end());
    k.natTraversal = m_natLocal || m_natRemote;
    k.encapsulationMode = k.natTraversal ? 4 : 2;
    k.lifetimeSeconds = m_p2Lifetime;
    SetState(ESTABLISHED);
    m_lastHeard = Simulator::Now();
    m_lastDpd = Simulator::Now();
    StartPeriodic();
    if (!m_established.IsNull())
    {
        m_established(k);
    }
}

void
IkeSession::StartPeriodic()
{
    Time first
        = std::min(m_dpdDelay.IsStrictlyPositive() ? m_dpdDelay : Time::Max(),
                   m_keepalive.IsStrictlyPositive() && m_natLocal ? m_keepalive : Time::Max());
    if (first != Time::Max() && m_periodic.IsExpired())
    {
        m_periodic = Simulator::Schedule(Seconds(1), &IkeSession::Periodic, this);
    }
}

void
IkeSession::Phase1Done()
{
    // Both ends count the negotiated Life Duration from their own end of Main Mode.
    m_p1Expire.Cancel();
    m_p1Expire = Simulator::Schedule(Seconds(m_p1Lifetime), &IkeSession::Phase1Expired, this);
    if (!m_phase1.IsNull())
    {
        m_phase1();
    }
}

void
IkeSession::Phase1Expired()
{
    if (m_state == FAILED || m_state == DELETED)
    {
        return;
    }
    NS_LOG_INFO((m_initiator ? "initiator" : "responder")
                << ": ISAKMP SA lifetime of " << m_p1Lifetime << " s ended");
    DeleteIsakmpSa();
    m_isakmpExpiredTrace();
}

void
IkeSession::AdoptChildSa(uint32_t spiIn)
{
    if (m_state != PHASE1_ESTABLISHED)
    {
        return;
    }
    m_spiIn = {uint8_t(spiIn >> 24), uint8_t(spiIn >> 16), uint8_t(spiIn >> 8), uint8_t(spiIn)};
    SetState(ESTABLISHED);
    m_lastHeard = Simulator::Now();
    m_lastDpd = Simulator::Now();
    StartPeriodic();
}

void
IkeSession::DeleteIsakmpSa()
{
    if (m_lastP1Block.empty() || m_state == FAILED || m_state == DELETED)
    {
        return; // no ISAKMP SA to delete
    }
    SendInformational("Delete ISAKMP", IkePayload::MakeDelete(IkeProposal::PROTO_ISAKMP, 16,
                                                              {Join(m_ckyI, m_ckyR)}));
    m_periodic.Cancel();
    m_rtx.Cancel();
    m_p1Expire.Cancel();
    SetState(DELETED);
}

void
IkeSession::Periodic()
{
    // A 1-s tick, like charon's scheduler granularity.
    Time now = Simulator::Now();
    if (m_dpdDelay.IsStrictlyPositive())
    {
        if (now - m_lastHeard >= m_dpdTimeout)
        {
            Fail("DPD: no response from the peer for "
                 + std::to_string((now - m_lastHeard).GetSeconds()) + " s");
            return;
        }
        if (now - m_lastHeard >= m_dpdDelay && now - m_lastDpd >= m_dpdDelay)
        {
            ++m_dpdSeq;
            m_lastDpd = now;
            std::vector<uint8_t> seq{uint8_t(m_dpdSeq >> 24), uint8_t(m_dpdSeq >> 16),
                                     uint8_t(m_dpdSeq >> 8), uint8_t(m_dpdSeq)};
            SendInformational("R-U-THERE", IkePayload::MakeNotify(IkeProposal::PROTO_ISAKMP,
                                                                  IkePayload::R_U_THERE,
                                                                  Join(m_ckyI, m_ckyR), seq));
        }
    }
    if (m_natLocal && m_keepalive.IsStrictlyPositive() && now - m_lastSentTime >= m_keepalive)
    {
        m_lastSentTime = now;
        m_keepaliveTrace(++m_keepalives);
        if (!m_send.IsNull())
        {
            m_send(std::vector<uint8_t>{0xff}, m_peer, 4500, 4500);
        }
    }
    m_periodic = Simulator::Schedule(Seconds(1), &IkeSession::Periodic, this);
}

void
IkeSession::SendInformational(const std::string& name, const IkePayload& p)
{
    uint32_t mid = static_cast<uint32_t>(m_rng->GetInteger(1, 0xffffffffU));
    std::vector<uint8_t> iv = IkeCrypto::Phase2Iv(m_lastP1Block, mid);
    std::vector<uint8_t> hash
        = IkeCrypto::QmHash1(m_keys.skeyidA, mid, IkePayload::WriteChain({p}));
    // Not part of Main / Quick Mode: a running exchange keeps its message to retransmit (and
    // a responder its reply to a repeated request), its timer and its retransmission count.
    Send(name, IkeHeader::EXCHANGE_INFORMATIONAL, mid,
         {IkePayload::MakeRaw(IkePayload::HASH, hash), p}, true, &iv, false);
}

void
IkeSession::Delete()
{
    if (m_state != ESTABLISHED)
    {
        return;
    }
    SendInformational("Delete ESP",
                      IkePayload::MakeDelete(IkeProposal::PROTO_IPSEC_ESP, 4, {m_spiIn}));
    DeleteIsakmpSa();
}

void
IkeSession::HandleInformational(const IkeHeader& h, const std::vector<IkePayload>& chain,
                                const std::vector<uint8_t>& plain, uint32_t used)
{
    if (!h.IsEncrypted() || chain.size() != 2 || chain[0].type != IkePayload::HASH)
    {
        m_dropTrace("Informational without HASH(1) and one payload");
        return;
    }
    uint32_t hashLen = chain[0].GetSize();
    std::vector<uint8_t> rest(plain.begin() + hashLen, plain.begin() + used);
    if (chain[0].data != IkeCrypto::QmHash1(m_keys.skeyidA, h.messageId, rest))
    {
        m_dropTrace("Informational HASH(1) verification failed");
        return;
    }
    // Authenticated by HASH(1): follow a changed NAT mapping before answering.
    UpdatePeerEndpoint(m_rxSrc, m_rxSport);
    const IkePayload& p = chain[1];
    if (p.type == IkePayload::NOTIFICATION && p.notifyType == IkePayload::R_U_THERE)
    {
        m_receivedTrace("R-U-THERE", h.length);
        SendInformational("R-U-THERE-ACK", IkePayload::MakeNotify(IkeProposal::PROTO_ISAKMP,
                                                                  IkePayload::R_U_THERE_ACK,
                                                                  Join(m_ckyI, m_ckyR), p.data));
    }
    else if (p.type == IkePayload::NOTIFICATION && p.notifyType == IkePayload::R_U_THERE_ACK)
    {
        m_receivedTrace("R-U-THERE-ACK", h.length);
    }
    else if (p.type == IkePayload::DELETE)
    {
        m_receivedTrace(p.protocolId == IkeProposal::PROTO_ISAKMP ? "Delete ISAKMP" : "Delete ESP",
                        h.length);
        if (p.protocolId == IkeProposal::PROTO_ISAKMP)
        {
            m_periodic.Cancel();
            m_rtx.Cancel();
            m_p1Expire.Cancel();
            SetState(DELETED);
        }
        else if (p.protocolId == IkeProposal::PROTO_IPSEC_ESP && !m_childDeleted.IsNull())
        {
            for (const auto& spi : p.spis)
            {
                m_childDeleted(ToU32(spi));
            }
        }
    }
    else
    {
        m_dropTrace("unsupported Informational payload " + IkePayload::TypeName(p.type));
    }
}

} // namespace ns3
