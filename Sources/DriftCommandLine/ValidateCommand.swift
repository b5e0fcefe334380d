import Drift
import DriftDaemon

/// `drift validate`: checks files and reports every problem with its location.
struct ValidateCommand: Command {
    static let name = "validate"
    static let abstract = "Check a policy, a model and traces; report each error with file, line and field."
    static let usage = "drift validate [--config <drift.conf>] [--policy <file>] [--model <model.json>] [<trace-file-or-folder>...]"
    static let discussion = "Exits 0 when everything given is valid, 1 otherwise. With no arguments it checks the built-in policy."
    static let options = [
        OptionSpec(["--config", "-c"], value: "file", help: "Daemon settings to check; its policy and model are checked too unless given."),
        Inputs.policyOption,
        OptionSpec(["--model", "-m"], value: "file", help: "A model file to check (also against the policy)."),
    ]

    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(UsageError) {
        self.arguments = arguments
    }

    func run(_ out: Output) throws -> Int32 {
        var problems: [String] = []
        var policy = Policy.default
        var policyPath = arguments.value("--policy")
        var modelPath = arguments.value("--model")
        if let path = arguments.value("--config") {
            do {
                let configuration = try DaemonConfiguration.load(contentsOf: path)
                out.print("ok: config \(path)")
                policyPath = policyPath ?? configuration.policy
                modelPath = modelPath ?? configuration.model
            } catch {
                problems.append("\(error)")
            }
        }
        do {
            policy = try policyPath.map { (path) throws(InputError) in try Policy.resolve(path) } ?? .default
            out.print("ok: policy \(policy.name) (\(policyPath ?? "built-in")): \(policy.rules.rules.count) rules")
        } catch {
            problems.append("\(error)")
        }
        if let path = modelPath {
            do {
                let model = try Inputs.model(at: path, policy: policy, policyPath: policyPath)
                for kind in ChainKind.allCases { _ = try RiskTables(model: model, kind: kind, horizon: policy.monitor.maximumHorizon) }
                out.print("ok: model \(path): \(model.traceCount) traces, \(model.categories.count) categories; both chains solve")
            } catch {
                problems.append("\(error)")
            }
        }
        if !arguments.positionals.isEmpty {
            let corpus = TraceLoader().load(arguments.positionals)
            problems += corpus.errors.map(\.description)
            out.print("traces: \(corpus.summary)")
        }
        for problem in problems { out.error("error: \(problem)") }
        return problems.isEmpty ? ExitCode.success : ExitCode.failure
    }
}
