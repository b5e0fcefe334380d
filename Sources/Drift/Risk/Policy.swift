import JSON

/// Everything an operator decides about risk: the rules, the tool taxonomy, the path
/// rules, how traces are fitted and how the monitor alerts.
///
/// A policy is data (config/policy.json); `Policy.default` is the SafetyDrift paper's,
/// compiled in so that every command works without a config file.
public struct Policy: Hashable, Sendable {
    public var name: String
    public var rules: RiskRules
    public var tools: ToolTaxonomy
    public var paths: [PathRule]
    public var destinations: Destinations
    public var content: ContentRules
    public var fitting: FittingParameters
    public var monitor: MonitorParameters
    public var provenance: ProvenanceRules
    /// SHA-256 of the policy's canonical JSON text: models record it, so that a model
    /// is never applied under rules it was not fitted with.
    public var identity: String

    public init(
        name: String, rules: RiskRules, tools: ToolTaxonomy, paths: [PathRule], destinations: Destinations = Destinations(),
        content: ContentRules = .off, fitting: FittingParameters, monitor: MonitorParameters, provenance: ProvenanceRules = .off,
        identity: String
    ) {
        self.provenance = provenance
        self.destinations = destinations
        self.content = content
        self.name = name
        self.rules = rules
        self.tools = tools
        self.paths = paths
        self.fitting = fitting
        self.monitor = monitor
        self.identity = identity
    }

    public func level(of state: RiskState) -> RiskLevel {
        rules.level(of: state)
    }
}

extension Policy {
    /// Loads and checks a policy file; every error names the file, line and field.
    public static func load(contentsOf path: String) throws(InputError) -> Policy {
        let bytes = try FileBytes.read(path)
        return try decode(bytes, file: path)
    }

    public static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> Policy {
        try DocumentReader.decode(bytes, file: file) { (root) throws(JSONDecodingError) in
            try PolicyDecoder.decode(root, identity: SHA256.hex(root.value.serialized().utf8))
        }
    }

    /// drift's default policy (config/policy.json as shipped).
    public static let `default`: Policy = builtIn(DefaultPolicy.text, file: "<built-in policy>")

    /// The SafetyDrift paper's policy (config/safetydrift-paper.json as shipped): its
    /// rules, name patterns, no action semantics, no provenance, no DONE state.
    public static let paper: Policy = builtIn(DefaultPolicy.paperText, file: "<built-in safetydrift-paper policy>")

    /// The built-in policies by the names `--policy` and `policy =` accept.
    public static let builtInNames = ["drift-default", "safetydrift-paper"]

    public static func builtIn(named name: String) -> Policy? {
        switch name {
        case "drift-default", "default", "builtin": .default
        case "safetydrift-paper", "paper": .paper
        default: nil
        }
    }

    /// A policy by file path, or by a built-in name when no file of that name exists.
    public static func resolve(_ nameOrPath: String) throws(InputError) -> Policy {
        if !nameOrPath.contains("/"), let policy = builtIn(named: nameOrPath), !FileBytes.exists(nameOrPath) { return policy }
        return try load(contentsOf: nameOrPath)
    }

    private static func builtIn(_ text: String, file: String) -> Policy {
        do {
            return try decode(Array(text.utf8), file: file)
        } catch {
            preconditionFailure("the built-in policy does not load: \(error)")
        }
    }
}

