/// The states of a chain over which transitions are counted: the transient risk states
/// first, then VIOLATED, then DONE.
///
/// Both spaces are fixed-size, whatever the traces contain, so that counts from any two
/// fits line up cell by cell and merge by addition.
public struct ChainSpace: Hashable, Sendable {
    public let kind: ChainKind
    public let names: [String]
    public let violated: Int
    public let done: Int

    public init(_ kind: ChainKind) {
        self.kind = kind
        switch kind {
        case .coarse:
            names = RiskLevel.allCases.filter { $0 != .violated }.map(\.name) + ["VIOLATED", "DONE"]
        case .fine:
            // The (D, T, R, U) tuples: impact and target provenance reach the fine chain
            // through the level (VIOLATED) only, which keeps it at 182 states.
            names = (0..<RiskState.fineCount).map { RiskState(index: $0).fineName } + ["VIOLATED", "DONE"]
        }
        violated = names.count - 2
        done = names.count - 1
    }

    public static let coarse = ChainSpace(.coarse)
    public static let fine = ChainSpace(.fine)

    public var count: Int { names.count }
    public var transientCount: Int { names.count - 2 }

    /// The chain state of a trajectory that is in `state` at `level`. A state whose level
    /// is VIOLATED is the VIOLATED state in both spaces.
    @inline(__always)
    public func index(of state: RiskState, level: RiskLevel) -> Int {
        if level == .violated { return violated }
        switch kind {
        case .coarse: return level.rawValue
        case .fine: return state.fineIndex
        }
    }

    /// The index of a transient state held below VIOLATED (a labelled-safe trace that the
    /// policy would call violated): CRITICAL in the coarse space, the tuple in the fine one.
    @inline(__always)
    public func heldIndex(of state: RiskState) -> Int {
        switch kind {
        case .coarse: return RiskLevel.critical.rawValue
        case .fine: return state.fineIndex
        }
    }
}

/// Transition counts over a chain space: a dense n x n matrix, row = from, column = to.
public struct TransitionCounts: Hashable, Sendable {
    public let size: Int
    public private(set) var cells: [Double]

    public init(size: Int) {
        self.size = size
        self.cells = [Double](repeating: 0, count: size * size)
    }

    @inline(__always)
    public mutating func add(from: Int, to: Int, count: Double = 1) {
        cells[from * size + to] += count
    }

    public subscript(from: Int, to: Int) -> Double { cells[from * size + to] }

    public func rowTotal(_ row: Int) -> Double {
        var total = 0.0
        for j in 0..<size { total += cells[row * size + j] }
        return total
    }

    public var total: Double { cells.reduce(0, +) }

    public static func + (lhs: TransitionCounts, rhs: TransitionCounts) -> TransitionCounts {
        precondition(lhs.size == rhs.size, "adding transition counts of different spaces")
        var sum = lhs
        for i in sum.cells.indices { sum.cells[i] += rhs.cells[i] }
        return sum
    }

    public static func += (lhs: inout TransitionCounts, rhs: TransitionCounts) { lhs = lhs + rhs }

    /// The non-zero cells, row-major: what the model file stores.
    public var nonZero: [(from: Int, to: Int, count: Double)] {
        var entries: [(Int, Int, Double)] = []
        for i in 0..<size {
            for j in 0..<size where cells[i * size + j] != 0 { entries.append((i, j, cells[i * size + j])) }
        }
        return entries
    }
}
