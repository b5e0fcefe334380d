/// The words of a tool name: snake_case, kebab-case, camelCase, PascalCase, dotted,
/// `__` and `/` namespaces all split the same way (`MailSendMessage`,
/// `slack.post_message`, `github__create_issue` -> mail send message, slack post message,
/// github create issue).
///
/// Words are byte ranges of the name, read in place: nothing is allocated. A boundary is
/// any byte that is not a letter or digit, a lower-case letter or digit followed by a
/// capital, and the last capital of a run followed by a lower-case letter (`HTTPRequest`
/// -> HTTP Request). Digits stay with their word (`s3`, `ec2`). Only the first
/// `maximumBytes` of a name are read and at most `maximumWords` words reported, so a
/// hostile 100 KB name costs as little as a short one.
public enum ToolWords {
    public static let maximumBytes = 256
    public static let maximumWords = 16

    /// Calls `body` with each word's bytes, in order, until it returns false.
    public static func forEachWord(in name: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var name = name
        name.withUTF8 { forEachWord(in: $0, body) }
    }

    public static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        let count = min(bytes.count, maximumBytes)
        var start = -1
        var words = 0
        var i = 0
        func emit(_ end: Int) -> Bool {
            defer { start = -1 }
            guard start >= 0, end > start else { return true }
            words += 1
            return body(UnsafeBufferPointer(rebasing: bytes[start..<end])) && words < maximumWords
        }
        while i < count {
            let b = bytes[i]
            let upper = b >= 65 && b <= 90
            let lower = b >= 97 && b <= 122
            let digit = b >= 48 && b <= 57
            // Bytes of a multi-byte UTF-8 character are letters of some script.
            let letter = upper || lower || digit || b >= 0x80
            if !letter {
                if !emit(i) { return }
            } else if start < 0 {
                start = i
            } else if upper {
                let previous = bytes[i - 1]
                let previousUpper = previous >= 65 && previous <= 90
                let nextLower = i + 1 < count && bytes[i + 1] >= 97 && bytes[i + 1] <= 122
                if !previousUpper || nextLower {
                    if !emit(i) { return }
                    start = i
                }
            }
            i += 1
        }
        _ = emit(count)
    }

    /// The words as lower-case strings (for evidence and tests; allocates).
    public static func words(of name: String) -> [String] {
        var words: [String] = []
        forEachWord(in: name) { bytes in
            words.append(String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self))
            return true
        }
        return words
    }
}

/// 64-bit FNV-1a over lower-cased bytes: the lexicon's key, computed in place.
struct WordHash: Hashable, Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        let lowered = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
        value = (value ^ UInt64(lowered)) &* 0x0000_0100_0000_01b3
    }

    mutating func add<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for b in bytes { add(b) }
    }

    static func of<C: Collection>(_ bytes: C) -> WordHash where C.Element == UInt8 {
        var h = WordHash()
        h.add(bytes)
        return h
    }

    static func of(_ word: String) -> WordHash { of(Array(word.utf8)) }
}
