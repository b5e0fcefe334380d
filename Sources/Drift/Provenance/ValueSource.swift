/// Where a value was seen, from least to most trusted by the rules' reading: a tool
/// result (`untrusted`), a tool result that also addressed instructions to the agent
/// (`instructed`), or the user's task.
///
/// The order is the order of the raw values; `task` is greatest because a task
/// sighting always wins (the user named the value), and `instructed` beats
/// `untrusted` because it is the stronger claim about where the value came from.
public enum ValueSource: UInt8, Comparable, Sendable {
    case untrusted = 1
    case instructed = 2
    case task = 3

    public static func < (a: ValueSource, b: ValueSource) -> Bool { a.rawValue < b.rawValue }

    /// The lower-case name used in reports and JSON.
    public var name: String {
        switch self {
        case .task: "task"
        case .untrusted: "untrusted"
        case .instructed: "instructed"
        }
    }
}
