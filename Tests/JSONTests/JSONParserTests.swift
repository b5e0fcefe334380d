import Testing

@testable import JSON

/// Parses `bytes`, expects a failure, and returns it.
func parseFailure(
    _ bytes: [UInt8], limits: JSONParser.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation
) -> JSONParseError? {
    #expect(throws: JSONParseError.self, sourceLocation: sourceLocation) {
        try JSONParser.parse(bytes, limits: limits)
    }
}

func parseFailure(
    _ text: String, limits: JSONParser.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation
) -> JSONParseError? {
    parseFailure(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}

@Suite("JSONParser")
struct JSONParserTests {
    @Test("every kind of value parses at the top level and inside containers")
    func valueKinds() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse(" false ") == .bool(false))
        #expect(try JSONParser.parse("-12.5") == .number(-12.5))
        #expect(try JSONParser.parse(#""hi""#) == .string("hi"))
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object(JSONObject()))
        #expect(try JSONParser.parse("[ ]") == .array([]))
        #expect(try JSONParser.parse("{ \n }") == .object(JSONObject()))
        let document = """
            {"steps": [{"tool": "read", "args": {"path": "/etc/hosts"}, "ok": true},
                       {"tool": "send_email", "args": {}, "ok": false, "cost": null}],
             "nested": [[1, [2, [3]]], {}, []]}
            """
        let expected: JSONValue = [
            "steps": [
                ["tool": "read", "args": ["path": "/etc/hosts"], "ok": true],
                ["tool": "send_email", "args": [:], "ok": false, "cost": nil],
            ],
            "nested": [[1, [2, [3]]], [:], []],
        ]
        #expect(try JSONParser.parse(document) == expected)
    }

    @Test("members keep their source order")
    func memberOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test("all four whitespace bytes are accepted between tokens")
    func whitespace() throws {
        #expect(try JSONParser.parse(" \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \"a\" \n: \r2 } ] \n") == [1, ["a": 2]])
    }

    @Test("the byte-buffer, array, string and generic overloads agree")
    func overloads() throws {
        let text = #"{"a": [1, "é"]}"#
        let bytes = Array(text.utf8)
        let expected: JSONValue = ["a": [1, "é"]]
        #expect(try JSONParser.parse(text) == expected)
        #expect(try JSONParser.parse(bytes) == expected)
        #expect(try JSONParser.parse(bytes[...]) == expected)
        #expect(try bytes.withUnsafeBytes { try JSONParser.parse($0) } == expected)
        // A collection without contiguous storage is copied first.
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)
    }

    // MARK: Rejections

    struct Rejection: Sendable, CustomTestStringConvertible {
        var input: [UInt8]
        var reason: JSONParseError.Reason
        var expected: JSONParseError.Expectation?
        var line: Int
        var column: Int

        init(
            _ text: String, _ reason: JSONParseError.Reason, _ expected: JSONParseError.Expectation? = nil,
            at line: Int, _ column: Int
        ) {
            self.init(Array(text.utf8), reason, expected, at: line, column)
        }

        init(
            _ bytes: [UInt8], _ reason: JSONParseError.Reason, _ expected: JSONParseError.Expectation? = nil,
            at line: Int, _ column: Int
        ) {
            self.input = bytes
            self.reason = reason
            self.expected = expected
            self.line = line
            self.column = column
        }

        var testDescription: String { String(decoding: input, as: UTF8.self).debugDescription }
    }

    static let rejections: [Rejection] = [
        // Not JSON numbers.
        Rejection("NaN", .unexpectedCharacter(UInt8(ascii: "N")), .value, at: 1, 1),
        Rejection("Infinity", .unexpectedCharacter(UInt8(ascii: "I")), .value, at: 1, 1),
        Rejection("-Infinity", .invalidNumber, .digit, at: 1, 2),
        Rejection("[NaN]", .unexpectedCharacter(UInt8(ascii: "N")), .value, at: 1, 2),
        Rejection("01", .invalidNumber, .fractionExponentOrEnd, at: 1, 2),
        Rejection("-012", .invalidNumber, .fractionExponentOrEnd, at: 1, 3),
        Rejection("1.", .invalidNumber, .digit, at: 1, 3),
        Rejection("1.e5", .invalidNumber, .digit, at: 1, 3),
        Rejection(".5", .unexpectedCharacter(UInt8(ascii: ".")), .value, at: 1, 1),
        Rejection("+1", .unexpectedCharacter(UInt8(ascii: "+")), .value, at: 1, 1),
        Rejection("-", .invalidNumber, .digit, at: 1, 2),
        Rejection("1e", .invalidNumber, .digit, at: 1, 3),
        Rejection("1e+", .invalidNumber, .digit, at: 1, 4),
        Rejection("0x10", .trailingContent, at: 1, 2),
        Rejection("1e999", .numberOutOfRange, at: 1, 1),
        Rejection("[-1e999]", .numberOutOfRange, at: 1, 2),
        Rejection("[1" + String(repeating: "0", count: 309) + "]", .numberOutOfRange, at: 1, 2),
        // Literals.
        Rejection("tru", .unexpectedEnd, .literal("true"), at: 1, 4),
        Rejection("trUe", .unexpectedCharacter(UInt8(ascii: "U")), .literal("true"), at: 1, 3),
        Rejection("[nul]", .unexpectedCharacter(UInt8(ascii: "]")), .literal("null"), at: 1, 5),
        Rejection("True", .unexpectedCharacter(UInt8(ascii: "T")), .value, at: 1, 1),
        Rejection("truex", .trailingContent, at: 1, 5),
        // Structure.
        Rejection("[1,]", .unexpectedCharacter(UInt8(ascii: "]")), .value, at: 1, 4),
        Rejection(#"{"a":1,}"#, .unexpectedCharacter(UInt8(ascii: "}")), .memberName, at: 1, 8),
        Rejection("[,1]", .unexpectedCharacter(UInt8(ascii: ",")), .value, at: 1, 2),
        Rejection("[1 2]", .unexpectedCharacter(UInt8(ascii: "2")), .commaOrArrayEnd, at: 1, 4),
        Rejection("[1}", .unexpectedCharacter(UInt8(ascii: "}")), .commaOrArrayEnd, at: 1, 3),
        Rejection(#"{"a":1]"#, .unexpectedCharacter(UInt8(ascii: "]")), .commaOrObjectEnd, at: 1, 7),
        Rejection(#"{"a":1 "b":2}"#, .unexpectedCharacter(UInt8(ascii: "\"")), .commaOrObjectEnd, at: 1, 8),
        Rejection(#"{"a" 1}"#, .unexpectedCharacter(UInt8(ascii: "1")), .colon, at: 1, 6),
        Rejection("{a:1}", .unexpectedCharacter(UInt8(ascii: "a")), .memberName, at: 1, 2),
        Rejection("{1:1}", .unexpectedCharacter(UInt8(ascii: "1")), .memberName, at: 1, 2),
        Rejection("[", .unexpectedEnd, .value, at: 1, 2),
        Rejection("[1", .unexpectedEnd, .commaOrArrayEnd, at: 1, 3),
        Rejection("{", .unexpectedEnd, .memberName, at: 1, 2),
        Rejection(#"{"a""#, .unexpectedEnd, .colon, at: 1, 5),
        Rejection(#"{"a":"#, .unexpectedEnd, .value, at: 1, 6),
        Rejection(#"{"a":1"#, .unexpectedEnd, .commaOrObjectEnd, at: 1, 7),
        Rejection("]", .unexpectedCharacter(UInt8(ascii: "]")), .value, at: 1, 1),
        Rejection("/* comment */ 1", .unexpectedCharacter(UInt8(ascii: "/")), .value, at: 1, 1),
        Rejection("[1,\n  2,\n  x]", .unexpectedCharacter(UInt8(ascii: "x")), .value, at: 3, 3),
        Rejection("\u{FEFF}1", .unexpectedCharacter(0xEF), .value, at: 1, 1),
        Rejection("\u{0C}1", .unexpectedCharacter(0x0C), .value, at: 1, 1),
        // Trailing content and empty input.
        Rejection("1 2", .trailingContent, at: 1, 3),
        Rejection("{} x", .trailingContent, at: 1, 4),
        Rejection("[1]\n]", .trailingContent, at: 2, 1),
        Rejection("", .emptyInput, at: 1, 1),
        Rejection("  \n ", .emptyInput, at: 2, 2),
        // Strings.
        Rejection(#""abc"#, .unexpectedEnd, .closingQuote, at: 1, 5),
        Rejection(#""abc\"#, .unexpectedEnd, .closingQuote, at: 1, 6),
        Rejection("\"a\tb\"", .controlCharacterInString, at: 1, 3),
        Rejection("[\"line\nbreak\"]", .controlCharacterInString, at: 1, 7),
        Rejection("\"\u{0}\"", .controlCharacterInString, at: 1, 2),
        Rejection(#""\x""#, .invalidEscape, at: 1, 2),
        Rejection(#""ok\'""#, .invalidEscape, at: 1, 4),
        Rejection(#""\U00e9""#, .invalidEscape, at: 1, 2),
        Rejection(#""\u12G4""#, .invalidUnicodeEscape, .hexDigit, at: 1, 6),
        Rejection(#""\u12"#, .unexpectedEnd, .hexDigit, at: 1, 6),
        Rejection(#""\ud800""#, .unpairedSurrogate, at: 1, 2),
        Rejection(#""\udc00""#, .unpairedSurrogate, at: 1, 2),
        Rejection(#""ab\ud83dx""#, .unpairedSurrogate, at: 1, 4),
        Rejection(#""\ud83d\u0041""#, .unpairedSurrogate, at: 1, 2),
        Rejection(#""\ud83d\ud83d""#, .unpairedSurrogate, at: 1, 2),
        Rejection(#""\ude00\ud83d""#, .unpairedSurrogate, at: 1, 2),
        // UTF-8, by Unicode table 3-7.
        Rejection([0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, at: 1, 2),  // overlong '/'
        Rejection([0x22, 0xC1, 0xBF, 0x22], .invalidUTF8, at: 1, 2),  // overlong
        Rejection([0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, at: 1, 2),  // overlong, 3 bytes
        Rejection([0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], .invalidUTF8, at: 1, 2),  // overlong, 4 bytes
        Rejection([0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: 1, 2),  // U+D800 encoded
        Rejection([0x22, 0xED, 0xBF, 0xBF, 0x22], .invalidUTF8, at: 1, 2),  // U+DFFF encoded
        Rejection([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: 1, 2),  // past U+10FFFF
        Rejection([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, at: 1, 2),
        Rejection([0x22, 0xFF, 0x22], .invalidUTF8, at: 1, 2),
        Rejection([0x22, 0x61, 0x80, 0x22], .invalidUTF8, at: 1, 3),  // lone continuation byte
        Rejection([0x22, 0xE2, 0x82, 0x22], .invalidUTF8, at: 1, 2),  // truncated before the quote
        Rejection([0x22, 0xE2, 0x82], .invalidUTF8, at: 1, 2),  // truncated by the end of input
        Rejection([0x22, 0xC3, 0x22], .invalidUTF8, at: 1, 2),
        Rejection([0x22, 0xC3, 0xA9, 0xE2, 0x82, 0x41, 0x22], .invalidUTF8, at: 1, 4),
        Rejection([0xC0, 0xAF], .unexpectedCharacter(0xC0), .value, at: 1, 1),  // outside a string
        // Duplicate keys, at the second occurrence.
        Rejection(#"{"a":1,"a":2}"#, .duplicateKey("a"), at: 1, 8),
        Rejection("{\"a\":1,\n \"b\":{\"a\":1},\n \"\\u0061\":2}", .duplicateKey("a"), at: 3, 2),
        Rejection(
            "{" + (0..<40).map { "\"k\($0)\":\($0)," }.joined() + "\"k17\":0}", .duplicateKey("k17"), at: 1, 342),
    ]

    @Test("invalid documents fail with the exact reason, expectation and position", arguments: rejections)
    func rejection(_ rejection: Rejection) throws {
        let error = try #require(parseFailure(rejection.input))
        #expect(error.reason == rejection.reason)
        #expect(error.expected == rejection.expected)
        #expect(error.line == rejection.line)
        #expect(error.column == rejection.column)
    }

    // MARK: Limits

    @Test("100,000 opening brackets fail with tooDeep instead of overflowing the stack")
    func deepArrays() throws {
        let error = try #require(parseFailure(String(repeating: "[", count: 100_000)))
        #expect(error == JSONParseError(reason: .tooDeep(limit: 512), offset: 512, line: 1, column: 513))
    }

    @Test("100,000 nested objects fail with tooDeep")
    func deepObjects() throws {
        let error = try #require(parseFailure(String(repeating: #"{"a":"#, count: 100_000)))
        #expect(error.reason == .tooDeep(limit: 512))
        #expect(error.offset == 512 * 5)
    }

    @Test("nesting exactly at the limit parses; one more level does not")
    func depthBoundary() throws {
        let limits = JSONParser.Limits(maximumDepth: 3)
        #expect(try JSONParser.parse("[[{\"a\":1}]]", limits: limits) == [[["a": 1]]])
        #expect(try JSONParser.parse("[[[]]]", limits: limits) == [[[]]])
        #expect(parseFailure("[[[[]]]]", limits: limits)?.reason == .tooDeep(limit: 3))
        #expect(parseFailure("[[{\"a\":{}}]]", limits: limits)?.column == 8)
        #expect(try JSONParser.parse("1", limits: .init(maximumDepth: 0)) == 1)
        #expect(parseFailure("[]", limits: .init(maximumDepth: 0))?.reason == .tooDeep(limit: 0))
    }

    @Test("a deep document within a raised limit parses")
    func raisedDepthLimit() throws {
        let depth = 2_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(text, limits: .init(maximumDepth: depth))
        var levels = 0
        while case .array(let elements) = value, let first = elements.first {
            value = first
            levels += 1
        }
        #expect(levels == depth - 1)
    }

    @Test("a document longer than maximumLength fails before it is scanned")
    func maximumLength() throws {
        let limits = JSONParser.Limits(maximumLength: 4)
        #expect(try JSONParser.parse("1234", limits: limits) == 1234)
        let error = try #require(parseFailure("12345", limits: limits))
        #expect(error == JSONParseError(reason: .tooLong(limit: 4), offset: 4, line: 1, column: 5))
        #expect(parseFailure("[\"\u{1}\"]", limits: limits)?.reason == .tooLong(limit: 4))
    }

    @Test("with rejectDuplicateKeys off, every member is kept and lookup finds the first")
    func duplicateKeysKept() throws {
        let value = try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#, limits: .init(rejectDuplicateKeys: false))
        #expect(value.objectValue?.keys == ["a", "b", "a"])
        #expect(value["a"] == 1)
    }

    @Test("the same key in different objects is not a duplicate")
    func sameKeyInSiblingObjects() throws {
        let text = #"{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3, "b": {"a": 4}}], "c": {"b": 5}}"#
        #expect(try JSONParser.parse(text)["b"] == [["a": 2], ["a": 3, "b": ["a": 4]]])
        let wide = "{" + (0..<100).map { "\"k\($0)\": {\"k\($0)\": [\($0)]}" }.joined(separator: ",") + "}"
        #expect(try JSONParser.parse(wide).objectValue?.count == 100)
    }
}
