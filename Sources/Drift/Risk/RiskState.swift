/// The risk state of a trajectory after some steps: one level per dimension.
///
/// The state before the first step is `initial` (nothing exposed, read-only, fully
/// reversible, untainted). `applying(_:)` is the only way a state moves, and it keeps
/// D, T and U monotone.
public struct RiskState: Hashable, Sendable, CustomStringConvertible {
    public var exposure: DataExposure
    public var escalation: ToolEscalation
    public var reversibility: Reversibility
    public var taint: Taint

    public init(
        exposure: DataExposure = .none, escalation: ToolEscalation = .readOnly,
        reversibility: Reversibility = .fullyReversible, taint: Taint = .none
    ) {
        self.exposure = exposure
        self.escalation = escalation
        self.reversibility = reversibility
        self.taint = taint
    }

    public static let initial = RiskState()

    /// The state after a step with this effect: D, T and U take the maximum, R is set by
    /// a step that sets it and left alone by one that does not (reads).
    public func applying(_ effect: StepEffect) -> RiskState {
        RiskState(
            exposure: max(exposure, effect.exposure),
            escalation: max(escalation, effect.escalation),
            reversibility: effect.reversibility ?? reversibility,
            taint: max(taint, effect.taint))
    }

    /// How many distinct states there are: 5 x 4 x 3 x 3.
    public static let count = 5 * 4 * 3 * 3

    /// A dense index in 0..<count, with the initial state at 0 and taint as the slowest
    /// digit, so that the untainted states (the paper's 60) come first.
    public var index: Int {
        ((taint.rawValue * 5 + exposure.rawValue) * 4 + escalation.rawValue) * 3 + reversibility.rawValue
    }

    public init(index: Int) {
        precondition((0..<Self.count).contains(index), "risk state index \(index) out of range")
        var rest = index
        reversibility = Reversibility(rawValue: rest % 3)!
        rest /= 3
        escalation = ToolEscalation(rawValue: rest % 4)!
        rest /= 4
        exposure = DataExposure(rawValue: rest % 5)!
        rest /= 5
        taint = Taint(rawValue: rest)!
    }

    public static var all: [RiskState] { (0..<count).map(RiskState.init(index:)) }

    /// A compact name, stable across versions: used as the fine chain's state names.
    /// `SENSITIVE/NETWORK/IRREVERSIBLE/NONE` (D/T/R/U).
    public var name: String {
        "\(exposure.name)/\(escalation.name)/\(reversibility.name)/\(taint.name)"
    }

    public init?(name: String) {
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count == 4,
            let d = DataExposure(name: parts[0]), let t = ToolEscalation(name: parts[1]),
            let r = Reversibility(name: parts[2]), let u = Taint(name: parts[3])
        else { return nil }
        self.init(exposure: d, escalation: t, reversibility: r, taint: u)
    }

    public var description: String {
        "D=\(exposure.name) T=\(escalation.name) R=\(reversibility.name) U=\(taint.name)"
    }
}

/// What one step does to the risk state, and why: the evidence an alert reports.
public struct StepEffect: Hashable, Sendable {
    public var exposure: DataExposure
    public var escalation: ToolEscalation
    /// nil: the step leaves reversibility as it was (a read, or a failed call).
    public var reversibility: Reversibility?
    public var taint: Taint
    /// Human-readable reasons, most important first: `tool send_email: network (pattern "send_*")`.
    public var evidence: [String]
    /// True when the tool matched no explicit entry and no pattern.
    public var unknownTool: Bool

    public init(
        exposure: DataExposure = .none, escalation: ToolEscalation = .readOnly,
        reversibility: Reversibility? = nil, taint: Taint = .none, evidence: [String] = [],
        unknownTool: Bool = false
    ) {
        self.exposure = exposure
        self.escalation = escalation
        self.reversibility = reversibility
        self.taint = taint
        self.evidence = evidence
        self.unknownTool = unknownTool
    }
}
