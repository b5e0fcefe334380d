import Glibc

/// The outcome of a call on a non-blocking descriptor: it did its work, or it would
/// have had to wait (`EAGAIN`/`EWOULDBLOCK`), which is not an error.
public enum IOResult<Value> {
    case processed(Value)
    case wouldBlock
}

extension IOResult: Sendable where Value: Sendable {}

/// Every system call the daemon makes, one static function each.
///
/// Rules, after swift-nio's `NIOPosix/System.swift` and swift-system's `Syscalls.swift`:
/// - Each wrapper is `@inline(never)` so that `errno` is read right after the call,
///   before ARC or anything else can run and overwrite it.
/// - `EINTR` is retried in one loop, `_retrying`; `close` is the exception (see there).
/// - `EAGAIN` is `.wouldBlock` for calls that can block, never a throw.
/// - Programmer errors (`EBADF`, `EFAULT`) trap; environment errors throw `SystemError`.
enum Posix {
    // MARK: The one place -1 becomes an error

    @inline(__always)
    private static func _retrying<T: FixedWidthInteger>(
        _ call: SystemCall, _ body: () -> T
    ) -> Result<IOResult<T>, SystemError> {
        while true {
            let result = body()
            if result != -1 { return .success(.processed(result)) }
            let code = Glibc.errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                return .success(.wouldBlock)
            case EBADF, EFAULT:
                // Passing a closed descriptor or a bad pointer is a bug in this process;
                // carrying on could touch a descriptor that now belongs to someone else.
                preconditionFailure("\(call.rawValue) failed with \(SystemError(errno: code, call: call))")
            default:
                return .failure(SystemError(errno: code, call: call))
            }
        }
    }

    /// For calls that never legitimately return `EAGAIN`: a `.wouldBlock` becomes an error.
    @inline(__always)
    private static func _value<T: FixedWidthInteger>(_ call: SystemCall, _ body: () -> T) throws(SystemError) -> T {
        switch try _retrying(call, body).get() {
        case .processed(let value): return value
        case .wouldBlock: throw SystemError(errno: EAGAIN, call: call)
        }
    }

    // MARK: Sockets

    /// The corresponding C function is `socket`. `type` may include `SOCK_NONBLOCK`/`SOCK_CLOEXEC`.
    @inline(never)
    static func socket(domain: Int32, type: Int32, protocol: Int32 = 0) throws(SystemError) -> Int32 {
        try _value(.socket) { Glibc.socket(domain, type, `protocol`) }
    }

    /// The corresponding C function is `bind`.
    @inline(never)
    static func bind(_ fd: Int32, to address: UnixSocketAddress) throws(SystemError) {
        _ = try _value(.bind) { address.withSockAddr { Glibc.bind(fd, $0, $1) } }
    }

    /// The corresponding C function is `listen`.
    @inline(never)
    static func listen(_ fd: Int32, backlog: Int32) throws(SystemError) {
        _ = try _value(.listen) { Glibc.listen(fd, backlog) }
    }

    /// The corresponding C function is `accept`, without the peer address (a Unix peer has
    /// none worth reading). `accept4` needs `_GNU_SOURCE`, so callers set the flags after.
    @inline(never)
    static func accept(_ fd: Int32) throws(SystemError) -> IOResult<Int32> {
        try _retrying(.accept) { Glibc.accept(fd, nil, nil) }.get()
    }

    /// The corresponding C function is `connect`. On a non-blocking Unix socket, a full
    /// listen backlog is `.wouldBlock`.
    @inline(never)
    static func connect(_ fd: Int32, to address: UnixSocketAddress) throws(SystemError) -> IOResult<Void> {
        switch try _retrying(.connect, { address.withSockAddr { Glibc.connect(fd, $0, $1) } }).get() {
        case .processed: return .processed(())
        case .wouldBlock: return .wouldBlock
        }
    }

    /// The corresponding C function is `shutdown`.
    @inline(never)
    static func shutdown(_ fd: Int32, how: Int32) throws(SystemError) {
        _ = try _value(.shutdown) { Glibc.shutdown(fd, how) }
    }

    /// The corresponding C function is `getsockopt(fd, SOL_SOCKET, SO_PEERCRED, ...)`.
    @inline(never)
    static func peerCredentials(of fd: Int32) throws(SystemError) -> PeerCredentials {
        var credentials = PeerCredentials(pid: 0, uid: 0, gid: 0)
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        // SO_PEERCRED is 17 on Linux; Glibc only exports it under _GNU_SOURCE.
        let soPeerCred: Int32 = 17
        _ = try _value(.getsockopt) {
            withUnsafeMutablePointer(to: &credentials) {
                Glibc.getsockopt(fd, SOL_SOCKET, soPeerCred, $0, &length)
            }
        }
        precondition(length == socklen_t(MemoryLayout<PeerCredentials>.size),
                     "SO_PEERCRED wrote \(length) bytes; the PeerCredentials mirror of struct ucred is out of date")
        return credentials
    }

    /// The corresponding C function is `getsockopt` for an `int` option.
    @inline(never)
    static func socketOption(_ fd: Int32, level: Int32, name: Int32) throws(SystemError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try _value(.getsockopt) { Glibc.getsockopt(fd, level, name, &value, &length) }
        return value
    }

    /// The corresponding C function is `setsockopt`.
    @inline(never)
    static func setSocketOption<T: BitwiseCopyable>(_ fd: Int32, level: Int32, name: Int32, value: T) throws(SystemError) {
        _ = try _value(.setsockopt) {
            withUnsafeBytes(of: value) { Glibc.setsockopt(fd, level, name, $0.baseAddress, socklen_t($0.count)) }
        }
    }

    // MARK: Reading and writing

    /// The corresponding C function is `read`. Zero means end of file.
    @inline(never)
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try _retrying(.read) { Glibc.read(fd, buffer.baseAddress, buffer.count) }.get()
    }

    /// The corresponding C function is `write`.
    @inline(never)
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try _retrying(.write) { Glibc.write(fd, bytes.baseAddress, bytes.count) }.get()
    }

    /// The corresponding C function is `send` with `MSG_NOSIGNAL`: a vanished peer is an
    /// `EPIPE` error here, never a `SIGPIPE` that kills the process.
    @inline(never)
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try _retrying(.send) { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }.get()
    }

    /// The corresponding C function is `sendto` with `MSG_NOSIGNAL`, for datagrams.
    @inline(never)
    static func sendto(
        _ fd: Int32, _ bytes: UnsafeRawBufferPointer, to address: UnixSocketAddress
    ) throws(SystemError) -> IOResult<Int> {
        try _retrying(.sendto) {
            address.withSockAddr { Glibc.sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, $1) }
        }.get()
    }

    /// The corresponding C function is `close`.
    ///
    /// Never retried: on Linux the descriptor is released even when `close` reports
    /// `EINTR`, so a retry could close a descriptor another thread just opened (see
    /// swift-nio's `SystemCallHelpers.swift`). `EINTR` is therefore success.
    @inline(never)
    static func close(_ fd: Int32) throws(SystemError) {
        if Glibc.close(fd) == 0 { return }
        let code = Glibc.errno
        switch code {
        case EINTR: return
        case EBADF: preconditionFailure("close(\(fd)): not an open descriptor; it was closed twice")
        default: throw SystemError(errno: code, call: .close)
        }
    }

    // MARK: Descriptor flags

    /// The corresponding C function is `fcntl(fd, F_GETFL/F_SETFL)`, adding `O_NONBLOCK`.
    @inline(never)
    static func setNonBlocking(_ fd: Int32) throws(SystemError) {
        let flags = try _value(.fcntl) { Glibc.fcntl(fd, F_GETFL) }
        if flags & O_NONBLOCK == 0 {
            _ = try _value(.fcntl) { Glibc.fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
        }
    }

    /// The corresponding C function is `fcntl(fd, F_GETFD/F_SETFD)`, adding `FD_CLOEXEC`.
    @inline(never)
    static func setCloseOnExec(_ fd: Int32) throws(SystemError) {
        let flags = try _value(.fcntl) { Glibc.fcntl(fd, F_GETFD) }
        if flags & FD_CLOEXEC == 0 {
            _ = try _value(.fcntl) { Glibc.fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    // MARK: Files

    /// The corresponding C function is `lstat`. A missing file is `nil`, not an error.
    @inline(never)
    static func lstat(_ path: String) throws(SystemError) -> stat? {
        var info = stat()
        while true {
            if Glibc.lstat(path, &info) == 0 { return info }
            let code = Glibc.errno
            if code == EINTR { continue }
            if code == ENOENT { return nil }
            throw SystemError(errno: code, call: .lstat)
        }
    }

    /// The corresponding C function is `fstat`.
    @inline(never)
    static func fstat(_ fd: Int32) throws(SystemError) -> stat {
        var info = stat()
        _ = try _value(.fstat) { Glibc.fstat(fd, &info) }
        return info
    }

    /// The corresponding C function is `unlink`.
    @inline(never)
    static func unlink(_ path: String) throws(SystemError) {
        _ = try _value(.unlink) { Glibc.unlink(path) }
    }

    /// The corresponding C function is `chmod`.
    @inline(never)
    static func chmod(_ path: String, mode: mode_t) throws(SystemError) {
        _ = try _value(.chmod) { Glibc.chmod(path, mode) }
    }

    /// The corresponding C function is `chown`; `nil` leaves that id unchanged.
    @inline(never)
    static func chown(_ path: String, owner: uid_t? = nil, group: gid_t? = nil) throws(SystemError) {
        _ = try _value(.chown) { Glibc.chown(path, owner ?? uid_t.max, group ?? gid_t.max) }
    }

    /// The group id for a group name (`getgrnam_r`), or `nil` if there is no such group.
    @inline(never)
    static func groupID(named name: String) throws(SystemError) -> gid_t? {
        var group = group()
        var result: UnsafeMutablePointer<group>? = nil
        var scratch = [CChar](repeating: 0, count: 1024)
        while true {
            let code = scratch.withUnsafeMutableBufferPointer {
                getgrnam_r(name, &group, $0.baseAddress, $0.count, &result)
            }
            switch code {
            case 0: return result == nil ? nil : group.gr_gid
            case ERANGE where scratch.count < 1 << 20: scratch = [CChar](repeating: 0, count: scratch.count * 4)
            case EINTR: continue
            case ENOENT, ESRCH: return nil
            default: throw SystemError(errno: code, call: .getgrnam_r)
            }
        }
    }

    // MARK: Time

    /// `clock_gettime(CLOCK_MONOTONIC)` in microseconds, the clock systemd's
    /// `MONOTONIC_USEC` is read against.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        let result = clock_gettime(CLOCK_MONOTONIC, &now)
        precondition(result == 0, "clock_gettime(CLOCK_MONOTONIC) cannot fail on Linux")
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    // MARK: Files (the session journal)

    /// The corresponding C function is `open`, always with `O_CLOEXEC`.
    @inline(never)
    static func open(_ path: String, flags: Int32, mode: mode_t = 0o640) throws(SystemError) -> Int32 {
        try _value(.open) { Glibc.open(path, flags | O_CLOEXEC, mode) }
    }

    /// The corresponding C function is `fsync`.
    @inline(never)
    static func fsync(_ fd: Int32) throws(SystemError) {
        _ = try _value(.fsync) { Glibc.fsync(fd) }
    }

    /// The corresponding C function is `rename`: atomic within a file system.
    @inline(never)
    static func rename(_ from: String, to: String) throws(SystemError) {
        _ = try _value(.rename) { Glibc.rename(from, to) }
    }

    /// Writes all of `bytes` to a blocking descriptor.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            switch try write(fd, UnsafeRawBufferPointer(rebasing: bytes[offset...])) {
            case .processed(let n): offset += n
            case .wouldBlock: continue
            }
        }
    }
}
