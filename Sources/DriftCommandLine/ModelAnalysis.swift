import Drift
import JSON
import Markov

/// What `drift analyze` shows of a model: per category and state, the risk tables.
struct ModelAnalysis {
    let model: ChainModel
    let tables: RiskTables
    let horizon: Int
    let noReturnHorizon: Int
    let noReturnThreshold: Double
    /// The monitor parameters whose alert thresholds are shown (the policy's, with the
    /// chain analyzed).
    let parameters: MonitorParameters

    /// Pooled first, then the categories by name.
    var ordered: [CategoryTables] {
        [tables.pooled] + tables.categories.keys.sorted().map { tables.categories[$0]! }
    }

    var shownHorizons: [Int] {
        Array(Set([1, 3, 5, horizon].filter { $0 <= horizon })).sorted()
    }

    /// The states worth a row: every transient state of the coarse chain; the fine chain's
    /// seen states only (most of its 180 tuples never occur).
    func rows(of category: CategoryTables) -> [Int] {
        (0..<category.space.transientCount).filter { category.space.kind == .coarse || category.states[$0].seen }
    }

    func text(policy: Policy) -> String {
        var lines = [
            "model: \(model.traceCount) traces, \(model.stepCount) steps, \(model.categories.count) categories; policy \(model.policyName); \(tables.space.kind.rawValue) chain; DONE state \(model.fitting.doneState ? "on" : "off")"
        ]
        for category in ordered {
            lines.append("")
            var title = "\(category.name): \(category.traces) traces, \(category.transitions) transitions"
            if category.usesPooled { title += " (too few: served by the pooled chain)" }
            lines.append(title)
            var table = [["state"] + shownHorizons.map { "p\($0)" } + ["P(ever)", "E[steps]", "median", "seen"]]
            for s in rows(of: category) {
                let risk = category.states[s]
                table.append(
                    [category.space.names[s]] + shownHorizons.map { Format.probability(risk.probability(within: $0)) }
                        + [Format.probability(risk.eventualViolation), Format.steps(risk.expectedStepsToViolation),
                           Format.steps(risk.medianStepsToViolation), risk.seen ? "yes" : "no"])
            }
            lines.append(Format.table(table))
            lines.append("  " + thresholdLine(for: category))
            let noReturn = category.pointsOfNoReturn(within: noReturnHorizon, threshold: noReturnThreshold).map { category.space.names[$0] }
            lines.append("  points of no return (p\(noReturnHorizon) >= \(noReturnThreshold)): \(noReturn.isEmpty ? "none" : noReturn.joined(separator: ", "))")
        }
        lines.append("")
        lines.append("E[steps] and median: steps to VIOLATED given that it is reached; P(ever): reached before the task ends.")
        return lines.joined(separator: "\n")
    }

    /// The session category whose threshold a category's tables show (nil: pooled).
    private func sessionCategory(_ category: CategoryTables) -> String? {
        category.name == tables.pooled.name && model.categories[category.name] == nil ? nil : category.name
    }

    /// How the alert threshold of the category was chosen, in a sentence.
    func thresholdLine(for category: CategoryTables) -> String {
        let (value, source, chosen) = model.alertThreshold(for: sessionCategory(category), parameters: parameters)
        let head = "alert threshold: p\(parameters.horizon) >= \(Format.probability(value))"
        switch source {
        case .override: return head + " (fixed)"
        case .policy:
            if parameters.targetFalsePositiveRate == nil { return head + " (the policy's; target_fpr is off)" }
            guard let fitted = model.thresholds else { return head + " (the policy's; the model has no fitted thresholds: refit to choose them)" }
            return head + " (the policy's; the fitted ones are for p\(fitted.horizon) of the \(fitted.chain.rawValue) chain)"
        case .fitted:
            guard let chosen else { return head }
            switch chosen.method {
            case .policy:
                return head + " (the policy's: \(chosen.reason ?? "too few traces"))"
            case .crossValidated:
                var text = head + " (chosen by \(chosen.folds)-fold CV for FPR <= \(Format.percent(chosen.targetFalsePositiveRate)): CV FPR \(chosen.measuredFalsePositiveRate.map(Format.percent) ?? "-"), detection \(chosen.measuredDetectionRate.map(Format.percent) ?? "-") over \(chosen.safeTraces) safe / \(chosen.violatingTraces) violating traces)"
                if let reason = chosen.reason { text += "; \(reason)" }
                return text
            }
        }
    }

