/// One normalisation function per target kind, so that two spellings of a destination
/// hash alike. Each reads UTF-8 bytes, writes the normal form into a `NormalizedBytes`
/// (allocating nothing), returns false for a value that is not of its kind, and is
/// idempotent (normalising its own output writes it unchanged).
///
/// Input longer than `maximumBytes` is not a target of any kind: no legitimate address,
/// URL or path a monitor needs to match is that long, and the cap bounds the work per
/// value.
enum TargetNormalization {
    static let maximumBytes = 2048

    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// `raw` normalised as `kind`, or nil.
    static func normalize(_ raw: String, as kind: TargetKind) -> String? {
        guard raw.utf8.count <= maximumBytes else { return nil }
        var raw = raw
        return raw.withUTF8 { input in
            NormalizedBytes.withScratch(capacity: input.count + 64) { out in
                normalize(input, as: kind, into: &out) ? String(decoding: out.bytes, as: UTF8.self) : nil
            }
        }
    }

    /// Writes the normal form of `raw` as `kind` into `out` (emptied first); false, with
    /// `out` in any state, when `raw` is no value of that kind.
    static func normalize(_ raw: Bytes, as kind: TargetKind, into out: inout NormalizedBytes) -> Bool {
        out.removeAll()
        guard raw.count <= maximumBytes else { return false }
        let ok: Bool
        switch kind {
        case .email: ok = email(raw, into: &out)
        case .url: ok = url(raw, into: &out)
        case .host: ok = host(raw, 0..<raw.count, into: &out)
        case .iban: ok = iban(raw, into: &out)
        case .account: ok = account(raw, into: &out)
        case .phone: ok = phone(raw, into: &out)
        case .path: ok = path(raw, into: &out)
        case .amount: ok = amount(raw, into: &out)
        }
        return ok && !out.isEmpty && !out.overflowed
    }

    /// Lower-cased; surrounding blanks, a `mailto:` prefix (and its `?subject=` query), a
    /// display name (`"Jo" <jo@x.com>` -> `jo@x.com`) and trailing dots dropped. Needs one
    /// `@` with a non-empty local part and a domain of letters, digits, `-` and `.`
    /// (so `git@github.com:org/repo` is not an address); no blanks inside.
    static func email(_ b: Bytes, into out: inout NormalizedBytes) -> Bool {
        var r = trimmed(b, 0..<b.count)
        if let open = lastIndex(of: 0x3C, in: b, r), let close = firstIndex(of: 0x3E, in: b, (open + 1)..<r.upperBound) {
            r = trimmed(b, (open + 1)..<close)
        }
        if hasPrefixFolded(b, r, "mailto:") { r = (r.lowerBound + 7)..<r.upperBound }
        if let query = firstIndex(of: 0x3F, in: b, r) { r = r.lowerBound..<query }
        var hi = r.upperBound
        while hi > r.lowerBound && b[hi - 1] == 0x2E { hi -= 1 }
        r = r.lowerBound..<hi
        guard let at = firstIndex(of: 0x40, in: b, r), at > r.lowerBound, at + 1 < r.upperBound else { return false }
        for k in r {
            let c = b[k]
            if Byte.isSpace(c) || c == 0x3C || c == 0x3E || c == 0x2C || c == 0x3B { return false }
            if k > at && !(Byte.isAlnum(c) || c == 0x2D || c == 0x2E || c >= 0x80) { return false }
            out.append(Byte.lower(c))
        }
        return true
    }

