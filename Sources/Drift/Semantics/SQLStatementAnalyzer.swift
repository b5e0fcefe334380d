/// Says what SQL does: reads, writes, deletes some rows, wipes a table, grants rights,
/// or reaches outside the database (`COPY ... TO PROGRAM`, `INTO OUTFILE`, `xp_cmdshell`).
///
/// | statement | effects |
/// | --- | --- |
/// | `SELECT`, `SHOW`, `EXPLAIN`, `WITH ... SELECT`, `VALUES` | read |
/// | `INSERT`, `MERGE`, `UPDATE ... WHERE`, `CREATE`, `ALTER ... ADD` | write |
/// | `DELETE ... WHERE` | destroy |
/// | `DELETE`/`UPDATE` without `WHERE` (or `WHERE 1=1`), `DROP TABLE`, `TRUNCATE`, `ALTER ... DROP` | destroy + destroyBroad |
/// | `GRANT`, `REVOKE`, `CREATE/ALTER/DROP USER` or `ROLE`, `SET ROLE` | privilege |
/// | `CREATE TRIGGER`/`EVENT`/`RULE` | write + persistence |
/// | `COPY ... TO PROGRAM 'cmd'`, `SELECT ... INTO OUTFILE` | write + egress (the program is analysed as a command line) |
///
/// Statements are split at `;` outside literals; `--`, `#` and `/* */` comments, string
/// literals (`'...'` with `''`), quoted identifiers and PostgreSQL dollar quoting are
/// understood, keywords in any case. MySQL's executable comments (`/*! ... */`) are read
/// as code. Bounds: the first 64 KiB, 64 statements, 256 tokens per statement.
public enum SQLStatementAnalyzer {
    public static let maximumBytes = 65_536
    public static let maximumStatements = 64
    static let maximumTokensPerStatement = 256

    public static func analyze(_ sql: String) -> CommandAnalysis {
        var out = AnalysisBuilder()
        analyze(sql, depth: 0, into: &out)
        return out.build()
    }

    /// Whether `text` begins (after blanks and comments) with a statement keyword.
    static func startsWithStatement(_ text: String) -> Bool {
        var first = ""
        for b in text.utf8.prefix(64) {
            if Byte.isLetter(b) { first.append(Character(Unicode.Scalar(b | 0x20))) }
            else if first.isEmpty && (Byte.isSpace(b) || b == 0x28) { continue }
            else { break }
        }
        return ["select", "insert", "update", "delete", "drop", "truncate", "create", "alter", "grant", "revoke",
                "with", "merge", "replace", "copy", "show", "explain", "pragma", "attach", "exec", "execute", "call"].contains(first)
    }

    static func analyze(_ sql: String, depth: Int, into out: inout AnalysisBuilder) {
        guard depth <= AnalysisBuilder.maximumDepth, !sql.isEmpty else { return }
        var sql = sql
        sql.withUTF8 { all in
            var lexer = SQLLexer(UnsafeBufferPointer(rebasing: all.prefix(maximumBytes)))
            var statements = 0
            var tokens: [SQLToken] = []
            tokens.reserveCapacity(32)
            while statements < maximumStatements, out.budget > 0 {
                tokens.removeAll(keepingCapacity: true)
                let range = lexer.statement(into: &tokens, limit: maximumTokensPerStatement)
                guard let range else { break }
                if tokens.isEmpty { continue }
                statements += 1
                out.budget -= 1
                let text = String(decoding: UnsafeBufferPointer(rebasing: all[range.clamped(to: 0..<Swift.min(all.count, maximumBytes))].prefix(320)), as: UTF8.self)
                SQLStatement(tokens: tokens, text: text, depth: depth).classify(into: &out)
            }
        }
    }
}

/// One lexical unit of SQL. Words are upper-cased keywords or names; `quoted` names
/// (`"x"`, `` `x` ``, `[x]`) are never keywords.
struct SQLToken {
    enum Kind { case word, quoted, string, number, symbol }
    var kind: Kind
    var text: String
    /// Parenthesis depth at the token: statement-level keywords are at 0.
    var depth: Int
}

/// Splits SQL text into statements of `SQLToken`s.
struct SQLLexer {
    private let text: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var inExecutableComment = false

    init(_ text: UnsafeBufferPointer<UInt8>) { self.text = text }

    @inline(__always) private func at(_ k: Int) -> UInt8 { k < text.count ? text[k] : 0 }

