/// Substring search on UTF-8 bytes, for the short texts the analyzers look into.
///
/// The standard library's `String.contains(_: String)` builds a search table per call,
/// which costs more than the whole analysis of a short command; these loops do not allocate.
enum TextSearch {
    /// Whether `text` holds `needle`, byte for byte.
    static func contains(_ text: String, _ needle: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { pattern in search(haystack, pattern) }
        }
        if let found, let found { return found }
        return search(Array(text.utf8)[...], Array(needle.utf8)[...])
    }

    private static func search<H: RandomAccessCollection, P: RandomAccessCollection>(_ haystack: H, _ pattern: P) -> Bool
    where H.Element == UInt8, P.Element == UInt8, H.Index == Int, P.Index == Int {
        let n = pattern.count
        guard n > 0 else { return true }
        guard haystack.count >= n else { return false }
        let first = pattern[pattern.startIndex]
        var k = haystack.startIndex
        let end = haystack.endIndex - n
        while k <= end {
            if haystack[k] == first {
                var j = 1
                while j < n && haystack[k + j] == pattern[pattern.startIndex + j] { j += 1 }
                if j == n { return true }
            }
            k += 1
        }
        return false
    }
}
