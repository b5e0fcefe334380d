import JSON

/// Steps as live clients send them: drift's own fields (`tool`, `args`, `result`,
/// `error`, `labels`) or the OpenAI shapes a framework already has (`tool_call` with
/// `function.name` and `function.arguments`, `tool_result` with `content`).
public enum StepRequest {
    /// The step in a request object; other members of the request (op, id, session) are
    /// the caller's business and are not checked here.
    public static func step(in request: JSONField) throws(JSONDecodingError) -> Step {
        if let call = try request.optional("tool_call") {
            let function = try call.optional("function") ?? call
            let nameField = try function.required("name")
            let name = try nameField.string()
            guard !name.isEmpty else { throw nameField.error("the tool name is empty") }
            var step = Step(
                tool: name,
                arguments: try OpenAITranscriptFormat.arguments(function.optional("arguments")))
            if let result = try request.optional("tool_result") {
                if case .string(let text) = result.value {
                    step.result = text
                } else {
                    step.result = try OpenAITranscriptFormat.content(result.optional("content"))
                    step.failed = try result.optional("is_error")?.bool() ?? false
                }
            } else {
                step.result = try NativeTraceFormat.resultText(request.optional("result"))
            }
            if let error = try request.optional("error") { step.failed = try error.bool() }
            return step
        }
        return try NativeTraceFormat.step(request, strict: false)
    }
}
