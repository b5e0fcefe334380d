import Glibc

/// Splits a byte stream into newline-terminated lines, with a cap on line length.
///
/// Feed it bytes as they arrive with `append`, then take `nextEvent()` until it returns
/// `nil`. A line comes without its `\n`, and without a `\r` before it (so `\r\n` works).
/// The framer remembers how far it has scanned, so a long line arriving in many small
/// reads is scanned once, not once per read (swift-nio's `NIOSplitLinesMessageDecoder`
/// does the same with `bytesWithNoSeparatorsCount`).
///
/// The cap counts the bytes before the `\n` (a `\r` included). A longer line is reported
/// once, as `.oversized(length:)` with its full length, when its `\n` arrives; its bytes
/// are dropped as they come, so memory stays bounded by the cap, and framing resumes
/// with the next line.
public struct LineFramer: Sendable {
    public enum Event: Hashable, Sendable {
        /// A complete line, a slice of the framer's buffer valid until the next `append`.
        case line(ArraySlice<UInt8>)
        /// A line longer than the cap was dropped; `length` counts its bytes before `\n`.
        case oversized(length: Int)
    }

    /// The longest line, in bytes before the `\n`, that is delivered.
    public let maximumLineLength: Int

    private var buffer: [UInt8] = []
    /// Start of the first undelivered byte.
    private var readIndex = 0
    /// Everything in `readIndex..<scanIndex` is known to hold no `\n`.
    private var scanIndex = 0
    /// Bytes of an oversized line already dropped, or `nil` when not inside one.
    private var discarded: Int? = nil

    public init(maximumLineLength: Int = 1 << 20) {
        precondition(maximumLineLength > 0, "maximumLineLength must be positive")
        self.maximumLineLength = maximumLineLength
    }

    /// Bytes held for a line not yet complete.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds bytes that arrived. Invalidates slices returned earlier.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes that arrived. Invalidates slices returned earlier.
    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The next complete line or oversized-line report, or `nil` when more bytes are needed.
    public mutating func nextEvent() -> Event? {
        guard let newline = findNewline() else {
            let pending = buffer.count - readIndex
            if pending > maximumLineLength || (discarded != nil && pending > 0) {
                // Too long already, or the tail of a line too long: drop what we have.
                discarded = (discarded ?? 0) + pending
                readIndex = buffer.count
                scanIndex = buffer.count
            }
            return nil
        }
        let start = readIndex
        let length = newline - start
        readIndex = newline + 1
        scanIndex = readIndex
        if let dropped = discarded {
            discarded = nil
            return .oversized(length: dropped + length)
        }
        if length > maximumLineLength {
            return .oversized(length: length)
        }
        var end = newline
        if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return .line(buffer[start..<end])
    }

    /// At end of input: the last line if it lacked its `\n` (NDJSON writers often omit the
    /// final one), or the report of an oversized line cut short. Call after `nextEvent()`
    /// has returned `nil`; the framer is empty afterwards.
    public mutating func finish() -> Event? {
        defer {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
            scanIndex = 0
            discarded = nil
        }
        let pending = buffer.count - readIndex
        if let dropped = discarded { return .oversized(length: dropped + pending) }
        if pending == 0 { return nil }
        if pending > maximumLineLength { return .oversized(length: pending) }
        var end = buffer.count
        if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return .line(buffer[readIndex..<end])
    }

    private mutating func findNewline() -> Int? {
        guard scanIndex < buffer.count else { return nil }
        let found: Int? = buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            guard let hit = memchr(base + scanIndex, Int32(UInt8(ascii: "\n")), raw.count - scanIndex) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        if found == nil { scanIndex = buffer.count }
        return found
    }

    /// Drops delivered bytes so the buffer does not grow without end; the storage is kept.
    private mutating func compact() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if readIndex >= buffer.count / 2 || readIndex >= 64 << 10 {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex -= readIndex
        readIndex = 0
    }
}
