/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PppFsm, the RFC 1661 section 4 automaton: every cell of the state transition table
 * (state, event) -> (actions, next state, packets sent), checked against the table transcribed
 * here in the RFC's own notation; the Restart timer with Max-Configure and Max-Terminate at
 * exact times; Max-Failure turning Naks into Rejects; malformed packets dropped with reasons.
 */
#include "l2tp-test-util.h"

#include "ns3/config.h"
#include "ns3/ppp-fsm.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <sstream>

using namespace ns3;
using namespace ns3::l2tptest;

namespace
{

/// A minimal protocol on the automaton: requests option 1 = 0x05dc, answers as told.
class TestFsm : public PppFsm
{
public:
    uint8_t answer{PppControlPacket::CONFIGURE_ACK}; //!< how to answer requests

    uint16_t GetProtocol() const override { return 0xC021; }

protected:
    std::vector<PppOption> BuildConfigureRequest() override { return {PppOption::U16(1, 1500)}; }

    uint8_t CheckConfigureRequest(const std::vector<PppOption>& request,
                                  std::vector<PppOption>& reply) override
    {
        if (answer == PppControlPacket::CONFIGURE_NAK)
        {
            reply = {PppOption::U16(1, 1400)};
        }
        else if (answer == PppControlPacket::CONFIGURE_REJECT)
        {
            reply = request;
        }
        return answer;
    }

    void ConfigureNaked(const std::vector<PppOption>&) override {}

    void ConfigureRejected(const std::vector<PppOption>&) override {}

    void SendEchoReply() override { SendPacket(PppControlPacket::ECHO_REPLY, 0, {0, 0, 0, 0}); }
};

/// Records what an automaton did.
struct Recorder
{
    std::vector<std::string> actions; //!< actions in order
    std::vector<std::string> sent;    //!< "time code id" of sent packets
    std::vector<std::string> states;  //!< "time old->new"
    std::vector<std::string> drops;   //!< drop reasons

    void Action(const std::string& a) { actions.push_back(a); }

    void Send(uint16_t, const std::vector<uint8_t>& bytes)
    {
        std::ostringstream os;
        os << Simulator::Now().GetSeconds() << "s " << PppControlPacket::CodeName(bytes[0]);
        sent.push_back(os.str());
    }

    void State(PppFsm::State o, PppFsm::State n)
    {
        std::ostringstream os;
        os << Simulator::Now().GetSeconds() << "s " << PppFsm::StateName(o) << "->"
           << PppFsm::StateName(n);
        states.push_back(os.str());
    }

    void Drop(const std::string& r) { drops.push_back(r); }

