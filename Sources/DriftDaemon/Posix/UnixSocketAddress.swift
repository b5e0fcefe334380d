import Glibc

/// A Unix-domain socket address: a filesystem path, or a name in Linux's abstract
/// namespace (written with a leading `@`, as systemd and `ss` do).
struct UnixSocketAddress: Sendable, CustomStringConvertible {
    /// Bytes in `sockaddr_un.sun_path`, terminating NUL included.
    static let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    enum Kind: Sendable { case path, abstract }

    let kind: Kind
    /// The path, or the abstract name without its leading `@`.
    let name: String

    /// Parses `@name` as an abstract name and anything else as a path; `nil` if it does
    /// not fit in `sun_path` (a path needs room for its NUL, an abstract name for its
    /// leading NUL).
    init?(_ address: String) {
        if address.hasPrefix("@") {
            kind = .abstract
            name = String(address.dropFirst())
        } else {
            kind = .path
            name = address
        }
        guard name.utf8.count + 1 <= Self.capacity else { return nil }
    }

    var description: String { kind == .abstract ? "@" + name : name }

    /// Lends a `sockaddr` pointer and the length to pass with it. Inlined so that a
    /// system call's `errno` is still intact when the wrapper in `Posix` reads it.
    @inline(__always)
    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        let nameBytes = Array(name.utf8)
        let start = kind == .abstract ? 1 : 0
        // sun_path is zeroed, so a path is NUL-terminated and an abstract name gets its leading NUL.
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            UnsafeMutableRawBufferPointer(rebasing: raw[start...]).copyBytes(from: nameBytes)
        }
        // A path's length includes its NUL; an abstract name's length is exact.
        let length = socklen_t(pathOffset + start + nameBytes.count + (kind == .path ? 1 : 0))
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
