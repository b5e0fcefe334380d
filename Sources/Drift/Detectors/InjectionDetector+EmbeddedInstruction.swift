/// The `.embeddedInstruction` family: imperatives to the model inside a data field.
///
/// Fires on:
/// - `do not` / `don't` / `never` / `without` and `tell(ing)` / `inform(ing)` /
///   `notify(ing)` / `alert(ing)` / `mention(ing)` / `reveal(ing)` / `show(ing)` /
///   `asking`, an optional `this` / `it` / `anything` / `to`, `the` / `your`, then `user`,
///   `human` or `operator` ("do not mention this to the user");
/// - `your new` / `real` / `actual` / `true` / `only` / `updated` / `current` `task` /
///   `goal` / `objective` / `job` / `mission` / `instructions` / `purpose` / `role` and `is`
///   / `are` / `now` / `:` ("Your new task is ..."); "your next task" (tutorials) does not;
/// - `you must now` / `you should now` / `you will now` / `you now must` and a verb only a
///   model is told to do (`ignore`, `obey`, `respond`, `output`, `reveal`, `forward`,
///   `call`, `execute`, ...); "you must now restart your computer" does not fire;
/// - `call` / `invoke` / `trigger` / `execute`, after `then` / `now` / `next` / `also` /
///   `first` / `immediately` / `afterwards` / `please` / `must` / `and`, then within
///   four words `tool` / `function` / `tool_call`, and after it (and an optional name)
///   `with` / `using` / `passing` / `and` / `to` or the end of the clause ("Then call the
///   tool send_email with ..."); "the agent will call the search tool" and "call the tool
///   registry before ..." do not fire;
/// - `if asked` / `if questioned` / `if (the) user asks`, then within 100 bytes `reply` /
///   `respond` / `answer` / `report` / `output` / `print` / `state` ("If user asks for a
///   summary, reply with only ..."); "if asked, tell them I'm out" does not fire;
/// - `execute` / `run` `the following` `command(s)` / `code` / `script` / `instructions`
///   with `immediately` / `now` / `silently` / `secretly` / `without` just before or
///   after ("run the following command to install" does not fire);
/// - `secretly` / `silently` / `quietly` / `covertly` / `discreetly` and `send` /
///   `forward` / `email` / `upload` / `copy` / `transfer` / `delete` / `exfiltrate` /
///   `post` / `include` / `add` / `call`.
extension InjectionDetector {
    static let embeddedLeadWords: [StaticString] =
        ["do", "your", "you", "call", "invoke", "trigger", "execute", "run", "if"] + negations + stealthAdverbs

    static let taskNovelties: [StaticString] = ["new", "real", "actual", "true", "only", "updated", "current", "revised"]
    static let tasks: [StaticString] = [
        "task", "tasks", "goal", "objective", "job", "mission", "instructions", "purpose", "role", "assignment", "directive",
    ]
    static let copulas: [StaticString] = ["is", "are", "now"]
    static let modals: [StaticString] = ["must", "should", "will", "shall", "need", "have"]
    static let modelVerbs: [StaticString] = [
        "ignore", "disregard", "forget", "obey", "comply", "respond", "reply", "answer", "output", "print", "say", "reveal",
        "forward", "exfiltrate", "call", "invoke", "execute", "act", "pretend", "roleplay", "follow", "repeat", "translate",
        "summarize", "summarise", "only", "always", "include", "append", "insert", "email", "send", "upload", "leak",
    ]
    static let sequencers: [StaticString] = [
        "then", "now", "next", "also", "first", "immediately", "afterwards", "afterward", "please", "must", "and", "finally",
    ]
    // Not `say` or `tell`: "if asked, tell them I'm out" is one colleague to another.
    static let answerVerbs: [StaticString] = ["reply", "respond", "answer", "report", "output", "print", "state"]
    static let callVerbs: [StaticString] = ["call", "invoke", "trigger", "execute"]
    static let toolNouns: [StaticString] = ["tool", "function", "tool_call", "function_call", "tools"]
    static let followingThings: [StaticString] = ["command", "commands", "code", "script", "instructions", "instruction", "payload"]
    static let urgencies: [StaticString] = ["immediately", "now", "silently", "secretly", "without", "quietly", "automatically"]
    static let stealthAdverbs: [StaticString] = ["secretly", "silently", "quietly", "covertly", "discreetly"]
    static let stealthVerbs: [StaticString] = [
        "send", "forward", "email", "upload", "copy", "transfer", "delete", "exfiltrate", "post", "include", "add", "call",
        "append", "share", "leak", "execute", "run", "install", "download",
    ]

