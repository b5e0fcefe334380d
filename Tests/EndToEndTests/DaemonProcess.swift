import DriftDaemon
import Foundation
import Glibc
import JSON

/// The real `drift serve` binary on a temporary socket, driven as clients drive it.
final class DaemonProcess {
    let folder: URL
    let socket: String
    let process = Process()
    private let errorPipe = Pipe()
    /// What the daemon wrote to stderr, drained as it comes so that a chatty daemon
    /// never blocks on a full pipe.
    private let captured = LockedText()

    /// The bundled corpus fitted once per test process (a debug fit with cross-validated
    /// thresholds takes seconds): daemons only read it.
    static let sharedModel: String = {
        let model = NSTemporaryDirectory() + "drift-shared-model-\(getpid()).json"
        let fit = Run("fit", Repository.path("Traces"), "-o", model, "-q")
        precondition(fit.status == 0, fit.stderr)
        return model
    }()

    /// Starts the daemon on a copy of the shared model.
    init(name: String = #function, arguments: [String] = []) throws {
        folder = try temporaryFolder(name)
        // sun_path holds 108 bytes: keep the socket path short.
        socket = "/tmp/drift-\(UUID().uuidString.prefix(8)).sock"
        // A copy per test: some tests break their model file on purpose.
        let model = folder.appendingPathComponent("model.json").path
        if !FileManager.default.fileExists(atPath: model) {
            try FileManager.default.copyItem(atPath: Self.sharedModel, toPath: model)
        }
        process.executableURL = URL(fileURLWithPath: Repository.binary)
        process.arguments = ["serve", "--socket", socket, "--model", model] + arguments
        process.standardError = errorPipe
        let captured = self.captured
        errorPipe.fileHandleForReading.readabilityHandler = { handle in
            captured.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        try process.run()
        try waitForSocket()
    }

    var modelPath: String { folder.appendingPathComponent("model.json").path }

    private func waitForSocket() throws {
        for _ in 0..<200 {
            if let client = try? DaemonClient(path: socket) {
                client.close()
                return
            }
            guard process.isRunning else { throw DaemonFailed(log: log) }
            usleep(25_000)
        }
        throw DaemonFailed(log: "no socket after 5 s")
    }

    func client() throws -> DaemonClient { try DaemonClient(path: socket) }

    /// Sends a request and parses the reply.
    func request(_ line: String, on client: DaemonClient? = nil) throws -> JSONValue {
        let connection = try client ?? self.client()
        guard let reply = try connection.request(line) else { throw DaemonFailed(log: "no reply to \(line)") }
        return try JSONParser.parse(reply)
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Stops the daemon with SIGTERM and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { signal(SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What the daemon has written to stderr so far.
    var log: String {
        usleep(50_000)
        return captured.text
    }

    deinit {
        errorPipe.fileHandleForReading.readabilityHandler = nil
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        unlink(socket)
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Text appended from one thread and read from another.
final class LockedText: @unchecked Sendable {
    // Protected by `lock`.
    private let lock = NSLock()
    private var storage = ""
    func append(_ text: String) { lock.withLock { storage += text } }
    var text: String { lock.withLock { storage } }
}

struct DaemonFailed: Error, CustomStringConvertible {
    var log: String
    var description: String { "the daemon did not start: \(log)" }
}
