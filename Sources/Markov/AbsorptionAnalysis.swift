import CLapacke

/// Absorption probabilities, expected times and finite-horizon hitting
/// probabilities of one absorbing target state, computed once for every state.
///
/// With the transient states first, P = [[Q, R], [0, I]]; the fundamental matrix
/// is N = (I - Q)⁻¹, the absorption probabilities B = N R, the expected steps to
/// absorption t = N 1, and the probability of reaching the target within k steps
/// p_k = Σ_{j<k} Qʲ r, r being the target's column of R.
///
/// How it is computed:
/// - Transient states that cannot reach any absorbing state over positive
///   transitions are found first by a graph search (`neverAbsorbed`). They get
///   absorption 0, no expected time (it is infinite) and p_k = 0, and are left
///   out of the linear system, which is then nonsingular in exact arithmetic.
///   A state that can reach them has a positive chance of never being absorbed,
///   so its expected time is infinite too, while its absorption probabilities
///   and its expected time to the target given absorption there stay finite.
/// - One LU factorization of (I - Q) on the remaining states (`dgetrf`) is
///   solved against [R | 1] for B and t together, and once more against the
///   target column b for N b (`dgetrs`). The diagonal of I - Q is formed as the
///   sum of the row's other entries, which equals 1 - Q_ii for a stochastic row
///   but does not cancel when a self-loop is close to 1 (as in the GTH
///   algorithm). For a row that sums to 1 only within the chain's tolerance,
///   this reads its self-loop as 1 minus the other entries.
/// - `dgecon` estimates the reciprocal condition number of (I - Q); below the
///   threshold the initializer throws instead of returning digits it cannot
///   vouch for.
/// - p_1 = r, p_{k+1} = r + Q p_k for k < horizon (`dgemv`), keeping every
///   vector; no matrix powers.
/// - Entries that are zero by the graph (an absorbing state the start cannot
///   reach) are set to exactly 0, and absorption probabilities are clamped to
///   [0, 1] against rounding.
///
/// Arrays named per transient state are indexed by position in
/// `chain.transient`; methods taking `from state:` take a chain index.
public struct AbsorptionAnalysis: Sendable {
    /// The default smallest reciprocal condition number of (I - Q) accepted.
    public static let defaultRcondThreshold = 1e-12
    /// How many steps `stepsToTarget(from:quantile:)` follows the recurrence
    /// before giving up and answering nil.
    public static let quantileStepCap = 10_000

    /// The chain analysed.
    public let chain: AbsorbingChain
    /// The chain index of the absorbing state of interest.
    public let target: Int
    /// The largest k for which p_k is kept.
    public let horizon: Int
    /// `[transient][absorbing position]`: the probability of ending in each
    /// absorbing state (B = N R), columns in the order of `chain.absorbing`.
    public let absorption: [[Double]]
    /// `[transient]`: the expected number of steps to absorption (t = N 1), or
    /// nil when it is infinite because the state may never be absorbed.
    public let expectedSteps: [Double?]
    /// `[transient][k - 1]`: p_k, the probability of reaching the target within
    /// k steps, for k = 1...horizon.
    public let withinHorizon: [[Double]]
    /// `[transient]`: E[T | absorbed in the target] = (N b) / b, nil when b = 0.
    public let expectedStepsToTarget: [Double?]
    /// `dgecon`'s estimate of 1 / cond₁(I - Q) on the solved states; 1 when
    /// there was nothing to solve.
    public let reciprocalCondition: Double
    /// Chain indices of the transient states that cannot reach any absorbing
    /// state.
    public let neverAbsorbed: [Int]

    /// The target's position in `chain.absorbing`.
    let targetColumn: Int
    /// Chain index -> position in `chain.transient`, or -1 for absorbing states.
    let transientPosition: [Int]
    /// Transient position -> slot in the solved system, or -1.
    let solvedSlot: [Int]
    /// Q on the solved states, column-major.
    let solvedQ: [Double]
    /// The target column of R on the solved states.
    let solvedR: [Double]
    /// p_horizon on the solved states, where `stepsToTarget` resumes.
    let solvedLast: [Double]
    /// The factorization of (I - Q) on the solved states, nil when there are none.
    let factorization: LUFactorization?

