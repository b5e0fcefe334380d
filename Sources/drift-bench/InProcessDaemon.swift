import Dispatch
import Drift
import DriftDaemon
import Foundation
import Glibc

/// The real daemon (`Daemon`, what `drift serve` runs) on a background thread of this
/// process, on a socket in a fresh temporary folder, serving the given model.
///
/// Logging is at `info`, the default of `drift serve`, into a sink that discards: the
/// messages are built as in production but not written to stderr.
final class InProcessDaemon: Sendable {
    let directory: String
    let socket: String
    private let daemon: Daemon
    private let finished = DispatchSemaphore(value: 0)

    init(model: ChainModel, maximumSessions: Int) throws {
        var template = Array("/tmp/drift-bench.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("mkdtemp: \(String(cString: strerror(errno)))") }
        directory = String(cString: made)
        socket = directory + "/drift.sock"
        let modelPath = directory + "/model.json"
        guard FileManager.default.createFile(atPath: modelPath, contents: Data(model.jsonValue().serialized().utf8)) else {
            throw BenchError("cannot write \(modelPath)")
        }
        var configuration = DaemonConfiguration()
        configuration.socket = socket
        configuration.model = modelPath
        configuration.maximumSessions = maximumSessions
        configuration.maximumConnections = 1024
        configuration.logLevel = .info
        daemon = Daemon(configuration: configuration, environment: [:], log: Log(level: .info, sink: .discard))
        let thread = Thread { [daemon, finished] in
            _ = daemon.run()
            finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        let deadline = Clock.nanoseconds() + 20_000_000_000
        while true {
            if (try? LineClient(path: socket)) != nil { break }
            guard Clock.nanoseconds() < deadline else { throw BenchError("the daemon did not start listening on \(socket)") }
            Clock.sleep(nanoseconds: 5_000_000)
        }
    }

    /// Stops the daemon, waits for it, and removes its folder.
    func stop() {
        daemon.stop()
        finished.wait()
        try? FileManager.default.removeItem(atPath: directory)
        // The daemon's signal watcher ignored these; give them back their defaults.
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
