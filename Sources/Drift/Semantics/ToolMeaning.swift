/// What a tool does, as read from its name (and, when a framework declares it, its
/// description and MCP annotations): the action class, the objects it speaks of, and
/// what follows for the risk state.
public struct ToolMeaning: Hashable, Sendable {
    public var action: ActionClass
    public var objects: ToolObjects
    /// The word that decided the action (`send` in `GmailSendEmail`), for evidence.
    public var verb: String
    /// Where the meaning came from: `name`, `description`, or `annotations`.
    public var basis: String

    /// Whether the tool brings in content an attacker can write: a read of mail, chat,
    /// the web or public comments, or a download.
    public var readsUntrustedContent: Bool {
        action == .read && (!objects.isDisjoint(with: .untrustedChannels) || Self.untrustedReadVerbs.contains(verb))
    }

    static let untrustedReadVerbs: Set<String> = ["download", "browse", "crawl", "scrape", "receive", "poll"]

    /// What a successful read of these objects exposes: credentials, or people's,
    /// health and financial data.
    public var exposes: DataExposure {
        guard action == .read else { return .none }
        if objects.contains(.credentials) { return .credentials }
        if !objects.isDisjoint(with: [.personal, .health, .finance]) { return .sensitive }
        return .none
    }

    public init(action: ActionClass, objects: ToolObjects, verb: String, basis: String) {
        self.action = action
        self.objects = objects
        self.verb = verb
        self.basis = basis
    }

    /// The meaning of a tool name, or nil when the lexicon knows no verb in it and its
    /// objects imply none (the tool is then unknown).
    public static func infer(fromName name: String, lexicon: ActionLexicon = .shared) -> ToolMeaning? {
        var reading = Reading()
        ToolWords.forEachWord(in: name) { word in
            reading.take(word, lexicon: lexicon)
            return true
        }
        return reading.meaning(basis: "name")
    }

