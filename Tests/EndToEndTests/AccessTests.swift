import DriftDaemon
import Foundation
import Glibc
import JSON
import Testing

@Suite("Who may talk, and how fast", .serialized)
struct AccessTests {
    func config(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "drift-\(UUID().uuidString.prefix(8)).conf"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a client outside step_uids may read but not step, and the refusal is logged with its credentials")
    func deniedStep() throws {
        let other = getuid() == 4242 ? 4243 : 4242
        let daemon = try DaemonProcess(arguments: ["--config", try config("step_uids = \(other)\nreload_uids = \(other)\n")])
        defer { daemon.stop() }
        let step = try daemon.request(#"{"op":"step","session":"s","tool":"list_dir"}"#)
        #expect(step["error"]?["code"] == "denied", "\(step)")
        #expect(step["error"]?["message"]?.stringValue?.contains("uid \(getuid())") == true)
        #expect(try daemon.request(#"{"op":"reload"}"#)["error"]?["code"] == "denied")
        #expect(try daemon.request(#"{"op":"stats"}"#)["ok"] == true)
        #expect(daemon.log.contains("<4>"), "a warning line for the denial")
        #expect(daemon.log.contains("denied step to uid \(getuid())"))
    }

    @Test("listing our own uid lets us step; connections are logged with pid, uid and gid")
    func allowedStep() throws {
        let daemon = try DaemonProcess(arguments: ["--config", try config("step_uids = \(getuid())\n")])
        defer { daemon.stop() }
        #expect(try daemon.request(#"{"op":"step","session":"s","tool":"list_dir"}"#)["ok"] == true)
        #expect(daemon.log.contains("by pid \(getpid()) uid \(getuid()) gid \(getgid())"))
        #expect(daemon.log.contains("session s started by pid \(getpid())"))
    }

    @Test("past max_requests_per_second a connection gets rate_limited errors and nothing is applied")
    func rateLimit() throws {
        let daemon = try DaemonProcess(arguments: ["--config", try config("max_requests_per_second = 10\n")])
        defer { daemon.stop() }
        let client = try daemon.client()
        var codes: [String] = []
        for _ in 0..<40 {
            let reply = try daemon.request(#"{"op":"step","session":"burst","tool":"list_dir"}"#, on: client)
            codes.append(reply["ok"] == true ? "ok" : reply["error"]?["code"]?.stringValue ?? "?")
        }
        let applied = codes.filter { $0 == "ok" }.count
        #expect(applied >= 10 && applied < 40, "\(codes)")
        #expect(Set(codes) == ["ok", "rate_limited"])
        let other = try daemon.request(#"{"op":"query","session":"burst"}"#)
        #expect(other["step"]?.intValue == applied, "only the accepted steps reached the session")
    }
}

@Suite("Access policy")
struct AccessPolicyTests {
    @Test("open roles allow anyone; listed roles allow listed uids or gids only")
    func grants() {
        let policy = AccessPolicy(grants: [.reload: .init(uids: [0]), .step: .init(gids: [990])])
        let root = PeerCredentials(pid: 1, uid: 0, gid: 0)
        let agent = PeerCredentials(pid: 2, uid: 1000, gid: 990)
        #expect(policy.allows(.reload, peer: root) && !policy.allows(.reload, peer: agent))
        #expect(policy.allows(.step, peer: agent) && !policy.allows(.step, peer: root))
        #expect(policy.allows(.read, peer: nil))
        #expect(!policy.allows(.step, peer: nil))
        #expect(AccessPolicy.role(of: "check") == .step && AccessPolicy.role(of: "subscribe") == .read)
    }
}
