/// One lexical unit of a Python, JavaScript, Ruby, PHP or Go snippet, as far as
/// `CodeSnippetAnalyzer` needs: names, literals, punctuation and statement ends.
struct CodeToken {
    enum Kind { case name, string, number, symbol, end }
    var kind: Kind
    /// A name, a number, a symbol (`.` also stands for `::` and `->`; `=` for `:=`), or a
    /// string literal's contents with escapes resolved (at most 4 KiB).
    var text: String
}

/// Splits code into `CodeToken`s: `#`, `//` and `/* */` comments are skipped, string
/// literals of every common form are read (`'...'`, `"..."`, triple quotes, backticks,
/// `r`/`b`/`f`/`u` prefixes), and a newline outside brackets or a `;` ends a statement.
///
/// `//` starts a comment only at a line start or after `;`, `{`, `}`, `,`, `(` or `[`,
/// so Python's floor division stays code. Bounds: at most `maximumTokens` tokens.
struct CodeLexer {
    static let maximumTokens = 16_384

    private let text: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private var tokens: [CodeToken] = []
    private var lastSignificant: UInt8 = 0x0A

    static func tokenize(_ text: UnsafeBufferPointer<UInt8>) -> [CodeToken] {
        var lexer = CodeLexer(text: text)
        lexer.run()
        return lexer.tokens
    }

    private init(text: UnsafeBufferPointer<UInt8>) { self.text = text }

    @inline(__always) private func at(_ k: Int) -> UInt8 { k < text.count ? text[k] : 0 }

    private mutating func append(_ kind: CodeToken.Kind, _ text: String) {
        tokens.append(CodeToken(kind: kind, text: text))
    }

    private mutating func run() {
        while i < text.count && tokens.count < Self.maximumTokens {
            let b = text[i]
            if b == 0x0A {
                if depth == 0, tokens.last.map({ $0.kind != .end }) ?? false { append(.end, "") }
                lastSignificant = 0x0A
                i += 1
                continue
            }
            if Byte.isSpace(b) || b == 0x0B || b == 0x0C { i += 1; continue }
            if b == 0x5C && at(i + 1) == 0x0A { i += 2; continue }
            if b == 0x23 {  // # comment
                while i < text.count && text[i] != 0x0A { i += 1 }
                continue
            }
            if b == 0x2F && at(i + 1) == 0x2F && [0x0A, 0x3B, 0x7B, 0x7D, 0x2C, 0x28, 0x5B].contains(lastSignificant) {
                while i < text.count && text[i] != 0x0A { i += 1 }
                continue
            }
            if b == 0x2F && at(i + 1) == 0x2A {
                i += 2
                while i < text.count && !(text[i] == 0x2A && at(i + 1) == 0x2F) { i += 1 }
                i += 2
                continue
            }
            lastSignificant = b
            switch b {
            case 0x27, 0x22, 0x60:
                append(.string, string())
            case 0x3B:
                i += 1
                append(.end, "")
            case 0x28, 0x5B, 0x7B:
                depth += 1
                i += 1
                append(.symbol, b == 0x28 ? "(" : b == 0x5B ? "[" : "{")
            case 0x29, 0x5D, 0x7D:
                depth = Swift.max(0, depth - 1)
                i += 1
                append(.symbol, b == 0x29 ? ")" : b == 0x5D ? "]" : "}")
            case 0x2E:
                i += 1
                append(.symbol, ".")
            case 0x3A where at(i + 1) == 0x3A:
                i += 2
                append(.symbol, ".")
            case 0x2D where at(i + 1) == 0x3E:
                i += 2
                append(.symbol, ".")
            case 0x3D, 0x21, 0x3C, 0x3E, 0x2B, 0x2A, 0x25, 0x7C, 0x26, 0x5E, 0x3A, 0x2D, 0x2F:
                let next = at(i + 1)
                if b == 0x3A && next == 0x3D { i += 2; append(.symbol, "="); continue }
                if next == 0x3D && b != 0x3D { i += 2; append(.symbol, b == 0x21 || b == 0x3C || b == 0x3E ? "cmp" : "op="); continue }
                if b == 0x3D && (next == 0x3D || next == 0x3E) { i += 2; append(.symbol, next == 0x3E ? "=>" : "=="); if at(i) == 0x3D { i += 1 }; continue }
                i += 1
                append(.symbol, String(decoding: CollectionOfOne(b), as: UTF8.self))
            default:
                if Byte.isLetter(b) || b == 0x5F || b == 0x24 || b >= 0x80 {
                    let start = i
                    while i < text.count, Byte.isWord(text[i]) || text[i] == 0x24 || text[i] >= 0x80 { i += 1 }
                    let length = i - start
                    // String prefixes: r"", b'', f"", rb"", u''.
                    if length <= 2, at(i) == 0x27 || at(i) == 0x22,
                       UnsafeBufferPointer(rebasing: text[start..<i]).allSatisfy({ [0x72, 0x62, 0x66, 0x75, 0x52, 0x42, 0x46, 0x55].contains($0) }) {
                        append(.string, string())
                        continue
                    }
                    append(.name, String(decoding: UnsafeBufferPointer(rebasing: text[start..<Swift.min(i, start + 64)]), as: UTF8.self))
                } else if Byte.isDigit(b) {
                    let start = i
                    while i < text.count, Byte.isAlnum(text[i]) || text[i] == 0x5F || (text[i] == 0x2E && Byte.isDigit(at(i + 1))) { i += 1 }
                    append(.number, String(decoding: UnsafeBufferPointer(rebasing: text[start..<Swift.min(i, start + 32)]), as: UTF8.self))
                } else {
                    i += 1
                }
            }
        }
    }

    /// A string literal at `i` (its opening quote); triple quotes run to the matching triple.
    private mutating func string() -> String {
        let quote = text[i]
        let triple = quote != 0x60 && at(i + 1) == quote && at(i + 2) == quote
        i += triple ? 3 : 1
        var bytes: [UInt8] = []
        while i < text.count {
            let b = text[i]
            if b == 0x5C && i + 1 < text.count {
                let e = text[i + 1]
                let resolved: UInt8
                switch e {
                case 0x6E: resolved = 0x0A
                case 0x74: resolved = 0x09
                case 0x0A: i += 2; continue
                default: resolved = e
                }
                if bytes.count < 4096 { bytes.append(resolved) }
                i += 2
                continue
            }
            if b == quote {
                if !triple { i += 1; break }
                if at(i + 1) == quote && at(i + 2) == quote { i += 3; break }
            }
            if b == 0x0A && !triple && quote != 0x60 { break }
            if bytes.count < 4096 { bytes.append(b) }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
