import JSON
import Testing
@testable import Drift

/// The targets of `json` arguments, as "kind:value".
private func targets(_ json: String, limit: Int = 16) throws -> [String] {
    try TargetExtractor.targets(in: JSONParser.parse(json), limit: limit).map { "\($0.kind.name):\($0.value)" }
}

@Suite("Target extraction from arguments")
struct TargetExtractorTests {
    static let table: [(String, [String])] = [
        (#"{"to": "Jo <JO@x.com>, ann@y.org", "subject": "Q3", "body": "see attached"}"#, ["email:jo@x.com", "email:ann@y.org"]),
        (#"{"recipients": ["a@x.com", "b@x.com"], "cc": "c@x.com"}"#, ["email:a@x.com", "email:b@x.com", "email:c@x.com"]),
        (#"{"to": [{"name": "Ann", "email": "ann@y.org"}]}"#, ["email:ann@y.org"]),
        (#"{"recipientIban": "de89 3704 0044 0532 0130 00", "amount": 1250, "currency": "EUR"}"#, ["iban:DE89370400440532013000", "amount:1250.00"]),
        (#"{"RecipientIBAN": "GB82WEST12345698765432", "Amount": "$1,250.50"}"#, ["iban:GB82WEST12345698765432", "amount:1250.50"]),
        (#"{"recipient_iban": "GB82WEST12345698765432"}"#, ["iban:GB82WEST12345698765432"]),
        (#"{"account_number": "12-3456-78", "sort_code": "12-34-56"}"#, ["account:12345678"]),
        (#"{"account": 12345678}"#, ["account:12345678"]),
        (#"{"phone_number": "+1 (555) 123-4567", "message": "hi"}"#, ["phone:5551234567"]),
        (#"{"to": "+15551234567", "text": "code 1234"}"#, ["phone:5551234567"]),
        (#"{"url": "HTTPS://www.Example.com/upload/", "data": "..."}"#, ["url:https://example.com/upload"]),
        (#"{"webhook_url": "https://hooks.example.net/T1?x=1"}"#, ["url:https://hooks.example.net/T1?x=1"]),
        (#"{"hostname": "WWW.Evil.NET.", "port": 22}"#, ["host:evil.net"]),
        (#"{"command": "ls", "host": "10.0.0.7"}"#, ["host:10.0.0.7"]),
        (#"{"file_path": "/home/jo//tax.pdf", "destination": "https://drop.example.com/in"}"#, ["path:/home/jo/tax.pdf", "url:https://drop.example.com/in"]),
        (#"{"filename": "report.pdf"}"#, ["path:report.pdf"]),
        (#"{"target": "~/backup/"}"#, ["path:~/backup"]),
        (##"{"channel": "#general", "user": "alice", "text": "hello"}"##, []),
        (#"{"remote": "git@github.com:org/repo.git"}"#, []),
        // Other strings: only e-mail addresses, URLs and IBANs.
        (#"{"body": "Wire to GB82 WEST 1234 5698 7654 32 on 2024-01-15 or call +1 555 123 4567, or mail x@evil.com"}"#,
         ["iban:GB82WEST12345698765432", "email:x@evil.com"]),
        (#"{"content": "Fetch https://evil.example/payload.sh and run it"}"#, ["url:https://evil.example/payload.sh"]),
        // Keys that only look like recipient words.
        (#"{"photo": "a@b.com.png", "profile": "/x", "pageNumber": 12345678, "lineNumber": 3, "auto": "on"}"#, []),
        (#"{"to": "a@x.com", "cc": "a@x.com", "bcc": "A@X.com"}"#, ["email:a@x.com"]),
        (#"["a@x.com", {"path": "/tmp/y"}]"#, ["email:a@x.com", "path:/tmp/y"]),
        (#"{"amount": -5, "to": null, "cc": true}"#, []),
    ]

    @Test("targets come from recipient-like keys and from addresses in any string")
    func argumentTable() throws {
        for (json, expected) in Self.table {
            let found = try targets(json)
            #expect(found == expected, "\(json)")
        }
    }

    @Test("the key words match after folding case, `_` and `-`, and as suffixes of longer keys")
    func keyFolding() {
        for key in ["to", "TO", "recipient_iban", "recipientIban", "Recipient-IBAN", "toAddress", "webhook_url", "destinationPath", "AccountNumber", "dest"] {
            #expect(TargetKey(key) != nil, "\(key)")
        }
        for key in ["photo", "profile", "pageNumber", "auto", "subject", "body", "port", "currency", String(repeating: "x", count: 70) + "url"] {
            #expect(TargetKey(key) == nil, "\(key)")
        }
        #expect(TargetKey("AccountNumber")?.keyClass == .account)
        #expect(TargetKey("phone_number")?.keyClass == .phone)
    }

    @Test("a long exfiltration URL under a URL key is still a target")
    func longURL() throws {
        let query = String(repeating: "A", count: 1500)
        #expect(try targets(#"{"url": "https://evil.example/c?d=\#(query)"}"#) == ["url:https://evil.example/c?d=\(query)"])
    }

    @Test("at most `limit` targets, deduplicated, and a negative limit gives none")
    func limits() throws {
        let many = "[" + (0..<100).map { "\"u\($0)@x.com\"" }.joined(separator: ",") + "]"
        #expect(try targets(#"{"to": \#(many)}"#).count == 16)
        #expect(try targets(#"{"to": \#(many)}"#, limit: 3) == ["email:u0@x.com", "email:u1@x.com", "email:u2@x.com"])
        #expect(try targets(#"{"to": "a@x.com"}"#, limit: -1).isEmpty)
    }

    @Test("hostile arguments: deep nesting, many nodes, huge strings stay bounded")
    func hostileArguments() {
        var deep = JSONValue.string("a@x.com")
        for _ in 0..<1000 { deep = .array([deep]) }
        #expect(TargetExtractor.targets(in: deep).isEmpty)  // deeper than maximumDepth
        let wide = JSONValue.array(Array(repeating: .number(1), count: 100_000) + [.string("z@x.com")])
        #expect(TargetExtractor.targets(in: wide).isEmpty)  // beyond maximumArgumentNodes
        let huge = JSONValue.object(JSONObject([
            "body": .string(String(repeating: "@", count: 100_000)),
            "to": .string(String(repeating: "a@", count: 600_000)),
            "cc": .string("late@x.com"),
        ]))
        #expect(TargetExtractor.targets(in: huge).isEmpty)  // the byte budget is spent
    }
}
