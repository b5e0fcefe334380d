import Testing
@testable import Drift

/// Fixtures: documentation examples and made-up keys of the right shape.
enum Secrets {
    static let awsKeyID = "AKIAIOSFODNN7EXAMPLE"
    static let awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let github = "ghp_" + String(repeating: "aB3x", count: 9)
    static let githubPAT = "github_pat_11ABCDEFG0" + String(repeating: "x7Y_", count: 18)
    static let slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
    static let google = "AIzaSyD" + String(repeating: "k9_Q", count: 8)
    static let stripe = "sk_live_" + String(repeating: "4eC39HqLyjWDarjtT1zdp7dc", count: 1)
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
    static let keyBody = (0..<4).map { n in String(repeating: "MIIEowIBAAKCAQEA\(n)", count: 4) }.joined(separator: "\n")

    static func pem(_ label: String, headers: String = "") -> String {
        "-----BEGIN \(label)-----\n\(headers)\(keyBody)\n-----END \(label)-----\n"
    }
}

@Suite("Credential detectors")
struct CredentialDetectorTests {
    // MARK: Private keys

    @Test("a PEM private-key block with a body fires, whatever its label", arguments: [
        "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
        "DSA PRIVATE KEY", "PGP PRIVATE KEY BLOCK",
    ])
    func privateKeyBlocks(label: String) {
        let text = "key file:\n" + Secrets.pem(label) + "done"
        #expect(Detect.ids(text) == [.privateKey])
        #expect(Detect.matched(text) == [Secrets.pem(label).dropLast().description])
    }

    @Test("RFC 1421 header lines in a legacy encrypted key are skipped")
    func legacyEncryptedKey() {
        let text = Secrets.pem("RSA PRIVATE KEY", headers: "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n")
        #expect(Detect.ids(text) == [.privateKey])
    }

    @Test("a block cut off before its END line still fires")
    func truncatedBlock() {
        #expect(Detect.ids("-----BEGIN OPENSSH PRIVATE KEY-----\n" + Secrets.keyBody) == [.privateKey])
    }

    @Test("talk about private keys, placeholder blocks, public keys and certificates do not fire", arguments: [
        "Store your private key in ~/.ssh/id_rsa and never share the PRIVATE KEY file.",
        "The file starts with -----BEGIN RSA PRIVATE KEY----- and ends with -----END RSA PRIVATE KEY-----.",
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PUBLIC KEY-----\n\(Secrets.keyBody)\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\n\(Secrets.keyBody)\n-----END CERTIFICATE-----",
        "---------- markdown rule ----------",
    ])
    func privateKeyNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    // MARK: Cloud keys

    @Test("cloud and SaaS keys fire on their prefixes", arguments: [
        "aws_access_key_id = \(Secrets.awsKeyID)",
        "ASIAY34FZKBOKMUTVV7A",
        "export AWS_SECRET_ACCESS_KEY=\(Secrets.awsSecret)",
        "{\"AccessKeyId\": \"ASIAY34FZKBOKMUTVV7A\"",
        "token \(Secrets.github) used",
        Secrets.githubPAT,
        "SLACK_BOT=(\(Secrets.slack))",
        "key=\(Secrets.google)&q=x",
        "stripe \(Secrets.stripe)",
        "rk_live_" + String(repeating: "Zz9", count: 8),
    ])
    func cloudKeys(text: String) {
        #expect(Detect.ids(text, Detect.only(.cloudAccessKey)) == [.cloudAccessKey])
    }

    @Test("a JSON SecretAccessKey from STS is a cloud access key")
    func stsSecret() {
        #expect(Detect.ids("{\"SecretAccessKey\": \"\(Secrets.awsSecret)\"}") == [.cloudAccessKey])
    }

    @Test("near misses of key prefixes do not fire", arguments: [
        "AKIAIOSFODNN7EXAMPL",  // 15 after the prefix
        "AKIAIOSFODNN7EXAMPLEX",  // 17
        "XAKIAIOSFODNN7EXAMPLE",  // not at a word start
        "AKIAiosfodnn7example",  // lower case
        "ghp_short1234",
        "sk_test_" + String(repeating: "4eC39HqLyjWDarjtT1zdp7dc", count: 1),
        "xoxb-not-a-real-token-at-all-here",  // no digit
        "AIzaTooShort",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "id 123e4567-e89b-12d3-a456-426614174000",
        "aws_secret_access_key=tooshort1234",
    ])
    func cloudKeyNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    // MARK: Bearer tokens and JWTs

    @Test("bearer tokens fire in headers and on their own", arguments: [
        "Authorization: Bearer abc123def456",
        "curl -H 'Authorization: Bearer ya29.A0ARrdaM-abcdef123456' https://api.example.com",
        "\"authorization\": \"Bearer 9f8e7d6c5b4a39281706\"",
        "use bearer 0123456789abcdefghijKLMNOP for the call",
    ])
    func bearerTokens(text: String) {
        #expect(Detect.ids(text) == [.bearerToken])
    }

    @Test("a JWT after Bearer is reported once, as a bearer token")
    func bearerJWT() {
        #expect(Detect.ids("Authorization: Bearer \(Secrets.jwt)") == [.bearerToken])
    }

