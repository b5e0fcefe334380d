import Foundation

/// Text formatting shared by the commands' tables.
enum Format {
    static func probability(_ p: Double) -> String {
        String(format: "%.3f", p)
    }

    static func steps(_ value: Double?) -> String {
        guard let value else { return "inf" }
        return String(format: "%.2f", value)
    }

    static func steps(_ value: Int?) -> String {
        value.map(String.init) ?? "-"
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value * 100)
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    /// Columns padded to their widest cell; the first column left-aligned, the rest right.
    static func table(_ rows: [[String]], indent: String = "  ") -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            indent + row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// Monotonic wall time for reporting how long work took.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
