import Testing
@testable import Drift

@Suite("Private-data detectors")
struct PrivateDataDetectorTests {
    static let key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

    @Test("each detector fires on its data", arguments: [
        ("Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500", DetectorID.postalAddress),
        ("Our office: 10 Downing St. London SW1A 2AA", .postalAddress),
        ("Deliver to 221B Baker Street", .postalAddress),
        ("Adresse : 12 rue de Rivoli, 75001 Paris", .postalAddress),
        ("Anschrift: Hauptstraße 12, 10115 Berlin", .postalAddress),
        ("Dirección: Calle Mayor 5, Madrid", .postalAddress),
        ("Sede in Via Roma 10, Milano", .postalAddress),
        ("private key: \(key)", .hexSecret),
        ("PRIVATE_KEY=0x\(key)", .hexSecret),
        ("wallet seed (hex) \(key)", .hexSecret),
        ("My seed phrase is: legal winner thank year wave sausage worth useful legal winner thank yellow", .hexSecret),
        ("mnemonic: abandon ability able about above absent absorb abstract absurd abuse access accident", .hexSecret),
        ("Patient diagnosed with type 2 diabetes (E11.9), prescribed metformin 500 mg.", .health),
        ("Blood type: O-, allergy to penicillin.", .health),
        ("BRCA1 positive; genetic counselling advised.", .health),
        ("Patient ID 448812, HIV test negative.", .health),
        ("Account number: 12345678, sort code 12-34-56.", .financialAccount),
        ("routing number 021000021", .financialAccount),
        ("Account balance: $12,340.22", .financialAccount),
        ("balance: 12,340.22", .financialAccount),
        ("Portfolio value: €1.2M", .financialAccount),
        ("holdings of USD 250,000 in bonds", .financialAccount),
    ])
    func fires(text: String, id: DetectorID) {
        #expect(Detect.ids(text, Detect.only(id)).contains(id), "\(text)")
        #expect(Detect.scanner.scan(text).exposure >= (id.defaultLevel ?? .sensitive))
    }

    @Test("near misses stay quiet", arguments: [
        ("We have 3 Main things to discuss.", DetectorID.postalAddress),
        ("Thanks for 3 Dr. Smith visits.", .postalAddress),
        ("Send it via email 3 times.", .postalAddress),
        ("Chapter 12 covers the road ahead.", .postalAddress),
        ("The dishwasher has 14 place settings.", .postalAddress),
        ("commit \(key)", .hexSecret),
        ("sha256: \(key) key.tar.gz", .hexSecret),
        ("checksum of the key file: \(key)", .hexSecret),
        ("\(key)", .hexSecret),
        ("Never share your seed phrase with anyone, not even support.", .hexSecret),
        ("A mnemonic device helps you remember the order of the planets.", .hexSecret),
        ("Our diagnosis of the outage: a bad config.", .health),
        ("Take one 20 mg tablet.", .health),
        ("The medication aisle is on the left.", .health),
        ("Balance the load across 3 servers.", .financialAccount),
        ("The account number field is required.", .financialAccount),
        ("Your portfolio of 12 projects looks great.", .financialAccount),
        ("Card ending ****1234, account number: ****5678", .financialAccount),
        ("sort code must be 6 digits", .financialAccount),
    ])
    func quiet(text: String, id: DetectorID) {
        #expect(!Detect.ids(text, Detect.only(id)).contains(id), "\(Detect.matched(text, Detect.only(id)))")
    }

    @Test("secrets are hidden in excerpts")
    func excerpts() {
        let result = Detect.only(.hexSecret).scan("private key: \(Self.key)")
        #expect(result.findings.count == 1)
        #expect(!(result.findings.first?.excerpt.contains(Self.key) ?? true))
        let account = Detect.only(.financialAccount).scan("Account number: 12345678")
        #expect(account.findings.first?.excerpt.contains("12345678") == false)
    }

    @Test("hostile inputs stay bounded", arguments: [
        String(repeating: "f", count: 100_000),
        String(repeating: "1 ", count: 50_000),
        String(repeating: "12 Main ", count: 10_000),
        String(repeating: "seed phrase ", count: 8_000),
        String(repeating: "abc ", count: 25_000),
        String(repeating: "diagnosis ", count: 10_000),
        String(repeating: "balance: ", count: 10_000),
        String(repeating: "E11.9", count: 20_000),
    ])
    func hostile(text: String) {
        let result = Detect.scanner.scan(text)
        #expect(result.findings.count <= ScanResult.maximumFindings)
    }
}
