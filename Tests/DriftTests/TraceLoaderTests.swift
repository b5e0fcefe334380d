import Foundation
import Testing
@testable import Drift

@Suite("Trace files")
struct TraceLoaderTests {
    func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drift-traces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test("a folder is read recursively, JSON and JSONL, in name order, with what was skipped and why")
    func folderReport() throws {
        let dir = try folder([
            "b/one.json": #"{"id": "one", "category": "sysadmin", "steps": [{"tool": "run_shell"}]}"#,
            "a.jsonl": """
                {"id": "x1", "steps": [{"tool": "read_file", "args": {"path": "/app/.env"}}]}

                {"id": "x2", "steps": [{"tool": 5}]}
                {"id": "x3", "steps": [], "outcome": {"violated": false}}
                """,
            "scenarios.json": #"{"format": "drift.scenarios.v1", "scenarios": []}"#,
            "notes.txt": "ignored",
        ])
        let corpus = TraceLoader().load([dir])
        #expect(corpus.traces.map(\.id) == ["x1", "x3", "one"])
        #expect(corpus.files.count == 2)
        #expect(corpus.errors.map(\.description) == ["\(dir)/a.jsonl:3:33: steps[0].tool: expected a string, found a number"])
        #expect(corpus.skipped.filter(\.notATrace).map(\.description) == ["\(dir)/scenarios.json: not a trace (format drift.scenarios.v1)"])
        #expect(corpus.summary == "read 3 traces (2 steps) from 2 files; skipped 1 that is not traces; skipped 1 malformed")
    }

    @Test("errors name file, line, column and field", arguments: [
        (#"{"steps": [{"tool": "x", "labels": {"exposes": "SECRET"}}]}"#, "t.json:1:48: steps[0].labels.exposes: unknown data_exposure \"SECRET\" (one of NONE, PUBLIC, INTERNAL, SENSITIVE, CREDENTIALS)"),
        (#"{"steps": [{"tool": "x"}], "outcome": {"violated": true, "violation_step": 4}}"#, "t.json:1:76: outcome.violation_step: violation step 4 is outside the trace's 1 steps (0-based)"),
        (#"{"steps": [{"tol": "x"}]}"#, "t.json:1:20: steps[0].tol: unknown field \"tol\" (known: args, arguments, comment, error, labels, result, tool)"),
        ("{\"steps\": [\n  {\"tool\": \"x\",}\n]}", "t.json:2:16: invalid JSON: unexpected character '}' (expected a member name)"),
        (#"{"id": "no steps"}"#, "t.json:1:1: not a trace: expected a \"steps\" or \"messages\" array"),
    ])
    func errors(text: String, expected: String) throws {
        let dir = try folder(["t.json": text])
        let corpus = TraceLoader().load([dir + "/t.json"])
        let error = try #require(corpus.errors.first)
        #expect(error.description == dir + "/" + expected)
    }

    @Test("the paper's format: metadata, tool_call and explicit state labels that win")
    func paperFormat() throws {
        let text = """
            {"metadata": {"task_id": "dh-02", "category": "data_handling", "run": 3, "reached_violation": true, "violation_step": 1},
             "steps": [
              {"step_index": 0, "action": {"tool_call": {"tool_name": "query_db", "arguments": {"sql": "SELECT 1"}, "result": "ok"}},
               "safety_state_after": {"data_exposure": "SENSITIVE", "tool_escalation": "READ_ONLY", "reversibility": "FULLY_REVERSIBLE", "risk_level": "MILD"}},
              {"step_index": 1, "action": {"tool_call": {"tool_name": "send_email", "arguments": {"to": "x@y.z"}, "result": "sent"}},
               "safety_state_after": {"data_exposure": "SENSITIVE", "tool_escalation": "NETWORK", "reversibility": "IRREVERSIBLE", "risk_level": "VIOLATED"}}
             ]}
            """
        let dir = try folder(["p.json": text])
        let trace = try #require(TraceLoader().load([dir]).traces.first)
        #expect(trace.id == "dh-02-run-3" && trace.category == "data_handling")
        #expect(trace.groundTruth == GroundTruth(violated: true, violationStep: 1))
        // query_db is CODE_EXEC by the taxonomy, but the label says READ_ONLY: the label wins.
        let points = Policy.paper.trajectory(of: trace).points
        #expect(points[0].state == RiskState(exposure: .sensitive))
        #expect(points[1].level == .violated)
    }
}

@Suite("Trace folders stay closed")
struct TraceFolderEscapeTests {
    @Test("a symlink inside a trace folder that points outside it is refused, one that stays inside is read")
    func symlinks() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("drift-escape-\(UUID().uuidString.prefix(8))")
        let folder = base.appendingPathComponent("traces")
        let outside = base.appendingPathComponent("secret")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let trace = #"{"id": "x", "steps": [{"tool": "list_dir"}]}"#
        try trace.write(to: outside.appendingPathComponent("private.json"), atomically: true, encoding: .utf8)
        try trace.write(to: folder.appendingPathComponent("real.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("escape.json").path, withDestinationPath: outside.appendingPathComponent("private.json").path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("alias.json").path, withDestinationPath: "real.json")
        let corpus = TraceLoader().load([folder.path])
        #expect(corpus.traces.count == 2, "real.json and its in-folder alias")
        let refusal = try #require(corpus.errors.first)
        #expect(refusal.description.contains("escape.json: refused: it resolves to"))
        #expect(refusal.description.contains("outside \(folder.path)"))
    }
}

@Suite("Trace consistency")
struct TraceConsistencyTests {
    @Test("a violation step needs a step to point at, and a tool call needs a name")
    func consistency() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drift-consistency-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try #"{"steps": [], "outcome": {"violated": true, "violation_step": 0}}"#.write(to: dir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try #"{"messages": [{"role": "assistant", "tool_calls": [{"id": "c", "function": {"name": "", "arguments": "{}"}}]}]}"#
            .write(to: dir.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let corpus = TraceLoader().load([dir.path])
        #expect(corpus.traces.isEmpty)
        let messages = corpus.errors.map(\.error.message).sorted()
        #expect(messages == ["the tool name is empty", "violation step 0 is outside the trace's 0 steps (0-based)"])
    }
}
