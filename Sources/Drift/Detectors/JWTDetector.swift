/// Finds JSON Web Tokens in compact serialisation: three base64url segments joined by
/// dots, the first starting with `eyJ` (the encoding of `{"`).
///
/// Each segment must have a plausible length: the header at least 16 characters (the
/// shortest real header, `{"alg":"none"}`, encodes to 18), the payload at least 8 and
/// the signature at least 16. So `eyJ.x.y`, UUIDs, hashes and version strings do not
/// fire. Unsigned tokens (`alg: none`, empty signature) are not matched: they carry no
/// secret. Inside `Bearer ...` the token is reported once, as a bearer token.
enum JWTDetector {
    static func match(in t: ByteText, at i: Int) -> Match? {
        // Only the start of a base64url run can start a token: scans never restart
        // inside a run, which keeps the detector linear on `eyJ-eyJ-eyJ-...`.
        guard t.matches("eyJ", at: i), !Byte.isBase64URL(t[i - 1]) else { return nil }
        let headerEnd = t.skip(from: i, limit: i + 4096, while: Byte.isBase64URL)
        guard headerEnd - i >= 16, t[headerEnd] == 0x2E else { return nil }
        let payloadEnd = t.skip(from: headerEnd + 1, limit: headerEnd + 1 + 16384, while: Byte.isBase64URL)
        guard payloadEnd - headerEnd - 1 >= 8, t[payloadEnd] == 0x2E else { return nil }
        let signatureEnd = t.skip(from: payloadEnd + 1, limit: payloadEnd + 1 + 1024, while: Byte.isBase64URL)
        // A fourth segment would make it something else; a sentence's full stop is fine.
        guard signatureEnd - payloadEnd - 1 >= 16, !Byte.isBase64URL(t[signatureEnd]),
              !(t[signatureEnd] == 0x2E && Byte.isBase64URL(t[signatureEnd + 1]))
        else { return nil }
        return Match(.jwt, i..<signatureEnd, secret: i + 3..<signatureEnd, revealTail: 4)
    }
}
