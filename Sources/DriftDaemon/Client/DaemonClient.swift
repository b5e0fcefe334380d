import Glibc

/// A blocking client connection to a running daemon: what `drift query`, `drift tail`
/// and the tests use. One line out, lines back.
///
/// Not `Sendable`: the descriptor belongs to the thread that uses it.
public final class DaemonClient {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var scanned = 0

    /// Connects to the socket at `path`.
    public init(path: String) throws {
        guard let address = UnixSocketAddress(path) else {
            throw ListenerError.pathTooLong(path: path, byteCount: path.utf8.count, limit: UnixSocketAddress.capacity - 1)
        }
        fd = try Posix.socket(domain: AF_UNIX, type: Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
        do {
            _ = try Posix.connect(fd, to: address)
        } catch {
            try? Posix.close(fd)
            fd = -1
            throw ListenerError.system(error, path: path)
        }
    }

    deinit {
        if fd >= 0 { try? Posix.close(fd) }
    }

    public func close() {
        if fd >= 0 { try? Posix.close(fd) }
        fd = -1
    }

    /// Sends the bytes as they are (add the newline yourself).
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = try bytes.withUnsafeBytes { raw in
                try Posix.send(fd, UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            guard case .processed(let n) = written else { continue }
            offset += n
        }
    }

    public func send(line: String) throws {
        try send(Array(line.utf8) + [UInt8(ascii: "\n")])
    }

    /// Closes the sending side: the daemon answers what it has and then closes.
    public func finishSending() throws {
        try Posix.shutdown(fd, how: Int32(SHUT_WR))
    }

    /// The next line the daemon sends, without its newline; nil at end of stream.
    public func readLine() throws -> String? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                scanned = 0
                return line
            }
            scanned = buffer.count
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            let result = try chunk.withUnsafeMutableBytes { try Posix.read(fd, into: $0) }
            guard case .processed(let n) = result else { continue }
            if n == 0 {
                guard !buffer.isEmpty else { return nil }
                let line = String(decoding: buffer, as: UTF8.self)
                buffer.removeAll()
                scanned = 0
                return line
            }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    /// Sends one request line and returns the reply line.
    public func request(_ line: String) throws -> String? {
        try send(line: line)
        return try readLine()
    }
}
