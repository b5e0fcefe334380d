import Testing
@testable import Drift

@Suite("Risk tables and the monitor")
struct MonitorTests {
    /// The default policy without smoothing or shrinkage, so that numbers are exact.
    static var exactPolicy: Policy {
        var policy = Policy.paper
        policy.fitting.doneState = true
        policy.fitting.smoothing = 0
        policy.fitting.shrinkage = 0
        policy.fitting.minimumCategoryTransitions = 0
        return policy
    }

    /// comms: SAFE -> {SAFE 1/2, MILD 1/4, DONE 1/4}; MILD -> {MILD 1/2, VIOLATED 1/2}.
    static var model: ChainModel {
        var fitter = ModelFitter(policy: exactPolicy)
        fitter.add(Fixtures.exfiltration)
        fitter.add(Fixtures.harmless)
        return fitter.model
    }

    @Test("tables match the hand-derived chain: p_k(MILD) = 1 - 2^-k, P(ever | SAFE) = 1/2")
    func handDerivedTables() throws {
        let tables = try RiskTables(model: Self.model, kind: .coarse, horizon: 10)
        let comms = try #require(tables.categories["comms"])
        let mild = comms.states[RiskLevel.mild.rawValue]
        let safe = comms.states[RiskLevel.safe.rawValue]
        for k in 1...10 {
            #expect(abs(mild.probability(within: k) - (1 - pow(0.5, Double(k)))) < 1e-12)
        }
        // p_{k+1}(SAFE) = p_k(SAFE)/2 + p_k(MILD)/4, p_1(SAFE) = 0.
        var p = 0.0
        for k in 1...10 {
            #expect(abs(safe.probability(within: k) - p) < 1e-12)
            p = p / 2 + (1 - pow(0.5, Double(k))) / 4
        }
        #expect(abs(safe.eventualViolation - 0.5) < 1e-12)
        #expect(abs(mild.eventualViolation - 1) < 1e-12)
        #expect(abs(mild.expectedStepsToViolation! - 2) < 1e-12)
        #expect(mild.medianStepsToViolation == 1)
        // Given a violation from SAFE: 1 + geometric waits; E = (N b)/b. N b(SAFE) = 2*(b + 1/4 * N b(MILD))... = 2*(0.5 + 0.25*2) = 2, so E = 2 / 0.5 = 4.
        #expect(abs(safe.expectedStepsToViolation! - 4) < 1e-12)
        #expect(!comms.states[RiskLevel.elevated.rawValue].seen)
        #expect(comms.pointsOfNoReturn(within: 5, threshold: 0.85) == [RiskLevel.mild.rawValue])
    }

    @Test("an unknown or missing category is answered by the pooled chain, and says so")
    func pooledFallback() throws {
        let tables = try RiskTables(model: Self.model, kind: .coarse, horizon: 5)
        #expect(tables.tables(for: "nonexistent").fellBack)
        #expect(tables.tables(for: nil).tables.name == "pooled")
        #expect(!tables.tables(for: "comms").fellBack)
    }

    @Test("a category with too few transitions is served by the pooled chain")
    func sparseCategory() throws {
        var policy = Self.exactPolicy
        policy.fitting.minimumCategoryTransitions = 4
        var fitter = ModelFitter(policy: policy)
        fitter.add(Fixtures.exfiltration)
        fitter.add(Fixtures.harmless)
        fitter.add(Fixtures.technical)  // 3 transitions: too few
        let tables = try RiskTables(model: fitter.model, kind: .coarse, horizon: 5)
        #expect(tables.categories["sysadmin"]!.usesPooled)
        #expect(!tables.categories["comms"]!.usesPooled)
    }

    @Test("one alert on crossing the threshold, one more when the level rises, repeats counted not sent")
    func hysteresis() throws {
        let monitor = try Monitor(policy: Self.exactPolicy, model: Self.model)
        var session = monitor.startSession(category: "comms")
        let first = monitor.assess(Fixtures.step("list_dir", .readOnly), in: &session)
        #expect(!first.alert && first.level == .safe)
        let second = monitor.assess(Fixtures.step("read_file", exposes: .sensitive, .readOnly), in: &session)
        #expect(second.alert && second.alertReason == .crossedThreshold && second.level == .mild)
        let third = monitor.assess(Fixtures.step("write_file", .fileWrite, .partially), in: &session)
        #expect(!third.alert && third.level == .mild)
        #expect(session.suppressedAlerts == 1)
        let fourth = monitor.assess(Fixtures.step("send_email", .network, .irreversible), in: &session)
        #expect(fourth.alert && fourth.alertReason == .levelRose && fourth.level == .violated)
        #expect(session.alerts == 2 && session.steps == 4)
    }

    @Test("check answers what-if without touching the session")
    func checkIsPure() throws {
        let monitor = try Monitor(policy: Self.exactPolicy, model: Self.model)
        var session = monitor.startSession(category: "comms")
        _ = monitor.assess(Fixtures.step("read_file", exposes: .sensitive, .readOnly), in: &session)
        let before = session
        let whatIf = monitor.check(Fixtures.step("send_email", .network, .irreversible), in: session)
        #expect(whatIf.level == .violated && whatIf.pAlert == 1)
        #expect(session == before)
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(exponent) { result *= base }
    return result
}
