import Dispatch
import Drift
import Foundation
import Glibc
import JSON
import Synchronization

/// `drift serve`: loads the model, listens, serves, reloads on SIGHUP, and stops cleanly
/// on SIGTERM or SIGINT.
///
/// Start-up and teardown are ordered lists of small steps; teardown always runs. The
/// caller's thread blocks in `run()` until the daemon has stopped.
public final class Daemon: Sendable {
    public let configuration: DaemonConfiguration
    private let environment: [String: String]
    private let log: Log
    private let notifier: SystemdNotifier
    private let queue = DispatchQueue(label: "drift.daemon")
    private let stopped = DispatchSemaphore(value: 0)

    private struct Running: ~Copyable {
        var server: Server?
        var store: ModelStore?
        var stopping = false
    }
    private let running = Mutex(Running())

    public init(configuration: DaemonConfiguration, environment: [String: String], log: Log) {
        self.configuration = configuration
        self.environment = environment
        self.log = log
        self.notifier = SystemdNotifier(environment: environment)
    }

    /// Runs until a stop signal (or `stop()`); returns the process exit code.
    public func run() -> Int32 {
        SignalWatcher.ignoreBrokenPipe()
        // Signals first: one that arrives before its source exists would be lost.
        let signals = SignalWatcher(queue: queue) { [self] signal in
            if signal == .hangup {
                _ = reload(reason: "SIGHUP")
            } else {
                log.notice("received \(signal): stopping")
                stop()
            }
        }
        defer { signals.cancel() }

        let store: ModelStore
        do {
            store = try ModelStore(sources: .init(model: configuration.model, policy: configuration.policy, configuration: configuration))
        } catch {
            log.error("cannot load the model: \(error)")
            return 1
        }
        var journal: SessionJournal?
        var recovery: SessionJournal.Recovery?
        if let directory = configuration.stateDirectory {
            do {
                (journal, recovery) = try SessionJournal.open(directory: directory, sync: SessionJournal.Sync(rawValue: configuration.journalSync) ?? .interval)
            } catch {
                log.error("cannot open the session journal in \(directory): \(error)")
                return 1
            }
        }
        let sessions = SessionTable(limit: configuration.maximumSessions, journal: journal)
        if let recovery {
            sessions.restore(recovery.sessions, now: DispatchTime.now().uptimeNanoseconds, wallClock: Date().timeIntervalSince1970)
            log.notice("restored \(recovery.sessions.count) session(s) from \(configuration.stateDirectory!) (\(recovery.records) journal records, \(recovery.tornRecords) torn, \(String(format: "%.3f", recovery.seconds)) s)")
        }
        let handler = ProtocolHandler(
            store: store, sessions: sessions, log: log, reload: { [self] in reload(reason: "request") },
            access: configuration.access, maximumRequestsPerSecond: configuration.maximumRequestsPerSecond)

        let listener: UnixListener
        do {
            if let activated = try UnixListener.activated(environment: environment) {
                listener = activated
                log.info("using the socket systemd passed (socket activation)")
            } else {
                listener = try UnixListener.bind(path: configuration.socket, mode: mode_t(configuration.socketMode), group: configuration.socketGroup)
            }
        } catch {
            log.error("cannot listen on \(configuration.socket): \(error)")
            return 1
        }
        var serverConfiguration = ServerConfiguration()
        serverConfiguration.maximumConnections = configuration.maximumConnections
        serverConfiguration.maximumLineLength = configuration.maximumLineBytes
        let server = Server(listener: listener, configuration: serverConfiguration, handler: handler, log: log)
        let shouldStop = running.withLock { state -> Bool in
            state.server = server
            state.store = store
            return state.stopping
        }
        server.start()
        let loaded = store.loaded
        log.notice(
            "drift \(DriftVersion.current) serving on \(listener): model \(configuration.model) (\(loaded.monitor.model.traceCount) traces, categories \(loaded.monitor.model.categoryNames.joined(separator: ", "))), policy \(loaded.monitor.policy.name), \(loaded.monitor.parameters.chain.rawValue) chain, p\(loaded.monitor.parameters.horizon) >= \(loaded.monitor.parameters.threshold) alerts")
        notify(.ready, .status("serving"))
        notifier.startWatchdog(queue: queue, log: log)

        let expiry = DispatchSource.makeTimerSource(queue: queue)
        let idle = configuration.sessionIdleTimeout
        let interval = max(1, min(60, idle / 4))
        expiry.schedule(deadline: .now() + interval, repeating: interval)
        expiry.setEventHandler { [log] in
            let now = DispatchTime.now().uptimeNanoseconds
            let cutoff = now > UInt64(idle * 1e9) ? now - UInt64(idle * 1e9) : 0
            let expired = sessions.expire(idleSince: cutoff)
            if expired > 0 { log.info("expired \(expired) idle session(s)") }
        }
        expiry.activate()

        // The journal: fsync once a second (journal_sync = interval), and compact into a
        // snapshot when enough records have piled up.
        // (A Dispatch source must be activated before it is released, so none is made
        // without a journal.)
        let maintenance = journal.map { _ in DispatchSource.makeTimerSource(queue: queue) }
        if let journal, let maintenance {
            maintenance.schedule(deadline: .now() + 1, repeating: 1)
            maintenance.setEventHandler { [log] in
                if journal.sync == .interval { journal.flush() }
                if journal.recordsSinceSnapshot >= 100_000 {
                    Self.compact(journal, sessions, log: log)
                }
            }
            maintenance.activate()
        }
        if shouldStop { stop() }

        stopped.wait()
        expiry.cancel()
        if let journal {
            maintenance?.cancel()
            Self.compact(journal, sessions, log: log)
            journal.close()
        }
        notifier.stopWatchdog()
        log.notice("stopped: \(server.statistics.linesReceived) lines from \(server.statistics.connectionsAccepted) connections; \(sessions.count) sessions open")
        return 0
    }

