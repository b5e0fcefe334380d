import Dispatch
import Drift
import Foundation
import JSON
import Synchronization

/// The wire protocol: one JSON request per line in, one JSON reply per line out, and
/// alert lines pushed to subscribers. Ops: hello, start, step, check, end, query,
/// subscribe, unsubscribe, stats, reload.
///
/// Called concurrently from every connection's queue. A bad line gets an error reply
/// and the connection goes on; nothing a client sends can stop the daemon.
public final class ProtocolHandler: LineHandler {
    public static let protocolVersion = 1
    /// Session ids longer than this are refused: an id is a key, not a payload.
    public static let maximumSessionIDLength = 256

    public let store: ModelStore
    public let sessions: SessionTable
    public let subscribers = Subscribers()
    private let log: Log
    private let clock: @Sendable () -> UInt64
    private let startedAt = Date()
    /// Counters every request touches are atomics: one mutex for them serialised every
    /// step on every connection. The rarer ones (errors, unknown tools, outcomes) keep
    /// a mutex.
    private let hot = HotCounters()
    /// Steps with tools the policy does not know, per tool: sharded, because a session
    /// that keeps using such a tool would otherwise take one global lock per step.
    private let unknownTools = ShardedCounter()
    private let counters = Mutex(Counters())
    /// Called after a reload through the wire, so the daemon can tell systemd and log.
    private let reloadHook: (@Sendable () -> Result<String, WireError>)?
    private let access: AccessPolicy
    private let rateLimit: Int
    /// Per connection: its token bucket, when requests are rate-limited.
    private let buckets = Mutex<[UInt64: TokenBucket]>([:])

    final class HotCounters: Sendable {
        let requests = Atomic<Int>(0)
        let steps = Atomic<Int>(0)
        let checks = Atomic<Int>(0)
        let alertsRaised = Atomic<Int>(0)
        let alertsSuppressed = Atomic<Int>(0)
        let pooledFallbacks = Atomic<Int>(0)
        let unseenStates = Atomic<Int>(0)

        func add(_ counter: borrowing Atomic<Int>) { counter.wrappingAdd(1, ordering: .relaxed) }
        func read(_ counter: borrowing Atomic<Int>) -> Int { counter.load(ordering: .relaxed) }
    }

    struct Counters {
        var errors: [WireError.Code: Int] = [:]
        var outcomes = (violated: 0, safe: 0)
    }

