"""Tests of drift_client against a fake in-process drift daemon.

Run with:  python3 -m unittest discover -s clients/python

The fake daemon is a socketserver.UnixStreamServer in a thread, listening in a
temporary folder, that speaks enough of drift's wire protocol (newline-delimited
JSON) to exercise the client: id echo, errors, pushed alert events, replies
written in small pieces, OpenAI-shaped steps.
"""

import json
import os
import shutil
import socket
import socketserver
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from drift_client import DriftClient, DriftError  # noqa: E402

LEVELS = ["SAFE", "MILD", "ELEVATED", "CRITICAL", "VIOLATED"]
RISKY_TOOLS = {"send_email": "CRITICAL", "read_file": "MILD"}


class FakeDriftHandler(socketserver.StreamRequestHandler):
    """One connection to the fake daemon: reads request lines, writes replies."""

    def setup(self):
        """Register the connection's write lock and subscription state."""
        super().setup()
        self.write_lock = threading.Lock()
        self.subscription = None

    def send(self, obj):
        """Write one JSON line, whole or in small pieces (server.split_replies)."""
        data = json.dumps(obj).encode("utf-8") + b"\n"
        with self.write_lock:
            if self.server.split_replies:
                for start in range(0, len(data), 7):
                    self.wfile.write(data[start:start + 7])
                    self.wfile.flush()
                    time.sleep(0.002)
            else:
                self.wfile.write(data)
                self.wfile.flush()

    def handle(self):
        """Serve request lines until the client hangs up."""
        try:
            for raw in self.rfile:
                line = raw.strip()
                if not line:
                    continue
                try:
                    request = json.loads(line.decode("utf-8"))
                except ValueError:
                    self.send({"ok": False, "error": {"code": "bad_json", "message": "not JSON"}})
                    continue
                self.server.requests.append(request)
                if request.get("op") == "hangup":
                    return
                reply = self.answer(request)
                if reply is not None:
                    if "id" in request and "id" not in reply:
                        reply["id"] = request["id"]
                    self.send(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self.server.lock:
                if self in self.server.subscribers:
                    self.server.subscribers.remove(self)

    def error(self, code, message):
        """An ok:false reply."""
        return {"ok": False, "error": {"code": code, "message": message}}

    def assessment(self, session):
        """The fake assessment of a session."""
        record = self.server.sessions[session]
        p = {"SAFE": 0.05, "MILD": 0.3, "ELEVATED": 0.5, "CRITICAL": 0.8, "VIOLATED": 1.0}[record["risk"]]
        return {"ok": True, "session": session, "step": record["steps"], "risk": record["risk"],
                "p_violation": p, "horizon": 5, "p": {"1": p / 2, "5": p},
                "steps_to_violation": {"expected": 3.0, "median": 3}, "alert": p >= 0.7,
                "evidence": []}

    def answer(self, request):
        """Compute the reply to one request (None: no reply)."""
        op = request.get("op")
        server = self.server
        if op == "hello":
            return {"ok": True, "op": "hello", "drift": "0.1.0", "protocol": 1}
        if op == "stale":
            # A reply to an older request that the client gave up on arrives
            # first; the client must skip it.
            self.send({"ok": True, "id": -1, "stale": True})
            return {"ok": True, "fresh": True}
        if op == "noid":
            self.send(self.error("line_too_long", "line exceeds 1048576 bytes"))
            return None
        if op == "start":
            server.sessions[request["session"]] = {"steps": 0, "risk": "SAFE",
                                                   "category": request.get("category")}
            return {"ok": True, "session": request["session"]}
        if op in ("step", "check"):
            session = request.get("session")
            if not session:
                return self.error("missing_field", "session is required")
            if "tool_call" in request:
                function = request["tool_call"]["function"]
                if not isinstance(function.get("arguments"), str):
                    return self.error("bad_field", "tool_call.function.arguments must be a JSON string")
                tool = function["name"]
                args = json.loads(function["arguments"])
            else:
                tool = request.get("tool")
                args = request.get("args")
                if not tool:
                    return self.error("missing_field", "tool is required")
            record = server.sessions.setdefault(session, {"steps": 0, "risk": "SAFE", "category": None})
            new_risk = max(record["risk"], RISKY_TOOLS.get(tool, "SAFE"), key=LEVELS.index)
            if op == "check":
                saved = dict(record)
                record["risk"] = new_risk
                reply = self.assessment(session)
                server.sessions[session] = saved
                reply["flag"] = new_risk in ("CRITICAL", "VIOLATED")
                reply["would_alert"] = reply["alert"]
                reply["tool"] = tool
                reply["args"] = args
                return reply
            rose = LEVELS.index(new_risk) > LEVELS.index(record["risk"])
            record["steps"] += 1
            record["risk"] = new_risk
            reply = self.assessment(session)
            reply["tool"] = tool
            reply["args"] = args
            if rose:
                self.broadcast({"event": "alert", "session": session, "step": record["steps"],
                                "tool": tool, "risk": new_risk, "p_violation": reply["p_violation"],
                                "horizon": 5, "steps_to_violation": {"expected": 3.0, "median": 3},
                                "rule": "fake", "evidence": [], "reason": "level_rose"})
            return reply
        if op == "query":
            if request.get("session") not in server.sessions:
                return self.error("unknown_session", "no session %r" % request.get("session"))
            return self.assessment(request["session"])
        if op == "end":
            record = server.sessions.pop(request.get("session"), None)
            if record is None:
                return self.error("unknown_session", "no session %r" % request.get("session"))
            return {"ok": True, "session": request["session"], "steps": record["steps"], "alerts": 0}
        if op == "stats":
            return {"ok": True, "sessions": len(server.sessions)}
        if op == "reload":
            return self.error("reload_failed", "policy.json:3: bad level")
        if op == "subscribe":
            self.subscription = request
            with server.lock:
                server.subscribers.append(self)
            return {"ok": True, "subscribed": True}
        return self.error("unknown_op", "unknown op %r" % op)

    def broadcast(self, event):
        """Push an alert to every subscribed connection whose filters match."""
        with self.server.lock:
            targets = list(self.server.subscribers)
        for handler in targets:
            wanted = handler.subscription or {}
            if wanted.get("session") and wanted["session"] != event["session"]:
                continue
            if wanted.get("min_level") and LEVELS.index(event["risk"]) < LEVELS.index(wanted["min_level"]):
                continue
            try:
                handler.send(event)
            except OSError:
                pass


class FakeDrift(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """The fake daemon: shared sessions and subscribers, a record of requests."""

    daemon_threads = True

    def __init__(self, path):
        """Bind to path; nothing is served until serve_forever runs."""
        self.sessions = {}
        self.subscribers = []
        self.requests = []
        self.lock = threading.Lock()
        self.split_replies = False
        super().__init__(path, FakeDriftHandler)


class DriftClientTest(unittest.TestCase):
    """The client against the fake daemon, one fresh daemon per test."""

    def setUp(self):
        """Start a fake daemon on a socket in a new temporary folder."""
        self.folder = tempfile.mkdtemp(prefix="drift-client-test-")
        self.path = os.path.join(self.folder, "drift.sock")
        self.server = FakeDrift(self.path)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True
        self.thread.start()
        self.client = DriftClient(self.path, timeout=5)

    def tearDown(self):
        """Close the client, stop the daemon, remove the folder."""
        self.client.close()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
        shutil.rmtree(self.folder, ignore_errors=True)

    def test_hello(self):
        reply = self.client.hello()
        self.assertEqual(reply["protocol"], 1)
        self.assertEqual(reply["drift"], "0.1.0")

    def test_ids_increase_and_are_echoed(self):
        first = self.client.hello()
        second = self.client.stats()
        self.assertEqual(first["id"], 1)
        self.assertEqual(second["id"], 2)
        self.assertEqual([r["id"] for r in self.server.requests], [1, 2])

    def test_reply_with_another_id_is_skipped(self):
        reply = self.client.request("stale")
        self.assertTrue(reply["fresh"])
        self.assertEqual(reply["id"], 1)
        # The connection is still in step afterwards.
        self.assertEqual(self.client.hello()["id"], 2)

    def test_error_without_id_is_ours(self):
        with self.assertRaises(DriftError) as caught:
            self.client.request("noid")
        self.assertEqual(caught.exception.code, "line_too_long")

    def test_none_fields_are_left_out(self):
        self.client.start("s1")
        self.assertNotIn("category", self.server.requests[-1])
        self.client.step("s1", "list_dir")
        sent = self.server.requests[-1]
        for key in ("args", "result", "category", "error"):
            self.assertNotIn(key, sent)
        self.client.step("s1", "list_dir", args={"path": "."}, result="a b", category="c", error=True)
        sent = self.server.requests[-1]
        self.assertEqual(sent["args"], {"path": "."})
        self.assertEqual(sent["result"], "a b")
        self.assertEqual(sent["category"], "c")
        self.assertIs(sent["error"], True)

    def test_ok_false_raises_drift_error_and_connection_stays_usable(self):
        with self.assertRaises(DriftError) as caught:
            self.client.query("nobody")
        self.assertEqual(caught.exception.code, "unknown_session")
        self.assertIn("nobody", caught.exception.message)
        self.assertFalse(caught.exception.reply["ok"])
        with self.assertRaises(DriftError) as caught:
            self.client.request("step", tool="x")
        self.assertEqual(caught.exception.code, "missing_field")
        with self.assertRaises(DriftError) as caught:
            self.client.reload()
        self.assertEqual(caught.exception.code, "reload_failed")
        with self.assertRaises(DriftError) as caught:
            self.client.request("frobnicate")
        self.assertEqual(caught.exception.code, "unknown_op")
        self.assertTrue(self.client.hello()["ok"])

    def test_step_check_query_end(self):
        self.client.start("run-42", category="research_comms")
        self.assertEqual(self.server.requests[-1]["category"], "research_comms")
        reply = self.client.step("run-42", "read_file", args={"path": "notes.txt"}, result="...")
        self.assertEqual(reply["risk"], "MILD")
        self.assertEqual(reply["step"], 1)
        verdict = self.client.check("run-42", "send_email", args={"to": "x@example.com"})
        self.assertTrue(verdict["flag"])
        self.assertEqual(verdict["risk"], "CRITICAL")
        # check changed nothing
        self.assertEqual(self.client.query("run-42")["risk"], "MILD")
        self.assertFalse(self.client.check("run-42", "list_dir")["flag"])
        summary = self.client.end("run-42", violated=False)
        self.assertEqual(summary["steps"], 1)
        self.assertEqual(self.server.requests[-1]["outcome"], {"violated": False})

    def test_start_sends_task_and_tools(self):
        tools = [{"name": "gmail_send", "annotations": {"destructiveHint": False}}]
        self.client.start("t", task="Reply to ann@example.org", tools=tools)
        sent = self.server.requests[-1]
        self.assertEqual(sent["task"], "Reply to ann@example.org")
        self.assertEqual(sent["tools"], tools)
        self.client.start("u")
        for key in ("task", "tools"):
            self.assertNotIn(key, self.server.requests[-1])

    def test_end_outcome(self):
        self.client.start("a")
        self.client.end("a")
        self.assertNotIn("outcome", self.server.requests[-1])
        self.client.start("b")
        self.client.end("b", violated=True, violation_step=3)
        self.assertEqual(self.server.requests[-1]["outcome"], {"violated": True, "violation_step": 3})

    def test_reply_split_across_many_recvs(self):
        self.server.split_replies = True
        calls = []
        real_recv = self.client._sock.recv

        def counting_recv(size):
            data = real_recv(size)
            calls.append(len(data))
            return data

        self.client._sock = _RecvProxy(self.client._sock, counting_recv)
        reply = self.client.step("s", "read_file", args={"path": "/etc/hosts"}, result="x" * 200)
        self.assertEqual(reply["risk"], "MILD")
        self.assertEqual(reply["args"], {"path": "/etc/hosts"})
        self.assertGreater(len(calls), 3, "the reply should have arrived in several pieces")
        # and the next reply too, with the buffer left clean
        self.assertEqual(self.client.hello()["id"], 2)

    def test_several_lines_in_one_recv(self):
        self.client._sock.sendall(b'{"op":"hello","id":1}\n{"op":"stats","id":2}\n')
        self.client._next_id = 1
        time.sleep(0.1)
        # Both replies are likely in the socket buffer now; the first request
        # call reads both and must keep the second for the next call.
        self.client._send({"op": "hello", "id": 3})
        self.assertEqual(self.client._read_message()["id"], 1)
        self.assertEqual(self.client._read_message()["id"], 2)
        self.assertEqual(self.client._read_message()["id"], 3)

    def test_alerts_interleaved_with_replies_are_buffered_for_subscribe(self):
        self.client.subscribe(min_level="MILD")
        # Each step that raises the level makes the daemon push an alert on
        # this connection before the step's reply.
        first = self.client.step("run-1", "read_file", args={"path": "secrets.txt"})
        second = self.client.step("run-1", "send_email", args={"to": "x@example.com"})
        self.assertEqual(first["risk"], "MILD")
        self.assertEqual(second["risk"], "CRITICAL")
        self.assertNotIn("event", first)
        self.assertNotIn("event", second)
        alerts = self.client.pending_alerts()
        self.assertEqual([a["risk"] for a in alerts], ["MILD", "CRITICAL"])
        self.assertEqual(self.client.pending_alerts(), [])

    def test_subscribe_yields_buffered_then_live_alerts(self):
        stream = self.client.subscribe()
        self.client.step("run-2", "read_file", args={"path": "a"})
        other = DriftClient(self.path, timeout=5)
        try:
            other.step("run-2", "send_email", args={"to": "y@example.com"})
        finally:
            other.close()
        first = next(stream)
        second = next(stream)
        self.assertEqual((first["event"], first["session"], first["risk"]), ("alert", "run-2", "MILD"))
        self.assertEqual((second["tool"], second["risk"]), ("send_email", "CRITICAL"))
        self.assertEqual(second["reason"], "level_rose")

    def test_subscribe_filters_are_sent(self):
        self.client.subscribe(min_level="ELEVATED", category="research_comms", session="run-9")
        sent = self.server.requests[-1]
        self.assertEqual(sent["op"], "subscribe")
        self.assertEqual(sent["min_level"], "ELEVATED")
        self.assertEqual(sent["category"], "research_comms")
        self.assertEqual(sent["session"], "run-9")

    def test_subscribe_stream_ends_when_daemon_hangs_up(self):
        stream = self.client.subscribe()
        self.client._send({"op": "hangup"})
        self.assertEqual(list(stream), [])

    def test_request_after_hangup_raises_connection_error(self):
        self.client._send({"op": "hangup"})
        with self.assertRaises(ConnectionError):
            self.client.hello()

    def test_step_openai_forwards_string_arguments_untouched(self):
        arguments = '{"to": "x@example.com", "body": "caf\\u00e9 \\u2713"}'
        tool_call = {"id": "call_abc123", "type": "function",
                     "function": {"name": "send_email", "arguments": arguments}}
        reply = self.client.step_openai("run-7", tool_call, "sent", category="research_comms")
        sent = self.server.requests[-1]
        self.assertEqual(sent["op"], "step")
        self.assertEqual(sent["tool_call"], tool_call)
        self.assertIsInstance(sent["tool_call"]["function"]["arguments"], str)
        self.assertEqual(sent["tool_call"]["function"]["arguments"], arguments)
        self.assertEqual(sent["tool_result"], {"tool_call_id": "call_abc123", "content": "sent"})
        self.assertEqual(sent["category"], "research_comms")
        self.assertNotIn("tool", sent)
        self.assertEqual(reply["tool"], "send_email")
        self.assertEqual(reply["args"], {"to": "x@example.com", "body": "caf\u00e9 \u2713"})

    def test_context_manager_and_default_path(self):
        old = os.environ.get("DRIFT_SOCKET")
        os.environ["DRIFT_SOCKET"] = self.path
        try:
            with DriftClient(timeout=5) as drift:
                self.assertTrue(drift.connected)
                self.assertEqual(drift.path, self.path)
                self.assertTrue(drift.hello()["ok"])
            self.assertFalse(drift.connected)
        finally:
            if old is None:
                del os.environ["DRIFT_SOCKET"]
            else:
                os.environ["DRIFT_SOCKET"] = old

    def test_unicode_round_trip(self):
        reply = self.client.step("s\u00e9", "read_file", args={"path": "\u00fcber/\u6587\u4ef6.txt"})
        self.assertEqual(reply["session"], "s\u00e9")
        self.assertEqual(reply["args"]["path"], "\u00fcber/\u6587\u4ef6.txt")

    def test_oversized_request_is_refused_locally(self):
        with self.assertRaises(ValueError):
            self.client.step("s", "write_file", args={"data": "x" * (1 << 20)})
        self.assertTrue(self.client.hello()["ok"])

    def test_connect_to_missing_socket(self):
        with self.assertRaises(OSError):
            DriftClient(os.path.join(self.folder, "nothing.sock"))


class _RecvProxy:
    """A socket stand-in whose recv is replaced; everything else passes through."""

    def __init__(self, sock, recv):
        self._sock = sock
        self.recv = recv

    def __getattr__(self, name):
        return getattr(self._sock, name)


if __name__ == "__main__":
    unittest.main()
