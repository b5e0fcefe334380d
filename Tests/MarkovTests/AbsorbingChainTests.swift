import Testing
@testable import Markov

@Suite("AbsorbingChain")
struct AbsorbingChainTests {
    static let names = ["SAFE", "MILD", "VIOLATED"]

    @Test("a valid chain keeps its order and splits absorbing from transient")
    func validChain() throws {
        let chain = try AbsorbingChain(
            states: ["A", "V", "B", "D"], absorbing: ["D", "V"],
            rows: [[0.5, 0.5, 0, 0], [0, 1, 0, 0], [0.25, 0.25, 0.25, 0.25], [0, 0, 0, 1]])
        #expect(chain.count == 4)
        #expect(chain.states == ["A", "V", "B", "D"])
        #expect(chain.absorbing == [1, 3])
        #expect(chain.transient == [0, 2])
        #expect(chain.matrix == [0.5, 0.5, 0, 0, 0, 1, 0, 0, 0.25, 0.25, 0.25, 0.25, 0, 0, 0, 1])
        #expect(chain.probability(from: 2, to: 1) == 0.25)
        #expect(chain.index(of: "B") == 2)
        #expect(chain.index(of: "C") == nil)
    }

    @Test("a row sum within the tolerance is accepted")
    func rowSumWithinTolerance() throws {
        _ = try AbsorbingChain(
            states: Self.names, absorbing: ["VIOLATED"],
            rows: [[0.5, 0.5, 1e-10], [0, 0.5, 0.5], [0, 0, 1]])
    }

    @Test("a row summing to 0.75 throws rowSum naming row and state")
    func rowSum() {
        #expect(throws: ChainError.rowSum(row: 1, state: "MILD", sum: 0.75, tolerance: 1e-9)) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATED"],
                rows: [[0.5, 0.25, 0.25], [0, 0.5, 0.25], [0, 0, 1]])
        }
    }

    @Test("a negative entry throws negative with row and column")
    func negative() {
        #expect(throws: ChainError.negative(row: 0, state: "SAFE", column: 1, value: -0.25)) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATED"],
                rows: [[1, -0.25, 0.25], [0, 0.5, 0.5], [0, 0, 1]])
        }
    }

    @Test("an entry above 1 throws outOfRange")
    func outOfRange() {
        #expect(throws: ChainError.outOfRange(row: 0, state: "SAFE", column: 0, value: 1.5)) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATED"],
                rows: [[1.5, -0.25, -0.25], [0, 0.5, 0.5], [0, 0, 1]])
        }
    }

    @Test("a NaN entry throws notFinite")
    func notFinite() throws {
        let error = #expect(throws: ChainError.self) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATED"],
                rows: [[0.5, 0.5, 0], [0, .nan, 0.5], [0, 0, 1]])
        }
        #expect(error?.row == 1)
        #expect(error?.column == 1)
        #expect(error?.description == "row 1 (\"MILD\"), column 1: entry nan is not a finite number")
    }

    @Test("a short row throws notSquare")
    func notSquare() {
        #expect(throws: ChainError.notSquare(row: 2, state: "VIOLATED", length: 2, expected: 3)) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATED"],
                rows: [[0.5, 0.5, 0], [0, 0.5, 0.5], [0, 1]])
        }
    }

    @Test("fewer rows than states throws rowCount")
    func rowCount() {
        #expect(throws: ChainError.rowCount(rows: 2, states: 3)) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATED"],
                rows: [[0.5, 0.5, 0], [0, 0.5, 0.5]])
        }
    }

    @Test("an absorbing state whose row leaves itself throws absorbingRowNotUnit")
    func absorbingRowNotUnit() {
        #expect(throws: ChainError.absorbingRowNotUnit(row: 2, state: "VIOLATED")) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATED"],
                rows: [[0.5, 0.5, 0], [0, 0.5, 0.5], [0, 0.5, 0.5]])
        }
    }

    @Test("an absorbing name that is not a state throws unknownAbsorbing")
    func unknownAbsorbing() {
        #expect(throws: ChainError.unknownAbsorbing("VIOLATION")) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATION"],
                rows: [[0.5, 0.5, 0], [0, 0.5, 0.5], [0, 0, 1]])
        }
    }

    @Test("an absorbing name listed twice throws duplicateAbsorbing")
    func duplicateAbsorbing() {
        #expect(throws: ChainError.duplicateAbsorbing("VIOLATED")) {
            try AbsorbingChain(
                states: Self.names, absorbing: ["VIOLATED", "VIOLATED"],
                rows: [[0.5, 0.5, 0], [0, 0.5, 0.5], [0, 0, 1]])
        }
    }

    @Test("no absorbing state throws noAbsorbingState")
    func noAbsorbingState() {
        #expect(throws: ChainError.noAbsorbingState) {
            try AbsorbingChain(
                states: Self.names, absorbing: [],
                rows: [[0.5, 0.5, 0], [0, 0.5, 0.5], [0, 0, 1]])
        }
    }

    @Test("duplicate and empty names and an empty chain are refused")
    func names() {
        #expect(throws: ChainError.duplicateState("A", first: 0, second: 1)) {
            try AbsorbingChain(states: ["A", "A"], absorbing: ["A"], rows: [[1, 0], [0, 1]])
        }
        #expect(throws: ChainError.emptyName(index: 1)) {
            try AbsorbingChain(states: ["A", ""], absorbing: ["A"], rows: [[1, 0], [0, 1]])
        }
        #expect(throws: ChainError.empty) {
            try AbsorbingChain(states: [], absorbing: [], rows: [])
        }
    }
}
