import Drift
import Markov

/// The absorbing-chain solver: one `AbsorptionAnalysis` (LU of I - Q, B and t, p_k for
/// k = 1...50) on random row-stochastic chains with two absorbing states.
enum SolverBenchmark {
    static let horizon = 50

    static func run(_ fixtures: Fixtures, quick: Bool, into report: inout Report) throws {
        var rng = SplitMix64(seed: 6)
        for (states, iterations) in [(5, quick ? 2_000 : 10_000), (60, quick ? 200 : 1_000), (200, quick ? 20 : 60)] {
            let chains = try (0..<8).map { _ in try randomChain(states: states, rng: &rng) }
            _ = try AbsorptionAnalysis(chain: chains[0], target: "VIOLATED", horizon: horizon)
            var samples = Samples(capacity: iterations)
            var sink = 0.0
            for i in 0..<iterations {
                let start = Clock.nanoseconds()
                let analysis = try AbsorptionAnalysis(chain: chains[i % chains.count], target: "VIOLATED", horizon: horizon)
                samples.append(Clock.nanoseconds() - start)
                sink += analysis.reciprocalCondition
            }
            withExtendedLifetime(sink) {}
            let summary = samples.summary
            report.add(Row(
                group: "solver", name: "solve \(states)-state chain, H = \(horizon)", median: summary.median, p99: summary.p99,
                samples: summary.count, value: 1e9 / summary.median, unit: .operationsPerSecond))
        }

        let categories = try (0..<100).map { _ in try randomChain(states: 60, rng: &rng) }
        let passes = quick ? 5 : 20
        var samples = Samples(capacity: passes)
        for pass in 0...passes {
            let start = Clock.nanoseconds()
            var sink = 0.0
            for chain in categories {
                sink += try AbsorptionAnalysis(chain: chain, target: "VIOLATED", horizon: horizon).reciprocalCondition
            }
            let elapsed = Clock.nanoseconds() - start
            withExtendedLifetime(sink) {}
            if pass > 0 { samples.append(elapsed) }  // the first pass is a warm-up
        }
        let all = samples.summary
        report.add(Row(
            group: "solver", name: "all tables, 100 categories x 60 states, H = 50", median: all.median, p99: all.p99,
            samples: all.count, target: .atMost(all.median, 50e6, "<= 50 ms"),
            note: "100 x AbsorptionAnalysis per pass, single thread; p99 is the slowest pass"))

        // The real thing, for scale: every table of the bundled model.
        for kind in [ChainKind.coarse, .fine] {
            let passes = quick ? 3 : 10
            var samples = Samples(capacity: passes)
            for _ in 0..<passes {
                let start = Clock.nanoseconds()
                let tables = try RiskTables(model: fixtures.model, kind: kind, horizon: horizon)
                samples.append(Clock.nanoseconds() - start)
                withExtendedLifetime(tables) {}
            }
            let summary = samples.summary
            let chain = kind == .coarse ? "coarse" : "fine"
            report.add(Row(
                group: "solver", name: "RiskTables, bundled model, \(chain) chain, H = 50", median: summary.median, p99: summary.p99,
                samples: summary.count,
                note: "\(fixtures.model.categoryNames.count) categories + pooled, \(chain == "fine" ? "fine (D,T,R,U) states" : "5 levels + DONE"); informational"))
        }
    }

    /// A dense random row-stochastic chain of `states` states, the last two absorbing
    /// (VIOLATED, DONE).
    static func randomChain(states n: Int, rng: inout SplitMix64) throws -> AbsorbingChain {
        precondition(n >= 3)
        let names = (0..<(n - 2)).map { "s\($0)" } + ["VIOLATED", "DONE"]
        var rows: [[Double]] = []
        rows.reserveCapacity(n)
        for _ in 0..<(n - 2) {
            var row = (0..<n).map { _ in Double.random(in: 0.0..<1.0, using: &rng) }
            let sum = row.reduce(0, +)
            for j in row.indices { row[j] /= sum }
            rows.append(row)
        }
        for i in (n - 2)..<n {
            var row = [Double](repeating: 0, count: n)
            row[i] = 1
            rows.append(row)
        }
        return try AbsorbingChain(states: names, absorbing: ["VIOLATED", "DONE"], rows: rows)
    }
}
