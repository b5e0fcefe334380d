import Foundation
import Glibc
import Synchronization
import Testing
@testable import DriftDaemon

@Suite("SignalWatcher")
struct SignalWatcherTests {
    @Test("a signal reaches the callback on the given queue")
    func signalDelivered() {
        let received = Mutex<[UnixSignal]>([])
        let watcher = SignalWatcher(signals: [.user1], queue: DispatchQueue(label: "signals-test")) { signal in
            received.withLock { $0.append(signal) }
        }
        defer { watcher.cancel() }
        // libdispatch installs its handler asynchronously after activation; until then the
        // signal is ignored, so send it until one arrives.
        #expect(eventually(within: 5) {
            if received.withLock({ $0.isEmpty }) { kill(getpid(), SIGUSR1) }
            return received.withLock { !$0.isEmpty }
        })
        #expect(received.withLock { Set($0) } == [.user1])
    }
}
