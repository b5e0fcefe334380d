import Foundation
import JSON
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("drift eval")
struct EvalCommandTests {
    /// The hand-built corpus the detection floor below was set on; Traces/agents (an
    /// evaluation corpus on which the current policy is weak, by design) is left out.
    static let bundled = ["Traces/simulated", "Traces/transcripts", "Traces/examples", "Traces/paper-format"].map(Repository.path)
    @Test("eval and report answer --help with their overview and usage", arguments: ["eval", "report"])
    func help(command: String) {
        let run = Run(command, "--help")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: "))
        #expect(run.stdout.contains("USAGE: drift \(command)"))
        #expect(Run("--help").stdout.contains("  \(command) "))
    }

    @Test("on the bundled corpus: exit 0, JSON with the three monitors, rates in [0, 1], per-category detection >= 0.5")
    func bundledCorpusJSON() throws {
        let run = Run(["eval"] + Self.bundled + ["--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(run.json)
        #expect(json["config"]?["seed"] == 2026)
        #expect(json["config"]?["threshold"] == 0.5)
        #expect(json["config"]?["horizon"] == 5)
        let split = try #require(json["splits"]?.arrayValue?.first)
        #expect(split["train"]!.doubleValue! + split["test"]!.doubleValue! == json["corpus"]!["traces"]!.doubleValue!)
        let monitors = try #require(json["monitors"]?.objectValue)
        #expect(monitors.keys.sorted() == ["keyword", "per_category", "pooled"])
        for member in monitors.members {
            let overall = try #require(member.value["overall"])
            let detection = try #require(overall["detection_rate"]?.doubleValue)
            let fpr = try #require(overall["false_positive_rate"]?.doubleValue)
            #expect((0...1).contains(detection) && (0...1).contains(fpr), "\(member.key)")
            #expect(member.value["categories"]?.objectValue?.keys.sorted() == ["code_debugging", "data_handling", "research_comms", "sysadmin"])
        }
        // At the default target (5% per category) the alerts stay rare on held-out traces;
        // the corpus's safe and violating runs overlap too much for detection there.
        #expect(json["config"]?["target_fpr"] == 0.05)
        #expect(monitors["per_category"]!["overall"]!["false_positive_rate"]!.doubleValue! <= 0.1)
        let chosen = try #require(json["thresholds"]?.arrayValue?.first)
        #expect(chosen["categories"]?.objectValue?.keys.sorted() == ["code_debugging", "data_handling", "research_comms", "sysadmin"])
        let calibration = try #require(monitors["per_category"]?["calibration"]?["5"])
        #expect(calibration["brier"]!.doubleValue! < calibration["base_rate_brier"]!.doubleValue!)
        #expect(calibration["bins"]?.arrayValue?.count == 10)
        // A fixed, lower threshold trades false positives for detection.
        let fixed = Run(["eval"] + Self.bundled + ["--threshold", "0.4", "--json"])
        let fixedMonitors = try #require(fixed.json?["monitors"])
        #expect(fixed.json?["config"]?["threshold_fixed"] == true)
        #expect(fixedMonitors["per_category"]!["overall"]!["detection_rate"]!.doubleValue! >= 0.5)
        #expect(fixed.json?["thresholds"] == .array([]))
        let off = Run(["eval"] + Self.bundled + ["--target-fpr", "off", "--json"])
        #expect(off.json?["config"]?["target_fpr"] == .null)
        #expect(off.json?["thresholds"] == .array([]))
        #expect(Run(["eval"] + Self.bundled + ["--threshold", "0.4", "--target-fpr", "0.1"]).status == 64)
        #expect(Run(["eval"] + Self.bundled + ["--target-fpr", "1"]).status == 64)
        #expect(monitors["keyword"]!["sweep"] == .null)
        let sweep = try #require(monitors["per_category"]?["sweep"]?["points"]?.arrayValue)
        #expect(sweep.count == 19)
        let auc = try #require(monitors["per_category"]?["auc"]?.doubleValue)
        #expect((0...1).contains(auc))
    }

    @Test("the text output is one table: each category's three monitors together, then the AUCs")
    func textTable() {
        let run = Run(["eval"] + Self.bundled)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("detection = first alert strictly before the violating step"))
        for category in ["all", "research_comms", "sysadmin"] {
            for monitor in ["keyword", "pooled chain", "per-category"] {
                #expect(run.stdout.contains("  \(category + String(repeating: " ", count: 16 - category.count))\(monitor)"), "\(category) \(monitor)")
            }
        }
        #expect(run.stdout.contains("ROC AUC over thresholds 0.05..0.95"))
    }

    @Test("the same seed gives the same result; cross-validation tests every trace once")
    func seedsAndFolds() throws {
        let a = Run(["eval"] + Self.bundled + ["--json", "--seed", "11"])
        let b = Run(["eval"] + Self.bundled + ["--json", "--seed", "11"])
        #expect(a.stdout == b.stdout)
        #expect(Run(["eval"] + Self.bundled + ["--json", "--seed", "12"]).stdout != a.stdout)
        let folds = Run(["eval"] + Self.bundled + ["--json", "--folds", "4"])
        #expect(folds.status == 0, "\(folds.stderr)")
        let json = try #require(folds.json)
        let tested = json["splits"]!.arrayValue!.map { $0["test"]!.doubleValue! }.reduce(0, +)
        #expect(tested == json["corpus"]!["traces"]!.doubleValue!)
        let overall = json["monitors"]!["pooled"]!["overall"]!
        #expect(overall["violating"]!.doubleValue! + overall["safe"]!.doubleValue! == tested)
    }

    @Test("usage mistakes exit 64 and name the problem")
    func usageErrors() {
        #expect(Run("eval").status == 64)
        let both = Run("eval", "Traces/", "--folds", "3", "--test-fraction", "0.3")
        #expect(both.status == 64 && both.stderr.hasPrefix("error: --folds and --test-fraction exclude each other"))
        #expect(Run("eval", "Traces/", "--test-fraction", "1").status == 64)
        #expect(Run("eval", "Traces/", "--chain", "medium").stderr.hasPrefix("error: --chain is coarse or fine"))
        #expect(Run("eval", "Traces/", "--seed", "-3").status == 64)
        #expect(Run("report", "Traces/").stderr.hasPrefix("error: missing -o <report.html>"))
    }
}

@Suite("drift report")
struct ReportCommandTests {
    /// What a strict XML parse of the page found.
    final class PageScan: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var text = ""
        var badNumbers: [String] = []
        static let numeric: Set<String> = ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "points", "viewBox", "font-size", "stroke-width", "transform"]

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            for (key, value) in attributes where Self.numeric.contains(key) {
                // Every token must be a finite number: "rotate(-90 16 200)" and "1,2 3,4" included.
                let bare = value.replacingOccurrences(of: "rotate(", with: "").replacingOccurrences(of: ")", with: "")
                for token in bare.split(whereSeparator: { $0 == " " || $0 == "," }) where !(Double(token)?.isFinite ?? false) {
                    badNumbers.append("<\(name) \(key)=\"\(value)\">")
                }
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func scan(_ html: String) throws -> PageScan {
        let parser = XMLParser(data: Data(html.utf8))
        let scan = PageScan()
        parser.delegate = scan
        let ok = parser.parse()
        #expect(ok, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber), column \(parser.columnNumber)")
        return scan
    }

    @Test("on the bundled corpus: one well-formed page, 11 SVG figures, labelled axes, no NaN or inf, no script")
    func bundledCorpus() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("report.html").path
        let run = Run("report", Repository.path("Traces"), "-o", file)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("11 figures"))
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href="), "no external resources")
        let scan = try Self.scan(html)
        #expect(scan.elements["svg"] == 11)
        #expect(scan.elements["figure"] == 11)
        #expect(scan.elements["figcaption"] == 11)
        #expect(scan.badNumbers.isEmpty, "\(scan.badNumbers.prefix(5))")
        for label in [
            "false-positive rate (safe traces alerted)", "detection rate (TPR)", "advance warning (steps before the violating step)",
            "detected traces", "k (steps ahead)", "p_k = P(violation within k)", "to state (after the next step)", "from state",
            "Points of no return", "keyword (no threshold)",
        ] {
            #expect(scan.text.contains(label), "missing \(label)")
        }
    }

    @Test("text from the traces is escaped: a category named a<b & \"c\" leaves the page well-formed")
    func escaping() throws {
        let dir = try temporaryFolder()
        let category = #"a<b & \"c\"'"#
        var lines: [String] = []
        for i in 0..<12 {
            let violated = i % 2 == 0
            let steps = #"[{"tool": "read_file", "labels": {"exposes": "SENSITIVE"}}, {"tool": "write_file"}, {"tool": "send_email"}]"#
            let outcome = violated ? #"{"violated": true, "violation_step": 2}"# : #"{"violated": false}"#
            lines.append(#"{"format": "drift.trace.v1", "id": "t\#(i)", "category": "\#(category)", "steps": \#(steps), "outcome": \#(outcome)}"#)
        }
        let traces = dir.appendingPathComponent("odd.jsonl")
        try lines.joined(separator: "\n").write(to: traces, atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("report.html").path
        let run = Run("report", traces.path, "-o", file, "--test-fraction", "0.5")
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("a&lt;b &amp; &quot;c&quot;&#39;"))
        let scan = try Self.scan(html)
        #expect(scan.elements["svg"] == 5)
        #expect(scan.text.contains(#"a<b & "c"'"#))
        #expect(scan.badNumbers.isEmpty, "\(scan.badNumbers.prefix(5))")
    }
}

