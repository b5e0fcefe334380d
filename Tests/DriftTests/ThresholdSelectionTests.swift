import Testing
@testable import Drift

@Suite("Alert thresholds chosen at fit time for a target false-positive rate")
struct ThresholdSelectionTests {
    /// The paper's rules (stable while the default policy grows), fitted with DONE and a
    /// 5% target: what the shipped default does with its own rules.
    static var policy: Policy {
        var policy = Policy.paper
        policy.fitting.doneState = true
        policy.monitor.targetFalsePositiveRate = 0.05
        return policy
    }

    static func step(_ tool: String, exposes: DataExposure? = nil, _ escalation: ToolEscalation, _ reversibility: Reversibility? = nil) -> Step {
        Step(tool: tool, labels: StepLabels(exposes: exposes, escalation: escalation, reversibility: reversibility))
    }

    /// Three-step traces, half of them violating at the last step: public read, sensitive
    /// read (MILD), then a send (VIOLATED) or a local write (stays MILD); a third of the
    /// safe ones never leave SAFE.
    static func shortCorpus(_ n: Int = 60, category: String = "ops") -> [Trace] {
        (0..<n).map { i in
            let first = step("read_file", exposes: .public, .readOnly)
            if i % 2 == 0 {
                // Ground truth, so that which traces violate does not hang on the policy's rules.
                return Trace(id: "\(category)-v\(i)", category: category, steps: [
                    first, step("read_file", exposes: .sensitive, .readOnly), step("send_email", .network, .irreversible),
                ], groundTruth: GroundTruth(violated: true, violationStep: 2))
            }
            if i % 3 == 0 {
                return Trace(
                    id: "\(category)-q\(i)", category: category, steps: [first, step("list_dir", .readOnly), step("read_file", exposes: .public, .readOnly)],
                    groundTruth: GroundTruth(violated: false))
            }
            return Trace(id: "\(category)-s\(i)", category: category, steps: [
                first, step("read_file", exposes: .sensitive, .readOnly), step("write_file", .fileWrite, .partially),
            ], groundTruth: GroundTruth(violated: false))
        }
    }

    @Test("the lowest threshold meeting the target sits in the middle of its gap", arguments: [
        // 20 safe peaks 0.01 ... 0.20: 5% of 20 = 1 may alert, so t lies between the
        // second-highest (0.19) and the next score above it.
        ([Double](stride(from: 0.01, through: 0.2001, by: 0.01)), [0.5, 0.3], 0.05, 0.195, 0.05, 1.0),
        // 10 safe traces: none may alert at 5%; t above the highest (0.4), below 0.6.
        ([0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4], [0.6, 0.35], 0.05, 0.5, 0.0, 0.5),
        // Ties at the bound: both tied traces must go quiet.
        ([0.3, 0.3, 0.1, 0.1, 0.1], [0.3, 0.9], 0.2, 0.6, 0.0, 0.5),
        // Nothing scores above the highest safe trace: halfway to 1, no detection.
        ([0.2, 0.2, 0.2, 0.2, 0.2], [0.1], 0.05, 0.6, 0.0, 0.0),
    ])
    func lowestThreshold(safe: [Double], violating: [Double], target: Double, value: Double, fpr: Double, detection: Double) {
        let choice = ThresholdSelection.lowestThreshold(safePeaks: safe, violatingPeaks: violating, target: target)
        #expect(abs(choice.value - value) < 1e-9)
        #expect(abs(choice.falsePositiveRate - fpr) < 1e-9)
        #expect(abs((choice.detectionRate ?? -1) - detection) < 1e-9)
        #expect(choice.falsePositiveRate <= target)
        #expect(choice.reason == nil)
    }

