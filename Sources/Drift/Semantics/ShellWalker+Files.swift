/// Programs that remove, overwrite, create or change files and disks.
extension ShellWalker {
    mutating func files(_ kind: ProgramKind, _ name: String, args: ArraySlice<ShellToken>, fragment: @autoclosure () -> String,
                        output: inout StageOutput, into out: inout AnalysisBuilder) {
        // Only `tee` passes its input on.
        if kind != .tee { output.carriesDownload = false }
        switch kind {
        case .remove, .removeDirectory, .shred:
            var recursive = kind == .removeDirectory && args.contains { $0.text == "-p" || $0.text == "--parents" }
            var noPreserveRoot = false
            var targets: [String] = []
            var parsed = ProgramArguments(args, shortValues: kind == .shred ? "nsx" : "", longValues: ["iterations", "size", "random-source"])
            while let argument = parsed.next() {
                if let operand = argument.operand { if targets.count < 64 { targets.append(operand.text) }; continue }
                if argument.letter == 0x72 || argument.letter == 0x52 || argument.name == "recursive" { recursive = true }
                if argument.name == "no-preserve-root" { noPreserveRoot = true }
            }
            if noPreserveRoot { out.add(.destroyBroad, fragment()) }
            if targets.isEmpty { out.add(.destroy, fragment()) }
            for target in targets { removed(target, recursive: recursive, fragment: fragment(), into: &out) }
        case .dd:
            var wroteSomething = false
            for word in args where word.text.hasPrefix("of=") {
                let target = String(word.text.dropFirst(3))
                wroteSomething = true
                let kind = PathText.kind(of: target, cwd: cwd)
                if kind.contains(.disk) || kind.contains(.broad) {
                    out.path(target)
                    out.add(.destroyBroad, fragment())
                } else if !kind.contains(.discard) {
                    out.path(target)
                    out.add(.destroy, fragment())
                }
            }
            if !wroteSomething { out.add(.read) }
        case .makeFilesystem, .wipeFilesystem, .partition:
            let operands = args.filter { !$0.isOption }
            if kind == .partition, args.contains(where: { $0.text == "-l" || $0.text == "--list" || $0.text == "-s" || $0.text == "print" })
                || operands.contains(where: { $0.text == "print" || $0.text == "list" }) || name.hasPrefix("fsck") {
                out.add(name.hasPrefix("fsck") ? .write : .read, fragment())
                return
            }
            var disk = false
            for operand in operands where operand.text.hasPrefix("/dev/") {
                out.path(operand.text)
                if PathText.kind(of: operand.text).contains(.disk) { disk = true }
            }
            if operands.isEmpty && kind != .partition { disk = true }
            out.add(disk && kind != .partition ? .destroyBroad : .destroy, fragment())
        case .truncate:
            var zero = false
            var parsed = ProgramArguments(args, shortValues: "sor", longValues: ["size", "reference"])
            var targets: [String] = []
            while let argument = parsed.next() {
                if let operand = argument.operand { targets.append(operand.text); continue }
                if argument.letter == 0x73 || argument.name == "size", let size = argument.value {
                    zero = size == "0" || size.hasPrefix("0") || size.hasPrefix("<") || size.hasPrefix("/")
                }
            }
            for target in targets.prefix(32) {
                if zero && name == "truncate" { removed(target, recursive: false, fragment: fragment(), into: &out) }
                else { wrote(target, truncating: false, fragment: fragment(), into: &out) }
            }
        case .move:
            let operands = Self.operands(args, values: "tS", longValues: ["target-directory", "suffix"])
            guard let destination = operands.last, operands.count >= 2 else { out.add(.write, fragment()); return }
            for source in operands.dropLast() {
                out.path(source.text)
                let kind = PathText.kind(of: source.text, cwd: cwd)
                if kind.contains(.broad) {
                    out.path(source.text)
                    out.add(.destroyBroad, fragment())
                } else if kind.contains(.system) || kind.contains(.auditTrail) || kind.contains(.grantsAccess) {
                    out.path(source.text)
                    out.add(kind.contains(.auditTrail) ? [.destroy, .disableProtection] : .destroy, fragment())
                }
            }
            if PathText.kind(of: destination.text).contains(.discard) {
                for source in operands.dropLast() { removed(source.text, recursive: true, fragment: fragment(), into: &out) }
            } else {
                wrote(destination.text, truncating: true, fragment: fragment(), into: &out)
            }
        case .copy, .link:
            let operands = Self.operands(args, values: "tSmogZ", longValues: ["target-directory", "suffix", "mode", "owner", "group"])
            guard let destination = operands.last, operands.count >= 2 else { out.add(.write, fragment()); return }
            let sourceIsNull = operands.dropLast().contains { PathText.kind(of: $0.text).contains(.discard) }
            let kind = PathText.kind(of: destination.text, cwd: cwd)
            if sourceIsNull && (kind.contains(.auditTrail) || name == "cp") {
                // `cp /dev/null file` empties it; `ln -sf /dev/null ~/.bash_history` stops history.
                removed(destination.text, recursive: false, fragment: fragment(), into: &out)
            } else if kind.contains(.disk) {
                out.path(destination.text)
                out.add(.destroyBroad, fragment())
            } else {
                wrote(destination.text, truncating: true, fragment: fragment(), into: &out)
            }
        case .tee:
            let append = args.contains { $0.text == "-a" || $0.text == "--append" }
            var any = false
            for operand in args where !operand.isOption {
                any = true
                wrote(operand.text, truncating: !append, fragment: fragment(), into: &out)
            }
            if !any { out.add(.read) }
        case .create:
            for operand in Self.operands(args, values: "mpt", longValues: ["mode", "tmpdir"]).prefix(32) {
                wrote(operand.text, truncating: false, fragment: fragment(), into: &out)
            }
        case .sed:
            let inPlace = args.contains { $0.text.hasPrefix("-i") || $0.text.hasPrefix("--in-place") || ($0.isOption && !$0.text.hasPrefix("--") && $0.text.contains("i")) }
            guard inPlace else { out.add(.read); return }
            let explicitScript = args.contains { $0.text == "-e" || $0.text == "-f" || $0.text == "--expression" }
            var operands = Self.operands(args, values: "ef", longValues: ["expression", "file"])[...]
            if !explicitScript { operands = operands.dropFirst() }
            for operand in operands.prefix(32) { wrote(operand.text, truncating: false, fragment: fragment(), into: &out) }
            if operands.isEmpty { out.add(.write, fragment()) }
        case .chmod:
            let operands = Self.operands(args, values: "", longValues: ["reference"])
            let recursive = args.contains { ProgramArguments.cluster($0, has: 0x52) || $0.text == "--recursive" }
            // A mode such as `-w` or `-x` looks like an option; chmod takes it as a mode.
            let modeWord = args.first { !$0.isOption || (Self.isSymbolicMode($0.text) && $0.text.utf8.first == 0x2D) }
            guard let mode = modeWord?.text else { out.add(.write, fragment()); return }
            let targets = operands.filter { $0.text != mode }
            let widens = Self.modeWidensAccess(mode)
            for target in targets.prefix(32) {
                out.path(target.text)
                let kind = PathText.kind(of: target.text, cwd: cwd)
                if widens && kind.contains(.grantsAccess) { out.add(.privilege, fragment()) }
                if recursive && kind.contains(.broad) { out.add(.privilege, fragment()) }
            }
            out.add(widens ? .privilege : .write, fragment())
        case .chown:
            let operands = Self.operands(args, values: "", longValues: ["reference", "from"])
            let targets = name == "setfacl" || name == "setcap" || name == "chattr" || name == "chcon" || name == "setfattr"
                ? operands.filter { !$0.text.contains(":") || $0.text.hasPrefix("/") }
                : Array(operands.dropFirst())
            for target in targets.prefix(32) { out.path(target.text) }
            out.add(.privilege, fragment())
        case .archive:
            let first = args.first { $0.isOption || name == "tar" }?.text ?? ""
            let listing = (name == "tar" && (first.hasPrefix("-") ? first : "-" + first).utf8.contains(0x74))
                || (name == "unzip" && args.contains { $0.text == "-l" || $0.text == "-v" })
                || args.contains { $0.text == "--list" || $0.text == "-t" || $0.text == "-l" }
            if listing { out.add(.read); return }
            var file: String?
            var parsed = ProgramArguments(args, shortValues: "fCd", longValues: ["file", "directory"])
            while let argument = parsed.next() {
                if argument.letter == 0x66 || argument.name == "file", let value = argument.value { file = value }
                if argument.letter == 0x43 || argument.letter == 0x64 || argument.name == "directory", let value = argument.value {
                    wrote(value, truncating: false, fragment: fragment(), into: &out)
                }
            }
            if name == "tar", first.utf8.contains(0x63) {
                // `tar czf - dir` writes the archive to standard output.
                if let file, file != "-" { wrote(file, truncating: true, fragment: fragment(), into: &out) } else { out.add(.read) }
                return
            }
            out.add(.write, fragment())
        case .editor:
            var any = false
            for operand in args where !operand.isOption && !operand.text.hasPrefix("+") {
                any = true
                wrote(operand.text, truncating: false, fragment: fragment(), into: &out)
            }
            if !any { out.add(.write, fragment()) }
        case .build:
            out.add(.write, fragment())
        case .sshKeygen:
            if name == "ssh-keygen", args.contains(where: { $0.text == "-l" || $0.text == "-F" || $0.text == "-y" || $0.text == "-L" }) {
                out.add(.read)
            } else {
                out.add(.write, fragment())
            }
        default:
            out.add(.read)
        }
    }

