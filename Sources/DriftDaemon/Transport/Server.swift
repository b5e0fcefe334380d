import Dispatch
import Glibc
import Synchronization

/// A newline-delimited stream server on a Unix socket: accepts clients, hands each
/// complete line to a `LineHandler`, and writes back what it returns.
///
/// The server owns its `UnixListener` and every `Connection`. It accepts on a Dispatch
/// read source, looping until `accept` would block. Past `maximumConnections` a new
/// client gets one `too_many_connections` error line and is closed.
///
/// ```swift
/// let server = Server(listener: try UnixListener.bind(path: path), handler: protocolHandler, log: log)
/// server.start()
/// ...
/// server.stop { /* every connection flushed and closed, socket file removed */ }
/// ```
public final class Server: Sendable {
    public let configuration: ServerConfiguration
    private let listener: UnixListener
    private let handler: any LineHandler
    private let log: Log
    private let queue = DispatchQueue(label: "drift.server.accept")
    private let counters = ServerCounters()

    private enum Phase { case idle, running, stopping, stopped }

    private struct State: ~Copyable {
        var phase = Phase.idle
        var nextID: UInt64 = 1
        var connections: [UInt64: Connection] = [:]
        var acceptSource: UncheckedSendableSource?
        var listenerClosed = false
        var stopCompletions: [@Sendable () -> Void] = []
    }
    private let state = Mutex(State())

    /// - Parameters:
    ///   - listener: the bound (or socket-activated) listening socket; the server closes it.
    ///   - handler: turns lines into replies; called concurrently across connections.
    public init(listener: UnixListener, configuration: ServerConfiguration = .init(), handler: some LineHandler, log: Log) {
        precondition(configuration.outboundLowWatermark <= configuration.outboundHighWatermark
                     && configuration.outboundHighWatermark <= configuration.outboundHardLimit,
                     "outbound limits must satisfy low watermark <= high watermark <= hard limit")
        self.listener = listener
        self.configuration = configuration
        self.handler = handler
        self.log = log
    }

    /// The counters so far. Callable from any thread.
    public var statistics: ServerStatistics { counters.snapshot }

    /// Starts accepting clients.
    public func start() {
        let source = UncheckedSendableSource(DispatchSource.makeReadSource(fileDescriptor: listener.fd, queue: queue))
        source.source.setEventHandler { self.acceptAll(from: source) }
        source.source.setCancelHandler { self.listenerSourceCancelled() }
        state.withLock { state in
            precondition(state.phase == .idle, "Server.start() called twice, or after stop()")
            state.phase = .running
            state.acceptSource = source
        }
        log.info("listening on \(listener)")
        source.source.activate()
    }

    /// Stops accepting, lets each connection flush its replies, closes every connection and
    /// the listener (removing the socket file if this process created it), then calls
    /// `completion` on an arbitrary thread. Connections still open after
    /// `configuration.shutdownGracePeriod` are closed without flushing.
    public func stop(completion: @escaping @Sendable () -> Void) {
        enum Next { case begin(UncheckedSendableSource, [Connection]), closeUnstarted, wait, done }
        let next: Next = state.withLock { state in
            switch state.phase {
            case .idle:
                state.phase = .stopped
                state.listenerClosed = true
                return .closeUnstarted
            case .running:
                state.phase = .stopping
                state.stopCompletions.append(completion)
                return .begin(state.acceptSource!, Array(state.connections.values))
            case .stopping:
                state.stopCompletions.append(completion)
                return .wait
            case .stopped:
                return .done
            }
        }
        switch next {
        case .closeUnstarted:
            listener.close()
            completion()
        case .done:
            completion()
        case .wait:
            break
        case .begin(let acceptSource, let connections):
            log.info("stopping: closing \(listener) and \(connections.count) connection(s)")
            acceptSource.source.cancel()
            for connection in connections { connection.closeGracefully() }
            queue.asyncAfter(deadline: .now() + configuration.shutdownGracePeriod.timeInterval) {
                let stragglers = self.state.withLock { Array($0.connections.values) }
                if !stragglers.isEmpty {
                    self.log.warning("closing \(stragglers.count) connection(s) that did not finish within the grace period")
                }
                for connection in stragglers { connection.abort() }
            }
        }
    }

    /// `stop`, waiting for it to finish. Do not call it from a handler or a Dispatch queue
    /// the server uses.
    public func stopAndWait() {
        let done = DispatchSemaphore(value: 0)
        stop { done.signal() }
        done.wait()
    }

