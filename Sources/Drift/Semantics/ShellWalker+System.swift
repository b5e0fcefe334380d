/// Processes, services, schedules, users, firewalls and audit: the programs that run
/// the machine rather than its files.
extension ShellWalker {
    /// Services whose stopping turns a safeguard off (matched as a part of the unit name).
    private static let safeguardServices = [
        "firewall", "ufw", "iptables", "nftables", "auditd", "apparmor", "selinux", "fail2ban", "clamav", "clamd",
        "falco", "osquery", "wazuh", "ossec", "rsyslog", "syslog", "journald", "aide", "tripwire", "sshguard",
        "crowdsec", "falcon", "defender", "sophos", "mdatp", "sysmon", "auditbeat", "filebeat", "snort", "suricata",
    ]

    static func isSafeguard(_ unit: String) -> Bool {
        let lower = unit.lowercased()
        return safeguardServices.contains { TextSearch.contains(lower, $0) }
    }

    mutating func system(_ kind: ProgramKind, _ name: String, args: ArraySlice<ShellToken>, input: Input, fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        let operands = args.filter { !$0.isOption }.map(\.text)
        switch kind {
        case .kill:
            var targets: [String] = []
            var listing = false
            var signalZero = false
            var parsed = ProgramArguments(args, shortValues: "sn", longValues: ["signal"])
            while let argument = parsed.next() {
                if let operand = argument.operand { targets.append(operand.text); continue }
                if argument.letter == 0x6C || argument.letter == 0x4C || argument.name == "list" || argument.name == "table" { listing = true }
                if (argument.letter == 0x73 || argument.letter == 0x6E) && argument.value == "0" { signalZero = true }
                if argument.letter == 0x30 && argument.value == nil { signalZero = true }
            }
            // `kill -1` is ambiguous: a signal number, unless it is the last word (then pid -1).
            if let last = args.last, last.text == "-1", targets.isEmpty { targets = ["-1"] }
            if listing || signalZero { out.add(.read); return }
            let processes = targets.filter { !$0.hasPrefix("%") }
            guard !processes.isEmpty else { return }  // `kill %1`: a job of this shell
            if processes.contains(where: { $0 == "1" || $0 == "-1" }) {
                out.add(.destroyBroad, fragment())
            } else {
                out.add(.processKill, fragment())
            }
        case .killByName:
            if name == "fuser" && !args.contains(where: { ProgramArguments.cluster($0, has: 0x6B) }) { out.add(.read); return }
            out.add(name == "killall5" ? .destroyBroad : .processKill, fragment())
            if operands.contains(where: Self.isSafeguard) { out.add(.disableProtection, fragment()) }
        case .systemctl, .service:
            let verb: String
            let units: [String]
            if kind == .systemctl {
                verb = operands.first ?? ""
                units = Array(operands.dropFirst())
            } else {
                verb = operands.count >= 2 ? operands[1] : ""
                units = operands.first.map { [$0] } ?? []
            }
            let safeguard = units.contains(where: Self.isSafeguard)
            switch verb {
            case "stop", "kill", "disable", "mask", "freeze":
                out.add(safeguard ? [.processKill, .disableProtection] : .processKill, fragment())
                if verb == "disable" || verb == "mask" { for unit in units.prefix(8) { out.path(unit) } }
            case "enable", "link", "add-wants", "add-requires", "preset", "reenable":
                out.add(.persistence, fragment())
            case "poweroff", "reboot", "halt", "kexec", "suspend", "hibernate", "rescue", "emergency", "isolate", "default":
                out.add(.processKill, fragment())
            case "start", "restart", "reload", "try-restart", "reload-or-restart", "daemon-reload", "edit", "set-property", "set-default", "revert", "unmask", "condrestart", "force-reload":
                out.add(.write, fragment())
            default:
                out.add(.read)
            }
        case .shutdown:
            if args.contains(where: { $0.text == "-c" || $0.text == "--help" }) { out.add(.read); return }
            out.add(.processKill, fragment())
        case .initLevel:
            if let level = operands.first, ["0", "1", "6", "s", "S", "single", "halt"].contains(level) { out.add(.processKill, fragment()) }
            else { out.add(.read) }
        case .crontab:
            if args.contains(where: { $0.text == "-l" }) { out.add(.read); return }
            if args.contains(where: { ProgramArguments.cluster($0, has: 0x72) }) { out.add(.destroy, fragment()); return }
            out.add(.persistence, fragment())
        case .at:
            if args.contains(where: { $0.text == "-l" || $0.text == "-c" }) { out.add(.read); return }
            if args.contains(where: { $0.text == "-r" || $0.text == "-d" }) { out.add(.processKill, fragment()); return }
            out.add(.persistence, fragment())
            // The job is read from standard input.
            if let job = input.literal ?? input.piped?.literal { _ = ShellWalker.analyze(job, depth: depth + 1, into: &out) }
        case .rcLinks, .launchctl:
            let verbs = Set(operands.map { $0.lowercased() })
            let safeguard = operands.contains(where: Self.isSafeguard)
            if !verbs.isDisjoint(with: ["disable", "remove", "off", "del", "delete", "unload", "bootout", "stop"]) {
                out.add(safeguard ? [.processKill, .disableProtection] : .processKill, fragment())
            } else if name == "systemd-run" || !verbs.isDisjoint(with: ["enable", "defaults", "on", "add", "load", "bootstrap", "submit"]) {
                out.add(.persistence, fragment())
            } else {
                out.add(.read)
            }
        case .setenforce:
            if let mode = operands.first, mode == "0" || mode.lowercased() == "permissive" { out.add(.disableProtection, fragment()) }
            else { out.add(.write, fragment()) }
        case .ufw:
            let verb = operands.first ?? ""
            switch verb {
            case "disable", "reset": out.add(.disableProtection, fragment())
            case "status", "show", "app", "version": out.add(.read)
            case "default" where operands.contains("allow"): out.add(.disableProtection, fragment())
            default: out.add(.write, fragment())
            }
        case .iptables:
            var flush = false
            var listing = false
            var openPolicy = false
            for (index, word) in args.enumerated() {
                let text = word.text
                if text == "-F" || text == "--flush" || text == "-X" || text == "--delete-chain" || text == "--panic-off" { flush = true }
                if text == "-L" || text == "--list" || text == "-S" || text == "--list-rules" || text == "--list-all" || text == "--state" { listing = true }
                if text == "-P" || text == "--policy", index + 2 < args.count, args[args.startIndex + index + 2].text == "ACCEPT" { openPolicy = true }
                if name == "firewall-cmd" && (text == "--panic-off" || text.hasPrefix("--set-default-zone=trusted")) { flush = true }
            }
            if flush || openPolicy { out.add(.disableProtection, fragment()) }
            else if listing { out.add(.read) }
            else { out.add(.write, fragment()) }
        case .nft:
            if operands.first == "flush" || (operands.first == "delete" && operands.dropFirst().first == "table") { out.add(.disableProtection, fragment()) }
            else if operands.first == "list" { out.add(.read) }
            else { out.add(.write, fragment()) }
        case .auditctl:
            if args.contains(where: { $0.text == "-D" }) {
                out.add(.disableProtection, fragment())
            } else if let e = args.firstIndex(where: { $0.text == "-e" }), e + 1 < args.endIndex, args[e + 1].text == "0" {
                out.add(.disableProtection, fragment())
            } else if args.contains(where: { $0.text == "-l" || $0.text == "-s" }) {
                out.add(.read)
            } else {
                out.add(.write, fragment())
            }
        case .apparmor:
            out.add(name == "apparmor_parser" && !args.contains(where: { $0.text == "-R" || $0.text == "--remove" }) ? .write : .disableProtection, fragment())
        case .sysctl:
            let settings = args.filter { $0.text.contains("=") }.map(\.text)
            if settings.contains(where: { $0.hasPrefix("kernel.randomize_va_space=0") || $0.hasPrefix("kernel.yama.ptrace_scope=0")
                || $0.hasPrefix("kernel.kptr_restrict=0") || $0.hasPrefix("kernel.dmesg_restrict=0") || $0.hasPrefix("kernel.modules_disabled=0") }) {
                out.add(.disableProtection, fragment())
            } else if !settings.isEmpty || args.contains(where: { $0.text == "-w" || $0.text == "-p" }) {
                out.add(.write, fragment())
            } else {
                out.add(.read)
            }
        case .userAdmin:
            if name == "passwd", args.contains(where: { $0.text == "-S" || $0.text == "--status" }) { out.add(.read); return }
            out.add(.privilege, fragment())
        case .userDelete:
            out.add([.privilege, .destroy], fragment())
        case .kernelModule:
            out.add(.privilege, fragment())
        case .mount:
            out.add(operands.isEmpty && name == "mount" ? .read : .write, fragment())
        default:
            out.add(.read)
        }
    }

