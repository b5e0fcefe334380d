/// The live monitor: moves a session's state by each step and reads the risk of a
/// violation from precomputed tables.
///
/// Building a monitor solves every chain (milliseconds); assessing a step is then a
/// classification, a monotone state update and a table lookup.
public struct Monitor: Sendable {
    public let policy: Policy
    public let model: ChainModel
    public let tables: RiskTables
    public let parameters: MonitorParameters
    /// What tells categories apart, for sessions that do not name theirs.
    let categoryEvidence: CategoryEvidence
    /// The alert threshold per category, resolved once (see `threshold(for:)`).
    let alertThresholds: [String: Double]
    let pooledAlertThreshold: Double

    public init(policy: Policy, model: ChainModel, parameters: MonitorParameters? = nil) throws(TablesError) {
        let parameters = parameters ?? policy.monitor
        self.policy = policy
        self.model = model
        self.parameters = parameters
        self.tables = try RiskTables(model: model, kind: parameters.chain, horizon: parameters.maximumHorizon)
        self.categoryEvidence = CategoryEvidence(model: model, categories: tables.categoryOrder.map(\.name))
        (alertThresholds, pooledAlertThreshold) = Self.resolveThresholds(model: model, parameters: parameters)
    }

    /// The threshold p_horizon must reach to alert in a session of `category`: an explicit
    /// override wins; else, while the policy has a target false-positive rate, the one
    /// the model chose at fit time (the pooled one for a missing or unknown category),
    /// if it was chosen for this horizon and chain; else the policy's.
    public func threshold(for category: String?) -> Double {
        category.flatMap { alertThresholds[$0] } ?? pooledAlertThreshold
    }

    private static func resolveThresholds(model: ChainModel, parameters: MonitorParameters) -> ([String: Double], Double) {
        let pooled = model.alertThreshold(for: nil, parameters: parameters).value
        var byCategory: [String: Double] = [:]
        for name in model.categories.keys { byCategory[name] = model.alertThreshold(for: name, parameters: parameters).value }
        return (byCategory, pooled)
    }

    /// A new session. `task` (the user's instruction) is the trusted text targets are
    /// traced to; `tools` are the framework's declarations, which beat name inference.
    public func startSession(category: String?, task: String? = nil, tools: ToolCatalog = ToolCatalog()) -> SessionState {
        var session = SessionState(category: category)
        if (task != nil && policy.provenance.enabled) || !tools.isEmpty {
            session.context = SessionContext(task: policy.provenance.enabled ? task : nil, tools: tools, capacity: policy.provenance.capacity)
        }
        return session
    }

    /// A session replaying a recorded trace: its category, task and declared tools, as
    /// fitting saw them (`Policy.context(for:)`), so that replay and fit agree.
    public func startSession(for trace: Trace, category: String? = nil) -> SessionState {
        var session = SessionState(category: category ?? trace.category)
        session.context = policy.context(for: trace)
        return session
    }

    /// Applies a step to a session and assesses the result; raises an alert at most once
    /// per crossing of the threshold and once more per rise in level.
    public func assess(_ step: Step, in session: inout SessionState, explain: Explanation = .whenAlerting) -> Assessment {
        let effect = policy.effect(of: step, in: session.context, explain: explain == .always)
        let state = step.labels.stateAfter ?? session.state.applying(effect)
        let contextBefore = explain == .whenAlerting ? session.context : SessionContext()
        policy.record(step, effect: effect, in: &session.context)
        if infersCategory(of: session) {
            session.posterior.observe(from: session.state, levelBefore: session.level, to: state, levelAfter: policy.level(of: state), evidence: categoryEvidence)
        }
        var assessment = evaluate(state: state, effect: effect, session: session)
        session.state = state
        session.level = assessment.level
        session.steps += 1
        if effect.unknownTool { session.unknownTools += 1 }
        if assessment.pAlert >= threshold(for: session.category) {
            if session.alertedLevel.map({ assessment.level > $0 }) ?? true {
                assessment.alert = true
                assessment.alertReason = session.alertedLevel == nil ? .crossedThreshold : .levelRose
                session.alertedLevel = assessment.level
                session.alerts += 1
            } else {
                session.suppressedAlerts += 1
            }
        }
        // The evidence is formatted only where someone reads it: an alert, a dangerous
        // level, or a caller who asked.
        if explain == .whenAlerting, assessment.alert || assessment.level >= .critical {
            assessment.evidence = policy.effect(of: step, in: contextBefore, explain: true).evidence
        }
        return assessment
    }

    /// What would happen if the session took this step next: the session is not changed.
    /// `alert` says whether the step itself would raise an alert.
    public func check(_ step: Step, in session: SessionState, explain: Explanation = .whenAlerting) -> Assessment {
        var copy = session
        return assess(step, in: &copy, explain: explain)
    }

