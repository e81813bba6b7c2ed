import MinIDKit

/// One line per answered request on standard error: time, method, path, status, duration, and the client
/// when the handler named one. Only what identifies the request's route is written: never the query
/// string, a header or the body, where codes, passwords, tokens and identity numbers travel.
struct AccessLog {
  /// One answered request.
  struct Entry {
    let time: Timestamp
    let method: String
    /// The path without its query string.
    let path: String
    let status: Int
    let milliseconds: Double
    let clientID: String?
    /// The code of the error a handler threw, for a 500 or 503.
    let errorCode: String?
  }

  /// JSON Lines (`--json-log`) instead of text.
  let json: Bool

  /// Paths longer than this are cut: a client chooses the path, and one line must stay one short line.
  static let pathLimit = 256

  /// The line for `entry`, with its newline. Text escapes what the client chose (path, client id) as all
  /// outside data is escaped on a terminal; JSON escapes it per RFC 8259.
  func line(_ entry: Entry) -> String {
    let path =
      entry.path.count > Self.pathLimit ? String(entry.path.prefix(Self.pathLimit)) + "…" : entry.path
    let duration = (entry.milliseconds * 10).rounded() / 10
    if json {
      var writer = JSONWriter()
      writer.beginObject()
      writer.key("time")
      writer.string(entry.time.rfc3339)
      writer.key("method")
      writer.string(entry.method)
      writer.key("path")
      writer.string(path)
      writer.key("status")
      writer.int(entry.status)
      writer.key("duration_ms")
      writer.number(duration)
      if let client = entry.clientID {
        writer.key("client_id")
        writer.string(client)
      }
      if let error = entry.errorCode {
        writer.key("error")
        writer.string(error)
      }
      writer.endObject()
      writer.newline()
      return String(decoding: writer.bytes, as: UTF8.self)
    }
    var text =
      "\(entry.time.rfc3339) \(TerminalText.escaped(entry.method)) \(TerminalText.escaped(path)) "
      + "\(entry.status) \(duration)ms"
    if let client = entry.clientID { text += " client=\(TerminalText.escaped(client))" }
    if let error = entry.errorCode { text += " error=\(TerminalText.escaped(error))" }
    return text + "\n"
  }
}