    public init(
        store: ModelStore, sessions: SessionTable, log: Log,
        clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds },
        reload: (@Sendable () -> Result<String, WireError>)? = nil,
        access: AccessPolicy = .open, maximumRequestsPerSecond: Int = 0
    ) {
        self.access = access
        self.rateLimit = maximumRequestsPerSecond
        self.store = store
        self.sessions = sessions
        self.log = log
        self.clock = clock
        self.reloadHook = reload
    }

    // MARK: LineHandler

    public func handle(line: ArraySlice<UInt8>, from connection: ConnectionContext) -> [UInt8]? {
        var id: JSONValue?
        let reply: Reply
        do {
            let value: JSONValue
            do {
                value = try JSONParser.parse(line, limits: .init(maximumDepth: 64))
            } catch {
                throw WireError(error)
            }
            guard case .object(let request) = value else { throw WireError(.badRequest, "a request is a JSON object, not \(value.kindDescription)") }
            id = request["id"]
            reply = try dispatch(JSONField(value), request: request, connection: connection)
        } catch let error as WireError {
            return encode(error: error, id: id)
        } catch {
            return encode(error: WireError(.internalError, "\(error)"), id: id)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(640)
        bytes.append(contentsOf: #"{"ok":true"#.utf8)
        if let id {
            bytes.append(contentsOf: #","id":"#.utf8)
            id.write(into: &bytes)
        }
        switch reply {
        case .object(let object):
            for member in object.members {
                bytes.append(UInt8(ascii: ","))
                JSONValue.appendEscaped(member.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                member.value.write(into: &bytes)
            }
        case .members(let members):
            if !members.isEmpty {
                bytes.append(UInt8(ascii: ","))
                bytes.append(contentsOf: members)
            }
        }
        bytes.append(contentsOf: "}\n".utf8)
        return bytes
    }

    /// What an op answers besides "ok" and "id": an object, or (for the per-step ops,
    /// written straight into bytes) the members of one.
    enum Reply {
        case object(JSONObject)
        case members([UInt8])
    }

    public func handleOversizedLine(length: Int, limit: Int, from connection: ConnectionContext) -> [UInt8]? {
        encode(error: WireError(.lineTooLong, "a line of \(length) bytes is longer than the limit of \(limit); it was discarded"), id: nil)
    }

    public func connectionOpened(_ connection: ConnectionContext) {
        log.info("\(connection) opened\(connection.peer.map { " by pid \($0.pid) uid \($0.uid) gid \($0.gid)" } ?? "")")
    }

    public func connectionClosed(_ connection: ConnectionContext) {
        subscribers.remove(connection)
        if rateLimit > 0 { _ = buckets.withLock { $0.removeValue(forKey: connection.id) } }
    }

    // MARK: Ops

    private func dispatch(_ field: JSONField, request: JSONObject, connection: ConnectionContext) throws -> Reply {
        guard let opValue = request["op"] else { throw WireError(.missingField, "missing field \"op\"") }
        guard case .string(let op) = opValue else { throw WireError(.badField, "op: expected a string, found \(opValue.kindDescription)") }
        hot.add(hot.requests)
        if rateLimit > 0 {
            let now = clock()
            let allowed = buckets.withLock { buckets in
                buckets[connection.id, default: TokenBucket(rate: rateLimit, now: now)].take(now: now)
            }
            guard allowed else { throw WireError(.rateLimited, "more than \(rateLimit) requests a second on this connection; slow down") }
        }
        let role = AccessPolicy.role(of: op)
        guard access.allows(role, peer: connection.peer) else {
            let who = connection.peer.map { "uid \($0.uid) gid \($0.gid) pid \($0.pid)" } ?? "an unidentified peer"
            log.warning("\(connection): denied \(op) to \(who)")
            throw WireError(.denied, "\(who) may not \(op) (role \(role.rawValue))")
        }
        switch op {
        case "step": return .members(try step(field, apply: true, connection: connection))
        case "check": return .members(try step(field, apply: false, connection: connection))
        case "start": return .object(try start(field))
        case "end": return .object(try end(field))
        case "query": return .object(try query(field))
        case "subscribe": return .object(try subscribe(field, connection: connection))
        case "unsubscribe":
            subscribers.remove(connection)
            return .object(["subscribed": .bool(false)])
        case "stats": return .object(stats())
        case "reload": return .object(try reload())
        case "hello": return .object(hello())
        default:
            throw WireError(.unknownOp, "unknown op \"\(op)\" (known: hello, start, step, check, end, query, subscribe, unsubscribe, stats, reload)")
        }
    }

    private func sessionID(_ field: JSONField) throws -> String {
        let id: String
        do {
            id = try field.required("session").string()
        } catch {
            throw WireError(error)
        }
        guard !id.isEmpty, id.utf8.count <= Self.maximumSessionIDLength else {
            throw WireError(.badField, "session: an id of 1 to \(Self.maximumSessionIDLength) bytes")
        }
        return id
    }

    private func optionalString(_ field: JSONField, _ key: String) throws -> String? {
        do {
            return try field.optional(key)?.string()
        } catch {
            throw WireError(error)
        }
    }

    private func step(_ field: JSONField, apply: Bool, connection: ConnectionContext) throws -> [UInt8] {
        let id = try sessionID(field)
        let category = try optionalString(field, "category")
        let step: Step
        do {
            step = try StepRequest.step(in: field)
        } catch {
            throw WireError(error)
        }
        let explain: Explanation = (try? field.optional("explain")?.bool()) == true ? .always : .whenAlerting
        let serving = store.serving
        let assessment: Assessment
        if apply {
            do {
                assessment = try sessions.update(id, category: category, now: clock(), wallClock: Date().timeIntervalSince1970) { session in
                    serving.loaded.monitor.assess(step, in: &session, explain: explain)
                }
            } catch {
                log.error("session \(id): the step was applied but could not be journaled: \(error)")
                throw WireError(.internalError, "the step was applied but could not be made durable: \(error)")
            }
        } else {
            var scoped = sessions.session(id) ?? SessionState(category: category)
            if scoped.category == nil { scoped.category = category }
            assessment = serving.loaded.monitor.check(step, in: scoped, explain: explain)
        }
        if apply { hot.add(hot.steps) } else { hot.add(hot.checks) }
        if apply, assessment.alert { hot.add(hot.alertsRaised) }
        let threshold = serving.loaded.monitor.threshold(for: assessment.category)
        if apply, !assessment.alert, assessment.pAlert >= threshold { hot.add(hot.alertsSuppressed) }
        if assessment.fellBackToPooled { hot.add(hot.pooledFallbacks) }
        if assessment.unseenState { hot.add(hot.unseenStates) }
        if assessment.unknownTool { unknownTools.count(step.tool) }
        var reply: [UInt8] = []
        reply.reserveCapacity(600)
        if apply, assessment.step == 1 {
            log.info("session \(id) started by \(connection.peer.map { "pid \($0.pid) uid \($0.uid) gid \($0.gid)" } ?? "an unidentified peer")\(category.map { ", category \($0)" } ?? "")")
        }
        if apply {
            AssessmentJSON.writeMembers(assessment, session: id, into: &reply)
            if assessment.alert { publishAlert(assessment, session: id, tool: step.tool) }
            if assessment.alert || assessment.level >= .critical {
                log.notice("session \(id): step \(assessment.step) \(step.tool) -> \(assessment.level.name), p\(assessment.horizon)=\(String(format: "%.3f", assessment.pAlert))\(assessment.alert ? ", alert" : "")")
            }
        } else {
            // What a check flags: the step would move the session to VIOLATED, or push
            // p_H to the threshold or above. A framework that checks before executing
            // can refuse a flagged call.
            var shown = assessment
            shown.alert = false
            shown.alertReason = nil
            AssessmentJSON.writeMembers(shown, session: id, into: &reply)
            let flag = assessment.level == .violated || assessment.pAlert >= threshold
            reply.append(contentsOf: (flag ? #","flag":true"# : #","flag":false"#).utf8)
            reply.append(contentsOf: (assessment.alert ? #","would_alert":true"# : #","would_alert":false"#).utf8)
        }
        return reply
    }

    private func publishAlert(_ assessment: Assessment, session: String, tool: String) {
        var event = JSONObject()
        event["event"] = "alert"
        event["session"] = .string(session)
        event["tool"] = .string(tool)
        event["reason"] = assessment.alertReason.map { .string($0.rawValue) } ?? .null
        for member in AssessmentJSON.encode(assessment).objectValue!.members where !["alert", "alert_reason"].contains(member.key) {
            event[member.key] = member.value
        }
        subscribers.publish(encode(event), level: assessment.level, category: assessment.category, session: session)
    }

    private func start(_ field: JSONField) throws -> JSONObject {
        let id = try sessionID(field)
        let category = try optionalString(field, "category")
        // What the framework knows up front: the user's task (trusted text for target
        // provenance) and its declared tools. Both apply only to a session with no steps
        // yet: a later start cannot rewrite what earlier steps were judged against.
        let task = try optionalString(field, "task")
        var tools = ToolCatalog()
        if let toolsField = try field.optional("tools") {
            do {
                tools = try ToolCatalog.decode(toolsField)
            } catch {
                throw WireError(error)
            }
        }
        let monitor = store.serving.loaded.monitor
        let state: SessionState
        var applied = false
        do {
            state = try sessions.update(id, category: category, now: clock(), wallClock: Date().timeIntervalSince1970) { session in
                if session.steps == 0, task != nil || !tools.isEmpty {
                    session.context = monitor.startSession(category: session.category, task: task, tools: tools).context
                    applied = true
                }
                return session
            }
        } catch {
            throw WireError(.internalError, "the session could not be made durable: \(error)")
        }
        var reply: JSONObject = ["session": .string(id), "category": state.category.map(JSONValue.string) ?? .null, "steps": .number(Double(state.steps))]
        reply["tools"] = .number(Double(state.context.tools.count))
        reply["task"] = .bool(state.context.hasTask)
        if (task != nil || !tools.isEmpty), !applied {
            reply["note"] = "the session already has steps: its task and tools were not changed"
        }
        return reply
    }

    private func end(_ field: JSONField) throws -> JSONObject {
        let id = try sessionID(field)
        guard let session = sessions.end(id) else { throw WireError(.unknownSession, "no session \"\(id)\" (never started, ended, or expired)") }
        if let outcome = try? field.optional("outcome"), let violated = try? outcome.required("violated").bool() {
            counters.withLock { if violated { $0.outcomes.violated += 1 } else { $0.outcomes.safe += 1 } }
            log.info("session \(id) ended after \(session.steps) steps, \(session.alerts) alerts; outcome: \(violated ? "violated" : "safe")")
        }
        return [
            "session": .string(id), "steps": .number(Double(session.steps)), "alerts": .number(Double(session.alerts)),
            "suppressed_alerts": .number(Double(session.suppressedAlerts)), "risk": .string(session.level.name),
        ]
    }

    private func query(_ field: JSONField) throws -> JSONObject {
        let id = try sessionID(field)
        guard let session = sessions.session(id) else { throw WireError(.unknownSession, "no session \"\(id)\"") }
        var reply = AssessmentJSON.encode(store.monitor.current(session), session: id).objectValue!
        reply["alert"] = nil
        reply["alerts"] = .number(Double(session.alerts))
        reply["suppressed_alerts"] = .number(Double(session.suppressedAlerts))
        return reply
    }

    private func subscribe(_ field: JSONField, connection: ConnectionContext) throws -> JSONObject {
        var filter = Subscribers.Filter()
        if let name = try optionalString(field, "min_level") {
            guard let level = RiskLevel(name: name) else {
                throw WireError(.badField, "min_level: unknown level \"\(name)\" (one of SAFE, MILD, ELEVATED, CRITICAL, VIOLATED)")
            }
            filter.minimumLevel = level
        }
        filter.category = try optionalString(field, "category")
        filter.session = try optionalString(field, "session")
        subscribers.add(connection, filter: filter)
        log.info("\(connection) subscribed (min level \(filter.minimumLevel.name)\(filter.category.map { ", category \($0)" } ?? "")\(filter.session.map { ", session \($0)" } ?? ""))")
        return ["subscribed": .bool(true), "min_level": .string(filter.minimumLevel.name)]
    }

    private func reload() throws -> JSONObject {
        guard let reloadHook else { throw WireError(.reloadFailed, "reload is not available here") }
        switch reloadHook() {
        case .success(let summary): return ["reloaded": .bool(true), "model": .string(summary)]
        case .failure(let error): throw error
        }
    }

    private func hello() -> JSONObject {
        let loaded = store.loaded
        let monitor = loaded.monitor
        var reply = JSONObject()
        reply["op"] = "hello"
        reply["drift"] = .string(DriftVersion.current)
        reply["protocol"] = .number(Double(Self.protocolVersion))
        reply["policy"] = ["name": .string(monitor.policy.name), "identity": .string(monitor.policy.identity)]
        var model = JSONObject()
        model["sha256"] = .string(loaded.modelSHA256)
        model["traces"] = .number(Double(monitor.model.traceCount))
        model["categories"] = .array(monitor.model.categoryNames.map(JSONValue.string))
        reply["model"] = .object(model)
        reply["chain"] = .string(monitor.parameters.chain.rawValue)
        reply["horizon"] = .number(Double(monitor.parameters.horizon))
        reply["horizons"] = .array(monitor.parameters.reportedHorizons.map { .number(Double($0)) })
        reply["threshold"] = .number(monitor.parameters.threshold)
        return reply
    }

    public func stats() -> JSONObject {
        let c = counters.withLock { $0 }
        let table = sessions.counts
        let deliveries = subscribers.deliveries
        func n(_ value: Int) -> JSONValue { .number(Double(value)) }
        var errors = JSONObject()
        for code in WireError.Code.allCases where (c.errors[code] ?? 0) > 0 { errors[code.rawValue] = n(c.errors[code]!) }
        var tools = JSONObject()
        for (tool, count) in unknownTools.snapshot.sorted(by: { $0.value > $1.value }).prefix(50) { tools[tool] = n(count) }
        var sessionsObject = JSONObject()
        sessionsObject["active"] = n(sessions.count)
        sessionsObject["limit"] = n(sessions.limit)
        sessionsObject["created"] = n(table.created)
        sessionsObject["ended"] = n(table.ended)
        sessionsObject["expired"] = n(table.expired)
        sessionsObject["evicted"] = n(table.evicted)
        var alerts = JSONObject()
        alerts["raised"] = n(hot.read(hot.alertsRaised))
        alerts["suppressed"] = n(hot.read(hot.alertsSuppressed))
        alerts["delivered"] = n(deliveries.delivered)
        alerts["dropped"] = n(deliveries.dropped)
        var reply = JSONObject()
        reply["uptime_seconds"] = .number((Date().timeIntervalSince(startedAt) * 10).rounded() / 10)
        reply["requests"] = n(hot.read(hot.requests))
        reply["steps"] = n(hot.read(hot.steps))
        reply["checks"] = n(hot.read(hot.checks))
        reply["sessions"] = .object(sessionsObject)
        reply["alerts"] = .object(alerts)
        reply["subscribers"] = n(subscribers.count)
        reply["pooled_fallbacks"] = n(hot.read(hot.pooledFallbacks))
        reply["unseen_states"] = n(hot.read(hot.unseenStates))
        reply["unknown_tools"] = .object(tools)
        reply["outcomes"] = ["violated": n(c.outcomes.violated), "safe": n(c.outcomes.safe)]
        reply["errors"] = .object(errors)
        return reply
    }

    // MARK: Encoding

    private func encode(_ object: JSONObject) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        JSONValue.object(object).write(into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private func encode(error: WireError, id: JSONValue?) -> [UInt8] {
        counters.withLock { $0.errors[error.code, default: 0] += 1 }
        var object = JSONObject()
        object["ok"] = false
        if let id { object["id"] = id }
        object["error"] = ["code": .string(error.code.rawValue), "message": .string(error.message)]
        return encode(object)
    }
}

/// Counts per name, spread over independently locked shards by the name's hash.
final class ShardedCounter: Sendable {
    private final class Shard: Sendable {
        let counts = Mutex<[String: Int]>([:])
    }

    private let shards = (0..<16).map { _ in Shard() }

    func count(_ name: String) {
        var hasher = Hasher()
        hasher.combine(name)
        shards[Int(UInt(bitPattern: hasher.finalize()) % 16)].counts.withLock { $0[name, default: 0] += 1 }
    }

    var snapshot: [String: Int] {
        shards.reduce(into: [:]) { total, shard in total.merge(shard.counts.withLock { $0 }, uniquingKeysWith: +) }
    }
}

/// A token bucket: `rate` tokens a second, holding at most `rate`.
struct TokenBucket {
    var tokens: Double
    var last: UInt64
    let rate: Double

    init(rate: Int, now: UInt64) {
        self.rate = Double(rate)
        tokens = Double(rate)
        last = now
    }

    mutating func take(now: UInt64) -> Bool {
        tokens = min(rate, tokens + Double(now &- last) / 1e9 * rate)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

/// The version every part of drift reports.
public enum DriftVersion {
    public static let current = "0.1.0"
}
