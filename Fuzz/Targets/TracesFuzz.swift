// libFuzzer target `traces`: the trace loader over arbitrary bytes, read both as one
// `.json` document and as a `.jsonl` file, through `TraceLoader.load(file:into:)` (so
// through DocumentReader, the JSON locator and the native, paper and OpenAI decoders),
// with and without a category key; every trace that decodes is then fitted (model
// serialization is left to the config target, to keep this one fast).
//
// Oracle: no crash; every skipped record names the file it came from, and a line and
// column inside the input when it gives them; what was read is a trace or a skip.
import Drift
import Foundation
import Glibc
import JSON

private struct Harness: @unchecked Sendable {
    // Unchecked: libFuzzer calls the target from one thread only.
    let folder: String
    let loaders = [TraceLoader(), TraceLoader(defaults: TraceDefaults(category: "fuzz", categoryKey: ["metadata", "suite"]))]

    init() {
        // /dev/shm keeps the per-input file writes off the disk.
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        folder = base + "/drift-fuzz-traces-\(getpid())"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: harness.folder) }
    }
}

private let harness = Harness()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let lineCount = bytes.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    for name in ["input.json", "input.jsonl"] {
        let path = harness.folder + "/" + name
        write(bytes, to: path)
        for loader in harness.loaders {
            // `load(_:)` is `load(file:into:)` behind a check that the path exists.
            let corpus = loader.load([path])
            for skipped in corpus.skipped {
                let error = skipped.error
                expect(error.file == path, "a skip that names another file: \(error)")
                if let line = error.line { expect(line >= 1 && line <= lineCount, "line outside the input: \(error)") }
                if let column = error.column { expect(column >= 1, "column outside the input: \(error)") }
                expect(!error.message.isEmpty, "an error without a message: \(error)")
            }
            expect(corpus.files.count <= 1, "one file read as \(corpus.files.count)")
            var fitter = ModelFitter(policy: .default)
            fitter.add(corpus)

        }
    }
    return 0
}

private func write(_ bytes: UnsafeRawBufferPointer, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    expect(fd >= 0, "cannot open \(path): errno \(errno)")
    var rest = bytes
    while !rest.isEmpty {
        let written = Glibc.write(fd, rest.baseAddress, rest.count)
        expect(written > 0, "cannot write \(path): errno \(errno)")
        rest = UnsafeRawBufferPointer(rebasing: rest[written...])
    }
    close(fd)
}
