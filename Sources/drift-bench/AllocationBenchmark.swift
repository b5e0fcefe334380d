import Drift
import JSON

/// Allocations per operation on the hot path, counted by the executable's malloc
/// (style.md section 5: 10,000 in-process assessments of decoded steps; threshold 0).
enum AllocationBenchmark {
    static let iterations = 10_000

    static func run(_ fixtures: Fixtures, into report: inout Report) {
        guard Allocations.active else {
            report.notes.append("allocation counts unavailable: the executable's malloc is not the one in use")
            return
        }
        let check = Allocations.selfTest()
        report.notes.append("malloc counter self-test: 1,000 Swift arrays counted as \(check) allocations (\(check >= 1_000 ? "ok" : "BROKEN"))")

        let replay = Replay(fixtures: fixtures, resultBytes: 1_000, minimumSteps: 600)
        let monitor = fixtures.monitor
        AssessmentBenchmark.loop(replay, monitor: monitor, iterations: 1_000, samples: nil)  // warm-up
        let assess = AssessmentBenchmark.loop(replay, monitor: monitor, iterations: iterations, samples: nil)
        let perAssess = Double(assess) / Double(iterations)
        report.add(Row(
            group: "alloc", name: "allocations per assess (\(Format.count(Double(iterations))) steps, 1 KB)",
            value: perAssess, unit: .allocationsPerOperation, target: .atMost(perAssess, 0, "0 allocs/step"),
            note: "Monitor.assess on pre-decoded steps, sessions with a category"))

        // Where they come from: the classification alone.
        var effects: UInt64 = 0
        var count = 0
        outer: for recorded in replay.sessions {
            for step in recorded.steps {
                effects += Allocations.counting { _ = monitor.policy.effect(of: step) }
                count += 1
                if count == iterations { break outer }
            }
        }
        report.add(Row(
            group: "alloc", name: "  of which Policy.effect(of:)", value: Double(effects) / Double(count), unit: .allocationsPerOperation,
            note: "classification only: tool lookup, path rules, evidence strings"))

        let lines = RequestLines(fixtures: fixtures, minimumSteps: 600)
        var sessions: [SessionState] = lines.categories.map { monitor.startSession(category: $0) }
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        var pipeline: UInt64 = 0
        var done = 0
        while done < iterations {
            for (index, line) in lines.lines.enumerated() where done < iterations {
                pipeline += Allocations.counting {
                    AssessmentBenchmark.pipeline(line, monitor: monitor, session: &sessions[lines.sessionOfLine[index]], output: &output)
                }
                done += 1
            }
        }
        report.add(Row(
            group: "alloc", name: "allocations per request line (parse + assess + encode)",
            value: Double(pipeline) / Double(iterations), unit: .allocationsPerOperation,
            note: "ProtocolHandler.handle(line:from:) itself cannot be called from outside DriftDaemon (ConnectionContext has no public initializer), so this is its work through public APIs; the socket path's own count is in the socket group"))
    }
}
