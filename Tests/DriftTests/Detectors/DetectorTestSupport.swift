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

