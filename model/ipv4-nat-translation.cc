/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The per-packet half of Ipv4Nat: drop accounting, fragment following and the outbound,
// inbound and hairpin translations. Configuration and the routing-protocol glue are in
// ipv4-nat.cc.
#include "ns3/log.h"
#include "ns3/simulator.h"

#include "ipv4-nat.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ipv4NatTranslation");
void
Ipv4Nat::Drop(Ptr<const Packet> p, const Ipv4Header& header, DropReason reason)
{
    NS_LOG_LOGIC("drop " << header.GetSource() << " > " << header.GetDestination() << " proto "
                         << unsigned(header.GetProtocol()) << ": " << DropReasonName(reason));
    m_counters.dropped[reason]++;
    m_dropTrace(p, header, reason);
}

Ipv4Nat::DropReason
Ipv4Nat::ReasonOf(Ipv4NatMappingTable::Result result) const
{
    switch (result)
    {
        case Ipv4NatMappingTable::RESULT_HOST_LIMIT:
            return DROP_HOST_LIMIT;
        case Ipv4NatMappingTable::RESULT_ESP_PEER_IN_USE:
            return DROP_ESP_PEER_IN_USE;
        default:
            return DROP_PORTS_EXHAUSTED;
    }
}

// ------------------------------------------------------------------------------------------
// Fragments
// ------------------------------------------------------------------------------------------

void
Ipv4Nat::RecordFragment(const Ipv4Header& before, const Ipv4Header& after, Verdict verdict)
{
    m_fragments.Record(before, {after.GetSource(), after.GetDestination(), uint8_t(verdict)});
}

Ipv4Nat::Verdict
Ipv4Nat::FollowFragment(Ptr<const Packet> p, const Ipv4Header& header, Ptr<Packet>& out,
                        Ipv4Header& outHeader, uint64_t& counter)
{
    const Ipv4FragmentTracker::Decision* s = m_fragments.Find(header);
    if (s == nullptr)
    {
        Drop(p, header, DROP_FRAGMENT_NO_STATE);
        return VERDICT_DROPPED;
    }
    if (s->verdict == uint8_t(VERDICT_LOCAL))
    {
        return VERDICT_LOCAL;
    }
    outHeader.SetSource(s->source);
    outHeader.SetDestination(s->destination);
    out = p->Copy();
    counter++;
    m_translatedTrace(out, header, outHeader);
    return VERDICT_TRANSLATED;
}

// ------------------------------------------------------------------------------------------
// Translation
// ------------------------------------------------------------------------------------------

