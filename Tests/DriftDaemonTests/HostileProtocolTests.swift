import Drift
import Foundation
import Glibc
import JSON
import Testing

@testable import DriftDaemon

/// A protocol handler over a model fitted in process from the bundled traces, and one
/// connection for it to answer, shared by the tests below (the handler is thread-safe,
/// as the daemon needs).
private enum Served {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let handler: ProtocolHandler = {
        var fitter = ModelFitter(policy: .default)
        fitter.add(TraceLoader().load([repository.appendingPathComponent("Traces").path]))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("drift-hostile-model-\(getpid()).json").path
        FileManager.default.createFile(atPath: path, contents: Data(fitter.model.jsonValue().serialized().utf8))
        defer { unlink(path) }
        let store = try! ModelStore(sources: .init(model: path, policy: nil, configuration: DaemonConfiguration()))
        return ProtocolHandler(store: store, sessions: SessionTable(limit: 1000), log: Log(level: .error, sink: .discard))
    }()

    /// A connection that is never started and lives as long as the process: the handler
    /// only needs it to register subscribers, and an unstarted one is never closed (a
    /// closed-phase assertion guards every `Connection`'s deinit).
    static let connection: ConnectionContext = {
        var fds: [Int32] = [-1, -1]
        precondition(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        return Connection(
            id: 1, fd: fds[0], peer: nil, handler: handler, configuration: ServerConfiguration(), counters: ServerCounters(),
            log: Log(level: .error, sink: .discard), onClosed: { _ in }
        ).context
    }()
    static let retained = connection

    /// The reply to one line, checked for the framing every reply must have: one line,
    /// newline-terminated, a JSON object with a boolean "ok" and, when false, an error
    /// with a known code.
    static func reply(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> JSONObject? {
        guard let bytes = handler.handle(line: line[...], from: connection) else {
            Issue.record("no reply", sourceLocation: sourceLocation)
            return nil
        }
        #expect(bytes.last == 0x0A && bytes.firstIndex(of: 0x0A) == bytes.count - 1, "not one line", sourceLocation: sourceLocation)
        guard case .object(let object)? = try? JSONParser.parse(bytes.dropLast()), case .bool(let ok)? = object["ok"] else {
            Issue.record("not a JSON object with ok: \(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
            return nil
        }
        if !ok {
            let code = object["error"]?["code"]?.stringValue ?? ""
            #expect(WireError.Code(rawValue: code) != nil, "unknown code \(code)", sourceLocation: sourceLocation)
            #expect(object["error"]?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        }
        return object
    }

    static func reply(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONObject? {
        reply(Array(line.utf8), sourceLocation: sourceLocation)
    }

    static func errorCode(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        guard let object = reply(line, sourceLocation: sourceLocation) else { return nil }
        return object["ok"] == .bool(false) ? object["error"]?["code"]?.stringValue : "ok"
    }
}

private let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)

/// Hostile lines for `ProtocolHandler.handle`: every one gets exactly one reply, a
/// JSON object with "ok": false and the right code, and the handler goes on serving.
@Suite("Protocol on hostile input")
struct HostileProtocolTests {
    @Test("malformed lines get ok:false with the right error code", arguments: [
        ("", "bad_json"),
        ("not json", "bad_json"),
        ("[1, 2]", "bad_request"),
        ("\"op\"", "bad_request"),
        ("{}", "missing_field"),
        (#"{"op": 7}"#, "bad_field"),
        (#"{"op": "fly"}"#, "unknown_op"),
        (#"{"op": "step"}"#, "missing_field"),
        (#"{"op": "step", "session": ""}"#, "bad_field"),
        (#"{"op": "step", "session": 5, "tool": "t"}"#, "bad_field"),
        (#"{"op": "step", "session": "\#(String(repeating: "s", count: 257))", "tool": "t"}"#, "bad_field"),
        (#"{"op": "step", "session": "s"}"#, "missing_field"),
        (#"{"op": "step", "session": "s", "tool": ""}"#, "bad_field"),
        (#"{"op": "step", "session": "s", "tool": "t", "labels": {"exposes": "SECRET"}}"#, "bad_field"),
        (#"{"op": "check", "session": "s", "tool_call": {"function": {}}}"#, "missing_field"),
        (#"{"op": "end", "session": "never-started"}"#, "unknown_session"),
        (#"{"op": "query", "session": "never-started"}"#, "unknown_session"),
        (#"{"op": "subscribe", "min_level": "CRITCAL"}"#, "bad_field"),
        (#"{"op": "reload"}"#, "reload_failed"),
        (#"{"op": "stats", "op": "hello"}"#, "bad_json"),
        (#"{"op": "step", "session": "s", "tool": "t", "args": 1e400}"#, "bad_json"),
        (#"{"op": "step", "session": "s", "tool": "t", "args": 1\#(String(repeating: "0", count: 1000))}"#, "bad_json"),
        (#"{"op": "step", "session": "s", "tool": "t", "args": NaN}"#, "bad_json"),
        (#"{"op": "step", "session": "s", "tool": "t", "args": -Infinity}"#, "bad_json"),
        ("{\"op\": \"step\", \"session\": \"s\u{01}\", \"tool\": \"t\"}", "bad_json"),
        (#"{"op": "step", "session": "s", "tool": "t", "args": \#(deep)}"#, "bad_json"),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "bad_json"),
    ])
    func malformedLines(line: String, code: String) {
        #expect(Served.errorCode(Array(line.utf8)) == code)
    }

    @Test("ill-formed UTF-8 and control bytes are bad_json, and the id of a parsed request comes back")
    func bytesAndIDs() {
        let truncated = Array(#"{"op": "hello", "id": "caf"#.utf8) + [0xC3] + Array("\"}".utf8)
        #expect(Served.errorCode(truncated) == "bad_json")
        #expect(Served.errorCode([0x7B, 0x00, 0x7D]) == "bad_json")
        #expect(Served.errorCode([0xEF, 0xBB, 0xBF] + Array(#"{"op": "hello"}"#.utf8)) == "bad_json")
        let nested = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        for id in [#""é€😀\u0000""#, "-0", "1e-400", nested, #"{"a": [null, true]}"#] {
            let reply = Served.reply(#"{"op": "fly", "id": \#(id)}"#)
            #expect(reply?["id"] == (try? JSONParser.parse(id)), "\(id)")
        }
    }

    @Test("seeded random lines and mutated requests always get one well-formed reply")
    func randomLines() {
        var random = SplitMix64(seed: 42)
        let requests = [
            #"{"op":"step","id":1,"session":"h-1","category":"research_comms","tool":"read_file","args":{"path":"/data/customers.csv"},"result":"name,email"}"#,
            #"{"op":"check","session":"h-1","tool_call":{"id":"c","type":"function","function":{"name":"send_email","arguments":"{\"to\":\"x@othercorp.com\"}"}},"tool_result":{"content":"sent"}}"#,
            #"{"op":"subscribe","min_level":"MILD","session":"h-1"}"#,
            #"{"op":"end","session":"h-1","outcome":{"violated":true,"violation_step":0}}"#,
            #"{"op":"stats"}"#, #"{"op":"hello"}"#,
        ]
        for round in 0..<600 {
            var line = Array(requests[round % requests.count].utf8)
            if round % 3 == 0 {
                line = (0..<random.index(below: 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }.filter { $0 != 0x0A }
            } else {
                for _ in 0..<random.index(below: 4) { line[random.index(below: line.count)] = UInt8(truncatingIfNeeded: random.next() | 0x01) }
                line.removeAll { $0 == 0x0A }
            }
            _ = Served.reply(line)
        }
        #expect(Served.reply(#"{"op":"hello"}"#)?["ok"] == .bool(true), "the handler stopped serving")
    }

    @Test("fuzz regressions: every protocol input line gets one well-formed reply")
    func protocolRegressions() throws {
        let folder = Served.repository.appendingPathComponent("Fuzz/regressions/protocol")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                _ = Served.reply(Array(line.last == 0x0D ? line.dropLast() : line[...]))
            }
        }
    }
}

/// Hostile daemon configuration files: each is a configuration or an `InputError` with
/// the file and a line inside the text, and a parsed one builds a monitor.
@Suite("Daemon configuration on hostile input")
struct HostileConfigurationTests {
    static func parse(_ text: String) -> Result<DaemonConfiguration, InputError> {
        do { return .success(try DaemonConfiguration.parse(text, file: "drift.conf")) } catch { return .failure(error) }
    }

    @Test("hostile values are errors naming the line and key", arguments: [
        "horizon = 1e400", "horizon = 10\(String(repeating: "0", count: 1000))", "threshold = nan", "threshold = NaN",
        "threshold = inf", "threshold = -Infinity", "threshold = 0", "threshold = 1e-400", "session_idle_timeout = inf",
        "max_sessions = 99999999999999999999999", "max_line_bytes = -1", "socket_mode = 0o777", "socket_mode = 7777",
        "reported_horizons = 1,,x", "chain = coarse\u{01}", "log_level = \u{0}", "horizon = 5\nhorizon = 5", "= 3", "horizon =",
        "\u{FEFF}horizon = 5",
    ])
    func hostileValues(text: String) {
        guard case .failure(let error) = Self.parse(text) else {
            Issue.record("parsed: \(text.prefix(40))")
            return
        }
        #expect(error.file == "drift.conf")
        #expect((1...2).contains(error.line ?? 0), "\(error)")
    }

    @Test("random and mutated configurations parse or fail with a line inside the text; parsed ones build a monitor")
    func randomConfigurations() throws {
        let shipped = try String(contentsOf: Served.repository.appendingPathComponent("config/drift.conf"), encoding: .utf8)
        let store = Served.handler.store
        var random = SplitMix64(seed: 7)
        var parsed = 0
        for round in 0..<300 {
            var bytes = Array(shipped.utf8)
            if round.isMultiple(of: 4) {
                bytes = (0..<random.index(below: 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                for _ in 0..<random.index(below: 6) { bytes[random.index(below: bytes.count)] = UInt8(truncatingIfNeeded: random.next()) }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            switch Self.parse(text) {
            case .success(let configuration):
                parsed += 1
                // Solving every chain costs tens of milliseconds in a debug build: a few suffice.
                guard parsed <= 4 else { continue }
                _ = try? Monitor(policy: .default, model: store.monitor.model, parameters: configuration.monitorParameters(for: .default))
            case .failure(let error):
                #expect((1...lines).contains(error.line ?? 0), "\(error)")
            }
        }
        #expect(parsed > 0)
    }

    @Test("an empty reported_horizons list is an error naming its line, and a monitor without reported horizons still assesses")
    func emptyHorizons() throws {
        #expect(throws: InputError(file: "drift.conf", line: 1, path: "reported_horizons", message: "name at least one horizon, like 1,3,5,10")) {
            try DaemonConfiguration.parse("reported_horizons = ,", file: "drift.conf")
        }
        var parameters = Policy.default.monitor
        parameters.reportedHorizons = []
        let monitor = try Monitor(policy: .default, model: Served.handler.store.monitor.model, parameters: parameters)
        var session = monitor.startSession(category: "research_comms")
        let assessment = monitor.assess(Step(tool: "read_file", arguments: ["path": "/data/customers.csv"]), in: &session)
        #expect(assessment.step == 1)
    }
}
