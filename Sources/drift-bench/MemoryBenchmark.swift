import Drift
import DriftDaemon
import Foundation
import JSON

/// Memory held per idle session: 100k sessions, each created by one step, in-process
/// (SessionTable + Monitor) and in the daemon over its socket. Runs first, before the
/// other benchmarks have grown the heap, and trims the heap before each reading.
enum MemoryBenchmark {
    static let sessions = 100_000

    static func run(_ fixtures: Fixtures, quick: Bool, into report: inout Report) throws {
        let monitor = fixtures.monitor
        let category = fixtures.categories.first
        let step = Step(tool: "read_file", arguments: ["path": "/data/reports/q3.txt"], result: "quarterly numbers")
        let ids = (0..<sessions).map(sessionID)

        let table = SessionTable(limit: 2 * sessions)
        Memory.trim()
        let rssBefore = Memory.residentBytes() ?? 0
        let heapBefore = Memory.heapBytes
        for (index, id) in ids.enumerated() {
            _ = try? table.update(id, category: category, now: UInt64(index)) { monitor.assess(step, in: &$0).pAlert }
        }
        Memory.trim()
        let rss = Double((Memory.residentBytes() ?? 0) - rssBefore) / Double(sessions)
        let heap = Double(Memory.heapBytes - heapBefore) / Double(sessions)
        precondition(table.count == sessions && table.counts.evicted == 0)
        report.add(Row(
            group: "memory", name: "per idle session, in-process (\(Format.count(Double(sessions))) sessions)",
            value: rss, unit: .bytesPerSession, target: .atMost(rss, 1024, "<= 1 KB/session"),
            note: "RSS growth (VmRSS) creating \(Format.count(Double(sessions))) sessions through SessionTable.update + Monitor.assess, one step each, 36-byte ids; heap in use grew \(Format.fixed(heap, 0)) B/session (mallinfo2); MemoryLayout<SessionState>.stride = \(MemoryLayout<SessionState>.stride) B"))
        withExtendedLifetime(table) {}

        // The same over the socket: the daemon runs in this process, so its growth is ours.
        let daemon = try InProcessDaemon(model: fixtures.model, maximumSessions: 2 * sessions)
        defer { daemon.stop() }
        let client = try LineClient(path: daemon.socket)
        let window = 256
        var lines: [UInt8] = []
        lines.reserveCapacity(window * 256)
        func send(_ range: Range<Int>) throws {
            lines.removeAll(keepingCapacity: true)
            for index in range {
                var request = JSONObject()
                request["op"] = "step"
                request["session"] = .string(ids[index])
                if let category { request["category"] = .string(category) }
                request["tool"] = .string(step.tool)
                request["args"] = step.arguments
                request["result"] = .string(step.result!)
                JSONValue.object(request).write(into: &lines)
                lines.append(UInt8(ascii: "\n"))
            }
            try lines.withUnsafeBytes { try client.send($0) }
            let errors = try client.receive(lines: range.count)
            if errors > 0 { throw BenchError("\(errors) error replies creating sessions over the socket") }
        }
        try send(0..<1)  // the connection and the daemon's first step
        Memory.trim()
        let daemonRSSBefore = Memory.residentBytes() ?? 0
        let daemonHeapBefore = Memory.heapBytes
        var next = 1
        while next < sessions {
            try send(next..<min(sessions, next + window))
            next += window
        }
        Memory.trim()
        let daemonRSS = Double((Memory.residentBytes() ?? 0) - daemonRSSBefore) / Double(sessions - 1)
        let daemonHeap = Double(Memory.heapBytes - daemonHeapBefore) / Double(sessions - 1)
        report.add(Row(
            group: "memory", name: "per idle session, daemon over the socket",
            value: daemonRSS, unit: .bytesPerSession, target: .atMost(daemonRSS, 1024, "<= 1 KB/session"),
            note: "VmRSS growth of the process running the daemon while one connection created \(Format.count(Double(sessions))) sessions with one step each; heap in use grew \(Format.fixed(daemonHeap, 0)) B/session"))
    }

    /// A 36-byte id, the length of a UUID, as agent frameworks tend to use.
    static func sessionID(_ index: Int) -> String {
        let hex = String(index, radix: 16)
        return "run-" + String(repeating: "0", count: 32 - hex.count) + hex
    }
}
