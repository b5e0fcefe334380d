import Dispatch
import Glibc
import Synchronization

/// One accepted client: reads lines, hands them to the `LineHandler`, writes the replies.
///
/// Reading runs on a Dispatch read source on the connection's own serial `queue`. Output
/// (replies and bytes pushed by `send` from any thread) goes through one bounded queue:
/// above `outboundHighWatermark` the connection stops reading requests until the backlog
/// falls to `outboundLowWatermark`; a backlog past `outboundHardLimit` (a subscriber that
/// stopped reading) closes the connection. Writes are batched, one `send` for everything
/// queued, and a write source waits whenever the socket would block.
///
/// Closing: at end of input (a client that shut down its write side) every complete line
/// is handled and every reply flushed before the descriptor is closed. The descriptor is
/// closed only in the cancel handler of the last Dispatch source watching it.
final class Connection: @unchecked Sendable {
    // Sendable by hand. What protects what:
    // - `id`, `fd`, `peer`, `queue`, `handler`, `configuration`, `counters`, `log` and
    //   `onClosed` are immutable;
    // - `outbound` is protected by its Mutex;
    // - every other stored property is confined to `queue`.

    let id: UInt64
    let fd: Int32
    let peer: PeerCredentials?
    let queue: DispatchQueue
    private let handler: any LineHandler
    private let configuration: ServerConfiguration
    private let counters: ServerCounters
    private let log: Log
    private let onClosed: @Sendable (Connection) -> Void

    /// Bytes waiting to be written, shared with `send` callers on other threads.
    private struct Outbound: ~Copyable {
        var pending: [UInt8] = []
        /// `pending` plus the unsent part of `inFlight`.
        var queuedBytes = 0
        /// A flush is queued or waiting for the socket to become writable.
        var flushScheduled = false
        var acceptsOutput = true
    }
    private let outbound = Mutex(Outbound())

    private enum Phase {
        case idle       // created, not started
        case open       // reading and writing
        case draining   // input finished: flushing the last replies
        case closing    // sources cancelled, waiting for their cancel handlers
        case closed     // descriptor closed
    }
    private var phase = Phase.idle
    private var framer: LineFramer
    private let readBuffer: UnsafeMutableRawBufferPointer
    private var readSource: (any DispatchSourceRead)?
    private var writeSource: (any DispatchSourceWrite)?
    private var readsSuspended = false
    private var writeSourceResumed = false
    private var liveSources = 0
    /// Bytes taken from `pending` and being written, from `inFlightOffset` on.
    private var inFlight: [UInt8] = []
    private var inFlightOffset = 0
    /// Replies to the lines of one read, sent as one batch.
    private var replies: [UInt8] = []

    init(
        id: UInt64, fd: Int32, peer: PeerCredentials?, handler: any LineHandler,
        configuration: ServerConfiguration, counters: ServerCounters, log: Log,
        onClosed: @escaping @Sendable (Connection) -> Void
    ) {
        self.id = id
        self.fd = fd
        self.peer = peer
        self.queue = DispatchQueue(label: "drift.connection.\(id)")
        self.handler = handler
        self.configuration = configuration
        self.counters = counters
        self.log = log
        self.onClosed = onClosed
        self.framer = LineFramer(maximumLineLength: configuration.maximumLineLength)
        self.readBuffer = .allocate(byteCount: configuration.readBufferSize, alignment: 16)
    }

    deinit {
        assert(phase == .closed, "leak of open Connection \(id) (fd \(fd))")
        readBuffer.deallocate()
    }

    var context: ConnectionContext { ConnectionContext(id: id, peer: peer, connection: self) }

    // MARK: Lifecycle (any thread)

    /// Starts reading. Called once, by the server.
    func start() {
        queue.async { self.startOnQueue() }
    }

    /// Stops reading, flushes what is queued, then closes.
    func closeGracefully() {
        queue.async { self.beginDraining() }
    }

    /// Closes without flushing.
    func abort() {
        queue.async { self.closeNow() }
    }

    /// Queues bytes for the client, after everything queued before them.
    func send(_ bytes: [UInt8]) -> SendResult {
        let (result, mustFlush) = enqueue(bytes)
        if mustFlush { queue.async { self.flush() } }
        return result
    }

    // MARK: Reading (on queue)

