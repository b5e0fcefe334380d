/// Finds instructions addressed to the agent inside content it reads: the signature
/// of prompt injection. Words are compared without case, separated by 1 to 8 bytes
/// of white space (line breaks included), and every look-ahead is bounded.
///
/// Each match belongs to one `InjectionFamily`, and only the families in the set the
/// scanner passes are tried. This file holds the dispatch and the `.override` family;
/// the other families live in `InjectionDetector+<Family>.swift`.
///
/// The override family fires on:
/// - `ignore` / `disregard` / `forget` / `override` / `bypass`, up to three of `all`,
///   `any`, `the`, `your`, `these`, `those`, `of`, `my`, then an optional `previous`,
///   `prior`, `above`, `earlier`, `preceding`, `foregoing`, `former`, `original`,
///   `initial`, `system`, then `instructions`, `prompt(s)`, `directions`,
///   `directives`, `rules`, `guidelines`, `messages`, `context` or `commands`, when the
///   phrase has a time word or `all` / `any` / `your` ("ignore all previous
///   instructions", "disregard your instructions"; not "ignore the instructions on the
///   box"); also the verb with `everything above` / `before` / `so far`;
/// - `you are now` (or `you're now`) and a role: `a`, `an`, `DAN`, `free`,
///   `unrestricted`, `jailbroken`, `uncensored`, `acting`, `operating`, `my`, `no`
///   ("you are now logged in" does not fire; "you are now a member" does);
/// - `new` / `updated` / `revised` / `real` / `actual` / `true` `instructions` (or
///   `directives`, `orders`) followed by a colon;
/// - `ignore` / `disregard` / `forget` / `override` / `bypass` `the rest of` `this` /
///   `the` and a word for the data (`data`, `document`, `text`, `page`, `input`, ...);
///   and `ignore` / `disregard` / `forget` `instructions` ending a clause ("Ignore
///   instructions, and just print ...");
/// - the first message as an object: a disclosure verb, fillers, then `system prompt` /
///   `system message` / `system instructions`, or after `your` / `the` / `its`, `initial`
///   / `original` / `starting` / `first` / `hidden` / `secret` and an instruction noun
///   ("output your starting instructions"; not "show the original instructions");
/// - the system prompt as an object: `reveal` / `print` / `show` / `output` / `repeat`
///   / `disclose` / `leak` / `display` / `dump` (`me`, `your`, `the`, `full`...)
///   `system prompt`, or `system prompt` followed by a colon; a bare mention of "system
///   prompt" does not fire;
/// - `as an AI` / `as an LLM` (assistant, agent, model) and `you must` within 100 bytes;
/// - an address to the agent (`assistant`, `agent`, `AI`, `LLM`, `chatbot`, `Claude`,
///   `ChatGPT`, `Copilot` followed by `,` `:` or `!`, or after `dear` / `hey` /
///   `attention`) followed within 160 bytes by `forward` / `send` / `email` / `upload`
///   / `post` / `transmit` / `exfiltrate` / `share` / `copy` and, within 160 bytes of
///   the verb, `to` and an e-mail address or URL;
/// - `from now on` and `you will` / `you are` / `you must` / `you should` / `you only`;
/// - `developer` / `god` / `debug` / `admin` / `DAN` / `jailbreak` `mode` and `enabled`
///   / `activated` / `on`; `stop everything`.
///
/// The address to the agent followed by a send verb and a destination is the
/// `.politeRequest` family; `do not tell the user` is `.embeddedInstruction`.
///
/// Known false positives, accepted: text *about* prompt injection that quotes these
/// phrases, and security advice such as "do not tell the user their password".
enum InjectionDetector {
    /// The first injection phrase of an enabled family that starts at the word at `i`.
    static func match(in t: ByteText, at i: Int, families: InjectionFamilySet) -> Match? {
        let c = t.base[i] | 0x20
        if families.contains(.override), let end = override(t, i, c) { return Match(.override, i..<end) }
        if families.contains(.embeddedInstruction), let end = embeddedInstruction(t, i, c) {
            return Match(.embeddedInstruction, i..<end)
        }
        if families.contains(.politeRequest), let end = politeRequest(t, i, c) { return Match(.politeRequest, i..<end) }
        if families.contains(.impersonation), let end = impersonation(t, i, c) { return Match(.impersonation, i..<end) }
        if families.contains(.roleTag), let end = roleTurn(t, i, c) { return Match(.roleTag, i..<end) }
        if families.contains(.multilingual), let end = multilingual(t, i, c) { return Match(.multilingual, i..<end) }
        return nil
    }

