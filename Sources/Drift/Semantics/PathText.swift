/// What a path names, judged from its text alone: the whole system or a home, a disk,
/// a file that makes code run again, one that grants rights, an audit trail.
///
/// No file system access: `~`, `$HOME` and `${HOME}` stand for the home directory, and a
/// relative path is judged against `cwd` only when an earlier `cd` in the same input set it.
struct PathKind: OptionSet {
    let rawValue: UInt16

    /// The root, a home directory, or a top-level system folder (`/`, `/*`, `~`, `/etc`, `/usr/lib`).
    static let broad = PathKind(rawValue: 1 << 0)
    /// Anywhere under a system folder (`/etc/hosts`, `/usr/bin/x`, `/boot/...`); not `/tmp` or `/var/tmp`.
    static let system = PathKind(rawValue: 1 << 1)
    /// A block device (`/dev/sda`, `/dev/nvme0n1`, `/dev/mapper/x`).
    static let disk = PathKind(rawValue: 1 << 2)
    /// A file that runs code at login, boot or on a schedule (`~/.bashrc`, `/etc/cron.d/x`,
    /// systemd units, `authorized_keys`, `/etc/ld.so.preload`).
    static let persistence = PathKind(rawValue: 1 << 3)
    /// A file that says who may do what (`/etc/sudoers`, `/etc/passwd`, `authorized_keys`, PAM).
    static let grantsAccess = PathKind(rawValue: 1 << 4)
    /// Logs and shell histories (`/var/log/...`, `~/.bash_history`).
    static let auditTrail = PathKind(rawValue: 1 << 5)
    /// A setting that turns a safeguard off when written (`/etc/selinux/config`, `/proc/sys/kernel/...`).
    static let safeguard = PathKind(rawValue: 1 << 6)
    /// `/dev/null`, `/dev/stdout`, `/dev/stderr`, `/dev/tty` or `/dev/fd/N`: nothing is kept.
    static let discard = PathKind(rawValue: 1 << 7)
}

enum PathText {
    /// Top-level folders whose loss breaks the machine or its users' data.
    private static let systemFolders: Set<String> = [
        "etc", "usr", "var", "boot", "home", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "opt", "root",
        "srv", "dev", "sys", "proc", "mnt", "media", "snap", "Users", "System", "Library", "Applications",
    ]
    /// Second-level folders just as broad (`/usr/lib`, `/var/lib`).
    private static let broadSubfolders: Set<String> = [
        "usr/bin", "usr/sbin", "usr/lib", "usr/lib64", "usr/local", "usr/share", "usr/include", "var/lib",
        "var/log", "var/www", "var/mail", "var/spool", "etc/ssh", "etc/systemd",
    ]
    private static let shellStartupFiles: Set<String> = [
        ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zprofile", ".zshenv",
        ".zlogin", ".cshrc", ".tcshrc", ".kshrc", ".xinitrc", ".xprofile", "authorized_keys", "authorized_keys2",
    ]
    private static let histories: Set<String> = [
        ".bash_history", ".zsh_history", ".history", ".sh_history", ".python_history", ".mysql_history",
        ".psql_history", ".node_repl_history", ".lesshst", ".viminfo",
    ]

