import JSON

/// The policy's content section: which detectors run on what a step carries, what
/// level each reports, and how many findings it takes.
///
/// Results are scanned whole. For network steps the outgoing arguments are scanned too
/// (what is being sent is what leaks), except the recipient fields, whose addresses
/// say where data goes, not what it is.
public struct ContentRules: Hashable, Sendable {
    public var scanner: ContentScanner
    /// A detector reports its level only when it finds at least this many matches in
    /// one text: one e-mail address in a From: line is not a personal-data export.
    public var minimumCounts: [DetectorID: Int]
    public var scanOutgoingArguments: Bool
    /// The injection detector alone: for steps whose exposure a label already gives, only
    /// the taint is left to find.
    let injectionScanner: ContentScanner

    public init(scanner: ContentScanner = ContentScanner(), minimumCounts: [DetectorID: Int] = [:], scanOutgoingArguments: Bool = true) {
        self.scanner = scanner
        self.minimumCounts = minimumCounts
        self.scanOutgoingArguments = scanOutgoingArguments
        var injectionOnly = scanner.configuration
        injectionOnly.levels = [:]
        injectionScanner = ContentScanner(injectionOnly)
    }

    /// Whether the text addresses instructions to the agent (the injection detector alone).
    func isInstructed(_ text: String) -> Bool {
        injectionScanner.configuration.injectionEnabled && (injectionScanner.tally(text).instructed || AgentDirective.find(in: text) != nil)
    }

    /// The outgoing arguments of a network step: every string but the recipients'. On
    /// the hot path each string is tallied where it lies (no joined copy).
    func assessOutgoing(_ arguments: JSONValue, explain: Bool) -> (exposure: DataExposure, instructed: Bool, evidence: [String]) {
        if explain {
            let outgoing = arguments.contentText(excluding: Destinations.recipientKeys)
            return outgoing.isEmpty ? (.none, false, []) : assess(outgoing, source: "outgoing arguments", explain: true)
        }
        var tally = ScanTally()
        arguments.forEachContentString(excluding: Destinations.recipientKeys) { tally += scanner.tally($0) }
        return judge(tally)
    }

    /// The exposure and taint that counts imply under the levels and minimum counts.
    private func judge(_ tally: ScanTally) -> (exposure: DataExposure, instructed: Bool, evidence: [String]) {
        guard !tally.isEmpty else { return (.none, false, []) }
        var exposure = DataExposure.none
        for (detector, level) in scanner.configuration.levels where detector != .injection && level > exposure {
            if tally[detector] >= (minimumCounts[detector] ?? 1) { exposure = level }
        }
        return (exposure, tally.instructed, [])
    }

    /// No detectors: what a policy without a `content` section gets.
    public static let off = ContentRules(scanner: ContentScanner(.init(levels: [:], injectionEnabled: false)), scanOutgoingArguments: false)

    public var isEnabled: Bool {
        !scanner.configuration.levels.isEmpty || scanner.configuration.injectionEnabled
    }

    /// What the detectors find in `text`: the exposure (after the minimum counts), whether
    /// it addresses instructions to the agent, and the evidence.
    func assess(_ text: String, source: String, explain: Bool = true) -> (exposure: DataExposure, instructed: Bool, evidence: [String]) {
        guard explain else {
            var judged = judge(scanner.tally(text))
            if !judged.instructed, scanner.configuration.injectionEnabled, AgentDirective.find(in: text) != nil { judged.instructed = true }
            return judged
        }
        let result = scanner.scan(text)
        // A directive to the agent that no family's phrases caught.
        var directive: String?
        if !result.instructed, scanner.configuration.injectionEnabled, let range = AgentDirective.find(in: text) {
            directive = Self.excerpt(text, range)
        }
        guard !result.counts.isEmpty || result.instructed || directive != nil else { return (.none, false, []) }
        var exposure = DataExposure.none
        var evidence: [String] = []
        for (detector, count) in result.counts where detector != .injection {
            guard let level = scanner.configuration.levels[detector], count >= (minimumCounts[detector] ?? 1) else { continue }
            exposure = max(exposure, level)
        }
        for (detector, count) in result.counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where detector != .injection {
            guard let level = scanner.configuration.levels[detector], count >= (minimumCounts[detector] ?? 1) else { continue }
            let excerpt = result.findings.first { $0.detector == detector }?.excerpt ?? ""
            evidence.append("\(source): \(detector.rawValue) x\(count) (\(excerpt)) -> \(level.name)")
        }
        // One line per injection family that fired, with its first excerpt.
        for family in result.families.members {
            let excerpt = result.findings.first { $0.family == family }?.excerpt ?? ""
            evidence.append("\(source): injection/\(family.rawValue) (\"\(excerpt)\") -> taint INSTRUCTED")
        }
        if let directive { evidence.append("\(source): injection/directive (\"\(directive)\") -> taint INSTRUCTED") }
        return (exposure, result.instructed || directive != nil, evidence)
    }

    /// At most 90 bytes of the directive, cut on a character boundary.
    static func excerpt(_ text: String, _ range: Range<Int>) -> String {
        let bytes = Array(text.utf8)
        var end = min(range.upperBound, range.lowerBound + 90, bytes.count)
        while end > range.lowerBound, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
    }
}

extension ContentRules {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.scanner.configuration == rhs.scanner.configuration && lhs.minimumCounts == rhs.minimumCounts
            && lhs.scanOutgoingArguments == rhs.scanOutgoingArguments
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scanner.configuration)
        hasher.combine(minimumCounts)
        hasher.combine(scanOutgoingArguments)
    }
}
