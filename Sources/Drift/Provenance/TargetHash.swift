/// The 64-bit FNV-1a hash of a target: its kind byte, then its normalised UTF-8 bytes.
///
/// `TargetIndex` keeps only these hashes, never the text, so a session's index cannot
/// log or leak the addresses it has seen. FNV-1a is not keyed: an attacker who can
/// choose values could in principle aim for a collision with a task value, which would
/// make their value read as TASK; at 64 bits and with values that must also be valid
/// addresses of the right kind, that is not a practical attack for a per-session index.
enum TargetHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func hash(_ kind: TargetKind, _ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = (offsetBasis ^ UInt64(kind.rawValue)) &* prime
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    static func hash(_ target: Target) -> UInt64 {
        var value = target.value
        return value.withUTF8 { hash(target.kind, $0) }
    }

    /// The hash of a task word (a name the user wrote), in its own domain: kind byte 0xFF.
    static func word(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = (offsetBasis ^ 0xFF) &* prime
        for b in bytes { h = (h ^ UInt64(Byte.lower(b))) &* prime }
        return h
    }
}
