import Drift

/// Target provenance cost: recording tool results into a session's TargetIndex (MB/s),
/// and classifying an action's argument targets against it (actions/s).
enum ProvenanceBenchmark {
    static func run(_ fixtures: Fixtures, quick: Bool, into report: inout Report) {
        let steps = fixtures.traces.prefix(64).flatMap(\.steps)
        // Tool results of the bundled traces, each grown to 64 KB, recorded into one
        // fresh index per pass, as a session would after its task.
        let texts = fixtures.traces.prefix(64).compactMap { $0.steps.first?.result }.map { Fixtures.text(seed: $0, bytes: 64 << 10) }
        let totalBytes = texts.reduce(0) { $0 + $1.utf8.count }
        let passes = quick ? 5 : 20
        var samples = Samples(capacity: passes)
        var sink = 0
        var index = TargetIndex()
        for _ in 0..<passes {
            index = TargetIndex()
            let start = Clock.nanoseconds()
            for (k, text) in texts.enumerated() { index.record(text, source: .untrusted, step: k + 1, tool: "bench") }
            samples.append(Clock.nanoseconds() - start)
            sink &+= index.count
        }
        let megabytesPerSecond = texts.isEmpty ? nil : Double(totalBytes) / 1e6 / (samples.summary.median / 1e9)
        report.add(Row(
            group: "scan", name: "provenance: record 64 KB results",
            median: texts.isEmpty ? nil : samples.summary.median / Double(texts.count), p99: nil, samples: texts.count * passes,
            value: megabytesPerSecond, unit: .megabytesPerSecond, target: .atLeast(megabytesPerSecond, 100, ">= 100 MB/s"), note: nil))

        // Each step's argument targets, extracted and looked up.
        let rounds = quick ? 20 : 100
        var lookups = Samples(capacity: rounds)
        for _ in 0..<rounds {
            let start = Clock.nanoseconds()
            for step in steps {
                for target in TargetExtractor.targets(in: step.arguments) where index.sighting(of: target) != nil { sink &+= 1 }
            }
            lookups.append(Clock.nanoseconds() - start)
        }
        withExtendedLifetime(sink) {}
        allocations(steps, into: &report)
        let perSecond = steps.isEmpty ? nil : Double(steps.count) / (lookups.summary.median / 1e9)
        report.add(Row(
            group: "scan", name: "provenance: classify an action's targets",
            median: steps.isEmpty ? nil : lookups.summary.median / Double(steps.count), p99: nil, samples: steps.count * rounds,
            value: perSecond, unit: .operationsPerSecond, target: .atLeast(perSecond, 100_000, ">= 100k actions/s"), note: nil))
    }

    /// Allocations per `record` of a step's result (1 KB) into an index that has seen it
    /// before (steady state: every value already held), and per lookup of a pre-extracted
    /// argument target.
    static func allocations(_ steps: [Step], into report: inout Report) {
        guard Allocations.active else { return }
        let results = steps.prefix(1_000).map { Fixtures.text(seed: $0.result ?? $0.tool, bytes: 1_000) }
        var index = TargetIndex()
        for (k, result) in results.enumerated() { index.record(result, source: .untrusted, step: k + 1, tool: "bench") }
        var recordCount: UInt64 = 0
        for (k, result) in results.enumerated() {
            recordCount += Allocations.counting { index.record(result, source: .untrusted, step: k + 1, tool: "bench") }
        }
        let perRecord = results.isEmpty ? nil : Double(recordCount) / Double(results.count)
        report.add(Row(
            group: "scan", name: "provenance: allocations per record (1 KB)", value: perRecord, unit: .allocationsPerOperation,
            target: .atMost(perRecord, 0, "0 allocs/record"), note: "TargetIndex.record of a result whose values are already held"))
        let targets = steps.prefix(1_000).flatMap { TargetExtractor.targets(in: $0.arguments) }
        var found = 0
        let lookupCount = Allocations.counting {
            for target in targets where index.sighting(of: target) != nil { found += 1 }
        }
        withExtendedLifetime(found) {}
        let perLookup = targets.isEmpty ? nil : Double(lookupCount) / Double(targets.count)
        report.add(Row(
            group: "scan", name: "provenance: allocations per lookup", value: perLookup, unit: .allocationsPerOperation,
            target: .atMost(perLookup, 0, "0 allocs/lookup"), note: "\(targets.count) argument targets of the fixture steps"))
    }
}