    /// `cat`, `echo`, `cd`, `find`, `history`, `unset`, `set`, `export`: reading, and the
    /// shell built-ins that change what later commands see or record.
    mutating func shellBasics(_ kind: ProgramKind, _ name: String, args: ArraySlice<ShellToken>, fragment: @autoclosure () -> String,
                              output: inout StageOutput, into out: inout AnalysisBuilder) {
        switch kind {
        case .reader, .test:
            out.add(.read)
        case .echo:
            out.add(.read)
            var words = args[...]
            if name == "echo" { while let first = words.first, first.text == "-n" || first.text == "-e" || first.text == "-E" || first.text == "-ne" || first.text == "-en" { words = words.dropFirst() } }
            // With a substitution inside, the output is that command's output, not this text.
            output.literal = args.contains { !$0.substitutions.isEmpty } ? nil : words.map(\.text).joined(separator: " ")
            output.carriesDownload = args.contains(where: \.carriesDownload)
        case .neutral:
            output.carriesDownload = false
        case .cd:
            guard let target = args.first(where: { !$0.isOption })?.text else { cwd = "~"; return }
            if target.hasPrefix("/") || target.hasPrefix("~") || target.hasPrefix("$HOME") { cwd = target }
            else if target != "." { cwd = nil }
        case .find:
            findCommand(args, fragment: fragment(), into: &out)
            output.carriesDownload = false
        case .history:
            if args.contains(where: { ProgramArguments.cluster($0, has: 0x63) || ProgramArguments.cluster($0, has: 0x64) }) {
                out.add(.disableProtection, fragment())
            } else {
                out.add(.read)
            }
        case .unset:
            if args.contains(where: { $0.text.hasPrefix("HIST") }) { out.add(.disableProtection, fragment()) }
        case .setOption:
            if let index = args.firstIndex(where: { $0.text == "+o" }), index + 1 < args.endIndex, args[index + 1].text == "history" {
                out.add(.disableProtection, fragment())
            }
        case .export:
            for word in args where Self.isAssignment(word) { assignment(word.text, into: &out) }
        default:
            out.add(.read)
        }
    }

