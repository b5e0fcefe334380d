import Foundation
import JSON

/// drift-bench's entry point: parses the arguments and runs the benchmarks or the load
/// generator. Returns the exit code.
enum BenchTool {
    static let usage = """
        usage: drift-bench [--json] [--quick] [--only GROUP,...] [--traces DIR]
               \(LoadGenerator.usage)

        Benchmarks drift on this machine (build with -c release) and prints each measurement
        beside its target from issue #6. Groups: memory, assess, alloc, scan, solver, fit, socket.
        --quick runs fewer iterations and skips the 1M-step corpus.
        """

    static let groups = ["memory", "assess", "alloc", "scan", "solver", "fit", "socket", "journal"]

    static func main(_ arguments: [String]) -> Int32 {
        var arguments = Array(arguments.dropFirst())
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return 0
        }
        do {
            if arguments.first == "load" {
                arguments.removeFirst()
                return try load(arguments)
            }
            return try bench(arguments)
        } catch let error as UsageError {
            writeStandardError("drift-bench: \(error.message)\n\(usage)\n")
            return 64
        } catch {
            writeStandardError("drift-bench: \(error)\n")
            return 1
        }
    }

    static func bench(_ arguments: [String]) throws -> Int32 {
        var options = Options(arguments)
        let json = options.flag("--json")
        let quick = options.flag("--quick")
        let traces = try options.value("--traces")
        let only = try options.value("--only").map { Set($0.split(separator: ",").map(String.init)) } ?? Set(groups)
        try options.finish()
        if let unknown = only.subtracting(groups).first { throw UsageError("unknown group \(unknown) (groups: \(groups.joined(separator: ", ")))") }

        let machine = Machine.current()
        if machine.configuration != "release" { progress("warning: this is a \(machine.configuration) build; numbers mean little (swift build -c release)") }
        let fixtures = try Fixtures.load(tracesDirectory: traces)
        progress("fixtures: \(fixtures.traces.count) traces, \(fixtures.model.stepCount) steps from \(fixtures.tracesDirectory)")
        var report = Report(machine: machine, quick: quick, timerOverhead: Clock.overhead())
        // Memory first: later benchmarks grow the heap, and freed memory would be reused.
        for group in groups where only.contains(group) {
            progress("\(group):")
            switch group {
            case "memory": try MemoryBenchmark.run(fixtures, quick: quick, into: &report)
            case "assess": AssessmentBenchmark.run(fixtures, quick: quick, into: &report)
            case "alloc": AllocationBenchmark.run(fixtures, into: &report)
            case "scan":
                ContentScanBenchmark.run(fixtures, quick: quick, into: &report)
                ProvenanceBenchmark.run(fixtures, quick: quick, into: &report)
            case "solver": try SolverBenchmark.run(fixtures, quick: quick, into: &report)
            case "fit": try FitBenchmark.run(fixtures, quick: quick, into: &report)
            case "socket": try SocketBenchmark.run(fixtures, quick: quick, into: &report)
            case "journal": try JournalBenchmark.run(fixtures, quick: quick, into: &report)
            default: break
            }
        }
        print(json ? report.json.serialized(pretty: true) : report.table)
        return 0
    }

    static func load(_ arguments: [String]) throws -> Int32 {
        var options = Options(arguments)
        guard let socket = try options.value("--socket") else { throw UsageError("load needs --socket PATH") }
        var generator = LoadGenerator(socket: socket)
        if let text = try options.value("--rate") {
            let trimmed = text.hasSuffix("/s") ? String(text.dropLast(2)) : text
            guard let rate = Double(trimmed), rate > 0 else { throw UsageError("--rate is steps per second, a positive number") }
            generator.rate = rate
        }
        if let text = try options.value("--clients") {
            guard let clients = Int(text), (1...4096).contains(clients) else { throw UsageError("--clients is 1 to 4096") }
            generator.clients = clients
        }
        if let text = try options.value("--duration") {
            guard let seconds = Double(text.hasSuffix("s") ? String(text.dropLast()) : text), seconds > 0 else { throw UsageError("--duration is seconds, a positive number") }
            generator.duration = seconds
        }
        generator.json = options.flag("--json")
        let traces = try options.value("--traces")
        try options.finish()
        return try generator.run(try Fixtures.load(tracesDirectory: traces))
    }
}

struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// `--flag` and `--name value` (or `--name=value`), in any order.
struct Options {
    private var remaining: [String]

    init(_ arguments: [String]) { remaining = arguments }

    mutating func flag(_ name: String) -> Bool {
        guard let index = remaining.firstIndex(of: name) else { return false }
        remaining.remove(at: index)
        return true
    }

    mutating func value(_ name: String) throws -> String? {
        if let index = remaining.firstIndex(where: { $0.hasPrefix(name + "=") }) {
            let value = String(remaining[index].dropFirst(name.count + 1))
            remaining.remove(at: index)
            return value
        }
        guard let index = remaining.firstIndex(of: name) else { return nil }
        guard index + 1 < remaining.count else { throw UsageError("\(name) needs a value") }
        let value = remaining[index + 1]
        remaining.removeSubrange(index...index + 1)
        return value
    }

    func finish() throws {
        if let first = remaining.first { throw UsageError("unexpected argument \(first)") }
    }
}
