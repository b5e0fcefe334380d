import Drift
import Synchronization

/// The connections that asked for alerts, with their filters.
public final class Subscribers: Sendable {
    public struct Filter: Hashable, Sendable {
        public var minimumLevel: RiskLevel
        public var category: String?
        public var session: String?

        public init(minimumLevel: RiskLevel = .safe, category: String? = nil, session: String? = nil) {
            self.minimumLevel = minimumLevel
            self.category = category
            self.session = session
        }

        func matches(level: RiskLevel, category: String?, session: String) -> Bool {
            level >= minimumLevel && (self.category == nil || self.category == category)
                && (self.session == nil || self.session == session)
        }
    }

    private struct State {
        var subscriptions: [UInt64: (connection: ConnectionContext, filter: Filter)] = [:]
        var delivered = 0
        var dropped = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func add(_ connection: ConnectionContext, filter: Filter) {
        state.withLock { $0.subscriptions[connection.id] = (connection, filter) }
    }

    public func remove(_ connection: ConnectionContext) {
        _ = state.withLock { $0.subscriptions.removeValue(forKey: connection.id) }
    }

    public var count: Int { state.withLock { $0.subscriptions.count } }

    /// (delivered, dropped): alert lines queued to subscribers, and lines lost because a
    /// subscriber did not read and was cut off.
    public var deliveries: (delivered: Int, dropped: Int) { state.withLock { ($0.delivered, $0.dropped) } }

    /// Sends `line` to every subscriber whose filter matches; the sends happen after the
    /// lock is released, so a slow subscriber never holds up the table.
    public func publish(_ line: [UInt8], level: RiskLevel, category: String?, session: String) {
        let targets = state.withLock { state in
            state.subscriptions.values.filter { $0.filter.matches(level: level, category: category, session: session) }.map(\.connection)
        }
        guard !targets.isEmpty else { return }
        var delivered = 0
        var dropped = 0
        for connection in targets {
            switch connection.send(line) {
            case .queued, .queuedAboveHighWatermark: delivered += 1
            case .overflowed, .closed: dropped += 1
            }
        }
        state.withLock {
            $0.delivered += delivered
            $0.dropped += dropped
        }
    }
}
