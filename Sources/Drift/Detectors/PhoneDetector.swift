/// Finds telephone numbers:
///
/// - international: `+` and 8 to 15 digits (E.164), in groups joined by spaces, `-`,
///   `.` or parentheses: `+44 20 7946 0958`, `+1 (555) 123-4567`, `+4915123456789`;
/// - North American national: `(555) 123-4567`, `(555)123-4567`, `555-123-4567`,
///   `555.123.4567`, with an area code starting 2–9.
///
/// Deliberately not matched: bare digit runs, space-separated national forms
/// (`555 123 4567`, `020 7946 0958`, too often other numbers), dates, version strings
/// and IP addresses (`1.2.3.4`, `192.168.0.1` do not have the 3-3-4 shape), and numbers
/// that run on into more digits or letters.
enum PhoneDetector {
    /// An international number at the `+` at `i`.
    static func international(in t: ByteText, at i: Int) -> Match? {
        guard Byte.isDigit(t[i + 1]), !Byte.isAlnum(t[i - 1]) else { return nil }
        var k = i + 1
        var digits = 0
        var end = k
        while true {
            let groupStart = k
            k = t.skip(from: k, limit: k + 16, while: Byte.isDigit)
            digits += k - groupStart
            guard digits <= 15 else { return nil }
            end = k
            // Up to two separator bytes, such as ") " or " (", before the next group.
            var s = k
            while s - k < 2 && isSeparator(t[s]) { s += 1 }
            guard s > k, Byte.isDigit(t[s]) else { break }
            k = s
        }
        guard digits >= 8, !Byte.isWord(t[end]), !(t[end] == 0x2E && Byte.isDigit(t[end + 1])) else { return nil }
        return Match(.phone, i..<end, secret: i + 1..<end - 2)
    }

    /// A North American number at the `(` or digit at `i`.
    static func national(in t: ByteText, at i: Int) -> Match? {
        var k = i
        let separator: UInt8
        if t[i] == 0x28 {
            guard digits(t, i + 1, 3), t[i + 4] == 0x29 else { return nil }
            k = i + 5
            if t[k] == 0x20 { k += 1 }
            separator = 0x2D
            guard Byte.isDigit(t[i + 1]), t[i + 1] >= UInt8(ascii: "2") else { return nil }
        } else {
            guard digits(t, i, 3) else { return nil }
            separator = t[i + 3]
            guard separator == 0x2D || separator == 0x2E, t[i] >= UInt8(ascii: "2") else { return nil }
            k = i + 4
        }
        guard digits(t, k, 3), t[k + 3] == separator, digits(t, k + 4, 4) else { return nil }
        let end = k + 8
        guard !Byte.isWord(t[end]), !((t[end] == 0x2D || t[end] == 0x2E) && Byte.isDigit(t[end + 1])) else { return nil }
        return Match(.phone, i..<end, secret: i + 1..<end - 2)
    }

    private static func isSeparator(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x2D || b == 0x2E || b == 0x28 || b == 0x29
    }

    private static func digits(_ t: ByteText, _ k: Int, _ n: Int) -> Bool {
        for j in k..<k + n where !Byte.isDigit(t[j]) { return false }
        return true
    }
}
