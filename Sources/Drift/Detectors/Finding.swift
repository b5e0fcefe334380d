/// One match of a detector in a scanned text.
public struct Finding: Hashable, Sendable {
    public var detector: DetectorID
    /// Byte offsets into the text's UTF-8 encoding (into the whole text, also when the
    /// match was found in the tail of a truncated text).
    public var range: Range<Int>
    /// A redacted rendering for evidence and logs, such as `AKIA…WXYZ` or
    /// `password=…`. Never holds the whole secret; at most 90 bytes of UTF-8.
    public var excerpt: String
    /// The injection family of an `.injection` finding; `nil` for the other detectors.
    public var family: InjectionFamily?

    public init(detector: DetectorID, range: Range<Int>, excerpt: String, family: InjectionFamily? = nil) {
        self.detector = detector
        self.family = family
        self.range = range
        self.excerpt = excerpt
    }
}