    /// `scheme://host[:port]/path?query`: scheme and host lower-cased, user information,
    /// a leading `www.`, the scheme's default port, the fragment and a trailing `/`
    /// dropped; path and query keep their case. Without a scheme, `https://` is assumed
    /// when the text starts with a host name (`example.com/x`).
    static func url(_ b: Bytes, into out: inout NormalizedBytes) -> Bool {
        let r = trimmed(b, 0..<b.count)
        var rest = r
        var scheme: Range<Int>? = nil
        if let colon = firstIndex(of: 0x3A, in: b, r), colon > r.lowerBound, colon + 2 < r.upperBound,
           b[colon + 1] == 0x2F, b[colon + 2] == 0x2F, Byte.isLetter(b[r.lowerBound]),
           (r.lowerBound..<colon).allSatisfy({ Byte.isAlnum(b[$0]) || b[$0] == 0x2B || b[$0] == 0x2D || b[$0] == 0x2E }) {
            scheme = r.lowerBound..<colon
            rest = (colon + 3)..<r.upperBound
        }
        if let scheme { for k in scheme { out.append(Byte.lower(b[k])) } } else { out.append("https") }
        out.append("://")
        // Authority: up to the first / ? or #.
        let authorityEnd = rest.first(where: { b[$0] == 0x2F || b[$0] == 0x3F || b[$0] == 0x23 }) ?? rest.upperBound
        var authority = rest.lowerBound..<authorityEnd
        if let at = lastIndex(of: 0x40, in: b, authority) { authority = (at + 1)..<authority.upperBound }
        var port = authority.upperBound..<authority.upperBound
        if !authority.isEmpty, b[authority.lowerBound] != 0x5B, let colon = lastIndex(of: 0x3A, in: b, authority) {
            port = (colon + 1)..<authority.upperBound
            authority = authority.lowerBound..<colon
            guard port.allSatisfy({ Byte.isDigit(b[$0]) }) else { return false }
            while port.count > 1 && b[port.lowerBound] == 0x30 { port = (port.lowerBound + 1)..<port.upperBound }
        }
        guard host(b, authority, into: &out) else { return false }
        if !port.isEmpty && !isDefault(port: b, port, scheme: scheme.map { (b, $0) }) {
            out.append(0x3A)
            for k in port { out.append(b[k]) }
        }
        var tail = authorityEnd..<rest.upperBound
        if let hash = firstIndex(of: 0x23, in: b, tail) { tail = tail.lowerBound..<hash }
        guard !tail.contains(where: { Byte.isSpace(b[$0]) || b[$0] < 0x20 }) else { return false }
        // A trailing slash, also before the query: `/a/?q` -> `/a?q`.
        let queryStart = firstIndex(of: 0x3F, in: b, tail) ?? tail.upperBound
        var pathEnd = queryStart
        while pathEnd > tail.lowerBound && b[pathEnd - 1] == 0x2F { pathEnd -= 1 }
        for k in tail.lowerBound..<pathEnd { out.append(b[k]) }
        if tail.upperBound - queryStart > 1 { for k in queryStart..<tail.upperBound { out.append(b[k]) } }
        return true
    }

    /// Whether `port` is the scheme's default; a URL without a scheme is `https`.
    private static func isDefault(port b: Bytes, _ port: Range<Int>, scheme: (Bytes, Range<Int>)?) -> Bool {
        func isScheme(_ name: StaticString) -> Bool {
            guard let (s, r) = scheme else { return name.utf8CodeUnitCount == 5 && name.utf8Start[4] == 0x73 }  // "https"
            return equalsFolded(s, r, name)
        }
        let p = port.reduce(0) { $0 > 100_000 ? $0 : $0 * 10 + Byte.digitValue(b[$1]) }
        switch p {
        case 80: return isScheme("http") || isScheme("ws")
        case 443: return isScheme("https") || isScheme("wss")
        case 21: return isScheme("ftp")
        case 22: return isScheme("sftp") || isScheme("ssh")
        default: return false
        }
    }

    /// Lower-cased, a trailing dot and leading `www.` labels dropped (while a dot
    /// remains), a `:port` dropped. Letters, digits, `-`, `.`, `_` and UTF-8 beyond
    /// ASCII only; a bracketed IPv6 literal is kept as written (lower-cased).
    static func host(_ b: Bytes, _ range: Range<Int>, into out: inout NormalizedBytes) -> Bool {
        var r = trimmed(b, range)
        if !r.isEmpty && b[r.lowerBound] == 0x5B {
            guard let close = firstIndex(of: 0x5D, in: b, r) else { return false }
            for k in (r.lowerBound + 1)..<close where !(Byte.isAlnum(b[k]) || b[k] == 0x3A || b[k] == 0x2E) { return false }
            for k in r.lowerBound...close { out.append(Byte.lower(b[k])) }
            return true
        }
        if let colon = firstIndex(of: 0x3A, in: b, r) {
            guard ((colon + 1)..<r.upperBound).allSatisfy({ Byte.isDigit(b[$0]) }) else { return false }
            r = r.lowerBound..<colon
        }
        var hi = r.upperBound
        while hi > r.lowerBound && b[hi - 1] == 0x2E { hi -= 1 }
        var lo = r.lowerBound
        while hi - lo > 4, hasPrefixFolded(b, lo..<hi, "www."), firstIndex(of: 0x2E, in: b, (lo + 4)..<hi) != nil { lo += 4 }
        guard hi > lo, b[lo] != 0x2E else { return false }
        for k in lo..<hi {
            let c = b[k]
            guard Byte.isAlnum(c) || c == 0x2D || c == 0x2E || c == 0x5F || c >= 0x80 else { return false }
            out.append(Byte.lower(c))
        }
        return true
    }

    /// Blanks and `-` removed, upper-cased; two letters, two digits, then 11 to 30
    /// letters or digits. The checksum is not required here (the text scanner verifies
    /// it before calling a run of characters an IBAN; an argument named `iban` is one).
    static func iban(_ b: Bytes, into out: inout NormalizedBytes) -> Bool {
        for c in b where !Byte.isSpace(c) && c != 0x2D {
            guard Byte.isAlnum(c), out.count < 34 else { return false }
            out.append(Byte.isLower(c) ? c - 0x20 : c)
        }
        return out.count >= 15 && Byte.isUpper(out[0]) && Byte.isUpper(out[1]) && Byte.isDigit(out[2]) && Byte.isDigit(out[3])
    }