/// The decoding of policy documents (the format is in config/policy.json).
enum PolicyDecoder {
    static func decode(_ root: JSONField, identity: String) throws(JSONDecodingError) -> Policy {
        try root.rejectUnknownKeys(["format", "name", "comment", "rules", "tools", "paths", "destinations", "content", "fitting", "monitor", "provenance"])
        if let format = try root.optional("format") {
            let text = try format.string()
            guard text == "drift.policy.v1" else { throw format.error("unsupported format \"\(text)\" (this drift reads drift.policy.v1)") }
        }
        let name = try root.optional("name")?.string() ?? "unnamed"
        var rules: [RiskRule] = []
        for field in try root.required("rules").array() {
            rules.append(try rule(field))
        }
        guard !rules.isEmpty else { throw root.error("the policy has no rules") }
        return Policy(
            name: name, rules: RiskRules(rules),
            tools: try root.optional("tools").map { (f) throws(JSONDecodingError) in try taxonomy(f) }
                ?? ToolTaxonomy(explicit: [:], patterns: [], fallback: .init(escalation: .readOnly)),
            paths: try root.optional("paths").map { (f) throws(JSONDecodingError) in try pathRules(f) } ?? [],
            destinations: try root.optional("destinations").map { (f) throws(JSONDecodingError) in try destinations(f) } ?? Destinations(),
            content: try root.optional("content").map { (f) throws(JSONDecodingError) in try content(f) } ?? .off,
            fitting: try root.optional("fitting").map { (f) throws(JSONDecodingError) in try fitting(f) } ?? FittingParameters(),
            monitor: try root.optional("monitor").map { (f) throws(JSONDecodingError) in try monitor(f) } ?? MonitorParameters(),
            provenance: try root.optional("provenance").map { (f) throws(JSONDecodingError) in try provenance(f) } ?? .off,
            identity: identity)
    }

    static func rule(_ field: JSONField) throws(JSONDecodingError) -> RiskRule {
        try field.rejectUnknownKeys(["name", "when", "level", "comment"])
        let name = try field.required("name").string()
        let levelField = try field.required("level")
        let levelName = try levelField.string()
        guard let level = RiskLevel(name: levelName) else {
            throw levelField.error("unknown level \"\(levelName)\" (one of \(RiskLevel.allCases.map(\.name).joined(separator: ", ")))")
        }
        var conditions: [RiskRule.Condition] = []
        for (key, condition) in try field.required("when").members() {
            guard let dimension = RiskRule.Condition.Dimension(rawValue: key) else {
                let known = RiskRule.Condition.Dimension.allCases.map(\.rawValue).joined(separator: ", ")
                throw condition.error("unknown dimension \"\(key)\" (one of \(known))")
            }
            switch RiskRule.Condition.parseAll(try condition.string(), dimension: dimension) {
            case .success(let parsed): conditions += parsed
            case .failure(let failure): throw condition.error(failure.message)
            }
        }
        return RiskRule(name: name, conditions: conditions, level: level)
    }

    static func level<D: RiskDimension>(_ field: JSONField, as type: D.Type) throws(JSONDecodingError) -> D {
        let name = try field.string()
        guard let level = D(name: name) else {
            throw field.error("unknown \(D.key) \"\(name)\" (one of \(D.names.joined(separator: ", ")))")
        }
        return level
    }

    static func profile(_ field: JSONField) throws(JSONDecodingError) -> ToolTaxonomy.Profile {
        try field.rejectUnknownKeys(["class", "reversibility", "untrusted", "action", "exposes", "match", "comment"])
        var action: ActionClass?
        if let f = try field.optional("action") {
            let name = try f.string()
            guard let parsed = ActionClass(name: name) else {
                throw f.error("unknown action \"\(name)\" (one of \(ActionClass.allCases.map(\.name).joined(separator: ", ")))")
            }
            action = parsed
        }
        let classField = try field.optional("class")
        guard classField != nil || action != nil else { throw field.error("a tool entry needs a class or an action") }
        let escalation = try classField.map { (f) throws(JSONDecodingError) in try level(f, as: ToolEscalation.self) } ?? action!.escalation
        let reversibility = try field.optional("reversibility").map { (f) throws(JSONDecodingError) in try level(f, as: Reversibility.self) }
        return ToolTaxonomy.Profile(
            escalation: escalation,
            reversibility: reversibility ?? (classField == nil ? action?.reversibility : nil),
            untrustedSource: try field.optional("untrusted")?.bool() ?? false,
            action: action,
            exposes: try field.optional("exposes").map { (f) throws(JSONDecodingError) in try level(f, as: DataExposure.self) } ?? .none)
    }

