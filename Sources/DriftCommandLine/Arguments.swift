/// The options a command accepts, and the parsed result: a small, strict parser in the
/// spirit of swift-argument-parser (which this project may not depend on).
public struct OptionSpec: Sendable {
    public var names: [String]  // "--output", "-o"
    public var valueName: String?  // nil: a flag
    public var help: String
    public var repeatable: Bool

    public init(_ names: [String], value: String? = nil, help: String, repeatable: Bool = false) {
        self.names = names
        self.valueName = value
        self.help = help
        self.repeatable = repeatable
    }

    var key: String { names[0] }
}

/// A command-line mistake: exits with EX_USAGE (64) and the command's usage line.
public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public struct ParsedArguments: Sendable {
    public var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { values[name]?.last }
    public func values(_ name: String) -> [String] { values[name] ?? [] }

    public func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return number
    }

    public func double(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), range.contains(number) else {
            throw UsageError("\(name) takes a number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return number
    }

    public static func parse(_ arguments: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            var argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                inlineValue = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            guard let spec = options.first(where: { $0.names.contains(argument) }) else {
                throw UsageError("unknown option \(argument)")
            }
            if spec.valueName == nil {
                if inlineValue != nil { throw UsageError("\(argument) takes no value") }
                parsed.flags.insert(spec.key)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("\(argument) needs a value (\(spec.valueName!))") }
                value = arguments[index]
                index += 1
            }
            if !spec.repeatable, parsed.values[spec.key] != nil {
                throw UsageError("\(argument) given twice")
            }
            parsed.values[spec.key, default: []].append(value)
        }
        return parsed
    }
}
