/// The verb lexicon and object words that give a tool name its meaning.
///
/// A word may be a verb (its action class), an object (what it speaks of), or both
/// (`email`, `post`, `transfer`). Words that are as often nouns as verbs are *weak*
/// verbs: they count as the verb only when no verb came before them, so `get_post` is a
/// read of a post while `post_message` posts, and `FundsTransfer` transfers.
///
/// Inflections are looked up by their stem (`sends`, `sending`, `deleted`, `deletion`,
/// `removal`, `payment` -> send, delete, remove, pay); the participle and noun forms
/// count as weak, so `list_deleted_files` lists.
///
/// Lookups hash the word's bytes in place (FNV-1a, 64 bits) against a table built once:
/// classifying a name allocates nothing.
public struct ActionLexicon: Sendable {
    public struct Entry: Hashable, Sendable {
        public var verb: ActionClass?
        /// Counts as the verb only when no verb came before it in the name.
        public var weak: Bool
        public var objects: ToolObjects
    }

    private var table: [UInt64: Entry] = [:]

    public static let shared = ActionLexicon()

    init() {
        for (action, words) in Self.verbs { for word in words.split(separator: " ") { add(String(word), verb: action, weak: false) } }
        for (action, words) in Self.weakVerbs { for word in words.split(separator: " ") { add(String(word), verb: action, weak: true) } }
        for (objects, words) in Self.objectWords { for word in words.split(separator: " ") { add(String(word), objects: objects) } }
    }

    private mutating func add(_ word: String, verb: ActionClass? = nil, weak: Bool = false, objects: ToolObjects = []) {
        let key = WordHash.of(word).value
        var entry = table[key] ?? Entry(verb: nil, weak: false, objects: [])
        if let verb {
            // A word listed as a full verb stays one even if also listed as weak.
            if entry.verb == nil || (entry.weak && !weak) {
                entry.verb = verb
                entry.weak = weak
            }
        }
        entry.objects.formUnion(objects)
        table[key] = entry
    }

    /// The entry of a word, trying its stem when the word itself is not listed.
    public func entry(for word: UnsafeBufferPointer<UInt8>) -> Entry? {
        if let found = table[WordHash.of(word).value] { return found }
        let n = word.count
        guard n >= 4 else { return nil }
        func ends(_ suffix: StaticString) -> Bool {
            let s = suffix.utf8Start
            let k = suffix.utf8CodeUnitCount
            guard n > k + 1 else { return false }
            for j in 0..<k where (word[n - k + j] | 0x20) != s[j] { return false }
            return true
        }
        func stem(_ drop: Int, adding extra: StaticString = "", weak: Bool) -> Entry? {
            var h = WordHash()
            h.add(word[0..<(n - drop)])
            let s = extra.utf8Start
            for j in 0..<extra.utf8CodeUnitCount { h.add(s[j]) }
            guard var found = table[h.value] else { return nil }
            if weak { found.weak = true }
            return found
        }
        // A doubled final consonant before -ing / -ed (running, dropped).
        func undoubled(_ drop: Int) -> Entry? {
            guard n - drop >= 3, (word[n - drop - 1] | 0x20) == (word[n - drop - 2] | 0x20) else { return nil }
            return stem(drop + 1, weak: true)
        }
        if ends("ies") { return stem(3, adding: "y", weak: false) }
        if ends("ing") { return stem(3, weak: true) ?? stem(3, adding: "e", weak: true) ?? undoubled(3) }
        if ends("ation") { return stem(5, adding: "e", weak: true) ?? stem(5, weak: true) ?? stem(3, adding: "e", weak: true) }
        if ends("ion") { return stem(3, adding: "e", weak: true) ?? stem(3, weak: true) }
        if ends("ment") { return stem(4, weak: true) }
        if ends("al") { return stem(2, adding: "e", weak: true) ?? stem(2, weak: true) }
        if ends("ed") { return stem(2, weak: true) ?? stem(1, weak: true) ?? undoubled(2) }
        if ends("es") { return stem(2, weak: false) ?? stem(1, weak: false) }
        if ends("er") { return stem(2, weak: true) ?? stem(1, weak: true) }
        if ends("s") { return stem(1, weak: false) }
        return nil
    }

    public func entry(for word: String) -> Entry? {
        var word = word
        return word.withUTF8 { entry(for: $0) }
    }

    // MARK: The words

