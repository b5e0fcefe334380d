// libFuzzer target `command`: CommandLineAnalyzer, SQLStatementAnalyzer and
// CodeSnippetAnalyzer over arbitrary bytes (repaired to a String, as the monitor's
// JSON decoding would hand them over).
//
// Oracle: no crash and no sanitizer report; every list within 16 entries of at most
// 256 bytes, the finding within 80 bytes; `destroyBroad` always with `destroy`; `read`
// never next to a stronger effect; the same input analysed twice gives the same answer.
import Drift

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let analyzers: [(String, (String) -> CommandAnalysis)] = [
        ("command", CommandLineAnalyzer.analyze), ("sql", SQLStatementAnalyzer.analyze), ("code", CodeSnippetAnalyzer.analyze),
    ]
    for (name, analyze) in analyzers {
        let result = analyze(text)
        check(result, name)
        expect(analyze(text) == result, "\(name): two analyses of one input differ")
    }
    return 0
}

private func check(_ result: CommandAnalysis, _ name: String) {
    let lists: [(String, [String])] = [("programs", result.programs), ("hosts", result.hosts),
                                       ("recipients", result.recipients), ("paths", result.paths)]
    for (list, entries) in lists {
        expect(entries.count <= CommandAnalysis.maximumListCount, "\(name): \(entries.count) \(list)")
        for entry in entries {
            expect(!entry.isEmpty, "\(name): an empty entry in \(list)")
            expect(entry.utf8.count <= CommandAnalysis.maximumEntryBytes, "\(name): a \(entry.utf8.count)-byte entry in \(list)")
        }
        if list != "programs" { expect(Set(entries).count == entries.count, "\(name): duplicates in \(list): \(entries)") }
    }
    expect(result.hosts.allSatisfy { $0 == $0.lowercased() }, "\(name): hosts not lower-cased: \(result.hosts)")
    expect((result.finding?.utf8.count ?? 0) <= CommandAnalysis.maximumFindingBytes, "\(name): finding of \(result.finding?.utf8.count ?? 0) bytes")
    expect(!result.effects.contains(.destroyBroad) || result.effects.contains(.destroy), "\(name): destroyBroad without destroy")
    expect(!result.effects.contains(.read) || result.effects.isDisjoint(with: CommandEffects.changes), "\(name): read next to \(result.effects)")
    expect(result.effects.rawValue < 1 << 10, "\(name): unknown effect bits \(result.effects.rawValue)")
}
