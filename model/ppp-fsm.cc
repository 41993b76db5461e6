/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ppp-fsm.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <sstream>

#include "ppp-frame.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PppFsm");
NS_OBJECT_ENSURE_REGISTERED(PppFsm);

namespace
{

/// One cell of the state transition table: actions (comma separated) and next state.
struct Cell
{
    const char* actions; //!< e.g. "irc,scr"; nullptr for "-" (event cannot occur)
    int next;            //!< next state
};

/// "-": the event cannot occur in this state.
constexpr Cell X = {nullptr, -1};

/**
 * The state transition table of RFC 1661 section 4.1, one row per event (Up, Down, Open,
 * Close, TO+, TO-, RCR+, RCR-, RCA, RCN, RTR, RTA, RUC, RXJ+, RXJ-, RXR) and one column per
 * state (Initial .. Opened). Options [p], [r] and [x] are noted in comments.
 */
const Cell TABLE[PppFsm::EVENT_COUNT][10] = {
    // Initial       Starting      Closed                Stopped               Closing Stopping
    // Req-Sent         Ack-Rcvd         Ack-Sent         Opened
    /* Up   */ {{"", 2}, {"irc,scr", 6}, X, X, X, X, X, X, X, X},
    /* Down */ {X, X, {"", 0}, {"tls", 1}, {"", 0}, {"", 1}, {"", 1}, {"", 1}, {"", 1}, {"tld", 1}},
    /* Open */ // 3r, 5r, 9r: restart option not taken
    {{"tls", 1},
     {"", 1},
     {"irc,scr", 6},
     {"", 3},
     {"", 5},
     {"", 5},
     {"", 6},
     {"", 7},
     {"", 8},
     {"", 9}},
    /* Close */
    {{"", 0},
     {"tlf", 0},
     {"", 2},
     {"", 2},
     {"", 4},
     {"", 4},
     {"irc,str", 4},
     {"irc,str", 4},
     {"irc,str", 4},
     {"tld,irc,str", 4}},
    /* TO+  */ {X, X, X, X, {"str", 4}, {"str", 5}, {"scr", 6}, {"scr", 6}, {"scr", 8}, X},
    /* TO-  */ // 3p: passive option (nothing extra to do here)
    {X, X, X, X, {"tlf", 2}, {"tlf", 3}, {"tlf", 3}, {"tlf", 3}, {"tlf", 3}, X},
    /* RCR+ */
    {X,
     X,
     {"sta", 2},
     {"irc,scr,sca", 8},
     {"", 4},
     {"", 5},
     {"sca", 8},
     {"sca,tlu", 9},
     {"sca", 8},
     {"tld,scr,sca", 8}},
    /* RCR- */
    {X,
     X,
     {"sta", 2},
     {"irc,scr,scn", 6},
     {"", 4},
     {"", 5},
     {"scn", 6},
     {"scn", 7},
     {"scn", 8},
     {"tld,scr,scn", 6}},
    /* RCA  */ // 6x: crossed connection
    {X,
     X,
     {"sta", 2},
     {"sta", 3},
     {"", 4},
     {"", 5},
     {"irc", 7},
     {"scr", 6},
     {"irc,tlu", 9},
     {"tld,scr", 6}},
    /* RCN  */
    {X,
     X,
     {"sta", 2},
     {"sta", 3},
     {"", 4},
     {"", 5},
     {"irc,scr", 6},
     {"scr", 6},
     {"irc,scr", 8},
     {"tld,scr", 6}},
    /* RTR  */
    {X,
     X,
     {"sta", 2},
     {"sta", 3},
     {"sta", 4},
     {"sta", 5},
     {"sta", 6},
     {"sta", 6},
     {"sta", 6},
     {"tld,zrc,sta", 5}},
    /* RTA  */
    {X, X, {"", 2}, {"", 3}, {"tlf", 2}, {"tlf", 3}, {"", 6}, {"", 6}, {"", 8}, {"tld,scr", 6}},
    /* RUC  */
    {X,
     X,
     {"scj", 2},
     {"scj", 3},
     {"scj", 4},
     {"scj", 5},
     {"scj", 6},
     {"scj", 7},
     {"scj", 8},
     {"scj", 9}},
    /* RXJ+ */ {X, X, {"", 2}, {"", 3}, {"", 4}, {"", 5}, {"", 6}, {"", 6}, {"", 8}, {"", 9}},
    /* RXJ- */
    {X,
     X,
     {"tlf", 2},
     {"tlf", 3},
     {"tlf", 2},
     {"tlf", 3},
     {"tlf", 3},
     {"tlf", 3},
     {"tlf", 3},
     {"tld,irc,str", 5}},
    /* RXR  */ {X, X, {"", 2}, {"", 3}, {"", 4}, {"", 5}, {"", 6}, {"", 7}, {"", 8}, {"ser", 9}},
};

} // namespace

