/// A read-only view of the UTF-8 bytes being scanned, with the primitives every
/// detector shares.
///
/// Reads outside `0..<count` return 0 (a byte no detector accepts), so detectors look
/// ahead and behind without bounds checks of their own. The view does not own the
/// bytes: it lives only inside `ContentScanner.scan(bytes:)`.
struct ByteText {
    let base: UnsafePointer<UInt8>
    let count: Int

    @inline(__always)
    subscript(_ i: Int) -> UInt8 {
        i >= 0 && i < count ? base[i] : 0
    }

    /// Whether the bytes at `i` are exactly `literal`.
    @inline(__always)
    func matches(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        let l = literal.utf8Start
        for k in 0..<n where base[i + k] != l[k] { return false }
        return true
    }

    /// Whether the bytes at `i` are `literal` ignoring ASCII case; `literal` is lower case.
    @inline(__always)
    func matchesFolded(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        let l = literal.utf8Start
        for k in 0..<n {
            let want = l[k]
            let have = base[i + k]
            // Fold only letters: `| 0x20` would also equate '-' with CR and '_' with DEL.
            if have != want && !(Byte.isLetter(want) && have | 0x20 == want) { return false }
        }
        return true
    }

    /// Whether `i` begins a word: the byte before it is not a letter, digit or `_`.
    @inline(__always)
    func isWordStart(_ i: Int) -> Bool { !Byte.isWord(self[i - 1]) }

    /// The first index at or after `i` (and before `limit`) whose byte fails `accept`.
    @inline(__always)
    func skip(from i: Int, limit: Int, while accept: (UInt8) -> Bool) -> Int {
        var j = i
        let end = Swift.min(limit, count)
        while j < end && accept(base[j]) { j += 1 }
        return j
    }

    /// The bytes of `range` (clamped to the text).
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let lower = Swift.max(0, range.lowerBound), upper = Swift.min(count, range.upperBound)
        return UnsafeBufferPointer(start: base + lower, count: Swift.max(0, upper - lower))
    }
}

/// ASCII byte classes. Bytes from 0x80 up (UTF-8 beyond ASCII) are in none of them.
enum Byte {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
    @inline(__always) static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F }
    /// Space or tab.
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    /// Space, tab, CR or LF.
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    /// The base64url alphabet: letters, digits, `-` and `_`.
    @inline(__always) static func isBase64URL(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2D || b == 0x5F }
    /// The base64 alphabet with padding: letters, digits, `+`, `/` and `=`.
    @inline(__always) static func isBase64(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2B || b == 0x2F || b == 0x3D }
    /// `a`-`f` or `A`-`F`.
    @inline(__always) static func isHexLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 6 }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || isHexLetter(b) }
    @inline(__always) static func digitValue(_ b: UInt8) -> Int { Int(b &- 0x30) }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
}