    /// What `path` names; `cwd` is the directory an earlier `cd` moved to, if known.
    static func kind(of path: String, cwd: String? = nil) -> PathKind {
        var text = normalized(path)
        if text.isEmpty { return [] }
        if !text.hasPrefix("/") && !text.hasPrefix("~") {
            // `.`, `*`, `./*` and `..` stand for the directory itself.
            guard let cwd, text == "." || text == "*" || text == ".." || text == ".*" else {
                return histories.contains(lastComponent(text)) ? .auditTrail : []
            }
            text = normalized(cwd)
        }
        var kind: PathKind = []
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        if text == "/" || text == "~" || parts.isEmpty { return [.broad, .system] }
        let first = String(parts[0])
        let base = String(parts[parts.count - 1])

        if first == "~" {
            if parts.count == 1 { kind.insert(.broad) }
        } else if first == "dev" {
            if parts.count >= 2 { kind.formUnion(deviceKind(parts)) }
            return kind
        } else if systemFolders.contains(first) {
            kind.insert(.system)
            if parts.count == 1 { kind.insert(.broad) }
            if parts.count == 2 {
                let two = "\(first)/\(parts[1])"
                // A whole user's home (`/home/alice`, `/Users/bob`) is as broad as `~`.
                if broadSubfolders.contains(two) || first == "home" || first == "Users" || first == "root" { kind.insert(.broad) }
            }
            if first == "home" || first == "Users" || first == "root" { kind.remove(.system) }
        } else if first == "tmp" {
            return histories.contains(base) ? .auditTrail : []
        }

        if shellStartupFiles.contains(base) || TextSearch.contains(text, "/.config/autostart/") || TextSearch.contains(text, "/.config/systemd/")
            || TextSearch.contains(text, "/LaunchAgents/") || TextSearch.contains(text, "/LaunchDaemons/") {
            kind.insert(.persistence)
        }
        if base.hasPrefix("authorized_keys") { kind.formUnion([.persistence, .grantsAccess]) }
        if histories.contains(base) { kind.insert(.auditTrail) }
        if first == "etc", parts.count >= 2 {
            let second = String(parts[1])
            if second.hasPrefix("cron") || second == "anacrontab" || second == "systemd" || second == "init.d" || second == "init"
                || second.hasPrefix("rc") || second == "profile" || second == "profile.d" || second == "bash.bashrc"
                || second == "ld.so.preload" || second == "xdg" || second == "environment" || second == "update-motd.d" {
                kind.insert(.persistence)
            }
            if second.hasPrefix("sudoers") || second == "passwd" || second == "shadow" || second == "group" || second == "gshadow"
                || second == "pam.d" || second == "security" || second == "doas.conf" || (second == "ssh" && base.hasPrefix("sshd_config")) {
                kind.insert(.grantsAccess)
            }
            if second == "selinux" || second == "apparmor" || second == "apparmor.d" || second == "audit" || second == "ufw" {
                kind.insert(.safeguard)
            }
        }
        if first == "var", parts.count >= 2 {
            if parts[1] == "log" { kind.insert(.auditTrail) }
            if parts[1] == "spool", parts.count >= 3, parts[2] == "cron" { kind.insert(.persistence) }
            if parts[1] == "tmp" { kind.remove(.system) }
        }
        if (first == "lib" || first == "usr") && TextSearch.contains(text, "/systemd/system") { kind.insert(.persistence) }
        if first == "proc" && text.hasPrefix("/proc/sys/kernel/") { kind.insert(.safeguard) }
        return kind
    }

    private static func deviceKind(_ parts: [Substring]) -> PathKind {
        let name = parts[1]
        if ["null", "stdout", "stderr", "stdin", "tty", "fd", "zero", "random", "urandom", "ptmx", "pts", "shm"].contains(name) {
            return name == "shm" ? [] : .discard
        }
        for prefix in ["sd", "hd", "vd", "xvd", "nvme", "mmcblk", "disk", "md", "dm-", "mapper", "loop", "sr", "rdisk", "root", "mtdblock"]
        where name.hasPrefix(prefix) {
            return .disk
        }
        return []
    }

    /// `path` with `$HOME`/`${HOME}` as `~`, repeated and trailing `/`, `/.` and `/*` dropped.
    static func normalized(_ path: String) -> String {
        var text = path
        if text.hasPrefix("$HOME") { text = "~" + text.dropFirst(5) } else if text.hasPrefix("${HOME}") { text = "~" + text.dropFirst(7) }
        if text.hasPrefix("~/") || text == "~" {
            // fine as is
        } else if text.hasPrefix("~") {
            // `~alice` is another user's home.
            let rest = text.dropFirst()
            if let slash = rest.firstIndex(of: "/") { text = "/home/" + rest[..<slash] + rest[slash...] } else { text = "/home/" + rest }
        }
        guard text.utf8.contains(0x2F) || text.hasSuffix("*") else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            if b == 0x2F && out.last == 0x2F { continue }
            out.append(b)
        }
        // Drop trailing `/`, `/.`, `/*`, `/.*` until none is left.
        while out.count > 1 {
            if out.last == 0x2F { out.removeLast(); continue }
            if out.count >= 2, out[out.count - 2] == 0x2F, out.last == 0x2A || out.last == 0x2E { out.removeLast(2); if out.isEmpty { out = [0x2F] }; continue }
            if out.count >= 3, out[out.count - 3] == 0x2F, out[out.count - 2] == 0x2E, out.last == 0x2A { out.removeLast(3); if out.isEmpty { out = [0x2F] }; continue }
            break
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text after the last `/` (the whole text when there is none).
    static func lastComponent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }
}
