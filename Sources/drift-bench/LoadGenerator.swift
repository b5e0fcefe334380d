import Glibc
import JSON

/// `drift-bench load`: replays the bundled traces against a running daemon, at a given
/// rate or as fast as it answers, and reports latency percentiles and errors. For sizing
/// a deployment: run it beside the daemon's host with the expected number of agents.
struct LoadGenerator {
    var socket: String
    /// Total steps per second over all clients; nil: each client sends its next step as
    /// soon as the previous reply arrives.
    var rate: Double?
    var clients = 1
    var duration = 10.0
    var json = false

    static let usage = "drift-bench load --socket PATH [--rate N/s] [--clients C] [--duration S] [--json] [--traces DIR]"

    func run(_ fixtures: Fixtures) throws -> Int32 {
        let template = RequestStream(fixtures: fixtures, tag: "load\(getpid())")
        let start = Clock.nanoseconds() + 200_000_000
        let interval = rate.map { UInt64(1e9 * Double(clients) / $0) }
        let plan = ClientPlan(
            socket: socket, template: template, window: 1, startAt: start, stopAt: start + UInt64(duration * 1e9),
            interval: interval, recordLatency: true,
            expectedSamples: Int(min(2e7, duration * (rate.map { $0 / Double(clients) } ?? 100_000))))
        progress("drift-bench load: \(clients) client\(clients == 1 ? "" : "s"), \(rate.map { "\(Format.count($0)) steps/s" } ?? "as fast as replies come"), \(Format.fixed(duration, 1)) s, \(socket)")
        let outcomes = ClientRunner.run(clients: clients, plan)
        let totals = RunTotals(outcomes)
        let latency = totals.latency
        if json {
            var object = JSONObject()
            object["socket"] = .string(socket)
            object["clients"] = .number(Double(clients))
            object["requested_rate"] = rate.map(JSONValue.number) ?? .null
            object["duration_s"] = .number(totals.seconds)
            object["requests"] = .number(Double(totals.replies))
            object["error_replies"] = .number(Double(totals.errors))
            object["failed_clients"] = .array(totals.failures.map(JSONValue.string))
            object["steps_per_second"] = .number(totals.perSecond)
            object["latency_ns"] = [
                "p50": .number(latency.median), "p90": .number(latency.p90), "p99": .number(latency.p99),
                "p99.9": .number(latency.p999), "max": .number(latency.max), "mean": .number(latency.mean),
            ]
            print(JSONValue.object(object).serialized())
        } else {
            print("requests      \(totals.replies) in \(Format.fixed(totals.seconds, 2)) s: \(Format.count(totals.perSecond)) steps/s\(rate.map { " (asked for \(Format.count($0)))" } ?? "")")
            print("errors        \(totals.errors) error replies, \(totals.failures.count) failed clients\(totals.failures.first.map { ": " + $0 } ?? "")")
            print("latency       p50 \(Format.time(latency.median))  p90 \(Format.time(latency.p90))  p99 \(Format.time(latency.p99))  p99.9 \(Format.time(latency.p999))  max \(Format.time(latency.max))")
            if rate != nil { print("              (from each step's scheduled send time, so a stalled daemon shows as latency)") }
        }
        return totals.errors == 0 && totals.failures.isEmpty ? 0 : 1
    }
}
