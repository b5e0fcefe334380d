import DriftCommandLine
import Foundation

// Top-level code is main-actor isolated; all work happens in the nonisolated library.
exit(DriftTool.run(Array(CommandLine.arguments.dropFirst())))
