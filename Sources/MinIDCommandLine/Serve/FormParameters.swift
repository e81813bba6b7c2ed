import CEvent

#if canImport(Glibc)
  import Glibc
#endif

/// The parameters of a query string or an `application/x-www-form-urlencoded` body, in order, with
/// repeated names kept, so a caller can refuse a repeated OAuth parameter (RFC 6749 §3.1: "Request and
/// response parameters MUST NOT be included more than once").
///
/// Parsed by libevent's `evhttp_parse_query_str`: pairs are split on `&`, each at its first `=`, and values
/// are percent- and `+`-decoded; names are decoded here with `evhttp_uridecode`, which evhttp leaves
/// undone. An invalid escape (`%zz`) is kept as written, as evhttp does.
struct FormParameters: Sendable, Equatable {
  struct Parameter: Sendable, Equatable {
    let name: String
    let value: String
  }

  /// Why a query string or body is not a form.
  enum Malformed: Error, Equatable {
    /// A body whose `Content-Type` is not `application/x-www-form-urlencoded`.
    case notAForm
    /// A pair without `=`, an empty name, or an empty pair (`a=1&&b=2`): evhttp refuses the whole text.
    case notPairs
    /// A name or value that is not UTF-8 once decoded.
    case notUTF8
    /// A NUL character, raw or as `%00`: no parameter minid reads may hold one, and C strings would end
    /// there.
    case nul

    /// What was wrong, for an `invalid_request` description.
    var description: String {
      switch self {
      case .notAForm: "the body must be application/x-www-form-urlencoded"
      case .notPairs: "parameters must be name=value pairs joined by '&'"
      case .notUTF8: "parameters must be UTF-8"
      case .nul: "parameters must not contain NUL"
      }
    }
  }

  let pairs: [Parameter]

  init(_ pairs: [Parameter]) { self.pairs = pairs }

  /// Parses `text` (a query string without `?`, or a form body).
  /// - Throws: `Malformed` as its cases say; nothing is returned from a text that is partly wrong.
  init(parsing text: String) throws(Malformed) {
    guard !text.isEmpty else {
      pairs = []
      return
    }
    guard !text.utf8.contains(0), !text.lowercased().contains("%00") else { throw .nul }
    let list = UnsafeMutablePointer<evkeyvalq>.allocate(capacity: 1)
    defer { list.deallocate() }
    guard evhttp_parse_query_str(text, list) == 0 else { throw .notPairs }
    defer { evhttp_clear_headers(list) }
    var parsed: [Parameter] = []
    var entry = list.pointee.tqh_first
    while let current = entry {
      guard let rawName = current.pointee.key, let rawValue = current.pointee.value else { throw .notPairs }
      var length = 0
      guard let decoded = evhttp_uridecode(rawName, 1, &length) else { throw .notPairs }
      defer { free(decoded) }
      let nameBytes = UnsafeRawBufferPointer(start: decoded, count: length)
      guard !nameBytes.contains(0) else { throw .nul }
      guard let name = String(validating: nameBytes, as: UTF8.self),
        let value = String(validatingCString: rawValue)
      else { throw .notUTF8 }
      parsed.append(Parameter(name: name, value: value))
      entry = current.pointee.next.tqe_next
    }
    pairs = parsed
  }

  /// Every value given for `name`, in order.
  func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

  /// The one value of `name`, or nil when absent.
  /// - Throws: `Repeated` when the name is given more than once.
  func single(_ name: String) throws(Repeated) -> String? {
    let all = values(name)
    guard all.count <= 1 else { throw Repeated(name: name) }
    return all.first
  }

  /// The names given more than once, each once, in the order of their first appearance.
  var repeatedNames: [String] {
    var seen: Set<String> = []
    var repeated: [String] = []
    for pair in pairs where !seen.insert(pair.name).inserted && !repeated.contains(pair.name) {
      repeated.append(pair.name)
    }
    return repeated
  }

  /// A parameter given more than once.
  struct Repeated: Error, Equatable {
    let name: String
    var description: String { "the parameter '\(name)' must not be given more than once" }
  }
}
