import Drift
import Synchronization

/// Every live agent session, by id: a bounded table with idle expiry.
///
/// The table is split into shards, each behind its own mutex, so that steps of different
/// sessions on different connections rarely wait for each other. A step runs its
/// assessment while holding its shard's lock (about a microsecond), which makes each
/// session's steps atomic. When a shard is full, its least recently used session is
/// evicted and counted: a flood of new sessions costs old idle ones, never memory.
public final class SessionTable: Sendable {
    struct Entry {
        var session: SessionState
        var lastSeen: UInt64
    }

    private final class Shard: Sendable {
        let entries = Mutex<[String: Entry]>([:])
    }

    public struct Counters: Hashable, Sendable {
        public var created = 0
        public var ended = 0
        public var expired = 0
        public var evicted = 0
    }

    private let shards: [Shard]
    /// Live sessions over all shards: the limit is on the table, not on each shard, so
    /// an unlucky hash spread does not evict before the table is full.
    private let live = Atomic<Int>(0)
    private let counters = Mutex(Counters())
    public let limit: Int
    /// Where changes are made durable, when the daemon has a state folder.
    public let journal: SessionJournal?

    public init(limit: Int, shardCount: Int = 64, journal: SessionJournal? = nil) {
        self.limit = limit
        self.journal = journal
        let count = max(1, min(shardCount, limit))
        shards = (0..<count).map { _ in Shard() }
    }

    private func shard(for id: String) -> Shard {
        var hasher = Hasher()
        hasher.combine(id)
        return shards[Int(UInt(bitPattern: hasher.finalize()) % UInt(shards.count))]
    }

    /// Runs `body` on the session `id`, creating it (with `category`) when it does not
    /// exist. A session that has no category takes the first one a step names.
    ///
    /// With a journal, the new state is journaled before the lock is released; if that
    /// fails the change stays in memory and the error is thrown, so the caller does not
    /// acknowledge as durable what is not.
    public func update<R>(_ id: String, category: String?, now: UInt64, wallClock: Double = 0, _ body: (inout SessionState) -> R) throws -> R {
        var evicted = false
        var created = false
        var journalError: (any Error)?
        let result = shard(for: id).entries.withLock { entries -> R in
            if entries[id] == nil {
                // Full: the least recently used session of this shard makes room. (A
                // shard with none to give lets the table run one over its limit.)
                if live.load(ordering: .relaxed) >= limit, let oldest = entries.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key {
                    entries[oldest] = nil
                    live.subtract(1, ordering: .relaxed)
                    evicted = true
                    do { try journal?.recordEnd(oldest) } catch { journalError = error }
                }
                live.add(1, ordering: .relaxed)
                entries[id] = Entry(session: SessionState(category: category), lastSeen: now)
                created = true
            }
            var entry = entries[id]!
            if entry.session.category == nil, let category { entry.session.category = category }
            entry.lastSeen = now
            let result = body(&entry.session)
            entries[id] = entry
            do { try journal?.record(id, entry.session, wallClock: wallClock) } catch { journalError = error }
            return result
        }
        if created || evicted {
            counters.withLock {
                if created { $0.created += 1 }
                if evicted { $0.evicted += 1 }
            }
        }
        if let journalError { throw journalError }
        return result
    }

    /// Puts back sessions recovered from the journal (before serving).
    public func restore(_ recovered: [(id: String, session: SessionState, lastSeenWallClock: Double)], now: UInt64, wallClock: Double) {
        for entry in recovered {
            let idle = max(0, wallClock - entry.lastSeenWallClock)
            let lastSeen = now > UInt64(idle * 1e9) ? now - UInt64(idle * 1e9) : 0
            let added = shard(for: entry.id).entries.withLock { entries -> Bool in
                let isNew = entries[entry.id] == nil
                entries[entry.id] = Entry(session: entry.session, lastSeen: lastSeen)
                return isNew
            }
            if added { live.add(1, ordering: .relaxed) }
        }
    }

    /// Every session with its last activity on the wall clock, for the journal's snapshot.
    public func snapshotForJournal(now: UInt64, wallClock: Double) -> [(id: String, session: SessionState, lastSeenWallClock: Double)] {
        snapshot().map { ($0.id, $0.session, wallClock - Double(now &- $0.lastSeen) / 1e9) }
    }

    /// The session `id`, if it exists; nothing changes.
    public func session(_ id: String) -> SessionState? {
        shard(for: id).entries.withLock { $0[id]?.session }
    }

    /// Removes and returns the session `id`.
    public func end(_ id: String) -> SessionState? {
        let removed = shard(for: id).entries.withLock { entries -> SessionState? in
            guard let removed = entries.removeValue(forKey: id)?.session else { return nil }
            live.subtract(1, ordering: .relaxed)
            try? journal?.recordEnd(id)
            return removed
        }
        if removed != nil { counters.withLock { $0.ended += 1 } }
        return removed
    }

    /// Forgets every session idle since before `cutoff`; returns how many.
    @discardableResult
    public func expire(idleSince cutoff: UInt64) -> Int {
        var total = 0
        for shard in shards {
            total += shard.entries.withLock { entries in
                let stale = entries.filter { $0.value.lastSeen < cutoff }.map(\.key)
                for id in stale {
                    entries[id] = nil
                    try? journal?.recordEnd(id)
                }
                live.subtract(stale.count, ordering: .relaxed)
                return stale.count
            }
        }
        if total > 0 { counters.withLock { $0.expired += total } }
        return total
    }

    public var count: Int { live.load(ordering: .relaxed) }

    public var counts: Counters { counters.withLock { $0 } }

    /// A snapshot of every session, for the journal's snapshots and for listing.
    public func snapshot() -> [(id: String, session: SessionState, lastSeen: UInt64)] {
        var all: [(String, SessionState, UInt64)] = []
        for shard in shards {
            shard.entries.withLock { entries in
                for (id, entry) in entries { all.append((id, entry.session, entry.lastSeen)) }
            }
        }
        return all
    }
}
