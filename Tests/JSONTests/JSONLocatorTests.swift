import Testing

@testable import JSON

@Suite("JSONLocator")
struct JSONLocatorTests {
    static let document = Array(
        #"""
        {
          "version": 1,
          "steps": [
            {"tool": "read", "args": {"path": "/etc/hosts"}},
            {
              "tool": "send_email",
              "args": {"to": "x@example.com", "body": "hi [\"}"},
              "ok": true
            }
          ],
          "name\u0021": "escaped key"
        }
        """#.utf8)

    struct Case: Sendable, CustomTestStringConvertible {
        var path: [JSONPathComponent]
        var line: Int
        var column: Int
        var testDescription: String { path.dottedDescription }
    }

    static let cases: [Case] = [
        Case(path: [], line: 1, column: 1),
        Case(path: [.key("version")], line: 2, column: 14),
        Case(path: [.key("steps")], line: 3, column: 12),
        Case(path: [.key("steps"), .index(0)], line: 4, column: 5),
        Case(path: [.key("steps"), .index(0), .key("tool")], line: 4, column: 14),
        Case(path: [.key("steps"), .index(0), .key("args"), .key("path")], line: 4, column: 39),
        Case(path: [.key("steps"), .index(1)], line: 5, column: 5),
        Case(path: [.key("steps"), .index(1), .key("tool")], line: 6, column: 15),
        Case(path: [.key("steps"), .index(1), .key("args"), .key("body")], line: 7, column: 47),
        // Found after skipping a string that holds brackets and an escaped quote.
        Case(path: [.key("steps"), .index(1), .key("ok")], line: 8, column: 13),
        // An escaped key matches its decoded name.
        Case(path: [.key("name!")], line: 11, column: 17),
    ]

    static let pastTheEnd: [Case] = [
        // A missing key: the object that lacks it.
        Case(path: [.key("steps"), .index(1), .key("args"), .key("cc")], line: 7, column: 15),
        Case(path: [.key("nope")], line: 1, column: 1),
        Case(path: [.key("steps"), .index(1), .key("cost"), .key("usd")], line: 5, column: 5),
        // An index out of range: the array.
        Case(path: [.key("steps"), .index(5), .key("tool")], line: 3, column: 12),
        Case(path: [.key("steps"), .index(-1)], line: 3, column: 12),
        // A path into a scalar, or a key into an array: that value.
        Case(path: [.key("steps"), .index(0), .key("tool"), .key("x")], line: 4, column: 14),
        Case(path: [.key("steps"), .key("tool")], line: 3, column: 12),
        Case(path: [.index(0)], line: 1, column: 1),
    ]

    @Test("the value at a path is found at its first byte", arguments: cases)
    func existingPaths(_ test: Case) throws {
        let location = try #require(JSONLocator.location(of: test.path, in: Self.document))
        #expect(location.line == test.line)
        #expect(location.column == test.column)
    }

    @Test("a path past what exists finds the deepest existing value", arguments: pastTheEnd)
    func missingPaths(_ test: Case) throws {
        let location = try #require(JSONLocator.location(of: test.path, in: Self.document))
        #expect(location.line == test.line)
        #expect(location.column == test.column)
    }

    @Test("leading whitespace, nested arrays and CRLF line ends")
    func arraysAndWhitespace() throws {
        let bytes = Array("  \r\n [1, [2, 3]]".utf8)
        #expect(JSONLocator.location(of: [], in: bytes)! == (2, 2))
        #expect(JSONLocator.location(of: [.index(1)], in: bytes)! == (2, 6))
        #expect(JSONLocator.location(of: [.index(1), .index(0)], in: bytes)! == (2, 7))
        #expect(JSONLocator.location(of: [.index(1), .index(1)], in: bytes)! == (2, 10))
        #expect(JSONLocator.location(of: [.index(1), .index(2)], in: bytes)! == (2, 6))
        #expect(JSONLocator.location(of: [.index(0)], in: Array("[]".utf8))! == (1, 1))
    }

    @Test("a duplicate key finds its first member, as the subscript does")
    func duplicateKeys() throws {
        let bytes = Array(#"{"a": 1, "a": 2}"#.utf8)
        #expect(JSONLocator.location(of: [.key("a")], in: bytes)! == (1, 7))
    }

    @Test("text with no value has no location; broken text stops at the deepest value reached")
    func brokenText() throws {
        #expect(JSONLocator.location(of: [], in: []) == nil)
        #expect(JSONLocator.location(of: [.key("a")], in: Array(" \n ".utf8)) == nil)
        let truncated = Array(#"{"a": [1, {"b": "#.utf8)
        #expect(JSONLocator.location(of: [.key("a"), .index(1), .key("b")], in: truncated)! == (1, 11))
        #expect(JSONLocator.location(of: [.key("a"), .index(2)], in: Array(#"{"a": [1, 2, "#.utf8))! == (1, 7))
        let deep = Array((String(repeating: "[", count: 100_000) + "1").utf8)
        #expect(JSONLocator.location(of: [.index(0), .index(0)], in: deep)! == (1, 3))
        let unbalanced = Array(#"{"x": [[[[, "y": 1}"#.utf8)
        #expect(JSONLocator.location(of: [.key("y")], in: unbalanced)! == (1, 1))
    }
}
