import Testing

@testable import JSON

/// Random bytes from the module's seeded SplitMix64 (JSONScannerTests.swift), so every
/// random input here is the same on every run and a failure names an input that can
/// be replayed.
struct SeededBytes {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// `count` bytes drawn from `alphabet`, or from all 256 values when it is empty.
    mutating func bytes(_ count: Int, from alphabet: [UInt8] = []) -> [UInt8] {
        (0..<count).map { _ in alphabet.isEmpty ? UInt8(truncatingIfNeeded: next()) : alphabet[below(alphabet.count)] }
    }
}

/// The reason a parse failed, or nil when it did not fail.
private func failure(_ bytes: [UInt8], limits: JSONParser.Limits = .init()) -> JSONParseError.Reason? {
    do {
        _ = try JSONParser.parse(bytes, limits: limits)
        return nil
    } catch {
        return error.reason
    }
}

private func failure(_ text: String, limits: JSONParser.Limits = .init()) -> JSONParseError.Reason? {
    failure(Array(text.utf8), limits: limits)
}

/// Hostile input for the JSON parser: each case must come back as a `JSONParseError`
/// with the right reason, never a crash or a value. The libFuzzer target `json`
/// (Fuzz/Targets/JSONFuzz.swift) explores the same ground without a budget.
@Suite("JSONParser on hostile input")
struct HostileJSONTests {
    @Test("random byte streams either fail with a position inside the input or round-trip exactly")
    func randomBytes() throws {
        var random = SeededBytes(seed: 7)
        // Bytes JSON cares about, so that some inputs get past the first byte.
        let jsonish = Array(#"{}[],:"\ 0123456789.-+eEtrufalsn"#.utf8) + [0x0A, 0x09, 0xC3, 0xA9, 0xF0, 0x9F, 0x80]
        var parsed = 0
        for round in 0..<3000 {
            let input = random.bytes(random.below(48), from: round.isMultiple(of: 2) ? jsonish : [])
            do {
                let value = try JSONParser.parse(input)
                parsed += 1
                #expect(try JSONParser.parse(value.serialized()) == value, "round trip of \(input)")
            } catch {
                #expect(error.offset >= 0 && error.offset <= input.count, "offset of \(error) in \(input)")
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
        #expect(parsed > 0, "no random input parsed: the alphabet no longer reaches the parser")
    }

    @Test("every strict prefix of a document is an error, never a value")
    func truncatedDocuments() {
        let document = Array(#"{"a": [1, -2.5e3, true, null, "é€😀\n"], "b": {"c": {}}, "d": "\u00e9\ud83d\ude00"}"#.utf8)
        #expect(failure(document) == nil)
        for end in 0..<document.count {
            #expect(failure(Array(document[..<end])) != nil, "prefix of \(end) bytes parsed")
        }
    }

    @Test("a string cut inside a multi-byte UTF-8 sequence is invalidUTF8")
    func truncatedUTF8() {
        for character in ["é", "€", "😀"] {
            let utf8 = Array(character.utf8)
            for cut in 1..<utf8.count {
                let input = [UInt8(ascii: "\"")] + utf8[..<cut] + [UInt8(ascii: "\"")]
                #expect(failure(input) == .invalidUTF8, "\(character) cut after \(cut) bytes")
            }
        }
        // Overlong, surrogate, past U+10FFFF, a stray continuation byte, 0xFF.
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF]] {
            #expect(failure([0x22] + bad + [0x22]) == .invalidUTF8, "\(bad)")
        }
    }

    @Test("100,000 levels of nesting fail with tooDeep at the limit, for arrays, objects and both")
    func deepNesting() {
        let depth = 100_000
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        let mixed = String(repeating: #"[{"a":"#, count: depth / 2)
        for text in [arrays, objects, mixed] {
            #expect(failure(text) == .tooDeep(limit: 512))
            #expect(failure(text, limits: .init(maximumDepth: 64)) == .tooDeep(limit: 64))
        }
        // Exactly at the limit is fine.
        #expect(failure(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)) == nil)
    }

    @Test("numbers beyond Double's range are numberOutOfRange; tiny ones become zero")
    func hugeNumbers() throws {
        let thousandDigits = "1" + String(repeating: "0", count: 1000)
        for text in ["1e400", "-1e400", "1.8e308", thousandDigits, "-" + thousandDigits, "[" + thousandDigits + "]", #"{"n":1e99999999999999999999}"#] {
            #expect(failure(text) == .numberOutOfRange, "\(text.prefix(40))")
        }
        #expect(try JSONParser.parse("1e-400") == .number(0))
        #expect(try JSONParser.parse("0." + String(repeating: "0", count: 1000) + "1") == .number(0))
        #expect(try JSONParser.parse(String(repeating: "9", count: 300)) == .number(1e300))  // rounded, finite
        #expect(try JSONParser.parse("1.7976931348623157e308") == .number(.greatestFiniteMagnitude))
    }

    @Test("NaN and Infinity are not JSON, however they are spelt")
    func nonFiniteLiterals() {
        for text in ["NaN", "nan", "-NaN", "Infinity", "-Infinity", "+Infinity", "inf", "-inf", "[NaN]", #"{"x": Infinity}"#, "+1", ".5", "01", "1.", "1e", "0x10"] {
            #expect(failure(text) != nil, "\(text) parsed")
        }
    }

    @Test("duplicate keys are an error by default, at any depth, also past the linear-scan size")
    func duplicateKeys() throws {
        #expect(failure(#"{"a": 1, "a": 2}"#) == .duplicateKey("a"))
        #expect(failure(#"[{"x": {"a": 1, "b": 2, "a": 3}}]"#) == .duplicateKey("a"))
        // Same key after unescaping, and after many other keys (the set-based check).
        #expect(failure(#"{"a": 1, "\u0061": 2}"#) == .duplicateKey("a"))
        let many = (0..<200).map { #""k\#($0)": \#($0)"# }.joined(separator: ",")
        #expect(failure("{" + many + #", "k7": 0}"#) == .duplicateKey("k7"))
        // Allowed when asked: every member is kept and the subscript finds the first.
        let value = try JSONParser.parse(#"{"a": 1, "a": 2}"#, limits: .init(rejectDuplicateKeys: false))
        #expect(value["a"] == .number(1))
        #expect(value.objectValue?.count == 2)
    }

    @Test("raw control characters inside strings are errors; escaped they are fine")
    func controlCharacters() throws {
        for byte in UInt8(0)..<0x20 {
            #expect(failure([0x22, byte, 0x22]) == .controlCharacterInString, "raw 0x\(String(byte, radix: 16))")
            let escaped = "\"\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16) + "\""
            #expect(try JSONParser.parse(escaped) == .string(String(UnicodeScalar(byte))))
        }
        // Control bytes outside strings: NUL and friends are not whitespace.
        #expect(failure([0x5B, 0x00, 0x5D]) != nil)
        #expect(failure([0x31, 0x00]) == .trailingContent)
    }

    @Test("unpaired surrogates, bad escapes, a byte order mark and empty input are errors")
    func otherGrammarErrors() {
        #expect(failure(#""\ud800""#) == .unpairedSurrogate)
        #expect(failure(#""\udc00\ud800""#) == .unpairedSurrogate)
        #expect(failure(#""\ud800\u0041""#) == .unpairedSurrogate)
        #expect(failure(#""\x41""#) == .invalidEscape)
        #expect(failure(#""\u12""#) == .invalidUnicodeEscape)
        #expect(failure([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) != nil)
        #expect(failure("") == .emptyInput)
        #expect(failure(" \n\t\r ") == .emptyInput)
        #expect(failure("{}", limits: .init(maximumLength: 1)) == .tooLong(limit: 1))
    }

    @Test("hostile documents are rejected quickly: each parse here takes well under a second")
    func boundedTime() {
        let cases: [[UInt8]] = [
            Array(repeating: UInt8(ascii: "["), count: 1_000_000),
            [0x22] + Array(repeating: UInt8(ascii: "a"), count: 1_000_000),
            Array(("[" + String(repeating: "0,", count: 200_000) + "]").utf8),
            Array(("{" + (0..<20_000).map { #""\#($0)":\#($0)"# }.joined(separator: ",") + #","0":0}"#).utf8),
        ]
        for input in cases {
            let start = ContinuousClock.now
            _ = failure(input)
            #expect(ContinuousClock.now - start < .seconds(1), "\(input.count) bytes took too long")
        }
    }
}
