import Glibc
import Synchronization

/// A listening, non-blocking Unix stream socket: bound at a path by this process, or
/// handed over by systemd (see `UnixListener+SocketActivation.swift`).
///
/// Owns its descriptor until `close()`. Removes its socket file on `close()` only if this
/// process created it and the file at the path is still that socket; a socket systemd
/// handed over is never unlinked (its owner cleans up).
public final class UnixListener: Sendable, CustomStringConvertible {
    let fd: Int32
    /// The path, or a description of the descriptor for an adopted socket.
    public let description: String
    private let ownership: Ownership
    private let closed = Atomic<Bool>(false)

    enum Ownership: Sendable {
        /// We bound the file at `path`; (device, inode) identify it.
        case created(path: String, device: UInt64, inode: UInt64)
        /// Someone else (systemd) created it.
        case adopted
    }

    init(fd: Int32, description: String, ownership: Ownership) {
        self.fd = fd
        self.description = description
        self.ownership = ownership
    }

    deinit {
        assert(closed.load(ordering: .relaxed), "leak of open UnixListener \(description) (fd \(fd))")
    }

    /// The path of the socket file this process created, if any.
    public var createdPath: String? {
        if case .created(let path, _, _) = ownership { return path }
        return nil
    }

    /// Binds a new socket at `path` and listens.
    ///
    /// A socket file left at `path` by a process that died is replaced: `lstat` must say it
    /// is a socket (anything else is refused, never deleted), and a probe `connect` must be
    /// refused. If something accepts the probe, another instance is running: `.alreadyInUse`.
    /// The file gets `mode` and, if given, the group `group` before `listen`, so no client
    /// can connect while its permissions are still the umask's.
    ///
    /// Throws `ListenerError`.
    public static func bind(
        path: String, mode: mode_t = 0o660, group: String? = nil, backlog: Int32 = 128
    ) throws -> UnixListener {
        guard let address = UnixSocketAddress(path), address.kind == .path else {
            throw ListenerError.pathTooLong(path: path, byteCount: path.utf8.count, limit: UnixSocketAddress.capacity - 1)
        }
        do {
            var groupID: gid_t? = nil
            if let group {
                guard let id = try Posix.groupID(named: group) else { throw ListenerError.unknownGroup(group) }
                groupID = id
            }
            try removeStaleSocket(at: address)

            let fd = try Posix.socket(domain: AF_UNIX, type: streamSocketType)
            var bound = false
            do {
                try Posix.bind(fd, to: address)
                bound = true
                try Posix.chmod(path, mode: mode)
                if let groupID { try Posix.chown(path, group: groupID) }
                try Posix.listen(fd, backlog: backlog)
                guard let info = try Posix.lstat(path) else { throw SystemError(errno: ENOENT, call: .lstat) }
                return UnixListener(
                    fd: fd, description: path,
                    ownership: .created(path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
            } catch {
                if bound { try? Posix.unlink(path) }
                try? Posix.close(fd)
                throw error
            }
        } catch let error as SystemError where error.call == .bind && error.errno == EADDRINUSE {
            // Someone bound the path between our check and our bind.
            throw ListenerError.alreadyInUse(path: path)
        } catch let error as SystemError {
            throw ListenerError.system(error, path: path)
        }
    }

    /// Stops listening: removes the socket file if we created it, then closes the
    /// descriptor. Idempotent.
    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if case .created(let path, let device, let inode) = ownership,
           let info = try? Posix.lstat(path),
           UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode {
            // Same file we bound: not a socket someone else put there since.
            try? Posix.unlink(path)
        }
        try? Posix.close(fd)
    }

    static let streamSocketType = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)

    /// Unlinks a socket file nobody listens on. Throws `ListenerError` or `SystemError`.
    private static func removeStaleSocket(at address: UnixSocketAddress) throws {
        let path = address.name
        guard let info = try Posix.lstat(path) else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw ListenerError.notASocket(path: path) }
        let probe = try Posix.socket(domain: AF_UNIX, type: streamSocketType)
        defer { try? Posix.close(probe) }
        do {
            // Connected, or `.wouldBlock` (a full backlog): either way someone is listening.
            _ = try Posix.connect(probe, to: address)
        } catch let error where error.errno == ECONNREFUSED {
            // Nobody listens: a socket file left by a process that died.
            do {
                try Posix.unlink(path)
            } catch let error where error.errno == ENOENT {
                // Someone else cleaned it up first.
            }
            return
        }
        throw ListenerError.alreadyInUse(path: path)
    }
}

/// Why a listening socket could not be set up.
public enum ListenerError: Error, Hashable, Sendable, CustomStringConvertible {
    case pathTooLong(path: String, byteCount: Int, limit: Int)
    case notASocket(path: String)
    case alreadyInUse(path: String)
    case unknownGroup(String)
    case notAListeningSocket(fd: Int32)
    case system(SystemError, path: String)

    public var description: String {
        switch self {
        case .pathTooLong(let path, let count, let limit):
            "socket path '\(path)' is \(count) bytes, but a Unix socket path holds at most \(limit) (sun_path is \(limit + 1) bytes): choose a shorter path"
        case .notASocket(let path):
            "refusing to replace '\(path)': it exists and is not a socket"
        case .alreadyInUse(let path):
            "another process is listening on '\(path)' (is drift already running?)"
        case .unknownGroup(let name):
            "no group named '\(name)' for the socket file"
        case .notAListeningSocket(let fd):
            "descriptor \(fd) from socket activation is not a listening stream socket"
        case .system(let error, let path):
            "\(path): \(error)"
        }
    }
}
