/// One probability forecast of "a violation within the next k steps", the reference
/// forecast it is compared with, and what happened.
public struct Forecast: Hashable, Sendable {
    /// The monitor's p_k after the step.
    public var predicted: Double
    /// The training part's base rate of the same event: a forecaster that knows nothing
    /// about the trace.
    public var baseRate: Double
    public var happened: Bool

    public init(predicted: Double, baseRate: Double, happened: Bool) {
        self.predicted = predicted
        self.baseRate = baseRate
        self.happened = happened
    }

    /// Whether a violation came within `k` steps after each step of a trace with `steps`
    /// steps: one answer for every step before the violating one (index < violationStep),
    /// or for every step of a safe trace (never). A trace that ends first counts as no.
    public static func outcomes(steps: Int, violationStep: Int?, within k: Int) -> [Bool] {
        guard let v = violationStep else { return [Bool](repeating: false, count: max(0, steps)) }
        return (0..<max(0, min(v, steps))).map { v - $0 <= k }
    }

    /// The forecasts of one replayed trace at horizon `k`; empty when the replay did not
    /// record p_k.
    public static func forecasts(of replay: TraceReplay, within k: Int, baseRate: Double) -> [Forecast] {
        guard let predicted = replay.probabilities[k] else { return [] }
        let happened = outcomes(steps: predicted.count, violationStep: replay.violationStep, within: k)
        return zip(predicted, happened).map { Forecast(predicted: $0, baseRate: baseRate, happened: $1) }
    }
}

/// How often "a violation within k steps" happened over the steps of a set of traces:
/// the base rate a calibrated monitor must beat.
public struct EventRate: Hashable, Sendable {
    public var events: Int = 0
    public var steps: Int = 0

    public init() {}

    public mutating func add(steps count: Int, violationStep: Int?, within k: Int) {
        let outcomes = Forecast.outcomes(steps: count, violationStep: violationStep, within: k)
        steps += outcomes.count
        events += outcomes.count(where: { $0 })
    }

    /// events / steps; 0 when there were no steps.
    public var rate: Double { steps == 0 ? 0 : Double(events) / Double(steps) }
}

/// One bin of a reliability diagram: the forecasts whose p fell in [lower, upper)
/// (the last bin includes 1).
public struct ReliabilityBin: Hashable, Sendable {
    public var lower: Double
    public var upper: Double
    public var count: Int
    /// Mean forecast and observed frequency in the bin; nil for an empty bin.
    public var meanPredicted: Double?
    public var observedFrequency: Double?
}

/// How well probabilities match frequencies: Brier score against the base-rate
/// forecaster's, expected calibration error, and the reliability bins.
///
/// Brier = mean of (p - outcome)^2 (0 is perfect; the base-rate forecaster scores
/// b(1-b)-ish, and a useful monitor scores lower). ECE = sum over bins of
/// (count / total) x |mean p - observed frequency|, over `binCount` equal-width bins.
public struct Calibration: Hashable, Sendable {
    public static let standardBinCount = 10

    public var horizon: Int
    public var count: Int
    public var events: Int
    /// nil when there were no forecasts.
    public var brierScore: Double?
    public var baseRateBrierScore: Double?
    public var expectedCalibrationError: Double?
    /// The mean base rate the reference forecaster used (one value per split).
    public var meanBaseRate: Double?
    public var bins: [ReliabilityBin]

    /// `binCount` is clamped to 1...100. A forecast outside [0, 1] is clamped into it.
    public init(horizon: Int, forecasts: some Sequence<Forecast>, binCount: Int = Calibration.standardBinCount) {
        let binCount = min(100, max(1, binCount))
        self.horizon = horizon
        var n = 0
        var events = 0
        var brier = 0.0
        var reference = 0.0
        var baseSum = 0.0
        var binCounts = [Int](repeating: 0, count: binCount)
        var binPredicted = [Double](repeating: 0, count: binCount)
        var binEvents = [Int](repeating: 0, count: binCount)
        for forecast in forecasts {
            let p = forecast.predicted.isNaN ? 0 : min(1, max(0, forecast.predicted))
            let o = forecast.happened ? 1.0 : 0.0
            n += 1
            if forecast.happened { events += 1 }
            brier += (p - o) * (p - o)
            reference += (forecast.baseRate - o) * (forecast.baseRate - o)
            baseSum += forecast.baseRate
            let bin = min(binCount - 1, Int(p * Double(binCount)))
            binCounts[bin] += 1
            binPredicted[bin] += p
            if forecast.happened { binEvents[bin] += 1 }
        }
        count = n
        self.events = events
        bins = (0..<binCount).map { b in
            ReliabilityBin(
                lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount), count: binCounts[b],
                meanPredicted: binCounts[b] == 0 ? nil : binPredicted[b] / Double(binCounts[b]),
                observedFrequency: binCounts[b] == 0 ? nil : Double(binEvents[b]) / Double(binCounts[b]))
        }
        guard n > 0 else {
            brierScore = nil
            baseRateBrierScore = nil
            expectedCalibrationError = nil
            meanBaseRate = nil
            return
        }
        brierScore = brier / Double(n)
        baseRateBrierScore = reference / Double(n)
        meanBaseRate = baseSum / Double(n)
        var ece = 0.0
        for bin in bins where bin.count > 0 {
            ece += Double(bin.count) / Double(n) * abs(bin.meanPredicted! - bin.observedFrequency!)
        }
        expectedCalibrationError = ece
    }

    /// The share of forecasts where the event happened.
    public var observedFrequency: Double? { count == 0 ? nil : Double(events) / Double(count) }

    /// 1 - Brier / base-rate Brier: above 0 beats the base rate, 1 is perfect.
    public var skill: Double? {
        guard let brierScore, let baseRateBrierScore, baseRateBrierScore > 0 else { return nil }
        return 1 - brierScore / baseRateBrierScore
    }

    /// The horizons an evaluation calibrates: the alert horizon and every reported one.
    public static func horizons(for parameters: MonitorParameters) -> [Int] {
        Array(Set([parameters.horizon] + parameters.reportedHorizons)).sorted()
    }
}
