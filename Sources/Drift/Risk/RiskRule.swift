/// One rule of the policy's ordered list: when every condition holds, the state has
/// this level. The first matching rule wins.
public struct RiskRule: Hashable, Sendable {
    public var name: String
    public var conditions: [Condition]
    public var level: RiskLevel

    public init(name: String, conditions: [Condition], level: RiskLevel) {
        self.name = name
        self.conditions = conditions
        self.level = level
    }

    public func matches(_ state: RiskState) -> Bool {
        conditions.allSatisfy { $0.holds(for: state) }
    }

    /// A comparison of one dimension against a level: `data_exposure >= SENSITIVE`.
    public struct Condition: Hashable, Sendable, CustomStringConvertible {
        public enum Dimension: String, CaseIterable, Sendable {
            case exposure = "data_exposure"
            case escalation = "tool_escalation"
            case reversibility = "reversibility"
            case taint = "taint"
            case impact = "impact"
            case target = "target"

            /// Level names in order, for parsing and messages.
            var levelNames: [String] {
                switch self {
                case .exposure: DataExposure.names
                case .escalation: ToolEscalation.names
                case .reversibility: Reversibility.names
                case .taint: Taint.names
                case .impact: Impact.names
                case .target: TargetProvenance.names
                }
            }

            func ordinal(in state: RiskState) -> Int {
                switch self {
                case .exposure: state.exposure.rawValue
                case .escalation: state.escalation.rawValue
                case .reversibility: state.reversibility.rawValue
                case .taint: state.taint.rawValue
                case .impact: state.impact.rawValue
                case .target: state.target.rawValue
                }
            }

            func ordinal(of name: String) -> Int? {
                switch self {
                case .exposure: DataExposure(name: name)?.rawValue
                case .escalation: ToolEscalation(name: name)?.rawValue
                case .reversibility: Reversibility(name: name)?.rawValue
                case .taint: Taint(name: name)?.rawValue
                case .impact: Impact(name: name)?.rawValue
                case .target: TargetProvenance(name: name)?.rawValue
                }
            }
        }

        public enum Comparison: String, CaseIterable, Sendable {
            case atLeast = ">="
            case atMost = "<="
            case equal = "="
        }

        public var dimension: Dimension
        public var comparison: Comparison
        /// The level's position in its dimension's order.
        public var ordinal: Int

        public init(_ dimension: Dimension, _ comparison: Comparison, _ ordinal: Int) {
            self.dimension = dimension
            self.comparison = comparison
            self.ordinal = ordinal
        }

        public func holds(for state: RiskState) -> Bool {
            let value = dimension.ordinal(in: state)
            switch comparison {
            case .atLeast: return value >= ordinal
            case .atMost: return value <= ordinal
            case .equal: return value == ordinal
            }
        }

        /// Parses one or more comma-separated comparisons on one dimension, all of which
        /// must hold: `">= NEW, <= UNTRUSTED"`.
        public static func parseAll(_ text: String, dimension: Dimension) -> Result<[Condition], ConditionSyntaxError> {
            var conditions: [Condition] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                switch parse(String(part), dimension: dimension) {
                case .success(let condition): conditions.append(condition)
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success(conditions)
        }

        /// Parses the policy file's spelling: `">= SENSITIVE"`, `"= NETWORK"`, or a bare
        /// level name meaning equality. Returns a reason on failure.
        public static func parse(_ text: String, dimension: Dimension) -> Result<Condition, ConditionSyntaxError> {
            var rest = Substring(text.trimmingWhitespace())
            var comparison = Comparison.equal
            for candidate in [Comparison.atLeast, .atMost, .equal] where rest.hasPrefix(candidate.rawValue) {
                comparison = candidate
                rest = rest.dropFirst(candidate.rawValue.count)
                break
            }
            let name = String(rest).trimmingWhitespace()
            guard let ordinal = dimension.ordinal(of: name) else {
                return .failure(
                    ConditionSyntaxError(
                        message: "unknown level \"\(name)\" for \(dimension.rawValue) (one of \(dimension.levelNames.joined(separator: ", ")))"))
            }
            return .success(Condition(dimension, comparison, ordinal))
        }

        public var description: String {
            "\(dimension.rawValue) \(comparison.rawValue) \(dimension.levelNames[ordinal])"
        }
    }

    public struct ConditionSyntaxError: Error, Hashable, Sendable {
        public var message: String
    }
}

/// The ordered rule list, with the level of every one of the 2,700 states precomputed,
/// so that classifying a state is one array read.
public struct RiskRules: Hashable, Sendable {
    public let rules: [RiskRule]
    /// For each `RiskState.index`: the level, and the index of the rule that decided it
    /// (`rules.count` when no rule matched and the level defaulted to SAFE).
    private let levels: [RiskLevel]
    private let deciding: [Int]

    public init(_ rules: [RiskRule]) {
        self.rules = rules
        var levels = [RiskLevel](repeating: .safe, count: RiskState.count)
        var deciding = [Int](repeating: rules.count, count: RiskState.count)
        for state in RiskState.all {
            if let index = rules.firstIndex(where: { $0.matches(state) }) {
                levels[state.index] = rules[index].level
                deciding[state.index] = index
            }
        }
        self.levels = levels
        self.deciding = deciding
    }

    public func level(of state: RiskState) -> RiskLevel {
        levels[state.index]
    }

    /// The rule that decided the state's level, or nil when none matched (SAFE).
    public func decidingRule(for state: RiskState) -> RiskRule? {
        let index = deciding[state.index]
        return index < rules.count ? rules[index] : nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
