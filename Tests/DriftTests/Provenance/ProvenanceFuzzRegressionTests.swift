import Foundation
import Testing
@testable import Drift

@Suite("Provenance fuzz regressions")
struct ProvenanceFuzzRegressionTests {
    @Test("inputs the provenance fuzz target failed on extract normalised values")
    func regressions() {
        let cases = HostileInputTests.regressions("provenance")
        #expect(!cases.isEmpty)
        for (name, bytes) in cases {
            let text = String(decoding: bytes, as: UTF8.self)
            TargetExtractor.forEachValue(in: text) { target in
                #expect(Target.normalized(target.value, as: target.kind) == target, "\(name): \(target)")
            }
        }
    }
}
