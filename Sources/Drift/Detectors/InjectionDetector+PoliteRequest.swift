/// The `.politeRequest` family: a request addressed to the AI, or phrased in words only
/// an agent's input uses. A human asking a colleague ("could you please send me the
/// report") has neither, and stays quiet.
///
/// Fires on:
/// - an address to the agent followed at once (after at most four courtesy words such as
///   `please`, `kindly`, `also`, `could you`, `make sure to`) by an action verb (`send`,
///   `forward`, `include`, `call`, `delete`, `tell`, ...). The address is a greeting
///   (`dear`, `hey`, `hi`, `hello`, `attention`, `note to`, `message to`, `instructions
///   for`) or a trailing `,` `:` `!` on an agent noun: `AI`, `LLM`, `chatbot`, `ChatGPT`,
///   `Claude`, `Copilot`, `Gemini`, `GPT`, `language model`, or `assistant` / `agent` /
///   `model` / `bot` qualified by `AI`, `virtual` or `digital`. A bare `assistant` or
///   `agent` may be a person ("Dear agent, please send me a refund"): it fires only with
///   a destination (e-mail address or URL after `to`) or agent words after the verb;
/// - a task hook, `before` / `when` / `while` / `after` / `once` / `as` `you`
///   `summarise` / `summarize` / `process` / `generate` / `translate` / `analyze`, then
///   within 160 bytes `also` / `additionally` / `first` / `secretly` / `silently` /
///   `quietly` / `make sure to` / `be sure to` / `don't forget to` and an action verb;
///   with the human-ambiguous hooks `finish`, `complete`, `respond`, `reply`, `answer`,
///   `read`, `are done`, `write` it also needs a destination or agent words;
/// - `in your summary` / `response` / `output` / `answer` / `reply` in a sentence that also
///   says `also`, `make sure`, `be sure`, `must` or `don't forget` (and for `summary` and
///   `output`, `please`);
/// - the older form kept for compatibility: an address to the agent, a send verb within
///   160 bytes, and a destination within 160 bytes of the verb.
///
/// - machine readers named as the audience: `for` / `to` (`the` / `any`) `automated` or an
///   AI noun, up to two reading-task words (`screening`, `analysis`, `review`, `hiring`,
///   `grading`, ...), then `system(s)` / `software` / `reader(s)` / `scanner(s)` /
///   `tool(s)` / `model(s)` / `agent(s)` and a `:` or `,` ("Hidden profile for automated
///   screening systems:"); `visible to` (`the`) `LLM(s)` / `AI` / `models`
///   / `bots` / `agents`.
///
/// Agent words are `the user`, `your instructions`, `your summary`, `your response`,
/// `tool`, `function call`, `system prompt`.
extension InjectionDetector {
    static let politeLeadWords: [StaticString] =
        // Not "model" or "bot" ("mode", "both"): they still count after a greeting or "AI".
        agents + greetings + addressNotes + ["gemini", "gpt", "language", "virtual", "digital"]
        + hooks + ["in", "for", "to", "visible"]

