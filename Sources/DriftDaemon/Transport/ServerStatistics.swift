import Synchronization

/// A snapshot of a server's counters since it started.
public struct ServerStatistics: Hashable, Sendable {
    /// Connections admitted (rejected ones are not counted here).
    public var connectionsAccepted = 0
    /// Connections open now.
    public var connectionsOpen = 0
    /// Connections accepted and closed at once because `maximumConnections` were open.
    public var connectionsRejected = 0
    /// Connections closed because their output backlog passed `outboundHardLimit`.
    public var connectionsOverflowed = 0
    /// Complete lines handed to the handler.
    public var linesReceived = 0
    /// Lines dropped for being longer than `maximumLineLength`.
    public var oversizedLines = 0
    public var bytesReceived = 0
    public var bytesSent = 0

    public init() {}
}

/// The live counters behind `ServerStatistics`, shared by the server and its connections.
/// Relaxed atomics: each counter is exact, a snapshot is not one instant across counters.
final class ServerCounters: Sendable {
    let connectionsAccepted = Atomic<Int>(0)
    let connectionsOpen = Atomic<Int>(0)
    let connectionsRejected = Atomic<Int>(0)
    let connectionsOverflowed = Atomic<Int>(0)
    let linesReceived = Atomic<Int>(0)
    let oversizedLines = Atomic<Int>(0)
    let bytesReceived = Atomic<Int>(0)
    let bytesSent = Atomic<Int>(0)

    var snapshot: ServerStatistics {
        var s = ServerStatistics()
        s.connectionsAccepted = connectionsAccepted.load(ordering: .relaxed)
        s.connectionsOpen = connectionsOpen.load(ordering: .relaxed)
        s.connectionsRejected = connectionsRejected.load(ordering: .relaxed)
        s.connectionsOverflowed = connectionsOverflowed.load(ordering: .relaxed)
        s.linesReceived = linesReceived.load(ordering: .relaxed)
        s.oversizedLines = oversizedLines.load(ordering: .relaxed)
        s.bytesReceived = bytesReceived.load(ordering: .relaxed)
        s.bytesSent = bytesSent.load(ordering: .relaxed)
        return s
    }
}
