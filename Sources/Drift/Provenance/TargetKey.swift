/// What an argument's key says about its value: the recipient-like keys of action
/// arguments and the kind of target each holds.
///
/// Keys are compared after lower-casing and removing `_` and `-`, so `recipientIban`,
/// `recipient_iban` and `RecipientIBAN` are one key. A key also matches when it ends in
/// one of the longer words (`toAddress`, `webhook_url`, `destinationPath`); the short or
/// ambiguous words (`to`, `cc`, `bcc`, `file`, `user`, `dest`, `number`, `channel`)
/// match only whole keys, so that `photo`, `profile` and `pageNumber` are not targets.
/// Keys longer than 64 bytes match nothing.
struct TargetKey: Hashable, Sendable {
    enum Class: Hashable, Sendable {
        /// E-mail recipients (also a phone number for SMS tools).
        case recipient
        case phone
        case account
        case iban
        case url
        case host
        case path
        case amount
        /// A destination of any kind (`target`, `destination`, `remote`, `user`, `channel`).
        case destination
    }

    let keyClass: Class

    init?(_ key: String) {
        var folded: [UInt8] = []
        for b in key.utf8 where b != 0x5F && b != 0x2D && b != 0x20 {
            folded.append(Byte.lower(b))
            if folded.count > 64 { return nil }
        }
        guard let c = Self.lookup(folded) else { return nil }
        keyClass = c
    }

    private static let whole: [String: Class] = [
        "to": .recipient, "cc": .recipient, "bcc": .recipient, "replyto": .recipient,
        "file": .path, "dest": .destination, "user": .destination, "channel": .destination, "number": .phone,
        "username": .destination, "dst": .destination,
    ]

    /// Words a key may end in, longest first within a family so `accountnumber` is an
    /// account, not a phone.
    private static let suffixes: [(String, Class)] = [
        ("phonenumber", .phone), ("accountnumber", .account), ("accountno", .account), ("accountid", .account),
        ("recipients", .recipient), ("recipient", .recipient), ("emails", .recipient), ("email", .recipient),
        ("addresses", .recipient), ("address", .recipient), ("phone", .phone), ("mobile", .phone), ("iban", .iban),
        ("account", .account), ("webhookurl", .url), ("webhook", .url), ("url", .url), ("uri", .url), ("link", .url),
        ("endpoint", .url), ("hostname", .host), ("host", .host), ("domain", .host), ("server", .host),
        ("filepath", .path), ("filename", .path), ("path", .path), ("directory", .path), ("folder", .path),
        ("destination", .destination), ("target", .destination), ("remote", .destination), ("amount", .amount),
        // Where a payment goes, in banking's words.
        ("beneficiary", .destination), ("payee", .destination), ("creditor", .destination), ("receiver", .destination),
    ]

    private static func lookup(_ folded: [UInt8]) -> Class? {
        let key = String(decoding: folded, as: UTF8.self)
        if let c = whole[key] { return c }
        for (word, c) in suffixes where key.utf8.count >= word.utf8.count && key.hasSuffix(word) { return c }
        return nil
    }

    /// Whether a number under this key is a value (`"amount": 1250`, `"account": 12345678`).
    var readsNumbers: Bool {
        switch keyClass {
        case .amount, .account, .phone, .iban, .destination, .recipient: true
        default: false
        }
    }

    /// Whether a string under this key is scanned for values before being read whole.
    var scansText: Bool {
        switch keyClass {
        case .recipient, .destination: true
        default: false
        }
    }

    /// The kinds the scan of such a string keeps.
    var scanKinds: UInt16 {
        switch keyClass {
        case .recipient: 1 << TargetKind.email.rawValue | 1 << TargetKind.phone.rawValue
        default: TargetTextScanner.allKinds & ~(1 << TargetKind.amount.rawValue)
        }
    }

    /// The kind of a whole string under this key, or nil when it is none (a display name,
    /// a word).
    func kind(for s: String) -> TargetKind? {
        switch keyClass {
        case .recipient:
            if s.utf8.contains(0x40) { return .email }
            return Target.normalized(s, as: .phone) != nil ? .phone : Self.shape(of: s)
        case .phone: return .phone
        case .account, .iban: return Target.normalized(s, as: .iban) != nil ? .iban : .account
        case .url: return .url
        case .host: return s.utf8.contains(0x2F) ? .url : .host
        case .path: return .path
        case .amount: return .amount
        case .destination: return Self.shape(of: s)
        }
    }

    func kind(forDigits s: String) -> TargetKind {
        switch keyClass {
        case .amount: .amount
        case .phone, .recipient: .phone
        default: .account
        }
    }

    /// The kind a destination-like string looks like: a URL (`scheme://`), an e-mail
    /// (`@`), a path (`/`, `~/`), a host (dotted, no blanks), a phone (`+` and digits), an
    /// account (digits); nil for a plain name (`#general`, `alice`).
    static func shape(of s: String) -> TargetKind? {
        let b = Array(s.utf8.prefix(TargetNormalization.maximumBytes + 1))
        guard let f = b.first, b.count <= TargetNormalization.maximumBytes else { return nil }
        if b.firstRange(of: Array("://".utf8)) != nil { return .url }
        if b.contains(0x40) { return .email }
        if f == 0x2F || (f == 0x7E && b.count > 1 && b[1] == 0x2F) { return .path }
        if f == 0x2B { return .phone }
        if b.allSatisfy({ Byte.isDigit($0) || $0 == 0x20 || $0 == 0x2D }) { return .account }
        if b.contains(0x2E), !b.contains(where: Byte.isSpace) { return b.contains(0x2F) ? .url : .host }
        return nil
    }
}
