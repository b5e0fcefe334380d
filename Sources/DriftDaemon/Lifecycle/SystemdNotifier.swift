import Dispatch
import Glibc
import Synchronization

/// Tells systemd about the daemon's state, as `sd_notify(3)` does, without libsystemd.
///
/// A notification is one datagram of `KEY=value` lines to the socket named by
/// `$NOTIFY_SOCKET` (a leading `@` means Linux's abstract namespace). Without
/// `NOTIFY_SOCKET` (not under systemd, or not `Type=notify`) every call does nothing.
/// The environment is a parameter so that tests can play systemd's part.
public final class SystemdNotifier: Sendable {
    /// One state change. Several can go in one datagram.
    public struct Message: Sendable, Hashable {
        fileprivate let text: String

        /// Start-up (or a reload) is finished.
        public static let ready = Message(text: "READY=1")
        /// Shutting down.
        public static let stopping = Message(text: "STOPPING=1")
        /// Still alive, for `WatchdogSec=`.
        public static let watchdog = Message(text: "WATCHDOG=1")
        /// A reload begins; end it with `.ready`. Carries `MONOTONIC_USEC`, the
        /// `CLOCK_MONOTONIC` time now, which systemd 253+ requires and older ones ignore.
        public static var reloading: Message {
            Message(text: "RELOADING=1\nMONOTONIC_USEC=\(Posix.monotonicMicroseconds())")
        }
        /// Free text for `systemctl status`. Newlines would end the field, so they become spaces.
        public static func status(_ text: String) -> Message {
            Message(text: "STATUS=" + String(text.map { $0 == "\n" ? " " : $0 }))
        }
    }

    private let address: UnixSocketAddress?
    /// Half of `WATCHDOG_USEC` when the watchdog is meant for this process.
    public let watchdogInterval: Duration?
    private let watchdogTimer = Mutex<(any DispatchSourceTimer)?>(nil)

    /// - Parameters:
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment`).
    ///   - processID: this process, compared with `WATCHDOG_PID`.
    public init(environment: [String: String], processID: Int32 = getpid()) {
        address = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : UnixSocketAddress($0) }
        if let usec = environment["WATCHDOG_USEC"].flatMap({ UInt64($0) }), usec > 0,
           environment["WATCHDOG_PID"].map({ Int32($0) == processID }) ?? true {
            watchdogInterval = .microseconds(usec / 2)
        } else {
            watchdogInterval = nil
        }
    }

    deinit {
        watchdogTimer.withLock { $0?.cancel() }
    }

    /// Whether there is a systemd to notify.
    public var isEnabled: Bool { address != nil }

    /// Sends `messages` in one datagram. Does nothing when `NOTIFY_SOCKET` is unset.
    public func notify(_ messages: Message...) throws(SystemError) {
        guard let address else { return }
        let datagram = messages.map(\.text).joined(separator: "\n")
        let fd = try Posix.socket(domain: AF_UNIX, type: Int32(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue))
        defer { try? Posix.close(fd) }
        let bytes = Array(datagram.utf8)
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(SystemError) in try Posix.sendto(fd, buffer, to: address) }
        }
        if case .wouldBlock = try result.get() { throw SystemError(errno: EAGAIN, call: .sendto) }
    }

    /// Sends `WATCHDOG=1` every `watchdogInterval` on `queue` until `stopWatchdog()`.
    /// Does nothing without a watchdog or without `NOTIFY_SOCKET`. Errors go to `log`.
    public func startWatchdog(queue: DispatchQueue, log: Log) {
        guard isEnabled, let interval = watchdogInterval else { return }
        watchdogTimer.withLock { current in
            current?.cancel()
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + interval.timeInterval, repeating: interval.timeInterval, leeway: .milliseconds(10))
            timer.setEventHandler { [weak self] in
                do {
                    try self?.notify(.watchdog)
                } catch {
                    log.warning("watchdog notification: \(error)")
                }
            }
            timer.activate()
            current = timer
        }
    }

    public func stopWatchdog() {
        watchdogTimer.withLock { current in
            current?.cancel()
            current = nil
        }
    }
}
