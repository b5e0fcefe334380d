/// Collects effects and targets while the three analyzers walk their input, enforcing
/// the caps of `CommandAnalysis` and the work budget shared by nested analyses.
///
/// One builder serves a whole top-level call: `sh -c '...'`, `$(...)`, `psql -c` and
/// `os.system("...")` analyse their inner text into the same builder, one level deeper.
struct AnalysisBuilder {
    private(set) var effects: CommandEffects = []
    private var programs: [String] = []
    private var hosts: [String] = []
    private var recipients: [String] = []
    private var paths: [String] = []
    private var finding: String?
    private var findingRank = -1

    /// Files fetched from the network earlier in the same input (`curl -o x`, `wget URL`,
    /// `urlretrieve(url, "x")`), so that running them later is `downloadAndRun`; at most 16.
    private(set) var downloadedFiles: [String] = []

    /// Simple commands, SQL statements and code calls left to analyse across every level;
    /// a hostile input of thousands of tiny commands stops here.
    var budget = 1024

    /// Nested levels deeper than this are not analysed (`sh -c "sh -c '...'"`).
    static let maximumDepth = 3

    mutating func add(_ more: CommandEffects, _ fragment: @autoclosure () -> String? = nil) {
        var more = more
        if more.contains(.destroyBroad) { more.insert(.destroy) }
        effects.formUnion(more)
        let rank = Self.rank(of: more)
        if rank > findingRank, let text = fragment(), !text.isEmpty {
            finding = Self.clip(Self.collapsingSpace(text), to: CommandAnalysis.maximumFindingBytes)
            findingRank = rank
        }
    }

    mutating func program(_ name: String) {
        guard !name.isEmpty, programs.count < CommandAnalysis.maximumListCount else { return }
        programs.append(Self.clip(name, to: CommandAnalysis.maximumEntryBytes))
    }

    mutating func host(_ name: String) { Self.insert(name, into: &hosts) }
    mutating func recipient(_ address: String) { Self.insert(address, into: &recipients) }
    mutating func path(_ path: String) { Self.insert(path, into: &paths) }

    mutating func downloaded(_ file: String) {
        guard !file.isEmpty, downloadedFiles.count < 16, !downloadedFiles.contains(file) else { return }
        downloadedFiles.append(file)
    }

    /// Whether `path` names a file fetched earlier: same text, or same last component
    /// when one of them is relative (`curl -o x.sh` then `./x.sh` or `bash /tmp/x.sh`).
    func isDownloaded(_ path: String) -> Bool {
        guard !downloadedFiles.isEmpty else { return false }
        let base = PathText.lastComponent(path)
        return downloadedFiles.contains { $0 == path || (!base.isEmpty && PathText.lastComponent($0) == base) }
    }

    func build() -> CommandAnalysis {
        var effects = effects
        if !effects.isDisjoint(with: .changes) { effects.remove(.read) }
        return CommandAnalysis(effects: effects, programs: programs, hosts: hosts, recipients: recipients,
                               paths: paths, finding: finding)
    }

    /// Which effect's fragment becomes the finding: the most harmful one seen.
    private static func rank(of effects: CommandEffects) -> Int {
        let order: [CommandEffects] = [.read, .write, .processKill, .egress, .privilege, .persistence,
                                       .destroy, .disableProtection, .downloadAndRun, .destroyBroad]
        var best = -1
        for (rank, effect) in order.enumerated() where effects.contains(effect) { best = rank }
        return best
    }

    private static func insert(_ value: String, into list: inout [String]) {
        guard !value.isEmpty, list.count < CommandAnalysis.maximumListCount else { return }
        let value = clip(value, to: CommandAnalysis.maximumEntryBytes)
        if !list.contains(value) { list.append(value) }
    }

    /// `text` cut to at most `limit` UTF-8 bytes at a scalar boundary.
    static func clip(_ text: String, to limit: Int) -> String {
        if text.utf8.count <= limit { return text }
        var used = 0
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            if used + width > limit { break }
            used += width
        }
        return String(decoding: text.utf8.prefix(used), as: UTF8.self)
    }

    /// Runs of spaces, tabs and newlines as one space, at most 4 × the finding cap read.
    private static func collapsingSpace(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(Swift.min(text.utf8.count, CommandAnalysis.maximumFindingBytes + 8))
        var space = false
        var read = 0
        for b in text.utf8 {
            read += 1
            if read > 4 * CommandAnalysis.maximumFindingBytes || out.count > CommandAnalysis.maximumFindingBytes + 4 { break }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                space = !out.isEmpty
                continue
            }
            if space { out.append(0x20); space = false }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
