import Testing

/// Expects `actual` within `tolerance` of `expected`, reporting at the caller.
func expectClose(
    _ actual: Double?, _ expected: Double, within tolerance: Double,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let actual else {
        Issue.record("expected \(expected), got nil. \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(actual - expected) <= tolerance,
            "\(actual) is not within \(tolerance) of \(expected). \(comment.map { "\($0)" } ?? "")",
            sourceLocation: sourceLocation)
}

/// Expects every element of `actual` within `tolerance` of the matching one in `expected`.
func expectClose(
    _ actual: [Double], _ expected: [Double], within tolerance: Double,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "length \(actual.count), expected \(expected.count)",
            sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        expectClose(a, e, within: tolerance, comment, sourceLocation: sourceLocation)
    }
}
