import Dispatch
import Glibc

/// A Unix signal the daemon reacts to. A struct over the raw number, so the set can grow.
public struct UnixSignal: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Stop gracefully (systemd's stop).
    public static let terminate = UnixSignal(rawValue: SIGTERM)
    /// Stop gracefully (Ctrl-C in a terminal).
    public static let interrupt = UnixSignal(rawValue: SIGINT)
    /// Reload configuration and model (`ExecReload=/bin/kill -HUP $MAINPID`).
    public static let hangup = UnixSignal(rawValue: SIGHUP)
    public static let user1 = UnixSignal(rawValue: SIGUSR1)
    public static let user2 = UnixSignal(rawValue: SIGUSR2)

    public var description: String {
        switch rawValue {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        case SIGUSR1: "SIGUSR1"
        case SIGUSR2: "SIGUSR2"
        default: "signal \(rawValue)"
        }
    }
}

/// Delivers signals to a callback on a Dispatch queue, outside signal-handler context.
///
/// The callback should only record or forward the signal; the daemon's run loop acts on
/// it (Falco's `atomic_signal_handler.h`). Each signal's default disposition is set to
/// `SIG_IGN` *before* its Dispatch source is created: on Linux, ignoring it afterwards
/// would replace libdispatch's handler and the signal would never arrive.
public final class SignalWatcher: Sendable {
    // The sources are immutable after init, and DispatchSource is itself thread-safe.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    public init(
        signals: [UnixSignal] = [.terminate, .interrupt, .hangup], queue: DispatchQueue,
        handler: @escaping @Sendable (UnixSignal) -> Void
    ) {
        sources = signals.map { unixSignal in
            signal(unixSignal.rawValue, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: unixSignal.rawValue, queue: queue)
            source.setEventHandler { handler(unixSignal) }
            source.activate()
            return source
        }
    }

    /// Stops delivering. The signals stay ignored.
    public func cancel() {
        for source in sources { source.cancel() }
    }

    /// A write to a vanished peer should be an `EPIPE` error, not a fatal `SIGPIPE`. Every
    /// `send` here already passes `MSG_NOSIGNAL`; this covers anything else (`write(2)` to
    /// a closed stderr pipe).
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }
}
