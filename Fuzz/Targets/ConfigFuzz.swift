// libFuzzer target `config`: the files a user hands the daemon. The same bytes are
// read as a daemon configuration (`DaemonConfiguration.parse`), a policy
// (`Policy.decode`) and a model file (`ChainModel.decode`). Whatever loads is then
// used the way the daemon uses it: a configuration's monitor parameters and a model
// build a `Monitor` (every chain solved), a policy classifies and fits a few traces.
//
// Oracle: no crash; errors name the file, and a line (and column) inside the input
// when they give one.
//
// Set DRIFT_FUZZ_TRACES to the folder of example traces (default: Traces/examples).
import Drift
import DriftDaemon
import Foundation
import JSON

private struct Harness: @unchecked Sendable {
    // Unchecked: libFuzzer calls the target from one thread only.
    let traces: [Trace]
    let model: ChainModel

    init() {
        let folder = ProcessInfo.processInfo.environment["DRIFT_FUZZ_TRACES"].map { $0 + "/examples" } ?? "Traces/examples"
        traces = TraceLoader().load([folder]).traces
        expect(!traces.isEmpty, "no traces under \(folder): run from the checkout or set DRIFT_FUZZ_TRACES")
        var fitter = ModelFitter(policy: .default)
        for trace in traces { fitter.add(trace) }
        model = fitter.model
    }
}

private let harness = Harness()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lineCount = bytes.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    func checkError(_ error: InputError, file: String) {
        expect(error.file == file, "an error that names another file: \(error)")
        if let line = error.line { expect(line >= 1 && line <= lineCount, "line outside the input: \(error)") }
        if let column = error.column { expect(column >= 1, "column outside the input: \(error)") }
    }

    do {
        let configuration = try DaemonConfiguration.parse(String(decoding: bytes, as: UTF8.self), file: "drift.conf")
        _ = try? Monitor(policy: .default, model: harness.model, parameters: configuration.monitorParameters(for: .default))
    } catch {
        checkError(error, file: "drift.conf")
    }

    do {
        let policy = try Policy.decode(bytes, file: "policy.json")
        var fitter = ModelFitter(policy: policy)
        for trace in harness.traces { fitter.add(trace) }
        _ = try? Monitor(policy: policy, model: fitter.model)
    } catch {
        checkError(error, file: "policy.json")
    }

    do {
        let model = try ChainModel.decode(bytes, file: "model.json")
        _ = try? Monitor(policy: .default, model: model)
        _ = model.jsonValue().serialized()
    } catch {
        checkError(error, file: "model.json")
    }
    return 0
}
