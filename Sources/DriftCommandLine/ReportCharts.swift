import Drift
import Foundation

/// The report's figures, each an SVG picture drawn from evaluation or model values.
enum ReportCharts {
    /// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
    static let stateColors = ["#009E73", "#E69F00", "#D55E00", "#7B2D8E", "#0072B2", "#56B4E9"]
    static let monitorColors: [EvaluatedMonitor: String] = [.keyword: "#D55E00", .pooled: "#E69F00", .perCategory: "#0072B2"]

    static func fraction(_ value: Double) -> String { String(format: "%.2g", value) }
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// A cell colour from white (0) to dark red (1).
    static func heat(_ p: Double) -> String {
        let t = min(max(p, 0), 1)
        let (r, g, b) = (255 - t * (255 - 165), 255 - t * (255 - 15), 255 - t * (255 - 21))
        return String(format: "#%02X%02X%02X", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }

    /// The fitted transition matrix of one category's coarse chain, probability in each cell.
    /// DONE is left out when nothing ever enters it (a policy without the DONE state).
    static func heatmap(_ tables: CategoryTables) -> SVGCanvas {
        let space = tables.space
        let doneUsed = (0..<space.transientCount).contains { tables.chain.probability(from: $0, to: space.done) > 0 }
        let names = doneUsed ? space.names : Array(space.names.dropLast())
        let n = names.count
        let cell = 62.0
        let left = 104.0
        let top = 62.0
        var canvas = SVGCanvas(width: left + Double(n) * cell + 16, height: top + Double(n) * cell + 16)
        canvas.text("to state (after the next step)", x: left + Double(n) * cell / 2, y: 18, anchor: .middle, size: 12, bold: true)
        canvas.text("from state", x: 16, y: top + Double(n) * cell / 2, anchor: .middle, size: 12, bold: true, rotation: -90)
        for (j, name) in names.enumerated() {
            canvas.text(name, x: left + (Double(j) + 0.5) * cell, y: top - 8, anchor: .middle, size: 10.5)
        }
        for i in 0..<n {
            canvas.text(names[i], x: left - 8, y: top + (Double(i) + 0.5) * cell + 4, anchor: .end, size: 10.5)
            for j in 0..<n {
                let p = tables.chain.probability(from: i, to: j)
                let x = left + Double(j) * cell
                let y = top + Double(i) * cell
                canvas.rect(x: x, y: y, width: cell, height: cell, fill: heat(p), stroke: "#ffffff",
                            tooltip: "\(names[i]) -> \(names[j]): \(String(format: "%.4f", p))")
                let label = p == 0 ? "0" : (p < 0.005 ? "<.01" : String(format: "%.2f", p))
                canvas.text(label, x: x + cell / 2, y: y + cell / 2 + 4, anchor: .middle, size: 12, fill: p > 0.55 ? "#ffffff" : "#222")
            }
        }
        return canvas
    }

    /// p_k, the probability of a violation within k steps, against k, one line per state.
    static func absorptionCurves(_ tables: CategoryTables, horizon: Int, alertHorizon: Int, threshold: Double) -> SVGCanvas {
        var canvas = SVGCanvas(width: 540, height: 330)
        let plot = PlotArea(left: 62, top: 16, width: 300, height: 250, xRange: 1...Double(max(horizon, 2)), yRange: 0...1)
        let xTicks = Array(stride(from: 1, through: horizon, by: horizon > 12 ? Int((Double(horizon) / 8).rounded(.up)) : 1)).map(Double.init)
        plot.drawAxes(
            on: &canvas, xTicks: xTicks, yTicks: [0, 0.25, 0.5, 0.75, 1],
            xLabel: "k (steps ahead)", yLabel: "p_k = P(violation within k)", xFormat: { String(Int($0)) }, yFormat: fraction)
        canvas.line(x1: plot.left, y1: plot.y(threshold), x2: plot.right, y2: plot.y(threshold), stroke: "#888", dash: "5 4")
        if alertHorizon <= horizon {
            canvas.line(x1: plot.x(Double(alertHorizon)), y1: plot.top, x2: plot.x(Double(alertHorizon)), y2: plot.bottom, stroke: "#888", dash: "2 3")
            canvas.text("H = \(alertHorizon)", x: plot.x(Double(alertHorizon)) + 4, y: plot.top + 12, size: 10, fill: "#555")
        }
        var legend: [Legend.Entry] = []
        for s in 0..<tables.space.transientCount {
            let risk = tables.states[s]
            let color = stateColors[s % stateColors.count]
            let dash = risk.seen ? nil : "6 4"
            let points = (1...horizon).map { (x: plot.x(Double($0)), y: plot.y(risk.probability(within: $0))) }
            canvas.polyline(points, stroke: color, width: 2.5, dash: dash)
            for (k, point) in points.enumerated() {
                canvas.circle(cx: point.x, cy: point.y, r: 2.8, fill: color,
                              tooltip: "\(tables.space.names[s]): p_\(k + 1) = \(String(format: "%.3f", risk.probability(within: k + 1)))")
            }
            legend.append(.init(label: tables.space.names[s] + (risk.seen ? "" : " (unseen)"), color: color, dash: dash))
        }
        legend.append(.init(label: "alert threshold \(fraction(threshold))", color: "#888", dash: "5 4"))
        Legend(entries: legend).draw(on: &canvas, x: plot.right + 22, y: plot.top + 10)
        return canvas
    }

    /// The ROC curves of the two chain monitors over the threshold sweep, and the keyword
    /// baseline as a point.
    static func roc(_ result: EvaluationResult) -> SVGCanvas {
        var canvas = SVGCanvas(width: 600, height: 400)
        let plot = PlotArea(left: 62, top: 16, width: 320, height: 320, xRange: 0...1, yRange: 0...1)
        let ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
        plot.drawAxes(
            on: &canvas, xTicks: ticks, yTicks: ticks, xLabel: "false-positive rate (safe traces alerted)",
            yLabel: "detection rate (TPR)", xFormat: fraction, yFormat: fraction)
        canvas.line(x1: plot.x(0), y1: plot.y(0), x2: plot.x(1), y2: plot.y(1), stroke: "#aaa", dash: "4 4")
        var legend: [Legend.Entry] = []
        let threshold = result.configuration.monitor.threshold
        for evaluation in result.monitors.reversed() {
            let color = monitorColors[evaluation.monitor] ?? "#000"
            if let sweep = evaluation.sweep {
                let sorted = sweep.points.sorted { ($0.falsePositiveRate, $0.truePositiveRate) < ($1.falsePositiveRate, $1.truePositiveRate) }
                let curve = [(x: plot.x(0), y: plot.y(0))] + sorted.map { (x: plot.x($0.falsePositiveRate), y: plot.y($0.truePositiveRate)) } + [(x: plot.x(1), y: plot.y(1))]
                canvas.polyline(curve, stroke: color, width: 2.5)
                for point in sweep.points {
                    let here = abs(point.threshold - threshold) < 1e-9
                    canvas.circle(
                        cx: plot.x(point.falsePositiveRate), cy: plot.y(point.truePositiveRate), r: here ? 6 : 3,
                        fill: here ? "none" : color, stroke: here ? color : nil,
                        tooltip: "\(evaluation.monitor.title), threshold \(fraction(point.threshold)): TPR \(percent(point.truePositiveRate)), FPR \(percent(point.falsePositiveRate))")
                }
                legend.append(.init(label: "\(evaluation.monitor.title) (AUC \(String(format: "%.3f", sweep.areaUnderCurve)))", color: color))
            } else if let tpr = evaluation.overall.detectionRate, let fpr = evaluation.overall.falsePositiveRate {
                canvas.rect(x: plot.x(fpr) - 6, y: plot.y(tpr) - 6, width: 12, height: 12, fill: color, stroke: "#222",
                            tooltip: "\(evaluation.monitor.title): TPR \(percent(tpr)), FPR \(percent(fpr))")
                legend.append(.init(label: "\(evaluation.monitor.title) (no threshold)", color: color, marker: .square))
            }
        }
        // With thresholds chosen per category, the monitor's operating point is no sweep
        // point: mark where it is.
        let fitted = result.configuration.monitor.thresholdOverride == nil && result.configuration.monitor.targetFalsePositiveRate != nil
        if fitted {
            for evaluation in result.monitors where evaluation.monitor.hasThreshold {
                guard let tpr = evaluation.overall.detectionRate, let fpr = evaluation.overall.falsePositiveRate else { continue }
                canvas.rect(
                    x: plot.x(fpr) - 6, y: plot.y(tpr) - 6, width: 12, height: 12, fill: "none", stroke: monitorColors[evaluation.monitor] ?? "#000",
                    tooltip: "\(evaluation.monitor.title) at its fitted per-category thresholds: TPR \(percent(tpr)), FPR \(percent(fpr))")
            }
        }
        legend.append(.init(label: "chance", color: "#aaa", dash: "4 4"))
        legend.append(.init(label: "at the fixed threshold \(fraction(threshold))", color: "#444", marker: .ring))
        if fitted { legend.append(.init(label: "at the fitted thresholds", color: "#444", marker: .box)) }
        Legend(entries: legend).draw(on: &canvas, x: plot.right + 20, y: plot.top + 12)
        return canvas
    }

    /// How many steps ahead the chain monitors warned, over the traces they detected.
    static func advanceWarningHistogram(_ result: EvaluationResult) -> SVGCanvas {
        let series = result.monitors.filter(\.monitor.hasThreshold)
        let maxWarning = max(series.flatMap(\.overall.advanceWarnings).max() ?? 1, 1)
        var counts: [[Int]] = []
        for evaluation in series {
            var row = [Int](repeating: 0, count: maxWarning + 1)
            for w in evaluation.overall.advanceWarnings { row[w] += 1 }
            counts.append(row)
        }
        let top = max(counts.flatMap { $0 }.max() ?? 1, 1)
        let step = max(1, Int((Double(top) / 5).rounded(.up)))
        let yMax = Double(((top + step - 1) / step) * step)
        let plot = PlotArea(left: 62, top: 16, width: 360, height: 250, xRange: 0.5...(Double(maxWarning) + 0.5), yRange: 0...yMax)
        var canvas = SVGCanvas(width: plot.right + 24, height: plot.bottom + 54 + 18 * Double(series.count))
        plot.drawAxes(
            on: &canvas, xTicks: (1...maxWarning).map(Double.init), yTicks: stride(from: 0, through: yMax, by: Double(step)).map { $0 },
            xLabel: "advance warning (steps before the violating step)", yLabel: "detected traces",
            xFormat: { String(Int($0)) }, yFormat: { String(Int($0)) })
        let slot = plot.width / Double(maxWarning)
        let barWidth = slot * 0.8 / Double(max(series.count, 1))
        var legend: [Legend.Entry] = []
        for (index, evaluation) in series.enumerated() {
            let color = monitorColors[evaluation.monitor] ?? "#000"
            for w in 1...maxWarning where counts[index][w] > 0 {
                let x = plot.x(Double(w)) - slot * 0.4 + Double(index) * barWidth
                let y = plot.y(Double(counts[index][w]))
                canvas.rect(x: x, y: y, width: barWidth - 1, height: plot.bottom - y, fill: color,
                            tooltip: "\(evaluation.monitor.title): \(counts[index][w]) traces warned \(w) step(s) ahead")
            }
            let metrics = evaluation.overall
            var label = "\(evaluation.monitor.title): \(metrics.detected) detected"
            if let mean = metrics.meanAdvanceWarning { label += String(format: ", mean %.2f", mean) }
            legend.append(.init(label: label, color: color, marker: .box))
        }
        if series.allSatisfy({ $0.overall.detected == 0 }) {
            canvas.text("no violating test trace was detected", x: plot.left + plot.width / 2, y: plot.top + plot.height / 2, anchor: .middle, size: 13, fill: "#777")
        }
        Legend(entries: legend).draw(on: &canvas, x: plot.left, y: plot.bottom + 56)
        return canvas
    }
}
