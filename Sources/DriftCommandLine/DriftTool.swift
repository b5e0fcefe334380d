import Drift
import DriftDaemon
import Foundation
import JSON

/// The `drift` command: dispatches to a subcommand and turns errors into exit codes,
/// in one place.
public enum DriftTool {
    public static let version = DriftVersion.current

    static var commands: [any Command.Type] {
        [
            FitCommand.self, MergeCommand.self, AnalyzeCommand.self, ScoreCommand.self, EvalCommand.self,
            ReportCommand.self, ServeCommand.self, QueryCommand.self, TailCommand.self, ValidateCommand.self, ScanCommand.self,
        ]
    }

    static var helpText: String {
        var text = """
            drift \(version): predicts safety drift of LLM agents before it happens.

            USAGE: drift <command> [options]

            COMMANDS:

            """
        for command in commands {
            let pad = String(repeating: " ", count: max(1, 11 - command.name.count))
            text += "  \(command.name)\(pad)\(command.abstract)\n"
        }
        text += "\nSee 'drift <command> --help' for a command's options."
        return text
    }

    /// Runs `drift` with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], output: Output = .terminal) -> Int32 {
        guard let name = arguments.first else {
            output.error(helpText)
            return ExitCode.usage
        }
        if name == "--help" || name == "-h" || name == "help" {
            output.print(helpText)
            return ExitCode.success
        }
        if name == "--version" || name == "version" {
            output.print("drift \(version)")
            return ExitCode.success
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            output.error("error: unknown command \"\(name)\"\n\n\(helpText)")
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            output.print(command.helpText)
            return ExitCode.success
        }
        do {
            let parsed = try ParsedArguments.parse(rest, options: command.options)
            return try command.init(parsed).run(output)
        } catch let error as UsageError {
            output.error("error: \(error.message)\nusage: \(command.usage)\nSee 'drift \(command.name) --help'.")
            return ExitCode.usage
        } catch let error as InputError {
            output.error("error: \(error)")
            return ExitCode.dataError
        } catch let error as TablesError {
            output.error("error: \(error)")
            return ExitCode.dataError
        } catch {
            output.error("error: \(error)")
            return ExitCode.software
        }
    }
}
