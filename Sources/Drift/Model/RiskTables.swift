import Foundation
import Markov

/// What the monitor needs to know about one chain state, computed once when a model
/// loads so that assessing a step is a table lookup.
public struct StateRisk: Hashable, Sendable {
    /// p_k for k = 1...horizon: the probability of reaching VIOLATED within k steps.
    public var withinHorizon: [Double]
    /// The probability of ever reaching VIOLATED (before DONE, when there is a DONE).
    public var eventualViolation: Double
    /// Expected steps to VIOLATED given that it is reached; nil when it cannot be.
    public var expectedStepsToViolation: Double?
    /// Median steps to VIOLATED given that it is reached.
    public var medianStepsToViolation: Int?
    /// Expected steps until the chain is absorbed (VIOLATED or DONE); nil: never.
    public var expectedStepsToAbsorption: Double?
    /// False when no training trace ever left this state, in this category nor pooled:
    /// its row is smoothing alone and its numbers say little.
    public var seen: Bool

    public func probability(within k: Int) -> Double {
        k <= 0 ? 0 : withinHorizon[min(k, withinHorizon.count) - 1]
    }
}

/// The solved chain of one category (or of the pooled model) over one chain space.
public struct CategoryTables: Sendable {
    public var name: String
    public var space: ChainSpace
    /// The row-stochastic matrix the tables were solved from, row-major.
    public var chain: AbsorbingChain
    public var states: [StateRisk]
    /// True when the category had too few transitions and is served by the pooled chain.
    public var usesPooled: Bool
    public var traces: Int
    public var transitions: Int
    /// dgecon's reciprocal condition number of I - Q.
    public var reciprocalCondition: Double

    /// The transient states from which p_k >= threshold (the paper: k = 5, 0.85).
    public func pointsOfNoReturn(within k: Int, threshold: Double) -> [Int] {
        (0..<space.transientCount).filter { states[$0].seen && states[$0].probability(within: k) >= threshold }
    }
}

/// Why tables could not be built from a model.
public struct TablesError: Error, Hashable, Sendable, CustomStringConvertible {
    public var category: String
    public var reason: String
    public var description: String { "category \(category): \(reason)" }
}

/// Every category's solved chain for one chain space, plus the pooled chain that serves
/// unknown and sparse categories.
public struct RiskTables: Sendable {
    public let space: ChainSpace
    public let horizon: Int
    public let pooled: CategoryTables
    public let categories: [String: CategoryTables]
    /// The categories in a fixed order (by name), for per-category vectors such as a
    /// session's posterior.
    public let categoryOrder: [CategoryTables]
    /// log P(category) from the training trace counts, in `categoryOrder`.
    public let logPriors: [Double]

    /// The longest median steps-to-violation the tables compute.
    public static let medianStepCap = 1_000

    /// Solves every category of `model`. `horizon` is the largest k any caller will ask for.
    public init(model: ChainModel, kind: ChainKind, horizon: Int) throws(TablesError) {
        let space = ChainSpace(kind)
        self.space = space
        self.horizon = horizon
        let pooledCounts = model.pooled
        let pooledRows = ChainRows(counts: pooledCounts[kind], space: space, fitting: model.fitting, prior: nil)
        pooled = try Self.solve(name: "pooled", rows: pooledRows, counts: pooledCounts, kind: kind, usesPooled: false, horizon: horizon)
        var categories: [String: CategoryTables] = [:]
        for (name, counts) in model.categories {
            let sparse = counts[kind].total < Double(model.fitting.minimumCategoryTransitions)
            if sparse {
                var tables = pooled
                tables.name = name
                tables.usesPooled = true
                tables.traces = counts.traces
                tables.transitions = Int(counts[kind].total)
                categories[name] = tables
                continue
            }
            let rows = ChainRows(counts: counts[kind], space: space, fitting: model.fitting, prior: pooledRows)
            categories[name] = try Self.solve(name: name, rows: rows, counts: counts, kind: kind, usesPooled: false, horizon: horizon)
        }
        self.categories = categories
        categoryOrder = categories.keys.sorted().map { categories[$0]! }
        let total = Double(max(1, categoryOrder.reduce(0) { $0 + $1.traces }))
        logPriors = categoryOrder.map { log(max(Double($0.traces), 0.5) / total) }
    }

