/// The lexical half of the parser: whitespace, strings, numbers and literals, read
/// straight from UTF-8 bytes in one forward pass.
///
/// The scanner borrows `bytes`; the caller keeps them alive and unchanged while it
/// runs. Every failure throws a `JSONParseError` positioned at the first byte that
/// could not be accepted. Containers are the caller's business (`JSONParser` builds
/// them, `JSONLocator` walks them).
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    /// Reused for strings with escapes, so a document needs one buffer, not one per string.
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position >= bytes.count }

    func error(_ reason: JSONParseError.Reason, at offset: Int, expected: JSONParseError.Expectation? = nil)
        -> JSONParseError
    {
        JSONParseError(reason, at: offset, in: bytes, expected: expected)
    }

    /// Skips the four whitespace bytes of RFC 8259 section 2 (space, tab, LF, CR) and
    /// nothing else: no BOM, no form feed, no comments.
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next byte, or an `unexpectedEnd` error naming what was `expected` there.
    func peek(expecting expected: JSONParseError.Expectation) throws(JSONParseError) -> UInt8 {
        guard position < bytes.count else { throw error(.unexpectedEnd, at: position, expected: expected) }
        return bytes[position]
    }

    // MARK: Literals

    /// Reads `true`, `false` or `null`, whose first byte is at `position`.
    mutating func scanLiteral(_ word: StaticString) throws(JSONParseError) {
        let text = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expectedByte in text {
            guard position < bytes.count else {
                throw error(.unexpectedEnd, at: position, expected: .literal(word.description))
            }
            guard bytes[position] == expectedByte else {
                throw error(
                    .unexpectedCharacter(bytes[position]), at: position, expected: .literal(word.description))
            }
            position += 1
        }
    }

    // MARK: Numbers

    /// Reads a number whose first byte (`-` or a digit) is at `position`.
    ///
    /// The grammar is checked while the digits are gathered. Up to 19 digits with a
    /// mantissa of at most 2^53 and a decimal exponent within ±22 are converted exactly
    /// (both operands are exact doubles, so one IEEE multiply or divide rounds correctly:
    /// Clinger, "How to read floating point numbers accurately", 1990). Everything else
    /// goes to the standard library's correctly rounded `Double(_: Substring)`, never to
    /// Foundation.
    mutating func scanNumber() throws(JSONParseError) -> Double {
        let start = position
        let end = bytes.count
        var negative = false
        if bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var mantissa: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0

        guard position < end, Self.isDigit(bytes[position]) else {
            throw error(.invalidNumber, at: position, expected: .digit)
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < end, Self.isDigit(bytes[position]) {
                throw error(.invalidNumber, at: position, expected: .fractionExponentOrEnd)
            }
        } else {
            while position < end, Self.isDigit(bytes[position]) {
                if digitCount < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[position] &- 0x30) }
                digitCount += 1
                position += 1
            }
        }
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < end, Self.isDigit(bytes[position]) else {
                throw error(.invalidNumber, at: position, expected: .digit)
            }
            while position < end, Self.isDigit(bytes[position]) {
                if digitCount < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[position] &- 0x30) }
                // Leading zeros of a fraction ("0.000001") do not use up mantissa digits.
                if mantissa != 0 { digitCount += 1 }
                fractionDigits += 1
                position += 1
            }
        }
        var exponent = 0
        var exponentIsSmall = true
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < end, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < end, Self.isDigit(bytes[position]) else {
                throw error(.invalidNumber, at: position, expected: .digit)
            }
            while position < end, Self.isDigit(bytes[position]) {
                if exponent < 10_000 {
                    exponent = exponent * 10 + Int(bytes[position] &- 0x30)
                } else {
                    exponentIsSmall = false
                }
                position += 1
            }
            if exponentNegative { exponent = -exponent }
        }

        let decimalExponent = exponent - fractionDigits
        if exponentIsSmall, digitCount <= 19, mantissa <= 1 << 53, (-22...22).contains(decimalExponent) {
            var value = Double(mantissa)
            if decimalExponent < 0 {
                value /= Self.powersOfTen[-decimalExponent]
            } else {
                value *= Self.powersOfTen[decimalExponent]
            }
            return negative ? -value : value
        }
        // Short enough to be a small (inline) string in all but pathological documents.
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error(.numberOutOfRange, at: start)
        }
        return value
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    // MARK: Strings

    /// Reads a string whose opening quote is at `position`, leaving `position` after the
    /// closing quote.
    ///
    /// A run of plain bytes becomes a `String` in one step, straight from the input;
    /// only strings with escapes are assembled, in the reused scratch buffer. UTF-8 is
    /// validated here, because `String(decoding:)` would silently repair it.
    mutating func scanString() throws(JSONParseError) -> String {
        position += 1
        let runStart = position
        try scanPlainRun()
        if bytes[position] == UInt8(ascii: "\"") {
            let run = UnsafeRawBufferPointer(rebasing: bytes[runStart..<position])
            position += 1
            return String(decoding: run, as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[runStart..<position])
        while true {
            // At a backslash: the only other way scanPlainRun stops without throwing.
            try appendEscape()
            let nextRun = position
            try scanPlainRun()
            scratch.append(contentsOf: bytes[nextRun..<position])
            if bytes[position] == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
        }
    }

    /// Skips a string whose opening quote is at `position` without building it.
    mutating func skipString() throws(JSONParseError) {
        position += 1
        while true {
            try scanPlainRun()
            if bytes[position] == UInt8(ascii: "\"") {
                position += 1
                return
            }
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "u") {
                position += 1
                for _ in 0..<4 where position < bytes.count { position += 1 }
            } else {
                position += 1
            }
        }
    }

    /// Advances over bytes that stand for themselves, stopping at `"` or `\`.
    /// Throws at a control character, ill-formed UTF-8, or the end of the input.
    private mutating func scanPlainRun() throws(JSONParseError) {
        let end = bytes.count
        while position < end {
            let byte = bytes[position]
            if byte < 0x80 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return }
                if byte < 0x20 { throw error(.controlCharacterInString, at: position) }
                position += 1
            } else {
                guard let length = Self.wellFormedSequenceLength(in: bytes, at: position) else {
                    throw error(.invalidUTF8, at: position)
                }
                position += length
            }
        }
        throw error(.unexpectedEnd, at: position, expected: .closingQuote)
    }

    /// The length of the well-formed multi-byte UTF-8 sequence starting at `offset`,
    /// or nil. The ranges are those of Unicode table 3-7, which excludes overlong forms
    /// (C0, C1, E0 80–9F, F0 80–8F), surrogates (ED A0–BF) and code points past
    /// U+10FFFF (F4 90–BF, F5–FF).
    static func wellFormedSequenceLength(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Int? {
        let lead = bytes[offset]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard offset + length <= bytes.count, secondRange.contains(bytes[offset + 1]) else { return nil }
        var index = offset + 2
        while index < offset + length {
            guard bytes[index] & 0xC0 == 0x80 else { return nil }
            index += 1
        }
        return length
    }

    /// Decodes the escape at `position` (a backslash) into `scratch`.
    private mutating func appendEscape() throws(JSONParseError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else {
            throw error(.unexpectedEnd, at: position, expected: .closingQuote)
        }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try scanHexQuad()
            var scalar: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate must be followed at once by an escaped low surrogate.
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error(.unpairedSurrogate, at: escapeStart) }
                position += 2
                let low = try scanHexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw error(.unpairedSurrogate, at: escapeStart) }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            case 0xDC00...0xDFFF:
                throw error(.unpairedSurrogate, at: escapeStart)
            default:
                scalar = UInt32(unit)
            }
            appendUTF8(scalar)
        default:
            throw error(.invalidEscape, at: escapeStart)
        }
    }

    private mutating func scanHexQuad() throws(JSONParseError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count else {
                throw error(.unexpectedEnd, at: position, expected: .hexDigit)
            }
            let byte = bytes[position]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidUnicodeEscape, at: position, expected: .hexDigit)
            }
            unit = unit << 4 | UInt16(nibble)
            position += 1
        }
        return unit
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
