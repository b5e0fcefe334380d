/// Counts the transitions of traces into a model, one trace at a time.
///
/// Every step contributes one transition, from the state before it to the state after
/// it; the state before the first step is the initial SAFE state. Ground truth wins over
/// the policy: the labelled step enters VIOLATED, and a trace labelled safe never does
/// (a policy-derived violation is held below VIOLATED). After the violation the chain
/// stays in VIOLATED. A trace that ends safely moves into DONE when the policy says so.
public struct ModelFitter: Sendable {
    public let policy: Policy
    public internal(set) var model: ChainModel

    public init(policy: Policy) {
        self.policy = policy
        self.model = ChainModel(policy: policy)
    }

    public mutating func add(_ trace: Trace) {
        let trajectory = policy.trajectory(of: trace)
        let truth = policy.outcome(of: trace, trajectory: trajectory)
        for (step, point) in zip(trace.steps, trajectory.points) where point.effect.unknownTool {
            model.unknownTools[step.tool, default: 0] += 1
        }
        // Counted in place: a fresh dense count matrix per trace (the fine one is 182 x
        // 182) and a copy of the category's on every add cost more than the counting.
        if let category = trace.category {
            Self.count(trajectory, truth: truth, steps: trace.steps.count, doneState: policy.fitting.doneState, into: &model.categories[category, default: ChainModel.Counts()])
        } else {
            Self.count(trajectory, truth: truth, steps: trace.steps.count, doneState: policy.fitting.doneState, into: &model.uncategorized)
        }
    }

    private static func count(_ trajectory: Trajectory, truth: GroundTruth, steps: Int, doneState: Bool, into counts: inout ChainModel.Counts) {
        counts.traces += 1
        counts.steps += steps
        if truth.violated { counts.violating += 1 }
        count(trajectory, truth: truth, doneState: doneState, into: &counts.coarse, space: .coarse)
        count(trajectory, truth: truth, doneState: doneState, into: &counts.fine, space: .fine)
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

    private static func count(_ trajectory: Trajectory, truth: GroundTruth, doneState: Bool, into counts: inout TransitionCounts, space: ChainSpace) {
        let states = chainStates(of: trajectory, truth: truth, space: space)
        for i in 1..<states.count {
            counts.add(from: states[i - 1], to: states[i])
        }
        if !truth.violated, doneState, let last = states.last {
            counts.add(from: last, to: space.done)
        }
    }
}
