/// Programs that talk to other hosts: their destinations become `hosts` (and
/// `recipients` for mail), and what they fetch may be run later.
extension ShellWalker {
    mutating func network(_ kind: ProgramKind, _ name: String, args: ArraySlice<ShellToken>, input: Input,
                          fragment: @autoclosure () -> String, output: inout StageOutput, into out: inout AnalysisBuilder) {
        output.carriesDownload = false
        switch kind {
        case .curl, .httpie:
            var sends = false
            var toStdout = true
            var urls: [String] = []
            var method = ""
            if kind == .curl {
                var parsed = ProgramArguments(args, shortValues: "AbcCdDeEFHKmoPQrtTuUwxXyYz",
                                              longValues: ["data", "data-raw", "data-binary", "data-urlencode", "data-ascii", "form", "form-string",
                                                           "upload-file", "output", "request", "header", "user", "user-agent", "referer", "cookie",
                                                           "cookie-jar", "proxy", "max-time", "connect-timeout", "write-out", "config", "url", "cert",
                                                           "key", "cacert", "capath", "resolve", "range", "retry", "retry-delay", "limit-rate",
                                                           "continue-at", "output-dir", "dump-header", "json", "interface", "proxy-user",
                                                           "oauth2-bearer", "unix-socket", "mail-from", "mail-rcpt", "variable", "connect-to"])
                while let argument = parsed.next() {
                    if let operand = argument.operand { urls.append(operand.text); continue }
                    switch (argument.letter, argument.name) {
                    case (0x64, _), (0x46, _), (0x54, _), (_, "data"), (_, "data-raw"), (_, "data-binary"), (_, "data-urlencode"),
                         (_, "data-ascii"), (_, "form"), (_, "form-string"), (_, "upload-file"), (_, "json"):
                        sends = true
                    case (0x58, _), (_, "request"):
                        method = (argument.value ?? "").uppercased()
                    case (0x6F, _), (_, "output"):
                        if let file = argument.value, file != "-" {
                            toStdout = false
                            out.downloaded(file)
                            wrote(file, truncating: true, fragment: fragment(), into: &out)
                        }
                    case (0x4F, _), (_, "remote-name"), (_, "remote-name-all"):
                        toStdout = false
                    case (_, "url"):
                        if let url = argument.value { urls.append(url) }
                    case (_, "mail-rcpt"):
                        if let address = argument.value.flatMap(HostText.emailAddress) { out.recipient(address); sends = true }
                    default:
                        break
                    }
                }
            } else {
                // httpie: [METHOD] URL [items]; `key=value`, `key:=json` and `@file` items send data.
                for word in args where !word.isOption {
                    let text = word.text
                    if urls.isEmpty, ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].contains(text.uppercased()) {
                        method = text.uppercased()
                    } else if urls.isEmpty {
                        urls.append(text.hasPrefix(":") ? "http://localhost" + text : text)
                    } else if text.contains("=") || text.hasPrefix("@") {
                        sends = true
                    }
                }
                if args.contains(where: { $0.text == "--download" || $0.text == "-d" }) { toStdout = false }
            }
            if method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE" { sends = true }
            var local = true
            var anyHost = false
            for url in urls {
                if url.hasPrefix("file:") { continue }
                guard let host = HostText.fromURL(url, bareAllowed: true) else { local = false; continue }
                anyHost = true
                if !HostText.isLocal(host) { local = false }
                out.host(host)
                if args.contains(where: { $0.text == "-O" || $0.text == "--remote-name" || (ProgramArguments.cluster($0, has: 0x4F)) }) {
                    out.downloaded(Self.urlFileName(url))
                }
            }
            if urls.isEmpty { local = false }
            if local && anyHost && !sends {
                out.add(.read)
            } else {
                out.add(.egress, fragment())
            }
            output.carriesDownload = toStdout && !urls.isEmpty
        case .wget:
            var toStdout = false
            var named = false
            var sends = false
            var urls: [String] = []
            var parsed = ProgramArguments(args, shortValues: "OoaePiUtTwQlDBIXAR",
                                          longValues: ["output-document", "output-file", "post-data", "post-file", "body-data", "body-file",
                                                       "method", "header", "user", "password", "directory-prefix", "user-agent",
                                                       "input-file", "tries", "timeout", "wait", "level", "execute", "referer"])
            while let argument = parsed.next() {
                if let operand = argument.operand { urls.append(operand.text); continue }
                switch (argument.letter, argument.name) {
                case (0x4F, _), (_, "output-document"):
                    named = true
                    if let file = argument.value, file != "-" {
                        out.downloaded(file)
                        wrote(file, truncating: true, fragment: fragment(), into: &out)
                    } else {
                        toStdout = true
                    }
                case (_, "post-data"), (_, "post-file"), (_, "body-data"), (_, "body-file"):
                    sends = true
                case (_, "method"):
                    let method = (argument.value ?? "").uppercased()
                    if method != "GET" && method != "HEAD" { sends = true }
                default:
                    break
                }
            }
            var local = !urls.isEmpty
            for url in urls {
                guard let host = HostText.fromURL(url, bareAllowed: true) else { local = false; continue }
                if !HostText.isLocal(host) { local = false }
                out.host(host)
                if !named && !toStdout { out.downloaded(Self.urlFileName(url)) }
            }
            out.add(local && !sends ? .read : .egress, fragment())
            output.carriesDownload = toStdout
        case .scp, .rsync, .sftp:
            var remote = false
            let values: StaticString = kind == .scp ? "cFiJloPS" : kind == .rsync ? "eBfT" : "BbcDFiJloPRSsp"
            var parsed = ProgramArguments(args, shortValues: values,
                                          longValues: ["rsh", "exclude", "include", "filter", "port", "password-file", "files-from", "log-file",
                                                       "bwlimit", "timeout", "chmod", "chown", "backup-dir", "suffix", "partial-dir",
                                                       "temp-dir", "compare-dest", "link-dest", "copy-dest", "out-format", "rsync-path", "exclude-from", "user"])
            var operands: [ShellToken] = []
            var deletes = false
            while let argument = parsed.next() {
                if let operand = argument.operand { if operands.count < 32 { operands.append(operand) }; continue }
                if argument.name.hasPrefix("delete") || argument.name == "remove-source-files" { deletes = true }
            }
            for (index, operand) in operands.enumerated() {
                let host: String?
                if kind == .sftp {
                    host = index == 0 ? HostText.fromDestination(operand.text) : nil
                } else {
                    host = HostText.fromRemotePath(operand.text)
                }
                if let host {
                    remote = true
                    out.host(host)
                } else if kind == .sftp && index == 0 {
                    remote = true
                }
            }
            if kind == .sftp, operands.isEmpty { remote = true }
            if remote {
                out.add(.egress, fragment())
            } else if let destination = operands.last {
                wrote(destination.text, truncating: false, fragment: fragment(), into: &out)
            }
            if deletes, let destination = operands.last {
                out.path(destination.text)
                out.add(.destroy, fragment())
            }
        case .netcat:
            var parsed = ProgramArguments(args, shortValues: "pswxXiqegGIOTVMmc", longValues: ["exec", "sh-exec", "proxy", "source"])
            var listens = false
            var runs = false
            var hostSeen = false
            while let argument = parsed.next() {
                if argument.letter == 0x6C || argument.name == "listen" { listens = true }
                if argument.letter == 0x65 || argument.letter == 0x63 || argument.name == "exec" || argument.name == "sh-exec" { runs = true }
                if let operand = argument.operand, !hostSeen, !listens || operand.text.utf8.contains(0x2E) {
                    hostSeen = true
                    if let host = HostText.fromDestination(operand.text), !operand.text.utf8.allSatisfy({ $0 &- 0x30 < 10 }) { out.host(host) }
                }
            }
            // `nc -e /bin/sh host port` hands a shell to the other end.
            out.add(runs ? [.egress, .privilege] : .egress, fragment())
        case .socat:
            var runs = false
            for word in args where !word.isOption {
                let parts = word.text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                guard let type = parts.first?.uppercased() else { continue }
                if type == "EXEC" || type == "SYSTEM" { runs = true }
                if ["TCP", "TCP4", "TCP6", "TCP-CONNECT", "UDP", "UDP4", "UDP6", "UDP-SENDTO", "OPENSSL", "SSL", "SOCKS4", "SOCKS4A", "SOCKS5", "PROXY", "SCTP"].contains(type),
                   parts.count >= 2, let host = HostText.hostPart(ArraySlice(parts[1].utf8)) {
                    out.host(host)
                }
            }
            out.add(runs ? [.egress, .privilege] : .egress, fragment())
        case .mail:
            var parsed = ProgramArguments(args, shortValues: name == "sendmail" ? "fFoBNRVXCLOhpq" : "sabcrSqfuFeiHEA",
                                          longValues: ["subject", "attach", "cc", "bcc", "from", "to", "server", "body", "header"])
            var sendsFile = false
            while let argument = parsed.next() {
                if let operand = argument.operand {
                    if let address = HostText.emailAddress(operand.text) { out.recipient(address) }
                    continue
                }
                if argument.letter == 0x63 || argument.letter == 0x62 || argument.name == "cc" || argument.name == "bcc" || argument.name == "to",
                   let value = argument.value {
                    for part in value.split(separator: ",") {
                        if let address = HostText.emailAddress(String(part.drop { $0 == " " })) { out.recipient(address) }
                    }
                }
                if argument.letter == 0x61 || argument.letter == 0x41 || argument.name == "attach" { sendsFile = true }
                if argument.name == "server", let server = argument.value, let host = HostText.fromDestination(server) { out.host(host) }
            }
            out.add(.egress, sendsFile ? "\(fragment()) (attachment)" : fragment())
        case .ssh:
            let destinationAndCommand = ProgramArguments.command(after: args, shortValues: "BbcDEeFIiJLlmOoPpQRSWw")
            if let destination = destinationAndCommand.first, let host = HostText.fromDestination(destination.text) { out.host(host) }
            out.add(.egress, fragment())
            let remote = destinationAndCommand.dropFirst()
            if !remote.isEmpty {
                _ = ShellWalker.analyze(remote.map(\.text).joined(separator: " "), depth: depth + 1, into: &out)
            }
            if let literal = input.literal ?? input.piped?.literal { _ = ShellWalker.analyze(literal, depth: depth + 1, into: &out) }
        case .sshCopyId:
            let rest = ProgramArguments.command(after: args, shortValues: "ipoF")
            if let destination = rest.first, let host = HostText.fromDestination(destination.text) { out.host(host) }
            out.add([.egress, .privilege, .persistence], fragment())
        case .scanner:
            for word in args where !word.isOption {
                if let host = HostText.fromURL(word.text) ?? HostText.fromDestination(word.text), host.utf8.contains(0x2E) { out.host(host) }
            }
            out.add(.egress, fragment())
        default:
            break
        }
    }

    /// The file `curl -O` or `wget` saves a URL as: its last path component, else `index.html`.
    static func urlFileName(_ url: String) -> String {
        var path = Substring(url)
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        if let colon = path.firstIndex(of: ":"), path[colon...].hasPrefix("://") { path = path[path.index(colon, offsetBy: 3)...] }
        guard let slash = path.lastIndex(of: "/") else { return "index.html" }
        let name = path[path.index(after: slash)...]
        return name.isEmpty ? "index.html" : String(name)
    }
}
