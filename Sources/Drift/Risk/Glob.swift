/// A shell-style wildcard pattern over bytes: `*` matches any run of characters except
/// `/`, `**` any run including `/`, `?` one character. Matching is case-insensitive for
/// ASCII letters, because tool names and file names arrive in every case.
///
/// Matching is iterative with one backtrack point per star kind, so it runs in
/// O(pattern x text) at worst and never recurses on hostile input.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let bytes: [UInt8]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.bytes = Array(pattern.utf8).map(Glob.lower)
    }

    public var description: String { pattern }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }

    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches(bytes: $0) }
    }

    public func matches(bytes text: UnsafeBufferPointer<UInt8>) -> Bool {
        let p = bytes
        var pi = 0
        var ti = 0
        // Two backtrack points: after the last `*` (which cannot cross '/') and after the
        // last `**` (which can). A `*` that reaches a '/' gives way to the `**` before it.
        var starP = -1
        var starT = 0
        var globP = -1
        var globT = 0
        while ti < text.count {
            let t = Glob.lower(text[ti])
            if pi < p.count {
                let c = p[pi]
                if c == UInt8(ascii: "*") {
                    if pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*") {
                        pi += 2
                        globP = pi
                        globT = ti
                        starP = -1
                    } else {
                        pi += 1
                        starP = pi
                        starT = ti
                    }
                    continue
                }
                if c == UInt8(ascii: "?") && t != UInt8(ascii: "/") || c == t {
                    pi += 1
                    ti += 1
                    continue
                }
            }
            // Mismatch: let the last star swallow one more character, if it may.
            if starP >= 0 && Glob.lower(text[starT]) != UInt8(ascii: "/") {
                starT += 1
                ti = starT
                pi = starP
                continue
            }
            if globP >= 0 {
                starP = -1
                globT += 1
                ti = globT
                pi = globP
                continue
            }
            return false
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
