"""A small client for the drift daemon.

drift is a safety-drift monitor for LLM agents: an agent framework streams each
step of a running agent to ``drift serve`` over a Unix socket, and the daemon
answers with the risk that the session reaches a policy violation within the
next few steps. This module speaks the daemon's wire protocol: newline-delimited
JSON over a Unix stream socket, one object per line, UTF-8.

Standard library only (``socket``, ``json``); Python 3.8 or later. Copy this one
file into a project, or put its folder on ``sys.path``.

Example::

    from drift_client import DriftClient, DriftError

    with DriftClient("/run/drift/drift.sock") as drift:
        drift.start("run-42", category="research_comms")
        verdict = drift.check("run-42", "send_email", args={"to": "x@example.com"})
        if verdict["flag"]:
            print("refused:", verdict["risk"], verdict.get("rule"))
        else:
            drift.step("run-42", "send_email", args={"to": "x@example.com"}, result="sent")
        drift.end("run-42", violated=False)

A client object is not thread-safe: use one per thread (connections are cheap),
and a separate one for ``subscribe`` if another thread sends steps.
"""

import collections
import json
import os
import socket

__all__ = ["DriftClient", "DriftError", "DEFAULT_SOCKET", "MAX_LINE"]

__version__ = "0.1.0"

#: Where the system service listens (drift.socket); overridden by $DRIFT_SOCKET.
DEFAULT_SOCKET = "/run/drift/drift.sock"

#: The daemon's maximum request line, in bytes (including the newline).
MAX_LINE = 1 << 20

# A reply may be larger than a request (evidence lists); refuse to buffer more
# than this without a newline, so that a broken peer cannot exhaust memory.
_MAX_REPLY = 64 << 20


class DriftError(Exception):
    """The daemon answered ``{"ok": false, "error": {...}}``.

    Attributes:
        code: the machine-readable error code, e.g. ``"unknown_session"``,
            ``"missing_field"``, ``"bad_json"``, ``"denied"``.
        message: the human-readable explanation from the daemon.
        reply: the whole reply object, for fields beyond code and message.
    """

    def __init__(self, code, message, reply=None):
        """Create the error from a code, a message and the reply it came in."""
        super().__init__("%s: %s" % (code, message))
        self.code = code
        self.message = message
        self.reply = reply if reply is not None else {}


