/// Finds cloud and SaaS API keys by their documented prefixes, at the start of a word
/// and ending at a word boundary:
///
/// - AWS access key ids: `AKIA` or `ASIA` and 16 upper-case letters or digits;
/// - GitHub tokens: `ghp_`, `gho_`, `ghs_`, `ghu_`, `ghr_` and 36 or more letters or
///   digits, or `github_pat_` and 40 or more letters, digits or `_`;
/// - Slack tokens: `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-` and 20 or more letters,
///   digits or `-`, with a digit among them;
/// - Google API keys: `AIza` and exactly 35 letters, digits, `-` or `_`;
/// - Stripe live secret and restricted keys: `sk_live_` / `rk_live_` and 20 or more
///   letters or digits. Test-mode keys (`sk_test_`) move no money and do not fire.
///
/// AWS secret access keys have no prefix; `AssignmentDetector` finds them as the
/// 40-character value of an `aws_secret_access_key` (or `SecretAccessKey`) assignment.
/// Other AWS id prefixes (`AROA`, `AIDA`...) name roles and users, not credentials.
enum CloudKeyDetector {
    static func match(in t: ByteText, at i: Int) -> Match? {
        switch t.base[i] {
        case UInt8(ascii: "A"):
            if t.matches("AKIA", at: i) || t.matches("ASIA", at: i) {
                return token(t, i, prefix: 4, minimum: 16, maximum: 16) { Byte.isUpper($0) || Byte.isDigit($0) }
            }
            if t.matches("AIza", at: i) {
                return token(t, i, prefix: 4, minimum: 35, maximum: 35) { Byte.isBase64URL($0) }
            }
        case UInt8(ascii: "g"):
            if t.matches("github_pat_", at: i) {
                return token(t, i, prefix: 11, minimum: 40, maximum: 255) { Byte.isWord($0) }
            }
            if t.matches("gh", at: i), t[i + 3] == 0x5F {
                switch t[i + 2] {
                case UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "s"), UInt8(ascii: "u"), UInt8(ascii: "r"):
                    return token(t, i, prefix: 4, minimum: 36, maximum: 251) { Byte.isAlnum($0) }
                default: break
                }
            }
        case UInt8(ascii: "x"):
            // Not after `-`, which is in the token alphabet (`xoxb-xoxb-...` is scanned once).
            if t.matches("xox", at: i), t[i + 4] == 0x2D, t[i - 1] != 0x2D {
                switch t[i + 3] {
                case UInt8(ascii: "b"), UInt8(ascii: "p"), UInt8(ascii: "a"), UInt8(ascii: "r"), UInt8(ascii: "s"):
                    guard let m = token(t, i, prefix: 5, minimum: 20, maximum: 255, { Byte.isAlnum($0) || $0 == 0x2D })
                    else { return nil }
                    for k in m.secret where Byte.isDigit(t.base[k]) { return m }
                    return nil
                default: break
                }
            }
        case UInt8(ascii: "s"), UInt8(ascii: "r"):
            if t.matches("k_live_", at: i + 1) {
                return token(t, i, prefix: 8, minimum: 20, maximum: 247) { Byte.isAlnum($0) }
            }
        default: break
        }
        return nil
    }

    /// A prefix of `prefix` bytes, then `minimum...maximum` bytes of the alphabet, then
    /// a byte that is neither in the alphabet nor a word byte.
    @inline(__always)
    private static func token(
        _ t: ByteText, _ i: Int, prefix: Int, minimum: Int, maximum: Int, _ alphabet: (UInt8) -> Bool
    ) -> Match? {
        let start = i + prefix
        let end = t.skip(from: start, limit: start + maximum + 1, while: alphabet)
        let length = end - start
        guard length >= minimum, length <= maximum, !Byte.isWord(t[end]), !alphabet(t[end]) else { return nil }
        return Match(.cloudAccessKey, i..<end, secret: start..<end, revealTail: 4)
    }
}
