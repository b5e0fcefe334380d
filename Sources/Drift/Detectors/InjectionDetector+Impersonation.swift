/// The `.impersonation` family: text that claims to come from the user, an
/// administrator, the developer or the system.
///
/// Fires on:
/// - `this is` `the` / `your` and an authority (`user`, `admin`, `administrator`,
///   `developer`, `system`, `operator`, `owner`, `creator`, `supervisor`, `boss`,
///   `manager`, `ceo`), then `speaking` / `talking` / `writing` / `here`
///   ("This is the user speaking"), or with `your` / `the user` / `the system`, a `,` `:`
///   `!`; "this is the admin panel" and "This is the admin team:" do not fire;
/// - `message` / `note` / `notice` / `instruction(s)` / `update` / `alert` / `reminder` /
///   `directive` / `order` / `request` `from` the authority, when the authority is
///   `your ...`, or is `the system` / `the user`, or the phrase is preceded by
///   `important` / `urgent` / `critical` / `priority` / `official` / `mandatory` /
///   `security` ("Message from your administrator:", "IMPORTANT message from the
///   system"); "an update from the developer:" does not fire;
/// - `the user` (`has`) `asked` / `wants` / `instructed` / `requested` / `authorized` /
///   `told` / `needs` / `expects` / `approved` / `permitted` / `allowed` / `would like`
///   and `you` or `that you` ("the user has asked you to ...");
/// - `I am` / `I'm` `your` authority ("I am your developer");
/// - `admin` / `administrator` / `system` / `developer` / `root` `override` / `command` /
///   `directive` / `notice` followed by a colon or `:`-less uppercase ("ADMIN OVERRIDE").
extension InjectionDetector {
    static let impersonationLeadWords: [StaticString] =
        // The authorities themselves start only `privilegedOverride`: "use", "create" and
        // "provide" must not run this family for "user", "creator" and "programmer".
        ["this", "the", "i", "i'm", "i\u{2019}m"] + notices + urgentWords + privileged

    static let authorities: [StaticString] = [
        "user", "admin", "administrator", "developer", "developers", "system", "operator", "owner", "creator", "creators",
        "supervisor", "boss", "manager", "ceo", "sysadmin", "root", "openai", "anthropic", "maker", "programmer",
    ]
    static let speakings: [StaticString] = ["speaking", "talking", "writing", "here"]
    static let notices: [StaticString] = [
        "message", "messages", "note", "notice", "instruction", "instructions", "update", "alert", "reminder", "directive",
        "order", "orders", "request",
    ]
    static let urgentWords: [StaticString] = [
        "important", "urgent", "critical", "priority", "official", "mandatory", "security", "high-priority", "attention",
    ]
    static let grants: [StaticString] = [
        "asked", "wants", "instructed", "requested", "authorized", "authorised", "told", "needs", "expects", "approved",
        "permitted", "allowed", "requires", "asks", "instructs", "authorizes", "authorises", "would",
    ]
    static let overrides: [StaticString] = ["override", "command", "directive", "notice", "instruction", "message"]
    static let privileged: [StaticString] = ["admin", "administrator", "system", "developer", "root", "sysadmin"]

