/// Groups a command line's tokens into simple commands and pipelines and hands each
/// command to the program rules (`ShellWalker+Programs.swift` and its neighbours).
///
/// State lives for one line: the directory an earlier `cd` moved to (so `cd / && rm -rf *`
/// is broad), and the functions it defined (so a fork bomb is recognised).
struct ShellWalker {
    let depth: Int
    var cwd: String?
    var functions: [String] = []
    var commands = 0
    /// `find -exec` and `xargs` inside a rule run the rules again; this bounds that.
    var nesting = 0

    /// What a command hands the next one in a pipeline.
    struct StageOutput {
        var program = ""
        /// The output is (or passes on) what a download fetched.
        var carriesDownload = false
        /// The output is this literal text (`echo '...'`, `printf`).
        var literal: String?
    }

    /// What a command reads on its standard input.
    struct Input {
        var piped: StageOutput?
        /// A here-document or here-string.
        var literal: String?
        /// `< file`.
        var file: String?
        /// `< <(curl ...)` or `< downloaded-file`.
        var carriesDownload = false

        var isEmpty: Bool { piped == nil && literal == nil && file == nil }
    }

    /// Analyses `text` one level down into `out`; returns whether its output is
    /// downloaded content (so `sh -c "$(curl ...)"` runs a download).
    static func analyze(_ text: String, depth: Int, into out: inout AnalysisBuilder) -> Bool {
        guard depth <= AnalysisBuilder.maximumDepth, out.budget > 0, !text.isEmpty else { return false }
        var text = text
        let tokens: [ShellToken] = text.withUTF8 { all in
            ShellTokenizer.tokenize(UnsafeBufferPointer(rebasing: all.prefix(CommandLineAnalyzer.maximumBytes)))
        }
        var walker = ShellWalker(depth: depth)
        return walker.walk(tokens, into: &out)
    }

    private mutating func walk(_ tokens: [ShellToken], into out: inout AnalysisBuilder) -> Bool {
        var words: [ShellToken] = []
        words.reserveCapacity(16)
        var redirects: [(op: ShellToken, target: ShellToken?)] = []
        var piped: StageOutput?
        var printsDownload = false
        var i = 0
        while i <= tokens.count {
            let kind = i < tokens.count ? tokens[i].kind : .separator
            switch kind {
            case .word:
                words.append(tokens[i])
                i += 1
                continue
            case .redirect:
                let target = i + 1 < tokens.count && tokens[i + 1].kind == .word ? tokens[i + 1] : nil
                redirects.append((tokens[i], target))
                i += target == nil ? 1 : 2
                continue
            case .open:
                if words.count == 1, i + 1 < tokens.count, tokens[i + 1].text == ")" {
                    if functions.count < 8 { functions.append(words[0].text) }
                    words.removeAll(keepingCapacity: true)
                    i += 2
                    continue
                }
            case .pipe, .separator:
                break
            }
            if !words.isEmpty || !redirects.isEmpty {
                guard commands < CommandLineAnalyzer.maximumCommands, out.budget > 0 else { return printsDownload }
                commands += 1
                out.budget -= 1
                let output = finish(&words, redirects, piped: piped, into: &out)
                if kind == .pipe {
                    piped = output
                } else {
                    piped = nil
                    if output.carriesDownload { printsDownload = true }
                }
            } else if kind != .pipe {
                piped = nil
            }
            words.removeAll(keepingCapacity: true)
            redirects.removeAll(keepingCapacity: true)
            i += 1
        }
        return printsDownload
    }

    /// Runs one simple command: its substitutions first (as the shell does), then the
    /// program, then its output redirections.
    private mutating func finish(_ words: inout [ShellToken], _ redirects: [(op: ShellToken, target: ShellToken?)],
                                 piped: StageOutput?, into out: inout AnalysisBuilder) -> StageOutput {
        for k in words.indices where !words[k].substitutions.isEmpty {
            for inner in words[k].substitutions where ShellWalker.analyze(inner, depth: depth + 1, into: &out) {
                words[k].carriesDownload = true
            }
        }
        var input = Input(piped: piped)
        for (op, target) in redirects {
            let base = Self.operatorWithoutDescriptor(op.text)
            if let target, !target.substitutions.isEmpty {
                for inner in target.substitutions where ShellWalker.analyze(inner, depth: depth + 1, into: &out) {
                    if base == "<" { input.carriesDownload = true }
                }
            }
            switch base {
            case "<<", "<<-": input.literal = op.hereDocument
            case "<<<": input.literal = target?.text
            case "<":
                if let target, !target.isProcessSubstitution {
                    input.file = target.text
                    if out.isDownloaded(target.text) { input.carriesDownload = true }
                    if let host = Self.networkHost(target.text) {
                        out.add(.egress, "< " + target.text)
                        out.host(host)
                    }
                }
            default: break
            }
        }

        // Leading `NAME=value` assignments.
        var start = 0
        while start < words.count, Self.isAssignment(words[start]) {
            assignment(words[start].text, into: &out)
            start += 1
        }
        var output = StageOutput()
        if start < words.count {
            output = run(words[start...], input: input, into: &out)
        } else if let piped {
            output.carriesDownload = piped.carriesDownload
        }
        // A function piped into itself in the background, `:(){ :|:& };:`, forks without end.
        if let piped, !piped.program.isEmpty, piped.program == output.program, functions.contains(piped.program) {
            let name = piped.program
            out.add(.destroyBroad, "\(name)(){ \(name)|\(name)& }")
        }

        for (op, target) in redirects {
            let base = Self.operatorWithoutDescriptor(op.text)
            guard let target, !target.isProcessSubstitution else { continue }
            let descriptor = op.text.prefix { $0.isNumber }
            switch base {
            case ">", ">>", "&>", "&>>", ">&":
                // `2>&1`, `>&-`: descriptors, not files.
                if base == ">&" && (target.text == "-" || target.text.utf8.allSatisfy { $0 &- 0x30 < 10 }) { continue }
                let stdout = descriptor.isEmpty || descriptor == "1"
                if stdout && output.carriesDownload {
                    out.downloaded(target.text)
                    output.carriesDownload = false
                }
                if stdout { output.literal = nil }
                wrote(target.text, truncating: base != ">>" && base != "&>>", fragment: op.text + " " + target.text, into: &out)
            default:
                break
            }
        }
        return output
    }

