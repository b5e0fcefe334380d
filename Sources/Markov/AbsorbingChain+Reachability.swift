extension AbsorbingChain {
    /// Marks every state from which one of `targets` can be reached over
    /// transitions of positive probability, the targets themselves included.
    ///
    /// A backward breadth-first search from the targets that scans one column of
    /// the matrix per visited state, O(count²). Absorbing states are never entered
    /// as predecessors: the analysis reads only transient rows, so whatever an
    /// absorbing row holds within the validation tolerance does not count as a
    /// path. This is a graph question, answered exactly where a linear solve would
    /// only approximate it, which is why probabilistic model checkers (PRISM,
    /// Storm) ask it before solving.
    func statesReaching(_ targets: some Sequence<Int>) -> [Bool] {
        let n = count
        var reaches = [Bool](repeating: false, count: n)
        var isAbsorbing = [Bool](repeating: false, count: n)
        for a in absorbing { isAbsorbing[a] = true }
        var queue: [Int] = []
        queue.reserveCapacity(n)
        for target in targets where !reaches[target] {
            reaches[target] = true
            queue.append(target)
        }
        var head = 0
        while head < queue.count {
            let j = queue[head]
            head += 1
            for i in 0..<n where !reaches[i] && !isAbsorbing[i] && matrix[i * n + j] > 0 {
                reaches[i] = true
                queue.append(i)
            }
        }
        return reaches
    }
}
