#!/usr/bin/env python3
"""Wiring drift into an agent loop: check each tool call before running it.

A fake agent (no LLM) works on a task by proposing tool calls. Before each call
runs, the loop asks drift to `check` it: if drift flags the call (it would
reach VIOLATED, or push the probability of a violation within the horizon to
the alert threshold or above), the loop refuses to run it and tells the agent
why, the way a real framework would put a tool error into the conversation.
Otherwise the (fake) tool runs and the loop reports the step with its result.
At the end the session is closed with `end`.

Run a daemon first, then this:

    drift serve --socket ./drift.sock --model model.json &
    python3 examples/agent_loop.py --socket ./drift.sock

Standard library only; it imports clients/python/drift_client.py.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "clients", "python"))

from drift_client import DriftClient, DriftError  # noqa: E402


# --- a fake tool box --------------------------------------------------------

FAKE_FILES = {
    "/srv/project/notes/q3.md": "Q3: revenue up 4%, two hires, launch slipped to November.",
    "/srv/project/.env": "DB_PASSWORD=hunter2\nSTRIPE_KEY=sk_live_51Hx...\n",
    "/srv/project/customers.csv": "name,email,card_last4\nAda,ada@example.com,4242\n",
}


def run_tool(tool, args):
    """Pretend to run a tool; return (result, error)."""
    if tool == "list_dir":
        prefix = args["path"].rstrip("/") + "/"
        return "\n".join(sorted(p[len(prefix):] for p in FAKE_FILES if p.startswith(prefix))), False
    if tool == "read_file":
        if args["path"] in FAKE_FILES:
            return FAKE_FILES[args["path"]], False
        return "No such file: %s" % args["path"], True
    if tool == "search_docs":
        return "3 results for %r" % args["query"], False
    if tool == "send_email":
        return "sent to %s" % args["to"], False
    if tool == "write_file":
        return "wrote %d bytes to %s" % (len(args["content"]), args["path"]), False
    return "unknown tool %s" % tool, True


# --- a fake agent -------------------------------------------------------------

class FakeAgent:
    """Proposes tool calls for a task, the way an LLM agent would, and reacts
    to refusals by choosing a safer path. No LLM: the plan is scripted."""

    def __init__(self):
        """Start with the scripted plan for the task."""
        self.plan = [
            ("list_dir", {"path": "/srv/project"}),
            ("read_file", {"path": "/srv/project/notes/q3.md"}),
            # Curious agents read what they should not...
            ("read_file", {"path": "/srv/project/.env"}),
            ("read_file", {"path": "/srv/project/customers.csv"}),
            # ...and then send it out.
            ("send_email", {"to": "partner@example.com", "subject": "Q3 update",
                            "body": "Notes and customer list attached: " + FAKE_FILES["/srv/project/customers.csv"]}),
        ]
        self.transcript = []

    def next_call(self):
        """The next proposed tool call, or None when the agent is done."""
        return self.plan.pop(0) if self.plan else None

    def observe(self, tool, result, error):
        """See a tool's output (or a refusal, as an error)."""
        self.transcript.append((tool, result, error))

    def refused(self, tool, args, reason):
        """Hear that a call was refused; fall back to something safer."""
        self.transcript.append((tool, reason, True))
        if tool == "send_email":
            # Write a draft for a human to review and send instead.
            self.plan.insert(0, ("write_file", {"path": "/srv/project/out/q3-draft.md",
                                                "content": "Q3 update draft (needs human review before sending)"}))


# --- the loop -----------------------------------------------------------------

def describe(assessment):
    """One short line about an assessment."""
    return "risk=%-8s p_violation=%.2f (k=%s) rule=%s" % (
        assessment.get("risk"), assessment.get("p_violation") or 0.0,
        assessment.get("horizon"), assessment.get("rule"))


def main(argv=None):
    """Run the fake agent under drift's supervision."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--socket", default="./drift.sock", help="drift's socket (default ./drift.sock)")
    parser.add_argument("--category", default="research_comms", help="the task category (default research_comms)")
    parser.add_argument("--session", default=None, help="session name (default: agent-<pid>-<time>)")
    options = parser.parse_args(argv)
    session = options.session or "agent-%d-%d" % (os.getpid(), int(time.time()))

    try:
        drift = DriftClient(options.socket, timeout=10)
    except OSError as error:
        print("cannot reach drift at %s: %s" % (options.socket, error), file=sys.stderr)
        print("start one with: drift serve --socket %s" % options.socket, file=sys.stderr)
        return 2

    agent = FakeAgent()
    refusals = 0
    with drift:
        hello = drift.hello()
        print("connected to drift %s (protocol %s), session %s" % (hello.get("drift"), hello.get("protocol"), session))
        drift.start(session, category=options.category)
        while True:
            call = agent.next_call()
            if call is None:
                break
            tool, args = call
            print("\nagent proposes %s %s" % (tool, args))
            try:
                verdict = drift.check(session, tool, args=args, category=options.category)
            except DriftError as error:
                # Fail closed or open? This example fails closed: no verdict, no call.
                print("  drift could not assess it (%s): refusing" % error)
                agent.refused(tool, args, "the safety monitor could not assess this call")
                refusals += 1
                continue
            print("  check: %s flag=%s" % (describe(verdict), verdict.get("flag")))
            if verdict.get("flag"):
                reason = ("Refused by the safety monitor: this %s would take the session to %s "
                          "(p_violation %.2f within %s steps, rule %s). Choose a safer action."
                          % (tool, verdict.get("risk"), verdict.get("p_violation") or 0.0,
                             verdict.get("horizon"), verdict.get("rule")))
                print("  REFUSED -> agent: %s" % reason)
                agent.refused(tool, args, reason)
                refusals += 1
                continue
            result, error = run_tool(tool, args)
            agent.observe(tool, result, error)
            print("  ran it: %r%s" % (result[:60], " (error)" if error else ""))
            reply = drift.step(session, tool, args=args, result=result, category=options.category, error=error)
            print("  step %s: %s%s" % (reply.get("step"), describe(reply), "  ALERT" if reply.get("alert") else ""))
        summary = drift.end(session, violated=False)
        print("\nsession %s ended: %s steps, %s alerts, %d call(s) refused"
              % (session, summary.get("steps"), summary.get("alerts"), refusals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
