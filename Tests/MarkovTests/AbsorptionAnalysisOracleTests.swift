import Testing
import Markov

/// AbsorptionAnalysis against brute force on random small chains.
@Suite("AbsorptionAnalysis against a brute-force oracle")
struct AbsorptionAnalysisOracleTests {
    static let chainCount = 40
    static let horizon = 12

    static func cases() throws -> [(chain: AbsorbingChain, target: String)] {
        var generator = SeededGenerator(seed: 0x5AFE_D21F)
        return try (0..<chainCount).map { _ in
            let chain = try generator.absorbingChain()
            let target = chain.states[chain.absorbing.randomElement(using: &generator)!]
            return (chain, target)
        }
    }

    @Test("p_k equals the (s, target) entry of P^k for k = 1...12")
    func withinHorizonMatchesPowers() throws {
        for (chain, target) in try Self.cases() {
            let analysis = try AbsorptionAnalysis(chain: chain, target: target, horizon: Self.horizon)
            let powers = BruteForce.powers(chain.matrix, n: chain.count, count: Self.horizon)
            for s in 0..<chain.count {
                for k in 1...Self.horizon {
                    expectClose(analysis.violationProbability(from: s, within: k),
                                powers[k - 1][s * chain.count + analysis.target], within: 1e-12,
                                "\(chain.states) state \(s) k \(k)")
                }
            }
        }
    }

    // P^(2^14) by repeated squaring rather than P^1000: every positive weight
    // is at least 0.05 of at most nine, so the transient mass that can still be
    // absorbed decays geometrically, and 16,384 steps leave margin for the
    // slowest seeded chains against the 1e-9 asked.
    @Test("absorption B equals the absorbing columns of P^16384")
    func absorptionMatchesLimit() throws {
        for (chain, target) in try Self.cases() {
            let analysis = try AbsorptionAnalysis(chain: chain, target: target, horizon: 1)
            let n = chain.count
            var limit = chain.matrix
            for _ in 0..<14 { limit = BruteForce.multiply(limit, limit, n: n) }
            for (position, s) in chain.transient.enumerated() {
                for (column, a) in chain.absorbing.enumerated() {
                    expectClose(analysis.absorption[position][column], limit[s * n + a], within: 1e-9,
                                "\(chain.states) state \(s) into \(a)")
                }
                let absorbed = chain.absorbing.reduce(0.0) { $0 + limit[s * n + $1] }
                #expect((analysis.expectedSteps[position] == nil) == (absorbed < 1 - 1e-9),
                        "\(chain.states) state \(s): nil expected steps exactly when absorption is not certain")
                #expect(analysis.neverAbsorbed.contains(s) == (absorbed == 0))
            }
        }
    }

    // Σ_k k P(T = k) / b and Σ_k P(not absorbed after k steps), with P(T <= k)
    // and the absorbed mass from the columns of P^k, iterated one plain
    // matrix-vector product at a time, for 10,000 steps: ample for these seeded
    // chains (a truncated tail would show as a mismatch).
    @Test("expected steps, to the target and to absorption, equal their series summed far enough")
    func expectedStepsMatchSeries() throws {
        let steps = 10_000
        for (chain, target) in try Self.cases() {
            let analysis = try AbsorptionAnalysis(chain: chain, target: target, horizon: 1)
            let n = chain.count
            var reached = [Double](repeating: 0, count: n)
            reached[analysis.target] = 1
            var absorbed = [Double](repeating: 0, count: n)
            for a in chain.absorbing { absorbed[a] = 1 }
            var weightedTime = [Double](repeating: 0, count: n)
            var survival = [Double](repeating: 0, count: n)
            for k in 1...steps {
                let next = BruteForce.multiply(chain.matrix, vector: reached, n: n)
                for s in 0..<n {
                    weightedTime[s] += Double(k) * (next[s] - reached[s])
                    survival[s] += 1 - absorbed[s]
                }
                reached = next
                absorbed = BruteForce.multiply(chain.matrix, vector: absorbed, n: n)
            }
            for (position, s) in chain.transient.enumerated() {
                let b = analysis.absorption[position][chain.absorbing.firstIndex(of: analysis.target)!]
                if b == 0 {
                    #expect(analysis.expectedStepsToTarget[position] == nil)
                } else {
                    let expected = weightedTime[s] / b
                    expectClose(analysis.expectedStepsToTarget[position], expected,
                                within: 1e-9 * max(1, expected), "\(chain.states) state \(s)")
                }
                if let t = analysis.expectedSteps[position] {
                    expectClose(t, survival[s], within: 1e-9 * max(1, t), "\(chain.states) state \(s)")
                }
            }
        }
    }

    @Test("the fundamental matrix, when there is one, inverts I - Q")
    func fundamentalMatrixInverts() throws {
        var checked = 0
        for (chain, target) in try Self.cases() {
            let analysis = try AbsorptionAnalysis(chain: chain, target: target, horizon: 1)
            guard let n = analysis.fundamentalMatrix() else {
                #expect(!analysis.neverAbsorbed.isEmpty)
                continue
            }
            checked += 1
            let t = chain.transient
            for i in t.indices {
                for j in t.indices {
                    // ((I - Q) N)[i][j]
                    var sum = n[i * t.count + j]
                    for l in t.indices { sum -= chain.probability(from: t[i], to: t[l]) * n[l * t.count + j] }
                    expectClose(sum, i == j ? 1 : 0, within: 1e-9)
                }
            }
        }
        #expect(checked > 10)
    }

    @Test("the random cases include chains with states that can never be absorbed")
    func casesCoverTrappedStates() throws {
        let trapped = try Self.cases().filter { chain, target in
            try !AbsorptionAnalysis(chain: chain, target: target, horizon: 1).neverAbsorbed.isEmpty
        }
        #expect(trapped.count >= 3)
    }
}

@Suite("AbsorptionAnalysis at model size")
struct AbsorptionAnalysisScaleTests {
    // 198 transient states and VIOLATED, DONE; every transient row is dense, so
    // every state is absorbed. Checks the residual of (I - Q) B = R and the
    // shape of p_k rather than an oracle, at the size the design names.
    @Test("a dense 200-state chain with horizon 50: (I - Q) B = R, p_k rises to at most b")
    func denseTwoHundred() throws {
        var generator = SeededGenerator(seed: 200)
        let n = 200
        let states = (0..<198).map { "S\($0)" } + ["VIOLATED", "DONE"]
        var rows: [[Double]] = []
        for i in 0..<n {
            if i >= 198 {
                rows.append((0..<n).map { $0 == i ? 1 : 0 })
                continue
            }
            let weights = (0..<n).map { _ in Double.random(in: 0...1, using: &generator) }
            let total = weights.reduce(0, +)
            rows.append(weights.map { $0 / total })
        }
        let chain = try AbsorbingChain(states: states, absorbing: ["VIOLATED", "DONE"], rows: rows)
        let analysis = try AbsorptionAnalysis(chain: chain, target: "VIOLATED", horizon: 50)
        #expect(analysis.neverAbsorbed.isEmpty)
        for i in 0..<198 {
            for (column, a) in chain.absorbing.enumerated() {
                var residual = analysis.absorption[i][column] - chain.probability(from: i, to: a)
                for j in 0..<198 { residual -= chain.probability(from: i, to: j) * analysis.absorption[j][column] }
                #expect(abs(residual) < 1e-13)
            }
            expectClose(analysis.absorption[i].reduce(0, +), 1, within: 1e-12)
            let p = analysis.withinHorizon[i]
            #expect(zip(p, p.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(p[49] <= analysis.absorption[i][0] + 1e-12)
        }
    }
}