    static let greetings: [StaticString] = ["dear", "hey", "hi", "hello", "attention"]
    static let agents: [StaticString] = ["assistant", "agent", "ai", "llm", "chatbot", "claude", "chatgpt", "copilot"]
    static let clearAgents: [StaticString] = ["ai", "llm", "chatbot", "claude", "chatgpt", "copilot", "gemini", "gpt"]
    static let vagueAgents: [StaticString] = ["assistant", "agent", "model", "bot", "assistants", "agents", "models"]
    static let agentQualifiers: [StaticString] = ["virtual", "digital", "language"]
    static let addressNotes: [StaticString] = ["note", "message", "instructions", "instruction", "reminder"]
    static let sends: [StaticString] = [
        "forward", "send", "email", "upload", "post", "transmit", "exfiltrate", "share", "copy",
    ]
    static let courtesies: [StaticString] = [
        "please", "kindly", "also", "now", "first", "immediately", "then", "just", "you", "must", "should", "need", "to", "i",
        "could", "can", "would", "will", "make", "be", "sure", "remember", "don't", "don\u{2019}t", "do", "not", "forget",
        "go", "ahead", "and", "quickly", "additionally", "secretly", "silently", "quietly",
    ]
    static let actions: [StaticString] = [
        "send", "forward", "email", "e-mail", "upload", "post", "share", "copy", "include", "add", "append", "insert",
        "mention", "recommend", "tell", "say", "reply", "respond", "write", "output", "print", "call", "run", "execute",
        "invoke", "delete", "remove", "transfer", "pay", "visit", "open", "click", "navigate", "book", "buy", "create",
        "grant", "change", "update", "ignore", "summarize", "summarise", "translate", "return", "provide", "disclose",
        "reveal", "list", "attach", "cc", "bcc", "contact", "redirect", "inform", "notify", "exfiltrate", "transmit",
        "leak", "fetch", "download", "install", "approve", "accept", "sign", "publish", "embed", "render", "display",
    ]
    static let hooks: [StaticString] = ["before", "when", "while", "after", "once", "as"]
    static let clearHookVerbs: [StaticString] = [
        "summarise", "summarize", "summarising", "summarizing", "process", "processing", "generate", "translate",
        "analyze", "analyse", "analyzing", "analysing",
    ]
    static let vagueHookVerbs: [StaticString] = [
        "finish", "complete", "respond", "reply", "answer", "read", "write", "are", "return", "finished", "completed",
    ]
    static let hookTriggers: [StaticString] = ["also", "additionally", "first", "secretly", "silently", "quietly"]
    static let insistences: [StaticString] = ["make", "be", "don't", "don\u{2019}t", "remember"]
    static let answerNouns: [StaticString] = ["summary", "response", "output", "answer", "reply", "final"]
    static let agentWordPairs: [(StaticString, StaticString)] = [
        ("the", "user"), ("the", "user's"), ("your", "instructions"), ("your", "summary"), ("your", "response"),
        ("function", "call"), ("system", "prompt"), ("the", "tool"), ("this", "tool"),
    ]

