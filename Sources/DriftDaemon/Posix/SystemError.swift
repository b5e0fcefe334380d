import Glibc

/// A failed system call: the `errno` it set and which call it was.
///
/// Deliberately tiny (five bytes): it is created on error paths that may run often (a
/// peer resetting its connection), so the `strerror` text is built only when someone
/// prints it, in `description`. Model: swift-nio's `IOError`, swift-system's `Errno`.
public struct SystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `errno` value the call set.
    public var errno: Int32
    /// The call that failed.
    public var call: SystemCall

    public init(errno: Int32, call: SystemCall) {
        self.errno = errno
        self.call = call
    }

    public var description: String {
        "\(call.rawValue): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// The system calls `Posix` wraps, named as in C. A one-byte enum keeps `SystemError` small.
public enum SystemCall: String, Sendable {
    case socket, bind, listen, accept, fcntl, read, write, send, sendto, close, unlink
    case lstat, fstat, connect, getsockopt, setsockopt, chmod, chown, shutdown, getgrnam_r
    case open, fsync, rename
}
