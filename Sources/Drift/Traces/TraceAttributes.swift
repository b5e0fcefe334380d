import JSON

/// How decoders collect a trace's attributes: the string members of a JSON object.
///
/// Bounded: at most `maximumCount` attributes per trace, and a value longer than
/// `maximumValueBytes` UTF-8 bytes (a task text, say) is left out rather than cut, so a
/// grouping never sees half a value. Non-string members (numbers, objects) are ignored.
/// A key already present is kept: callers add the members that should win first.
public enum TraceAttributes {
    public static let maximumCount = 64
    public static let maximumValueBytes = 256

    static func add(stringMembersOf value: JSONValue?, to attributes: inout [String: String]) {
        guard let object = value?.objectValue else { return }
        for member in object.members {
            guard attributes.count < maximumCount else { return }
            guard case .string(let text) = member.value, text.utf8.count <= maximumValueBytes,
                attributes[member.key] == nil
            else { continue }
            attributes[member.key] = text
        }
    }
}
