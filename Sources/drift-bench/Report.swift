import Glibc
import JSON

/// A target from issue #6 and whether a measurement meets it.
struct Target: Sendable {
    enum Status: String, Sendable {
        case pass = "PASS"
        case miss = "MISS"
        case notAvailable = "n/a"
    }

    var text: String
    var status: Status

    /// `value <= limit` passes.
    static func atMost(_ value: Double?, _ limit: Double, _ text: String) -> Target {
        guard let value, value.isFinite else { return Target(text: text, status: .notAvailable) }
        return Target(text: text, status: value <= limit ? .pass : .miss)
    }

    /// `value >= limit` passes.
    static func atLeast(_ value: Double?, _ limit: Double, _ text: String) -> Target {
        guard let value, value.isFinite else { return Target(text: text, status: .notAvailable) }
        return Target(text: text, status: value >= limit ? .pass : .miss)
    }
}

/// One line of the report.
struct Row: Sendable {
    enum Unit: String, Sendable {
        case stepsPerSecond = "steps/s"
        case megabytesPerSecond = "MB/s"
        case operationsPerSecond = "ops/s"
        case bytesPerSession = "B/session"
        case allocationsPerOperation = "allocs/op"
    }

    var group: String
    var name: String
    /// Per-operation time, nanoseconds.
    var median: Double?
    var p99: Double?
    var samples: Int?
    /// A rate or a size, in `unit`.
    var value: Double?
    var unit: Unit?
    var target: Target?
    var note: String?
}

/// Everything one run measured.
struct Report: Sendable {
    var machine: Machine
    var quick: Bool
    var timerOverhead: Double
    var rows: [Row] = []
    var notes: [String] = []

    mutating func add(_ row: Row) {
        rows.append(row)
        progress("  \(row.name): \(Format.time(row.median)) median, \(Format.time(row.p99)) p99\(row.value.map { ", " + Format.value($0, row.unit) } ?? "")\(row.target.map { "  [\($0.status.rawValue) \($0.text)]" } ?? "")")
    }

    /// Rows grouped in a fixed order (the run order differs: memory goes first).
    static let displayOrder = ["assess", "scan", "fit", "solver", "socket", "memory", "alloc"]

    var orderedRows: [Row] {
        rows.enumerated().sorted { a, b in
            let ga = Self.displayOrder.firstIndex(of: a.element.group) ?? 99
            let gb = Self.displayOrder.firstIndex(of: b.element.group) ?? 99
            return ga != gb ? ga < gb : a.offset < b.offset
        }.map(\.element)
    }

