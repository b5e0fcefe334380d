/// Finds dates of birth: a date within `window` bytes after a birth keyword.
///
/// Keywords, without case, at the start of a word: `date of birth`, `date_of_birth`,
/// `dateofbirth`, `dob`, `d.o.b`, `birth date`, `birth_date`, `birthdate`, `birthday`,
/// `born`. Dates: `1984-03-12`, `1984/03/12`, `12/03/1984` and `03.12.1984` (day and
/// month in either order), `12 March 1984`, `12th Mar 1984`, `March 12, 1984`, with a
/// year from 1900 to 2099.
///
/// The rule is keyword proximity, nothing more: a date on its own is not personal
/// data, and a date near a name is too common (a commit log, a byline) to count. A
/// keyword far from the date (more than `window` bytes, say in the next paragraph) does
/// not fire.
enum DateOfBirthDetector {
    static let window = 40

    /// The words a keyword can start with (for the scanner's first-two-letters filter).
    static let leadWords: [StaticString] = ["dob", "d.o.b", "date", "dateofbirth", "born", "birth", "birthdate", "birthday"]

    static func match(in t: ByteText, at i: Int) -> Match? {
        guard let keywordEnd = keyword(t, i) else { return nil }
        let limit = Swift.min(t.count, keywordEnd + window)
        var k = keywordEnd
        while k < limit {
            let b = t.base[k]
            if (Byte.isDigit(b) || Byte.isLetter(b)) && !Byte.isAlnum(t[k - 1]), let end = DateParser.date(in: t, at: k) {
                return Match(.dateOfBirth, i..<end, secret: k..<end)
            }
            k += 1
        }
        return nil
    }

    /// The end of a birth keyword at `i`, if there is one.
    private static func keyword(_ t: ByteText, _ i: Int) -> Int? {
        func word(_ w: StaticString) -> Int? {
            let end = i + w.utf8CodeUnitCount
            return t.matchesFolded(w, at: i) && !Byte.isAlnum(t[end]) ? end : nil
        }
        func phrase(_ first: StaticString, _ second: StaticString) -> Int? {
            guard let end = word(first) else { return nil }
            let next = t.skip(from: end, limit: end + 4) { Byte.isBlank($0) || $0 == 0x5F }
            guard next > end, t.matchesFolded(second, at: next) else { return nil }
            let last = next + second.utf8CodeUnitCount
            return Byte.isAlnum(t[last]) ? nil : last
        }
        switch t.base[i] | 0x20 {
        case UInt8(ascii: "d"):
            if let end = word("dob") ?? word("d.o.b") ?? word("dateofbirth") { return end }
            guard let date = word("date") else { return nil }
            let next = t.skip(from: date, limit: date + 4) { Byte.isBlank($0) || $0 == 0x5F }
            guard next > date, t.matchesFolded("of", at: next) else { return nil }
            let birth = t.skip(from: next + 2, limit: next + 6) { Byte.isBlank($0) || $0 == 0x5F }
            guard birth > next + 2, t.matchesFolded("birth", at: birth), !Byte.isAlnum(t[birth + 5]) else { return nil }
            return birth + 5
        case UInt8(ascii: "b"):
            return word("born") ?? word("birthdate") ?? word("birthday") ?? phrase("birth", "date")
        default:
            return nil
        }
    }
}

/// Reads one calendar date at a byte offset (the formats are listed on
/// `DateOfBirthDetector`).
enum DateParser {
    static func date(in t: ByteText, at k: Int) -> Int? {
        if Byte.isLetter(t[k]) {
            // March 12, 1984
            guard let (_, monthEnd) = month(t, k) else { return nil }
            var j = t.skip(from: monthEnd, limit: monthEnd + 3, while: Byte.isBlank)
            guard j > monthEnd, let (day, dayEnd) = number(t, j, maximumDigits: 2), (1...31).contains(day) else { return nil }
            j = ordinalSuffix(t, dayEnd)
            if t[j] == 0x2C { j += 1 }
            let yearStart = t.skip(from: j, limit: j + 3, while: Byte.isBlank)
            return year(t, yearStart)
        }
        guard let (first, firstEnd) = number(t, k, maximumDigits: 4) else { return nil }
        let separator = t[firstEnd]
        if separator == 0x2D || separator == 0x2F || separator == 0x2E {
            guard let (second, secondEnd) = number(t, firstEnd + 1, maximumDigits: 2), t[secondEnd] == separator else { return nil }
            if firstEnd - k == 4 {
                // 1984-03-12
                guard (1900...2099).contains(first), let (third, end) = number(t, secondEnd + 1, maximumDigits: 2),
                      (1...12).contains(second), (1...31).contains(third), !Byte.isDigit(t[end])
                else { return nil }
                return end
            }
            // 12/03/1984 or 03/12/1984
            guard firstEnd - k <= 2, (1...31).contains(first), (1...31).contains(second),
                  first <= 12 || second <= 12
            else { return nil }
            return year(t, secondEnd + 1)
        }
        // 12 March 1984
        guard firstEnd - k <= 2, (1...31).contains(first) else { return nil }
        let j = ordinalSuffix(t, firstEnd)
        let monthStart = t.skip(from: j, limit: j + 3, while: Byte.isBlank)
        guard monthStart > j || j > firstEnd, let (_, monthEnd) = month(t, monthStart) else { return nil }
        var y = t.skip(from: monthEnd, limit: monthEnd + 3, while: Byte.isBlank)
        if t[y] == 0x2C { y = t.skip(from: y + 1, limit: y + 4, while: Byte.isBlank) }
        return year(t, y)
    }

    private static func number(_ t: ByteText, _ k: Int, maximumDigits: Int) -> (Int, Int)? {
        var value = 0
        var j = k
        while Byte.isDigit(t[j]) {
            guard j - k < maximumDigits else { return nil }
            value = value * 10 + Byte.digitValue(t[j])
            j += 1
        }
        return j > k ? (value, j) : nil
    }

    private static func year(_ t: ByteText, _ k: Int) -> Int? {
        guard let (value, end) = number(t, k, maximumDigits: 4), end - k == 4, (1900...2099).contains(value) else { return nil }
        return end
    }

    private static func ordinalSuffix(_ t: ByteText, _ k: Int) -> Int {
        for suffix: StaticString in ["st", "nd", "rd", "th"] where t.matchesFolded(suffix, at: k) && !Byte.isLetter(t[k + 2]) {
            return k + 2
        }
        return k
    }

    private static let months: [StaticString] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// A month name, full or abbreviated to three letters (with an optional dot).
    private static func month(_ t: ByteText, _ k: Int) -> (Int, Int)? {
        let first = t[k] | 0x20
        for (index, name) in months.enumerated() where name.utf8Start[0] == first {
            let full = name.utf8CodeUnitCount
            if t.matchesFolded(name, at: k) && !Byte.isLetter(t[k + full]) { return (index + 1, k + full) }
            var matched = true
            for j in 0..<3 where t[k + j] | 0x20 != name.utf8Start[j] { matched = false }
            if matched && !Byte.isLetter(t[k + 3]) { return (index + 1, t[k + 3] == 0x2E ? k + 4 : k + 3) }
        }
        return nil
    }
}
