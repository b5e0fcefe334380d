/// The paper's evaluation protocol (method.md section 7): split the traces, fit on the
/// training part, replay every test trace step by step through each monitor, and judge
/// the alerts against the ground truth.
///
/// Three monitors are compared on the same test traces: the keyword baseline, a pooled
/// single chain (categories stripped from training and test traces) and the
/// per-category chains; the difference between the last two is what the categories buy.
/// Each split or fold is fitted once; the threshold sweep reuses the recorded replays.
public struct Evaluation: Sendable {
    /// What to evaluate and how to split.
    public struct Configuration: Hashable, Sendable {
        /// Horizon, threshold and chain of the Markov monitors (the policy's by default).
        public var monitor: MonitorParameters
        public var testFraction: Double
        /// k-fold cross-validation instead of a single hold-out split, when set.
        public var folds: Int?
        public var seed: UInt64
        public var thresholds: [Double]
        /// Replay the test traces without their categories: the per-category monitor then
        /// predicts with its posterior over categories.
        public var hideCategories: Bool

        public init(
            monitor: MonitorParameters, testFraction: Double = 0.2, folds: Int? = nil, seed: UInt64 = 2026,
            thresholds: [Double] = ThresholdSweep.standardThresholds, hideCategories: Bool = false
        ) {
            self.hideCategories = hideCategories
            self.monitor = monitor
            self.testFraction = testFraction
            self.folds = folds
            self.seed = seed
            self.thresholds = thresholds
        }
    }

    public let policy: Policy
    public let configuration: Configuration

    public init(policy: Policy, configuration: Configuration) {
        self.policy = policy
        self.configuration = configuration
    }

    /// Runs the protocol on `traces`. Throws when a fitted chain cannot be solved.
    public func run(_ traces: [Trace]) throws(TablesError) -> EvaluationResult {
        let splits: [EvaluationSplit]
        if let k = configuration.folds {
            splits = EvaluationSplit.folds(traces, policy: policy, count: k, seed: configuration.seed)
        } else {
            splits = [EvaluationSplit.holdOut(traces, policy: policy, testFraction: configuration.testFraction, seed: configuration.seed)]
        }
        return try run(splits: splits)
    }

    /// Runs the protocol on splits made elsewhere (by a trace attribute, say): each is
    /// fitted on its training part and tested on its test part. The replays of split i
    /// follow those of split i-1, so `EvaluationResult.split(_:)` can take them apart.
    public func run(splits: [EvaluationSplit]) throws(TablesError) -> EvaluationResult {
        let keyword = KeywordBaseline(policy: policy)
        var replays: [EvaluatedMonitor: [TraceReplay]] = [:]
        var forecasts = CalibrationForecasts(horizons: Calibration.horizons(for: configuration.monitor))
        var thresholds: [AlertThresholds] = []
        for split in splits {
            let perCategoryModel = try fit(split.train)
            let pooledModel = try fit(split.train.map(\.withoutCategory))
            if let chosen = perCategoryModel.thresholds { thresholds.append(chosen) }
            let perCategory = try Monitor(policy: policy, model: perCategoryModel, parameters: configuration.monitor)
            let pooled = try Monitor(policy: policy, model: pooledModel, parameters: configuration.monitor)
            let rates = TrainingRates(split.train, policy: policy, horizons: forecasts.horizons)
            for trace in split.test {
                let truth = policy.outcome(of: trace)
                replays[.keyword, default: []].append(keyword.replay(trace, truth: truth))
                var pooledReplay = TraceReplay(trace.withoutCategory, through: pooled, truth: truth)
                pooledReplay.category = trace.category
                replays[.pooled, default: []].append(pooledReplay)
                var replay = TraceReplay(configuration.hideCategories ? trace.withoutCategory : trace, through: perCategory, truth: truth)
                replay.category = trace.category
                replays[.perCategory, default: []].append(replay)
                forecasts.add(pooledReplay, for: .pooled, rates: rates)
                forecasts.add(replay, for: .perCategory, rates: rates)
            }
        }
        var result = EvaluationResult(
            configuration: configuration,
            splits: splits.map { .init(train: $0.train.count, test: $0.test.count) },
            monitors: EvaluatedMonitor.allCases.map { monitor in
                var evaluation = MonitorEvaluation(
                    monitor: monitor, replays: replays[monitor] ?? [],
                    threshold: configuration.monitor.threshold, thresholds: monitor.hasThreshold ? configuration.thresholds : nil)
                evaluation.calibration = forecasts.calibration(of: monitor)
                evaluation.calibrationByCategory = forecasts.calibrationByCategory(of: monitor)
                return evaluation
            })
        result.chosenThresholds = thresholds
        return result
    }

