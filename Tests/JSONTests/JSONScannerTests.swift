import Testing

@testable import JSON

@Suite("JSONScanner: numbers and strings")
struct JSONScannerTests {
    static func number(_ text: String) throws -> Double {
        let value = try JSONParser.parse(text)
        return try #require(value.doubleValue)
    }

    @Test(
        "numbers read to the correctly rounded double",
        arguments: [
            ("0", 0.0), ("-0", -0.0), ("1", 1), ("-1", -1), ("123456789", 123_456_789), ("1.5", 1.5),
            ("-1.5e3", -1500), ("1E2", 100), ("1e+2", 100), ("1e-2", 0.01), ("0.1", 0.1), ("0.1e1", 1),
            ("3.141592653589793", 3.141592653589793), ("0.000001", 0.000001), ("1e22", 1e22), ("1e23", 1e23),
            ("9007199254740993", 9_007_199_254_740_992), ("12345678901234567890", 12_345_678_901_234_567_168),
            ("123456789012345678901234567890", 1.2345678901234568e29), ("1e-400", 0),
            ("2.2250738585072014e-308", 2.2250738585072014e-308),
            ("1.7976931348623157e308", .greatestFiniteMagnitude), ("4.9e-324", .leastNonzeroMagnitude),
            ("0e0", 0), ("-0.0e-0", -0.0), ("1e0000000000000000000001", 10),
            ("0." + String(repeating: "0", count: 30) + "1", 1e-31),
        ])
    func numbers(text: String, expected: Double) throws {
        let value = try Self.number(text)
        #expect(value.bitPattern == expected.bitPattern, "\(text) read as \(value)")
    }

    /// A seeded generator of decimal texts in JSON's grammar, biased to the short
    /// mantissas and small exponents that take the exact fast path.
    static func randomNumberTexts(count: Int) -> [String] {
        var random = SplitMix64(seed: 0x5EED)
        return (0..<count).map { _ in
            var text = random.next() % 4 == 0 ? "-" : ""
            let integerDigits = Int(random.next() % 12)
            text += integerDigits == 0 ? "0" : String(1 + random.next() % 9)
            for _ in 0..<max(0, integerDigits - 1) { text += String(random.next() % 10) }
            if random.next() % 2 == 0 {
                text += "."
                for _ in 0...(random.next() % 20) { text += String(random.next() % 10) }
            }
            if random.next() % 3 == 0 {
                text += ["e", "E", "e-", "e+"][Int(random.next() % 4)] + String(random.next() % 40)
            }
            return text
        }
    }

    @Test("random decimals read the same as the standard library's Double(String)")
    func numbersAgainstStandardLibrary() throws {
        for text in Self.randomNumberTexts(count: 5_000) {
            let expected = try #require(Double(text))
            let value = try Self.number(text)
            #expect(value.bitPattern == expected.bitPattern, "\(text) read as \(value), not \(expected)")
        }
    }

    @Test(
        "escapes decode, including surrogate pairs and NUL",
        arguments: [
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
            (#""\u00e9""#, "é"), (#""\u00E9""#, "é"), (#""caf\u00e9!""#, "café!"),
            (#""\ud83d\ude00""#, "😀"), (#""\uD83D\uDE00x""#, "😀x"), (#""\u0000""#, "\u{0}"),
            (#""\u20ac\u2028""#, "€\u{2028}"), (#""\uffff""#, "\u{ffff}"), (#""\udbff\udfff""#, "\u{10ffff}"),
            (#""a\nb\u0041c\\""#, "a\nbAc\\"), (#""\\\\""#, "\\\\"),
        ])
    func escapes(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
    }

    @Test("raw multi-byte UTF-8 passes through, at every sequence length and range edge")
    func rawUTF8() throws {
        let samples = ["é", "€", "😀", "日本語", "\u{7f}", "\u{80}", "\u{7ff}", "\u{800}", "\u{d7ff}", "\u{e000}",
            "\u{fffd}", "\u{ffff}", "\u{10000}", "\u{10ffff}", "mixed é, 😀 and plain"]
        for sample in samples {
            let text = "[\"" + sample + "\", {\"" + sample + "\": 1}]"
            #expect(try JSONParser.parse(text) == [.string(sample), .object(JSONObject([.init(key: sample, value: 1)]))])
        }
    }

    @Test("a string with an escape after a long plain run keeps both parts")
    func longRunThenEscape() throws {
        let plain = String(repeating: "abcdéfgh", count: 200)
        #expect(try JSONParser.parse("\"" + plain + "\\n" + plain + "\"") == .string(plain + "\n" + plain))
    }

    @Test("every unescaped byte below 0x20 is rejected in strings and every escaped one accepted")
    func controlCharacters() throws {
        for byte in UInt8(0)..<0x20 {
            #expect(parseFailure([0x22, byte, 0x22])?.reason == .controlCharacterInString)
            let escaped = #""\u00"# + (byte < 0x10 ? "0" : "") + String(byte, radix: 16) + "\""
            #expect(try JSONParser.parse(escaped) == .string(String(Unicode.Scalar(byte))))
        }
        #expect(try JSONParser.parse([0x22, 0x7F, 0x22]) == .string("\u{7f}"))
    }
}

/// Steele, Lea and Flood's SplitMix64: a tiny seeded generator, so that random tests
/// repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
