import Foundation

/// Where a command writes: the terminal in `drift`, a buffer in tests.
public final class Output: @unchecked Sendable {
    // Protected by `lock`: the daemon's log and a command may write from two threads.
    private let lock = NSLock()
    private let write: @Sendable (Stream, String) -> Void

    public enum Stream: Sendable { case standardOutput, standardError }

    public init(write: @escaping @Sendable (Stream, String) -> Void) {
        self.write = write
    }

    /// The process's own stdout and stderr.
    public static let terminal = Output { stream, text in
        let handle = stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }

    public func print(_ text: String = "") {
        lock.withLock { write(.standardOutput, text + "\n") }
    }

    public func error(_ text: String) {
        lock.withLock { write(.standardError, text + "\n") }
    }
}

/// One subcommand of `drift`: its help text, its options, and what it does.
protocol Command {
    static var name: String { get }
    /// One line, shown in `drift --help`.
    static var abstract: String { get }
    static var usage: String { get }
    /// What the user cannot guess from the options: defaults, formats, examples.
    static var discussion: String { get }
    static var options: [OptionSpec] { get }

    init(_ arguments: ParsedArguments) throws(UsageError)
    func run(_ output: Output) throws -> Int32
}

extension Command {
    static var helpText: String {
        var text = "OVERVIEW: \(abstract)\n\nUSAGE: \(usage)\n"
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        let all = options + [OptionSpec(["--help", "-h"], help: "Show this help.")]
        text += "\nOPTIONS:\n"
        for option in all {
            var left = option.names.joined(separator: ", ")
            if let value = option.valueName { left += " <\(value)>" }
            let pad = String(repeating: " ", count: max(1, 28 - left.count))
            text += "  \(left)\(pad)\(option.help)\n"
        }
        return text
    }
}

/// Exit codes, in one place (sysexits.h where one fits).
public enum ExitCode {
    public static let success: Int32 = 0
    /// Something failed: a run that found problems (`validate`), an alert in `score --fail-on-alert`.
    public static let failure: Int32 = 1
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let software: Int32 = 70
}
