import Testing
import Markov

@Suite("SolverError")
struct SolverErrorTests {
    @Test("descriptions are one sentence naming the culprit, verbatim")
    func descriptions() {
        #expect(SolverError.illConditioned(rcond: 5e-16, threshold: 1e-12).description
            == "I - Q is too ill-conditioned to solve: reciprocal condition number 5e-16 is below 1e-12")
        #expect(SolverError.singular(pivot: 3).description
            == "I - Q is singular: pivot 3 of its LU factorization is exactly zero")
        #expect(SolverError.lapack(routine: "dgetrs", info: -8).description
            == "LAPACK routine dgetrs failed with info = -8")
        #expect(SolverError.unknownTarget("VIOLATION").description
            == "target \"VIOLATION\" is not a state of the chain")
        #expect(SolverError.targetNotAbsorbing("MILD").description
            == "target \"MILD\" is not an absorbing state")
        #expect(SolverError.badHorizon(0).description == "horizon 0 is not at least 1")
    }
}
