/// What an import row's `state` and `block_reason` columns (as `account export --include-pii` writes
/// them) make of the new account, so an export and import keeps who may log in and who may not, and
/// nobody gets a letter they should not:
///
/// | state | password_hash | account | letter |
/// | --- | --- | --- | --- |
/// | (none, empty) or `letter_sent` | – | letter_sent | a new one |
/// | (none, empty), `active` or `temporarily_locked` | given | active (a lock does not travel) | none |
/// | `active` or `temporarily_locked` | – | letter_sent: the password did not travel | a new one |
/// | `blocked` | kept if given | blocked, with `block_reason` (required) | none |
/// | `closed` | dropped | closed | none |
///
/// Any other state, a `letter_sent` row with a hash, or a `blocked` row without a valid reason is refused
/// naming the column.
struct ImportedState: Sendable, Equatable {
  let stored: AccountState
  let blockReason: String?
  let passwordHash: String?

  /// Whether the new account gets an activation letter.
  var sendsLetter: Bool { stored == .letterSent }

  static let states = "letter_sent, active, temporarily_locked, blocked or closed"

  /// The state for `record`, whose checked hash (if any) is `hash`.
  static func of(_ record: ImportRecord, hash: String?) -> Result<ImportedState, ImportProblem> {
    func refuse(_ field: String, _ code: String, _ message: String) -> Result<ImportedState, ImportProblem> {
      .failure(ImportProblem(line: record.line, field: field, code: code, message: "\(field): \(message)"))
    }
    let given = record.values["state"] ?? ""
    switch given.isEmpty ? nil : AccountState(rawValue: given) {
    case nil where given.isEmpty, .active?, .temporarilyLocked?:
      return .success(
        hash == nil
          ? ImportedState(stored: .letterSent, blockReason: nil, passwordHash: nil)
          : ImportedState(stored: .active, blockReason: nil, passwordHash: hash))
    case .letterSent?:
      guard hash == nil else {
        return refuse("password_hash", "state_conflict", "a letter_sent account has no password yet")
      }
      return .success(ImportedState(stored: .letterSent, blockReason: nil, passwordHash: nil))
    case .blocked?:
      let text = record.values["block_reason"] ?? ""
      guard !text.isEmpty else {
        return refuse("block_reason", "missing_field", "is needed when state is blocked")
      }
      do {
        return .success(
          ImportedState(stored: .blocked, blockReason: try BlockReason.check(text), passwordHash: hash))
      } catch {
        return refuse("block_reason", error.code, String(error.message.dropFirst("reason: ".count)))
      }
    case .closed?:
      return .success(ImportedState(stored: .closed, blockReason: nil, passwordHash: nil))
    case nil:
      return refuse("state", "invalid_state", "must be \(states)")
    }
  }
}
