/// Tools driven by subcommands: version control, containers, clusters, infrastructure,
/// package managers and cloud command lines.
extension ShellWalker {
    mutating func tool(_ kind: ProgramKind, _ name: String, args: ArraySlice<ShellToken>, fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        switch kind {
        case .git:
            let rest = ProgramArguments.command(after: args, shortValues: "Cc", longValues: ["git-dir", "work-tree", "namespace", "exec-path"])
            guard let sub = rest.first?.text else { out.add(.read); return }
            let subArgs = rest.dropFirst()
            let has: (String) -> Bool = { flag in subArgs.contains { $0.text == flag } }
            let cluster: (UInt8) -> Bool = { letter in subArgs.contains { ProgramArguments.cluster($0, has: letter) } }
            switch sub {
            case "push":
                for word in subArgs where !word.isOption {
                    if let host = HostText.fromURL(word.text) ?? HostText.fromRemotePath(word.text) { out.host(host) }
                }
                let force = has("--force") || has("--delete") || has("--mirror") || cluster(0x66)
                    || subArgs.contains { $0.text.hasPrefix("--force") || (($0.text.hasPrefix("+") || $0.text.hasPrefix(":")) && $0.text.count > 1) }
                out.add(force ? [.egress, .destroy] : .egress, fragment())
            case "clone", "fetch", "pull", "ls-remote", "submodule":
                for word in subArgs where !word.isOption {
                    if let host = HostText.fromURL(word.text) ?? HostText.fromRemotePath(word.text) { out.host(host) }
                }
                out.add(sub == "ls-remote" ? .read : .write, fragment())
            case "send-email", "request-pull":
                for word in subArgs { if let address = HostText.emailAddress(word.text.hasPrefix("--to=") ? String(word.text.dropFirst(5)) : word.text) { out.recipient(address) } }
                out.add(.egress, fragment())
            case "reset":
                out.add(has("--hard") || has("--merge") || has("--keep") ? .destroy : .write, fragment())
            case "clean":
                out.add(cluster(0x6E) || has("--dry-run") ? .read : .destroy, fragment())
            case "checkout", "restore", "switch":
                let discards = sub == "restore" || has("-f") || has("--force") || has("--") || subArgs.contains { $0.text == "." } || has("--discard-changes")
                out.add(discards ? .destroy : .write, fragment())
            case "branch", "tag":
                if cluster(0x44) || has("--delete") || (cluster(0x64) && sub == "branch") || (sub == "tag" && cluster(0x64)) { out.add(.destroy, fragment()) }
                else if subArgs.contains(where: { !$0.isOption }) { out.add(.write, fragment()) }
                else { out.add(.read) }
            case "stash":
                let verb = subArgs.first { !$0.isOption }?.text ?? "push"
                out.add(verb == "drop" || verb == "clear" ? .destroy : verb == "list" || verb == "show" ? .read : .write, fragment())
            case "rm", "filter-branch", "filter-repo", "prune":
                out.add(.destroy, fragment())
            case "reflog":
                out.add(subArgs.contains { $0.text == "expire" || $0.text == "delete" } ? .destroy : .read, fragment())
            case "rebase", "commit", "add", "merge", "cherry-pick", "revert", "mv", "init", "apply", "am", "config", "remote", "worktree", "notes", "update-ref", "replace":
                if sub == "config" && subArgs.filter({ !$0.isOption }).count <= 1 { out.add(.read); return }
                if sub == "remote" && (subArgs.isEmpty || subArgs.first?.text == "-v" || subArgs.first?.text == "show") { out.add(.read); return }
                if sub == "config" && subArgs.contains(where: { $0.text == "--get" || $0.text == "--list" || $0.text == "-l" || $0.text == "--get-all" }) { out.add(.read); return }
                out.add(.write, fragment())
                if sub == "config", subArgs.contains(where: { $0.text == "core.hooksPath" || $0.text.hasPrefix("alias.") || $0.text == "core.sshCommand" || $0.text == "core.fsmonitor" }) {
                    out.add(.persistence, fragment())
                }
            default:
                out.add(.read)
            }
        case .docker:
            let rest = ProgramArguments.command(after: args, shortValues: "Hcl", longValues: ["host", "context", "config", "log-level", "file", "project-name"])
            var words = rest
            if words.first?.text == "compose" { words = ProgramArguments.command(after: words.dropFirst(), shortValues: "fp", longValues: ["file", "project-name", "env-file"]) }
            if ["container", "image", "volume", "network", "system", "builder", "buildx", "plugin", "secret", "config", "service", "stack", "node"].contains(words.first?.text ?? "") {
                let group = words.first!.text
                let sub = words.dropFirst().first { !$0.isOption }?.text ?? ""
                let broad = words.contains { $0.text == "-a" || $0.text == "--all" || $0.text == "--volumes" }
                switch sub {
                case "rm", "remove", "prune", "rmi":
                    out.add(broad && sub == "prune" || group == "system" && broad ? .destroyBroad : .destroy, fragment())
                case "ls", "list", "inspect", "df", "info", "events", "logs", "ps", "history":
                    out.add(.read)
                case "kill", "stop":
                    out.add(.processKill, fragment())
                default:
                    out.add(.write, fragment())
                }
                return
            }
            let sub = words.first?.text ?? ""
            let subArgs = words.dropFirst()
            switch sub {
            case "rm", "rmi":
                out.add(.destroy, fragment())
            case "down":
                out.add(subArgs.contains { $0.text == "-v" || $0.text == "--volumes" || $0.text == "--rmi" } ? [.destroy, .processKill] : .processKill, fragment())
            case "kill", "stop", "pause":
                out.add(.processKill, fragment())
            case "run", "exec", "create", "up", "start":
                let privileged = subArgs.contains { text in
                    let t = text.text
                    return t == "--privileged" || t.hasPrefix("--pid=host") || t.hasPrefix("--net=host") || t.hasPrefix("--network=host")
                        || t.hasPrefix("--cap-add") || t.hasPrefix("-v=/:") || t.hasPrefix("/:/") || t.hasPrefix("--security-opt")
                        || t.hasPrefix("/var/run/docker.sock") || t.hasPrefix("--userns=host")
                }
                out.add(privileged ? [.write, .privilege] : .write, fragment())
            case "push", "login":
                if sub == "push", let image = subArgs.first(where: { !$0.isOption })?.text, let slash = image.firstIndex(of: "/") {
                    let registry = String(image[..<slash])
                    if registry.contains(".") || registry.contains(":"), let host = HostText.hostPart(ArraySlice(registry.utf8)) { out.host(host) }
                }
                out.add(sub == "push" ? .egress : .read, fragment())
            case "cp", "build", "pull", "tag", "commit", "load", "import", "restart", "update", "rename", "save":
                out.add(.write, fragment())
            default:
                out.add(.read)
            }
        case .kubectl:
            let rest = ProgramArguments.command(after: args, shortValues: "ns", longValues: ["namespace", "context", "kubeconfig", "cluster", "server", "user"])
            let sub = rest.first?.text ?? ""
            let subArgs = rest.dropFirst()
            switch sub {
            case "delete":
                let broad = subArgs.contains { $0.text == "--all" || $0.text == "-A" || $0.text == "--all-namespaces" || $0.text == "namespace" || $0.text == "ns" || $0.text.hasPrefix("namespace/") || $0.text == "namespaces" || $0.text == "pv" || $0.text == "nodes" || $0.text == "node" }
                out.add(broad ? .destroyBroad : .destroy, fragment())
            case "drain", "cordon", "evict":
                out.add(.processKill, fragment())
            case "exec", "debug", "run":
                if let dashes = subArgs.firstIndex(where: { $0.text == "--" }), nesting < 3 {
                    nesting += 1
                    _ = run(subArgs[(dashes + 1)...], input: Input(), into: &out)
                    nesting -= 1
                }
                out.add(sub == "run" ? .write : .read, fragment())
            case "apply", "create", "patch", "edit", "replace", "scale", "set", "label", "annotate", "rollout", "autoscale", "taint", "expose", "cp":
                if sub == "create", subArgs.contains(where: { $0.text == "clusterrolebinding" || $0.text == "rolebinding" || $0.text == "serviceaccount" || $0.text == "token" }) {
                    out.add(.privilege, fragment())
                } else {
                    out.add(.write, fragment())
                }
            case "port-forward", "proxy":
                out.add(.egress, fragment())
            default:
                out.add(.read)
            }
        case .terraform:
            let sub = args.first { !$0.isOption }?.text ?? ""
            let subArgs = args.drop { $0.text != sub }.dropFirst()
            switch sub {
            case "destroy":
                out.add(.destroyBroad, fragment())
            case "apply", "up", "deploy", "run-all":
                out.add(subArgs.contains { $0.text == "-destroy" || $0.text == "--destroy" || $0.text == "destroy" } ? .destroyBroad : .write, fragment())
            case "state":
                out.add(subArgs.first?.text == "rm" ? .destroy : subArgs.first?.text == "list" || subArgs.first?.text == "show" ? .read : .write, fragment())
            case "import", "taint", "untaint", "init", "refresh", "workspace", "stack", "config":
                out.add(.write, fragment())
            default:
                out.add(.read)
            }
        case .helm:
            let sub = args.first { !$0.isOption }?.text ?? ""
            switch sub {
            case "uninstall", "delete", "del", "un": out.add(.destroy, fragment())
            case "install", "upgrade", "rollback", "repo", "plugin", "dependency": out.add(.write, fragment())
            case "push": out.add(.egress, fragment())
            default: out.add(.read)
            }
        case .packageManager:
            let operands = args.filter { !$0.isOption }.map(\.text)
            let sub = (name == "dpkg" || name == "rpm") ? "" : operands.first ?? ""
            if name == "dpkg" || name == "rpm" {
                let destroys = args.contains { $0.text == "-r" || $0.text == "-P" || $0.text == "--purge" || $0.text == "--remove" || $0.text == "-e" || $0.text == "--erase" }
                let installs = args.contains { $0.text == "-i" || $0.text == "--install" || $0.text == "-U" || $0.text == "-ivh" || $0.text == "-Uvh" }
                out.add(destroys ? .destroy : installs ? .write : .read, fragment())
                return
            }
            switch sub {
            case "remove", "uninstall", "purge", "autoremove", "erase", "rm", "un", "unlink", "-R", "cache":
                out.add(sub == "cache" ? .write : .destroy, fragment())
            case "publish", "upload", "push", "release":
                out.add(.egress, fragment())
            case "install", "add", "i", "update", "upgrade", "up", "sync", "ci", "dist-upgrade", "full-upgrade", "reinstall", "build", "run",
                 "exec", "dlx", "x", "link", "tap", "create", "init", "develop", "download", "fetch", "get", "lock", "bump", "version":
                out.add(.write, fragment())
                if name == "pacman", args.contains(where: { $0.text.hasPrefix("-R") }) { out.add(.destroy, fragment()) }
            default:
                if name == "pacman" || name == "yay" {
                    if args.contains(where: { $0.text.hasPrefix("-R") }) { out.add(.destroy, fragment()) }
                    else if args.contains(where: { $0.text.hasPrefix("-S") || $0.text.hasPrefix("-U") }) && !args.contains(where: { $0.text.hasPrefix("-Ss") || $0.text.hasPrefix("-Si") }) { out.add(.write, fragment()) }
                    else { out.add(.read) }
                } else {
                    out.add(.read)
                }
            }
        case .adminCLI:
            let before = out.effects
            subcommandVerbs(args, limit: 3, into: &out, fragment: fragment())
            if name == "aws" || name == "gsutil" || name == "s3cmd" || name == "rclone" || name == "mc" {
                // Copying to a bucket sends data off the machine.
                let operands = args.filter { !$0.isOption }
                if let last = operands.last?.text, operands.count >= 3, TextSearch.contains(last, "://") || (name == "rclone" && last.contains(":")),
                   operands.contains(where: { ["cp", "sync", "mv", "copy", "put", "rsync"].contains($0.text) }),
                   let source = operands.dropLast().last?.text, !TextSearch.contains(source, "://") {
                    out.add(.egress, fragment())
                    if let host = HostText.fromURL(last) { out.host(host) }
                }
            }
            if out.effects == before { out.add(.read) }
        default:
            out.add(.read)
        }
    }
}
