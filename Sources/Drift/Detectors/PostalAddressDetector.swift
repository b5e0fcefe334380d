/// Finds street addresses: a house number and a street word, in the orders languages
/// write them. One address is enough to report.
///
/// - Number first (English, French): 1 to 5 digits (optionally a capital or a `-`
///   range: `221B`, `12-14`), an optional comma, then either a French street word in
///   lower case (`rue`, `avenue`, `boulevard`, `bd`, `place`, `chemin`, `allée`,
///   `impasse`, `quai`, `route`, `cours`) and a capitalised word or an article (`de`,
///   `du`, `la`, `l'`...; "14 place settings" stays quiet), or one to four capitalised name
///   words or ordinals (`5th`) and a capitalised street word (`Street`, `St`, `Avenue`,
///   `Ave`, `Road`, `Rd`, `Lane`, `Ln`, `Boulevard`, `Blvd`, `Drive`, `Dr`, `Way`,
///   `Court`, `Ct`, `Place`, `Pl`, `Terrace`, `Close`, `Crescent`, `Highway`, `Hwy`,
///   `Parkway`, `Square`, `Sq`, `Circle`, `Trail`, `Row`, `Mews`, `Grove`), all caps
///   allowed: "1600 Pennsylvania Avenue", "10 Downing St.". "3 Main things" and "for 3
///   Dr. Smith" (no name word) stay quiet.
/// - Street first (German): a capitalised word ending in `straße`, `strasse`, `str.`,
///   `gasse`, `weg`, `allee`, `platz`, then the number: "Hauptstraße 12".
/// - Street first (Spanish, Italian, Portuguese, Catalan): `Calle`, `Avenida`, `Rua`,
///   `Via`, `Viale`, `Piazza`, `Carrer`, `Paseo`, one to four capitalised words (or
///   `de`, `del`, `da`, `di`, `la`...), an optional comma, the number: "Calle Mayor 5",
///   "Via Roma 10". "Via email 3 times" stays quiet.
///
/// After the street, a ZIP code or postcode within the next 48 bytes (`, Springfield,
/// IL 62704`, `75001 Paris`, `SW1A 2AA`) extends the match; it is not required.
enum PostalAddressDetector {
    static let leadWords: [StaticString] = ["calle", "avenida", "rua", "via", "viale", "piazza", "carrer", "paseo"]

    private static let streetWords: [StaticString] = [
        "street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "boulevard", "blvd", "drive", "dr", "way", "court", "ct",
        "place", "pl", "terrace", "close", "crescent", "highway", "hwy", "parkway", "pkwy", "square", "sq", "circle", "trail",
        "row", "mews", "grove",
    ]
    private static let frenchStreetWords: [StaticString] = [
        "rue", "avenue", "boulevard", "bd", "place", "chemin", "allée", "impasse", "quai", "route", "cours",
    ]
    private static let frenchArticles: [StaticString] = ["de", "du", "des", "la", "le", "les", "saint", "sainte"]
    private static let frenchInitials: [UInt8] = Array("rabpciq".utf8)
    private static let germanEndings: [StaticString] = ["straße", "strasse", "str.", "gasse", "weg", "allee", "platz"]
    private static let connectors: [StaticString] = [
        "de", "del", "della", "delle", "dei", "da", "do", "dos", "das", "di", "la", "las", "los", "el", "les",
    ]

    /// An address whose house number starts at `i`.
    static func numberFirst(in t: ByteText, at i: Int) -> Match? {
        var k = t.skip(from: i, limit: i + 6, while: Byte.isDigit)
        guard k - i <= 5, t.base[i] != 0x30, !Byte.isDigit(t[k]) else { return nil }
        if let end = germanNumber(t, i, k) { return Match(.postalAddress, end.start..<end.end) }
        if Byte.isUpper(t[k]) && !Byte.isAlnum(t[k + 1]) {
            k += 1
        } else if t[k] == 0x2D && Byte.isDigit(t[k + 1]) {
            k = t.skip(from: k + 1, limit: k + 6, while: Byte.isDigit)
        }
        guard !Byte.isAlnum(t[k]) else { return nil }
        if t[k] == 0x2C { k += 1 }
        // Most numbers are followed by a lower-case word that no street starts with.
        guard let start = t.nextWord(after: k), Byte.isUpper(t.base[start]) || frenchInitials.contains(t.base[start]) else {
            return nil
        }
        // The French street name opens with a capital or an article: "12 rue de Rivoli";
        // "14 place settings" is a dishwasher.
        if let french = t.word(at: start, in: frenchStreetWords), Byte.isLower(t.base[start]),
           let name = t.nextWord(after: french), Byte.isUpper(t.base[name]) || t.word(at: name, in: frenchArticles) != nil
               || t.matchesFolded("d'", at: name) || t.matchesFolded("l'", at: name) || t.matchesFolded("d\u{2019}", at: name)
        {
            let nameEnd = t.skip(from: name, limit: name + 32) { Byte.isLetter($0) || $0 >= 0x80 || $0 == 0x27 }
            return Match(.postalAddress, i..<postcode(t, after: nameEnd))
        }
        var j = start
        var names = 0
        for _ in 0..<5 {
            if names > 0, Byte.isUpper(t.base[j]), let end = t.word(at: j, in: streetWords) {
                var last = end
                if t[last] == 0x2E { last += 1 }
                return Match(.postalAddress, i..<postcode(t, after: last))
            }
            guard let end = nameWord(t, j) else { return nil }
            names += 1
            guard let next = t.nextWord(after: end) else { return nil }
            j = next
        }
        return nil
    }

