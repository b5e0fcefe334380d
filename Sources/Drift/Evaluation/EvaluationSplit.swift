/// Which traces a model is fitted on and which it is tested on.
///
/// Splits are stratified by (category, violated): each stratum is divided in the same
/// proportion, so a rare combination (a violating sysadmin run) is not left out of the
/// test part by chance. They are deterministic given the seed: traces are put in order
/// by id (then origin) before shuffling, so neither file order nor the order of other
/// strata changes which traces land where; each stratum draws from its own SplitMix64
/// stream, seeded from the seed and the stratum's name.
public struct EvaluationSplit: Sendable {
    public var train: [Trace]
    public var test: [Trace]

    public init(train: [Trace], test: [Trace]) {
        self.train = train
        self.test = test
    }

    /// One stratum: a category (nil when traces name none) and whether they violated.
    public struct Stratum: Hashable, Comparable, Sendable, CustomStringConvertible {
        public var category: String?
        public var violated: Bool

        public init(category: String?, violated: Bool) {
            self.category = category
            self.violated = violated
        }

        public var description: String { "\(category ?? "(none)")/\(violated ? "violated" : "safe")" }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            if lhs.category != rhs.category {
                guard let l = lhs.category else { return true }
                guard let r = rhs.category else { return false }
                return l < r
            }
            return !lhs.violated && rhs.violated
        }
    }

    /// The traces grouped by stratum, each group shuffled by its own seeded stream;
    /// strata in their sorted order.
    static func shuffledStrata(_ traces: [Trace], policy: Policy, seed: UInt64) -> [(Stratum, [Trace])] {
        var groups: [Stratum: [Trace]] = [:]
        for trace in traces {
            let stratum = Stratum(category: trace.category, violated: policy.outcome(of: trace).violated)
            groups[stratum, default: []].append(trace)
        }
        return groups.keys.sorted().map { stratum in
            var members = groups[stratum]!.sorted { ($0.id, $0.origin) < ($1.id, $1.origin) }
            var generator = SplitMix64(seed: seed ^ SplitMix64.stableHash(stratum.description))
            generator.shuffle(&members)
            return (stratum, members)
        }
    }

    /// A hold-out split: from each stratum of n traces, round(n x testFraction) go to the
    /// test part (so a stratum of 1 or 2 traces stays in training at 0.2).
    public static func holdOut(_ traces: [Trace], policy: Policy, testFraction: Double, seed: UInt64) -> EvaluationSplit {
        precondition(testFraction > 0 && testFraction < 1, "the test fraction must be in (0, 1), not \(testFraction)")
        var split = EvaluationSplit(train: [], test: [])
        for (_, members) in shuffledStrata(traces, policy: policy, seed: seed) {
            let testCount = Int((Double(members.count) * testFraction).rounded())
            split.test += members.prefix(testCount)
            split.train += members.dropFirst(testCount)
        }
        split.sortByID()
        return split
    }

    /// k-fold cross-validation: every trace is in the test part of exactly one fold.
    /// Each stratum is dealt round-robin over the folds, continuing where the previous
    /// stratum stopped, so fold sizes differ by at most one.
    public static func folds(_ traces: [Trace], policy: Policy, count k: Int, seed: UInt64) -> [EvaluationSplit] {
        precondition(k >= 2, "cross-validation needs at least 2 folds, not \(k)")
        var parts = [[Trace]](repeating: [], count: k)
        var next = 0
        for (_, members) in shuffledStrata(traces, policy: policy, seed: seed) {
            for trace in members {
                parts[next].append(trace)
                next = (next + 1) % k
            }
        }
        return (0..<k).map { fold in
            var split = EvaluationSplit(
                train: parts.indices.filter { $0 != fold }.flatMap { parts[$0] },
                test: parts[fold])
            split.sortByID()
            return split
        }
    }

    private mutating func sortByID() {
        train.sort { ($0.id, $0.origin) < ($1.id, $1.origin) }
        test.sort { ($0.id, $0.origin) < ($1.id, $1.origin) }
    }
}