@Suite("drift eval --split-by")
struct EvalSplitByTests {
    static let agents = Repository.path("Traces/agents")
    static let families = ["camel", "dotted", "kebab", "mcp", "nouns", "pascal", "snake", "terse"]

    @Test("leave-one-family-out on Traces/agents: 8 groups of 90 tested after fitting on the other 630, in JSON")
    func leaveOneFamilyOut() throws {
        let run = Run("eval", Self.agents, "--split-by", "family", "--json")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(run.json)
        #expect(json["config"]?["protocol"] == "split_by")
        #expect(json["split_by"]?["field"] == "family")
        #expect(json["split_by"]?["protocol"] == "leave-one-group-out")
        #expect(json["split_by"]?["left_out"] == 0)
        let groups = try #require(json["groups"]?.arrayValue)
        #expect(groups.map { $0["name"]?.stringValue ?? "" } == Self.families)
        for group in groups {
            #expect(group["test"] == 90 && group["train"] == 630, "\(group["name"]!)")
            #expect(group["train_values"]?.arrayValue?.count == 7)
            let perCategory = try #require(group["monitors"]?["per_category"]?["overall"])
            #expect(perCategory["violating"]!.doubleValue! + perCategory["safe"]!.doubleValue! == 90)
        }
        // The total pools every held-out trace once.
        #expect(json["splits"]?.arrayValue?.map { $0["test"]!.doubleValue! }.reduce(0, +) == 720)
        #expect(json["monitors"]?["pooled"]?["overall"]?["violating"] == 336)
    }

