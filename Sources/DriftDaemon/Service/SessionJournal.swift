import Drift
import Foundation
import Glibc
import JSON
import Synchronization

/// Durable sessions: an append-only journal of every accepted session change, with
/// periodic compacted snapshots, so that a restart (even after `kill -9`) does not hand
/// an agent a clean slate.
///
/// Layout of the state folder:
/// - `sessions.snapshot`: every live session, one JSON line each, after a header line
///   naming the journal generation it covers; replaced atomically (write, fsync, rename).
/// - `journal.<generation>`: one JSON line per change after that snapshot: a session's
///   complete state after a step (the last line for a session wins), or its end.
///
/// A record is written while the session's shard lock is held and before the reply
/// leaves, so a step a client saw acknowledged is in the journal: it survives the
/// process dying at any point (the kernel has the bytes). `sync` decides whether it also
/// survives the machine losing power: `always` fsyncs each record, `interval` once a
/// second, `never` leaves it to the kernel. A torn last line (a crash mid-write) is
/// skipped on recovery and counted.
public final class SessionJournal: Sendable {
    public enum Sync: String, Sendable { case always, interval, never }

    public struct Recovery: Sendable {
        public var sessions: [(id: String, session: SessionState, lastSeenWallClock: Double)]
        public var records: Int
        public var tornRecords: Int
        public var seconds: Double
    }

    private struct State: ~Copyable {
        var fd: Int32
        var generation: Int
        var recordsSinceSnapshot = 0
        var dirty = false
    }

    public let directory: String
    public let sync: Sync
    private let state: Mutex<State>

