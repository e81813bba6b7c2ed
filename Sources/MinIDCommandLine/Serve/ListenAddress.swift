/// The address `minid serve` listens on: `--listen host:port`, with an IPv6 host in brackets
/// (`[::1]:8080`). Port 0 asks the system for a free port, which the listening line then shows.
struct ListenAddress: Sendable, Equatable {
  let host: String
  let port: UInt16

  init(host: String, port: UInt16) {
    self.host = host
    self.port = port
  }

  /// Parses `host:port`.
  /// - Returns: nil when there is no host, no port, or the port is not a number from 0 to 65535.
  init?(parsing text: String) {
    var host: Substring
    var rest: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { return nil }
      host = text[text.index(after: text.startIndex)..<close]
      rest = text[text.index(after: close)...]
      guard rest.hasPrefix(":") else { return nil }
      rest = rest.dropFirst()
    } else {
      guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
      host = text[..<colon]
      rest = text[text.index(after: colon)...]
    }
    guard !host.isEmpty, !rest.isEmpty, rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber),
      rest.count <= 5, let port = UInt16(rest)
    else { return nil }
    self.host = String(host)
    self.port = port
  }

  /// `host:port` as given, IPv6 hosts in brackets.
  var text: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

  /// Whether only this machine can connect (127.0.0.0/8, `::1`, `localhost`).
  var isLoopback: Bool { host.hasPrefix("127.") || host == "::1" || host == "localhost" }
}
