/// Finds a secret assigned to a key that names one: `password=...`, `DB_PASSWORD=...`,
/// `passwd: ...`, `"apiKey": "..."`, `client_secret=...`, `access_token=...`,
/// `--password=...`. Runs at each `=` or `:` and looks back for the key.
///
/// Keys, compared without case, end in `password`, `passwd`, `pwd`, `passphrase`,
/// `secret`, `secret_key`, `api_key` / `apikey` / `api-key` or `token`, at the start of
/// the key or after `_`, `-`, `.` or a camelCase hump. Pagination keys
/// (`page_token`, `next_token`, `continuation_token`, `sync_token`) are not secrets.
/// After `:` an unquoted key must open its line (YAML, headers): in prose, "forgot your
/// password: click here" does not fire. `==`, `!=`, `<=`, `>=`, `::` and `://` are not
/// assignments.
///
/// The value is a quoted string or the run of bytes up to a blank, `&`, `;`, `,`, a
/// quote or a bracket, at least 3 bytes long, and not a placeholder:
/// - masks: no letter or digit other than `x` (`********`, `xxxx`, `•••`, `...`);
/// - references and templates: starting with `<`, `{`, `[`, `$`, `%` or a backtick
///   (`<your password>`, `{{ secret }}`, `${DB_PASS}`, `[REDACTED]`);
/// - words: null, none, nil, undefined, true, false, empty, redacted, hidden, masked,
///   changeme, password, secret, token, example, placeholder, string, and anything
///   starting with `your` (`your_api_key_here`). `changeme` is counted as a
///   placeholder: it is what templates ship, and a deployment still using it has a
///   bigger problem than exposure;
/// - for `pwd` keys, a value starting with `/` or `~` is the shell's working directory.
///
/// Two special cases report other detectors: a 40-character value of
/// `aws_secret_access_key` / `SecretAccessKey` is a cloud access key, and `Password=`
/// or `Pwd=` inside an ADO-style `Key=Value;` string is a connection string. Command
/// line flags with a space (`--password hunter2`) are not covered.
enum AssignmentDetector {
    static let maximumKey = 64
    static let maximumValue = 256

    private enum KeyKind { case password, pathlikePassword, awsSecret }

    static func match(in t: ByteText, at s: Int, floor: Int) -> Match? {
        let sep = t.base[s]
        let next = t[s + 1], previous = t[s - 1]
        if sep == 0x3D {
            guard next != 0x3D, previous != 0x3D, previous != 0x21, previous != 0x3C, previous != 0x3E else { return nil }
        } else {
            guard next != 0x3A, previous != 0x3A, !(next == 0x2F && t[s + 2] == 0x2F) else { return nil }
        }

        // The key, possibly quoted, with blanks before the separator.
        var j = s - 1
        while j >= floor && s - j <= 4 && Byte.isBlank(t.base[j]) { j -= 1 }
        guard j >= floor else { return nil }
        let quote = t.base[j] == 0x22 || t.base[j] == 0x27 ? t.base[j] : 0
        if quote != 0 { j -= 1 }
        let keyEnd = j + 1
        while j >= floor && keyEnd - j <= maximumKey && isKeyByte(t.base[j]) { j -= 1 }
        let keyStart = j + 1
        guard keyStart < keyEnd, keyEnd - keyStart <= maximumKey, !isKeyByte(t[keyStart - 1]) else { return nil }
        var start = keyStart
        if quote != 0 {
            guard t[keyStart - 1] == quote else { return nil }
            start -= 1
        } else if sep == 0x3A && !opensLine(t, keyStart) {
            return nil
        }
        guard let kind = keyKind(t, keyStart, keyEnd) else { return nil }

        // The value.
        var v = t.skip(from: s + 1, limit: s + 9, while: Byte.isBlank)
        let valueQuote = t[v] == 0x22 || t[v] == 0x27 ? t[v] : 0
        if valueQuote != 0 { v += 1 }
        let valueEnd = t.skip(from: v, limit: v + maximumValue + 1) { b in
            valueQuote != 0 ? b != valueQuote && b != 0x0A : !isValueTerminator(b)
        }
        guard valueEnd - v >= 3, valueEnd - v <= maximumValue else { return nil }
        if valueQuote != 0 && t[valueEnd] != valueQuote { return nil }
        guard !isPlaceholder(t, v..<valueEnd, pathlike: kind == .pathlikePassword) else { return nil }
        let end = valueQuote != 0 ? valueEnd + 1 : valueEnd

        switch kind {
        case .awsSecret:
            guard valueEnd - v == 40, t.bytes(v..<valueEnd).allSatisfy({ Byte.isAlnum($0) || $0 == 0x2B || $0 == 0x2F })
            else { return nil }
            return Match(.cloudAccessKey, start..<end, secret: v..<valueEnd, revealTail: 4)
        case .password, .pathlikePassword:
            let name = t.bytes(keyStart..<keyEnd)
            let bare = name.count == 8 ? t.matchesFolded("password", at: keyStart) : name.count == 3 && t.matchesFolded("pwd", at: keyStart)
            let ado = sep == 0x3D && bare && (t[valueEnd] == 0x3B || precededBySemicolon(t, keyStart))
            return Match(ado ? .connectionString : .passwordAssignment, start..<end, secret: v..<valueEnd)
        }
    }