    static func politeRequest(_ t: ByteText, _ i: Int, _ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "b"), UInt8(ascii: "w"), UInt8(ascii: "o"):
            return taskHook(t, i) ?? addressedRequest(t, i)
        case UInt8(ascii: "a"):
            return taskHook(t, i) ?? addressedRequest(t, i) ?? addressedExfiltration(t, i)
        case UInt8(ascii: "i"):
            return inYourAnswer(t, i)
        case UInt8(ascii: "f"), UInt8(ascii: "t"), UInt8(ascii: "v"):
            return machineReaders(t, i)
        default:
            return addressedRequest(t, i) ?? addressedExfiltration(t, i)
        }
    }

    /// The end of an address to the agent at `i`, and whether its noun is unambiguous.
    static func address(_ t: ByteText, _ i: Int) -> (end: Int, clear: Bool)? {
        var k = i
        var greeted = false
        if let end = t.word(at: i, in: greetings) {
            k = end
            greeted = true
        } else if let end = t.word(at: i, in: addressNotes), let prep = t.nextWord(after: end),
                  let prepEnd = t.word(at: prep, "to") ?? t.word(at: prep, "for")
        {
            k = prepEnd
            greeted = true
        }
        if greeted {
            let next = t.skip(from: k, limit: k + 3) { Byte.isSpace($0) || $0 == 0x3A || $0 == 0x2C }
            guard next > k else { return nil }
            k = next
            if let the = t.word(at: k, "the") ?? t.word(at: k, "my") ?? t.word(at: k, "our"), let after = t.nextWord(after: the) {
                k = after
            }
        }
        // Up to three nouns: "AI assistant", "virtual assistant", "large language model".
        var clear = false
        var end = -1
        var j = k
        for _ in 0..<3 {
            if let e = t.word(at: j, in: clearAgents) {
                clear = true
                end = e
            } else if let e = t.word(at: j, in: agentQualifiers) {
                guard let noun = t.nextWord(after: e), let nounEnd = t.word(at: noun, in: vagueAgents) else { break }
                clear = true
                end = nounEnd
            } else if let e = t.word(at: j, in: vagueAgents) {
                end = e
            } else {
                break
            }
            guard let next = t.nextWord(after: end) else { break }
            j = next
        }
        guard end > 0 else { return nil }
        if greeted {
            let mark = t.skip(from: end, limit: end + 2, while: Byte.isBlank)
            if t[mark] == 0x2C || t[mark] == 0x3A || t[mark] == 0x21 || t[mark] == 0x2D { return (mark + 1, clear) }
            return (end, clear)
        }
        let mark = t.skip(from: end, limit: end + 2, while: Byte.isBlank)
        guard t[mark] == 0x2C || t[mark] == 0x3A || t[mark] == 0x21 else { return nil }
        return (mark + 1, clear)
    }

    /// The end of an action verb after at most four courtesy words from `k`.
    static func requestVerb(_ t: ByteText, after k: Int) -> Int? {
        var j = k
        for _ in 0..<5 {
            guard let next = t.nextWord(after: j) else { return nil }
            if let end = t.word(at: next, in: actions) { return end }
            guard let end = t.word(at: next, in: courtesies) else { return nil }
            j = end
            if t[j] == 0x2C { j += 1 }
        }
        return nil
    }

    private static func addressedRequest(_ t: ByteText, _ i: Int) -> Int? {
        guard let (k, clear) = address(t, i), let verbEnd = requestVerb(t, after: k) else { return nil }
        if clear { return verbEnd }
        return destinationOrAgentWords(t, from: verbEnd, within: 160)
    }

    /// The end of a destination (`to` and an e-mail address or URL) or agent words
    /// within `within` bytes of `from`.
    static func destinationOrAgentWords(_ t: ByteText, from: Int, within: Int) -> Int? {
        let limit = Swift.min(t.count, from + within)
        // A destination first, so that the match (and the excerpt) reaches it.
        var j = from
        while j < limit {
            if t.base[j] | 0x20 == UInt8(ascii: "t") && t.isWordStart(j), let to = t.word(at: j, "to"),
               let target = t.nextWord(after: to), let end = destination(t, target)
            {
                return end
            }
            j += 1
        }
        j = from
        while j < limit {
            let b = t.base[j]
            if Byte.isLetter(b) && t.isWordStart(j) {
                for (first, second) in agentWordPairs {
                    if let e = t.word(at: j, first), let n = t.nextWord(after: e), let end = t.word(at: n, second) { return end }
                }
            }
            j += 1
        }
        return nil
    }

    private static func taskHook(_ t: ByteText, _ i: Int) -> Int? {
        guard let hookEnd = t.word(at: i, in: hooks), let you = t.nextWord(after: hookEnd), let youEnd = t.word(at: you, "you"),
              let verb = t.nextWord(after: youEnd)
        else { return nil }
        let clear: Bool
        var verbEnd: Int
        if let end = t.word(at: verb, in: clearHookVerbs) {
            clear = true
            verbEnd = end
        } else if let end = t.word(at: verb, in: vagueHookVerbs) {
            clear = false
            verbEnd = end
            if t.word(at: verb, "are") != nil {
                guard let next = t.nextWord(after: end),
                      let e = t.word(at: next, "done") ?? t.word(at: next, "finished") ?? t.word(at: next, in: clearHookVerbs)
                else { return nil }
                verbEnd = e
            }
        } else {
            return nil
        }
        guard let actionEnd = triggeredAction(t, from: verbEnd, within: 160) else { return nil }
        if clear { return actionEnd }
        return destinationOrAgentWords(t, from: verbEnd, within: 240)
    }

    /// The end of `also` (or another trigger) followed by an action verb within `within` bytes.
    private static func triggeredAction(_ t: ByteText, from: Int, within: Int) -> Int? {
        let limit = Swift.min(t.count, from + within)
        var j = from
        while j < limit {
            if Byte.isLetter(t.base[j]) && t.isWordStart(j) {
                if let end = t.word(at: j, in: hookTriggers), let verbEnd = requestVerb(t, after: end) { return verbEnd }
                if let end = insistence(t, j), let verbEnd = requestVerb(t, after: end) { return verbEnd }
            }
            j += 1
        }
        return nil
    }

    /// `make sure to`, `be sure to`, `don't forget to`, `remember to`: the end of `to`.
    private static func insistence(_ t: ByteText, _ j: Int) -> Int? {
        guard let first = t.word(at: j, in: insistences), let second = t.nextWord(after: first) else { return nil }
        var k = second
        if t.word(at: j, "remember") == nil {
            guard let e = t.word(at: second, "sure") ?? t.word(at: second, "forget"), let next = t.nextWord(after: e) else {
                return nil
            }
            k = next
        }
        return t.word(at: k, "to")
    }

    /// "for automated screening systems:", "visible to LLMs": text that names machine
    /// readers as its audience.
    private static func machineReaders(_ t: ByteText, _ i: Int) -> Int? {
        var k: Int
        if let visible = t.word(at: i, "visible"), let to = t.nextWord(after: visible),
           let toEnd = t.word(at: to, "to") ?? t.word(at: to, "by"), let next = t.nextWord(after: toEnd)
        {
            k = next
            if let the = t.word(at: k, "the"), let after = t.nextWord(after: the) { k = after }
            return t.word(at: k, in: readerMachines)
        }
        guard let prep = t.word(at: i, "for") ?? t.word(at: i, "to"), let next = t.nextWord(after: prep) else { return nil }
        k = next
        if let the = t.word(at: k, "the") ?? t.word(at: k, "any"), let after = t.nextWord(after: the) { k = after }
        guard let adjective = t.word(at: k, "automated") ?? t.word(at: k, in: clearAgents) else { return nil }
        var end = adjective
        for _ in 0..<3 {
            guard let next = t.nextWord(after: end) else { return nil }
            if let e = t.word(at: next, in: readerNouns) {
                let mark = t.skip(from: e, limit: e + 2, while: Byte.isBlank)
                return t[mark] == 0x3A || t[mark] == 0x2C ? mark + 1 : nil
            }
            // Only reading tasks between: "automated build system" is not a reader.
            guard let e = t.word(at: next, in: readingTasks) else { return nil }
            end = e
        }
        return nil
    }

    static let readerMachines: [StaticString] = ["llm", "llms", "ai", "ais", "models", "language", "bots", "machines", "crawlers", "agents"]
    static let readingTasks: [StaticString] = [
        "screening", "analysis", "review", "reading", "hiring", "resume", "cv", "grading", "evaluation", "assessment",
        "scoring", "ranking", "summarization", "summarisation", "moderation", "language",
    ]
    static let readerNouns: [StaticString] = [
        "system", "systems", "software", "reader", "readers", "scanner", "scanners", "tool", "tools", "models", "model",
        "agents", "agent", "assistants", "assistant", "screeners", "reviewers",
    ]

    private static func inYourAnswer(_ t: ByteText, _ i: Int) -> Int? {
        guard let inEnd = t.word(at: i, "in"), let your = t.nextWord(after: inEnd), let yourEnd = t.word(at: your, "your"),
              let noun = t.nextWord(after: yourEnd), var end = t.word(at: noun, in: answerNouns)
        else { return nil }
        if t.word(at: noun, "final") != nil {
            guard let next = t.nextWord(after: end), let e = t.word(at: next, in: answerNouns) else { return nil }
            end = e
        }
        let soft = t.word(at: noun, "summary") != nil || t.word(at: noun, "output") != nil
        // The sentence around the phrase: back to the last sentence end, at most 160 bytes.
        var start = i
        while start > 0 && i - start < 160 {
            let b = t.base[start - 1]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A { break }
            start -= 1
        }
        var stop = end
        while stop < t.count && stop - end < 120 {
            let b = t.base[stop]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A { break }
            stop += 1
        }
        var j = start
        while j < stop {
            if Byte.isLetter(t.base[j]) && t.isWordStart(j) {
                if t.word(at: j, "also") != nil || t.word(at: j, "must") != nil || insistence(t, j) != nil
                    || (soft && t.word(at: j, "please") != nil)
                {
                    return stop
                }
            }
            j += 1
        }
        return nil
    }
}
