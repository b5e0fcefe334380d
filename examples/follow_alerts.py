#!/usr/bin/env python3
"""Follow drift's alerts: subscribe and print each one as it arrives.

    python3 examples/follow_alerts.py --socket /run/drift/drift.sock --min-level ELEVATED
    python3 examples/follow_alerts.py --json | jq .

Runs until interrupted (Ctrl-C) or until the daemon closes the connection
(for instance when it stops); --reconnect waits for it to come back.
Standard library only; it imports clients/python/drift_client.py.
"""

import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "clients", "python"))

from drift_client import DriftClient, DriftError  # noqa: E402


def format_alert(alert):
    """One human-readable line for an alert event."""
    steps = alert.get("steps_to_violation") or {}
    evidence = "; ".join(str(e.get("detail", e)) if isinstance(e, dict) else str(e)
                         for e in (alert.get("evidence") or []))
    line = "%s  %-20s step %-3s %-16s %-8s p=%.2f (k=%s) ~%s steps  rule=%s  [%s]" % (
        time.strftime("%H:%M:%S"), alert.get("session"), alert.get("step"), alert.get("tool"),
        alert.get("risk"), alert.get("p_violation") or 0.0, alert.get("horizon"),
        steps.get("median", "?"), alert.get("rule"), alert.get("reason"))
    if evidence:
        line += "\n          evidence: " + evidence
    return line


def follow(options):
    """Subscribe once and print alerts until the connection ends."""
    with DriftClient(options.socket) as drift:
        hello = drift.hello()
        stream = drift.subscribe(min_level=options.min_level, category=options.category,
                                 session=options.session)
        print("following alerts from drift %s at %s" % (hello.get("drift"), options.socket),
              file=sys.stderr)
        for alert in stream:
            if options.json:
                print(json.dumps(alert), flush=True)
            else:
                print(format_alert(alert), flush=True)
    print("drift closed the connection", file=sys.stderr)


def main(argv=None):
    """Parse the flags and follow, reconnecting if asked to."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--socket", default="./drift.sock", help="drift's socket (default ./drift.sock)")
    parser.add_argument("--min-level", default=None, help="only alerts at this level or above (e.g. ELEVATED)")
    parser.add_argument("--category", default=None, help="only this task category")
    parser.add_argument("--session", default=None, help="only this session")
    parser.add_argument("--json", action="store_true", help="print each alert as one JSON line")
    parser.add_argument("--reconnect", action="store_true", help="wait for the daemon and resubscribe")
    options = parser.parse_args(argv)
    try:
        while True:
            try:
                follow(options)
            except DriftError as error:
                print("drift refused the subscription: %s" % error, file=sys.stderr)
                return 1
            except OSError as error:
                print("cannot reach drift at %s: %s" % (options.socket, error), file=sys.stderr)
                if not options.reconnect:
                    return 2
            if not options.reconnect:
                return 0
            time.sleep(2)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
