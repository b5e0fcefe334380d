import Dispatch
import Drift
import DriftDaemon
import Foundation

/// The cost of durable sessions: a step through the session table with and without the
/// journal (each fsync policy), and how long recovery of 100k sessions takes at start-up.
enum JournalBenchmark {
    static func run(_ fixtures: Fixtures, quick: Bool, into report: inout Report) throws {
        let monitor = fixtures.monitor
        let category = fixtures.categories.first
        let step = Step(tool: "list_dir", arguments: ["path": "/srv/project"], result: "a\nb\nc")
        let steps = quick ? 20_000 : 100_000
        let sessions = 1_000
        // On the state folder's file system: /var/tmp, a disk, as /var/lib/drift is.
        let base = "/var/tmp/drift-bench-journal-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: base) }

        func perStep(_ journal: SessionJournal?) throws -> Double {
            let table = SessionTable(limit: 10 * sessions, journal: journal)
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<steps {
                _ = try table.update("s\(i % sessions)", category: category, now: UInt64(i), wallClock: 1) { monitor.assess(step, in: &$0).pAlert }
            }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(steps)
        }

        let plain = try perStep(nil)
        report.add(Row(group: "journal", name: "step through the session table, no journal", median: plain,
                       note: "SessionTable.update + Monitor.assess, \(steps) steps over \(sessions) sessions; mean per step"))
        for sync in [SessionJournal.Sync.never, .interval, .always] {
            let directory = "\(base)/\(sync.rawValue)"
            let (journal, _) = try SessionJournal.open(directory: directory, sync: sync)
            let count = sync == .always ? min(steps, 2_000) : steps
            let table = SessionTable(limit: 10 * sessions, journal: journal)
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<count {
                _ = try table.update("s\(i % sessions)", category: category, now: UInt64(i), wallClock: 1) { monitor.assess(step, in: &$0).pAlert }
                if sync == .interval, i % 50_000 == 49_999 { journal.flush() }
            }
            journal.flush()
            let mean = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count)
            journal.close()
            report.add(Row(group: "journal", name: "step with the journal, journal_sync = \(sync.rawValue)", median: mean,
                           note: "the same steps journaled (\(count) steps; \(Format.fixed(mean - plain, 0)) ns more than without a journal per step\(sync == .always ? ", an fsync each" : "")); mean per step"))
        }

        // Recovery: 100k sessions in a snapshot plus a journal of 100k more records.
        let recoveryDirectory = "\(base)/recovery"
        let (journal, _) = try SessionJournal.open(directory: recoveryDirectory, sync: .never)
        let table = SessionTable(limit: 200_000, journal: journal)
        for i in 0..<100_000 {
            _ = try table.update(MemoryBenchmark.sessionID(i), category: category, now: UInt64(i), wallClock: 1) { monitor.assess(step, in: &$0).pAlert }
        }
        _ = try journal.compact { table.snapshotForJournal(now: 100_000, wallClock: 1) }
        for i in 0..<100_000 {
            _ = try table.update(MemoryBenchmark.sessionID(i), category: category, now: UInt64(i), wallClock: 2) { monitor.assess(step, in: &$0).pAlert }
        }
        journal.close()
        let start = DispatchTime.now().uptimeNanoseconds
        let (reopened, recovery) = try SessionJournal.open(directory: recoveryDirectory, sync: .never)
        let restored = SessionTable(limit: 200_000)
        restored.restore(recovery.sessions, now: 0, wallClock: 2)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        reopened.close()
        precondition(restored.count == 100_000, "recovered \(restored.count) sessions")
        report.add(Row(group: "journal", name: "recover 100k sessions at start-up", median: seconds * 1e9,
                       note: "a snapshot of 100k sessions plus a journal of 100k newer records, read and put back in the table: \(Format.fixed(seconds, 2)) s"))
    }
}
