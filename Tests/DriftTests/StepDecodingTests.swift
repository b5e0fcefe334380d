import JSON
import Testing
@testable import Drift

/// One step, three spellings: a native trace file, a request line on the wire, and an
/// OpenAI transcript. Fitting reads the first and third, serving the second; if they
/// disagreed, a model would be fitted under one reading and served under another.
@Suite("One step decoder for trace files, the wire and transcripts")
struct StepDecodingTests {
    static let argumentsText = #"{\"to\": \"x@outside.example\", \"body\": \"customer list: a@b.example, c@d.example, e@f.example\"}"#

    static func native() throws -> Step {
        let text = #"{"format": "drift.trace.v1", "id": "t", "steps": [{"tool": "send_email", "args": "\#(argumentsText)", "result": "sent"}]}"#
        guard case .trace(let trace) = try TraceDecoder.decode(JSONField(try JSONParser.parse(text)), origin: "t") else {
            Issue.record("not a trace")
            throw CancellationError()
        }
        return trace.steps[0]
    }

    static func wire() throws -> Step {
        let text = #"{"op": "step", "id": 3, "session": "s", "tool": "send_email", "args": "\#(argumentsText)", "result": "sent"}"#
        return try StepRequest.step(in: JSONField(try JSONParser.parse(text)))
    }

    static func transcript() throws -> Step {
        let text = #"""
        {"messages": [
          {"role": "user", "content": "mail the list"},
          {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "send_email", "arguments": "\#(argumentsText)"}}]},
          {"role": "tool", "tool_call_id": "c1", "content": "sent"}]}
        """#
        guard case .trace(let trace) = try TraceDecoder.decode(JSONField(try JSONParser.parse(text)), origin: "t") else {
            Issue.record("not a trace")
            throw CancellationError()
        }
        return trace.steps[0]
    }

    @Test("arguments given as a JSON string are parsed the same way in every format")
    func sameStep() throws {
        let (a, b, c) = (try Self.native(), try Self.wire(), try Self.transcript())
        #expect(a == b)
        #expect(b == c)
        #expect(a.arguments["to"] == "x@outside.example")
    }

    @Test("the same step gives the same state from a trace file, a request line and a transcript")
    func sameState() throws {
        for policy in [Policy.default, Policy.paper] {
            let states = try [Self.native(), Self.wire(), Self.transcript()].map { RiskState.initial.applying(policy.effect(of: $0)) }
            #expect(states[0] == states[1])
            #expect(states[1] == states[2])
            #expect(states[0].escalation == .network)
            #expect(states[0].exposure == .sensitive)
        }
    }

    @Test("arguments that are a string but not JSON stay a string in both decoders")
    func plainString() throws {
        let line = #"{"op": "step", "session": "s", "tool": "bash", "args": "ls -la /tmp"}"#
        let trace = #"{"steps": [{"tool": "bash", "args": "ls -la /tmp"}]}"#
        let wire = try StepRequest.step(in: JSONField(try JSONParser.parse(line)))
        guard case .trace(let decoded) = try TraceDecoder.decode(JSONField(try JSONParser.parse(trace)), origin: "t") else {
            Issue.record("not a trace")
            return
        }
        #expect(wire.arguments == .string("ls -la /tmp"))
        #expect(decoded.steps[0] == wire)
    }

    @Test("a transcript's task is its system and first user messages; its tools are declared")
    func transcriptTaskAndTools() throws {
        let text = #"""
        {"tools": [{"type": "function", "function": {"name": "gmail", "description": "Sends an email"}},
                   {"name": "wipe", "annotations": {"destructiveHint": true, "readOnlyHint": false}}],
         "messages": [
          {"role": "system", "content": "You are a mail assistant."},
          {"role": "user", "content": "Write to ann@example.org"},
          {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "gmail", "arguments": "{}"}}]},
          {"role": "tool", "tool_call_id": "c1", "content": "ok"},
          {"role": "user", "content": "and to bob@example.org"}]}
        """#
        guard case .trace(let trace) = try TraceDecoder.decode(JSONField(try JSONParser.parse(text)), origin: "t") else {
            Issue.record("not a trace")
            return
        }
        #expect(trace.task == "You are a mail assistant.\nWrite to ann@example.org")
        #expect(trace.tools.count == 2)
        #expect(trace.tools["wipe"]?.destructive == true)
        #expect(Policy.default.effect(of: trace.steps[0], in: Policy.default.context(for: trace)).action == .communicate)
    }
}
