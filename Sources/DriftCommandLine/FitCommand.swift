import Drift
import Foundation
import JSON

/// `drift fit`: traces in, model file out.
struct FitCommand: Command {
    static let name = "fit"
    static let abstract = "Fit per-category and pooled absorbing chains from traces."
    static let usage = "drift fit <file-or-folder>... -o <model.json> [--policy <file>] [--strict]"
    static let discussion = """
        Reads .json (one trace) and .jsonl (one trace per line) files, in drift's own \
        format or the SafetyDrift paper's, from the files and folders given (folders \
        recursively). Counts transitions of the coarse 5-level chain and the fine \
        D/T/R/U chain per category and pooled, and writes the raw counts with the policy's \
        identity and the sources' hashes. With the policy's monitor.target_fpr set (5% by \
        default), it also chooses each category's alert threshold (and the pooled one) by \
        5-fold stratified cross-validation inside the traces and stores it with how it was \
        chosen (drift analyze shows it). A malformed record is reported with its file, \
        line and field and skipped (--strict makes it fatal).
        """
    static let options = [
        OptionSpec(["--output", "-o"], value: "file", help: "Where to write the model (required)."),
        Inputs.policyOption,
        OptionSpec(["--strict"], help: "Fail on the first malformed record instead of skipping it."),
        OptionSpec(["--category-key"], value: "path", help: "Dotted path to the category in each record (e.g. metadata.suite_name)."),
        OptionSpec(["--quiet", "-q"], help: "Print only errors."),
    ]

    let paths: [String]
    let output: String
    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard !arguments.positionals.isEmpty else { throw UsageError("give at least one trace file or folder") }
        guard let output = arguments.value("--output") else { throw UsageError("missing -o <model.json>") }
        self.paths = arguments.positionals
        self.output = output
        self.arguments = arguments
    }

    func run(_ out: Output) throws -> Int32 {
        let policy = try Inputs.policy(arguments)
        let quiet = arguments.flag("--quiet")
        let clock = Stopwatch()
        let corpus = TraceLoader(defaults: Inputs.traceDefaults(arguments)).load(paths)
        let loaded = clock.seconds
        for skipped in corpus.skipped {
            if !skipped.notATrace { out.error("error: \(skipped)") } else if !quiet { out.error("note: \(skipped)") }
        }
        if arguments.flag("--strict"), !corpus.errors.isEmpty {
            out.error("error: \(corpus.errors.count) malformed record(s); nothing written (--strict)")
            return ExitCode.dataError
        }
        guard !corpus.traces.isEmpty else {
            out.error("error: no traces found in \(paths.joined(separator: " "))")
            return ExitCode.noInput
        }
        var fitter = ModelFitter(policy: policy)
        fitter.add(corpus)
        try fitter.chooseThresholds(from: corpus.traces)
        let fitted = clock.seconds
        let model = fitter.model
        try Data(model.jsonValue().serialized(pretty: true).utf8 + [10]).write(to: URL(fileURLWithPath: output))
        if !quiet {
            out.print(corpus.summary)
            for name in model.categoryNames {
                let c = model.categories[name]!
                out.print("  \(name): \(c.traces) traces, \(c.steps) steps, \(c.violating) violating")
            }
            if let thresholds = model.thresholds {
                out.print("  alert thresholds on p\(thresholds.horizon) for a false-positive rate <= \(Format.percent(thresholds.targetFalsePositiveRate)) (see drift analyze): "
                    + (model.categoryNames.map { ($0, thresholds.threshold(for: $0)) } + [("pooled", thresholds.pooled)])
                    .map { "\($0.0) \(Format.probability($0.1.value))\($0.1.method == .policy ? " (policy)" : "")" }.joined(separator: ", "))
            }
            if model.uncategorized.traces > 0 {
                out.print("  (no category): \(model.uncategorized.traces) traces, pooled only")
            }
            if !model.unknownTools.isEmpty {
                let list = model.unknownTools.sorted { $0.value > $1.value }.prefix(10).map { "\($0.key) (\($0.value))" }
                out.print("  tools the policy does not know, classed by its default: \(list.joined(separator: ", "))")
            }
            out.print("wrote \(output) (policy \(policy.name), read \(Format.duration(loaded)), fitted \(Format.duration(fitted - loaded)))")
        }
        return ExitCode.success
    }
}

/// `drift merge`: the model that fitting all the models' traces at once would give.
struct MergeCommand: Command {
    static let name = "merge"
    static let abstract = "Merge model files fitted from disjoint traces."
    static let usage = "drift merge <model.json> <model.json>... -o <merged.json>"
    static let discussion = "Counts add up exactly, so the merged model equals one fitted on all the traces at once. The models must share a policy."
    static let options = [OptionSpec(["--output", "-o"], value: "file", help: "Where to write the merged model (required).")]

    let paths: [String]
    let output: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.count >= 2 else { throw UsageError("give at least two model files") }
        guard let output = arguments.value("--output") else { throw UsageError("missing -o <merged.json>") }
        paths = arguments.positionals
        self.output = output
    }

    func run(_ out: Output) throws -> Int32 {
        var merged = try ChainModel.load(contentsOf: paths[0])
        for path in paths.dropFirst() {
            do {
                merged = try merged.merged(with: try ChainModel.load(contentsOf: path))
            } catch let error as ModelMergeError {
                throw InputError(file: path, message: error.description)
            }
        }
        try Data(merged.jsonValue().serialized(pretty: true).utf8 + [10]).write(to: URL(fileURLWithPath: output))
        out.print("wrote \(output): \(merged.traceCount) traces, \(merged.stepCount) steps from \(paths.count) models")
        return ExitCode.success
    }
}
