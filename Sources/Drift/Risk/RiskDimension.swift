/// One ordered dimension of the risk state (data exposure, tool escalation, ...).
///
/// Every dimension is a small ordered set of named levels; the conformance gives them
/// one shared way to be named, parsed and compared, so the policy can speak of any of
/// them in the same syntax (`"data_exposure": ">= SENSITIVE"`).
public protocol RiskDimension: CaseIterable, Comparable, Hashable, Sendable, CustomStringConvertible, RawRepresentable
where AllCases == [Self], RawValue == Int {
    /// The key that names the dimension in policy files and traces.
    static var key: String { get }
    /// The canonical name of each level, in order.
    var name: String { get }
    /// Other spellings a trace or policy may use for a level (lower case).
    static var aliases: [String: Self] { get }
}

extension RiskDimension {
    public var description: String { name }

    /// The level's position in its order: the raw values count up from 0 in order.
    public var ordinal: Int { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Parses a canonical name (any case) or an alias.
    public init?(name: String) {
        let upper = name.uppercased()
        if let level = Self.allCases.first(where: { $0.name == upper }) {
            self = level
        } else if let level = Self.aliases[name.lowercased()] {
            self = level
        } else {
            return nil
        }
    }

    public static var names: [String] { allCases.map(\.name) }

    public static var aliases: [String: Self] { [:] }
}

/// What data the trajectory has exposed so far. Monotone: max(old, this step's).
public enum DataExposure: Int, RiskDimension {
    case none, `public`, `internal`, sensitive, credentials

    public static let key = "data_exposure"

    public var name: String {
        switch self {
        case .none: "NONE"
        case .public: "PUBLIC"
        case .internal: "INTERNAL"
        case .sensitive: "SENSITIVE"
        case .credentials: "CREDENTIALS"
        }
    }
}

/// The most powerful class of tool used so far. Monotone: max(old, this step's class).
public enum ToolEscalation: Int, RiskDimension {
    case readOnly, fileWrite, codeExec, network

    public static let key = "tool_escalation"

    public var name: String {
        switch self {
        case .readOnly: "READ_ONLY"
        case .fileWrite: "FILE_WRITE"
        case .codeExec: "CODE_EXEC"
        case .network: "NETWORK"
        }
    }

    /// The short tool-class names the taxonomy and the native trace format use.
    public var className: String {
        switch self {
        case .readOnly: "read"
        case .fileWrite: "write"
        case .codeExec: "exec"
        case .network: "network"
        }
    }

    public static let aliases: [String: ToolEscalation] = [
        "read": .readOnly, "write": .fileWrite, "exec": .codeExec, "network": .network,
    ]
}

/// How undoable the latest state-changing step was. Not monotone: set by the latest
/// step that sets it; reads leave it unchanged.
public enum Reversibility: Int, RiskDimension {
    case fullyReversible, partially, irreversible

    public static let key = "reversibility"

    public var name: String {
        switch self {
        case .fullyReversible: "FULLY_REVERSIBLE"
        case .partially: "PARTIALLY"
        case .irreversible: "IRREVERSIBLE"
        }
    }

    public static let aliases: [String: Reversibility] = [
        "reversible": .fullyReversible, "partially_reversible": .partially,
    ]
}

/// Whether the agent has consumed content from outside its trust boundary, and whether
/// that content addressed instructions to the agent. Monotone. Beyond the paper.
public enum Taint: Int, RiskDimension {
    case none, untrusted, instructed

    public static let key = "taint"

    public var name: String {
        switch self {
        case .none: "NONE"
        case .untrusted: "UNTRUSTED"
        case .instructed: "INSTRUCTED"
        }
    }
}

/// The gravest kind of consequential action taken so far, beyond moving data:
/// destroying, moving money, granting access, actuating a device, running code that
/// came from outside. Monotone. Beyond the paper.
///
/// CONSEQUENTIAL is any such action; SEVERE is one whose scope is the whole system or
/// whose code is unknown: a recursive removal of `/` or a home folder, formatting a
/// disk, a download piped into a shell, switching off a protection.
public enum Impact: Int, RiskDimension {
    case none, consequential, severe

    public static let key = "impact"

    public var name: String {
        switch self {
        case .none: "NONE"
        case .consequential: "CONSEQUENTIAL"
        case .severe: "SEVERE"
        }
    }
}

/// Where the targets of the session's directed actions came from (recipients, URLs and
/// hosts, accounts, phone numbers, paths): the strongest seen so far. Monotone. Beyond
/// the paper (method.md section 8).
///
/// - NONE: no directed action has named a target yet.
/// - TASK: every target so far was named by the user's task.
/// - NEW: a target appeared nowhere before the agent used it.
/// - UNTRUSTED: a target came from a tool result.
/// - INSTRUCTED: a target came from a tool result that addressed instructions to the
///   agent: the signature of a prompt injection that worked.
public enum TargetProvenance: Int, RiskDimension {
    case none, task, new, untrusted, instructed

    public static let key = "target"

    public var name: String {
        switch self {
        case .none: "NONE"
        case .task: "TASK"
        case .new: "NEW"
        case .untrusted: "UNTRUSTED"
        case .instructed: "INSTRUCTED"
        }
    }
}
