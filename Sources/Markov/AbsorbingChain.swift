/// A validated finite Markov chain with at least one absorbing state.
///
/// The matrix is stored row-major, `matrix[i * count + j]` being the probability
/// of moving from state `i` to state `j` in one step. States keep the order they
/// were given in; `absorbing` and `transient` partition the indices, each in
/// ascending order.
public struct AbsorbingChain: Sendable, Hashable {
    /// All state names, in the order given.
    public let states: [String]
    /// Indices of the declared absorbing states, ascending.
    public let absorbing: [Int]
    /// Indices of all other states, ascending.
    public let transient: [Int]
    /// The row-major `count` x `count` transition matrix, as given.
    public let matrix: [Double]

    /// The number of states.
    public var count: Int { states.count }

    /// Validates and stores a transition matrix.
    ///
    /// The checks, in order: there is at least one state; names are non-empty and
    /// unique; there is one row per state and one entry per state in each row;
    /// every entry is finite and in [0, 1]; every row sums to 1 within
    /// `tolerance`; every absorbing name is a state, listed once; there is at
    /// least one; and each absorbing row is the unit vector on its own state
    /// within `tolerance`. The first failure is thrown.
    ///
    /// A state whose row happens to be a unit vector on itself but that is not
    /// declared absorbing stays transient: the analysis treats it as a state that
    /// can never be absorbed.
    public init(
        states: [String],
        absorbing absorbingNames: [String],
        rows: [[Double]],
        tolerance: Double = 1e-9
    ) throws(ChainError) {
        precondition(tolerance >= 0 && tolerance.isFinite, "tolerance must be finite and non-negative")
        let n = states.count
        guard n > 0 else { throw .empty }

        var indexOf: [String: Int] = [:]
        indexOf.reserveCapacity(n)
        for (index, name) in states.enumerated() {
            guard !name.isEmpty else { throw .emptyName(index: index) }
            if let first = indexOf[name] {
                throw .duplicateState(name, first: first, second: index)
            }
            indexOf[name] = index
        }

        guard rows.count == n else { throw .rowCount(rows: rows.count, states: n) }
        var matrix: [Double] = []
        matrix.reserveCapacity(n * n)
        for (i, row) in rows.enumerated() {
            guard row.count == n else {
                throw .notSquare(row: i, state: states[i], length: row.count, expected: n)
            }
            var sum = 0.0
            for (j, value) in row.enumerated() {
                guard value.isFinite else {
                    throw .notFinite(row: i, state: states[i], column: j, value: value)
                }
                guard value >= 0 else {
                    throw .negative(row: i, state: states[i], column: j, value: value)
                }
                guard value <= 1 else {
                    throw .outOfRange(row: i, state: states[i], column: j, value: value)
                }
                sum += value
            }
            guard abs(sum - 1) <= tolerance else {
                throw .rowSum(row: i, state: states[i], sum: sum, tolerance: tolerance)
            }
            matrix.append(contentsOf: row)
        }

        var isAbsorbing = [Bool](repeating: false, count: n)
        for name in absorbingNames {
            guard let index = indexOf[name] else { throw .unknownAbsorbing(name) }
            guard !isAbsorbing[index] else { throw .duplicateAbsorbing(name) }
            isAbsorbing[index] = true
        }
        guard !absorbingNames.isEmpty else { throw .noAbsorbingState }
        for i in 0..<n where isAbsorbing[i] {
            for j in 0..<n {
                let expected: Double = i == j ? 1 : 0
                guard abs(matrix[i * n + j] - expected) <= tolerance else {
                    throw .absorbingRowNotUnit(row: i, state: states[i])
                }
            }
        }

        self.states = states
        self.matrix = matrix
        self.absorbing = (0..<n).filter { isAbsorbing[$0] }
        self.transient = (0..<n).filter { !isAbsorbing[$0] }
    }

    /// The one-step probability of moving from state `from` to state `to`.
    public func probability(from: Int, to: Int) -> Double {
        precondition(states.indices.contains(from) && states.indices.contains(to), "state index out of range")
        return matrix[from * count + to]
    }

    /// The index of the state called `name`, if there is one.
    public func index(of name: String) -> Int? {
        states.firstIndex(of: name)
    }
}