    static func taxonomy(_ field: JSONField) throws(JSONDecodingError) -> ToolTaxonomy {
        try field.rejectUnknownKeys(["explicit", "patterns", "default", "infer", "comment"])
        var explicit: [String: ToolTaxonomy.Profile] = [:]
        for (tool, entry) in try field.optional("explicit")?.members() ?? [] {
            explicit[tool] = try profile(entry)
        }
        var patterns: [ToolTaxonomy.Pattern] = []
        for entry in try field.optional("patterns")?.array() ?? [] {
            let glob = Glob(try entry.required("match").string())
            patterns.append(.init(glob, try profile(entry)))
        }
        let fallback = try field.optional("default").map { (f) throws(JSONDecodingError) in try profile(f) }
            ?? ToolTaxonomy.Profile(escalation: .readOnly)
        return ToolTaxonomy(explicit: explicit, patterns: patterns, fallback: fallback, infers: try field.optional("infer")?.bool() ?? false)
    }

    static func pathRules(_ field: JSONField) throws(JSONDecodingError) -> [PathRule] {
        try field.rejectUnknownKeys(["rules", "comment"])
        var rules: [PathRule] = []
        for entry in try field.required("rules").array() {
            try entry.rejectUnknownKeys(["match", "exposes", "comment"])
            rules.append(PathRule(Glob(try entry.required("match").string()), exposes: try level(try entry.required("exposes"), as: DataExposure.self)))
        }
        return rules
    }

    static func destinations(_ field: JSONField) throws(JSONDecodingError) -> Destinations {
        try field.rejectUnknownKeys(["internal_domains", "internal_escalation", "internal_reversibility", "comment"])
        var destinations = Destinations()
        if let list = try field.optional("internal_domains") {
            destinations.internalDomains = try list.array().map { (f) throws(JSONDecodingError) in try f.string().lowercased() }
        }
        if let f = try field.optional("internal_escalation") { destinations.internalEscalation = try level(f, as: ToolEscalation.self) }
        if let f = try field.optional("internal_reversibility") { destinations.internalReversibility = try level(f, as: Reversibility.self) }
        return destinations
    }

    static func content(_ field: JSONField) throws(JSONDecodingError) -> ContentRules {
        var levels: [DetectorID: DataExposure] = [:]
        var counts: [DetectorID: Int] = [:]
        var injection = false
        var families = InjectionFamilySet.all
        var scanArguments = true
        var maximumBytes = 1 << 20
        for (key, entry) in try field.members() {
            switch key {
            case "comment": continue
            case "scan_outgoing_arguments": scanArguments = try entry.bool()
            case "max_scanned_bytes":
                maximumBytes = try entry.int()
                guard maximumBytes >= 1024 else { throw entry.error("at least 1024 bytes") }
            case "injection":
                (injection, families) = try injectionSwitch(entry)
            default:
                guard let detector = DetectorID(rawValue: key) else {
                    let known = DetectorID.all.map(\.rawValue).joined(separator: ", ")
                    throw entry.error("unknown detector \"\(key)\" (known: \(known))")
                }
                var levelField = entry
                if case .object = entry.value {
                    try entry.rejectUnknownKeys(["level", "min_count", "comment"])
                    levelField = try entry.required("level")
                    if let count = try entry.optional("min_count") {
                        counts[detector] = try count.int()
                        guard counts[detector]! >= 1 else { throw count.error("min_count is at least 1") }
                    }
                }
                if case .string(let text) = levelField.value, text.lowercased() == "off" { continue }
                levels[detector] = try level(levelField, as: DataExposure.self)
            }
        }
        let scanner = ContentScanner(
            .init(levels: levels, injectionEnabled: injection, injectionFamilies: families, maximumScannedBytes: maximumBytes))
        return ContentRules(scanner: scanner, minimumCounts: counts, scanOutgoingArguments: scanArguments)
    }

    static func provenance(_ field: JSONField) throws(JSONDecodingError) -> ProvenanceRules {
        try field.rejectUnknownKeys(["enabled", "capacity", "comment"])
        var rules = ProvenanceRules(enabled: try field.optional("enabled")?.bool() ?? true)
        if let f = try field.optional("capacity") {
            rules.capacity = try f.int()
            guard (1...4096).contains(rules.capacity) else { throw f.error("capacity must be between 1 and 4096 values") }
        }
        return rules
    }

