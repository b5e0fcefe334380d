/// One detector's match before it becomes a `Finding`: where it is and which part of it
/// is secret, so that the excerpt is built (only for the findings kept) without the secret.
struct Match {
    var kind: DetectorID.Kind
    var range: Range<Int>
    /// The part of `range` the excerpt replaces with `…`; empty when nothing is secret.
    var secret: Range<Int>
    /// How many trailing bytes of `secret` the excerpt may show (as card receipts show
    /// the last four digits). Detectors keep this at most a quarter of the secret.
    var revealTail: Int = 0
    /// The injection family, for `.injection` matches.
    var family: InjectionFamily?

    init(_ kind: DetectorID.Kind, _ range: Range<Int>, secret: Range<Int>? = nil, revealTail: Int = 0) {
        self.kind = kind
        self.range = range
        self.secret = secret ?? range.upperBound..<range.upperBound
        self.revealTail = revealTail
    }

    /// An injection match of `family`.
    init(_ family: InjectionFamily, _ range: Range<Int>) {
        self.init(.injection, range)
        self.family = family
    }
}

extension ByteText {
    /// The redacted rendering of a match: the non-secret text before the secret (at most
    /// 40 bytes), `…`, the revealed tail, and the non-secret text after it (at most 32
    /// bytes). Line breaks and tabs become spaces.
    func excerpt(of match: Match) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(88)
        let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]
        func append(_ range: Range<Int>, cap: Int) {
            let bytes = self.bytes(range)
            for b in bytes.prefix(cap) { out.append(b < 0x20 || b == 0x7F ? 0x20 : b) }
            if bytes.count > cap { out.append(contentsOf: ellipsis) }
        }
        if match.secret.isEmpty {
            append(match.range, cap: 80)
        } else {
            append(match.range.lowerBound..<match.secret.lowerBound, cap: 40)
            out.append(contentsOf: ellipsis)
            let reveal = Swift.min(match.revealTail, match.secret.count / 4)
            append(match.secret.upperBound - reveal..<match.secret.upperBound, cap: reveal)
            append(match.secret.upperBound..<match.range.upperBound, cap: 32)
        }
        // Decoding turns each ill-formed byte (or a character the caps cut) into U+FFFD,
        // three bytes, which could triple the excerpt past its budget: when the bytes
        // are not valid UTF-8, show every non-ASCII byte as "?" instead.
        if let text = String(validating: out, as: UTF8.self) { return text }
        return String(decoding: out.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}
