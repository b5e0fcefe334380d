import DriftCommandLine
import Foundation
import JSON

/// Runs `drift` in-process and captures what it prints.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String

    init(_ arguments: String...) {
        self.init(arguments)
    }

    init(_ arguments: [String]) {
        final class Buffer: @unchecked Sendable {
            // Protected by `lock`.
            let lock = NSLock()
            var out = ""
            var err = ""
        }
        let buffer = Buffer()
        let output = Output { stream, text in
            buffer.lock.withLock {
                if stream == .standardOutput { buffer.out += text } else { buffer.err += text }
            }
        }
        status = DriftTool.run(arguments, output: output)
        stdout = buffer.out
        stderr = buffer.err
    }

    var json: JSONValue? { try? JSONParser.parse(stdout) }
}

enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The built `drift` binary, beside the test bundle.
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("drift").path
    }
}

/// A fresh temporary folder per test: Swift Testing runs tests in parallel.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("drift-e2e-\(safe)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
