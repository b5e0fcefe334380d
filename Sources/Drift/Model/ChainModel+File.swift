import JSON

/// The model file: `drift.model.v1`, a JSON document that keeps the raw counts as
/// sparse `[from, to, count]` triples over named state spaces.
extension ChainModel {
    public func jsonValue() -> JSONValue {
        var root = JSONObject()
        root["format"] = .string("drift.model.v\(Self.formatVersion)")
        root["policy"] = ["name": .string(policyName), "identity": .string(policyIdentity)]
        root["fitting"] = [
            "smoothing": .number(fitting.smoothing), "done_state": .bool(fitting.doneState),
            "min_category_transitions": .number(Double(fitting.minimumCategoryTransitions)),
            "shrinkage": .number(fitting.shrinkage),
        ]
        root["sources"] = .array(sources.map {
            ["path": .string($0.path), "traces": .number(Double($0.traces)), "steps": .number(Double($0.steps)), "sha256": .string($0.sha256)]
        })
        root["spaces"] = [
            "coarse": .array(ChainSpace.coarse.names.map(JSONValue.string)),
            "fine": .array(ChainSpace.fine.names.map(JSONValue.string)),
        ]
        var categoryObject = JSONObject()
        for name in categoryNames { categoryObject[name] = Self.encode(categories[name]!) }
        root["categories"] = .object(categoryObject)
        if uncategorized.traces > 0 { root["uncategorized"] = Self.encode(uncategorized) }
        var tools = JSONObject()
        for tool in unknownTools.keys.sorted() { tools[tool] = .number(Double(unknownTools[tool]!)) }
        root["unknown_tools"] = .object(tools)
        if let thresholds { root["thresholds"] = Self.encode(thresholds) }
        return .object(root)
    }

    private static func encode(_ thresholds: AlertThresholds) -> JSONValue {
        func one(_ t: AlertThreshold) -> JSONValue {
            [
                "value": .number(t.value), "method": .string(t.method.rawValue), "target_fpr": .number(t.targetFalsePositiveRate),
                "cv_fpr": t.measuredFalsePositiveRate.map(JSONValue.number) ?? .null,
                "cv_detection": t.measuredDetectionRate.map(JSONValue.number) ?? .null,
                "folds": .number(Double(t.folds)), "safe_traces": .number(Double(t.safeTraces)),
                "violating_traces": .number(Double(t.violatingTraces)), "reason": t.reason.map(JSONValue.string) ?? .null,
            ]
        }
        var categories = JSONObject()
        for name in thresholds.categories.keys.sorted() { categories[name] = one(thresholds.categories[name]!) }
        return [
            "horizon": .number(Double(thresholds.horizon)), "chain": .string(thresholds.chain.rawValue),
            "target_fpr": .number(thresholds.targetFalsePositiveRate),
            // A string: a 64-bit seed does not survive a JSON double.
            "seed": .string(String(thresholds.seed)),
            "pooled": one(thresholds.pooled), "categories": .object(categories),
        ]
    }

    private static func decodeThresholds(_ field: JSONField) throws(JSONDecodingError) -> AlertThresholds {
        func probability(_ f: JSONField) throws(JSONDecodingError) -> Double {
            let p = try f.double()
            guard p >= 0, p <= 1 else { throw f.error("must be between 0 and 1") }
            return p
        }
        func optionalProbability(_ f: JSONField?) throws(JSONDecodingError) -> Double? {
            guard let f else { return nil }
            return try probability(f)
        }
        func one(_ f: JSONField) throws(JSONDecodingError) -> AlertThreshold {
            let valueField = try f.required("value")
            let value = try probability(valueField)
            guard value > 0 else { throw valueField.error("a threshold must be in (0, 1]") }
            let methodField = try f.required("method")
            let methodName = try methodField.string()
            guard let method = AlertThreshold.Method(rawValue: methodName) else {
                throw methodField.error("unknown method \"\(methodName)\" (cross_validated or policy)")
            }
            return AlertThreshold(
                value: value, method: method, targetFalsePositiveRate: try probability(try f.required("target_fpr")),
                measuredFalsePositiveRate: try optionalProbability(try f.optional("cv_fpr")),
                measuredDetectionRate: try optionalProbability(try f.optional("cv_detection")),
                folds: try f.optional("folds")?.int() ?? 0, safeTraces: try f.optional("safe_traces")?.int() ?? 0,
                violatingTraces: try f.optional("violating_traces")?.int() ?? 0,
                reason: try f.optional("reason")?.string())
        }
        let chainField = try field.required("chain")
        let chainName = try chainField.string()
        guard let chain = ChainKind(rawValue: chainName) else { throw chainField.error("unknown chain \"\(chainName)\" (coarse or fine)") }
        let seedField = try field.required("seed")
        guard let seed = UInt64(try seedField.string()) else { throw seedField.error("a seed is a whole number from 0 to \(UInt64.max)") }
        var categories: [String: AlertThreshold] = [:]
        for (name, f) in try field.required("categories").members() { categories[name] = try one(f) }
        return AlertThresholds(
            horizon: try field.required("horizon").int(), chain: chain,
            targetFalsePositiveRate: try probability(try field.required("target_fpr")), seed: seed,
            pooled: try one(try field.required("pooled")), categories: categories)
    }

