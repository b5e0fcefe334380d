/// Why an absorption analysis could not be computed.
public struct SolverError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case unknownTarget(name: String)
        case targetNotAbsorbing(name: String)
        case badHorizon(horizon: Int)
        case illConditioned(rcond: Double, threshold: Double)
        case singular(pivot: Int)
        case lapack(routine: String, info: Int)
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// The target is not a state of the chain.
    public static func unknownTarget(_ name: String) -> SolverError {
        SolverError(.unknownTarget(name: name))
    }

    /// The target is a state of the chain but not an absorbing one.
    public static func targetNotAbsorbing(_ name: String) -> SolverError {
        SolverError(.targetNotAbsorbing(name: name))
    }

    /// The horizon is below 1.
    public static func badHorizon(_ horizon: Int) -> SolverError {
        SolverError(.badHorizon(horizon: horizon))
    }

    /// The reciprocal condition number of (I - Q) is below the accepted threshold:
    /// the solution would carry no reliable digits.
    public static func illConditioned(rcond: Double, threshold: Double) -> SolverError {
        SolverError(.illConditioned(rcond: rcond, threshold: threshold))
    }

    /// LU factorization met an exactly zero pivot, U(pivot, pivot), 1-based as
    /// `dgetrf` reports it.
    public static func singular(pivot: Int) -> SolverError {
        SolverError(.singular(pivot: pivot))
    }

    /// A LAPACK routine rejected an argument (`info < 0`) or failed otherwise.
    public static func lapack(routine: String, info: Int) -> SolverError {
        SolverError(.lapack(routine: routine, info: info))
    }

    public var description: String {
        switch kind {
        case .unknownTarget(let name):
            return "target \"\(name)\" is not a state of the chain"
        case .targetNotAbsorbing(let name):
            return "target \"\(name)\" is not an absorbing state"
        case .badHorizon(let horizon):
            return "horizon \(horizon) is not at least 1"
        case .illConditioned(let rcond, let threshold):
            return "I - Q is too ill-conditioned to solve: reciprocal condition number \(rcond) is below \(threshold)"
        case .singular(let pivot):
            return "I - Q is singular: pivot \(pivot) of its LU factorization is exactly zero"
        case .lapack(let routine, let info):
            return "LAPACK routine \(routine) failed with info = \(info)"
        }
    }
}
