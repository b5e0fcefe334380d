import Testing
@testable import Drift

@Suite("Evaluation: splits by a trace attribute")
struct GroupedSplitsTests {
    static func trace(_ id: String, family: String?, violated: Bool = false) -> Trace {
        var trace = EvaluationFixtures.trace(id, "a", violatedAt: violated ? 1 : nil)
        if let family { trace.attributes["family"] = family }
        trace.attributes["naming"] = "x"
        return trace
    }

    /// snake 3, pascal 2, mcp 4, and 2 traces without a family: 11 traces.
    static let corpus: [Trace] =
        (0..<3).map { trace("s\($0)", family: "snake", violated: $0 == 0) } + (0..<2).map { trace("p\($0)", family: "pascal") }
        + (0..<4).map { trace("m\($0)", family: "mcp", violated: $0 < 2) } + (0..<2).map { trace("n\($0)", family: nil) }

    @Test("leave-one-group-out: one split per value in sorted order, each testing exactly that group")
    func leaveOneOut() throws {
        let grouped = try GroupedSplits.by("family", Self.corpus)
        #expect(grouped.groups.map(\.name) == ["mcp", "pascal", "snake"])
        #expect(grouped.counts == ["snake": 3, "pascal": 2, "mcp": 4])
        #expect(grouped.leftOut.map(\.id) == ["n0", "n1"])
        let expected: [(test: [String], train: [String])] = [
            (["m0", "m1", "m2", "m3"], ["p0", "p1", "s0", "s1", "s2"]),
            (["p0", "p1"], ["m0", "m1", "m2", "m3", "s0", "s1", "s2"]),
            (["s0", "s1", "s2"], ["m0", "m1", "m2", "m3", "p0", "p1"]),
        ]
        for (group, want) in zip(grouped.groups, expected) {
            #expect(group.split.test.map(\.id) == want.test, "\(group.name)")
            #expect(group.split.train.map(\.id) == want.train, "\(group.name)")
            #expect(group.testValues == [group.name] && !group.trainValues.contains(group.name))
        }
        // Every trace with a family is tested exactly once; those without never appear.
        let tested = grouped.groups.flatMap { $0.split.test.map(\.id) }
        #expect(tested.sorted() == Self.corpus.filter { $0.attributes["family"] != nil }.map(\.id).sorted())
    }

    @Test("--train alone tests every other value; --test alone trains on every other; both give exactly those")
    func oneSplit() throws {
        let trainOnly = try GroupedSplits.by("family", Self.corpus, train: ["snake"])
        #expect(trainOnly.groups.count == 1)
        #expect(trainOnly.groups[0].testValues == ["mcp", "pascal"] && trainOnly.groups[0].name == "mcp+pascal")
        #expect(trainOnly.groups[0].split.train.map(\.id) == ["s0", "s1", "s2"])
        let testOnly = try GroupedSplits.by("family", Self.corpus, test: ["pascal"])
        #expect(testOnly.groups[0].trainValues == ["mcp", "snake"])
        #expect(testOnly.groups[0].split.test.map(\.id) == ["p0", "p1"])
        let both = try GroupedSplits.by("family", Self.corpus, train: ["snake", "snake"], test: ["mcp"])
        #expect(both.groups[0].trainValues == ["snake"] && both.groups[0].split.train.count == 3)
        #expect(both.groups[0].split.test.count == 4)
        #expect(!both.groups[0].split.test.contains { $0.attributes["family"] == "pascal" })
    }

    @Test("input order does not change any split")
    func orderIndependent() throws {
        let a = try GroupedSplits.by("family", Self.corpus)
        let b = try GroupedSplits.by("family", Self.corpus.reversed())
        #expect(a.groups.map { $0.split.train.map(\.id) } == b.groups.map { $0.split.train.map(\.id) })
        #expect(a.groups.map { $0.split.test.map(\.id) } == b.groups.map { $0.split.test.map(\.id) })
    }

    @Test("a grouping that cannot be made says why, naming the field or value", arguments: [
        ("colour", nil, nil, "no trace has the field \"colour\" (a string member of its metadata)"),
        ("family", ["snake"], ["kebab"], "no trace has family \"kebab\"; the values are: mcp, pascal, snake"),
        ("family", ["snake", "mcp"], ["mcp"], "family \"mcp\" is in both --train and --test"),
        ("family", ["snake", "mcp", "pascal"], nil, "nothing left to test on: every family value is trained on"),
        ("family", nil, ["snake", "mcp", "pascal"], "nothing left to train on: every family value is tested"),
        ("naming", nil, nil, "every trace has naming \"x\": leaving one group out needs at least 2 values"),
    ] as [(String, [String]?, [String]?, String)])
    func failures(field: String, train: [String]?, test: [String]?, message: String) {
        #expect(throws: GroupedSplits.Failure(message)) {
            try GroupedSplits.by(field, Self.corpus, train: train, test: test)
        }
    }

    @Test("the result of one split is the same as evaluating that split alone")
    func splitResultMatchesAlone() throws {
        let grouped = try GroupedSplits.by("family", Self.corpus)
        let evaluation = Evaluation(policy: .default, configuration: .init(monitor: Policy.default.monitor))
        let all = try evaluation.run(splits: grouped.groups.map(\.split))
        #expect(all.splits.map(\.test) == [4, 2, 3])
        for (index, group) in grouped.groups.enumerated() {
            let alone = try evaluation.run(splits: [group.split])
            let part = all.split(index)
            for monitor in EvaluatedMonitor.allCases {
                #expect(part[monitor].replays == alone[monitor].replays, "\(group.name) \(monitor)")
                #expect(part[monitor].overall == alone[monitor].overall)
            }
        }
    }
}