    /// Opens (creating if needed) the journal in `directory` and recovers what it holds.
    /// The caller loads the recovered sessions into its table before serving.
    public static func open(directory: String, sync: Sync) throws -> (SessionJournal, Recovery) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        let started = Date()
        var sessions: [String: (SessionState, Double)] = [:]
        var records = 0
        var torn = 0
        var covered = -1
        let snapshotPath = directory + "/sessions.snapshot"
        if let data = FileManager.default.contents(atPath: snapshotPath) {
            let bytes = [UInt8](data)
            for line in JSONLines(bytes) {
                guard let value = try? JSONParser.parse(bytes[line.range]) else {
                    torn += 1
                    continue
                }
                if let generation = value["covers"]?.intValue {
                    covered = generation
                } else {
                    apply(value, to: &sessions)
                }
            }
        }
        let journals = try generations(in: directory).filter { $0 > covered }
        for generation in journals {
            guard let data = FileManager.default.contents(atPath: path(directory, generation)) else { continue }
            let bytes = [UInt8](data)
            for line in JSONLines(bytes) {
                guard let value = try? JSONParser.parse(bytes[line.range]) else {
                    torn += 1
                    continue
                }
                records += 1
                apply(value, to: &sessions)
            }
        }
        let generation = (journals.last ?? covered) + 1
        let fd = try Posix.open(path(directory, generation), flags: O_WRONLY | O_CREAT | O_APPEND)
        let journal = SessionJournal(directory: directory, sync: sync, fd: fd, generation: generation)
        let recovery = Recovery(
            sessions: sessions.map { ($0.key, $0.value.0, $0.value.1) }, records: records, tornRecords: torn,
            seconds: Date().timeIntervalSince(started))
        return (journal, recovery)
    }

    private init(directory: String, sync: Sync, fd: Int32, generation: Int) {
        self.directory = directory
        self.sync = sync
        self.state = Mutex(State(fd: fd, generation: generation))
    }

    private static func path(_ directory: String, _ generation: Int) -> String {
        "\(directory)/journal.\(generation)"
    }

    private static func generations(in directory: String) throws -> [Int] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .compactMap { $0.hasPrefix("journal.") ? Int($0.dropFirst("journal.".count)) : nil }
            .sorted()
    }

    // MARK: Records

    /// Appends the state of a session after a change. Called with the session's shard
    /// lock held.
    public func record(_ id: String, _ session: SessionState, wallClock: Double) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(192)
        Self.encode(id, session, wallClock: wallClock, into: &bytes)
        try append(bytes)
    }

    /// Appends the end of a session (ended, evicted or expired).
    public func recordEnd(_ id: String) throws {
        var bytes: [UInt8] = Array(#"{"s":"#.utf8)
        JSONValue.appendEscaped(id, to: &bytes)
        bytes.append(contentsOf: Array(#","e":1}"#.utf8))
        bytes.append(10)
        try append(bytes)
    }

    private func append(_ bytes: [UInt8]) throws {
        try state.withLock { state throws in
            try bytes.withUnsafeBytes { raw in try Posix.writeAll(state.fd, raw) }
            if sync == .always { try Posix.fsync(state.fd) } else { state.dirty = true }
            state.recordsSinceSnapshot += 1
        }
    }

    /// For `interval`: makes what was written since the last call durable.
    public func flush() {
        let fd: Int32? = state.withLock { state in
            guard state.dirty else { return nil }
            state.dirty = false
            return state.fd
        }
        if let fd { try? Posix.fsync(fd) }
    }

    public var recordsSinceSnapshot: Int { state.withLock { $0.recordsSinceSnapshot } }

    /// Writes a snapshot of `sessions` and drops the journals it covers.
    ///
    /// New records go to a fresh journal from the moment the old one is retired, so
    /// steps never wait for the snapshot. `sessions` is read after the switch: every
    /// record in the retired journal was written after its table update, so the table
    /// already holds that state or a newer one.
    public func compact(sessions: () -> [(id: String, session: SessionState, lastSeenWallClock: Double)]) throws -> Int {
        let (retired, oldFD) = try state.withLock { state throws -> (Int, Int32) in
            let newFD = try Posix.open(Self.path(directory, state.generation + 1), flags: O_WRONLY | O_CREAT | O_APPEND)
            let old = (state.generation, state.fd)
            state.fd = newFD
            state.generation += 1
            state.recordsSinceSnapshot = 0
            state.dirty = false
            return old
        }
        try? Posix.fsync(oldFD)
        try? Posix.close(oldFD)
        let snapshot = sessions()
        var bytes: [UInt8] = Array("{\"covers\":\(retired)}\n".utf8)
        bytes.reserveCapacity(snapshot.count * 192 + 32)
        for entry in snapshot { Self.encode(entry.id, entry.session, wallClock: entry.lastSeenWallClock, into: &bytes) }
        let temporary = directory + "/sessions.snapshot.tmp"
        let fd = try Posix.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try bytes.withUnsafeBytes { raw in try Posix.writeAll(fd, raw) }
            try Posix.fsync(fd)
            try Posix.close(fd)
        } catch {
            try? Posix.close(fd)
            throw error
        }
        try Posix.rename(temporary, to: directory + "/sessions.snapshot")
        for generation in try Self.generations(in: directory) where generation <= retired {
            try? Posix.unlink(Self.path(directory, generation))
        }
        return snapshot.count
    }

    public func close() {
        state.withLock { state in
            try? Posix.fsync(state.fd)
            try? Posix.close(state.fd)
            state.fd = -1
        }
    }

    // MARK: Encoding

    /// `{"s":id,"c":category,"x":state,"l":level,"n":steps,"al":alerted,"a":alerts,"p":suppressed,"u":unknown,"t":wall,"ll":[...],"lo":n}`
    static func encode(_ id: String, _ s: SessionState, wallClock: Double, into bytes: inout [UInt8]) {
        func number(_ n: Int) { bytes.append(contentsOf: Array(String(n).utf8)) }
        bytes.append(contentsOf: Array(#"{"s":"#.utf8))
        JSONValue.appendEscaped(id, to: &bytes)
        if let category = s.category {
            bytes.append(contentsOf: Array(#","c":"#.utf8))
            JSONValue.appendEscaped(category, to: &bytes)
        }
        bytes.append(contentsOf: Array(#","x":"#.utf8)); number(s.state.index)
        bytes.append(contentsOf: Array(#","l":"#.utf8)); number(s.level.rawValue)
        bytes.append(contentsOf: Array(#","n":"#.utf8)); number(s.steps)
        bytes.append(contentsOf: Array(#","al":"#.utf8)); number(s.alertedLevel?.rawValue ?? -1)
        bytes.append(contentsOf: Array(#","a":"#.utf8)); number(s.alerts)
        bytes.append(contentsOf: Array(#","p":"#.utf8)); number(s.suppressedAlerts)
        bytes.append(contentsOf: Array(#","u":"#.utf8)); number(s.unknownTools)
        bytes.append(contentsOf: Array(#","t":"#.utf8)); JSONValue.appendNumber((wallClock * 1000).rounded() / 1000, to: &bytes)
        if !s.posterior.logLikelihoods.isEmpty {
            bytes.append(contentsOf: Array(#","ll":["#.utf8))
            for (i, value) in s.posterior.logLikelihoods.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.appendNumber(value, to: &bytes)
            }
            bytes.append(contentsOf: Array(#"],"lo":"#.utf8)); number(s.posterior.observations)
        }
        bytes.append(contentsOf: Array("}\n".utf8))
    }

    private static func apply(_ value: JSONValue, to sessions: inout [String: (SessionState, Double)]) {
        guard let id = value["s"]?.stringValue else { return }
        if value["e"] != nil {
            sessions[id] = nil
            return
        }
        guard let index = value["x"]?.intValue, (0..<RiskState.count).contains(index),
              let level = value["l"]?.intValue.flatMap(RiskLevel.init(rawValue:)) else { return }
        var session = SessionState(category: value["c"]?.stringValue)
        session.state = RiskState(index: index)
        session.level = level
        session.steps = value["n"]?.intValue ?? 0
        session.alertedLevel = value["al"]?.intValue.flatMap(RiskLevel.init(rawValue:))
        session.alerts = value["a"]?.intValue ?? 0
        session.suppressedAlerts = value["p"]?.intValue ?? 0
        session.unknownTools = value["u"]?.intValue ?? 0
        if let logs = value["ll"]?.arrayValue?.compactMap(\.doubleValue) {
            session.posterior = CategoryPosterior(logLikelihoods: logs, observations: value["lo"]?.intValue ?? 0)
        }
        sessions[id] = (session, value["t"]?.doubleValue ?? 0)
    }
}
