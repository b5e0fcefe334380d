import Drift

/// The daemon's settings: `config/drift.conf`, `key = value` lines with `#` comments.
///
/// Every key is documented in the shipped file. Unknown keys and bad values are errors
/// that name the file, line and key, so a typo never silently falls back to a default.
public struct DaemonConfiguration: Hashable, Sendable {
    public var socket = "drift.sock"
    public var socketMode: UInt32 = 0o660
    public var socketGroup: String?
    public var model = "model.json"
    /// nil: the built-in policy.
    public var policy: String?
    public var stateDirectory: String?
    /// nil: the policy's.
    public var horizon: Int?
    public var threshold: Double?
    public var reportedHorizons: [Int]?
    public var chain: ChainKind?
    /// Seconds without a step after which a session is forgotten.
    public var sessionIdleTimeout: Double = 3600
    public var maximumSessions = 100_000
    public var maximumConnections = 1024
    public var maximumLineBytes = 1 << 20
    public var logLevel: Log.Level = .info
    /// fsync policy of the session journal: `always`, `interval` (every second) or `never`.
    public var journalSync = "interval"
    /// Who may step, read and reload, by uid and gid.
    public var access = AccessPolicy.open
    /// Requests per second one connection may send (a burst of as many is allowed);
    /// 0: no limit.
    public var maximumRequestsPerSecond = 0

    public init() {}

    /// The monitor parameters: the policy's, with what this file overrides.
    public func monitorParameters(for policy: Policy) -> MonitorParameters {
        var parameters = policy.monitor
        if let horizon { parameters.horizon = horizon }
        if let threshold { parameters.overrideThreshold(threshold) }
        if let reportedHorizons { parameters.reportedHorizons = reportedHorizons }
        if let chain { parameters.chain = chain }
        return parameters
    }
}

extension DaemonConfiguration {
    public static func load(contentsOf path: String) throws(InputError) -> DaemonConfiguration {
        let bytes = try FileBytes.read(path)
        return try parse(String(decoding: bytes, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        var seen: [String: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let content = String(line).trimmingCharacters()
            if content.isEmpty { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw InputError(file: file, line: lineNumber, message: "expected \"key = value\", found \"\(content)\"")
            }
            let key = String(content[..<equals]).trimmingCharacters()
            let value = String(content[content.index(after: equals)...]).trimmingCharacters()
            func fail(_ message: String) -> InputError {
                InputError(file: file, line: lineNumber, path: key, message: message)
            }
            if let previous = seen[key] { throw fail("set twice (first on line \(previous))") }
            seen[key] = lineNumber
            guard !value.isEmpty else { throw fail("has no value") }
            func integer(_ range: ClosedRange<Int>) throws(InputError) -> Int {
                guard let n = Int(value.replacingUnderscores()), range.contains(n) else {
                    throw fail("expected a whole number from \(range.lowerBound) to \(range.upperBound), found \"\(value)\"")
                }
                return n
            }
            func number(_ range: ClosedRange<Double>) throws(InputError) -> Double {
                guard let n = Double(value), range.contains(n) else {
                    throw fail("expected a number from \(range.lowerBound) to \(range.upperBound), found \"\(value)\"")
                }
                return n
            }
            switch key {
            case "socket": configuration.socket = value
            case "socket_mode":
                guard let mode = UInt32(value, radix: 8), mode <= 0o777 else { throw fail("expected an octal mode like 0660, found \"\(value)\"") }
                configuration.socketMode = mode
            case "socket_group": configuration.socketGroup = value
            case "model": configuration.model = value
            case "policy": configuration.policy = value == "builtin" ? nil : value
            case "state_dir": configuration.stateDirectory = value
            case "horizon": configuration.horizon = try integer(1...1000)
            case "threshold":
                let t = try number(0...1)
                guard t > 0 else { throw fail("the threshold must be above 0") }
                configuration.threshold = t
            case "reported_horizons":
                var horizons: [Int] = []
                for part in value.split(separator: ",") {
                    guard let k = Int(String(part).trimmingCharacters()), (1...1000).contains(k) else {
                        throw fail("expected horizons like 1,3,5,10, found \"\(value)\"")
                    }
                    horizons.append(k)
                }
                guard !horizons.isEmpty else { throw fail("name at least one horizon, like 1,3,5,10") }
                configuration.reportedHorizons = horizons
            case "chain":
                guard let kind = ChainKind(rawValue: value) else { throw fail("expected coarse or fine, found \"\(value)\"") }
                configuration.chain = kind
            case "session_idle_timeout": configuration.sessionIdleTimeout = try number(1...31_536_000)
            case "max_sessions": configuration.maximumSessions = try integer(1...100_000_000)
            case "max_connections": configuration.maximumConnections = try integer(1...1_000_000)
            case "max_line_bytes": configuration.maximumLineBytes = try integer(1024...(1 << 30))
            case "log_level":
                guard let level = Log.Level(name: value) else {
                    throw fail("expected one of \(Log.Level.allCases.map(\.name).joined(separator: ", ")), found \"\(value)\"")
                }
                configuration.logLevel = level
            case "step_uids", "step_gids", "read_uids", "read_gids", "reload_uids", "reload_gids":
                let role = AccessPolicy.Role(rawValue: String(key.prefix { $0 != "_" }))!
                var ids: Set<UInt32> = []
                for part in value.split(separator: ",") {
                    guard let id = UInt32(String(part).trimmingCharacters()) else { throw fail("expected numeric ids like 0, 1000, found \"\(value)\"") }
                    ids.insert(id)
                }
                var grant = configuration.access.grants[role] ?? AccessPolicy.Grant()
                if key.hasSuffix("uids") { grant.uids = ids } else { grant.gids = ids }
                configuration.access.grants[role] = grant
            case "max_requests_per_second": configuration.maximumRequestsPerSecond = try integer(0...10_000_000)
            case "journal_sync":
                guard ["always", "interval", "never"].contains(value) else { throw fail("expected always, interval or never, found \"\(value)\"") }
                configuration.journalSync = value
            default:
                throw fail("unknown setting")
            }
        }
        return configuration
    }
}

extension Log.Level {
    public var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }

    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = level
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }

    fileprivate func replacingUnderscores() -> String { filter { $0 != "_" } }
}
