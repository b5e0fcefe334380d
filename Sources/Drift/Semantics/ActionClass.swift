/// What a step does to the world, as its tool's name, declaration or command line says:
/// the verb classes of method.md section 8.
///
/// Ordered by gravity, so that a name with two verbs (`get_or_create`, `read_and_send`)
/// takes the graver one.
public enum ActionClass: Int, CaseIterable, Comparable, Hashable, Sendable, CustomStringConvertible {
    case read, write, execute, communicate, actuate, grantAccess, destroy, transferValue

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name policies, evidence and declarations use.
    public var name: String {
        switch self {
        case .read: "read"
        case .write: "write"
        case .execute: "execute"
        case .communicate: "communicate"
        case .actuate: "actuate"
        case .grantAccess: "grant"
        case .destroy: "destroy"
        case .transferValue: "transfer"
        }
    }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = found
    }

    public var description: String { name }

    /// The paper's tool class this action raises T to.
    public var escalation: ToolEscalation {
        switch self {
        case .read: .readOnly
        // Moving money changes state elsewhere but sends no data: the exfiltration rules
        // (which read T = NETWORK) are not about it; impact and target are.
        case .write, .destroy, .actuate, .transferValue: .fileWrite
        case .execute: .codeExec
        case .communicate, .grantAccess: .network
        }
    }

    /// How undoable the action is by default; nil for reads, which leave R alone.
    public var reversibility: Reversibility? {
        switch self {
        case .read: nil
        case .write, .execute, .actuate, .grantAccess: .partially
        case .destroy, .communicate, .transferValue: .irreversible
        }
    }

    /// The impact the action has by itself: destroying, moving money, granting access
    /// and actuating are consequential whatever data is involved; what code execution
    /// does is the command analyzer's to say.
    public var impact: Impact {
        switch self {
        case .read, .write, .execute, .communicate: .none
        case .actuate, .grantAccess, .destroy, .transferValue: .consequential
        }
    }

    /// Whether the action is aimed at something outside the agent (a recipient, an
    /// account, a path, a device) whose provenance is worth checking.
    public var isDirected: Bool {
        switch self {
        case .read, .write: false
        case .execute, .communicate, .actuate, .grantAccess, .destroy, .transferValue: true
        }
    }
}

/// The kinds of thing a tool name speaks of (its object words): they refine the verb's
/// class and say what data a read exposes.
public struct ToolObjects: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Inbound channels whose content comes from outside: mail, chat, the web, public
    /// comments and issues. Reading them makes the state UNTRUSTED.
    public static let mail = ToolObjects(rawValue: 1 << 0)
    public static let message = ToolObjects(rawValue: 1 << 1)
    public static let web = ToolObjects(rawValue: 1 << 2)
    public static let social = ToolObjects(rawValue: 1 << 3)
    public static let file = ToolObjects(rawValue: 1 << 4)
    /// Money that moves: payments, transfers, funds, crypto.
    public static let money = ToolObjects(rawValue: 1 << 5)
    /// Financial records: balances, statements, transactions, invoices.
    public static let finance = ToolObjects(rawValue: 1 << 6)
    /// Purchases: orders, bookings, subscriptions.
    public static let purchase = ToolObjects(rawValue: 1 << 7)
    /// Who may do what: permissions, roles, members, collaborators, access.
    public static let access = ToolObjects(rawValue: 1 << 8)
    public static let credentials = ToolObjects(rawValue: 1 << 9)
    /// People's data: customers, patients, contacts, employees, profiles.
    public static let personal = ToolObjects(rawValue: 1 << 10)
    public static let health = ToolObjects(rawValue: 1 << 11)
    public static let device = ToolObjects(rawValue: 1 << 12)
    public static let calendar = ToolObjects(rawValue: 1 << 13)
    public static let database = ToolObjects(rawValue: 1 << 14)
    public static let code = ToolObjects(rawValue: 1 << 15)
    /// A shell, an interpreter, a terminal, a command: what an exec tool runs in.
    public static let shell = ToolObjects(rawValue: 1 << 16)
    /// Infrastructure: servers, instances, containers, services, clusters.
    public static let infrastructure = ToolObjects(rawValue: 1 << 17)

    /// Channels whose content an attacker can write into.
    public static let untrustedChannels: ToolObjects = [.mail, .message, .web, .social]

    static let names: [(ToolObjects, String)] = [
        (.mail, "mail"), (.message, "message"), (.web, "web"), (.social, "social"), (.file, "file"), (.money, "money"),
        (.finance, "finance"), (.purchase, "purchase"), (.access, "access"), (.credentials, "credentials"),
        (.personal, "personal"), (.health, "health"), (.device, "device"), (.calendar, "calendar"),
        (.database, "database"), (.code, "code"), (.shell, "shell"), (.infrastructure, "infrastructure"),
    ]

    /// The object names, comma-separated, for evidence.
    public var names: String {
        Self.names.filter { contains($0.0) }.map(\.1).joined(separator: ",")
    }
}