    @Test("bearer prose and placeholders do not fire", arguments: [
        "Bearer authentication is an HTTP authentication scheme.",
        "Authorization: Bearer <token>",
        "Authorization: Bearer $TOKEN",
        "Bearer abcdefghijklmnopqrstuvwxyz",  // no digit
        "Authorization: Bearer abc12",  // too short even in a header
    ])
    func bearerNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    @Test("JWTs fire anywhere a token can stand", arguments: [
        Secrets.jwt, "token: \(Secrets.jwt).", "cookie=\(Secrets.jwt);",
    ])
    func jwts(text: String) {
        #expect(Detect.ids(text, Detect.only(.jwt)) == [.jwt])
    }

    @Test("JWT look-alikes do not fire", arguments: [
        "eyJ.x.y",
        "eyJhbGciOiJIUzI1NiJ9.e30",  // two segments
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.",  // unsigned
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",  // signature too short
        "version 1.2.3.4",
        "123e4567-e89b-12d3-a456-426614174000",
    ])
    func jwtNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    // MARK: Password assignments

    @Test("secrets assigned to keys that name them fire", arguments: [
        "password=hunter2",
        "DB_PASSWORD=s3cr3t!x",
        "passwd: Tr0ub4dor&3",
        "pwd=abc123",
        "{\"password\": \"correct horse battery\"}",
        "{'Password':'p4ss'}",
        "client_secret=abcd1234efgh",
        "api_key=ZXhhbXBsZQ123",
        "const apiKey = \"k-1234567890\"",
        "https://x.example/cb?access_token=ya29.a0AfH6SM&state=1",
        "mysql --password=hunter22 -u root",
        "  passphrase: correct-horse\n",
        "GITHUB_TOKEN=0123456789abcdef",
    ])
    func passwordAssignments(text: String) {
        #expect(Detect.ids(text) == [.passwordAssignment])
    }

    @Test("placeholders, empty values, comparisons and prose do not fire", arguments: [
        "password: ********",
        "password=<your password>",
        "password=${DB_PASSWORD}",
        "password = {{ vault_password }}",
        "password=changeme",
        "password: null",
        "\"password\": \"\"",
        "\"password\": \"[REDACTED]\"",
        "api_key=your_api_key_here",
        "token=xxxxxxxx",
        "Forgot your password: click the link below.",
        "if password == \"x\" { }",
        "next_page_token=CAoQAA123",
        "PWD=/home/alice/src",
        "OLDPWD=~/work",
        "max_tokens=1024",
        "tokenizer=bpe",
        "token=ab",
    ])
    func passwordNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    // MARK: Connection strings

    @Test("URLs with a password and ADO Password= fire as connection strings", arguments: [
        "postgres://admin:S3cret!@db.internal:5432/app",
        "DATABASE_URL=mysql://root:toor@127.0.0.1/shop",
        "mongodb+srv://user:pa55w0rd@cluster0.example.net/test?retryWrites=true",
        "redis://:r3dispass@cache:6379/0",
        "amqp://guest:guest@rabbit/",
        "fetch https://bob:hunter2@intranet.example.com/report",
        "Server=tcp:db.example.net,1433;Database=app;User Id=sa;Password=P@ssw0rd;",
        "Data Source=db;Initial Catalog=x;pwd=Secret123;",
    ])
    func connectionStrings(text: String) {
        #expect(Detect.ids(text) == [.connectionString])
    }

    @Test("URLs without a real password do not fire", arguments: [
        "https://example.com/path?q=1",
        "ssh://git@github.com/org/repo.git",
        "postgres://user:****@db/app",
        "postgres://user:${PGPASSWORD}@db/app",
        "postgres://user:<password>@db/app",
        "postgres://user:password@localhost/app",
        "http://host.example:8080/a@b",
    ])
    func connectionNegatives(text: String) {
        #expect(Detect.ids(text).isEmpty)
    }

    // MARK: Excerpts

    @Test("an excerpt never holds the whole secret", arguments: [
        (Secrets.awsKeyID, "AKIAIOSFODNN7EXAMPLE"),
        ("aws_secret_access_key=\(Secrets.awsSecret)", Secrets.awsSecret),
        (Secrets.github, Secrets.github),
        (Secrets.slack, Secrets.slack),
        (Secrets.jwt, Secrets.jwt),
        ("Authorization: Bearer abc123def456", "abc123def456"),
        ("password=hunter2", "hunter2"),
        ("postgres://admin:S3cret!@db.internal/app", "S3cret!"),
        (Secrets.pem("RSA PRIVATE KEY"), String(Secrets.keyBody.prefix(64))),
    ])
    func excerptsAreRedacted(text: String, secret: String) throws {
        let finding = try #require(Detect.scanner.scan(text).findings.first)
        #expect(!finding.excerpt.contains(secret))
        #expect(finding.excerpt.contains("…"))
        #expect(finding.excerpt.utf8.count <= 90)
    }

    @Test("excerpts keep the recognisable, non-secret part")
    func excerptShapes() {
        #expect(Detect.scanner.scan(Secrets.awsKeyID).findings.map(\.excerpt) == ["AKIA…MPLE"])
        #expect(Detect.scanner.scan("password=hunter2").findings.map(\.excerpt) == ["password=…"])
        #expect(Detect.scanner.scan("postgres://admin:S3cret!@db.internal/app").findings.map(\.excerpt)
            == ["postgres://admin:…@db.internal"])
        #expect(Detect.scanner.scan(Secrets.pem("EC PRIVATE KEY")).findings.map(\.excerpt)
            == ["-----BEGIN EC PRIVATE KEY-----…-----END EC PRIVATE KEY-----"])
    }
}
