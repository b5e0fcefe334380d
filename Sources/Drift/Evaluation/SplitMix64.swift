/// A small seeded random number generator (Steele, Lea and Flood's SplitMix64).
///
/// The evaluation needs splits that are the same on every machine and every Swift
/// release, so it uses this generator and its own `index(below:)` rather than the
/// standard library's shuffling, whose algorithm is not promised to stay fixed.
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound, by rejection (no modulo bias).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "index(below:) needs a positive bound, not \(bound)")
        let n = UInt64(bound)
        // The largest multiple of n that fits: values at or above it are redrawn.
        let limit = UInt64.max - UInt64.max % n
        while true {
            let value = next()
            if value < limit { return Int(value % n) }
        }
    }

    /// Fisher-Yates, drawing from this generator only.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, index(below: i + 1))
        }
    }

    /// FNV-1a over the text's UTF-8: a hash that, unlike `Hasher`, is the same in every
    /// process, used to give each stratum its own stream.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
