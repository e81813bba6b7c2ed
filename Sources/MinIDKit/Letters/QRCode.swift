import CQRencode

/// A QR code made by libqrencode, drawn as text with Unicode half blocks (two modules per character row),
/// so it prints in a letter file and on a terminal and scans from either.
public struct QRCode: Sendable {
  /// Rows of modules; true is dark.
  public let modules: [[Bool]]

  /// Encodes `text` at error-correction level M.
  public init?(_ text: String) {
    guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
    defer { QRcode_free(code) }
    let width = Int(code.pointee.width)
    let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
    modules = (0..<width).map { row in (0..<width).map { column in data[row * width + column] & 1 == 1 } }
  }

  /// The code with a quiet zone of two modules, dark modules as ink on a light page.
  public var text: String {
    let quiet = 2
    let width = modules.count + 2 * quiet
    func dark(_ row: Int, _ column: Int) -> Bool {
      let r = row - quiet
      let c = column - quiet
      guard r >= 0, c >= 0, r < modules.count, c < modules.count else { return false }
      return modules[r][c]
    }
    var lines: [String] = []
    for row in stride(from: 0, to: width, by: 2) {
      var line = ""
      for column in 0..<width {
        switch (dark(row, column), dark(row + 1, column)) {
        case (true, true): line += "█"
        case (true, false): line += "▀"
        case (false, true): line += "▄"
        case (false, false): line += " "
        }
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}
