import Testing
import Markov

@Suite("ChainError")
struct ChainErrorTests {
    @Test("descriptions name the row, the state and the numbers, verbatim")
    func descriptions() {
        #expect(ChainError.rowSum(row: 2, state: "MILD", sum: 0.97, tolerance: 1e-9).description
            == "row 2 (\"MILD\") sums to 0.97, not 1 (tolerance 1e-09)")
        #expect(ChainError.negative(row: 0, state: "SAFE", column: 3, value: -0.25).description
            == "row 0 (\"SAFE\"), column 3: entry -0.25 is negative")
        #expect(ChainError.outOfRange(row: 1, state: "MILD", column: 0, value: 1.5).description
            == "row 1 (\"MILD\"), column 0: entry 1.5 is greater than 1")
        #expect(ChainError.notSquare(row: 4, state: "CRITICAL", length: 4, expected: 5).description
            == "row 4 (\"CRITICAL\") has 4 entries, not 5 (one per state)")
        #expect(ChainError.rowCount(rows: 4, states: 5).description
            == "the matrix has 4 rows for 5 states")
        #expect(ChainError.absorbingRowNotUnit(row: 4, state: "VIOLATED").description
            == "row 4 (\"VIOLATED\") is declared absorbing but does not move to itself with probability 1")
        #expect(ChainError.unknownAbsorbing("VIOLATION").description
            == "absorbing state \"VIOLATION\" is not a state of the chain")
        #expect(ChainError.duplicateState("SAFE", first: 0, second: 3).description
            == "state \"SAFE\" is named twice, at 0 and 3")
        #expect(ChainError.noAbsorbingState.description == "the chain has no absorbing state")
    }

    @Test("the row, column and state of an error are readable for a caller's location")
    func location() {
        let error = ChainError.negative(row: 2, state: "MILD", column: 4, value: -1)
        #expect(error.row == 2)
        #expect(error.column == 4)
        #expect(error.state == "MILD")
        #expect(ChainError.noAbsorbingState.row == nil)
        #expect(ChainError.unknownAbsorbing("X").state == "X")
    }
}
