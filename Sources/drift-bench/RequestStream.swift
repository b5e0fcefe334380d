import Drift
import JSON

/// Step request lines for every step of the bundled traces, one session per trace, as
/// one byte buffer a client sends slices of.
///
/// Session ids are `<tag>-CCCC-RRRRRR-t<trace>`: a client writes its number into CCCC
/// once and the replay round into RRRRRR before each pass over the corpus, in place, so
/// every pass replays the traces as new sessions without building new lines.
struct RequestStream: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Offset just past each line's newline.
    private(set) var lineEnds: [Int] = []
    private var clientOffsets: [Int] = []
    private var roundOffsets: [Int] = []

    init(fixtures: Fixtures, tag: String) {
        let marker = Array(#""session":""#.utf8)
        for (index, trace) in fixtures.traces.enumerated() where !trace.steps.isEmpty {
            for step in fixtures.liveSteps(of: trace, resultBytes: nil) {
                let lineStart = bytes.count
                RequestLines.stepRequest(step, session: "\(tag)-0000-000000-t\(index)", category: trace.category).write(into: &bytes)
                bytes.append(UInt8(ascii: "\n"))
                let line = bytes[lineStart...]
                let found = line.indices.first { i in bytes[i..<min(i + marker.count, bytes.count)].elementsEqual(marker) }!
                let client = found + marker.count + tag.utf8.count + 1
                clientOffsets.append(client)
                roundOffsets.append(client + 5)
                lineEnds.append(bytes.count)
            }
        }
    }

    var lineCount: Int { lineEnds.count }
    var averageLineBytes: Int { lineEnds.isEmpty ? 0 : bytes.count / lineEnds.count }

    func lineStart(_ index: Int) -> Int { index == 0 ? 0 : lineEnds[index - 1] }

    mutating func setClient(_ client: Int) {
        for offset in clientOffsets { write(client, width: 4, at: offset) }
    }

    mutating func setRound(_ round: Int) {
        for offset in roundOffsets { write(round, width: 6, at: offset) }
    }

    private mutating func write(_ value: Int, width: Int, at offset: Int) {
        var value = value
        for i in stride(from: width - 1, through: 0, by: -1) {
            bytes[offset + i] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }
}
