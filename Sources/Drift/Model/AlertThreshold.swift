/// The alert threshold of one category (or of the pooled model), with how it was chosen.
///
/// `drift fit` chooses it for a target false-positive rate by cross-validation inside
/// the training traces; where a category has too few safe traces to measure a rate, it
/// keeps the policy's fixed threshold and `reason` says why.
public struct AlertThreshold: Hashable, Sendable {
    /// How the value was arrived at.
    public enum Method: String, Hashable, Sendable {
        /// The lowest threshold whose cross-validated false-positive rate meets the target.
        case crossValidated = "cross_validated"
        /// The policy's fixed threshold (too few safe traces, or too few traces to fold).
        case policy
    }

    /// Alert when p_horizon reaches this.
    public var value: Double
    public var method: Method
    /// The false-positive rate the choice aimed at.
    public var targetFalsePositiveRate: Double
    /// On the held-out folds at `value`: the share of safe traces that alerted, and of
    /// violating traces alerted strictly before their violation. nil where not measured
    /// (no safe, or no violating, traces).
    public var measuredFalsePositiveRate: Double?
    public var measuredDetectionRate: Double?
    /// Cross-validation folds (0 when none were run).
    public var folds: Int
    public var safeTraces: Int
    public var violatingTraces: Int
    /// Why the policy's threshold was kept; nil for a cross-validated one.
    public var reason: String?

    public init(
        value: Double, method: Method, targetFalsePositiveRate: Double, measuredFalsePositiveRate: Double? = nil,
        measuredDetectionRate: Double? = nil, folds: Int = 0, safeTraces: Int = 0, violatingTraces: Int = 0, reason: String? = nil
    ) {
        self.value = value
        self.method = method
        self.targetFalsePositiveRate = targetFalsePositiveRate
        self.measuredFalsePositiveRate = measuredFalsePositiveRate
        self.measuredDetectionRate = measuredDetectionRate
        self.folds = folds
        self.safeTraces = safeTraces
        self.violatingTraces = violatingTraces
        self.reason = reason
    }
}

/// The thresholds a fit chose: one per category and one for the pooled model, valid for
/// the horizon and chain they were chosen on.
///
/// They are not counts: merging two models drops them (a merged model alerts at the
/// policy's threshold until it is refitted).
public struct AlertThresholds: Hashable, Sendable {
    /// The k of p_k the thresholds apply to.
    public var horizon: Int
    public var chain: ChainKind
    public var targetFalsePositiveRate: Double
    /// The seed of the stratified folds.
    public var seed: UInt64
    public var pooled: AlertThreshold
    public var categories: [String: AlertThreshold]

    public init(horizon: Int, chain: ChainKind, targetFalsePositiveRate: Double, seed: UInt64, pooled: AlertThreshold, categories: [String: AlertThreshold]) {
        self.horizon = horizon
        self.chain = chain
        self.targetFalsePositiveRate = targetFalsePositiveRate
        self.seed = seed
        self.pooled = pooled
        self.categories = categories
    }

    /// The category's threshold; the pooled one for a missing or unknown category.
    public func threshold(for category: String?) -> AlertThreshold {
        category.flatMap { categories[$0] } ?? pooled
    }

    /// Whether these thresholds were chosen for a monitor that reads p_horizon of `chain`.
    public func apply(to parameters: MonitorParameters) -> Bool {
        parameters.horizon == horizon && parameters.chain == chain
    }
}

extension ChainModel {
    /// Where the threshold a monitor alerts at came from.
    public enum ThresholdSource: String, Hashable, Sendable {
        /// An explicit `--threshold`.
        case override
        /// Chosen at fit time (`chosen` says how; it may itself be the policy's fallback).
        case fitted
        /// The policy's: the target is off, the model has no thresholds, or they were
        /// chosen for another horizon or chain.
        case policy
    }

    /// The threshold a monitor with `parameters` alerts at in a session of `category`
    /// (nil or unknown: the pooled one), where it came from, and the fit-time choice.
    public func alertThreshold(
        for category: String?, parameters: MonitorParameters
    ) -> (value: Double, source: ThresholdSource, chosen: AlertThreshold?) {
        if let fixed = parameters.thresholdOverride { return (fixed, .override, nil) }
        guard parameters.targetFalsePositiveRate != nil, let thresholds, thresholds.apply(to: parameters) else {
            return (parameters.threshold, .policy, nil)
        }
        let chosen = thresholds.threshold(for: category.flatMap { categories[$0] == nil ? nil : $0 })
        return (chosen.value, .fitted, chosen)
    }
}
