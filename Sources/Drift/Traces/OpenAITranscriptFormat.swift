import JSON

/// OpenAI chat transcripts: `messages[]` where assistant messages carry `tool_calls`
/// (`function.name`, `function.arguments` as an object or a JSON string) and `tool`
/// messages carry each call's result by `tool_call_id`. The shape most agent frameworks
/// and tracing tools export.
///
/// Several tool calls in one assistant message become consecutive steps, in order. A
/// call with no result message is a step with no result; a result marked as an error
/// (`"is_error": true`, an `"error"` member, or content starting with "Error:") is a
/// failed step. The legacy single
/// `function_call` and `role: "function"` results are read too.
enum OpenAITranscriptFormat {
    static func decode(_ root: JSONField, origin: String, defaults: TraceDefaults) throws(JSONDecodingError) -> Trace {
        let messages = try root.required("messages").array()
        // First the results, by call id, so that a call can find a result anywhere after it.
        var results: [String: (text: String?, failed: Bool)] = [:]
        var legacyResults: [(text: String?, failed: Bool)] = []
        for message in messages {
            let role = try message.optional("role")?.string()
            guard role == "tool" || role == "function" else { continue }
            let errorField = try message.optional("error")
            var failed = errorField != nil
            if let flag = try message.optional("is_error") { failed = try flag.bool() || failed }
            var text = try content(message.optional("content"))
            if text == nil, let errorField { text = try content(errorField) }
            // Frameworks report a failed call in the content itself: "Error: 403 Forbidden".
            if let text, Self.looksLikeError(text) { failed = true }
            if role == "tool", let id = try message.optional("tool_call_id")?.string() {
                results[id] = (text, failed)
            } else {
                legacyResults.append((text, failed))
            }
        }
        var steps: [Step] = []
        var legacyIndex = 0
        for message in messages {
            guard try message.optional("role")?.string() == "assistant" else { continue }
            for call in try message.optional("tool_calls")?.array() ?? [] {
                let function = try call.required("function")
                var step = Step(tool: try toolName(function), arguments: try arguments(function.optional("arguments")))
                if let id = try call.optional("id")?.string(), let result = results[id] {
                    step.result = result.text
                    step.failed = result.failed
                }
                steps.append(step)
            }
            if let function = try message.optional("function_call") {
                var step = Step(tool: try toolName(function), arguments: try arguments(function.optional("arguments")))
                if legacyIndex < legacyResults.count {
                    step.result = legacyResults[legacyIndex].text
                    step.failed = legacyResults[legacyIndex].failed
                    legacyIndex += 1
                }
                steps.append(step)
            }
        }
        var trace = Trace(id: origin, category: defaults.category, steps: steps, origin: origin)
        if let metadata = try root.optional("metadata") {
            if let id = try metadata.optional("id")?.string() { trace.id = id }
            if let id = try metadata.optional("trace_id")?.string() { trace.id = id }
            if let category = try metadata.optional("category")?.string() { trace.category = category }
            if let task = try metadata.optional("task")?.string() { trace.task = task }
            TraceAttributes.add(stringMembersOf: metadata.value, to: &trace.attributes)
        }
        if let task = try root.optional("task")?.string() { trace.task = task }
        if trace.task == nil { trace.task = try userTask(messages) }
        if let tools = try root.optional("tools") { trace.tools = try ToolCatalog.decode(tools) }
        if let id = try root.optional("id")?.string() { trace.id = id }
        if let key = defaults.categoryKey, let value = root.value.value(at: key) {
            guard case .string(let category) = value else {
                throw JSONField(value, path: key.map(JSONPathComponent.key)).error("the category key must name a string")
            }
            trace.category = category
        }
        if let label = try root.optional("label") {
            trace.groundTruth = try NativeTraceFormat.groundTruth(label, violatedKey: "violated", stepKey: "violation_step", stepCount: steps.count)
        }
        return trace
    }

    /// The user's task as a transcript gives it: the system (or developer) messages and
    /// the user messages before the assistant's first tool call. Later user turns are
    /// also the user's, but tool output is often replayed as user text in long runs, so
    /// only the opening counts as trusted.
    static func userTask(_ messages: [JSONField]) throws(JSONDecodingError) -> String? {
        var parts: [String] = []
        for message in messages {
            let role = try message.optional("role")?.string()
            if role == "assistant" {
                let calls = try message.optional("tool_calls")
                let legacy = try message.optional("function_call")
                if calls != nil || legacy != nil { break }
            }
            guard role == "system" || role == "developer" || role == "user" else { continue }
            if let text = try content(message.optional("content")), !text.isEmpty { parts.append(text) }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    static func toolName(_ function: JSONField) throws(JSONDecodingError) -> String {
        let field = try function.required("name")
        let name = try field.string()
        guard !name.isEmpty else { throw field.error("the tool name is empty") }
        return name
    }

    /// A tool result that reports a failure the way agent frameworks write them: it
    /// starts with "Error:" or "error:" (after blanks).
    static func looksLikeError(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        return trimmed.hasPrefix("Error:") || trimmed.hasPrefix("error:") || trimmed.hasPrefix("ERROR:")
    }

    /// A message's content: a string, or an array of parts whose `text` members are joined.
    static func content(_ field: JSONField?) throws(JSONDecodingError) -> String? {
        guard let field else { return nil }
        switch field.value {
        case .string(let text):
            return text
        case .array:
            var parts: [String] = []
            for part in try field.array() {
                if case .string(let text) = part.value { parts.append(text) } else if let text = try part.optional("text")?.string() { parts.append(text) }
            }
            return parts.joined(separator: "\n")
        default:
            return field.value.serialized()
        }
    }

    /// Arguments arrive as an object or, as the API sends them, as a JSON string; a string
    /// that is not JSON is kept as the string.
    static func arguments(_ field: JSONField?) throws(JSONDecodingError) -> JSONValue {
        guard let field else { return .object(JSONObject()) }
        if case .string(let text) = field.value {
            if text.isEmpty { return .object(JSONObject()) }
            return (try? JSONParser.parse(text)) ?? .string(text)
        }
        return field.value
    }
}

/// What a file says once for all its traces: a JSONL file may begin with a
/// metadata-only line, and `--category-key` names where the category is.
public struct TraceDefaults: Hashable, Sendable {
    public var category: String?
    /// A dotted path to the category inside each record (`metadata.suite_name`).
    public var categoryKey: [String]?

    public init(category: String? = nil, categoryKey: [String]? = nil) {
        self.category = category
        self.categoryKey = categoryKey
    }
}

extension JSONValue {
    /// The value at a path of member names, or nil.
    func value(at keys: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current
    }
}
