import Testing
@testable import DriftDaemon

/// Frames `text` fed in chunks of `chunkSize`, returning lines as strings and oversized
/// lines as "<oversized N>".
private func frame(_ text: [UInt8], chunkSize: Int, limit: Int = 1 << 20) -> [String] {
    var framer = LineFramer(maximumLineLength: limit)
    var out: [String] = []
    func drain(_ event: LineFramer.Event) {
        switch event {
        case .line(let line): out.append(String(decoding: line, as: UTF8.self))
        case .oversized(let length): out.append("<oversized \(length)>")
        }
    }
    var start = 0
    while start < text.count {
        let end = min(start + chunkSize, text.count)
        framer.append(contentsOf: text[start..<end])
        while let event = framer.nextEvent() { drain(event) }
        start = end
    }
    if let last = framer.finish() { drain(last) }
    return out
}

/// The oracle: the standard library's split, the final empty piece after a trailing
/// newline dropped, `\r` stripped, overlong pieces replaced by their report.
/// The oracle: the standard library's split of the bytes (not of the `String`, where
/// "\r\n" is one Character), the final empty piece after a trailing newline dropped,
/// `\r` stripped, overlong pieces replaced by their report.
private func oracle(_ text: String, limit: Int = 1 << 20) -> [String] {
    var pieces = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if pieces.last?.isEmpty == true { pieces.removeLast() }
    return pieces.map { piece in
        if piece.count > limit { return "<oversized \(piece.count)>" }
        return String(decoding: piece.last == UInt8(ascii: "\r") ? piece.dropLast() : piece, as: UTF8.self)
    }
}

@Suite("LineFramer")
struct LineFramerTests {
    static let text: String = {
        var text = ""
        for i in 0..<40 {
            text += String(repeating: "abcdefghij", count: i % 7) + "line \(i) é\n"
            if i % 5 == 0 { text += "\n" }
            if i % 3 == 0 { text += "crlf \(i)\r\n" }
        }
        return text + "no newline at the end"
    }()

    @Test("in every chunk size from 1 to 300, lines match splitting the whole text")
    func everyChunkSize() {
        let expected = oracle(Self.text)
        for size in 1...300 {
            #expect(frame(Array(Self.text.utf8), chunkSize: size) == expected, "chunk size \(size)")
        }
    }

    @Test("with a 40-byte cap, every chunk size reports each overlong line once, with its length")
    func everyChunkSizeWithCap() {
        let expected = oracle(Self.text, limit: 40)
        #expect(expected.contains { $0.hasPrefix("<oversized") })
        for size in 1...300 {
            #expect(frame(Array(Self.text.utf8), chunkSize: size, limit: 40) == expected, "chunk size \(size)")
        }
    }

    @Test("an oversized line is reported once and the lines after it come through")
    func oversizedThenNormal() {
        let text = Array(("a\n" + String(repeating: "x", count: 100) + "\nb\nc\n").utf8)
        #expect(frame(text, chunkSize: 7, limit: 10) == ["a", "<oversized 100>", "b", "c"])
    }

    @Test("a line of exactly the cap is delivered; one byte more is not")
    func capBoundary() {
        #expect(frame(Array("0123456789\n".utf8), chunkSize: 3, limit: 10) == ["0123456789"])
        #expect(frame(Array("0123456789A\nok\n".utf8), chunkSize: 3, limit: 10) == ["<oversized 11>", "ok"])
    }

    @Test("an oversized line holds at most the cap in memory")
    func oversizedMemoryBounded() {
        var framer = LineFramer(maximumLineLength: 100)
        for _ in 0..<1000 {
            framer.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 64))
            #expect(framer.nextEvent() == nil)
            #expect(framer.bufferedByteCount <= 100)
        }
        framer.append(contentsOf: Array("\nnext\n".utf8))
        #expect(framer.nextEvent() == .oversized(length: 64_000))
        #expect(framer.nextEvent() == .line(ArraySlice("next".utf8)))
        #expect(framer.nextEvent() == nil)
    }

    @Test("\\r\\n ends a line and a lone \\r inside a line is kept")
    func carriageReturns() {
        #expect(frame(Array("a\r\nb\rc\r\n\r\n".utf8), chunkSize: 1) == ["a", "b\rc", ""])
    }

    @Test("at end of input, a partial oversized line is still reported")
    func finishWhileDiscarding() {
        #expect(frame(Array(String(repeating: "y", count: 50).utf8), chunkSize: 8, limit: 10) == ["<oversized 50>"])
    }
}
