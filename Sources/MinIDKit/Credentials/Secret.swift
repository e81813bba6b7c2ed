/// A password or code in memory: its text never appears in `print`, string interpolation or dumps.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
  /// The secret's UTF-8 bytes, exactly as given (one trailing newline from a file or pipe removed).
  public let utf8: [UInt8]

  /// A secret of these bytes.
  public init(utf8: [UInt8]) { self.utf8 = utf8 }
  /// A secret of `text`'s UTF-8 bytes.
  public init(_ text: String) { self.utf8 = Array(text.utf8) }

  /// A placeholder, so a secret never reaches a log or a message by interpolation.
  public var description: String { "<secret>" }
  /// A placeholder, for `debugPrint` and the debugger as well.
  public var debugDescription: String { "<secret>" }

  /// The secret as text, for rules that look at its characters; nil when it is not valid UTF-8.
  public var text: String? { String(validating: utf8, as: UTF8.self) }
}
