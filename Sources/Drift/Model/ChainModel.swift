/// A fitted model: raw transition counts per task category, over both chain spaces,
/// with what it was fitted from and under which policy.
///
/// Counts, not probabilities, are the model: counts from disjoint sets of traces add up
/// to the counts of fitting both at once, so models merge exactly, and any smoothing can
/// be applied when the tables are built.
public struct ChainModel: Hashable, Sendable {
    public static let formatVersion = 1

    /// The counts of one category (or of the traces that name none).
    public struct Counts: Hashable, Sendable {
        public var traces: Int = 0
        public var steps: Int = 0
        public var violating: Int = 0
        public var coarse = TransitionCounts(size: ChainSpace.coarse.count)
        public var fine = TransitionCounts(size: ChainSpace.fine.count)

        public init() {}

        public subscript(kind: ChainKind) -> TransitionCounts {
            switch kind {
            case .coarse: coarse
            case .fine: fine
            }
        }

        public static func + (lhs: Counts, rhs: Counts) -> Counts {
            var sum = lhs
            sum.traces += rhs.traces
            sum.steps += rhs.steps
            sum.violating += rhs.violating
            sum.coarse += rhs.coarse
            sum.fine += rhs.fine
            return sum
        }
    }

    /// One input of a fit: a file (or a merged model) and what it contributed.
    public struct Source: Hashable, Sendable {
        public var path: String
        public var traces: Int
        public var steps: Int
        /// SHA-256 of the file's bytes.
        public var sha256: String

        public init(path: String, traces: Int, steps: Int, sha256: String) {
            self.path = path
            self.traces = traces
            self.steps = steps
            self.sha256 = sha256
        }
    }

    public var policyName: String
    public var policyIdentity: String
    public var fitting: FittingParameters
    public var categories: [String: Counts]
    /// Traces with no category: they count in the pooled model only.
    public var uncategorized: Counts
    public var sources: [Source]
    /// Tools the taxonomy did not know, with how many steps used them.
    public var unknownTools: [String: Int]
    /// The alert thresholds `drift fit` chose per category for a target false-positive
    /// rate; nil for a model fitted without them (or merged, or from an older drift):
    /// the monitor then alerts at the policy's threshold.
    public var thresholds: AlertThresholds?

    public init(policy: Policy) {
        policyName = policy.name
        policyIdentity = policy.identity
        fitting = policy.fitting
        categories = [:]
        uncategorized = Counts()
        sources = []
        unknownTools = [:]
        thresholds = nil
    }

    /// Every trace's counts together: the model for unknown and sparse categories.
    public var pooled: Counts {
        categories.values.reduce(uncategorized, +)
    }

    public var categoryNames: [String] { categories.keys.sorted() }

    public var traceCount: Int { pooled.traces }
    public var stepCount: Int { pooled.steps }
}

/// Why two models cannot be merged.
public struct ModelMergeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

extension ChainModel {
    /// The model that fitting both models' traces at once would give. Both must come
    /// from the same policy and fitting parameters. Chosen thresholds do not add up and
    /// are dropped: the merged model alerts at the policy's threshold until refitted.
    public func merged(with other: ChainModel) throws(ModelMergeError) -> ChainModel {
        guard policyIdentity == other.policyIdentity else {
            throw ModelMergeError(description: "the models were fitted under different policies (\(policyName) \(policyIdentity.prefix(12)) vs \(other.policyName) \(other.policyIdentity.prefix(12)))")
        }
        guard fitting == other.fitting else {
            throw ModelMergeError(description: "the models were fitted with different fitting parameters")
        }
        var merged = self
        for (name, counts) in other.categories {
            merged.categories[name] = (merged.categories[name] ?? Counts()) + counts
        }
        merged.uncategorized = merged.uncategorized + other.uncategorized
        merged.sources += other.sources
        merged.unknownTools.merge(other.unknownTools, uniquingKeysWith: +)
        merged.thresholds = nil
        return merged
    }
}
