import Foundation
import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

// Before any key, password or code is in memory.
CoreDumps.disable()
let environment = ProcessInfo.processInfo.environment
let console = Console.standard(environment: environment)
let status = MinIDCommandLine(console: console, environment: environment, time: SystemTimeSource())
  .run(Array(CommandLine.arguments.dropFirst()))
exit(status)
