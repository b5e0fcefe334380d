import Testing
@testable import Drift

@Suite("The policy's monitor section: target_fpr and the DONE default")
struct MonitorParametersTests {
    static func policy(monitor: String) throws -> Policy {
        let text = """
            {"rules": [{"name": "otherwise", "when": {}, "level": "SAFE"}],
             "monitor": \(monitor)}
            """
        return try Policy.decode(Array(text.utf8), file: "p.json")
    }

    @Test("target_fpr: a rate in (0, 1), or null or \"off\" to switch it off; absent keeps 0.05", arguments: [
        ("{}", Double?.some(0.05)),
        ("{\"target_fpr\": 0.1}", Double?.some(0.1)),
        ("{\"target_fpr\": null}", Double?.none),
        ("{\"target_fpr\": \"off\"}", Double?.none),
        ("{\"target_fpr\": \"OFF\"}", Double?.none),
    ])
    func targetRate(monitor: String, expected: Double?) throws {
        #expect(try Self.policy(monitor: monitor).monitor.targetFalsePositiveRate == expected)
    }

    @Test("target_fpr outside (0, 1) or of the wrong kind is an error naming the field", arguments: [
        "0", "1", "-0.2", "1.5", "\"sometimes\"", "true",
    ])
    func badTargetRate(value: String) {
        let error = #expect(throws: InputError.self) { try Self.policy(monitor: "{\"target_fpr\": \(value)}") }
        #expect(error?.path == "monitor.target_fpr")
    }

    @Test("the shipped policy fits with DONE and a 5% target; a policy without a fitting section gets DONE too")
    func defaults() throws {
        #expect(Policy.default.fitting.doneState)
        #expect(Policy.default.monitor.targetFalsePositiveRate == 0.05)
        #expect(try Self.policy(monitor: "{}").fitting.doneState)
    }

    @Test("an override sets both the threshold and the marker that it was given explicitly")
    func override() {
        var parameters = MonitorParameters()
        #expect(parameters.thresholdOverride == nil)
        parameters.overrideThreshold(0.25)
        #expect(parameters.threshold == 0.25)
        #expect(parameters.thresholdOverride == 0.25)
    }
}
