/// Serialization: `JSONValue` to RFC 8259 text.
///
/// Output is deterministic. Members are written in stored order, strings escape only
/// what the RFC requires (`"`, `\` and control characters; `/` and non-ASCII are
/// written as they are, as UTF-8), and integral numbers within ±2^53 are written
/// without a fraction (`3`, not `3.0`). Other numbers use Swift's shortest
/// representation that reads back to the same `Double`. JSON has no NaN or Infinity,
/// so a non-finite number, which the parser never produces but code may, is written
/// as `null`.
extension JSONValue {
    /// The value as JSON text: compact by default; with `pretty`, one element or member
    /// per line, indented by two spaces, with `": "` after keys. Empty containers stay
    /// `[]` and `{}` either way. There is no trailing newline.
    public func serialized(pretty: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        write(into: &bytes, pretty: pretty)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the compact serialization to `bytes`, for callers that reuse a buffer.
    public func write(into bytes: inout [UInt8]) {
        write(into: &bytes, pretty: false)
    }

    /// Appends the serialization to `bytes`, compact or pretty.
    public func write(into bytes: inout [UInt8], pretty: Bool) {
        write(into: &bytes, pretty: pretty, indent: 0)
    }

    // Recursive: depth is the value's depth, which the parser bounds by
    // `Limits.maximumDepth`.
    private func write(into bytes: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .bool(let flag):
            bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            Self.appendNumber(number, to: &bytes)
        case .string(let text):
            Self.appendEscaped(text, to: &bytes)
        case .array(let elements):
            guard !elements.isEmpty else {
                bytes.append(contentsOf: "[]".utf8)
                return
            }
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if pretty { Self.appendNewline(indent: indent + 1, to: &bytes) }
                element.write(into: &bytes, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.appendNewline(indent: indent, to: &bytes) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else {
                bytes.append(contentsOf: "{}".utf8)
                return
            }
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if pretty { Self.appendNewline(indent: indent + 1, to: &bytes) }
                Self.appendEscaped(member.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                if pretty { bytes.append(UInt8(ascii: " ")) }
                member.value.write(into: &bytes, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.appendNewline(indent: indent, to: &bytes) }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func appendNewline(indent: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// Appends `text` as a JSON string literal, quotes included, without building a
    /// `JSONValue`: the daemon builds replies with it.
    ///
    /// Runs of bytes that need no escape are copied at once. `"` and `\` are escaped,
    /// control characters get their short escape (`\n`, `\t`, ...) or `\u00XX`.
    public static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            appendEscaped(utf8: utf8, to: &bytes)
        }
        if done == nil {
            Array(text.utf8).withUnsafeBufferPointer { appendEscaped(utf8: $0, to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                // Below 0x20, so the high nibble is 0 or 1 and only the low one can be a letter.
                let low = byte & 0xF
                bytes.append(contentsOf: "u00".utf8)
                bytes.append(UInt8(ascii: "0") + byte >> 4)
                bytes.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    /// Appends a number: integral values within ±2^53 as integers (negative zero as
    /// `-0`), other finite values in Swift's shortest round-trip form, which is valid
    /// JSON (`0.1`, `1e-05`, `1.5e+300`), and non-finite values as `null`.
    public static func appendNumber(_ number: Double, to bytes: inout [UInt8]) {
        guard number.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        guard number.rounded(.towardZero) == number, number.magnitude <= 9_007_199_254_740_992 else {
            bytes.append(contentsOf: number.description.utf8)
            return
        }
        if number.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        // Digits least significant first, then reversed in place: no String on this path.
        var magnitude = UInt64(number.magnitude)
        let firstDigit = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[firstDigit...].reverse()
    }
}
