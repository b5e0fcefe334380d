import Testing
@testable import Drift

@Suite("Target normalisation")
struct TargetNormalizationTests {
    /// (kind, raw, normalised or nil).
    static let table: [(TargetKind, String, String?)] = [
        (.email, "Jo@X.COM", "jo@x.com"),
        (.email, "mailto:Jo@x.com", "jo@x.com"),
        (.email, "MAILTO:jo@x.com?subject=hi", "jo@x.com"),
        (.email, "\"Jo Smith\" <Jo.Smith@Corp.com>", "jo.smith@corp.com"),
        (.email, "Jo <jo@x.com>", "jo@x.com"),
        (.email, "  jo@x.com.  ", "jo@x.com"),
        (.email, "jo@", nil),
        (.email, "@x.com", nil),
        (.email, "jo x@y.com", nil),
        (.email, "a@b@c.com", nil),
        (.email, "plain words", nil),
        (.url, "HTTPS://WWW.Example.COM/Path/?Q=1#frag", "https://example.com/Path?Q=1"),
        (.url, "http://example.com:80/", "http://example.com"),
        (.url, "https://example.com:443/a", "https://example.com/a"),
        (.url, "https://example.com:8443/a", "https://example.com:8443/a"),
        (.url, "https://user:pw@example.com/x", "https://example.com/x"),
        (.url, "example.com/upload", "https://example.com/upload"),
        (.url, "https://example.com/a//b/", "https://example.com/a//b"),
        (.url, "https://example.com?", "https://example.com"),
        (.url, "javascript:alert(1)", nil),
        (.url, "https:///nohost", nil),
        (.url, "https://exa mple.com", nil),
        (.host, "WWW.Example.com.", "example.com"),
        (.host, "www.www.example.com", "example.com"),
        (.host, "www.com", "www.com"),
        (.host, "api.example.com:8080", "api.example.com"),
        (.host, "[::1]", "[::1]"),
        (.host, "bad host", nil),
        (.host, "example.com:http", nil),
        (.iban, "de89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        (.iban, "GB82-WEST-1234-5698-7654-32", "GB82WEST12345698765432"),
        (.iban, "DE89", nil),
        (.iban, "1234567890123456", nil),
        (.account, "12-3456-78", "12345678"),
        (.account, "Acct: 12345678", "12345678"),
        (.account, "No. 98-7654-3210", "9876543210"),
        (.account, "GB-ACC-0042-17", "GBACC004217"),
        (.account, "abc", nil),
        (.phone, "+1 555 123 4567", "5551234567"),
        (.phone, "(555) 123-4567", "5551234567"),
        (.phone, "001 555 123 4567", "5551234567"),
        (.phone, "555.123.4567", "5551234567"),
        (.phone, "+44 20 7946 0958", "2079460958"),
        (.phone, "020 7946 0958", "2079460958"),
        (.phone, "555-1234", "5551234"),
        (.phone, "123456", nil),
        (.phone, "call me", nil),
        (.phone, "+1234567890123456", nil),
        (.path, "/home//jo///notes/", "/home/jo/notes"),
        (.path, "/", "/"),
        (.path, "~/Documents/Tax.PDF", "~/Documents/Tax.PDF"),
        (.path, "\"/tmp/x y\"", "/tmp/x y"),
        (.path, "/tmp/\u{1}x", nil),
        (.amount, "$1,250.00", "1250.00"),
        (.amount, "1250 EUR", "1250.00"),
        (.amount, "1.250,00 €", "1250.00"),
        (.amount, "€20", "20.00"),
        (.amount, "12.5", "12.50"),
        (.amount, "0.00012 BTC", "0.00012"),
        (.amount, "1,250,000", "1250000.00"),
        (.amount, "1.250.000 EUR", "1250000.00"),
        (.amount, "1.250", "1.25"),
        (.amount, "55.123", "55.123"),
        (.amount, "5,5.123", "55.123"),
        (.amount, "1'250.50 CHF", "1250.50"),
        (.amount, "007", "7.00"),
        (.amount, "-20", nil),
        (.amount, "1.2.3", nil),
        (.amount, "EUR", nil),
    ]

    @Test("each kind normalises spellings of one value alike, and rejects non-values")
    func normalisationTable() {
        for (kind, raw, expected) in Self.table {
            #expect(Target.normalized(raw, as: kind)?.value == expected, "\(kind.name) \(raw)")
        }
    }

    @Test("normalising a normalised value returns it unchanged")
    func idempotent() {
        for (kind, raw, _) in Self.table {
            guard let once = Target.normalized(raw, as: kind) else { continue }
            #expect(Target.normalized(once.value, as: kind) == once, "\(kind.name) \(raw)")
        }
    }

    @Test("values longer than the per-value cap are no target")
    func oversized() {
        let long = "a" + String(repeating: "b", count: TargetNormalization.maximumBytes) + "@x.com"
        #expect(Target.normalized(long, as: .email) == nil)
        #expect(Target.normalized("/" + String(repeating: "a", count: 4096), as: .path) == nil)
    }

    @Test("a target's host comes from its URL, its address or itself")
    func hosts() {
        #expect(Target(kind: .url, value: "https://example.com:8443/a?b").host == "example.com")
        #expect(Target(kind: .email, value: "jo@corp.com").host == "corp.com")
        #expect(Target(kind: .host, value: "x.org").host == "x.org")
        #expect(Target(kind: .phone, value: "5551234567").host == nil)
    }

    @Test("kind and source names")
    func names() {
        #expect(TargetKind.allCases.map(\.name) == ["email", "url", "host", "iban", "account", "phone", "path", "amount"])
        #expect([ValueSource.task, .untrusted, .instructed].map(\.name) == ["task", "untrusted", "instructed"])
        #expect(ValueSource.untrusted < .instructed && ValueSource.instructed < .task)
    }
}
