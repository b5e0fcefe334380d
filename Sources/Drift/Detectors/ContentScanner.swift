/// Scans tool results and arguments for credentials, personal and financial data, and
/// instructions addressed to the agent.
///
/// One left-to-right pass over the UTF-8 bytes. Most bytes cost a table lookup: only
/// a few punctuation bytes (`-` `:` `=` `@` `+` `(`, and `<` `[` `{` `#` for role tags),
/// the lead bytes of Cyrillic and CJK injection phrases, and the first byte of a word start
/// a detector, and the bytes inside a word that started nothing are skipped in a tight
/// loop. Every detector looks ahead (or, from `=`, `:` and `@`, behind) a bounded
/// number of bytes, so a scan is linear in the text. Matches do not overlap: after a
/// match the scan resumes at its end, so a JWT inside `Bearer ...` is reported once.
///
/// A scan allocates only for what it reports (the findings and their counts).
public struct ContentScanner: Sendable {
    /// Which detectors run, and what exposure each one reports.
    public struct Configuration: Hashable, Sendable {
        /// The exposure each enabled data detector reports; a detector absent from the
        /// map is disabled. An entry for `.injection` is ignored (see `injectionEnabled`).
        public var levels: [DetectorID: DataExposure]
        /// Whether the injection detector runs.
        public var injectionEnabled: Bool
        /// The injection families the detector tries when it runs (all by default).
        public var injectionFamilies: InjectionFamilySet
        /// The most bytes of one text that are scanned. A longer text is scanned in two
        /// parts, its head and its last `ContentScanner.tailBytes` (64 KiB, or half the
        /// limit if that is smaller), so that an instruction appended to the end of a
        /// huge result is still seen; matches that straddle the gap are lost, and the
        /// result says `truncated`.
        public var maximumScannedBytes: Int

        public init(
            levels: [DetectorID: DataExposure], injectionEnabled: Bool = true, injectionFamilies: InjectionFamilySet = .all,
            maximumScannedBytes: Int = 1 << 20
        ) {
            self.levels = levels
            self.injectionEnabled = injectionEnabled
            self.injectionFamilies = injectionFamilies
            self.maximumScannedBytes = maximumScannedBytes
        }

        /// Every detector at its `defaultLevel`, injection on, 1 MiB scanned.
        public static let `default` = Configuration(
            levels: Dictionary(uniqueKeysWithValues: DetectorID.all.compactMap { id in id.defaultLevel.map { (id, $0) } })
        )
    }

    /// How many bytes at the end of an over-long text are scanned.
    public static let tailBytes = 64 * 1024

    public let configuration: Configuration
    /// The level of each detector by `Kind.rawValue`, -1 when disabled.
    private let levelTable: [Int8]
    /// For the first two letters of a word, which keyword detectors (and which injection
    /// families) have a phrase starting with them.
    private let leads: LeadTable
    /// The injection families tried; empty when injection is off.
    private let families: InjectionFamilySet

    public init(_ configuration: Configuration = .default) {
        self.configuration = configuration
        families = configuration.injectionEnabled ? configuration.injectionFamilies : []
        let families = families
        levelTable = DetectorID.Kind.allCases.map { kind in
            if kind == .injection { return families.isEmpty ? -1 : 0 }
            return configuration.levels[DetectorID(kind)].map { Int8($0.rawValue) } ?? -1
        }
        var leads = LeadTable()
        for family in InjectionFamily.all where families.contains(family) {
            leads.add(InjectionDetector.leadWords(for: [family]), bits: UInt16(1) << family.kind.rawValue)
        }
        if configuration.levels[.dateOfBirth] != nil { leads.add(DateOfBirthDetector.leadWords, bits: LeadTable.dateOfBirth) }
        if configuration.levels[.hexSecret] != nil { leads.add(HexSecretDetector.leadWords, bits: LeadTable.seedPhrase) }
        if configuration.levels[.health] != nil { leads.add(HealthDetector.leadWords, bits: LeadTable.health) }
        if configuration.levels[.financialAccount] != nil { leads.add(FinancialAccountDetector.leadWords, bits: LeadTable.financial) }
        if configuration.levels[.postalAddress] != nil { leads.add(PostalAddressDetector.leadWords, bits: LeadTable.postal) }
        self.leads = leads
    }

