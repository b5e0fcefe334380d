/// Says what a code snippet handed to an execute-code tool does, by the library calls
/// it makes: shell commands (`os.system`, `subprocess.run`, `child_process.exec`),
/// file removal (`os.remove`, `shutil.rmtree`, `fs.rmSync`), network sends
/// (`requests.post`, `urlopen(url, data)`, `fetch(url, {method: "POST"})`, `smtplib`,
/// `socket.connect`), rights (`os.chmod`, `os.setuid`), signals (`os.kill`), SQL passed
/// to `execute`, and code fetched from the network and run (`exec(requests.get(u).text)`).
///
/// Arguments are read from literals, and from names bound to a literal earlier in the
/// snippet (`cmd = "rm -rf /"; os.system(cmd)`). Shell command text goes through
/// `CommandLineAnalyzer`'s rules and SQL text through `SQLStatementAnalyzer`'s, one
/// level deeper. IPython shell escapes (`!cmd` lines, `%%bash` cells) are command lines.
///
/// Bounds: the first 64 KiB, 16,384 tokens, 1,024 calls (shared with nested analyses),
/// 512 tokens of arguments per call, 32 remembered names. Any byte sequence is accepted.
public enum CodeSnippetAnalyzer {
    public static let maximumBytes = 65_536

    public static func analyze(_ code: String) -> CommandAnalysis {
        var out = AnalysisBuilder()
        analyze(code, depth: 0, into: &out)
        return out.build()
    }

    static func analyze(_ code: String, depth: Int, into out: inout AnalysisBuilder) {
        guard depth <= AnalysisBuilder.maximumDepth, !code.isEmpty, out.budget > 0 else { return }
        var code = code
        code.withUTF8 { all in
            let text = UnsafeBufferPointer(rebasing: all.prefix(maximumBytes))
            if shellEscapes(text, depth: depth, into: &out) { return }
            var walker = CodeWalker(tokens: CodeLexer.tokenize(text), depth: depth)
            walker.mentionsChildProcess = contains(text, "child_process")
            walker.walk(into: &out)
            powershellDownloadAndRun(text, into: &out)
        }
    }

    /// IPython `!cmd` lines and `%%bash`/`%%sh` cells; true when the whole snippet is shell.
    private static func shellEscapes(_ text: UnsafeBufferPointer<UInt8>, depth: Int, into out: inout AnalysisBuilder) -> Bool {
        var lineStart = 0
        var first = true
        while lineStart < text.count {
            var lineEnd = lineStart
            while lineEnd < text.count && text[lineEnd] != 0x0A { lineEnd += 1 }
            var k = lineStart
            while k < lineEnd && (text[k] == 0x20 || text[k] == 0x09) { k += 1 }
            let line = UnsafeBufferPointer(rebasing: text[k..<lineEnd])
            if first && (line.starts(with: Array("%%bash".utf8)) || line.starts(with: Array("%%sh".utf8)) || line.starts(with: Array("%%script".utf8))) {
                let rest = String(decoding: UnsafeBufferPointer(rebasing: text[Swift.min(text.count, lineEnd + 1)...]), as: UTF8.self)
                _ = ShellWalker.analyze(rest, depth: depth + 1, into: &out)
                return true
            }
            if !line.isEmpty { first = false }
            if line.count > 1, line[0] == 0x21, line[1] != 0x3D {
                _ = ShellWalker.analyze(String(decoding: UnsafeBufferPointer(rebasing: line.dropFirst()), as: UTF8.self), depth: depth + 1, into: &out)
            }
            lineStart = lineEnd + 1
        }
        return false
    }

    /// PowerShell's `iex (New-Object Net.WebClient).DownloadString('...')` and `iwr ... | iex`.
    private static func powershellDownloadAndRun(_ text: UnsafeBufferPointer<UInt8>, into out: inout AnalysisBuilder) {
        guard contains(text, "iex") || contains(text, "invoke-expression") else { return }
        let fetches = contains(text, "downloadstring") || contains(text, "invoke-webrequest") || contains(text, "iwr ")
            || contains(text, "invoke-restmethod") || contains(text, "irm ")
        guard fetches else { return }
        out.add([.downloadAndRun, .egress], "iex (download)")
    }

    /// Whether `text` holds `needle` (lower case ASCII), ignoring ASCII case.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0, text.count >= n else { return false }
        let p = needle.utf8Start
        let first = p[0]
        var k = 0
        while k + n <= text.count {
            if Byte.lower(text[k]) == first {
                var j = 1
                while j < n && Byte.lower(text[k + j]) == p[j] { j += 1 }
                if j == n { return true }
            }
            k += 1
        }
        return false
    }
}
