import Foundation

/// Escaping for text placed in HTML or SVG, in content or in a quoted attribute.
enum Markup {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A coordinate or size for an SVG attribute. A non-finite number in a figure is a
    /// bug in the figure code, not bad input, so it traps.
    static func number(_ value: Double) -> String {
        precondition(value.isFinite, "a non-finite number (\(value)) reached an SVG attribute")
        let text = String(format: "%.2f", value)
        if text.hasSuffix(".00") { return String(text.dropLast(3)) == "-0" ? "0" : String(text.dropLast(3)) }
        return text
    }
}

/// An SVG picture being drawn: elements appended in painting order, then `markup`.
/// Every text and attribute value is escaped here, so callers pass plain strings.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    private static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(Markup.escape($0))\"" } }.joined()
    }

    private static let n = Markup.number

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        let open = "<rect" + Self.attributes([
            ("x", Self.n(x)), ("y", Self.n(y)), ("width", Self.n(max(0, width))), ("height", Self.n(max(0, height))),
            ("fill", fill), ("stroke", stroke),
        ])
        if let tooltip {
            elements.append(open + "><title>\(Markup.escape(tooltip))</title></rect>")
        } else {
            elements.append(open + "/>")
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        elements.append("<line" + Self.attributes([
            ("x1", Self.n(x1)), ("y1", Self.n(y1)), ("x2", Self.n(x2)), ("y2", Self.n(y2)),
            ("stroke", stroke), ("stroke-width", Self.n(width)), ("stroke-dasharray", dash),
        ]) + "/>")
    }

    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        let list = points.map { "\(Self.n($0.x)),\(Self.n($0.y))" }.joined(separator: " ")
        elements.append("<polyline" + Self.attributes([
            ("points", list), ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.n(width)),
            ("stroke-dasharray", dash), ("stroke-linejoin", "round"),
        ]) + "/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        let open = "<circle" + Self.attributes([("cx", Self.n(cx)), ("cy", Self.n(cy)), ("r", Self.n(r)), ("fill", fill), ("stroke", stroke)])
        if let tooltip {
            elements.append(open + "><title>\(Markup.escape(tooltip))</title></circle>")
        } else {
            elements.append(open + "/>")
        }
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12, bold: Bool = false,
        fill: String = "#222", rotation: Double? = nil
    ) {
        elements.append("<text" + Self.attributes([
            ("x", Self.n(x)), ("y", Self.n(y)), ("text-anchor", anchor.rawValue), ("font-size", Self.n(size)),
            ("font-weight", bold ? "bold" : nil), ("fill", fill),
            ("transform", rotation.map { "rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))" }),
        ]) + ">\(Markup.escape(content))</text>")
    }

    /// The picture as an inline `<svg>` element, with an accessible name.
    func markup(label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\"" + Self.attributes([
            ("width", Self.n(width)), ("height", Self.n(height)), ("viewBox", "0 0 \(Self.n(width)) \(Self.n(height))"),
            ("role", "img"), ("aria-label", label), ("font-family", "Helvetica, Arial, sans-serif"),
        ]) + ">\n" + elements.joined(separator: "\n") + "\n</svg>"
    }
}

/// The rectangle of a chart that data is drawn in, with the mapping from data to pixels
/// and the axes around it.
struct PlotArea {
    let left: Double
    let top: Double
    let width: Double
    let height: Double
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>

    var right: Double { left + width }
    var bottom: Double { top + height }

    func x(_ value: Double) -> Double {
        left + (value - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * width
    }

    func y(_ value: Double) -> Double {
        bottom - (value - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * height
    }

    /// Frame, grid lines, ticks with their labels, and the two axis titles.
    func drawAxes(
        on canvas: inout SVGCanvas, xTicks: [Double], yTicks: [Double], xLabel: String, yLabel: String,
        xFormat: (Double) -> String, yFormat: (Double) -> String
    ) {
        for t in yTicks {
            canvas.line(x1: left, y1: y(t), x2: right, y2: y(t), stroke: "#e3e3e3")
            canvas.line(x1: left - 4, y1: y(t), x2: left, y2: y(t), stroke: "#444")
            canvas.text(yFormat(t), x: left - 7, y: y(t) + 4, anchor: .end, size: 11)
        }
        for t in xTicks {
            canvas.line(x1: x(t), y1: bottom, x2: x(t), y2: bottom + 4, stroke: "#444")
            canvas.text(xFormat(t), x: x(t), y: bottom + 17, anchor: .middle, size: 11)
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#444")
        canvas.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#444")
        canvas.text(xLabel, x: left + width / 2, y: bottom + 36, anchor: .middle, size: 12, bold: true)
        canvas.text(yLabel, x: left - 42, y: top + height / 2, anchor: .middle, size: 12, bold: true, rotation: -90)
    }
}

/// A key to the series of a chart: a short line or marker sample and a label per entry.
struct Legend {
    struct Entry {
        var label: String
        var color: String
        var dash: String? = nil
        var marker: Marker = .line
    }

    enum Marker { case line, square, box, ring }

    var entries: [Entry]

    func draw(on canvas: inout SVGCanvas, x: Double, y: Double) {
        for (i, entry) in entries.enumerated() {
            let rowY = y + Double(i) * 18
            switch entry.marker {
            case .line:
                canvas.line(x1: x, y1: rowY, x2: x + 22, y2: rowY, stroke: entry.color, width: 2.5, dash: entry.dash)
            case .square:
                canvas.rect(x: x + 6, y: rowY - 5, width: 10, height: 10, fill: entry.color, stroke: "#222")
            case .box:
                canvas.rect(x: x + 3, y: rowY - 6, width: 16, height: 12, fill: entry.color)
            case .ring:
                canvas.circle(cx: x + 11, cy: rowY, r: 6, fill: "none", stroke: entry.color)
            }
            canvas.text(entry.label, x: x + 28, y: rowY + 4, size: 11.5)
        }
    }
}
