import Foundation
import Glibc
import Synchronization
@testable import DriftDaemon

/// A fresh folder under /tmp (short, so socket paths fit in sun_path), removed at deinit.
final class TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/drift-test-XXXXXX".utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(result != nil, "mkdtemp failed: errno \(errno)")
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A blocking test client with a 10-second receive timeout, so a broken server fails
/// tests instead of hanging them.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        fd = try Posix.socket(domain: AF_UNIX, type: Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue))
        try Posix.setSocketOption(fd, level: SOL_SOCKET, name: SO_RCVTIMEO, value: timeval(tv_sec: 10, tv_usec: 0))
        guard case .processed = try Posix.connect(fd, to: UnixSocketAddress(path)!) else {
            throw SystemError(errno: EAGAIN, call: .connect)
        }
    }

    deinit { close() }

    private var isClosed = false
    func close() {
        guard !isClosed else { return }
        isClosed = true
        try? Posix.close(fd)
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let result = try bytes.withUnsafeBytes { raw throws(SystemError) in
                try Posix.send(fd, UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            guard case .processed(let count) = result else { throw SystemError(errno: EAGAIN, call: .send) }
            offset += count
        }
    }

    func shutdownWrite() throws { try Posix.shutdown(fd, how: Int32(SHUT_WR)) }

    /// The next line without its `\n`, or `nil` at end of input or after the timeout.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    func readLines(_ count: Int) -> [String] {
        var lines: [String] = []
        while lines.count < count, let line = readLine() { lines.append(line) }
        return lines
    }
}

/// Replies with the line uppercased; an oversized line gets "OVERSIZED <length>".
/// Remembers every connection it saw open and closed.
///
/// Remembering them is a reference cycle on purpose (a context holds its connection,
/// which holds this handler), so every handler is also kept in `everyEchoHandler`:
/// reachable from a global, the cycle is not reported by LeakSanitizer
/// (`scripts/sanitize address`) as 66 leaked connections.
final class EchoHandler: LineHandler {
    let opened = Mutex<[ConnectionContext]>([])
    let closed = Mutex<[ConnectionContext]>([])

    init() {
        everyEchoHandler.withLock { $0.append(self) }
    }

    func handle(line: ArraySlice<UInt8>, from connection: ConnectionContext) -> [UInt8]? {
        var reply = line.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
        reply.append(UInt8(ascii: "\n"))
        return reply
    }

    func handleOversizedLine(length: Int, limit: Int, from connection: ConnectionContext) -> [UInt8]? {
        Array("OVERSIZED \(length)\n".utf8)
    }

    func connectionOpened(_ connection: ConnectionContext) { opened.withLock { $0.append(connection) } }
    func connectionClosed(_ connection: ConnectionContext) { closed.withLock { $0.append(connection) } }
}

private let everyEchoHandler = Mutex<[EchoHandler]>([])

/// Polls `condition` every 10 ms for up to `seconds`.
func eventually(within seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// A server on a fresh socket in `directory`, with a quiet log.
func startEchoServer(
    in directory: TemporaryDirectory, handler: EchoHandler = EchoHandler(),
    configure: (inout ServerConfiguration) -> Void = { _ in }
) throws -> (Server, String) {
    let path = directory.file("drift.sock")
    var configuration = ServerConfiguration()
    configure(&configuration)
    let server = Server(
        listener: try UnixListener.bind(path: path), configuration: configuration,
        handler: handler, log: Log(level: .error, sink: .discard))
    server.start()
    return (server, path)
}
