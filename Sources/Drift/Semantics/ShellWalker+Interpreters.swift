/// Shells, `eval`, `source`, language interpreters and database clients: the programs
/// that run text. Their text is analysed one level deeper, and text that came from a
/// download makes the step `downloadAndRun`.
extension ShellWalker {
    mutating func interpret(_ kind: ProgramKind, _ name: String, args: ArraySlice<ShellToken>, input: Input,
                            fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        // `bash <(curl ...)`, `python -c "$(curl ...)"`, `eval "$(wget -qO- ...)"`.
        if args.contains(where: \.carriesDownload) {
            out.add(.downloadAndRun, fragment())
        }
        var code: String?
        var script: ShellToken?
        var module: String?
        var readsStdin = false
        switch kind {
        case .eval:
            code = args.map(\.text).joined(separator: " ")
        case .source:
            script = args.first
        case .shell:
            var wantsCode = false
            var k = args.startIndex
            while k < args.endIndex {
                let word = args[k]
                if word.text == "-" || word.text == "--" {
                    readsStdin = word.text == "-"
                    k += 1
                    if !readsStdin, k < args.endIndex { if wantsCode { code = args[k].text } else { script = args[k] } }
                    break
                }
                if word.text.hasPrefix("--") {
                    if word.text == "--rcfile" || word.text == "--init-file" { k += 1 }
                } else if word.isOption || word.text.hasPrefix("+") {
                    let letters = word.text.utf8.dropFirst()
                    if letters.contains(0x63) { wantsCode = true }
                    if letters.contains(0x73) { readsStdin = true }
                    if letters.contains(0x6F) || letters.contains(0x4F) { k += 1 }
                } else {
                    if wantsCode { code = word.text } else { script = word }
                    break
                }
                k += 1
            }
        case .python, .node, .perl, .ruby, .php:
            let values: StaticString
            let codeLetters: StaticString
            switch kind {
            case .python: values = "cmWXQ"; codeLetters = "c"
            case .node: values = "eprC"; codeLetters = "ep"
            case .perl: values = "eEIx"; codeLetters = "eE"
            case .ruby: values = "eIrCE"; codeLetters = "e"
            default: values = "rfdcBRFE"; codeLetters = "rBRE"
            }
            var parsed = ProgramArguments(args, shortValues: values,
                                          longValues: ["eval", "print", "require", "command", "module"], stopAtOperand: true)
            while let argument = parsed.next() {
                if argument.isOperand {
                    if argument.operand?.text == "-" { readsStdin = true } else { script = argument.operand }
                    break
                }
                if let value = argument.value {
                    if ProgramArguments.contains(codeLetters, argument.letter) || argument.name == "eval" || argument.name == "print" || argument.name == "command" {
                        code = value
                        break
                    }
                    if kind == .python && argument.letter == 0x6D || argument.name == "module" { module = value; break }
                    if kind == .php && argument.letter == 0x66 { script = ShellToken(.word, value); break }
                }
            }
        case .powershell:
            if let index = args.firstIndex(where: { let t = $0.text.lowercased(); return t == "-c" || t == "-command" || t == "/c" }) {
                code = args[(index + 1)...].map(\.text).joined(separator: " ")
            } else if let index = args.firstIndex(where: { $0.text.lowercased() == "-file" || $0.text.lowercased() == "-f" }), index + 1 < args.endIndex {
                script = args[index + 1]
            }
        case .deno:
            let operands = args.filter { !$0.isOption }
            if operands.first?.text == "eval", operands.count > 1 {
                code = operands[1].text
            } else if operands.first?.text == "run" || operands.first?.text == "x", operands.count > 1 {
                script = operands[1]
                if let host = HostText.fromURL(operands[1].text) {
                    out.add([.egress, .downloadAndRun], fragment())
                    out.host(host)
                }
            }
        default:
            break
        }

        if let module {
            switch module {
            case "pip", "ensurepip", "pipx", "uv", "poetry":
                tool(.packageManager, module, args: args.drop { $0.text != module }.dropFirst(), fragment: fragment(), into: &out)
            case "http.server", "SimpleHTTPServer", "smtpd", "ftplib", "uploadserver":
                out.add(.egress, fragment())
            default:
                break
            }
            return
        }
        if let code {
            analyzeText(code, as: kind, into: &out)
            return
        }
        if let script {
            if script.carriesDownload || out.isDownloaded(script.text) { out.add(.downloadAndRun, fragment()) }
            return
        }
        _ = readsStdin
        // No script: the program reads its code from standard input.
        if input.carriesDownload || input.piped?.carriesDownload == true {
            let producer = input.piped?.program ?? ""
            out.add(.downloadAndRun, producer.isEmpty ? fragment() : "\(producer) ... | \(fragment())")
        }
        if let literal = input.piped?.literal ?? input.literal {
            analyzeText(literal, as: kind, into: &out)
        }
    }

