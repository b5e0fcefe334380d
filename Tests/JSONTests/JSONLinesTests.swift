import Testing

@testable import JSON

@Suite("JSONLines")
struct JSONLinesTests {
    /// (line number, line text) for each line `JSONLines` yields.
    static func lines(_ text: String) -> [(Int, String)] {
        let bytes = Array(text.utf8)
        return JSONLines(bytes).map { ($0.number, String(decoding: bytes[$0.range], as: UTF8.self)) }
    }

    @Test("LF and CRLF both end lines, and the terminator is not part of the range")
    func terminators() {
        #expect(Self.lines("{}\n[1]\n").elementsEqual([(1, "{}"), (2, "[1]")], by: ==))
        #expect(Self.lines("{}\r\n[1]\r\n").elementsEqual([(1, "{}"), (2, "[1]")], by: ==))
        #expect(Self.lines("{}\r\n[1]\n2\r\n").elementsEqual([(1, "{}"), (2, "[1]"), (3, "2")], by: ==))
    }

    @Test("blank lines are skipped but counted")
    func blankLines() {
        let text = "\n{\"a\":1}\n\n   \n\t\r\n\r\n{\"b\":2}\n\n"
        #expect(Self.lines(text).elementsEqual([(2, "{\"a\":1}"), (7, "{\"b\":2}")], by: ==))
        #expect(Self.lines("").isEmpty)
        #expect(Self.lines("\n").isEmpty)
        #expect(Self.lines(" \r\n \n").isEmpty)
    }

    @Test("the last line needs no newline")
    func missingFinalNewline() {
        #expect(Self.lines("1\n2").elementsEqual([(1, "1"), (2, "2")], by: ==))
        #expect(Self.lines("only").elementsEqual([(1, "only")], by: ==))
        #expect(Self.lines("1\r\n2\r").elementsEqual([(1, "1"), (2, "2")], by: ==))
    }

    @Test("surrounding spaces and a lone CR inside a line stay in the line")
    func innerBytesKept() {
        #expect(Self.lines("  {} \n").elementsEqual([(1, "  {} ")], by: ==))
        #expect(Self.lines("a\rb\n").elementsEqual([(1, "a\rb")], by: ==))
    }

    @Test("ranges index a slice's own indices")
    func sliceIndices() {
        let bytes = Array("skip\n{}\n[]".utf8)
        let lines = Array(JSONLines(bytes[5...]))
        #expect(lines == [.init(number: 1, range: 5..<7), .init(number: 2, range: 8..<10)])
    }

    @Test("each yielded line parses, and a line's error column is its column in the file")
    func parsingLines() throws {
        let bytes = Array("{\"step\": 1}\r\n\r\n  [1, 2,]\n".utf8)
        let lines = Array(JSONLines(bytes))
        #expect(try JSONParser.parse(bytes[lines[0].range]) == ["step": 1])
        #expect(lines[1].number == 3)
        let error = try #require(parseFailure(Array(bytes[lines[1].range])))
        #expect(error.description == "1:9: unexpected character ']' (expected a value)")
    }

    @Test("random texts split like the standard library's split, blank lines dropped")
    func againstSplit() {
        var random = SplitMix64(seed: 7)
        let pieces = ["\n", "\r\n", "\r", " ", "\t", "{}", "1", "\"é\""]
        for _ in 0..<500 {
            let text = (0..<random.next() % 12).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            var expected: [(Int, String)] = []
            for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .enumerated()
            {
                var content = Array(line)
                if content.last == UInt8(ascii: "\r") { content.removeLast() }
                if content.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) {
                    expected.append((index + 1, String(decoding: content, as: UTF8.self)))
                }
            }
            #expect(Self.lines(text).elementsEqual(expected, by: ==), "\(text.debugDescription)")
        }
    }
}
