/// Host names and e-mail addresses taken from the arguments of network programs.
///
/// All results are lower-cased. A candidate containing a shell expansion (`$HOST`) or
/// bytes outside the host alphabet (letters, digits, `-`, `.`, `_`, and `:` inside
/// `[...]`) is no host.
enum HostText {
    /// The host of `scheme://[user@]host[:port]/...`; with `bareAllowed`, also of
    /// `host[:port]/path` without a scheme (curl and wget accept that) when the host has a dot.
    static func fromURL(_ text: String, bareAllowed: Bool = false) -> String? {
        let bytes = Array(text.utf8.prefix(2048))
        var start = 0
        var hasScheme = false
        if let colon = bytes.firstIndex(of: 0x3A), colon > 0, colon + 2 < bytes.count,
           bytes[colon + 1] == 0x2F, bytes[colon + 2] == 0x2F,
           bytes[..<colon].allSatisfy({ Byte.isAlnum($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }) {
            start = colon + 3
            hasScheme = true
            let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
            if scheme == "file" { return nil }
        }
        guard hasScheme || bareAllowed else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x3F, bytes[end] != 0x23 { end += 1 }
        var authority = bytes[start..<end]
        if let at = authority.lastIndex(of: 0x40) { authority = authority[(at + 1)...] }
        guard let host = hostPart(authority) else { return nil }
        if !hasScheme && !(host.utf8.contains(0x2E) || host == "localhost") { return nil }
        return host
    }

    /// The host of an scp/rsync remote, `[user@]host:path` or `host::module`: the colon
    /// comes before any `/`, and the host is not a drive letter.
    static func fromRemotePath(_ text: String) -> String? {
        if text.hasPrefix("rsync://") || text.hasPrefix("ssh://") || text.hasPrefix("sftp://") || text.hasPrefix("scp://") {
            return fromURL(text)
        }
        let bytes = Array(text.utf8.prefix(1024))
        guard let colon = bytes.firstIndex(of: 0x3A), colon > 0 else { return nil }
        if bytes[..<colon].contains(0x2F) { return nil }
        var authority = bytes[..<colon]
        if let at = authority.lastIndex(of: 0x40) { authority = authority[(at + 1)...] }
        // `C:` is a drive, not a host.
        if authority.count == 1 { return nil }
        return hostPart(authority)
    }

    /// The host of an ssh-style destination, `[user@]host`, `ssh://[user@]host[:port]`.
    static func fromDestination(_ text: String) -> String? {
        if text.utf8.contains(0x2F) { return fromURL(text) }
        var bytes = Array(text.utf8.prefix(1024))[...]
        if let at = bytes.lastIndex(of: 0x40) { bytes = bytes[(at + 1)...] }
        return hostPart(bytes)
    }

    /// `local@domain` with a dot in the domain, lower-cased; `<...>` and `mailto:` are stripped.
    static func emailAddress(_ text: String) -> String? {
        var bytes = Array(text.utf8.prefix(320))[...]
        if bytes.starts(with: Array("mailto:".utf8)) { bytes = bytes.dropFirst(7) }
        if let open = bytes.lastIndex(of: 0x3C) { bytes = bytes[(open + 1)...] }
        while let last = bytes.last, last == 0x3E || last == 0x2C || last == 0x3B { bytes = bytes.dropLast() }
        guard let at = bytes.firstIndex(of: 0x40), at > bytes.startIndex, bytes.filter({ $0 == 0x40 }).count == 1 else { return nil }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard domain.contains(0x2E), domain.first != 0x2E, domain.last != 0x2E,
              domain.allSatisfy({ Byte.isAlnum($0) || $0 == 0x2D || $0 == 0x2E }),
              local.allSatisfy({ Byte.isAlnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x25 || $0 == 0x2B || $0 == 0x2D || $0 >= 0x80 })
        else { return nil }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// Whether `host` is this machine (`localhost`, `127.x.x.x`, `::1`, `0.0.0.0`).
    static func isLocal(_ host: String) -> Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
            || host == "0.0.0.0" || host == "host.docker.internal"
    }

    /// `host[:port]` or `[v6]:port` to the lower-cased host, if every byte is a host byte.
    static func hostPart(_ authority: ArraySlice<UInt8>) -> String? {
        var host = authority
        if host.first == 0x5B {
            guard let close = host.firstIndex(of: 0x5D) else { return nil }
            host = host[host.startIndex...close]
            guard host.dropFirst().dropLast().allSatisfy({ Byte.isAlnum($0) || $0 == 0x3A || $0 == 0x2E }) else { return nil }
            return String(decoding: host.dropFirst().dropLast(), as: UTF8.self).lowercased()
        }
        if let colon = host.firstIndex(of: 0x3A) { host = host[..<colon] }
        guard !host.isEmpty, host.count <= 253, host.first != 0x2D, host.first != 0x2E,
              host.allSatisfy({ Byte.isAlnum($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }) else { return nil }
        return String(decoding: host, as: UTF8.self).lowercased()
    }
}
