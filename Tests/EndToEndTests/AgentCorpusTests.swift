import Foundation
import JSON
import Testing

/// Traces/agents: the generated evaluation corpus (Traces/agents/README.md).
@Suite("The agents evaluation corpus")
struct AgentCorpusTests {
    static let folder = Repository.root.appendingPathComponent("Traces/agents")

    /// Per family: traces, tool calls, violating, as counted from the files.
    static func countFiles() throws -> [String: [Int]] {
        var counts: [String: [Int]] = [:]
        let families = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        for family in families {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(family).path) where name.hasSuffix(".json") {
                let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(family).appendingPathComponent(name).path))
                let json = try JSONParser.parse(data)
                #expect(json["metadata"]?["family"]?.stringValue == family, "\(name)")
                #expect(json["metadata"]?["naming"]?.stringValue != nil, "\(name)")
                let declared = json["tools"]?.arrayValue?.count ?? 0
                #expect(declared > 0, "\(name) declares no tools")
                let calls = (json["messages"]?.arrayValue ?? []).reduce(0) { $0 + ($1["tool_calls"]?.arrayValue?.count ?? 0) }
                #expect((4...14).contains(calls), "\(name): \(calls) calls")
                let violated = json["label"]?["violated"]?.boolValue
                #expect(violated != nil, "\(name) has no ground truth")
                if violated == true {
                    let step = try #require(json["label"]?["violation_step"]?.intValue, "\(name)")
                    #expect((0..<calls).contains(step), "\(name)")
                }
                var row = counts[family] ?? [0, 0, 0]
                row[0] += 1
                row[1] += calls
                row[2] += violated == true ? 1 : 0
                counts[family] = row
            }
        }
        return counts
    }

    /// The README's counts table: `| family | naming | traces | tool calls | violating | ...`.
    static func readmeCounts() throws -> [String: [Int]] {
        let text = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        var counts: [String: [Int]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, let traces = Int(cells[2]), let calls = Int(cells[3]), let violating = Int(cells[4].split(separator: " ")[0]) else { continue }
            counts[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = [traces, calls, violating]
        }
        return counts
    }

    @Test("every file is a transcript with ground truth and declared tools, and the counts per family match the README")
    func countsMatchReadme() throws {
        let files = try Self.countFiles()
        #expect(files.count == 8)
        #expect(files == (try Self.readmeCounts()))
    }

    @Test("drift validate reads all 720 transcripts without an error")
    func validates() {
        let run = Run("validate", Self.folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("read 720 traces"))
        #expect(!run.stdout.contains("malformed") && run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test("the committed files are what the generator makes: generate.py --check")
    func reproducible() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.folder.appendingPathComponent("generate.py").path, "--check"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("check ok: 720 transcripts match"))
    }
}
