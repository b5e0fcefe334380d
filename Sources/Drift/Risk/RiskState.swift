/// The risk state of a trajectory after some steps: one level per dimension.
///
/// The state before the first step is `initial` (nothing exposed, read-only, fully
/// reversible, untainted, no consequential action, no target). `applying(_:)` is the only
/// way a state moves, and it keeps D, T, U, I and P monotone.
public struct RiskState: Hashable, Sendable, CustomStringConvertible {
    public var exposure: DataExposure
    public var escalation: ToolEscalation
    public var reversibility: Reversibility
    public var taint: Taint
    public var impact: Impact
    public var target: TargetProvenance

    public init(
        exposure: DataExposure = .none, escalation: ToolEscalation = .readOnly,
        reversibility: Reversibility = .fullyReversible, taint: Taint = .none,
        impact: Impact = .none, target: TargetProvenance = .none
    ) {
        self.exposure = exposure
        self.escalation = escalation
        self.reversibility = reversibility
        self.taint = taint
        self.impact = impact
        self.target = target
    }

    public static let initial = RiskState()

    /// The state after a step with this effect: D, T, U, I and P take the maximum, R is
    /// set by a step that sets it and left alone by one that does not (reads).
    public func applying(_ effect: StepEffect) -> RiskState {
        RiskState(
            exposure: max(exposure, effect.exposure),
            escalation: max(escalation, effect.escalation),
            reversibility: effect.reversibility ?? reversibility,
            taint: max(taint, effect.taint),
            impact: max(impact, effect.impact),
            target: max(target, effect.target))
    }

    /// How many distinct states there are: 5 x 4 x 3 x 3 x 3 x 5.
    public static let count = fineCount * 3 * 5
    /// How many (D, T, R, U) tuples there are: the fine chain's transient states.
    public static let fineCount = 5 * 4 * 3 * 3

    /// A dense index in 0..<count, with the initial state at 0. The dimensions added last
    /// are the slowest digits, so a state without impact or target keeps the index it had
    /// before they existed (journals written by older versions read back the same).
    public var index: Int {
        (target.rawValue * 3 + impact.rawValue) * Self.fineCount + fineIndex
    }

    /// The (D, T, R, U) tuple's index in 0..<fineCount, taint as the slowest digit, so
    /// that the untainted states (the paper's 60) come first.
    public var fineIndex: Int {
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
        taint = Taint(rawValue: rest % 3)!
        rest /= 3
        impact = Impact(rawValue: rest % 3)!
        rest /= 3
        target = TargetProvenance(rawValue: rest)!
    }

    public static var all: [RiskState] { (0..<count).map(RiskState.init(index:)) }

    /// A compact name, stable across versions: `SENSITIVE/NETWORK/IRREVERSIBLE/NONE`
    /// (D/T/R/U), followed by `/I/P` when either of those is set. The fine chain's state
    /// names are the four-part form.
    public var name: String {
        impact == .none && target == .none ? fineName : "\(fineName)/\(impact.name)/\(target.name)"
    }

    /// The (D, T, R, U) part of the name.
    public var fineName: String {
        "\(exposure.name)/\(escalation.name)/\(reversibility.name)/\(taint.name)"
    }

    public init?(name: String) {
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count == 4 || parts.count == 6,
            let d = DataExposure(name: parts[0]), let t = ToolEscalation(name: parts[1]),
            let r = Reversibility(name: parts[2]), let u = Taint(name: parts[3])
        else { return nil }
        var impact = Impact.none
        var target = TargetProvenance.none
        if parts.count == 6 {
            guard let i = Impact(name: parts[4]), let p = TargetProvenance(name: parts[5]) else { return nil }
            impact = i
            target = p
        }
        self.init(exposure: d, escalation: t, reversibility: r, taint: u, impact: impact, target: target)
    }

    public var description: String {
        "D=\(exposure.name) T=\(escalation.name) R=\(reversibility.name) U=\(taint.name) I=\(impact.name) P=\(target.name)"
    }
}

/// What one step does to the risk state, and why: the evidence an alert reports.
public struct StepEffect: Hashable, Sendable {
    public var exposure: DataExposure
    public var escalation: ToolEscalation
    /// nil: the step leaves reversibility as it was (a read, or a failed call).
    public var reversibility: Reversibility?
    public var taint: Taint
    public var impact: Impact
    /// Where this step's targets came from; NONE when it names none or is not directed.
    public var target: TargetProvenance
    /// What the step does, as the tool semantics read it.
    public var action: ActionClass
    /// Human-readable reasons, most important first: `tool send_email: network (pattern "send_*")`.
    public var evidence: [String]
    /// True when the tool matched no explicit entry and no pattern.
    public var unknownTool: Bool

    public init(
        exposure: DataExposure = .none, escalation: ToolEscalation = .readOnly,
        reversibility: Reversibility? = nil, taint: Taint = .none, impact: Impact = .none,
        target: TargetProvenance = .none, action: ActionClass = .read, evidence: [String] = [],
        unknownTool: Bool = false
    ) {
        self.impact = impact
        self.target = target
        self.action = action
        self.exposure = exposure
        self.escalation = escalation
        self.reversibility = reversibility
        self.taint = taint
        self.evidence = evidence
        self.unknownTool = unknownTool
    }
}
