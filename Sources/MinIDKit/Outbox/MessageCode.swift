/// The codes minid's messages carry, and the words that lead into each, so the code a message carries can
/// be read back as a field: a script in a test store takes it from `outbox show --json` rather than from
/// the words of a Norwegian text. The templates write their codes after these lead-ins, and `code(in:)`
/// reads them after the same ones, so the two cannot drift apart.
public enum MessageCode {
  /// The login SMS: "MinID-engangskode: 12345. …".
  public static let loginSMS = "MinID-engangskode: "
  /// The recovery SMS: "MinID: koden for nytt passord er 12345. …".
  public static let recoverySMS = "MinID: koden for nytt passord er "
  /// The recovery e-mail: "… nytt MinID-passord er ABC123. …".
  public static let recoveryEmail = "koden for å lage nytt MinID-passord er "
  /// The activation letter: "Aktiveringskode / activation code:  ABCD-EFGH-…".
  public static let activationLetter = "Aktiveringskode / activation code:  "

  static let leadIns = [loginSMS, recoverySMS, recoveryEmail, activationLetter]

  /// The code in a message's text: what follows the first lead-in, up to a space, full stop or line end;
  /// nil for a message that carries none (a notice) or whose text was drained.
  public static func code(in body: String) -> String? {
    for leadIn in leadIns {
      guard let range = body.range(of: leadIn) else { continue }
      let code = body[range.upperBound...].prefix { !$0.isWhitespace && $0 != "." }
      if !code.isEmpty { return String(code) }
    }
    return nil
  }
}

extension OutboxService {
  /// The code `message` carries, as a field, in a test store only: nil in a production store, where codes
  /// reach people only in the messages themselves.
  public func testCode(in message: OutboxMessage) -> String? {
    guard store.settings.environment == .test else { return nil }
    return message.body.flatMap(MessageCode.code(in:))
  }
}
