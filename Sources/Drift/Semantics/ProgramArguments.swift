/// One item of a program's argument list, as getopt-style parsing sees it.
struct ProgramArgument {
    /// The option letter (`d` for `-d` or inside `-sd`); 0 for long options and operands.
    var letter: UInt8 = 0
    /// A long option's name without dashes and value (`data` for `--data=x`); empty otherwise.
    var name: Substring = ""
    /// The option's value (attached `-ofile`, `--out=file`, or the next word), for options that take one.
    var value: String?
    /// The word itself, for an operand (anything that is not an option, every word after `--`).
    var operand: ShellToken?

    var isOperand: Bool { operand != nil }
}

/// Walks words as getopt does: short clusters (`-sSLo file`), long options with `=`
/// or a separate value, `--` ending options, and operands anywhere (GNU order).
///
/// `shortValues` lists the letters that take a value, `longValues` the long names
/// that do. A value-taking option at the very end simply has no value.
struct ProgramArguments: Sequence, IteratorProtocol {
    private var words: ArraySlice<ShellToken>
    private let shortValues: StaticString
    private let longValues: [StaticString]
    private var cluster: [UInt8] = []
    private var clusterIndex = 0
    private var optionsEnded = false
    /// With `stopAtOperand`, the first operand ends options (POSIX order, for wrappers).
    private let stopAtOperand: Bool

    init(_ words: ArraySlice<ShellToken>, shortValues: StaticString = "", longValues: [StaticString] = [], stopAtOperand: Bool = false) {
        self.words = words
        self.shortValues = shortValues
        self.longValues = longValues
        self.stopAtOperand = stopAtOperand
    }

    /// The words not yet read.
    var rest: ArraySlice<ShellToken> { words }

    mutating func next() -> ProgramArgument? {
        if clusterIndex < cluster.count {
            let letter = cluster[clusterIndex]
            clusterIndex += 1
            guard takesValue(letter) else { return ProgramArgument(letter: letter) }
            if clusterIndex < cluster.count {
                let value = String(decoding: cluster[clusterIndex...], as: UTF8.self)
                clusterIndex = cluster.count
                return ProgramArgument(letter: letter, value: value)
            }
            return ProgramArgument(letter: letter, value: words.popFirst()?.text)
        }
        guard let word = words.popFirst() else { return nil }
        if optionsEnded || !word.isOption {
            if stopAtOperand { optionsEnded = true }
            return ProgramArgument(operand: word)
        }
        let text = word.text
        if text == "--" {
            optionsEnded = true
            return next()
        }
        if text.hasPrefix("--") {
            let body = text.dropFirst(2)
            if let eq = body.firstIndex(of: "=") {
                return ProgramArgument(name: body[..<eq], value: String(body[body.index(after: eq)...]))
            }
            if longValues.contains(where: { Self.equals($0, body) }) {
                return ProgramArgument(name: body, value: words.popFirst()?.text)
            }
            return ProgramArgument(name: body)
        }
        cluster = Array(text.utf8.dropFirst().prefix(64))
        clusterIndex = 0
        return next()
    }

    private func takesValue(_ letter: UInt8) -> Bool {
        let p = shortValues.utf8Start
        for k in 0..<shortValues.utf8CodeUnitCount where p[k] == letter { return true }
        return false
    }

    static func equals(_ literal: StaticString, _ text: Substring) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard text.utf8.count == n else { return false }
        let p = literal.utf8Start
        var k = 0
        for b in text.utf8 {
            if b != p[k] { return false }
            k += 1
        }
        return true
    }
}

extension ProgramArguments {
    /// The words from the first operand on, after the leading options of a wrapper
    /// (`sudo -u bob rm x` -> `rm x`); `--` is dropped.
    static func command(after args: ArraySlice<ShellToken>, shortValues: StaticString = "", longValues: [StaticString] = []) -> ArraySlice<ShellToken> {
        var k = args.startIndex
        while k < args.endIndex {
            let word = args[k]
            if word.text == "--" { return args[(k + 1)...] }
            guard word.isOption else { return args[k...] }
            if word.text.hasPrefix("--") {
                let body = word.text.dropFirst(2)
                if !body.contains("="), longValues.contains(where: { equals($0, body) }) { k += 1 }
            } else {
                // The first value-taking letter ends the cluster; its value is attached or the next word.
                let letters = Array(word.text.utf8.dropFirst())
                for (position, letter) in letters.enumerated() where contains(shortValues, letter) {
                    if position == letters.count - 1 { k += 1 }
                    break
                }
            }
            k += 1
        }
        return args[args.endIndex...]
    }

    static func contains(_ letters: StaticString, _ letter: UInt8) -> Bool {
        let p = letters.utf8Start
        for k in 0..<letters.utf8CodeUnitCount where p[k] == letter { return true }
        return false
    }

    /// Whether `word` is a short-option cluster (`-rf`) holding `letter`.
    static func cluster(_ word: ShellToken, has letter: UInt8) -> Bool {
        word.isOption && !word.text.hasPrefix("--") && word.text.utf8.dropFirst().contains(letter)
    }
}
