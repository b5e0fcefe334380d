/// A trace replayed through the policy: the state and level after every step.
public struct Trajectory: Sendable {
    public struct Point: Hashable, Sendable {
        public var state: RiskState
        public var level: RiskLevel
        public var effect: StepEffect
    }

    public var points: [Point]

    /// The first step whose level the policy calls VIOLATED.
    public var policyViolationStep: Int? {
        points.firstIndex { $0.level == .violated }
    }
}

extension Policy {
    /// Replays a trace step by step. A step's explicit `stateAfter` label wins; otherwise
    /// the state moves by the step's effect.
    public func trajectory(of trace: Trace, explain: Bool = false) -> Trajectory {
        var state = RiskState.initial
        var context = context(for: trace)
        var points: [Trajectory.Point] = []
        points.reserveCapacity(trace.steps.count)
        for step in trace.steps {
            let effect = self.effect(of: step, in: context, explain: explain)
            record(step, effect: effect, in: &context)
            state = step.labels.stateAfter ?? state.applying(effect)
            points.append(.init(state: state, level: level(of: state), effect: effect))
        }
        return Trajectory(points: points)
    }

    /// The session context a trace starts with: its task and declared tools.
    public func context(for trace: Trace) -> SessionContext {
        SessionContext(task: provenance.enabled ? trace.task : nil, tools: trace.tools, capacity: provenance.capacity)
    }

    /// The trace's ground truth: its own when it carries one, else the policy's verdict.
    /// A trace labelled violated without a step takes the policy's first violating step,
    /// or its last step.
    public func outcome(of trace: Trace, trajectory: Trajectory) -> GroundTruth {
        guard let truth = trace.groundTruth else {
            let step = trajectory.policyViolationStep
            return GroundTruth(violated: step != nil, violationStep: step)
        }
        guard truth.violated else { return GroundTruth(violated: false) }
        let step = truth.violationStep ?? trajectory.policyViolationStep ?? max(0, trace.steps.count - 1)
        return GroundTruth(violated: true, violationStep: min(step, max(0, trace.steps.count - 1)))
    }

    public func outcome(of trace: Trace) -> GroundTruth {
        outcome(of: trace, trajectory: trajectory(of: trace))
    }
}
