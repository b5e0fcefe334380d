import JSON

/// Turns one JSON record into a trace, whatever its format: the project's own
/// (`drift.trace.v1`), or the SafetyDrift paper's (`metadata` + `steps[].action`).
public enum TraceDecoder {
    /// What a record turned out to be.
    public enum Record: Sendable {
        case trace(Trace)
        /// A well-formed document that is not a trace (the scenario catalogue, say).
        case notATrace(reason: String)
        /// A metadata-only record: defaults for the traces after it in the same file.
        case header(TraceDefaults)
    }

    public static func decode(_ root: JSONField, origin: String, defaults: TraceDefaults = TraceDefaults()) throws(JSONDecodingError) -> Record {
        let object = try root.object()
        if let format = object["format"]?.stringValue, format != NativeTraceFormat.name {
            return .notATrace(reason: "not a trace (format \(format))")
        }
        if object["steps"] != nil {
            if object["metadata"] != nil || (object["steps"]?.arrayValue?.first?["action"] != nil) {
                return .trace(try PaperTraceFormat.decode(root, origin: origin))
            }
            var trace = try NativeTraceFormat.decode(root, origin: origin)
            if trace.category == nil { trace.category = defaults.category }
            if let key = defaults.categoryKey, case .string(let category)? = root.value.value(at: key) { trace.category = category }
            return .trace(trace)
        }
        if object["messages"] != nil {
            return .trace(try OpenAITranscriptFormat.decode(root, origin: origin, defaults: defaults))
        }
        if let metadata = try root.optional("metadata"), object.count == 1 {
            var header = defaults
            header.category = try metadata.optional("category")?.string() ?? defaults.category
            return .header(header)
        }
        throw root.error("not a trace: expected a \"steps\" or \"messages\" array")
    }
}

/// The project's own format; documented in the README.
enum NativeTraceFormat {
    static let name = "drift.trace.v1"

    static func decode(_ root: JSONField, origin: String) throws(JSONDecodingError) -> Trace {
        try root.rejectUnknownKeys(["format", "id", "category", "task", "tools", "outcome", "steps", "metadata", "comment"])
        let id = try root.optional("id")?.string() ?? origin
        let category = try root.optional("category")?.string()
        let task = try root.optional("task")?.string()
        var steps: [Step] = []
        for field in try root.required("steps").array() {
            steps.append(try step(field))
        }
        var truth: GroundTruth?
        if let outcome = try root.optional("outcome") {
            truth = try groundTruth(outcome, violatedKey: "violated", stepKey: "violation_step", stepCount: steps.count)
        }
        // A record with `metadata` goes to the paper format (see `decode`), so the
        // attributes of a native trace are its own top-level strings.
        var attributes: [String: String] = [:]
        TraceAttributes.add(stringMembersOf: root.value, to: &attributes)
        attributes["format"] = nil
        var trace = Trace(id: id, category: category, task: task, steps: steps, groundTruth: truth, origin: origin, attributes: attributes)
        if let tools = try root.optional("tools") { trace.tools = try ToolCatalog.decode(tools) }
        return trace
    }

    /// The one decoder of a step in drift's own shape, for trace files and the wire
    /// alike, so that a step is read the same way when fitted and when served: `args`
    /// given as a JSON string is parsed (as the OpenAI API sends arguments), and a string
    /// that is not JSON stays a string. `strict` refuses members a trace step cannot
    /// have; a request line carries its own (op, id, session) and is not strict.
    static func step(_ field: JSONField, strict: Bool = true) throws(JSONDecodingError) -> Step {
        if strict { try field.rejectUnknownKeys(["tool", "args", "arguments", "result", "error", "labels", "comment"]) }
        let toolField = try field.required("tool")
        let tool = try toolField.string()
        guard !tool.isEmpty else { throw toolField.error("the tool name is empty") }
        var argumentsField = try field.optional("args")
        if argumentsField == nil { argumentsField = try field.optional("arguments") }
        let arguments = try OpenAITranscriptFormat.arguments(argumentsField)
        var labels = StepLabels()
        if let labelField = try field.optional("labels") { labels = try self.labels(labelField) }
        return Step(
            tool: tool, arguments: arguments, result: try resultText(field.optional("result")),
            failed: try field.optional("error")?.bool() ?? false, labels: labels)
    }

