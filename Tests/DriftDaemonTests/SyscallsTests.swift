import Glibc
import Testing
@testable import DriftDaemon

@Suite("Posix")
struct SyscallsTests {
    @Test("SystemError stays five bytes: errno and a one-byte call")
    func systemErrorSize() {
        #expect(MemoryLayout<SystemError>.size == 5)
    }

    @Test("SystemError's description names the call and the strerror text")
    func systemErrorDescription() {
        #expect(SystemError(errno: ECONNREFUSED, call: .connect).description == "connect: Connection refused (errno 111)")
    }

    @Test("PeerCredentials mirrors struct ucred: three 4-byte fields, 12 bytes")
    func peerCredentialsLayout() {
        #expect(MemoryLayout<PeerCredentials>.size == 12)
        #expect(MemoryLayout<PeerCredentials>.stride == 12)
        #expect(MemoryLayout<PeerCredentials>.offset(of: \.pid) == 0)
        #expect(MemoryLayout<PeerCredentials>.offset(of: \.uid) == 4)
        #expect(MemoryLayout<PeerCredentials>.offset(of: \.gid) == 8)
    }

    @Test("a read on an empty non-blocking socket is .wouldBlock, not an error")
    func wouldBlock() throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue), 0, &pair) == 0)
        defer { try? Posix.close(pair[0]); try? Posix.close(pair[1]) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
        defer { buffer.deallocate() }
        guard case .wouldBlock = try Posix.read(pair[0], into: buffer) else {
            Issue.record("expected .wouldBlock")
            return
        }
        // Both ends of a socketpair belong to this process.
        let credentials = try Posix.peerCredentials(of: pair[0])
        #expect(credentials == PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid()))
    }

    @Test("a socket path longer than sun_path allows does not fit")
    func addressLength() {
        #expect(UnixSocketAddress.capacity == 108)
        #expect(UnixSocketAddress(String(repeating: "a", count: 107)) != nil)
        #expect(UnixSocketAddress(String(repeating: "a", count: 108)) == nil)
        #expect(UnixSocketAddress("@" + String(repeating: "a", count: 107)) != nil)
    }
}
