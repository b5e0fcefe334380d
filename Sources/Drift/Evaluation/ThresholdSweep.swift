/// One point of a ROC curve: at this threshold, the detection rate (true-positive rate)
/// and the false-positive rate.
public struct ROCPoint: Hashable, Sendable {
    public var threshold: Double
    public var truePositiveRate: Double
    public var falsePositiveRate: Double

    public init(threshold: Double, truePositiveRate: Double, falsePositiveRate: Double) {
        self.threshold = threshold
        self.truePositiveRate = truePositiveRate
        self.falsePositiveRate = falsePositiveRate
    }
}

/// A monitor's detection rate and false-positive rate over a range of alert thresholds,
/// from replays recorded once (nothing is refitted or replayed per threshold).
///
/// The true-positive rate is the detection rate under the strict rule (first alert
/// strictly before the violating step), so even the lowest threshold need not reach a
/// TPR of 1: a violation at the very first step cannot be detected.
public struct ThresholdSweep: Hashable, Sendable {
    public var points: [ROCPoint]

    /// 0.05, 0.10, ..., 0.95: computed as i/20 so that no rounding error accumulates.
    public static let standardThresholds: [Double] = (1...19).map { Double($0) / 20 }

    public init(points: [ROCPoint]) {
        self.points = points
    }

    /// The sweep over `replays`; nil when they hold no violating or no safe trace (one
    /// of the two rates would be undefined).
    public init?(_ replays: [TraceReplay], thresholds: [Double] = ThresholdSweep.standardThresholds) {
        var points: [ROCPoint] = []
        for threshold in thresholds {
            let metrics = DetectionMetrics(replays.map { $0.outcome(atThreshold: threshold) })
            guard let tpr = metrics.detectionRate, let fpr = metrics.falsePositiveRate else { return nil }
            points.append(ROCPoint(threshold: threshold, truePositiveRate: tpr, falsePositiveRate: fpr))
        }
        self.points = points
    }

    /// The area under the ROC curve by the trapezoid rule.
    ///
    /// The curve runs through (0, 0), the sweep's points ordered by false-positive rate
    /// (ties by true-positive rate), and (1, 1): the end points stand for "never alert"
    /// and "always alert". Because a threshold sweep is coarse and detection is strict,
    /// the segment to (1, 1) is a straight line the monitor may not actually reach;
    /// this is the usual convention and it is the same for every monitor compared.
    public var areaUnderCurve: Double {
        Self.areaUnderCurve(points.map { ($0.falsePositiveRate, $0.truePositiveRate) })
    }

    public static func areaUnderCurve(_ points: [(fpr: Double, tpr: Double)]) -> Double {
        let curve = [(fpr: 0.0, tpr: 0.0)] + points.sorted { ($0.fpr, $0.tpr) < ($1.fpr, $1.tpr) } + [(fpr: 1.0, tpr: 1.0)]
        var area = 0.0
        for i in 1..<curve.count {
            area += (curve[i].fpr - curve[i - 1].fpr) * (curve[i].tpr + curve[i - 1].tpr) / 2
        }
        return area
    }
}
