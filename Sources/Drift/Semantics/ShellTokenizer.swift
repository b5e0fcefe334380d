/// Splits a command line into `ShellToken`s the way a POSIX shell (and bash) would:
/// quoting, escapes, operators, redirections, comments, here-documents, and the
/// boundaries of `$(...)`, backticks and process substitutions, whose text is handed
/// to the caller to analyse in turn.
///
/// Bounds: at most `maximumWordsPerCommand` words (and redirections) are kept per
/// simple command, the rest are read and dropped; at most `maximumTokens` tokens in
/// all; at most 8 substitutions per word. Every byte sequence is accepted: unmatched
/// quotes and parentheses run to the end, and ill-formed UTF-8 is repaired in the texts.
struct ShellTokenizer {
    static let maximumWordsPerCommand = 256
    static let maximumTokens = 64 * 260

    private let text: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var tokens: [ShellToken] = []
    private var wordsInCommand = 0
    private var scratch: [UInt8] = []
    private var pendingHereDocuments: [(token: Int, delimiter: [UInt8], stripTabs: Bool)] = []
    /// The redirection whose delimiter is the next word, with its tab stripping.
    private var awaitingDelimiter: (token: Int, stripTabs: Bool)?
    /// The descriptor digits read just before a redirection operator (`2` of `2>`).
    private var descriptor = ""

