import Drift
import Foundation
import Synchronization

/// The monitor in service, and how to load a new one: reload builds the new monitor
/// completely (parse, check, solve every chain) before swapping it in, so a bad file
/// leaves the old monitor serving.
public final class ModelStore: Sendable {
    public struct Sources: Hashable, Sendable {
        public var model: String
        /// nil: the built-in policy.
        public var policy: String?
        public var configuration: DaemonConfiguration

        public init(model: String, policy: String?, configuration: DaemonConfiguration) {
            self.model = model
            self.policy = policy
            self.configuration = configuration
        }
    }

    /// What is serving: the monitor and a short description of it.
    public struct Loaded: Sendable {
        public var monitor: Monitor
        public var modelSHA256: String
        public var loadedAt: Date
    }

    /// The loaded monitor lives in a class so that a reader takes one reference (a
    /// retain) and uses the monitor in place, instead of copying the whole monitor struct
    /// (dozens of retains) on every step.
    public final class Box: Sendable {
        public let loaded: Loaded
        init(_ loaded: Loaded) { self.loaded = loaded }
    }

    /// The serving box, read without a lock: every step on every connection reads it,
    /// and on two cores shared by many connection threads even a short global lock
    /// turned into futex waits when its holder was preempted.
    private let current: Atomic<Unmanaged<Box>>
    /// Boxes swapped out by reloads, with when. A reader may have loaded the pointer just
    /// before a swap; it holds it for the microseconds one request takes, so a retired box
    /// is released only when it has been out of service for a minute (at a later reload).
    private let retired = Mutex<[(box: Unmanaged<Box>, at: Date)]>([])
    public let sources: Sources

    public init(sources: Sources) throws {
        self.sources = sources
        current = Atomic(Unmanaged.passRetained(Box(try Self.load(sources))))
    }

    deinit {
        current.load(ordering: .acquiring).release()
        retired.withLock { $0.forEach { $0.box.release() } }
    }

    /// What is serving now, held by reference: read `serving.loaded.monitor` in place.
    public var serving: Box { current.load(ordering: .acquiring).takeUnretainedValue() }
    public var loaded: Loaded { serving.loaded }
    public var monitor: Monitor { serving.loaded.monitor }

    /// Loads the files again and swaps the result in; on any error the old monitor stays.
    public func reload() throws -> Loaded {
        let fresh = Unmanaged.passRetained(Box(try Self.load(sources)))
        let old = current.exchange(fresh, ordering: .acquiringAndReleasing)
        let now = Date()
        retired.withLock { list in
            list.append((old, now))
            list.removeAll { entry in
                guard now.timeIntervalSince(entry.at) > 60 else { return false }
                entry.box.release()
                return true
            }
        }
        return fresh.takeUnretainedValue().loaded
    }

    static func load(_ sources: Sources) throws -> Loaded {
        let policy = try sources.policy.map { (path) throws(InputError) in try Policy.resolve(path) } ?? Policy.default
        let bytes = try FileBytes.read(sources.model)
        let model = try ChainModel.decode(bytes, file: sources.model)
        try model.requireFitted(under: policy, file: sources.model)
        let monitor = try Monitor(policy: policy, model: model, parameters: sources.configuration.monitorParameters(for: policy))
        return Loaded(monitor: monitor, modelSHA256: SHA256.hex(bytes), loadedAt: Date())
    }
}