    /// `stop`, awaiting it.
    public func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            stop { continuation.resume() }
        }
    }

    // MARK: Accepting (on queue)

    private func acceptAll(from source: UncheckedSendableSource) {
        while true {
            let result: IOResult<Int32>
            do {
                result = try Posix.accept(listener.fd)
            } catch {
                switch error.errno {
                case ECONNABORTED, EPROTO:
                    continue  // that client gave up; try the next
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // The listener stays readable, so retrying now would spin: back off.
                    log.error("accept on \(listener): \(error); pausing for 100 ms")
                    source.source.suspend()
                    queue.asyncAfter(deadline: .now() + .milliseconds(100)) { source.source.resume() }
                    return
                default:
                    log.error("accept on \(listener): \(error)")
                    return
                }
            }
            guard case .processed(let fd) = result else { return }
            admit(fd)
        }
    }

    private func admit(_ fd: Int32) {
        do {
            try Posix.setNonBlocking(fd)
            try Posix.setCloseOnExec(fd)
        } catch {
            log.error("setting up accepted socket: \(error)")
            try? Posix.close(fd)
            return
        }
        let peer = try? Posix.peerCredentials(of: fd)
        enum Admission { case admitted(Connection), full, stopping }
        let admission: Admission = state.withLock { state in
            guard state.phase == .running else { return .stopping }
            guard state.connections.count < configuration.maximumConnections else { return .full }
            let id = state.nextID
            state.nextID += 1
            let connection = Connection(
                id: id, fd: fd, peer: peer, handler: handler, configuration: configuration,
                counters: counters, log: log, onClosed: { [weak self] in self?.connectionClosed($0) })
            state.connections[id] = connection
            return .admitted(connection)
        }
        switch admission {
        case .admitted(let connection):
            counters.connectionsAccepted.add(1, ordering: .relaxed)
            counters.connectionsOpen.add(1, ordering: .relaxed)
            log.debug("\(connection.context) opened")
            connection.start()
        case .full:
            counters.connectionsRejected.add(1, ordering: .relaxed)
            log.warning("rejected a client (pid \(peer.map { String($0.pid) } ?? "?")): \(configuration.maximumConnections) connections open")
            // Best effort: a fresh socket's send buffer is empty, so this small write fits.
            let message = Self.tooManyConnectionsLine(limit: configuration.maximumConnections)
            _ = try? message.withUnsafeBytes { bytes throws(SystemError) in try Posix.send(fd, bytes) }
            try? Posix.close(fd)
        case .stopping:
            try? Posix.close(fd)
        }
    }

    static func tooManyConnectionsLine(limit: Int) -> [UInt8] {
        Array(#"{"ok":false,"error":{"code":"too_many_connections","message":"the daemon already serves \#(limit) connections; try again later"}}"#.utf8) + [UInt8(ascii: "\n")]
    }

    // MARK: Closing

    private func listenerSourceCancelled() {
        listener.close()
        let completions = state.withLock { state in
            state.listenerClosed = true
            return takeCompletionsIfStopped(&state)
        }
        for completion in completions { completion() }
    }

    private func connectionClosed(_ connection: Connection) {
        counters.connectionsOpen.subtract(1, ordering: .relaxed)
        log.debug("\(connection.context) closed")
        let completions = state.withLock { state in
            state.connections[connection.id] = nil
            return takeCompletionsIfStopped(&state)
        }
        for completion in completions { completion() }
    }

    private func takeCompletionsIfStopped(_ state: inout State) -> [@Sendable () -> Void] {
        guard state.phase == .stopping, state.listenerClosed, state.connections.isEmpty else { return [] }
        state.phase = .stopped
        state.acceptSource = nil
        defer { state.stopCompletions = [] }
        log.info("stopped")
        return state.stopCompletions
    }
}

/// A Dispatch source that crosses threads.
///
/// `@unchecked Sendable`: libdispatch's source operations (activate, suspend, resume,
/// cancel) are thread-safe, and the suspend/resume pairing they need is kept by doing both
/// on the server's serial queue; the reference itself is guarded by the server's Mutex.
/// swift-corelibs-libdispatch just does not declare its sources `Sendable`.
struct UncheckedSendableSource: @unchecked Sendable {
    let source: any DispatchSourceRead
    init(_ source: any DispatchSourceRead) { self.source = source }
}

extension Duration {
    /// For Dispatch deadlines.
    var timeInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
