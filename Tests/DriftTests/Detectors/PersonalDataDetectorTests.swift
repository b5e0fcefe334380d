import Testing
@testable import Drift

@Suite("Personal data detectors")
struct PersonalDataDetectorTests {
    // MARK: E-mail

    @Test("e-mail addresses fire and end before a sentence's full stop", arguments: [
        ("Write to john.doe@example.com today", "john.doe@example.com"),
        ("mailto:a.b+tag@mail.example.co.uk", "a.b+tag@mail.example.co.uk"),
        ("Contact: jane_doe99@company.org.", "jane_doe99@company.org"),
        ("<ops-team@sub.domain-name.io>", "ops-team@sub.domain-name.io"),
    ])
    func emails(text: String, address: String) {
        #expect(Detect.matched(text) == [address])
        #expect(Detect.ids(text) == [.email])
    }

    @Test("dotless hosts, scp remotes, image names, package pins and URL user names do not fire", arguments: [
        "user@localhost",
        "root@db01 is logged in",
        "git@github.com:org/repo.git",
        "<img src=logo@2x.png>",
        "npm i lodash@4.17.21",
        "ssh://deploy@host.example.com/srv",
        "@mention someone",
        "a@b.c",
    ])
    func emailNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    // MARK: Phones

    @Test("international and North American phone numbers fire", arguments: [
        ("Call +44 20 7946 0958 now", "+44 20 7946 0958"),
        ("+1 (555) 123-4567", "+1 (555) 123-4567"),
        ("tel:+4915123456789", "+4915123456789"),
        ("+33 1.23.45.67.89", "+33 1.23.45.67.89"),
        ("office (555) 123-4567.", "(555) 123-4567"),
        ("cell 555-123-4567", "555-123-4567"),
        ("fax 555.123.4567", "555.123.4567"),
    ])
    func phones(text: String, number: String) {
        #expect(Detect.matched(text, Detect.only(.phone)) == [number])
    }

    @Test("digit runs, dates, versions, IPs and short numbers are not phones", arguments: [
        "order 1234567890123",
        "on 2024-03-15 at 10:30",
        "version 1.2.3.4",
        "windows 10.0.19041.1234",
        "host 192.168.100.200",
        "+1234 more",
        "555 123 4567",
        "(055) 123-4567",
        "555-123-45678",
        "x+123456789",
        "+1234567890123456",
    ])
    func phoneNegatives(text: String) {
        #expect(Detect.ids(text, Detect.only(.phone)).isEmpty)
    }

    // MARK: National identity numbers

    @Test("US SSNs and UK NI numbers fire", arguments: [
        "SSN 123-45-6789", "ssn:078-05-1120.", "NI number AB123456C", "NI: AB 12 34 56 C", "JG103759A",
    ])
    func nationalIDs(text: String) {
        #expect(Detect.ids(text) == [.nationalID])
    }

    @Test("never-issued SSN ranges, bad NI prefixes and suffixes do not fire", arguments: [
        "000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000",
        "123456789", "123-45-67890", "1123-45-6789",
        "GB123456A", "QQ123456C", "AB123456E", "ab123456c", "AB12345C",
    ])
    func nationalIDNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    // MARK: Dates of birth

    @Test("a date near a birth keyword fires", arguments: [
        "Date of birth: 1984-03-12",
        "DOB: 12/03/1984",
        "d.o.b. 03.12.1984",
        "He was born on 12 March 1984 in Leeds",
        "{\"birthdate\":\"1990-07-04\"}",
        "Born: March 12, 1984",
        "birth_date = 1st Jan 2001",
        "date_of_birth 31/12/1999",
    ])
    func datesOfBirth(text: String) {
        #expect(Detect.ids(text) == [.dateOfBirth])
    }

