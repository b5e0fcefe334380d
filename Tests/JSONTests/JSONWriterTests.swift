import Testing

@testable import JSON

@Suite("JSONWriter")
struct JSONWriterTests {
    static let document: JSONValue = [
        "name": "drift",
        "version": 3,
        "ratio": 0.25,
        "tags": ["a", "b"],
        "empty": [:],
        "none": [],
        "nested": ["ok": true, "off": false, "nothing": nil],
    ]

    @Test("compact output has no whitespace and keeps member order")
    func compactDocument() {
        #expect(
            Self.document.serialized()
                == #"{"name":"drift","version":3,"ratio":0.25,"tags":["a","b"],"empty":{},"none":[],"nested":{"ok":true,"off":false,"nothing":null}}"#
        )
    }

    @Test("pretty output indents by two spaces and keeps empty containers on one line")
    func prettyDocument() {
        let expected = """
            {
              "name": "drift",
              "version": 3,
              "ratio": 0.25,
              "tags": [
                "a",
                "b"
              ],
              "empty": {},
              "none": [],
              "nested": {
                "ok": true,
                "off": false,
                "nothing": null
              }
            }
            """
        #expect(Self.document.serialized(pretty: true) == expected)
    }

    @Test("a scalar at the top level is written alone, pretty or not")
    func topLevelScalars() {
        #expect(JSONValue.null.serialized(pretty: true) == "null")
        #expect(JSONValue.string("x").serialized() == #""x""#)
        #expect(JSONValue.array([[]]).serialized(pretty: true) == "[\n  []\n]")
    }

    @Test(
        "numbers: integers without a fraction, others in shortest round-trip form",
        arguments: [
            (3.0, "3"), (-3.0, "-3"), (0.0, "0"), (-0.0, "-0"), (0.1, "0.1"), (-2.5, "-2.5"),
            (1e-5, "1e-05"), (1.5e300, "1.5e+300"), (9_007_199_254_740_992.0, "9007199254740992"),
            (-9_007_199_254_740_992.0, "-9007199254740992"), (1e16, "1e+16"),
            (18_014_398_509_481_984.0, "1.8014398509481984e+16"), (123_456_789_012.0, "123456789012"),
            (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"), (Double.leastNonzeroMagnitude, "5e-324"),
        ])
    func numbers(value: Double, text: String) {
        #expect(JSONValue.number(value).serialized() == text)
    }

    @Test("non-finite numbers are written as null", arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumbers(value: Double) {
        #expect(JSONValue.number(value).serialized() == "null")
        #expect(JSONValue.array([.number(value)]).serialized() == "[null]")
    }

    @Test(
        "strings escape quote, backslash and control characters, and nothing else",
        arguments: [
            ("plain", #""plain""#),
            ("say \"hi\"", #""say \"hi\"""#),
            ("back\\slash", #""back\\slash""#),
            ("a/b", #""a/b""#),
            ("\u{8}\u{c}\n\r\t", #""\b\f\n\r\t""#),
            ("\u{0}\u{1}\u{1f}", #""\u0000\u0001\u001f""#),
            ("\u{7f}", "\"\u{7f}\""),
            ("café 😀 \u{2028}", "\"café 😀 \u{2028}\""),
            ("", #""""#),
        ])
    func strings(text: String, expected: String) {
        #expect(JSONValue.string(text).serialized() == expected)
        var bytes: [UInt8] = Array("x=".utf8)
        JSONValue.appendEscaped(text, to: &bytes)
        #expect(bytes == Array(("x=" + expected).utf8))
    }

    @Test("keys are escaped like strings")
    func keysAreEscaped() {
        let value: JSONValue = ["a\"b\n": 1]
        #expect(value.serialized() == #"{"a\"b\n":1}"#)
    }

    @Test("write(into:) appends to what is already in the buffer")
    func writeAppends() {
        var bytes = Array("reply ".utf8)
        JSONValue.array([1, "two"]).write(into: &bytes)
        JSONValue.bool(true).write(into: &bytes, pretty: true)
        #expect(String(decoding: bytes, as: UTF8.self) == #"reply [1,"two"]true"#)
    }
}
