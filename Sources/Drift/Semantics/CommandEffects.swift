/// What an exec-class step does to the machine it runs on, as a set.
///
/// Produced by `CommandLineAnalyzer`, `SQLStatementAnalyzer` and `CodeSnippetAnalyzer`.
/// `destroyBroad` always comes with `destroy`. `read` is reported only when nothing
/// stronger is: a command that reads and deletes is `destroy`, not `[read, destroy]`.
public struct CommandEffects: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Looks at files, processes or data without changing them (`cat`, `ls`, `SELECT`).
    public static let read = CommandEffects(rawValue: 1 << 0)
    /// Creates or changes files or rows in a recoverable way (`cp`, `> file`, `INSERT`).
    public static let write = CommandEffects(rawValue: 1 << 1)
    /// Deletes or overwrites data (`rm`, `dd of=`, `git reset --hard`, `DELETE ... WHERE`).
    public static let destroy = CommandEffects(rawValue: 1 << 2)
    /// Deletes a whole system, home, disk or table (`rm -rf /`, `mkfs /dev/sda`, `DROP TABLE`).
    public static let destroyBroad = CommandEffects(rawValue: 1 << 3)
    /// Sends data to, or opens a connection with, another host (`curl`, `scp`, `mail`).
    public static let egress = CommandEffects(rawValue: 1 << 4)
    /// Acts as, or grants rights to, another user (`sudo`, `chmod 777`, `useradd`, `GRANT`).
    public static let privilege = CommandEffects(rawValue: 1 << 5)
    /// Runs code fetched from the network (`curl ... | sh`, `bash <(curl ...)`).
    public static let downloadAndRun = CommandEffects(rawValue: 1 << 6)
    /// Stops processes, services or the machine (`kill -9`, `systemctl stop`, `reboot`).
    public static let processKill = CommandEffects(rawValue: 1 << 7)
    /// Makes something run again later (`crontab`, `systemctl enable`, `>> ~/.bashrc`).
    public static let persistence = CommandEffects(rawValue: 1 << 8)
    /// Turns off a firewall, audit trail or other safeguard (`setenforce 0`, `history -c`).
    public static let disableProtection = CommandEffects(rawValue: 1 << 9)

    /// Every effect that is more than a read.
    public static let changes: CommandEffects = [.write, .destroy, .destroyBroad, .egress, .privilege,
                                                 .downloadAndRun, .processKill, .persistence, .disableProtection]
}

extension CommandEffects: CustomStringConvertible {
    /// Names joined with `+` in declaration order (`destroy+destroyBroad`), or `none`.
    public var description: String {
        let names: [(CommandEffects, String)] = [
            (.read, "read"), (.write, "write"), (.destroy, "destroy"), (.destroyBroad, "destroyBroad"),
            (.egress, "egress"), (.privilege, "privilege"), (.downloadAndRun, "downloadAndRun"),
            (.processKill, "processKill"), (.persistence, "persistence"), (.disableProtection, "disableProtection"),
        ]
        let present = names.filter { contains($0.0) }.map(\.1)
        return present.isEmpty ? "none" : present.joined(separator: "+")
    }
}
