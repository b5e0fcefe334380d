/// A bounded per-session record of the values that can direct an agent's action and
/// where each was first seen: in the user's task, in a tool result, or in a tool result
/// that addressed instructions to the agent.
///
/// Values are kept as 64-bit hashes (`TargetHash`), never as text, so the index cannot
/// log or leak them; only tool names are kept as text. Storage:
///
/// - An empty index allocates nothing; its inline size is five words (40 bytes on
///   64-bit). Each held value costs 16 bytes, so a full index at the default capacity
///   holds about 2 KiB of values, plus at most `maximumTaskWords` task words (8 bytes
///   each) and `maximumToolNames` tool names of at most `maximumToolNameBytes` bytes.
/// - At most `capacity` values are held. Task values are never evicted: they are
///   recorded first, and a task value that arrives when the index is full evicts the
///   latest-seen value from a tool result. Any other value arriving when the index is
///   full is dropped and counted in `dropped`. Dropping rather than evicting is what
///   keeps a flooded result (100,000 addresses) from pushing the task's values out; a
///   value dropped this way later reads as NEW, which the rules already treat as risky.
/// - Tool names are stored once per distinct name, the first `maximumToolNames` names
///   in the order their steps contributed a value; later tools' values are still held
///   and read back with `sourceTool` nil.
///
/// Each `record` reads at most `TargetTextScanner.maximumScannedBytes` of text and
/// takes at most `maximumValuesPerRecord` values from it.
public struct TargetIndex: Hashable, Sendable {
    public static let defaultCapacity = 128
    /// Distinct tool names remembered for `TargetSighting.sourceTool`.
    public static let maximumToolNames = 16
    /// Longer tool names are cut to this many bytes (at a character boundary).
    public static let maximumToolNameBytes = 64
    /// Words remembered from the task for `isNamedInTask`.
    public static let maximumTaskWords = 64
    /// Values taken from one text passed to `record` or `recordTask`.
    public static let maximumValuesPerRecord = 512
    /// The largest capacity an index accepts; larger requests are clamped.
    public static let maximumCapacity = 1 << 16

    /// One held value: 16 bytes.
    struct Entry: Hashable, Sendable {
        var hash: UInt64
        var step: UInt32
        var source: UInt8
        /// Index into `tools`, or `Entry.noTool`.
        var tool: UInt8
        static let noTool: UInt8 = 0xFF
    }

    /// Held values, sorted by hash.
    private var entries: [Entry] = []
    /// Hashes of task words, sorted.
    private var taskWords: [UInt64] = []
    private var tools: [String] = []
    private let capacity: Int
    private var droppedCount = 0

    /// An index holding at most `capacity` values (clamped to 0...`maximumCapacity`).
    public init(capacity: Int = TargetIndex.defaultCapacity) {
        self.capacity = min(max(0, capacity), Self.maximumCapacity)
    }

    /// Values held.
    public var count: Int { entries.count }
    /// Sightings of values that were not held because the index was full (a value
    /// dropped twice counts twice).
    public var dropped: Int { droppedCount }

    /// Records every value in `text` as seen from `source` at `step` (1-based) in the
    /// result of `tool`. With `source` `.task`, step and tool are ignored (0 and nil).
    /// A value already held keeps its first step and tool; a stronger source upgrades
    /// it (untrusted to instructed), and a task sighting always wins.
    public mutating func record(_ text: String, source: ValueSource, step: Int, tool: String?) {
        let isTask = source == .task
        var toolSlot: UInt8? = isTask ? Entry.noTool : nil
        let clampedStep = isTask ? 0 : UInt32(clamping: max(0, step))
        TargetExtractor.scan(text, kinds: TargetTextScanner.allKinds, limit: Self.maximumValuesPerRecord) { kind, bytes in
            let hash = TargetHash.hash(kind, bytes)
            // The tool's name is stored only once one of its values is.
            if toolSlot == nil && entries.count < capacity && sighting(hash: hash) == nil { toolSlot = slot(for: tool) }
            insert(hash, source: source, step: clampedStep, tool: toolSlot ?? Entry.noTool)
        }
    }

