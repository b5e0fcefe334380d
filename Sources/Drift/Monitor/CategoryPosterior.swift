import Foundation

/// What a session's steps say about its task category, when it did not name one.
///
/// Each category's chain gives the session's coarse transitions a likelihood; with a
/// prior from the training trace counts, Bayes' rule gives a posterior over categories,
/// and the monitor predicts with the posterior-weighted mixture of the chains' tables.
/// Kept as log-likelihoods (one Double per category) so that long sessions neither
/// underflow nor cost memory.
public struct CategoryPosterior: Hashable, Sendable {
    /// log P(transitions so far | category), in `RiskTables.categoryOrder`; empty until
    /// the first observation.
    public private(set) var logLikelihoods: [Double] = []
    public private(set) var observations = 0

    public init() {}

    /// A posterior as a journal stored it.
    public init(logLikelihoods: [Double], observations: Int) {
        self.logLikelihoods = logLikelihoods
        self.observations = observations
    }

    /// Adds the transition a step made, scored by each category's fine chain (the
    /// D/T/R/U tuples tell categories apart far better than the five levels do).
    mutating func observe(from before: RiskState, levelBefore: RiskLevel, to after: RiskState, levelAfter: RiskLevel, evidence: CategoryEvidence) {
        let chains = evidence.chains
        if logLikelihoods.count != chains.count { logLikelihoods = [Double](repeating: 0, count: chains.count) }
        let space = ChainSpace.fine
        let from = space.index(of: before, level: levelBefore)
        let to = space.index(of: after, level: levelAfter)
        for i in chains.indices {
            // A floor keeps one surprising step from ruling a category out for good.
            logLikelihoods[i] += log(max(chains[i][from * space.count + to], 1e-4))
        }
        observations += 1
    }

    /// The posterior probability of each category, in `categoryOrder`.
    public func weights(priors: [Double]) -> [Double] {
        var logs = priors
        if logLikelihoods.count == priors.count {
            for i in logs.indices { logs[i] += logLikelihoods[i] }
        }
        let top = logs.max() ?? 0
        var weights = logs.map { exp($0 - top) }
        let sum = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= sum }
        return weights
    }

    /// The risk of a state under the mixture of categories: p_k and P(ever) average by
    /// weight; the expected steps to violation average over the violation's own
    /// probability (a conditional expectation); the median is the leading category's.
    static func mixture(of risks: [StateRisk], weights: [Double]) -> StateRisk {
        var mixed = risks[0]
        let horizon = risks[0].withinHorizon.count
        mixed.withinHorizon = (0..<horizon).map { k in zip(risks, weights).reduce(0) { $0 + $1.0.withinHorizon[k] * $1.1 } }
        mixed.eventualViolation = zip(risks, weights).reduce(0) { $0 + $1.0.eventualViolation * $1.1 }
        var numerator = 0.0
        var denominator = 0.0
        for (risk, weight) in zip(risks, weights) {
            guard let expected = risk.expectedStepsToViolation else { continue }
            numerator += weight * risk.eventualViolation * expected
            denominator += weight * risk.eventualViolation
        }
        mixed.expectedStepsToViolation = denominator > 0 ? numerator / denominator : nil
        let leading = weights.indices.max { weights[$0] < weights[$1] }!
        mixed.medianStepsToViolation = risks[leading].medianStepsToViolation
        mixed.expectedStepsToAbsorption = risks[leading].expectedStepsToAbsorption
        mixed.seen = risks.contains { $0.seen }
        return mixed
    }
}

/// The fine-chain transition matrices of every category, in `RiskTables.categoryOrder`:
/// what the posterior scores a session's steps with. Built once per model.
public struct CategoryEvidence: Sendable {
    /// Row-major fine-space matrices.
    let chains: [[Double]]

    public init(model: ChainModel, categories: [String]) {
        let space = ChainSpace.fine
        let pooled = ChainRows(counts: model.pooled.fine, space: space, fitting: model.fitting, prior: nil)
        chains = categories.map { name in
            let counts = model.categories[name]?.fine ?? TransitionCounts(size: space.count)
            return ChainRows(counts: counts, space: space, fitting: model.fitting, prior: pooled).matrix.flatMap { $0 }
        }
    }
}
