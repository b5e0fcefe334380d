/// A directive to the agent inside data: text that turns to the AI reading it ("Hi
/// assistant!", "P.S. for the assistant reading this:", "Für den Assistenten:", "Pour
/// les agents IA :", "Assistant: ...") and, within the next sentence or two, asks for
/// an action of consequence (send, transfer, delete, run, unlock, share, grant, in the
/// lexicon or in the stems of a few other languages).
///
/// It complements the injection families: it needs no fixed phrase, only the grammar
/// of being addressed (a greeting or "for" before the address, or a colon, comma or
/// exclamation mark after it) and a verb of the kinds the monitor guards. A human
/// `agent` (support, travel, estate) is not an address unless qualified as an AI.
/// Reads at most the first 64 KiB; allocates nothing.
enum AgentDirective {
    static let maximumBytes = 64 * 1024
    /// How far after the address the verb may stand.
    static let window = 220

    /// The byte range of the first directive in `text`, or nil.
    static func find(in text: String) -> Range<Int>? {
        var text = text
        return text.withUTF8 { find(in: UnsafeBufferPointer(rebasing: $0[0..<min($0.count, maximumBytes)])) }
    }

    static func find(in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var words = WordRing()
        var i = 0
        let n = bytes.count
        while i < n {
            guard isLetter(bytes[i]) else { i += 1; continue }
            let start = i
            while i < n, isLetter(bytes[i]) { i += 1 }
            let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
            let after = i < n ? bytes[i] : 32
            if let kind = addressKind(word) {
                var addressed = false
                // Qualified as an AI: "AI agent", "agents IA", "KI-Agenten".
                let qualified = kind == .assistant || words.recentlyQualified || nextWordIsQualifier(bytes, from: i)
                if qualified {
                    if words.vocative { addressed = true }
                    // "Assistant: ...", "Hi assistant!", "the assistant reading this:".
                    if punctuation(after) || punctuationAfterReadingThis(bytes, from: i) { addressed = true }
                }
                if addressed, let end = actionVerb(bytes, from: i) { return start..<end }
            }
            words.push(word)
        }
        return nil
    }

