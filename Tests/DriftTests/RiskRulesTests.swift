import Testing
@testable import Drift

@Suite("The default rules")
struct RiskRulesTests {
    @Test("the 60 (D,T,R) combinations give 27 SAFE, 14 MILD, 10 ELEVATED, 7 CRITICAL, 2 VIOLATED")
    func paperCounts() {
        var counts: [RiskLevel: Int] = [:]
        for d in DataExposure.allCases {
            for t in ToolEscalation.allCases {
                for r in Reversibility.allCases {
                    counts[Policy.paper.level(of: RiskState(exposure: d, escalation: t, reversibility: r)), default: 0] += 1
                }
            }
        }
        #expect(counts == [.safe: 27, .mild: 14, .elevated: 10, .critical: 7, .violated: 2])
    }

    @Test("the first matching rule decides, in the file's order", arguments: [
        (RiskState(exposure: .sensitive, escalation: .network, reversibility: .irreversible), RiskLevel.violated, "exfiltration"),
        (RiskState(exposure: .credentials, escalation: .network, reversibility: .irreversible), .violated, "exfiltration"),
        (RiskState(exposure: .credentials, escalation: .network, reversibility: .partially), .critical, "credentials-with-execution"),
        (RiskState(exposure: .sensitive, escalation: .network, reversibility: .partially), .critical, "sensitive-with-network"),
        (RiskState(exposure: .credentials, escalation: .readOnly), .elevated, "credentials-exposed"),
        (RiskState(exposure: .internal, escalation: .network), .mild, "internal-with-network"),
        (RiskState(exposure: .public, escalation: .network, reversibility: .irreversible), .safe, "otherwise"),
    ])
    func firstMatch(state: RiskState, level: RiskLevel, rule: String) {
        #expect(Policy.paper.level(of: state) == level)
        #expect(Policy.paper.rules.decidingRule(for: state)?.name == rule)
    }

    @Test("the state index is a bijection with the initial state at 0")
    func stateIndex() {
        #expect(RiskState.initial.index == 0)
        let all = RiskState.all
        #expect(Set(all).count == RiskState.count)
        for state in all {
            #expect(RiskState(index: state.index) == state)
            #expect(RiskState(name: state.name) == state)
        }
    }

    @Test("conditions parse the policy's spelling and reject unknown levels")
    func conditionSyntax() throws {
        #expect(try RiskRule.Condition.parse(">= SENSITIVE", dimension: .exposure).get() == .init(.exposure, .atLeast, 3))
        #expect(try RiskRule.Condition.parse("network", dimension: .escalation).get() == .init(.escalation, .equal, 3))
        guard case .failure(let error) = RiskRule.Condition.parse(">= SECRET", dimension: .exposure) else {
            Issue.record("SECRET parsed")
            return
        }
        #expect(error.message == "unknown level \"SECRET\" for data_exposure (one of NONE, PUBLIC, INTERNAL, SENSITIVE, CREDENTIALS)")
    }
}

@Suite("Monotone updates")
struct RiskStateTests {
    @Test("D, T and U never go down and R follows the latest step that sets it, over random sequences")
    func monotone() {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<500 {
            var state = RiskState.initial
            for _ in 0..<Int.random(in: 1...30, using: &random) {
                let effect = StepEffect(
                    exposure: DataExposure.allCases.randomElement(using: &random)!,
                    escalation: ToolEscalation.allCases.randomElement(using: &random)!,
                    reversibility: Bool.random(using: &random) ? Reversibility.allCases.randomElement(using: &random)! : nil,
                    taint: Taint.allCases.randomElement(using: &random)!)
                let next = state.applying(effect)
                #expect(next.exposure >= state.exposure && next.exposure >= effect.exposure)
                #expect(next.escalation >= state.escalation && next.escalation >= effect.escalation)
                #expect(next.taint >= state.taint)
                #expect(next.reversibility == (effect.reversibility ?? state.reversibility))
                state = next
            }
        }
    }

    @Test("replaying random tool sequences through the policy never lowers D or T")
    func monotoneThroughPolicy() {
        var random = SplitMix64(seed: 7)
        let tools = ["read_file", "write_file", "run_shell", "send_email", "fetch_url", "query_db", "mystery"]
        let paths = ["/app/.env", "/data/customers.csv", "/tmp/x", "notes.txt", "/home/u/.ssh/id_rsa"]
        for _ in 0..<200 {
            let steps = (0..<Int.random(in: 1...20, using: &random)).map { _ in
                Step(tool: tools.randomElement(using: &random)!, arguments: ["path": .string(paths.randomElement(using: &random)!)],
                     failed: Int.random(in: 0..<5, using: &random) == 0)
            }
            let points = Policy.paper.trajectory(of: Trace(id: "r", category: nil, steps: steps)).points
            for (a, b) in zip(points, points.dropFirst()) {
                #expect(b.state.exposure >= a.state.exposure)
                #expect(b.state.escalation >= a.state.escalation)
            }
        }
    }
}
