/// The base rates of "a violation within k steps" in a training part, overall and per
/// category: the reference forecasts of calibration.
struct TrainingRates {
    var overall: [Int: EventRate] = [:]
    var byCategory: [String: [Int: EventRate]] = [:]

    init(_ traces: [Trace], policy: Policy, horizons: [Int]) {
        for trace in traces {
            let truth = policy.outcome(of: trace)
            let v = truth.violated ? truth.violationStep : nil
            for k in horizons {
                overall[k, default: EventRate()].add(steps: trace.steps.count, violationStep: v, within: k)
                if let category = trace.category {
                    byCategory[category, default: [:]][k, default: EventRate()].add(steps: trace.steps.count, violationStep: v, within: k)
                }
            }
        }
    }

    /// The category's training rate; the overall one where the category had no
    /// training steps (or the trace has none).
    func rate(for category: String?, within k: Int) -> Double {
        if let category, let rate = byCategory[category]?[k], rate.steps > 0 { return rate.rate }
        return overall[k]?.rate ?? 0
    }
}

/// The forecasts an evaluation gathers from its test replays, per monitor and horizon.
///
/// Overall calibration compares each forecast with the training part's overall base
/// rate; a category's with that category's training base rate.
struct CalibrationForecasts {
    let horizons: [Int]
    private var overall: [EvaluatedMonitor: [Int: [Forecast]]] = [:]
    private var byCategory: [EvaluatedMonitor: [String: [Int: [Forecast]]]] = [:]

    init(horizons: [Int]) {
        self.horizons = horizons
    }

    mutating func add(_ replay: TraceReplay, for monitor: EvaluatedMonitor, rates: TrainingRates) {
        let name = replay.category ?? MonitorEvaluation.uncategorized
        for k in horizons {
            overall[monitor, default: [:]][k, default: []] += Forecast.forecasts(of: replay, within: k, baseRate: rates.rate(for: nil, within: k))
            byCategory[monitor, default: [:]][name, default: [:]][k, default: []] +=
                Forecast.forecasts(of: replay, within: k, baseRate: rates.rate(for: replay.category, within: k))
        }
    }

    func calibration(of monitor: EvaluatedMonitor) -> [Calibration] {
        guard let forecasts = overall[monitor] else { return [] }
        return horizons.map { Calibration(horizon: $0, forecasts: forecasts[$0] ?? []) }
    }

    func calibrationByCategory(of monitor: EvaluatedMonitor) -> [String: [Calibration]] {
        (byCategory[monitor] ?? [:]).mapValues { forecasts in horizons.map { Calibration(horizon: $0, forecasts: forecasts[$0] ?? []) } }
    }
}
