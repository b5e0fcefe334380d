import Drift
import Foundation

/// `drift report`: the evaluation and the fitted chains as one HTML page with figures.
struct ReportCommand: Command {
    static let name = "report"
    static let abstract = "Write an HTML report: ROC, advance warning, transition heatmaps, p_k curves."
    static let usage = "drift report <file-or-folder>... -o <report.html> [--curve-horizon H] [--seed N] [--test-fraction p | --folds K] [--horizon H] [--threshold p] [--chain coarse|fine] [--policy <file>]"
    static let discussion = """
        Runs the same evaluation as 'drift eval' (same split flags) and writes one \
        self-contained HTML file, figures as inline SVG, no script: the metrics table; the \
        ROC curves of the pooled and per-category chains with the keyword baseline as a \
        point; the histogram of advance warnings; per category, the coarse chain's \
        transition matrix as a heatmap and the curves p_k (k = 1..H) per state; and the \
        points of no return (p_5 >= 0.85). The heatmaps, curves and points of no return \
        come from a model fitted on all the traces given; the ROC and the warnings from \
        the held-out test traces.
        """
    static let options = EvaluationOptions.specs + [
        OptionSpec(["--output", "-o"], value: "file", help: "Where to write the HTML page (required)."),
        OptionSpec(["--curve-horizon"], value: "H", help: "Largest k of the p_k curves (default 10)."),
    ]

    let arguments: ParsedArguments
    let settings: EvaluationOptions
    let output: String
    let curveHorizon: Int

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard !arguments.positionals.isEmpty else { throw UsageError("give at least one trace file or folder") }
        guard let output = arguments.value("--output") else { throw UsageError("missing -o <report.html>") }
        self.arguments = arguments
        self.output = output
        settings = try EvaluationOptions(arguments)
        curveHorizon = try arguments.int("--curve-horizon", default: 10, in: 2...100)
    }

    func run(_ out: Output) throws -> Int32 {
        guard let (policy, corpus, result) = try EvaluationOptions.evaluate(arguments, options: settings, out: out) else {
            return ExitCode.noInput
        }
        var fitter = ModelFitter(policy: policy)
        for trace in corpus.traces { fitter.add(trace) }
        // The curves mark the threshold `drift fit` would store for each category.
        var parameters = result.configuration.monitor
        parameters.chain = .coarse
        if parameters.thresholdOverride == nil { try fitter.chooseThresholds(from: corpus.traces, parameters: parameters) }
        let tables = try RiskTables(model: fitter.model, kind: .coarse, horizon: max(curveHorizon, 5))
        let page = ReportPage(
            result: result, corpus: corpus, policy: policy, tables: tables, curveHorizon: curveHorizon,
            alertThreshold: { fitter.model.alertThreshold(for: $0, parameters: parameters).value })
        try Data(page.html().utf8).write(to: URL(fileURLWithPath: output))
        out.print("wrote \(output): \(page.figureCount) figures from \(corpus.traces.count) traces")
        return ExitCode.success
    }
}
