import Foundation
import Testing
@testable import Drift

@Suite("Policy files and classification")
struct PolicyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("config/policy.json is the built-in default, byte for byte")
    func shippedPolicyIsBuiltIn() throws {
        let shipped = try String(contentsOf: Self.repository.appendingPathComponent("config/policy.json"), encoding: .utf8)
        #expect(shipped == DefaultPolicy.text)
        #expect(try Policy.load(contentsOf: Self.repository.appendingPathComponent("config/policy.json").path).identity == Policy.default.identity)
        let paper = try String(contentsOf: Self.repository.appendingPathComponent("config/safetydrift-paper.json"), encoding: .utf8)
        #expect(paper == DefaultPolicy.paperText)
        #expect(Policy.paper.name == "safetydrift-paper")
        #expect(Policy.default.name == "drift-default")
    }

    @Test("tools are classed by explicit entry, then pattern, then default", arguments: [
        ("read_file", ToolEscalation.readOnly, "explicit entry"),
        ("send_email", .network, "pattern \"send_*\""),
        ("forward_Email_to", .network, "pattern \"*email*\""),
        ("run_tests", .codeExec, "pattern \"run_*\""),
        ("delete_user", .fileWrite, "pattern \"delete_*\""),
        ("summarise", .readOnly, "default"),
    ])
    func taxonomy(tool: String, escalation: ToolEscalation, source: String) {
        let (profile, found) = Policy.paper.tools.classify(tool)
        #expect(profile.escalation == escalation)
        #expect(found.description == source)
    }

    @Test("path rules find credentials and personal data in arguments, commands included")
    func pathRules() {
        let policy = Policy.paper
        #expect(policy.effect(of: Step(tool: "read_file", arguments: ["path": ".env"])).exposure == .credentials)
        #expect(policy.effect(of: Step(tool: "run_shell", arguments: ["cmd": "cat ~/.ssh/id_rsa | base64"])).exposure == .credentials)
        #expect(policy.effect(of: Step(tool: "read_file", arguments: ["path": "/srv/exports/customers_2026.csv"])).exposure == .sensitive)
        #expect(policy.effect(of: Step(tool: "read_file", arguments: ["path": "/srv/readme.md"])).exposure == .none)
    }

    @Test("labels win over derived values, and a failed call raises only T")
    func labelsAndFailures() {
        let policy = Policy.paper
        let labelled = policy.effect(of: Step(tool: "read_file", arguments: ["path": "/x"], labels: StepLabels(exposes: .sensitive, escalation: .network)))
        #expect(labelled.exposure == .sensitive && labelled.escalation == .network)
        let failed = policy.effect(of: Step(tool: "send_email", arguments: ["path": "/app/.env"], failed: true))
        #expect(failed.escalation == .network && failed.exposure == .none && failed.reversibility == nil)
    }

    @Test("a policy with an unknown level is refused with file, line, column and field")
    func badLevel() {
        let text = """
            {
              "rules": [
                {"name": "x", "when": {"data_exposure": ">= SENSITIVE"}, "level": "CRITCAL"}
              ]
            }
            """
        #expect(throws: InputError(file: "p.json", line: 3, column: 71, path: "rules[0].level", message: "unknown level \"CRITCAL\" (one of SAFE, MILD, ELEVATED, CRITICAL, VIOLATED)")) {
            try Policy.decode(Array(text.utf8), file: "p.json")
        }
    }

    @Test("a misspelt setting is an error, not silently ignored")
    func unknownKey() throws {
        let text = #"{"rules": [{"name": "x", "when": {}, "level": "SAFE"}], "monitor": {"treshold": 0.4}}"#
        do {
            _ = try Policy.decode(Array(text.utf8), file: "p.json")
            Issue.record("accepted a misspelt key")
        } catch {
            #expect(error.path == "monitor.treshold")
            #expect(error.message.hasPrefix("unknown field \"treshold\""))
        }
    }

    @Test("glob patterns: * stops at /, ** does not, ? is one character, case is ignored")
    func globs() {
        #expect(Glob("send_*").matches("SEND_mail"))
        #expect(!Glob("/etc/*").matches("/etc/ssh/sshd_config"))
        #expect(Glob("/etc/**").matches("/etc/ssh/sshd_config"))
        #expect(Glob("**/id_rsa*").matches("/home/a/.ssh/id_rsa.pub"))
        #expect(!Glob("**/id_rsa*").matches("id_rsa"))
        #expect(PathRule(Glob("**/id_rsa*"), exposes: .credentials).matches("id_rsa"))
        #expect(Glob("file?.txt").matches("file1.txt") && !Glob("file?.txt").matches("file12.txt"))
        #expect(!Glob("*a*a*a*a*a*a*b").matches(String(repeating: "a", count: 2000)))
    }

    @Test("SHA-256 matches the standard's test vectors")
    func sha256() {
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // The same million bytes fed in uneven pieces, crossing block boundaries.
        var hasher = SHA256()
        var fed = 0
        while fed < 1_000_000 {
            let piece = min(1_000_000 - fed, [1, 7, 63, 64, 65, 1000][fed % 6])
            hasher.update([UInt8](repeating: 0x61, count: piece))
            fed += piece
        }
        #expect(hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
