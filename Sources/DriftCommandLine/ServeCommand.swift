import Drift
import DriftDaemon
import Foundation
import JSON

/// `drift serve`: the daemon, in the foreground (systemd runs this).
struct ServeCommand: Command {
    static let name = "serve"
    static let abstract = "Run the monitor daemon on a Unix socket (foreground)."
    static let usage = "drift serve [--config <file>] [--socket <path>] [--model <file>] [--policy <file>] [--log-level <level>]"
    static let discussion = """
        Agent frameworks send each step over the socket as one JSON line and get the \
        assessment back; subscribers get alert lines. The protocol is in the README. \
        Flags override the config file; without --config the defaults are: socket \
        ./drift.sock (mode 0660), model ./model.json, the built-in policy. Under systemd \
        the socket may be passed in (socket activation) and readiness, reloads and the \
        watchdog are reported to $NOTIFY_SOCKET. SIGHUP reloads model and policy; \
        SIGTERM and SIGINT stop after flushing every reply and remove the socket.
        """
    static let options = [
        OptionSpec(["--config", "-c"], value: "file", help: "Daemon settings (key = value; see config/drift.conf)."),
        OptionSpec(["--socket", "-s"], value: "path", help: "Unix socket to listen on."),
        OptionSpec(["--model", "-m"], value: "file", help: "Fitted model (drift fit)."),
        Inputs.policyOption,
        OptionSpec(["--state-dir"], value: "dir", help: "Where durable session state lives."),
        OptionSpec(["--log-level"], value: "level", help: "error, warning, notice, info (default) or debug."),
    ]

    let configuration: DaemonConfiguration

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.isEmpty else { throw UsageError("serve takes no positional arguments") }
        var configuration = DaemonConfiguration()
        if let path = arguments.value("--config") {
            do {
                configuration = try DaemonConfiguration.load(contentsOf: path)
            } catch {
                throw UsageError("\(error)")
            }
        }
        if let socket = arguments.value("--socket") { configuration.socket = socket }
        if let model = arguments.value("--model") { configuration.model = model }
        if let policy = arguments.value("--policy") { configuration.policy = policy }
        if let state = arguments.value("--state-dir") { configuration.stateDirectory = state }
        if let name = arguments.value("--log-level") {
            guard let level = Log.Level(name: name) else { throw UsageError("--log-level is one of error, warning, notice, info, debug") }
            configuration.logLevel = level
        }
        self.configuration = configuration
    }

    func run(_ output: Output) throws -> Int32 {
        let daemon = Daemon(configuration: configuration, environment: ProcessInfo.processInfo.environment, log: Log(level: configuration.logLevel))
        return daemon.run()
    }
}

/// `drift query`: one request to a running daemon, its reply printed.
struct QueryCommand: Command {
    static let name = "query"
    static let abstract = "Send one request to a running daemon and print the reply."
    static let usage = "drift query '<json request>' [--socket <path>] [--pretty]"
    static let discussion = """
        For example: drift query '{"op":"stats"}', drift query '{"op":"query","session":"run-42"}'. \
        A request that is not a JSON object is sent as {"op": REQUEST}, so 'drift query stats' works. \
        Exits 1 when the daemon answers ok:false.
        """
    static let options = [
        OptionSpec(["--socket", "-s"], value: "path", help: "The daemon's socket (default ./drift.sock)."),
        OptionSpec(["--pretty"], help: "Indent the reply."),
    ]

    let request: String
    let socket: String
    let pretty: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.count == 1 else { throw UsageError("give one request") }
        let text = arguments.positionals[0]
        request = text.hasPrefix("{") ? text : "{\"op\":\"\(text)\"}"
        socket = arguments.value("--socket") ?? "drift.sock"
        pretty = arguments.flag("--pretty")
    }

    func run(_ output: Output) throws -> Int32 {
        let client = try DaemonClient(path: socket)
        guard let reply = try client.request(request) else {
            output.error("error: the daemon closed the connection without a reply")
            return ExitCode.failure
        }
        if pretty, let value = try? JSONParser.parse(reply) {
            output.print(value.serialized(pretty: true))
        } else {
            output.print(reply)
        }
        return reply.hasPrefix("{\"ok\":true") ? ExitCode.success : ExitCode.failure
    }
}

/// `drift tail`: follow a daemon's alerts.
struct TailCommand: Command {
    static let name = "tail"
    static let abstract = "Follow a running daemon's alerts."
    static let usage = "drift tail [--socket <path>] [--min-level <level>] [--category <name>] [--session <id>] [--json] [--count N]"
    static let discussion = "Prints one line per alert until interrupted (or after --count alerts)."
    static let options = [
        OptionSpec(["--socket", "-s"], value: "path", help: "The daemon's socket (default ./drift.sock)."),
        OptionSpec(["--min-level"], value: "level", help: "Only alerts at this level or above."),
        OptionSpec(["--category"], value: "name", help: "Only this task category."),
        OptionSpec(["--session"], value: "id", help: "Only this session."),
        OptionSpec(["--json"], help: "Print the alert lines as the daemon sends them."),
        OptionSpec(["--count"], value: "N", help: "Stop after N alerts."),
    ]

    let arguments: ParsedArguments
    let count: Int?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        self.arguments = arguments
        count = arguments.value("--count") == nil ? nil : try arguments.int("--count", default: 1, in: 1...Int.max)
        if let level = arguments.value("--min-level"), RiskLevel(name: level) == nil {
            throw UsageError("--min-level is one of SAFE, MILD, ELEVATED, CRITICAL, VIOLATED")
        }
    }

    func run(_ output: Output) throws -> Int32 {
        let client = try DaemonClient(path: arguments.value("--socket") ?? "drift.sock")
        var request = JSONObject()
        request["op"] = "subscribe"
        if let level = arguments.value("--min-level") { request["min_level"] = .string(level) }
        if let category = arguments.value("--category") { request["category"] = .string(category) }
        if let session = arguments.value("--session") { request["session"] = .string(session) }
        guard let reply = try client.request(JSONValue.object(request).serialized()), reply.hasPrefix("{\"ok\":true") else {
            output.error("error: the daemon refused the subscription")
            return ExitCode.failure
        }
        var seen = 0
        while let line = try client.readLine() {
            if arguments.flag("--json") {
                output.print(line)
            } else if let alert = try? JSONParser.parse(line) {
                output.print(Self.describe(alert))
            }
            seen += 1
            if let count, seen >= count { break }
        }
        return ExitCode.success
    }

    /// `research_comms/run-42 step 3 send_email: CRITICAL p5=0.82 (~2 steps) rule sensitive-with-network; evidence ...`
    static func describe(_ alert: JSONValue) -> String {
        let session = alert["session"]?.stringValue ?? "?"
        let category = alert["category"]?.stringValue ?? "-"
        let step = alert["step"]?.intValue.map(String.init) ?? "?"
        let p = alert["p_violation"]?.doubleValue.map { String(format: "%.2f", $0) } ?? "?"
        let horizon = alert["horizon"]?.intValue.map(String.init) ?? "?"
        let median = alert["steps_to_violation"]?["median"]?.intValue.map { " (~\($0) steps)" } ?? ""
        let evidence = alert["evidence"]?.arrayValue?.compactMap(\.stringValue).joined(separator: "; ") ?? ""
        return "\(category)/\(session) step \(step) \(alert["tool"]?.stringValue ?? "?"): \(alert["risk"]?.stringValue ?? "?") p\(horizon)=\(p)\(median) rule \(alert["rule"]?.stringValue ?? "-"): \(evidence)"
    }
}
