import Synchronization
import Testing
@testable import DriftDaemon

@Suite("Log")
struct LogTests {
    @Test("log lines carry the journald priority prefix and disabled levels are never built")
    func logLevels() {
        let lines = Mutex<[String]>([])
        let log = Log(level: .notice, sink: .init { line in lines.withLock { $0.append(line) } })
        let built = Mutex(0)
        func expensive() -> String { built.withLock { $0 += 1 }; return "detail" }
        log.error("boom")
        log.warning("careful")
        log.notice("two\nlines")
        log.info(expensive())
        log.debug(expensive())
        #expect(lines.withLock { $0 } == ["<3>boom\n", "<4>careful\n", "<5>two\\nlines\n"])
        #expect(built.withLock { $0 } == 0)
    }
}