    /// A capitalised name word (`Pennsylvania`, `O'Connell`) or an ordinal (`5th`) at `j`.
    private static func nameWord(_ t: ByteText, _ j: Int) -> Int? {
        let b = t.base[j]
        if Byte.isUpper(b) {
            let end = t.skip(from: j + 1, limit: j + 24) { Byte.isLetter($0) || $0 == 0x27 || $0 == 0x2D || $0 >= 0x80 }
            return Byte.isDigit(t[end]) ? nil : end
        }
        if Byte.isDigit(b) {
            let digits = t.skip(from: j, limit: j + 4, while: Byte.isDigit)
            for suffix: StaticString in ["st", "nd", "rd", "th"] where t.matchesFolded(suffix, at: digits) {
                return Byte.isAlnum(t[digits + 2]) ? nil : digits + 2
            }
        }
        return nil
    }

    /// "Hauptstraße 12": the number at `i..<k` after a German street name.
    private static func germanNumber(_ t: ByteText, _ i: Int, _ k: Int) -> (start: Int, end: Int)? {
        let last = t[i - 2] | 0x20
        guard k - i <= 4, i >= 4, Byte.isBlank(t[i - 1]),
              last == UInt8(ascii: "e") || last == UInt8(ascii: "g") || last == UInt8(ascii: "z") || t[i - 2] == 0x2E
        else { return nil }
        let wordEnd = i - 1
        for ending in germanEndings {
            let n = ending.utf8CodeUnitCount
            guard t.matchesFolded(ending, at: wordEnd - n) else { continue }
            var start = wordEnd - n
            while start > 0 && wordEnd - start < 40 && (Byte.isLetter(t.base[start - 1]) || t.base[start - 1] >= 0x80 || t.base[start - 1] == 0x2D) {
                start -= 1
            }
            guard Byte.isUpper(t[start]) else { return nil }
            var end = k
            if Byte.isLower(t[end]) && !Byte.isAlnum(t[end + 1]) { end += 1 }
            return Byte.isAlnum(t[end]) ? nil : (start, postcode(t, after: end))
        }
        return nil
    }

    /// "Calle Mayor 5", "Via Roma 10": a Romance street word at `i`.
    static func streetFirst(in t: ByteText, at i: Int) -> Match? {
        guard Byte.isUpper(t.base[i]), let street = t.word(at: i, in: leadWords) else { return nil }
        var k = street
        var names = 0
        for _ in 0..<6 {
            guard let next = t.nextWord(after: k) else { return nil }
            if Byte.isDigit(t.base[next]) {
                guard names > 0 else { return nil }
                let end = t.skip(from: next, limit: next + 5, while: Byte.isDigit)
                guard end - next <= 4, !Byte.isAlnum(t[end]) || Byte.isUpper(t[end]) && !Byte.isAlnum(t[end + 1]) else { return nil }
                return Match(.postalAddress, i..<postcode(t, after: end))
            }
            if let end = t.word(at: next, in: connectors) {
                k = end
                continue
            }
            guard Byte.isUpper(t.base[next]) else { return nil }
            var end = t.skip(from: next + 1, limit: next + 24) { Byte.isLetter($0) || $0 >= 0x80 || $0 == 0x27 }
            if t[end] == 0x2C { end += 1 }
            names += 1
            k = end
        }
        return nil
    }

    /// The end of a ZIP code or postcode within 48 bytes after `k` on the same line, or `k`.
    private static func postcode(_ t: ByteText, after k: Int) -> Int {
        let limit = Swift.min(t.count, k + 48)
        var j = k
        while j < limit {
            let b = t.base[j]
            if b == 0x0A || b == 0x0D || b == 0x2E && !Byte.isUpper(t[j - 1]) { return k }
            if Byte.isDigit(b) && !Byte.isAlnum(t[j - 1]) {
                let end = t.skip(from: j, limit: j + 6, while: Byte.isDigit)
                if end - j == 5 && !Byte.isAlnum(t[end]) {
                    if t[end] == 0x2D && Byte.isDigit(t[end + 1]) { return t.skip(from: end + 1, limit: end + 5, while: Byte.isDigit) }
                    return end
                }
                if end - j != 4 { return k }
            }
            if Byte.isUpper(b) && !Byte.isAlnum(t[j - 1]), let end = ukPostcode(t, j) { return end }
            j += 1
        }
        return k
    }

    /// A UK postcode at `j`: `SW1A 2AA`, `M1 1AE`, `EC1V 9HX`.
    private static func ukPostcode(_ t: ByteText, _ j: Int) -> Int? {
        var k = j
        let letters = t.skip(from: k, limit: k + 2, while: Byte.isUpper)
        guard letters > k, Byte.isDigit(t[letters]) else { return nil }
        k = t.skip(from: letters, limit: letters + 2, while: Byte.isDigit)
        if Byte.isUpper(t[k]) { k += 1 }
        guard t[k] == 0x20, Byte.isDigit(t[k + 1]), Byte.isUpper(t[k + 2]), Byte.isUpper(t[k + 3]), !Byte.isAlnum(t[k + 4]) else {
            return nil
        }
        return k + 4
    }
}
