/// Why a transition matrix was refused as an absorbing chain.
///
/// Rows and columns are numbered from 0, in the order the states were given, and
/// every error names the state as well, so that a caller that knows where the
/// matrix came from (a model file) can prefix its own location.
public struct ChainError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case empty
        case emptyName(index: Int)
        case duplicateState(name: String, first: Int, second: Int)
        case rowCount(rows: Int, states: Int)
        case notSquare(row: Int, state: String, length: Int, expected: Int)
        case notFinite(row: Int, state: String, column: Int, value: Double)
        case negative(row: Int, state: String, column: Int, value: Double)
        case outOfRange(row: Int, state: String, column: Int, value: Double)
        case rowSum(row: Int, state: String, sum: Double, tolerance: Double)
        case unknownAbsorbing(name: String)
        case duplicateAbsorbing(name: String)
        case noAbsorbingState
        case absorbingRowNotUnit(row: Int, state: String)
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// The chain has no states at all.
    public static var empty: ChainError { ChainError(.empty) }

    /// The state at `index` has an empty name.
    public static func emptyName(index: Int) -> ChainError {
        ChainError(.emptyName(index: index))
    }

    /// `name` is given at both `first` and `second`.
    public static func duplicateState(_ name: String, first: Int, second: Int) -> ChainError {
        ChainError(.duplicateState(name: name, first: first, second: second))
    }

    /// The matrix has a different number of rows than there are states.
    public static func rowCount(rows: Int, states: Int) -> ChainError {
        ChainError(.rowCount(rows: rows, states: states))
    }

    /// Row `row` does not have one entry per state.
    public static func notSquare(row: Int, state: String, length: Int, expected: Int) -> ChainError {
        ChainError(.notSquare(row: row, state: state, length: length, expected: expected))
    }

    /// An entry is NaN or infinite.
    public static func notFinite(row: Int, state: String, column: Int, value: Double) -> ChainError {
        ChainError(.notFinite(row: row, state: state, column: column, value: value))
    }

    /// An entry is below 0.
    public static func negative(row: Int, state: String, column: Int, value: Double) -> ChainError {
        ChainError(.negative(row: row, state: state, column: column, value: value))
    }

    /// An entry is above 1.
    public static func outOfRange(row: Int, state: String, column: Int, value: Double) -> ChainError {
        ChainError(.outOfRange(row: row, state: state, column: column, value: value))
    }

    /// A row's entries do not sum to 1 within `tolerance`.
    public static func rowSum(row: Int, state: String, sum: Double, tolerance: Double) -> ChainError {
        ChainError(.rowSum(row: row, state: state, sum: sum, tolerance: tolerance))
    }

    /// A name in the absorbing list is not a state of the chain.
    public static func unknownAbsorbing(_ name: String) -> ChainError {
        ChainError(.unknownAbsorbing(name: name))
    }

    /// A name appears twice in the absorbing list.
    public static func duplicateAbsorbing(_ name: String) -> ChainError {
        ChainError(.duplicateAbsorbing(name: name))
    }

    /// The absorbing list is empty.
    public static var noAbsorbingState: ChainError { ChainError(.noAbsorbingState) }

    /// A state declared absorbing has a row that is not the unit vector on itself.
    public static func absorbingRowNotUnit(row: Int, state: String) -> ChainError {
        ChainError(.absorbingRowNotUnit(row: row, state: state))
    }

    /// The offending row (0-based), when the error concerns one.
    public var row: Int? {
        switch kind {
        case .empty, .rowCount, .unknownAbsorbing, .duplicateAbsorbing, .noAbsorbingState:
            return nil
        case .emptyName(let index):
            return index
        case .duplicateState(_, _, let second):
            return second
        case .notSquare(let row, _, _, _), .notFinite(let row, _, _, _),
             .negative(let row, _, _, _), .outOfRange(let row, _, _, _),
             .rowSum(let row, _, _, _), .absorbingRowNotUnit(let row, _):
            return row
        }
    }

    /// The offending column (0-based), when the error concerns one entry.
    public var column: Int? {
        switch kind {
        case .notFinite(_, _, let column, _), .negative(_, _, let column, _),
             .outOfRange(_, _, let column, _):
            return column
        default:
            return nil
        }
    }

    /// The name of the offending state, when the error concerns one.
    public var state: String? {
        switch kind {
        case .empty, .emptyName, .rowCount, .noAbsorbingState:
            return nil
        case .duplicateState(let name, _, _), .unknownAbsorbing(let name),
             .duplicateAbsorbing(let name):
            return name
        case .notSquare(_, let state, _, _), .notFinite(_, let state, _, _),
             .negative(_, let state, _, _), .outOfRange(_, let state, _, _),
             .rowSum(_, let state, _, _), .absorbingRowNotUnit(_, let state):
            return state
        }
    }

    public var description: String {
        switch kind {
        case .empty:
            return "the chain has no states"
        case .emptyName(let index):
            return "state \(index) has an empty name"
        case .duplicateState(let name, let first, let second):
            return "state \"\(name)\" is named twice, at \(first) and \(second)"
        case .rowCount(let rows, let states):
            return "the matrix has \(rows) rows for \(states) states"
        case .notSquare(let row, let state, let length, let expected):
            return "row \(row) (\"\(state)\") has \(length) entries, not \(expected) (one per state)"
        case .notFinite(let row, let state, let column, let value):
            return "row \(row) (\"\(state)\"), column \(column): entry \(value) is not a finite number"
        case .negative(let row, let state, let column, let value):
            return "row \(row) (\"\(state)\"), column \(column): entry \(value) is negative"
        case .outOfRange(let row, let state, let column, let value):
            return "row \(row) (\"\(state)\"), column \(column): entry \(value) is greater than 1"
        case .rowSum(let row, let state, let sum, let tolerance):
            return "row \(row) (\"\(state)\") sums to \(sum), not 1 (tolerance \(tolerance))"
        case .unknownAbsorbing(let name):
            return "absorbing state \"\(name)\" is not a state of the chain"
        case .duplicateAbsorbing(let name):
            return "absorbing state \"\(name)\" is listed twice"
        case .noAbsorbingState:
            return "the chain has no absorbing state"
        case .absorbingRowNotUnit(let row, let state):
            return "row \(row) (\"\(state)\") is declared absorbing but does not move to itself with probability 1"
        }
    }
}
