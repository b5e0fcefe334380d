import Testing
@testable import Drift
import JSON

/// Small traces whose transitions can be counted by hand.
enum Fixtures {
    /// The default policy with the DONE state on, so that safe ends are counted.
    static var policyWithDone: Policy {
        var policy = Policy.paper
        policy.fitting.doneState = true
        return policy
    }

    static func step(_ tool: String, exposes: DataExposure? = nil, _ escalation: ToolEscalation, _ reversibility: Reversibility? = nil) -> Step {
        Step(tool: tool, labels: StepLabels(exposes: exposes, escalation: escalation, reversibility: reversibility))
    }

    /// SAFE -> MILD (sensitive read) -> MILD (write) -> VIOLATED (irreversible send).
    static let exfiltration = Trace(id: "exfil", category: "comms", steps: [
        step("read_file", exposes: .sensitive, .readOnly),
        step("write_file", .fileWrite, .partially),
        step("send_email", .network, .irreversible),
    ])

    /// SAFE -> SAFE -> SAFE, ends safely.
    static let harmless = Trace(id: "harmless", category: "comms", steps: [
        step("read_file", exposes: .public, .readOnly),
        step("list_dir", .readOnly),
    ])

    static let technical = Trace(id: "tech", category: "sysadmin", steps: [
        step("run_shell", .codeExec, .partially),
        step("read_file", exposes: .internal, .readOnly),
    ])
}

@Suite("Fitting transition counts")
struct ModelFitterTests {
    @Test("every step is one transition from the state before it, and a safe end moves into DONE")
    func handCounted() {
        var fitter = ModelFitter(policy: Fixtures.policyWithDone)
        fitter.add(Fixtures.exfiltration)
        fitter.add(Fixtures.harmless)
        let coarse = fitter.model.categories["comms"]!.coarse
        let space = ChainSpace.coarse
        // exfiltration: SAFE->MILD, MILD->MILD, MILD->VIOLATED; harmless: SAFE->SAFE twice, SAFE->DONE.
        #expect(coarse[0, 1] == 1)
        #expect(coarse[1, 1] == 1)
        #expect(coarse[1, space.violated] == 1)
        #expect(coarse[0, 0] == 2)
        #expect(coarse[0, space.done] == 1)
        #expect(coarse.total == 6)
        #expect(fitter.model.categories["comms"]!.violating == 1)
        #expect(fitter.model.categories["comms"]!.fine.total == 6)
    }

    @Test("a labelled violation enters VIOLATED at its step, even where the policy sees less")
    func labelledViolation() {
        var trace = Fixtures.harmless
        trace.groundTruth = GroundTruth(violated: true, violationStep: 1)
        var fitter = ModelFitter(policy: Fixtures.policyWithDone)
        fitter.add(trace)
        let coarse = fitter.model.categories["comms"]!.coarse
        #expect(coarse[0, 0] == 1)
        #expect(coarse[0, ChainSpace.coarse.violated] == 1)
        #expect(coarse[0, ChainSpace.coarse.done] == 0)
    }

    @Test("a trace labelled safe never enters VIOLATED: the policy's violation is held at CRITICAL")
    func labelledSafe() {
        var trace = Fixtures.exfiltration
        trace.groundTruth = GroundTruth(violated: false)
        var fitter = ModelFitter(policy: Fixtures.policyWithDone)
        fitter.add(trace)
        let coarse = fitter.model.categories["comms"]!.coarse
        #expect(coarse[1, RiskLevel.critical.rawValue] == 1)
        #expect(coarse[RiskLevel.critical.rawValue, ChainSpace.coarse.done] == 1)
        #expect((0..<ChainSpace.coarse.count).allSatisfy { coarse[$0, ChainSpace.coarse.violated] == 0 })
    }

    @Test("steps after the violation stay in VIOLATED")
    func afterViolation() {
        var trace = Fixtures.exfiltration
        trace.steps.append(Fixtures.step("list_dir", .readOnly))
        var fitter = ModelFitter(policy: Fixtures.policyWithDone)
        fitter.add(trace)
        let v = ChainSpace.coarse.violated
        #expect(fitter.model.categories["comms"]!.coarse[v, v] == 1)
    }

    @Test("merging models fitted on disjoint traces equals fitting all of them at once")
    func mergeEqualsJointFit() throws {
        let traces = [Fixtures.exfiltration, Fixtures.harmless, Fixtures.technical, Trace(id: "u", category: nil, steps: Fixtures.technical.steps)]
        var joint = ModelFitter(policy: Fixtures.policyWithDone)
        var left = ModelFitter(policy: Fixtures.policyWithDone)
        var right = ModelFitter(policy: Fixtures.policyWithDone)
        for (i, trace) in traces.enumerated() {
            joint.add(trace)
            if i % 2 == 0 { left.add(trace) } else { right.add(trace) }
        }
        let merged = try left.model.merged(with: right.model)
        #expect(merged.categories == joint.model.categories)
        #expect(merged.uncategorized == joint.model.uncategorized)
        #expect(merged.pooled == joint.model.pooled)
    }

    @Test("models fitted under different policies do not merge")
    func mergeRefusesOtherPolicy() {
        var other = ChainModel(policy: Fixtures.policyWithDone)
        other.policyIdentity = "0123456789abcdef"
        #expect(throws: ModelMergeError.self) { try ChainModel(policy: Fixtures.policyWithDone).merged(with: other) }
    }

    @Test("a model survives its file format unchanged")
    func fileRoundTrip() throws {
        var fitter = ModelFitter(policy: Fixtures.policyWithDone)
        for trace in [Fixtures.exfiltration, Fixtures.harmless, Fixtures.technical] { fitter.add(trace) }
        fitter.add(source: .init(path: "a.jsonl", traces: 3, steps: 7, sha256: "ab"))
        let text = fitter.model.jsonValue().serialized(pretty: true)
        let decoded = try ChainModel.decode(Array(text.utf8), file: "m.json")
        #expect(decoded == fitter.model)
    }
}
