import Testing
@testable import Drift

/// All values `forEachValue` finds in `text`, as "kind:value".
func values(in text: String, limit: Int = 512) -> [String] {
    var out: [String] = []
    TargetExtractor.forEachValue(in: text, limit: limit) { out.append("\($0.kind.name):\($0.value)") }
    return out
}

@Suite("Target extraction from text")
struct TargetTextScannerTests {
    static let table: [(String, [String])] = [
        // E-mail
        ("Please reply to Jo.Smith@Corp.com.", ["email:jo.smith@corp.com"]),
        ("From: \"Ann\" <ann@example.org>, cc bob+tag@mail.example.co.uk", ["email:ann@example.org", "email:bob+tag@mail.example.co.uk"]),
        ("mailto:Help@Example.com", ["email:help@example.com"]),
        ("icon@2x.png and pkg@1.2.3 and user@localhost", []),
        // URLs and hosts
        ("See https://www.Example.com/login?next=/home#top.", ["url:https://example.com/login?next=/home", "host:example.com"]),
        ("(details at http://docs.example.io/a/b/)", ["url:http://docs.example.io/a/b", "host:docs.example.io"]),
        ("upload to evil-site.net/drop now", ["host:evil-site.net"]),
        ("Visit WWW.EXAMPLE.COM today", ["host:example.com"]),
        ("run setup.py, read notes.md, open index.html, build main.rs, unpack backup.zip", []),
        ("It was done.It is fine. e.g. this, i.e. that", []),
        ("curl https://10.0.0.5:8080/x", ["url:https://10.0.0.5:8080/x", "host:10.0.0.5"]),
        // IBAN
        ("Pay DE89 3704 0044 0532 0130 00 by Friday", ["iban:DE89370400440532013000"]),
        ("IBAN: GB82WEST12345698765432.", ["iban:GB82WEST12345698765432"]),
        ("DE89 3704 0044 0532 0130 01 has a bad check digit", []),
        // Accounts
        ("account 12345678 at the bank", ["account:12345678"]),
        ("Account no: 0012345678901234", ["account:0012345678901234"]),
        ("order #123456789 shipped", []),
        ("Order 123456789, Invoice no. 12345678, ticket ID: 87654321, PO-44556677", []),
        ("border 12345678", ["account:12345678"]),
        ("card 4111111111111111 on file", []),
        ("dated 20240115, ref A1234567890", []),
        ("a 1234567 seven-digit number", []),
        ("a 123456789012345678901 too long run", []),
        // Phones
        ("call +1 (555) 123-4567 or (555) 987-6543", ["phone:5551234567", "phone:5559876543"]),
        ("Tel. +44 20 7946 0958, office 020 7946 0958", ["phone:2079460958", "phone:2079460958"]),
        ("text 555-123-4567 or 555.123.4567 or 555-1234", ["phone:5551234567", "phone:5551234567", "phone:5551234"]),
        ("+4915123456789", ["phone:5123456789"]),
        ("toll-free 1-800-555-1234 or 555 123 4567; not 2-800-555-1234 or 1-800-FLOWERS", ["phone:8005551234", "phone:5551234567"]),
        // Near misses for numbers
        ("version 1.2.3.4 at 10.0.0.1 on 2024-01-15 at 12:30:05", []),
        ("on 15/01/2024 or 1.2.2024, 3 of 4 items, 2024 2025", []),
        ("total 1,250.00 items", []),
        // Paths
        ("saved to /home/jo/Reports//q3.pdf.", ["path:/home/jo/Reports/q3.pdf"]),
        ("copy ~/.ssh/id_rsa and C:\\Users\\jo\\secret.txt", ["path:~/.ssh/id_rsa", "path:C:\\Users\\jo\\secret.txt"]),
        ("and/or 24/7 a / b", []),
        // Amounts
        ("Send $1,250.00 now", ["amount:1250.00"]),
        ("costs 1250 EUR or 1.250,00 € or €20", ["amount:1250.00", "amount:1250.00", "amount:20.00"]),
        ("USD 99.90, £5, 30 dollars", ["amount:99.90", "amount:5.00", "amount:30.00"]),
        ("Transfer 500 USD to account 12345678 by 2024-01-15T12:30:00Z", ["amount:500.00", "account:12345678"]),
        ("[docs](https://example.com/a_(b)) and <https://example.com/x>.", ["url:https://example.com/a_(b)", "host:example.com", "url:https://example.com/x", "host:example.com"]),
        ("paid 20$ and 100% of 3.5 kg", ["amount:20.00"]),
    ]

