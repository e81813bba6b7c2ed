import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Asks before destructive work: on a terminal the user types a word back; without one, `--yes` is required.
enum Confirmation {
  /// - Throws: `UsageError` without a terminal and without `--yes`, or when the answer does not match.
  static func require(_ console: Console, yes: Bool, what: String, expected: String) throws {
    if yes { return }
    guard console.standardInputIsTerminal else {
      throw UsageError(
        "This \(what) cannot be undone; pass '--yes' to confirm when there is no terminal to ask on.")
    }
    let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
    guard tty >= 0 else { throw UsageError("Cannot open the terminal to confirm; pass '--yes'.") }
    defer { close(tty) }
    let prompt = "This \(what) cannot be undone. Type \(expected) to confirm: "
    _ = prompt.withCString { write(tty, $0, strlen($0)) }
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while read(tty, &byte, 1) == 1, byte != 10, line.count < 256 { line.append(byte) }
    guard String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces) == expected else {
      throw UsageError("Not confirmed; nothing was changed.")
    }
  }
}
