import JSON

/// Bad input from a file a user gave us: where it is, and what is wrong with it.
///
/// Rendered as `file:line:column: path: message`, the shape editors and terminals
/// understand: `policy.json:14:7: rules[3].level: unknown level "CRITCAL"`.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The item inside the document (`steps[3].tool`), when the document parsed.
    public var path: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let line, let column, line > 0 { text += ":\(column)" }
        text += ": "
        if let path { text += "\(path): " }
        return text + message
    }
}

/// Parsing and decoding of one JSON document with errors that name file, line, column
/// and field.
public enum DocumentReader {
    /// Parses `bytes` and decodes them with `decode`. `firstLine` is the line of the
    /// file the bytes start at (JSONL records are single lines of a larger file).
    public static func decode<T>(
        _ bytes: [UInt8], file: String, firstLine: Int = 1,
        _ decode: (JSONField) throws(JSONDecodingError) -> T
    ) throws(InputError) -> T {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw InputError(
                file: file, line: firstLine + error.line - 1, column: error.column,
                message: "invalid JSON: \(error.message)")
        }
        do {
            return try decode(JSONField(value))
        } catch {
            let location = JSONLocator.location(of: error.path, in: bytes)
            return try Self.fail(error, file: file, firstLine: firstLine, location: location)
        }
    }

    private static func fail<T>(
        _ error: JSONDecodingError, file: String, firstLine: Int, location: (line: Int, column: Int)?
    ) throws(InputError) -> T {
        throw InputError(
            file: file, line: location.map { firstLine + $0.line - 1 } ?? (firstLine > 1 ? firstLine : nil),
            column: location?.column, path: error.path.isEmpty ? nil : error.path.dottedDescription,
            message: error.message)
    }
}
