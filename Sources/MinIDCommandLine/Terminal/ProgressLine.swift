/// A one-line progress report on standard error, rewritten in place: shown only when standard error is a
/// terminal (a log or a pipe gets the final summary alone), and with no escape sequence when colour is off
/// (`NO_COLOR`, `TERM=dumb`, `--no-color`), where it pads with spaces instead of clearing the line.
struct ProgressLine {
  let isShown: Bool
  private let usesEscapes: Bool
  private let write: (String) -> Void
  private var lastLength = 0

  /// - Parameters:
  ///   - isTerminal: whether standard error is a terminal.
  ///   - usesEscapes: whether the terminal may be sent escape sequences (the colour policy).
  ///   - write: where the text goes (standard error), flushed by the caller's stream.
  init(isTerminal: Bool, usesEscapes: Bool, write: @escaping (String) -> Void) {
    self.isShown = isTerminal
    self.usesEscapes = usesEscapes
    self.write = write
  }

  /// The console's standard error, under its terminal and colour policy.
  init(console: Console) {
    self.init(
      isTerminal: console.standardError.isTerminal, usesEscapes: console.colorOnStandardError,
      write: { text in
        console.err(text)
        console.standardError.flush()
      })
  }

  /// Replaces the line with `text`.
  mutating func update(_ text: String) {
    guard isShown else { return }
    write("\r" + clearing(text))
    lastLength = text.count
  }

  /// Clears the line, so the summary that follows starts at its beginning.
  mutating func finish() {
    guard isShown, lastLength > 0 else { return }
    write("\r" + clearing("") + "\r")
    lastLength = 0
  }

  private func clearing(_ text: String) -> String {
    usesEscapes
      ? "\u{1B}[2K" + text : text + String(repeating: " ", count: max(0, lastLength - text.count))
  }
}