    /// Records the user's task: its values as `.task`, and its words (3 or more letters,
    /// not a common function word) for `isNamedInTask`. Record the task before any
    /// result, so that its values are held however large the results are.
    public mutating func recordTask(_ text: String) {
        record(text, source: .task, step: 0, tool: nil)
        Self.forEachWord(in: text, maximumBytes: TargetTextScanner.maximumScannedBytes) { word in
            guard taskWords.count < Self.maximumTaskWords, !Self.isStopWord(word) else { return taskWords.count < Self.maximumTaskWords }
            let h = TargetHash.word(word)
            let k = Self.lowerBound(taskWords, h)
            if k == taskWords.count || taskWords[k] != h { taskWords.insert(h, at: k) }
            return true
        }
    }

    /// Where `target` was first seen, or nil when it was seen nowhere (NEW). A URL that
    /// was not seen whole matches by its host; an e-mail address matches only exactly.
    public func sighting(of target: Target) -> TargetSighting? {
        if let s = sighting(hash: TargetHash.hash(target)) { return s }
        if target.kind == .url, let host = target.host {
            return sighting(hash: TargetHash.hash(Target(kind: .host, value: host)))
        }
        return nil
    }

    /// Whether the user's task names the person or organisation behind `target`: a word
    /// of an e-mail's local part (split on `. _ - +`, digits dropped, 3 or more letters)
    /// or of `displayName` is a task word (`"email John the report"` names
    /// `john.doe@corp.com`), or the first label of a host's or URL's host is one.
    /// False for other kinds and before `recordTask`.
    public func isNamedInTask(_ target: Target, displayName: String? = nil) -> Bool {
        guard !taskWords.isEmpty else { return false }
        if let displayName {
            var named = false
            Self.forEachWord(in: displayName, maximumBytes: 256) { word in
                named = !Self.isStopWord(word) && holdsWord(TargetHash.word(word))
                return !named
            }
            if named { return true }
        }
        switch target.kind {
        case .email:
            // Each part of the local part, digits dropped, hashed as a word.
            var hasher = WordHasher()
            for b in target.value.utf8 {
                if b == 0x40 || b == 0x2E || b == 0x5F || b == 0x2D || b == 0x2B {
                    if hasher.letters >= 3 && holdsWord(hasher.hash) { return true }
                    if b == 0x40 { return false }
                    hasher = WordHasher()
                } else if !Byte.isDigit(b) {
                    hasher.add(b)
                }
            }
            return false
        case .host, .url:
            guard let host = target.host else { return false }
            var hasher = WordHasher()
            for b in host.utf8 {
                if b == 0x2E { break }
                hasher.add(b)
            }
            return hasher.letters >= 3 && holdsWord(hasher.hash)
        default:
            return false
        }
    }

    // MARK: - Storage

    /// Bytes of heap storage held (array buffers' capacity; tool names by their UTF-8
    /// length), for tests and memory reports.
    var storageBytes: Int {
        entries.capacity * MemoryLayout<Entry>.stride + taskWords.capacity * MemoryLayout<UInt64>.stride
            + tools.capacity * MemoryLayout<String>.stride + tools.reduce(0) { $0 + $1.utf8.count }
    }

    private func sighting(hash: UInt64) -> TargetSighting? {
        let k = Self.lowerBound(entries, hash)
        guard k < entries.count, entries[k].hash == hash else { return nil }
        let e = entries[k]
        let source = ValueSource(rawValue: e.source) ?? .untrusted
        let tool = e.tool == Entry.noTool || Int(e.tool) >= tools.count ? nil : tools[Int(e.tool)]
        return TargetSighting(source: source, step: Int(e.step), sourceTool: tool)
    }

    private mutating func insert(_ hash: UInt64, source: ValueSource, step: UInt32, tool: UInt8) {
        let k = Self.lowerBound(entries, hash)
        if k < entries.count && entries[k].hash == hash {
            let held = ValueSource(rawValue: entries[k].source) ?? .untrusted
            if source == .task && held != .task {
                entries[k] = Entry(hash: hash, step: 0, source: ValueSource.task.rawValue, tool: Entry.noTool)
            } else if source > held {
                entries[k].source = source.rawValue
            }
            return
        }
        if entries.count >= capacity {
            // Only a task value may make room, and only by evicting a result's value.
            guard source == .task, let victim = latestResultEntry() else {
                droppedCount += 1
                return
            }
            entries.remove(at: victim)
            droppedCount += 1
            let k = Self.lowerBound(entries, hash)
            entries.insert(Entry(hash: hash, step: step, source: source.rawValue, tool: Entry.noTool), at: k)
            return
        }
        if entries.isEmpty { entries.reserveCapacity(min(capacity, 16)) }
        entries.insert(Entry(hash: hash, step: step, source: source.rawValue, tool: tool), at: k)
    }

