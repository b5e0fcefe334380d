/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Strict means: no NaN or Infinity, no leading zeros, no trailing commas, no comments,
/// no byte order mark, no content after the value but whitespace, no unescaped control
/// characters, no ill-formed UTF-8 or unpaired surrogates in strings, and (by default)
/// no duplicate keys. Numbers that round to infinity are rejected; numbers that
/// underflow become zero.
///
/// The parser is one forward pass with an explicit stack, so nesting depth costs heap,
/// never call stack: a document of 100,000 `[` fails with `tooDeep` instead of crashing.
public struct JSONParser {
    /// Bounds on what a document may ask of the parser.
    public struct Limits: Sendable {
        /// Containers may nest this many levels; the next opening bracket is `tooDeep`.
        ///
        /// The parser itself copes with any depth, but `JSONValue` is recursive, and
        /// destroying or serializing a very deep tree recurses; keep this in the
        /// thousands at most.
        public var maximumDepth: Int
        /// The most bytes a document may have, or nil for no limit.
        public var maximumLength: Int?
        /// Whether a repeated member name in one object is an error. When false, every
        /// member is kept in order and `JSONObject`'s subscript finds the first.
        public var rejectDuplicateKeys: Bool

        public init(maximumDepth: Int = 512, maximumLength: Int? = nil, rejectDuplicateKeys: Bool = true) {
            precondition(maximumDepth >= 0, "maximumDepth must not be negative")
            self.maximumDepth = maximumDepth
            self.maximumLength = maximumLength
            self.rejectDuplicateKeys = rejectDuplicateKeys
        }
    }

