import Drift
import JSON

/// The text of what `drift eval` adds about thresholds and calibration.
enum EvaluationCalibrationText {
    static func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
    static func rate(_ value: Double?) -> String { value.map(Format.percent) ?? "-" }

    /// The thresholds each split's training part chose, with their cross-validated rates
    /// (a table for one split; per category one value per fold for k folds).
    static func thresholds(_ result: EvaluationResult) -> [String] {
        guard let first = result.chosenThresholds.first else { return [] }
        let names = Array(first.categories.keys).sorted()
        var lines = ["", "alert thresholds on p\(first.horizon), chosen inside each training part (\(ThresholdSelection.maximumFolds)-fold stratified CV, seed \(first.seed)) for FPR <= \(Format.percent(first.targetFalsePositiveRate)):"]
        if result.chosenThresholds.count == 1 {
            var rows = [["category", "threshold", "chosen by", "CV FPR", "CV detection", "safe", "violating", "note"]]
            for (name, t) in names.map({ ($0, first.categories[$0]!) }) + [("pooled", first.pooled)] {
                rows.append([
                    name, Format.probability(t.value), t.method == .crossValidated ? "CV" : "policy", rate(t.measuredFalsePositiveRate),
                    rate(t.measuredDetectionRate), String(t.safeTraces), String(t.violatingTraces), t.reason ?? "",
                ])
            }
            lines.append(Format.table(rows))
        } else {
            var rows = [["category"] + result.chosenThresholds.indices.map { "fold \($0 + 1)" }]
            for name in names + ["pooled"] {
                rows.append([name] + result.chosenThresholds.map { chosen in
                    let t = name == "pooled" ? chosen.pooled : chosen.threshold(for: name)
                    return Format.probability(t.value) + (t.method == .policy ? "*" : "")
                })
            }
            lines.append(Format.table(rows))
            if rows.joined().contains(where: { $0.hasSuffix("*") }) {
                lines.append("  * the policy's threshold (too few safe traces to measure a rate)")
            }
        }
        lines.append("  the pooled chain alerts at the pooled threshold of a model fitted without categories.")
        return lines
    }

    /// Brier score, base-rate Brier and ECE at the alert horizon per (category, monitor),
    /// then overall at every calibrated horizon.
    static func calibration(_ result: EvaluationResult) -> [String] {
        let monitors = result.monitors.filter { !$0.calibration.isEmpty }
        guard !monitors.isEmpty else { return [] }
        let horizon = result.configuration.monitor.horizon
        var lines = [
            "",
            "calibration of p\(horizon): one forecast per test step before the violation (every step of a safe trace); event = a violation within the next \(horizon) steps (a trace that ends first: no).",
            "base = always predicting the TRAINING part's frequency of the event (overall for \"all\", the category's for a category); skill = 1 - Brier/base; ECE over 10 equal-width bins, weighted by count.",
        ]
        var rows = [["category", "monitor", "forecasts", "events", "observed", "Brier", "base", "skill", "ECE"]]
        for category in [nil] + result.categoryNames.map(Optional.some) {
            for evaluation in monitors {
                let list = category.map { evaluation.calibrationByCategory[$0] ?? [] } ?? evaluation.calibration
                guard let c = list.first(where: { $0.horizon == horizon }) else { continue }
                rows.append([
                    category ?? "all", evaluation.monitor.title, String(c.count), String(c.events), rate(c.observedFrequency),
                    number(c.brierScore), number(c.baseRateBrierScore), number(c.skill), number(c.expectedCalibrationError),
                ])
            }
        }
        let width = rows.map { $0[1].count }.max() ?? 0
        for i in rows.indices { rows[i][1] += String(repeating: " ", count: width - rows[i][1].count) }
        lines.append(Format.table(rows))
        for evaluation in monitors {
            let parts = evaluation.calibration.map { c in
                "p\(c.horizon) Brier \(number(c.brierScore)) (base \(number(c.baseRateBrierScore))), ECE \(number(c.expectedCalibrationError))"
            }
            lines.append("  \(evaluation.monitor.title), all categories: " + parts.joined(separator: "; "))
        }
        return lines
    }
}

/// The JSON of what `drift eval --json` adds about thresholds and calibration.
enum EvaluationCalibrationJSON {
    static func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

    static func calibration(_ c: Calibration) -> JSONValue {
        [
            "horizon": .number(Double(c.horizon)), "forecasts": .number(Double(c.count)), "events": .number(Double(c.events)),
            "observed_frequency": optional(c.observedFrequency),
            "brier": optional(c.brierScore), "base_rate_brier": optional(c.baseRateBrierScore),
            "mean_base_rate": optional(c.meanBaseRate), "skill": optional(c.skill),
            "ece": optional(c.expectedCalibrationError),
            "bins": .array(c.bins.map { bin in
                [
                    "lower": .number(bin.lower), "upper": .number(bin.upper), "count": .number(Double(bin.count)),
                    "mean_predicted": optional(bin.meanPredicted), "observed_frequency": optional(bin.observedFrequency),
                ]
            }),
        ]
    }

    /// Calibrations keyed by horizon ("5": {...}), with the rule they follow.
    static func calibrations(_ list: [Calibration]) -> JSONValue {
        var object = JSONObject()
        for c in list { object[String(c.horizon)] = calibration(c) }
        return .object(object)
    }

    static func threshold(_ t: AlertThreshold) -> JSONValue {
        [
            "value": .number(t.value), "method": .string(t.method.rawValue), "target_fpr": .number(t.targetFalsePositiveRate),
            "cv_fpr": optional(t.measuredFalsePositiveRate), "cv_detection": optional(t.measuredDetectionRate),
            "folds": .number(Double(t.folds)), "safe_traces": .number(Double(t.safeTraces)),
            "violating_traces": .number(Double(t.violatingTraces)), "reason": t.reason.map(JSONValue.string) ?? .null,
        ]
    }

    /// Per split, the per-category model's chosen thresholds.
    static func thresholds(_ result: EvaluationResult) -> JSONValue {
        .array(result.chosenThresholds.map { chosen in
            var categories = JSONObject()
            for name in chosen.categories.keys.sorted() { categories[name] = threshold(chosen.categories[name]!) }
            return [
                "horizon": .number(Double(chosen.horizon)), "chain": .string(chosen.chain.rawValue),
                "target_fpr": .number(chosen.targetFalsePositiveRate), "pooled": threshold(chosen.pooled),
                "categories": .object(categories),
            ]
        })
    }
}