    var table: String {
        let rows = orderedRows
        var lines: [String] = []
        lines.append("drift-bench (\(machine.configuration) build\(quick ? ", --quick" : ""))")
        lines.append("machine: \(machine.cpu), \(machine.cores) cores, \(Format.bytes(Double(machine.memoryBytes))) memory, \(machine.kernel), built with \(machine.swift)")
        lines.append("timer overhead: \(Format.time(timerOverhead)) per reading (included in per-operation times)")
        lines.append("")
        let header = ["benchmark", "median", "p99", "n", "rate / size", "target", ""]
        var cells: [[String]] = [header]
        var lastGroup = ""
        var groupStarts: Set<Int> = []
        for row in rows {
            if row.group != lastGroup {
                groupStarts.insert(cells.count)
                lastGroup = row.group
            }
            cells.append([
                row.name, Format.time(row.median), Format.time(row.p99), row.samples.map { Format.count(Double($0)) } ?? "",
                row.value.map { Format.value($0, row.unit) } ?? (row.unit == nil ? "" : "n/a"),
                row.target?.text ?? "", row.target?.status.rawValue ?? "",
            ])
        }
        let widths = (0..<header.count).map { column in cells.map { $0[column].count }.max() ?? 0 }
        let rightAligned: Set<Int> = [1, 2, 3, 4]
        for (index, row) in cells.enumerated() {
            if groupStarts.contains(index) && index > 1 { lines.append("") }
            var line = ""
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                line += rightAligned.contains(column) ? pad + cell : cell + pad
                if column < row.count - 1 { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
            if index == 0 { lines.append(String(repeating: "-", count: line.count)) }
        }
        let notes = rows.compactMap { row in row.note.map { "- \(row.name): \($0)" } } + self.notes.map { "- \($0)" }
        if !notes.isEmpty {
            lines.append("")
            lines.append("notes:")
            lines.append(contentsOf: notes)
        }
        let misses = rows.filter { $0.target?.status == .miss }.count
        let passes = rows.filter { $0.target?.status == .pass }.count
        lines.append("")
        lines.append("targets: \(passes) PASS, \(misses) MISS, \(rows.filter { $0.target?.status == .notAvailable }.count) n/a")
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { $0.isFinite ? .number($0) : .null } ?? .null }
        let results: [JSONValue] = orderedRows.map { row in
            var object = JSONObject()
            object["group"] = .string(row.group)
            object["name"] = .string(row.name)
            object["median_ns"] = number(row.median)
            object["p99_ns"] = number(row.p99)
            object["samples"] = row.samples.map { .number(Double($0)) } ?? .null
            object["value"] = number(row.value)
            object["unit"] = row.unit.map { .string($0.rawValue) } ?? .null
            object["target"] = row.target.map { .string($0.text) } ?? .null
            object["status"] = row.target.map { .string($0.status.rawValue) } ?? .null
            object["note"] = row.note.map(JSONValue.string) ?? .null
            return .object(object)
        }
        return [
            "machine": [
                "cpu": .string(machine.cpu), "cores": .number(Double(machine.cores)),
                "memory_bytes": .number(Double(machine.memoryBytes)), "kernel": .string(machine.kernel),
                "swift": .string(machine.swift), "configuration": .string(machine.configuration),
            ],
            "quick": .bool(quick),
            "timer_overhead_ns": .number(timerOverhead),
            "results": .array(results),
            "notes": .array(notes.map(JSONValue.string)),
        ]
    }
}

enum Format {
    static func time(_ nanoseconds: Double?) -> String {
        guard let ns = nanoseconds, ns.isFinite else { return "-" }
        if ns < 1_000 { return "\(fixed(ns, 0)) ns" }
        if ns < 1_000_000 { return "\(fixed(ns / 1e3, ns < 10_000 ? 2 : 1)) us" }
        if ns < 1_000_000_000 { return "\(fixed(ns / 1e6, ns < 10_000_000 ? 2 : 1)) ms" }
        return "\(fixed(ns / 1e9, 2)) s"
    }

    static func value(_ value: Double, _ unit: Row.Unit?) -> String {
        switch unit {
        case .stepsPerSecond, .operationsPerSecond: return "\(count(value)) \(unit!.rawValue)"
        case .megabytesPerSecond: return "\(fixed(value, 0)) MB/s"
        case .bytesPerSession: return "\(fixed(value, 0)) B/session"
        case .allocationsPerOperation: return "\(fixed(value, 2)) allocs/op"
        case nil: return fixed(value, 2)
        }
    }

    /// 1234567 -> "1.23M", 45300 -> "45.3k".
    static func count(_ value: Double) -> String {
        if value >= 1e6 { return "\(fixed(value / 1e6, 2))M" }
        if value >= 1e4 { return "\(fixed(value / 1e3, 1))k" }
        return fixed(value, 0)
    }

    static func bytes(_ value: Double) -> String {
        if value >= 1_073_741_824 { return "\(fixed(value / 1_073_741_824, 1)) GiB" }
        if value >= 1_048_576 { return "\(fixed(value / 1_048_576, 1)) MiB" }
        if value >= 1024 { return "\(fixed(value / 1024, 1)) KiB" }
        return "\(fixed(value, 0)) B"
    }

    /// `value` with `digits` decimals, without Foundation's String(format:).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = Int(scaled - Double(whole) * scale)
            let digitsText = String(fraction)
            text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
        }
        return text
    }
}

/// Progress goes to stderr, so that stdout holds only the table or the JSON.
func progress(_ message: String) {
    writeStandardError(message + "\n")
}

func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { if n < 0 && errno == EINTR { continue } else { return } }
        offset += n
    }
    bytes.removeAll()
}
