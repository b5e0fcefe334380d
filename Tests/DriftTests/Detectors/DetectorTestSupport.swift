@testable import Drift

/// Shorthands for the detector tests: what a default scanner finds in a text.
enum Detect {
    static let scanner = ContentScanner()

    /// The detectors that fired, in text order.
    static func ids(_ text: String, _ scanner: ContentScanner = scanner) -> [DetectorID] {
        scanner.scan(text).findings.map(\.detector)
    }

    /// The matched text of every finding, in text order.
    static func matched(_ text: String, _ scanner: ContentScanner = scanner) -> [String] {
        let bytes = Array(text.utf8)
        return scanner.scan(text).findings.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    /// A scanner with only `id` enabled, so a test sees one detector at a time.
    static func only(_ id: DetectorID) -> ContentScanner {
        let levels = id == .injection ? [:] : [id: id.defaultLevel ?? .sensitive]
        return ContentScanner(.init(levels: levels, injectionEnabled: id == .injection))
    }
}

/// Deterministic pseudo-random numbers for table tests (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
