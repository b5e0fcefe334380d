/// Where a session first saw a value, and the strongest claim about where it came from.
public struct TargetSighting: Hashable, Sendable {
    /// The strongest source seen: `task` wins over everything (the user named it),
    /// otherwise `instructed` over `untrusted`.
    public var source: ValueSource
    /// The 1-based step whose result first carried the value; 0 for the task. An
    /// upgrade of the source (untrusted to instructed) keeps the first step.
    public var step: Int
    /// The tool of that step, nil for the task, and nil when the index had already
    /// remembered `TargetIndex.maximumToolNames` other tool names.
    public var sourceTool: String?

    public init(source: ValueSource, step: Int, sourceTool: String?) {
        self.source = source
        self.step = step
        self.sourceTool = sourceTool
    }
}
