import Foundation
import Glibc
import Synchronization
import Testing
@testable import DriftDaemon

@Suite("Server")
struct ServerTests {
    @Test("50 concurrent clients sending 200 lines each get every reply, in order")
    func manyConcurrentClients() throws {
        let directory = TemporaryDirectory()
        let (server, path) = try startEchoServer(in: directory)
        defer { server.stopAndWait() }

        let clients = try (0..<50).map { _ in try TestClient(path: path) }
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        for (index, client) in clients.enumerated() {
            nonisolated(unsafe) let client = client  // each client is used by its own thread only
            group.enter()
            Thread {
                defer { group.leave() }
                let lines = (0..<200).map { "client \(index) line \($0)" }
                do {
                    try client.write(lines.map { $0 + "\n" }.joined())
                } catch {
                    failures.withLock { $0.append("client \(index): \(error)") }
                    return
                }
                let replies = client.readLines(200)
                if replies != lines.map({ $0.uppercased() }) {
                    failures.withLock { $0.append("client \(index): \(replies.count) replies, first wrong: \(replies.first ?? "-")") }
                }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(failures.withLock { $0 } == [])
        let statistics = server.statistics
        #expect(statistics.connectionsAccepted == 50)
        #expect(statistics.connectionsOpen == 50)
        #expect(statistics.linesReceived == 50 * 200)
    }

    @Test("a client that sends half a line and vanishes does not disturb another")
    func halfLineThenVanish() throws {
        let directory = TemporaryDirectory()
        let (server, path) = try startEchoServer(in: directory)
        defer { server.stopAndWait() }

        let steady = try TestClient(path: path)
        try steady.write("one\n")
        #expect(steady.readLine() == "ONE")

        let vanishing = try TestClient(path: path)
        try vanishing.write("{\"op\":\"st")
        vanishing.close()

        try steady.write("two\nthree\n")
        #expect(steady.readLines(2) == ["TWO", "THREE"])
        #expect(eventually { server.statistics.connectionsOpen == 1 })
    }

    @Test("a 10 MB line gets exactly one oversized event and the connection carries on")
    func tenMegabyteLine() throws {
        let directory = TemporaryDirectory()
        let (server, path) = try startEchoServer(in: directory)
        defer { server.stopAndWait() }

        let client = try TestClient(path: path)
        try client.write("before\n")
        try client.write([UInt8](repeating: UInt8(ascii: "z"), count: 10_000_000) + [UInt8(ascii: "\n")])
        try client.write("after\n")
        #expect(client.readLines(3) == ["BEFORE", "OVERSIZED 10000000", "AFTER"])
        #expect(server.statistics.oversizedLines == 1)
        #expect(server.statistics.linesReceived == 2)
    }

    @Test("a client that shuts down its write side after 3 lines still gets 3 replies")
    func halfClose() throws {
        let directory = TemporaryDirectory()
        let (server, path) = try startEchoServer(in: directory)
        defer { server.stopAndWait() }

        let client = try TestClient(path: path)
        try client.write("a\nb\nc")  // the last line without its newline, as printf would send it
        try client.shutdownWrite()
        #expect(client.readLines(3) == ["A", "B", "C"])
        #expect(client.readLine() == nil)  // then the server closes
    }

    @Test("the server sees the client's pid, uid and gid")
    func peerCredentials() throws {
        let directory = TemporaryDirectory()
        let handler = EchoHandler()
        let (server, path) = try startEchoServer(in: directory, handler: handler)
        defer { server.stopAndWait() }

        let client = try TestClient(path: path)
        try client.write("hello\n")
        #expect(client.readLine() == "HELLO")
        let peer = handler.opened.withLock { $0.first?.peer }
        #expect(peer == PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid()))
    }

    @Test("past maximumConnections a client gets one too_many_connections line and is closed")
    func connectionLimit() throws {
        let directory = TemporaryDirectory()
        let (server, path) = try startEchoServer(in: directory) { $0.maximumConnections = 2 }
        defer { server.stopAndWait() }

        let first = try TestClient(path: path)
        let second = try TestClient(path: path)
        try first.write("1\n")
        try second.write("2\n")
        #expect(first.readLine() == "1" && second.readLine() == "2")

        let third = try TestClient(path: path)
        #expect(third.readLine() == #"{"ok":false,"error":{"code":"too_many_connections","message":"the daemon already serves 2 connections; try again later"}}"#)
        #expect(third.readLine() == nil)
        #expect(server.statistics.connectionsRejected == 1)
        #expect(server.statistics.connectionsAccepted == 2)
    }

    @Test("bytes pushed with send() arrive after the replies already queued")
    func pushFromAnotherThread() throws {
        let directory = TemporaryDirectory()
        let handler = EchoHandler()
        let (server, path) = try startEchoServer(in: directory, handler: handler)
        defer { server.stopAndWait() }

        let client = try TestClient(path: path)
        try client.write("subscribe\n")
        #expect(client.readLine() == "SUBSCRIBE")
        let context = try #require(handler.opened.withLock { $0.first })
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            #expect(context.send(Array("alert \(i)\n".utf8)) == .queued)
        }
        #expect(Set(client.readLines(4)) == Set((0..<4).map { "alert \($0)" }))
    }

    @Test("a client that pipelines requests without reading is paused, then gets every reply")
    func backpressure() throws {
        let directory = TemporaryDirectory()
        let (server, path) = try startEchoServer(in: directory) {
            $0.outboundHighWatermark = 16 << 10
            $0.outboundLowWatermark = 4 << 10
        }
        defer { server.stopAndWait() }

        let client = try TestClient(path: path)
        let line = String(repeating: "p", count: 1000)
        let writer = DispatchGroup()
        nonisolated(unsafe) let writingClient = client  // the writer only writes, the test only reads
        writer.enter()
        Thread {
            defer { writer.leave() }
            try? writingClient.write(String(repeating: line + "\n", count: 3000))
        }.start()
        usleep(200_000)  // let the server's output back up
        let replies = client.readLines(3000)
        #expect(replies.count == 3000)
        #expect(replies.allSatisfy { $0 == line.uppercased() })
        #expect(writer.wait(timeout: .now() + 30) == .success)
        #expect(server.statistics.connectionsOverflowed == 0)
    }

    @Test("a connection whose pushed backlog passes the hard limit is closed and counted")
    func overflow() throws {
        let directory = TemporaryDirectory()
        let handler = EchoHandler()
        let (server, path) = try startEchoServer(in: directory, handler: handler) {
            $0.outboundHighWatermark = 64 << 10
            $0.outboundLowWatermark = 16 << 10
            $0.outboundHardLimit = 1 << 20
        }
        defer { server.stopAndWait() }

        let client = try TestClient(path: path)
        try client.write("hi\n")
        #expect(client.readLine() == "HI")
        let context = try #require(handler.opened.withLock { $0.first })
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10)
        var results: [SendResult] = []
        for _ in 0..<200 {
            let result = context.send(chunk)
            results.append(result)
            if result != .queued && result != .queuedAboveHighWatermark { break }
        }
        #expect(results.last == .overflowed)
        #expect(context.send(chunk) == .closed)
        #expect(eventually { server.statistics.connectionsOpen == 0 })
        #expect(server.statistics.connectionsOverflowed == 1)
        #expect(handler.closed.withLock { $0.map(\.id) } == [context.id])
    }

