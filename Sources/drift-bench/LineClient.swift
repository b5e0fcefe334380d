import Glibc

/// A blocking Unix-socket client that sends prepared bytes and counts reply lines,
/// allocating nothing per request (its read buffer is allocated once), so that it adds
/// no noise to the daemon's allocation count or latency.
///
/// Not `Sendable`: the descriptor belongs to the thread that created it.
final class LineClient {
    let fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    /// How a successful reply starts (kept here so that `receive` allocates nothing).
    private let ok: [UInt8] = Array(#"{"ok":true"#.utf8)

    init(path: String) throws {
        let bytes = Array(path.utf8)
        var address = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw BenchError("socket path \(path) is longer than \(capacity - 1) bytes") }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError("socket: \(String(cString: strerror(errno)))") }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let error = errno
            Glibc.close(descriptor)
            throw BenchError("connect \(path): \(String(cString: strerror(error)))")
        }
        fd = descriptor
        buffer = .allocate(byteCount: 256 << 10, alignment: 16)
    }

    deinit {
        Glibc.close(fd)
        buffer.deallocate()
    }

    /// Writes all of `bytes`.
    func send(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if n < 0 {
                if errno == EINTR { continue }
                throw BenchError("send: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Reads `count` reply lines; returns how many were not `{"ok":true...`.
    func receive(lines count: Int) throws -> Int {
        var remaining = count
        var errors = 0
        while remaining > 0 {
            let base = buffer.baseAddress!
            if end > start, let newline = memchr(base + start, 0x0A, end - start) {
                let length = base.distance(to: UnsafeMutableRawPointer(newline)) - start
                if length < ok.count || memcmp(base + start, ok, ok.count) != 0 { errors += 1 }
                start += length + 1
                remaining -= 1
                continue
            }
            if start > 0 {
                if end > start { memmove(base, base + start, end - start) }
                end -= start
                start = 0
            }
            if end == buffer.count {
                // A reply longer than the buffer: grow it.
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
                buffer.deallocate()
                buffer = bigger
            }
            let n = read(fd, buffer.baseAddress! + end, buffer.count - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw BenchError("read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { throw BenchError("the daemon closed the connection with \(remaining) replies outstanding") }
            end += n
        }
        return errors
    }
}
