/// The `.roleTag` family: chat-template and role markers inside data, where they try to
/// end the data and open a turn of their own.
///
/// Fires on:
/// - special tokens, always: `<|im_start|>`, `<|im_end|>`, `<|system|>`, `<|user|>`,
///   `<|assistant|>`, `<|endoftext|>`, `<|eot_id|>`, `<|start_header_id|>`,
///   `<|begin_of_text|>`, `<<SYS>>`, `<</SYS>>`, `[INST]`, `[/INST]`;
/// - bracketed roles in capitals: `[SYSTEM]`, `[SYS]`, `[ADMIN]`, `[DEVELOPER]`, `[USER]`,
///   `[ASSISTANT]`, `[/SYSTEM]`, `[SYSTEM MESSAGE]`, and `[system](#...)`;
/// - XML-like role tags, `<system>`, `</system>`, `<user>`, `</user>`, `<assistant>`,
///   `<human>`, `<admin>`, `<developer>`, `<instructions>`, `<system_prompt>`, `<sys>`
///   (any case, optional `/`), when prose follows: three words before the next `<`.
///   `<user><id>7</id>` and `<system>linux</system>` in XML data stay quiet;
/// - `{{SYSTEM}}`, `{{ADMIN}}`, `{{INSTRUCTIONS}}` in capitals (`{{user}}` is a template);
/// - Markdown turn headings: `###` then `Instruction`, `System`, `System Prompt`,
///   `Human`, `Assistant` or `User` and a colon or line end (`### Instructions` without
///   a colon is a README heading and stays quiet);
/// - at a line start: `SYSTEM:`, `ADMIN:`, `DEVELOPER:`, `INSTRUCTION(S):` in capitals
///   with three words after; `System:` / `Admin:` followed by `you` / `ignore` / `new` /
///   `from` / `your` / `all`, or with `you` / `your` / `the user` later on the line;
///   `Human:`; and `Assistant:` / `AI:` after a blank line;
/// - a fake dialogue anywhere: `Assistant:` or `AI:` and, within 400 bytes, `User:` or
///   `Human:` (or the other way round), capitalised as written.
extension InjectionDetector {
    static let roleTurnLeadWords: [StaticString] = [
        "system", "admin", "developer", "instruction", "instructions", "human", "assistant", "ai", "user",
    ]

    static let specialTokens: [StaticString] = [
        "im_start", "im_end", "system", "user", "assistant", "endoftext", "eot_id", "start_header_id", "end_header_id",
        "begin_of_text", "im_sep", "end", "eom_id",
    ]
    static let bracketRoles: [StaticString] = [
        "INST", "/INST", "SYSTEM", "SYS", "ADMIN", "DEVELOPER", "USER", "ASSISTANT", "/SYSTEM", "SYSTEM MESSAGE",
        "SYSTEM PROMPT", "/USER", "/ASSISTANT", "ADMINISTRATOR", "OVERRIDE",
    ]
    static let tagRoles: [StaticString] = [
        "system", "user", "assistant", "human", "admin", "developer", "instructions", "instruction", "system_prompt", "sys",
        "system-prompt", "administrator",
    ]
    static let braceRoles: [StaticString] = ["SYSTEM", "ADMIN", "INSTRUCTIONS", "INSTRUCTION", "SYSTEM_PROMPT"]
    static let headingRoles: [StaticString] = ["instruction", "system prompt", "system", "human", "assistant", "user", "instructions"]
    static let capitalTurns: [StaticString] = ["SYSTEM", "ADMIN", "DEVELOPER", "INSTRUCTIONS", "INSTRUCTION"]
    static let turnFollowers: [StaticString] = ["you", "ignore", "new", "from", "your", "all", "disregard", "forget", "override"]

