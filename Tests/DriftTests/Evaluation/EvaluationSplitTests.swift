import Testing
@testable import Drift

/// Traces that carry their own ground truth, so the policy does not matter for strata.
enum EvaluationFixtures {
    static func trace(_ id: String, _ category: String?, violatedAt step: Int? = nil, steps: Int = 4) -> Trace {
        Trace(
            id: id, category: category,
            steps: (0..<steps).map { _ in Step(tool: "read_file") },
            groundTruth: GroundTruth(violated: step != nil, violationStep: step))
    }

    /// Strata: a/violated 10, a/safe 5, b/violated 3, b/safe 7, (none)/safe 2: 27 traces.
    static let corpus: [Trace] =
        (0..<10).map { trace("a-v\($0)", "a", violatedAt: 2) } + (0..<5).map { trace("a-s\($0)", "a") }
        + (0..<3).map { trace("b-v\($0)", "b", violatedAt: 1) } + (0..<7).map { trace("b-s\($0)", "b") }
        + (0..<2).map { trace("n-s\($0)", nil) }

    static func stratum(_ trace: Trace) -> EvaluationSplit.Stratum {
        .init(category: trace.category, violated: trace.groundTruth?.violated ?? false)
    }
}

@Suite("Evaluation: stratified splits and folds")
struct EvaluationSplitTests {
    typealias F = EvaluationFixtures

    @Test("each (category, violated) stratum is split 80/20 within rounding")
    func stratification() {
        let split = EvaluationSplit.holdOut(F.corpus, policy: .paper, testFraction: 0.2, seed: 2026)
        let sizes = Dictionary(grouping: F.corpus, by: F.stratum).mapValues(\.count)
        let tested = Dictionary(grouping: split.test, by: F.stratum).mapValues(\.count)
        for (stratum, n) in sizes {
            let expected = Double(n) * 0.2
            #expect(abs(Double(tested[stratum] ?? 0) - expected) <= 0.5, "\(stratum): \(tested[stratum] ?? 0) of \(n)")
        }
        // round(10*.2)=2, round(5*.2)=1, round(3*.2)=1, round(7*.2)=1, round(2*.2)=0.
        #expect(split.test.count == 5)
        #expect(split.train.count == 22)
    }

    @Test("no trace is in both parts, and together they are the corpus")
    func disjoint() {
        let split = EvaluationSplit.holdOut(F.corpus, policy: .paper, testFraction: 0.2, seed: 7)
        let train = Set(split.train.map(\.id))
        let test = Set(split.test.map(\.id))
        #expect(train.isDisjoint(with: test))
        #expect(train.union(test) == Set(F.corpus.map(\.id)))
    }

    @Test("the same seed gives the same split whatever the input order; another seed another split")
    func determinism() {
        let a = EvaluationSplit.holdOut(F.corpus, policy: .paper, testFraction: 0.2, seed: 2026)
        let b = EvaluationSplit.holdOut(F.corpus.reversed(), policy: .paper, testFraction: 0.2, seed: 2026)
        #expect(a.test.map(\.id) == b.test.map(\.id))
        #expect(a.train.map(\.id) == b.train.map(\.id))
        let others = (1...5).map { EvaluationSplit.holdOut(F.corpus, policy: .paper, testFraction: 0.2, seed: UInt64($0)).test.map(\.id) }
        #expect(others.contains { $0 != a.test.map(\.id) })
        #expect(EvaluationSplit.holdOut(F.corpus, policy: .paper, testFraction: 0.2, seed: 1).test.map(\.id) != a.test.map(\.id))
    }

    @Test("k folds partition the corpus, each stratified, sizes within one")
    func foldsPartition() {
        let folds = EvaluationSplit.folds(F.corpus, policy: .paper, count: 5, seed: 2026)
        #expect(folds.count == 5)
        let tested = folds.flatMap { $0.test.map(\.id) }
        #expect(tested.count == F.corpus.count)
        #expect(Set(tested) == Set(F.corpus.map(\.id)))
        for fold in folds {
            #expect(Set(fold.train.map(\.id)).isDisjoint(with: fold.test.map(\.id)))
            #expect(fold.train.count + fold.test.count == F.corpus.count)
            // The 10 a/violated traces are dealt 2 to each fold.
            #expect(fold.test.filter { F.stratum($0) == .init(category: "a", violated: true) }.count == 2)
        }
        let sizes = folds.map(\.test.count)
        #expect(sizes.max()! - sizes.min()! <= 1)
    }

    @Test("the generator is SplitMix64: its first outputs for seed 0 are the published ones")
    func generatorReference() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        var bounded = SplitMix64(seed: 42)
        #expect((0..<1000).allSatisfy { _ in (0..<7).contains(bounded.index(below: 7)) })
    }
}