    /// A write to `path` by redirection, `tee`, `cp`, `dd of=` and the like.
    func wrote(_ path: String, truncating: Bool, fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        Self.wrote(path, cwd: cwd, truncating: truncating, fragment: fragment(), into: &out)
    }

    static func wrote(_ path: String, cwd: String?, truncating: Bool, fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        if let host = Self.networkHost(path) {
            out.add(.egress, fragment())
            out.host(host)
            return
        }
        let kind = PathText.kind(of: path, cwd: cwd)
        if kind.contains(.discard) { return }
        out.path(path)
        if kind.contains(.disk) {
            out.add(.destroyBroad, fragment())
            return
        }
        var effects: CommandEffects = .write
        if truncating {
            if kind.contains(.system) && !kind.contains(.persistence) { effects.insert(.destroy) }
            if kind.contains(.auditTrail) { effects.formUnion([.destroy, .disableProtection]) }
        }
        if kind.contains(.persistence) { effects.insert(.persistence) }
        if kind.contains(.grantsAccess) { effects.insert(.privilege) }
        if kind.contains(.safeguard) { effects.insert(.disableProtection) }
        out.add(effects, fragment())
    }

    /// A removal of `path` (`rm`, `shred`, `unlink`, `find -delete`); `recursive` says
    /// whether a whole tree goes.
    func removed(_ path: String, recursive: Bool, fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        Self.removed(path, cwd: cwd, recursive: recursive, fragment: fragment(), into: &out)
    }

    static func removed(_ path: String, cwd: String?, recursive: Bool, fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        let kind = PathText.kind(of: path, cwd: cwd)
        if kind.contains(.discard) { return }
        out.path(path)
        var effects: CommandEffects = .destroy
        let wholeFolder = recursive || path.hasSuffix("*")
        if kind.contains(.disk) || (kind.contains(.broad) && wholeFolder) { effects.insert(.destroyBroad) }
        if kind.contains(.auditTrail) { effects.insert(.disableProtection) }
        if kind.contains(.grantsAccess) { effects.insert(.privilege) }
        out.add(effects, fragment())
    }

    /// The host of `/dev/tcp/HOST/PORT` or `/dev/udp/HOST/PORT` (bash's network redirections).
    static func networkHost(_ path: String) -> String? {
        guard path.hasPrefix("/dev/tcp/") || path.hasPrefix("/dev/udp/") else { return nil }
        let rest = path.utf8.dropFirst(9)
        let host = rest.prefix { $0 != 0x2F }
        return HostText.hostPart(ArraySlice(host))
    }

    static func operatorWithoutDescriptor(_ text: String) -> Substring {
        text.drop { $0.isNumber }
    }

    /// `NAME=value` with an unquoted start and a shell name before `=`.
    static func isAssignment(_ word: ShellToken) -> Bool {
        guard word.startsUnquoted, let first = word.text.utf8.first, Byte.isLetter(first) || first == 0x5F else { return false }
        for b in word.text.utf8 {
            if b == 0x3D { return true }
            if !(Byte.isWord(b) || b == 0x2B || b == 0x5B || b == 0x5D) { return false }
        }
        return false
    }

    /// An assignment that stops the shell keeping history (`HISTFILE=/dev/null`, `HISTSIZE=0`).
    func assignment(_ text: String, into out: inout AnalysisBuilder) {
        guard text.hasPrefix("HIST") else { return }
        guard let eq = text.firstIndex(of: "=") else { return }
        let name = text[..<eq], value = text[text.index(after: eq)...]
        if (name == "HISTFILE" && (value.isEmpty || value == "/dev/null"))
            || ((name == "HISTSIZE" || name == "HISTFILESIZE" || name == "SAVEHIST") && (value == "0" || value.isEmpty)) {
            out.add(.disableProtection, text)
        }
    }

    /// The program a word names: the last path component, without `.exe`.
    static func programName(_ text: String) -> String {
        var name = text
        if let slash = name.utf8.lastIndex(of: 0x2F), name.utf8.index(after: slash) != name.utf8.endIndex {
            name = String(name[name.utf8.index(after: slash)...])
        }
        if name.hasSuffix(".exe") { name = String(name.dropLast(4)) }
        return name
    }

    /// Up to 12 words joined with spaces: the fragment a finding quotes.
    static func fragment(_ words: ArraySlice<ShellToken>) -> String {
        var text = ""
        for word in words.prefix(12) {
            if !text.isEmpty { text += " " }
            text += word.text.utf8.count > 96 ? AnalysisBuilder.clip(word.text, to: 96) : word.text
            if text.utf8.count > CommandAnalysis.maximumFindingBytes { break }
        }
        return text
    }
}
