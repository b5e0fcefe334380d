import Testing
@testable import Markov

@Suite("AbsorbingChain reachability")
struct AbsorbingChainReachabilityTests {
    @Test("the backward search finds exactly the states with a positive path to the targets")
    func backwardSearch() throws {
        // 0 -> 1 -> V; 2 <-> 3 closed; 4 -> 2 (leaks into the closed group only).
        let chain = try AbsorbingChain(
            states: ["a", "b", "c", "d", "e", "V"], absorbing: ["V"],
            rows: [
                [0.5, 0.5, 0, 0, 0, 0],
                [0, 0.5, 0, 0, 0, 0.5],
                [0, 0, 0, 1, 0, 0],
                [0, 0, 1, 0, 0, 0],
                [0, 0, 0.5, 0, 0.5, 0],
                [0, 0, 0, 0, 0, 1],
            ])
        #expect(chain.statesReaching([5]) == [true, true, false, false, false, true])
        #expect(chain.statesReaching([2]) == [false, false, true, true, true, false])
        #expect(chain.statesReaching([Int]()) == [false, false, false, false, false, false])
    }
}
