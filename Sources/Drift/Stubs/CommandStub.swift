// STUB: replaced by the cmd branch at merge.
public struct CommandEffects: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let read = CommandEffects(rawValue: 1), write = CommandEffects(rawValue: 2), destroy = CommandEffects(rawValue: 4)
    public static let destroyBroad = CommandEffects(rawValue: 8), egress = CommandEffects(rawValue: 16), privilege = CommandEffects(rawValue: 32)
    public static let downloadAndRun = CommandEffects(rawValue: 64), processKill = CommandEffects(rawValue: 128)
    public static let persistence = CommandEffects(rawValue: 256), disableProtection = CommandEffects(rawValue: 512)
}
public struct CommandAnalysis: Hashable, Sendable {
    public var effects: CommandEffects = []
    public var programs: [String] = []
    public var hosts: [String] = []
    public var recipients: [String] = []
    public var paths: [String] = []
    public var finding: String?
    public static let empty = CommandAnalysis()
}
public enum CommandLineAnalyzer {
    public static func analyze(_ command: String) -> CommandAnalysis {
        var a = CommandAnalysis()
        if command.contains("rm -rf /") { a.effects = [.destroy, .destroyBroad]; a.finding = "rm -rf /" }
        else if command.hasPrefix("rm ") { a.effects = [.destroy] }
        if command.contains("curl"), command.contains("| sh") { a.effects.insert(.downloadAndRun) }
        return a
    }
}
public enum SQLStatementAnalyzer {
    public static func analyze(_ sql: String) -> CommandAnalysis {
        var a = CommandAnalysis()
        if sql.uppercased().contains("DROP ") { a.effects = [.destroy, .destroyBroad] } else { a.effects = [.read] }
        return a
    }
}
public enum CodeSnippetAnalyzer {
    public static func analyze(_ code: String) -> CommandAnalysis { .empty }
}
