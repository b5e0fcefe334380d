/// Chooses each category's alert threshold for a target false-positive rate, by
/// cross-validation inside the training traces.
///
/// The traces are dealt into K = min(5, traces) folds stratified by (category, violated)
/// with a fixed seed. For each fold a model is fitted on the other K-1 and the fold's
/// traces are replayed through the monitor, so every trace gets held-out scores
/// (p_horizon after each step). A trace then reduces to one number: a safe trace alerts
/// at threshold t when its highest score reaches t; a violating trace is detected when
/// its highest score strictly before the violating step reaches t. Both rates only fall
/// as t rises, so the lowest t that keeps the safe traces' alert rate at or below the
/// target also detects the most among those that meet it.
///
/// That lowest t is a gap, not a point: the rates are the same for every t above the
/// highest held-out safe score that must stay quiet and up to the next held-out score.
/// The middle of that gap is taken, which leaves room for the final model's tables
/// (fitted on every trace), whose values differ slightly from each fold's.
///
/// A category with fewer than `minimumSafeTraces` safe traces keeps the policy's
/// threshold, with the reason recorded. The pooled threshold is chosen the same way on
/// the traces with their categories stripped, replayed through pooled models: it serves
/// sessions without a category, or with one the model does not know.
public struct ThresholdSelection: Sendable {
    /// Below this many safe traces a false-positive rate is not worth measuring.
    public static let minimumSafeTraces = 5
    public static let maximumFolds = 5
    public static let standardSeed: UInt64 = 2026

    public let policy: Policy
    public let parameters: MonitorParameters
    public let target: Double
    public let seed: UInt64

    /// `parameters` gives the horizon, chain and fallback threshold; the target is its
    /// `targetFalsePositiveRate`, or `target` when given.
    public init(policy: Policy, parameters: MonitorParameters, target: Double, seed: UInt64 = ThresholdSelection.standardSeed) {
        self.policy = policy
        self.parameters = parameters
        self.target = target
        self.seed = seed
    }

    /// One held-out trace reduced to what decides its outcome at any threshold.
    struct HeldOut {
        var category: String?
        /// nil for a safe trace.
        var violationStep: Int?
        /// Safe: the highest score. Violating: the highest score before the violating
        /// step (-1 when it violates at the first step: never detectable).
        var peak: Double
    }

    /// The thresholds for a model fitted on `traces`.
    public func choose(from traces: [Trace]) throws(TablesError) -> AlertThresholds {
        let k = min(Self.maximumFolds, traces.count)
        var perCategory: [HeldOut] = []
        var pooled: [HeldOut] = []
        let hasCategories = traces.contains { $0.category != nil }
        if k >= 2 {
            for split in EvaluationSplit.folds(traces, policy: policy, count: k, seed: seed) {
                if hasCategories {
                    let monitor = try Monitor(policy: policy, model: Self.count(split.train, policy: policy), parameters: parameters)
                    for trace in split.test where trace.category != nil { perCategory.append(heldOut(trace, through: monitor)) }
                }
                let stripped = try Monitor(policy: policy, model: Self.count(split.train.map(\.withoutCategory), policy: policy), parameters: parameters)
                for trace in split.test { pooled.append(heldOut(trace.withoutCategory, through: stripped)) }
            }
        }
        var categories: [String: AlertThreshold] = [:]
        let names = Set(traces.compactMap(\.category))
        var groups: [String: [HeldOut]] = [:]
        for item in perCategory { groups[item.category!, default: []].append(item) }
        for name in names {
            let total = traces.filter { $0.category == name }
            categories[name] = threshold(groups[name] ?? [], traces: total, folds: k)
        }
        return AlertThresholds(
            horizon: parameters.horizon, chain: parameters.chain, targetFalsePositiveRate: target, seed: seed,
            pooled: threshold(pooled, traces: traces, folds: k), categories: categories)
    }

    private func heldOut(_ trace: Trace, through monitor: Monitor) -> HeldOut {
        let truth = policy.outcome(of: trace)
        let replay = TraceReplay(trace, through: monitor, truth: truth)
        if let v = replay.violationStep {
            return HeldOut(category: trace.category, violationStep: v, peak: replay.scores.prefix(v).max() ?? -1)
        }
        return HeldOut(category: trace.category, violationStep: nil, peak: replay.scores.max() ?? 0)
    }

