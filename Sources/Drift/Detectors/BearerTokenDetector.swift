/// Finds `Bearer <token>` (any case), as in an `Authorization: Bearer ...` header, a
/// `curl -H` line or a JSON `"Authorization": "Bearer ..."`.
///
/// The token is RFC 6750 `b64token` characters (letters, digits, `-._~+/`, then `=`
/// padding) with at least one letter and one digit. After `Authorization:` 8 characters
/// are enough; anywhere else it takes 20, so prose such as "Bearer authentication" and
/// placeholders such as `Bearer <token>` or `Bearer $TOKEN` do not fire. `Basic`
/// credentials are not covered.
enum BearerTokenDetector {
    static func match(in t: ByteText, at i: Int) -> Match? {
        // Not inside a token run (`a.Bearer`): scans never restart inside a run they
        // already crossed, which keeps the detector linear on `Bearer a.Bearer a...`.
        guard t.matchesFolded("bearer", at: i), !isTokenByte(t[i - 1]) else { return nil }
        let start = t.skip(from: i + 6, limit: i + 10, while: Byte.isBlank)
        guard start > i + 6 else { return nil }
        var end = t.skip(from: start, limit: start + 4096, while: isTokenByte)
        end = t.skip(from: end, limit: end + 3) { $0 == 0x3D }
        guard !isTokenByte(t[end]) else { return nil }
        let minimum = afterAuthorizationHeader(t, i) ? 8 : 20
        guard end - start >= minimum else { return nil }
        var letter = false, digit = false
        for k in start..<end {
            let b = t.base[k]
            letter = letter || Byte.isLetter(b)
            digit = digit || Byte.isDigit(b)
        }
        guard letter && digit else { return nil }
        return Match(.bearerToken, i..<end, secret: start..<end, revealTail: 4)
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        Byte.isAlnum(b) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E || b == 0x2B || b == 0x2F
    }

    /// Whether `Authorization` and a colon (quotes and blanks allowed) end just before `i`.
    private static func afterAuthorizationHeader(_ t: ByteText, _ i: Int) -> Bool {
        var j = i - 1
        var colon = false
        while j >= 0 && i - j <= 6 {
            let b = t.base[j]
            if b == 0x3A { colon = true } else if !(Byte.isBlank(b) || b == 0x22 || b == 0x27) { break }
            j -= 1
        }
        return colon && t.matchesFolded("authorization", at: j - 12)
    }
}