    @Test("dates without a birth keyword, or too far from it, do not fire", arguments: [
        "Meeting on 2024-03-15",
        "Invoice date 12/03/1984",
        "date of birth: unknown",
        "dob: 13/13/1984",
        "born in the spring; the house was finished much later, on 12 March 1984",
        "reborn 1984-03-12",
        "Born 1850-01-01",
    ])
    func dateOfBirthNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    @Test("ordinary prose with numbers, dates, versions, hashes and hosts has no findings")
    func ordinaryProse() {
        let text = """
            Release 2.14.1 (2024-03-15) fixes issue #4521 reported by @octocat. Commit
            9fceb02d0ae598e95dc970b74767f19372d61af8 moved request 123e4567-e89b-12d3-a456-426614174000
            to host 10.0.0.12:8080; see https://docs.example.com/guide?page=2&sort=asc. Order number
            1234 5678 9012 3456 shipped on 03/04/2024, total 1,234.56 EUR, tracking 1Z999AA10123456784.
            The password policy requires 12 characters; tokens expire after 3600 s. Windows 10.0.19041.
            Time: 10:30:00 -- ratio 16:9, x = y + 3, a-b-c, 2 + 2 = 4, call me maybe.
            """
        #expect(Detect.scanner.scan(text).findings == [])
    }
}

@Suite("Financial data detectors")
struct FinancialDetectorTests {
    @Test("Luhn-valid card numbers with an issuer prefix fire", arguments: [
        "4111 1111 1111 1111", "card: 4111-1111-1111-1111.", "5555555555554444", "2223003122003222",
        "378282246310005", "3782 822463 10005", "6011111111111117", "3530111333300000", "4222222222222",
        "4111 1111 1111 1111 2031",
    ])
    func cards(text: String) {
        #expect(Detect.ids(text) == [.paymentCard])
    }

    @Test("order numbers that fail Luhn, unknown prefixes and long runs do not fire", arguments: [
        "order 4111111111111112",
        "order 1234 5678 9012 3456",
        "1234567812345670",  // Luhn-valid, but no issuer starts with 1
        "41111111111111111111111",
        "4111 1111 1111 111",
        "4111-1111 1111-1111",
        "4111111111111111x",
        "v4111111111111111",
    ])
    func cardNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    @Test("16-digit Visa-prefixed numbers fire exactly when they pass Luhn (against a reference Luhn)")
    func luhnOracle() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let digits = [4] + (1..<16).map { _ in Int(random.next() % 10) }
            let text = "n " + digits.map(String.init).joined() + " end"
            #expect((Detect.ids(text) == [.paymentCard]) == Self.luhn(digits), "\(text)")
        }
    }

    static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            sum += index % 2 == 1 ? (digit * 2) % 10 + (digit * 2) / 10 : digit
        }
        return sum % 10 == 0
    }

    @Test("mod-97-valid IBANs fire, solid or grouped by four", arguments: [
        "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32",
        "IBAN: FR14 2004 1010 0505 0001 3M02 606.", "NL91ABNA0417164300", "NO9386011117947",
    ])
    func ibans(text: String) {
        #expect(Detect.ids(text) == [.iban])
    }

    @Test("IBANs with a wrong check digit, length or grouping do not fire", arguments: [
        "DE88 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 0", "DE89 3704 0044 0532 0130 001",
        "DE89 37040044 0532 0130 00", "XX89370400440532013000", "de89370400440532013000",
    ])
    func ibanNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    @Test("of the 100 check digits of a German IBAN, exactly the right one fires")
    func ibanCheckDigits() {
        let firing = (0..<100).filter { check in
            let digits = check < 10 ? "0\(check)" : "\(check)"
            return Detect.ids("DE\(digits)370400440532013000") == [.iban]
        }
        #expect(firing == [89])
    }

    @Test("card and IBAN excerpts hide all but the edges")
    func excerpts() {
        #expect(Detect.scanner.scan("4111 1111 1111 1111").findings.map(\.excerpt) == ["4…1111"])
        #expect(Detect.scanner.scan("DE89 3704 0044 0532 0130 00").findings.map(\.excerpt) == ["DE89…"])
    }
}
