import Drift

/// The HTML page of `drift report`: one self-contained, well-formed (XHTML-compatible)
/// file with inline SVG figures and CSS, and no script.
struct ReportPage {
    let result: EvaluationResult
    let corpus: TraceLoader.Corpus
    let policy: Policy
    /// The coarse tables of the model fitted on every trace given (not just the training part).
    let tables: RiskTables
    /// Largest k of the absorption curves.
    let curveHorizon: Int
    /// The threshold the model fitted on every trace alerts at, per category.
    var alertThreshold: (String) -> Double = { _ in 0.5 }
    let noReturnHorizon = 5
    let noReturnThreshold = 0.85

    /// The categories with their own chain, by name.
    var categories: [CategoryTables] {
        tables.categories.keys.sorted().map { tables.categories[$0]! }
    }

    /// How many `<svg>` figures the page holds: a heatmap and a curve chart per category,
    /// the ROC curve and the warning histogram.
    var figureCount: Int { 2 * categories.count + 2 + (hasCalibration ? 1 : 0) }

    var hasCalibration: Bool { result.monitors.contains { !$0.calibration.isEmpty } }

    private static let style = """
        body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 1180px; line-height: 1.4; }
        h1 { font-size: 24px; margin-bottom: 4px; }
        h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        p.meta { color: #555; font-size: 14px; margin: 2px 0; }
        .figures { display: flex; flex-wrap: wrap; gap: 18px; }
        figure { margin: 0; padding: 10px; border: 1px solid #e2e2e2; border-radius: 4px; background: #fff; }
        figure h3 { font-size: 15px; margin: 0 0 6px 0; }
        figcaption { font-size: 13px; color: #444; margin-top: 6px; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
        th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; }
        th { background: #f3f3f3; }
        td.name, th.name { text-align: left; }
        tr.overall td { font-weight: bold; background: #fafafa; }
        td.hot { background: #f6d0d0; font-weight: bold; }
        .note { font-size: 13px; color: #444; max-width: 900px; }
        """

