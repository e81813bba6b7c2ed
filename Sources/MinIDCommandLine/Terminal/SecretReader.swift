import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// Reads passwords and codes the only ways minid allows: a file named by an option (`-` for standard input,
/// at most once per call) or a prompt on the terminal with echo off. Never a flag value, never the
/// environment.
final class SecretReader {
  /// Longest secret accepted from a file or pipe; more is refused rather than truncated.
  static let maximumBytes = 4096

  private let console: Console
  private let openFile: (String) -> Int32
  /// Which option has read standard input in this call.
  private(set) var standardInputTakenBy: String?

  init(console: Console, openFile: @escaping (String) -> Int32 = { open($0, O_RDONLY | O_CLOEXEC) }) {
    self.console = console
    self.openFile = openFile
  }

  /// Reads one secret.
  /// - Parameters:
  ///   - option: the option's long name without dashes, such as `password-file`.
  ///   - path: the option's value: a path, `-` for standard input, or nil to prompt on the terminal.
  ///   - prompt: what to ask on the terminal, such as `New password: `.
  ///   - confirm: ask twice and require the same answer (new passwords).
  func read(option: String, path: String?, prompt: String, confirm: Bool = false) throws -> Secret {
    try read(path, option: option, prompt: prompt, confirm: confirm)
  }

  /// Reads the secret `option` names in `invocation`, as `read(option:path:prompt:confirm:)` does.
  func read(
    _ option: OptionHandle<String?>, in invocation: Invocation, prompt: String, confirm: Bool = false
  ) throws -> Secret {
    try read(invocation[option], option: option.spec.long, prompt: prompt, confirm: confirm)
  }

  private func read(_ path: String?, option: String, prompt: String, confirm: Bool) throws -> Secret {
    guard let path else {
      guard console.standardInputIsTerminal else {
        throw UsageError(
          "No terminal to ask for the secret on: pass '--\(option) <path>' (or '--\(option) -' to read "
            + "standard input).")
      }
      let first = try promptHidden(prompt)
      if confirm {
        let second = try promptHidden("Repeat: ")
        guard first == second else { throw SecretInputError.mismatch }
      }
      return first
    }
    if path == "-" {
      if let other = standardInputTakenBy {
        throw UsageError(
          "Only one secret can come from standard input in one call: '--\(other)' already reads it; give "
            + "'--\(option)' a file.")
      }
      standardInputTakenBy = option
      return try readSecret(
        descriptor: console.standardInputDescriptor, option: option, name: "standard input")
    }
    let descriptor = openFile(path)
    guard descriptor >= 0 else {
      throw SecretInputError.unreadable(option: option, path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    return try readSecret(descriptor: descriptor, option: option, name: path)
  }

  /// Reads at most `maximumBytes` (+1 to detect more), strips exactly one trailing `\n` or `\r\n`.
  private func readSecret(descriptor: Int32, option: String, name: String) throws -> Secret {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1024)
    while bytes.count <= Self.maximumBytes + 2 {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw SecretInputError.unreadable(
          option: option, path: name, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    if bytes.last == 10 {
      bytes.removeLast()
      if bytes.last == 13 { bytes.removeLast() }
    }
    guard bytes.count <= Self.maximumBytes else { throw SecretInputError.tooLong(option: option) }
    guard !bytes.isEmpty else { throw SecretInputError.empty(option: option, source: name) }
    guard !bytes.contains(10) else { throw SecretInputError.multipleLines(option: option) }
    return Secret(utf8: bytes)
  }

  /// Prompts on the controlling terminal with echo off, restoring the terminal on every path.
  private func promptHidden(_ prompt: String) throws -> Secret {
    let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
    guard tty >= 0 else { throw SecretInputError.noTerminal }
    defer { close(tty) }
    var saved = termios()
    guard tcgetattr(tty, &saved) == 0 else { throw SecretInputError.noTerminal }
    var silent = saved
    silent.c_lflag &= ~tcflag_t(ECHO)
    silent.c_lflag |= tcflag_t(ICANON)
    TerminalRestore.save(saved, descriptor: tty)
    defer {
      tcsetattr(tty, TCSAFLUSH, &saved)
      TerminalRestore.clear()
    }
    _ = prompt.withCString { Glibc.write(tty, $0, strlen($0)) }
    tcsetattr(tty, TCSAFLUSH, &silent)
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while Glibc.read(tty, &byte, 1) == 1, byte != 10 {
      line.append(byte)
      if line.count > Self.maximumBytes { break }
    }
    _ = Glibc.write(tty, "\n", 1)
    if line.last == 13 { line.removeLast() }
    guard line.count <= Self.maximumBytes else { throw SecretInputError.tooLong(option: "prompt") }
    guard !line.isEmpty else { throw SecretInputError.empty(option: "prompt", source: "the terminal") }
    return Secret(utf8: line)
  }
}

/// Restores terminal echo if the process is interrupted while a prompt has it off.
enum TerminalRestore {
  // On the heap, not a global `termios`: AddressSanitizer found the compiler sizes a global of this C type
  // without its trailing padding (57 bytes) while copies write all 60, a write past the global's end.
  nonisolated(unsafe) private static let saved: UnsafeMutablePointer<termios> = {
    let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    pointer.initialize(to: termios())
    return pointer
  }()
  nonisolated(unsafe) private static var descriptor: Int32 = -1

  static func save(_ attributes: termios, descriptor: Int32) {
    saved.pointee = attributes
    self.descriptor = descriptor
    signal(SIGINT) { _ in
      if TerminalRestore.descriptor >= 0 {
        tcsetattr(TerminalRestore.descriptor, TCSAFLUSH, TerminalRestore.saved)
      }
      _exit(130)
    }
  }

  static func clear() {
    descriptor = -1
    signal(SIGINT, SIG_DFL)
  }
}

/// Why a secret could not be read.
enum SecretInputError: MinIDError, Equatable {
  case unreadable(option: String, path: String, reason: String)
  case empty(option: String, source: String)
  case tooLong(option: String)
  case multipleLines(option: String)
  case mismatch
  case noTerminal

  var code: String {
    switch self {
    case .unreadable: "secret_unreadable"
    case .empty: "secret_empty"
    case .tooLong: "secret_too_long"
    case .multipleLines: "secret_multiple_lines"
    case .mismatch: "secret_mismatch"
    case .noTerminal: "no_terminal"
    }
  }

  var category: ErrorCategory {
    switch self {
    case .unreadable: .missingInput
    case .noTerminal: .configuration
    default: .invalidInput
    }
  }

  var message: String {
    switch self {
    case .unreadable(let option, let path, let reason): "--\(option): cannot read '\(path)': \(reason)"
    case .empty(let option, let source): "--\(option): \(source) holds no secret (it is empty)"
    case .tooLong(let option):
      "--\(option): the secret is longer than \(SecretReader.maximumBytes) bytes; nothing was truncated"
    case .multipleLines(let option): "--\(option): the secret must be a single line"
    case .mismatch: "the two entries differ"
    case .noTerminal: "cannot open the terminal to prompt"
    }
  }
}
