import Foundation
import Glibc
import Testing
@testable import DriftDaemon

@Suite("UnixListener")
struct UnixListenerTests {
    @Test("a socket file left by a dead process is replaced")
    func staleSocketReplaced() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("drift.sock")
        // Bind and close without unlinking: what a crash leaves behind.
        let dead = try Posix.socket(domain: AF_UNIX, type: UnixListener.streamSocketType)
        try Posix.bind(dead, to: UnixSocketAddress(path)!)
        try Posix.close(dead)
        #expect(access(path, F_OK) == 0)

        let server = Server(listener: try UnixListener.bind(path: path), handler: EchoHandler(), log: Log(level: .error, sink: .discard))
        server.start()
        defer { server.stopAndWait() }
        let client = try TestClient(path: path)
        try client.write("alive\n")
        #expect(client.readLine() == "ALIVE")
    }

    @Test("a regular file at the socket path is refused and left alone")
    func regularFileRefused() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("drift.sock")
        try "precious".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: ListenerError.notASocket(path: path)) { try UnixListener.bind(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    }

    @Test("binding where a live server listens is refused, and the live server keeps working")
    func liveServerRefused() throws {
        let directory = TemporaryDirectory()
        let (server, path) = try startEchoServer(in: directory)
        defer { server.stopAndWait() }
        #expect(throws: ListenerError.alreadyInUse(path: path)) { try UnixListener.bind(path: path) }
        let client = try TestClient(path: path)
        try client.write("still here\n")
        #expect(client.readLine() == "STILL HERE")
    }

    @Test("a path longer than sun_path is refused with the limit in the message")
    func pathTooLong() throws {
        let path = "/tmp/" + String(repeating: "d", count: 120)
        #expect(throws: ListenerError.pathTooLong(path: path, byteCount: 125, limit: 107)) { try UnixListener.bind(path: path) }
        #expect(ListenerError.pathTooLong(path: "/x", byteCount: 125, limit: 107).description
                == "socket path '/x' is 125 bytes, but a Unix socket path holds at most 107 (sun_path is 108 bytes): choose a shorter path")
    }

    @Test("the socket file gets mode 0660 by default and the configured group")
    func modeAndGroup() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("drift.sock")
        let groupName = try #require(getgrgid(getgid())).pointee.gr_name.map { String(cString: $0) }
        let listener = try UnixListener.bind(path: path, group: groupName)
        defer { listener.close() }
        let info = try #require(try Posix.lstat(path))
        #expect(info.st_mode & 0o7777 == 0o660)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_gid == getgid())
    }

    @Test("an unknown group is refused before anything is created")
    func unknownGroup() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("drift.sock")
        #expect(throws: ListenerError.unknownGroup("no-such-group-drift")) {
            try UnixListener.bind(path: path, group: "no-such-group-drift")
        }
        #expect(access(path, F_OK) != 0)
    }

    @Test("a socket-activated descriptor is served and its file is never unlinked")
    func socketActivation() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("activated.sock")
        // Play systemd: bind and listen, then pass the descriptor number.
        let fd = try Posix.socket(domain: AF_UNIX, type: Int32(SOCK_STREAM.rawValue))
        try Posix.bind(fd, to: UnixSocketAddress(path)!)
        try Posix.listen(fd, backlog: 16)
        let environment = ["LISTEN_PID": String(getpid()), "LISTEN_FDS": "1"]

        let listener = try #require(try UnixListener.activated(environment: environment, firstFD: fd, unsetEnvironment: false))
        #expect(listener.createdPath == nil)
        #expect(fcntl(fd, F_GETFL) & O_NONBLOCK != 0)
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        let server = Server(listener: listener, handler: EchoHandler(), log: Log(level: .error, sink: .discard))
        server.start()
        let client = try TestClient(path: path)
        try client.write("activated\n")
        #expect(client.readLine() == "ACTIVATED")
        server.stopAndWait()
        #expect(access(path, F_OK) == 0)
    }

    @Test("without LISTEN_PID naming this process there is no activated socket")
    func notActivated() throws {
        #expect(try UnixListener.activated(environment: [:], unsetEnvironment: false) == nil)
        let otherProcess = ["LISTEN_PID": String(getpid() + 1), "LISTEN_FDS": "1"]
        #expect(try UnixListener.activated(environment: otherProcess, unsetEnvironment: false) == nil)
        let noDescriptors = ["LISTEN_PID": String(getpid()), "LISTEN_FDS": "0"]
        #expect(try UnixListener.activated(environment: noDescriptors, unsetEnvironment: false) == nil)
    }

    @Test("an activated descriptor that is not a listening socket is refused")
    func activatedNotListening() throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { try? Posix.close(pair[0]); try? Posix.close(pair[1]) }
        let environment = ["LISTEN_PID": String(getpid()), "LISTEN_FDS": "1"]
        #expect(throws: ListenerError.notAListeningSocket(fd: pair[0])) {
            try UnixListener.activated(environment: environment, firstFD: pair[0], unsetEnvironment: false)
        }
    }
}