    /// Fits the training part, choosing thresholds by cross-validation inside it (unless
    /// a threshold is fixed or the target is off): the test part never informs them.
    private func fit(_ traces: [Trace]) throws(TablesError) -> ChainModel {
        var fitter = ModelFitter(policy: policy)
        for trace in traces { fitter.add(trace) }
        if configuration.monitor.thresholdOverride == nil {
            try fitter.chooseThresholds(from: traces, parameters: configuration.monitor)
        }
        return fitter.model
    }
}

extension Trace {
    /// The trace as a monitor that knows no categories sees it.
    var withoutCategory: Trace {
        var copy = self
        copy.category = nil
        return copy
    }
}

/// The monitors an evaluation compares, in the order they are shown.
public enum EvaluatedMonitor: String, CaseIterable, Hashable, Sendable {
    case keyword
    case pooled
    case perCategory = "per_category"

    public var title: String {
        switch self {
        case .keyword: "keyword"
        case .pooled: "pooled chain"
        case .perCategory: "per-category"
        }
    }

    /// Whether the monitor has an alert threshold to sweep (the keyword baseline does not).
    public var hasThreshold: Bool {
        switch self {
        case .keyword: false
        case .pooled, .perCategory: true
        }
    }
}

/// One monitor's results: outcomes at the configured threshold, metrics overall and per
/// category, and (for monitors with a threshold) the ROC sweep.
public struct MonitorEvaluation: Sendable {
    /// The key under which traces without a category are reported.
    public static let uncategorized = "(none)"

    public var monitor: EvaluatedMonitor
    public var replays: [TraceReplay]
    public var outcomes: [MonitorOutcome]
    public var overall: DetectionMetrics
    public var byCategory: [String: DetectionMetrics]
    public var sweep: ThresholdSweep?
    /// Per category, where the category's test traces hold both violating and safe ones.
    public var sweepByCategory: [String: ThresholdSweep]

    /// Calibration of p_k over the test steps, one per horizon (empty for the keyword
    /// baseline, which gives no probabilities), overall and per category.
    public var calibration: [Calibration] = []
    public var calibrationByCategory: [String: [Calibration]] = [:]

    /// Outcomes are judged at each replay's own threshold (its category's, chosen at fit
    /// time) where it has one, else at `threshold`; the sweep ignores both.
    public init(monitor: EvaluatedMonitor, replays: [TraceReplay], threshold: Double, thresholds: [Double]?) {
        self.monitor = monitor
        self.replays = replays
        outcomes = replays.map { $0.outcome(atThreshold: $0.alertThreshold ?? threshold) }
        overall = DetectionMetrics(outcomes)
        let groups = Dictionary(grouping: outcomes) { $0.category ?? Self.uncategorized }
        byCategory = groups.mapValues { DetectionMetrics($0) }
        sweepByCategory = [:]
        if let thresholds {
            sweep = ThresholdSweep(replays, thresholds: thresholds)
            for (name, members) in Dictionary(grouping: replays, by: { $0.category ?? Self.uncategorized }) {
                sweepByCategory[name] = ThresholdSweep(members, thresholds: thresholds)
            }
        }
    }

    public var categoryNames: [String] { byCategory.keys.sorted() }
}

/// Everything an evaluation found, for the command to render.
public struct EvaluationResult: Sendable {
    public struct SplitSize: Hashable, Sendable {
        public var train: Int
        public var test: Int
    }

    public var configuration: Evaluation.Configuration
    /// One entry for a hold-out split, one per fold for cross-validation.
    public var splits: [SplitSize]
    public var monitors: [MonitorEvaluation]
    /// The thresholds the per-category model of each split chose inside its training
    /// part; empty when a threshold was fixed or the target is off.
    public var chosenThresholds: [AlertThresholds] = []

    /// The result of split `index` alone: its replays, metrics and sweeps.
    public func split(_ index: Int) -> EvaluationResult {
        let start = splits[..<index].reduce(0) { $0 + $1.test }
        let range = start..<(start + splits[index].test)
        var copy = self
        copy.splits = [splits[index]]
        // Calibration is not taken apart per split; the split's chosen thresholds are.
        copy.chosenThresholds = chosenThresholds.indices.contains(index) ? [chosenThresholds[index]] : []
        copy.monitors = monitors.map { evaluation in
            MonitorEvaluation(
                monitor: evaluation.monitor, replays: Array(evaluation.replays[range]),
                threshold: configuration.monitor.threshold, thresholds: evaluation.monitor.hasThreshold ? configuration.thresholds : nil)
        }
        return copy
    }

    public subscript(monitor: EvaluatedMonitor) -> MonitorEvaluation {
        monitors.first { $0.monitor == monitor }!
    }

    /// Every category seen among the test traces, sorted.
    public var categoryNames: [String] {
        Array(Set(monitors.flatMap(\.categoryNames))).sorted()
    }
}
