/// Finds raw key material: 64-hex-digit keys named as keys, and wallet seed phrases.
///
/// - A run of exactly 64 hex digits (or `0x` and 64), with both letters and digits, fires
///   when a key word (`key`, `secret`, `private`, `priv`, `seed`, `mnemonic`, `wallet`,
///   `signing`, `passphrase`) starts a word within 80 bytes before it or 40 after, and no
///   digest word does (`sha256`, `sha-256`, `sha`, `hash`, `commit`, `checksum`,
///   `digest`, `integrity`, `fingerprint`, `txid`, `transaction`, `block`): a git or
///   SHA-256 digest stays quiet even next to "key". `_` and `-` separate words, so
///   `PRIVATE_KEY=` counts.
/// - A seed phrase: `seed phrase`, `seed words`, `mnemonic`, `recovery phrase`, `backup
///   phrase`, then within 16 bytes (and an optional `is` / `was`) at least 12 words of 3
///   to 8 lower-case letters, each separated by one to three bytes of white space, none
///   of them a common English function word (`the`, `and`, `with`, `your`...; BIP-39 has
///   none). Up to 24 words are taken.
///
/// The excerpt hides the key or the words.
enum HexSecretDetector {
    static let leadWords: [StaticString] = ["seed", "mnemonic", "recovery", "backup", "secret"]
    static let keyWords: [StaticString] = [
        "key", "keys", "secret", "private", "priv", "privkey", "seed", "mnemonic", "wallet", "signing", "passphrase", "secretkey",
        "privatekey",
    ]
    static let digestWords: [StaticString] = [
        "sha256", "sha-256", "sha", "hash", "hashes", "commit", "checksum", "digest", "integrity", "fingerprint", "txid",
        "transaction", "block", "sha256sum", "sha3", "blake2", "blake3", "hashed",
    ]
    static let stopWords: [StaticString] = [
        "the", "and", "for", "you", "are", "with", "that", "this", "from", "your", "have", "not", "but", "was", "our", "can",
        "will", "they", "them", "its", "his", "her", "she", "him", "has", "had", "been", "were", "what", "when", "who", "how",
        "yours", "should", "would", "could", "into", "than", "then", "anyone", "never",
    ]

    /// A 64-hex run at `i` next to a key word.
    static func hex(in t: ByteText, at i: Int) -> Match? {
        var start = i
        if t.base[i] == 0x30 && (t[i + 1] == 0x78 || t[i + 1] == 0x58) { start = i + 2 }
        // Cheap rejection first: the 64th byte is hex and the 65th ends the word.
        guard Byte.isHex(t[start + 63]), !Byte.isWord(t[start + 64]) else { return nil }
        var letters = false, digits = false
        for k in start..<(start + 64) {
            let b = t.base[k]
            if Byte.isDigit(b) { digits = true } else if Byte.isHexLetter(b) { letters = true } else { return nil }
        }
        guard letters && digits else { return nil }
        let end = start + 64
        var named = false
        var j = Swift.max(0, i - 80)
        let limit = Swift.min(t.count, end + 40)
        while j < limit {
            if j == i { j = end; continue }
            if Byte.isLetter(t.base[j]) && !Byte.isLetter(t[j - 1]) {
                if contextWord(t, j, in: digestWords) { return nil }
                if !named && contextWord(t, j, in: keyWords) { named = true }
            }
            j += 1
        }
        return named ? Match(.hexSecret, i..<end, secret: start..<end) : nil
    }

    /// Whether one of `words` is at `j` and ends before a byte that is not a letter.
    private static func contextWord(_ t: ByteText, _ j: Int, in words: [StaticString]) -> Bool {
        for w in words where t.matchesFolded(w, at: j) && !Byte.isLetter(t[j + w.utf8CodeUnitCount]) { return true }
        return false
    }

    /// A seed phrase after its keyword at `i`.
    static func seedPhrase(in t: ByteText, at i: Int) -> Match? {
        guard var k = keyword(t, i) else { return nil }
        k = t.skip(from: k, limit: k + 16) { !Byte.isLower($0) }
        if let verb = t.word(at: k, "is") ?? t.word(at: k, "was") {
            k = t.skip(from: verb, limit: verb + 16) { !Byte.isLower($0) }
        }
        let first = k
        var words = 0
        var end = k
        while words < 24 {
            let wordEnd = t.skip(from: k, limit: k + 9, while: Byte.isLower)
            let length = wordEnd - k
            guard length >= 3, length <= 8, !Byte.isAlnum(t[wordEnd]), t.word(at: k, in: stopWords) == nil else { break }
            words += 1
            end = wordEnd
            let next = t.skip(from: wordEnd, limit: wordEnd + 3, while: Byte.isSpace)
            guard next > wordEnd else { break }
            k = next
        }
        return words >= 12 ? Match(.hexSecret, i..<end, secret: first..<end) : nil
    }

    private static func keyword(_ t: ByteText, _ i: Int) -> Int? {
        var k = i
        if let secret = t.word(at: i, "secret"), let next = t.nextWord(after: secret) { k = next }
        if let seed = t.word(at: k, "seed") ?? t.word(at: k, "recovery") ?? t.word(at: k, "backup"), let next = t.nextWord(after: seed) {
            return t.word(at: next, "phrase") ?? t.word(at: next, "words")
        }
        guard k == i, let mnemonic = t.word(at: i, "mnemonic") else { return nil }
        if let next = t.nextWord(after: mnemonic), let end = t.word(at: next, "phrase") { return end }
        return mnemonic
    }
}