bool
Ipv4Nat::TranslateOutbound(Ptr<const Packet> p, const Ipv4Header& header, Ptr<Packet>& out,
                           Ipv4Header& outHeader)
{
    Ipv4TransportFields f = Ipv4TransportFields::Parse(p, header);
    outHeader = header;
    if (!f.l4Present)
    {
        return FollowFragment(p, header, out, outHeader, m_counters.outboundTranslated)
               == VERDICT_TRANSLATED;
    }
    if (f.truncated)
    {
        Drop(p, header, DROP_TRUNCATED);
        return false;
    }
    Ipv4NatMappingTable::Result result;
    switch (f.kind)
    {
        case Ipv4TransportFields::KIND_UDP:
        case Ipv4TransportFields::KIND_TCP:
        case Ipv4TransportFields::KIND_ICMP_QUERY:
        {
            Ipv4NatMapping* m
                = m_table.Outbound(f.protocol, header.GetSource(), f.srcPort,
                                   header.GetDestination(), f.dstPort, f.tcpFlags, result);
            if (m == nullptr)
            {
                Drop(p, header, ReasonOf(result));
                return false;
            }
            outHeader.SetSource(m->publicAddress);
            out = Ipv4TransportFields::RewriteTransport(p, f, header, outHeader, m->publicPort,
                                                        f.dstPort);
            break;
        }
        case Ipv4TransportFields::KIND_ICMP_ERROR:
        {
            if (!f.innerValid)
            {
                Drop(p, header, DROP_TRUNCATED);
                return false;
            }
            // The quoted datagram went from a remote endpoint to the inside host.
            Ipv4NatMapping* m = m_table.FindOutbound(f.innerProtocol, f.innerDestination,
                                                     f.innerDstPort, f.innerSource, f.innerSrcPort);
            if (m == nullptr)
            {
                Drop(p, header, DROP_NO_MAPPING);
                return false;
            }
            outHeader.SetSource(m->publicAddress);
            out = Ipv4TransportFields::RewriteIcmpError(p, f, false, m->publicAddress,
                                                        m->publicPort);
            m_counters.icmpErrorsTranslated++;
            break;
        }
        case Ipv4TransportFields::KIND_ESP:
        {
            if (!m_espPassthrough)
            {
                Drop(p, header, DROP_ESP_BLOCKED);
                return false;
            }
            Ipv4NatMapping* m = m_table.EspOutbound(header.GetSource(), header.GetDestination(),
                                                    f.espSpi, result);
            if (m == nullptr)
            {
                Drop(p, header, ReasonOf(result));
                return false;
            }
            outHeader.SetSource(m->publicAddress);
            out = p->Copy();
            break;
        }
        default:
            Drop(p, header, DROP_UNSUPPORTED);
            return false;
    }
    if (f.fragmented)
    {
        RecordFragment(header, outHeader, VERDICT_TRANSLATED);
    }
    m_counters.outboundTranslated++;
    m_translatedTrace(out, header, outHeader);
    return true;
}

Ipv4Nat::Verdict
Ipv4Nat::TranslateInbound(Ptr<const Packet> p, const Ipv4Header& header, Ptr<Packet>& out,
                          Ipv4Header& outHeader)
{
    Ipv4TransportFields f = Ipv4TransportFields::Parse(p, header);
    outHeader = header;
    if (!f.l4Present)
    {
        return FollowFragment(p, header, out, outHeader, m_counters.inboundTranslated);
    }
    Verdict verdict = VERDICT_LOCAL;
    bool unmatched = false;
    if (f.truncated)
    {
        Drop(p, header, DROP_TRUNCATED);
        return VERDICT_DROPPED;
    }
    switch (f.kind)
    {
        case Ipv4TransportFields::KIND_UDP:
        case Ipv4TransportFields::KIND_TCP:
        case Ipv4TransportFields::KIND_ICMP_QUERY:
        {
            if (f.kind == Ipv4TransportFields::KIND_ICMP_QUERY
                && !Ipv4TransportFields::IsIcmpQueryReply(f.icmpType))
            {
                break; // a query to the router itself
            }
            Ipv4NatMapping* m = m_table.FindInbound(f.protocol, header.GetDestination(), f.dstPort);
            if (m == nullptr)
            {
                unmatched = true;
                break;
            }
            if (!m_table.Permits(m, header.GetSource(), f.srcPort))
            {
                Drop(p, header, DROP_FILTERED);
                return VERDICT_DROPPED;
            }
            m_table.Inbound(m, f.tcpFlags, m_inboundRefresh);
            outHeader.SetDestination(m->insideAddress);
            out = Ipv4TransportFields::RewriteTransport(p, f, header, outHeader, f.srcPort,
                                                        m->insidePort);
            verdict = VERDICT_TRANSLATED;
            break;
        }
        case Ipv4TransportFields::KIND_ICMP_ERROR:
        {
            if (!f.innerValid)
            {
                break;
            }
            // The quoted datagram went from the public endpoint to a remote one.
            Ipv4NatMapping* m = m_table.FindInbound(f.innerProtocol, f.innerSource, f.innerSrcPort);
            if (m == nullptr || (m->remoteAddressBound && m->remoteAddress != f.innerDestination)
                || (m->remotePortBound && m->remotePort != f.innerDstPort))
            {
                break; // about the router's own traffic, or nothing the NAT knows
            }
            outHeader.SetDestination(m->insideAddress);
            out = Ipv4TransportFields::RewriteIcmpError(p, f, true, m->insideAddress,
                                                        m->insidePort);
            m_counters.icmpErrorsTranslated++;
            verdict = VERDICT_TRANSLATED;
            break;
        }
        case Ipv4TransportFields::KIND_ESP:
        {
            Ipv4NatMapping* m
                = m_espPassthrough
                      ? m_table.EspInbound(header.GetSource(), header.GetDestination(), f.espSpi)
                      : nullptr;
            if (m == nullptr)
            {
                unmatched = true;
                break;
            }
            m_table.Inbound(m, 0, m_inboundRefresh);
            outHeader.SetDestination(m->insideAddress);
            out = p->Copy();
            verdict = VERDICT_TRANSLATED;
            break;
        }
        default:
            break; // for the router itself
    }
    if (unmatched && m_unmatchedDrop)
    {
        Drop(p, header, DROP_NO_MAPPING);
        return VERDICT_DROPPED;
    }
    if (f.fragmented)
    {
        RecordFragment(header, outHeader, verdict);
    }
    if (verdict == VERDICT_TRANSLATED)
    {
        m_counters.inboundTranslated++;
        m_translatedTrace(out, header, outHeader);
    }
    return verdict;
}

