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
        for split in splits {
            let perCategory = try Monitor(policy: policy, model: fit(split.train), parameters: configuration.monitor)
            let pooled = try Monitor(policy: policy, model: fit(split.train.map(\.withoutCategory)), parameters: configuration.monitor)
            for trace in split.test {
                let truth = policy.outcome(of: trace)
                replays[.keyword, default: []].append(keyword.replay(trace, truth: truth))
                var pooledReplay = TraceReplay(trace.withoutCategory, through: pooled, truth: truth)
                pooledReplay.category = trace.category
                replays[.pooled, default: []].append(pooledReplay)
                var replay = TraceReplay(configuration.hideCategories ? trace.withoutCategory : trace, through: perCategory, truth: truth)
                replay.category = trace.category
                replays[.perCategory, default: []].append(replay)
            }
        }
        return EvaluationResult(
            configuration: configuration,
            splits: splits.map { .init(train: $0.train.count, test: $0.test.count) },
            monitors: EvaluatedMonitor.allCases.map { monitor in
                MonitorEvaluation(
                    monitor: monitor, replays: replays[monitor] ?? [],
                    threshold: configuration.monitor.threshold, thresholds: monitor.hasThreshold ? configuration.thresholds : nil)
            })
    }

    private func fit(_ traces: [Trace]) -> ChainModel {
        var fitter = ModelFitter(policy: policy)
        for trace in traces { fitter.add(trace) }
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

    public init(monitor: EvaluatedMonitor, replays: [TraceReplay], threshold: Double, thresholds: [Double]?) {
        self.monitor = monitor
        self.replays = replays
        outcomes = replays.map { $0.outcome(atThreshold: threshold) }
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

    /// The result of split `index` alone: its replays, metrics and sweeps.
    public func split(_ index: Int) -> EvaluationResult {
        let start = splits[..<index].reduce(0) { $0 + $1.test }
        let range = start..<(start + splits[index].test)
        var copy = self
        copy.splits = [splits[index]]
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
