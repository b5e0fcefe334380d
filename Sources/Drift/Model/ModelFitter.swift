/// Counts the transitions of traces into a model, one trace at a time.
///
/// Every step contributes one transition, from the state before it to the state after
/// it; the state before the first step is the initial SAFE state. Ground truth wins over
/// the policy: the labelled step enters VIOLATED, and a trace labelled safe never does
/// (a policy-derived violation is held below VIOLATED). After the violation the chain
/// stays in VIOLATED. A trace that ends safely moves into DONE when the policy says so.
public struct ModelFitter: Sendable {
    public let policy: Policy
    public private(set) var model: ChainModel

    public init(policy: Policy) {
        self.policy = policy
        self.model = ChainModel(policy: policy)
    }

    public mutating func add(_ trace: Trace) {
        let trajectory = policy.trajectory(of: trace)
        let truth = policy.outcome(of: trace, trajectory: trajectory)
        var counts = ChainModel.Counts()
        counts.traces = 1
        counts.steps = trace.steps.count
        counts.violating = truth.violated ? 1 : 0
        count(trajectory, truth: truth, into: &counts.coarse, space: .coarse)
        count(trajectory, truth: truth, into: &counts.fine, space: .fine)
        for (step, point) in zip(trace.steps, trajectory.points) where point.effect.unknownTool {
            model.unknownTools[step.tool, default: 0] += 1
        }
        if let category = trace.category {
            model.categories[category, default: ChainModel.Counts()] = model.categories[category, default: ChainModel.Counts()] + counts
        } else {
            model.uncategorized = model.uncategorized + counts
        }
    }

    public mutating func add(source: ChainModel.Source) {
        model.sources.append(source)
    }

    /// The chain states of a replayed trace, from the initial state on, with the ground
    /// truth applied: what `add` counts, exposed for scoring and tests.
    public static func chainStates(
        of trajectory: Trajectory, truth: GroundTruth, space: ChainSpace
    ) -> [Int] {
        var states = [space.index(of: .initial, level: .safe)]
        states.reserveCapacity(trajectory.points.count + 1)
        for (i, point) in trajectory.points.enumerated() {
            if truth.violated, let v = truth.violationStep, i >= v {
                states.append(space.violated)
            } else if point.level == .violated {
                states.append(space.heldIndex(of: point.state))
            } else {
                states.append(space.index(of: point.state, level: point.level))
            }
        }
        return states
    }

    private func count(_ trajectory: Trajectory, truth: GroundTruth, into counts: inout TransitionCounts, space: ChainSpace) {
        let states = Self.chainStates(of: trajectory, truth: truth, space: space)
        for i in 1..<states.count {
            counts.add(from: states[i - 1], to: states[i])
        }
        if !truth.violated, policy.fitting.doneState, let last = states.last {
            counts.add(from: last, to: space.done)
        }
    }
}
