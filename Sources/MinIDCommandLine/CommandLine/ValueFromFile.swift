import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// Values that need not stand on the command line, where `ps` and shell history show them: an option
/// `--X` with a sibling `--X-file PATH` (today `--pid` and `--pid-file`) also takes `-` for one line of
/// standard input, and `--X-file` reads the first line of a file (`-` again for standard input). The
/// command table adds the sibling (`CommandSpec`), the parser lets it stand in for a required `--X`, and
/// this step reads the value before the command runs, so no command does any of it itself.
enum ValueFromFile {
  /// The options given the `-file` sibling.
  static let options: Set<String> = ["pid"]

  /// Longest line accepted; an identity number is 11 digits.
  static let maximumBytes = 256

  /// The sibling option added to a command that has `--name`.
  static func sibling(of name: String) -> OptionSpec {
    OptionSpec(
      "\(name)-file", value: "path", completion: .file,
      help: "Read --\(name) from the first line of this file ('-': standard input), out of sight of ps.")
  }

  /// `--name`'s help with the two other ways of giving it.
  static func help(_ help: String, name: String) -> String {
    help + " '-' reads it from standard input; see also --\(name)-file."
  }

  /// Replaces `--X -` and `--X-file PATH` by the value read, as if `--X VALUE` had been given.
  /// - Parameters:
  ///   - standardInput: the descriptor `-` reads from.
  /// - Throws: `UsageError` when both `--X` and `--X-file` are given or the input holds no line;
  ///   `SecretInputError.unreadable` (exit 66) when the file cannot be read.
  static func resolve(_ invocation: Invocation, standardInput: Int32) throws -> Invocation {
    var invocation = invocation
    for name in options where invocation.spec("\(name)-file") != nil {
      let given = invocation.values[name]?.last
      let file = invocation.values["\(name)-file"]?.last
      if given != nil, file != nil {
        throw UsageError("The options '--\(name)' and '--\(name)-file' cannot be used together.")
      }
      let source: String
      if given == "-" {
        source = "-"
      } else if let file {
        source = file
      } else {
        continue
      }
      let option = file == nil ? name : "\(name)-file"
      let line = try firstLine(of: source, option: option, standardInput: standardInput)
      invocation.values[name] = [line]
      invocation.values["\(name)-file"] = nil
    }
    return invocation
  }

  private static func firstLine(of source: String, option: String, standardInput: Int32) throws -> String {
    let descriptor: Int32
    if source == "-" {
      descriptor = standardInput
    } else {
      descriptor = open(source, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw SecretInputError.unreadable(
          option: option, path: source, reason: String(cString: strerror(errno)))
      }
    }
    defer { if source != "-" { close(descriptor) } }
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    // Byte by byte up to the newline: what follows on standard input is left unread.
    while bytes.count <= maximumBytes {
      let count = read(descriptor, &byte, 1)
      if count < 0, errno == EINTR { continue }
      if count < 0 {
        throw SecretInputError.unreadable(
          option: option, path: source == "-" ? "standard input" : source,
          reason: String(cString: strerror(errno)))
      }
      if count == 0 || byte == 10 { break }
      bytes.append(byte)
    }
    let where_ = source == "-" ? "standard input" : "'\(source)'"
    guard bytes.count <= maximumBytes else {
      throw UsageError("--\(option): the first line of \(where_) is longer than \(maximumBytes) bytes.")
    }
    let line = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
    guard !line.isEmpty else {
      throw UsageError("--\(option): \(where_) holds no value on its first line.")
    }
    return line
  }
}

extension String {
  fileprivate var trimmingWhitespace: String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