    /// Analyses `chain` for the absorbing state named `target`, keeping p_k for
    /// k = 1...horizon.
    ///
    /// Throws `unknownTarget` or `targetNotAbsorbing` for a bad target,
    /// `badHorizon` when `horizon < 1`, `singular` for an exactly zero pivot, and
    /// `illConditioned` when the reciprocal condition number of (I - Q) is below
    /// `rcondThreshold`.
    public init(
        chain: AbsorbingChain,
        target: String,
        horizon: Int,
        rcondThreshold: Double = AbsorptionAnalysis.defaultRcondThreshold
    ) throws(SolverError) {
        guard horizon >= 1 else { throw .badHorizon(horizon) }
        guard let targetIndex = chain.index(of: target) else { throw .unknownTarget(target) }
        guard let targetColumn = chain.absorbing.firstIndex(of: targetIndex) else {
            throw .targetNotAbsorbing(target)
        }

        let n = chain.count
        let matrix = chain.matrix
        let transient = chain.transient
        let absorbing = chain.absorbing
        let transientCount = transient.count
        let absorbingCount = absorbing.count

        var transientPosition = [Int](repeating: -1, count: n)
        for (position, state) in transient.enumerated() { transientPosition[state] = position }

        // The graph part: who can be absorbed at all, who may stay forever, and
        // which absorbing states each state can reach.
        let reachesAbsorption = chain.statesReaching(absorbing)
        let neverAbsorbed = transient.filter { !reachesAbsorption[$0] }
        let mayStayForever = chain.statesReaching(neverAbsorbed)
        let reachesEach = absorbing.map { chain.statesReaching(CollectionOfOne($0)) }

        var solved: [Int] = []  // chain indices, in transient order
        var solvedSlot = [Int](repeating: -1, count: transientCount)
        for (position, state) in transient.enumerated() where reachesAbsorption[state] {
            solvedSlot[position] = solved.count
            solved.append(state)
        }
        let m = solved.count

        // Q, I - Q and the right-hand sides [R | 1], all column-major over `solved`.
        var q = [Double](repeating: 0, count: m * m)
        var iMinusQ = [Double](repeating: 0, count: m * m)
        var rhs = [Double](repeating: 0, count: m * (absorbingCount + 1))
        var r = [Double](repeating: 0, count: m)
        for (row, state) in solved.enumerated() {
            let base = state * n
            var leaving = 0.0
            for j in 0..<n where j != state { leaving += matrix[base + j] }
            for (column, other) in solved.enumerated() {
                let value = matrix[base + other]
                q[column * m + row] = value
                iMinusQ[column * m + row] = column == row ? leaving : -value
            }
            for (column, a) in absorbing.enumerated() {
                rhs[column * m + row] = matrix[base + a]
            }
            rhs[absorbingCount * m + row] = 1
            r[row] = matrix[base + targetIndex]
        }

        var absorption = [[Double]](
            repeating: [Double](repeating: 0, count: absorbingCount), count: transientCount)
        var expectedSteps = [Double?](repeating: nil, count: transientCount)
        var expectedStepsToTarget = [Double?](repeating: nil, count: transientCount)
        var factorization: LUFactorization? = nil
        var reciprocalCondition = 1.0

        if m > 0 {
            let lu = try LUFactorization(columnMajor: iMinusQ, order: m)
            reciprocalCondition = lu.reciprocalCondition
            guard lu.reciprocalCondition >= rcondThreshold else {
                throw .illConditioned(rcond: lu.reciprocalCondition, threshold: rcondThreshold)
            }
            try lu.solve(&rhs, columns: absorbingCount + 1)

            var b = [Double](repeating: 0, count: m)
            for (slot, state) in solved.enumerated() {
                let position = transientPosition[state]
                for column in 0..<absorbingCount {
                    let value = reachesEach[column][state] ? rhs[column * m + slot] : 0
                    absorption[position][column] = min(max(value, 0), 1)
                }
                if !mayStayForever[state] {
                    expectedSteps[position] = rhs[absorbingCount * m + slot]
                }
                b[slot] = absorption[position][targetColumn]
            }

            var nb = b
            try lu.solve(&nb, columns: 1)
            for (slot, state) in solved.enumerated() where b[slot] > 0 {
                expectedStepsToTarget[transientPosition[state]] = nb[slot] / b[slot]
            }
            factorization = lu
        }

        // p_1 = r, p_{k+1} = r + Q p_k, one flat vector per k.
        var p = [Double](repeating: 0, count: m * horizon)
        if m > 0 {
            for slot in 0..<m { p[slot] = r[slot] }
            for k in 1..<horizon {
                for slot in 0..<m { p[k * m + slot] = r[slot] }
                p.withUnsafeMutableBufferPointer { buffer in
                    let base = buffer.baseAddress!
                    Self.multiplyAdd(q, order: m, vector: base + (k - 1) * m, into: base + k * m)
                }
            }
        }
        var withinHorizon = [[Double]](
            repeating: [Double](repeating: 0, count: horizon), count: transientCount)
        for (slot, state) in solved.enumerated() {
            let position = transientPosition[state]
            for k in 0..<horizon { withinHorizon[position][k] = p[k * m + slot] }
        }

        self.chain = chain
        self.target = targetIndex
        self.horizon = horizon
        self.absorption = absorption
        self.expectedSteps = expectedSteps
        self.withinHorizon = withinHorizon
        self.expectedStepsToTarget = expectedStepsToTarget
        self.reciprocalCondition = reciprocalCondition
        self.neverAbsorbed = neverAbsorbed
        self.targetColumn = targetColumn
        self.transientPosition = transientPosition
        self.solvedSlot = solvedSlot
        self.solvedQ = q
        self.solvedR = r
        self.solvedLast = Array(p[(m * (horizon - 1))...])
        self.factorization = factorization
    }

    /// y += Q x for the column-major `order` x `order` matrix Q. The
    /// corresponding BLAS routine is `dgemv`.
    static func multiplyAdd(
        _ q: [Double], order: Int, vector x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>
    ) {
        let n = Int32(order)
        cblas_dgemv(CblasColMajor, CblasNoTrans, n, n, 1, q, n, x, 1, 1, y, 1)
    }
}
