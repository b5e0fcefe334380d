import Drift
import Foundation
import JSON
import Markov

/// `drift analyze`: the risk tables of a model, or of any absorbing chain.
struct AnalyzeCommand: Command {
    static let name = "analyze"
    static let abstract = "Show p_k curves, absorption, expected steps and points of no return."
    static let usage = "drift analyze <model.json> [--table|--json] [--horizon H] [--chain coarse|fine] [--policy <file>]\n       drift analyze --chain-file <chain.json> [--target STATE] [--horizon H] [--json]"
    static let discussion = """
        For a model: per category (and pooled), per state, the probability of a violation \
        within 1, 3, 5 and H steps, the probability of ever reaching it, the expected and \
        median steps to it given that it happens, the points of no return (states from \
        which p_5 >= 0.85), and the alert threshold with how it was chosen (cross-validated \
        at fit time for the policy's target_fpr, or the policy's fixed one and why). The fine chain shows only states seen in training.

        For --chain-file: any absorbing chain as {"states":[names], "absorbing":[names], \
        "matrix":[[rows]]}; rows must sum to 1. The target defaults to VIOLATED when there \
        is such a state, else to the first absorbing state.
        """
    static let options = [
        OptionSpec(["--table"], help: "Print tables (the default)."),
        OptionSpec(["--json"], help: "Print JSON for machines."),
        OptionSpec(["--horizon"], value: "H", help: "Largest k of p_k (default: the policy's, 5, or 10 whichever is larger)."),
        OptionSpec(["--chain"], value: "kind", help: "coarse (the 5 levels, default) or fine (D/T/R/U tuples)."),
        OptionSpec(["--chain-file"], value: "file", help: "Analyze an absorbing chain given as JSON instead of a model."),
        OptionSpec(["--target"], value: "state", help: "With --chain-file: the absorbing state whose arrival is the violation."),
        OptionSpec(["--no-return-threshold"], value: "p", help: "Points of no return: p_5 at least this (default 0.85)."),
        Inputs.policyOption,
    ]

    let arguments: ParsedArguments
    let json: Bool
    let horizon: Int?
    let kind: ChainKind

    init(_ arguments: ParsedArguments) throws(UsageError) {
        self.arguments = arguments
        json = arguments.flag("--json")
        if json && arguments.flag("--table") { throw UsageError("--table and --json exclude each other") }
        horizon = arguments.value("--horizon") == nil ? nil : try arguments.int("--horizon", default: 10, in: 1...1000)
        let kindName = arguments.value("--chain") ?? "coarse"
        guard let kind = ChainKind(rawValue: kindName) else { throw UsageError("--chain is coarse or fine, not \"\(kindName)\"") }
        self.kind = kind
        if arguments.value("--chain-file") != nil {
            guard arguments.positionals.isEmpty else { throw UsageError("give a model or --chain-file, not both") }
        } else {
            guard arguments.positionals.count == 1 else { throw UsageError("give one model file (or --chain-file)") }
        }
    }

    func run(_ out: Output) throws -> Int32 {
        if let path = arguments.value("--chain-file") { return try analyzeChain(path, out) }
        let policy = try Inputs.policy(arguments)
        let model = try Inputs.model(at: arguments.positionals[0], policy: policy, policyPath: arguments.value("--policy"))
        let horizon = self.horizon ?? max(policy.monitor.maximumHorizon, 10)
        let threshold = try arguments.double("--no-return-threshold", in: 0...1) ?? 0.85
        let tables = try RiskTables(model: model, kind: kind, horizon: horizon)
        var parameters = policy.monitor
        parameters.chain = kind
        let report = ModelAnalysis(
            model: model, tables: tables, horizon: horizon, noReturnHorizon: min(5, horizon), noReturnThreshold: threshold, parameters: parameters)
        if json {
            out.print(report.jsonValue().serialized(pretty: true))
        } else {
            out.print(report.text(policy: policy))
        }
        return ExitCode.success
    }

    private func analyzeChain(_ path: String, _ out: Output) throws -> Int32 {
        let bytes = try FileBytes.read(path)
        let spec = try ChainFile.decode(bytes, file: path)
        let chain: AbsorbingChain
        do {
            chain = try AbsorbingChain(states: spec.states, absorbing: spec.absorbing, rows: spec.rows)
        } catch {
            throw InputError(file: path, path: error.row.map { "matrix[\($0)]" }, message: error.description)
        }
        let target = arguments.value("--target") ?? (spec.states.contains("VIOLATED") ? "VIOLATED" : spec.absorbing[0])
        let horizon = self.horizon ?? 10
        let analysis: AbsorptionAnalysis
        do {
            analysis = try AbsorptionAnalysis(chain: chain, target: target, horizon: horizon)
        } catch {
            throw InputError(file: path, message: error.description)
        }
        let report = ChainAnalysisReport(analysis: analysis, targetName: target)
        out.print(json ? report.jsonValue().serialized(pretty: true) : report.text())
        return ExitCode.success
    }
}

/// The JSON form of an absorbing chain that `analyze --chain-file` reads.
struct ChainFile {
    var states: [String]
    var absorbing: [String]
    var rows: [[Double]]

    static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> ChainFile {
        try DocumentReader.decode(bytes, file: file) { (root) throws(JSONDecodingError) in
            try root.rejectUnknownKeys(["states", "absorbing", "matrix", "comment"])
            let states = try root.required("states").array().map { (f) throws(JSONDecodingError) in try f.string() }
            let absorbingField = try root.required("absorbing")
            let absorbing = try absorbingField.array().map { (f) throws(JSONDecodingError) in try f.string() }
            guard !absorbing.isEmpty else { throw absorbingField.error("name at least one absorbing state") }
            let rows = try root.required("matrix").array().map { (row) throws(JSONDecodingError) in
                try row.array().map { (cell) throws(JSONDecodingError) in try cell.double() }
            }
            return ChainFile(states: states, absorbing: absorbing, rows: rows)
        }
    }
}