    /// Parses one document from raw bytes. The bytes are only read, and only during the call.
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: Limits = .init()) throws(JSONParseError)
        -> JSONValue
    {
        var parser = JSONParser(bytes, limits: limits)
        return try parser.parseDocument()
    }

    /// Parses one document from any bytes; contiguous storage (arrays, native strings'
    /// UTF-8, `Data`) is read in place, anything else is copied once.
    public static func parse(_ bytes: some Collection<UInt8>, limits: Limits = .init()) throws(JSONParseError)
        -> JSONValue
    {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in try parse(UnsafeRawBufferPointer(buffer), limits: limits) }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes), limits: limits)
    }

    /// Parses one document from the UTF-8 of `text`.
    public static func parse(_ text: String, limits: Limits = .init()) throws(JSONParseError) -> JSONValue {
        try parse(text.utf8, limits: limits)
    }

    // MARK: Tree building

    /// An open container. Its elements (and, for objects, keys) so far live at the end
    /// of the shared `values` and `keys` stacks, from `valueStart` and `keyStart` on;
    /// sharing the stacks means a document reuses two buffers instead of allocating
    /// one per container while it is open.
    private struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
        /// Built once an object has more keys than a linear duplicate check should scan.
        var keySet: Set<String>?
    }

    private var scanner: JSONScanner
    private let limits: Limits
    private var frames: [Frame] = []
    private var values: [JSONValue] = []
    private var keys: [String] = []

    private init(_ bytes: UnsafeRawBufferPointer, limits: Limits) {
        self.scanner = JSONScanner(bytes)
        self.limits = limits
    }

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        let bytes = scanner.bytes
        if let maximumLength = limits.maximumLength, bytes.count > maximumLength {
            throw scanner.error(.tooLong(limit: maximumLength), at: maximumLength)
        }
        scanner.skipWhitespace()
        if scanner.isAtEnd { throw scanner.error(.emptyInput, at: scanner.position) }

        let value = try parseValue()

        scanner.skipWhitespace()
        if !scanner.isAtEnd { throw scanner.error(.trailingContent, at: scanner.position) }
        return value
    }

    /// Reads a value, iteratively: an opening bracket pushes a frame and goes on to
    /// the first element; a finished value is appended to the innermost frame, and a
    /// closing bracket pops the frame and turns its elements into a finished value.
    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        nextValue: while true {
            scanner.skipWhitespace()
            var value: JSONValue
            let byte = try scanner.peek(expecting: .value)
            switch byte {
            case UInt8(ascii: "["):
                try checkDepth()
                scanner.position += 1
                scanner.skipWhitespace()
                if try scanner.peek(expecting: .value) == UInt8(ascii: "]") {
                    scanner.position += 1
                    value = .array([])
                } else {
                    frames.append(Frame(isObject: false, valueStart: values.count, keyStart: keys.count))
                    continue nextValue
                }
            case UInt8(ascii: "{"):
                try checkDepth()
                scanner.position += 1
                scanner.skipWhitespace()
                if try scanner.peek(expecting: .memberName) == UInt8(ascii: "}") {
                    scanner.position += 1
                    value = .object(JSONObject())
                } else {
                    frames.append(Frame(isObject: true, valueStart: values.count, keyStart: keys.count))
                    try parseMemberName()
                    continue nextValue
                }
            case UInt8(ascii: "\""): value = .string(try scanner.scanString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try scanner.scanNumber())
            case UInt8(ascii: "t"):
                try scanner.scanLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try scanner.scanLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try scanner.scanLiteral("null")
                value = .null
            default:
                throw scanner.error(.unexpectedCharacter(byte), at: scanner.position, expected: .value)
            }

            // `value` is complete: hand it to the open containers, closing as many as end here.
            while let top = frames.indices.last {
                // Read the fields rather than copy the frame: a copy would share its
                // key set and make every later insert copy it.
                let isObject = frames[top].isObject
                let valueStart = frames[top].valueStart
                values.append(value)
                scanner.skipWhitespace()
                let separator = try scanner.peek(expecting: isObject ? .commaOrObjectEnd : .commaOrArrayEnd)
                scanner.position += 1
                switch (separator, isObject) {
                case (UInt8(ascii: ","), false):
                    continue nextValue
                case (UInt8(ascii: ","), true):
                    scanner.skipWhitespace()
                    try parseMemberName()
                    continue nextValue
                case (UInt8(ascii: "]"), false):
                    value = .array(Array(values[valueStart...]))
                case (UInt8(ascii: "}"), true):
                    var members: [JSONObject.Member] = []
                    members.reserveCapacity(values.count - valueStart)
                    for (key, member) in zip(keys[frames[top].keyStart...], values[valueStart...]) {
                        members.append(JSONObject.Member(key: key, value: member))
                    }
                    keys.removeSubrange(frames[top].keyStart...)
                    value = .object(JSONObject(members))
                default:
                    scanner.position -= 1
                    throw scanner.error(
                        .unexpectedCharacter(separator), at: scanner.position,
                        expected: isObject ? .commaOrObjectEnd : .commaOrArrayEnd)
                }
                values.removeSubrange(valueStart...)
                frames.removeLast()
            }
            return value
        }
    }

    private func checkDepth() throws(JSONParseError) {
        if frames.count >= limits.maximumDepth {
            throw scanner.error(.tooDeep(limit: limits.maximumDepth), at: scanner.position)
        }
    }

    /// Reads `"name" :` at the current position into `keys`, checking it against the
    /// innermost object's earlier keys.
    private mutating func parseMemberName() throws(JSONParseError) {
        let keyOffset = scanner.position
        let byte = try scanner.peek(expecting: .memberName)
        guard byte == UInt8(ascii: "\"") else {
            throw scanner.error(.unexpectedCharacter(byte), at: keyOffset, expected: .memberName)
        }
        let key = try scanner.scanString()
        if limits.rejectDuplicateKeys, !insertKey(key) {
            throw scanner.error(.duplicateKey(key), at: keyOffset)
        }
        keys.append(key)
        scanner.skipWhitespace()
        let colon = try scanner.peek(expecting: .colon)
        guard colon == UInt8(ascii: ":") else {
            throw scanner.error(.unexpectedCharacter(colon), at: scanner.position, expected: .colon)
        }
        scanner.position += 1
    }

    /// Whether `key` is new in the innermost object. Small objects (drift's usual) are
    /// scanned; past 16 keys a set takes over, so a hostile object of n keys costs
    /// O(n), not O(n²).
    private mutating func insertKey(_ key: String) -> Bool {
        let top = frames.count - 1
        if frames[top].keySet != nil {
            return frames[top].keySet!.insert(key).inserted
        }
        let earlier = keys[frames[top].keyStart...]
        if earlier.count < 16 {
            return !earlier.contains(key)
        }
        var set = Set(earlier)
        let inserted = set.insert(key).inserted
        frames[top].keySet = set
        return inserted
    }
}