    /// Scans the UTF-8 encoding of `text`.
    public func scan(_ text: String) -> ScanResult {
        var text = text
        return text.withUTF8 { scan(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Scans bytes, normally UTF-8. Other bytes are harmless: they match nothing.
    public func scan(bytes: UnsafeRawBufferPointer) -> ScanResult {
        var result = ScanResult()
        scan(bytes: bytes, into: &result)
        return result
    }

    /// Counts what the detectors find in `text` without keeping findings or excerpts:
    /// what the monitor's hot path needs, and it allocates nothing.
    public func tally(_ text: String) -> ScanTally {
        var text = text
        var tally = ScanTally()
        text.withUTF8 { scan(bytes: UnsafeRawBufferPointer($0), into: &tally) }
        return tally
    }

    private func scan<Sink: ScanSink>(bytes: UnsafeRawBufferPointer, into result: inout Sink) {
        guard !bytes.isEmpty else { return }
        bytes.withMemoryRebound(to: UInt8.self) { buffer in
            let base = buffer.baseAddress!
            let total = buffer.count
            let limit = Swift.max(configuration.maximumScannedBytes, 0)
            if total <= limit {
                scan(ByteText(base: base, count: total), offset: 0, into: &result)
            } else {
                result.markTruncated()
                let tail = Swift.min(Self.tailBytes, limit / 2)
                scan(ByteText(base: base, count: limit - tail), offset: 0, into: &result)
                if tail > 0 {
                    scan(ByteText(base: base + (total - tail), count: tail), offset: total - tail, into: &result)
                }
            }
        }
    }

    @inline(__always)
    private func enabled(_ kind: DetectorID.Kind) -> Bool { levelTable[kind.rawValue] >= 0 }

    private func scan<Sink: ScanSink>(_ t: ByteText, offset: Int, into result: inout Sink) {
        let n = t.count
        let p = t.base
        var i = 0
        var floor = 0  // where the last match ended: look-behinds stop there
        ByteDispatch.table.withUnsafeBufferPointer { table in
            while i < n {
                let b = p[i]
                let kind = table[Int(b)]
                if kind == ByteDispatch.none {
                    i += 1
                    continue
                }
                let found: Match?
                if kind == ByteDispatch.symbol {
                    found = symbol(t, i, b, floor: floor)
                } else if kind == ByteDispatch.multibyte {
                    found = families.contains(.multilingual) ? InjectionDetector.multibyte(in: t, at: i) : nil
                } else {
                    if i > 0 && Byte.isWord(p[i - 1]) {
                        // Inside a word that started nothing: nothing can start before its end.
                        i += 1
                        while i < n && Byte.isWord(p[i]) { i += 1 }
                        continue
                    }
                    found = kind == ByteDispatch.digit ? number(t, i) : word(t, i, b)
                }
                if let found, enabled(found.kind) {
                    result.record(found, in: t, offset: offset, level: levelTable[found.kind.rawValue])
                    i = Swift.max(found.range.upperBound, i + 1)
                    floor = i
                } else {
                    i += 1
                }
            }
        }
    }

    /// Detectors that start at (or look behind from) a punctuation byte.
    @inline(__always)
    private func symbol(_ t: ByteText, _ i: Int, _ b: UInt8, floor: Int) -> Match? {
        switch b {
        case 0x2D:
            return t[i + 1] == 0x2D && enabled(.privateKey) ? PrivateKeyDetector.match(in: t, at: i) : nil
        case 0x3A:
            if t[i + 1] == 0x2F {
                return enabled(.connectionString) ? ConnectionStringDetector.match(in: t, at: i, floor: floor) : nil
            }
            return AssignmentDetector.match(in: t, at: i, floor: floor)
        case 0x3D:
            return AssignmentDetector.match(in: t, at: i, floor: floor)
        case 0x40:
            return enabled(.email) ? EmailDetector.match(in: t, at: i, floor: floor) : nil
        case 0x2B:
            return enabled(.phone) ? PhoneDetector.international(in: t, at: i) : nil
        case 0x28:
            return Byte.isDigit(t[i + 1]) && enabled(.phone) ? PhoneDetector.national(in: t, at: i) : nil
        case 0x3C, 0x5B, 0x7B, 0x23:
            return families.contains(.roleTag) ? InjectionDetector.roleTag(in: t, at: i, b) : nil
        default:
            return nil
        }
    }

    /// Detectors that start at the first digit of a number.
    @inline(__always)
    private func number(_ t: ByteText, _ i: Int) -> Match? {
        // The middle of a dotted or dashed number ("1.2.3.4", "2024-03-15") starts nothing.
        let before = t[i - 1]
        if (before == 0x2E || before == 0x2D || before == 0x2C || before == 0x2F || before == 0x3A) && Byte.isDigit(t[i - 2]) {
            return nil
        }
        if enabled(.hexSecret), let m = HexSecretDetector.hex(in: t, at: i) { return m }
        if enabled(.paymentCard), let m = PaymentCardDetector.match(in: t, at: i) { return m }
        if enabled(.nationalID), let m = NationalIDDetector.socialSecurityNumber(in: t, at: i) { return m }
        if enabled(.phone), let m = PhoneDetector.national(in: t, at: i) { return m }
        if enabled(.postalAddress), let m = PostalAddressDetector.numberFirst(in: t, at: i) { return m }
        return nil
    }

    /// Detectors that start at the first letter of a word.
    @inline(__always)
    private func word(_ t: ByteText, _ i: Int, _ b: UInt8) -> Match? {
        switch b {
        case UInt8(ascii: "A"), UInt8(ascii: "g"), UInt8(ascii: "x"), UInt8(ascii: "s"), UInt8(ascii: "r"):
            if enabled(.cloudAccessKey), let m = CloudKeyDetector.match(in: t, at: i) { return m }
        case UInt8(ascii: "e"):
            if enabled(.jwt), let m = JWTDetector.match(in: t, at: i) { return m }
        case UInt8(ascii: "b"), UInt8(ascii: "B"):
            if enabled(.bearerToken), let m = BearerTokenDetector.match(in: t, at: i) { return m }
        default:
            break
        }
        if Byte.isHexLetter(b), enabled(.hexSecret), let m = HexSecretDetector.hex(in: t, at: i) { return m }
        if Byte.isUpper(b) && Byte.isDigit(t[i + 1]), enabled(.health), let m = HealthDetector.match(in: t, at: i) { return m }
        if Byte.isUpper(b) && Byte.isUpper(t[i + 1]) {
            if enabled(.iban), let m = IBANDetector.match(in: t, at: i) { return m }
            if enabled(.nationalID), let m = NationalIDDetector.nationalInsuranceNumber(in: t, at: i) { return m }
        }
        // Most words start no phrase: one table lookup on three bytes sends them on (a
        // byte past the end reads as 0, not a letter), and the bits say
        // which detectors (and injection families) to try for the rest.
        let lead = leads.bits(b, t[i + 1], t[i + 2])
        guard lead != 0 else { return nil }
        if lead & LeadTable.dateOfBirth != 0, let m = DateOfBirthDetector.match(in: t, at: i) { return m }
        if lead & LeadTable.seedPhrase != 0, let m = HexSecretDetector.seedPhrase(in: t, at: i) { return m }
        if lead & LeadTable.health != 0, let m = HealthDetector.match(in: t, at: i) { return m }
        if lead & LeadTable.financial != 0, let m = FinancialAccountDetector.match(in: t, at: i) { return m }
        if lead & LeadTable.postal != 0, let m = PostalAddressDetector.streetFirst(in: t, at: i) { return m }
        let tried = InjectionFamilySet(rawValue: UInt8(truncatingIfNeeded: lead & LeadTable.injectionFamilies))
        if !tried.isEmpty { return InjectionDetector.match(in: t, at: i, families: tried) }
        return nil
    }

}

/// Where a scan puts what it finds: a full result, or counts alone.
protocol ScanSink {
    /// `level` is the detector's exposure level (`DataExposure.rawValue`), 0 for injection.
    mutating func record(_ match: Match, in t: ByteText, offset: Int, level: Int8)
    mutating func markTruncated()
}

extension ScanResult: ScanSink {
    mutating func record(_ match: Match, in t: ByteText, offset: Int, level: Int8) {
        let id = DetectorID(match.kind)
        counts[id, default: 0] += 1
        if match.kind == .injection {
            instructed = true
            if let family = match.family { families.insert(family) }
        } else if let level = DataExposure(rawValue: Int(level)), level > exposure {
            exposure = level
        }
        if findings.count < ScanResult.maximumFindings {
            let range = match.range.lowerBound + offset..<match.range.upperBound + offset
            findings.append(Finding(detector: id, range: range, excerpt: t.excerpt(of: match), family: match.family))
        }
    }

    mutating func markTruncated() { truncated = true }
}

/// How many times each detector fired in one text, kept inline: no findings, no
/// excerpts, no allocation.
public struct ScanTally: Hashable, Sendable {
    private var storage: SIMD32<Int32> = .zero
    public private(set) var truncated = false
    /// The injection families that fired.
    public private(set) var families = InjectionFamilySet()

    public init() {}

    public subscript(detector: DetectorID) -> Int { Int(storage[detector.kind.rawValue]) }

    public var isEmpty: Bool { storage == .zero }
    public var instructed: Bool { self[.injection] > 0 }

    /// The counts of two texts together.
    public static func += (lhs: inout ScanTally, rhs: ScanTally) {
        lhs.storage &+= rhs.storage
        lhs.truncated = lhs.truncated || rhs.truncated
        lhs.families.formUnion(rhs.families)
    }
}

extension ScanTally: ScanSink {
    mutating func record(_ match: Match, in t: ByteText, offset: Int, level: Int8) {
        storage[match.kind.rawValue] &+= 1
        if let family = match.family { families.insert(family) }
    }

    mutating func markTruncated() { truncated = true }
}

/// Three-byte word openings, compared without case, each with the bits of the keyword
/// detectors that have a word starting so. A byte is a letter or, as one class, anything
/// else (`d.o.b`, `don't`, the end of `to`); a one-letter word (`i`) matches any third
/// byte. Bits 0-5 are the injection families by `InjectionFamily.Kind.rawValue`; the data
/// detectors use the bits below. Three bytes rather than two keep "and", "that" and "of"
/// from running detectors for "anthropic", "this" and "official" (the table is 37 KB).
struct LeadTable: Hashable, Sendable {
    static let injectionFamilies: UInt16 = 0x3F
    static let dateOfBirth: UInt16 = 1 << 8
    static let seedPhrase: UInt16 = 1 << 9
    static let health: UInt16 = 1 << 10
    static let financial: UInt16 = 1 << 11
    static let postal: UInt16 = 1 << 12

    private var table: [UInt16] = Array(repeating: 0, count: 26 * 27 * 27)

    /// Marks the openings of `words` (each starting with an ASCII letter) with `bits`.
    mutating func add(_ words: [StaticString], bits: UInt16) {
        for word in words where word.utf8CodeUnitCount >= 1 && Byte.isLetter(word.utf8Start[0]) {
            let n = word.utf8CodeUnitCount
            let first = word.utf8Start[0]
            let second = n >= 2 ? word.utf8Start[1] : 0x20
            if n >= 3 {
                table[Self.index(first, second, word.utf8Start[2])] |= bits
            } else if n == 2 {
                table[Self.index(first, second, 0x20)] |= bits
            } else {
                for third in 0..<27 { table[Self.index(first, second, 0x20) - 26 + third] |= bits }
            }
        }
    }

    @inline(__always)
    private static func column(_ b: UInt8) -> Int { Byte.isLetter(b) ? Int((b | 0x20) - 0x61) : 26 }

    @inline(__always)
    private static func index(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        (Int((first | 0x20) - 0x61) * 27 + column(second)) * 27 + column(third)
    }

    /// The bits for a word starting with these bytes; 0 when `first` is not a letter.
    @inline(__always)
    func bits(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> UInt16 {
        guard Byte.isLetter(first) else { return 0 }
        return table[Self.index(first, second, third)]
    }
}

/// The first-byte classes of the scan loop.
enum ByteDispatch {
    static let none: UInt8 = 0
    static let symbol: UInt8 = 1
    static let digit: UInt8 = 2
    static let letter: UInt8 = 3
    /// The lead bytes of the Cyrillic and CJK phrases of the multilingual family.
    static let multibyte: UInt8 = 4

    static let table: [UInt8] = (0..<256).map { b in
        let byte = UInt8(b)
        switch byte {
        case 0x2D, 0x3A, 0x3D, 0x40, 0x2B, 0x28, 0x3C, 0x5B, 0x7B, 0x23: return symbol
        case _ where InjectionDetector.isMultibyteLead(byte): return multibyte
        case _ where Byte.isDigit(byte): return digit
        case _ where Byte.isLetter(byte): return letter
        // `_` is a word byte: it must reach the word-skipping branch, which it never starts.
        case 0x5F: return letter
        default: return none
        }
    }
}