class DriftClient:
    """One connection to the drift daemon.

    Requests are synchronous: :meth:`request` sends one line and reads lines
    until the reply carrying the same ``id`` arrives. Alert events that the
    daemon pushes on a subscribed connection (lines with an ``"event"`` key)
    may arrive in between; they are kept, in order, for :meth:`subscribe` and
    :meth:`pending_alerts`, never mistaken for replies.

    Use it as a context manager, or call :meth:`connect` and :meth:`close`.
    """

    def __init__(self, path=None, timeout=None):
        """Prepare a client; connect at once when ``path`` is given.

        Args:
            path: the daemon's socket path. ``None`` means: do not connect yet
                (call :meth:`connect`, or use the client in a ``with``
                statement, which connects to $DRIFT_SOCKET or
                :data:`DEFAULT_SOCKET`).
            timeout: seconds to wait for the daemon on each socket operation,
                or ``None`` to wait forever. A timeout raises
                ``socket.timeout`` (``TimeoutError`` on Python 3.10+).
        """
        self.path = path
        self.timeout = timeout
        self._sock = None
        self._buffer = bytearray()
        self._next_id = 1
        self._alerts = collections.deque()
        if path is not None:
            self.connect(path)

    # -- connection ----------------------------------------------------------

    def connect(self, path=None):
        """Connect to the daemon's Unix socket and return ``self``.

        Args:
            path: the socket path; defaults to the path given to the
                constructor, then $DRIFT_SOCKET, then :data:`DEFAULT_SOCKET`.

        Raises:
            OSError: the socket is missing (``FileNotFoundError``), not
                accessible (``PermissionError``: join group ``drift``) or
                nobody listens (``ConnectionRefusedError``).
        """
        if self._sock is not None:
            self.close()
        path = path or self.path or os.environ.get("DRIFT_SOCKET") or DEFAULT_SOCKET
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect(path)
        except BaseException:
            sock.close()
            raise
        self.path = path
        self._sock = sock
        self._buffer = bytearray()
        return self

    def close(self):
        """Close the connection (idempotent). The daemon forgets this
        connection's subscription; sessions live on until ended."""
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None

    @property
    def connected(self):
        """True while the client holds an open connection."""
        return self._sock is not None

    def __enter__(self):
        """Connect if not connected yet, and return the client."""
        if self._sock is None:
            self.connect()
        return self

    def __exit__(self, exc_type, exc, tb):
        """Close the connection; exceptions propagate."""
        self.close()
        return False

    # -- the line protocol ---------------------------------------------------

    def _send(self, obj):
        """Encode one object as a JSON line and send all of it."""
        if self._sock is None:
            raise ConnectionError("not connected to drift (call connect())")
        data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        if len(data) > MAX_LINE:
            raise ValueError("request is %d bytes; drift accepts lines up to %d" % (len(data), MAX_LINE))
        self._sock.sendall(data)

    def _read_message(self):
        """Read the next JSON line from the daemon and decode it.

        Returns ``None`` when the daemon closed the connection cleanly between
        lines. Handles lines split across any number of ``recv`` calls and
        several lines arriving in one.
        """
        if self._sock is None:
            raise ConnectionError("not connected to drift (call connect())")
        while True:
            newline = self._buffer.find(b"\n")
            if newline >= 0:
                line = bytes(self._buffer[:newline])
                del self._buffer[: newline + 1]
                if not line.strip():
                    continue
                try:
                    return json.loads(line.decode("utf-8"))
                except ValueError as error:
                    raise DriftError("bad_reply", "drift sent a line that is not JSON: %s" % error)
            if len(self._buffer) > _MAX_REPLY:
                raise DriftError("bad_reply", "drift sent more than %d bytes without a newline" % _MAX_REPLY)
            chunk = self._sock.recv(65536)
            if not chunk:
                if self._buffer.strip():
                    raise ConnectionError("drift closed the connection in the middle of a line")
                return None
            self._buffer += chunk

    def request(self, op, **fields):
        """Send one request and return its reply.

        The request gets the next ``id`` of this connection (1, 2, 3, ...); the
        reply echoing that ``id`` is returned. Alert events read while waiting
        are buffered for :meth:`subscribe` / :meth:`pending_alerts`. Fields
        whose value is ``None`` are left out.

        Args:
            op: the operation, e.g. ``"step"``.
            **fields: the request's other fields.

        Returns:
            The reply as a dict (``reply["ok"]`` is True).

        Raises:
            DriftError: the daemon answered ``ok: false``.
            ConnectionError: the daemon closed the connection first.
        """
        request_id = self._next_id
        self._next_id += 1
        message = {"op": op, "id": request_id}
        for key, value in fields.items():
            if value is not None:
                message[key] = value
        self._send(message)
        while True:
            reply = self._read_message()
            if reply is None:
                raise ConnectionError("drift closed the connection before answering %r" % op)
            if not isinstance(reply, dict):
                raise DriftError("bad_reply", "drift sent a line that is not an object: %r" % (reply,))
            if "event" in reply:
                self._alerts.append(reply)
                continue
            # A reply without an id answers a line the daemon could not read
            # far enough to find ours (bad_json, line_too_long): since this
            # client has one request in flight at a time, it is ours. A reply
            # with another id is a stale one (a request given up on after a
            # timeout) and is skipped.
            if "id" in reply and reply["id"] != request_id:
                continue
            if not reply.get("ok", False):
                error = reply.get("error") or {}
                raise DriftError(error.get("code", "unknown"), error.get("message", ""), reply)
            return reply

    # -- operations ----------------------------------------------------------

    def hello(self):
        """Ask the daemon who it is: ``{"drift": "0.1.0", "protocol": 1, ...}``."""
        return self.request("hello")

    def start(self, session, category=None, task=None, tools=None):
        """Open a session (optional: a first ``step`` opens it too).

        Args:
            session: the session's name, e.g. the agent run's id.
            category: the task category whose model applies, e.g.
                ``"research_comms"``; the pooled model when omitted.
            task: the user's instruction (and system prompt): the trusted text
                that the targets of later actions (recipients, accounts, URLs)
                are traced to. A recipient the task names is TASK; one that
                first appeared in a tool result is UNTRUSTED, or INSTRUCTED if
                that result addressed instructions to the agent.
            tools: the agent's declared tools, in the OpenAI function-tool
                shape or as MCP ``tools/list`` entries (name, description,
                ``annotations`` with ``readOnlyHint``, ``destructiveHint``...);
                declarations beat drift's reading of tool names.

        Task and tools apply only to a session with no steps yet.
        """
        return self.request("start", session=session, category=category, task=task, tools=tools)

    def step(self, session, tool, args=None, result=None, category=None, error=False):
        """Report a tool call the agent has made, and get the new assessment.

        Args:
            session: the session's name.
            tool: the tool's name, e.g. ``"send_email"``.
            args: the tool's arguments (a dict), if any.
            result: what the tool returned (a string, usually).
            category: the task category (only needed on a session's first step).
            error: True when the call failed.

        Returns:
            The assessment: ``step``, ``risk`` (SAFE ... VIOLATED), ``state``,
            ``rule``, ``p_violation`` at ``horizon``, ``p`` per horizon,
            ``steps_to_violation``, ``alert`` and ``evidence``.
        """
        return self.request("step", session=session, category=category, tool=tool,
                            args=args, result=result, error=True if error else None)

    def check(self, session, tool, args=None, result=None, category=None, error=False):
        """Assess a *proposed* tool call without changing the session.

        Same arguments as :meth:`step`; call it before running the tool. The
        reply is the assessment the step would produce, plus ``flag`` (True
        when the step would reach VIOLATED or push ``p_violation`` to the
        alert threshold or above) and ``would_alert``.
        """
        return self.request("check", session=session, category=category, tool=tool,
                            args=args, result=result, error=True if error else None)

    def step_openai(self, session, tool_call, result, category=None, error=False):
        """Report a tool call in OpenAI's shape, forwarded as-is.

        Args:
            session: the session's name.
            tool_call: one entry of an assistant message's ``tool_calls``:
                ``{"id": ..., "type": "function", "function": {"name": ...,
                "arguments": "<JSON string>"}}``. The daemon decodes the
                string-encoded arguments; this method does not touch them.
            result: the tool's output, sent as the ``content`` of a
                ``tool_result`` that names the call's id.
            category: the task category (only needed on a session's first step).
            error: True when the call failed.
        """
        tool_result = {"tool_call_id": tool_call.get("id"), "content": result}
        return self.request("step", session=session, category=category, tool_call=tool_call,
                            tool_result=tool_result, error=True if error else None)

    def end(self, session, violated=None, violation_step=None):
        """Close a session, optionally telling the daemon how it really ended.

        Args:
            session: the session's name.
            violated: True or False when the true outcome is known.
            violation_step: the 0-based index of the violating step, if any.

        Returns:
            ``{"session": ..., "steps": ..., "alerts": ...}``.
        """
        outcome = {}
        if violated is not None:
            outcome["violated"] = bool(violated)
        if violation_step is not None:
            outcome["violation_step"] = int(violation_step)
        return self.request("end", session=session, outcome=outcome or None)

    def query(self, session):
        """Return a session's current assessment (same fields as :meth:`step`)."""
        return self.request("query", session=session)

    def stats(self):
        """Return the daemon's counters (sessions, steps, alerts, ...)."""
        return self.request("stats")

    def reload(self):
        """Ask the daemon to reload its model and policy (like SIGHUP).

        Raises:
            DriftError: code ``reload_failed`` when the new files do not load;
                the daemon keeps the old ones.
        """
        return self.request("reload")

    def subscribe(self, min_level=None, category=None, session=None):
        """Subscribe this connection to alerts and return an iterator over them.

        The subscription is sent at once; the iterator then yields each alert
        as a dict: ``{"event": "alert", "session", "step", "tool", "risk",
        "p_violation", "horizon", "steps_to_violation", "rule", "evidence",
        "reason"}``. Alerts that arrived while other requests on this
        connection were waiting for their replies come first. The iterator
        ends when the daemon closes the connection; it blocks between alerts
        (or raises ``socket.timeout`` if the client has a timeout).

        Args:
            min_level: only alerts at this level or above, e.g. ``"ELEVATED"``.
            category: only alerts of sessions in this category.
            session: only alerts of this session.
        """
        self.request("subscribe", min_level=min_level, category=category, session=session)
        return self._alert_stream()

    def _alert_stream(self):
        """Yield buffered alerts, then alerts as they arrive."""
        while True:
            while self._alerts:
                yield self._alerts.popleft()
            message = self._read_message()
            if message is None:
                return
            if isinstance(message, dict) and "event" in message:
                yield message
            # Anything else is a reply to a request given up on: skip it.

    def pending_alerts(self):
        """Return (and forget) the alerts buffered so far, without blocking."""
        alerts = list(self._alerts)
        self._alerts.clear()
        return alerts