    /// `find` reads, unless it deletes (`-delete`) or runs a command per file (`-exec rm {} \;`).
    private mutating func findCommand(_ args: ArraySlice<ShellToken>, fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        var starts: [String] = []
        var k = args.startIndex
        while k < args.endIndex, !args[k].text.hasPrefix("-"), args[k].text != "(", args[k].text != "!" {
            if starts.count < 16 { starts.append(args[k].text) }
            k += 1
        }
        if starts.isEmpty { starts = ["."] }
        var acted = false
        while k < args.endIndex {
            let text = args[k].text
            if text == "-delete" {
                acted = true
                for start in starts { removed(start, recursive: true, fragment: fragment(), into: &out) }
            } else if text == "-exec" || text == "-execdir" || text == "-ok" || text == "-okdir" {
                var end = k + 1
                while end < args.endIndex, args[end].text != ";", args[end].text != "+" { end += 1 }
                if nesting < 3, k + 1 < end {
                    acted = true
                    // `{}` stands for each file found: judge it as the starting point.
                    var command = Array(args[(k + 1)..<end])
                    for index in command.indices where command[index].text == "{}" { command[index].text = starts[0] }
                    nesting += 1
                    _ = run(command[...], input: Input(), into: &out)
                    nesting -= 1
                }
                k = end
            } else if text == "-fprint" || text == "-fprintf" || text == "-fls", k + 1 < args.endIndex {
                wrote(args[k + 1].text, truncating: true, fragment: fragment(), into: &out)
            }
            k += 1
        }
        if !acted { out.add(.read) }
    }
}