    @Test("safe traces that reach p = 1 alert at any threshold: the least false positives, with a reason")
    func unavoidableFalsePositives() throws {
        let choice = ThresholdSelection.lowestThreshold(safePeaks: [1, 1, 0.4, 0.2, 0.1, 0.1], violatingPeaks: [0.8], target: 0.05)
        #expect(abs(choice.value - 0.6) < 1e-9)
        #expect(abs(choice.falsePositiveRate - 2.0 / 6) < 1e-9)
        #expect(choice.detectionRate == 1)
        #expect(try #require(choice.reason).contains("2 held-out safe traces reach p = 1"))
        let all = ThresholdSelection.lowestThreshold(safePeaks: [1, 1, 1, 1, 1], violatingPeaks: [], target: 0.5)
        #expect(all.value == 1)
        #expect(all.detectionRate == nil)
    }

    @Test("short traces: no safe trace alerts at step one, and the held-out FPR stays near the target")
    func shortTracesDoNotAlertAtStepOne() throws {
        let policy = Self.policy
        let target = try #require(policy.monitor.targetFalsePositiveRate)
        let corpus = Self.shortCorpus()
        let split = EvaluationSplit.holdOut(corpus, policy: policy, testFraction: 0.3, seed: 7)
        let model = try ModelFitter.fit(split.train, policy: policy)
        let chosen = try #require(model.thresholds?.categories["ops"])
        #expect(chosen.method == .crossValidated)
        #expect(chosen.folds == 5)
        #expect(try #require(chosen.measuredFalsePositiveRate) <= target)
        let monitor = try Monitor(policy: policy, model: model)
        #expect(monitor.threshold(for: "ops") == chosen.value)
        var safe = 0
        var alerted = 0
        for trace in split.test where !policy.outcome(of: trace).violated {
            let replay = TraceReplay(trace, through: monitor, truth: policy.outcome(of: trace))
            safe += 1
            #expect(replay.firstAlert(atThreshold: monitor.threshold(for: trace.category)) != 0, "\(trace.id) alerts at step one")
            if replay.firstAlert(atThreshold: monitor.threshold(for: trace.category)) != nil { alerted += 1 }
        }
        #expect(safe >= 5)
        #expect(Double(alerted) / Double(safe) <= target + 0.05)
    }

    @Test("near miss: without DONE and at the fixed 0.5, the same corpus alerts at step one on a trace that never leaves SAFE")
    func fixedThresholdWithoutDoneAlerts() throws {
        let policy = Policy.paper
        #expect(!policy.fitting.doneState && policy.monitor.targetFalsePositiveRate == nil)
        let corpus = Self.shortCorpus()
        let model = try ModelFitter.fit(corpus, policy: policy)
        #expect(model.thresholds == nil)
        let monitor = try Monitor(policy: policy, model: model)
        #expect(monitor.threshold(for: "ops") == 0.5)
        // Without DONE every state drifts into VIOLATED: even SAFE's p5 passes 0.5.
        let replay = TraceReplay(corpus[3], through: monitor, truth: policy.outcome(of: corpus[3]))
        #expect(replay.firstAlert(atThreshold: 0.5) == 0)
    }

    @Test("a category with fewer than 5 safe traces keeps the policy's threshold and says why")
    func fallbackForFewSafeTraces() throws {
        let corpus = Self.shortCorpus() + Self.shortCorpus(6, category: "tiny")
        let model = try ModelFitter.fit(corpus, policy: Self.policy)
        let tiny = try #require(model.thresholds?.categories["tiny"])
        #expect(tiny.method == .policy)
        #expect(tiny.value == Self.policy.monitor.threshold)
        #expect(try #require(tiny.reason) == "3 safe traces (need 5) to measure a false-positive rate")
        #expect(model.thresholds?.pooled.method == .crossValidated)
        let one = try ModelFitter.fit([corpus[0]], policy: Self.policy)
        #expect(one.thresholds?.pooled.reason == "1 trace: too few to cross-validate")
    }