    /// The session's current assessment, without a step.
    public func current(_ session: SessionState) -> Assessment {
        evaluate(state: session.state, effect: nil, session: session)
    }

    /// A session that names no category, or one the model does not know, is answered
    /// through the posterior over categories.
    private func infersCategory(of session: SessionState) -> Bool {
        session.category.map { tables.categories[$0] == nil } ?? true
    }

    private func evaluate(state: RiskState, effect: StepEffect?, session: SessionState) -> Assessment {
        let level = policy.level(of: state)
        let (tables, fellBack) = tables.tables(for: session.category)
        let index = tables.space.index(of: state, level: level)
        var risk = tables.states[index]
        var inferred: (category: String, probability: Double)?
        var tablesName = tables.name
        // No known category: predict with the mixture of the categories' chains,
        // weighted by the posterior over categories given the steps so far.
        if infersCategory(of: session), !self.tables.categoryOrder.isEmpty {
            let weights = session.posterior.weights(priors: self.tables.logPriors)
            risk = CategoryPosterior.mixture(of: self.tables.categoryOrder.map { $0.states[index] }, weights: weights)
            let leading = weights.indices.max { weights[$0] < weights[$1] }!
            inferred = (self.tables.categoryOrder[leading].name, weights[leading])
            tablesName = "mixture"
        }
        return Assessment(
            step: session.steps + (effect == nil ? 0 : 1), state: state, level: level,
            rule: policy.rules.decidingRule(for: state)?.name, chainState: tables.space.names[index],
            horizon: parameters.horizon, pAlert: risk.probability(within: parameters.horizon),
            risk: risk, reportedHorizons: parameters.reportedHorizons,
            expectedStepsToViolation: risk.expectedStepsToViolation, medianStepsToViolation: risk.medianStepsToViolation,
            eventualViolation: risk.eventualViolation,
            category: session.category, tablesUsed: tablesName, fellBackToPooled: fellBack && inferred == nil,
            inferredCategory: inferred?.category, inferredCategoryProbability: inferred?.probability,
            unseenState: !risk.seen, unknownTool: effect?.unknownTool ?? false, evidence: effect?.evidence ?? [])
    }
}

/// When an assessment carries its evidence as sentences.
public enum Explanation: Sendable {
    case always
    /// Only when the step alerts or reaches CRITICAL or above.
    case whenAlerting
    case never
}

/// The monitor's memory of one running agent session.
public struct SessionState: Hashable, Sendable {
    public var category: String?
    public var state: RiskState = .initial
    public var level: RiskLevel = .safe
    public var steps: Int = 0
    /// The level at which the last alert was raised; nil before the first.
    public var alertedLevel: RiskLevel?
    public var alerts: Int = 0
    public var suppressedAlerts: Int = 0
    public var unknownTools: Int = 0
    /// The evidence for each category when the session has none (or an unknown one).
    public var posterior = CategoryPosterior()
    /// Declared tools and the target index.
    public var context = SessionContext()

    public init(category: String?) {
        self.category = category
    }
}

/// The monitor's answer about one step (or a session's current state).
public struct Assessment: Sendable {
    public enum AlertReason: String, Sendable {
        case crossedThreshold = "crossed_threshold"
        case levelRose = "level_rose"
    }

    /// 1-based number of steps taken, including this one.
    public var step: Int
    public var state: RiskState
    public var level: RiskLevel
    /// The policy rule that decided the level; nil when none matched (SAFE).
    public var rule: String?
    /// The chain state the tables were read at (a level, or a D/T/R/U tuple).
    public var chainState: String
    /// The alerting horizon and p_horizon.
    public var horizon: Int
    public var pAlert: Double
    /// The table row the assessment was read from (shared with the tables, not copied).
    public var risk: StateRisk
    public var reportedHorizons: [Int]

    /// p_k for each reported horizon k.
    public var probabilities: [(horizon: Int, probability: Double)] {
        reportedHorizons.map { ($0, risk.probability(within: $0)) }
    }
    public var expectedStepsToViolation: Double?
    public var medianStepsToViolation: Int?
    public var eventualViolation: Double
    public var category: String?
    /// The name of the chain that answered: the category's, "pooled", or "mixture" (the
    /// posterior-weighted mixture of the categories' chains, for a session without one).
    public var tablesUsed: String
    public var fellBackToPooled: Bool
    /// For a session without a category: the most probable category given its steps so
    /// far, and that probability.
    public var inferredCategory: String?
    public var inferredCategoryProbability: Double?
    /// The state was never left in training: the numbers are smoothing, not evidence.
    public var unseenState: Bool
    public var unknownTool: Bool
    /// Why the state moved: tool class, exposure, taint, each with its source.
    public var evidence: [String]
    public var alert: Bool = false
    public var alertReason: AlertReason?
}