    /// Blanks, `-`, `.` and `/` removed, upper-cased, after dropping leading words
    /// without digits (`Acct: 12-3456-78` -> `12345678`); letters and digits with at
    /// least 4 digits, at most 34 characters.
    static func account(_ b: Bytes, into out: inout NormalizedBytes) -> Bool {
        var lo = 0
        while let cut = (lo..<b.count).first(where: { Byte.isSpace(b[$0]) || b[$0] == 0x3A }),
              !(lo..<cut).contains(where: { Byte.isDigit(b[$0]) }) {
            lo = cut + 1
        }
        var digits = 0
        for k in lo..<b.count {
            let c = b[k]
            if Byte.isSpace(c) || c == 0x2D || c == 0x2E || c == 0x2F { continue }
            guard Byte.isAlnum(c), out.count < 34 else { return false }
            if Byte.isDigit(c) { digits += 1 }
            out.append(Byte.isLower(c) ? c - 0x20 : c)
        }
        return digits >= 4
    }

    /// The digits, of which only the last 10 are kept, so that `+1 555 123 4567`,
    /// `001 555 123 4567` and `(555) 123-4567` all become `5551234567`, and
    /// `+44 20 7946 0958` matches `020 7946 0958` (a leading `00` or `+` and the country
    /// code fall away with the rest of the prefix). Needs 7 to 15 digits (17 with a `00`
    /// prefix) and nothing but digits, blanks and `+ - . ( ) /`.
    static func phone(_ b: Bytes, into out: inout NormalizedBytes) -> Bool {
        let r = trimmed(b, 0..<b.count)
        var digits = 0
        for k in r {
            let c = b[k]
            guard Byte.isDigit(c) || Byte.isBlank(c) || c == 0x2B || c == 0x2D || c == 0x2E || c == 0x28 || c == 0x29 || c == 0x2F
            else { return false }
            if Byte.isDigit(c) { digits += 1 }
        }
        let firstDigit = r.first(where: { Byte.isDigit(b[$0]) })
        let prefixed = !r.isEmpty && b[r.lowerBound] != 0x2B && digits > 10
            && firstDigit.map { b[$0] == 0x30 && $0 + 1 < r.upperBound && b[$0 + 1] == 0x30 } == true
        guard digits >= 7, digits <= (prefixed ? 17 : 15) else { return false }
        var skip = max(0, digits - 10)
        for k in r where Byte.isDigit(b[k]) {
            if skip > 0 { skip -= 1 } else { out.append(b[k]) }
        }
        return true
    }

    /// Runs of `/` collapsed to one, a trailing `/` dropped (the root stays `/`), case
    /// kept, surrounding blanks and quotes dropped. Anything without a control byte is
    /// a path: relative paths come only from arguments named like `path` or `file`.
    static func path(_ b: Bytes, into out: inout NormalizedBytes) -> Bool {
        var r = trimmed(b, 0..<b.count)
        while r.count >= 2, b[r.lowerBound] == 0x22 || b[r.lowerBound] == 0x27, b[r.upperBound - 1] == b[r.lowerBound] {
            r = trimmed(b, (r.lowerBound + 1)..<(r.upperBound - 1))
        }
        for k in r {
            let c = b[k]
            guard c >= 0x20, c != 0x7F else { return false }
            if c == 0x2F && out.last == 0x2F { continue }
            out.append(c)
        }
        while out.count > 1 && out.last == 0x2F { out.removeLast() }
        return true
    }