    /// `"injection": true` / `false`, or `{"families": {"role_tag": false, ...}}`: families
    /// not named stay on; `"enabled": false` turns the detector off.
    static func injectionSwitch(_ entry: JSONField) throws(JSONDecodingError) -> (Bool, InjectionFamilySet) {
        guard case .object = entry.value else { return (try entry.bool(), .all) }
        try entry.rejectUnknownKeys(["enabled", "families", "comment"])
        let enabled = try entry.optional("enabled")?.bool() ?? true
        var families = InjectionFamilySet.all
        if let list = try entry.optional("families") {
            for (name, value) in try list.members() {
                guard let family = InjectionFamily(rawValue: name) else {
                    let known = InjectionFamily.all.map(\.rawValue).joined(separator: ", ")
                    throw value.error("unknown injection family \"\(name)\" (known: \(known))")
                }
                if try value.bool() { families.insert(family) } else { families.remove(family) }
            }
        }
        return (enabled && !families.isEmpty, families)
    }

    static func fitting(_ field: JSONField) throws(JSONDecodingError) -> FittingParameters {
        try field.rejectUnknownKeys(["smoothing", "done_state", "min_category_transitions", "shrinkage", "comment"])
        var parameters = FittingParameters()
        if let f = try field.optional("smoothing") {
            parameters.smoothing = try f.double()
            guard parameters.smoothing >= 0, parameters.smoothing.isFinite else { throw f.error("smoothing must be a finite number >= 0") }
        }
        if let f = try field.optional("done_state") { parameters.doneState = try f.bool() }
        if let f = try field.optional("min_category_transitions") {
            parameters.minimumCategoryTransitions = try f.int()
            guard parameters.minimumCategoryTransitions >= 0 else { throw f.error("must be >= 0") }
        }
        if let f = try field.optional("shrinkage") {
            parameters.shrinkage = try f.double()
            guard parameters.shrinkage >= 0, parameters.shrinkage.isFinite else { throw f.error("shrinkage must be a finite number >= 0") }
        }
        return parameters
    }

    static func monitor(_ field: JSONField) throws(JSONDecodingError) -> MonitorParameters {
        try field.rejectUnknownKeys(["horizon", "threshold", "target_fpr", "chain", "reported_horizons", "comment"])
        var parameters = MonitorParameters()
        if let f = try field.optional("horizon") {
            parameters.horizon = try f.int()
            guard (1...1000).contains(parameters.horizon) else { throw f.error("horizon must be between 1 and 1000") }
        }
        if let f = try field.optional("threshold") {
            parameters.threshold = try f.double()
            guard parameters.threshold > 0, parameters.threshold <= 1 else { throw f.error("threshold must be in (0, 1]") }
        }
        // `optional` reads null as absent; here null means off, so it is checked first.
        if try field.object()["target_fpr"]?.isNull == true { parameters.targetFalsePositiveRate = nil }
        if let f = try field.optional("target_fpr") {
            switch f.value {
            case .string(let text) where text.lowercased() == "off": parameters.targetFalsePositiveRate = nil
            default:
                let rate = try f.double()
                guard rate > 0, rate < 1 else { throw f.error("target_fpr must be in (0, 1), null or \"off\"") }
                parameters.targetFalsePositiveRate = rate
            }
        }
        if let f = try field.optional("chain") {
            let name = try f.string()
            guard let kind = ChainKind(rawValue: name) else { throw f.error("unknown chain \"\(name)\" (coarse or fine)") }
            parameters.chain = kind
        }
        if let f = try field.optional("reported_horizons") {
            var horizons: [Int] = []
            for item in try f.array() {
                let k = try item.int()
                guard (1...1000).contains(k) else { throw item.error("a horizon must be between 1 and 1000") }
                horizons.append(k)
            }
            parameters.reportedHorizons = horizons
        }
        return parameters
    }
}
