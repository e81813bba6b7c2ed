import CPostgres
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A libpq connection string (`postgresql://` URI or `key=value` pairs) read with libpq's own parser, and
/// the two rules minid adds before connecting:
///
/// - TLS with the server's certificate and name checked: `sslmode=verify-full` unless the string itself
///   asks for another mode, which it may only for a local server (a Unix socket — a host that is empty or
///   starts with `/` or `@` — or `localhost`, `127.0.0.1`, `::1`). libpq's default, `prefer`, would send the
///   password in clear to anyone who answers in the server's place. `PGSSLMODE` is not consulted.
/// - No password in any message: libpq's errors quote parts of a malformed string, password included
///   (`invalid percent-encoded token: "…"`, or the whole URI), so every message about the string is
///   scrubbed of its passwords, and a parse error shows only option names between quotes.
public struct PostgresConnectionString: Sendable {
  /// The string as given, for libpq only; never shown.
  let conninfo: String
  /// Each option libpq found, by keyword.
  public let options: [String: String]

  /// The modes weaker than `verify-full`, allowed only for a local server.
  public static let weakerModes: Set<String> = ["disable", "allow", "prefer", "require", "verify-ca"]

  /// Parses `conninfo` with `PQconninfoParse`.
  /// - Throws: `PostgresConnectionError.malformed` with libpq's reason, redacted.
  public init(_ conninfo: String) throws(PostgresConnectionError) {
    self.conninfo = conninfo
    var error: UnsafeMutablePointer<CChar>?
    guard let parsed = PQconninfoParse(conninfo, &error) else {
      let reason = error.map { String(cString: $0) } ?? "libpq could not parse it"
      if let error { PQfreemem(error) }
      throw .malformed(
        location: StoreLocation.redacted(conninfo),
        reason: Self.redactedParseError(Self.scrub(reason, secrets: Self.textualPasswords(conninfo))))
    }
    defer { PQconninfoFree(parsed) }
    var options: [String: String] = [:]
    var option = parsed
    while let keyword = option.pointee.keyword {
      if let value = option.pointee.val { options[String(cString: keyword)] = String(cString: value) }
      option += 1
    }
    self.options = options
  }

  /// Every password the string holds, as libpq reads it and as it is written (percent-encoded or not),
  /// longest first so that a longer secret is never left half scrubbed.
  public var passwords: [String] {
    Array(Set(Self.textualPasswords(conninfo) + [options["password"]].compactMap { $0 }))
      .filter { !$0.isEmpty }.sorted { $0.count > $1.count }
  }

  /// `text` with every password of the string replaced by `***`.
  public func scrub(_ text: String) -> String { Self.scrub(text, secrets: passwords) }

  /// The servers the string names: each `host` and `hostaddr` entry (comma-separated lists), or, with
  /// neither, `PGHOST` and `PGHOSTADDR` as libpq would use them; empty means libpq's default socket.
  public func hosts(environment: [String: String]) -> [String] {
    let host = options["host"] ?? environment["PGHOST"] ?? ""
    let address = options["hostaddr"] ?? environment["PGHOSTADDR"] ?? ""
    return
      (host.split(separator: ",", omittingEmptySubsequences: false)
      + address.split(separator: ",", omittingEmptySubsequences: false).filter { !$0.isEmpty }).map(
        String.init)
  }

  /// Whether a host entry names a server on this machine: a Unix socket directory (empty, `/…`, or an
  /// abstract socket `@…`) or the loopback names and addresses.
  public static func isLocal(_ host: String) -> Bool {
    let trimmed = host.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty || trimmed.hasPrefix("/") || trimmed.hasPrefix("@")
      || ["localhost", "127.0.0.1", "::1"].contains(trimmed.lowercased())
  }

  /// The `sslmode` minid connects with: the string's own, or `verify-full`.
  /// - Throws: `PostgresConnectionError.weakTLS` when the string asks for less than `verify-full` and a
  ///   server it names is not local.
  public func sslMode(environment: [String: String]) throws(PostgresConnectionError) -> String {
    guard let mode = options["sslmode"], Self.weakerModes.contains(mode) else {
      return options["sslmode"] ?? "verify-full"
    }
    if let remote = hosts(environment: environment).first(where: { !Self.isLocal($0) }) {
      throw .weakTLS(location: StoreLocation.redacted(conninfo), host: remote, mode: mode)
    }
    return mode
  }

  /// Passwords found in the text itself: a URI's `user:password@`, a `password=` query parameter or
  /// `password=` pair, each raw and percent-decoded.
  static func textualPasswords(_ text: String) -> [String] {
    var found: [String] = []
    if let scheme = text.range(of: "://") {
      let rest = text[scheme.upperBound...]
      let authorityEnd = rest.firstIndex(where: { "/?".contains($0) }) ?? rest.endIndex
      if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
        found.append(String(rest[rest.index(after: colon)..<at]))
      }
      if let query = rest.firstIndex(of: "?") {
        for part in rest[rest.index(after: query)...].split(separator: "&")
        where part.lowercased().hasPrefix("password=") {
          found.append(String(part.dropFirst("password=".count)))
        }
      }
    } else {
      // key=value pairs: password = value, password='quoted value'.
      var remaining = Substring(text)
      while let range = remaining.range(of: "password", options: .caseInsensitive) {
        var rest = remaining[range.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else {
          remaining = remaining[range.upperBound...]
          continue
        }
        rest = rest.dropFirst().drop { $0 == " " }
        let value: Substring
        if rest.first == "'" {
          let body = rest.dropFirst()
          value = body.prefix { $0 != "'" }
        } else {
          value = rest.prefix { $0 != " " }
        }
        found.append(String(value))
        remaining = rest
      }
    }
    return found.flatMap { [$0, percentDecoded($0)] }.filter { !$0.isEmpty }
  }

  static func percentDecoded(_ text: String) -> String {
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.first {
      utf8 = utf8.dropFirst()
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func scrub(_ text: String, secrets: [String]) -> String {
    var text = text
    for secret in secrets.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
      text = text.replacingOccurrences(of: secret, with: "***")
    }
    return text
  }

  /// A parse error keeps only option names between quotes (`"port"`, `"bogus"`); any other quoted text
  /// (a value, a piece of the URI, the whole URI) becomes `"***"`.
  static func redactedParseError(_ text: String) -> String {
    let parts = text.split(separator: "\"", omittingEmptySubsequences: false)
    guard parts.count > 2 else { return text }
    var output = ""
    for (index, part) in parts.enumerated() {
      if index > 0 { output += "\"" }
      let quoted = index % 2 == 1 && index < parts.count - 1
      let isName = !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "_") }
      output += quoted && !isName && part != "=" ? "***" : String(part)
    }
    return output
  }
}

/// A connection string minid will not use.
public enum PostgresConnectionError: MinIDError, Equatable {
  /// libpq could not parse it.
  case malformed(location: String, reason: String)
  /// It asks for a TLS mode weaker than verify-full for a server on another machine.
  case weakTLS(location: String, host: String, mode: String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .malformed: "store_uri_malformed"
    case .weakTLS: "store_tls_required"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .configuration }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .malformed(let location, let reason):
      "the PostgreSQL connection string \(location) is malformed: \(reason)"
    case .weakTLS(let location, let host, let mode):
      "refusing sslmode=\(mode) in \(location): the server \(host) is not on this machine, and without "
        + "sslmode=verify-full the password can go to anyone who answers in its place. Remove sslmode "
        + "(minid then uses verify-full and checks the server's certificate and name), or use a Unix socket "
        + "or localhost"
    }
  }
}
