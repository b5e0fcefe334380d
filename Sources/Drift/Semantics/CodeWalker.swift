/// Finds the calls in a tokenized snippet and applies `CodeSnippetAnalyzer`'s rules.
struct CodeWalker {
    let tokens: [CodeToken]
    let depth: Int
    var mentionsChildProcess = false
    /// Names bound to a string literal (`cmd = "..."`), at most 32.
    private var literals: [(name: String, value: String)] = []
    /// Names bound to something fetched from the network (`code = requests.get(u).text`), at most 32.
    private var downloadedNames: [String] = []
    /// Names bound to an open file (`with open("x", "wb") as f`), with its path, at most 32.
    private var fileHandles: [(name: String, path: String)] = []

    init(tokens: [CodeToken], depth: Int) {
        self.tokens = tokens
        self.depth = depth
    }

    private static let declarationWords: Set<String> = ["const", "let", "var", "my", "local", "auto", "String", "final"]
    private static let homeDirectoryCalls: Set<String> = ["expanduser", "homedir", "home", "gethome", "UserHomeDir"]
    private static let shellReceivers: Set<String> = ["os", "subprocess", "child_process", "cp", "commands", "pty", "Open3", "Kernel",
                                                      "IO", "exec", "shell", "sh", "asyncio", "childProcess", "Deno", "Bun", "sp", "proc"]
    private static let execNames: Set<String> = ["system", "popen", "popen2", "popen3", "popen4", "run", "call", "check_call", "check_output",
                                                 "Popen", "getoutput", "getstatusoutput", "exec", "execSync", "spawn", "spawnSync", "execFile",
                                                 "execFileSync", "capture2", "capture2e", "capture3", "create_subprocess_shell",
                                                 "create_subprocess_exec", "Command", "execl", "execlp", "execle", "execv", "execvp",
                                                 "execvpe", "spawnl", "spawnlp", "spawnv", "spawnvp", "startfile", "$", "execa", "execaSync"]
    private static let bareExecNames: Set<String> = ["system", "shell_exec", "passthru", "popen", "proc_open", "execSync", "spawnSync",
                                                     "execFileSync", "check_output", "check_call", "getoutput", "Popen", "execa", "execaSync", "pcntl_exec"]
    private static let codeExecNames: Set<String> = ["exec", "eval", "execfile", "compile", "Function", "runInThisContext", "runInNewContext",
                                                     "runInContext", "loads", "load", "run_path", "instance_eval", "class_eval", "create_function", "assert"]
    private static let httpReceivers: Set<String> = ["requests", "httpx", "session", "s", "client", "http", "https", "axios", "urllib",
                                                     "urllib2", "request", "aiohttp", "urllib3", "got", "superagent", "needle", "wget",
                                                     "$", "jQuery", "sess", "api", "ky", "fetch", "Net::HTTP", "HTTP", "Faraday", "RestClient",
                                                     "HTTParty", "http_client", "httpClient", "pool", "ClientSession()", "Session()", "AsyncClient()",
                                                     "Client()", "PoolManager()", "web", "net"]
    private static let getNames: Set<String> = ["get", "head", "urlopen", "urlretrieve", "fetch", "download", "getJSON", "stream", "get_content", "getForObject"]
    private static let sendNames: Set<String> = ["post", "put", "patch", "delete", "request", "ajax", "sendBeacon", "post_form", "postForm", "upload", "Request"]
    private static let removeNames: Set<String> = ["remove", "unlink", "rmdir", "removedirs", "rmtree", "rm", "rmSync", "unlinkSync", "rmdirSync",
                                                   "remove_dir_all", "remove_file", "RemoveAll", "Remove", "rm_rf", "rm_r", "rimraf", "removeSync",
                                                   "emptyDirSync", "emptyDir", "deleteSync", "delete", "deleteIfExists", "rmtree_safe", "remove_tree"]
    private static let fileReceivers: Set<String> = ["os", "shutil", "fs", "fsPromises", "promises", "fse", "FileUtils", "File", "Files",
                                                     "fs_extra", "pathlib", "Path", "path", "rimraf", "del", "dir_util", "std", "Dir", "ioutil", "afero"]
    private static let recursiveRemoves: Set<String> = ["rmtree", "remove_dir_all", "RemoveAll", "rm_rf", "rimraf", "removeSync", "emptyDirSync",
                                                        "emptyDir", "removedirs", "remove_tree", "rm_r"]
    private static let writeNames: Set<String> = ["writeFile", "writeFileSync", "appendFile", "appendFileSync", "createWriteStream", "write_text",
                                                  "write_bytes", "rename", "renameSync", "replace", "move", "copy", "copyfile", "copy2", "copytree",
                                                  "copyFile", "copyFileSync", "makedirs", "mkdir", "mkdirSync", "touch", "symlink", "symlinkSync",
                                                  "link", "WriteFile", "outputFile", "outputFileSync", "write"]
    private static let privilegeNames: Set<String> = ["chmod", "chown", "lchown", "fchmod", "fchown", "chmodSync", "chownSync", "lchmod",
                                                      "setuid", "setgid", "seteuid", "setegid", "setreuid", "setregid", "setresuid", "setresgid",
                                                      "initgroups", "setgroups", "Chmod", "Chown", "set_permissions"]
    private static let sqlNames: Set<String> = ["execute", "executemany", "executescript", "query", "raw", "exec", "run", "sql", "prepare",
                                                "exec_driver_sql", "execute_sql", "queryRaw", "executeRaw", "unsafe", "all", "text", "Exec", "Query", "QueryRow"]
    private static let mailNames: Set<String> = ["sendmail", "send_message", "sendMail", "send_mail", "send_mass_mail", "sendEmail", "send_email"]
    private static let connectionNames: Set<String> = ["HTTPConnection", "HTTPSConnection", "SMTP", "SMTP_SSL", "FTP", "FTP_TLS", "Telnet",
                                                       "create_connection", "connect", "createConnection", "WebSocket", "open_connection",
                                                       "Socket", "Dial", "DialTCP", "TCPSocket", "connect_ex", "sendto", "SSHClient", "Transport"]
    private static let notNetworkReceivers: Set<String> = ["sqlite3", "sqlite", "duckdb", "signal", "db", "engine", "sqlalchemy", "psycopg2",
                                                           "psycopg", "pymysql", "mysql", "connector", "MySQLdb", "pg", "redis", "pymongo", "lmdb", "shelve"]