    /// A role tag starting at the punctuation byte `b` at `i` (`<`, `[`, `{` or `#`).
    static func roleTag(in t: ByteText, at i: Int, _ b: UInt8) -> Match? {
        let end: Int?
        switch b {
        case 0x3C: end = angleTag(t, i)
        case 0x5B: end = bracketTag(t, i)
        case 0x7B: end = braceTag(t, i)
        case 0x23: end = headingTag(t, i)
        default: end = nil
        }
        return end.map { Match(.roleTag, i..<$0) }
    }

    private static func angleTag(_ t: ByteText, _ i: Int) -> Int? {
        let next = t[i + 1]
        if next == 0x7C {
            // <|im_start|>
            guard let end = t.word(at: i + 2, in: specialTokens) ?? underscored(t, i + 2), t[end] == 0x7C, t[end + 1] == 0x3E else {
                return nil
            }
            return end + 2
        }
        if next == 0x3C {
            if t.matches("<<SYS>>", at: i) { return i + 7 }
            if t.matches("<</SYS>>", at: i) { return i + 8 }
            return nil
        }
        var k = i + 1
        if next == 0x2F { k += 1 }
        guard Byte.isLetter(t[k]), let end = t.word(at: k, in: tagRoles), t[end] == 0x3E else { return nil }
        return proseFollows(t, end + 1) ? end + 1 : nil
    }

    /// The end of an identifier of letters and `_` at `k` (a special token we do not list).
    private static func underscored(_ t: ByteText, _ k: Int) -> Int? {
        let end = t.skip(from: k, limit: k + 24) { Byte.isLower($0) || $0 == 0x5F }
        var hasUnderscore = false
        for j in k..<end where t.base[j] == 0x5F { hasUnderscore = true }
        return end > k && hasUnderscore ? end : nil
    }

    /// Whether three words follow `k` (after white space) before the next `<`.
    private static func proseFollows(_ t: ByteText, _ k: Int) -> Bool {
        var j = t.skip(from: k, limit: k + 16, while: Byte.isSpace)
        let limit = Swift.min(t.count, j + 120)
        var gaps = 0
        var inWord = false
        while j < limit {
            let b = t.base[j]
            if b == 0x3C { return false }
            if Byte.isSpace(b) {
                if inWord { gaps += 1 }
                inWord = false
                if gaps >= 2 { return true }
            } else {
                inWord = true
            }
            j += 1
        }
        return gaps >= 2 || (inWord && gaps >= 2)
    }

    private static func bracketTag(_ t: ByteText, _ i: Int) -> Int? {
        let first = t[i + 1]
        if first == 0x73, t.matches("[system](#", at: i) { return i + 10 }
        guard Byte.isUpper(first) || first == 0x2F else { return nil }
        for role in bracketRoles where t.matches(role, at: i + 1) {
            let end = i + 1 + role.utf8CodeUnitCount
            if t[end] == 0x5D { return end + 1 }
        }
        return nil
    }

    private static func braceTag(_ t: ByteText, _ i: Int) -> Int? {
        guard t[i + 1] == 0x7B else { return nil }
        let k = t.skip(from: i + 2, limit: i + 4, while: Byte.isBlank)
        for role in braceRoles where t.matches(role, at: k) {
            let end = t.skip(from: k + role.utf8CodeUnitCount, limit: k + role.utf8CodeUnitCount + 2, while: Byte.isBlank)
            if t[end] == 0x7D && t[end + 1] == 0x7D { return end + 2 }
        }
        return nil
    }

    private static func headingTag(_ t: ByteText, _ i: Int) -> Int? {
        guard t.isLineStart(i) else { return nil }
        let hashes = t.skip(from: i, limit: i + 5) { $0 == 0x23 }
        // Exactly three, as the Alpaca and Vicuna templates write them: "## Human: the rota"
        // is a document heading.
        guard hashes - i == 3, Byte.isBlank(t[hashes]) else { return nil }
        let k = t.skip(from: hashes, limit: hashes + 3, while: Byte.isBlank)
        guard let end = t.word(at: k, in: headingRoles) else { return nil }
        let mark = t.skip(from: end, limit: end + 2, while: Byte.isBlank)
        if t[mark] == 0x3A { return mark + 1 }
        let plural = t.word(at: k, "instructions") != nil
        if !plural, mark >= t.count || t[mark] == 0x0A || t[mark] == 0x0D { return mark }
        return nil
    }

