/// How the policy classifies a tool by its name: explicit per-tool entries first, then
/// name patterns in order, then a default.
public struct ToolTaxonomy: Hashable, Sendable {
    /// The class and reversibility of a tool, and where that came from.
    public struct Profile: Hashable, Sendable {
        public var escalation: ToolEscalation
        /// nil: the tool leaves reversibility unchanged (reads).
        public var reversibility: Reversibility?
        /// Whether the tool brings content from outside the trust boundary (web fetch,
        /// inbound external mail): its results mark the state UNTRUSTED.
        public var untrustedSource: Bool

        public init(escalation: ToolEscalation, reversibility: Reversibility? = nil, untrustedSource: Bool = false) {
            self.escalation = escalation
            self.reversibility = reversibility
            self.untrustedSource = untrustedSource
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
        case `default`

        public var description: String {
            switch self {
            case .explicit: "explicit entry"
            case .pattern(let p): "pattern \"\(p)\""
            case .default: "default"
            }
        }
    }

    public var explicit: [String: Profile]
    public var patterns: [Pattern]
    public var fallback: Profile

    public init(explicit: [String: Profile], patterns: [Pattern], fallback: Profile) {
        self.explicit = explicit
        self.patterns = patterns
        self.fallback = fallback
    }

    public func classify(_ tool: String) -> (profile: Profile, source: Source) {
        if let profile = explicit[tool] { return (profile, .explicit) }
        // Only a name with capitals can differ from its lower-case form: no allocation
        // for the usual snake_case names.
        if tool.utf8.contains(where: { $0 >= 65 && $0 <= 90 }), let profile = explicit[tool.lowercased()] { return (profile, .explicit) }
        for pattern in patterns where pattern.glob.matches(tool) {
            return (pattern.profile, .pattern(pattern.glob.pattern))
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
