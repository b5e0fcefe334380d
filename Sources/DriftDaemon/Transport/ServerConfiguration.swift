/// Limits for a `Server`. Every field has a default that suits a daemon on a small machine.
public struct ServerConfiguration: Sendable {
    /// Connections open at once; the next one is told `too_many_connections` and closed.
    public var maximumConnections = 1024
    /// The longest line, in bytes before its `\n`, handed to the handler.
    public var maximumLineLength = 1 << 20
    /// Bytes read per `read` call, from one buffer per connection reused for every read.
    public var readBufferSize = 16 << 10
    /// Above this much output waiting, a connection stops reading requests...
    public var outboundHighWatermark = 1 << 20
    /// ...until its output backlog has drained to this.
    public var outboundLowWatermark = 256 << 10
    /// A connection whose output backlog would pass this is closed.
    public var outboundHardLimit = 16 << 20
    /// How long `stop` lets connections flush before it closes them anyway.
    public var shutdownGracePeriod: Duration = .seconds(5)

    public init() {}
}
