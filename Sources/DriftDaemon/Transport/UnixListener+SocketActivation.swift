import Glibc

extension UnixListener {
    /// The socket systemd passed us, or `nil` if this process was not socket-activated.
    ///
    /// Activated means `LISTEN_PID` is `processID` and `LISTEN_FDS` is at least 1; the
    /// descriptors then start at `firstFD` (3 under systemd; tests pass their own). The
    /// first one is used; all passed descriptors get `FD_CLOEXEC`, and the first
    /// `O_NONBLOCK`, since systemd may hand it over blocking. The socket file is never
    /// unlinked: systemd owns it. With `unsetEnvironment`, `LISTEN_PID`, `LISTEN_FDS` and
    /// `LISTEN_FDNAMES` are removed from the process environment (as `sd_listen_fds(1)`
    /// does), so that no child process takes the descriptors for its own.
    ///
    /// Throws `ListenerError`.
    public static func activated(
        environment: [String: String], firstFD: Int32 = 3, processID: Int32 = getpid(),
        unsetEnvironment: Bool = true
    ) throws -> UnixListener? {
        guard let pid = environment["LISTEN_PID"].flatMap({ Int32($0) }), pid == processID,
              let count = environment["LISTEN_FDS"].flatMap({ Int32($0) }), count >= 1
        else { return nil }
        if unsetEnvironment {
            unsetenv("LISTEN_PID")
            unsetenv("LISTEN_FDS")
            unsetenv("LISTEN_FDNAMES")
        }
        let description = "fd \(firstFD) (socket-activated)"
        do {
            for fd in firstFD..<(firstFD + count) { try Posix.setCloseOnExec(fd) }
            try Posix.setNonBlocking(firstFD)
            let info = try Posix.fstat(firstFD)
            guard info.st_mode & S_IFMT == S_IFSOCK,
                  try Posix.socketOption(firstFD, level: SOL_SOCKET, name: SO_ACCEPTCONN) == 1
            else { throw ListenerError.notAListeningSocket(fd: firstFD) }
        } catch let error as SystemError {
            throw ListenerError.system(error, path: description)
        }
        return UnixListener(fd: firstFD, description: description, ownership: .adopted)
    }
}
