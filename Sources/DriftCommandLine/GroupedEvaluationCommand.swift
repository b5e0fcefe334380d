import Drift
import JSON

/// `--split-by FIELD [--train V,...] [--test V,...]` as given on the command line.
struct GroupingRequest {
    var field: String
    var train: [String]?
    var test: [String]?

    /// Nil without --split-by; --train/--test alone, or with --folds/--test-fraction, are usage errors.
    init?(_ arguments: ParsedArguments) throws(UsageError) {
        guard let field = arguments.value("--split-by") else {
            for name in ["--train", "--test"] where arguments.value(name) != nil {
                throw UsageError("\(name) needs --split-by FIELD")
            }
            return nil
        }
        guard !field.isEmpty else { throw UsageError("--split-by needs a field name, e.g. family") }
        for name in ["--folds", "--test-fraction"] where arguments.value(name) != nil {
            throw UsageError("--split-by and \(name) exclude each other")
        }
        self.field = field
        train = try Self.values(arguments, "--train")
        test = try Self.values(arguments, "--test")
    }

    private static func values(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> [String]? {
        guard let text = arguments.value(name) else { return nil }
        let values = text.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
        guard !values.isEmpty else { throw UsageError("\(name) needs at least one value") }
        return values
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

/// The grouped form of `drift eval`: fit on some groups of traces, test on the others.
///
/// Every split is fitted once; the total pools the replays of all held-out groups (in
/// leave-one-group-out every trace is tested exactly once), and each group's rows are the
/// same replays taken apart by split.
enum GroupedEvaluationCommand {
    static func run(_ request: GroupingRequest, arguments: ParsedArguments, settings: EvaluationOptions, out: Output) throws -> Int32 {
        guard let (policy, corpus) = try EvaluationOptions.load(arguments, options: settings, out: out) else { return ExitCode.noInput }
        let grouped: GroupedSplits
        do {
            grouped = try GroupedSplits.by(request.field, corpus.traces, train: request.train, test: request.test)
        } catch {
            throw UsageError(error.description)
        }
        if !grouped.leftOut.isEmpty {
            let examples = grouped.leftOut.prefix(3).map(\.id).joined(separator: ", ")
            out.error("note: \(grouped.leftOut.count) trace\(grouped.leftOut.count == 1 ? " has" : "s have") no \(request.field) and \(grouped.leftOut.count == 1 ? "is" : "are") left out (\(examples)\(grouped.leftOut.count > 3 ? ", ..." : ""))")
        }
        let evaluation = Evaluation(policy: policy, configuration: settings.configuration(policy: policy))
        let result = try evaluation.run(splits: grouped.groups.map(\.split))
        let perGroup = grouped.groups.indices.map { result.split($0) }
        if arguments.flag("--json") {
            var json = EvaluationJSON.encode(result, policy: policy, corpus: corpus)
            json = GroupedEvaluationJSON.add(grouped, perGroup: perGroup, to: json)
            out.print(json.serialized(pretty: true))
        } else {
            out.print(GroupedEvaluationText.render(grouped, total: result, perGroup: perGroup, policy: policy, corpus: corpus, preExecution: arguments.flag("--pre-execution")))
        }
        return ExitCode.success
    }
}

/// The text form: the usual header, one table of (held-out group, monitor) rows with the
/// total first, then the per-category table of the total.
enum GroupedEvaluationText {
    static func protocolLine(_ grouped: GroupedSplits) -> String {
        let values = grouped.counts.keys.sorted().map { "\($0) \(grouped.counts[$0]!)" }.joined(separator: ", ")
        if grouped.groups.count > 1 {
            return "leave-one-group-out by \(grouped.field) over \(grouped.groups.count) groups (\(values)): fit on the others, test on each"
        }
        let g = grouped.groups[0]
        return "split by \(grouped.field): train on \(g.trainValues.joined(separator: ",")) (\(g.split.train.count) traces), test on \(g.testValues.joined(separator: ",")) (\(g.split.test.count) traces)"
    }

    static func rows(_ grouped: GroupedSplits, total: EvaluationResult, perGroup: [EvaluationResult], preExecution: Bool) -> [[String]] {
        var rows = [["held out", "monitor", "train", "test", "violating", "detected", "detection", "safe", "alerted", "FPR", "AUC"]]
        if preExecution { rows[0] += ["prevented", "prevention", "refused", "refusal"] }
        let trained = grouped.groups.map(\.split.train.count)
        var entries: [(String, EvaluationResult, String)] = []
        if grouped.groups.count > 1 {
            let range = trained.min()! == trained.max()! ? String(trained[0]) : "\(trained.min()!)-\(trained.max()!)"
            entries.append(("total", total, range))
        }
        for (group, result) in zip(grouped.groups, perGroup) { entries.append((group.name, result, String(group.split.train.count))) }
        for (name, result, train) in entries {
            for evaluation in result.monitors {
                let m = evaluation.overall
                var row = [
                    name, evaluation.monitor.title, train, String(m.violating + m.safe), String(m.violating), String(m.detected),
                    EvaluationText.rate(m.detectionRate), String(m.safe), String(m.falsePositives), EvaluationText.rate(m.falsePositiveRate),
                    EvaluationText.number(evaluation.sweep?.areaUnderCurve),
                ]
                if preExecution {
                    row += [String(m.prevented), EvaluationText.rate(m.preventionRate), String(m.refusedSafe), EvaluationText.rate(m.refusalRate)]
                }
                rows.append(row)
            }
        }
        let width = rows.map { $0[1].count }.max() ?? 0
        for i in rows.indices { rows[i][1] += String(repeating: " ", count: width - rows[i][1].count) }
        return rows
    }

    static func render(
        _ grouped: GroupedSplits, total: EvaluationResult, perGroup: [EvaluationResult], policy: Policy, corpus: TraceLoader.Corpus, preExecution: Bool
    ) -> String {
        var settings = EvaluationText.monitorLine(total) + "; policy \(policy.name)"
        if total.configuration.hideCategories { settings += "; test traces replayed WITHOUT categories" }
        if !policy.content.isEnabled { settings += "; content detectors off" }
        var summary = corpus.summary
        if !grouped.leftOut.isEmpty { summary += "; \(grouped.leftOut.count) without \(grouped.field) left out" }
        var lines = [summary, "protocol: " + protocolLine(grouped), settings, ""]
        lines.append(Format.table(rows(grouped, total: total, perGroup: perGroup, preExecution: preExecution)))
        lines.append("")
        lines.append("by category, over every held-out trace:")
        lines.append(Format.table(EvaluationText.table(total)))
        lines.append("")
        lines.append("detection = first alert strictly before the violating step; alerted = safe traces with any alert; AUC over thresholds 0.05..0.95.")
        return lines.joined(separator: "\n")
    }
}

/// The JSON form: `drift.eval.v1` with `split_by` and one `groups` entry per split.
enum GroupedEvaluationJSON {
    static func add(_ grouped: GroupedSplits, perGroup: [EvaluationResult], to json: JSONValue) -> JSONValue {
        guard case .object(var object) = json else { return json }
        if case .object(var config)? = object["config"] {
            config["protocol"] = "split_by"
            config["test_fraction"] = .null
            object["config"] = .object(config)
        }
        var counts = JSONObject()
        for value in grouped.counts.keys.sorted() { counts[value] = .number(Double(grouped.counts[value]!)) }
        object["split_by"] = [
            "field": .string(grouped.field),
            "protocol": grouped.groups.count > 1 ? "leave-one-group-out" : "one split",
            "counts": .object(counts),
            "left_out": .number(Double(grouped.leftOut.count)),
        ]
        object["groups"] = .array(zip(grouped.groups, perGroup).map { group, result in
            var monitors = JSONObject()
            for evaluation in result.monitors {
                monitors[evaluation.monitor.rawValue] = [
                    "overall": EvaluationJSON.metrics(evaluation.overall),
                    "auc": EvaluationJSON.optional(evaluation.sweep?.areaUnderCurve),
                ]
            }
            return [
                "name": .string(group.name),
                "test_values": .array(group.testValues.map(JSONValue.string)),
                "train_values": .array(group.trainValues.map(JSONValue.string)),
                "train": .number(Double(group.split.train.count)), "test": .number(Double(group.split.test.count)),
                "monitors": .object(monitors),
            ]
        })
        return .object(object)
    }
}
