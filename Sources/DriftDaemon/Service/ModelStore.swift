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

    private let current: Mutex<Loaded>
    public let sources: Sources

    public init(sources: Sources) throws {
        self.sources = sources
        current = Mutex(try Self.load(sources))
    }

    public var loaded: Loaded { current.withLock { $0 } }
    public var monitor: Monitor { current.withLock { $0.monitor } }

    /// Loads the files again and swaps the result in; on any error the old monitor stays.
    public func reload() throws -> Loaded {
        let fresh = try Self.load(sources)
        current.withLock { $0 = fresh }
        return fresh
    }

    static func load(_ sources: Sources) throws -> Loaded {
        let policy = try sources.policy.map { (path) throws(InputError) in try Policy.load(contentsOf: path) } ?? Policy.default
        let bytes = try FileBytes.read(sources.model)
        let model = try ChainModel.decode(bytes, file: sources.model)
        guard model.policyIdentity == policy.identity else {
            throw InputError(
                file: sources.model,
                message: "fitted under policy \"\(model.policyName)\" (\(model.policyIdentity.prefix(12))), but the daemon's policy is \"\(policy.name)\" (\(policy.identity.prefix(12)))")
        }
        let monitor = try Monitor(policy: policy, model: model, parameters: sources.configuration.monitorParameters(for: policy))
        return Loaded(monitor: monitor, modelSHA256: SHA256.hex(bytes), loadedAt: Date())
    }
}