    /// Stops accepting, finishes in-flight lines, flushes, removes the socket, and makes
    /// `run()` return. Safe to call more than once, from any thread.
    public func stop() {
        let server: Server? = running.withLock { state in
            if state.stopping { return nil }
            state.stopping = true
            return state.server
        }
        guard let server else { return }
        notify(.stopping)
        server.stop { [stopped] in stopped.signal() }
    }

    /// Loads the model and policy again and swaps them in; a bad file is logged and the
    /// old ones keep serving.
    @discardableResult
    func reload(reason: String) -> Result<String, WireError> {
        guard let store = running.withLock({ $0.store }) else { return .failure(WireError(.reloadFailed, "not serving yet")) }
        notify(.reloading)
        defer { notify(.ready) }
        do {
            let loaded = try store.reload()
            let summary = "\(configuration.model) (\(loaded.monitor.model.traceCount) traces, sha256 \(loaded.modelSHA256.prefix(12)))"
            log.notice("reloaded (\(reason)): \(summary)")
            return .success(summary)
        } catch {
            log.error("reload (\(reason)) failed, still serving the previous model: \(error)")
            return .failure(WireError(.reloadFailed, "\(error); still serving the previous model"))
        }
    }

    private static func compact(_ journal: SessionJournal, _ sessions: SessionTable, log: Log) {
        do {
            let count = try journal.compact {
                sessions.snapshotForJournal(now: DispatchTime.now().uptimeNanoseconds, wallClock: Date().timeIntervalSince1970)
            }
            log.info("session journal compacted: \(count) session(s) in the snapshot")
        } catch {
            log.error("session journal compaction failed (the journal keeps growing, nothing is lost): \(error)")
        }
    }

    private func notify(_ messages: SystemdNotifier.Message...) {
        for message in messages {
            do {
                try notifier.notify(message)
            } catch {
                log.warning("sd_notify failed: \(error)")
            }
        }
    }
}