    /// The tables for a category, falling back to the pooled chain for an unknown or
    /// missing one. `fellBack` says whether that happened.
    public func tables(for category: String?) -> (tables: CategoryTables, fellBack: Bool) {
        if let category, let tables = categories[category] { return (tables, tables.usesPooled) }
        return (pooled, true)
    }

    private static func solve(
        name: String, rows: ChainRows, counts: ChainModel.Counts, kind: ChainKind, usesPooled: Bool, horizon: Int
    ) throws(TablesError) -> CategoryTables {
        let space = rows.space
        let chain: AbsorbingChain
        do {
            chain = try AbsorbingChain(states: space.names, absorbing: ["VIOLATED", "DONE"], rows: rows.matrix)
        } catch {
            throw TablesError(category: name, reason: "the fitted matrix is not a valid chain: \(error)")
        }
        let analysis: AbsorptionAnalysis
        do {
            analysis = try AbsorptionAnalysis(chain: chain, target: "VIOLATED", horizon: horizon)
        } catch {
            throw TablesError(category: name, reason: "\(error)")
        }
        var states: [StateRisk] = []
        states.reserveCapacity(space.count)
        // One continuation of the recurrence answers every state's median (per state it
        // cost 180 continuations of up to 10,000 steps on the fine chain), and a median
        // past 1,000 steps is reported as unknown: no agent session runs that long.
        let medians = analysis.stepsToTarget(quantile: 0.5, cap: Self.medianStepCap)
        for s in 0..<space.count {
            let isTransient = s < space.transientCount
            let p = (1...horizon).map { analysis.violationProbability(from: s, within: $0) }
            let position = chain.transient.firstIndex(of: s)
            states.append(
                StateRisk(
                    withinHorizon: p, eventualViolation: analysis.targetAbsorption(from: s),
                    expectedStepsToViolation: position.flatMap { analysis.expectedStepsToTarget[$0] } ?? (s == space.violated ? 0 : nil),
                    medianStepsToViolation: position.flatMap { medians[$0] } ?? (s == space.violated ? 0 : nil),
                    expectedStepsToAbsorption: position.flatMap { analysis.expectedSteps[$0] } ?? 0,
                    seen: !isTransient || rows.seen[s]))
        }
        return CategoryTables(
            name: name, space: space, chain: chain, states: states, usesPooled: usesPooled,
            traces: counts.traces, transitions: Int(counts[kind].total), reciprocalCondition: analysis.reciprocalCondition)
    }
}

/// The transition probabilities of one category, from its counts: additive smoothing,
/// shrinkage towards the pooled rows, and the pooled row for a state the category never
/// left. VIOLATED and DONE are absorbing whatever the counts say.
struct ChainRows {
    let space: ChainSpace
    var matrix: [[Double]]
    /// Whether the state's row rests on observed transitions (here or pooled).
    var seen: [Bool]

    init(counts: TransitionCounts, space: ChainSpace, fitting: FittingParameters, prior: ChainRows?) {
        self.space = space
        let n = space.count
        matrix = []
        seen = []
        matrix.reserveCapacity(n)
        // Without a DONE state the smoothing must not invent a way into it.
        let smoothedColumns = fitting.doneState ? n : n - 1
        for i in 0..<n {
            if i == space.violated || i == space.done {
                var row = [Double](repeating: 0, count: n)
                row[i] = 1
                matrix.append(row)
                seen.append(true)
                continue
            }
            let total = counts.rowTotal(i)
            if total == 0, let prior, prior.seen[i] {
                matrix.append(prior.matrix[i])
                seen.append(true)
                continue
            }
            var row = [Double](repeating: 0, count: n)
            var sum = 0.0
            for j in 0..<n {
                var value = counts[i, j] + (j < smoothedColumns ? fitting.smoothing : 0)
                if let prior, total > 0 { value += fitting.shrinkage * prior.matrix[i][j] }
                row[j] = value
                sum += value
            }
            if sum == 0 {
                // No counts and no smoothing: a state nobody ever left stays where it is.
                row[i] = 1
                sum = 1
            }
            for j in 0..<n { row[j] /= sum }
            matrix.append(row)
            seen.append(total > 0)
        }
    }
}