    static func embeddedInstruction(_ t: ByteText, _ i: Int) -> Int? {
        embeddedInstruction(t, i, t.base[i] | 0x20)
    }

    static func embeddedInstruction(_ t: ByteText, _ i: Int, _ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "d"), UInt8(ascii: "n"):
            return doNotTell(t, i)
        case UInt8(ascii: "w"):
            return doNotTell(t, i)
        case UInt8(ascii: "y"):
            return yourNewTask(t, i) ?? youMustNow(t, i)
        case UInt8(ascii: "c"), UInt8(ascii: "t"):
            return callTheTool(t, i)
        case UInt8(ascii: "i"):
            return callTheTool(t, i) ?? ifAsked(t, i)
        case UInt8(ascii: "e"), UInt8(ascii: "r"):
            return callTheTool(t, i) ?? runTheFollowing(t, i)
        case UInt8(ascii: "s"), UInt8(ascii: "q"):
            return stealthily(t, i)
        default:
            return nil
        }
    }

    private static func yourNewTask(_ t: ByteText, _ i: Int) -> Int? {
        guard let your = t.word(at: i, "your"), let adjective = t.nextWord(after: your) else { return nil }
        var k = adjective
        if let end = t.word(at: adjective, in: taskNovelties), let next = t.nextWord(after: end) { k = next }
        guard let taskEnd = t.word(at: k, in: tasks) else { return nil }
        let novel = k != adjective
        let colon = t.skip(from: taskEnd, limit: taskEnd + 3, while: Byte.isBlank)
        if t[colon] == 0x3A { return novel ? colon + 1 : nil }
        guard let next = t.nextWord(after: taskEnd), let copula = t.word(at: next, in: copulas) else { return nil }
        if novel { return copula }
        // "your task is now": the bare noun needs `now`.
        guard let now = t.nextWord(after: copula), let end = t.word(at: now, "now") else { return nil }
        return end
    }

    private static func youMustNow(_ t: ByteText, _ i: Int) -> Int? {
        guard let you = t.word(at: i, "you"), let second = t.nextWord(after: you) else { return nil }
        var k: Int
        if let modal = t.word(at: second, in: modals), let now = t.nextWord(after: modal), let nowEnd = t.word(at: now, "now") {
            k = nowEnd
        } else if let now = t.word(at: second, "now"), let modal = t.nextWord(after: now), let end = t.word(at: modal, in: modals) {
            k = end
        } else {
            return nil
        }
        if let to = t.nextWord(after: k), let end = t.word(at: to, "to") { k = end }
        guard let verb = t.nextWord(after: k) else { return nil }
        return t.word(at: verb, in: modelVerbs)
    }

    /// Whether the word before `i` (over blanks and one comma) is one of `words`.
    static func previousWord(_ t: ByteText, _ i: Int, in words: [StaticString]) -> Bool {
        var j = i
        while j > 0 && i - j < 8 && (Byte.isSpace(t.base[j - 1]) || t.base[j - 1] == 0x2C) { j -= 1 }
        guard j < i else { return false }
        var start = j
        while start > 0 && j - start < 16 && Byte.isLetter(t.base[start - 1]) { start -= 1 }
        guard start < j, t.isWordStart(start), let end = t.word(at: start, in: words) else { return false }
        return end == j
    }

    private static func callTheTool(_ t: ByteText, _ i: Int) -> Int? {
        guard var k = t.word(at: i, in: callVerbs), previousWord(t, i, in: sequencers) || t.isSentenceStart(i) else {
            return nil
        }
        // Up to four words (an article, a tool name) before the noun.
        for _ in 0..<5 {
            guard let next = t.nextWord(after: k) else { return nil }
            if let end = t.word(at: next, in: toolNouns) { return toolCallEnd(t, end) }
            let end = t.skip(from: next, limit: next + 48) { Byte.isWord($0) || $0 == 0x2E || $0 == 0x60 || $0 == 0x2D }
            guard end > next else { return nil }
            k = end
        }
        return nil
    }

    /// After the tool noun: an optional name, then `with` / `using` / `passing` / `and` /
    /// `on` / `to` or the end of the clause; "call the tool registry before ..." is not a call.
    private static func toolCallEnd(_ t: ByteText, _ noun: Int) -> Int? {
        func ends(_ k: Int) -> Int? {
            let b = t[k]
            if k >= t.count || b == 0x2C || b == 0x2E || b == 0x3A || b == 0x3B || b == 0x28 || b == 0x0A { return k }
            guard let next = t.nextWord(after: k) else { return nil }
            return t.word(at: next, in: ["with", "using", "passing", "and", "on", "to", "now", "immediately"])
        }
        if let end = ends(noun) { return end }
        guard let name = t.nextWord(after: noun) else { return nil }
        let nameEnd = t.skip(from: name, limit: name + 48) { Byte.isWord($0) || $0 == 0x2E || $0 == 0x60 || $0 == 0x2D }
        return nameEnd > name ? ends(nameEnd) : nil
    }

    /// "If the user asks ..., reply with ...": a conditional order about the model's answer.
    private static func ifAsked(_ t: ByteText, _ i: Int) -> Int? {
        guard let cond = t.word(at: i, "if"), let next = t.nextWord(after: cond) else { return nil }
        var k: Int
        if let end = t.word(at: next, "asked") ?? t.word(at: next, "questioned") {
            k = end
        } else {
            var j = next
            if let the = t.word(at: j, "the"), let after = t.nextWord(after: the) { j = after }
            guard let user = t.word(at: j, "user"), let asks = t.nextWord(after: user),
                  let end = t.word(at: asks, "asks") ?? t.word(at: asks, "requests") ?? t.word(at: asks, "asked")
            else { return nil }
            k = end
        }
        guard let end = t.findWord(in: answerVerbs, from: k, within: 100) else { return nil }
        return end
    }

    private static func runTheFollowing(_ t: ByteText, _ i: Int) -> Int? {
        guard let verb = t.word(at: i, "execute") ?? t.word(at: i, "run"), let the = t.nextWord(after: verb),
              let theEnd = t.word(at: the, "the"), let following = t.nextWord(after: theEnd),
              let followingEnd = t.word(at: following, "following")
        else { return nil }
        var k = followingEnd
        if let shell = t.nextWord(after: k), let end = t.word(at: shell, in: ["shell", "bash", "python", "terminal", "sql"]) {
            k = end
        }
        guard let thing = t.nextWord(after: k), let end = t.word(at: thing, in: followingThings) else { return nil }
        if previousWord(t, i, in: urgencies + ["must"]) { return end }
        var after = t.skip(from: end, limit: end + 3) { Byte.isBlank($0) || $0 == 0x2C }
        if after == end, t[end] == 0x3A { after = end + 1 }
        guard let next = t.nextWord(after: end) ?? (after > end ? after : nil), let last = t.word(at: next, in: urgencies) else {
            return nil
        }
        return last
    }

    private static func stealthily(_ t: ByteText, _ i: Int) -> Int? {
        guard let adverb = t.word(at: i, in: stealthAdverbs), let verb = t.nextWord(after: adverb) else { return nil }
        return t.word(at: verb, in: stealthVerbs)
    }
}

extension ByteText {
    /// Whether `i` opens a sentence or line: only blanks (and list marks) since the last
    /// `.`, `!`, `?`, `:`, line break or the start of the text.
    func isSentenceStart(_ i: Int) -> Bool {
        var j = i
        while j > 0 && i - j < 8 {
            let b = base[j - 1]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A || b == 0x0A || b == 0x0D { return true }
            guard Byte.isBlank(b) || b == 0x2D || b == 0x2A || b == 0x22 || b == 0x27 || b == 0x28 else { return false }
            j -= 1
        }
        return j == 0
    }

    /// Whether `i` opens a line: only blanks since the last line break or the start of the text.
    func isLineStart(_ i: Int) -> Bool {
        var j = i
        while j > 0 && i - j < 16 {
            let b = base[j - 1]
            if b == 0x0A || b == 0x0D { return true }
            guard Byte.isBlank(b) || b == 0x2A || b == 0x3E else { return false }
            j -= 1
        }
        return j == 0
    }
}