    /// The meaning of a tool's description: its first verb decides ("Sends an e-mail
    /// to ..."), its nouns are the objects. At most the first 48 words are read.
    public static func infer(fromDescription text: String, lexicon: ActionLexicon = .shared) -> ToolMeaning? {
        var reading = Reading(firstVerbOnly: true)
        var words = 0
        var text = text
        text.withUTF8 { bytes in
            let limited = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 1024)])
            var start = -1
            for i in 0...limited.count {
                let b: UInt8 = i < limited.count ? limited[i] : 32
                let letter = (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
                if letter, start < 0 { start = i }
                if !letter, start >= 0 {
                    // A snake_case word in prose splits like a tool name.
                    ToolWords.forEachWord(in: UnsafeBufferPointer(rebasing: limited[start..<i])) { word in
                        reading.take(word, lexicon: lexicon)
                        return true
                    }
                    start = -1
                    words += 1
                    if words >= 48 { break }
                }
            }
        }
        return reading.meaning(basis: "description")
    }

    /// The action classes a task asks for: every verb of the text, weak ones included,
    /// refined by the objects of its sentence-sized neighbourhood ("pay the invoice",
    /// "delete the old logs", "share the doc with Ann"). At most the first 4 KiB are
    /// read. A task that names no destructive, financial, access or physical verb has
    /// not asked for one: an agent that takes such an action took it on its own.
    public static func requestedActions(in task: String, lexicon: ActionLexicon = .shared) -> Set<ActionClass> {
        var requested = Set<ActionClass>()
        var delegates = false
        var task = task
        task.withUTF8 { bytes in
            let limited = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 4096)])
            var clause = Reading()
            var start = -1
            func flush() {
                for action in clause.allVerbs { requested.insert(action) }
                if let refined = clause.meaning(basis: "task")?.action { requested.insert(refined) }
                clause = Reading()
            }
            for i in 0...limited.count {
                let b: UInt8 = i < limited.count ? limited[i] : 46
                let letter = (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 45 || b >= 0x80
                if letter, start < 0 { start = i }
                if !letter, start >= 0 {
                    let chunk = UnsafeBufferPointer(rebasing: limited[start..<i])
                    if !delegates, chunk.count <= 12 {
                        delegates = Self.delegatingWords.contains(String(decoding: chunk.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self))
                    }
                    ToolWords.forEachWord(in: chunk) { word in
                        clause.takeAny(word, lexicon: lexicon)
                        return true
                    }
                    start = -1
                }
                // A clause is a sentence: a verb is refined by the objects around it
                // ("Move 2,000 EUR to savings" transfers).
                // A full stop between digits is a decimal point, not the end of a clause.
                let decimal = b == 46 && i > 0 && i + 1 < limited.count
                    && (48...57).contains(limited[i - 1]) && (48...57).contains(limited[i + 1])
                if (b == 46 && !decimal) || b == 59 || b == 10 || b == 33 || b == 63 { flush() }
            }
        }
        // "Handle the Acme invoice", "fix the permissions", "take care of the backups": a
        // task that delegates in general asks for whatever it takes.
        if delegates { requested.formUnion(ActionClass.allCases) }
        return requested
    }

    /// Verbs that hand the agent a goal rather than an action.
    static let delegatingWords: Set<String> = [
        "handle", "fix", "resolve", "sort", "deal", "manage", "repair", "clean", "cleanup", "tidy", "whatever", "anything",
    ]

    /// One pass over the words of a name.
    private struct Reading {
        var firstVerbOnly = false
        var action: ActionClass?
        var verbWord: [UInt8] = []
        var objects: ToolObjects = []
        var sawVerb = false

        /// Every verb seen, weak or not (for tasks, where nouns rarely pose as verbs of
        /// consequence: "the payment", "the deletion" still ask for them).
        var allVerbs: [ActionClass] = []

        mutating func takeAny(_ word: UnsafeBufferPointer<UInt8>, lexicon: ActionLexicon) {
            guard let entry = lexicon.entry(for: word) else { return }
            objects.formUnion(entry.objects)
            guard let verb = entry.verb else { return }
            // "Summarise my e-mail" asks for no message; "the payment" still asks to pay.
            if !(entry.weak && verb == .communicate) { allVerbs.append(verb) }
            if !sawVerb || verb > (action ?? .read) {
                sawVerb = true
                action = verb
                verbWord = word.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
            }
        }

        /// Whether the verb so far is a full verb (not a noun that may pose as one).
        var sawFullVerb = false

        mutating func take(_ word: UnsafeBufferPointer<UInt8>, lexicon: ActionLexicon) {
            guard let entry = lexicon.entry(for: word) else { return }
            objects.formUnion(entry.objects)
            guard let verb = entry.verb else { return }
            if firstVerbOnly, sawVerb { return }
            if entry.weak {
                // A noun compound's head is its last noun (`FundsTransfer`,
                // `MessageRetrieval`): among nouns that name actions the last one wins,
                // and none of them overrules a real verb (`get_post`).
                if sawFullVerb { return }
                sawVerb = true
                action = verb
                verbWord = word.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
                return
            }
            if !sawFullVerb || action.map({ verb > $0 }) ?? true {
                action = verb
                verbWord = word.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
            }
            sawVerb = true
            sawFullVerb = true
        }

        func meaning(basis: String) -> ToolMeaning? {
            var objects = self.objects
            let verb = String(decoding: verbWord, as: UTF8.self)
            guard var action else {
                // No verb: an interpreter or a query language is run, anything else is
                // unknown.
                if objects.contains(.shell) { return ToolMeaning(action: .execute, objects: objects, verb: "", basis: basis) }
                if objects.contains(.database) { return ToolMeaning(action: .execute, objects: objects, verb: "", basis: basis) }
                return nil
            }
            // A verb that names the action class only generally: the objects refine it.
            switch action {
            case .write, .communicate, .execute:
                if verb == "share", !objects.isDisjoint(with: [.file, .code, .calendar, .database]) {
                    action = .grantAccess
                } else if action == .communicate, !objects.isDisjoint(with: [.database, .shell]), objects.isDisjoint(with: [.mail, .message]) {
                    // Submitting a query or posting a command runs it.
                    action = .execute
                } else if objects.contains(.money) || (objects.contains(.purchase) && action != .execute) {
                    action = .transferValue
                } else if action == .write, !objects.isDisjoint(with: [.access, .credentials]) {
                    action = .grantAccess
                } else if action == .write, objects.contains(.device) {
                    action = .actuate
                }
            case .actuate:
                if objects.isDisjoint(with: [.device, .infrastructure]) {
                    action = objects.isDisjoint(with: [.access, .credentials, .finance]) ? .write : .grantAccess
                    if verb == "open" { action = .read }
                }
            case .destroy:
                if objects.contains(.credentials), verb == "reset" { action = .grantAccess }
            case .read, .grantAccess, .transferValue:
                break
            }
            if action == .execute, objects.contains(.shell) { objects.remove(.code) }
            return ToolMeaning(action: action, objects: objects, verb: verb, basis: basis)
        }
    }
}
