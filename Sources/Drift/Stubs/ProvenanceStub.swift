// STUB: replaced by the provenance branch at merge.
import JSON

public enum TargetKind: UInt8, CaseIterable, Sendable {
    case email, url, host, iban, account, phone, path, amount
    public var name: String { "\(self)" }
}
public struct Target: Hashable, Sendable { public var kind: TargetKind; public var value: String }
public enum ValueSource: UInt8, Comparable, Sendable {
    case task, untrusted, instructed
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var name: String { "\(self)" }
}
public struct TargetSighting: Hashable, Sendable { public var source: ValueSource; public var step: Int; public var sourceTool: String? }
public enum TargetExtractor {
    public static func targets(in arguments: JSONValue, limit: Int = 16) -> [Target] {
        var out: [Target] = []
        func visit(_ v: JSONValue) {
            switch v {
            case .string(let s): forEachValue(in: s) { if out.count < limit, !out.contains($0) { out.append($0) } }
            case .array(let a): a.forEach(visit)
            case .object(let o): o.members.forEach { visit($0.value) }
            default: break
            }
        }
        visit(arguments)
        return out
    }
    public static func forEachValue(in text: String, limit: Int = 512, _ body: (Target) -> Void) {
        for word in text.split(whereSeparator: { " \n\t<>,;\"'()".contains($0) }) where word.contains("@") && word.contains(".") {
            body(Target(kind: .email, value: word.lowercased().trimmingCharacters(in: ".")))
        }
    }
}
public struct TargetIndex: Hashable, Sendable {
    public static let defaultCapacity = 128
    var values: [String: TargetSighting] = [:]
    public init(capacity: Int = TargetIndex.defaultCapacity) {}
    public mutating func record(_ text: String, source: ValueSource, step: Int, tool: String?) {
        TargetExtractor.forEachValue(in: text) { t in
            if let old = values[t.value] { if old.source != .task, source > old.source { values[t.value]!.source = source } }
            else { values[t.value] = TargetSighting(source: source, step: step, sourceTool: tool) }
        }
    }
    public mutating func recordTask(_ text: String) { record(text, source: .task, step: 0, tool: nil) }
    public func sighting(of target: Target) -> TargetSighting? { values[target.value] }
    public func isNamedInTask(_ target: Target) -> Bool { false }
    public var count: Int { values.count }
    public var dropped: Int { 0 }
}
extension String { fileprivate func trimmingCharacters(in set: String) -> String { var s = Substring(self); while let l = s.last, set.contains(l) { s.removeLast() }; return String(s) } }
