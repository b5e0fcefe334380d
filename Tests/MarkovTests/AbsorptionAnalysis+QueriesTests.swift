import Testing
import Markov

@Suite("AbsorptionAnalysis queries")
struct AbsorptionAnalysisQueriesTests {
    // One transient state G: .5 to itself, .5 to V. T is geometric:
    // P(T = k) = .5^k, P(T <= k) = 1 - .5^k, b = 1, E[T] = 2.
    // Quantile q: smallest k with 1 - .5^k >= q, i.e. .5^k <= 1 - q.
    //   q = .5  -> k = 1 (.5 <= .5);   q = .9 -> k = 4 (.0625 <= .1 but .125 > .1);
    //   q = .999 -> k = 10 (.5^10 = .000977 <= .001, .5^9 = .00195 > .001).
    static func geometric() throws -> AbsorbingChain {
        try AbsorbingChain(states: ["G", "V"], absorbing: ["V"], rows: [[0.5, 0.5], [0, 1]])
    }

    @Test("geometric time: P(T<=k) = 1 - 0.5^k, median 1, 0.9-quantile 4, mean 2")
    func geometricQuantiles() throws {
        let analysis = try AbsorptionAnalysis(chain: Self.geometric(), target: "V", horizon: 5)
        #expect(analysis.withinHorizon[0] == [0.5, 0.75, 0.875, 0.9375, 0.96875])
        #expect(analysis.hittingTimeDistribution(from: 0) == [0.5, 0.25, 0.125, 0.0625, 0.03125])
        #expect(analysis.medianStepsToTarget(from: 0) == 1)
        #expect(analysis.stepsToTarget(from: 0, quantile: 0.9) == 4)
        expectClose(analysis.expectedStepsToTarget[0], 2, within: 1e-15)
    }

    @Test("a quantile past the horizon continues the recurrence: 0.999 -> 10 with horizon 5")
    func quantileBeyondHorizon() throws {
        let analysis = try AbsorptionAnalysis(chain: Self.geometric(), target: "V", horizon: 5)
        #expect(analysis.stepsToTarget(from: 0, quantile: 0.999) == 10)
        #expect(analysis.stepsToTarget(quantile: 0.999) == [10])
    }

    // G: .999999 self, .000001 to V; the median is about ln 2 / 1e-6 = 693,147 steps.
    @Test("a quantile not reached within the 10,000-step cap is nil")
    func quantileCap() throws {
        let chain = try AbsorbingChain(
            states: ["G", "V"], absorbing: ["V"], rows: [[1 - 1e-6, 1e-6], [0, 1]])
        let analysis = try AbsorptionAnalysis(chain: chain, target: "V", horizon: 5)
        #expect(AbsorptionAnalysis.quantileStepCap == 10_000)
        #expect(analysis.medianStepsToTarget(from: 0) == nil)
        // 1 - (1 - 1e-6)^10000 is about .00995: the 0.9% quantile is in reach.
        #expect(analysis.stepsToTarget(from: 0, quantile: 0.009) != nil)
    }

    // Conditional quantiles use b: from A in the two-absorbing chain of
    // AbsorptionAnalysisTests, b = 2/3 and p = .25, .5, .5625, ...; the 0.8
    // quantile needs p_k >= 8/15 = .5333 -> k = 3.
    @Test("quantiles are conditional on absorption in the target")
    func conditionalQuantile() throws {
        let analysis = try AbsorptionAnalysis(chain: AbsorptionAnalysisTests.twoAbsorbing(), target: "V", horizon: 3)
        #expect(analysis.stepsToTarget(from: 0, quantile: 0.8) == 3)
        #expect(analysis.stepsToTarget(quantile: 0.5) == [2, 1])
        #expect(analysis.stepsToTarget(from: 1, quantile: 0.5) == 0)    // the target itself
        #expect(analysis.stepsToTarget(from: 3, quantile: 0.5) == nil)  // DONE never reaches V
        #expect(analysis.hittingTimeDistribution(from: 1) == [0, 0, 0])
    }

    @Test("points of no return are the transient states with p_k at or above the threshold")
    func pointsOfNoReturn() throws {
        let analysis = try AbsorptionAnalysis(
            chain: AbsorptionAnalysisTests.secondFixture(), target: "VIOLATED", horizon: 10)
        // p_3 = [.03535, .16705, .43825, .743625], p_10 = [.2986, .5003, .6871, .8179].
        #expect(analysis.pointsOfNoReturn(within: 3, threshold: 0.4) == [2, 3])
        #expect(analysis.pointsOfNoReturn(within: 10, threshold: 0.5) == [1, 2, 3])
        #expect(analysis.pointsOfNoReturn(within: 1, threshold: 0.85) == [])
    }

    @Test("the hitting-time distribution sums to p_H and never goes negative")
    func distributionSums() throws {
        let analysis = try AbsorptionAnalysis(
            chain: AbsorptionAnalysisTests.secondFixture(), target: "VIOLATED", horizon: 10)
        for s in 0..<4 {
            let distribution = analysis.hittingTimeDistribution(from: s)
            #expect(distribution.allSatisfy { $0 >= 0 })
            expectClose(distribution.reduce(0, +), analysis.withinHorizon[s][9], within: 1e-15)
        }
    }
}
