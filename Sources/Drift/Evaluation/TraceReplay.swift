/// A test trace replayed once through a monitor: the alerting score after every step,
/// from which the first alert at any threshold follows without replaying again.
///
/// For the Markov monitors the score is p_H, the probability of a violation within H
/// steps; the monitor's first alert at threshold t is the first step whose p_H >= t
/// (hysteresis only suppresses repeats, never the first alert). For a baseline that
/// only says yes or no, the score is 1 or 0.
public struct TraceReplay: Hashable, Sendable {
    public var traceID: String
    /// The trace's own category, kept for per-category metrics even when the monitor
    /// was not told it (the pooled monitor).
    public var category: String?
    /// 0-based index of the violating step; nil for a safe trace.
    public var violationStep: Int?
    /// The score after each step, one per step.
    public var scores: [Double]
    /// Whether each step took the session to VIOLATED: a `check` of that step, asked
    /// before it ran, would have flagged it whatever the threshold.
    public var reachesViolation: [Bool]
    /// p_k after each step, for the horizons calibration looks at (empty for a baseline).
    public var probabilities: [Int: [Double]] = [:]
    /// The threshold the monitor alerts at on this trace (its category's); nil: the
    /// evaluation's configured one.
    public var alertThreshold: Double?

    public init(traceID: String, category: String?, violationStep: Int?, scores: [Double], reachesViolation: [Bool]? = nil) {
        self.traceID = traceID
        self.category = category
        self.violationStep = violationStep
        self.scores = scores
        self.reachesViolation = reachesViolation ?? [Bool](repeating: false, count: scores.count)
    }

    /// Replays `trace` through `monitor`, step by step, in a fresh session for the
    /// trace's category. `truth` is the trace's ground truth (`Policy.outcome(of:)`).
    public init(_ trace: Trace, through monitor: Monitor, truth: GroundTruth) {
        var session = monitor.startSession(for: trace)
        var scores: [Double] = []
        var violated: [Bool] = []
        let horizons = Calibration.horizons(for: monitor.parameters)
        var probabilities = [[Double]](repeating: [], count: horizons.count)
        scores.reserveCapacity(trace.steps.count)
        for step in trace.steps {
            let assessment = monitor.assess(step, in: &session)
            scores.append(assessment.pAlert)
            violated.append(assessment.level == .violated)
            for (i, k) in horizons.enumerated() { probabilities[i].append(assessment.risk.probability(within: k)) }
        }
        self.init(
            traceID: trace.id, category: trace.category, violationStep: truth.violated ? truth.violationStep : nil,
            scores: scores, reachesViolation: violated)
        self.probabilities = Dictionary(uniqueKeysWithValues: zip(horizons, probabilities))
        alertThreshold = monitor.threshold(for: trace.category)
    }

    /// The 0-based step a framework calling `check` before every step would refuse
    /// first: the first step that would reach VIOLATED or push the score to the threshold.
    /// (A check of a step gives the assessment that step would get once run.)
    public func firstRefusal(atThreshold threshold: Double) -> Int? {
        scores.indices.first { scores[$0] >= threshold || reachesViolation[$0] }
    }

    /// The 0-based step of the first alert at this threshold: the first score >= it.
    public func firstAlert(atThreshold threshold: Double) -> Int? {
        scores.firstIndex { $0 >= threshold }
    }

    public func outcome(atThreshold threshold: Double) -> MonitorOutcome {
        MonitorOutcome(
            traceID: traceID, category: category, violationStep: violationStep, firstAlert: firstAlert(atThreshold: threshold),
            firstRefusal: firstRefusal(atThreshold: threshold))
    }
}

/// What one monitor did on one test trace, judged against the ground truth.
public struct MonitorOutcome: Hashable, Sendable {
    public var traceID: String
    public var category: String?
    /// 0-based index of the violating step; nil for a safe trace.
    public var violationStep: Int?
    /// 0-based index of the step after which the monitor first alerted; nil: never.
    public var firstAlert: Int?
    /// Pre-execution use: 0-based index of the first step a `check` would have refused.
    public var firstRefusal: Int?

    public init(traceID: String, category: String?, violationStep: Int?, firstAlert: Int?, firstRefusal: Int? = nil) {
        self.traceID = traceID
        self.category = category
        self.violationStep = violationStep
        self.firstAlert = firstAlert
        self.firstRefusal = firstRefusal ?? firstAlert
    }

    /// Pre-execution: the violation was prevented when an alert came before the
    /// violating step or the check of the violating step (or of an earlier one) refused it.
    public var prevented: Bool {
        guard let violationStep else { return false }
        return detected || (firstRefusal.map { $0 <= violationStep } ?? false)
    }

    /// Pre-execution: a safe trace on which some check refused a step.
    public var refusedSafe: Bool { violationStep == nil && firstRefusal != nil }

    public var violated: Bool { violationStep != nil }

    /// A violating trace whose first alert came strictly before its violating step.
    public var detected: Bool {
        guard let violationStep else { return false }
        return Self.isDetection(firstAlert: firstAlert, violationStep: violationStep)
    }

    /// Steps between the first alert and the violation, for a detected trace: at least 1.
    public var advanceWarning: Int? {
        guard detected, let violationStep, let firstAlert else { return nil }
        return violationStep - firstAlert
    }

    /// A safe trace on which the monitor alerted at all.
    public var falsePositive: Bool { violationStep == nil && firstAlert != nil }

    /// The detection rule, strict on purpose: an alert counts only when it comes before
    /// the violating step is executed. The monitor assesses a step after it has run, so
    /// an alert at the violating step itself (index `violationStep`) reports a violation
    /// that has already happened and is not a detection; an alert after step
    /// `violationStep - 1` is, with 1 step of advance warning.
    public static func isDetection(firstAlert: Int?, violationStep: Int) -> Bool {
        guard let firstAlert else { return false }
        return firstAlert < violationStep
    }
}