    std::string Joined(const std::vector<std::string>& v, const char* sep = ",") const
    {
        std::string s;
        for (const auto& x : v)
        {
            s += (s.empty() ? "" : sep) + x;
        }
        return s;
    }
};

Ptr<TestFsm>
MakeFsm(Recorder& r)
{
    Ptr<TestFsm> f = CreateObject<TestFsm>();
    f->SetSendCallback(MakeCallback(&Recorder::Send, &r));
    f->TraceConnectWithoutContext("Action", MakeCallback(&Recorder::Action, &r));
    f->TraceConnectWithoutContext("State", MakeCallback(&Recorder::State, &r));
    f->TraceConnectWithoutContext("Drop", MakeCallback(&Recorder::Drop, &r));
    return f;
}

/**
 * RFC 1661 section 4.1, transcribed row by row ("-" = cannot occur; the [p], [r] and [x]
 * options written as their state digits).
 */
const char* RFC_TABLE[] = {
    //       0        1          2       3              4       5       6          7          8 9
    "Up    | 2      | irc,scr/6 | -     | -           | -     | -     | -         | -         | -  "
    "       | -",
    "Down  | -      | -         | 0     | tls/1       | 0     | 1     | 1         | 1         | 1  "
    "       | tld/1",
    "Open  | tls/1  | 1         | irc,scr/6 | 3       | 5     | 5     | 6         | 7         | 8  "
    "       | 9",
    "Close | 0      | tlf/0     | 2     | 2           | 4     | 4     | irc,str/4 | irc,str/4 | "
    "irc,str/4 | tld,irc,str/4",
    "TO+   | -      | -         | -     | -           | str/4 | str/5 | scr/6     | scr/6     | "
    "scr/8     | -",
    "TO-   | -      | -         | -     | -           | tlf/2 | tlf/3 | tlf/3     | tlf/3     | "
    "tlf/3     | -",
    "RCR+  | -      | -         | sta/2 | irc,scr,sca/8 | 4   | 5     | sca/8     | sca,tlu/9 | "
    "sca/8     | tld,scr,sca/8",
    "RCR-  | -      | -         | sta/2 | irc,scr,scn/6 | 4   | 5     | scn/6     | scn/7     | "
    "scn/8     | tld,scr,scn/6",
    "RCA   | -      | -         | sta/2 | sta/3       | 4     | 5     | irc/7     | scr/6     | "
    "irc,tlu/9 | tld,scr/6",
    "RCN   | -      | -         | sta/2 | sta/3       | 4     | 5     | irc,scr/6 | scr/6     | "
    "irc,scr/8 | tld,scr/6",
    "RTR   | -      | -         | sta/2 | sta/3       | sta/4 | sta/5 | sta/6     | sta/6     | "
    "sta/6     | tld,zrc,sta/5",
    "RTA   | -      | -         | 2     | 3           | tlf/2 | tlf/3 | 6         | 6         | 8  "
    "       | tld,scr/6",
    "RUC   | -      | -         | scj/2 | scj/3       | scj/4 | scj/5 | scj/6     | scj/7     | "
    "scj/8     | scj/9",
    "RXJ+  | -      | -         | 2     | 3           | 4     | 5     | 6         | 6         | 8  "
    "       | 9",
    "RXJ-  | -      | -         | tlf/2 | tlf/3       | tlf/2 | tlf/3 | tlf/3     | tlf/3     | "
    "tlf/3     | tld,irc,str/5",
    "RXR   | -      | -         | 2     | 3           | 4     | 5     | 6         | 7         | 8  "
    "       | ser/9",
};

std::string
Trim(const std::string& s)
{
    const auto b = s.find_first_not_of(' ');
    const auto e = s.find_last_not_of(' ');
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/// The packet code each action sends ("" if none).
std::string
PacketOf(const std::string& action, uint8_t answer)
{
    if (action == "scr")
    {
        return "Configure-Request";
    }
    if (action == "sca")
    {
        return "Configure-Ack";
    }
    if (action == "scn")
    {
        return PppControlPacket::CodeName(answer);
    }
    if (action == "str")
    {
        return "Terminate-Request";
    }
    if (action == "sta")
    {
        return "Terminate-Ack";
    }
    if (action == "scj")
    {
        return "Code-Reject";
    }
    if (action == "ser")
    {
        return "Echo-Reply";
    }
    return "";
}

/**
 * \ingroup l2tp
 * \brief All 160 cells of the transition table.
 */
class PppFsmTableTestCase : public TestCase
{
public:
    PppFsmTableTestCase()
        : TestCase("RFC 1661 4.1 transition table, every (state, event) cell")
    {
    }

private:
    void DoRun() override
    {
        uint32_t cells = 0;
        for (uint32_t e = 0; e < PppFsm::EVENT_COUNT; ++e)
        {
            const auto fields = Split(RFC_TABLE[e], '|');
            NS_TEST_ASSERT_MSG_EQ(fields.size(), 11, "row " << e);
            NS_TEST_EXPECT_MSG_EQ(Trim(fields[0]), PppFsm::EventName(static_cast<PppFsm::Event>(e)),
                                  "row order");
            for (uint32_t s = 0; s < 10; ++s)
            {
                const std::string cell = Trim(fields[s + 1]);
                std::string expActions;
                int expState;
                if (cell == "-")
                {
                    expState = static_cast<int>(s);
                }
                else
                {
                    const auto slash = cell.find('/');
                    expActions = slash == std::string::npos ? "" : cell.substr(0, slash);
                    expState
                        = std::stoi(slash == std::string::npos ? cell : cell.substr(slash + 1));
                }
                for (uint8_t answer :
                     {PppControlPacket::CONFIGURE_NAK, PppControlPacket::CONFIGURE_REJECT})
                {
                    Recorder r;
                    Ptr<TestFsm> f = MakeFsm(r);
                    f->ForceState(static_cast<PppFsm::State>(s));
                    r.states.clear();
                    if (e == PppFsm::RCR_MINUS)
                    {
                        // Fill the last-received packet and the answer through a real request
                        // (in Stopped, where the options are checked).
                        f->answer = answer;
                        f->ForceState(PppFsm::STOPPED);
                        const auto req = FromHex("01070008010405dc");
                        f->Receive(req.data(), req.size());
                        f->ForceState(static_cast<PppFsm::State>(s));
                        r = Recorder();
                    }
                    else if (answer == PppControlPacket::CONFIGURE_REJECT)
                    {
                        continue; // the answer only matters for RCR-
                    }
                    f->ProcessEvent(static_cast<PppFsm::Event>(e));
                    const std::string where
                        = "state " + PppFsm::StateName(static_cast<PppFsm::State>(s)) + " event "
                          + PppFsm::EventName(static_cast<PppFsm::Event>(e));
                    NS_TEST_EXPECT_MSG_EQ(r.Joined(r.actions), expActions, where << ": actions");
                    NS_TEST_EXPECT_MSG_EQ(f->GetState(), expState, where << ": next state");
                    std::vector<std::string> expSent;
                    for (const auto& a : Split(expActions, ','))
                    {
                        const auto p = PacketOf(a, answer);
                        if (!p.empty())
                        {
                            expSent.push_back("0s " + p);
                        }
                    }
                    NS_TEST_EXPECT_MSG_EQ(r.Joined(r.sent), r.Joined(expSent), where << ": sent");
                    const size_t expDrops = (cell == "-") ? 1 : 0;
                    NS_TEST_EXPECT_MSG_EQ(r.drops.size(), expDrops, where << ": drop");
                    // Counters: irc sets Max-Configure (10) or Max-Terminate (2), each scr/str
                    // takes one, zrc zeroes.
                    if (expActions.find("irc") != std::string::npos)
                    {
                        const bool term
                            = expState == PppFsm::CLOSING || expState == PppFsm::STOPPING;
                        const uint32_t sends = (expActions.find("scr") != std::string::npos
                                                || expActions.find("str") != std::string::npos)
                                                   ? 1
                                                   : 0;
                        NS_TEST_EXPECT_MSG_EQ(f->GetRestartCounter(), (term ? 2u : 10u) - sends,
                                              where << ": restart counter");
                    }
                    if (expActions.find("zrc") != std::string::npos)
                    {
                        NS_TEST_EXPECT_MSG_EQ(f->GetRestartCounter(), 0, where << ": zrc");
                    }
                    f->Dispose();
                    ++cells;
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ(cells, 170, "160 cells, RCR- with both Nak and Reject");
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Restart timer with Max-Configure and Max-Terminate, at exact times.
 */
class PppFsmTimerTestCase : public TestCase
{
public:
    PppFsmTimerTestCase()
        : TestCase("Restart timer: 10 Configure-Requests 3 s apart then TO-; 2 Terminate-Requests")
    {
    }

private:
    void DoRun() override
    {
        Recorder r;
        Ptr<TestFsm> f = MakeFsm(r);
        f->Open();
        f->Up();
        Simulator::Run();
        std::vector<std::string> exp;
        for (int i = 0; i < 10; ++i)
        {
            exp.push_back(std::to_string(3 * i) + "s Configure-Request");
        }
        NS_TEST_EXPECT_MSG_EQ(r.Joined(r.sent, "; "), r.Joined(exp, "; "), "CRs");
        NS_TEST_EXPECT_MSG_EQ(r.Joined(r.states, "; "),
                              "0s Initial->Starting; 0s Starting->Req-Sent; 30s Req-Sent->Stopped",
                              "states");
        NS_TEST_EXPECT_MSG_EQ(r.actions.back(), "tlf", "This-Layer-Finished at TO-");

        // Close from Opened: Terminate-Request at 0 s and 3 s (Max-Terminate 2), Closed at 6 s.
        Recorder r2;
        Ptr<TestFsm> g = MakeFsm(r2);
        g->SetAttribute("RestartTimer", TimeValue(Seconds(2)));
        g->SetAttribute("MaxTerminate", UintegerValue(3));
        g->ForceState(PppFsm::OPENED);
        r2.states.clear();
        Simulator::Schedule(Seconds(100) - Simulator::Now(), &PppFsm::Close, g, "bye");
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(
            r2.Joined(r2.sent, "; "),
            "100s Terminate-Request; 102s Terminate-Request; 104s Terminate-Request",
            "TRs with RestartTimer 2 s, MaxTerminate 3");
        NS_TEST_EXPECT_MSG_EQ(r2.Joined(r2.states, "; "),
                              "100s Opened->Closing; 106s Closing->Closed", "states");
        f->Dispose();
        g->Dispose();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief Max-Failure: after 5 Naks the next answer is a Reject; malformed packets dropped.
 */
class PppFsmFailureTestCase : public TestCase
{
public:
    PppFsmFailureTestCase()
        : TestCase("Max-Failure turns Naks into Rejects; malformed packets are dropped")
    {
    }

private:
    void DoRun() override
    {
        Recorder r;
        Ptr<TestFsm> f = MakeFsm(r);
        f->answer = PppControlPacket::CONFIGURE_NAK;
        f->ForceState(PppFsm::REQ_SENT);
        const auto req = FromHex("01070008010405dc");
        for (int i = 0; i < 7; ++i)
        {
            f->Receive(req.data(), req.size());
        }
        NS_TEST_EXPECT_MSG_EQ(r.Joined(r.sent, ";"),
                              "0s Configure-Nak;0s Configure-Nak;0s Configure-Nak;0s "
                              "Configure-Nak;0s Configure-Nak;0s Configure-Reject;0s "
                              "Configure-Reject",
                              "5 Naks then Rejects");
        NS_TEST_EXPECT_MSG_EQ(f->GetState(), PppFsm::REQ_SENT, "still Req-Sent");

        r = Recorder();
        for (const char* hex : {"0107", "01070003", "0107000901", "01070005ff", "010700060100",
                                "0107000401", "03990004", "0700"})
        {
            const auto b = FromHex(hex);
            f->Receive(b.data(), b.size());
        }
        NS_TEST_EXPECT_MSG_EQ(r.Joined(r.drops, "|"),
                              "packet shorter than its 4-octet header|Length field below "
                              "4|Length field past the end of the frame|Configure-Request: "
                              "option list ends inside an option header|Configure-Request: "
                              "option Length below 2|Configure-Nak with a stale Identifier|packet "
                              "shorter than its 4-octet header",
                              "drop reasons");
        // "0107000401": an empty Configure-Request (Length 4, one padding octet) is valid; the
        // Nak suggests an option the request did not carry, so Max-Failure has nothing to
        // convert into a Reject.
        NS_TEST_EXPECT_MSG_EQ(r.Joined(r.sent, ";"), "0s Configure-Nak", "answered");
        f->Dispose();
        Simulator::Destroy();
    }
};

/**
 * \ingroup l2tp
 * \brief The automaton suite.
 */
class PppFsmTestSuite : public TestSuite
{
public:
    PppFsmTestSuite()
        : TestSuite("l2tp-ppp-fsm", TestSuite::Type::UNIT)
    {
        AddTestCase(new PppFsmTableTestCase);
        AddTestCase(new PppFsmTimerTestCase);
        AddTestCase(new PppFsmFailureTestCase);
    }
};

PppFsmTestSuite g_pppFsmTestSuite; //!< registers the suite

} // namespace