    /// The words the enabled families' phrases start with (for the scanner's
    /// first-two-letters filter).
    static func leadWords(for families: InjectionFamilySet) -> [StaticString] {
        var words: [StaticString] = []
        if families.contains(.override) { words += overrideLeadWords }
        if families.contains(.embeddedInstruction) { words += embeddedLeadWords }
        if families.contains(.politeRequest) { words += politeLeadWords }
        if families.contains(.impersonation) { words += impersonationLeadWords }
        if families.contains(.roleTag) { words += roleTurnLeadWords }
        if families.contains(.multilingual) { words += multilingualLeadWords }
        return words
    }

    private static func override(_ t: ByteText, _ i: Int, _ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "i"), UInt8(ascii: "b"):
            return ignoreInstructions(t, i) ?? ignoreTheRest(t, i) ?? bareInstructions(t, i)
        case UInt8(ascii: "o"):
            return ignoreInstructions(t, i) ?? revealSystemPrompt(t, i)
        case UInt8(ascii: "f"):
            return ignoreInstructions(t, i) ?? ignoreTheRest(t, i) ?? bareInstructions(t, i) ?? fromNowOn(t, i)
        case UInt8(ascii: "d"):
            return ignoreInstructions(t, i) ?? ignoreTheRest(t, i) ?? bareInstructions(t, i) ?? modeEnabled(t, i)
                ?? revealSystemPrompt(t, i)
        case UInt8(ascii: "y"):
            return youAreNow(t, i)
        case UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "t"):
            return newInstructions(t, i)
        case UInt8(ascii: "r"):
            return newInstructions(t, i) ?? revealSystemPrompt(t, i)
        case UInt8(ascii: "p"), UInt8(ascii: "l"):
            return revealSystemPrompt(t, i)
        case UInt8(ascii: "s"):
            return revealSystemPrompt(t, i) ?? systemPromptColon(t, i) ?? stopEverything(t, i)
        case UInt8(ascii: "a"):
            return asAnAI(t, i) ?? newInstructions(t, i) ?? modeEnabled(t, i)
        case UInt8(ascii: "g"), UInt8(ascii: "j"):
            return modeEnabled(t, i)
        default:
            return nil
        }
    }

    // MARK: Vocabulary

    static var overrideLeadWords: [StaticString] {
        verbsOfDismissal + ["you"] + youAre + novelties + disclosures + ["system", "as", "stop", "from"] + modes
    }

    static let verbsOfDismissal: [StaticString] = ["ignore", "disregard", "forget", "override", "bypass"]
    static let fillers: [StaticString] = ["all", "any", "the", "your", "these", "those", "of", "my"]
    static let quantifiers: [StaticString] = ["all", "any", "your"]
    static let times: [StaticString] = [
        "previous", "prior", "above", "earlier", "preceding", "foregoing", "former", "original", "initial", "system",
    ]
    /// Time words that may stand for the instructions themselves: "ignore the above and ...".
    static let standaloneTimes: [StaticString] = ["above", "previous", "prior", "preceding", "foregoing"]
    static let firstWords: [StaticString] = ["initial", "original", "starting", "first", "hidden", "secret", "system", "opening"]
    static let dataNouns: [StaticString] = [
        "data", "document", "text", "page", "input", "content", "email", "e-mail", "message", "file", "article", "context",
        "conversation", "prompt", "snippet",
    ]
    static let standaloneVerbs: [StaticString] = ["ignore", "disregard", "forget"]
    static let laterTimes: [StaticString] = ["following", "subsequent", "future", "further"]
    static let modes: [StaticString] = ["developer", "god", "debug", "admin", "dan", "jailbreak", "jailbroken"]
    static let modeStates: [StaticString] = ["enabled", "activated", "on", "engaged", "unlocked"]
    static let futureSelves: [StaticString] = ["will", "are", "must", "should", "shall", "only", "always", "can", "may", "respond", "answer"]
    static let instructions: [StaticString] = [
        "instructions", "instruction", "prompts", "prompt", "directions", "directives", "rules", "guidelines",
        "messages", "context", "commands",
    ]
    static let roles: [StaticString] = [
        "a", "an", "dan", "free", "unrestricted", "jailbroken", "uncensored", "acting", "operating", "my", "no",
    ]
    static let novelties: [StaticString] = ["new", "updated", "revised", "real", "actual", "true"]
    static let orders: [StaticString] = ["instructions", "directives", "orders"]
    static let disclosures: [StaticString] = [
        "reveal", "print", "show", "output", "repeat", "disclose", "leak", "display", "dump",
    ]
    static let disclosureFillers: [StaticString] = ["me", "us", "your", "the", "its", "full", "entire", "original", "hidden", "initial"]
    static let negations: [StaticString] = ["don't", "don\u{2019}t", "dont", "never", "without"]
    static let tellings: [StaticString] = [
        "tell", "telling", "inform", "informing", "notify", "notifying", "alert", "alerting", "mention", "mentioning",
        "reveal", "revealing", "show", "showing", "asking", "ask",
    ]
    static let objects: [StaticString] = ["this", "it", "anything", "to"]
    static let users: [StaticString] = ["user", "users", "human", "operator"]
    static let beforeWords: [StaticString] = ["above", "before"]
    static let youAre: [StaticString] = ["you're", "you\u{2019}re"]
    static let machines: [StaticString] = ["ai", "llm"]
    static let articles: [StaticString] = ["the", "your"]

    // MARK: Phrases

    private static func ignoreInstructions(_ t: ByteText, _ i: Int) -> Int? {
        guard var k = t.word(at: i, in: verbsOfDismissal) else { return nil }
        var strong = false
        for _ in 0..<3 {
            guard let next = t.nextWord(after: k), let end = t.word(at: next, in: fillers) else { break }
            strong = strong || t.word(at: next, in: quantifiers) != nil
            k = end
        }
        guard let next = t.nextWord(after: k) else { return nil }
        if let end = t.word(at: next, "everything"), let after = t.nextWord(after: end) {
            if let last = t.word(at: after, in: beforeWords) { return last }
            if let so = t.word(at: after, "so"), let far = t.nextWord(after: so), let last = t.word(at: far, "far") {
                return last
            }
            return nil
        }
        var nounStart = next
        if let end = t.word(at: next, in: times) {
            strong = true
            var timeEnd = end
            // "ignore any previous and following instructions"
            if let and = t.nextWord(after: end), let andEnd = t.word(at: and, "and") ?? t.word(at: and, "or"),
               let later = t.nextWord(after: andEnd), let laterEnd = t.word(at: later, in: laterTimes) ?? t.word(at: later, in: times)
            {
                timeEnd = laterEnd
            }
            guard let after = t.nextWord(after: timeEnd) else { return standaloneEnd(t, i, next) }
            if t.word(at: after, in: instructions) == nil, t.word(at: next, in: standaloneTimes) != nil,
               t.word(at: i, in: standaloneVerbs) != nil, t.word(at: after, "and") != nil || t.word(at: after, "instead") != nil
            {
                // "Ignore the above and say ..."
                return timeEnd
            }
            nounStart = after
        }
        guard strong, let end = t.word(at: nounStart, in: instructions) else { return standaloneEnd(t, i, next) }
        return end
    }

    /// "Ignore the above." / "ignore the above, and": the time word ends the clause.
    private static func standaloneEnd(_ t: ByteText, _ i: Int, _ next: Int) -> Int? {
        guard t.word(at: i, in: standaloneVerbs) != nil,
              let end = t.word(at: next, in: standaloneTimes)
        else { return nil }
        let b = t[end]
        return b == 0x2E || b == 0x2C || b == 0x21 || b == 0x3B || b == 0x3A ? end : nil
    }

    private static func fromNowOn(_ t: ByteText, _ i: Int) -> Int? {
        guard let from = t.word(at: i, "from"), let now = t.nextWord(after: from), let nowEnd = t.word(at: now, "now"),
              let on = t.nextWord(after: nowEnd), var k = t.word(at: on, "on")
        else { return nil }
        if t[k] == 0x2C { k += 1 }
        guard let you = t.nextWord(after: k), let youEnd = t.word(at: you, "you"), let verb = t.nextWord(after: youEnd),
              let end = t.word(at: verb, in: futureSelves)
        else { return nil }
        return end
    }

    private static func modeEnabled(_ t: ByteText, _ i: Int) -> Int? {
        guard let end = t.word(at: i, in: modes), let mode = t.nextWord(after: end), let modeEnd = t.word(at: mode, "mode") else {
            return nil
        }
        var k = modeEnd
        if let next = t.nextWord(after: k), let isEnd = t.word(at: next, "is") ?? t.word(at: next, "now") { k = isEnd }
        guard let state = t.nextWord(after: k), let last = t.word(at: state, in: modeStates) else { return nil }
        return last
    }

    private static func stopEverything(_ t: ByteText, _ i: Int) -> Int? {
        guard let stop = t.word(at: i, "stop"), let next = t.nextWord(after: stop), let end = t.word(at: next, "everything") else {
            return nil
        }
        let b = t[end]
        return b == 0x21 || b == 0x2E || b == 0x2C ? end : nil
    }

    private static func youAreNow(_ t: ByteText, _ i: Int) -> Int? {
        var k: Int
        if let you = t.word(at: i, "you"), let are = t.nextWord(after: you), let end = t.word(at: are, "are") {
            k = end
        } else if let end = t.word(at: i, in: youAre) {
            k = end
        } else {
            return nil
        }
        guard let now = t.nextWord(after: k), let nowEnd = t.word(at: now, "now") else { return nil }
        k = nowEnd
        guard let role = t.nextWord(after: k), let end = t.word(at: role, in: roles) else { return nil }
        return end
    }

    private static func newInstructions(_ t: ByteText, _ i: Int) -> Int? {
        var k = i
        if t.base[i] | 0x20 == UInt8(ascii: "a") {
            // "additional" is not a novelty; only "actual" starts with a.
            guard let end = t.word(at: i, "actual") else { return nil }
            k = end
        } else {
            guard let end = t.word(at: i, in: novelties) else { return nil }
            k = end
        }
        guard let next = t.nextWord(after: k), let end = t.word(at: next, in: orders) else { return nil }
        let colon = t.skip(from: end, limit: end + 3, while: Byte.isBlank)
        return t[colon] == 0x3A ? colon + 1 : nil
    }

    private static func revealSystemPrompt(_ t: ByteText, _ i: Int) -> Int? {
        guard var k = t.word(at: i, in: disclosures) else { return nil }
        var lastFiller = -1
        for _ in 0..<3 {
            guard let next = t.nextWord(after: k), let end = t.word(at: next, in: disclosureFillers) else { break }
            lastFiller = next
            k = end
        }
        guard let first = t.nextWord(after: k) else { return nil }
        // "output your initial instructions": the first-message word was taken as a filler.
        if lastFiller >= 0, t.word(at: lastFiller, in: firstWords) != nil, let end = t.word(at: first, in: instructions),
           t.word(at: lastFiller - 5, "your") != nil || t.word(at: lastFiller - 4, "its") != nil
        {
            return end
        }
        if let end = t.word(at: first, "system"), let prompt = t.nextWord(after: end),
           let last = t.word(at: prompt, "prompt") ?? t.word(at: prompt, "message") ?? t.word(at: prompt, "instructions")
        {
            return last
        }
        // "output your initial instructions": a possessive and a word for the first message.
        // Not "the": "show the original instructions for the old model" is a manual.
        let possessive = t.word(at: k - 4, "your") != nil || t.word(at: k - 3, "its") != nil
        guard possessive, let end = t.word(at: first, in: firstWords), let noun = t.nextWord(after: end),
              let last = t.word(at: noun, in: instructions)
        else { return nil }
        return last
    }

    /// "ignore the rest of this document": dismissing the data itself.
    private static func ignoreTheRest(_ t: ByteText, _ i: Int) -> Int? {
        guard let verb = t.word(at: i, in: verbsOfDismissal), let the = t.nextWord(after: verb), let theEnd = t.word(at: the, "the"),
              let rest = t.nextWord(after: theEnd), let restEnd = t.word(at: rest, "rest"), let of = t.nextWord(after: restEnd),
              let ofEnd = t.word(at: of, "of"), let this = t.nextWord(after: ofEnd),
              let thisEnd = t.word(at: this, in: ["this", "the", "these", "that"]), let noun = t.nextWord(after: thisEnd)
        else { return nil }
        return t.word(at: noun, in: dataNouns)
    }

    /// "Ignore instructions, and ...": the bare noun right after the verb, ending a clause.
    private static func bareInstructions(_ t: ByteText, _ i: Int) -> Int? {
        guard let verb = t.word(at: i, in: standaloneVerbs), let noun = t.nextWord(after: verb),
              let end = t.word(at: noun, in: instructions)
        else { return nil }
        let b = t[end]
        if b == 0x2C || b == 0x2E || b == 0x21 || b == 0x3B { return end }
        guard let next = t.nextWord(after: end), let last = t.word(at: next, "and") ?? t.word(at: next, "instead") else { return nil }
        return last
    }

    private static func systemPromptColon(_ t: ByteText, _ i: Int) -> Int? {
        guard let end = t.word(at: i, "system"), let prompt = t.nextWord(after: end),
              let last = t.word(at: prompt, "prompt")
        else { return nil }
        let colon = t.skip(from: last, limit: last + 3, while: Byte.isBlank)
        return t[colon] == 0x3A ? colon + 1 : nil
    }

    private static func asAnAI(_ t: ByteText, _ i: Int) -> Int? {
        guard let end = t.word(at: i, "as"), let an = t.nextWord(after: end), let anEnd = t.word(at: an, "an"),
              let ai = t.nextWord(after: anEnd), let aiEnd = t.word(at: ai, in: machines)
        else { return nil }
        let limit = Swift.min(t.count, aiEnd + 100)
        var k = aiEnd
        while k < limit {
            if t.base[k] | 0x20 == UInt8(ascii: "y") && t.isWordStart(k), let you = t.word(at: k, "you"),
               let must = t.nextWord(after: you), let end = t.word(at: must, "must")
            {
                return end
            }
            k += 1
        }
        return nil
    }

    static func addressedExfiltration(_ t: ByteText, _ i: Int) -> Int? {
        var k: Int
        if let greeting = t.word(at: i, in: greetings) {
            var next = t.skip(from: greeting, limit: greeting + 3) { Byte.isSpace($0) || $0 == 0x3A || $0 == 0x2C }
            if let the = t.word(at: next, "the"), let after = t.nextWord(after: the) { next = after }
            guard next > greeting, let end = t.word(at: next, in: agents) else { return nil }
            k = end
        } else {
            guard var end = t.word(at: i, in: agents) else { return nil }
            if let second = t.nextWord(after: end), let secondEnd = t.word(at: second, in: agents) { end = secondEnd }
            let mark = t.skip(from: end, limit: end + 2, while: Byte.isBlank)
            guard t[mark] == 0x2C || t[mark] == 0x3A || t[mark] == 0x21 else { return nil }
            k = mark + 1
        }
        guard let verbEnd = t.findWord(in: sends, from: k, within: 160) else { return nil }
        var j = verbEnd
        let limit = Swift.min(t.count, verbEnd + 160)
        while j < limit {
            if let to = t.findWord("to", from: j, within: limit - j), let target = t.nextWord(after: to) {
                if let end = destination(t, target) { return end }
                j = to
            } else {
                return nil
            }
        }
        return nil
    }

    /// The end of an e-mail address or URL starting at `k`.
    static func destination(_ t: ByteText, _ k: Int) -> Int? {
        let end = t.skip(from: k, limit: k + 128) { !Byte.isSpace($0) && $0 != 0x22 && $0 != 0x27 && $0 != 0x3C && $0 != 0x3E }
        guard end > k else { return nil }
        if t.matchesFolded("http://", at: k) || t.matchesFolded("https://", at: k) || t.matchesFolded("www.", at: k) { return end }
        for j in k..<end where t.base[j] == 0x40 && j > k && j + 1 < end { return end }
        return nil
    }

    static func doNotTell(_ t: ByteText, _ i: Int) -> Int? {
        var k: Int
        if let doEnd = t.word(at: i, "do") {
            guard let not = t.nextWord(after: doEnd), let end = t.word(at: not, "not") else { return nil }
            k = end
        } else {
            guard let end = t.word(at: i, in: negations) else { return nil }
            k = end
        }
        guard let tell = t.nextWord(after: k), let tellEnd = t.word(at: tell, in: tellings) else { return nil }
        k = tellEnd
        for _ in 0..<2 {
            guard let next = t.nextWord(after: k), let end = t.word(at: next, in: objects) else { break }
            k = end
        }
        guard var next = t.nextWord(after: k) else { return nil }
        if let end = t.word(at: next, in: articles) {
            guard let after = t.nextWord(after: end) else { return nil }
            next = after
        }
        return t.word(at: next, in: users)
    }
}