    @Test("an override wins, then the model's thresholds, then the policy's; thresholds for another horizon do not apply")
    func precedence() throws {
        let model = try ModelFitter.fit(Self.shortCorpus(), policy: Self.policy)
        let fitted = try #require(model.thresholds)
        var parameters = Self.policy.monitor
        #expect(try Monitor(policy: Self.policy, model: model, parameters: parameters).threshold(for: "ops") == fitted.categories["ops"]!.value)
        #expect(try Monitor(policy: Self.policy, model: model, parameters: parameters).threshold(for: "unknown") == fitted.pooled.value)
        #expect(try Monitor(policy: Self.policy, model: model, parameters: parameters).threshold(for: nil) == fitted.pooled.value)
        var fixed = parameters
        fixed.overrideThreshold(0.3)
        #expect(try Monitor(policy: Self.policy, model: model, parameters: fixed).threshold(for: "ops") == 0.3)
        var off = parameters
        off.targetFalsePositiveRate = nil
        #expect(try Monitor(policy: Self.policy, model: model, parameters: off).threshold(for: "ops") == 0.5)
        parameters.horizon = 3
        #expect(try Monitor(policy: Self.policy, model: model, parameters: parameters).threshold(for: "ops") == 0.5)
        #expect(model.alertThreshold(for: "ops", parameters: parameters).source == .policy)
    }

    @Test("thresholds survive the model file; a model without them still loads; merging drops them")
    func modelFile() throws {
        let model = try ModelFitter.fit(Self.shortCorpus() + Self.shortCorpus(6, category: "tiny"), policy: Self.policy)
        let text = model.jsonValue().serialized(pretty: true)
        let loaded = try ChainModel.decode(Array(text.utf8), file: "model.json")
        #expect(loaded.thresholds == model.thresholds)
        #expect(loaded == model)
        var old = model
        old.thresholds = nil
        let oldText = old.jsonValue().serialized()
        #expect(!oldText.contains("\"thresholds\""))
        #expect(try ChainModel.decode(Array(oldText.utf8), file: "old.json").thresholds == nil)
        #expect(try model.merged(with: old).thresholds == nil)
        let broken = text.replacingOccurrences(of: "\"method\": \"policy\"", with: "\"method\": \"guess\"")
        #expect(throws: InputError.self) { try ChainModel.decode(Array(broken.utf8), file: "model.json") }
    }

    @Test("a hostile thresholds section is an error naming the field, never a crash", arguments: [
        ("{\"horizon\": 5, \"chain\": \"coarse\", \"target_fpr\": 0.05, \"seed\": \"1\", \"categories\": {}}", "thresholds"),
        ("{\"horizon\": 5, \"chain\": \"round\", \"target_fpr\": 0.05, \"seed\": \"1\", \"pooled\": {}, \"categories\": {}}", "thresholds.chain"),
        ("{\"horizon\": 5, \"chain\": \"coarse\", \"target_fpr\": 0.05, \"seed\": \"-1\", \"pooled\": {}, \"categories\": {}}", "thresholds.seed"),
        ("{\"horizon\": 5, \"chain\": \"coarse\", \"target_fpr\": 0.05, \"seed\": \"1\", \"pooled\": {\"value\": 0, \"method\": \"policy\", \"target_fpr\": 0.05}, \"categories\": {}}", "thresholds.pooled.value"),
        ("{\"horizon\": 5, \"chain\": \"coarse\", \"target_fpr\": 0.05, \"seed\": \"1\", \"pooled\": {\"value\": 7, \"method\": \"policy\", \"target_fpr\": 0.05}, \"categories\": {}}", "thresholds.pooled.value"),
        ("{\"horizon\": 5, \"chain\": \"coarse\", \"target_fpr\": 2, \"seed\": \"1\", \"pooled\": {\"value\": 0.5, \"method\": \"policy\", \"target_fpr\": 0.05}, \"categories\": {}}", "thresholds.target_fpr"),
        ("[1, 2, 3]", "thresholds"),
    ])
    func hostileThresholds(section: String, path: String) throws {
        let model = ChainModel(policy: .default)
        var text = model.jsonValue().serialized()
        text.removeLast()
        text += ", \"thresholds\": \(section)}"
        let error = #expect(throws: InputError.self) { try ChainModel.decode(Array(text.utf8), file: "m.json") }
        #expect(error?.path == path, "\(String(describing: error))")
    }
}