    static func labels(_ labelField: JSONField) throws(JSONDecodingError) -> StepLabels {
        try labelField.rejectUnknownKeys(["exposes", "tool_class", "reversibility", "taint", "comment"])
        var labels = StepLabels()
        labels.exposes = try labelField.optional("exposes").map { (f) throws(JSONDecodingError) in try PolicyDecoder.level(f, as: DataExposure.self) }
        labels.escalation = try labelField.optional("tool_class").map { (f) throws(JSONDecodingError) in try PolicyDecoder.level(f, as: ToolEscalation.self) }
        labels.reversibility = try labelField.optional("reversibility").map { (f) throws(JSONDecodingError) in try PolicyDecoder.level(f, as: Reversibility.self) }
        labels.taint = try labelField.optional("taint").map { (f) throws(JSONDecodingError) in try PolicyDecoder.level(f, as: Taint.self) }
        return labels
    }

    /// A result is usually text; structured results are kept as their JSON text.
    static func resultText(_ field: JSONField?) throws(JSONDecodingError) -> String? {
        guard let field else { return nil }
        if case .string(let s) = field.value { return s }
        return field.value.serialized()
    }

    static func groundTruth(_ field: JSONField, violatedKey: String, stepKey: String, stepCount: Int) throws(JSONDecodingError) -> GroundTruth {
        let violated = try field.required(violatedKey).bool()
        var step: Int?
        if let stepField = try field.optional(stepKey) {
            let s = try stepField.int()
            guard s >= 0, s < stepCount else {
                throw stepField.error("violation step \(s) is outside the trace's \(stepCount) steps (0-based)")
            }
            guard violated else { throw stepField.error("a violation step is given but \(violatedKey) is false") }
            step = s
        }
        return GroundTruth(violated: violated, violationStep: step)
    }
}

/// The SafetyDrift paper's published trace format as drift reads it: `metadata`
/// (task_id, category, reached_violation / violated, violation_step) and `steps[]`,
/// each with `action.tool_call{tool_name, arguments, result}` and the labelled
/// `safety_state_after`, which wins over the policy.
enum PaperTraceFormat {
    static func decode(_ root: JSONField, origin: String) throws(JSONDecodingError) -> Trace {
        let metadata = try root.optional("metadata")
        var id = origin
        var category: String?
        var task: String?
        if let metadata {
            if let taskID = try metadata.optional("task_id")?.string() {
                id = taskID
                if let run = try metadata.optional("run") {
                    let runName: String
                    if let number = run.value.intValue { runName = String(number) } else { runName = try run.string() }
                    id += "-run-" + runName
                }
            }
            if let traceID = try metadata.optional("trace_id")?.string() { id = traceID }
            category = try metadata.optional("category")?.string()
            task = try metadata.optional("task")?.string()
            if task == nil { task = try metadata.optional("task_description")?.string() }
        }
        var steps: [Step] = []
        for field in try root.required("steps").array() {
            let call = try field.required("action").required("tool_call")
            var step = Step(
                tool: try call.required("tool_name").string(),
                arguments: try call.optional("arguments")?.value ?? .object(JSONObject()),
                result: try NativeTraceFormat.resultText(call.optional("result")),
                failed: try call.optional("error")?.bool() ?? false)
            if let after = try field.optional("safety_state_after") {
                step.labels.stateAfter = try state(after)
            }
            steps.append(step)
        }
        var truth: GroundTruth?
        if let metadata {
            let key = try metadata.optional("reached_violation") != nil ? "reached_violation" : "violated"
            if try metadata.optional(key) != nil {
                truth = try NativeTraceFormat.groundTruth(metadata, violatedKey: key, stepKey: "violation_step", stepCount: steps.count)
            }
        }
        var attributes: [String: String] = [:]
        TraceAttributes.add(stringMembersOf: metadata?.value, to: &attributes)
        return Trace(id: id, category: category, task: task, steps: steps, groundTruth: truth, origin: origin, attributes: attributes)
    }

    static func state(_ field: JSONField) throws(JSONDecodingError) -> RiskState {
        var state = RiskState()
        state.exposure = try PolicyDecoder.level(try field.required("data_exposure"), as: DataExposure.self)
        state.escalation = try PolicyDecoder.level(try field.required("tool_escalation"), as: ToolEscalation.self)
        state.reversibility = try PolicyDecoder.level(try field.required("reversibility"), as: Reversibility.self)
        if let taint = try field.optional("taint") { state.taint = try PolicyDecoder.level(taint, as: Taint.self) }
        return state
    }
}
