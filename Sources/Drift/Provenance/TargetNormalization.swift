/// One normalisation function per target kind, so that two spellings of a destination
/// hash alike. Each works on UTF-8 bytes, returns nil for a value that is not of its
/// kind, and is idempotent (normalising its own output returns it unchanged).
///
/// Input longer than `maximumBytes` is not a target of any kind (nil): no legitimate
/// address, URL or path a monitor needs to match is that long, and the cap bounds the
/// work per value.
enum TargetNormalization {
    static let maximumBytes = 2048

    static func normalize(_ raw: String, as kind: TargetKind) -> String? {
        let bytes = Array(raw.utf8.prefix(maximumBytes + 1))
        guard bytes.count <= maximumBytes else { return nil }
        let result: [UInt8]?
        switch kind {
        case .email: result = email(bytes)
        case .url: result = url(bytes)
        case .host: result = host(bytes)
        case .iban: result = iban(bytes)
        case .account: result = account(bytes)
        case .phone: result = phone(bytes)
        case .path: result = path(bytes)
        case .amount: result = amount(bytes)
        }
        guard let result, !result.isEmpty else { return nil }
        return String(decoding: result, as: UTF8.self)
    }

    /// Lower-cased; surrounding blanks, a `mailto:` prefix (and its `?subject=` query), a
    /// display name (`"Jo" <jo@x.com>` -> `jo@x.com`) and trailing dots dropped. Needs one
    /// `@` with a non-empty local part and a domain of letters, digits, `-` and `.`
    /// (so `git@github.com:org/repo` is not an address); no blanks inside.
    static func email(_ raw: [UInt8]) -> [UInt8]? {
        var b = trimmed(raw[...])
        if let open = b.lastIndex(of: 0x3C), let close = b[open...].firstIndex(of: 0x3E) {
            b = trimmed(b[(open + 1)..<close])
        }
        if hasPrefixFolded(b, "mailto:") { b = b.dropFirst(7) }
        if let query = b.firstIndex(of: 0x3F) { b = b[..<query] }
        while b.last == 0x2E { b = b.dropLast() }
        guard let at = b.firstIndex(of: 0x40), at > b.startIndex, at + 1 < b.endIndex,
              b[(at + 1)...].firstIndex(of: 0x40) == nil,
              !b.contains(where: { Byte.isSpace($0) || $0 == 0x3C || $0 == 0x3E || $0 == 0x2C || $0 == 0x3B }),
              b[(at + 1)...].allSatisfy({ Byte.isAlnum($0) || $0 == 0x2D || $0 == 0x2E || $0 >= 0x80 })
        else { return nil }
        return b.map(Byte.lower)
    }

    /// `scheme://host[:port]/path?query`: scheme and host lower-cased, user information,
    /// a leading `www.`, the scheme's default port, the fragment and a trailing `/`
    /// dropped; path and query keep their case. Without a scheme, `https://` is assumed
    /// when the text starts with a host name (`example.com/x`).
    static func url(_ raw: [UInt8]) -> [UInt8]? {
        let b = trimmed(raw[...])
        var scheme: [UInt8] = []
        var rest = b
        if let colon = b.firstIndex(of: 0x3A), colon > b.startIndex, b[colon...].starts(with: [0x3A, 0x2F, 0x2F]),
           b[..<colon].allSatisfy({ Byte.isAlnum($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }), Byte.isLetter(b[b.startIndex]) {
            scheme = b[..<colon].map(Byte.lower)
            rest = b[(colon + 3)...]
        } else {
            scheme = Array("https".utf8)
        }
        // Authority: up to the first / ? or #.
        let authorityEnd = rest.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: 0x40) { authority = authority[(at + 1)...] }
        var port: ArraySlice<UInt8> = []
        if authority.first != 0x5B, let colon = authority.lastIndex(of: 0x3A) {
            port = authority[(colon + 1)...]
            authority = authority[..<colon]
            guard port.allSatisfy(Byte.isDigit) else { return nil }
            while port.first == 0x30 && port.count > 1 { port = port.dropFirst() }
        }
        guard var hostBytes = host(Array(authority)) else { return nil }
        if !port.isEmpty && !isDefault(port: port, scheme: scheme) {
            hostBytes.append(0x3A)
            hostBytes.append(contentsOf: port)
        }
        var tail = rest[authorityEnd...]
        if let hash = tail.firstIndex(of: 0x23) { tail = tail[..<hash] }
        guard !tail.contains(where: { Byte.isSpace($0) || $0 < 0x20 }) else { return nil }
        // A trailing slash, also before the query: `/a/?q` -> `/a?q`.
        let queryStart = tail.firstIndex(of: 0x3F) ?? tail.endIndex
        var pathPart = tail[..<queryStart]
        while pathPart.last == 0x2F { pathPart = pathPart.dropLast() }
        let query = tail[queryStart...]
        var out = scheme
        out.append(contentsOf: [0x3A, 0x2F, 0x2F])
        out.append(contentsOf: hostBytes)
        out.append(contentsOf: pathPart)
        if query.count > 1 { out.append(contentsOf: query) }
        return out
    }