    /// Digits with a dot decimal and at least two decimals (`$1,250.00`, `1250 EUR` ->
    /// `1250.00`; `1.250,00 €` -> `1250.00`; `€20` -> `20.00`); currency, blanks and
    /// thousands separators dropped, leading zeros dropped, decimals beyond the second
    /// kept only when not zero. With both `,` and `.`, the last is the decimal mark; a
    /// single kind of mark is a thousands separator when every group after it has
    /// exactly three digits (`1,250`, `1.250.000`), except one lone `.` (`1.250` is 1.25).
    static func amount(_ b: Bytes, into out: inout NormalizedBytes) -> Bool {
        // The number is the first run of digits and marks; the rest may be a currency.
        guard let first = (0..<b.count).first(where: { Byte.isDigit(b[$0]) }) else { return false }
        var end = first
        while end < b.count {
            let c = b[end]
            if Byte.isDigit(c) { end += 1; continue }
            if (c == 0x2C || c == 0x2E || c == 0x27 || c == 0x20) && end + 1 < b.count && Byte.isDigit(b[end + 1]) { end += 1; continue }
            break
        }
        if first > 0 && b[first - 1] == 0x2D { return false }  // negative: not a payment
        guard !(end..<b.count).contains(where: { Byte.isDigit(b[$0]) }) else { return false }
        let number = first..<end
        let lastComma = lastIndex(of: 0x2C, in: b, number), lastDot = lastIndex(of: 0x2E, in: b, number)
        var decimalMark: Int? = nil
        if let c = lastComma, let d = lastDot {
            decimalMark = max(c, d)
        } else if let m = lastComma ?? lastDot {
            let mark = b[m]
            let occurrences = number.lazy.filter { b[$0] == mark }.count
            // Groups of three after every mark read as thousands (`1,250`, `1.250.000`),
            // except a single `.`, which is always the decimal mark (`1.250` is 1.25): the
            // normal form `55.123` must read back as itself.
            let thousands = groupsOfThree(b, number, mark: mark) && !(mark == 0x2E && occurrences == 1)
            if !thousands { decimalMark = m }
            if occurrences > 1 && !thousands { return false }
        }
        let split = decimalMark ?? end
        // Integer digits without leading zeros.
        var integerDigits = 0
        for k in first..<split where Byte.isDigit(b[k]) {
            if integerDigits == 0 && b[k] == 0x30 { continue }
            integerDigits += 1
            guard integerDigits <= 18 else { return false }
            out.append(b[k])
        }
        if integerDigits == 0 { out.append(0x30) }
        out.append(0x2E)
        // Fraction digits, trailing zeros dropped down to two.
        var fractionDigits = 0, significant = 0
        for k in split..<end where Byte.isDigit(b[k]) {
            fractionDigits += 1
            if b[k] != 0x30 { significant = fractionDigits }
        }
        let keep = max(2, significant)
        guard keep <= 12 else { return false }
        var written = 0
        for k in split..<end where Byte.isDigit(b[k]) && written < keep {
            out.append(b[k])
            written += 1
        }
        while written < 2 { out.append(0x30); written += 1 }
        return true
    }

    /// Whether the first group of `number` has 1 to 3 digits and every group after a
    /// `mark` exactly three.
    private static func groupsOfThree(_ b: Bytes, _ number: Range<Int>, mark: UInt8) -> Bool {
        var groupStart = number.lowerBound
        var isHead = true
        for k in number.lowerBound...number.upperBound where k == number.upperBound || b[k] == mark {
            let length = k - groupStart
            if isHead {
                guard length >= 1 && length <= 3 else { return false }
                isHead = false
            } else {
                guard length == 3, (groupStart..<k).allSatisfy({ Byte.isDigit(b[$0]) }) else { return false }
            }
            groupStart = k + 1
        }
        return !isHead && groupStart > number.lowerBound && number.contains(where: { b[$0] == mark })
    }

    /// The host of a normalised URL value, without a port.
    static func host(ofURL value: String) -> String? {
        let u = value.utf8
        var i = u.startIndex
        var authorityStart: String.Index? = nil
        while i < u.endIndex {
            if u[i] == 0x3A {
                let a = u.index(after: i)
                if a < u.endIndex, u[a] == 0x2F, u.index(after: a) < u.endIndex, u[u.index(after: a)] == 0x2F {
                    authorityStart = u.index(a, offsetBy: 2)
                }
                break
            }
            i = u.index(after: i)
        }
        guard let start = authorityStart else { return nil }
        var end = start
        var colon: String.Index? = nil
        while end < u.endIndex && u[end] != 0x2F && u[end] != 0x3F {
            if u[end] == 0x3A { colon = end }
            end = u.index(after: end)
        }
        if start < end, u[start] != 0x5B, let colon { end = colon }
        guard start < end else { return nil }
        return String(value[start..<end])
    }

    // MARK: - Byte helpers

    static func trimmed(_ b: Bytes, _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && Byte.isSpace(b[lo]) { lo += 1 }
        while hi > lo && Byte.isSpace(b[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    static func firstIndex(of byte: UInt8, in b: Bytes, _ r: Range<Int>) -> Int? {
        r.first { b[$0] == byte }
    }

    static func lastIndex(of byte: UInt8, in b: Bytes, _ r: Range<Int>) -> Int? {
        r.last { b[$0] == byte }
    }

    static func hasPrefixFolded(_ b: Bytes, _ r: Range<Int>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard r.count >= n else { return false }
        let p = prefix.utf8Start
        for k in 0..<n where Byte.lower(b[r.lowerBound + k]) != p[k] { return false }
        return true
    }

    static func equalsFolded(_ b: Bytes, _ r: Range<Int>, _ word: StaticString) -> Bool {
        r.count == word.utf8CodeUnitCount && hasPrefixFolded(b, r, word)
    }
}
