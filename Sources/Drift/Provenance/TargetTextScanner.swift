/// The byte scanner behind `TargetExtractor.forEachValue`: one left-to-right pass over
/// UTF-8 that recognises candidate target values at token starts and hands each one,
/// normalised, to a callback.
///
/// Work is bounded: at most `maximumScannedBytes` of the text are read, each candidate
/// looks at most a few kilobytes ahead (`TargetNormalization.maximumBytes`), and the
/// scan stops after `limit` values. It allocates nothing: values are normalised in the
/// caller's 1 KiB scratch buffer and handed to the callback as bytes. A recognised non-target (a date, a time, a version
/// or IP address, a card number, a `#reference`) is consumed whole so that its digits
/// are not read again as an account or phone number.
struct TargetTextScanner {
    /// Text beyond the first MiB is not scanned.
    static let maximumScannedBytes = 1 << 20
    /// A value in text longer than this is not reported (a URL that long still gives its
    /// host): it keeps normalisation in a stack buffer (`NormalizedBytes.scanCapacity`).
    static let maximumValueBytes = 960

    let t: ByteText
    /// Kinds to report (bit `kind.rawValue`); the others are still recognised and skipped.
    let kinds: UInt16
    let limit: Int
    private(set) var emitted = 0
    /// Where each value is normalised before `body` sees it.
    private var out: NormalizedBytes

    static let allKinds: UInt16 = 0xFF

    init(_ t: ByteText, kinds: UInt16 = TargetTextScanner.allKinds, limit: Int, scratch: NormalizedBytes) {
        self.t = t
        self.kinds = kinds
        self.limit = limit
        self.out = scratch
    }

    /// The callback's view of one value: its kind and normalised bytes, valid only
    /// during the call.
    typealias Body = (TargetKind, UnsafeBufferPointer<UInt8>) -> Void

    /// Scans the whole text, calling `body` with each value's kind and normalised bytes.
    mutating func run(_ body: Body) {
        var i = 0
        let n = t.count
        while i < n && emitted < limit {
            if let end = candidate(at: i, body), end > i { i = end } else { i += 1 }
        }
    }

    // MARK: - Dispatch

    /// The end of what starts at `i` (emitted or skipped), or nil when nothing does.
    private mutating func candidate(at i: Int, _ body: Body) -> Int? {
        let b = t[i]
        let p = t[i - 1]
        switch b {
        case 0x2F:  // '/'
            guard isPathBoundary(p), !(p == 0x3A && t[i + 1] == 0x2F) else { return nil }
            return path(from: i, body)
        case 0x7E:  // '~/'
            guard t[i + 1] == 0x2F, isPathBoundary(p) else { return nil }
            return path(from: i, body)
        case 0x2B:  // '+'
            guard Byte.isDigit(t[i + 1]), !Byte.isAlnum(p) else { return nil }
            return internationalPhone(at: i, body)
        case 0x28:  // '('
            return bracketedPhone(at: i, body)
        case 0x24:  // '$'
            return amount(afterSymbolAt: i, width: 1, body)
        case 0xC2 where t[i + 1] == 0xA3 || t[i + 1] == 0xA5:  // '£' '¥'
            return amount(afterSymbolAt: i, width: 2, body)
        case 0xE2 where t[i + 1] == 0x82 && t[i + 2] == 0xAC:  // '€'
            return amount(afterSymbolAt: i, width: 3, body)
        case 0x23:  // '#1234': a reference, not an account
            return Byte.isDigit(t[i + 1]) ? t.skip(from: i + 1, limit: i + 64, while: Byte.isAlnum) : nil
        default:
            break
        }
        guard Byte.isAlnum(b) || b >= 0xC0, isWordBoundary(p) else { return nil }
        if Byte.isLetter(b) {
            if let end = schemeURL(at: i, body) { return end }
            if t.matchesFolded("mailto:", at: i), let end = email(localFrom: i + 7, body) { return end }
        }
        if let end = email(localFrom: i, body) { return end }
        if Byte.isUpper(b) {
            if let m = IBANDetector.match(in: t, at: i) {
                emit(.iban, m.range, body)
                return m.range.upperBound
            }
            if let end = amount(afterCodeAt: i, body) { return end }
        }
        if Byte.isLetter(b), t[i + 1] == 0x3A, t[i + 2] == 0x5C || t[i + 2] == 0x2F, !Byte.isAlnum(t[i - 1]) {
            return path(from: i, body)  // C:\Users\...
        }
        if Byte.isDigit(b), p != 0x2C, p != 0x2D, p != 0x2E, p != 0x3A {
            return number(at: i, body)
        }
        if Byte.isAlnum(b) { return host(at: i, body) }
        return nil
    }