Ipv4Nat::Verdict
Ipv4Nat::TranslateHairpin(Ptr<const Packet> p, const Ipv4Header& header, Ptr<Packet>& out,
                          Ipv4Header& outHeader)
{
    Ipv4TransportFields f = Ipv4TransportFields::Parse(p, header);
    outHeader = header;
    if (!f.l4Present)
    {
        return FollowFragment(p, header, out, outHeader, m_counters.hairpinTranslated);
    }
    Ipv4NatMapping* target = nullptr;
    if (!f.truncated
        && (f.kind == Ipv4TransportFields::KIND_UDP || f.kind == Ipv4TransportFields::KIND_TCP))
    {
        target = m_table.FindInbound(f.protocol, header.GetDestination(), f.dstPort);
    }
    if (target == nullptr)
    {
        // Addressed to the router itself.
        if (f.fragmented)
        {
            RecordFragment(header, header, VERDICT_LOCAL);
        }
        return VERDICT_LOCAL;
    }
    if (!m_hairpinning)
    {
        Drop(p, header, DROP_HAIRPIN_DISABLED);
        return VERDICT_DROPPED;
    }
    // RFC 4787 REQ-9a: the target sees the sender's public endpoint as the source.
    Ipv4NatMappingTable::Result result;
    Ipv4Address targetPublic = header.GetDestination();
    Ipv4NatMapping* sender = m_table.Outbound(f.protocol, header.GetSource(), f.srcPort,
                                              targetPublic, f.dstPort, f.tcpFlags, result);
    if (sender == nullptr)
    {
        Drop(p, header, ReasonOf(result));
        return VERDICT_DROPPED;
    }
    // The sender's mapping may have been new: look the target up again (still valid).
    target = m_table.FindInbound(f.protocol, targetPublic, f.dstPort);
    if (target == nullptr || !m_table.Permits(target, sender->publicAddress, sender->publicPort))
    {
        Drop(p, header, DROP_FILTERED);
        return VERDICT_DROPPED;
    }
    m_table.Inbound(target, f.tcpFlags, m_inboundRefresh);
    outHeader.SetSource(sender->publicAddress);
    outHeader.SetDestination(target->insideAddress);
    out = Ipv4TransportFields::RewriteTransport(p, f, header, outHeader, sender->publicPort,
                                                target->insidePort);
    if (f.fragmented)
    {
        RecordFragment(header, outHeader, VERDICT_TRANSLATED);
    }
    m_counters.hairpinTranslated++;
    m_translatedTrace(out, header, outHeader);
    return VERDICT_TRANSLATED;
}

} // namespace ns3
