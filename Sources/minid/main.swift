import Foundation
import MinIDCommandLine

// The whole command line is the MinIDCommandLine library; this is only its entry point.
let arguments = Array(CommandLine.arguments.dropFirst())
exit(MinIDCommandLine.main(arguments, environment: ProcessInfo.processInfo.environment))
