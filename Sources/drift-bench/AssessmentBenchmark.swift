import Drift
import JSON

/// In-process step assessment: classification + state update + table lookup, one
/// `Monitor.assess` call per step, each timed on its own.
enum AssessmentBenchmark {
    static func run(_ fixtures: Fixtures, quick: Bool, into report: inout Report) {
        let iterations = quick ? 50_000 : 300_000
        for (bytes, label) in [(100, "100 B"), (1_000, "1 KB"), (100_000, "100 KB")] {
            // Enough whole traces for a few hundred distinct steps; a 100 KB result each
            // stays within a few tens of MB.
            let replay = Replay(fixtures: fixtures, resultBytes: bytes, minimumSteps: 600)
            let summary = time(replay, monitor: fixtures.monitor, iterations: iterations)
            report.add(Row(
                group: "assess", name: "assess step, \(label) result", median: summary.median, p99: summary.p99,
                samples: summary.count, value: 1e9 / summary.mean, unit: .stepsPerSecond,
                target: bytes == 1_000 ? .atMost(summary.median, 2_000, "median <= 2 us") : nil,
                note: bytes == 1_000 ? "rate is 1/mean on one thread; the result text is not read by any stage yet (no content scanner), so size does not matter until one is added" : nil))
        }
        let mixture = Replay(fixtures: fixtures, resultBytes: 1_000, minimumSteps: 600, withCategory: false)
        let summary = time(mixture, monitor: fixtures.monitor, iterations: iterations / 2)
        report.add(Row(
            group: "assess", name: "assess step, 1 KB, no category", median: summary.median, p99: summary.p99,
            samples: summary.count, value: 1e9 / summary.mean, unit: .stepsPerSecond,
            note: "sessions that name no category: posterior over categories + mixture of their tables (informational, no target)"))

        let lines = RequestLines(fixtures: fixtures, minimumSteps: 600)
        let pipeline = timePipeline(lines, monitor: fixtures.monitor, iterations: iterations / 2)
        report.add(Row(
            group: "assess", name: "parse + assess + encode one request line", median: pipeline.median, p99: pipeline.p99,
            samples: pipeline.count, value: 1e9 / pipeline.mean, unit: .stepsPerSecond,
            note: "what the daemon does per step line without the socket: JSONParser.parse, StepRequest.step, Monitor.assess, AssessmentJSON.writeMembers; \(lines.averageBytes) B lines on average"))
    }

    static func time(_ replay: Replay, monitor: Monitor, iterations: Int) -> Summary {
        // Warm caches and the tables first.
        _ = loop(replay, monitor: monitor, iterations: min(5_000, iterations), samples: nil)
        var samples = Samples(capacity: iterations)
        _ = loop(replay, monitor: monitor, iterations: iterations, samples: &samples)
        return samples.summary
    }

    /// Replays sessions until `iterations` steps; times each `assess` call when asked,
    /// and returns the allocations made inside the `assess` calls.
    @discardableResult
    static func loop(_ replay: Replay, monitor: Monitor, iterations: Int, samples: UnsafeMutablePointer<Samples>?) -> UInt64 {
        var done = 0
        var sink = 0.0
        var allocations: UInt64 = 0
        outer: while true {
            for recorded in replay.sessions {
                var session = monitor.startSession(category: recorded.category)
                for step in recorded.steps {
                    if let samples {
                        let start = Clock.nanoseconds()
                        sink += monitor.assess(step, in: &session).pAlert
                        samples.pointee.append(Clock.nanoseconds() - start)
                    } else {
                        let before = Allocations.thisThread
                        sink += monitor.assess(step, in: &session).pAlert
                        allocations += Allocations.thisThread - before
                    }
                    done += 1
                    if done == iterations { break outer }
                }
            }
        }
        withExtendedLifetime(sink) {}
        return allocations
    }

    static func loop(_ replay: Replay, monitor: Monitor, iterations: Int, samples: inout Samples) -> UInt64 {
        withUnsafeMutablePointer(to: &samples) { loop(replay, monitor: monitor, iterations: iterations, samples: $0) }
    }

    static func timePipeline(_ lines: RequestLines, monitor: Monitor, iterations: Int) -> Summary {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        var sessions: [SessionState] = lines.categories.map { monitor.startSession(category: $0) }
        var samples = Samples(capacity: iterations)
        var done = 0
        while done < iterations {
            for (index, line) in lines.lines.enumerated() where done < iterations {
                let start = Clock.nanoseconds()
                pipeline(line, monitor: monitor, session: &sessions[lines.sessionOfLine[index]], output: &output)
                samples.append(Clock.nanoseconds() - start)
                done += 1
            }
        }
        return samples.summary
    }

    /// One request line through the daemon's per-step work, without the socket.
    @inline(__always)
    static func pipeline(_ line: [UInt8], monitor: Monitor, session: inout SessionState, output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        do {
            let value = try JSONParser.parse(line, limits: .init(maximumDepth: 64))
            let step = try StepRequest.step(in: JSONField(value))
            let assessment = monitor.assess(step, in: &session)
            AssessmentJSON.writeMembers(assessment, session: "s", into: &output)
        } catch {
            fatalError("a bundled step did not decode: \(error)")
        }
    }
}

/// Step request lines as an agent framework sends them, one per step of the bundled
/// traces (no labels, the traces' own results), in memory.
struct RequestLines {
    var lines: [[UInt8]] = []
    var sessionOfLine: [Int] = []
    var categories: [String?] = []

    init(fixtures: Fixtures, minimumSteps: Int) {
        for trace in fixtures.traces where lines.count < minimumSteps && !trace.steps.isEmpty {
            categories.append(trace.category)
            for step in fixtures.liveSteps(of: trace, resultBytes: nil) {
                lines.append(Array(Self.stepRequest(step, session: "s\(categories.count)", category: trace.category).serialized().utf8))
                sessionOfLine.append(categories.count - 1)
            }
        }
    }

    static func stepRequest(_ step: Step, session: String, category: String?) -> JSONValue {
        var object = JSONObject()
        object["op"] = "step"
        object["session"] = .string(session)
        if let category { object["category"] = .string(category) }
        object["tool"] = .string(step.tool)
        object["args"] = step.arguments
        if let result = step.result { object["result"] = .string(result) }
        if step.failed { object["error"] = true }
        return .object(object)
    }

    var averageBytes: Int { lines.isEmpty ? 0 : lines.reduce(0) { $0 + $1.count } / lines.count }
}