    private mutating func analyzeText(_ text: String, as kind: ProgramKind, into out: inout AnalysisBuilder) {
        switch kind {
        case .shell, .eval, .source:
            _ = ShellWalker.analyze(text, depth: depth + 1, into: &out)
        default:
            CodeSnippetAnalyzer.analyze(text, depth: depth + 1, into: &out)
        }
    }

    mutating func database(_ kind: ProgramKind, _ name: String, args: ArraySlice<ShellToken>, input: Input,
                           fragment: @autoclosure () -> String, into out: inout AnalysisBuilder) {
        if kind == .redis {
            let operands = ProgramArguments.command(after: args, shortValues: "hpanusc", longValues: ["user", "pass", "tls"])
            guard let verb = operands.first?.text.uppercased() else { out.add(.read); return }
            switch verb {
            case "FLUSHALL", "FLUSHDB": out.add(.destroyBroad, fragment())
            case "DEL", "UNLINK", "HDEL", "SREM", "ZREM", "LREM", "LTRIM", "GETDEL", "EXPIRE", "XDEL", "ZREMRANGEBYSCORE": out.add(.destroy, fragment())
            case "SHUTDOWN", "CLIENT": out.add(.processKill, fragment())
            case "CONFIG", "SLAVEOF", "REPLICAOF", "MODULE", "DEBUG": out.add(.privilege, fragment())
            case "ACL": out.add(.privilege, fragment())
            case "SET", "HSET", "LPUSH", "RPUSH", "SADD", "ZADD", "INCR", "DECR", "MSET", "APPEND", "XADD", "RENAME", "PUBLISH", "EVAL": out.add(.write, fragment())
            default: out.add(.read)
            }
            return
        }
        var found = false
        var parsed = ProgramArguments(args, shortValues: "cdfhUovFRTPLeDSQqiHWu",
                                      longValues: ["command", "execute", "query", "dbname", "file", "host", "port", "username", "user", "output", "set", "database"])
        var operands = 0
        while let argument = parsed.next() {
            if let sql = argument.value, argument.letter == 0x63 || argument.letter == 0x65 || argument.letter == 0x71 || argument.letter == 0x51
                || argument.name == "command" || argument.name == "execute" || argument.name == "query" {
                SQLStatementAnalyzer.analyze(sql, depth: depth + 1, into: &out)
                found = true
            } else if let operand = argument.operand {
                operands += 1
                // `sqlite3 app.db "DELETE ..."`, `bq query "..."`, `duckdb x.db "..."`.
                if operand.text.utf8.contains(0x20) || (kind == .sqlite && operands >= 2) || SQLStatementAnalyzer.startsWithStatement(operand.text) {
                    SQLStatementAnalyzer.analyze(operand.text, depth: depth + 1, into: &out)
                    found = true
                }
            }
        }
        if let literal = input.piped?.literal ?? input.literal {
            SQLStatementAnalyzer.analyze(literal, depth: depth + 1, into: &out)
            found = true
        }
        if !found {
            // `mysql db < dump.sql` loads a file; an interactive session is unknown.
            out.add(input.file != nil ? .write : .read, fragment())
        }
    }
}
