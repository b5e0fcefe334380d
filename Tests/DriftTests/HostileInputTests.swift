import Foundation
import JSON
import Testing

@testable import Drift

/// JSON text that no decoder may accept, each with what it attacks. Every one is a
/// parse error, so wherever it is placed in a document the document is an error.
enum HostileJSON {
    static let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    static let deepObjects = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
    static let fragments: [(name: String, text: String)] = [
        ("1e400", "1e400"),
        ("10^1000", "1" + String(repeating: "0", count: 1000)),
        ("NaN", "NaN"),
        ("Infinity", "-Infinity"),
        ("100k nested arrays", deep),
        ("100k nested objects", deepObjects),
        ("a raw control character", "\"a\u{01}b\""),
        ("a raw newline in a string", "\"a\nb\""),
        ("a duplicate key", #"{"k": 1, "k": 2}"#),
        ("an unpaired surrogate", #""\udead""#),
        ("a trailing comma", "[1,]"),
    ]

    /// The fragments as bytes, and a string cut inside the UTF-8 of its last character.
    static var fragmentBytes: [(name: String, bytes: [UInt8])] {
        fragments.map { ($0.name, Array($0.text.utf8)) } + [("truncated UTF-8", Array("\"caf".utf8) + [0xC3] + Array("\"".utf8))]
    }

    /// `template` with its `@` replaced by `fragment`.
    static func embed(_ fragment: [UInt8], in template: String) -> [UInt8] {
        let parts = template.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        return Array(parts[0].utf8) + fragment + Array(parts[1].utf8)
    }
}

/// Hostile input for everything in Drift that reads bytes from outside: the trace
/// decoder (native, paper and OpenAI formats), live step requests, policies, model
/// files and the content scanner. Each must answer with an error value, never a crash.
/// The libFuzzer targets in Fuzz/ explore the same ground without a budget; the inputs
/// they found are replayed here from Fuzz/regressions/.
@Suite("Hostile input")
struct HostileInputTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func decodeTrace(_ bytes: [UInt8], defaults: TraceDefaults = TraceDefaults()) -> Result<TraceDecoder.Record, InputError> {
        do {
            return .success(try DocumentReader.decode(bytes, file: "t.json") { (root) throws(JSONDecodingError) in
                try TraceDecoder.decode(root, origin: "t.json", defaults: defaults)
            })
        } catch {
            return .failure(error)
        }
    }

    /// One document per format, with `@` where a hostile value goes.
    static let traceTemplates = [
        #"{"format": "drift.trace.v1", "id": "n", "steps": [{"tool": "read_file", "args": @}]}"#,
        #"{"steps": [{"tool": "read_file", "args": {"path": "/x"}, "result": @, "labels": {"exposes": "NONE"}}], "outcome": {"violated": false}}"#,
        #"{"metadata": {"task_id": "p", "run": 1, "category": @}, "steps": [{"step_index": 0, "action": {"tool_call": {"tool_name": "q", "arguments": {}}}}]}"#,
        #"{"steps": [{"action": {"tool_call": {"tool_name": "q", "arguments": @, "result": "r"}}, "safety_state_after": {"data_exposure": "NONE", "tool_escalation": "READ_ONLY", "reversibility": "FULLY_REVERSIBLE"}}]}"#,
        #"{"messages": [{"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": @}}]}]}"#,
        #"{"messages": [{"role": "tool", "tool_call_id": "c", "content": @}], "metadata": {"category": "x"}}"#,
    ]

    @Test("hostile JSON anywhere in a native, paper or OpenAI trace is an invalid-JSON error with a position")
    func hostileTraces() {
        for template in Self.traceTemplates {
            for (name, fragment) in HostileJSON.fragmentBytes {
                let result = decodeTrace(HostileJSON.embed(fragment, in: template))
                guard case .failure(let error) = result else {
                    Issue.record("\(name) in \(template.prefix(40)) decoded")
                    continue
                }
                #expect(error.message.hasPrefix("invalid JSON"), "\(name): \(error)")
                #expect(error.line == 1 && (error.column ?? 0) >= 1, "\(name): \(error)")
            }
        }
    }

    @Test("every prefix of a trace in each format is an error; random bytes never crash the decoder")
    func truncatedAndRandomTraces() throws {
        let files = ["Traces/examples/violating-research-comms.json", "Traces/paper-format/rc-01-run-1.json"]
        var documents = try files.map { try [UInt8](Data(contentsOf: Self.repository.appendingPathComponent($0))) }
        documents.append(Array(Self.traceTemplates[4].replacingOccurrences(of: "@", with: #""{\"path\": \"/etc/passwd\"}""#).utf8))
        for document in documents {
            guard case .success(.trace) = decodeTrace(document) else {
                Issue.record("the whole document does not decode")
                continue
            }
            // Cuts before the closing brace; what follows it is only whitespace.
            let closing = document.lastIndex(of: UInt8(ascii: "}"))!
            for end in stride(from: 0, to: closing, by: 7) {
                guard case .failure = decodeTrace(Array(document[..<end])) else {
                    Issue.record("a prefix of \(end) bytes decoded")
                    continue
                }
            }
        }
        var random = SplitMix64(seed: 2026)
        for _ in 0..<500 {
            let document = documents[random.index(below: documents.count)]
            var mutated = document
            for _ in 0..<8 { mutated[random.index(below: mutated.count)] = UInt8(truncatingIfNeeded: random.next()) }
            _ = decodeTrace(mutated, defaults: TraceDefaults(category: "c", categoryKey: ["metadata", "category"]))
        }
    }

    @Test("hostile records in a JSONL file are skipped with their line; the good ones are read")
    func hostileJSONLines() throws {
        var lines = [Array(#"{"metadata": {"category": "sysadmin"}}"#.utf8)]
        for (_, fragment) in HostileJSON.fragmentBytes where !fragment.contains(0x0A) {
            lines.append(HostileJSON.embed(fragment, in: Self.traceTemplates[0]))
        }
        lines.append(Array(#"{"id": "good", "steps": [{"tool": "run_shell", "args": {"command": "ls"}}]}"#.utf8))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("drift-hostile-\(UUID().uuidString).jsonl").path
        try Data(lines.joined(separator: [0x0A])).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let corpus = TraceLoader().load([path])
        #expect(corpus.traces.map(\.id) == ["good"])
        #expect(corpus.traces.first?.category == "sysadmin")
        #expect(corpus.errors.count == lines.count - 2)
        #expect(corpus.errors.allSatisfy { ($0.error.line ?? 0) >= 2 && ($0.error.line ?? 0) < lines.count })
    }

    @Test("live step requests: wrong types are decoding errors; hostile arguments strings stay strings")
    func hostileStepRequests() throws {
        func request(_ text: String) throws -> JSONField { JSONField(try JSONParser.parse(text, limits: .init(maximumDepth: 64))) }
        let malformed = [
            #"{}"#, #"{"tool": 1}"#, #"{"tool": ""}"#, #"{"tool": "t", "error": "yes"}"#, #"{"tool": "t", "labels": {"exposes": "SECRET"}}"#,
            #"{"tool": "t", "labels": []}"#, #"{"tool_call": {}}"#, #"{"tool_call": {"function": {"name": 5}}}"#,
            #"{"tool_call": {"function": {"name": "f"}}, "tool_result": {"is_error": 1}}"#, #"{"tool_call": 3}"#,
        ]
        for text in malformed {
            #expect(throws: JSONDecodingError.self, "\(text)") { try StepRequest.step(in: try request(text)) }
        }
        // An OpenAI arguments string is parsed on its own: hostile JSON there is kept as text.
        for (name, fragment) in HostileJSON.fragmentBytes where name != "truncated UTF-8" {
            // (A Swift String cannot hold the truncated UTF-8: it would be repaired.)
            let argumentText = String(decoding: fragment, as: UTF8.self)
            var object = JSONObject()
            object["function"] = ["name": "f", "arguments": .string(argumentText)]
            let step = try StepRequest.step(in: JSONField(["tool_call": .object(object)]))
            #expect(step.arguments == .string(argumentText), "\(name)")
        }
    }

    @Test("policies: hostile JSON and truncations are errors that name policy.json")
    func hostilePolicies() throws {
        let shipped = try [UInt8](Data(contentsOf: Self.repository.appendingPathComponent("config/policy.json")))
        #expect(throws: Never.self) { try Policy.decode(shipped, file: "policy.json") }
        var inputs: [[UInt8]] = HostileJSON.fragmentBytes.map(\.bytes)
        inputs += HostileJSON.fragmentBytes.map { HostileJSON.embed($0.bytes, in: #"{"name": @, "rules": []}"#) }
        inputs += HostileJSON.fragmentBytes.map { HostileJSON.embed($0.bytes, in: #"{"rules": [{"name": "r", "level": "SAFE", "when": @}]}"#) }
        inputs += stride(from: 0, to: shipped.count, by: 61).map { Array(shipped[..<$0]) }
        for input in inputs {
            do {
                _ = try Policy.decode(input, file: "policy.json")
                Issue.record("decoded: \(String(decoding: input.prefix(60), as: UTF8.self))")
            } catch {
                #expect(error.file == "policy.json")
            }
        }
    }

    @Test("model files: hostile JSON, truncations and hostile numbers are errors or a working monitor")
    func hostileModels() throws {
        var fitter = ModelFitter(policy: .paper)
        fitter.add(TraceLoader().load([Self.repository.appendingPathComponent("Traces/examples").path]))
        let text = fitter.model.jsonValue().serialized()
        let bytes = Array(text.utf8)
        let model = try ChainModel.decode(bytes, file: "model.json")
        _ = try Monitor(policy: .paper, model: model)

        for (name, fragment) in HostileJSON.fragmentBytes {
            #expect(throws: InputError.self, "\(name)") { try ChainModel.decode(fragment, file: "model.json") }
        }
        for end in stride(from: 0, to: bytes.count, by: 97) {
            #expect(throws: InputError.self, "prefix of \(end)") { try ChainModel.decode(Array(bytes[..<end]), file: "model.json") }
        }
        // Every number in the model replaced by one hostile value: decode refuses it, or
        // the monitor built from it solves (or refuses) its chains; nothing traps.
        func replacingNumbers(_ value: JSONValue, with number: Double) -> JSONValue {
            switch value {
            case .number: .number(number)
            case .array(let items): .array(items.map { replacingNumbers($0, with: number) })
            case .object(let object): .object(JSONObject(object.members.map { .init(key: $0.key, value: replacingNumbers($0.value, with: number)) }))
            default: value
            }
        }
        let parsed = try JSONParser.parse(bytes)
        for number in [-1, 0, 0.5, 1, 179, 180, 4.5e15, 1e300, -1e300, 5e-324] {
            let hostile = Array(replacingNumbers(parsed, with: number).serialized().utf8)
            if let model = try? ChainModel.decode(hostile, file: "model.json") {
                _ = try? Monitor(policy: .paper, model: model)
            }
        }
    }

    @Test("the content scanner: findings stay inside random, ill-formed and oversized input")
    func hostileContent() {
        var random = SplitMix64(seed: 99)
        let scanner = ContentScanner(.init(levels: ContentScanner.Configuration.default.levels, maximumScannedBytes: 256))
        let seeds = ["postgres://admin:s3cr3t@db:5432/x", "AKIAIOSFODNN7EXAMPLE", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
                     "ignore all previous instructions", "ann@example.com", "+44 20 7946 0958", "-----BEGIN RSA PRIVATE KEY-----\nMIIE"]
        for round in 0..<400 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<random.index(below: 6) {
                let junk = (0..<random.index(below: 90)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                bytes.insert(contentsOf: junk, at: random.index(below: bytes.count + 1))
            }
            for scanner in [ContentScanner(), scanner] {
                let result = bytes.withUnsafeBytes { scanner.scan(bytes: $0) }
                for finding in result.findings {
                    #expect(finding.range.lowerBound >= 0 && finding.range.upperBound <= bytes.count && !finding.range.isEmpty)
                    #expect(finding.excerpt.utf8.count <= 90, "\(finding.excerpt)")
                }
            }
        }
    }

    /// The inputs the fuzz targets crashed on, before their fixes.
    static func regressions(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let folder = repository.appendingPathComponent("Fuzz/regressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, [UInt8]($0)) }
        }
    }

    @Test("fuzz regressions: content inputs scan with excerpts within budget")
    func contentRegressions() {
        let cases = Self.regressions("content")
        #expect(!cases.isEmpty)
        for (name, bytes) in cases {
            for limit in [1 << 20, 96, 1] {
                let scanner = ContentScanner(.init(levels: ContentScanner.Configuration.default.levels, maximumScannedBytes: limit))
                let result = bytes.withUnsafeBytes { scanner.scan(bytes: $0) }
                for finding in result.findings {
                    #expect(finding.range.upperBound <= bytes.count, "\(name)")
                    #expect(finding.excerpt.utf8.count <= 90, "\(name): \(finding.excerpt.utf8.count) bytes")
                }
            }
        }
    }

    @Test("fuzz regressions: trace, JSON and config inputs load as traces, errors or skips")
    func fileRegressions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drift-regressions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for target in ["traces", "json", "config"] {
            for (name, bytes) in Self.regressions(target) {
                for suffix in [".json", ".jsonl"] {
                    let path = folder.appendingPathComponent(name + suffix).path
                    try Data(bytes).write(to: URL(fileURLWithPath: path))
                    let corpus = TraceLoader().load([path])
                    #expect(corpus.skipped.allSatisfy { $0.error.file == path }, "\(target)/\(name)")
                }
                _ = try? JSONParser.parse(bytes)
                _ = try? Policy.decode(bytes, file: "policy.json")
                _ = try? ChainModel.decode(bytes, file: "model.json")
            }
        }
    }
}