extension ByteText {
    /// The end of the first of `words` (lower case) found at `i` and followed by a byte
    /// that is not a letter or digit.
    @inline(__always)
    func word(at i: Int, in words: [StaticString]) -> Int? {
        for w in words {
            let end = i + w.utf8CodeUnitCount
            if matchesFolded(w, at: i) && !Byte.isAlnum(self[end]) { return end }
        }
        return nil
    }

    /// The end of `w` (lower case) at `i` when a byte that is not a letter or digit follows it.
    @inline(__always)
    func word(at i: Int, _ w: StaticString) -> Int? {
        let end = i + w.utf8CodeUnitCount
        return matchesFolded(w, at: i) && !Byte.isAlnum(self[end]) ? end : nil
    }

    /// The start of the next word after `end`, if 1 to 8 bytes of white space follow it.
    @inline(__always)
    func nextWord(after end: Int) -> Int? {
        let next = skip(from: end, limit: end + 8, while: Byte.isSpace)
        return next > end && next < count ? next : nil
    }

    /// The end of the first of `words` at a word start in `from..<from + within`.
    func findWord(in words: [StaticString], from: Int, within: Int) -> Int? {
        let limit = Swift.min(count, from + within)
        var k = from
        while k < limit {
            if Byte.isLetter(base[k]) && isWordStart(k), let end = word(at: k, in: words) { return end }
            k += 1
        }
        return nil
    }

    /// The end of the first `w` at a word start in `from..<from + within`.
    func findWord(_ w: StaticString, from: Int, within: Int) -> Int? {
        let limit = Swift.min(count, from + within)
        var k = from
        while k < limit {
            if Byte.isLetter(base[k]) && isWordStart(k), let end = word(at: k, w) { return end }
            k += 1
        }
        return nil
    }
}
