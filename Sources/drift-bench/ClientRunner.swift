import Dispatch
import Foundation
import Synchronization

/// What each client thread of a socket run does.
struct ClientPlan: Sendable {
    var socket: String
    var template: RequestStream
    /// Requests written back to back before reading their replies (1: strictly sequential).
    var window: Int
    /// When every client starts and stops sending (Clock nanoseconds), so that they run
    /// together.
    var startAt: UInt64
    var stopAt: UInt64
    /// Rate mode: nanoseconds between one client's sends; latency is then measured from
    /// the scheduled send time, so a stalled daemon is not hidden (coordinated omission).
    var interval: UInt64?
    var recordLatency = true
    var expectedSamples = 1 << 16
}

/// What one client saw.
struct ClientOutcome: Sendable {
    var replies = 0
    var errors = 0
    /// Round trips of each window (nanoseconds).
    var latencies: [UInt64] = []
    var failure: String?
    var startedAt: UInt64 = 0
    var finishedAt: UInt64 = 0
    /// Allocations by the whole process, and by this client thread, while it ran.
    var processAllocations: UInt64 = 0
    var clientAllocations: UInt64 = 0
}

enum ClientRunner {
    static func run(_ index: Int, _ plan: ClientPlan) -> ClientOutcome {
        var outcome = ClientOutcome()
        var stream = plan.template
        stream.setClient(index)
        stream.setRound(0)
        var samples = Samples(capacity: plan.recordLatency ? plan.expectedSamples : 0)
        let client: LineClient
        do {
            client = try LineClient(path: plan.socket)
        } catch {
            outcome.failure = "\(error)"
            return outcome
        }
        let now = Clock.nanoseconds()
        if now < plan.startAt { Clock.sleep(nanoseconds: plan.startAt - now) }
        outcome.startedAt = Clock.nanoseconds()
        let processBefore = Allocations.allThreads
        let clientBefore = Allocations.thisThread
        var line = 0
        var round = 0
        var next = plan.startAt
        do {
            while true {
                let now = Clock.nanoseconds()
                if now >= plan.stopAt { break }
                if plan.interval != nil, now < next { Clock.sleep(nanoseconds: next - now) }
                let count = min(plan.window, stream.lineCount - line)
                let sent = plan.interval != nil ? next : Clock.nanoseconds()
                let from = stream.lineStart(line)
                let to = stream.lineEnds[line + count - 1]
                try stream.bytes.withUnsafeBytes { raw in try client.send(UnsafeRawBufferPointer(rebasing: raw[from..<to])) }
                outcome.errors += try client.receive(lines: count)
                if plan.recordLatency { samples.append(Clock.nanoseconds() - sent) }
                outcome.replies += count
                line += count
                if line == stream.lineCount {
                    line = 0
                    round += 1
                    stream.setRound(round % 1_000_000)
                }
                if let interval = plan.interval { next += interval }
            }
        } catch {
            outcome.failure = "\(error)"
        }
        outcome.finishedAt = Clock.nanoseconds()
        outcome.processAllocations = Allocations.allThreads - processBefore
        outcome.clientAllocations = Allocations.thisThread - clientBefore
        outcome.latencies = samples.values
        return outcome
    }

    /// Runs `plan` on `clients` threads at once and waits for all of them.
    static func run(clients: Int, _ plan: ClientPlan) -> [ClientOutcome] {
        let results = Results<ClientOutcome>(count: clients)
        let group = DispatchGroup()
        for index in 0..<clients {
            group.enter()
            let thread = Thread {
                results.set(index, run(index, plan))
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return results.values
    }
}

/// One slot per thread, filled once.
final class Results<T: Sendable>: Sendable {
    private let slots: Mutex<[T?]>
    init(count: Int) { slots = Mutex([T?](repeating: nil, count: count)) }
    func set(_ index: Int, _ value: T) { slots.withLock { $0[index] = value } }
    var values: [T] { slots.withLock { $0.map { $0! } } }
}

/// The totals of a run.
struct RunTotals {
    var replies: Int
    var errors: Int
    var failures: [String]
    var seconds: Double
    var latency: Summary
    var perSecond: Double { Double(replies) / seconds }

    init(_ outcomes: [ClientOutcome]) {
        replies = outcomes.reduce(0) { $0 + $1.replies }
        errors = outcomes.reduce(0) { $0 + $1.errors }
        failures = outcomes.compactMap(\.failure)
        let started = outcomes.map(\.startedAt).filter { $0 > 0 }.min() ?? 0
        let finished = outcomes.map(\.finishedAt).max() ?? 0
        seconds = max(1e-9, Double(finished &- started) / 1e9)
        latency = Summary(outcomes.flatMap(\.latencies))
    }
}
