import Testing
@testable import Drift

@Suite("Evaluation: detection, false positives and advance warning")
struct EvaluationMetricsTests {
    static func outcome(_ id: String, violatedAt v: Int?, alertAt a: Int?, category: String? = "c") -> MonitorOutcome {
        MonitorOutcome(traceID: id, category: category, violationStep: v, firstAlert: a)
    }

    @Test("an alert at the violating step itself is not a detection; one step before is, with 1 step of warning")
    func strictRule() {
        let atStep = Self.outcome("at", violatedAt: 4, alertAt: 4)
        #expect(!atStep.detected)
        #expect(atStep.advanceWarning == nil)
        let before = Self.outcome("before", violatedAt: 4, alertAt: 3)
        #expect(before.detected)
        #expect(before.advanceWarning == 1)
        let after = Self.outcome("after", violatedAt: 4, alertAt: 5)
        #expect(!after.detected)
        // A violation at the first step (index 0) can never be detected.
        #expect(!MonitorOutcome.isDetection(firstAlert: 0, violationStep: 0))
        #expect(MonitorOutcome.isDetection(firstAlert: 0, violationStep: 1))
        #expect(!MonitorOutcome.isDetection(firstAlert: nil, violationStep: 3))
    }

    /// 5 violating traces: warnings 3, 1, 4, not detected (alert at the step), never alerted.
    /// 4 safe traces: 1 with an alert.
    static let outcomes = [
        outcome("v1", violatedAt: 5, alertAt: 2), outcome("v2", violatedAt: 3, alertAt: 2),
        outcome("v3", violatedAt: 6, alertAt: 2), outcome("v4", violatedAt: 2, alertAt: 2),
        outcome("v5", violatedAt: 4, alertAt: nil),
        outcome("s1", violatedAt: nil, alertAt: 0), outcome("s2", violatedAt: nil, alertAt: nil),
        outcome("s3", violatedAt: nil, alertAt: nil), outcome("s4", violatedAt: nil, alertAt: nil),
    ]

    @Test("hand-computed metrics: detection 3/5, FPR 1/4, mean warning 8/3, median 3")
    func handComputed() {
        let m = DetectionMetrics(Self.outcomes)
        #expect(m.violating == 5 && m.detected == 3 && m.safe == 4 && m.falsePositives == 1)
        #expect(m.detectionRate == 0.6)
        #expect(m.falsePositiveRate == 0.25)
        #expect(m.advanceWarnings == [1, 3, 4])
        #expect(abs(m.meanAdvanceWarning! - 8.0 / 3) < 1e-12)
        #expect(m.medianAdvanceWarning == 3)
    }

    @Test("the median of an even number of warnings is the mean of the middle two")
    func evenMedian() {
        // Warnings 3, 1 and 8: the odd median is the middle one.
        let three = DetectionMetrics(Array(Self.outcomes.prefix(2)) + [Self.outcome("v6", violatedAt: 9, alertAt: 1)])
        #expect(three.medianAdvanceWarning == 3)
        // Warnings 3 and 1: (1 + 3) / 2.
        let two = DetectionMetrics(Array(Self.outcomes.prefix(2)))
        #expect(two.medianAdvanceWarning == 2)
    }

    @Test("rates without a denominator are nil, not zero")
    func undefinedRates() {
        let onlySafe = DetectionMetrics([Self.outcome("s", violatedAt: nil, alertAt: nil)])
        #expect(onlySafe.detectionRate == nil)
        #expect(onlySafe.falsePositiveRate == 0)
        #expect(onlySafe.meanAdvanceWarning == nil && onlySafe.medianAdvanceWarning == nil)
        #expect(DetectionMetrics([Self.outcome("v", violatedAt: 1, alertAt: 0)]).falsePositiveRate == nil)
    }
}

@Suite("Evaluation: threshold sweep and area under the ROC curve")
struct EvaluationSweepTests {
    @Test("the first alert at a threshold is the first score at or above it")
    func firstAlert() {
        let replay = TraceReplay(traceID: "t", category: nil, violationStep: 3, scores: [0.1, 0.4, 0.7, 1.0])
        #expect(replay.firstAlert(atThreshold: 0.05) == 0)
        #expect(replay.firstAlert(atThreshold: 0.4) == 1)
        #expect(replay.firstAlert(atThreshold: 0.5) == 2)
        #expect(replay.firstAlert(atThreshold: 0.95) == 3)
        #expect(replay.outcome(atThreshold: 0.5).advanceWarning == 1)
        #expect(!replay.outcome(atThreshold: 0.95).detected)
    }

    @Test("AUC of hand-made points: trapezoids through (0,0) and (1,1)")
    func handMadeAUC() {
        // (0,0) (0.2,0.6) (0.5,0.8) (1,1): 0.2*0.3 + 0.3*0.7 + 0.5*0.9 = 0.06 + 0.21 + 0.45 = 0.72.
        let sweep = ThresholdSweep(points: [
            ROCPoint(threshold: 0.7, truePositiveRate: 0.6, falsePositiveRate: 0.2),
            ROCPoint(threshold: 0.3, truePositiveRate: 0.8, falsePositiveRate: 0.5),
        ])
        #expect(abs(sweep.areaUnderCurve - 0.72) < 1e-12)
        #expect(abs(ThresholdSweep.areaUnderCurve([]) - 0.5) < 1e-12)
        #expect(abs(ThresholdSweep.areaUnderCurve([(0, 1)]) - 1) < 1e-12)
    }

    @Test("a sweep over replays gives each threshold's detection rate and FPR")
    func sweepOverReplays() throws {
        let replays = [
            TraceReplay(traceID: "v1", category: nil, violationStep: 2, scores: [0.2, 0.6, 1, 1]),
            TraceReplay(traceID: "v2", category: nil, violationStep: 1, scores: [0.3, 1]),
            TraceReplay(traceID: "s1", category: nil, violationStep: nil, scores: [0.1, 0.25]),
            TraceReplay(traceID: "s2", category: nil, violationStep: nil, scores: [0.55]),
        ]
        let sweep = try #require(ThresholdSweep(replays, thresholds: [0.1, 0.25, 0.5, 0.9]))
        #expect(sweep.points.map(\.truePositiveRate) == [1, 1, 0.5, 0])
        #expect(sweep.points.map(\.falsePositiveRate) == [1, 1, 0.5, 0])
        // The diagonal: AUC 1/2.
        #expect(abs(sweep.areaUnderCurve - 0.5) < 1e-12)
        #expect(ThresholdSweep(Array(replays.prefix(2))) == nil)
        #expect(ThresholdSweep.standardThresholds.count == 19)
        #expect(ThresholdSweep.standardThresholds.first == 0.05 && ThresholdSweep.standardThresholds.last == 0.95)
    }
}