    func thresholdJSON(for category: CategoryTables) -> JSONValue {
        let (value, source, chosen) = model.alertThreshold(for: sessionCategory(category), parameters: parameters)
        var object: JSONObject = ["value": .number(value), "source": .string(source.rawValue), "horizon": .number(Double(parameters.horizon))]
        if let chosen {
            object["method"] = .string(chosen.method.rawValue)
            object["target_fpr"] = .number(chosen.targetFalsePositiveRate)
            object["cv_fpr"] = chosen.measuredFalsePositiveRate.map(JSONValue.number) ?? .null
            object["cv_detection"] = chosen.measuredDetectionRate.map(JSONValue.number) ?? .null
            object["folds"] = .number(Double(chosen.folds))
            object["safe_traces"] = .number(Double(chosen.safeTraces))
            object["violating_traces"] = .number(Double(chosen.violatingTraces))
            object["reason"] = chosen.reason.map(JSONValue.string) ?? .null
        }
        return .object(object)
    }

    func jsonValue() -> JSONValue {
        var categories = JSONObject()
        for category in ordered {
            var states: [JSONValue] = []
            for s in rows(of: category) {
                let risk = category.states[s]
                states.append([
                    "state": .string(category.space.names[s]),
                    "p": .array(risk.withinHorizon.map(JSONValue.number)),
                    "eventual_violation": .number(risk.eventualViolation),
                    "expected_steps_to_violation": risk.expectedStepsToViolation.map(JSONValue.number) ?? .null,
                    "median_steps_to_violation": risk.medianStepsToViolation.map { .number(Double($0)) } ?? .null,
                    "expected_steps_to_absorption": risk.expectedStepsToAbsorption.map(JSONValue.number) ?? .null,
                    "seen": .bool(risk.seen),
                ])
            }
            categories[category.name] = [
                "traces": .number(Double(category.traces)), "transitions": .number(Double(category.transitions)),
                "uses_pooled": .bool(category.usesPooled),
                "reciprocal_condition": .number(category.reciprocalCondition),
                "alert_threshold": thresholdJSON(for: category),
                "points_of_no_return": .array(category.pointsOfNoReturn(within: noReturnHorizon, threshold: noReturnThreshold).map { .string(category.space.names[$0]) }),
                "states": .array(states),
            ]
        }
        return [
            "chain": .string(tables.space.kind.rawValue), "horizon": .number(Double(horizon)),
            "points_of_no_return_rule": ["horizon": .number(Double(noReturnHorizon)), "threshold": .number(noReturnThreshold)],
            "policy": .string(model.policyName), "categories": .object(categories),
        ]
    }
}

/// What `drift analyze --chain-file` shows of an arbitrary absorbing chain.
struct ChainAnalysisReport {
    let analysis: AbsorptionAnalysis
    let targetName: String

    var chain: AbsorbingChain { analysis.chain }

    func text() -> String {
        let absorbingNames = chain.absorbing.map { chain.states[$0] }
        let ks = Array(Set([1, 3, 5, analysis.horizon].filter { $0 <= analysis.horizon })).sorted()
        var table = [["state"] + absorbingNames.map { "P(\($0))" } + ["E[absorb]"] + ks.map { "p\($0)" } + ["E[steps|\(targetName)]", "median"]]
        for (position, s) in chain.transient.enumerated() {
            table.append(
                [chain.states[s]] + analysis.absorption[position].map(Format.probability) + [Format.steps(analysis.expectedSteps[position])]
                    + ks.map { Format.probability(analysis.violationProbability(from: s, within: $0)) }
                    + [Format.steps(analysis.expectedStepsToTarget[position]), Format.steps(analysis.medianStepsToTarget(from: s))])
        }
        var lines = [
            "\(chain.count) states (\(chain.transient.count) transient, \(chain.absorbing.count) absorbing); target \(targetName); reciprocal condition of I-Q \(String(format: "%.3g", analysis.reciprocalCondition))",
            Format.table(table),
        ]
        if !analysis.neverAbsorbed.isEmpty {
            lines.append("never absorbed (no path to an absorbing state): \(analysis.neverAbsorbed.map { chain.states[$0] }.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    func jsonValue() -> JSONValue {
        var states: [JSONValue] = []
        for (position, s) in chain.transient.enumerated() {
            var absorption = JSONObject()
            for (a, index) in chain.absorbing.enumerated() { absorption[chain.states[index]] = .number(analysis.absorption[position][a]) }
            states.append([
                "state": .string(chain.states[s]), "absorption": .object(absorption),
                "expected_steps": analysis.expectedSteps[position].map(JSONValue.number) ?? .null,
                "p": .array(analysis.withinHorizon[position].map(JSONValue.number)),
                "expected_steps_to_target": analysis.expectedStepsToTarget[position].map(JSONValue.number) ?? .null,
                "median_steps_to_target": analysis.medianStepsToTarget(from: s).map { .number(Double($0)) } ?? .null,
            ])
        }
        return [
            "target": .string(targetName), "horizon": .number(Double(analysis.horizon)),
            "reciprocal_condition": .number(analysis.reciprocalCondition), "states": .array(states),
            "never_absorbed": .array(analysis.neverAbsorbed.map { .string(chain.states[$0]) }),
        ]
    }
}
