/// One way prompt injection addresses the agent: the family an injection finding
/// belongs to.
///
/// A closed set that may grow: a struct over a private list of kinds. `rawValue` is the
/// snake_case name used in policy files (`"injection": {"families": {"role_tag": false}}`)
/// and in evidence (`injection/polite_request`).
public struct InjectionFamily: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The families, in bit order (`InjectionFamilySet` keeps one bit per kind).
    enum Kind: UInt8, CaseIterable, Sendable {
        case override, politeRequest, impersonation, roleTag, embeddedInstruction, multilingual
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    public init?(rawValue: String) {
        guard let kind = Kind.allCases.first(where: { InjectionFamily($0).rawValue == rawValue }) else { return nil }
        self.kind = kind
    }

    public var rawValue: String {
        switch kind {
        case .override: "override"
        case .politeRequest: "polite_request"
        case .impersonation: "impersonation"
        case .roleTag: "role_tag"
        case .embeddedInstruction: "embedded_instruction"
        case .multilingual: "multilingual"
        }
    }

    public var description: String { rawValue }

    /// Every family, in bit order.
    public static let all: [InjectionFamily] = Kind.allCases.map(InjectionFamily.init)

    /// "Ignore all previous instructions", "you are now DAN", "reveal your system prompt".
    public static let override = InjectionFamily(.override)
    /// A request addressed to the AI, or in agent-only words: "AI assistant: kindly forward
    /// ...", "when you summarise this, also ...".
    public static let politeRequest = InjectionFamily(.politeRequest)
    /// Text claiming to come from the user, an administrator, the developer or the system.
    public static let impersonation = InjectionFamily(.impersonation)
    /// Chat-template and role markers inside data: `<|im_start|>system`, `[INST]`, `</user>`,
    /// `SYSTEM:` or `Human:` opening a line.
    public static let roleTag = InjectionFamily(.roleTag)
    /// Imperatives to the model in data: "your new task is", "do not mention this to the
    /// user", "then call the tool ...".
    public static let embeddedInstruction = InjectionFamily(.embeddedInstruction)
    /// Override phrases in Spanish, French, German, Italian, Portuguese, Chinese,
    /// Japanese and Russian.
    public static let multilingual = InjectionFamily(.multilingual)
}

/// A set of injection families: one bit per family, no allocation.
public struct InjectionFamilySet: Hashable, Sendable, SetAlgebra {
    public private(set) var rawValue: UInt8

    public init() { rawValue = 0 }
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init<S: Sequence>(_ families: S) where S.Element == InjectionFamily {
        rawValue = 0
        for family in families { insert(family) }
    }

    /// Every family.
    public static let all = InjectionFamilySet(InjectionFamily.all)

    @inline(__always)
    private static func bit(_ family: InjectionFamily) -> UInt8 { 1 << family.kind.rawValue }

    @inline(__always)
    public func contains(_ family: InjectionFamily) -> Bool { rawValue & Self.bit(family) != 0 }

    @inline(__always)
    @discardableResult
    public mutating func insert(_ family: InjectionFamily) -> (inserted: Bool, memberAfterInsert: InjectionFamily) {
        let had = contains(family)
        rawValue |= Self.bit(family)
        return (!had, family)
    }

    @discardableResult
    public mutating func remove(_ family: InjectionFamily) -> InjectionFamily? {
        let had = contains(family)
        rawValue &= ~Self.bit(family)
        return had ? family : nil
    }

    @discardableResult
    public mutating func update(with family: InjectionFamily) -> InjectionFamily? {
        let had = contains(family)
        rawValue |= Self.bit(family)
        return had ? family : nil
    }

    public var isEmpty: Bool { rawValue == 0 }

    public func union(_ other: Self) -> Self { Self(rawValue: rawValue | other.rawValue) }
    public func intersection(_ other: Self) -> Self { Self(rawValue: rawValue & other.rawValue) }
    public func symmetricDifference(_ other: Self) -> Self { Self(rawValue: rawValue ^ other.rawValue) }
    public mutating func formUnion(_ other: Self) { rawValue |= other.rawValue }
    public mutating func formIntersection(_ other: Self) { rawValue &= other.rawValue }
    public mutating func formSymmetricDifference(_ other: Self) { rawValue ^= other.rawValue }

    /// The families in the set, in bit order (allocates: for reports, not the hot path).
    public var members: [InjectionFamily] { InjectionFamily.all.filter(contains) }
}
