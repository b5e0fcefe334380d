/// What the protocol layer plugs into a `Server`: it turns request lines into reply bytes.
///
/// The server knows nothing about what a line means. It calls these methods on the
/// connection's own serial queue, one at a time per connection and in arrival order, but
/// concurrently across connections: a handler must be safe to call from many threads.
/// A reply is sent in order with the replies to earlier lines; it must already end in `\n`.
public protocol LineHandler: Sendable {
    /// A complete line arrived (without its `\n` or `\r\n`). Returns the reply, or `nil` for none.
    func handle(line: ArraySlice<UInt8>, from connection: ConnectionContext) -> [UInt8]?

    /// A line longer than the limit arrived and was dropped. `length` counts its bytes.
    /// Returns the reply (an error, say), or `nil` for none. The connection stays open.
    func handleOversizedLine(length: Int, limit: Int, from connection: ConnectionContext) -> [UInt8]?

    /// A client connected; called before any of its lines.
    func connectionOpened(_ connection: ConnectionContext)

    /// The connection is closed for good; `send` to it now returns `.closed`.
    func connectionClosed(_ connection: ConnectionContext)
}

extension LineHandler {
    public func handleOversizedLine(length: Int, limit: Int, from connection: ConnectionContext) -> [UInt8]? { nil }
    public func connectionOpened(_ connection: ConnectionContext) {}
    public func connectionClosed(_ connection: ConnectionContext) {}
}

/// One client connection as the protocol layer sees it: who it is, and a way to push bytes.
///
/// Cheap to copy and safe to keep (for a subscriber list, say) and to use from any thread.
public struct ConnectionContext: Sendable, Hashable, CustomStringConvertible {
    /// Unique for the life of the server, counting from 1.
    public let id: UInt64
    /// The client's pid, uid and gid as the kernel saw them at connect (`SO_PEERCRED`).
    public let peer: PeerCredentials?

    let connection: Connection

    /// Queues `bytes` (whole newline-terminated messages) to be written after anything
    /// queued before. Callable from any thread.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> SendResult {
        connection.send(bytes)
    }

    /// Stops reading, flushes what is queued, then closes. Callable from any thread.
    public func close() {
        connection.closeGracefully()
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public var description: String {
        if let peer { return "connection \(id) (pid \(peer.pid), uid \(peer.uid))" }
        return "connection \(id)"
    }
}

/// What happened to bytes handed to `ConnectionContext.send`.
public enum SendResult: Hashable, Sendable {
    /// Queued; the connection's backlog is below its high watermark.
    case queued
    /// Queued, but the backlog is past the high watermark: the client is reading slowly.
    case queuedAboveHighWatermark
    /// Dropped: the backlog would pass the hard limit, so the connection is being closed.
    case overflowed
    /// Dropped: the connection is closed or closing.
    case closed
}
