/// A value found at a path in a document, for decoding with errors that say where.
///
/// Decoders walk a document through fields; every failure is a `JSONDecodingError`
/// that carries the path (`steps[3].args`), which `JSONLocator` later turns into a
/// line and column of the source text.
public struct JSONField: Sendable {
    public let value: JSONValue
    public let path: [JSONPathComponent]

    public init(_ value: JSONValue, path: [JSONPathComponent] = []) {
        self.value = value
        self.path = path
    }

    public func error(_ message: String) -> JSONDecodingError {
        JSONDecodingError(path: path, message: message)
    }

    private func mismatch(_ expected: String) -> JSONDecodingError {
        error("expected \(expected), found \(value.kindDescription)")
    }

    public func string() throws(JSONDecodingError) -> String {
        guard case .string(let s) = value else { throw mismatch("a string") }
        return s
    }

    public func double() throws(JSONDecodingError) -> Double {
        guard case .number(let n) = value else { throw mismatch("a number") }
        return n
    }

    public func int() throws(JSONDecodingError) -> Int {
        guard case .number = value else { throw mismatch("an integer") }
        guard let i = value.intValue else { throw error("expected an integer, found \(value.doubleValue!)") }
        return i
    }

    public func bool() throws(JSONDecodingError) -> Bool {
        guard case .bool(let b) = value else { throw mismatch("true or false") }
        return b
    }

    public func array() throws(JSONDecodingError) -> [JSONField] {
        guard case .array(let items) = value else { throw mismatch("an array") }
        return items.enumerated().map { JSONField($0.element, path: path + [.index($0.offset)]) }
    }

    public func object() throws(JSONDecodingError) -> JSONObject {
        guard case .object(let o) = value else { throw mismatch("an object") }
        return o
    }

    /// The member `key`, which must be present.
    public func required(_ key: String) throws(JSONDecodingError) -> JSONField {
        let object = try object()
        guard let member = object[key] else { throw error("missing field \"\(key)\"") }
        return JSONField(member, path: path + [.key(key)])
    }

    /// The member `key`, or nil when it is absent or null.
    public func optional(_ key: String) throws(JSONDecodingError) -> JSONField? {
        let object = try object()
        guard let member = object[key], !member.isNull else { return nil }
        return JSONField(member, path: path + [.key(key)])
    }

    /// The members of an object, each as a field.
    public func members() throws(JSONDecodingError) -> [(key: String, field: JSONField)] {
        try object().members.map { ($0.key, JSONField($0.value, path: path + [.key($0.key)])) }
    }

    /// Fails when the object has a member not in `known`, so a typo in a config file
    /// ("treshold") is reported instead of silently ignored.
    public func rejectUnknownKeys(_ known: Set<String>) throws(JSONDecodingError) {
        for member in try object().members where !known.contains(member.key) {
            let list = known.sorted().joined(separator: ", ")
            throw JSONDecodingError(
                path: path + [.key(member.key)], message: "unknown field \"\(member.key)\" (known: \(list))")
        }
    }
}

/// A document that parsed but does not have the expected shape.
public struct JSONDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: [JSONPathComponent]
    public var message: String

    public init(path: [JSONPathComponent], message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path.dottedDescription): \(message)" }
}