    enum AddressKind { case assistant, agent, qualifier }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80
    }

    private static func punctuation(_ b: UInt8) -> Bool { b == 58 || b == 44 || b == 33 }

    static func lowered(_ word: UnsafeBufferPointer<UInt8>) -> WordKey { WordKey(word) }

    static let assistants: Set<WordKey> = Set([
        "assistant", "assistants", "chatbot", "llm", "asistente", "asistentes", "assistente", "assistenti", "assistent",
        "assistenten", "assistentin", "ассистент", "ассистенту", "ассистента",
    ].map(WordKey.init))
    static let agents: Set<WordKey> = Set(["agent", "agents", "agente", "agentes", "agenten", "agenti", "bot", "bots", "helper", "model"].map(WordKey.init))
    static let qualifiers: Set<WordKey> = Set(["ai", "ia", "ki", "ии"].map(WordKey.init))
    /// Words before an address that turn to it.
    static let vocatives: Set<WordKey> = Set([
        "hi", "hey", "hello", "dear", "attention", "attn", "for", "ps", "para", "pour", "für", "fur", "per", "à", "al", "au",
        "ao", "aos", "alla", "all'", "querido", "estimado", "cher", "chère", "liebe", "lieber", "caro", "cara", "hola",
        "bonjour", "hallo", "ciao", "olá", "note", "nota", "hinweis",
    ].map(WordKey.init))
    /// Words that may stand between a vocative and the address.
    static let fillers: Set<WordKey> = Set([
        "the", "el", "la", "los", "las", "les", "le", "l", "den", "dem", "der", "die", "das", "il", "lo", "gli", "o", "a", "os",
        "as", "all", "any", "our", "your", "my", "de", "des", "du", "ai", "ia", "ki", "llm", "agent", "agents", "every",
    ].map(WordKey.init))

    static func addressKind(_ word: UnsafeBufferPointer<UInt8>) -> AddressKind? {
        guard word.count <= 24 else { return nil }
        let key = WordKey(word)
        if assistants.contains(key) { return .assistant }
        if agents.contains(key) { return .agent }
        if qualifiers.contains(key) { return .qualifier }
        return nil
    }

    private static func nextWordIsQualifier(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Bool {
        var i = index
        while i < bytes.count, !isLetter(bytes[i]), bytes[i] != 10, i - index < 3 { i += 1 }
        let start = i
        while i < bytes.count, isLetter(bytes[i]) { i += 1 }
        guard i > start else { return false }
        return qualifiers.contains(WordKey(UnsafeBufferPointer(rebasing: bytes[start..<i])))
    }

    /// "the assistant reading this:", "agents IA :", "KI-Agenten:" (a qualifier or
    /// "reading this" between the address and its punctuation).
    private static func punctuationAfterReadingThis(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Bool {
        var i = index
        var words = 0
        while i < bytes.count, i - index < 24 {
            let b = bytes[i]
            if punctuation(b) { return true }
            if b == 46 || b == 10 || b == 63 { return false }
            if isLetter(b) {
                let start = i
                while i < bytes.count, isLetter(bytes[i]) { i += 1 }
                let key = WordKey(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                guard qualifiers.contains(key) || key == WordKey("reading") || key == WordKey("this") || key == WordKey("de") else { return false }
                words += 1
                if words > 2 { return false }
                continue
            }
            i += 1
        }
        return false
    }

    /// The end of the first action verb within the window after `index`.
    private static func actionVerb(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        var i = index
        let end = min(bytes.count, index + window)
        while i < end {
            guard isLetter(bytes[i]) else { i += 1; continue }
            let start = i
            while i < bytes.count, isLetter(bytes[i]) { i += 1 }
            let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
            if let entry = ActionLexicon.shared.entry(for: word), let verb = entry.verb {
                switch verb {
                case .communicate, .transferValue, .destroy, .grantAccess, .actuate, .execute:
                    if !entry.weak { return i }
                case .read, .write:
                    break
                }
            }
            if foreignVerb(word) { return i }
        }
        return nil
    }

    /// Stems of action verbs in Spanish, French, German, Italian, Portuguese and
    /// Russian (imperatives and infinitives share them), and `transfer`, which the
    /// lexicon keeps weak.
    static let foreignStems: [[UInt8]] = [
        "enví", "envíe", "envoi", "envoy", "sende", "schick", "invia", "transfi", "transfè", "überweis", "borra", "elimin",
        "supprim", "lösch", "cancell", "apag", "ejecut", "exécut", "esegu", "execut", "führ", "instal", "abre", "abra", "ouvr",
        "öffne", "Öffne", "apri", "compart", "partag", "teile", "condivid", "desbloque", "déverrouill", "entsperr", "sblocc", "donne",
        "otorg", "conced", "pagu", "zahl", "désactiv", "deaktiv", "disattiv", "desactiv", "schalte",
        "отправ", "удал", "переве", "выполн", "запуст", "открой",
        // English nouns the lexicon keeps weak, which after an address are verbs.
        "transfer",
    ].map { Array($0.utf8) }

    private static func foreignVerb(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 4 else { return false }
        for stem in foreignStems where word.count >= stem.count {
            var matches = true
            for j in 0..<stem.count {
                let b = word[j]
                let lower = b >= 65 && b <= 90 ? b | 0x20 : b
                if lower != stem[j] { matches = false; break }
            }
            if matches { return true }
        }
        return false
    }

    /// The last few words, to see whether an address was turned to.
    struct WordRing {
        private var last: WordKey?
        private var beforeLast: WordKey?
        private var third: WordKey?

        mutating func push(_ word: UnsafeBufferPointer<UInt8>) {
            third = beforeLast
            beforeLast = last
            last = word.count <= 24 ? WordKey(word) : nil
        }

        /// A vocative, perhaps followed by fillers, right before the current word.
        var vocative: Bool {
            for word in [last, beforeLast, third] {
                guard let word else { return false }
                if AgentDirective.vocatives.contains(word) { return true }
                if !AgentDirective.fillers.contains(word) { return false }
            }
            return false
        }

        /// An AI qualifier among the last two words ("AI agent", "KI-Agenten").
        var recentlyQualified: Bool {
            [last, beforeLast].contains { $0.map(AgentDirective.qualifiers.contains) ?? false }
        }
    }
}

/// A short word, lower-cased (ASCII letters only; other bytes as they are), as a set key.
struct WordKey: Hashable, Sendable {
    let hash: UInt64
    init(_ word: UnsafeBufferPointer<UInt8>) { hash = WordHash.of(word).value }
    init(_ text: String) { hash = WordHash.of(text).value }
}
