import Drift
import DriftDaemon

/// The daemon over its Unix socket: sequential round trips with one client, then
/// throughput with 1, 16 and 64 clients pipelining steps.
enum SocketBenchmark {
    static let window = 32

    static func run(_ fixtures: Fixtures, quick: Bool, into report: inout Report) throws {
        let daemon = try InProcessDaemon(model: fixtures.model, maximumSessions: 1_000_000)
        defer { daemon.stop() }
        let template = RequestStream(fixtures: fixtures, tag: "bench")
        let seconds = quick ? 1.0 : 3.0

        // Warm-up: the daemon's first connection, queues and tables.
        _ = ClientRunner.run(clients: 1, plan(daemon, template, window: 1, seconds: 0.3))

        let sequential = ClientRunner.run(clients: 1, plan(daemon, template, window: 1, seconds: seconds))
        let totals = RunTotals(sequential)
        try check(totals, "1 client")
        let outcome = sequential[0]
        let allocations = Double(outcome.processAllocations - outcome.clientAllocations) / Double(max(1, outcome.replies))
        report.add(Row(
            group: "socket", name: "round trip, 1 client, sequential", median: totals.latency.median, p99: totals.latency.p99,
            samples: totals.latency.count, value: totals.perSecond, unit: .stepsPerSecond,
            target: .atMost(totals.latency.p99, 100_000, "p99 <= 100 us"),
            note: "in-process Daemon on a temp socket, raw blocking client, \(template.averageLineBytes) B step lines from the bundled traces (no labels); p99.9 \(Format.time(totals.latency.p999)), max \(Format.time(totals.latency.max)); \(totals.errors) error replies"))
        report.add(Row(
            group: "alloc", name: "allocations per step over the socket", value: allocations, unit: .allocationsPerOperation,
            note: "every thread of the process during the 1-client run (the daemon's), minus the client thread's own (\(outcome.clientAllocations)), per reply"))

        for clients in [1, 16, 64] {
            let outcomes = ClientRunner.run(clients: clients, plan(daemon, template, window: window, seconds: seconds))
            let totals = RunTotals(outcomes)
            try check(totals, "\(clients) clients")
            report.add(Row(
                group: "socket", name: "throughput, \(clients) client\(clients == 1 ? "" : "s"), \(window) in flight each",
                median: totals.latency.median, p99: totals.latency.p99, samples: totals.replies,
                value: totals.perSecond, unit: .stepsPerSecond,
                target: clients == 16 ? .atLeast(totals.perSecond, 150_000, ">= 150k steps/s") : nil,
                note: clients == 16 ? "each client a thread writing \(window) step lines then reading \(window) replies; median/p99 are of a whole \(window)-step window; clients and daemon share the 2 cores; n is replies" : nil))
        }
    }

    static func plan(_ daemon: InProcessDaemon, _ template: RequestStream, window: Int, seconds: Double) -> ClientPlan {
        let start = Clock.nanoseconds() + 100_000_000
        return ClientPlan(
            socket: daemon.socket, template: template, window: window, startAt: start,
            stopAt: start + UInt64(seconds * 1e9), interval: nil, recordLatency: true,
            expectedSamples: window == 1 ? Int(seconds * 200_000) : Int(seconds * 20_000))
    }

    static func check(_ totals: RunTotals, _ what: String) throws {
        if let failure = totals.failures.first { throw BenchError("socket run with \(what) failed: \(failure)") }
        if totals.errors > 0 { progress("warning: \(totals.errors) error replies with \(what)") }
    }
}
