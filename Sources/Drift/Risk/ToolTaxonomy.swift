/// How the policy classifies a tool: explicit per-tool entries first, then name
/// patterns in order, then (when the policy infers) the tool's declaration or the verb
/// lexicon reading its name, then a default.
public struct ToolTaxonomy: Hashable, Sendable {
    /// The class and reversibility of a tool, and where that came from.
    public struct Profile: Hashable, Sendable {
        public var escalation: ToolEscalation
        /// nil: the tool leaves reversibility unchanged (reads).
        public var reversibility: Reversibility?
        /// Whether the tool brings content from outside the trust boundary (web fetch,
        /// inbound external mail): its results mark the state UNTRUSTED.
        public var untrustedSource: Bool
        /// What the tool does; nil for a policy entry that gives only a class (the
        /// paper's taxonomy), which then raises no impact and names no targets.
        public var action: ActionClass?
        /// What a successful call exposes by what the tool reads (its object words).
        public var exposes: DataExposure
        /// The objects the tool speaks of (from the lexicon); empty for policy entries.
        public var objects: ToolObjects

        public init(
            escalation: ToolEscalation, reversibility: Reversibility? = nil, untrustedSource: Bool = false,
            action: ActionClass? = nil, exposes: DataExposure = .none, objects: ToolObjects = []
        ) {
            self.escalation = escalation
            self.reversibility = reversibility
            self.untrustedSource = untrustedSource
            self.action = action
            self.exposes = exposes
            self.objects = objects
        }

        /// The profile an inferred meaning implies.
        public init(_ meaning: ToolMeaning, openWorld: Bool? = nil) {
            var escalation = meaning.action.escalation
            // A write the declaration says reaches the outside world is a network step.
            if openWorld == true, meaning.action == .write { escalation = .network }
            self.init(
                escalation: escalation, reversibility: meaning.action.reversibility,
                untrustedSource: meaning.readsUntrustedContent, action: meaning.action, exposes: meaning.exposes,
                objects: meaning.objects)
        }
    }

    public struct Pattern: Hashable, Sendable {
        public var glob: Glob
        public var profile: Profile
        public init(_ glob: Glob, _ profile: Profile) {
            self.glob = glob
            self.profile = profile
        }
    }

    public enum Source: Hashable, Sendable, CustomStringConvertible {
        case explicit
        case pattern(String)
        /// The tool's declaration (annotations, description) or the lexicon on its name.
        case inferred(ToolMeaning)
        case `default`

        public var description: String {
            switch self {
            case .explicit: "explicit entry"
            case .pattern(let p): "pattern \"\(p)\""
            case .inferred(let m): m.verb.isEmpty ? "\(m.action.name) by \(m.basis) (\(m.objects.names))" : "verb \"\(m.verb)\" by \(m.basis)"
            case .default: "default"
            }
        }
    }

    public var explicit: [String: Profile]
    public var patterns: [Pattern]
    public var fallback: Profile
    /// Whether tools no entry or pattern names are read by their declaration and the
    /// verb lexicon (the default policy) or go straight to the default (the paper's).
    public var infers: Bool

    public init(explicit: [String: Profile], patterns: [Pattern], fallback: Profile, infers: Bool = false) {
        self.explicit = explicit
        self.patterns = patterns
        self.fallback = fallback
        self.infers = infers
    }

    public func classify(_ tool: String, declared: ToolDeclaration? = nil) -> (profile: Profile, source: Source) {
        if let profile = explicit[tool] { return (profile, .explicit) }
        // Only a name with capitals can differ from its lower-case form: no allocation
        // for the usual snake_case names.
        if tool.utf8.contains(where: { $0 >= 65 && $0 <= 90 }), let profile = explicit[tool.lowercased()] { return (profile, .explicit) }
        for pattern in patterns where pattern.glob.matches(tool) {
            return (pattern.profile, .pattern(pattern.glob.pattern))
        }
        if infers, let meaning = declared?.meaning ?? ToolMeaning.infer(fromName: tool) {
            return (Profile(meaning, openWorld: declared?.openWorld), .inferred(meaning))
        }
        return (fallback, .default)
    }
}

/// A rule that marks data exposure from the paths a step names: `**/.env` -> CREDENTIALS.
public struct PathRule: Hashable, Sendable {
    public var glob: Glob
    public var exposes: DataExposure
    /// `**/x` also matches a bare `x`: a leading "any folders" may be no folder at all.
    private var bareGlob: Glob?

    public init(_ glob: Glob, exposes: DataExposure) {
        self.glob = glob
        self.exposes = exposes
        self.bareGlob = glob.pattern.hasPrefix("**/") ? Glob(String(glob.pattern.dropFirst(3))) : nil
    }

    public func matches(_ path: String) -> Bool {
        glob.matches(path) || (bareGlob?.matches(path) ?? false)
    }

    public func matches(bytes path: UnsafeBufferPointer<UInt8>) -> Bool {
        glob.matches(bytes: path) || (bareGlob?.matches(bytes: path) ?? false)
    }
}
