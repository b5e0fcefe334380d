import CLapacke

/// An LU factorization with partial pivoting of a square matrix, and the
/// reciprocal condition number of that matrix in the 1-norm.
///
/// Everything is column-major, LAPACK's native order, so that LAPACKE passes
/// the arrays straight through instead of transposing a copy; the `_work`
/// variants skip LAPACKE's NaN scan (callers hand in finite matrices).
struct LUFactorization: Sendable {
    /// The number of rows and columns.
    let order: Int
    /// Estimated 1 / (‖A‖₁ ‖A⁻¹‖₁), from `dgecon`.
    let reciprocalCondition: Double
    /// L and U packed as `dgetrf` leaves them, column-major.
    private let factors: [Double]
    /// The row interchanges of `dgetrf`, 1-based.
    private let pivots: [drift_lapack_int]

    /// Factors the column-major `order` x `order` matrix `matrix`.
    ///
    /// Throws `singular(pivot:)` when `dgetrf` meets an exactly zero pivot
    /// (`info > 0`); a nearly singular matrix factors without complaint and
    /// shows up only in `reciprocalCondition`. The corresponding LAPACK routines
    /// are `dlange` (the 1-norm, taken before the matrix is overwritten),
    /// `dgetrf` and `dgecon`.
    init(columnMajor matrix: [Double], order: Int) throws(SolverError) {
        precondition(order > 0 && matrix.count == order * order, "matrix must be order x order")
        guard let n = drift_lapack_int(exactly: order) else {
            throw .lapack(routine: "dgetrf", info: -2)
        }
        let oneNorm = CChar(bitPattern: UInt8(ascii: "1"))
        var factors = matrix
        var pivots = [drift_lapack_int](repeating: 0, count: order)
        var work = [Double](repeating: 0, count: 4 * order)
        var iwork = [drift_lapack_int](repeating: 0, count: order)

        let norm = LAPACKE_dlange_work(LAPACK_COL_MAJOR, oneNorm, n, n, factors, n, &work)

        let factorInfo = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n, n, &factors, n, &pivots)
        if factorInfo > 0 { throw .singular(pivot: Int(factorInfo)) }
        if factorInfo < 0 { throw .lapack(routine: "dgetrf", info: Int(factorInfo)) }

        var rcond = 0.0
        let conditionInfo = LAPACKE_dgecon_work(
            LAPACK_COL_MAJOR, oneNorm, n, factors, n, norm, &rcond, &work, &iwork)
        if conditionInfo != 0 { throw .lapack(routine: "dgecon", info: Int(conditionInfo)) }

        self.order = order
        self.reciprocalCondition = rcond
        self.factors = factors
        self.pivots = pivots
    }

    /// Overwrites the column-major `order` x `columns` right-hand sides `rhs`
    /// with the solutions X of A X = rhs. The corresponding LAPACK routine is
    /// `dgetrs`.
    func solve(_ rhs: inout [Double], columns: Int) throws(SolverError) {
        precondition(columns >= 0 && rhs.count == order * columns, "rhs must be order x columns")
        guard columns > 0 else { return }
        guard let nrhs = drift_lapack_int(exactly: columns) else {
            throw .lapack(routine: "dgetrs", info: -3)
        }
        let n = drift_lapack_int(order)
        let info = LAPACKE_dgetrs_work(
            LAPACK_COL_MAJOR, CChar(bitPattern: UInt8(ascii: "N")), n, nrhs,
            factors, n, pivots, &rhs, n)
        if info != 0 { throw .lapack(routine: "dgetrs", info: Int(info)) }
    }
}
