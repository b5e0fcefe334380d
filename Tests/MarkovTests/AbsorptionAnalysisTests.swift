import Testing
import Markov

@Suite("AbsorptionAnalysis")
struct AbsorptionAnalysisTests {
    /// method.md section 5, first fixture.
    static func firstFixture() throws -> AbsorbingChain {
        try AbsorbingChain(
            states: ["S0", "S1", "VIOLATED"], absorbing: ["VIOLATED"],
            rows: [[0.5, 0.3, 0.2], [0, 0.4, 0.6], [0, 0, 1]])
    }

    /// method.md section 5, second fixture: four transient states, VIOLATED and DONE.
    static func secondFixture() throws -> AbsorbingChain {
        try AbsorbingChain(
            states: ["0", "1", "2", "3", "VIOLATED", "DONE"], absorbing: ["VIOLATED", "DONE"],
            rows: [
                [0.60, 0.20, 0.05, 0.00, 0.00, 0.15],
                [0.00, 0.55, 0.25, 0.05, 0.02, 0.13],
                [0.00, 0.00, 0.50, 0.30, 0.10, 0.10],
                [0.00, 0.00, 0.00, 0.45, 0.45, 0.10],
                [0.00, 0.00, 0.00, 0.00, 1.00, 0.00],
                [0.00, 0.00, 0.00, 0.00, 0.00, 1.00],
            ])
    }

