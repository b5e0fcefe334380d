import Glibc

/// A small logger: one line per event, prefixed `<N>` with the syslog priority, which
/// journald reads from a service's stderr (`sd-daemon(3)`).
///
/// The level is checked before the message is built, so disabled logging costs a
/// comparison (swift-log's `Logger._log` does the same with `@autoclosure`). Newlines in
/// a message are escaped, so one event is always one line.
public struct Log: Sendable {
    public enum Level: Int32, Comparable, Sendable, CaseIterable {
        case error = 3, warning = 4, notice = 5, info = 6, debug = 7

        /// More severe levels compare smaller, as in syslog.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Where lines go: standard error, or a test's own sink. Each call gets one complete
    /// line, `\n` included.
    public struct Sink: Sendable {
        let write: @Sendable (String) -> Void

        public init(_ write: @escaping @Sendable (String) -> Void) {
            self.write = write
        }

        /// One `write(2)` per line, so concurrent lines do not interleave. Errors are
        /// dropped: a closed stderr must not bring the daemon down (which is why this
        /// calls `write` directly rather than `Posix.write`, which traps on `EBADF`).
        public static let standardError = Sink { line in
            var line = line
            line.withUTF8 { bytes in
                var rest = UnsafeRawBufferPointer(bytes)
                while !rest.isEmpty {
                    let count = Glibc.write(2, rest.baseAddress, rest.count)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return }
                    rest = UnsafeRawBufferPointer(rebasing: rest[count...])
                }
            }
        }

        /// Drops everything.
        public static let discard = Sink { _ in }
    }

    /// The least severe level written.
    public var level: Level
    public var sink: Sink

    public init(level: Level = .info, sink: Sink = .standardError) {
        self.level = level
        self.sink = sink
    }

    @inlinable
    public func isEnabled(_ level: Level) -> Bool { level <= self.level }

    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func notice(_ message: @autoclosure () -> String) { log(.notice, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }

    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        var text = message()
        if text.contains("\n") { text = text.replacingOccurrences(of: "\n", with: "\\n") }
        sink.write("<\(level.rawValue)>\(text)\n")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
