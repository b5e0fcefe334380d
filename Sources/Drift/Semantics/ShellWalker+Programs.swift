/// The dispatcher: strips wrappers, then hands the program to its family's rule.
extension ShellWalker {
    /// Runs `words` (program first) with `input` on standard input.
    mutating func run(_ words: ArraySlice<ShellToken>, input: Input, into out: inout AnalysisBuilder) -> StageOutput {
        var words = words
        var output = StageOutput()
        output.carriesDownload = input.piped?.carriesDownload ?? false
        let whole = words
        // Wrappers peel off one at a time; eight is more than any real line nests.
        for _ in 0..<8 {
            guard let first = words.first else { return output }
            if first.carriesDownload {
                // `$(curl ...)` in the program's place: the download's text runs as a command.
                out.add(.downloadAndRun, Self.fragment(whole))
                return output
            }
            let name = Self.programName(first.text)
            let args = words.dropFirst()
            output.program = name
            guard let kind = ProgramKind.of(name) else {
                out.program(name)
                if out.isDownloaded(first.text) { out.add(.downloadAndRun, Self.fragment(whole)) }
                subcommandVerbs(args, limit: 1, into: &out, fragment: Self.fragment(whole))
                output.carriesDownload = false
                return output
            }
            switch kind {
            case .elevate:
                out.add(.privilege, Self.fragment(whole))
                words = name == "gosu" || name == "su-exec"
                    ? args.dropFirst()
                    : ProgramArguments.command(after: args, shortValues: "ugCDhprtUT",
                                               longValues: ["user", "group", "chdir", "host", "prompt", "role", "type", "other-user"])
                continue
            case .switchUser:
                out.add(.privilege, Self.fragment(whole))
                if name == "runuser", args.contains(where: { $0.text == "-u" || $0.text.hasPrefix("--user") }) {
                    words = ProgramArguments.command(after: args, shortValues: "cgGsuw", longValues: ["user", "group", "shell", "command"])
                    continue
                }
                var parsed = ProgramArguments(args, shortValues: "cgGsw", longValues: ["command", "session-command", "group", "supp-group", "shell"])
                while let argument = parsed.next() {
                    if argument.letter == 0x63 || argument.name == "command" || argument.name == "session-command", let code = argument.value {
                        _ = ShellWalker.analyze(code, depth: depth + 1, into: &out)
                    }
                }
                return output
            case .env:
                var k = args.startIndex
                while k < args.endIndex {
                    let word = args[k]
                    if word.text == "--" { k += 1; break }
                    if word.isOption {
                        if word.text.hasPrefix("-S") || word.text.hasPrefix("--split-string") {
                            let attached = word.text.hasPrefix("-S") ? String(word.text.dropFirst(2)) : String(word.text.drop { $0 != "=" }.dropFirst())
                            let code = attached.isEmpty ? (k + 1 < args.endIndex ? args[k + 1].text : "") : attached
                            if attached.isEmpty { k += 1 }
                            _ = ShellWalker.analyze(code, depth: depth + 1, into: &out)
                        } else if word.text == "-u" || word.text == "-C" || word.text == "-P" || word.text == "--unset" || word.text == "--chdir" {
                            k += 1
                        }
                        k += 1
                        continue
                    }
                    if Self.isAssignment(word) { assignment(word.text, into: &out); k += 1; continue }
                    break
                }
                words = args[Swift.min(k, args.endIndex)...]
                continue
            case .passThrough:
                if name == "command" || name == "type", args.contains(where: { $0.text == "-v" || $0.text == "-V" }) {
                    out.add(.read)
                    return output
                }
                let values: StaticString
                switch name {
                case "time": values = "fo"
                case "exec": values = "a"
                case "ionice": values = "cnp"
                case "stdbuf": values = "ioe"
                case "taskset": values = "c"
                case "proxychains", "proxychains4": values = "f"
                case "nsenter": values = "tSGwr"
                default: values = ""
                }
                words = ProgramArguments.command(after: args, shortValues: values)
                if name == "taskset" || name == "chrt", let mask = words.first, mask.text.utf8.allSatisfy({ Byte.isAlnum($0) || $0 == 0x2C || $0 == 0x2D }),
                   mask.text.utf8.first.map({ $0 &- 0x30 < 10 }) ?? false {
                    words = words.dropFirst()
                }
                if name == "exec" && words.isEmpty { return output }
                continue
            case .timeout:
                words = ProgramArguments.command(after: args, shortValues: "sk", longValues: ["signal", "kill-after"]).dropFirst()
                continue
            case .nice:
                if name == "renice" { out.add(.write, Self.fragment(whole)); return output }
                words = ProgramArguments.command(after: args, shortValues: "n", longValues: ["adjustment"])
                continue
            case .xargs:
                guard nesting < 3 else { return output }
                var command = ProgramArguments.command(after: args, shortValues: "EILnPsda",
                                                      longValues: ["max-args", "max-procs", "delimiter", "arg-file", "replace", "eof", "max-lines", "max-chars", "jobs"])
                if let end = command.firstIndex(where: { $0.text == ":::" || $0.text == "::::" }) { command = command[..<end] }
                if command.isEmpty { out.program("echo"); out.add(.read); return output }
                nesting += 1
                let inner = run(command, input: Input(), into: &out)
                nesting -= 1
                output.carriesDownload = inner.carriesDownload
                return output
            case .watch:
                let command = ProgramArguments.command(after: args, shortValues: "nd", longValues: ["interval", "differences"])
                _ = ShellWalker.analyze(command.map(\.text).joined(separator: " "), depth: depth + 1, into: &out)
                return output
            case .flock:
                var parsed = ProgramArguments(args, shortValues: "wEc", longValues: ["timeout", "conflict-exit-code", "command"], stopAtOperand: true)
                while let argument = parsed.next() {
                    if argument.letter == 0x63 || argument.name == "command", let code = argument.value {
                        _ = ShellWalker.analyze(code, depth: depth + 1, into: &out)
                        return output
                    }
                    if argument.isOperand { break }
                }
                words = parsed.rest
                continue
            case .trace:
                if name == "gdb" || name == "perf" {
                    if name == "perf" { words = ProgramArguments.command(after: args).dropFirst(); words = ProgramArguments.command(after: words, shortValues: "oecp"); continue }
                    guard let index = args.firstIndex(where: { $0.text == "--args" }) else { out.add(.read); return output }
                    words = args[(index + 1)...]
                    continue
                }
                words = ProgramArguments.command(after: args, shortValues: "oepsSEaPuIbX", longValues: ["output", "trace", "signal", "attach", "log-file"])
                continue
            case .chroot:
                words = ProgramArguments.command(after: args, longValues: ["userspec", "groups"]).dropFirst()
                if words.isEmpty { out.program("sh") }
                continue
            case .busybox:
                words = args
                continue
            case .listHeader:
                return output
            default:
                // `sh -c '...'` and `eval` are wrappers too: only what they run is a program.
                let wrapsText = kind == .eval || kind == .shell && args.contains { ProgramArguments.cluster($0, has: 0x63) }
                if !wrapsText { out.program(name) }
                classify(kind, name, words: whole, args: args, input: input, output: &output, into: &out)
                return output
            }
        }
        return output
    }