    @Test("first fixture: N, B, t and p_1 exact to 1e-9")
    func firstFixtureExact() throws {
        let analysis = try AbsorptionAnalysis(chain: Self.firstFixture(), target: "VIOLATED", horizon: 3)
        expectClose(try #require(analysis.fundamentalMatrix()), [2, 1, 0, 5.0 / 3], within: 1e-9)
        expectClose(analysis.absorption.map { $0[0] }, [1, 1], within: 1e-9)
        expectClose(analysis.expectedSteps.map { $0 ?? .nan }, [3, 5.0 / 3], within: 1e-9)
        expectClose(analysis.withinHorizon.map { $0[0] }, [0.2, 0.6], within: 1e-9)
        #expect(analysis.target == 2)
        #expect(analysis.neverAbsorbed.isEmpty)
        #expect(analysis.reciprocalCondition > 0.1)
    }

    @Test("second fixture: P(T<=1,3,10), absorption and expected steps match the printed digits")
    func secondFixturePrinted() throws {
        let chain = try Self.secondFixture()
        let analysis = try AbsorptionAnalysis(chain: chain, target: "VIOLATED", horizon: 10)
        let within1 = [0, 0.02, 0.10, 0.45]
        let within3 = [0.0354, 0.1670, 0.4382, 0.7436]
        let within10 = [0.2986, 0.5003, 0.6871, 0.8179]
        let absorbed = [0.3460, 0.5192, 0.6909, 0.8182]
        let steps = [4.957, 4.141, 3.091, 1.818]
        // Probabilities are printed to four decimals: half a unit of the last one
        // is 5e-5. The exact P(T<=3) of states 0, 1 and 2 are ties (.03535, .16705,
        // .43825), so the bound is inclusive. Expected steps are printed to three
        // decimals: 5e-4.
        let printed = 5e-5 + 1e-12
        for s in 0..<4 {
            expectClose(analysis.violationProbability(from: s, within: 1), within1[s], within: 1e-12)
            expectClose(analysis.violationProbability(from: s, within: 3), within3[s], within: printed)
            expectClose(analysis.violationProbability(from: s, within: 10), within10[s], within: printed)
            expectClose(analysis.targetAbsorption(from: s), absorbed[s], within: printed)
            expectClose(analysis.expectedSteps[s], steps[s], within: 5e-4)
            // Ending somewhere is certain: VIOLATED and DONE add up to 1.
            expectClose(analysis.absorption[s].reduce(0, +), 1, within: 1e-12)
        }
        #expect(analysis.violationProbability(from: 4, within: 5) == 1)
        #expect(analysis.violationProbability(from: 5, within: 5) == 0)
        #expect(analysis.targetAbsorption(from: 5) == 0)
    }

    // Q of the second fixture is upper triangular, so exact rational back
    // substitution gives the values in closed form: B_V(3) = .45 / .55 = 9/11,
    // t(3) = 1 / .55 = 20/11, P(T<=3) = [.03535, .16705, .43825, .743625], and so on.
    @Test("second fixture: exact values to 1e-12")
    func secondFixtureExact() throws {
        let analysis = try AbsorptionAnalysis(chain: Self.secondFixture(), target: "VIOLATED", horizon: 10)
        expectClose(analysis.withinHorizon.map { $0[2] }, [0.03535, 0.16705, 0.43825, 0.743625], within: 1e-12)
        expectClose(analysis.withinHorizon.map { $0[9] },
                    [0.2985833731073828, 0.5003083099515039, 0.6871119172376953, 0.8179032221270508],
                    within: 1e-12)
        expectClose(analysis.absorption.map { $0[0] },
                    [0.34595959595959597, 0.5191919191919192, 0.6909090909090909, 9.0 / 11], within: 1e-12)
        expectClose(analysis.expectedSteps.map { $0 ?? .nan },
                    [4.957070707070707, 4.141414141414141, 3.090909090909091, 20.0 / 11], within: 1e-12)
        expectClose(analysis.expectedStepsToTarget.map { $0 ?? .nan },
                    [7.054272653542727, 4.974256180481861, 3.291866028708134, 20.0 / 11], within: 1e-12)
    }

    // Two transient states A, B and two absorbing states V (target), D:
    //   A -> B .5, A -> V .25, A -> D .25;   B -> A .5, B -> V .5.
    // Q = [[0, .5], [.5, 0]], I - Q = [[1, -.5], [-.5, 1]], det = 3/4,
    // N = (4/3) [[1, .5], [.5, 1]] = [[4/3, 2/3], [2/3, 4/3]].
    // R = [[.25, .25], [.5, 0]] (columns V, D).
    // B = N R: A: V = 4/3 * .25 + 2/3 * .5 = 2/3, D = 4/3 * .25 = 1/3;
    //          B: V = 2/3 * .25 + 4/3 * .5 = 5/6, D = 2/3 * .25 = 1/6.
    // t = N 1 = [2, 2].
    // p_1 = r = [.25, .5]; p_2 = r + Q p_1 = [.25 + .25, .5 + .125] = [.5, .625];
    // p_3 = [.25 + .3125, .5 + .25] = [.5625, .75].
    // N b with b = [2/3, 5/6]: A: 8/9 + 5/9 = 13/9, B: 4/9 + 10/9 = 14/9,
    // so E[T | V] = (13/9) / (2/3) = 13/6 from A and (14/9) / (5/6) = 28/15 from B.
    // Medians: from A the level is b/2 = 1/3, first met by p_2 = .5 -> 2;
    //          from B the level is 5/12, already met by p_1 = .5 -> 1.
    static func twoAbsorbing() throws -> AbsorbingChain {
        try AbsorbingChain(
            states: ["A", "V", "B", "D"], absorbing: ["V", "D"],
            rows: [[0, 0.25, 0.5, 0.25], [0, 1, 0, 0], [0.5, 0.5, 0, 0], [0, 0, 0, 1]])
    }

    @Test("a hand-derived chain with two absorbing states")
    func twoAbsorbingStates() throws {
        let chain = try Self.twoAbsorbing()
        let analysis = try AbsorptionAnalysis(chain: chain, target: "V", horizon: 3)
        #expect(chain.transient == [0, 2])
        #expect(chain.absorbing == [1, 3])
        expectClose(analysis.absorption[0], [2.0 / 3, 1.0 / 3], within: 1e-12)
        expectClose(analysis.absorption[1], [5.0 / 6, 1.0 / 6], within: 1e-12)
        expectClose(analysis.expectedSteps[0], 2, within: 1e-12)
        expectClose(analysis.expectedSteps[1], 2, within: 1e-12)
        expectClose(analysis.withinHorizon[0], [0.25, 0.5, 0.5625], within: 1e-15)
        expectClose(analysis.withinHorizon[1], [0.5, 0.625, 0.75], within: 1e-15)
        expectClose(analysis.expectedStepsToTarget[0], 13.0 / 6, within: 1e-12)
        expectClose(analysis.expectedStepsToTarget[1], 28.0 / 15, within: 1e-12)
        expectClose(try #require(analysis.fundamentalMatrix()), [4.0 / 3, 2.0 / 3, 2.0 / 3, 4.0 / 3], within: 1e-12)
        #expect(analysis.medianStepsToTarget(from: 0) == 2)
        #expect(analysis.medianStepsToTarget(from: 2) == 1)
        #expect(analysis.targetAbsorption(from: 2) == analysis.absorption[1][0])
    }

    // V target. X: .5 to V, .5 into the closed pair C1 <-> C2. Z: .5 self, .5 to V.
    // C1, C2 can never be absorbed; X may never be absorbed (infinite expected
    // time) but, given V, reaches it in exactly one step.
    @Test("a closed transient group gets absorption 0 and infinite (nil) expected steps, without throwing")
    func closedGroup() throws {
        let chain = try AbsorbingChain(
            states: ["X", "C1", "C2", "Z", "V"], absorbing: ["V"],
            rows: [
                [0, 0.5, 0, 0, 0.5],
                [0, 0, 1, 0, 0],
                [0, 1, 0, 0, 0],
                [0, 0, 0, 0.5, 0.5],
                [0, 0, 0, 0, 1],
            ])
        let analysis = try AbsorptionAnalysis(chain: chain, target: "V", horizon: 4)
        #expect(analysis.neverAbsorbed == [1, 2])
        #expect(analysis.absorption[1] == [0])
        #expect(analysis.absorption[2] == [0])
        #expect(analysis.expectedSteps[1] == nil)
        #expect(analysis.expectedSteps[2] == nil)
        #expect(analysis.withinHorizon[1] == [0, 0, 0, 0])
        #expect(analysis.expectedStepsToTarget[1] == nil)
        #expect(analysis.medianStepsToTarget(from: 1) == nil)

        expectClose(analysis.absorption[0][0], 0.5, within: 1e-15)
        #expect(analysis.expectedSteps[0] == nil)
        expectClose(analysis.expectedStepsToTarget[0], 1, within: 1e-15)
        #expect(analysis.withinHorizon[0] == [0.5, 0.5, 0.5, 0.5])

        expectClose(analysis.absorption[3][0], 1, within: 1e-15)
        expectClose(analysis.expectedSteps[3], 2, within: 1e-15)
        #expect(analysis.fundamentalMatrix() == nil)
        #expect(analysis.reciprocalCondition >= AbsorptionAnalysis.defaultRcondThreshold)
    }

    @Test("a chain whose transient states are all trapped solves nothing and reports rcond 1")
    func allTrapped() throws {
        let chain = try AbsorbingChain(
            states: ["T", "V"], absorbing: ["V"], rows: [[1, 0], [0, 1]])
        let analysis = try AbsorptionAnalysis(chain: chain, target: "V", horizon: 2)
        #expect(analysis.neverAbsorbed == [0])
        #expect(analysis.reciprocalCondition == 1)
        #expect(analysis.withinHorizon == [[0, 0]])
        #expect(analysis.stepsToTarget(quantile: 0.5) == [nil])
    }

    // Two transient states trading places with probability 1 - 1e-15 and leaking
    // 1e-15 to V: I - Q = [[1, -(1 - e)], [-(1 - e), 1]] has determinant about 2e
    // and 1-norm 2, so cond₁ is about 2 / e and rcond about 5e-16.
    @Test("a pair leaking 1e-15 to absorption throws illConditioned instead of returning t near 1e15")
    func illConditioned() throws {
        let e = 1e-15
        let chain = try AbsorbingChain(
            states: ["P", "Q", "V"], absorbing: ["V"],
            rows: [[0, 1 - e, e], [1 - e, 0, e], [0, 0, 1]])
        let error = #expect(throws: SolverError.self) {
            try AbsorptionAnalysis(chain: chain, target: "V", horizon: 5)
        }
        #expect(error?.description.hasPrefix("I - Q is too ill-conditioned to solve: reciprocal condition number ") == true)
        #expect(error?.description.hasSuffix(" is below 1e-12") == true)
        // A lower threshold is the caller's explicit choice.
        let accepted = try AbsorptionAnalysis(chain: chain, target: "V", horizon: 5, rcondThreshold: 0)
        #expect(accepted.reciprocalCondition < 1e-12)
    }

    // One state with self-loop 1 - 1e-15: I - Q is the 1x1 matrix [1e-15], whose
    // condition number is 1, so dgecon cannot flag it; and 1e15 expected steps is
    // the true answer. Forming the diagonal from the exit probability (1e-15)
    // rather than 1 - (1 - 1e-15), which rounds to 1.0000889e-15, keeps it exact.
    @Test("a single state leaking 1e-15 is well conditioned: B = 1 and t = 1e15 exactly, no throw")
    func singleSlowLeak() throws {
        let e = 1e-15
        let chain = try AbsorbingChain(
            states: ["S", "V"], absorbing: ["V"], rows: [[1 - e, e], [0, 1]])
        let analysis = try AbsorptionAnalysis(chain: chain, target: "V", horizon: 5)
        #expect(analysis.reciprocalCondition == 1)
        #expect(analysis.absorption[0][0] == 1)
        // 1 / fl(1e-15) is 999999999999999.9; 1 - (1 - 1e-15) would have given 9.99911e14.
        expectClose(analysis.expectedSteps[0], 1e15, within: 1)
        #expect(analysis.medianStepsToTarget(from: 0) == nil)  // far beyond the 10,000-step cap
    }

    @Test("a bad target or horizon throws a SolverError naming it")
    func badArguments() throws {
        let chain = try Self.firstFixture()
        #expect(throws: SolverError.unknownTarget("VIOLATION")) {
            try AbsorptionAnalysis(chain: chain, target: "VIOLATION", horizon: 5)
        }
        #expect(throws: SolverError.targetNotAbsorbing("S1")) {
            try AbsorptionAnalysis(chain: chain, target: "S1", horizon: 5)
        }
        #expect(throws: SolverError.badHorizon(0)) {
            try AbsorptionAnalysis(chain: chain, target: "VIOLATED", horizon: 0)
        }
    }

    @Test("a transient state with an undeclared unit self-loop is treated as never absorbed")
    func undeclaredSelfLoop() throws {
        let chain = try AbsorbingChain(
            states: ["S", "STUCK", "V"], absorbing: ["V"],
            rows: [[0.5, 0.25, 0.25], [0, 1, 0], [0, 0, 1]])
        let analysis = try AbsorptionAnalysis(chain: chain, target: "V", horizon: 2)
        #expect(analysis.neverAbsorbed == [1])
        expectClose(analysis.absorption[0][0], 0.5, within: 1e-15)
        #expect(analysis.expectedSteps[0] == nil)
        expectClose(analysis.expectedStepsToTarget[0], 2, within: 1e-15)
    }
}
