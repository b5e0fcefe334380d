// Shared by every fuzz target: an oracle check that says what failed.
//
// `precondition` in an -O build traps without its message, so a failed check would
// leave only a stack trace; this writes the message to stderr first and then aborts,
// which libFuzzer reports as a crash and saves the input for.
import Glibc

func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, line: Int = #line, file: StaticString = #fileID) {
    if condition() { return }
    fail(message(), line: line, file: file)
}

func fail(_ message: String, line: Int = #line, file: StaticString = #fileID) -> Never {
    var text = "fuzz oracle failed at \(file):\(line): \(message)\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}