    /// The held value from a tool result with the latest step, or nil when every held
    /// value is the task's.
    private func latestResultEntry() -> Int? {
        var best: Int? = nil
        for (k, e) in entries.enumerated() where e.source != ValueSource.task.rawValue {
            if best == nil || e.step >= entries[best!].step { best = k }
        }
        return best
    }

    private mutating func slot(for tool: String?) -> UInt8 {
        guard let tool else { return Entry.noTool }
        // Cut at a scalar boundary: at most maximumToolNameBytes bytes of whole scalars.
        var bytes = 0
        var end = tool.unicodeScalars.startIndex
        for scalar in tool.unicodeScalars {
            let width = UTF8.width(scalar)
            guard bytes + width <= Self.maximumToolNameBytes else { break }
            bytes += width
            end = tool.unicodeScalars.index(after: end)
        }
        let name = String(tool.unicodeScalars[..<end])
        if let k = tools.firstIndex(of: name) { return UInt8(k) }
        guard tools.count < Self.maximumToolNames else { return Entry.noTool }
        tools.append(name)
        return UInt8(tools.count - 1)
    }

    private func holdsWord(_ h: UInt64) -> Bool {
        let k = Self.lowerBound(taskWords, h)
        return k < taskWords.count && taskWords[k] == h
    }

    private static func lowerBound(_ entries: [Entry], _ hash: UInt64) -> Int {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].hash < hash { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private static func lowerBound(_ words: [UInt64], _ hash: UInt64) -> Int {
        var lo = 0, hi = words.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if words[mid] < hash { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    // MARK: - Words

    /// Calls `body` with each run of 3 to 64 letters (ASCII letters and UTF-8 beyond
    /// ASCII; longer runs are no name) in the first `maximumBytes` of `text`; stops when
    /// `body` returns false. The bytes are valid only during the call.
    static func forEachWord(in text: String, maximumBytes: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var text = text
        text.withUTF8 { buffer in
            let n = min(buffer.count, maximumBytes)
            var i = 0
            while i < n {
                guard Byte.isLetter(buffer[i]) || buffer[i] >= 0x80 else { i += 1; continue }
                var e = i
                while e < n && (Byte.isLetter(buffer[e]) || buffer[e] >= 0x80) { e += 1 }
                if e - i >= 3 && e - i <= 64 && !body(UnsafeBufferPointer(rebasing: buffer[i..<e])) { return }
                i = e
            }
        }
    }

    /// Common English function and task words that name no one.
    private static let stopWords: [StaticString] = [
        "the", "and", "for", "you", "your", "with", "this", "that", "from", "please", "send", "email", "mail",
        "reply", "forward", "message", "file", "files", "report", "all", "are", "was", "were", "have", "has",
        "can", "could", "would", "should", "will", "about", "into", "onto", "over", "then", "them", "they",
        "what", "when", "where", "which", "who", "why", "how", "also", "just", "some", "any", "our", "ours",
        "his", "her", "him", "its", "not", "but", "out", "via", "per", "com", "org", "net", "www", "http", "https",
        "make", "sure", "need", "want", "get", "let", "know", "team", "new", "today", "tomorrow",
    ]

    static func isStopWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count <= 8 else { return false }
        return stopWords.contains { stop in
            guard stop.utf8CodeUnitCount == word.count else { return false }
            let p = stop.utf8Start
            for k in 0..<word.count where Byte.lower(word[k]) != p[k] { return false }
            return true
        }
    }
}

/// FNV-1a over a word's bytes as they arrive, lower-cased, in the task-word domain of
/// `TargetHash.word`, counting the bytes seen.
private struct WordHasher {
    private(set) var hash = (TargetHash.offsetBasis ^ 0xFF) &* TargetHash.prime
    private(set) var letters = 0

    mutating func add(_ b: UInt8) {
        hash = (hash ^ UInt64(Byte.lower(b))) &* TargetHash.prime
        letters += 1
    }
}