    func html() -> String {
        var body: [String] = []
        body.append("<h1>drift evaluation report</h1>")
        body.append(paragraph(corpus.summary, class: "meta"))
        body.append(paragraph("Protocol: " + EvaluationText.protocolLine(result) + ".", class: "meta"))
        body.append(paragraph("Markov " + EvaluationText.monitorLine(result) + "; policy \(policy.name).", class: "meta"))

        body.append("<h2>Detection and false positives</h2>")
        body.append(metricsTable())
        body.append(paragraph(
            "Detection counts a violating test trace when the monitor's first alert comes strictly before the violating step; an alert at the violating step itself does not count. Advance warning is the violating step minus the first alert step. FPR is the share of safe test traces with any alert. The pooled chain is one chain fitted with categories removed; the per-category monitor uses each category's chain. AUC: trapezoid area under the ROC points of thresholds 0.05 to 0.95, with (0,0) and (1,1) added.",
            class: "note"))

        body.append("<h2>ROC curve and advance warning</h2>")
        body.append("<div class=\"figures\">")
        body.append(figure(
            title: "ROC: detection rate against false-positive rate", svg: ReportCharts.roc(result),
            caption: "Each dot is one alert threshold (0.05 to 0.95) of a chain monitor on the held-out test traces; the ring marks the policy's fixed threshold (with per-category thresholds, the chosen operating point is in the table above). The keyword baseline has no threshold and is a single square. The dashed diagonal is chance."))
        body.append(figure(
            title: "Advance warning of detected violations", svg: ReportCharts.advanceWarningHistogram(result),
            caption: "For each violating test trace a chain monitor detected at its alert thresholds: how many steps before the violating step its first alert came."))
        body.append("</div>")

        if hasCalibration {
            let horizon = result.configuration.monitor.horizon
            body.append("<h2>Calibration</h2>")
            body.append("<div class=\"figures\">")
            body.append(figure(
                title: "Reliability of p\(horizon) on the test steps", svg: ReportCharts.reliability(result),
                caption: "Every test step before its violation (every step of a safe trace) is one forecast p\(horizon); the event is a violation within the next \(horizon) steps. Forecasts are binned into 10 equal-width bins; each dot is a bin's mean forecast against how often the event happened, its area growing with the bin's count. On the dashed diagonal the probabilities mean what they say. Base: always predicting the training part's frequency of the event."))
            body.append("</div>")
            body.append(reliabilityTable(horizon: horizon))
        }

        body.append("<h2>Transition matrices per category</h2>")
        body.append(paragraph(
            "The coarse chain fitted on all \(corpus.traces.count) traces given (the figures above use only the held-out test traces, with chains fitted on the training part). Smoothing \(policy.fitting.smoothing) and shrinkage \(policy.fitting.shrinkage) towards the pooled chain, as in the policy.",
            class: "note"))
        body.append("<div class=\"figures\">")
        for category in categories {
            body.append(figure(
                title: "\(category.name): transition probabilities", svg: ReportCharts.heatmap(category),
                caption: "Row = state now, column = state after the next step; each cell is the fitted probability (darker = likelier). \(category.traces) traces, \(category.transitions) transitions\(category.usesPooled ? "; too few, so the pooled chain serves this category" : ""). VIOLATED (and DONE, the task ended safely, when the policy models it) are absorbing."))
        }
        body.append("</div>")

        body.append("<h2>Absorption curves per category</h2>")
        body.append("<div class=\"figures\">")
        for category in categories {
            body.append(figure(
                title: "\(category.name): probability of a violation within k steps", svg: ReportCharts.absorptionCurves(
                    category, horizon: curveHorizon, alertHorizon: result.configuration.monitor.horizon, threshold: alertThreshold(category.name)),
                caption: "p_k from each state for k = 1 to \(curveHorizon). The monitor alerts when p_\(result.configuration.monitor.horizon) reaches the category's threshold (dashed; chosen at fit time on all the traces given, when the policy has a target false-positive rate). A dashed curve is a state no training trace left: its numbers are smoothing, not evidence."))
        }
        body.append("</div>")

        body.append("<h2>Points of no return</h2>")
        body.append(noReturnTable())
        body.append(paragraph(
            "A point of no return is a state from which the probability of a violation within \(noReturnHorizon) steps is at least \(noReturnThreshold) (highlighted). States no training trace left are not counted.",
            class: "note"))

        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>drift evaluation report</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            <p class="meta">Generated by drift \(DriftTool.version).</p>
            </body>
            </html>

            """
    }

    private func paragraph(_ text: String, class name: String) -> String {
        "<p class=\"\(name)\">\(Markup.escape(text))</p>"
    }

    private func figure(title: String, svg: SVGCanvas, caption: String) -> String {
        """
        <figure>
        <h3>\(Markup.escape(title))</h3>
        \(svg.markup(label: title))
        <figcaption style="max-width: \(Markup.number(svg.width))px">\(Markup.escape(caption))</figcaption>
        </figure>
        """
    }

    private func table(_ rows: [[String]], nameColumns: Int, rowClass: (Int) -> String? = { _ in nil }, cellClass: (Int, Int) -> String? = { _, _ in nil }) -> String {
        guard let header = rows.first else { return "" }
        var html = ["<table>", "<tr>" + header.enumerated().map { i, cell in
            "<th\(i < nameColumns ? " class=\"name\"" : "")>\(Markup.escape(cell))</th>"
        }.joined() + "</tr>"]
        for (r, row) in rows.dropFirst().enumerated() {
            let cls = rowClass(r).map { " class=\"\($0)\"" } ?? ""
            html.append("<tr\(cls)>" + row.enumerated().map { i, cell in
                var classes: [String] = []
                if i < nameColumns { classes.append("name") }
                if let extra = cellClass(r, i) { classes.append(extra) }
                return "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(Markup.escape(cell))</td>"
            }.joined() + "</tr>")
        }
        html.append("</table>")
        return html.joined(separator: "\n")
    }

    private func metricsTable() -> String {
        let rows = EvaluationText.table(result).map { $0.map { $0.trimmingTrailingSpaces } }
        return table(rows, nameColumns: 2, rowClass: { rows[$0 + 1][0] == "all" ? "overall" : nil })
    }

    /// Per bin, the count, mean forecast and observed frequency of each chain monitor.
    private func reliabilityTable(horizon: Int) -> String {
        let series = result.monitors.compactMap { e in e.calibration.first { $0.horizon == horizon }.map { (e.monitor, $0) } }
        guard let first = series.first else { return "" }
        var rows = [["p\(horizon) bin"] + series.flatMap { ["\($0.0.title): steps", "mean p", "observed"] }]
        for (b, bin) in first.1.bins.enumerated() {
            rows.append(["[\(String(format: "%.1f", bin.lower)), \(String(format: "%.1f", bin.upper))\(b == first.1.bins.count - 1 ? "]" : ")")"] + series.flatMap { _, c in
                let bin = c.bins[b]
                return [String(bin.count), bin.meanPredicted.map { String(format: "%.3f", $0) } ?? "-", bin.observedFrequency.map { String(format: "%.1f%%", $0 * 100) } ?? "-"]
            })
        }
        return table(rows, nameColumns: 1)
    }

    private func noReturnTable() -> String {
        let space = tables.space
        let states = (0..<space.transientCount).map { space.names[$0] }
        var rows = [["category"] + states.map { "p\(noReturnHorizon) from \($0)" } + ["points of no return"]]
        var hot: Set<[Int]> = []
        for (r, category) in ([tables.pooled] + categories).enumerated() {
            let noReturn = Set(category.pointsOfNoReturn(within: noReturnHorizon, threshold: noReturnThreshold))
            for s in noReturn { hot.insert([r, s + 1]) }
            rows.append(
                [category.name] + (0..<space.transientCount).map { s in
                    let risk = category.states[s]
                    return String(format: "%.3f", risk.probability(within: noReturnHorizon)) + (risk.seen ? "" : " (unseen)")
                } + [noReturn.isEmpty ? "none" : noReturn.sorted().map { space.names[$0] }.joined(separator: ", ")])
        }
        return table(rows, nameColumns: 1, cellClass: { hot.contains([$0, $1]) ? "hot" : nil })
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