    static func impersonation(_ t: ByteText, _ i: Int, _ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "t"):
            return thisIsTheUser(t, i) ?? userHasAsked(t, i)
        case UInt8(ascii: "i"):
            return noticeFrom(t, i, urgent: false) ?? iAmYour(t, i) ?? urgentNotice(t, i)
        case UInt8(ascii: "a"), UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "r"):
            return privilegedOverride(t, i) ?? urgentNotice(t, i) ?? noticeFrom(t, i, urgent: false)
        case UInt8(ascii: "u"), UInt8(ascii: "c"), UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "m"), UInt8(ascii: "h"):
            return urgentNotice(t, i) ?? noticeFrom(t, i, urgent: false)
        default:
            return noticeFrom(t, i, urgent: false)
        }
    }

    /// `the` / `your` and an authority at `k`: the end, and whether it was `your`.
    private static func authority(_ t: ByteText, _ k: Int) -> (end: Int, yours: Bool, systemOrUser: Bool)? {
        let yours: Bool
        let article: Int
        if let e = t.word(at: k, "your") {
            yours = true
            article = e
        } else if let e = t.word(at: k, "the") {
            yours = false
            article = e
        } else {
            return nil
        }
        guard let noun = t.nextWord(after: article), var end = t.word(at: noun, in: authorities) else { return nil }
        let systemOrUser = t.word(at: noun, "system") != nil || t.word(at: noun, "user") != nil
        if let team = t.nextWord(after: end), let e = t.word(at: team, "team") { end = e }
        return (end, yours, systemOrUser)
    }

    private static func thisIsTheUser(_ t: ByteText, _ i: Int) -> Int? {
        guard let this = t.word(at: i, "this"), let isStart = t.nextWord(after: this), let isEnd = t.word(at: isStart, "is"),
              let who = t.nextWord(after: isEnd), let (end, yours, systemOrUser) = authority(t, who)
        else { return nil }
        let mark = t.skip(from: end, limit: end + 2, while: Byte.isBlank)
        // "This is your administrator:" / "This is the user!"; "This is the admin team:" is a person.
        if (yours || systemOrUser) && !t.matchesFolded("team", at: end - 4),
           t[mark] == 0x2C || t[mark] == 0x3A || t[mark] == 0x21
        {
            return mark + 1
        }
        guard let next = t.nextWord(after: end) else { return nil }
        return t.word(at: next, in: speakings)
    }

    private static func noticeFrom(_ t: ByteText, _ i: Int, urgent: Bool) -> Int? {
        guard let notice = t.word(at: i, in: notices), let from = t.nextWord(after: notice),
              let fromEnd = t.word(at: from, "from") ?? t.word(at: from, "by"), let who = t.nextWord(after: fromEnd),
              let (end, yours, systemOrUser) = authority(t, who)
        else { return nil }
        return urgent || yours || systemOrUser ? end : nil
    }

    private static func urgentNotice(_ t: ByteText, _ i: Int) -> Int? {
        guard let urgent = t.word(at: i, in: urgentWords), let next = t.nextWord(after: urgent) else { return nil }
        var k = next
        // "IMPORTANT SYSTEM MESSAGE:" / "urgent new message from"
        if let e = t.word(at: k, in: ["new", "system", "admin", "security"]), let after = t.nextWord(after: e) { k = after }
        if let end = noticeFrom(t, k, urgent: true) { return end }
        // "IMPORTANT SYSTEM MESSAGE:" with a colon.
        guard k != next, t.word(at: next, "system") != nil || t.word(at: next, "admin") != nil,
              let noticeEnd = t.word(at: k, in: notices)
        else { return nil }
        let mark = t.skip(from: noticeEnd, limit: noticeEnd + 2, while: Byte.isBlank)
        return t[mark] == 0x3A ? mark + 1 : nil
    }

    private static func userHasAsked(_ t: ByteText, _ i: Int) -> Int? {
        guard let the = t.word(at: i, "the"), let user = t.nextWord(after: the), var k = t.word(at: user, "user") else {
            return nil
        }
        if let has = t.nextWord(after: k), let end = t.word(at: has, "has") ?? t.word(at: has, "had") ?? t.word(at: has, "explicitly") {
            k = end
        }
        if let adverb = t.nextWord(after: k), let end = t.word(at: adverb, "explicitly") ?? t.word(at: adverb, "already") { k = end }
        guard let verb = t.nextWord(after: k), var verbEnd = t.word(at: verb, in: grants) else { return nil }
        if t.word(at: verb, "would") != nil {
            guard let like = t.nextWord(after: verbEnd), let end = t.word(at: like, "like") else { return nil }
            verbEnd = end
        }
        guard var next = t.nextWord(after: verbEnd) else { return nil }
        if let that = t.word(at: next, "that"), let after = t.nextWord(after: that) { next = after }
        return t.word(at: next, "you")
    }

    private static func iAmYour(_ t: ByteText, _ i: Int) -> Int? {
        var k: Int
        if let im = t.word(at: i, "i'm") ?? t.word(at: i, "i\u{2019}m") {
            k = im
        } else if let iEnd = t.word(at: i, "i"), let am = t.nextWord(after: iEnd), let amEnd = t.word(at: am, "am") {
            k = amEnd
        } else {
            return nil
        }
        guard let who = t.nextWord(after: k), let (end, yours, _) = authority(t, who), yours else { return nil }
        return end
    }

    private static func privilegedOverride(_ t: ByteText, _ i: Int) -> Int? {
        guard let who = t.word(at: i, in: privileged), let next = t.nextWord(after: who), let end = t.word(at: next, in: overrides)
        else { return nil }
        if t.word(at: next, "override") != nil { return end }
        let mark = t.skip(from: end, limit: end + 2, while: Byte.isBlank)
        return t[mark] == 0x3A ? mark + 1 : nil
    }
}
