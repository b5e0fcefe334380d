import Drift
import Foundation
import JSON

/// `drift fit` throughput on generated corpora: the bundled traces replayed and mutated
/// into 10k, 100k and 1M steps of JSONL, then (a) loaded and fitted, as `drift fit` does,
/// and (b) fitted from the decoded traces alone.
enum FitBenchmark {
    static func run(_ fixtures: Fixtures, quick: Bool, into report: inout Report) throws {
        let records = try baseRecords(fixtures.tracesDirectory)
        let sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]
        var rates: [(steps: Int, load: Double, fit: Double)] = []
        for size in sizes {
            progress("fit: generating \(Format.count(Double(size))) steps")
            let generated = generate(from: records, steps: size, seed: UInt64(size))
            let file = temporaryFile("drift-bench-\(getpid())-\(size).jsonl")
            defer { try? FileManager.default.removeItem(atPath: file) }
            guard FileManager.default.createFile(atPath: file, contents: Data(generated.bytes)) else {
                throw BenchError("cannot write \(file)")
            }

            let loadPasses = size >= 1_000_000 ? 2 : (quick ? 2 : 3)
            var loadSamples = Samples(capacity: loadPasses)
            var loaded: TraceLoader.Corpus?
            for _ in 0..<loadPasses {
                loaded = nil  // free the previous pass's traces before reading again
                let start = Clock.nanoseconds()
                let corpus = TraceLoader().load([file])
                var fitter = ModelFitter(policy: .default)
                fitter.add(corpus)
                loaded = corpus
                loadSamples.append(Clock.nanoseconds() - start)
                withExtendedLifetime(fitter) {}
            }
            let corpus = loaded!
            guard corpus.stepCount == generated.steps, corpus.errors.isEmpty else {
                throw BenchError("generated corpus read back as \(corpus.summary), expected \(generated.steps) steps")
            }

            let fitPasses = size >= 1_000_000 ? 3 : (quick ? 3 : 5)
            var fitSamples = Samples(capacity: fitPasses)
            for _ in 0..<fitPasses {
                let start = Clock.nanoseconds()
                var fitter = ModelFitter(policy: .default)
                for trace in corpus.traces { fitter.add(trace) }
                fitSamples.append(Clock.nanoseconds() - start)
                precondition(fitter.model.stepCount == generated.steps)
            }

            let steps = Double(generated.steps)
            let load = loadSamples.summary
            let fit = fitSamples.summary
            let loadRate = steps / (load.median / 1e9)
            let fitRate = steps / (fit.median / 1e9)
            rates.append((generated.steps, loadRate, fitRate))
            let size = Format.count(steps)
            report.add(Row(
                group: "fit", name: "load + fit, \(size) steps", median: load.median / steps, samples: load.count,
                value: loadRate, unit: .stepsPerSecond, target: .atLeast(loadRate, 2e6, ">= 2M steps/s"),
                note: "drift fit's path: read the \(Format.bytes(Double(generated.bytes.count))) JSONL file, decode, fit; median pass \(Format.time(load.median)), \(generated.traces) traces; time column is per step"))
            report.add(Row(
                group: "fit", name: "fit only, \(size) steps", median: fit.median / steps, samples: fit.count,
                value: fitRate, unit: .stepsPerSecond, target: .atLeast(fitRate, 2e6, ">= 2M steps/s"),
                note: "ModelFitter.add over decoded traces; median pass \(Format.time(fit.median))"))
        }
        if let first = rates.first, let last = rates.last, rates.count > 1 {
            let line = rates.map { "\(Format.count(Double($0.steps))): load+fit \(Format.count($0.load)), fit \(Format.count($0.fit))" }.joined(separator: "; ")
            report.notes.append("fit scaling (steps/s): \(line); steps/s at the largest size over the smallest: load+fit \(Format.fixed(last.load / first.load, 2))x, fit \(Format.fixed(last.fit / first.fit, 2))x (1.0 = linear cost)")
        }
    }

    /// The drift.trace.v1 records of the bundled JSONL files, parsed.
    static func baseRecords(_ directory: String) throws -> [JSONObject] {
        let folder = (directory as NSString).appendingPathComponent("simulated")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }.sorted()
        var records: [JSONObject] = []
        for name in files {
            let bytes = try FileBytes.read((folder as NSString).appendingPathComponent(name))
            for line in JSONLines(bytes) {
                if case .object(let object) = try JSONParser.parse(bytes[line.range]), object["steps"] != nil { records.append(object) }
            }
        }
        guard !records.isEmpty else { throw BenchError("no drift.trace.v1 records under \(folder)") }
        return records
    }

    /// Whole traces drawn at random from `records` until `steps` steps, each with a new id,
    /// paths moved one folder deeper (`/data/x.csv` -> `/data/v17/x.csv`, which keeps every
    /// path rule's verdict) and a run marker on each result, as JSONL.
    static func generate(from records: [JSONObject], steps target: Int, seed: UInt64) -> (bytes: [UInt8], traces: Int, steps: Int) {
        var rng = SplitMix64(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(target * 400)
        var steps = 0
        var traces = 0
        while steps < target {
            var record = records[Int(rng.next() % UInt64(records.count))]
            let variant = Int(rng.next() % 1000)
            record["id"] = .string("\(record["id"]?.stringValue ?? "trace")-g\(traces)")
            if case .array(let originals)? = record["steps"] {
                var mutated: [JSONValue] = []
                mutated.reserveCapacity(originals.count)
                for case .object(var step) in originals {
                    if let args = step["args"] { step["args"] = movePaths(args, variant: variant) }
                    if case .string(let result)? = step["result"] { step["result"] = .string(result + " [run \(variant)]") }
                    mutated.append(.object(step))
                }
                steps += mutated.count
                record["steps"] = .array(mutated)
            }
            JSONValue.object(record).write(into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
            traces += 1
        }
        return (bytes, traces, steps)
    }

    static func movePaths(_ value: JSONValue, variant: Int) -> JSONValue {
        switch value {
        case .string(let text):
            guard let slash = text.lastIndex(of: "/"), !text.contains(" ") else { return value }
            return .string(String(text[...slash]) + "v\(variant)/" + String(text[text.index(after: slash)...]))
        case .array(let items):
            return .array(items.map { movePaths($0, variant: variant) })
        case .object(var object):
            for index in object.members.indices { object.members[index].value = movePaths(object.members[index].value, variant: variant) }
            return .object(object)
        default:
            return value
        }
    }

    /// A path in /dev/shm when there is one (the corpus is read from memory, as the issue
    /// asks), else in the temporary folder.
    static func temporaryFile(_ name: String) -> String {
        var isDirectory: ObjCBool = false
        let base = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory) && isDirectory.boolValue
            && FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return (base as NSString).appendingPathComponent(name)
    }
}