    private static func isKeyByte(_ b: UInt8) -> Bool { Byte.isWord(b) || b == 0x2D || b == 0x2E }

    private static func isValueTerminator(_ b: UInt8) -> Bool {
        switch b {
        case 0x00, 0x20, 0x09, 0x0A, 0x0D, 0x26, 0x3B, 0x2C, 0x22, 0x27, 0x3C, 0x3E, 0x29, 0x7D, 0x5D: true
        default: false
        }
    }

    /// Whether only blanks (or a YAML `- `) stand between the start of the line and `k`.
    private static func opensLine(_ t: ByteText, _ k: Int) -> Bool {
        var j = k - 1
        while j >= 0 && k - j <= 32 {
            let b = t.base[j]
            if b == 0x0A || b == 0x0D || b == 0x7B || b == 0x2C { return true }
            guard Byte.isBlank(b) || b == 0x2D else { return false }
            j -= 1
        }
        return j < 0
    }

    private static func precededBySemicolon(_ t: ByteText, _ k: Int) -> Bool {
        var j = k - 1
        while j >= 0 && k - j <= 4 && Byte.isBlank(t.base[j]) { j -= 1 }
        return t[j] == 0x3B
    }

    /// What the key names, from its ending; `nil` for keys that name no secret.
    private static func keyKind(_ t: ByteText, _ start: Int, _ end: Int) -> KeyKind? {
        // Every key this detector knows ends in d, e, t, y or n: most keys stop here.
        switch t.base[end - 1] | 0x20 {
        case UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "y"), UInt8(ascii: "n"): break
        default: return nil
        }
        func endsWith(_ suffix: StaticString) -> Bool {
            let k = end - suffix.utf8CodeUnitCount
            guard k >= start, t.matchesFolded(suffix, at: k) else { return false }
            if k == start { return true }
            let before = t.base[k - 1]
            return before == 0x5F || before == 0x2D || before == 0x2E
                || ((Byte.isLower(before) || Byte.isDigit(before)) && Byte.isUpper(t.base[k]))
        }
        if endsWith("aws_secret_access_key") || endsWith("secretaccesskey") { return .awsSecret }
        if endsWith("pwd") { return .pathlikePassword }
        if endsWith("password") || endsWith("passwd") || endsWith("passphrase") || endsWith("secret")
            || endsWith("secret_key") || endsWith("secretkey") || endsWith("api_key") || endsWith("apikey")
            || endsWith("api-key")
        {
            return .password
        }
        if endsWith("token") {
            let k = end - 5
            for word: StaticString in ["page", "next", "continuation", "sync"] {
                let n = word.utf8CodeUnitCount
                if t.matchesFolded(word, at: k - n) || (t[k - 1] == 0x5F || t[k - 1] == 0x2D) && t.matchesFolded(word, at: k - 1 - n) {
                    return nil
                }
            }
            return .password
        }
        return nil
    }

    /// Whether a non-empty value is a mask, a reference, a template or a stock word
    /// rather than a secret (the list is in the type's comment); `pathlike` also
    /// counts values starting with `/` or `~`.
    static func isPlaceholder(_ t: ByteText, _ value: Range<Int>, pathlike: Bool = false) -> Bool {
        let bytes = t.bytes(value)
        let first = bytes[0]
        switch first {
        case 0x3C, 0x7B, 0x5B, 0x24, 0x25, 0x60: return true
        case 0x2F, 0x7E: if pathlike { return true }
        default: break
        }
        if !bytes.contains(where: { Byte.isAlnum($0) && $0 | 0x20 != 0x78 }) { return true }
        if t.matchesFolded("your", at: value.lowerBound) { return true }
        for word: StaticString in [
            "null", "none", "nil", "undefined", "true", "false", "empty", "redacted", "hidden", "masked",
            "changeme", "password", "secret", "token", "example", "placeholder", "string",
        ] where word.utf8CodeUnitCount == bytes.count && t.matchesFolded(word, at: value.lowerBound) {
            return true
        }
        return false
    }
}
