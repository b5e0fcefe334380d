// libFuzzer target `content`: ContentScanner.scan over arbitrary bytes, in place (so
// AddressSanitizer sees any read past the input), with the default configuration and
// with a small scan limit that forces the head-and-tail path.
//
// Oracle: no crash; every finding's range lies inside the input, is non-empty, and
// findings come in text order without overlapping; at most `maximumFindings` are kept
// and `counts` covers them; the excerpt stays within its 90-byte budget; the result is
// truncated exactly when the input is longer than the limit.
import Drift

private let scanners: [(ContentScanner, limit: Int)] = [
    (ContentScanner(), 1 << 20),
    (ContentScanner(.init(levels: ContentScanner.Configuration.default.levels, maximumScannedBytes: 96)), 96),
    (ContentScanner(.init(levels: ContentScanner.Configuration.default.levels, injectionEnabled: false, maximumScannedBytes: 1)), 1),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for (scanner, limit) in scanners {
        let result = scanner.scan(bytes: bytes)
        expect(result.truncated == (size > limit), "truncated is \(result.truncated) for \(size) bytes, limit \(limit)")
        expect(result.findings.count <= ScanResult.maximumFindings, "\(result.findings.count) findings kept")
        var previousEnd = 0
        for finding in result.findings {
            expect(finding.range.lowerBound >= 0 && finding.range.upperBound <= size, "finding \(finding) outside \(size) bytes")
            expect(!finding.range.isEmpty, "empty finding \(finding)")
            expect(finding.range.lowerBound >= previousEnd, "findings overlap or are out of order: \(result.findings)")
            expect(finding.excerpt.utf8.count <= 90, "excerpt of \(finding.excerpt.utf8.count) bytes: \(finding.excerpt)")
            expect((result.counts[finding.detector] ?? 0) > 0, "a finding its detector does not count")
            previousEnd = finding.range.upperBound
        }
        expect(result.counts.values.reduce(0, +) >= result.findings.count, "counts \(result.counts) below the findings kept")
        expect(result.instructed == ((result.counts[.injection] ?? 0) > 0), "instructed without an injection finding, or the reverse")
    }
    // The String entry point repairs ill-formed UTF-8 first; it must not crash either.
    _ = scanners[0].0.scan(String(decoding: bytes, as: UTF8.self))
    return 0
}
