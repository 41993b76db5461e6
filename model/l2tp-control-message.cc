/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-control-message.h"

#include "l2tp-avp-hiding.h"

#include "ns3/abort.h"
#include "ns3/packet.h"

#include <optional>
#include <sstream>

namespace ns3
{

namespace
{
using A = L2tpAvp::Type;
using M = L2tpControlMessage::MessageType;

struct MessageSpec
{
    uint16_t type;
    const char* name;
    bool session;
    std::vector<uint16_t> mandatory;
};

// RFC 2661 section 6: the AVPs each message MUST carry (Message Type first).
const std::vector<MessageSpec> g_messages = {
    {M::SCCRQ,
     "SCCRQ",
     false,
     {A::MESSAGE_TYPE, A::PROTOCOL_VERSION, A::HOST_NAME, A::FRAMING_CAPABILITIES,
      A::ASSIGNED_TUNNEL_ID}},
    {M::SCCRP,
     "SCCRP",
     false,
     {A::MESSAGE_TYPE, A::PROTOCOL_VERSION, A::FRAMING_CAPABILITIES, A::HOST_NAME,
      A::ASSIGNED_TUNNEL_ID}},
    {M::SCCCN, "SCCCN", false, {A::MESSAGE_TYPE}},
    {M::STOPCCN, "StopCCN", false, {A::MESSAGE_TYPE, A::ASSIGNED_TUNNEL_ID, A::RESULT_CODE}},
    {M::HELLO, "HELLO", false, {A::MESSAGE_TYPE}},
    {M::OCRQ,
     "OCRQ",
     true,
     {A::MESSAGE_TYPE, A::ASSIGNED_SESSION_ID, A::CALL_SERIAL_NUMBER, A::MINIMUM_BPS,
      A::MAXIMUM_BPS, A::BEARER_TYPE, A::FRAMING_TYPE, A::CALLED_NUMBER}},
    {M::OCRP, "OCRP", true, {A::MESSAGE_TYPE, A::ASSIGNED_SESSION_ID}},
    {M::OCCN, "OCCN", true, {A::MESSAGE_TYPE, A::TX_CONNECT_SPEED, A::FRAMING_TYPE}},
    {M::ICRQ, "ICRQ", true, {A::MESSAGE_TYPE, A::ASSIGNED_SESSION_ID, A::CALL_SERIAL_NUMBER}},
    {M::ICRP, "ICRP", true, {A::MESSAGE_TYPE, A::ASSIGNED_SESSION_ID}},
    {M::ICCN, "ICCN", true, {A::MESSAGE_TYPE, A::TX_CONNECT_SPEED, A::FRAMING_TYPE}},
    {M::CDN, "CDN", true, {A::MESSAGE_TYPE, A::RESULT_CODE, A::ASSIGNED_SESSION_ID}},
    {M::WEN, "WEN", true, {A::MESSAGE_TYPE, A::CALL_ERRORS}},
    {M::SLI, "SLI", true, {A::MESSAGE_TYPE, A::ACCM}},
};

const MessageSpec*
FindMessage(uint16_t type)
{
    static const std::vector<const MessageSpec*> byType = []
    {
        std::vector<const MessageSpec*> t(M::SLI + 1, nullptr);
        for (const auto& m : g_messages)
        {
            t[m.type] = &m;
        }
        return t;
    }();
    return type < byType.size() ? byType[type] : nullptr;
}

// Result and Error Codes of section 4.4.2 used when a parse error clears a session or tunnel.
constexpr uint16_t RESULT_GENERAL_ERROR = 2;
constexpr uint16_t ERROR_LENGTH_WRONG = 2;
constexpr uint16_t ERROR_FIELD_OUT_OF_RANGE = 3;
constexpr uint16_t ERROR_UNKNOWN_MANDATORY_AVP = 8;

using Error = L2tpControlMessage::Error;
using Reaction = L2tpControlMessage::Reaction;
using ParseResult = L2tpControlMessage::ParseResult;

ParseResult&
Fail(ParseResult& r, Error e, Reaction reaction, std::string reason, uint16_t errorCode = 0)
{
    r.error = e;
    r.reaction = reaction;
    r.reason = std::move(reason);
    if (reaction == Reaction::CLEAR_SESSION || reaction == Reaction::CLEAR_TUNNEL)
    {
        r.resultCode = RESULT_GENERAL_ERROR;
        r.errorCode = errorCode;
    }
    return r;
}
} // namespace

std::string
L2tpControlMessage::TypeName(uint16_t type)
{
    if (type == ZLB)
    {
        return "ZLB";
    }
    const MessageSpec* m = FindMessage(type);
    return m ? m->name : "Unknown(" + std::to_string(type) + ")";
}

bool
L2tpControlMessage::IsKnownType(uint16_t type)
{
    return FindMessage(type) != nullptr;
}

bool
L2tpControlMessage::IsSessionMessage(uint16_t type)
{
    const MessageSpec* m = FindMessage(type);
    return m && m->session;
}

const std::vector<uint16_t>&
L2tpControlMessage::MandatoryAvps(uint16_t type)
{
    static const std::vector<uint16_t> none;
    const MessageSpec* m = FindMessage(type);
    return m ? m->mandatory : none;
}

const char*
L2tpControlMessage::ErrorName(Error e)
{
    switch (e)
    {
        case Error::NONE:
            return "none";
        case Error::BAD_HEADER:
            return "bad-header";
        case Error::NOT_CONTROL:
            return "not-control";
        case Error::BAD_AVP_LENGTH:
            return "bad-avp-length";
        case Error::MESSAGE_TYPE_NOT_FIRST:
            return "message-type-not-first";
        case Error::MESSAGE_TYPE_HIDDEN:
            return "message-type-hidden";
        case Error::BAD_MESSAGE_TYPE:
            return "bad-message-type";
        case Error::UNKNOWN_MESSAGE_TYPE:
            return "unknown-message-type";
        case Error::UNKNOWN_MANDATORY_AVP:
            return "unknown-mandatory-avp";
        case Error::MALFORMED_AVP:
            return "malformed-avp";
        case Error::HIDDEN_WITHOUT_RANDOM_VECTOR:
            return "hidden-without-random-vector";
        case Error::UNHIDE_FAILED:
            return "unhide-failed";
        case Error::MISSING_MANDATORY_AVP:
            return "missing-mandatory-avp";
    }
    return "?";
}

const char*
L2tpControlMessage::ReactionName(Reaction r)
{
    switch (r)
    {
        case Reaction::ACCEPT:
            return "accept";
        case Reaction::DISCARD:
            return "discard";
        case Reaction::IGNORE_MESSAGE:
            return "ignore-message";
        case Reaction::CLEAR_SESSION:
            return "clear-session";
        case Reaction::CLEAR_TUNNEL:
            return "clear-tunnel";
    }
    return "?";
}

L2tpControlMessage::L2tpControlMessage()
    : m_header(L2tpHeader::MakeControl(0, 0, 0, 0))
{
}

L2tpControlMessage::L2tpControlMessage(uint16_t type, uint16_t tunnelId, uint16_t sessionId)
    : m_header(L2tpHeader::MakeControl(tunnelId, sessionId, 0, 0))
{
    m_avps.push_back(L2tpAvp::FromU16(L2tpAvp::MESSAGE_TYPE, type));
}

L2tpControlMessage::ParseResult
L2tpControlMessage::Parse(const uint8_t* data, uint32_t size, L2tpControlMessage& msg,
                          const std::string* secret)
{
    ParseResult r;
    msg.m_avps.clear();
    std::string reason;
    uint32_t pos = L2tpHeader::Parse(data, size, msg.m_header, reason);
    if (pos == 0)
    {
        return Fail(r, Error::BAD_HEADER, Reaction::DISCARD, reason);
    }
    if (!msg.m_header.IsControl())
    {
        return Fail(r, Error::NOT_CONTROL, Reaction::DISCARD, "T bit clear: a data message");
    }
    // Control messages always carry Length (checked by the header parser): bytes after it
    // are not part of the message.
    const uint32_t end = msg.m_header.GetLength();
    r.size = end;

    // Pass 1: structure. Every AVP must fit; a bad length makes the rest unreadable.
    while (pos < end)
    {
        L2tpAvp avp;
        uint32_t n = L2tpAvp::ParseOne(data + pos, end - pos, avp, reason);
        if (n == 0)
        {
            return Fail(r, Error::BAD_AVP_LENGTH, Reaction::DISCARD,
                        "AVP at offset " + std::to_string(pos) + ": " + reason);
        }
        msg.m_avps.push_back(std::move(avp));
        pos += n;
    }
    if (msg.m_avps.empty())
    {
        return r; // ZLB
    }

    // Message Type: first, not hidden, 2 octets (sections 4.1 and 4.4.1).
    const L2tpAvp& first = msg.m_avps.front();
    if (first.GetVendorId() != 0)
    {
        return Fail(r, Error::MESSAGE_TYPE_NOT_FIRST, Reaction::DISCARD,
                    "first AVP is vendor " + std::to_string(first.GetVendorId()) + " type "
                        + std::to_string(first.GetType()) + ", not Message Type");
    }
    if (first.GetType() != L2tpAvp::MESSAGE_TYPE)
    {
        return Fail(r, Error::MESSAGE_TYPE_NOT_FIRST, Reaction::DISCARD,
                    "first AVP is " + L2tpAvp::TypeName(first.GetType()) + ", not Message Type");
    }
    // Section 4.1: an AVP with a reserved bit set MUST be treated as unrecognized, and that
    // holds for Message Type too; without a recognized Message Type first the message cannot
    // be classified, so it is discarded like any message whose first AVP is something else.
    if (first.GetReservedBits() != 0)
    {
        return Fail(r, Error::MESSAGE_TYPE_NOT_FIRST, Reaction::DISCARD,
                    "first AVP is Message Type with reserved bits set (unrecognized, section "
                    "4.1), not a valid Message Type");
    }
    if (first.IsHidden())
    {
        return Fail(r, Error::MESSAGE_TYPE_HIDDEN, Reaction::DISCARD, "Message Type AVP is hidden");
    }
    if (!first.GetU16())
    {
        return Fail(r, Error::BAD_MESSAGE_TYPE, Reaction::DISCARD,
                    "Message Type value of " + std::to_string(first.GetValue().size())
                        + " octets, expected 2");
    }
    const uint16_t type = *first.GetU16();
    const MessageSpec* spec = FindMessage(type);
    if (spec == nullptr)
    {
        // Section 4.4.1: the M bit of Message Type says whether the tunnel must be cleared.
        if (first.IsMandatory())
        {
            return Fail(r, Error::UNKNOWN_MESSAGE_TYPE, Reaction::CLEAR_TUNNEL,
                        "unknown Message Type " + std::to_string(type) + " with the M bit set",
                        ERROR_FIELD_OUT_OF_RANGE);
        }
        return Fail(r, Error::UNKNOWN_MESSAGE_TYPE, Reaction::IGNORE_MESSAGE,
                    "unknown Message Type " + std::to_string(type) + " without the M bit");
    }
    const Reaction clear = spec->session ? Reaction::CLEAR_SESSION : Reaction::CLEAR_TUNNEL;

    // Pass 2: semantics of each AVP after Message Type.
    std::optional<std::size_t> randomVector; // index in kept
    std::vector<L2tpAvp> kept{first};
    for (std::size_t i = 1; i < msg.m_avps.size(); ++i)
    {
        L2tpAvp& avp = msg.m_avps[i];
        const L2tpAvp::Spec* as
            = avp.GetVendorId() == 0 ? L2tpAvp::FindSpec(avp.GetType()) : nullptr;
        const std::string name = avp.GetVendorId() == 0
                                     ? L2tpAvp::TypeName(avp.GetType())
                                     : "vendor " + std::to_string(avp.GetVendorId()) + " type "
                                           + std::to_string(avp.GetType());
        // Section 4.1: an AVP with a reserved bit set is treated as unrecognized.
        if (as == nullptr || avp.GetReservedBits() != 0)
        {
            if (avp.IsMandatory())
            {
                return Fail(r, Error::UNKNOWN_MANDATORY_AVP, clear,
                            "unrecognized AVP " + name + " with the M bit set"
                                + (avp.GetReservedBits() ? " (reserved bits set)" : ""),
                            ERROR_UNKNOWN_MANDATORY_AVP);
            }
            r.warnings.push_back("ignored unrecognized AVP " + name);
            kept.push_back(avp);
            continue;
        }
        // A problem with a known AVP: fatal if it is mandatory, else the AVP is skipped.
        auto bad = [&](Error e, const std::string& why, uint16_t errorCode)
        {
            if (avp.IsMandatory())
            {
                Fail(r, e, clear, why, errorCode);
                return true;
            }
            r.warnings.push_back("skipped " + name + ": " + why);
            return false;
        };
        if (avp.IsHidden())
        {
            if (!as->mayBeHidden)
            {
                if (bad(Error::MALFORMED_AVP, name + " must not be hidden",
                        ERROR_FIELD_OUT_OF_RANGE))
                {
                    return r;
                }
                continue;
            }
            if (!randomVector)
            {
                if (bad(Error::HIDDEN_WITHOUT_RANDOM_VECTOR,
                        "hidden " + name + " with no Random Vector AVP before it",
                        ERROR_FIELD_OUT_OF_RANGE))
                {
                    return r;
                }
                continue;
            }
            if (secret != nullptr)
            {
                std::vector<uint8_t> plain;
                if (!L2tpAvpHiding::Unhide(avp.GetType(), avp.GetValue(), *secret,
                                           kept[*randomVector].GetValue(), plain, reason))
                {
                    if (bad(Error::UNHIDE_FAILED, name + ": " + reason, ERROR_LENGTH_WRONG))
                    {
                        return r;
                    }
                    continue;
                }
                avp.SetUnhiddenValue(std::move(plain));
            }
        }
        if (!avp.CheckValue(reason))
        {
            if (bad(Error::MALFORMED_AVP, reason, ERROR_LENGTH_WRONG))
            {
                return r;
            }
            continue;
        }
        kept.push_back(avp);
        if (avp.GetType() == L2tpAvp::RANDOM_VECTOR)
        {
            randomVector = kept.size() - 1; // applies to the hidden AVPs that follow
        }
    }
    msg.m_avps = std::move(kept);

    for (uint16_t m : spec->mandatory)
    {
        if (msg.FindAvp(m) == nullptr)
        {
            return Fail(r, Error::MISSING_MANDATORY_AVP, clear,
                        spec->name + std::string(" without mandatory AVP ") + L2tpAvp::TypeName(m),
                        ERROR_FIELD_OUT_OF_RANGE);
        }
    }
    return r;
}

std::vector<uint8_t>
L2tpControlMessage::Serialize(const std::string& secret) const
{
    std::vector<uint8_t> out;
    m_header.AppendTo(out);
    const std::vector<uint8_t>* randomVector = nullptr;
    for (const auto& avp : m_avps)
    {
        if (avp.GetVendorId() == 0 && avp.GetType() == L2tpAvp::RANDOM_VECTOR)
        {
            randomVector = &avp.GetValue();
        }
        if (avp.IsHidden() && !avp.IsStillHidden())
        {
            if (!avp.GetReceivedCipher().empty())
            {
                avp.AppendWithBody(out, avp.GetReceivedCipher(), true);
                continue;
            }
            NS_ABORT_MSG_IF(randomVector == nullptr, "hidden "
                                                         << L2tpAvp::TypeName(avp.GetType())
                                                         << " needs a Random Vector AVP before it");
            NS_ABORT_MSG_IF(secret.empty(),
                            "hidden " << L2tpAvp::TypeName(avp.GetType()) << " needs a secret");
            avp.AppendWithBody(
                out, L2tpAvpHiding::Hide(avp.GetType(), avp.GetValue(), secret, *randomVector),
                true);
            continue;
        }
        avp.AppendPlain(out);
    }
    NS_ABORT_MSG_IF(out.size() > 0xffff, "control message of " << out.size() << " bytes");
    // Length covers the whole message (section 3.1); its position follows the flags word.
    out[2] = uint8_t(out.size() >> 8);
    out[3] = uint8_t(out.size() & 0xff);
    return out;
}

Ptr<Packet>
L2tpControlMessage::ToPacket(const std::string& secret) const
{
    std::vector<uint8_t> bytes = Serialize(secret);
    return Create<Packet>(bytes.data(), bytes.size());
}

bool
L2tpControlMessage::IsZlb() const
{
    return m_avps.empty();
}

uint16_t
L2tpControlMessage::GetMessageType() const
{
    if (m_avps.empty() || m_avps.front().GetType() != L2tpAvp::MESSAGE_TYPE)
    {
        return ZLB;
    }
    return m_avps.front().GetU16().value_or(ZLB);
}

L2tpHeader&
L2tpControlMessage::GetHeader()
{
    return m_header;
}

const L2tpHeader&
L2tpControlMessage::GetHeader() const
{
    return m_header;
}

void
L2tpControlMessage::AddAvp(const L2tpAvp& avp)
{
    m_avps.push_back(avp);
}

const std::vector<L2tpAvp>&
L2tpControlMessage::GetAvps() const
{
    return m_avps;
}

const L2tpAvp*
L2tpControlMessage::FindAvp(uint16_t type, uint16_t vendorId) const
{
    for (const auto& a : m_avps)
    {
        if (a.GetType() == type && a.GetVendorId() == vendorId)
        {
            return &a;
        }
    }
    return nullptr;
}

std::string
L2tpControlMessage::ToString() const
{
    std::ostringstream os;
    uint16_t type = GetMessageType();
    os << TypeName(type) << " tunnel=" << m_header.GetTunnelId()
       << " session=" << m_header.GetSessionId() << " Ns=" << m_header.GetNs()
       << " Nr=" << m_header.GetNr();
    for (std::size_t i = 1; i < m_avps.size(); ++i)
    {
        const L2tpAvp& a = m_avps[i];
        const L2tpAvp::Spec* s = a.GetVendorId() == 0 ? L2tpAvp::FindSpec(a.GetType()) : nullptr;
        if (s != nullptr)
        {
            os << " " << s->key;
        }
        else
        {
            os << " avp_" << a.GetVendorId() << "_" << a.GetType();
        }
        os << "=" << a.ValueToString();
    }
    return os.str();
}

} // namespace ns3
