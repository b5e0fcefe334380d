/// The coarse risk of a trajectory, in order. VIOLATED is absorbing.
///
/// A plain enum on purpose: code that switches over the levels should be told by the
/// compiler when a level is added.
public enum RiskLevel: Int, CaseIterable, Comparable, Sendable, Hashable, CustomStringConvertible {
    case safe, mild, elevated, critical, violated

    public var name: String {
        switch self {
        case .safe: "SAFE"
        case .mild: "MILD"
        case .elevated: "ELEVATED"
        case .critical: "CRITICAL"
        case .violated: "VIOLATED"
        }
    }

    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.name == name.uppercased() }) else { return nil }
        self = level
    }

    public var description: String { name }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
