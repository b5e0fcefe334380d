/// Finds URLs that carry a password in their user information,
/// `scheme://user:password@host` (postgres, mysql, mongodb+srv, redis, amqp, https,
/// ftp and any other scheme), runs at each `://`.
///
/// The password must be non-empty and not a placeholder (`user:****@`,
/// `user:<password>@`, `user:${PASS}@`, `user:password@`; see
/// `AssignmentDetector.isPlaceholder`). A user without a password (`ssh://git@host`)
/// is not a credential. ADO-style `Server=...;Password=...;` strings are found by
/// `AssignmentDetector`, which reports them under this detector.
enum ConnectionStringDetector {
    static func match(in t: ByteText, at s: Int, floor: Int) -> Match? {
        guard t[s + 1] == 0x2F, t[s + 2] == 0x2F else { return nil }
        var j = s - 1
        while j >= floor && s - j <= 24 && isSchemeByte(t.base[j]) { j -= 1 }
        let schemeStart = j + 1
        guard schemeStart < s, Byte.isLetter(t.base[schemeStart]), !isSchemeByte(t[schemeStart - 1]) else { return nil }

        let userStart = s + 3
        var colon = -1
        var k = userStart
        let limit = Swift.min(t.count, userStart + 256)
        while k < limit {
            let b = t.base[k]
            if b == 0x40 { break }
            if b == 0x3A && colon < 0 { colon = k }
            if Byte.isSpace(b) || b == 0x2F || b == 0x3F || b == 0x23 || b == 0x22 || b == 0x27 || b == 0x3C || b == 0x3E {
                return nil
            }
            k += 1
        }
        guard k < limit, colon >= 0, k > colon + 1 else { return nil }
        guard !AssignmentDetector.isPlaceholder(t, colon + 1..<k) else { return nil }
        let hostEnd = t.skip(from: k + 1, limit: k + 129) { Byte.isAlnum($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x3A || $0 == 0x5B || $0 == 0x5D }
        guard hostEnd > k + 1 else { return nil }
        return Match(.connectionString, schemeStart..<hostEnd, secret: colon + 1..<k)
    }

    private static func isSchemeByte(_ b: UInt8) -> Bool {
        Byte.isAlnum(b) || b == 0x2B || b == 0x2E || b == 0x2D
    }
}
