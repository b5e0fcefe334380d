// libFuzzer target `json`: JSONParser.parse over arbitrary bytes.
//
// Oracle: no crash (ASan watches memory); an error names a line and column inside the
// input; a document that parses serializes, compactly and pretty, to text that parses
// back to an equal value.
import JSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    // Both duplicate-key modes and a small depth limit, as the daemon uses (64).
    let strict = JSONParser.Limits(maximumDepth: 512)
    let lenient = JSONParser.Limits(maximumDepth: 64, rejectDuplicateKeys: false)
    for limits in [strict, lenient] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, limits: limits)
        } catch {
            expect(error.line >= 1 && error.column >= 1, "error outside the input: \(error)")
            expect(!error.message.isEmpty, "an error without a message")
            continue
        }
        for pretty in [false, true] {
            let text = value.serialized(pretty: pretty)
            let again: JSONValue
            do {
                again = try JSONParser.parse(text, limits: .init(maximumDepth: limits.maximumDepth, rejectDuplicateKeys: limits.rejectDuplicateKeys))
            } catch {
                fail("serialized output does not parse (\(error)): \(text)")
            }
            expect(again == value, "round trip changed the value: \(text)")
        }
    }
    return 0
}