    /// Whether a value may start after byte `p`: not inside a word, an address, a path
    /// or a number.
    private func isWordBoundary(_ p: UInt8) -> Bool {
        !(Byte.isAlnum(p) || p == 0x5F || p == 0x2E || p == 0x2D || p == 0x40 || p == 0x2F || p == 0x5C
            || p == 0x25 || p == 0x2B || p == 0x7E || p >= 0x80)
    }

    private func isPathBoundary(_ p: UInt8) -> Bool {
        p == 0 || Byte.isSpace(p) || p == 0x22 || p == 0x27 || p == 0x60 || p == 0x28 || p == 0x5B
            || p == 0x3D || p == 0x3A || p == 0x3E || p == 0x2C || p == 0x7B
    }

    private mutating func emit(_ kind: TargetKind, _ range: Range<Int>, _ body: Body) {
        guard emitted < limit, kinds & (1 << kind.rawValue) != 0, range.count <= Self.maximumValueBytes else { return }
        guard TargetNormalization.normalize(t.bytes(range), as: kind, into: &out) else { return }
        emitted += 1
        body(kind, out.bytes)
    }

    // MARK: - Addresses

    private static let schemes: [StaticString] = ["https://", "http://", "ftp://", "sftp://", "wss://", "ws://"]

    /// `scheme://authority/path?query`, up to a blank, quote, angle bracket or closing
    /// bracket, without trailing sentence punctuation. Emits the URL and its host.
    private mutating func schemeURL(at i: Int, _ body: Body) -> Int? {
        var start = -1
        for s in Self.schemes where t.matchesFolded(s, at: i) {
            start = i + s.utf8CodeUnitCount
            break
        }
        guard start >= 0 else { return nil }
        let cap = i + TargetNormalization.maximumBytes
        let authorityEnd = t.skip(from: start, limit: cap) {
            Byte.isAlnum($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x5F || $0 == 0x3A || $0 == 0x40 || $0 == 0x5B || $0 == 0x5D || $0 >= 0x80
        }
        guard authorityEnd > start else { return nil }
        // A `)` ends the URL unless it closes a `(` inside it (`/wiki/A_(b)` in `[x](...)`).
        var end = authorityEnd
        var open = 0
        while end < min(cap, t.count) {
            let c = t.base[end]
            if c == 0x28 { open += 1 } else if c == 0x29 { guard open > 0 else { break }; open -= 1 } else if Self.endsURL(c) { break }
            end += 1
        }
        while end > authorityEnd, Self.isTrailingPunctuation(t[end - 1]) { end -= 1 }
        var hostStart = start
        for k in start..<authorityEnd where t.base[k] == 0x40 { hostStart = k + 1 }
        var hostEnd = authorityEnd
        while hostEnd > hostStart, Self.isTrailingPunctuation(t[hostEnd - 1]) { hostEnd -= 1 }
        emit(.url, i..<end, body)
        emit(.host, hostStart..<hostEnd, body)
        return end
    }

    private static func endsURL(_ b: UInt8) -> Bool {
        b <= 0x20 || b == 0x22 || b == 0x27 || b == 0x60 || b == 0x3C || b == 0x3E || b == 0x29 || b == 0x5D || b == 0x7D
            || b == 0x7C || b == 0x5C || b == 0x7F
    }

    private static func isTrailingPunctuation(_ b: UInt8) -> Bool {
        b == 0x2E || b == 0x2C || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F
    }

    /// An e-mail address whose local part starts at `i` (see `EmailDetector`).
    private mutating func email(localFrom i: Int, _ body: Body) -> Int? {
        let at = t.skip(from: i, limit: i + 65) {
            Byte.isAlnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x25 || $0 == 0x2B || $0 == 0x2D || $0 >= 0x80
        }
        guard at > i, t[at] == 0x40, let m = EmailDetector.match(in: t, at: at, floor: i), t[m.range.upperBound] != 0x40
        else { return nil }
        emit(.email, m.range, body)
        return m.range.upperBound
    }

    /// Top-level domains that make a dotted word a host name: the common generic ones,
    /// most country codes in wide use, and the private-network names (`local`, `internal`,
    /// `corp`, `lan`, `example`, `test`). Left out on purpose: country codes that are also
    /// common file extensions (py, rs, md, sh, pl, so, cc, ps, am, sc, cs) and the generic
    /// `mov` and `zip`, so that `setup.py`, `notes.md` and `backup.zip` stay quiet.
    private static let tlds: StaticString = """
         com net org edu gov mil int info biz name pro io co ai app dev me tv xyz online site tech cloud shop \
        store page blog email news live link top club space website ly to gg gl fm ru de uk fr nl be ch at it es pt \
        ie se no dk fi is cz sk hu ro bg gr tr ua by lt lv ee si hr cn jp kr in au nz ca us br mx ar cl za ng ke \
        eg sg hk tw my th vn id ph il ae sa ir pk eu asia local internal corp lan example test \

        """

    private static func isKnownTLD(_ t: ByteText, _ range: Range<Int>) -> Bool {
        let n = range.count
        guard n >= 2, n <= 8 else { return false }
        let table = tlds.utf8Start, count = tlds.utf8CodeUnitCount
        var k = 0
        while k < count {
            // Each entry is preceded by a space.
            var e = k + 1
            while e < count && table[e] != 0x20 && table[e] != 0x0A { e += 1 }
            if e - (k + 1) == n {
                var same = true
                for j in 0..<n where Byte.lower(t.base[range.lowerBound + j]) != table[k + 1 + j] { same = false; break }
                if same { return true }
            }
            k = e
        }
        return false
    }

    /// A bare host name: dotted labels of letters, digits and inner `-`, with a known
    /// top-level domain written all lower or all upper case (`end.It` is a missing space,
    /// not Italy). Not when it runs on into a word, an `@` or another label.
    private mutating func host(at i: Int, _ body: Body) -> Int? {
        var k = i
        var lastLabel = i
        var end = i
        var dots = 0
        let cap = i + 253
        while k < cap {
            let labelStart = k
            k = t.skip(from: k, limit: min(cap, k + 63)) { Byte.isAlnum($0) || $0 == 0x2D }
            guard k > labelStart, t[labelStart] != 0x2D, t[k - 1] != 0x2D else { break }
            end = k
            lastLabel = labelStart
            guard t[k] == 0x2E, Byte.isAlnum(t[k + 1]) else { break }
            dots += 1
            k += 1
        }
        let wordEnd = t.skip(from: end, limit: end + 64) { Byte.isWord($0) || $0 == 0x2D }
        guard dots >= 1, end > i else { return wordEnd }
        let next = t[end]
        guard !Byte.isWord(next), next != 0x40, next != 0x2D, !(next == 0x2E && Byte.isAlnum(t[end + 1])), next < 0x80,
              Self.isKnownTLD(t, lastLabel..<end)
        else { return t.skip(from: end, limit: end + 64) { Byte.isWord($0) || $0 == 0x2D || $0 == 0x2E } }
        let tld = t.bytes(lastLabel..<end)
        guard tld.allSatisfy(Byte.isLower) || tld.allSatisfy(Byte.isUpper) else { return end }
        emit(.host, i..<end, body)
        // A path after the host (`example.com/login`) belongs to it.
        return next == 0x2F ? t.skip(from: end, limit: end + TargetNormalization.maximumBytes) { !Self.endsURL($0) } : end
    }

    /// An absolute, `~/` or drive path, up to a blank, quote, bracket, `,` or `;`, without
    /// trailing sentence punctuation; at least one letter or digit after the first `/`.
    private mutating func path(from i: Int, _ body: Body) -> Int? {
        var end = t.skip(from: i, limit: i + 1024) { b in
            !(b <= 0x20 || b == 0x22 || b == 0x27 || b == 0x60 || b == 0x3C || b == 0x3E || b == 0x7C || b == 0x28 || b == 0x29
                || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D || b == 0x2C || b == 0x3B || b == 0x7F)
        }
        let full = end
        while end > i, Self.isTrailingPunctuation(t[end - 1]) { end -= 1 }
        guard t.bytes(i..<end).contains(where: { Byte.isAlnum($0) || $0 >= 0x80 }), end - i >= 2 else { return full }
        emit(.path, i..<end, body)
        return full
    }

    // MARK: - Numbers

    /// `+` and 7 to 15 digits in groups joined by up to two of `space - . ( )`.
    private mutating func internationalPhone(at i: Int, _ body: Body) -> Int? {
        var k = i + 1
        var digits = 0
        var end = k
        while true {
            let groupStart = k
            k = t.skip(from: k, limit: k + 16, while: Byte.isDigit)
            digits += k - groupStart
            guard digits <= 15 else { return t.skip(from: k, limit: k + 64, while: Byte.isDigit) }
            end = k
            var s = k
            while s - k < 2 && Self.isPhoneSeparator(t[s]) { s += 1 }
            guard s > k, Byte.isDigit(t[s]) else { break }
            k = s
        }
        guard digits >= 7, !Byte.isWord(t[end]), !(t[end] == 0x2E && Byte.isDigit(t[end + 1])) else { return end }
        emit(.phone, i..<end, body)
        return end
    }

    private static func isPhoneSeparator(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x2D || b == 0x2E || b == 0x28 || b == 0x29
    }

    /// `(555) 123-4567`, `(555)123 4567`, `(020) 7946 0958`: 2 to 5 digits in brackets,
    /// then two groups joined by `-`, `.` or a space, 7 to 15 digits in all.
    private mutating func bracketedPhone(at i: Int, _ body: Body) -> Int? {
        guard !Byte.isAlnum(t[i - 1]) else { return nil }
        let areaEnd = t.skip(from: i + 1, limit: i + 7, while: Byte.isDigit)
        guard areaEnd - (i + 1) >= 2, areaEnd - (i + 1) <= 5, t[areaEnd] == 0x29 else { return nil }
        var k = areaEnd + 1
        if t[k] == 0x20 { k += 1 }
        let g1 = t.skip(from: k, limit: k + 5, while: Byte.isDigit)
        guard g1 - k >= 3, t[g1] == 0x2D || t[g1] == 0x20 || t[g1] == 0x2E else { return nil }
        let g2 = t.skip(from: g1 + 1, limit: g1 + 6, while: Byte.isDigit)
        guard g2 - (g1 + 1) >= 4, !Byte.isWord(t[g2]) else { return nil }
        let digits = (areaEnd - i - 1) + (g1 - k) + (g2 - g1 - 1)
        guard digits >= 7, digits <= 15 else { return nil }
        emit(.phone, i..<g2, body)
        return g2
    }

    /// Three-letter currency codes an amount may carry before or after it.
    private static let currencyCodes: StaticString =
        "USD EUR GBP CHF JPY CAD AUD NZD CNY INR SEK NOK DKK PLN CZK HUF BRL MXN ZAR SGD HKD KRW TRY RUB AED BTC ETH "

    private func isCurrencyCode(at i: Int) -> Bool {
        guard !Byte.isLetter(t[i + 3]) else { return false }
        let table = Self.currencyCodes.utf8Start
        var k = 0
        while k + 3 <= Self.currencyCodes.utf8CodeUnitCount {
            if Byte.lower(t[i]) == table[k] | 0x20 && Byte.lower(t[i + 1]) == table[k + 1] | 0x20 && Byte.lower(t[i + 2]) == table[k + 2] | 0x20 {
                return true
            }
            k += 4
        }
        return false
    }

    private static let currencyWords: [StaticString] = ["dollars", "dollar", "euros", "euro", "pounds"]

    /// The end of a currency marker at `i` (after one optional space), or nil: a symbol
    /// (`€ £ ¥ $`), a code (`EUR`, `usd`) or a word (`dollars`, `euros`, `pounds`).
    private func currencyMarker(at i0: Int) -> Int? {
        let i = t[i0] == 0x20 ? i0 + 1 : i0
        if t[i] == 0xE2 && t[i + 1] == 0x82 && t[i + 2] == 0xAC { return i + 3 }
        if t[i] == 0xC2 && (t[i + 1] == 0xA3 || t[i + 1] == 0xA5) { return i + 2 }
        if t[i] == 0x24 && !Byte.isDigit(t[i + 1]) { return i + 1 }
        if isCurrencyCode(at: i) { return i + 3 }
        for word in Self.currencyWords where t.matchesFolded(word, at: i) {
            let e = i + word.utf8CodeUnitCount
            if !Byte.isLetter(t[e]) { return e }
        }
        return nil
    }

    /// The end of the amount-shaped number at `i`: digits joined by single `,` `.` `'`,
    /// or by a space before a group of exactly three digits (`1 250,00`).
    private func amountEnd(from i: Int) -> Int {
        var k = t.skip(from: i, limit: i + 24, while: Byte.isDigit)
        while k - i < 32 {
            let c = t[k]
            if (c == 0x2C || c == 0x2E || c == 0x27) && Byte.isDigit(t[k + 1]) {
                k = t.skip(from: k + 1, limit: k + 24, while: Byte.isDigit)
            } else if c == 0x20 && Byte.isDigit(t[k + 1]) && Byte.isDigit(t[k + 2]) && Byte.isDigit(t[k + 3])
                        && !Byte.isDigit(t[k + 4]) && t[k + 4] != 0x20 && t[k - 1] != 0x2C && t[k - 1] != 0x2E {
                k += 4
            } else {
                break
            }
        }
        return k
    }

    /// `$1,250.00`, `€ 20`, `£5`.
    private mutating func amount(afterSymbolAt i: Int, width: Int, _ body: Body) -> Int? {
        var k = i + width
        if t[k] == 0x20 { k += 1 }
        guard Byte.isDigit(t[k]) else { return nil }
        let end = amountEnd(from: k)
        guard !Byte.isWord(t[end]) || isCurrencyCode(at: end) else { return end }
        emit(.amount, k..<end, body)
        return end
    }

    /// `USD 1,250.00`, `EUR20`.
    private mutating func amount(afterCodeAt i: Int, _ body: Body) -> Int? {
        guard isCurrencyCode(at: i) else { return nil }
        var k = i + 3
        if t[k] == 0x20 { k += 1 }
        guard Byte.isDigit(t[k]) else { return nil }
        let end = amountEnd(from: k)
        guard !Byte.isWord(t[end]) else { return end }
        emit(.amount, k..<end, body)
        return end
    }

    /// A number at a token start: an amount when a currency follows; a date, a time, a
    /// version or IP address (skipped); a national phone number; an account number (8 to
    /// 20 solid digits that are not a `yyyymmdd` date or a Luhn-valid card number).
    private mutating func number(at i: Int, _ body: Body) -> Int? {
        let first = t.skip(from: i, limit: i + 40, while: Byte.isDigit)
        let length = first - i

        let amountTo = amountEnd(from: i)
        if let end = currencyMarker(at: amountTo) {
            emit(.amount, i..<amountTo, body)
            return end
        }
        if let end = skippedDateOrTime(at: i, firstGroupEnd: first) { return end }

        // Groups joined by one separator each, for phones, versions and IP addresses.
        var groups = DigitGroups(length)
        var separators: UInt8 = 0
        var mixed = false
        var k = first
        while groups.count < 8 {
            let s = t[k]
            guard s == 0x2D || s == 0x2E || s == 0x20, Byte.isDigit(t[k + 1]) else { break }
            if separators == 0 { separators = s } else if separators != s { mixed = true }
            let e = t.skip(from: k + 1, limit: k + 24, while: Byte.isDigit)
            groups.append(e - k - 1)
            k = e
        }
        let runEnd = k
        let total = groups.total
        if groups.count >= 2 && !Byte.isAlnum(t[runEnd]) && !(t[runEnd] == 0x2E && Byte.isDigit(t[runEnd + 1])) {
            if separators == 0x2E && !mixed && !groups.is(3, 3, 4) {
                return runEnd  // 1.2.3.4, 10.0.0.1, 2.5
            }
            if !mixed && isNationalPhone(groups, separator: separators, leadingOne: t[i] == 0x31, leadingZero: t[i] == 0x30) && total >= 7 && total <= 15 {
                emit(.phone, i..<runEnd, body)
                return runEnd
            }
        }
        if separators == 0x2E && !mixed && groups.count >= 2 { return runEnd }
        // An unrecognised run of groups is skipped whole (`3704 0044 0532 0130 01`, an
        // IBAN with a bad check digit, is not a phone), unless its first group alone is
        // account-shaped (`12345678 9`).
        guard length >= 8, length <= 20, !Byte.isAlnum(t[first]), !(t[first] == 0x2C && Byte.isDigit(t[first + 1])),
              !(t[first] == 0x2E && Byte.isDigit(t[first + 1])), t[i - 1] != 0x23, !isDate(i, length), !isCard(i, length),
              !isReference(before: i)
        else { return max(first, runEnd) }
        emit(.account, i..<first, body)
        return first
    }

    /// North American 3-3-4 (`555-123-4567`, `555.123.4567`, `555 123 4567`) or 1-3-3-4
    /// (`1-800-555-1234`), a local
    /// 3-4 with `-` (`555-1234`), or a trunk-prefixed national number (`020 7946 0958`,
    /// `06-12345678`): leading 0, groups of 2 to 8 digits, 9 to 12 in all.
    private func isNationalPhone(_ groups: DigitGroups, separator: UInt8, leadingOne: Bool, leadingZero: Bool) -> Bool {
        if groups.is(3, 3, 4) || (groups.is(1, 3, 3, 4) && leadingOne) { return true }
        if groups.is(3, 4) && separator == 0x2D { return true }
        return leadingZero && (separator == 0x20 || separator == 0x2D) && groups.count <= 4
            && groups.shortest >= 2 && groups.longest <= 8 && groups.total >= 9 && groups.total <= 12
    }

    /// Skips `2024-01-15`, `15/01/2024`, `1.2.2024`, `12:30`, `12:30:05`; nil otherwise.
    private func skippedDateOrTime(at i: Int, firstGroupEnd first: Int) -> Int? {
        let length = first - i
        let s = t[first]
        if s == 0x3A && length <= 2 && Byte.isDigit(t[first + 1]) && Byte.isDigit(t[first + 2]) {
            var end = first + 3
            if t[end] == 0x3A && Byte.isDigit(t[end + 1]) && Byte.isDigit(t[end + 2]) { end += 3 }
            return end
        }
        guard s == 0x2D || s == 0x2F || s == 0x2E, length == 4 || length <= 2 else { return nil }
        let second = t.skip(from: first + 1, limit: first + 4, while: Byte.isDigit)
        let secondLength = second - first - 1
        guard secondLength >= 1, secondLength <= 2, t[second] == s else { return nil }
        let third = t.skip(from: second + 1, limit: second + 6, while: Byte.isDigit)
        let thirdLength = third - second - 1
        let isDate = length == 4 ? thirdLength >= 1 && thirdLength <= 2 : thirdLength == 2 || thirdLength == 4
        guard isDate, !Byte.isDigit(t[third]) else { return nil }
        return third
    }

    /// Words naming a number as a reference to a document or a case, not an account.
    private static let referenceWords: [StaticString] = [
        "order", "invoice", "ticket", "ref", "reference", "tracking", "case", "issue", "confirmation", "booking",
        "reservation", "shipment", "parcel", "receipt", "transaction", "po",
    ]

    private static let numberWords: [StaticString] = ["no", "nr", "number", "num", "id"]

    /// Whether the number at `i` follows a reference word, optionally with `no`, `nr`,
    /// `number` or `id` between (`order 123456789`, `Invoice no. 12345678`, `ticket ID:
    /// 12345678`).
    private func isReference(before i: Int) -> Bool {
        var k = i - 1
        func skipSeparators() { var n = 0; while n < 4 && (t[k] == 0x20 || t[k] == 0x3A || t[k] == 0x2E || t[k] == 0x2D) { k -= 1; n += 1 } }
        func word() -> Range<Int> {
            let end = k + 1
            while k >= 0 && end - k <= 16 && Byte.isLetter(t[k]) { k -= 1 }
            return (k + 1)..<end
        }
        func isOne(_ w: Range<Int>, of words: [StaticString]) -> Bool {
            words.contains { $0.utf8CodeUnitCount == w.count && t.matchesFolded($0, at: w.lowerBound) }
        }
        skipSeparators()
        var w = word()
        if isOne(w, of: Self.numberWords) {
            skipSeparators()
            w = word()
        }
        return !w.isEmpty && !Byte.isLetter(t[w.lowerBound - 1]) && isOne(w, of: Self.referenceWords)
    }

    /// `yyyymmdd` from 1900 to 2099 with a valid month and day.
    private func isDate(_ i: Int, _ length: Int) -> Bool {
        guard length == 8 else { return false }
        func d(_ k: Int) -> Int { Byte.digitValue(t[i + k]) }
        let century = d(0) * 10 + d(1), month = d(4) * 10 + d(5), day = d(6) * 10 + d(7)
        return (century == 19 || century == 20) && (1...12).contains(month) && (1...31).contains(day)
    }

    /// A payment card number: 13 to 19 digits, starting 2 to 6, passing the Luhn check.
    /// Cards are data the content scanner flags, not destinations.
    private func isCard(_ i: Int, _ length: Int) -> Bool {
        guard length >= 13, length <= 19, t[i] >= 0x32, t[i] <= 0x36 else { return false }
        var sum = 0
        for k in 0..<length {
            var v = Byte.digitValue(t[i + length - 1 - k])
            if k % 2 == 1 { v *= 2; if v > 9 { v -= 9 } }
            sum += v
        }
        return sum % 10 == 0
    }
}

/// The digit-group lengths of a number like `555-123-4567`, without an array: the first
/// four lengths, the count, the sum and the extremes.
private struct DigitGroups {
    private(set) var count = 0
    private(set) var total = 0
    private(set) var shortest = Int.max
    private(set) var longest = 0
    private var lengths: (Int, Int, Int, Int) = (0, 0, 0, 0)

    init(_ first: Int) { append(first) }

    mutating func append(_ length: Int) {
        switch count {
        case 0: lengths.0 = length
        case 1: lengths.1 = length
        case 2: lengths.2 = length
        case 3: lengths.3 = length
        default: break
        }
        count += 1
        total += length
        shortest = min(shortest, length)
        longest = max(longest, length)
    }

    /// Whether the lengths are exactly `a, b`.
    func `is`(_ a: Int, _ b: Int) -> Bool { count == 2 && lengths.0 == a && lengths.1 == b }
    func `is`(_ a: Int, _ b: Int, _ c: Int) -> Bool { count == 3 && lengths.0 == a && lengths.1 == b && lengths.2 == c }
    func `is`(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Bool {
        count == 4 && lengths.0 == a && lengths.1 == b && lengths.2 == c && lengths.3 == d
    }
}
