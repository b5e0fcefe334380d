import Drift
import DriftDaemon
import Foundation
import Glibc
import Testing

@Suite("Durable sessions")
struct SessionJournalTests {
    func folder() -> String {
        let path = NSTemporaryDirectory() + "drift-journal-\(UUID().uuidString.prefix(8))"
        return path
    }

    func session(steps: Int, category: String? = "research_comms") -> SessionState {
        var s = SessionState(category: category)
        s.state = RiskState(exposure: .sensitive, escalation: .fileWrite, reversibility: .partially, taint: .untrusted)
        s.level = .mild
        s.steps = steps
        s.alertedLevel = .mild
        s.alerts = 1
        s.suppressedAlerts = 2
        return s
    }

    @Test("every journaled change comes back after reopening, ends included, and the last record wins")
    func roundTrip() throws {
        let directory = folder()
        let (journal, first) = try SessionJournal.open(directory: directory, sync: .never)
        #expect(first.sessions.isEmpty && first.records == 0)
        let table = SessionTable(limit: 100, journal: journal)
        for i in 1...3 {
            _ = try table.update("a", category: "research_comms", now: 1, wallClock: 100) { s in s = session(steps: i) }
        }
        _ = try table.update("b", category: nil, now: 1, wallClock: 100) { s in s.steps = 1 }
        _ = try table.update("gone", category: nil, now: 1, wallClock: 100) { s in s.steps = 9 }
        _ = table.end("gone")
        journal.close()

        let (reopened, recovery) = try SessionJournal.open(directory: directory, sync: .never)
        defer { reopened.close() }
        let sessions = Dictionary(uniqueKeysWithValues: recovery.sessions.map { ($0.id, $0.session) })
        #expect(sessions.keys.sorted() == ["a", "b"])
        #expect(sessions["a"] == session(steps: 3))
        #expect(recovery.records == 6 && recovery.tornRecords == 0)
    }

    @Test("a torn last record from a crash mid-write is skipped and counted")
    func tornRecord() throws {
        let directory = folder()
        let (journal, _) = try SessionJournal.open(directory: directory, sync: .never)
        try journal.record("a", session(steps: 1), wallClock: 1)
        try journal.record("a", session(steps: 2), wallClock: 2)
        journal.close()
        let file = try #require(FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasPrefix("journal.") })
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/" + file))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"s":"a","c":"research_comms","x":17,"l":1,"n":3,"al"#.utf8))
        handle.closeFile()
        let (reopened, recovery) = try SessionJournal.open(directory: directory, sync: .never)
        defer { reopened.close() }
        #expect(recovery.tornRecords == 1)
        #expect(recovery.sessions.first?.session.steps == 2)
    }

    @Test("compaction writes a snapshot, drops the old journals, and later records still count")
    func compaction() throws {
        let directory = folder()
        let (journal, _) = try SessionJournal.open(directory: directory, sync: .interval)
        let table = SessionTable(limit: 1000, journal: journal)
        for i in 0..<200 {
            _ = try table.update("s\(i)", category: "sysadmin", now: 5, wallClock: 1000) { $0.steps = i }
        }
        let written = try journal.compact { table.snapshotForJournal(now: 5, wallClock: 1000) }
        #expect(written == 200)
        #expect(journal.recordsSinceSnapshot == 0)
        _ = try table.update("s7", category: nil, now: 6, wallClock: 1001) { $0.steps = 700 }
        journal.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["journal.1", "sessions.snapshot"])
        let (reopened, recovery) = try SessionJournal.open(directory: directory, sync: .never)
        defer { reopened.close() }
        let sessions = Dictionary(uniqueKeysWithValues: recovery.sessions.map { ($0.id, $0.session) })
        #expect(sessions.count == 200)
        #expect(sessions["s7"]?.steps == 700 && sessions["s199"]?.steps == 199)
        #expect(recovery.records == 1)
    }

    @Test("restored sessions keep their idle time, so expiry still applies")
    func restoreKeepsIdleTime() throws {
        let table = SessionTable(limit: 10)
        table.restore([("old", session(steps: 1), 1000), ("new", session(steps: 2), 1990)], now: 10_000_000_000_000, wallClock: 2000)
        let expired = table.expire(idleSince: 10_000_000_000_000 - 100_000_000_000)
        #expect(expired == 1)
        #expect(table.session("new")?.steps == 2 && table.session("old") == nil)
    }
}

@Suite("The session table")
struct SessionTableTests {
    @Test("the limit is on the whole table: it fills to the limit, then each new session evicts one, counted")
    func limitAndEviction() throws {
        let table = SessionTable(limit: 1000)
        for i in 0..<1000 { _ = try table.update("s\(i)", category: nil, now: UInt64(i), { $0.steps += 1 }) }
        #expect(table.count == 1000 && table.counts.evicted == 0)
        for i in 1000..<1100 { _ = try table.update("s\(i)", category: nil, now: UInt64(i), { $0.steps += 1 }) }
        #expect(table.count <= 1001 && table.count >= 999)
        #expect(table.counts.evicted >= 99)
        #expect(table.session("s1099")?.steps == 1, "the newest sessions stay")
        _ = table.end("s1099")
        #expect(table.session("s1099") == nil)
    }
}