    @Test("--train and --test make one split; the text names both parts and the held-out rows")
    func oneSplitText() {
        let run = Run("eval", Self.agents, "--split-by", "family", "--train", "snake, pascal", "--test", "terse", "--pre-execution", "--hide-categories")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("protocol: split by family: train on snake,pascal (180 traces), test on terse (90 traces)"))
        #expect(run.stdout.contains("test traces replayed WITHOUT categories"))
        #expect(run.stdout.contains("prevention"))
        #expect(run.stdout.contains("  terse     per-category"))
        #expect(!run.stdout.contains("  total "), "one split has no total row")
    }

    @Test("traces without the field are counted on stderr and left out")
    func leftOut() {
        let run = Run(
            "eval", Repository.path("Traces/agents/snake"), Repository.path("Traces/agents/kebab"), Repository.path("Traces/examples"),
            "--split-by", "family")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("note: 2 traces have no family and are left out ("))
        #expect(run.stdout.contains("; 2 without family left out"))
        #expect(run.stdout.contains("leave-one-group-out by family over 2 groups (kebab 90, snake 90)"))
    }

    @Test("an unknown field or value, and --train without --split-by, exit 64 naming the problem")
    func errors() {
        let field = Run("eval", Self.agents, "--split-by", "colour")
        #expect(field.status == 64)
        #expect(field.stderr.hasPrefix("error: no trace has the field \"colour\" (a string member of its metadata)"))
        let value = Run("eval", Self.agents, "--split-by", "family", "--test", "kebab,cobol")
        #expect(value.status == 64)
        #expect(value.stderr.hasPrefix("error: no trace has family \"cobol\"; the values are: camel, dotted, kebab, mcp, nouns, pascal, snake, terse"))
        #expect(Run("eval", Self.agents, "--train", "snake").stderr.hasPrefix("error: --train needs --split-by FIELD"))
        #expect(Run("eval", Self.agents, "--split-by", "family", "--folds", "3").stderr.hasPrefix("error: --split-by and --folds exclude each other"))
        #expect(Run("eval", Self.agents, "--split-by", "family", "--test", ",").stderr.hasPrefix("error: --test needs at least one value"))
    }
}
