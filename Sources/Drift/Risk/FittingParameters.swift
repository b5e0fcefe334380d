/// How traces become chains: the policy's fitting section.
public struct FittingParameters: Hashable, Sendable {
    /// Pseudo-count added to every cell of a row before normalising (the paper: 1e-6).
    public var smoothing: Double
    /// Whether a trace that ends without violation moves into an absorbing DONE state.
    public var doneState: Bool
    /// A category with fewer transitions than this is served by the pooled model.
    public var minimumCategoryTransitions: Int
    /// Weight, in pseudo-transitions, of the pooled row added to a category's row: a
    /// small category is shrunk towards the pooled model, a large one barely moves.
    public var shrinkage: Double

    public init(smoothing: Double = 1e-6, doneState: Bool = true, minimumCategoryTransitions: Int = 30, shrinkage: Double = 2) {
        self.smoothing = smoothing
        self.doneState = doneState
        self.minimumCategoryTransitions = minimumCategoryTransitions
        self.shrinkage = shrinkage
    }
}

/// How the monitor turns tables into alerts: the policy's monitor section.
public struct MonitorParameters: Hashable, Sendable {
    /// The horizon k of the alerting probability p_k (the paper: 5).
    public var horizon: Int
    /// Alert when p_horizon reaches this (the paper: 0.5), where neither an explicit
    /// override nor a threshold the model chose at fit time applies.
    public var threshold: Double
    /// The false-positive rate per category that `drift fit` chooses thresholds for
    /// (cross-validated on the training traces); nil: off, `threshold` applies everywhere.
    public var targetFalsePositiveRate: Double?
    /// A threshold given explicitly (a `--threshold` flag): wins over the model's
    /// per-category thresholds and over `threshold`.
    public var thresholdOverride: Double?
    /// Which chain the monitor uses: the 5-level chain (the paper's) or the fine one.
    public var chain: ChainKind
    /// Extra horizons reported with every assessment.
    public var reportedHorizons: [Int]

    public init(
        horizon: Int = 5, threshold: Double = 0.5, targetFalsePositiveRate: Double? = 0.05, chain: ChainKind = .coarse,
        reportedHorizons: [Int] = [1, 3, 5, 10]
    ) {
        self.horizon = horizon
        self.threshold = threshold
        self.targetFalsePositiveRate = targetFalsePositiveRate
        self.chain = chain
        self.reportedHorizons = reportedHorizons
    }

    /// Sets an explicit threshold: every category alerts at `value`, whatever the model chose.
    public mutating func overrideThreshold(_ value: Double) {
        threshold = value
        thresholdOverride = value
    }

    /// Every horizon the tables must cover.
    public var maximumHorizon: Int { max(horizon, reportedHorizons.max() ?? 1) }
}

/// The two state spaces a model is fitted over.
public enum ChainKind: String, CaseIterable, Hashable, Sendable {
    /// SAFE, MILD, ELEVATED, CRITICAL, VIOLATED (and DONE): the paper's chain.
    case coarse
    /// One state per (D, T, R, U) tuple, plus VIOLATED and DONE.
    case fine
}
