import Foundation

exit(BenchTool.main(CommandLine.arguments))
