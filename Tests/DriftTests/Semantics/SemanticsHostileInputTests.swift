import Testing
@testable import Drift

@Suite("Command, SQL and code analyzers on hostile input")
struct SemanticsHostileInputTests {
    static let analyzers: [(String, @Sendable (String) -> CommandAnalysis)] = [
        ("command", CommandLineAnalyzer.analyze), ("sql", SQLStatementAnalyzer.analyze), ("code", CodeSnippetAnalyzer.analyze),
    ]

    static var hostile: [String] {
        let invalid = String(decoding: [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x20, 0xF0, 0x9F, 0x92, 0x72, 0x6D, 0x20, 0x2D, 0x72, 0x66, 0x20, 0x2F], as: UTF8.self)
        return [
            String(repeating: "a", count: 100_000),
            String(repeating: "rm -rf / ", count: 12_000),
            String(repeating: ";", count: 100_000),
            String(repeating: "|", count: 100_000),
            String(repeating: "&& ", count: 40_000),
            String(repeating: "$(", count: 30_000),
            String(repeating: "$(echo ", count: 10_000) + String(repeating: ")", count: 10_000),
            String(repeating: "`", count: 50_001),
            String(repeating: "'", count: 50_001),
            String(repeating: "\"", count: 50_001),
            String(repeating: "(", count: 100_000),
            String(repeating: "<<EOF\n", count: 10_000),
            String(repeating: "\\", count: 100_001),
            String(repeating: "${", count: 50_000),
            String(repeating: "os.system(", count: 10_000),
            String(repeating: "/*", count: 50_000),
            String(repeating: "$$", count: 50_000),
            String(repeating: "sh -c '", count: 10_000),
            String(repeating: "x=", count: 50_000),
            String(repeating: "-", count: 100_000),
            String(repeating: "\n", count: 100_000),
            String(repeating: "\u{0}", count: 10_000),
            String(repeating: "é", count: 50_000),
            invalid,
            String(repeating: invalid, count: 5_000),
            "curl " + String(repeating: "https://a.example.com/ ", count: 4_000),
        ]
    }

    @Test("hostile inputs end quickly with every list within its cap")
    func hostileInputs() {
        for input in Self.hostile {
            for (name, analyze) in Self.analyzers {
                let clock = ContinuousClock()
                var result = CommandAnalysis.empty
                let elapsed = clock.measure { result = analyze(input) }
                #expect(elapsed < .seconds(2), "\(name) took \(elapsed) on \(input.prefix(16))... (\(input.utf8.count) bytes)")
                #expect(result.programs.count <= CommandAnalysis.maximumListCount)
                #expect(result.hosts.count <= CommandAnalysis.maximumListCount)
                #expect(result.recipients.count <= CommandAnalysis.maximumListCount)
                #expect(result.paths.count <= CommandAnalysis.maximumListCount)
                #expect((result.finding?.utf8.count ?? 0) <= CommandAnalysis.maximumFindingBytes)
                for entry in result.programs + result.hosts + result.recipients + result.paths {
                    #expect(entry.utf8.count <= CommandAnalysis.maximumEntryBytes)
                }
            }
        }
    }

    @Test("a separator-only line has no effects")
    func separatorsOnly() {
        for line in [";;;;", "| | |", "&&&&", "\n\n\n", "( ) ( )", "& & &"] {
            #expect(CommandLineAnalyzer.analyze(line).effects == [], "\(line)")
        }
    }

    @Test("lists stop at 16 entries and keep the first ones")
    func listCaps() {
        let hosts = (0..<40).map { "https://h\($0).example.com/" }.joined(separator: " ")
        let result = CommandLineAnalyzer.analyze("curl \(hosts)")
        #expect(result.hosts.count == 16)
        #expect(result.hosts.first == "h0.example.com")
        let paths = (0..<40).map { "f\($0)" }.joined(separator: " ")
        #expect(CommandLineAnalyzer.analyze("rm \(paths)").paths.count == 16)
        let programs = (0..<40).map { "p\($0)" }.joined(separator: "; ")
        #expect(CommandLineAnalyzer.analyze(programs).programs.count == 16)
        let mails = (0..<40).map { "u\($0)@example.com" }.joined(separator: " ")
        #expect(CommandLineAnalyzer.analyze("mail -s hi \(mails)").recipients.count == 16)
    }

    @Test("commands past the 64th on a line are not analysed")
    func commandCap() {
        let line = String(repeating: "ls; ", count: 64) + "rm -rf /"
        #expect(CommandLineAnalyzer.analyze(line).effects == .read)
        let within = String(repeating: "ls; ", count: 63) + "rm -rf /"
        #expect(CommandLineAnalyzer.analyze(within).effects == [.destroy, .destroyBroad])
    }

    @Test("nesting deeper than three levels is not analysed")
    func depthCap() {
        #expect(CommandLineAnalyzer.analyze("sh -c \"sh -c 'sh -c \\\"rm -rf /\\\"'\"").effects == [.destroy, .destroyBroad])
        #expect(CommandLineAnalyzer.analyze("echo $(echo $(echo $(echo $(rm -rf /))))").effects == .read)
        #expect(CommandLineAnalyzer.analyze("echo $(echo $(echo $(rm -rf /)))").effects == [.destroy, .destroyBroad])
    }

    @Test("only the first 64 KiB are read")
    func byteCap() {
        let padding = String(repeating: " ", count: CommandLineAnalyzer.maximumBytes)
        #expect(CommandLineAnalyzer.analyze("ls" + padding + "; rm -rf /").effects == .read)
    }

    @Test("unterminated quotes and substitutions run to the end without a crash")
    func unterminated() {
        #expect(CommandLineAnalyzer.analyze("rm -rf '/").effects == [.destroy, .destroyBroad])
        #expect(CommandLineAnalyzer.analyze("echo $(rm -rf /").effects == [.destroy, .destroyBroad])
        #expect(CommandLineAnalyzer.analyze("cat <<EOF\nno end").effects == .read)
        #expect(SQLStatementAnalyzer.analyze("SELECT 'unterminated").effects == .read)
        #expect(CodeSnippetAnalyzer.analyze("os.system('rm -rf /").effects == [.destroy, .destroyBroad])
    }
}