    private func threshold(_ items: [HeldOut], traces: [Trace], folds: Int) -> AlertThreshold {
        let safe = items.filter { $0.violationStep == nil }.map(\.peak).sorted(by: >)
        let violating = items.filter { $0.violationStep != nil }.map(\.peak)
        let safeCount = traces.filter { !policy.outcome(of: $0).violated }.count
        var fallback = AlertThreshold(
            value: parameters.threshold, method: .policy, targetFalsePositiveRate: target,
            safeTraces: safeCount, violatingTraces: traces.count - safeCount)
        guard folds >= 2 else {
            fallback.reason = "\(traces.count) trace\(traces.count == 1 ? "" : "s"): too few to cross-validate"
            return fallback
        }
        guard safe.count >= Self.minimumSafeTraces else {
            fallback.reason = "\(safe.count) safe trace\(safe.count == 1 ? "" : "s") (need \(Self.minimumSafeTraces)) to measure a false-positive rate"
            return fallback
        }
        let choice = Self.lowestThreshold(safePeaks: safe, violatingPeaks: violating, target: target)
        return AlertThreshold(
            value: choice.value, method: .crossValidated, targetFalsePositiveRate: target,
            measuredFalsePositiveRate: choice.falsePositiveRate, measuredDetectionRate: choice.detectionRate,
            folds: folds, safeTraces: safe.count, violatingTraces: violating.count, reason: choice.reason)
    }

    /// The middle of the lowest gap of thresholds whose false-positive rate over
    /// `safePeaks` is at most `target`, with the rates there. When even 1 alerts more
    /// safe traces than the target allows, 1 is returned with a reason.
    static func lowestThreshold(
        safePeaks: [Double], violatingPeaks: [Double], target: Double
    ) -> (value: Double, falsePositiveRate: Double, detectionRate: Double?, reason: String?) {
        precondition(!safePeaks.isEmpty, "a false-positive rate needs safe traces")
        let safe = safePeaks.sorted(by: >)
        // At most `allowed` safe traces may alert; t must lie above the next one's peak.
        // (The small epsilon keeps 0.05 x 20 = 1 from rounding down to 0.)
        let budget = Int((target * Double(safe.count) + 1e-9).rounded(.down))
        // A safe trace that reaches p = 1 (the policy calls a step of it a violation)
        // alerts at every threshold: when there are more of those than the target
        // allows, the lowest threshold with the least false positives is the answer.
        let unavoidable = safe.count(where: { $0 >= 1 })
        let allowed = min(safe.count - 1, max(budget, unavoidable))
        let bound = safe[allowed]
        var value: Double
        var reason: String?
        if unavoidable > budget {
            reason = "\(unavoidable) held-out safe trace\(unavoidable == 1 ? "" : "s") reach p = 1 and alert at any threshold: the target is out of reach"
        }
        if bound >= 1 {
            value = 1
        } else {
            let above = (safe + violatingPeaks).filter { $0 > bound }.min() ?? 1
            value = (bound + above) / 2
            if value <= 0 { value = above / 2 }
        }
        let fpr = Double(safe.count(where: { $0 >= value })) / Double(safe.count)
        let detection = violatingPeaks.isEmpty ? nil : Double(violatingPeaks.count(where: { $0 >= value })) / Double(violatingPeaks.count)
        return (value, fpr, detection, reason)
    }

    static func count(_ traces: [Trace], policy: Policy) -> ChainModel {
        var fitter = ModelFitter(policy: policy)
        for trace in traces { fitter.add(trace) }
        return fitter.model
    }
}

extension ModelFitter {
    /// Chooses the model's alert thresholds from `traces` (the traces it was fitted on)
    /// for the policy's `monitor.target_fpr`; with the target off, the model gets none
    /// and alerts at the policy's threshold. `parameters` defaults to the policy's.
    public mutating func chooseThresholds(from traces: [Trace], parameters: MonitorParameters? = nil) throws(TablesError) {
        let parameters = parameters ?? policy.monitor
        guard let target = parameters.targetFalsePositiveRate else {
            model.thresholds = nil
            return
        }
        model.thresholds = try ThresholdSelection(policy: policy, parameters: parameters, target: target).choose(from: traces)
    }

    /// Fits `traces` and chooses the model's thresholds: what `drift fit` does.
    public static func fit(_ traces: [Trace], policy: Policy, parameters: MonitorParameters? = nil) throws(TablesError) -> ChainModel {
        var fitter = ModelFitter(policy: policy)
        for trace in traces { fitter.add(trace) }
        try fitter.chooseThresholds(from: traces, parameters: parameters)
        return fitter.model
    }
}
