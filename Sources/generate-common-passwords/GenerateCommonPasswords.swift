import Foundation

// Build-time generator run by CommonPasswordsPlugin: turns the common-password list (one password a line)
// into a Swift string literal, so the list is compiled into minid rather than shipped as a file beside it.
// Usage: generate-common-passwords INPUT.txt OUTPUT.swift
// An @main type rather than top-level code, so the tool builds the same with -parse-as-library (as
// scripts/fuzz.sh passes to the whole package graph).
@main struct GenerateCommonPasswords {
  static func main() throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 3 else {
      FileHandle.standardError.write(Data("usage: generate-common-passwords INPUT.txt OUTPUT.swift\n".utf8))
      exit(2)
    }
    let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    // A line that closes the raw string would end the literal early: refuse the list, not miscompile it.
    if let bad = lines.firstIndex(where: { $0.contains("\"\"\"#") || $0.contains("\r") }) {
      FileHandle.standardError.write(
        Data("\(arguments[1]):\(bad + 1): a line cannot hold \"\"\"# or CR\n".utf8))
      exit(1)
    }
    let swift = """
      // Generated at build time from Credentials/CommonPasswords/common-passwords.txt; do not edit.
      extension CommonPasswords {
        static let list = #\"\"\"
      \(lines.joined(separator: "\n"))
      \"\"\"#
      }

      """
    try swift.write(toFile: arguments[2], atomically: true, encoding: .utf8)
  }
}
