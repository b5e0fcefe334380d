import Drift
import Foundation
import JSON

/// The bundled corpus, the model fitted on it, and the monitor serving it: what every
/// benchmark replays.
struct Fixtures: Sendable {
    var tracesDirectory: String
    var traces: [Trace]
    var model: ChainModel
    var monitor: Monitor

    static func load(tracesDirectory: String?) throws -> Fixtures {
        guard let directory = tracesDirectory ?? locateTraces() else {
            throw BenchError("cannot find the bundled Traces/ folder: run from the checkout or pass --traces DIR")
        }
        let corpus = TraceLoader().load([directory])
        guard !corpus.traces.isEmpty else { throw BenchError("no traces under \(directory)") }
        var fitter = ModelFitter(policy: .default)
        fitter.add(corpus)
        let monitor = try Monitor(policy: .default, model: fitter.model)
        return Fixtures(tracesDirectory: directory, traces: corpus.traces, model: fitter.model, monitor: monitor)
    }

    /// Traces/ in the working directory, or above the executable (.build/release/drift-bench).
    static func locateTraces() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var url = URL(fileURLWithPath: executable).deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(url.path)
                url = url.deletingLastPathComponent()
            }
        }
        for base in candidates {
            let path = (base as NSString).appendingPathComponent("Traces")
            if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("simulated")) { return path }
        }
        return nil
    }

    /// The categories the model knows, in a fixed order.
    var categories: [String] { model.categoryNames }

    /// A trace's steps as a live agent sends them: no hand-made labels (the policy
    /// classifies), and when `resultBytes` is given, a result of exactly that size.
    func liveSteps(of trace: Trace, resultBytes: Int?) -> [Step] {
        trace.steps.map { step in
            var live = step
            live.labels = StepLabels()
            if let resultBytes { live.result = Self.text(seed: step.result ?? step.tool, bytes: resultBytes) }
            return live
        }
    }

    /// `bytes` bytes of text made by repeating `seed` (a real tool result).
    static func text(seed: String, bytes: Int) -> String {
        let unit = Array((seed.isEmpty ? "output" : seed).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes)
        while out.count < bytes {
            out.append(contentsOf: unit.prefix(bytes - out.count))
            if out.count < bytes { out.append(UInt8(ascii: "\n")) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A replay of traces as a sequence of sessions: which steps, in which session.
struct Replay {
    struct Session {
        var category: String?
        var steps: [Step]
    }

    var sessions: [Session]

    /// Whole traces from the start of the corpus until at least `minimumSteps` steps.
    init(fixtures: Fixtures, resultBytes: Int?, minimumSteps: Int, withCategory: Bool = true) {
        sessions = []
        var steps = 0
        for trace in fixtures.traces where steps < minimumSteps && !trace.steps.isEmpty {
            sessions.append(Session(category: withCategory ? trace.category : nil, steps: fixtures.liveSteps(of: trace, resultBytes: resultBytes)))
            steps += trace.steps.count
        }
    }

    var stepCount: Int { sessions.reduce(0) { $0 + $1.steps.count } }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
