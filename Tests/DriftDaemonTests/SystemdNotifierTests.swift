import Foundation
import Glibc
import Testing
@testable import DriftDaemon

/// systemd's side of sd_notify: a datagram socket bound at a path (or abstract name).
private final class FakeSystemd {
    let fd: Int32
    let address: String

    init(address: String) throws {
        self.address = address
        fd = try Posix.socket(domain: AF_UNIX, type: Int32(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue))
        try Posix.setSocketOption(fd, level: SOL_SOCKET, name: SO_RCVTIMEO, value: timeval(tv_sec: 5, tv_usec: 0))
        try Posix.bind(fd, to: UnixSocketAddress(address)!)
    }

    deinit { try? Posix.close(fd) }

    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
    }
}

@Suite("SystemdNotifier")
struct SystemdNotifierTests {
    @Test("READY, RELOADING with MONOTONIC_USEC, STATUS, STOPPING and WATCHDOG arrive verbatim")
    func messages() throws {
        let directory = TemporaryDirectory()
        let systemd = try FakeSystemd(address: directory.file("notify"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": systemd.address])
        #expect(notifier.isEnabled)

        try notifier.notify(.ready)
        #expect(systemd.receive() == "READY=1")

        let before = Posix.monotonicMicroseconds()
        try notifier.notify(.reloading)
        let reloading = try #require(systemd.receive()).split(separator: "\n")
        #expect(reloading.first == "RELOADING=1")
        let stamp = try #require(reloading.last.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil })
        #expect(stamp >= before && stamp <= Posix.monotonicMicroseconds())

        try notifier.notify(.ready, .status("serving\n3 models"))
        #expect(systemd.receive() == "READY=1\nSTATUS=serving 3 models")
        try notifier.notify(.stopping)
        #expect(systemd.receive() == "STOPPING=1")
        try notifier.notify(.watchdog)
        #expect(systemd.receive() == "WATCHDOG=1")
    }

    @Test("a NOTIFY_SOCKET starting with @ is in the abstract namespace")
    func abstractNamespace() throws {
        let systemd = try FakeSystemd(address: "@drift-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": systemd.address])
        try notifier.notify(.ready)
        #expect(systemd.receive() == "READY=1")
    }

    @Test("the watchdog pings at half of WATCHDOG_USEC")
    func watchdogTimer() throws {
        let directory = TemporaryDirectory()
        let systemd = try FakeSystemd(address: directory.file("notify"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": systemd.address, "WATCHDOG_USEC": "200000"])
        #expect(notifier.watchdogInterval == .milliseconds(100))
        notifier.startWatchdog(queue: DispatchQueue(label: "watchdog-test"), log: Log(level: .error, sink: .discard))
        defer { notifier.stopWatchdog() }
        #expect(systemd.receive() == "WATCHDOG=1")
        #expect(systemd.receive() == "WATCHDOG=1")
    }

    @Test("a watchdog meant for another process is not ours")
    func watchdogForAnotherProcess() {
        let base = ["NOTIFY_SOCKET": "/nonexistent", "WATCHDOG_USEC": "1000000"]
        #expect(SystemdNotifier(environment: base.merging(["WATCHDOG_PID": String(getpid() + 1)]) { $1 }).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: base.merging(["WATCHDOG_PID": String(getpid())]) { $1 }).watchdogInterval == .milliseconds(500))
    }

    @Test("without NOTIFY_SOCKET every notification is a no-op")
    func disabled() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.notify(.ready, .status("nobody listens"))
    }
}
