/// An activation letter an import sent, with its code: reported in a test store only, so a script that
/// imports a test population can activate it from the import's own output rather than from the words of
/// each letter. A production store's codes reach people only in the letters.
public struct ImportedLetter: Sendable, Equatable, Encodable {
  /// The file's line the person came from.
  public let line: Int
  /// The account the letter activates.
  public let accountID: Int64
  /// The outbox message that is the letter.
  public let outboxID: Int64
  /// As printed in the letter: `ABCD-EFGH-JKMN-PQRS`.
  public let activationCode: String
}
