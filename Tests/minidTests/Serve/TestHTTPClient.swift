import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A blocking HTTP/1.1 client on a plain socket, one request per connection (`Connection: close`), for
/// driving `HTTPServer` from tests with nothing between the test and the server.
enum TestHTTPClient {
  struct Response {
    let status: Int
    /// Header lines, names lowercased.
    let headers: [(name: String, value: String)]
    let body: String

    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
  }

  enum Failure: Error {
    case refused
    case closedWithoutReply
  }

  /// Sends one request to 127.0.0.1:`port` and reads the reply to the end.
  /// - Throws: `Failure.refused` when nothing listens, `.closedWithoutReply` when the server closes first.
  static func send(
    _ method: String, _ path: String, port: Int, body: String = "", headers: [String] = []
  ) throws -> Response {
    let socket = try connect(port: port)
    defer { close(socket) }
    var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for header in headers { text += header + "\r\n" }
    if !body.isEmpty || method == "POST" { text += "Content-Length: \(body.utf8.count)\r\n" }
    text += "\r\n" + body
    write(socket, text)
    let reply = readToEnd(socket)
    guard let split = reply.range(of: "\r\n\r\n") else { throw Failure.closedWithoutReply }
    let head = reply[..<split.lowerBound].components(separatedBy: "\r\n")
    let status = Int(head[0].split(separator: " ")[1]) ?? 0
    let fields = head.dropFirst().map { line -> (name: String, value: String) in
      let colon = line.firstIndex(of: ":")!
      return (
        line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      )
    }
    return Response(status: status, headers: fields, body: String(reply[split.upperBound...]))
  }

  /// A connected socket; reads give up after 60 s so a broken server fails a test rather than hangs it.
  static func connect(port: Int) throws -> Int32 {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var timeout = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(socket)
      throw Failure.refused
    }
    return socket
  }

  static func write(_ socket: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    while !bytes.isEmpty {
      let sent = Glibc.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL))
      guard sent > 0 else { return }
      bytes.removeFirst(sent)
    }
  }

  static func readToEnd(_ socket: Int32) -> String {
    var data = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(socket, &chunk, chunk.count, 0)
      guard count > 0 else { break }
      data += chunk[0..<count]
    }
    return String(decoding: data, as: UTF8.self)
  }
}
