import Testing

@testable import JSON

@Suite("JSONParseError")
struct JSONParseErrorTests {
    @Test(
        "descriptions read line:column: message (expected ...)",
        arguments: [
            ("{\n  \"a\": [1, 2,],\n}", "2:14: unexpected character ']' (expected a value)"),
            (#"{"tool": "a", "tool": "b"}"#, #"1:15: duplicate key "tool""#),
            (#"{"a\"b": 1, "a\"b": 2}"#, #"1:13: duplicate key "a\"b""#),
            (String(repeating: "[", count: 100_000), "1:513: nesting deeper than 512 levels"),
            ("", "1:1: empty input"),
            ("\n\n", "3:1: empty input"),
            ("1e999", "1:1: number out of range of a double"),
            ("[1, 2] 3", "1:8: unexpected content after the document"),
            ("[\"a\tb\"]", "1:4: unescaped control character in string"),
            ("[1", "1:3: unexpected end of input (expected ',' or ']')"),
            ("{\"a\" }", "1:6: unexpected character '}' (expected ':')"),
            (#"{"a":1 "b"}"#, #"1:8: unexpected character '"' (expected ',' or '}')"#),
            ("01", "1:2: invalid number (expected '.', 'e' or the end of the number)"),
            ("-x", "1:2: invalid number (expected a digit)"),
            ("nul", "1:4: unexpected end of input (expected 'null')"),
            (#""\q""#, "1:2: invalid escape sequence"),
            (#""\u00zz""#, "1:6: invalid \\u escape (expected a hexadecimal digit)"),
            ("\n  \"\\ud800\"", "2:4: unpaired UTF-16 surrogate in \\u escape"),
            ("\"abc", "1:5: unexpected end of input (expected '\"')"),
            ("\r\n\t\u{1}", "2:2: unexpected byte 0x01 (expected a value)"),
        ])
    func descriptions(text: String, description: String) throws {
        let error = try #require(parseFailure(text))
        #expect(error.description == description)
    }

    @Test("non-text bytes are described in hexadecimal")
    func byteDescriptions() throws {
        #expect(try #require(parseFailure([0xC0, 0xAF])).description == "1:1: unexpected byte 0xC0 (expected a value)")
        #expect(try #require(parseFailure([0x22, 0xC0, 0xAF, 0x22])).description == "1:2: invalid UTF-8 in string")
        #expect(try #require(parseFailure("[\u{7f}]")).description == "1:2: unexpected byte 0x7F (expected a value)")
        #expect(try #require(parseFailure("[ ]]")).description == "1:4: unexpected content after the document")
    }

    @Test("limits are named in the message")
    func limitDescriptions() throws {
        let error = try #require(parseFailure("[1, 2]", limits: .init(maximumLength: 3)))
        #expect(error.description == "1:4: document longer than 3 bytes")
    }

    @Test("columns count bytes, not characters")
    func columnsCountBytes() throws {
        // "é" is two bytes, "😀" four: the 'x' is the 11th byte of the line.
        let error = try #require(parseFailure("[\"é😀\" x]"))
        #expect(error.column == 11)
        #expect(error.message == "unexpected character 'x' (expected ',' or ']')")
    }
}
