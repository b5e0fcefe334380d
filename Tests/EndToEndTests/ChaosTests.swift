import DriftDaemon
import Foundation
import Glibc
import JSON
import Testing

/// Chaos against the real daemon, bounded in clients, steps and time, loopback only.
/// `DRIFT_CHAOS_SCALE` (default 1) multiplies the load; `scripts/chaos` runs a larger one.
@Suite("Chaos", .serialized)
struct ChaosTests {
    static let scale = max(1, Int(ProcessInfo.processInfo.environment["DRIFT_CHAOS_SCALE"] ?? "1") ?? 1)

    /// What the verifying agents saw: steps sent, replies that were wrong.
    final class Tally: @unchecked Sendable {
        // Protected by `lock`.
        private let lock = NSLock()
        private(set) var steps = 0
        private(set) var problems: [String] = []
        func ok() { lock.withLock { steps += 1 } }
        func problem(_ text: String) { lock.withLock { if problems.count < 20 { problems.append(text) } } }
        var summary: (Int, [String]) { lock.withLock { (steps, problems) } }
    }

    /// Agents that each own a session and check every reply: ok, their session, the
    /// step number one higher than the last, the risk a known sequence must give.
    static func verifiers(socket: String, count: Int, steps: Int, tally: Tally, group: DispatchGroup, tag: String) {
        for agent in 0..<count {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let client = try? DaemonClient(path: socket) else {
                    tally.problem("\(tag)\(agent): cannot connect")
                    return
                }
                let session = "\(tag)-\(agent)"
                for k in 1...steps {
                    // Step 3 reads customer data: from then on the session is at least MILD.
                    let tool = k == 3 ? #""read_file","args":{"path":"/data/customers.csv"}"# : #""list_dir","args":{"path":"/srv"}"#
                    let line = #"{"op":"step","id":\#(k),"session":"\#(session)","category":"sysadmin","tool":\#(tool)}"#
                    guard let text = try? client.request(line), let reply = try? JSONParser.parse(text) else {
                        tally.problem("\(session) step \(k): no reply")
                        return
                    }
                    let expectedRisk = k >= 3 ? "MILD" : "SAFE"
                    if reply["ok"] != true || reply["id"]?.intValue != k || reply["session"]?.stringValue != session
                        || reply["step"]?.intValue != k || reply["risk"]?.stringValue != expectedRisk {
                        tally.problem("\(session) step \(k): \(text.prefix(200))")
                    } else {
                        tally.ok()
                    }
                }
            }
        }
    }

    @Test("clients that connect, send garbage and vanish mid-line never disturb the agents that verify every reply")
    func vanishingClients() throws {
        let daemon = try DaemonProcess()
        defer { daemon.stop() }
        let tally = Tally()
        let group = DispatchGroup()
        let agents = 8 * Self.scale
        let steps = 100 * Self.scale
        Self.verifiers(socket: daemon.socket, count: agents, steps: steps, tally: tally, group: group, tag: "agent")
        let vandals = 8 * Self.scale
        let visits = 40 * Self.scale
        let socket = daemon.socket
        for v in 0..<vandals {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var random = SystemRandomNumberGenerator()
                for visit in 0..<visits {
                    guard let client = try? DaemonClient(path: socket) else { continue }
                    switch (v + visit) % 5 {
                    case 0: try? client.send(Array(#"{"op":"step","session":"agent-0","tool":"send_em"#.utf8))
                    case 1: try? client.send((0..<512).map { _ in UInt8.random(in: 0...255, using: &random) })
                    case 2: try? client.send(Array(#"{"op":"step","session":"vandal","tool":"x"}"#.utf8) + [10] + Array("{\"op\":".utf8))
                    case 3: try? client.send([UInt8](repeating: UInt8(ascii: "["), count: 70_000) + [10])
                    default: try? client.send(Array("not json at all\n\u{0}\u{1}{}\n".utf8))
                    }
                    client.close()
                }
            }
        }
        group.wait()
        let (ok, problems) = tally.summary
        #expect(problems.isEmpty, "\(problems)")
        #expect(ok == agents * steps)
        let stats = try daemon.request(#"{"op":"stats"}"#)
        #expect(stats["errors"]?["internal"] == nil, "\(stats)")
        print("chaos: \(agents) agents x \(steps) steps verified while \(vandals) clients made \(vandals * visits) hostile visits")
    }

    @Test("reloads under load: no step is dropped or mis-assessed, and a garbage model is refused while serving goes on")
    func reloadUnderLoad() throws {
        let daemon = try DaemonProcess()
        defer { daemon.stop() }
        let goodModel = try Data(contentsOf: URL(fileURLWithPath: daemon.modelPath))
        let tally = Tally()
        let group = DispatchGroup()
        let agents = 6 * Self.scale
        let steps = 150 * Self.scale
        Self.verifiers(socket: daemon.socket, count: agents, steps: steps, tally: tally, group: group, tag: "reload")
        let reloader = try daemon.client()
        var good = 0
        var refused = 0
        for round in 0..<(10 * Self.scale) {
            if round % 2 == 1 {
                try Data("{\"format\": \"drift.model.v1\", garbage \(round)".utf8).write(to: URL(fileURLWithPath: daemon.modelPath))
                daemon.signal(SIGHUP)
            } else {
                try goodModel.write(to: URL(fileURLWithPath: daemon.modelPath))
            }
            let reply = try daemon.request(#"{"op":"reload"}"#, on: reloader)
            if reply["ok"] == true { good += 1 } else if reply["error"]?["code"] == "reload_failed" { refused += 1 }
            usleep(20_000)
        }
        group.wait()
        let (ok, problems) = tally.summary
        #expect(problems.isEmpty, "\(problems)")
        #expect(ok == agents * steps)
        #expect(good == 5 * Self.scale && refused == 5 * Self.scale)
        print("chaos: \(agents * steps) steps verified across \(good) good and \(refused) refused reloads")
    }
}