    private static func encode(_ counts: Counts) -> JSONValue {
        func cells(_ c: TransitionCounts) -> JSONValue {
            .array(c.nonZero.map { [.number(Double($0.from)), .number(Double($0.to)), .number($0.count)] })
        }
        return [
            "traces": .number(Double(counts.traces)), "steps": .number(Double(counts.steps)),
            "violating": .number(Double(counts.violating)),
            "coarse": cells(counts.coarse), "fine": cells(counts.fine),
        ]
    }

    /// Refuses a model fitted under another policy than `policy`: its states and counts
    /// would mean other things. `hint` ends the message (how to fix it, where it applies).
    public func requireFitted(under policy: Policy, file: String, hint: String = "") throws(InputError) {
        guard policyIdentity != policy.identity else { return }
        throw InputError(
            file: file,
            message: "fitted under policy \"\(policyName)\" (\(policyIdentity.prefix(12))), but the policy in use is \"\(policy.name)\" (\(policy.identity.prefix(12)))\(hint)")
    }

    public static func load(contentsOf path: String) throws(InputError) -> ChainModel {
        try decode(try FileBytes.read(path), file: path)
    }

    public static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> ChainModel {
        try DocumentReader.decode(bytes, file: file) { (root) throws(JSONDecodingError) in try decode(root) }
    }

    static func decode(_ root: JSONField) throws(JSONDecodingError) -> ChainModel {
        let formatField = try root.required("format")
        let format = try formatField.string()
        guard format == "drift.model.v\(formatVersion)" else {
            throw formatField.error("unsupported model format \"\(format)\" (this drift reads drift.model.v\(formatVersion))")
        }
        let policy = try root.required("policy")
        var model = ChainModel(policy: .default)
        model.policyName = try policy.required("name").string()
        model.policyIdentity = try policy.required("identity").string()
        let fitting = try root.required("fitting")
        model.fitting = FittingParameters(
            smoothing: try fitting.required("smoothing").double(),
            doneState: try fitting.required("done_state").bool(),
            minimumCategoryTransitions: try fitting.required("min_category_transitions").int(),
            shrinkage: try fitting.required("shrinkage").double())
        for source in try root.required("sources").array() {
            model.sources.append(
                Source(
                    path: try source.required("path").string(), traces: try source.required("traces").int(),
                    steps: try source.required("steps").int(), sha256: try source.required("sha256").string()))
        }
        // The spaces are fixed by this version; a file whose names differ was written
        // by another version of drift and its indices would mean other states.
        let spaces = try root.required("spaces")
        for kind in ChainKind.allCases {
            let field = try spaces.required(kind.rawValue)
            let names = try field.array().map { (f) throws(JSONDecodingError) in try f.string() }
            guard names == ChainSpace(kind).names else {
                throw field.error("the \(kind.rawValue) state space differs from this version's (\(names.count) states, expected \(ChainSpace(kind).count))")
            }
        }
        for (name, field) in try root.required("categories").members() {
            model.categories[name] = try decodeCounts(field)
        }
        if let field = try root.optional("uncategorized") { model.uncategorized = try decodeCounts(field) }
        for (tool, field) in try root.optional("unknown_tools")?.members() ?? [] {
            model.unknownTools[tool] = try field.int()
        }
        // Optional: models written before thresholds were chosen at fit time load, and
        // alert at the policy's threshold.
        if let field = try root.optional("thresholds") { model.thresholds = try decodeThresholds(field) }
        return model
    }

    private static func decodeCounts(_ field: JSONField) throws(JSONDecodingError) -> Counts {
        var counts = Counts()
        counts.traces = try field.required("traces").int()
        counts.steps = try field.required("steps").int()
        counts.violating = try field.required("violating").int()
        counts.coarse = try decodeCells(try field.required("coarse"), space: .coarse)
        counts.fine = try decodeCells(try field.required("fine"), space: .fine)
        return counts
    }

    private static func decodeCells(_ field: JSONField, space: ChainSpace) throws(JSONDecodingError) -> TransitionCounts {
        var counts = TransitionCounts(size: space.count)
        for cell in try field.array() {
            let parts = try cell.array()
            guard parts.count == 3 else { throw cell.error("expected [from, to, count]") }
            let from = try parts[0].int()
            let to = try parts[1].int()
            let count = try parts[2].double()
            guard (0..<space.count).contains(from) else { throw parts[0].error("state \(from) out of range 0..<\(space.count)") }
            guard (0..<space.count).contains(to) else { throw parts[1].error("state \(to) out of range 0..<\(space.count)") }
            guard count >= 0, count.isFinite else { throw parts[2].error("a count must be a finite number >= 0") }
            counts.add(from: from, to: to, count: count)
        }
        return counts
    }
}
