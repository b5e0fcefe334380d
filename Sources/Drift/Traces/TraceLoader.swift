import Foundation
import JSON

/// Reads traces from files and folders, and says what it read and what it skipped.
///
/// A folder is walked recursively in name order (so results do not depend on the file
/// system); `.json` files hold one record, `.jsonl` files one per line. A malformed
/// record is skipped with an error naming file, line and field, and the rest of the
/// file is still read: one bad line in a thousand does not cost the other 999.
public struct TraceLoader: Sendable {
    /// One record or file that was not read as a trace, and why.
    public struct Skipped: Hashable, Sendable, CustomStringConvertible {
        public var error: InputError
        /// True when the input is well-formed but not a trace (a scenario catalogue):
        /// not an error, just not ours.
        public var notATrace: Bool
        public var description: String { error.description }
    }

    /// What one loading pass found.
    public struct Corpus: Sendable {
        public var traces: [Trace] = []
        public var files: [ChainModel.Source] = []
        public var skipped: [Skipped] = []

        public var errors: [Skipped] { skipped.filter { !$0.notATrace } }
        public var stepCount: Int { traces.reduce(0) { $0 + $1.steps.count } }

        /// "read 357 traces (2,947 steps) from 4 files; skipped 1 file that is not a trace, 2 malformed records".
        public var summary: String {
            var text = "read \(traces.count) traces (\(stepCount) steps) from \(files.count) file\(files.count == 1 ? "" : "s")"
            let other = skipped.count - errors.count
            if other > 0 { text += "; skipped \(other) that \(other == 1 ? "is" : "are") not traces" }
            if !errors.isEmpty { text += "; skipped \(errors.count) malformed" }
            return text
        }
    }

    /// Where categories come from beyond the records themselves.
    public var defaults: TraceDefaults

    public init(defaults: TraceDefaults = TraceDefaults()) {
        self.defaults = defaults
    }

    public func load(_ paths: [String]) -> Corpus {
        var corpus = Corpus()
        for path in paths {
            for file in files(under: path, corpus: &corpus) {
                load(file: file, into: &corpus)
            }
        }
        return corpus
    }

    /// The trace files a path names: itself, or the `.json`/`.jsonl` files below it.
    private func files(under path: String, corpus: inout Corpus) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            corpus.skipped.append(Skipped(error: InputError(file: path, message: "no such file or folder"), notATrace: false))
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        // A folder's files must stay inside it: a symlink (to a file or a folder) that
        // resolves outside the folder is refused, so a trace folder cannot be used to
        // read what its owner did not put there.
        let root = (path as NSString).resolvingSymlinksInPath
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".json") || relative.hasSuffix(".jsonl") else { continue }
            let file = (path as NSString).appendingPathComponent(relative)
            let resolved = (file as NSString).resolvingSymlinksInPath
            guard resolved == root || resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                corpus.skipped.append(Skipped(error: InputError(file: file, message: "refused: it resolves to \(resolved), outside \(path)"), notATrace: false))
                continue
            }
            found.append(file)
        }
        return found.sorted()
    }

    public func load(file: String, into corpus: inout Corpus) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file)
        } catch {
            corpus.skipped.append(Skipped(error: error, notATrace: false))
            return
        }
        var traces = 0
        var steps = 0
        var defaults = self.defaults
        func take(_ record: [UInt8], firstLine: Int, origin: String) {
            do {
                let decoded = try DocumentReader.decode(record, file: file, firstLine: firstLine) { (root) throws(JSONDecodingError) in
                    try TraceDecoder.decode(root, origin: origin, defaults: defaults)
                }
                switch decoded {
                case .trace(let trace):
                    corpus.traces.append(trace)
                    traces += 1
                    steps += trace.steps.count
                case .header(let header):
                    defaults = header
                case .notATrace(let reason):
                    corpus.skipped.append(Skipped(error: InputError(file: file, line: firstLine > 1 || file.hasSuffix(".jsonl") ? firstLine : nil, message: reason), notATrace: true))
                }
            } catch {
                corpus.skipped.append(Skipped(error: error, notATrace: false))
            }
        }
        if file.hasSuffix(".jsonl") {
            for line in JSONLines(bytes) {
                take(Array(bytes[line.range]), firstLine: line.number, origin: "\(file):\(line.number)")
            }
        } else {
            take(bytes, firstLine: 1, origin: file)
        }
        if traces > 0 {
            corpus.files.append(ChainModel.Source(path: file, traces: traces, steps: steps, sha256: SHA256.hex(bytes)))
        }
    }
}

extension ModelFitter {
    /// Fits every trace of a corpus, recording its files as the model's sources.
    public mutating func add(_ corpus: TraceLoader.Corpus) {
        for trace in corpus.traces { add(trace) }
        for file in corpus.files { add(source: file) }
    }
}