    private static func isDefault(port: ArraySlice<UInt8>, scheme: [UInt8]) -> Bool {
        let p = String(decoding: port, as: UTF8.self), s = String(decoding: scheme, as: UTF8.self)
        switch (s, p) {
        case ("http", "80"), ("https", "443"), ("ws", "80"), ("wss", "443"), ("ftp", "21"), ("sftp", "22"), ("ssh", "22"): return true
        default: return false
        }
    }

    /// Lower-cased, a trailing dot and leading `www.` labels dropped (while a dot
    /// remains), a `:port` dropped. Letters, digits, `-`, `.`, `_` and UTF-8 beyond
    /// ASCII only; a bracketed IPv6 literal is kept as written (lower-cased).
    static func host(_ raw: [UInt8]) -> [UInt8]? {
        var b = trimmed(raw[...])
        if b.first == 0x5B {
            guard let close = b.firstIndex(of: 0x5D) else { return nil }
            let literal = b[...close]
            guard literal.dropFirst().dropLast().allSatisfy({ Byte.isAlnum($0) || $0 == 0x3A || $0 == 0x2E }) else { return nil }
            return literal.map(Byte.lower)
        }
        if let colon = b.firstIndex(of: 0x3A) {
            guard b[(colon + 1)...].allSatisfy(Byte.isDigit) else { return nil }
            b = b[..<colon]
        }
        while b.last == 0x2E { b = b.dropLast() }
        var out = b.map(Byte.lower)
        while out.count > 4, out.starts(with: Array("www.".utf8)), out[4...].contains(0x2E) { out.removeFirst(4) }
        guard !out.isEmpty, out.first != 0x2E,
              out.allSatisfy({ Byte.isAlnum($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F || $0 >= 0x80 })
        else { return nil }
        return out
    }

    /// Blanks and `-` removed, upper-cased; two letters, two digits, then 11 to 30
    /// letters or digits. The checksum is not required here (the text scanner verifies
    /// it before calling a run of characters an IBAN; an argument named `iban` is one).
    static func iban(_ raw: [UInt8]) -> [UInt8]? {
        let out = raw.filter { !Byte.isSpace($0) && $0 != 0x2D }.map { Byte.isLower($0) ? $0 - 0x20 : $0 }
        guard out.count >= 15, out.count <= 34, Byte.isUpper(out[0]), Byte.isUpper(out[1]),
              Byte.isDigit(out[2]), Byte.isDigit(out[3]), out.allSatisfy(Byte.isAlnum)
        else { return nil }
        return out
    }

    /// Blanks, `-`, `.` and `/` removed, upper-cased, after dropping leading words
    /// without digits (`Acct: 12-3456-78` -> `12345678`); letters and digits with at
    /// least 4 digits, at most 34 characters.
    static func account(_ raw: [UInt8]) -> [UInt8]? {
        var b = raw[...]
        while let cut = b.firstIndex(where: { Byte.isSpace($0) || $0 == 0x3A }), !b[..<cut].contains(where: Byte.isDigit) {
            b = b[(cut + 1)...]
        }
        let out = b.filter { !Byte.isSpace($0) && $0 != 0x2D && $0 != 0x2E && $0 != 0x2F }
            .map { Byte.isLower($0) ? $0 - 0x20 : $0 }
        guard out.count <= 34, out.allSatisfy(Byte.isAlnum), out.lazy.filter(Byte.isDigit).count >= 4 else { return nil }
        return out
    }

    /// The digits, of which only the last 10 are kept, so that `+1 555 123 4567`,
    /// `001 555 123 4567` and `(555) 123-4567` all become `5551234567`, and
    /// `+44 20 7946 0958` matches `020 7946 0958` (a leading `00` or `+` and the country
    /// code fall away with the rest of the prefix). Needs 7 to 15 digits (17 with a `00`
    /// prefix) and nothing but digits, blanks and `+ - . ( ) /`.
    static func phone(_ raw: [UInt8]) -> [UInt8]? {
        let b = trimmed(raw[...])
        guard b.allSatisfy({ Byte.isDigit($0) || Byte.isBlank($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 == 0x28 || $0 == 0x29 || $0 == 0x2F })
        else { return nil }
        let digits = b.filter(Byte.isDigit)
        let prefixed = b.first != 0x2B && digits.starts(with: [0x30, 0x30]) && digits.count > 10
        guard digits.count >= 7, digits.count <= (prefixed ? 17 : 15) else { return nil }
        return Array(digits.suffix(10))
    }

    /// Runs of `/` collapsed to one, a trailing `/` dropped (the root stays `/`), case
    /// kept, surrounding blanks and quotes dropped. Anything without a control byte is
    /// a path: relative paths come only from arguments named like `path` or `file`.
    static func path(_ raw: [UInt8]) -> [UInt8]? {
        var b = trimmed(raw[...])
        while let f = b.first, f == 0x22 || f == 0x27, let l = b.last, l == f, b.count >= 2 { b = trimmed(b.dropFirst().dropLast()) }
        guard !b.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        for c in b where !(c == 0x2F && out.last == 0x2F) { out.append(c) }
        while out.count > 1 && out.last == 0x2F { out.removeLast() }
        return out
    }

    /// Digits with a dot decimal and at least two decimals (`$1,250.00`, `1250 EUR` ->
    /// `1250.00`; `1.250,00 €` -> `1250.00`; `€20` -> `20.00`); currency, blanks and
    /// thousands separators dropped, leading zeros dropped, decimals beyond the second
    /// kept only when not zero. With both `,` and `.`, the last is the decimal mark; a
    /// single kind of mark is a thousands separator when every group after it has
    /// exactly three digits (`1,250`, `1.250.000`), except one lone `.` (`1.250` is 1.25).
    static func amount(_ raw: [UInt8]) -> [UInt8]? {
        // The number is the first run of digits and marks; the rest may be a currency.
        guard let first = raw.firstIndex(where: Byte.isDigit) else { return nil }
        var end = first
        while end < raw.count {
            let c = raw[end]
            if Byte.isDigit(c) { end += 1; continue }
            if (c == 0x2C || c == 0x2E || c == 0x27 || c == 0x20) && end + 1 < raw.count && Byte.isDigit(raw[end + 1]) { end += 1; continue }
            break
        }
        if first > 0 && raw[first - 1] == 0x2D { return nil }  // negative: not a payment
        let number = raw[first..<end]
        guard raw[end...].lazy.filter(Byte.isDigit).isEmpty else { return nil }
        let lastComma = number.lastIndex(of: 0x2C), lastDot = number.lastIndex(of: 0x2E)
        var decimalMark: Int? = nil
        if let c = lastComma, let d = lastDot {
            decimalMark = max(c, d)
        } else if let m = lastComma ?? lastDot {
            let markByte = number[m]
            let occurrences = number.lazy.filter { $0 == markByte }.count
            // Groups of three after every mark read as thousands (`1,250`, `1.250.000`),
            // except a single `.`, which is always the decimal mark (`1.250` is 1.25): the
            // normal form `55.123` must read back as itself.
            let thousands = groupsOfThree(number, mark: markByte) && !(markByte == 0x2E && occurrences == 1)
            if !thousands { decimalMark = m }
            if occurrences > 1 && !thousands { return nil }
        }
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        for k in number.indices {
            let c = number[k]
            guard Byte.isDigit(c) else { continue }
            if let m = decimalMark, k > m { fraction.append(c) } else { integer.append(c) }
        }
        while integer.count > 1 && integer.first == 0x30 { integer.removeFirst() }
        if integer.isEmpty { integer = [0x30] }
        while fraction.count > 2 && fraction.last == 0x30 { fraction.removeLast() }
        while fraction.count < 2 { fraction.append(0x30) }
        guard integer.count <= 18, fraction.count <= 12 else { return nil }
        return integer + [0x2E] + fraction
    }

    /// Whether every group after the first `mark` in `number` has exactly three digits.
    private static func groupsOfThree(_ number: ArraySlice<UInt8>, mark: UInt8) -> Bool {
        var groups = number.split(separator: mark, omittingEmptySubsequences: false)
        guard groups.count >= 2, let head = groups.first, head.count <= 3, !head.isEmpty else { return false }
        groups.removeFirst()
        return groups.allSatisfy { $0.count == 3 && $0.allSatisfy(Byte.isDigit) }
    }

    /// The host of a normalised URL value, without a port.
    static func host(ofURL value: String) -> String? {
        let b = Array(value.utf8)
        guard let sep = b.firstRange(of: [0x3A, 0x2F, 0x2F]) else { return nil }
        var authority = b[sep.upperBound...]
        if let end = authority.firstIndex(where: { $0 == 0x2F || $0 == 0x3F }) { authority = authority[..<end] }
        if authority.first != 0x5B, let colon = authority.lastIndex(of: 0x3A) { authority = authority[..<colon] }
        guard !authority.isEmpty else { return nil }
        return String(decoding: authority, as: UTF8.self)
    }

    static func trimmed(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = b
        while let f = s.first, Byte.isSpace(f) { s = s.dropFirst() }
        while let l = s.last, Byte.isSpace(l) { s = s.dropLast() }
        return s
    }

    static func hasPrefixFolded(_ b: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard b.count >= n else { return false }
        let p = prefix.utf8Start
        for k in 0..<n where Byte.lower(b[b.startIndex + k]) != p[k] { return false }
        return true
    }
}
