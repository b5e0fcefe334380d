import JSON

/// Where a network step sends things, against the policy's internal domains: a reply
/// to a colleague is not an upload to an unknown host.
///
/// Destinations are read from the step's arguments: e-mail addresses (the part after
/// `@`), URLs (their host) and bare host names under recipient-like keys (`to`, `host`,
/// `url`, ...). A step whose every destination is internal is treated as an internal
/// write (the policy's `internal_escalation` and `internal_reversibility`); one with any
/// external destination keeps its network class; one with none found is left alone.
public struct Destinations: Hashable, Sendable {
    /// Domains (and their subdomains) that count as inside: `corp.internal` covers
    /// `wiki.corp.internal` and `x@corp.internal`.
    public var internalDomains: [String]
    public var internalEscalation: ToolEscalation
    public var internalReversibility: Reversibility

    public init(internalDomains: [String] = [], internalEscalation: ToolEscalation = .fileWrite, internalReversibility: Reversibility = .partially) {
        self.internalDomains = internalDomains.map { $0.lowercased() }
        self.internalEscalation = internalEscalation
        self.internalReversibility = internalReversibility
    }

    static let recipientKeys: Set<String> = [
        "to", "cc", "bcc", "recipient", "recipients", "email", "address", "url", "uri", "host", "hostname",
        "endpoint", "webhook", "webhook_url", "server", "destination", "dest", "target", "remote", "domain",
    ]

    /// The hosts a step's arguments name. Recipient-like members (`to`, `url`, `host`,
    /// ...) are read first; only when they name none are the other strings searched (a
    /// shell command's URL), so that addresses quoted in a message body do not count as
    /// where the message goes.
    public func hosts(in arguments: JSONValue) -> [String] {
        var hosts: [String] = []
        func visit(_ value: JSONValue, key: String?, recipientsOnly: Bool) {
            switch value {
            case .string(let text):
                let isRecipient = key.map { Self.recipientKeys.contains($0.lowercased()) } ?? false
                guard isRecipient || !recipientsOnly else { return }
                Self.extractHosts(from: text, bareHostAllowed: isRecipient, into: &hosts)
            case .array(let items):
                for item in items { visit(item, key: key, recipientsOnly: recipientsOnly) }
            case .object(let object):
                for member in object.members { visit(member.value, key: member.key, recipientsOnly: recipientsOnly) }
            case .null, .bool, .number:
                break
            }
        }
        visit(arguments, key: nil, recipientsOnly: true)
        if hosts.isEmpty { visit(arguments, key: nil, recipientsOnly: false) }
        var seen = Set<String>()
        return hosts.filter { seen.insert($0).inserted }
    }

    public func isInternal(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host.hasPrefix("127.") || host.hasPrefix("10.") || host.hasPrefix("192.168.") { return true }
        if host.hasPrefix("172."), let second = host.split(separator: ".").dropFirst().first.flatMap({ Int($0) }), (16...31).contains(second) { return true }
        return internalDomains.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// Scans text for `user@host`, `scheme://host` and (where allowed) a bare host name.
    static func extractHosts(from text: String, bareHostAllowed: Bool, into hosts: inout [String]) {
        var text = text
        text.withUTF8 { extractHosts(from: $0, bareHostAllowed: bareHostAllowed, into: &hosts) }
    }

    private static func extractHosts(from bytes: UnsafeBufferPointer<UInt8>, bareHostAllowed: Bool, into hosts: inout [String]) {
        func isHostByte(_ b: UInt8) -> Bool {
            (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 45 || b == 46
        }
        func host(from start: Int) -> String? {
            var end = start
            while end < bytes.count, isHostByte(bytes[end]) { end += 1 }
            var slice = bytes[start..<end]
            while slice.last == 46 { slice = slice.dropLast() }
            guard slice.contains(46) || String(decoding: slice, as: UTF8.self).lowercased() == "localhost" else { return nil }
            return String(decoding: slice, as: UTF8.self).lowercased()
        }
        var found = false
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "@"), i > 0, let h = host(from: i + 1) {
                hosts.append(h)
                found = true
            } else if bytes[i] == UInt8(ascii: ":"), i + 2 < bytes.count, bytes[i + 1] == 47, bytes[i + 2] == 47 {
                var start = i + 3
                // Skip user:password@ in a URL.
                if let at = bytes[start...].prefix(while: { $0 != 47 && $0 != 32 }).firstIndex(of: UInt8(ascii: "@")) { start = at + 1 }
                if let h = host(from: start) {
                    hosts.append(h)
                    found = true
                }
            }
            i += 1
        }
        if !found, bareHostAllowed, !bytes.contains(32), let h = host(from: 0), h.utf8.count == bytes.count {
            hosts.append(h)
        }
    }
}