    /// A call: the chain of names before `(` and the token range of its arguments.
    private struct Call {
        var parts: [String]
        /// Strings inside a call in the chain (`Path("x").unlink()` -> `x`).
        var receiverString: String?
        var open: Int
        var close: Int

        var last: String { parts.last ?? "" }
        var receiver: String { parts.count >= 2 ? parts[parts.count - 2] : "" }
        var name: String { parts.joined(separator: ".") }
    }

    mutating func walk(into out: inout AnalysisBuilder) {
        var statementStart = true
        var assigning: String?
        var statementDownloads = false
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if token.kind == .end {
                statementStart = true
                assigning = nil
                statementDownloads = false
                i += 1
                continue
            }
            if token.kind == .name {
                // `name = ...` (also `const name = ...`): remember literals and downloads bound to names.
                if statementStart || previousName(i).map(Self.declarationWords.contains) == true,
                   i + 1 < tokens.count, tokens[i + 1].text == "=" {
                    assigning = token.text
                    if i + 2 < tokens.count, tokens[i + 2].kind == .string, i + 3 >= tokens.count || tokens[i + 3].kind == .end || tokens[i + 3].text == "," {
                        bind(token.text, to: tokens[i + 2].text)
                    }
                }
                if downloadedNames.contains(token.text) {
                    statementDownloads = true
                    if let name = assigning, name != token.text { markDownloaded(name) }
                }
                // `fetch(u).then(r => r.text()).then(eval)`: a code runner handed a download.
                if (token.text == "eval" || token.text == "exec") && !isCall(i) && statementDownloads {
                    out.add(.downloadAndRun, "eval(download)")
                }
                if isCall(i), out.budget > 0 {
                    out.budget -= 1
                    let call = self.call(at: i)
                    if isDownload(call) { statementDownloads = true }
                    apply(call, statementDownloads: statementDownloads, into: &out)
                    if let name = assigning, isDownload(call) || argumentsDownload(call) { markDownloaded(name) }
                    // `with open("x", "wb") as f`.
                    if call.last == "open", call.close + 2 < tokens.count, tokens[call.close + 1].text == "as", tokens[call.close + 2].kind == .name,
                       let path = argumentStrings(call).first, fileHandles.count < 32 {
                        fileHandles.append((tokens[call.close + 2].text, path))
                    }
                    if let name = assigning, call.last == "open", let path = argumentStrings(call).first, fileHandles.count < 32 {
                        fileHandles.append((name, path))
                    }
                }
            }
            statementStart = false
            i += 1
        }
    }

    private func previousName(_ i: Int) -> String? {
        i > 0 && tokens[i - 1].kind == .name ? tokens[i - 1].text : nil
    }

    private func isCall(_ i: Int) -> Bool {
        i + 1 < tokens.count && tokens[i + 1].text == "(" && tokens[i + 1].kind == .symbol
    }

    private mutating func bind(_ name: String, to value: String) {
        if let index = literals.firstIndex(where: { $0.name == name }) { literals[index].value = value }
        else if literals.count < 32 { literals.append((name, value)) }
    }

    private mutating func markDownloaded(_ name: String) {
        if !downloadedNames.contains(name) && downloadedNames.count < 32 { downloadedNames.append(name) }
    }

    /// The call whose name ends at `i`: its dotted chain, walking back through `a.b().c`.
    private func call(at i: Int, findingClose: Bool = true) -> Call {
        var parts = [tokens[i].text]
        var receiverString: String?
        var j = i
        while j >= 2, tokens[j - 1].text == ".", tokens[j - 1].kind == .symbol, parts.count < 8 {
            let k = j - 2
            if tokens[k].kind == .name {
                parts.insert(tokens[k].text, at: 0)
                j = k
            } else if tokens[k].text == ")" {
                // Back over one argument list to the name of the call before it.
                var level = 0
                var m = k
                var steps = 0
                while m >= 0 && steps < 256 {
                    if tokens[m].text == ")" { level += 1 } else if tokens[m].text == "(" { level -= 1; if level == 0 { break } }
                    if tokens[m].kind == .string && level == 1 && receiverString == nil { receiverString = tokens[m].text }
                    m -= 1
                    steps += 1
                }
                guard m >= 1, tokens[m - 1].kind == .name else { break }
                parts.insert(tokens[m - 1].text + "()", at: 0)
                j = m - 1
            } else {
                break
            }
        }
        let close = findingClose ? closing(from: i + 1) : i + 1
        return Call(parts: parts, receiverString: receiverString, open: i + 1, close: close)
    }

    /// A call's arguments are read up to this many tokens; the rest of a longer call is not.
    static let maximumArgumentTokens = 512

    /// The index of the `)` matching the `(` at `open`, or where the argument window ends.
    private func closing(from open: Int) -> Int {
        var level = 0
        var k = open
        let limit = Swift.min(tokens.count, open + Self.maximumArgumentTokens)
        while k < limit {
            let t = tokens[k]
            if t.kind == .symbol {
                if t.text == "(" || t.text == "[" || t.text == "{" { level += 1 }
                else if t.text == ")" || t.text == "]" || t.text == "}" { level -= 1; if level == 0 { return k } }
            }
            k += 1
        }
        return limit
    }

    /// The call's string arguments at any depth, names bound to literals resolved; at most 16.
    private func argumentStrings(_ call: Call) -> [String] {
        var strings: [String] = []
        var k = call.open + 1
        while k < call.close && strings.count < 16 {
            let t = tokens[k]
            if t.kind == .string {
                strings.append(t.text)
            } else if t.kind == .name, !isCall(k), k + 1 >= tokens.count || tokens[k + 1].text != "=",
                      let bound = literals.first(where: { $0.name == t.text }) {
                strings.append(bound.value)
            } else if t.kind == .name, Self.homeDirectoryCalls.contains(t.text), isCall(k),
                      k + 2 < tokens.count, tokens[k + 2].text == ")" {
                // `Path.home()`, `os.homedir()`: the home directory itself.
                strings.append("~")
            }
            k += 1
        }
        return strings
    }

    /// Whether the call's arguments hold a download or a name bound to one.
    private func argumentsDownload(_ call: Call) -> Bool {
        var k = call.open + 1
        while k < call.close {
            if tokens[k].kind == .name {
                if downloadedNames.contains(tokens[k].text) { return true }
                if isCall(k), Self.getNames.contains(tokens[k].text) || tokens[k].text == "urlopen" || tokens[k].text == "got" || tokens[k].text == "ky",
                   isDownload(self.call(at: k, findingClose: false)) { return true }
            }
            k += 1
        }
        return false
    }

    /// The string after a `key=` or `key:` argument.
    private func keyword(_ call: Call, _ names: Set<String>) -> CodeToken? {
        var k = call.open + 1
        while k + 2 <= call.close {
            if tokens[k].kind == .name || tokens[k].kind == .string, names.contains(tokens[k].text),
               tokens[k + 1].text == "=" || tokens[k + 1].text == ":" {
                return k + 2 < tokens.count ? tokens[k + 2] : nil
            }
            k += 1
        }
        return nil
    }

    /// Top-level argument count (commas at the call's own level, plus one).
    private func argumentCount(_ call: Call) -> Int {
        guard call.open + 1 < call.close else { return 0 }
        var level = 0
        var count = 1
        for k in (call.open + 1)..<call.close {
            let t = tokens[k]
            guard t.kind == .symbol else { continue }
            if t.text == "(" || t.text == "[" || t.text == "{" { level += 1 }
            else if t.text == ")" || t.text == "]" || t.text == "}" { level -= 1 }
            else if t.text == "," && level == 0 { count += 1 }
        }
        return count
    }

    private func isDownload(_ call: Call) -> Bool {
        let receiver = call.receiver
        if Self.getNames.contains(call.last) && (Self.httpReceivers.contains(receiver) || receiver.hasSuffix("()") && Self.httpReceivers.contains(receiver)) { return true }
        if call.parts.count == 1 && ["fetch", "urlopen", "urlretrieve", "got", "ky", "curl_exec", "wget"].contains(call.last) { return true }
        if call.last == "urlopen" || call.last == "DownloadString" || call.last == "DownloadFile" { return true }
        return false
    }

    /// A short rendering of the call for the finding: `os.system("rm -rf /")`.
    private func render(_ call: Call) -> String {
        var text = call.name + "("
        var k = call.open + 1
        var used = 0
        while k < call.close && used < 10 && text.utf8.count < 96 {
            let t = tokens[k]
            switch t.kind {
            case .string: text += "\"" + AnalysisBuilder.clip(t.text, to: 64) + "\""
            case .end: break
            default: text += t.text == "," ? ", " : t.text
            }
            k += 1
            used += 1
        }
        return text + (k < call.close ? " ...)" : ")")
    }

    private mutating func apply(_ call: Call, statementDownloads: Bool, into out: inout AnalysisBuilder) {
        let last = call.last
        // `require('child_process').exec(...)`, `__import__('os').system(...)`: the module named in the call.
        let receiver = call.receiver.hasSuffix("()") && call.receiverString.map(Self.shellReceivers.contains) == true
            ? call.receiverString ?? call.receiver : call.receiver
        let bare = call.parts.count == 1

        // Shell commands.
        if (Self.shellReceivers.contains(receiver) && Self.execNames.contains(last)) || (bare && Self.bareExecNames.contains(last))
            || (bare && mentionsChildProcess && (last == "exec" || last == "spawn" || last == "execFile"))
            || (last == "exec" && receiver == "getRuntime()") || (receiver == "Command" && last == "new") || last == "ProcessBuilder" {
            if argumentsDownload(call) { out.add(.downloadAndRun, render(call)) }
            let strings = argumentStrings(call)
            if !strings.isEmpty {
                _ = ShellWalker.analyze(strings.joined(separator: " "), depth: depth + 1, into: &out)
            }
            return
        }
        // Code run from text.
        if (bare && Self.codeExecNames.contains(last) && last != "loads" && last != "load") || (receiver == "vm" && last.hasPrefix("runIn"))
            || ((receiver == "marshal" || receiver == "pickle" || receiver == "dill" || receiver == "cloudpickle") && (last == "loads" || last == "load"))
            || (receiver == "runpy") {
            let strings = argumentStrings(call)
            if argumentsDownload(call) || strings.contains(where: { out.isDownloaded($0) }) {
                out.add(.downloadAndRun, render(call))
            } else if bare && (last == "exec" || last == "eval"), let code = strings.first {
                CodeSnippetAnalyzer.analyze(code, depth: depth + 1, into: &out)
            }
            return
        }
        // Removal.
        if (Self.removeNames.contains(last) && (Self.fileReceivers.contains(receiver) || receiver.hasSuffix("()") && (receiver.hasPrefix("Path") || receiver.hasPrefix("File"))))
            || (bare && Self.recursiveRemoves.contains(last)) || (last == "delete" && (receiver == "File" || receiver == "Files" || receiver == "FileUtils")) {
            guard last != "remove" || receiver == "os" || receiver == "fs" || receiver == "Files" || receiver == "File" || receiver == "FileUtils" || receiver == "std" else { return }
            guard last != "delete" || ["File", "Files", "FileUtils"].contains(receiver) else { return }
            let strings = argumentStrings(call)
            let joined = call.parts.contains("join") || tokens[call.open..<call.close].contains { $0.text == "join" }
            let path = receiver.hasSuffix("()") ? call.receiverString : (joined ? strings.joined(separator: "/") : strings.first)
            var recursive = Self.recursiveRemoves.contains(last)
            if let flag = keyword(call, ["recursive"]), flag.text == "true" || flag.text == "True" { recursive = true }
            if let path {
                ShellWalker.removed(path, cwd: nil, recursive: recursive, fragment: render(call), into: &out)
            } else {
                out.add(.destroy, render(call))
            }
            return
        }
        // Rights.
        if Self.privilegeNames.contains(last) && (receiver == "os" || receiver == "fs" || receiver == "process" || receiver == "shutil" || receiver == "posix"
            || receiver == "FileUtils" || receiver == "File" || receiver == "Files" || receiver == "promises" || receiver.hasSuffix("()") || bare) {
            if let path = receiver.hasSuffix("()") ? call.receiverString : argumentStrings(call).first { out.path(path) }
            out.add(.privilege, render(call))
            return
        }
        // Signals.
        if (last == "kill" || last == "killpg") && (receiver == "os" || receiver == "process" || receiver == "posix" || receiver == "syscall" || receiver == "Process")
            || (last == "terminate" || last == "kill" || last == "send_signal") && !bare {
            var k = call.open + 1
            var broad = false
            if k < call.close, tokens[k].text == "-" { k += 1 }
            if k < call.close, tokens[k].kind == .number, tokens[k].text == "1", k + 1 < tokens.count, tokens[k + 1].text == "," { broad = true }
            out.add(broad ? .destroyBroad : .processKill, render(call))
            return
        }
        // Mail.
        if Self.mailNames.contains(last) {
            var strings = argumentStrings(call)
            if last == "sendmail" && !strings.isEmpty { strings.removeFirst() }
            let sender = keyword(call, ["from", "from_email", "sender", "From"])?.text
            for text in strings where text != sender {
                for part in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
                    if let address = HostText.emailAddress(String(part)) { out.recipient(address) }
                }
            }
            out.add(.egress, render(call))
            return
        }
        // Network.
        let httpish = Self.httpReceivers.contains(receiver) || (bare && (last == "fetch" || last == "urlopen" || last == "urlretrieve" || last == "got" || last == "ky"))
            || (receiver == "request" && call.parts.first == "urllib") || last == "urlopen"
        if httpish && (Self.getNames.contains(last) || Self.sendNames.contains(last) || bare) || last == "sendBeacon" || last == "DownloadString" || last == "DownloadFile" {
            let strings = argumentStrings(call)
            var sends = Self.sendNames.contains(last) && last != "request" && last != "Request"
            if let method = keyword(call, ["method", "type"])?.text.uppercased(), ["POST", "PUT", "PATCH", "DELETE"].contains(method) { sends = true }
            if last == "request" || last == "Request", let method = strings.first?.uppercased(), ["POST", "PUT", "PATCH", "DELETE"].contains(method) { sends = true }
            if keyword(call, ["data", "json", "files", "body"]) != nil { sends = true }
            if last == "urlopen" && argumentCount(call) >= 2 { sends = true }
            let url = strings.first { TextSearch.contains($0, "://") } ?? strings.first { HostText.fromURL($0, bareAllowed: true) != nil }
            let host = url.flatMap { HostText.fromURL($0, bareAllowed: true) }
            if let host { out.host(host) }
            if last == "urlretrieve" || last == "DownloadFile", strings.count >= 2 { out.downloaded(strings[1]) }
            if let host, HostText.isLocal(host), !sends {
                out.add(.read)
            } else {
                out.add(.egress, render(call))
            }
            return
        }
        if Self.connectionNames.contains(last) && !Self.notNetworkReceivers.contains(receiver) && !(bare && last == "connect") {
            let strings = argumentStrings(call)
            let named = keyword(call, ["host", "hostname", "address", "server"])
            let candidate = named?.kind == .string ? named?.text : strings.first
            if let candidate {
                let host = HostText.fromURL(candidate) ?? HostText.fromDestination(candidate)
                let looksLikeFile = [".db", ".sqlite", ".sqlite3", ".json", ".txt", ".csv", ".sock"].contains { candidate.hasSuffix($0) }
                if let host, !looksLikeFile, host.contains(".") || host == "localhost" || host.contains(":") {
                    out.host(host)
                }
            }
            out.add(.egress, render(call))
            return
        }
        // Writes (and, with downloaded content, a file that may be run later).
        if last == "open" && (bare || receiver == "io" || receiver == "codecs" || receiver == "os" || receiver == "fs") {
            let strings = argumentStrings(call)
            guard let path = strings.first else { return }
            let mode = keyword(call, ["mode", "flags"])?.text ?? (strings.count >= 2 ? strings[1] : "r")
            if mode.contains("w") || mode.contains("a") || mode.contains("x") || mode.contains("+") {
                ShellWalker.wrote(path, cwd: nil, truncating: mode.contains("w"), fragment: render(call), into: &out)
            } else {
                out.add(.read)
            }
            return
        }
        if Self.writeNames.contains(last) && !bare {
            let handlePath = fileHandles.first(where: { $0.name == receiver })?.path
            let strings = argumentStrings(call)
            let path: String?
            if last == "write" {
                path = handlePath ?? (receiver.hasPrefix("open()") ? call.receiverString : nil)
            } else if ["rename", "renameSync", "replace", "move", "copy", "copyfile", "copy2", "copytree", "copyFile", "copyFileSync", "symlink", "symlinkSync", "link"].contains(last) {
                path = strings.count >= 2 ? strings[1] : strings.first
            } else {
                path = receiver.hasSuffix("()") ? call.receiverString : strings.first
            }
            guard let path else { return }
            if argumentsDownload(call) || statementDownloads { out.downloaded(path) }
            if last != "write" { ShellWalker.wrote(path, cwd: nil, truncating: last != "appendFile" && last != "appendFileSync", fragment: render(call), into: &out) }
            return
        }
        // SQL handed to a database driver.
        if Self.sqlNames.contains(last) && !bare || (bare && (last == "text" || last == "sql")) {
            for sql in argumentStrings(call) where SQLStatementAnalyzer.startsWithStatement(sql) {
                SQLStatementAnalyzer.analyze(sql, depth: depth + 1, into: &out)
            }
        }
    }
}
