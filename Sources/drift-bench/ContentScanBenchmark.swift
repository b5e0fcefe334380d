import Drift

/// Content scanning throughput (MB/s) of the default ContentScanner, on tool results
/// of the bundled traces grown to 64 KB.
enum ContentScanBenchmark {
    /// Scans `text` once with the content scanner, returning something derived from the
    /// result so the work cannot be optimised away.
    static let scanner = ContentScanner()

    static func scan(_ text: String) -> Int? {
        scanner.scan(text).findings.count
    }

    static func run(_ fixtures: Fixtures, quick: Bool, into report: inout Report) {
        // Tool results of the bundled traces, each grown to 64 KB: what a scanner reads.
        let texts = fixtures.traces.prefix(64).compactMap { $0.steps.first?.result }.map { Fixtures.text(seed: $0, bytes: 64 << 10) }
        let totalBytes = texts.reduce(0) { $0 + $1.utf8.count }
        let passes = quick ? 10 : 40
        var samples = Samples(capacity: passes)
        var available = true
        var sink = 0
        for _ in 0..<passes where available {
            let start = Clock.nanoseconds()
            for text in texts {
                guard let found = scan(text) else {
                    available = false
                    break
                }
                sink &+= found
            }
            samples.append(Clock.nanoseconds() - start)
        }
        withExtendedLifetime(sink) {}
        let megabytesPerSecond: Double? = available ? Double(totalBytes) / 1e6 / (samples.summary.median / 1e9) : nil
        report.add(Row(
            group: "scan", name: "content scanning, 64 KB results",
            median: available ? samples.summary.median / Double(texts.count) : nil, p99: nil, samples: available ? texts.count * passes : nil,
            value: megabytesPerSecond, unit: .megabytesPerSecond, target: .atLeast(megabytesPerSecond, 300, ">= 300 MB/s"),
            note: available ? nil : "n/a: no ContentScanner on this branch yet; point ContentScanBenchmark.scan (Sources/drift-bench/ContentScanBenchmark.swift) at it"))
    }
}
