import CMallocCounter
import Glibc

/// The monotonic clock, read directly (`clock_gettime(CLOCK_MONOTONIC)`, a vDSO call of
/// about 20 ns): cheap enough to time each operation of a microsecond on its own.
enum Clock {
    @inline(__always)
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }

    /// The cost of one `nanoseconds()` call, which every per-operation timing includes.
    static func overhead() -> Double {
        let count = 100_000
        let start = nanoseconds()
        var sink: UInt64 = 0
        for _ in 0..<count { sink &+= nanoseconds() }
        let elapsed = nanoseconds() - start
        withExtendedLifetime(sink) {}
        return Double(elapsed) / Double(count)
    }

    static func sleep(nanoseconds: UInt64) {
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }
}

/// Durations of single operations, in nanoseconds.
struct Samples {
    private(set) var values: [UInt64] = []

    init(capacity: Int) { values.reserveCapacity(capacity) }

    @inline(__always)
    mutating func append(_ nanoseconds: UInt64) { values.append(nanoseconds) }

    mutating func append(contentsOf other: Samples) { values.append(contentsOf: other.values) }

    var summary: Summary { Summary(values) }
}

/// Order statistics of a set of durations (nanoseconds).
struct Summary: Sendable {
    var count: Int
    var median: Double
    var p90: Double
    var p99: Double
    var p999: Double
    var min: Double
    var max: Double
    var mean: Double

    init(_ values: [UInt64]) {
        let sorted = values.sorted()
        count = sorted.count
        func at(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            // Nearest rank: the smallest value with at least q of the samples at or below it.
            let rank = Swift.max(1, Int((q * Double(sorted.count)).rounded(.up)))
            return Double(sorted[Swift.min(rank, sorted.count) - 1])
        }
        median = at(0.5)
        p90 = at(0.9)
        p99 = at(0.99)
        p999 = at(0.999)
        min = Double(sorted.first ?? 0)
        max = Double(sorted.last ?? 0)
        mean = sorted.isEmpty ? .nan : Double(sorted.reduce(0, &+)) / Double(sorted.count)
    }
}

/// Allocation counts from the executable's malloc (Sources/CMallocCounter).
enum Allocations {
    static var active: Bool { drift_malloc_counter_active() != 0 }
    static var thisThread: UInt64 { drift_malloc_count_thread() }
    static var allThreads: UInt64 { drift_malloc_count_total() }

    /// Counts the calling thread's allocations in `body`.
    static func counting(_ body: () -> Void) -> UInt64 {
        let before = thisThread
        body()
        return thisThread - before
    }

    /// Checks that the counter sees Swift's allocations: 1,000 fresh arrays must count
    /// at least 1,000 allocations. Returns the count.
    static func selfTest() -> UInt64 {
        var keep = 0
        let counted = counting {
            for i in 0..<1_000 {
                let array = [Int](repeating: i, count: 8 + i % 5)
                keep &+= array.count
            }
        }
        withExtendedLifetime(keep) {}
        return counted
    }
}

/// Resident memory of this process and of its heap.
enum Memory {
    /// Resident set size of a process from /proc/PID/status (VmRSS), in bytes.
    static func residentBytes(pid: String = "self") -> Int? {
        guard let text = readText("/proc/\(pid)/status") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kb = Int(fields[1]) { return kb * 1024 }
        }
        return nil
    }

    /// Heap bytes in use (glibc mallinfo2), all arenas.
    static var heapBytes: Int { Int(drift_heap_bytes_in_use()) }

    static func trim() { drift_heap_trim() }
}

/// Reads a small text file (procfs) whole; nil when it cannot.
func readText(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

