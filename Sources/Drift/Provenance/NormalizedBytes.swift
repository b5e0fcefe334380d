/// A fixed-capacity byte buffer the normalisers write into, so that normalising a value
/// found in text allocates nothing.
///
/// It does not own its memory: it lives inside one `withScratch` call. Appending past
/// the capacity is not an error the caller must check byte by byte: the extra bytes are
/// counted, not written, and `overflowed` turns true (the normaliser then fails).
struct NormalizedBytes {
    private let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0

    /// The scratch size of a text scan: 1 KiB, the size Swift always places on the stack,
    /// so that a scan allocates nothing. Values found in text are at most
    /// `TargetTextScanner.maximumValueBytes`, which leaves room for what normalising adds
    /// (a scheme, `.00`).
    static let scanCapacity = 1024

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    /// Runs `body` with an empty buffer of `capacity` bytes (on the stack up to 1 KiB).
    static func withScratch<R>(capacity: Int = scanCapacity, _ body: (inout NormalizedBytes) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, capacity)) { buffer in
            var out = NormalizedBytes(buffer)
            return body(&out)
        }
    }

    var overflowed: Bool { count > capacity }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        if count < capacity { base[count] = b }
        count += 1
    }

    mutating func append(_ literal: StaticString) {
        let p = literal.utf8Start
        for k in 0..<literal.utf8CodeUnitCount { append(p[k]) }
    }

    mutating func removeAll() { count = 0 }

    /// The bytes written (valid until the next write or the end of `withScratch`).
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base, count: Swift.min(count, capacity))
    }

    var last: UInt8? { count > 0 && count <= capacity ? base[count - 1] : nil }

    mutating func removeLast() { if count > 0 { count -= 1 } }

    subscript(_ i: Int) -> UInt8 { i >= 0 && i < Swift.min(count, capacity) ? base[i] : 0 }
}
