/// Finds where in a document's text the value at a path starts, to turn
/// "steps[3].tool is missing" into "trace.json:41:9".
///
/// The locator re-scans the text without building values, and only as far as the path
/// leads; it is meant for the error path, so the happy path never pays for positions.
public enum JSONLocator {
    /// The 1-based line and byte column where the value at `path` starts. For a key,
    /// that is the member's value, not its name; the empty path is the top-level value.
    ///
    /// When the path goes past what exists (a missing key, an index out of range, a key
    /// into an array or anything into a scalar), the result is the start of the deepest
    /// value that does exist: for a missing key, the `{` of the object that lacks it.
    /// Keys are matched like `JSONObject`'s subscript, so a duplicate key finds its
    /// first member. The result is nil only when the text has no value at all; text
    /// that breaks the grammar stops the walk at the deepest value reached so far.
    public static func location(of path: [JSONPathComponent], in bytes: [UInt8]) -> (line: Int, column: Int)? {
        bytes.withUnsafeBytes { location(of: path, in: $0) }
    }

    /// `location(of:in:)` over borrowed bytes, such as one line of a JSON Lines file.
    public static func location(of path: [JSONPathComponent], in bytes: UnsafeRawBufferPointer)
        -> (line: Int, column: Int)?
    {
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        guard !scanner.isAtEnd else { return nil }
        var found = scanner.position
        for component in path {
            guard let start = try? child(component, of: &scanner) else { break }
            found = start
        }
        return JSONParseError.lineAndColumn(of: found, in: bytes)
    }

    /// With the scanner at the start of a value, moves it to the start of the child
    /// named by `component` and returns that offset, or returns nil if there is none.
    private static func child(_ component: JSONPathComponent, of scanner: inout JSONScanner) throws(JSONParseError)
        -> Int?
    {
        switch component {
        case .key(let key):
            guard try scanner.peek(expecting: .value) == UInt8(ascii: "{") else { return nil }
            scanner.position += 1
            scanner.skipWhitespace()
            while try scanner.peek(expecting: .memberName) == UInt8(ascii: "\"") {
                let name = try scanner.scanString()
                scanner.skipWhitespace()
                guard try scanner.peek(expecting: .colon) == UInt8(ascii: ":") else { return nil }
                scanner.position += 1
                scanner.skipWhitespace()
                if name == key {
                    // Truncated text can end where the value should be: that is no value.
                    _ = try scanner.peek(expecting: .value)
                    return scanner.position
                }
                guard try skipValueAndComma(&scanner) else { return nil }
            }
            return nil
        case .index(let index):
            guard index >= 0, try scanner.peek(expecting: .value) == UInt8(ascii: "[") else { return nil }
            scanner.position += 1
            scanner.skipWhitespace()
            guard try scanner.peek(expecting: .value) != UInt8(ascii: "]") else { return nil }
            for _ in 0..<index {
                guard try skipValueAndComma(&scanner) else { return nil }
            }
            _ = try scanner.peek(expecting: .value)
            return scanner.position
        }
    }

    /// Skips one value and the comma after it, leaving the scanner at the next element.
    /// Returns false at the end of the container (or at anything unexpected).
    private static func skipValueAndComma(_ scanner: inout JSONScanner) throws(JSONParseError) -> Bool {
        try skipValue(&scanner)
        scanner.skipWhitespace()
        guard try scanner.peek(expecting: .commaOrArrayEnd) == UInt8(ascii: ",") else { return false }
        scanner.position += 1
        scanner.skipWhitespace()
        return true
    }

    /// Skips one value by counting brackets, so depth costs no stack. Only strings are
    /// scanned properly (a bracket inside one does not count); numbers and literals
    /// are stepped over, since the document is expected to have parsed already.
    private static func skipValue(_ scanner: inout JSONScanner) throws(JSONParseError) {
        var depth = 0
        repeat {
            scanner.skipWhitespace()
            let byte = try scanner.peek(expecting: .value)
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                scanner.position += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard depth > 0 else { throw scanner.error(.unexpectedCharacter(byte), at: scanner.position) }
                depth -= 1
                scanner.position += 1
            case UInt8(ascii: "\""):
                try scanner.skipString()
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { throw scanner.error(.unexpectedCharacter(byte), at: scanner.position) }
                scanner.position += 1
            default:
                // A number or literal: its bytes up to the next delimiter.
                let start = scanner.position
                while !scanner.isAtEnd, isScalarByte(scanner.bytes[scanner.position]) { scanner.position += 1 }
                guard scanner.position > start else { throw scanner.error(.unexpectedCharacter(byte), at: start) }
            }
        } while depth > 0
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
