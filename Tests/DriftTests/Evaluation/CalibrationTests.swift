import Testing
@testable import Drift

@Suite("Calibration: Brier score against the base rate, ECE and reliability bins")
struct CalibrationTests {
    static func forecast(_ p: Double, _ happened: Bool, base: Double = 0.5) -> Forecast {
        Forecast(predicted: p, baseRate: base, happened: happened)
    }

    @Test("four forecasts with known outcomes give the hand-derived Brier, base Brier and ECE")
    func handDerived() throws {
        // (0.1, no), (0.3, yes), (0.8, yes), (0.9, no):
        // Brier = (0.01 + 0.49 + 0.04 + 0.81) / 4 = 0.3375; base 0.5 scores 0.25 on each.
        // Each forecast is alone in its bin: ECE = (0.1 + 0.7 + 0.2 + 0.9) / 4 = 0.475.
        let c = Calibration(horizon: 5, forecasts: [Self.forecast(0.1, false), Self.forecast(0.3, true), Self.forecast(0.8, true), Self.forecast(0.9, false)])
        #expect(c.count == 4)
        #expect(c.events == 2)
        #expect(abs(try #require(c.brierScore) - 0.3375) < 1e-12)
        #expect(abs(try #require(c.baseRateBrierScore) - 0.25) < 1e-12)
        #expect(abs(try #require(c.expectedCalibrationError) - 0.475) < 1e-12)
        #expect(abs(try #require(c.skill) - (1 - 0.3375 / 0.25)) < 1e-12)
        #expect(c.bins.count == 10)
        #expect(c.bins.map(\.count) == [0, 1, 0, 1, 0, 0, 0, 0, 1, 1])
        #expect(c.bins[3].observedFrequency == 1)
        #expect(c.bins[9].observedFrequency == 0)
    }

    @Test("forecasts sharing a bin are averaged before the gap is taken")
    func sharedBin() throws {
        // 0.22 and 0.28 (one yes, one no) share bin [0.2, 0.3): mean 0.25, observed 0.5;
        // 0.95 (yes) alone: gap 0.05. ECE = 2/3 x 0.25 + 1/3 x 0.05 = 11/60.
        let c = Calibration(horizon: 3, forecasts: [Self.forecast(0.22, true), Self.forecast(0.28, false), Self.forecast(0.95, true)])
        #expect(abs(try #require(c.expectedCalibrationError) - 11.0 / 60) < 1e-12)
        #expect(abs(try #require(c.bins[2].meanPredicted) - 0.25) < 1e-12)
    }

    @Test("a perfectly calibrated forecaster has ECE 0 and a constant one scores its own Brier")
    func perfectAndConstant() throws {
        // p = 0.25 on 4 forecasts, one of which happens: calibrated, Brier = 0.25 x 0.75.
        let c = Calibration(horizon: 5, forecasts: [true, false, false, false].map { Self.forecast(0.25, $0, base: 0.25) })
        #expect(abs(try #require(c.expectedCalibrationError)) < 1e-12)
        #expect(abs(try #require(c.brierScore) - 0.1875) < 1e-12)
        #expect(c.brierScore == c.baseRateBrierScore)
        #expect(abs(try #require(c.skill)) < 1e-12)
    }

    @Test("no forecasts: every score is nil, not zero")
    func empty() {
        let c = Calibration(horizon: 5, forecasts: [])
        #expect(c.count == 0)
        #expect(c.brierScore == nil && c.baseRateBrierScore == nil && c.expectedCalibrationError == nil && c.skill == nil)
        #expect(c.bins.allSatisfy { $0.count == 0 && $0.meanPredicted == nil })
    }

    @Test("p = 1 lands in the last bin; out-of-range and NaN forecasts are clamped, never a crash")
    func hostileForecasts() throws {
        let c = Calibration(horizon: 5, forecasts: [Self.forecast(1, true), Self.forecast(1.7, true), Self.forecast(-3, false), Self.forecast(.nan, false)])
        #expect(c.bins[9].count == 2)
        #expect(c.bins[0].count == 2)
        #expect(try #require(c.brierScore) == 0)
        #expect(try #require(c.expectedCalibrationError) == 0)
        #expect(Calibration(horizon: 1, forecasts: [Self.forecast(0.5, true)], binCount: 0).bins.count == 1)
        #expect(Calibration(horizon: 1, forecasts: [Self.forecast(0.5, true)], binCount: 1_000_000).bins.count == 100)
    }

    @Test("the event: a violation within k steps after each step before it; a trace that ends first is a no", arguments: [
        (4, Int?.some(3), 1, [false, false, true]),
        (4, Int?.some(3), 2, [false, true, true]),
        (4, Int?.some(3), 5, [true, true, true]),
        (3, Int?.none, 5, [false, false, false]),
        (3, Int?.some(0), 5, []),
        (0, Int?.none, 5, []),
        (2, Int?.some(9), 5, [false, false]),
    ])
    func outcomes(steps: Int, violationStep: Int?, k: Int, expected: [Bool]) {
        #expect(Forecast.outcomes(steps: steps, violationStep: violationStep, within: k) == expected)
    }

    @Test("the training base rate counts the same event over the same steps")
    func eventRate() {
        var rate = EventRate()
        rate.add(steps: 4, violationStep: 3, within: 1)  // steps 0, 1, 2: one event
        rate.add(steps: 3, violationStep: nil, within: 1)  // three non-events
        #expect(rate.steps == 6)
        #expect(rate.events == 1)
        #expect(abs(rate.rate - 1.0 / 6) < 1e-12)
        #expect(EventRate().rate == 0)
    }

    @Test("an evaluation calibrates both chain monitors at every horizon, and not the keyword baseline")
    func evaluationCalibrates() throws {
        let policy = EvaluationRunTests.policy
        let result = try Evaluation(policy: policy, configuration: .init(monitor: policy.monitor)).run(EvaluationRunTests.corpus)
        #expect(result[.keyword].calibration.isEmpty)
        for monitor in [EvaluatedMonitor.pooled, .perCategory] {
            let calibration = result[monitor].calibration
            #expect(calibration.map(\.horizon) == [1, 3, 5, 10])
            // 2 violating test traces with 3 steps before the violation, 4 safe of 2 steps.
            #expect(calibration.allSatisfy { $0.count == 2 * 3 + 4 * 2 })
            #expect(try #require(calibration.first { $0.horizon == 5 }).events == 6)
            #expect(result[monitor].calibrationByCategory.keys.sorted() == ["comms", "tech"])
        }
        // The per-category chain knows the comms exfiltrations: it beats the base rate.
        let p5 = try #require(result[.perCategory].calibration.first { $0.horizon == 5 })
        #expect(try #require(p5.brierScore) < (try #require(p5.baseRateBrierScore)))
    }
}
