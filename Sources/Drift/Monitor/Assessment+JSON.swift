import JSON

/// The JSON shape of an assessment, shared by `score --json`, `eval` and the daemon.
public enum AssessmentJSON {
    public static func encode(_ a: Assessment, session: String? = nil) -> JSONValue {
        var object = JSONObject()
        if let session { object["session"] = .string(session) }
        object["step"] = .number(Double(a.step))
        object["state"] = [
            "data_exposure": .string(a.state.exposure.name), "tool_escalation": .string(a.state.escalation.name),
            "reversibility": .string(a.state.reversibility.name), "taint": .string(a.state.taint.name),
        ]
        object["risk"] = .string(a.level.name)
        object["rule"] = a.rule.map(JSONValue.string) ?? .null
        var p = JSONObject()
        for (k, value) in a.probabilities { p[String(k)] = .number(value) }
        object["p_violation"] = .number(a.pAlert)
        object["horizon"] = .number(Double(a.horizon))
        object["p"] = .object(p)
        object["steps_to_violation"] = [
            "expected": a.expectedStepsToViolation.map(JSONValue.number) ?? .null,
            "median": a.medianStepsToViolation.map { .number(Double($0)) } ?? .null,
        ]
        object["eventual_violation"] = .number(a.eventualViolation)
        object["category"] = a.category.map(JSONValue.string) ?? .null
        object["chain"] = .string(a.tablesUsed)
        if a.fellBackToPooled { object["pooled_fallback"] = true }
        if let inferred = a.inferredCategory {
            object["inferred_category"] = ["name": .string(inferred), "probability": .number(a.inferredCategoryProbability ?? 0)]
        }
        if a.unseenState { object["unseen_state"] = true }
        if a.unknownTool { object["unknown_tool"] = true }
        object["evidence"] = .array(a.evidence.map(JSONValue.string))
        object["alert"] = .bool(a.alert)
        if let reason = a.alertReason { object["alert_reason"] = .string(reason.rawValue) }
        return .object(object)
    }
}