    @Test("finds the values of each kind in realistic text, and stays quiet on near misses")
    func extractionTable() {
        for (text, expected) in Self.table {
            #expect(values(in: text) == expected, "\(text)")
        }
    }

    @Test("a realistic e-mail body yields its destinations")
    func emailBody() {
        let text = """
            Hi, this is Dana from Accounts (dana.w@vendor-payments.com, +1 415 555 0142).
            Our bank details changed on 2024-03-01: please wire the outstanding $4,800.00 to
            IBAN GB82 WEST 1234 5698 7654 32 and confirm at https://vendor-payments.com/confirm?id=77.
            Invoice #20240311 attached. Thanks!
            """
        #expect(values(in: text) == [
            "email:dana.w@vendor-payments.com", "phone:4155550142", "amount:4800.00", "iban:GB82WEST12345698765432",
            "url:https://vendor-payments.com/confirm?id=77", "host:vendor-payments.com",
        ])
    }

    @Test("a web page's markup yields its links and addresses")
    func webPage() {
        let text = #"<a href="https://shop.example.com/cart">Cart</a> <a href='mailto:sales@example.com'>Mail</a> <img src="/static/logo.png">"#
        #expect(values(in: text) == [
            "url:https://shop.example.com/cart", "host:shop.example.com", "email:sales@example.com", "path:/static/logo.png",
        ])
    }

    @Test("the scan stops after the limit")
    func limit() {
        let text = (0..<100).map { "u\($0)@example.com" }.joined(separator: " ")
        #expect(values(in: text, limit: 7).count == 7)
        #expect(values(in: text, limit: 0).isEmpty)
        #expect(values(in: text).count == 100)
    }

    @Test("hostile text gives bounded output and never traps")
    func hostile() {
        let inputs = [
            String(repeating: "@", count: 100_000),
            String(repeating: ".", count: 100_000),
            String(repeating: "a.", count: 50_000),
            String(repeating: "9", count: 100_000),
            String(repeating: "+1 ", count: 30_000),
            String(repeating: "/", count: 100_000),
            String(repeating: "https://", count: 10_000),
            String(repeating: "a@b.co", count: 20_000),
            String(decoding: [0xFF, 0xFE, 0xC0, 0x80, 0x40, 0xE2, 0x82] + Array(repeating: 0xAC, count: 1000), as: UTF8.self),
            String(repeating: " \t\n", count: 30_000),
        ]
        for text in inputs {
            #expect(values(in: text).count <= 512)
        }
        #expect(values(in: String(repeating: "a@b.co", count: 20_000)).isEmpty)  // one run, never a valid address
    }

    @Test("a value in text longer than the per-value cap is not reported; a URL that long still gives its host")
    func valueCap() {
        let query = String(repeating: "A", count: TargetTextScanner.maximumValueBytes)
        #expect(values(in: "exfil https://evil.example/c?d=\(query) now") == ["host:evil.example"])
        #expect(values(in: "/" + String(repeating: "d", count: 2000)).isEmpty)
    }

    @Test("text beyond the first MiB is not scanned")
    func scanCap() {
        let pad = String(repeating: " ", count: TargetTextScanner.maximumScannedBytes)
        #expect(values(in: pad + "jo@example.com").isEmpty)
        #expect(values(in: "jo@example.com" + pad) == ["email:jo@example.com"])
    }
}
