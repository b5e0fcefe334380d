import Foundation
import Testing
@testable import Drift

@Suite("The posterior over categories")
struct CategoryPosteriorTests {
    static let traces = TraceLoader().load([PolicyTests.repository.appendingPathComponent("Traces/simulated").path]).traces

    @Test("without a category the monitor predicts with a mixture, and the posterior finds the right category more often than the prior would")
    func concentratesOnTheRightCategory() throws {
        var fitter = ModelFitter(policy: .paper)
        for trace in Self.traces { fitter.add(trace) }
        let monitor = try Monitor(policy: .paper, model: fitter.model)
        var correct: [String: Int] = [:]
        var total: [String: Int] = [:]
        var confidence: [String: Double] = [:]
        for trace in Self.traces {
            var session = monitor.startSession(category: nil)
            var last: Assessment?
            for step in trace.steps { last = monitor.assess(step, in: &session) }
            let a = try #require(last)
            #expect(a.tablesUsed == "mixture")
            total[trace.category!, default: 0] += 1
            if a.inferredCategory == trace.category { correct[trace.category!, default: 0] += 1 }
            if a.inferredCategory == trace.category { confidence[trace.category!, default: 0] += a.inferredCategoryProbability! }
        }
        for (category, n) in total {
            let accuracy = Double(correct[category] ?? 0) / Double(n)
            print("posterior: \(category) right on \(correct[category] ?? 0)/\(n) traces (mean probability when right \(String(format: "%.2f", (confidence[category] ?? 0) / Double(max(1, correct[category] ?? 0)))))")
            // Four categories of about equal size: the prior alone is right a quarter of the time.
            // (In-sample: the model saw these traces; drift eval --hide-categories measures it held out.)
            #expect(accuracy > 0.7, "\(category): \(accuracy)")
        }
    }

    @Test("weights are a distribution that follows the evidence")
    func weightsFollowEvidence() {
        var posterior = CategoryPosterior()
        #expect(posterior.weights(priors: [log(0.5), log(0.5)]) == [0.5, 0.5])
        posterior = CategoryPosterior()
        let weights = posterior.weights(priors: [log(0.2), log(0.8)])
        #expect(abs(weights[0] - 0.2) < 1e-12 && abs(weights[1] - 0.8) < 1e-12)
    }
}