    private func startOnQueue() {
        precondition(phase == .idle, "Connection \(id) started twice")
        phase = .open
        handler.connectionOpened(context)
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [unowned self] in self.readable() }
        source.setCancelHandler { self.sourceCancelled() }
        readSource = source
        liveSources += 1
        source.activate()
    }

    private func readable() {
        guard phase == .open, !readsSuspended else { return }
        // Read until the socket is empty, but yield after a while so that one busy client
        // cannot hold this thread (the `queue.async` below picks up where this stops,
        // whether the source is level- or edge-triggered).
        for _ in 0..<16 {
            let result: IOResult<Int>
            do {
                result = try Posix.read(fd, into: readBuffer)
            } catch {
                log.debug("\(context): \(error)")
                closeNow()
                return
            }
            switch result {
            case .wouldBlock:
                return
            case .processed(0):
                endOfInput()
                return
            case .processed(let count):
                counters.bytesReceived.add(count, ordering: .relaxed)
                framer.append(UnsafeRawBufferPointer(rebasing: readBuffer[..<count]))
                while let event = framer.nextEvent() { handle(event) }
                sendReplies()
                guard phase == .open, !readsSuspended else { return }
            }
        }
        queue.async { self.readable() }
    }

    private func handle(_ event: LineFramer.Event) {
        let reply: [UInt8]?
        switch event {
        case .line(let line):
            counters.linesReceived.add(1, ordering: .relaxed)
            reply = handler.handle(line: line, from: context)
        case .oversized(let length):
            counters.oversizedLines.add(1, ordering: .relaxed)
            log.debug("\(context): dropped a line of \(length) bytes (limit \(framer.maximumLineLength))")
            reply = handler.handleOversizedLine(length: length, limit: framer.maximumLineLength, from: context)
        }
        if let reply { replies.append(contentsOf: reply) }
    }

    /// Queues the replies of one read and writes them, or stops reading if the client
    /// is not keeping up with its replies.
    private func sendReplies() {
        guard !replies.isEmpty else { return }
        let (result, mustFlush) = enqueue(replies)
        replies.removeAll(keepingCapacity: true)
        if result == .queuedAboveHighWatermark, phase == .open, !readsSuspended {
            readsSuspended = true
            readSource?.suspend()
        }
        if mustFlush { flush() }
    }

    private func endOfInput() {
        if let last = framer.finish() { handle(last) }
        sendReplies()
        beginDraining()
    }

    private func beginDraining() {
        guard phase == .open else { return }
        phase = .draining
        cancelReadSource()
        flush()
    }

    // MARK: Writing

    /// Appends to the outbound queue (any thread). Returns whether the caller must flush.
    private func enqueue(_ bytes: [UInt8]) -> (SendResult, mustFlush: Bool) {
        let result: (SendResult, Bool) = outbound.withLock { out in
            guard out.acceptsOutput else { return (.closed, false) }
            guard out.queuedBytes + bytes.count <= configuration.outboundHardLimit else {
                out.acceptsOutput = false
                return (.overflowed, false)
            }
            out.pending.append(contentsOf: bytes)
            out.queuedBytes += bytes.count
            let mustFlush = !out.flushScheduled
            out.flushScheduled = true
            let level: SendResult = out.queuedBytes > configuration.outboundHighWatermark ? .queuedAboveHighWatermark : .queued
            return (level, mustFlush)
        }
        if result.0 == .overflowed {
            counters.connectionsOverflowed.add(1, ordering: .relaxed)
            log.warning("\(context): closing: more than \(configuration.outboundHardLimit) bytes of output waiting; the client is not reading")
            abort()
        }
        return result
    }

    /// Writes queued bytes until none are left or the socket would block (on queue).
    private func flush() {
        guard phase == .open || phase == .draining else { return }
        while true {
            if inFlightOffset == inFlight.count {
                inFlight.removeAll(keepingCapacity: true)
                inFlightOffset = 0
                // Swap the buffers so `send` callers never wait for a system call.
                let more = outbound.withLock { out in
                    if out.pending.isEmpty {
                        out.flushScheduled = false
                        return false
                    }
                    swap(&out.pending, &inFlight)
                    return true
                }
                if !more { break }
            }
            let sent = inFlight.withUnsafeBytes { bytes in
                Result { () throws(SystemError) in
                    try Posix.send(fd, UnsafeRawBufferPointer(rebasing: bytes[inFlightOffset...]))
                }
            }
            let result: IOResult<Int>
            do {
                result = try sent.get()
            } catch {
                log.debug("\(context): \(error)")
                closeNow()
                return
            }
            switch result {
            case .wouldBlock:
                waitForWritable()
                return
            case .processed(let count):
                inFlightOffset += count
                counters.bytesSent.add(count, ordering: .relaxed)
                let queued = outbound.withLock { out in
                    out.queuedBytes -= count
                    return out.queuedBytes
                }
                if readsSuspended, phase == .open, queued <= configuration.outboundLowWatermark {
                    readsSuspended = false
                    readSource?.resume()
                    // Requests may have been waiting all along: read them even if no new
                    // data arrives to wake the source.
                    queue.async { self.readable() }
                }
            }
        }
        if let writeSource, writeSourceResumed {
            writeSource.suspend()
            writeSourceResumed = false
        }
        if phase == .draining { closeNow() }
    }

    private func waitForWritable() {
        if let writeSource {
            if !writeSourceResumed {
                writeSourceResumed = true
                writeSource.resume()
            }
            return
        }
        let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [unowned self] in self.flush() }
        source.setCancelHandler { self.sourceCancelled() }
        writeSource = source
        writeSourceResumed = true
        liveSources += 1
        source.activate()
    }

    // MARK: Closing (on queue)

    private func cancelReadSource() {
        guard let readSource, !readSource.isCancelled else { return }
        // A suspended source never runs its cancel handler, so resume it first.
        if readsSuspended {
            readsSuspended = false
            readSource.resume()
        }
        readSource.cancel()
    }

    private func closeNow() {
        switch phase {
        case .idle, .closing, .closed:
            return
        case .open, .draining:
            break
        }
        phase = .closing
        outbound.withLock { out in
            out.acceptsOutput = false
            out.pending = []
            out.queuedBytes = 0
        }
        cancelReadSource()
        if let writeSource, !writeSource.isCancelled {
            if !writeSourceResumed {
                writeSourceResumed = true
                writeSource.resume()
            }
            writeSource.cancel()
        }
        if liveSources == 0 { finishClosing() }
    }

    private func sourceCancelled() {
        liveSources -= 1
        // The read source also ends when input ends; the descriptor stays open for output.
        if liveSources == 0, phase == .closing { finishClosing() }
    }

    private func finishClosing() {
        precondition(phase == .closing && liveSources == 0, "Connection \(id) closed its descriptor while a source still watched it")
        do {
            try Posix.close(fd)
        } catch {
            log.warning("\(context): \(error)")
        }
        phase = .closed
        readSource = nil
        writeSource = nil
        handler.connectionClosed(context)
        onClosed(self)
    }
}
