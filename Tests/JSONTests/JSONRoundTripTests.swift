import Foundation
import Testing

@testable import JSON

/// Random `JSONValue` trees from a seed: every kind of value, strings drawn from a pool
/// that needs every kind of escape, and numbers from integers, short decimals and raw
/// bit patterns.
struct RandomJSON {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let characters: [String] = [
        "a", "z", "Q", "0", " ", "_", "-", "/", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{7f}",
        "é", "ß", "€", "日", "😀", "👍🏽", "\u{2028}", "\u{fffd}", "\u{10ffff}", "{", "]", ",", ":",
    ]

    mutating func value(depth: Int = 0) -> JSONValue {
        let kinds: UInt64 = depth >= 5 ? 4 : 6
        switch random.next() % kinds {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .number(number())
        case 3: return .string(string())
        case 4: return .array((0..<random.next() % 6).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            for index in 0..<random.next() % 6 {
                // A counter suffix keeps keys unique, as the parser requires by default.
                object.members.append(.init(key: string() + "#\(index)", value: value(depth: depth + 1)))
            }
            return .object(object)
        }
    }

    mutating func number() -> Double {
        switch random.next() % 4 {
        case 0: return Double(Int64(bitPattern: random.next()) >> Int64(random.next() % 63))
        case 1: return Double(Int(random.next() % 2_000_001) - 1_000_000) / 1000
        case 2: return Double(random.next() % 1000) * 1e300
        default:
            // Any finite double, subnormals included.
            while true {
                let candidate = Double(bitPattern: random.next())
                if candidate.isFinite { return candidate }
            }
        }
    }

    mutating func string() -> String {
        (0..<random.next() % 12).map { _ in Self.characters[Int(random.next() % UInt64(Self.characters.count))] }
            .joined()
    }
}

@Suite("Round trips")
struct JSONRoundTripTests {
    static let seeds = Array(UInt64(1)...300)

    @Test("parse(serialized(v)) == v for random trees, compact and pretty", arguments: seeds)
    func roundTrip(seed: UInt64) throws {
        var generator = RandomJSON(seed: seed)
        let value = generator.value()
        #expect(try JSONParser.parse(value.serialized()) == value)
        #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
        var bytes: [UInt8] = []
        value.write(into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == value.serialized())
    }

    @Test("serialization is stable: serializing what was parsed gives the same text", arguments: seeds.prefix(50))
    func stableText(seed: UInt64) throws {
        var generator = RandomJSON(seed: seed)
        let text = generator.value().serialized(pretty: seed % 2 == 0)
        #expect(try JSONParser.parse(text).serialized(pretty: seed % 2 == 0) == text)
    }

    @Test("Foundation's JSONSerialization reads our text to the same strings and numbers", arguments: seeds)
    func foundationOracle(seed: UInt64) throws {
        var generator = RandomJSON(seed: seed)
        // Wrapped in an array: older JSONSerialization rejects top-level scalars.
        let value: JSONValue = [generator.value()]
        let text = value.serialized()
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        #expect(Self.matches(foundation, value), "\(text)")
        #expect(Self.matches(foundation, try JSONParser.parse(text)))
    }

    @Test("one value of every kind round-trips exactly")
    func everyKind() throws {
        let values: [JSONValue] = [
            .null, .bool(true), .bool(false), .number(0), .number(-0.0), .number(42), .number(-1.25e-7),
            .number(.greatestFiniteMagnitude), .string(""), .string("tab\tquote\"é😀"), .array([]),
            .array([.null, [[]]]), .object(JSONObject()), ["a": ["b": [1, "2", nil, true]]],
        ]
        for value in values {
            #expect(try JSONParser.parse(value.serialized()) == value)
            #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
        }
        #expect(try JSONParser.parse(JSONValue.number(-0.0).serialized()).doubleValue?.sign == .minus)
    }

    /// Whether Foundation's reading of a document equals ours. Objects compare as sets
    /// of members, since Foundation's dictionaries forget order.
    static func matches(_ foundation: Any, _ value: JSONValue) -> Bool {
        switch value {
        case .null: return foundation is NSNull
        case .bool(let flag): return (foundation as? Bool) == flag
        case .number(let number):
            // On Linux, Foundation keeps numbers of 17 or more significant digits as
            // NSDecimalNumber, whose doubleValue is not correctly rounded; its decimal
            // text, read by the standard library, is the fair comparison.
            if let decimal = foundation as? NSDecimalNumber { return Double(decimal.stringValue) == number }
            return (foundation as? NSNumber)?.doubleValue == number
        case .string(let text): return (foundation as? String) == text
        case .array(let elements):
            guard let array = foundation as? [Any], array.count == elements.count else { return false }
            return zip(array, elements).allSatisfy { matches($0, $1) }
        case .object(let object):
            guard let dictionary = foundation as? [String: Any], dictionary.count == object.count else { return false }
            return object.members.allSatisfy { member in
                dictionary[member.key].map { matches($0, member.value) } ?? false
            }
        }
    }
}
