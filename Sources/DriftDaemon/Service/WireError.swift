import Drift
import JSON

/// An error reply: a stable machine code and a sentence for people. Errors become wire
/// codes here and nowhere else.
public struct WireError: Error, Hashable, Sendable {
    public enum Code: String, CaseIterable, Sendable {
        case badJSON = "bad_json"
        case badRequest = "bad_request"
        case unknownOp = "unknown_op"
        case missingField = "missing_field"
        case badField = "bad_field"
        case lineTooLong = "line_too_long"
        case unknownSession = "unknown_session"
        case reloadFailed = "reload_failed"
        case denied = "denied"
        case rateLimited = "rate_limited"
        case internalError = "internal"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    init(_ error: JSONParseError) {
        self.init(.badJSON, "column \(error.column): \(error.message)")
    }

    init(_ error: JSONDecodingError) {
        let missing = error.message.hasPrefix("missing field")
        self.init(missing ? .missingField : .badField, error.description)
    }
}