    /// The operands of `args`, getopt-style, with `values` and `longValues` taking a value.
    static func operands(_ args: ArraySlice<ShellToken>, values: StaticString, longValues: [StaticString]) -> [ShellToken] {
        var result: [ShellToken] = []
        var parsed = ProgramArguments(args, shortValues: values, longValues: longValues)
        while let argument = parsed.next() {
            if let operand = argument.operand { result.append(operand) }
            if result.count >= 64 { break }
        }
        return result
    }

    /// `[ugoa]*[+-=][rwxXst]*` clauses separated by commas.
    static func isSymbolicMode(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 32 else { return false }
        var sawOperator = false
        for b in text.utf8 {
            switch b {
            case 0x75, 0x67, 0x6F, 0x61, 0x72, 0x77, 0x78, 0x58, 0x73, 0x74, 0x2C: break
            case 0x2B, 0x2D, 0x3D: sawOperator = true
            default: return false
            }
        }
        return sawOperator
    }

    /// Whether a chmod mode lets others write, or sets setuid/setgid: `777`, `666`,
    /// `o+w`, `a+rwx`, `+s`, `u+s`, `4755`, `g+s`.
    static func modeWidensAccess(_ mode: String) -> Bool {
        let bytes = Array(mode.utf8.prefix(32))
        if !bytes.isEmpty, bytes.allSatisfy({ $0 &- 0x30 < 8 }) {
            let digits = bytes.map { Int($0 - 0x30) }
            let others = digits.last ?? 0
            let special = digits.count >= 4 ? digits[digits.count - 4] : 0
            let group = digits.count >= 2 ? digits[digits.count - 2] : 0
            return others & 2 != 0 || special & 6 != 0 || (digits.count >= 3 && group & 2 != 0 && others & 2 != 0)
        }
        for clause in mode.split(separator: ",") {
            guard let op = clause.firstIndex(where: { $0 == "+" || $0 == "=" }) else { continue }
            let who = clause[..<op], perms = clause[clause.index(after: op)...]
            if perms.contains("s") { return true }
            let others = who.isEmpty || who.contains("o") || who.contains("a")
            if others && perms.contains("w") && !who.isEmpty { return true }
            if who.isEmpty && perms.contains("w") && perms.contains("x") && perms.contains("r") { return true }
        }
        return false
    }
}