    /// Applies the rule of `kind` to a program that is not a wrapper.
    private mutating func classify(_ kind: ProgramKind, _ name: String, words: ArraySlice<ShellToken>, args: ArraySlice<ShellToken>,
                                   input: Input, output: inout StageOutput, into out: inout AnalysisBuilder) {
        switch kind {
        case .shell, .eval, .source, .python, .node, .perl, .ruby, .php, .powershell, .deno:
            interpret(kind, name, args: args, input: input, fragment: Self.fragment(words), into: &out)
            output.carriesDownload = false
        case .sqlClient, .sqlite, .redis:
            database(kind, name, args: args, input: input, fragment: Self.fragment(words), into: &out)
            output.carriesDownload = false
        case .ssh, .curl, .wget, .httpie, .scp, .rsync, .sftp, .netcat, .socat, .mail, .sshCopyId, .scanner:
            network(kind, name, args: args, input: input, fragment: Self.fragment(words), output: &output, into: &out)
        case .git, .docker, .kubectl, .terraform, .helm, .packageManager, .adminCLI:
            tool(kind, name, args: args, fragment: Self.fragment(words), into: &out)
            output.carriesDownload = false
        case .reader, .echo, .neutral, .test, .cd, .find, .history, .unset, .setOption, .export:
            shellBasics(kind, name, args: args, fragment: Self.fragment(words), output: &output, into: &out)
        case .kill, .killByName, .systemctl, .service, .shutdown, .initLevel, .crontab, .at, .rcLinks, .launchctl,
             .setenforce, .ufw, .iptables, .nft, .auditctl, .apparmor, .sysctl, .userAdmin, .userDelete, .kernelModule, .mount:
            system(kind, name, args: args, input: input, fragment: Self.fragment(words), into: &out)
            output.carriesDownload = false
        default:
            files(kind, name, args: args, fragment: Self.fragment(words), output: &output, into: &out)
        }
    }

    /// A tool's first operands as verbs (`aws s3 rm`, `gcloud ... delete`, `./manage delete-all`):
    /// destroy, grant, send or write by the lexicon in `SubcommandVerb`.
    mutating func subcommandVerbs(_ args: ArraySlice<ShellToken>, limit: Int, into out: inout AnalysisBuilder, fragment: @autoclosure () -> String) {
        var seen = 0
        for word in args where !word.isOption {
            seen += 1
            if seen > limit { break }
            if let effects = SubcommandVerb.effects(of: word.text) {
                out.add(effects, fragment())
                return
            }
        }
    }
}
