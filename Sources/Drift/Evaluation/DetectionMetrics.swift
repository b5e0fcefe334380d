/// How well a monitor did on a set of test traces: detection rate over the violating
/// ones, false-positive rate over the safe ones, and the advance warning of detections.
///
/// A rate whose denominator is zero (no violating or no safe trace in the set) is nil,
/// not zero: "nothing to detect" is not "detected nothing".
public struct DetectionMetrics: Hashable, Sendable {
    public var violating: Int
    public var detected: Int
    public var safe: Int
    public var falsePositives: Int
    /// The advance warning (violation step - first alert step) of each detected trace,
    /// ascending.
    public var advanceWarnings: [Int]
    /// Pre-execution use (`check` before each step): violations prevented, and safe
    /// traces with a refused step.
    public var prevented: Int
    public var refusedSafe: Int

    public init(_ outcomes: some Sequence<MonitorOutcome>) {
        violating = 0
        detected = 0
        safe = 0
        falsePositives = 0
        prevented = 0
        refusedSafe = 0
        var warnings: [Int] = []
        for outcome in outcomes {
            if outcome.prevented { prevented += 1 }
            if outcome.refusedSafe { refusedSafe += 1 }
            if outcome.violated {
                violating += 1
                if let warning = outcome.advanceWarning {
                    detected += 1
                    warnings.append(warning)
                }
            } else {
                safe += 1
                if outcome.falsePositive { falsePositives += 1 }
            }
        }
        advanceWarnings = warnings.sorted()
    }

    public var traces: Int { violating + safe }

    /// detected / violating.
    public var detectionRate: Double? {
        violating == 0 ? nil : Double(detected) / Double(violating)
    }

    /// false positives / safe traces.
    public var falsePositiveRate: Double? {
        safe == 0 ? nil : Double(falsePositives) / Double(safe)
    }

    /// prevented / violating, for a framework that calls `check` before each step.
    public var preventionRate: Double? {
        violating == 0 ? nil : Double(prevented) / Double(violating)
    }

    /// safe traces with a refused step / safe traces.
    public var refusalRate: Double? {
        safe == 0 ? nil : Double(refusedSafe) / Double(safe)
    }

    public var meanAdvanceWarning: Double? {
        advanceWarnings.isEmpty ? nil : Double(advanceWarnings.reduce(0, +)) / Double(advanceWarnings.count)
    }

    /// The middle value; for an even count, the mean of the two middle values.
    public var medianAdvanceWarning: Double? {
        let n = advanceWarnings.count
        guard n > 0 else { return nil }
        if n % 2 == 1 { return Double(advanceWarnings[n / 2]) }
        return Double(advanceWarnings[n / 2 - 1] + advanceWarnings[n / 2]) / 2
    }
}