    @Test("stop() flushes, closes every connection and removes the socket file")
    func stop() throws {
        let directory = TemporaryDirectory()
        let handler = EchoHandler()
        let (server, path) = try startEchoServer(in: directory, handler: handler)

        let client = try TestClient(path: path)
        try client.write("x\n")
        #expect(client.readLine() == "X")
        server.stopAndWait()
        #expect(client.readLine() == nil)
        #expect(access(path, F_OK) != 0)
        #expect(server.statistics.connectionsOpen == 0)
        #expect(handler.closed.withLock { $0.count } == 1)
        #expect(throws: (any Error).self) { try TestClient(path: path) }
    }

    @Test("stop() sends every reply to the lines already handled before closing")
    func stopFlushesBacklog() throws {
        let directory = TemporaryDirectory()
        let (server, path) = try startEchoServer(in: directory) {
            $0.outboundHighWatermark = 16 << 10
            $0.outboundLowWatermark = 4 << 10
        }
        let client = try TestClient(path: path)
        let line = String(repeating: "q", count: 1000)
        nonisolated(unsafe) let writingClient = client  // the writer only writes, the test only reads
        Thread { try? writingClient.write(String(repeating: line + "\n", count: 2000)) }.start()
        #expect(eventually { server.statistics.linesReceived > 100 })

        let stopped = DispatchSemaphore(value: 0)
        server.stop { stopped.signal() }
        var replies: [String] = []
        while let reply = client.readLine() { replies.append(reply) }
        #expect(stopped.wait(timeout: .now() + 10) == .success)
        #expect(replies.count == server.statistics.linesReceived)
        #expect(replies.allSatisfy { $0 == line.uppercased() })
    }
}
