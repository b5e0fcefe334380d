import JSON

/// The JSON shape of an assessment, shared by `score --json`, `eval` and the daemon.
///
/// Written straight into bytes (the daemon does this for every step, and building a
/// JSONValue tree first cost dozens of allocations a reply); `encode` parses those bytes
/// back for callers that want a value. One writer, so the shape has one definition.
public enum AssessmentJSON {
    public static func encode(_ a: Assessment, session: String? = nil) -> JSONValue {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        writeMembers(a, session: session, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        do {
            return try JSONParser.parse(bytes)
        } catch {
            preconditionFailure("AssessmentJSON wrote invalid JSON: \(error)")
        }
    }

    /// Appends the members of the assessment object, without braces:
    /// `"session":..,"step":..,"state":{..},"risk":..,...,"alert":..`.
    public static func writeMembers(_ a: Assessment, session: String?, into bytes: inout [UInt8]) {
        func key(_ name: StaticString, first: Bool = false) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func literal(_ text: StaticString) { text.withUTF8Buffer { bytes.append(contentsOf: $0) } }
        func string(_ text: String) { JSONValue.appendEscaped(text, to: &bytes) }
        func number(_ value: Double) { JSONValue.appendNumber(value, to: &bytes) }
        func optionalNumber(_ value: Double?) { if let value { number(value) } else { literal("null") } }

        if let session {
            key("session", first: true)
            string(session)
            key("step")
        } else {
            key("step", first: true)
        }
        number(Double(a.step))
        key("state")
        literal("{\"data_exposure\":")
        string(a.state.exposure.name)
        literal(",\"tool_escalation\":")
        string(a.state.escalation.name)
        literal(",\"reversibility\":")
        string(a.state.reversibility.name)
        literal(",\"taint\":")
        string(a.state.taint.name)
        literal(",\"impact\":")
        string(a.state.impact.name)
        literal(",\"target\":")
        string(a.state.target.name)
        literal("}")
        key("risk")
        string(a.level.name)
        key("rule")
        if let rule = a.rule { string(rule) } else { literal("null") }
        key("p_violation")
        number(a.pAlert)
        key("horizon")
        number(Double(a.horizon))
        key("p")
        bytes.append(UInt8(ascii: "{"))
        for (i, k) in a.reportedHorizons.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            number(Double(k))
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            number(a.risk.probability(within: k))
        }
        bytes.append(UInt8(ascii: "}"))
        key("steps_to_violation")
        literal("{\"expected\":")
        optionalNumber(a.expectedStepsToViolation)
        literal(",\"median\":")
        optionalNumber(a.medianStepsToViolation.map(Double.init))
        literal("}")
        key("eventual_violation")
        number(a.eventualViolation)
        key("category")
        if let category = a.category { string(category) } else { literal("null") }
        key("chain")
        string(a.tablesUsed)
        if a.fellBackToPooled {
            key("pooled_fallback")
            literal("true")
        }
        if let inferred = a.inferredCategory {
            key("inferred_category")
            literal("{\"name\":")
            string(inferred)
            literal(",\"probability\":")
            number(a.inferredCategoryProbability ?? 0)
            literal("}")
        }
        if a.unseenState {
            key("unseen_state")
            literal("true")
        }
        if a.unknownTool {
            key("unknown_tool")
            literal("true")
        }
        key("evidence")
        bytes.append(UInt8(ascii: "["))
        for (i, line) in a.evidence.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(line)
        }
        bytes.append(UInt8(ascii: "]"))
        key("alert")
        if a.alert { literal("true") } else { literal("false") }
        if let reason = a.alertReason {
            key("alert_reason")
            string(reason.rawValue)
        }
    }
}
