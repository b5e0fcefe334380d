import JSON

/// Finds the values an action is directed at (in its JSON arguments) and the candidate
/// values in free text (a task, a tool result).
///
/// Both work on UTF-8 bytes with hand-written scanners, never regular expressions, and
/// both are bounded: text is read up to `TargetTextScanner.maximumScannedBytes` (1 MiB),
/// arguments up to `maximumArgumentBytes` of strings and `maximumArgumentNodes` values,
/// nested at most `maximumDepth` deep, and each call returns at most `limit` values.
public enum TargetExtractor {
    /// Strings beyond this many bytes in total across one action's arguments are not read.
    public static let maximumArgumentBytes = 1 << 20
    /// JSON values beyond this many in one action's arguments are not visited.
    public static let maximumArgumentNodes = 4096
    /// Arguments nested deeper than this are not visited.
    public static let maximumDepth = 32

    /// The targets an action is directed at, from its JSON arguments, deduplicated, in
    /// the order found, at most `limit` (negative counts as 0).
    ///
    /// A value under a recipient-like key is read as that key's kind (`TargetKey`):
    /// `"to": "Jo <jo@x.com>, ann@y.org"` gives two e-mail targets, `"amount": 1250` the
    /// amount `1250.00`, `"path": "out/report.pdf"` a (relative) path. Objects and arrays
    /// under such a key are read with the same hint, and a nested recipient-like key takes
    /// over. Every other string is searched for e-mail addresses, URLs and IBANs only, so
    /// that `"body": "wire it to DE89 3704 ..."` still yields its IBAN while a date in a
    /// message body does not become an account.
    ///
    /// With `keyedOnly`, strings under keys that name no target are skipped: a message's
    /// body quotes addresses and accounts that are what is sent, not where it goes.
    public static func targets(in arguments: JSONValue, limit: Int = 16, keyedOnly: Bool = false) -> [Target] {
        var walk = ArgumentWalk(limit: max(0, limit))
        walk.keyedOnly = keyedOnly
        walk.visit(arguments, hint: nil, depth: 0)
        return walk.found
    }

    /// Calls `body` with every candidate value in `text`, in text order, normalised, at
    /// most `limit` of them: e-mail addresses; URLs (each followed by its host); bare host
    /// names with a known top-level domain; IBANs that pass the mod-97 check (solid or in
    /// groups of four); account-like runs of 8 to 20 digits; phone numbers (`+` and 7 to 15
    /// digits, North American and trunk-prefixed national forms); absolute, `~/` and drive
    /// paths; amounts with a currency symbol, code or word.
    ///
    /// Deliberately not values: dates (`2024-01-15`, `15/01/2024`, `20240115`), times,
    /// version and IP addresses in text (`1.2.3.4`), numbers after `#` (order and issue
    /// references), Luhn-valid card numbers, numbers inside words (`v2`, `A1234567890`),
    /// plain numbers without a currency (`1,250.00`), and dotted words whose last label is
    /// a file extension (`setup.py`). A solid 10-digit run is an account, not a phone.
    public static func forEachValue(in text: String, limit: Int = 512, _ body: (Target) -> Void) {
        scan(text, kinds: TargetTextScanner.allKinds, limit: limit) { kind, bytes in
            body(Target(kind: kind, value: String(decoding: bytes, as: UTF8.self)))
        }
    }

    /// The scan behind `forEachValue`, handing over normalised bytes that are valid only
    /// during the call (the index hashes them without making strings). Allocates
    /// nothing for a native string: values are normalised in a stack scratch buffer.
    static func scan(_ text: String, kinds: UInt16, limit: Int, _ body: TargetTextScanner.Body) {
        guard limit > 0 else { return }
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            let view = ByteText(base: base, count: min(buffer.count, TargetTextScanner.maximumScannedBytes))
            NormalizedBytes.withScratch { scratch in
                var scanner = TargetTextScanner(view, kinds: kinds, limit: limit, scratch: scratch)
                scanner.run(body)
            }
        }
    }
}

/// One walk over an action's arguments, collecting targets up to a limit.
private struct ArgumentWalk {
    let limit: Int
    var keyedOnly = false
    var found: [Target] = []
    var nodes = 0
    var bytes = 0

    init(limit: Int) { self.limit = limit }

    var isFull: Bool { found.count >= limit || nodes >= TargetExtractor.maximumArgumentNodes }

    mutating func add(_ target: Target) {
        guard found.count < limit, !found.contains(target) else { return }
        found.append(target)
    }

    mutating func visit(_ value: JSONValue, hint: TargetKey?, depth: Int) {
        guard !isFull, depth <= TargetExtractor.maximumDepth else { return }
        nodes += 1
        switch value {
        case .object(let object):
            for member in object.members {
                guard !isFull else { return }
                visit(member.value, hint: TargetKey(member.key) ?? hint, depth: depth + 1)
            }
        case .array(let elements):
            for element in elements {
                guard !isFull else { return }
                visit(element, hint: hint, depth: depth + 1)
            }
        case .string(let s):
            let count = s.utf8.count
            guard bytes + count <= TargetExtractor.maximumArgumentBytes else {
                bytes = TargetExtractor.maximumArgumentBytes
                return
            }
            bytes += count
            if keyedOnly, hint == nil, depth > 0 { return }
            read(s, hint: hint)
        case .number(let n):
            guard let hint, hint.readsNumbers, n.isFinite, n >= 0, n < 1e15 else { return }
            let text = n == n.rounded() ? String(Int64(n)) : String(n)
            if let target = Target.normalized(text, as: hint.kind(forDigits: text)) { add(target) }
        case .null, .bool:
            return
        }
    }

    /// A string argument: by its key's kind when it has one, else searched for e-mail
    /// addresses, URLs and IBANs.
    mutating func read(_ s: String, hint: TargetKey?) {
        guard let hint else {
            let mask: UInt16 = 1 << TargetKind.email.rawValue | 1 << TargetKind.url.rawValue | 1 << TargetKind.iban.rawValue
            scan(s, kinds: mask)
            return
        }
        // A recipient field may hold a list or display names: scan it, and read it whole
        // only when the scan finds nothing of the expected kinds.
        if hint.scansText {
            let before = found.count
            scan(s, kinds: hint.scanKinds)
            if found.count > before { return }
        }
        if let kind = hint.kind(for: s), let target = Target.normalized(s, as: kind) { add(target) }
    }

    mutating func scan(_ s: String, kinds: UInt16) {
        var collected: [Target] = []
        let room = limit - found.count
        TargetExtractor.scan(s, kinds: kinds, limit: room) { kind, bytes in
            collected.append(Target(kind: kind, value: String(decoding: bytes, as: UTF8.self)))
        }
        // A URL's host is what the scanner reports after it; in arguments the URL is the
        // target, and a lookup of the URL already falls back to its host.
        let urlHosts = collected.compactMap { $0.kind == .url ? $0.host : nil }
        for target in collected where !(target.kind == .host && urlHosts.contains(target.value)) { add(target) }
    }
}
