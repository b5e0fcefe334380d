/// Finds bank and investment account details: an account keyword followed closely by
/// the number or amount it labels.
///
/// Keywords, without case, at a word start: `account number` / `account no` / `acct
/// no` / `account #` / `a/c no`, `routing number` / `routing no` / `ABA`, `sort code`,
/// and the amounts `balance` (`account balance`, `available balance`), `holdings`,
/// `portfolio` (`portfolio value`), `net worth`. Within 16 bytes, over blanks, `:`,
/// `=`, `#`, `-`, `is`, `of`, `was`, `now`, comes the value:
/// - after an account keyword: 6 to 17 digits (spaces and dashes inside allowed);
/// - after a routing keyword: exactly 9 digits; after `sort code`: `12-34-56` or 6 digits;
/// - after an amount keyword: an amount with a currency (`$`, `€`, `£`, `¥`, `USD`,
///   `EUR`, `GBP`, `CHF`, `JPY`, `CAD`, `AUD` before or after it), or, after a colon,
///   a number with a thousands separator or two decimals (`balance: 12,340.22`).
///
/// "balance the load across 3 servers", "the account number field is required" and
/// "your portfolio of 12 projects" stay quiet. Masked numbers (`****1234`) are not data.
enum FinancialAccountDetector {
    static let leadWords: [StaticString] = [
        "account", "acct", "a/c", "routing", "aba", "sort", "balance", "available", "current", "holdings", "portfolio", "net",
    ]
    private static let currencyCodes: [StaticString] = ["usd", "eur", "gbp", "chf", "jpy", "cad", "aud", "inr", "cny"]
    private static let linkWords: [StaticString] = ["is", "of", "was", "now", "no", "no.", "nr", "number"]

    private enum Value { case account, routing, sortCode, amount }

    static func match(in t: ByteText, at i: Int) -> Match? {
        guard let (kind, keyEnd) = keyword(t, i) else { return nil }
        var k = keyEnd
        var colon = false
        for _ in 0..<4 {
            let next = t.skip(from: k, limit: k + 6) { Byte.isBlank($0) || $0 == 0x3A || $0 == 0x3D || $0 == 0x23 || $0 == 0x2D }
            for j in k..<next where t.base[j] == 0x3A || t.base[j] == 0x3D { colon = true }
            k = next
            guard let end = t.word(at: k, in: linkWords) else { break }
            k = end
        }
        guard k - keyEnd <= 16 else { return nil }
        let valueEnd: Int?
        switch kind {
        case .account: valueEnd = digitRun(t, k, minimum: 6, maximum: 17)
        case .routing: valueEnd = digitRun(t, k, minimum: 9, maximum: 9)
        case .sortCode: valueEnd = sortCode(t, k)
        case .amount: valueEnd = amount(t, k, colon: colon)
        }
        guard let valueEnd else { return nil }
        return Match(.financialAccount, i..<valueEnd, secret: k..<valueEnd, revealTail: 4)
    }

    private static func keyword(_ t: ByteText, _ i: Int) -> (Value, Int)? {
        func pair(_ a: StaticString, _ b: [StaticString]) -> Int? {
            guard let e = t.word(at: i, a), let n = t.nextWord(after: e) else { return nil }
            return t.word(at: n, in: b)
        }
        if let e = pair("account", ["number", "no", "no.", "nr", "#", "balance"]) ?? pair("acct", ["number", "no", "no.", "#"])
            ?? t.word(at: i, "acct") ?? pair("a/c", ["number", "no", "no."])
        {
            let balance = t.matchesFolded("balance", at: e - 7)
            return (balance ? .amount : .account, e)
        }
        if t.matchesFolded("account", at: i), t[i + 7] == 0x20, t[i + 8] == 0x23 { return (.account, i + 9) }
        if let e = pair("routing", ["number", "no", "no.", "#"]) ?? t.word(at: i, "aba") { return (.routing, e) }
        if let e = pair("sort", ["code"]) { return (.sortCode, e) }
        if let e = pair("available", ["balance"]) ?? pair("current", ["balance"]) ?? t.word(at: i, "balance")
            ?? t.word(at: i, "holdings") ?? pair("portfolio", ["value", "balance"]) ?? t.word(at: i, "portfolio")
            ?? pair("net", ["worth"])
        {
            return (.amount, e)
        }
        return nil
    }

    private static func digitRun(_ t: ByteText, _ k: Int, minimum: Int, maximum: Int) -> Int? {
        guard Byte.isDigit(t[k]), !Byte.isAlnum(t[k - 1]) || t[k - 1] == 0x23 else { return nil }
        var digits = 0
        var j = k
        var end = k
        while j < t.count && j - k < maximum + 6 {
            let b = t.base[j]
            if Byte.isDigit(b) {
                digits += 1
                end = j + 1
            } else if !((b == 0x20 || b == 0x2D) && Byte.isDigit(t[j + 1])) {
                break
            }
            j += 1
        }
        guard digits >= minimum, digits <= maximum, !Byte.isAlnum(t[end]) else { return nil }
        return end
    }

    private static func sortCode(_ t: ByteText, _ k: Int) -> Int? {
        func two(_ j: Int) -> Bool { Byte.isDigit(t[j]) && Byte.isDigit(t[j + 1]) }
        if two(k), t[k + 2] == 0x2D, two(k + 3), t[k + 5] == 0x2D, two(k + 6), !Byte.isAlnum(t[k + 8]) { return k + 8 }
        return digitRun(t, k, minimum: 6, maximum: 6)
    }

    private static func amount(_ t: ByteText, _ k: Int, colon: Bool) -> Int? {
        var j = k
        var currency = false
        if t[j] == 0x24 { j += 1; currency = true }  // $
        else if t[j] == 0xE2 && t[j + 1] == 0x82 && t[j + 2] == 0xAC { j += 3; currency = true }  // €
        else if t[j] == 0xC2 && (t[j + 1] == 0xA3 || t[j + 1] == 0xA5) { j += 2; currency = true }  // £ ¥
        else if t.word(at: j, in: currencyCodes) != nil {
            j = t.skip(from: j + 3, limit: j + 5, while: Byte.isBlank)
            currency = true
        }
        if t[j] == 0x2D { j += 1 }
        guard Byte.isDigit(t[j]) else { return nil }
        var end = j
        var separated = false
        var decimals = 0
        var afterDot = false
        while end < t.count && end - j < 24 {
            let b = t.base[end]
            if Byte.isDigit(b) {
                if afterDot { decimals += 1 }
                end += 1
            } else if (b == 0x2C || b == 0x2E || b == 0x27) && Byte.isDigit(t[end + 1]) {
                separated = true
                afterDot = b == 0x2E
                decimals = 0
                end += 1
            } else {
                break
            }
        }
        guard !Byte.isAlnum(t[end]) || Byte.isUpper(t[end]) else {
            // "12k", "3M" after a currency: still an amount.
            return currency && (t[end] | 0x20 == UInt8(ascii: "k") || t[end] | 0x20 == UInt8(ascii: "m")) ? end + 1 : nil
        }
        if !currency {
            let after = t.skip(from: end, limit: end + 2, while: Byte.isBlank)
            if t.word(at: after, in: currencyCodes) != nil { return after + 3 }
            guard colon, separated || decimals == 2 else { return nil }
        }
        return end
    }
}
