/// The name of one content detector.
///
/// A closed set that may grow: a struct over a private list of kinds, with one static
/// member per detector. `rawValue` is the snake_case name policy files and evidence use
/// (`"private_key"`, `"payment_card"`).
public struct DetectorID: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The detectors, in the order their counts are kept. Internal so that the scanner
    /// can keep per-detector state in fixed-size tables indexed by `rawIndex`.
    enum Kind: Int, CaseIterable, Sendable {
        case privateKey, cloudAccessKey, bearerToken, jwt, passwordAssignment, connectionString, hexSecret
        case email, phone, iban, paymentCard, nationalID, dateOfBirth, postalAddress, health, financialAccount
        case injection
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    public init?(rawValue: String) {
        guard let kind = Kind.allCases.first(where: { DetectorID($0).rawValue == rawValue }) else { return nil }
        self.kind = kind
    }

    public var rawValue: String {
        switch kind {
        case .privateKey: "private_key"
        case .cloudAccessKey: "cloud_access_key"
        case .bearerToken: "bearer_token"
        case .jwt: "jwt"
        case .passwordAssignment: "password_assignment"
        case .connectionString: "connection_string"
        case .hexSecret: "hex_secret"
        case .email: "email"
        case .phone: "phone"
        case .iban: "iban"
        case .paymentCard: "payment_card"
        case .nationalID: "national_id"
        case .dateOfBirth: "date_of_birth"
        case .postalAddress: "postal_address"
        case .health: "health"
        case .financialAccount: "financial_account"
        case .injection: "injection"
        }
    }

    public var description: String { rawValue }

    /// Every detector, credentials first, then personal data, then injection.
    public static let all: [DetectorID] = Kind.allCases.map(DetectorID.init)

    /// The exposure a detector reports unless the configuration re-levels it;
    /// `nil` for `.injection`, which raises taint instead.
    public var defaultLevel: DataExposure? {
        switch kind {
        case .privateKey, .cloudAccessKey, .bearerToken, .jwt, .passwordAssignment, .connectionString, .hexSecret: .credentials
        case .email, .phone, .iban, .paymentCard, .nationalID, .dateOfBirth, .postalAddress, .health, .financialAccount:
            .sensitive
        case .injection: nil
        }
    }

    /// `-----BEGIN ... PRIVATE KEY-----` blocks with a key body.
    public static let privateKey = DetectorID(.privateKey)
    /// AWS, GitHub, Slack, Google and Stripe keys recognisable by their prefix.
    public static let cloudAccessKey = DetectorID(.cloudAccessKey)
    /// `Bearer <token>`, in or out of an `Authorization` header.
    public static let bearerToken = DetectorID(.bearerToken)
    /// JSON Web Tokens.
    public static let jwt = DetectorID(.jwt)
    /// `password=...`, `"api_key": "..."` and similar assignments of a real value.
    public static let passwordAssignment = DetectorID(.passwordAssignment)
    /// URLs with a password (`postgres://user:pass@host`) and ADO `Password=...;`.
    public static let connectionString = DetectorID(.connectionString)
    /// 64-hex-digit keys next to a key word, and 12- to 24-word seed phrases.
    public static let hexSecret = DetectorID(.hexSecret)
    /// E-mail addresses.
    public static let email = DetectorID(.email)
    /// Telephone numbers in international or North American form.
    public static let phone = DetectorID(.phone)
    /// Mod-97-valid IBANs.
    public static let iban = DetectorID(.iban)
    /// Luhn-valid payment card numbers with an issuer prefix.
    public static let paymentCard = DetectorID(.paymentCard)
    /// US social security numbers and UK national insurance numbers.
    public static let nationalID = DetectorID(.nationalID)
    /// Dates next to a birth keyword.
    public static let dateOfBirth = DetectorID(.dateOfBirth)
    /// Street addresses: a house number and a street word.
    public static let postalAddress = DetectorID(.postalAddress)
    /// Medical and genetic details: two distinct health terms close together.
    public static let health = DetectorID(.health)
    /// Account numbers, routing numbers, sort codes and balances with their amounts.
    public static let financialAccount = DetectorID(.financialAccount)
    /// Instructions addressed to the agent (prompt injection).
    public static let injection = DetectorID(.injection)
}
