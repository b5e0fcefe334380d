/// One value an action can be directed at: a recipient, a URL or host, an account, a
/// phone number, a path or an amount, in normalised form.
///
/// Two spellings of the same destination compare equal once normalised
/// (`"Jo <JO@X.com>"` and `mailto:jo@x.com` are both `jo@x.com`); `Target.normalized`
/// gives the rules per kind. A target built by hand with `init(kind:value:)` is taken
/// as already normalised.
public struct Target: Hashable, Sendable {
    public var kind: TargetKind
    /// The normalised value. It is text the agent saw; log it only where that is allowed.
    public var value: String

    public init(kind: TargetKind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The target for `raw` read as `kind`, normalised, or nil when `raw` is not a
    /// value of that kind (an e-mail without `@`, a phone with fewer than 7 digits).
    ///
    /// Normalising is idempotent: normalising a normalised value returns it unchanged.
    public static func normalized(_ raw: String, as kind: TargetKind) -> Target? {
        guard let value = TargetNormalization.normalize(raw, as: kind) else { return nil }
        return Target(kind: kind, value: value)
    }

    /// The host of a URL target (`https://example.com:8443/a` -> `example.com`), or nil
    /// for other kinds and URLs without a host.
    public var host: String? {
        switch kind {
        case .host: value
        case .url: TargetNormalization.host(ofURL: value)
        case .email: value.utf8.lastIndex(of: 0x40).map { String(value[value.index(after: $0)...]) }
        default: nil
        }
    }
}
