extension AbsorptionAnalysis {
    /// The probability of reaching the target within `k` steps from chain state
    /// `state`: p_k for a transient state, 1 for the target itself and 0 for
    /// any other absorbing state. `k` must be in 1...horizon.
    public func violationProbability(from state: Int, within k: Int) -> Double {
        precondition((1...horizon).contains(k), "k must be in 1...horizon")
        if state == target { return 1 }
        let position = transientPosition[state]
        return position < 0 ? 0 : withinHorizon[position][k - 1]
    }

    /// The probability of ever being absorbed in the target from chain state
    /// `state` (the target's column of B; 1 for the target, 0 for other
    /// absorbing states).
    public func targetAbsorption(from state: Int) -> Double {
        if state == target { return 1 }
        let position = transientPosition[state]
        return position < 0 ? 0 : absorption[position][targetColumn]
    }

    /// P(T = k) for k = 1...horizon, T being the step at which the target is
    /// first reached from chain state `state`: p_k - p_{k-1}, with p_0 = 0.
    ///
    /// All zeros for an absorbing state: the target itself is reached at step
    /// 0, any other absorbing state never reaches it.
    public func hittingTimeDistribution(from state: Int) -> [Double] {
        var distribution = [Double](repeating: 0, count: horizon)
        let position = transientPosition[state]
        guard position >= 0 else { return distribution }
        var previous = 0.0
        for k in 0..<horizon {
            let current = withinHorizon[position][k]
            distribution[k] = current - previous
            previous = current
        }
        return distribution
    }

    /// The `q`-quantile of the hitting time T given absorption in the target: the
    /// smallest k with p_k(s) >= q b(s), b(s) being the target absorption
    /// probability.
    ///
    /// Past the horizon the recurrence is continued up to `quantileStepCap`
    /// steps; nil when it has not got there by then, or when b(s) = 0. The target
    /// itself answers 0. The comparison allows a relative 1e-12 so that a
    /// quantile hit exactly in exact arithmetic (p_1 = 0.5 = 0.5 b) is not
    /// pushed a step later by rounding. `q` must be in (0, 1).
    public func stepsToTarget(from state: Int, quantile q: Double) -> Int? {
        precondition(q > 0 && q < 1, "quantile must be in (0, 1)")
        if state == target { return 0 }
        let position = transientPosition[state]
        guard position >= 0 else { return nil }
        return quantileSteps(q, positions: [position], cap: Self.quantileStepCap)[0]
    }

    /// `stepsToTarget(from:quantile:)` for every transient state at once,
    /// indexed by position in `chain.transient`; one continuation of the
    /// recurrence serves them all.
    ///
    /// `cap` bounds the continuation (default `quantileStepCap`): a caller that only
    /// reports steps within a useful range can stop early, since one slowly mixing state
    /// otherwise keeps the recurrence running to the cap for all.
    public func stepsToTarget(quantile q: Double, cap: Int = AbsorptionAnalysis.quantileStepCap) -> [Int?] {
        precondition(q > 0 && q < 1, "quantile must be in (0, 1)")
        return quantileSteps(q, positions: Array(chain.transient.indices), cap: cap)
    }

    /// The median of the hitting time given absorption in the target.
    public func medianStepsToTarget(from state: Int) -> Int? {
        stepsToTarget(from: state, quantile: 0.5)
    }

    /// Chain indices of the transient states with p_k >= `threshold`, in chain
    /// order: from these the target is all but certain within `k` steps (the
    /// paper's points of no return use k = 5, threshold 0.85).
    public func pointsOfNoReturn(within k: Int, threshold: Double) -> [Int] {
        precondition((1...horizon).contains(k), "k must be in 1...horizon")
        return chain.transient.indices
            .filter { withinHorizon[$0][k - 1] >= threshold }
            .map { chain.transient[$0] }
    }

    /// The fundamental matrix N = (I - Q)⁻¹ over all transient states,
    /// row-major in the order of `chain.transient`: N[i][j] is the expected number
    /// of visits to j starting from i.
    ///
    /// Computed on request from the kept factorization (one `dgetrs` against the
    /// identity). nil when some transient state can never be absorbed, since N
    /// then has infinite entries.
    public func fundamentalMatrix() -> [Double]? {
        guard neverAbsorbed.isEmpty else { return nil }
        guard let lu = factorization else { return [] }
        let m = lu.order
        var identity = [Double](repeating: 0, count: m * m)
        for i in 0..<m { identity[i * m + i] = 1 }
        do {
            try lu.solve(&identity, columns: m)
        } catch {
            return nil
        }
        // Column-major to row-major: the solved states are all transient ones,
        // in transient order.
        var n = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0..<m { n[i * m + j] = identity[j * m + i] }
        }
        return n
    }

    private func quantileSteps(_ q: Double, positions: [Int], cap: Int) -> [Int?] {
        var result = [Int?](repeating: nil, count: positions.count)
        // (index into result, slot in the solved system, level to reach)
        var pending: [(index: Int, slot: Int, level: Double)] = []
        for (index, position) in positions.enumerated() {
            let b = absorption[position][targetColumn]
            let slot = solvedSlot[position]
            guard slot >= 0, b > 0 else { continue }
            let level = q * b * (1 - 1e-12)
            if let k = withinHorizon[position].firstIndex(where: { $0 >= level }) {
                result[index] = k + 1
            } else {
                pending.append((index, slot, level))
            }
        }
        guard !pending.isEmpty, horizon < cap else { return result }

        let m = solvedR.count
        var current = solvedLast
        var next = [Double](repeating: 0, count: m)
        for k in (horizon + 1)...cap {
            for slot in 0..<m { next[slot] = solvedR[slot] }
            current.withUnsafeBufferPointer { x in
                next.withUnsafeMutableBufferPointer { y in
                    Self.multiplyAdd(solvedQ, order: m, vector: x.baseAddress!, into: y.baseAddress!)
                }
            }
            swap(&current, &next)
            pending.removeAll { entry in
                guard current[entry.slot] >= entry.level else { return false }
                result[entry.index] = k
                return true
            }
            if pending.isEmpty { break }
        }
        return result
    }
}
