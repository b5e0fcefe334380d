// libFuzzer target `protocol`: ProtocolHandler.handle on arbitrary request lines.
//
// The input is split at `\n` the way the connection's line framer splits a stream (a
// `\r` before the `\n` is dropped), so one input is a small conversation: start, step,
// check, end against the same sessions. The handler and its model live for the whole
// run, as in the daemon.
//
// Oracle: every line gets exactly one reply, which ends in its only `\n`, parses as a
// JSON object, and has a boolean "ok"; an "ok": false reply has an error with a known
// code and a message; a request's "id" comes back unchanged.
//
// Set DRIFT_FUZZ_TRACES to the folder to fit the model from (default: Traces).
import Dispatch
import Drift
@testable import DriftDaemon
import Foundation
import Glibc
import JSON

/// Everything the handler needs, built once: a model fitted in process from the
/// bundled traces, written to a temporary file for the `ModelStore`.
private struct Harness: @unchecked Sendable {
    // Unchecked: libFuzzer calls the target from one thread only.
    let handler: ProtocolHandler
    let connection: ConnectionContext
    let knownCodes = Set(WireError.Code.allCases.map(\.rawValue))

    init() {
        let traces = ProcessInfo.processInfo.environment["DRIFT_FUZZ_TRACES"] ?? "Traces"
        var fitter = ModelFitter(policy: .default)
        fitter.add(TraceLoader().load([traces]))
        expect(fitter.model.traceCount > 0, "no traces under \(traces): run from the checkout or set DRIFT_FUZZ_TRACES")
        let modelPath = NSTemporaryDirectory() + "drift-fuzz-model-\(getpid()).json"
        let written = FileManager.default.createFile(atPath: modelPath, contents: Data(fitter.model.jsonValue().serialized().utf8))
        expect(written, "cannot write \(modelPath)")
        let store = try! ModelStore(sources: .init(model: modelPath, policy: nil, configuration: DaemonConfiguration()))
        unlink(modelPath)
        // A fixed clock: sessions never expire mid-run, and runs are reproducible.
        handler = ProtocolHandler(
            store: store, sessions: SessionTable(limit: 512), log: Log(level: .error, sink: .discard), clock: { 1_000_000_000 })
        // A connection that is never started: `subscribe` can register it, and alerts
        // pushed to it queue up to the hard limit and are then dropped.
        var fds: [Int32] = [-1, -1]
        expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0, "socketpair failed")
        let connection = Connection(
            id: 1, fd: fds[0], peer: nil, handler: handler, configuration: ServerConfiguration(), counters: ServerCounters(),
            log: Log(level: .error, sink: .discard), onClosed: { _ in })
        self.connection = connection.context
    }
}

private let harness = Harness()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    var start = 0
    while start <= input.count {
        let end = input[start...].firstIndex(of: UInt8(ascii: "\n")) ?? input.count
        var line = Array(input[start..<end])
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        check(line)
        start = end + 1
    }
    return 0
}

private func check(_ line: [UInt8]) {
    guard let reply = harness.handler.handle(line: line[...], from: harness.connection) else {
        fail("no reply to \(String(decoding: line, as: UTF8.self))")
    }
    expect(reply.last == UInt8(ascii: "\n"), "reply does not end in a newline")
    expect(reply.firstIndex(of: UInt8(ascii: "\n")) == reply.count - 1, "reply has a newline inside")
    let value: JSONValue
    do {
        value = try JSONParser.parse(reply.dropLast(), limits: .init(maximumDepth: 128))
    } catch {
        fail("reply is not JSON (\(error)): \(String(decoding: reply, as: UTF8.self))")
    }
    guard case .object(let object) = value, case .bool(let ok)? = object["ok"] else {
        fail("reply without a boolean ok: \(String(decoding: reply, as: UTF8.self))")
    }
    if !ok {
        guard case .string(let code)? = object["error"]?["code"], harness.knownCodes.contains(code),
            case .string? = object["error"]?["message"]
        else {
            fail("error reply without a known code and a message: \(String(decoding: reply, as: UTF8.self))")
        }
    }
    // The id of a request that parsed as an object comes back as it was sent.
    if case .object(let request)? = try? JSONParser.parse(line, limits: .init(maximumDepth: 64)), let id = request["id"] {
        expect(object["id"] == id, "id not echoed: \(String(decoding: reply, as: UTF8.self))")
    }
}
