/// Says what a shell command line does: which programs it runs, with what effect, on
/// which hosts, recipients and paths.
///
/// A hand-written POSIX/bash tokenizer (`ShellTokenizer`) splits the line; each simple
/// command is stripped of wrappers (`sudo`, `env`, `nohup`, `timeout`, `xargs`, ...) and
/// judged by its program's rules, with pipelines (`curl ... | sh`), redirections
/// (`> /dev/sda`, `>> ~/.bashrc`) and nested text (`sh -c '...'`, `$(...)`, `eval`,
/// `psql -c`, `python -c`) taken into account. Nothing is executed or looked up.
///
/// Bounds: the first `maximumBytes` bytes are read, at most `maximumCommands` simple
/// commands per line and 256 words per command, nested text to depth 3, and every
/// list in the result at most 16 entries. Any byte sequence is accepted.
public enum CommandLineAnalyzer {
    public static let maximumBytes = 65_536
    public static let maximumCommands = 64

    public static func analyze(_ command: String) -> CommandAnalysis {
        var out = AnalysisBuilder()
        _ = ShellWalker.analyze(command, depth: 0, into: &out)
        return out.build()
    }
}
