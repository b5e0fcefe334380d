/// What a scan found in one text.
public struct ScanResult: Hashable, Sendable {
    /// The highest level any finding reports under the configuration; `.none` if nothing.
    public var exposure: DataExposure
    /// Whether the injection detector found an instruction addressed to the agent.
    public var instructed: Bool
    /// The injection families that fired.
    public var families: InjectionFamilySet
    /// The first `ScanResult.maximumFindings` findings, in text order (the head of a
    /// truncated text before its tail). `counts` counts all of them.
    public var findings: [Finding]
    /// How many times each detector fired; detectors that did not fire are absent.
    public var counts: [DetectorID: Int]
    /// The text was longer than `maximumScannedBytes` and only part of it was scanned.
    public var truncated: Bool

    /// How many findings a result keeps.
    public static let maximumFindings = 16

    public init(
        exposure: DataExposure = .none, instructed: Bool = false, findings: [Finding] = [],
        counts: [DetectorID: Int] = [:], truncated: Bool = false, families: InjectionFamilySet = []
    ) {
        self.exposure = exposure
        self.instructed = instructed
        self.families = families
        self.findings = findings
        self.counts = counts
        self.truncated = truncated
    }

    /// The taint the findings imply: `.instructed` if injection was found, else `.none`
    /// (whether the source was untrusted at all is the tool taxonomy's business).
    public var taint: Taint { instructed ? .instructed : .none }
}
