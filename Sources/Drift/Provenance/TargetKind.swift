/// What kind of destination a target is: where a message goes, where a request or an
/// upload is sent, where money goes, or how much.
///
/// The raw values are stable: they are the first byte of a value's hash in
/// `TargetIndex`, so renumbering a case would make old and new hashes disagree.
public enum TargetKind: UInt8, CaseIterable, Sendable {
    case email
    case url
    case host
    case iban
    case account
    case phone
    case path
    case amount

    /// The lower-case name used in reports and JSON (`"email"`, `"url"`, ...).
    public var name: String {
        switch self {
        case .email: "email"
        case .url: "url"
        case .host: "host"
        case .iban: "iban"
        case .account: "account"
        case .phone: "phone"
        case .path: "path"
        case .amount: "amount"
        }
    }
}
