/// Why and where a document is not strict RFC 8259 JSON.
///
/// The error is a small value: the reason, the byte offset, and the 1-based line and
/// column (in bytes, not characters) of the first byte the parser could not accept.
/// The text is built only in `description`, as `line:column: message`, so that a
/// caller can prefix a file name and get `trace.json:3:14: unexpected character '}'`.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the grammar or a limit rejected. The set is the RFC's grammar plus
    /// `JSONParser.Limits`, so it is closed on purpose: the daemon turns each case into
    /// a wire code with one exhaustive `switch`.
    public enum Reason: Hashable, Sendable {
        /// The input ended inside a value.
        case unexpectedEnd
        /// A byte that cannot appear here; `expected` says what could.
        case unexpectedCharacter(UInt8)
        /// A number that breaks the grammar: `01`, `1.`, `-`, `1e`, `-Infinity`.
        case invalidNumber
        /// A well-formed number whose magnitude rounds to infinity as a `Double`.
        case numberOutOfRange
        /// A backslash followed by something other than `"\/bfnrtu`.
        case invalidEscape
        /// `\u` not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape of a UTF-16 surrogate without its other half.
        case unpairedSurrogate
        /// A raw byte below 0x20 inside a string; JSON requires it escaped.
        case controlCharacterInString
        /// Bytes in a string that are not well-formed UTF-8 (Unicode table 3-7):
        /// overlong forms, encoded surrogates, code points past U+10FFFF, truncations.
        case invalidUTF8
        /// Containers nested deeper than the limit.
        case tooDeep(limit: Int)
        /// A second member of the same name in one object.
        case duplicateKey(String)
        /// Anything but whitespace after the document's value.
        case trailingContent
        /// No value at all: zero bytes, or only whitespace.
        case emptyInput
        /// The document is longer than the limit, in bytes.
        case tooLong(limit: Int)
    }

    /// What the parser would have accepted at `offset`, for the message's "(expected ...)".
    public enum Expectation: Hashable, Sendable, CustomStringConvertible {
        case value
        case memberName
        case colon
        case commaOrArrayEnd
        case commaOrObjectEnd
        case digit
        /// After a leading `0` only a fraction, an exponent or the end of the number may come.
        case fractionExponentOrEnd
        case hexDigit
        case closingQuote
        case literal(String)

        public var description: String {
            switch self {
            case .value: "a value"
            case .memberName: "a member name"
            case .colon: "':'"
            case .commaOrArrayEnd: "',' or ']'"
            case .commaOrObjectEnd: "',' or '}'"
            case .digit: "a digit"
            case .fractionExponentOrEnd: "'.', 'e' or the end of the number"
            case .hexDigit: "a hexadecimal digit"
            case .closingQuote: "'\"'"
            case .literal(let word): "'\(word)'"
            }
        }
    }

    public var reason: Reason
    /// Byte offset from the start of the input; equal to the input's length when the
    /// input ended too early.
    public var offset: Int
    /// 1-based line: one more than the number of `\n` bytes before `offset`.
    public var line: Int
    /// 1-based column in bytes from the start of the line.
    public var column: Int
    public var expected: Expectation?

    public init(reason: Reason, offset: Int, line: Int, column: Int, expected: Expectation? = nil) {
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column
        self.expected = expected
    }

    public var description: String {
        "\(line):\(column): \(message)"
    }

    /// The description without the position.
    public var message: String {
        var text: String
        switch reason {
        case .unexpectedEnd: text = "unexpected end of input"
        case .unexpectedCharacter(let byte): text = "unexpected \(Self.describe(byte))"
        case .invalidNumber: text = "invalid number"
        case .numberOutOfRange: text = "number out of range of a double"
        case .invalidEscape: text = "invalid escape sequence"
        case .invalidUnicodeEscape: text = "invalid \\u escape"
        case .unpairedSurrogate: text = "unpaired UTF-16 surrogate in \\u escape"
        case .controlCharacterInString: text = "unescaped control character in string"
        case .invalidUTF8: text = "invalid UTF-8 in string"
        case .tooDeep(let limit): text = "nesting deeper than \(limit) levels"
        case .duplicateKey(let key): text = "duplicate key \(JSONValue.string(key).serialized())"
        case .trailingContent: text = "unexpected content after the document"
        case .emptyInput: text = "empty input"
        case .tooLong(let limit): text = "document longer than \(limit) bytes"
        }
        if let expected { text += " (expected \(expected))" }
        return text
    }

    /// `character '}'` for printable ASCII, `byte 0xC3` for anything else.
    static func describe(_ byte: UInt8) -> String {
        if byte > 0x20 && byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }
}

extension JSONParseError {
    /// An error at `offset` in `bytes`, with its line and column counted there.
    init(_ reason: Reason, at offset: Int, in bytes: UnsafeRawBufferPointer, expected: Expectation? = nil) {
        let (line, column) = Self.lineAndColumn(of: offset, in: bytes)
        self.init(reason: reason, offset: offset, line: line, column: column, expected: expected)
    }

    /// The 1-based line and byte column of `offset`: a second pass over the bytes
    /// before it, which only error paths pay for.
    static func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, offset - lineStart + 1)
    }
}
