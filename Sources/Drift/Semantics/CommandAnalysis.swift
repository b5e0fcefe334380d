/// What one exec-class step does: its effects and the programs, hosts, recipients and
/// paths they act on.
///
/// Every list is capped at `maximumListCount` entries (first come, duplicates dropped,
/// except `programs`, which keeps repeats in run order) and every entry at
/// `maximumEntryBytes` UTF-8 bytes; `finding` is at most `maximumFindingBytes`. Hosts and
/// recipients are lower-cased; paths are as written, after shell unquoting.
public struct CommandAnalysis: Hashable, Sendable {
    public var effects: CommandEffects
    /// The programs run, in order, with wrappers (`sudo`, `env`, `nohup`, `time`, `xargs`,
    /// `sh -c`, ...) stripped and directories dropped (`/usr/bin/rm` is `rm`).
    public var programs: [String]
    /// Egress destinations: host names or IP addresses, lower-cased.
    public var hosts: [String]
    /// E-mail addresses the step sends to.
    public var recipients: [String]
    /// Paths the step destroys or writes.
    public var paths: [String]
    /// The decisive fragment, for evidence: the part of the input behind the strongest effect.
    public var finding: String?

    public static let maximumListCount = 16
    public static let maximumEntryBytes = 256
    public static let maximumFindingBytes = 80

    public init(effects: CommandEffects = [], programs: [String] = [], hosts: [String] = [],
                recipients: [String] = [], paths: [String] = [], finding: String? = nil) {
        self.effects = effects
        self.programs = programs
        self.hosts = hosts
        self.recipients = recipients
        self.paths = paths
        self.finding = finding
    }

    /// No effects, no targets: what an empty or unparseable input yields.
    public static let empty = CommandAnalysis()
}