    /// Reads one statement's tokens into `tokens` (at most `limit`, the rest are skipped);
    /// returns its byte range, or nil at the end of the text.
    mutating func statement(into tokens: inout [SQLToken], limit: Int) -> Range<Int>? {
        var depth = 0
        var start: Int?
        while i < text.count {
            let b = text[i]
            if Byte.isSpace(b) || b == 0x0B || b == 0x0C { i += 1; continue }
            if b == 0x2D && at(i + 1) == 0x2D || b == 0x23 {
                while i < text.count && text[i] != 0x0A { i += 1 }
                continue
            }
            if b == 0x2F && at(i + 1) == 0x2A {
                if at(i + 2) == 0x21 {  // `/*!50000 ... */`: MySQL runs what is inside.
                    i += 3
                    while i < text.count && Byte.isDigit(text[i]) { i += 1 }
                    inExecutableComment = true
                    continue
                }
                i += 2
                while i < text.count && !(text[i] == 0x2A && at(i + 1) == 0x2F) { i += 1 }
                i += 2
                continue
            }
            if b == 0x2A && at(i + 1) == 0x2F && inExecutableComment {
                inExecutableComment = false
                i += 2
                continue
            }
            if b == 0x3B {
                i += 1
                if let start { return start..<(i - 1) }
                continue
            }
            if start == nil { start = i }
            let tokenStart = i
            var token: SQLToken
            switch b {
            case 0x27:
                token = SQLToken(kind: .string, text: quoted(close: 0x27), depth: depth)
            case 0x22:
                token = SQLToken(kind: .quoted, text: quoted(close: 0x22), depth: depth)
            case 0x60:
                token = SQLToken(kind: .quoted, text: quoted(close: 0x60), depth: depth)
            case 0x5B where Byte.isLetter(at(i + 1)) || at(i + 1) == 0x5F:
                token = SQLToken(kind: .quoted, text: quoted(close: 0x5D), depth: depth)
            case 0x24 where at(i + 1) == 0x24 || Byte.isLetter(at(i + 1)):
                if let body = dollarQuoted() {
                    token = SQLToken(kind: .string, text: body, depth: depth)
                } else {
                    i += 1
                    token = SQLToken(kind: .symbol, text: "$", depth: depth)
                }
            case 0x28:
                i += 1
                token = SQLToken(kind: .symbol, text: "(", depth: depth)
                depth += 1
            case 0x29:
                i += 1
                depth = Swift.max(0, depth - 1)
                token = SQLToken(kind: .symbol, text: ")", depth: depth)
            default:
                if Byte.isLetter(b) || b == 0x5F || b == 0x40 || b >= 0x80 {
                    while i < text.count, Byte.isWord(text[i]) || text[i] == 0x24 || text[i] == 0x40 || text[i] == 0x23 || text[i] >= 0x80 { i += 1 }
                    let word = UnsafeBufferPointer(rebasing: text[tokenStart..<Swift.min(i, tokenStart + 64)])
                    // E'...' and N'...' literals: the letter is a prefix.
                    if i - tokenStart == 1 && at(i) == 0x27 && (b | 0x20 == 0x65 || b | 0x20 == 0x6E || b | 0x20 == 0x62 || b | 0x20 == 0x78) {
                        token = SQLToken(kind: .string, text: quoted(close: 0x27), depth: depth)
                    } else {
                        token = SQLToken(kind: .word, text: String(decoding: word, as: UTF8.self).uppercased(), depth: depth)
                    }
                } else if Byte.isDigit(b) {
                    while i < text.count, Byte.isAlnum(text[i]) || text[i] == 0x2E { i += 1 }
                    token = SQLToken(kind: .number, text: String(decoding: UnsafeBufferPointer(rebasing: text[tokenStart..<Swift.min(i, tokenStart + 32)]), as: UTF8.self), depth: depth)
                } else {
                    i += 1
                    token = SQLToken(kind: .symbol, text: String(decoding: CollectionOfOne(b), as: UTF8.self), depth: depth)
                }
            }
            if tokens.count < limit { tokens.append(token) }
        }
        guard let start else { return nil }
        return start..<text.count
    }

    /// A literal or quoted name closed by `close`, with doubled `close` as one; at most 4 KiB kept.
    private mutating func quoted(close: UInt8) -> String {
        i += 1
        var bytes: [UInt8] = []
        while i < text.count {
            if text[i] == close {
                if at(i + 1) == close { if bytes.count < 4096 { bytes.append(close) }; i += 2; continue }
                i += 1
                break
            }
            if bytes.count < 4096 { bytes.append(text[i]) }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `$tag$ ... $tag$` (PostgreSQL); nil when the `$` starts no such quote.
    private mutating func dollarQuoted() -> String? {
        var j = i + 1
        while j < text.count && (Byte.isWord(text[j])) { j += 1 }
        guard j < text.count, text[j] == 0x24, j - i <= 32 else { return nil }
        let tag = UnsafeBufferPointer(rebasing: text[i...j])
        let bodyStart = j + 1
        var k = bodyStart
        while k + tag.count <= text.count {
            if text[k] == 0x24 && UnsafeBufferPointer(rebasing: text[k..<(k + tag.count)]).elementsEqual(tag) {
                i = k + tag.count
                return String(decoding: UnsafeBufferPointer(rebasing: text[bodyStart..<Swift.min(k, bodyStart + 8192)]), as: UTF8.self)
            }
            k += 1
        }
        i = text.count
        return String(decoding: UnsafeBufferPointer(rebasing: text[bodyStart..<Swift.min(text.count, bodyStart + 8192)]), as: UTF8.self)
    }
}
