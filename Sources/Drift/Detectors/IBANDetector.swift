/// Finds International Bank Account Numbers: a country code, two check digits and the
/// country's number of letters and digits, written solid or in groups of four joined by
/// single spaces (`DE89 3704 0044 0532 0130 00`), that pass the ISO 13616 mod-97 check.
///
/// The length must be the registry's length for the country; countries missing from
/// `lengths` (a few that adopted IBAN recently) are not matched. An IBAN with a wrong
/// check digit, or a product code that only looks like one, does not fire.
enum IBANDetector {
    /// The IBAN length of each country in the SWIFT IBAN registry (release 2024).
    static let lengths: StaticString = """
        AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22DJ27DK18DO28EE20EG29ES24\
        FI18FK18FO18FR27GB22GE22GI23GL18GR27GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21\
        LT20LU20LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28PS29PT25QA29RO24RS22\
        RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28TL23TN24TR26UA29VA22VG24XK20
        """

    static func length(country a: UInt8, _ b: UInt8) -> Int? {
        let table = lengths.utf8Start
        var k = 0
        while k + 4 <= lengths.utf8CodeUnitCount {
            if table[k] == a && table[k + 1] == b {
                return Byte.digitValue(table[k + 2]) * 10 + Byte.digitValue(table[k + 3])
            }
            k += 4
        }
        return nil
    }

    static func match(in t: ByteText, at i: Int) -> Match? {
        guard Byte.isUpper(t[i + 1]), Byte.isDigit(t[i + 2]), Byte.isDigit(t[i + 3]),
              let expected = length(country: t[i], t[i + 1])
        else { return nil }
        // Walk the characters, allowing one space after every fourth, and fold the
        // mod-97 remainder of the rearranged number (BBAN, then country and check).
        var k = i
        var characters = 0
        var remainder = 0
        var spaced = false
        while characters < expected {
            var b = t[k]
            if b == 0x20 && characters % 4 == 0 && characters > 0 && (spaced || characters == 4) {
                spaced = true
                k += 1
                b = t[k]
            } else if spaced && characters % 4 == 0 {
                return nil
            }
            guard Byte.isAlnum(b) else { return nil }
            if characters >= 4 { remainder = fold(remainder, b) }
            characters += 1
            k += 1
        }
        guard !Byte.isAlnum(t[k]) else { return nil }
        for j in i..<i + 4 { remainder = fold(remainder, t[j]) }
        guard remainder == 1 else { return nil }
        return Match(.iban, i..<k, secret: i + 4..<k)
    }

    /// Appends a character's value (digits 0–9, letters 10–35) to a mod-97 remainder.
    @inline(__always)
    private static func fold(_ remainder: Int, _ b: UInt8) -> Int {
        Byte.isDigit(b)
            ? (remainder * 10 + Byte.digitValue(b)) % 97
            : (remainder * 100 + Int((b | 0x20) - 0x61) + 10) % 97
    }
}
