import Drift
import JSON

/// `drift score`: one trace replayed through the monitor, step by step.
struct ScoreCommand: Command {
    static let name = "score"
    static let abstract = "Replay traces through the monitor, one line per step."
    static let usage = "drift score <trace-file>... --model <model.json> [--horizon H] [--threshold P] [--json] [--policy <file>]"
    static let discussion = """
        Each step shows the state after it (D/T/R/U, then impact/target when either is set), its risk level, p_H of a violation \
        within H steps for the trace's category, the expected and median steps to the \
        violation, and whether the monitor raised an alert (once on crossing the threshold, \
        again on each rise in level). A trace without a category uses the pooled chain. \
        When the trace carries ground truth, the violating step is marked.
        """
    static let options = [
        OptionSpec(["--model", "-m"], value: "file", help: "The fitted model (required)."),
        OptionSpec(["--horizon"], value: "H", help: "Alert horizon (default: the policy's, 5)."),
        OptionSpec(["--threshold"], value: "p", help: "Alert threshold (default: the policy's, 0.5)."),
        OptionSpec(["--chain"], value: "kind", help: "coarse or fine (default: the policy's)."),
        OptionSpec(["--json"], help: "One JSON object per step."),
        OptionSpec(["--category-key"], value: "path", help: "Dotted path to the category in each record (e.g. metadata.suite_name)."),
        Inputs.policyOption,
    ]

    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard !arguments.positionals.isEmpty else { throw UsageError("give a trace file") }
        guard arguments.value("--model") != nil else { throw UsageError("missing --model <model.json>") }
        if let kind = arguments.value("--chain"), ChainKind(rawValue: kind) == nil { throw UsageError("--chain is coarse or fine") }
        self.arguments = arguments
    }

    func run(_ out: Output) throws -> Int32 {
        let policy = try Inputs.policy(arguments)
        let model = try Inputs.model(at: arguments.value("--model")!, policy: policy, policyPath: arguments.value("--policy"))
        var parameters = policy.monitor
        parameters.horizon = try arguments.int("--horizon", default: parameters.horizon, in: 1...1000)
        if let threshold = try arguments.double("--threshold", in: 0.000_001...1) { parameters.overrideThreshold(threshold) }
        if let kind = arguments.value("--chain") { parameters.chain = ChainKind(rawValue: kind)! }
        let monitor = try Monitor(policy: policy, model: model, parameters: parameters)
        let corpus = TraceLoader(defaults: Inputs.traceDefaults(arguments)).load(arguments.positionals)
        for skipped in corpus.skipped { out.error("\(skipped.notATrace ? "note" : "error"): \(skipped)") }
        guard !corpus.traces.isEmpty else { return ExitCode.noInput }
        for trace in corpus.traces {
            let truth = policy.outcome(of: trace)
            var session = monitor.startSession(for: trace)
            if !arguments.flag("--json") {
                out.print("trace \(trace.id) [\(trace.category ?? "no category")] \(truth.violated ? "violates at step \(truth.violationStep! + 1)" : "safe")")
            }
            var rows = [["step", "tool", "state (D/T/R/U[/I/P])", "level", "p\(parameters.horizon)", "E[steps]", "median", "alert"]]
            for (index, step) in trace.steps.enumerated() {
                let a = monitor.assess(step, in: &session, explain: .always)
                let marker = truth.violationStep == index ? " <- violation" : ""
                if arguments.flag("--json") {
                    out.print(AssessmentJSON.encode(a, session: trace.id).serialized())
                } else {
                    rows.append([
                        "\(index + 1)", step.tool, a.state.name, a.level.name, Format.probability(a.pAlert),
                        Format.steps(a.expectedStepsToViolation), Format.steps(a.medianStepsToViolation),
                        (a.alert ? "ALERT" : "-") + marker,
                    ])
                }
            }
            if !arguments.flag("--json") {
                out.print(Format.table(rows))
                if let first = monitor.firstAlertNote(session) { out.print("  \(first)") }
            }
        }
        return ExitCode.success
    }
}

extension Monitor {
    fileprivate func firstAlertNote(_ session: SessionState) -> String? {
        session.alerts == 0 ? "no alert" : "\(session.alerts) alert(s), \(session.suppressedAlerts) repeat(s) suppressed"
    }
}

