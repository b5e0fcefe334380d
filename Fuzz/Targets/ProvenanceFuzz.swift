// libFuzzer target `provenance`: TargetExtractor and TargetIndex over arbitrary bytes.
//
// Oracle: no crash; `forEachValue` reports at most its limit, every value non-empty,
// within the per-value cap, and already normalised (normalising it again returns it
// unchanged); an index holds at most its capacity; a value extracted from text that
// was recorded reads back from the same source unless the index dropped values; a
// task value outranks anything recorded after it; when the bytes parse as JSON, the
// argument targets are at most their limit, distinct and normalised.
import Drift
import JSON

private func checkNormalised(_ target: Target, _ origin: String) {
    expect(!target.value.isEmpty, "\(origin): empty \(target.kind.name) value")
    expect(target.value.utf8.count <= 2048, "\(origin): \(target.kind.name) value of \(target.value.utf8.count) bytes")
    let again = Target.normalized(target.value, as: target.kind)
    expect(again == target, "\(origin): \(target.kind.name) \(target.value) normalises again to \(again?.value ?? "nil")")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)

    var found: [Target] = []
    TargetExtractor.forEachValue(in: text) { found.append($0) }
    expect(found.count <= 512, "\(found.count) values over the default limit")
    for target in found { checkNormalised(target, "text") }
    var few = 0
    TargetExtractor.forEachValue(in: text, limit: 3) { _ in few += 1 }
    expect(few == min(3, found.count), "limit 3 gave \(few) of \(found.count) values")

    // Recorded as a result, every value reads back as untrusted from step 1.
    var results = TargetIndex()
    results.record(text, source: .untrusted, step: 1, tool: "fuzz")
    expect(results.count <= TargetIndex.defaultCapacity, "\(results.count) values held")
    if results.dropped == 0 {
        for target in found {
            let s = results.sighting(of: target)
            expect(s == TargetSighting(source: .untrusted, step: 1, sourceTool: "fuzz"), "\(target) reads back as \(String(describing: s))")
        }
    }
    // The task wins over a later instructed sighting of the same text.
    var session = TargetIndex(capacity: 8)
    session.recordTask(text)
    session.record(text, source: .instructed, step: 2, tool: nil)
    expect(session.count <= 8, "\(session.count) values held at capacity 8")
    for target in found.prefix(64) {
        if let s = session.sighting(of: target), s.source != .task {
            expect(s.step == 2, "\(target) from the result reads step \(s.step)")
        }
        _ = session.isNamedInTask(target, displayName: text)
    }

    if let value = try? JSONParser.parse(bytes, limits: .init(maximumDepth: 64)) {
        let targets = TargetExtractor.targets(in: value, limit: 8)
        expect(targets.count <= 8, "\(targets.count) argument targets over the limit")
        expect(Set(targets).count == targets.count, "duplicate argument targets \(targets)")
        for target in targets {
            checkNormalised(target, "arguments")
            _ = session.sighting(of: target)
        }
    }
    return 0
}
