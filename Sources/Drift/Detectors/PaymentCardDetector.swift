/// Finds payment card numbers: 13 to 19 digits, plain or in groups of 3 to 6 joined by
/// one consistent separator (space or `-`), that pass the Luhn check and start with an
/// issuer prefix of a plausible length: Visa `4` (13, 16, 19 digits), Mastercard
/// `51`–`55` and `2221`–`2720` (16), American Express `34`/`37` (15), Discover `6011`,
/// `644`–`649`, `65` (16–19) and JCB `3528`–`3589` (16–19).
///
/// A number that fails Luhn (such as most 16-digit order numbers) or has another
/// prefix does not fire, nor does a digit run longer than 19. Diners, UnionPay-only and
/// Maestro ranges are not covered. The excerpt shows the first and the last 4 digits.
enum PaymentCardDetector {
    static func match(in t: ByteText, at i: Int) -> Match? {
        // The running Luhn sums for either parity, kept at every group end.
        var digits = 0, prefix = 0
        var sumEven = 0, sumOdd = 0  // doubling the digits at even / odd indexes from the left
        var separator: UInt8 = 0
        var groupStart = 0
        // The end of the longest valid number so far: separated numbers may be followed
        // by more digit groups (a card number, then a year).
        var found = -1
        func check(_ end: Int) {
            let n = digits
            guard n >= 13 else { return }
            // The check digit (rightmost) is not doubled: double the parity opposite n - 1.
            let sum = (n - 1) & 1 == 0 ? sumOdd : sumEven
            if sum % 10 == 0 && plausibleIssuer(prefix: prefix, length: n) { found = end }
        }
        var k = i
        while true {
            let b = t[k]
            if Byte.isDigit(b) {
                guard digits < 19 else { break }
                let d = Byte.digitValue(b)
                let doubled = d * 2 > 9 ? d * 2 - 9 : d * 2
                if digits & 1 == 0 { sumEven += doubled; sumOdd += d } else { sumEven += d; sumOdd += doubled }
                if digits < 4 { prefix = prefix * 10 + d }
                digits += 1
                k += 1
                continue
            }
            let group = digits - groupStart
            let separated = (b == 0x20 || b == 0x2D) && Byte.isDigit(t[k + 1])
            if separated && (separator == 0 || separator == b) && group >= 3 && group <= 6 {
                separator = b
                check(k)
                groupStart = digits
                k += 1
                continue
            }
            // The number ends here, unless it runs on into digits or a word.
            if !Byte.isDigit(b) && !Byte.isWord(b) && (separator == 0 || (group >= 3 && group <= 6)) {
                check(k)
            }
            break
        }
        guard found > i else { return nil }
        return Match(.paymentCard, i..<found, secret: i + 1..<found - 4)
    }

    static func plausibleIssuer(prefix p4: Int, length n: Int) -> Bool {
        let p1 = p4 / 1000, p2 = p4 / 100, p3 = p4 / 10
        if p1 == 4 { return n == 13 || n == 16 || n == 19 }
        if (51...55).contains(p2) || (2221...2720).contains(p4) { return n == 16 }
        if p2 == 34 || p2 == 37 { return n == 15 }
        if p4 == 6011 || p2 == 65 || (644...649).contains(p3) || (3528...3589).contains(p4) { return (16...19).contains(n) }
        return false
    }
}
