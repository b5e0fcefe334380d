import Glibc

/// What the numbers were measured on.
struct Machine: Sendable {
    var cpu: String
    var cores: Int
    var memoryBytes: Int
    var kernel: String
    var swift: String
    var configuration: String

    static func current() -> Machine {
        var cpu = "unknown"
        if let text = readText("/proc/cpuinfo"),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        {
            cpu = line[line.index(after: colon)...].trimmingSpaces()
        }
        var memory = 0
        if let text = readText("/proc/meminfo"),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") })
        {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kb = Int(fields[1]) { memory = kb * 1024 }
        }
        var name = utsname()
        uname(&name)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
        }
        let kernel = "\(field(name.sysname)) \(field(name.release)) \(field(name.machine))"
        return Machine(
            cpu: cpu, cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), memoryBytes: memory,
            kernel: kernel, swift: compilerVersion, configuration: buildConfiguration)
    }

    /// The compiler that built this binary (what the numbers depend on, rather than
    /// whichever `swift` is on PATH now).
    static var compilerVersion: String {
        #if compiler(>=6.4)
            return "Swift >= 6.4"
        #elseif compiler(>=6.3.1)
            return "Swift 6.3.1"
        #elseif compiler(>=6.3)
            return "Swift 6.3"
        #elseif compiler(>=6.2)
            return "Swift 6.2"
        #elseif compiler(>=6.1)
            return "Swift 6.1"
        #else
            return "Swift 6.0"
        #endif
    }

    static var buildConfiguration: String {
        #if DEBUG
            return "debug"
        #else
            return "release"
        #endif
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