TypeId
PppFsm::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PppFsm")
              .SetParent<Object>()
              .SetGroupName("L2tp")
              .AddAttribute("RestartTimer", "Restart timer period (RFC 1661 4.6: 3 seconds)",
                            TimeValue(Seconds(3)), MakeTimeAccessor(&PppFsm::m_restartTime),
                            MakeTimeChecker())
              .AddAttribute("MaxTerminate",
                            "Terminate-Requests sent without a Terminate-Ack (RFC 1661 4.6: 2)",
                            UintegerValue(2), MakeUintegerAccessor(&PppFsm::m_maxTerminate),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("MaxConfigure",
                            "Configure-Requests sent without an answer (RFC 1661 4.6: 10)",
                            UintegerValue(10), MakeUintegerAccessor(&PppFsm::m_maxConfigure),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("MaxFailure",
                            "Configure-Naks sent before Nak'ed options are Rejected instead "
                            "(RFC 1661 4.6: 5)",
                            UintegerValue(5), MakeUintegerAccessor(&PppFsm::m_maxFailure),
                            MakeUintegerChecker<uint32_t>())
              .AddTraceSource("State", "The automaton changed state (old, new)",
                              MakeTraceSourceAccessor(&PppFsm::m_stateTrace),
                              "ns3::PppFsm::StateTracedCallback")
              .AddTraceSource("Action",
                              "An action of the transition table was taken (tlu, scr, ...)",
                              MakeTraceSourceAccessor(&PppFsm::m_actionTrace),
                              "ns3::PppFsm::TextTracedCallback")
              .AddTraceSource("Drop", "A packet or event was discarded (reason)",
                              MakeTraceSourceAccessor(&PppFsm::m_dropTrace),
                              "ns3::PppFsm::TextTracedCallback")
              .AddTraceSource("PeerTerminate",
                              "A Terminate-Request arrived (its data: the peer's reason as text)",
                              MakeTraceSourceAccessor(&PppFsm::m_peerTerminateTrace),
                              "ns3::PppFsm::TextTracedCallback");
    return tid;
}

PppFsm::PppFsm()
    : m_maxFailure(5)
    , m_restartTime(Seconds(3))
    , m_maxConfigure(10)
    , m_maxTerminate(2)
{
}

PppFsm::~PppFsm() {}

void
PppFsm::DoDispose()
{
    m_timer.Cancel();
    m_send = SendCallback();
    m_up = m_down = m_started = m_finished = Callback<void>();
    Object::DoDispose();
}

void
PppFsm::SetSendCallback(SendCallback cb)
{
    m_send = cb;
}

void
PppFsm::SetLayerCallbacks(Callback<void> up, Callback<void> down, Callback<void> started,
                          Callback<void> finished)
{
    m_up = up;
    m_down = down;
    m_started = started;
    m_finished = finished;
}

PppFsm::State
PppFsm::GetState() const
{
    return m_state;
}

uint32_t
PppFsm::GetRestartCounter() const
{
    return m_restartCounter;
}

std::string
PppFsm::StateName(State s)
{
    static const char* names[] = {"Initial",  "Starting", "Closed",   "Stopped",  "Closing",
                                  "Stopping", "Req-Sent", "Ack-Rcvd", "Ack-Sent", "Opened"};
    return (s >= INITIAL && s <= OPENED) ? names[s] : "?";
}

std::string
PppFsm::EventName(Event e)
{
    static const char* names[] = {"Up",  "Down", "Open", "Close", "TO+", "TO-",  "RCR+", "RCR-",
                                  "RCA", "RCN",  "RTR",  "RTA",   "RUC", "RXJ+", "RXJ-", "RXR"};
    return (e >= UP && e < EVENT_COUNT) ? names[e] : "?";
}

void
PppFsm::Up()
{
    ProcessEvent(UP);
}

void
PppFsm::Down()
{
    ProcessEvent(DOWN);
}

void
PppFsm::Open()
{
    ProcessEvent(OPEN);
}

void
PppFsm::Close(const std::string& reason)
{
    m_closeReason = reason;
    ProcessEvent(CLOSE);
}

void
PppFsm::ForceState(State state)
{
    m_timer.Cancel();
    if (state != m_state)
    {
        const State old = m_state;
        m_state = state;
        m_stateTrace(old, state);
    }
}

void
PppFsm::ProcessEvent(Event event)
{
    NS_ASSERT(event < EVENT_COUNT);
    const Cell& cell = TABLE[event][m_state];
    if (cell.actions == nullptr)
    {
        NS_LOG_LOGIC(PppFrame::ProtocolName(GetProtocol())
                     << " event " << EventName(event) << " cannot occur in state "
                     << StateName(m_state) << "; ignored");
        Drop("event " + EventName(event) + " in state " + StateName(m_state));
        return;
    }
    const State old = m_state;
    const State next = static_cast<State>(cell.next);
    NS_LOG_INFO(PppFrame::ProtocolName(GetProtocol())
                << " " << StateName(old) << " --" << EventName(event) << "/" << cell.actions
                << "--> " << StateName(next));
    if (next == INITIAL || next == STARTING || next == CLOSED || next == STOPPED || next == OPENED)
    {
        m_timer.Cancel(); // no Restart timer in these states
    }
    if (next != old)
    {
        m_state = next;
        m_stateTrace(old, next);
    }
    std::string actions = cell.actions;
    std::size_t pos = 0;
    while (pos < actions.size())
    {
        std::size_t comma = actions.find(',', pos);
        if (comma == std::string::npos)
        {
            comma = actions.size();
        }
        Execute(actions.substr(pos, comma - pos), old, next);
        pos = comma + 1;
    }
}

void
PppFsm::StartTimer()
{
    m_timer.Cancel();
    m_timer = Simulator::Schedule(m_restartTime, &PppFsm::RestartTimerExpired, this);
}

void
PppFsm::RestartTimerExpired()
{
    ProcessEvent(m_restartCounter > 0 ? TO_PLUS : TO_MINUS);
}

void
PppFsm::Execute(const std::string& a, State old, State next)
{
    m_actionTrace(a);
    if (a == "tlu")
    {
        ThisLayerUp();
    }
    else if (a == "tld")
    {
        ThisLayerDown();
    }
    else if (a == "tls")
    {
        ThisLayerStarted();
    }
    else if (a == "tlf")
    {
        ThisLayerFinished();
    }
    else if (a == "irc")
    {
        const bool terminating = next == CLOSING || next == STOPPING;
        m_restartCounter = terminating ? m_maxTerminate : m_maxConfigure;
        if (!terminating && old != REQ_SENT && old != ACK_RCVD && old != ACK_SENT)
        {
            // A new negotiation starts: Configure-Naks are counted afresh (Max-Failure).
            m_failureCounter = 0;
        }
    }
    else if (a == "zrc")
    {
        m_restartCounter = 0;
        StartTimer(); // RFC 1661 4.4: pause one period before leaving Stopping
    }
    else if (a == "scr")
    {
        m_reqData = PppControlPacket::EncodeOptions(BuildConfigureRequest());
        m_reqId = NextIdentifier();
        SendPacket(PppControlPacket::CONFIGURE_REQUEST, m_reqId, m_reqData);
        if (m_restartCounter > 0)
        {
            --m_restartCounter;
        }
        StartTimer();
    }
    else if (a == "sca")
    {
        m_failureCounter = 0;
        SendPacket(PppControlPacket::CONFIGURE_ACK, m_rx.identifier, m_rx.data);
    }
    else if (a == "scn")
    {
        if (m_replyCode == PppControlPacket::CONFIGURE_NAK)
        {
            ++m_failureCounter;
        }
        SendPacket(m_replyCode, m_rx.identifier, m_replyData);
    }
    else if (a == "str")
    {
        SendPacket(PppControlPacket::TERMINATE_REQUEST, NextIdentifier(),
                   std::vector<uint8_t>(m_closeReason.begin(), m_closeReason.end()));
        if (m_restartCounter > 0)
        {
            --m_restartCounter;
        }
        StartTimer();
    }
    else if (a == "sta")
    {
        SendPacket(PppControlPacket::TERMINATE_ACK, m_rx.identifier, {});
    }
    else if (a == "scj")
    {
        SendPacket(PppControlPacket::CODE_REJECT, NextIdentifier(), m_rxRaw);
    }
    else if (a == "ser")
    {
        SendEchoReply();
    }
}

uint8_t
PppFsm::NextIdentifier()
{
    return m_nextId++;
}

void
PppFsm::SendPacket(uint8_t code, uint8_t id, const std::vector<uint8_t>& data)
{
    PppControlPacket p(code, id, data);
    if (!m_send.IsNull())
    {
        m_send(GetProtocol(), p.Encode());
    }
}

void
PppFsm::Drop(const std::string& reason)
{
    NS_LOG_LOGIC(PppFrame::ProtocolName(GetProtocol()) << " drop: " << reason);
    m_dropTrace(reason);
}

void
PppFsm::Receive(const uint8_t* data, std::size_t size)
{
    PppControlPacket p;
    const auto err = PppControlPacket::Parse(data, size, p);
    if (err != PppControlPacket::OK)
    {
        Drop(PppControlPacket::ErrorText(err));
        return;
    }
    if (m_state == INITIAL || m_state == STARTING)
    {
        Drop("packet while the lower layer is down");
        return;
    }
    m_rx = p;
    const std::size_t len = PppControlPacket::HEADER_SIZE + p.data.size();
    m_rxRaw.assign(data, data + len);
    switch (p.code)
    {
        case PppControlPacket::CONFIGURE_REQUEST:
        {
            if (m_state == CLOSED || m_state == CLOSING || m_state == STOPPING)
            {
                // sta or nothing in these states whatever the options: no need to check them
                // (and no side effect such as an address allocation).
                ProcessEvent(RCR_PLUS);
                break;
            }
            std::vector<PppOption> opts;
            const auto e = PppControlPacket::ParseOptions(p.data, opts);
            if (e != PppControlPacket::OK)
            {
                Drop("Configure-Request: " + PppControlPacket::ErrorText(e));
                return;
            }
            std::vector<PppOption> reply;
            uint8_t code = CheckConfigureRequest(opts, reply);
            if (code == PppControlPacket::CONFIGURE_NAK && m_failureCounter >= m_maxFailure)
            {
                // RFC 1661 4.6 Max-Failure: Nak'ed options are now Rejected (except those the
                // protocol must keep Nak'ing, such as LCP's Magic-Number, RFC 1661 6.4).
                std::vector<PppOption> rej;
                for (const auto& o : opts)
                {
                    for (const auto& n : reply)
                    {
                        if (n.type == o.type && !AlwaysNak(o.type))
                        {
                            rej.push_back(o);
                            break;
                        }
                    }
                }
                if (!rej.empty())
                {
                    reply = rej;
                    code = PppControlPacket::CONFIGURE_REJECT;
                }
            }
            m_replyCode = code;
            m_replyData = PppControlPacket::EncodeOptions(reply);
            ProcessEvent(code == PppControlPacket::CONFIGURE_ACK ? RCR_PLUS : RCR_MINUS);
            break;
        }
        case PppControlPacket::CONFIGURE_ACK:
            if (p.identifier != m_reqId || p.data != m_reqData)
            {
                Drop("Configure-Ack that does not match the last Configure-Request");
                return;
            }
            {
                std::vector<PppOption> opts;
                PppControlPacket::ParseOptions(p.data, opts);
                ConfigureAcked(opts);
            }
            ProcessEvent(RCA);
            break;
        case PppControlPacket::CONFIGURE_NAK:
        case PppControlPacket::CONFIGURE_REJECT:
        {
            if (p.identifier != m_reqId)
            {
                Drop(PppControlPacket::CodeName(p.code) + " with a stale Identifier");
                return;
            }
            std::vector<PppOption> opts;
            const auto e = PppControlPacket::ParseOptions(p.data, opts);
            if (e != PppControlPacket::OK)
            {
                Drop(PppControlPacket::CodeName(p.code) + ": " + PppControlPacket::ErrorText(e));
                return;
            }
            if (m_state != OPENED && m_state != CLOSING && m_state != STOPPING && m_state != CLOSED
                && m_state != STOPPED)
            {
                if (p.code == PppControlPacket::CONFIGURE_NAK)
                {
                    ConfigureNaked(opts);
                }
                else
                {
                    ConfigureRejected(opts);
                }
            }
            ProcessEvent(RCN);
            break;
        }
        case PppControlPacket::TERMINATE_REQUEST:
            m_peerTerminateTrace(std::string(p.data.begin(), p.data.end()));
            ProcessEvent(RTR);
            break;
        case PppControlPacket::TERMINATE_ACK:
            ProcessEvent(RTA);
            break;
        case PppControlPacket::CODE_REJECT:
            if (p.data.empty())
            {
                Drop("Code-Reject without the rejected packet");
                return;
            }
            ProcessEvent(IsFatalCodeReject(p.data[0]) ? RXJ_MINUS : RXJ_PLUS);
            break;
        default:
            if (!ReceiveOtherCode(p))
            {
                ProcessEvent(RUC);
            }
            break;
    }
}

void
PppFsm::ConfigureAcked(const std::vector<PppOption>& /* options */)
{
}

bool
PppFsm::ReceiveOtherCode(const PppControlPacket& /* packet */)
{
    return false;
}

bool
PppFsm::AlwaysNak(uint8_t /* type */) const
{
    return false;
}

bool
PppFsm::IsFatalCodeReject(uint8_t code) const
{
    return code >= PppControlPacket::CONFIGURE_REQUEST && code <= PppControlPacket::CODE_REJECT;
}

void
PppFsm::SendEchoReply()
{
}

void
PppFsm::ThisLayerUp()
{
    if (!m_up.IsNull())
    {
        m_up();
    }
}

void
PppFsm::ThisLayerDown()
{
    if (!m_down.IsNull())
    {
        m_down();
    }
}

void
PppFsm::ThisLayerStarted()
{
    if (!m_started.IsNull())
    {
        m_started();
    }
}

void
PppFsm::ThisLayerFinished()
{
    if (!m_finished.IsNull())
    {
        m_finished();
    }
}

} // namespace ns3
