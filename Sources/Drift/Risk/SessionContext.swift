/// What the policy knows about a running session beyond its risk state: the tools the
/// framework declared, and where the values that can direct an action came from.
///
/// A value type: `Monitor.check` copies it for a what-if and throws the copy away.
/// Both members stay empty (and allocate nothing) until a session declares tools or the
/// policy tracks provenance, which keeps an idle session small.
public struct SessionContext: Hashable, Sendable {
    public var tools: ToolCatalog
    public var targets: TargetIndex
    /// Steps recorded so far: the next step is number `steps + 1`.
    public var steps: Int = 0
    /// Whether the session was given the user's task: without it, no target can be
    /// TASK, and the evidence says so.
    public var hasTask = false
    /// The action classes the task asks for, one bit per `ActionClass` raw value.
    var requestedMask: UInt16 = 0

    public init(task: String? = nil, tools: ToolCatalog = ToolCatalog(), capacity: Int = TargetIndex.defaultCapacity) {
        self.tools = tools
        self.targets = TargetIndex(capacity: capacity)
        if let task, !task.isEmpty {
            targets.recordTask(task)
            hasTask = true
            for action in ToolMeaning.requestedActions(in: task) { requestedMask |= 1 << action.rawValue }
        }
    }
}

extension SessionContext {
    /// Whether the task asks for this class of action (always false without a task).
    public func taskRequests(_ action: ActionClass) -> Bool {
        requestedMask & (1 << action.rawValue) != 0
    }
}

/// The provenance section of a policy: whether the targets of directed actions are
/// traced to the task or to tool results, and how many values a session keeps.
public struct ProvenanceRules: Hashable, Sendable {
    public var enabled: Bool
    public var capacity: Int

    public init(enabled: Bool = false, capacity: Int = TargetIndex.defaultCapacity) {
        self.enabled = enabled
        self.capacity = capacity
    }

    public static let off = ProvenanceRules()
}
