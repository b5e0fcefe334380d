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

/// Train-on-some, test-on-the-others splits by a trace attribute (`family`, `source`):
/// the way to ask whether what was fitted on one kind of agent carries over to another.
public struct GroupedSplits: Sendable {
    /// One split: the attribute values tested and the values trained on.
    public struct Group: Sendable {
        public var testValues: [String]
        public var trainValues: [String]
        public var split: EvaluationSplit
        /// "snake" or "camel+kebab": how the held-out part is named in a report.
        public var name: String { testValues.joined(separator: "+") }
    }

    /// The attribute the traces are grouped by.
    public var field: String
    /// In leave-one-group-out order (sorted by value), or the one requested split.
    public var groups: [Group]
    /// Traces per attribute value, over the traces that have one.
    public var counts: [String: Int]
    /// Traces that have no such attribute: in no part of any split.
    public var leftOut: [Trace]

    /// Why a grouping cannot be made; each names the field or value at fault.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Groups `traces` by `attributes[field]`. With neither `train` nor `test`: one split
    /// per value, testing on that value after fitting on all the others. With one of
    /// them: that part as given, the other part every remaining value. With both: exactly
    /// those. Traces of values in neither part are in no split. Within a part, traces are
    /// sorted by (id, origin), so results do not depend on file order.
    ///
    /// Throws when no trace has the field, a requested value no trace has, a value is in
    /// both parts, or a part would be empty (one value only, or every value in --train).
    public static func by(_ field: String, _ traces: [Trace], train: [String]? = nil, test: [String]? = nil) throws(Failure) -> GroupedSplits {
        var byValue: [String: [Trace]] = [:]
        var leftOut: [Trace] = []
        for trace in traces {
            if let value = trace.attributes[field] { byValue[value, default: []].append(trace) } else { leftOut.append(trace) }
        }
        guard !byValue.isEmpty else {
            throw Failure("no trace has the field \"\(field)\" (a string member of its metadata)")
        }
        let values = byValue.keys.sorted()
        let known = Set(values)
        func shown(_ list: [String]) -> String { list.count <= 12 ? list.joined(separator: ", ") : list.prefix(12).joined(separator: ", ") + ", ..." }
        for value in (train ?? []) + (test ?? []) where !known.contains(value) {
            throw Failure("no trace has \(field) \"\(value)\"; the values are: \(shown(values))")
        }
        if let train, let test, let both = train.first(where: test.contains) {
            throw Failure("\(field) \"\(both)\" is in both --train and --test")
        }
        func part(_ chosen: [String]) -> [Trace] {
            chosen.flatMap { byValue[$0] ?? [] }.sorted { ($0.id, $0.origin) < ($1.id, $1.origin) }
        }
        func group(train trainValues: [String], test testValues: [String]) throws(Failure) -> Group {
            guard !trainValues.isEmpty else { throw Failure("nothing left to train on: every \(field) value is tested") }
            guard !testValues.isEmpty else { throw Failure("nothing left to test on: every \(field) value is trained on") }
            return Group(testValues: testValues, trainValues: trainValues, split: EvaluationSplit(train: part(trainValues), test: part(testValues)))
        }
        var groups: [Group] = []
        switch (train, test) {
        case (nil, nil):
            guard values.count >= 2 else {
                throw Failure("every trace has \(field) \"\(values[0])\": leaving one group out needs at least 2 values")
            }
            for value in values { groups.append(try group(train: values.filter { $0 != value }, test: [value])) }
        case (let train?, nil):
            groups.append(try group(train: unique(train), test: values.filter { !train.contains($0) }))
        case (nil, let test?):
            groups.append(try group(train: values.filter { !test.contains($0) }, test: unique(test)))
        case (let train?, let test?):
            groups.append(try group(train: unique(train), test: unique(test)))
        }
        return GroupedSplits(field: field, groups: groups, counts: byValue.mapValues(\.count), leftOut: leftOut)
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
