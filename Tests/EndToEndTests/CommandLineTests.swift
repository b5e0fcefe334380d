import Foundation
import JSON
import Testing

@Suite("The command line")
struct CommandLineTests {
    @Test("every command answers --help with its overview and usage", arguments: ["fit", "merge", "analyze", "score", "eval", "report", "serve", "query", "tail", "validate"])
    func help(command: String) {
        let run = Run(command, "--help")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: "))
        #expect(run.stdout.contains("USAGE: drift \(command)"))
    }

    @Test("a usage mistake exits 64 and names the problem")
    func usageErrors() {
        let missing = Run("fit", "Traces/")
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("error: missing -o <model.json>\nusage: drift fit"))
        let unknown = Run("analyze", "m.json", "--colour")
        #expect(unknown.status == 64 && unknown.stderr.hasPrefix("error: unknown option --colour"))
        #expect(Run("frobnicate").status == 64)
    }

    @Test("fit on the bundled corpus writes a model whose counts add up to the corpus")
    func fitBundledCorpus() throws {
        let dir = try temporaryFolder()
        let model = dir.appendingPathComponent("model.json").path
        let run = Run("fit", Repository.path("Traces"), "-o", model)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("research_comms"))
        let json = try JSONParser.parse(FileManager.default.contents(atPath: model)!)
        #expect(json["format"] == "drift.model.v1")
        // Every step is one coarse transition, and every trace that ends safely one more,
        // into DONE (the default policy has a DONE state).
        var steps = 0.0
        var transitions = 0.0
        var safe = 0.0
        for member in json["categories"]!.objectValue!.members {
            steps += member.value["steps"]!.doubleValue!
            safe += member.value["traces"]!.doubleValue! - member.value["violating"]!.doubleValue!
            for cell in member.value["coarse"]!.arrayValue! { transitions += cell.arrayValue![2].doubleValue! }
        }
        #expect(steps >= 2_700)
        // Every step is one transition, and every safe trace one more: its move into DONE.
        #expect(transitions == steps + safe)
        #expect(safe > 100)

        let analysis = Run("analyze", model, "--json")
        #expect(analysis.status == 0)
        let categories = try #require(analysis.json?["categories"]?.objectValue)
        #expect(categories.keys.sorted() == ["code_debugging", "data_handling", "pooled", "research_comms", "sysadmin"])
        for (name, category) in categories.members.map({ ($0.key, $0.value) }) {
            #expect(category["alert_threshold"]?["source"] == "fitted", "\(name)")
            let value = try #require(category["alert_threshold"]?["value"]?.doubleValue)
            #expect(value > 0 && value <= 1, "\(name)")
        }
        let text = Run("analyze", model)
        #expect(text.stdout.contains("alert threshold: p5 >= "))
        #expect(text.stdout.contains("-fold CV for FPR <= 5.0%"))
        // Communication tasks drift more than technical ones, from MILD within 5 steps.
        func p5(_ category: String, _ state: String) -> Double {
            let states = categories[category]!["states"]!.arrayValue!
            return states.first { $0["state"] == .string(state) }!["p"]!.arrayValue![4].doubleValue!
        }
        #expect(p5("research_comms", "MILD") > 3 * p5("code_debugging", "MILD"))
    }

    @Test("analyze --chain-file reproduces the method's first fixture")
    func chainFixture() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("chain.json")
        try #"{"states": ["A", "B", "VIOLATED"], "absorbing": ["VIOLATED"], "matrix": [[0.5, 0.3, 0.2], [0, 0.4, 0.6], [0, 0, 1]]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let run = Run("analyze", "--chain-file", file.path, "--json", "--horizon", "3")
        #expect(run.status == 0, "\(run.stderr)")
        let states = try #require(run.json?["states"]?.arrayValue)
        #expect(abs(states[0]["expected_steps"]!.doubleValue! - 3) < 1e-9)
        #expect(abs(states[1]["expected_steps"]!.doubleValue! - 5.0 / 3) < 1e-9)
        #expect(abs(states[0]["p"]!.arrayValue![0].doubleValue! - 0.2) < 1e-9)
        #expect(abs(states[1]["p"]!.arrayValue![0].doubleValue! - 0.6) < 1e-9)
        #expect(abs(states[0]["absorption"]!["VIOLATED"]!.doubleValue! - 1) < 1e-9)
    }

    @Test("a chain whose row does not sum to 1 is a clear error naming the row")
    func badChain() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("bad.json")
        try #"{"states": ["A", "V"], "absorbing": ["V"], "matrix": [[0.5, 0.4], [0, 1]]}"#.write(to: file, atomically: true, encoding: .utf8)
        let run = Run("analyze", "--chain-file", file.path)
        #expect(run.status == 65)
        #expect(run.stderr == "error: \(file.path): matrix[0]: row 0 (\"A\") sums to 0.9, not 1 (tolerance 1e-09)\n")
    }

    @Test("score replays a violating example and alerts before the violating step")
    func scoreExample() throws {
        let dir = try temporaryFolder()
        let model = dir.appendingPathComponent("model.json").path
        // The paper's policy calls the labelled send VIOLATED by its own rule 1.
        #expect(Run("fit", Repository.path("Traces"), "-o", model, "-q", "--policy", "safetydrift-paper").status == 0)
        let run = Run("score", Repository.path("Traces/examples/violating-research-comms.json"), "--model", model, "--json", "--policy", "safetydrift-paper")
        #expect(run.status == 0, "\(run.stderr)")
        let steps = run.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        #expect(steps.count >= 3)
        let firstAlert = try #require(steps.firstIndex { $0["alert"] == true })
        let violation = try #require(steps.firstIndex { $0["risk"] == "VIOLATED" })
        #expect(firstAlert < violation)
    }

    @Test("the built binary runs as a process and exits with the documented codes")
    func binary() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.binary)
        process.arguments = ["validate"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.hasPrefix("ok: policy drift-default (built-in): 24 rules"))
    }
}
