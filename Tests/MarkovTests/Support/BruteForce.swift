/// Plain row-major matrix arithmetic, written for obviousness, as an oracle.
enum BruteForce {
    /// The n x n product a b.
    static func multiply(_ a: [Double], _ b: [Double], n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0
                for l in 0..<n { sum += a[i * n + l] * b[l * n + j] }
                c[i * n + j] = sum
            }
        }
        return c
    }

    /// m x, for the n x n matrix m.
    static func multiply(_ m: [Double], vector x: [Double], n: Int) -> [Double] {
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n { y[i] += m[i * n + j] * x[j] }
        }
        return y
    }

    /// P^1 ... P^count.
    static func powers(_ p: [Double], n: Int, count: Int) -> [[Double]] {
        var result = [p]
        while result.count < count { result.append(multiply(result[result.count - 1], p, n: n)) }
        return result
    }
}

extension SeededGenerator {
    /// A random absorbing chain of 1...6 transient and 1...3 absorbing states,
    /// the absorbing ones at random positions. Each transient row has positive
    /// weights in [0.05, 1] on about half of the states (at least one), so
    /// some chains hold transient states that cannot be absorbed.
    mutating func absorbingChain() throws -> AbsorbingChain {
        let transientCount = Int.random(in: 1...6, using: &self)
        let absorbingCount = Int.random(in: 1...3, using: &self)
        let n = transientCount + absorbingCount
        let order = (0..<n).shuffled(using: &self)
        let absorbing = Set(order.prefix(absorbingCount))
        let states = (0..<n).map { absorbing.contains($0) ? "A\($0)" : "T\($0)" }
        var rows: [[Double]] = []
        for i in 0..<n {
            if absorbing.contains(i) {
                rows.append((0..<n).map { $0 == i ? 1 : 0 })
                continue
            }
            var weights = (0..<n).map { _ in
                Bool.random(using: &self) ? Double.random(in: 0.05...1, using: &self) : 0
            }
            if weights.allSatisfy({ $0 == 0 }) {
                weights[Int.random(in: 0..<n, using: &self)] = 1
            }
            let total = weights.reduce(0, +)
            rows.append(weights.map { $0 / total })
        }
        return try AbsorbingChain(
            states: states, absorbing: absorbing.sorted().map { states[$0] }, rows: rows)
    }
}

import Markov
