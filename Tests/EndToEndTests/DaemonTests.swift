import DriftDaemon
import Foundation
import Glibc
import JSON
import Testing

/// The daemon as clients see it: the real binary on a temporary socket.
@Suite("drift serve", .serialized)
struct DaemonTests {
    static let readCustomers = #"{"op":"step","session":"s1","category":"research_comms","tool":"read_file","args":{"path":"/data/customers.csv"},"result":"name,email"}"#
    static let writeSummary = #"{"op":"step","session":"s1","tool":"write_file","args":{"path":"/tmp/summary.md"},"result":"ok"}"#
    static let sendOutside = #"{"op":"step","session":"s1","tool":"send_email","args":{"to":"someone@othercorp.com"},"result":"sent"}"#

    @Test("a risky sequence alerts a subscriber before the violating step")
    func alertBeforeViolation() throws {
        // A fixed threshold below p5(MILD) in research_comms (0.37 on the bundled corpus):
        // the alert mechanics are under test, not the fitted default (a 5% false-positive
        // target, far stricter on this corpus).
        let config = NSTemporaryDirectory() + "drift-\(UUID().uuidString.prefix(8)).conf"
        try "threshold = 0.25\n".write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(arguments: ["--config", config])
        defer { daemon.stop() }
        let subscriber = try daemon.client()
        let subscribed = try daemon.request(#"{"op":"subscribe","id":"sub","min_level":"MILD"}"#, on: subscriber)
        #expect(subscribed["ok"] == true && subscribed["id"] == "sub")

        let agent = try daemon.client()
        let first = try daemon.request(Self.readCustomers, on: agent)
        #expect(first["risk"] == "MILD")
        #expect(first["alert"] == true, "MILD in research_comms is past p5 = 0.25 on the bundled corpus: \(first)")
        let alert = try JSONParser.parse(try #require(try subscriber.readLine()))
        #expect(alert["event"] == "alert" && alert["session"] == "s1" && alert["step"] == 1)
        #expect(alert["reason"] == "crossed_threshold")
        #expect(alert["evidence"]?.arrayValue?.contains { $0.stringValue?.contains("customers.csv") == true } == true)

        let second = try daemon.request(Self.writeSummary, on: agent)
        #expect(second["alert"] == false, "same level: no second alert")
        let third = try daemon.request(Self.sendOutside, on: agent)
        #expect(third["risk"] == "VIOLATED" && third["alert"] == true)
        let stats = try daemon.request(#"{"op":"stats"}"#)
        #expect(stats["alerts"]?["raised"] == 2 && stats["alerts"]?["suppressed"] == 1)
    }

    @Test("check answers what-if and leaves the session as it was")
    func checkIsWhatIf() throws {
        let daemon = try DaemonProcess()
        defer { daemon.stop() }
        _ = try daemon.request(Self.readCustomers)
        let before = try daemon.request(#"{"op":"query","session":"s1"}"#)
        let whatIf = try daemon.request(Self.sendOutside.replacingOccurrences(of: "\"step\"", with: "\"check\""))
        #expect(whatIf["risk"] == "VIOLATED" && whatIf["flag"] == true && whatIf["alert"] == false)
        let after = try daemon.request(#"{"op":"query","session":"s1"}"#)
        #expect(before == after)
        #expect(after["step"] == 1 && after["risk"] == "MILD")
        let harmless = try daemon.request(#"{"op":"check","session":"s1","tool":"list_dir","args":{"path":"/tmp"}}"#)
        #expect(harmless["risk"] == "MILD")
    }

    @Test("bad requests get error replies and the connection goes on", arguments: [
        ("not json", "bad_json"),
        ("[1,2]", "bad_request"),
        (#"{"op":"teleport"}"#, "unknown_op"),
        (#"{"id":4}"#, "missing_field"),
        (#"{"op":"step","session":"s"}"#, "missing_field"),
        (#"{"op":"step","session":7,"tool":"x"}"#, "bad_field"),
        (#"{"op":"query","session":"nobody"}"#, "unknown_session"),
        (#"{"op":"subscribe","min_level":"PANIC"}"#, "bad_field"),
    ])
    func badRequests(line: String, code: String) throws {
        let daemon = try DaemonProcess()
        defer { daemon.stop() }
        let client = try daemon.client()
        let reply = try daemon.request(line, on: client)
        #expect(reply["ok"] == false)
        #expect(reply["error"]?["code"] == .string(code), "\(reply)")
        #expect(try daemon.request(#"{"op":"hello","id":1}"#, on: client)["ok"] == true)
    }

    @Test("a 10 MB line gets line_too_long, a client vanishing mid-line harms no one, others keep working")
    func hostileClients() throws {
        let daemon = try DaemonProcess()
        defer { daemon.stop() }
        let bystander = try daemon.client()
        #expect(try daemon.request(Self.readCustomers, on: bystander)["ok"] == true)

        let flooder = try daemon.client()
        try flooder.send([UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20) + [10])
        let reply = try JSONParser.parse(try #require(try flooder.readLine()))
        #expect(reply["error"]?["code"] == "line_too_long")
        #expect(try daemon.request(#"{"op":"hello","id":2}"#, on: flooder)["id"] == 2)

        let quitter = try daemon.client()
        try quitter.send(Array(#"{"op":"step","session":"s1","tool":"send_em"#.utf8))
        quitter.close()

        let next = try daemon.request(Self.writeSummary, on: bystander)
        #expect(next["step"] == 2, "the half line never reached the session")
        #expect(try daemon.request(#"{"op":"stats"}"#)["errors"]?["line_too_long"] == 1)
    }

    @Test("reload swaps in a good model and keeps serving the old one when the new file is corrupt")
    func reload() throws {
        let daemon = try DaemonProcess()
        defer { daemon.stop() }
        let good = try daemon.request(#"{"op":"reload"}"#)
        #expect(good["ok"] == true && good["reloaded"] == true)
        try "{\"format\": \"drift.model.v1\", broken".write(toFile: daemon.modelPath, atomically: true, encoding: .utf8)
        let bad = try daemon.request(#"{"op":"reload"}"#)
        #expect(bad["error"]?["code"] == "reload_failed")
        #expect(bad["error"]?["message"]?.stringValue?.contains("still serving the previous model") == true)
        daemon.signal(SIGHUP)
        usleep(200_000)
        #expect(try daemon.request(Self.readCustomers)["risk"] == "MILD")
    }

    @Test("SIGTERM finishes, exits 0 and leaves no socket behind")
    func terminate() throws {
        let daemon = try DaemonProcess()
        #expect(try daemon.request(Self.readCustomers)["ok"] == true)
        #expect(FileManager.default.fileExists(atPath: daemon.socket))
        #expect(daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        let log = daemon.log
        #expect(log.contains("<5>received SIGTERM: stopping"), "\(log)")
    }

    @Test("OpenAI tool_call and tool_result shapes are steps too")
    func openAIShapes() throws {
        let daemon = try DaemonProcess()
        defer { daemon.stop() }
        let reply = try daemon.request(#"{"op":"step","session":"o1","category":"research_comms","tool_call":{"id":"call_1","type":"function","function":{"name":"read_file","arguments":"{\"path\": \"/srv/customers.csv\"}"}},"tool_result":{"tool_call_id":"call_1","content":"a,b"}}"#)
        #expect(reply["risk"] == "MILD", "\(reply)")
    }
}
