import JSON
import Testing

@testable import Drift

@Suite("Trace attributes from metadata")
struct TraceAttributesTests {
    static func decode(_ text: String) throws -> Trace {
        let record = try DocumentReader.decode(Array(text.utf8), file: "t.json") { (root) throws(JSONDecodingError) in
            try TraceDecoder.decode(root, origin: "t.json")
        }
        guard case .trace(let trace) = record else { throw InputError(file: "t.json", message: "not a trace") }
        return trace
    }

    static let call = #"{"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "send_email", "arguments": "{}"}}]}"#

    @Test("a transcript's string metadata members become attributes; numbers, objects and nulls do not")
    func transcriptMetadata() throws {
        let trace = try Self.decode("""
            {"metadata": {"id": "t1", "category": "sysadmin", "family": "kebab", "naming": "kebab-case", "steps": 4, "extra": {"family": "no"}, "note": null},
             "messages": [\(Self.call)]}
            """)
        #expect(trace.attributes == ["id": "t1", "category": "sysadmin", "family": "kebab", "naming": "kebab-case"])
    }

    @Test("top-level tools and task next to messages are read as declarations and the task, and change nothing else")
    func toolsAndTaskAccepted() throws {
        let plain = try Self.decode(#"{"metadata": {"id": "t2"}, "messages": [\#(Self.call)]}"#)
        let declared = try Self.decode("""
            {"metadata": {"id": "t2"}, "task": "Send the report", "messages": [\(Self.call)],
             "tools": [{"type": "function", "function": {"name": "send_email", "description": "Send", "parameters": {"type": "object"}}},
                       {"name": "mail__send", "inputSchema": {"type": "object"}, "annotations": {"destructiveHint": true}}]}
            """)
        #expect(declared.task == "Send the report")
        #expect(declared.tools.count == 2)
        #expect(declared.tools["mail__send"]?.destructive == true)
        var stripped = declared
        stripped.task = plain.task
        stripped.tools = plain.tools
        #expect(stripped == plain)
    }

    @Test("a native trace takes its top-level strings; format and non-strings are not attributes")
    func nativeTrace() throws {
        let trace = try Self.decode("""
            {"format": "drift.trace.v1", "id": "n1", "category": "finance", "comment": "from the lab",
             "steps": [{"tool": "read_file"}], "outcome": {"violated": false}}
            """)
        #expect(trace.attributes == ["id": "n1", "category": "finance", "comment": "from the lab"])
    }

    @Test("a paper-format trace takes its metadata strings")
    func paperTrace() throws {
        let trace = try Self.decode("""
            {"metadata": {"task_id": "rc-01", "category": "research_comms", "source": "paper"},
             "steps": [{"action": {"tool_call": {"tool_name": "web_search", "arguments": {}}}}]}
            """)
        #expect(trace.attributes["source"] == "paper" && trace.attributes["task_id"] == "rc-01")
    }

    @Test("hostile metadata is bounded: 10,000 members keep 64, a 100 KB value is left out, not cut")
    func bounded() throws {
        let members = (0..<10_000).map { #""k\#($0)": "v""# }.joined(separator: ", ")
        let many = try Self.decode(#"{"metadata": {\#(members)}, "messages": [\#(Self.call)]}"#)
        #expect(many.attributes.count == TraceAttributes.maximumCount)
        let huge = String(repeating: "x", count: 100_000)
        let long = try Self.decode(#"{"metadata": {"family": "\#(huge)", "naming": "ok"}, "messages": [\#(Self.call)]}"#)
        #expect(long.attributes == ["naming": "ok"])
        let edge = String(repeating: "é", count: TraceAttributes.maximumValueBytes / 2)
        let exact = try Self.decode(#"{"metadata": {"family": "\#(edge)", "more": "\#(edge)e"}, "messages": [\#(Self.call)]}"#)
        #expect(exact.attributes == ["family": edge])
    }
}