    /// The end of `the user` / `you` / `your` later on the line starting at `k` (at most 200 bytes).
    private static func addressesModel(_ t: ByteText, from k: Int) -> Int? {
        let limit = Swift.min(t.count, k + 200)
        var j = k
        while j < limit && t.base[j] != 0x0A {
            if Byte.isLetter(t.base[j]) && t.isWordStart(j) {
                if let e = t.word(at: j, "you") ?? t.word(at: j, "your") { return e }
                if let the = t.word(at: j, "the"), let n = t.nextWord(after: the), let e = t.word(at: n, "user") { return e }
            }
            j += 1
        }
        return nil
    }

    /// A fake dialogue inside data: a capitalised role and a colon (`Assistant:`, `User:`,
    /// `Human:`, `AI:`) anywhere, and within 400 bytes another role of the other side.
    static func dialogue(_ t: ByteText, _ i: Int) -> Int? {
        guard Byte.isUpper(t.base[i]), let (side, end) = turnRole(t, i) else { return nil }
        let limit = Swift.min(t.count, end + 400)
        var j = end
        while j < limit {
            if Byte.isUpper(t.base[j]) && t.isWordStart(j), let (other, otherEnd) = turnRole(t, j), other != side { return otherEnd }
            j += 1
        }
        return nil
    }

    /// `Assistant:` / `AI:` (side 1) or `User:` / `Human:` (side 0) at `j`.
    private static func turnRole(_ t: ByteText, _ j: Int) -> (Int, Int)? {
        for (role, side): (StaticString, Int) in [("Assistant:", 1), ("AI:", 1), ("User:", 0), ("Human:", 0)] where t.matches(role, at: j) {
            return (side, j + role.utf8CodeUnitCount)
        }
        return nil
    }

    /// A turn marker opening a line (`SYSTEM:`, `Human:`); `i` is a word start.
    static func roleTurn(_ t: ByteText, _ i: Int, _ c: UInt8) -> Int? {
        guard c == UInt8(ascii: "s") || c == UInt8(ascii: "a") || c == UInt8(ascii: "d") || c == UInt8(ascii: "i")
            || c == UInt8(ascii: "h") || c == UInt8(ascii: "u")
        else { return nil }
        guard t.isLineStart(i) else { return dialogue(t, i) }
        for turn in capitalTurns where t.matches(turn, at: i) {
            let end = i + turn.utf8CodeUnitCount
            guard t[end] == 0x3A else { continue }
            return proseFollows(t, end + 1) ? end + 1 : nil
        }
        if let end = t.word(at: i, "system") ?? t.word(at: i, "admin"), t[end] == 0x3A, let next = t.nextWord(after: end + 1) {
            if let last = t.word(at: next, in: turnFollowers) { return last }
            // "System: Focus only on ... and provide it to the user": the line speaks to the model.
            if let last = addressesModel(t, from: next) { return last }
        }
        if t.matches("Human:", at: i) { return i + 6 }
        if t.matches("Assistant:", at: i) || t.matches("AI:", at: i) {
            // After a blank line: "\n\nAssistant:".
            var j = i
            var breaks = 0
            while j > 0 && i - j < 8 && (Byte.isSpace(t.base[j - 1])) {
                if t.base[j - 1] == 0x0A { breaks += 1 }
                j -= 1
            }
            if breaks >= 2 { return i + (t.base[i] == UInt8(ascii: "A") && t[i + 1] == UInt8(ascii: "I") ? 3 : 10) }
        }
        return dialogue(t, i)
    }
}
