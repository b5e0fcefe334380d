import Drift
import Foundation
import JSON

/// `drift scan`: runs the policy's content detectors over plain text and shows what
/// they find, line by line or file by file.
struct ScanCommand: Command {
    static let name = "scan"
    static let abstract = "Run the content detectors over text; show detector counts, injection families and excerpts."
    static let usage = "drift scan [--json] [--whole] [--policy <file>] <file>... | -"
    static let discussion = """
        Each input line is one text (with --whole, each file is). '-' reads standard input.
        The detectors, their levels and the injection families are the policy's content section
        (default: the built-in policy). A text longer than the policy's max_scanned_bytes is
        scanned in head and tail, as the monitor does.

        Text output lists each text with findings as <input>:<line>: then each detector, its
        count and first excerpt, with the injection families in brackets, then totals.
        With --json, one JSON object per text (every line, also those without findings):
          {"input": "notes.txt", "line": 3, "instructed": true, "exposure": "NONE",
           "families": ["polite_request"], "counts": {"injection": 1},
           "findings": [{"detector": "injection", "family": "polite_request", "excerpt": "..."}]}
        Exits 0 whether or not anything was found, 66 when an input cannot be read.
        """
    static let options = [
        OptionSpec(["--json"], help: "One JSON object per text instead of the report."),
        OptionSpec(["--whole"], help: "Scan each file as one text instead of line by line."),
        Inputs.policyOption,
    ]

    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard !arguments.positionals.isEmpty else { throw UsageError("missing input: give files, or - for standard input") }
        self.arguments = arguments
    }

    func run(_ out: Output) throws -> Int32 {
        let policy = try Inputs.policy(arguments)
        let scanner = policy.content.scanner
        let json = arguments.flag("--json")
        let whole = arguments.flag("--whole")
        var totals = ScanTotals()
        for input in arguments.positionals {
            let bytes: [UInt8]
            if input == "-" {
                bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            } else {
                do {
                    bytes = try FileBytes.read(input)
                } catch {
                    out.error("error: \(error)")
                    return ExitCode.noInput
                }
            }
            totals.inputs += 1
            let name = input == "-" ? "<stdin>" : input
            Self.forEachText(in: bytes, whole: whole) { line, text in
                let result = text.withUnsafeBytes { scanner.scan(bytes: UnsafeRawBufferPointer($0)) }
                totals.add(result)
                if json {
                    out.print(Self.jsonValue(result, input: name, line: line).serialized(pretty: false))
                } else if !result.findings.isEmpty {
                    out.print("\(name):\(line): \(Self.summary(of: result))")
                }
            }
        }
        if !json { out.print(totals.text) }
        return ExitCode.success
    }

    /// Calls `body` with each line (1-based number, bytes without the line break), or
    /// once with the whole input (line 0).
    static func forEachText(in bytes: [UInt8], whole: Bool, _ body: (Int, ArraySlice<UInt8>) -> Void) {
        if whole {
            body(0, bytes[...])
            return
        }
        var start = 0
        var line = 1
        while start < bytes.count {
            var end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let next = end + 1
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            body(line, bytes[start..<end])
            start = next
            line += 1
        }
    }

    /// `injection x1 [polite_request] "excerpt"; email x2 "a…@x.com"`.
    static func summary(of result: ScanResult) -> String {
        result.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { detector, count in
            var part = "\(detector.rawValue) x\(count)"
            if detector == .injection { part += " [\(result.families.members.map(\.rawValue).joined(separator: ", "))]" }
            if let excerpt = result.findings.first(where: { $0.detector == detector })?.excerpt { part += " \"\(excerpt)\"" }
            return part
        }.joined(separator: "; ")
    }

    static func jsonValue(_ result: ScanResult, input: String, line: Int) -> JSONValue {
        var counts = JSONObject()
        for (detector, count) in result.counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            counts.members.append(.init(key: detector.rawValue, value: .number(Double(count))))
        }
        let findings: [JSONValue] = result.findings.map { finding in
            var object: JSONObject = ["detector": .string(finding.detector.rawValue)]
            if let family = finding.family { object.members.append(.init(key: "family", value: .string(family.rawValue))) }
            object.members.append(.init(key: "excerpt", value: .string(finding.excerpt)))
            return .object(object)
        }
        return .object([
            "input": .string(input), "line": .number(Double(line)), "instructed": .bool(result.instructed),
            "exposure": .string(result.exposure.name), "families": .array(result.families.members.map { .string($0.rawValue) }),
            "counts": .object(counts), "findings": .array(findings), "truncated": .bool(result.truncated),
        ])
    }
}

/// What `drift scan` counts across all texts.
struct ScanTotals {
    var inputs = 0
    var texts = 0
    var withFindings = 0
    var instructed = 0
    var detectors: [DetectorID: Int] = [:]
    var families: [InjectionFamily: Int] = [:]

    mutating func add(_ result: ScanResult) {
        texts += 1
        if !result.findings.isEmpty { withFindings += 1 }
        if result.instructed { instructed += 1 }
        for (detector, count) in result.counts { detectors[detector, default: 0] += count }
        for family in result.families.members { families[family, default: 0] += 1 }
    }

    var text: String {
        var lines = ["scanned \(texts) texts in \(inputs) inputs: \(withFindings) with findings, \(instructed) instructed"]
        let detectorList = DetectorID.all.compactMap { id in detectors[id].map { "\(id.rawValue) \($0)" } }
        lines.append("detectors: \(detectorList.isEmpty ? "none" : detectorList.joined(separator: ", "))")
        let familyList = InjectionFamily.all.compactMap { family in families[family].map { "\(family.rawValue) \($0)" } }
        lines.append("injection families (texts): \(familyList.isEmpty ? "none" : familyList.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}
