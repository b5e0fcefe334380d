import JSON

/// One tool call of an agent: what it called, with what, and what came back.
public struct Step: Hashable, Sendable {
    public var tool: String
    /// The call's arguments, usually an object.
    public var arguments: JSONValue
    /// The tool's output, when the step has run (a `check` usually has none).
    public var result: String?
    /// The call failed: it exposed nothing and changed nothing, but the agent reached for
    /// the tool's capability, so T still rises.
    public var failed: Bool
    /// Labels a trace carries; they win over what the policy would derive.
    public var labels: StepLabels

    public init(tool: String, arguments: JSONValue = .object(JSONObject()), result: String? = nil, failed: Bool = false, labels: StepLabels = StepLabels()) {
        self.tool = tool
        self.arguments = arguments
        self.result = result
        self.failed = failed
        self.labels = labels
    }
}

/// Hand-made labels on a step (the paper's traces carry them; live steps do not).
public struct StepLabels: Hashable, Sendable {
    public var exposes: DataExposure?
    public var escalation: ToolEscalation?
    public var reversibility: Reversibility?
    public var taint: Taint?
    /// A complete state after the step (the paper's `safety_state_after`): wins over
    /// everything else.
    public var stateAfter: RiskState?

    public init(exposes: DataExposure? = nil, escalation: ToolEscalation? = nil, reversibility: Reversibility? = nil, taint: Taint? = nil, stateAfter: RiskState? = nil) {
        self.exposes = exposes
        self.escalation = escalation
        self.reversibility = reversibility
        self.taint = taint
        self.stateAfter = stateAfter
    }

    public var isEmpty: Bool { self == StepLabels() }
}

/// Whether a trace violated, and at which 0-based step: ground truth for fitting and
/// evaluation. Absent, the policy's own rules decide.
public struct GroundTruth: Hashable, Sendable {
    public var violated: Bool
    public var violationStep: Int?

    public init(violated: Bool, violationStep: Int? = nil) {
        self.violated = violated
        self.violationStep = violationStep
    }
}

/// A recorded run of an agent on one task.
public struct Trace: Hashable, Sendable {
    public var id: String
    /// The task category (research_comms, ...); nil when the trace does not say.
    public var category: String?
    /// The user's instruction (and system prompt): trusted text for target provenance.
    public var task: String?
    /// The tools the trace declares (`tools` in a transcript or native trace).
    public var tools: ToolCatalog = ToolCatalog()
    public var steps: [Step]
    public var groundTruth: GroundTruth?
    /// Where the trace came from: `file` or `file:line` for JSONL.
    public var origin: String
    /// The record's string metadata (`family`, `naming`, `source`, ...), for grouping
    /// traces in an evaluation (`drift eval --split-by`); never read by the policy.
    /// Transcripts and paper-format traces take the string members of `metadata`,
    /// native traces their own top-level strings (but not `format`).
    /// Filled by the decoders up to `TraceAttributes.maximumCount` members, each value
    /// at most `TraceAttributes.maximumValueBytes` UTF-8 bytes; the rest is left out.
    public var attributes: [String: String]

    public init(
        id: String, category: String?, task: String? = nil, steps: [Step], groundTruth: GroundTruth? = nil, origin: String = "",
        attributes: [String: String] = [:]
    ) {
        self.id = id
        self.category = category
        self.task = task
        self.steps = steps
        self.groundTruth = groundTruth
        self.origin = origin
        self.attributes = attributes
    }
}
