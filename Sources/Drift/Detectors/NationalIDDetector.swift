/// Finds national identity numbers:
///
/// - US social security numbers written `ddd-dd-dddd`, without the never-issued area
///   numbers 000, 666 and 900–999, group 00 or serial 0000. Undashed nine-digit runs
///   are not matched: they are as often order, account or phone numbers.
/// - UK National Insurance numbers: two prefix letters (not D, F, I, Q, U, V; the second
///   not O either; not BG, GB, KN, NK, NT, TN, ZZ), six digits (optionally in spaced
///   pairs), and a suffix letter A–D: `AB123456C`, `AB 12 34 56 C`. Upper case only.
///
/// Other countries' identifiers (Social Insurance Numbers, Steuer-IDs, Aadhaar, INSEE,
/// BSN...) are not covered.
enum NationalIDDetector {
    /// A US SSN starting at the digit `i`.
    static func socialSecurityNumber(in t: ByteText, at i: Int) -> Match? {
        guard t[i + 3] == 0x2D, t[i + 6] == 0x2D else { return nil }
        var area = 0, group = 0, serial = 0
        for k in 0..<11 where k != 3 && k != 6 {
            let b = t[i + k]
            guard Byte.isDigit(b) else { return nil }
            if k < 3 { area = area * 10 + Byte.digitValue(b) }
            else if k < 6 { group = group * 10 + Byte.digitValue(b) }
            else { serial = serial * 10 + Byte.digitValue(b) }
        }
        let after = t[i + 11]
        guard !Byte.isWord(after), !((after == 0x2D || after == 0x2E) && Byte.isDigit(t[i + 12])) else { return nil }
        guard area != 0, area != 666, area < 900, group != 0, serial != 0 else { return nil }
        return Match(.nationalID, i..<i + 11, secret: i + 1..<i + 11)
    }

    /// A UK National Insurance number starting at the upper-case letter `i`.
    static func nationalInsuranceNumber(in t: ByteText, at i: Int) -> Match? {
        let a = t[i], b = t[i + 1]
        guard Byte.isUpper(b), validFirst(a), validFirst(b), b != UInt8(ascii: "O") else { return nil }
        switch (a, b) {
        case (UInt8(ascii: "B"), UInt8(ascii: "G")), (UInt8(ascii: "G"), UInt8(ascii: "B")),
             (UInt8(ascii: "K"), UInt8(ascii: "N")), (UInt8(ascii: "N"), UInt8(ascii: "K")),
             (UInt8(ascii: "N"), UInt8(ascii: "T")), (UInt8(ascii: "T"), UInt8(ascii: "N")),
             (UInt8(ascii: "Z"), UInt8(ascii: "Z")):
            return nil
        default: break
        }
        let spaced = t[i + 2] == 0x20
        var k = i + 2
        for pair in 0..<3 {
            if spaced {
                guard t[k] == 0x20 else { return nil }
                k += 1
            }
            guard Byte.isDigit(t[k]), Byte.isDigit(t[k + 1]) else { return nil }
            k += 2
            _ = pair
        }
        if t[k] == 0x20 { k += 1 }
        let suffix = t[k]
        guard suffix >= UInt8(ascii: "A"), suffix <= UInt8(ascii: "D"), !Byte.isWord(t[k + 1]) else { return nil }
        return Match(.nationalID, i..<k + 1, secret: i + 2..<k + 1)
    }

    private static func validFirst(_ b: UInt8) -> Bool {
        guard Byte.isUpper(b) else { return false }
        switch b {
        case UInt8(ascii: "D"), UInt8(ascii: "F"), UInt8(ascii: "I"), UInt8(ascii: "Q"), UInt8(ascii: "U"), UInt8(ascii: "V"): return false
        default: return true
        }
    }
}
