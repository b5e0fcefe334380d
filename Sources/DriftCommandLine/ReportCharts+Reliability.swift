import Drift
import Foundation

extension ReportCharts {
    /// The reliability diagram of the chain monitors' p_horizon on the test steps: per bin
    /// of predicted probability, the mean prediction against the observed frequency of a
    /// violation within the horizon, with the diagonal a calibrated monitor lies on. A
    /// dot's area grows with its bin's count; its tooltip gives the count.
    static func reliability(_ result: EvaluationResult) -> SVGCanvas {
        var canvas = SVGCanvas(width: 770, height: 400)
        let plot = PlotArea(left: 62, top: 16, width: 320, height: 320, xRange: 0...1, yRange: 0...1)
        let ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
        let horizon = result.configuration.monitor.horizon
        plot.drawAxes(
            on: &canvas, xTicks: ticks, yTicks: ticks, xLabel: "predicted p\(horizon) (mean in bin)",
            yLabel: "observed frequency", xFormat: fraction, yFormat: fraction)
        canvas.line(x1: plot.x(0), y1: plot.y(0), x2: plot.x(1), y2: plot.y(1), stroke: "#aaa", dash: "4 4")
        var legend: [Legend.Entry] = []
        let calibrated = result.monitors.compactMap { evaluation in
            evaluation.calibration.first { $0.horizon == horizon }.map { (evaluation.monitor, $0) }
        }
        let largest = Double(max(1, calibrated.flatMap { $0.1.bins.map(\.count) }.max() ?? 1))
        for (monitor, calibration) in calibrated {
            let color = monitorColors[monitor] ?? "#000"
            let filled = calibration.bins.filter { $0.count > 0 }
            canvas.polyline(filled.map { (x: plot.x($0.meanPredicted!), y: plot.y($0.observedFrequency!)) }, stroke: color, width: 2)
            for bin in filled {
                canvas.circle(
                    cx: plot.x(bin.meanPredicted!), cy: plot.y(bin.observedFrequency!), r: 3 + 9 * (Double(bin.count) / largest).squareRoot(),
                    fill: color, stroke: "#222",
                    tooltip: "\(monitor.title), p in [\(fraction(bin.lower)), \(fraction(bin.upper))): \(bin.count) steps, mean p \(String(format: "%.3f", bin.meanPredicted!)), observed \(percent(bin.observedFrequency!))")
            }
            let brier = calibration.brierScore.map { String(format: "%.3f", $0) } ?? "-"
            let base = calibration.baseRateBrierScore.map { String(format: "%.3f", $0) } ?? "-"
            let ece = calibration.expectedCalibrationError.map { String(format: "%.3f", $0) } ?? "-"
            legend.append(.init(label: "\(monitor.title): Brier \(brier) (base \(base)), ECE \(ece)", color: color))
        }
        legend.append(.init(label: "perfectly calibrated", color: "#aaa", dash: "4 4"))
        Legend(entries: legend).draw(on: &canvas, x: plot.right + 14, y: plot.top + 12)
        return canvas
    }
}
