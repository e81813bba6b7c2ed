#if canImport(Glibc)
  import Glibc
#endif

/// Who an audit entry says acted: a name minid can vouch for (the operating-system account running it, or
/// `person` for the account holder), and optionally a label it cannot vouch for.
///
/// The name goes into the entry's `actor` field. `$USER`, `--actor` and `MINID_ACTOR` are set by whoever
/// starts minid, so they are never the actor: a label only ever appears at the end of the entry's detail,
/// quoted, escaped, at most `maximumLabelLength` characters and marked `(unverified)`.
public struct AuditActor: Sendable, Equatable, ExpressibleByStringLiteral {
  /// The `actor` field: `admin:<account>`, `admin:uid:<n>`, `person`, `system`.
  public let name: String
  /// A label the caller gave (`--actor`, `MINID_ACTOR`), as given; nil when none.
  public let label: String?

  /// How a label's annotation starts; readers of a detail skip the part that does.
  static let labelPrefix = "label \""

  /// Labels longer than this are cut, so a label cannot crowd out the detail it annotates.
  public static let maximumLabelLength = 64

  /// An actor named `name`, with an unverified `label` if given (an empty label is none).
  public init(_ name: String, label: String? = nil) {
    self.name = name
    self.label = label.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// An actor named by a literal, without a label.
  public init(stringLiteral value: String) { self.init(value) }

  /// The account holder, acting on their own account (activation, login, recovery).
  public static let person: AuditActor = "person"

  /// `admin:` and the name of the effective user running this process (`geteuid`, looked up with
  /// `getpwuid`), or `admin:uid:<n>` when the passwd database has no name for it. Environment variables
  /// play no part: any caller can set them.
  public static func operatingSystemAccount(label: String? = nil) -> AuditActor {
    let uid = geteuid()
    var name = "uid:\(uid)"
    if let entry = getpwuid(uid), let raw = entry.pointee.pw_name {
      let account = String(cString: raw)
      // Names from the passwd database are the system's, but they end up in a text table; keep the
      // characters POSIX allows in a portable user name.
      let portable = account.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || $0.properties.numericType != nil
            || "-_.@$".unicodeScalars.contains($0))
      }
      if !account.isEmpty, account.count <= 64, portable { name = account }
    }
    return AuditActor("admin:" + name, label: label)
  }

  /// `detail` with the label appended as `; label "<escaped>" (unverified)` (without the leading `; ` when
  /// the detail is empty); `detail` unchanged when there is no label.
  public func annotate(_ detail: String) -> String {
    guard let label else { return detail }
    let annotation = Self.labelPrefix + Self.escaped(label) + "\" (unverified)"
    return detail.isEmpty ? annotation : detail + "; " + annotation
  }

  /// The label cut to `maximumLabelLength` characters, with `\`, `"`, `;`, control and bidirectional
  /// formatting characters written as escapes, so a label can neither end its quotes, pose as another
  /// part of the detail (whose parts `;` separates) nor reorder what a terminal shows.
  static func escaped(_ label: String) -> String {
    var out = ""
    for scalar in String(label.prefix(maximumLabelLength)).unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case ";": out += "\\u{3b}"
      default:
        let value = scalar.value
        let control = value < 0x20 || (0x7F...0x9F).contains(value)
        let bidirectional =
          (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E
          || value == 0x200F || value == 0x061C
        let lineBreak = value == 0x2028 || value == 0x2029
        if control || bidirectional || lineBreak {
          out += "\\u{" + String(value, radix: 16) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
