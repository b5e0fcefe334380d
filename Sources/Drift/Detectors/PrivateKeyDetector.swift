/// Finds PEM private-key blocks: `-----BEGIN RSA PRIVATE KEY-----`, `EC`, `DSA`,
/// `OPENSSH`, `ENCRYPTED`, plain `PRIVATE KEY` and `PGP PRIVATE KEY BLOCK`, followed by
/// a key body.
///
/// The header alone does not fire: at least 64 base64 characters of body must follow
/// it, so text that talks about private keys, or a documentation block with `...` for
/// a body, is not a finding. RFC 1421 header lines (`Proc-Type: 4,ENCRYPTED`,
/// `DEK-Info: ...`) are skipped. The match runs to the end of the `-----END ...-----`
/// line, or to the end of the body when the block is cut off. Public keys and
/// certificates (`BEGIN PUBLIC KEY`, `BEGIN CERTIFICATE`) are not secrets and do not fire.
enum PrivateKeyDetector {
    /// The most bytes of body looked at; a 4096-bit RSA key is about 3.2 KiB.
    static let maximumBody = 16 * 1024
    static let minimumBody = 64

    static func match(in t: ByteText, at i: Int) -> Match? {
        guard t.matches("-----BEGIN ", at: i) else { return nil }
        // The label: upper-case words, ending in "PRIVATE KEY-----" or "PRIVATE KEY BLOCK-----".
        let labelStart = i + 11
        let labelEnd = t.skip(from: labelStart, limit: labelStart + 40) { Byte.isUpper($0) || $0 == 0x20 }
        guard t.matches("-----", at: labelEnd) else { return nil }
        let label = labelEnd - labelStart
        let endsInKey = label >= 11 && t.matches("PRIVATE KEY", at: labelEnd - 11)
        let endsInBlock = label >= 17 && t.matches("PRIVATE KEY BLOCK", at: labelEnd - 17)
        guard endsInKey || endsInBlock else { return nil }
        let headerEnd = labelEnd + 5

        var j = headerEnd
        var body = 0
        let limit = Swift.min(t.count, headerEnd + maximumBody)
        var lineStart = true
        scanning: while j < limit {
            let b = t.base[j]
            if lineStart && b != 0x0A && b != 0x0D {
                // A header line has a colon before its end (RFC 1421 "Name: value").
                let eol = t.skip(from: j, limit: Swift.min(limit, j + 128)) { $0 != 0x0A && $0 != 0x3A }
                if t[eol] == 0x3A {
                    j = t.skip(from: eol, limit: limit) { $0 != 0x0A }
                    continue
                }
            }
            lineStart = false
            switch b {
            case 0x0A: lineStart = true
            case 0x0D, 0x20, 0x09: break
            case 0x2D: break scanning  // the END line, or the end of the body
            default:
                guard Byte.isBase64(b) else { break scanning }
                body += 1
            }
            j += 1
        }
        guard body >= minimumBody else { return nil }
        var end = j
        if t.matches("-----END ", at: j) {
            let close = t.skip(from: j + 9, limit: j + 60) { Byte.isUpper($0) || $0 == 0x20 }
            if t.matches("-----", at: close) { end = close + 5 }
        }
        return Match(.privateKey, i..<end, secret: headerEnd..<j)
    }
}
