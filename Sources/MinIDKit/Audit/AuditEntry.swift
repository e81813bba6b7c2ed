/// One line of the audit trail: who did what to which (pseudonymous) account, when, and how it went.
public struct AuditEntry: Sendable, Equatable {
  /// The entry's place in the chain, from 1, without gaps.
  public let sequence: Int64
  /// When it was written (UTC).
  public let at: Timestamp
  /// `admin:<account>` (the operating-system account that ran minid, never `$USER`), `person` (the account
  /// holder), `system`.
  public let actor: String
  /// Dotted name: `store.init`, `account.register`, `account.activate`, …
  public let action: String
  /// The account's pseudonym, never its identity number.
  public let account: String?
  /// The support case reference given with the action.
  public let caseReference: String?
  /// `ok`, `refused` or `failed`.
  public let outcome: AuditOutcome
  /// A short description without secrets or personal data.
  public let detail: String
  /// The hash of the entry before (32 zero bytes for the first).
  public let previousHash: [UInt8]
  /// SHA-256 over `previousHash` and every field (`AuditChain.hash`).
  public let hash: [UInt8]
  /// The account row the entry is filed under, so an account's history is found through an index that
  /// grows in row order; nil when the entry names no account row. A locator, not covered by the hash:
  /// `audit verify` checks it against the pseudonym instead.
  public var accountID: Int64? = nil
}

/// How an audited action went.
public enum AuditOutcome: String, Sendable, Codable {
  case ok
  case refused
  case failed
}

/// An entry before it joins the chain.
public struct AuditDraft: Sendable {
  /// Who acted (`AuditActor.name`).
  public var actor: String
  /// What was done.
  public var action: AuditAction
  /// The account's pseudonym, never its identity number.
  public var account: String?
  /// The account's row, when there is one (see `AuditEntry.accountID`).
  public var accountID: Int64?
  /// The support case reference given with the action.
  public var caseReference: String?
  /// How it went.
  public var outcome: AuditOutcome
  /// A short description without secrets or personal data.
  public var detail: String

  /// An entry about a stored account: filed under its row and its pseudonym. The actor's label, if any,
  /// is appended to `detail` (see `AuditActor.annotate`).
  public init(
    actor: AuditActor, action: AuditAction, about account: Account, caseReference: String? = nil,
    outcome: AuditOutcome = .ok, detail: String = ""
  ) {
    self.init(
      actor: actor, action: action, account: account.pseudonym, caseReference: caseReference,
      outcome: outcome,
      detail: detail)
    accountID = account.id
  }

  /// An entry about no account, or about a person who may have none (only the pseudonym is known). The
  /// actor's label, if any, is appended to `detail` (see `AuditActor.annotate`).
  public init(
    actor: AuditActor, action: AuditAction, account: String? = nil, caseReference: String? = nil,
    outcome: AuditOutcome = .ok, detail: String = ""
  ) {
    self.actor = actor.name
    self.action = action
    self.account = account
    self.caseReference = caseReference
    self.outcome = outcome
    self.detail = actor.annotate(detail)
  }
}

/// The hash chain (reference §4.2): each entry's hash covers the previous hash and every field, length-
/// prefixed so no two entries encode alike. The one place the encoding is defined.
public enum AuditChain {
  /// The `previousHash` of the first entry: 32 zero bytes.
  public static let genesis = [UInt8](repeating: 0, count: 32)

  /// SHA-256 of `previous` and every field, each length-prefixed: an entry's `hash`.
  public static func hash(
    previous: [UInt8], sequence: Int64, at: Timestamp, actor: String, action: String, account: String?,
    caseReference: String?, outcome: AuditOutcome, detail: String
  ) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(
      128 + actor.utf8.count + action.utf8.count + detail.utf8.count + (account?.utf8.count ?? 0))
    bytes += "minid-audit-v1".utf8
    bytes.append(0)
    bytes += previous
    func append(_ value: UInt64) {
      for shift in stride(from: 56, through: 0, by: -8) {
        bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
      }
    }
    func field(_ text: String?) {
      guard let text else {
        append(UInt64.max)
        return
      }
      append(UInt64(text.utf8.count))
      bytes.append(contentsOf: text.utf8)
    }
    append(UInt64(bitPattern: sequence))
    append(UInt64(bitPattern: at.seconds))
    field(actor)
    field(action)
    field(account)
    field(caseReference)
    field(outcome.rawValue)
    field(detail)
    return Digest.sha256(bytes)
  }

  /// The entry that follows `head` (nil for the first).
  public static func next(after head: (sequence: Int64, hash: [UInt8])?, draft: AuditDraft, at: Timestamp)
    -> AuditEntry
  {
    let sequence = (head?.sequence ?? 0) + 1
    let previous = head?.hash ?? genesis
    return AuditEntry(
      sequence: sequence, at: at, actor: draft.actor, action: draft.action.rawValue, account: draft.account,
      caseReference: draft.caseReference, outcome: draft.outcome, detail: draft.detail,
      previousHash: previous,
      hash: hash(
        previous: previous, sequence: sequence, at: at, actor: draft.actor, action: draft.action.rawValue,
        account: draft.account, caseReference: draft.caseReference, outcome: draft.outcome,
        detail: draft.detail),
      accountID: draft.accountID)
  }

  /// Whether `entry` is correctly chained to `previous` (the hash before it).
  public static func verify(_ entry: AuditEntry, previous: [UInt8], expectedSequence: Int64) -> AuditBreak? {
    if entry.sequence != expectedSequence { return .gap(expected: expectedSequence, found: entry.sequence) }
    if !Digest.constantTimeEqual(entry.previousHash, previous) { return .link(sequence: entry.sequence) }
    let recomputed = hash(
      previous: previous, sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action,
      account: entry.account, caseReference: entry.caseReference, outcome: entry.outcome, detail: entry.detail
    )
    if !Digest.constantTimeEqual(recomputed, entry.hash) { return .content(sequence: entry.sequence) }
    return nil
  }
}

/// The first place the chain does not hold.
public enum AuditBreak: Error, Sendable, Equatable, CustomStringConvertible {
  /// An entry is missing or out of order.
  case gap(expected: Int64, found: Int64)
  /// The entry does not point at the hash of the one before.
  case link(sequence: Int64)
  /// The entry's fields do not match its hash: it was changed.
  case content(sequence: Int64)
  /// An entry's stored values cannot be read.
  case unreadable(sequence: Int64)
  /// The entry is filed under an account row whose pseudonym is not the entry's: moved to another history.
  case misfiled(sequence: Int64)

  /// The entry where the break is.
  public var sequence: Int64 {
    switch self {
    case .gap(let expected, _): expected
    case .link(let sequence), .content(let sequence), .unreadable(let sequence), .misfiled(let sequence):
      sequence
    }
  }

  /// The break in words.
  public var description: String {
    switch self {
    case .gap(let expected, let found): "entry \(expected) is missing (found \(found) in its place)"
    case .link(let sequence): "entry \(sequence) does not link to the entry before it"
    case .content(let sequence): "entry \(sequence) was changed after it was written"
    case .unreadable(let sequence): "entry \(sequence) cannot be read"
    case .misfiled(let sequence): "entry \(sequence) is filed under an account that is not the one it names"
    }
  }
}

/// `audit verify` found a break.
public struct AuditChainError: MinIDError {
  /// The first break found.
  public let problem: AuditBreak
  /// How many entries held before it.
  public let checked: Int64
  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { "audit_chain_broken" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .io }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String { "audit chain broken: \(problem) (\(checked) entries checked before it)" }
}