    static let verbs: [(ActionClass, String)] = [
        (.read, "get list search read fetch find query view show describe lookup retrieve browse scan inspect peek count download load "
            + "select summarize summarise extract parse analyze analyse lookup locate explore watch see print cat ls grep tail head "
            + "receive poll preview check verify validate compare diff translate calculate compute estimate convert resolve whois ping "
            + "geocode crawl scrape research recommend suggest explain"),
        (.write, "create write update edit add set rename move insert append save put patch modify change replace copy make new mark "
            + "label tag archive draft configure assign apply upsert store cache register schedule reschedule enroll subscribe "
            + "attach import export merge commit generate render compose note star pin rate like follow sort organize organise "
            + "close reopen complete finish"),
        (.execute, "run exec execute eval evaluate bash sh zsh shell python python3 node ruby perl powershell pwsh cmd terminal "
            + "console interpret compile build deploy install invoke trigger spawn script"),
        (.communicate, "send forward publish notify broadcast announce tweet retweet upload transmit dm respond "
            + "submit push sms webhook"),
        (.actuate, "turn switch toggle activate deactivate arm disarm lock unlock start stop restart reboot shutdown power dim "
            + "brighten heat cool drive park launch dispatch dispense water feed adjust open unmute mute honk ignite vent"),
        (.grantAccess, "grant authorize authorise allow permit invite chmod chown elevate promote whitelist allowlist approve "
            + "impersonate sudo delegate"),
        (.destroy, "delete remove drop kill terminate wipe purge revoke erase destroy truncate shred uninstall expunge empty "
            + "unlink rmdir rm discard clear flush cancel void ban block demote reset deprovision decommission evict unsubscribe "
            + "unshare dismiss reject overwrite"),
        (.transferValue, "pay remit buy purchase withdraw refund checkout donate invest sell"),
    ]

    /// Words as often nouns as verbs: the verb only when no verb comes before them.
    static let weakVerbs: [(ActionClass, String)] = [
        (.communicate, "post message mail email text call comment chat page alert reply share"),
        (.transferValue, "order book reserve transfer payment charge trade deposit wire tip bid swap stake mint"),
        (.write, "record log report note issue"),
        (.execute, "command code sql query process workflow job task action function"),
        (.read, "status info details detail history"),
    ]

    static let objectWords: [(ToolObjects, String)] = [
        (.mail, "email emails mail mails gmail inbox outlook mailbox envelope smtp imap newsletter"),
        (.message, "message messages chat chats dm dms slack teams discord telegram whatsapp sms channel channels "
            + "conversation conversations thread threads notification notifications mention mentions signal"),
        (.web, "web url urls page pages website websites webpage browser http https site link links internet online news "
            + "article articles rss feed google bing"),
        (.social, "comment comments issue issues review reviews ticket tickets post posts tweet tweets forum reply replies "
            + "discussion pr pull mr"),
        (.file, "file files document documents doc docs folder folders directory directories dir path drive disk storage bucket "
            + "blob attachment attachments note notes sheet spreadsheet"),
        (.money, "payment payments transfer transfers money funds fund wire remittance crypto bitcoin btc eth ether wallet "
            + "venmo paypal zelle iban cash usd eur gbp jpy chf dollar dollars euro euros pound pounds cents savings"),
        (.finance, "balance balances statement statements transaction transactions invoice invoices bill bills account accounts "
            + "bank banking portfolio holdings stock stocks trade trades ledger budget expense expenses tax taxes"),
        (.purchase, "order orders booking bookings reservation reservations subscription subscriptions cart purchase flight "
            + "flights hotel"),
        (.access, "permission permissions access role roles member members collaborator collaborators admin admins owner acl "
            + "acls sharing share group groups policy policies privilege privileges grant grants user users guest guests"),
        (.credentials, "password passwords credential credentials secret secrets token tokens apikey api_key key keys ssh "
            + "otp 2fa mfa passcode pin vault keychain"),
        (.personal, "customer customers patient patients contact contacts employee employees profile profiles person people "
            + "address addresses phone phones ssn identity passport salary salaries payroll client clients"),
        (.health, "medical health prescription prescriptions diagnosis diagnoses lab labs ehr emr genome dna "
            + "medication medications"),
        (.device, "device devices light lights lamp lock locks door doors thermostat camera cameras alarm alarms sensor sensors "
            + "valve valves car vehicle garage oven heater sprinkler robot drone speaker tv plug window windows blind blinds "
            + "fan hvac boiler stove gate engine"),
        (.calendar, "calendar calendars event events meeting meetings appointment appointments reminder reminders schedule"),
        (.database, "database databases db table tables sql query queries row rows collection collections index schema "
            + "postgres mysql sqlite mongo redis bigquery snowflake"),
        (.code, "repo repos repository repositories code commit commits branch branches gist pipeline build release tag "
            + "github gitlab bitbucket git"),
        (.shell, "bash sh zsh shell terminal command commands cmd console python python3 node ruby perl powershell pwsh "
            + "script scripts interpreter exec"),
        (.infrastructure, "server servers instance instances vm vms container containers pod pods service services "
            + "cluster clusters node nodes host hosts machine machines volume volumes process processes"),
    ]
}