    @inline(__always) private static func endsWord(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x7C, 0x26, 0x3B, 0x28, 0x29, 0x3C, 0x3E: return true
        default: return false
        }
    }

    static func tokenize(_ text: UnsafeBufferPointer<UInt8>) -> [ShellToken] {
        var tokenizer = ShellTokenizer(text: text)
        tokenizer.tokens.reserveCapacity(Swift.min(text.count / 3 + 4, 4096))
        tokenizer.run()
        return tokenizer.tokens
    }

    private init(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        scratch.reserveCapacity(64)
    }

    @inline(__always) private func at(_ k: Int) -> UInt8 { k < text.count ? text[k] : 0 }

    private mutating func run() {
        while i < text.count && tokens.count < Self.maximumTokens {
            let b = text[i]
            switch b {
            case 0x20, 0x09, 0x0D, 0x0B, 0x0C:
                i += 1
            case 0x5C where at(i + 1) == 0x0A:  // line continuation
                i += 2
            case 0x0A:
                separator("\n", length: 1)
                readHereDocuments()
            case 0x23:  // `#` at a word start: a comment to the end of the line
                while i < text.count && text[i] != 0x0A { i += 1 }
            case 0x7C:  // |
                if at(i + 1) == 0x7C { separator("||", length: 2) }
                else { emit(.pipe, at(i + 1) == 0x26 ? "|&" : "|", length: at(i + 1) == 0x26 ? 2 : 1); wordsInCommand = 0 }
            case 0x26:  // &
                if at(i + 1) == 0x26 { separator("&&", length: 2) }
                else if at(i + 1) == 0x3E { redirect(at(i + 2) == 0x3E ? "&>>" : "&>", length: at(i + 2) == 0x3E ? 3 : 2) }
                else { separator("&", length: 1) }
            case 0x3B:  // ;
                separator(";", length: at(i + 1) == 0x3B || at(i + 1) == 0x26 ? 2 : 1)
            case 0x28:  // (
                var k = i + 1
                while k < text.count && (text[k] == 0x20 || text[k] == 0x09) { k += 1 }
                let definesFunction = tokens.last?.kind == .word && wordsInCommand == 1 && at(k) == 0x29
                if definesFunction { emit(.open, "(", length: 1) } else { separator("(", length: 1) }
            case 0x29:
                separator(")", length: 1)
            case 0x3C, 0x3E:  // < >
                if at(i + 1) == 0x28 { processSubstitution() } else { redirectOperator() }
            case 0x30...0x39:
                var j = i
                while j < text.count && text[j] &- 0x30 < 10 { j += 1 }
                if j < text.count && (text[j] == 0x3C || text[j] == 0x3E) && at(j + 1) != 0x28 && j - i <= 4 {
                    descriptor = String(decoding: UnsafeBufferPointer(rebasing: text[i..<j]), as: UTF8.self)
                    i = j
                    redirectOperator()
                    descriptor = ""
                } else {
                    word()
                }
            default:
                word()
            }
        }
    }

    private mutating func emit(_ kind: ShellToken.Kind, _ text: String, length: Int) {
        tokens.append(ShellToken(kind, text))
        i += length
    }

    private mutating func separator(_ text: String, length: Int) {
        emit(.separator, text, length: length)
        wordsInCommand = 0
    }

    private mutating func redirect(_ op: String, length: Int) {
        i += length
        wordsInCommand += 1
        guard wordsInCommand <= Self.maximumWordsPerCommand else { return }
        tokens.append(ShellToken(.redirect, descriptor.isEmpty ? op : descriptor + op))
        if op == "<<" || op == "<<-" { awaitingDelimiter = (tokens.count - 1, op == "<<-") }
    }

    private mutating func redirectOperator() {
        let b = text[i], next = at(i + 1)
        if b == 0x3E {
            switch next {
            case 0x3E: redirect(">>", length: 2)
            case 0x7C: redirect(">", length: 2)
            case 0x26: redirect(">&", length: 2)
            default: redirect(">", length: 1)
            }
        } else {
            switch next {
            case 0x3C:
                if at(i + 2) == 0x3C { redirect("<<<", length: 3) }
                else if at(i + 2) == 0x2D { redirect("<<-", length: 3) }
                else { redirect("<<", length: 2) }
            case 0x3E: redirect("<>", length: 2)
            case 0x26: redirect("<&", length: 2)
            default: redirect("<", length: 1)
            }
        }
    }

    /// `<(...)` or `>(...)`: one word whose text is the inner command.
    private mutating func processSubstitution() {
        let close = Self.closingParen(in: text, from: i + 2)
        let inner = String(decoding: UnsafeBufferPointer(rebasing: text[(i + 2)..<close]), as: UTF8.self)
        i = Swift.min(text.count, close + 1)
        wordsInCommand += 1
        guard wordsInCommand <= Self.maximumWordsPerCommand else { return }
        var token = ShellToken(.word, inner)
        token.substitutions = [inner]
        token.isProcessSubstitution = true
        tokens.append(token)
    }

    /// Whether `b` ends a plain run of word bytes: a blank, an operator, a quote, an escape or an expansion.
    @inline(__always) private static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x7C, 0x26, 0x3B, 0x28, 0x29, 0x3C, 0x3E, 0x27, 0x22, 0x5C, 0x24, 0x60: return true
        default: return false
        }
    }

    private mutating func word() {
        // Most words are plain bytes up to a blank or an operator: take them in one piece.
        var end = i
        while end < text.count && !Self.isSpecial(text[end]) { end += 1 }
        if end > i, end == text.count || Self.endsWord(text[end]) {
            wordsInCommand += 1
            let start = i
            i = end
            guard wordsInCommand <= Self.maximumWordsPerCommand else { return }
            tokens.append(ShellToken(.word, String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)))
            if let awaiting = awaitingDelimiter {
                awaitingDelimiter = nil
                pendingHereDocuments.append((awaiting.token, Array(text[start..<end]), awaiting.stripTabs))
            }
            return
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<end]))
        let plainPrefix = end > i
        i = end
        var substitutions: [String] = []
        let first = plainPrefix ? 0x41 : text[i]
        let startsUnquoted = first != 0x27 && first != 0x22 && first != 0x5C && !(first == 0x24 && (at(i + 1) == 0x27 || at(i + 1) == 0x22))
        loop: while i < text.count {
            let b = text[i]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x7C, 0x26, 0x3B, 0x28, 0x29, 0x3C, 0x3E:
                break loop
            case 0x27:  // '...'
                i += 1
                while i < text.count && text[i] != 0x27 { scratch.append(text[i]); i += 1 }
                i += 1
            case 0x22:  // "..."
                i += 1
                doubleQuoted(&substitutions)
            case 0x5C:
                if at(i + 1) == 0x0A { i += 2; continue }
                if i + 1 < text.count { scratch.append(text[i + 1]) }
                i += 2
            case 0x24:
                dollar(&substitutions, inDoubleQuotes: false)
            case 0x60:
                backtick(&substitutions)
            default:
                scratch.append(b)
                i += 1
            }
        }
        i = Swift.min(i, text.count)
        wordsInCommand += 1
        guard wordsInCommand <= Self.maximumWordsPerCommand else { return }
        var token = ShellToken(.word, String(decoding: scratch, as: UTF8.self))
        token.startsUnquoted = startsUnquoted
        token.substitutions = substitutions
        tokens.append(token)
        if let awaiting = awaitingDelimiter {
            awaitingDelimiter = nil
            pendingHereDocuments.append((awaiting.token, Array(token.text.utf8), awaiting.stripTabs))
        }
    }

    private mutating func doubleQuoted(_ substitutions: inout [String]) {
        while i < text.count {
            let b = text[i]
            switch b {
            case 0x22:
                i += 1
                return
            case 0x5C:
                let next = at(i + 1)
                if next == 0x0A { i += 2; continue }
                if next == 0x24 || next == 0x60 || next == 0x22 || next == 0x5C { scratch.append(next) }
                else { scratch.append(0x5C); if i + 1 < text.count { scratch.append(next) } }
                i += 2
            case 0x24:
                dollar(&substitutions, inDoubleQuotes: true)
            case 0x60:
                backtick(&substitutions)
            default:
                scratch.append(b)
                i += 1
            }
        }
    }

    /// At `$`: a command substitution, arithmetic, a parameter, ANSI-C or locale quoting.
    private mutating func dollar(_ substitutions: inout [String], inDoubleQuotes: Bool) {
        let next = at(i + 1)
        if next == 0x28 {
            if at(i + 2) == 0x28 {  // $(( arithmetic )): text, not a command
                let close = Self.closingParen(in: text, from: i + 2)
                copyRaw(i..<Swift.min(text.count, close + 1))
                i = Swift.min(text.count, close + 1)
                return
            }
            let close = Self.closingParen(in: text, from: i + 2)
            if substitutions.count < 8 {
                substitutions.append(String(decoding: UnsafeBufferPointer(rebasing: text[(i + 2)..<close]), as: UTF8.self))
            }
            copyRaw(i..<Swift.min(text.count, close + 1))
            i = Swift.min(text.count, close + 1)
        } else if next == 0x7B {  // ${...}
            var depth = 0
            var j = i + 1
            while j < text.count {
                if text[j] == 0x7B { depth += 1 } else if text[j] == 0x7D { depth -= 1; if depth == 0 { break } }
                j += 1
            }
            copyRaw(i..<Swift.min(text.count, j + 1))
            i = Swift.min(text.count, j + 1)
        } else if next == 0x27 && !inDoubleQuotes {  // $'...' with C escapes
            i += 2
            while i < text.count && text[i] != 0x27 {
                if text[i] == 0x5C && i + 1 < text.count {
                    let e = text[i + 1]
                    switch e {
                    case 0x6E: scratch.append(0x0A)
                    case 0x74: scratch.append(0x09)
                    case 0x72: scratch.append(0x0D)
                    case 0x78:  // \xHH
                        var value: UInt8 = 0
                        var k = i + 2
                        while k < Swift.min(text.count, i + 4), let d = Self.hexValue(text[k]) { value = value &* 16 &+ d; k += 1 }
                        scratch.append(value)
                        i = k
                        continue
                    default: scratch.append(e)
                    }
                    i += 2
                } else {
                    scratch.append(text[i])
                    i += 1
                }
            }
            i += 1
        } else if next == 0x22 && !inDoubleQuotes {  // $"..."
            i += 2
            doubleQuoted(&substitutions)
        } else {
            scratch.append(0x24)
            i += 1
        }
    }

    private mutating func backtick(_ substitutions: inout [String]) {
        var j = i + 1
        while j < text.count && text[j] != 0x60 { j += text[j] == 0x5C ? 2 : 1 }
        j = Swift.min(j, text.count)
        if substitutions.count < 8 {
            substitutions.append(String(decoding: UnsafeBufferPointer(rebasing: text[(i + 1)..<j]), as: UTF8.self))
        }
        copyRaw(i..<Swift.min(text.count, j + 1))
        i = Swift.min(text.count, j + 1)
    }

    private mutating func copyRaw(_ range: Range<Int>) {
        // Long substitutions are kept short in the word: their text is analysed on its own.
        let upper = Swift.min(range.upperBound, range.lowerBound + 128)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[range.lowerBound..<upper]))
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        if b &- 0x30 < 10 { return b - 0x30 }
        let l = b | 0x20
        if l &- 0x61 < 6 { return l - 0x61 + 10 }
        return nil
    }

    /// After a newline: the bodies of here-documents opened on the line just ended.
    private mutating func readHereDocuments() {
        guard !pendingHereDocuments.isEmpty else { return }
        let pending = pendingHereDocuments
        pendingHereDocuments.removeAll()
        for document in pending {
            let bodyStart = i
            var bodyEnd = text.count
            var next = text.count
            var lineStart = i
            while lineStart < text.count {
                var lineEnd = lineStart
                while lineEnd < text.count && text[lineEnd] != 0x0A { lineEnd += 1 }
                var contentStart = lineStart
                if document.stripTabs { while contentStart < lineEnd && text[contentStart] == 0x09 { contentStart += 1 } }
                if lineEnd - contentStart == document.delimiter.count
                    && UnsafeBufferPointer(rebasing: text[contentStart..<lineEnd]).elementsEqual(document.delimiter) {
                    bodyEnd = lineStart
                    next = Swift.min(text.count, lineEnd + 1)
                    break
                }
                lineStart = lineEnd + 1
            }
            if document.token < tokens.count {
                tokens[document.token].hereDocument = String(decoding: UnsafeBufferPointer(rebasing: text[bodyStart..<Swift.max(bodyStart, bodyEnd)]), as: UTF8.self)
            }
            i = next
        }
    }

    /// The index of the `)` closing a `(` whose inside starts at `from`, skipping quotes,
    /// escapes and nested parentheses; `text.count` when there is none.
    static func closingParen(in text: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var depth = 1
        var j = from
        while j < text.count {
            switch text[j] {
            case 0x28: depth += 1
            case 0x29:
                depth -= 1
                if depth == 0 { return j }
            case 0x5C: j += 1
            case 0x27:
                j += 1
                while j < text.count && text[j] != 0x27 { j += 1 }
            case 0x22:
                j += 1
                while j < text.count && text[j] != 0x22 { j += text[j] == 0x5C ? 2 : 1 }
            case 0x60:
                j += 1
                while j < text.count && text[j] != 0x60 { j += text[j] == 0x5C ? 2 : 1 }
            default: break
            }
            j += 1
        }
        return text.count
    }
}
