/// Finds e-mail addresses `local@domain.tld`, runs at each `@`.
///
/// The local part is the common subset of RFC 5322 (letters, digits, `.`, `_`, `%`,
/// `+`, `-`, and non-ASCII UTF-8 as RFC 6531 allows; at most 64 bytes, starting with a
/// letter or digit); quoted local parts are not covered. Domains are ASCII (IDNs in
/// punycode): `jörg@bücher.de` is not matched, `jörg@xn--bcher-kva.de` is. The domain has at least one dot, labels of letters, digits and
/// inner `-`, and a top-level label of 2 or more letters.
///
/// Deliberately not matched: `user@localhost` and other dotless hosts (a mailbox on
/// the machine itself identifies no one outside it), `git@github.com:org/repo`
/// (scp-style remotes), `icon@2x.png`-style image names (TLDs png, jpg, jpeg, gif, svg,
/// webp), `pkg@1.2.3` (numeric TLD), and user information in URLs (`//user@host`).
/// A trailing sentence dot is not part of the address.
enum EmailDetector {
    static func match(in t: ByteText, at a: Int, floor: Int) -> Match? {
        var j = a - 1
        while j >= floor && a - j <= 64 && isLocalByte(t.base[j]) { j -= 1 }
        var localStart = j + 1
        while localStart < a && !Byte.isAlnum(t.base[localStart]) && !(t.base[localStart] >= 0xC0) { localStart += 1 }
        guard localStart < a, t.base[a - 1] != 0x2E, t[localStart - 1] != 0x2F, !isLocalByte(t[localStart - 1]) || localStart > j + 1
        else { return nil }

        // Domain labels; `end` stays at the end of the last complete label.
        var k = a + 1
        var end = a + 1
        var dots = 0
        var lastLabel = k
        let limit = Swift.min(t.count, a + 1 + 253)
        while k < limit {
            let labelStart = k
            k = t.skip(from: k, limit: Swift.min(limit, k + 63)) { Byte.isAlnum($0) || $0 == 0x2D }
            guard k > labelStart, t.base[labelStart] != 0x2D, t.base[k - 1] != 0x2D else { break }
            end = k
            lastLabel = labelStart
            guard t[k] == 0x2E, Byte.isAlnum(t[k + 1]) else { break }
            dots += 1
            k += 1
        }
        guard dots >= 1, !Byte.isWord(t[end]) else { return nil }
        let tld = t.bytes(lastLabel..<end)
        guard tld.count >= 2, tld.allSatisfy(Byte.isLetter) else { return nil }
        // When the domain stopped at a bad label, `end` is inside the domain.
        if t[end] == 0x2E && Byte.isAlnum(t[end + 1]) { return nil }
        if t[end] == 0x3A && !Byte.isSpace(t[end + 1]) && t[end + 1] != 0 { return nil }
        for ext: StaticString in ["png", "jpg", "jpeg", "gif", "svg", "webp"]
        where ext.utf8CodeUnitCount == tld.count && t.matchesFolded(ext, at: lastLabel) {
            return nil
        }
        let secret = a - localStart >= 2 ? localStart + 1..<a : localStart..<a
        return Match(.email, localStart..<end, secret: secret)
    }

    /// RFC 5322's common subset, and UTF-8 beyond ASCII (RFC 6531 local parts such as `jörg`).
    private static func isLocalByte(_ b: UInt8) -> Bool {
        Byte.isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D || b >= 0x80
    }
}
