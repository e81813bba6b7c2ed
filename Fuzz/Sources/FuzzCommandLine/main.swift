@testable import MinIDCommandLine

// Oracle: every argument vector either parses or is refused with a usage error (the parser's typed
// throws); no trap, overflow or out-of-bounds access on the way.
nonisolated(unsafe) let parser = CommandParser(root: CommandTable.root, globals: CommandTable.globalOptions)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  let arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).map {
    String(decoding: $0, as: UTF8.self)
  }
  do {
    _ = try parser.parse(arguments)
  } catch {
    precondition(!error.message.isEmpty, "a usage error without a message")
  }
  return 0
}
