/// Who is on the other end of a Unix socket, as the kernel saw it at `connect`.
///
/// A field-for-field mirror of Linux's `struct ucred` (`pid_t pid; uid_t uid; gid_t gid;`),
/// which Glibc only declares under `_GNU_SOURCE` and so Swift cannot see. Its layout is
/// pinned by a test; `Posix.peerCredentials(of:)` also checks the length the kernel wrote.
public struct PeerCredentials: Hashable, Sendable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}
