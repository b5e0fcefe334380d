import Foundation
import Testing

/// The Python client, against a fake daemon (its own tests) and against the real one.
@Suite("Python client", .serialized)
struct PythonClientTests {
    static func python(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = Repository.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("the client's own unit tests pass")
    func unitTests() throws {
        let run = try Self.python(["-m", "unittest", "discover", "-s", "clients/python"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("OK"))
    }

    @Test("the agent-loop example refuses the flagged calls against the real daemon")
    func agentLoopAgainstDaemon() throws {
        let daemon = try DaemonProcess()
        defer { daemon.stop() }
        let run = try Self.python(["examples/agent_loop.py", "--socket", daemon.socket, "--session", "py-1"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("REFUSED"))
        let stats = try daemon.request(#"{"op":"stats"}"#)
        #expect((stats["checks"]?.intValue ?? 0) >= 3)
        #expect(stats["sessions"]?["ended"] == 1)
    }
}
