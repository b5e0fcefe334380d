/// Who may do what over the socket, by the peer's credentials (SO_PEERCRED).
///
/// The socket file's mode and group decide who may connect at all; these lists narrow
/// what a connected client may do. Each role lists uids and gids; a client is allowed a
/// role when its uid or gid is listed, or when the role lists nobody (open to anyone
/// who can connect).
public struct AccessPolicy: Hashable, Sendable {
    public enum Role: String, CaseIterable, Sendable {
        /// step, check, start, end: what changes sessions.
        case step
        /// query, subscribe, unsubscribe, stats, hello: what reads.
        case read
        /// reload: what swaps the model.
        case reload
    }

    public struct Grant: Hashable, Sendable {
        public var uids: Set<UInt32> = []
        public var gids: Set<UInt32> = []
        public init(uids: Set<UInt32> = [], gids: Set<UInt32> = []) {
            self.uids = uids
            self.gids = gids
        }
        var isOpen: Bool { uids.isEmpty && gids.isEmpty }
    }

    public var grants: [Role: Grant] = [:]

    public init(grants: [Role: Grant] = [:]) {
        self.grants = grants
    }

    public static let open = AccessPolicy()

    public static func role(of op: String) -> Role {
        switch op {
        case "step", "check", "start", "end": .step
        case "reload": .reload
        default: .read
        }
    }

    /// Whether `peer` may act in `role`. A client whose credentials could not be read is
    /// allowed only roles open to anyone.
    public func allows(_ role: Role, peer: PeerCredentials?) -> Bool {
        guard let grant = grants[role], !grant.isOpen else { return true }
        guard let peer else { return false }
        return grant.uids.contains(peer.uid) || grant.gids.contains(peer.gid)
    }
}
