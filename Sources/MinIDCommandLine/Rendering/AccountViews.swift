import MinIDKit

/// An account in `--json` output. Personal data is masked unless `--reveal` was given; secrets never
/// appear.
struct AccountView: Encodable {
  let id: Int64
  let pid: String?
  let kind: String?
  let state: String
  let blockReason: String?
  let phone: String?
  let email: String?
  let address: String?
  let failedAttempts: Int
  let lockedUntil: Timestamp?
  let createdAt: Timestamp
  let updatedAt: Timestamp
  let activatedAt: Timestamp?
  let passwordSet: Bool
  let letter: LetterView?
  /// The MinID app device: id, enrolled, last used; absent without one.
  let appDevice: DeviceView?
  /// The code generator: enrolled, last used (never its secret); absent without one.
  let totp: TOTPView?

  struct DeviceView: Encodable {
    let deviceId: String
    let enrolledAt: Timestamp
    let lastUsedAt: Timestamp?
  }

  struct TOTPView: Encodable {
    let enrolledAt: Timestamp
    let lastUsedAt: Timestamp?
  }

  init(_ details: AccountDetails, reveal: Bool) {
    let account = details.account
    id = account.id
    pid = account.pid.map { reveal ? $0 : Masking.identityNumber($0) }
    kind = account.kind?.rawValue
    state = details.state.rawValue
    blockReason = account.blockReason
    phone = account.phone.map { reveal ? $0.e164 : $0.masked }
    email = account.email.map { reveal ? $0.address : $0.masked }
    address = reveal ? account.address : nil
    failedAttempts = account.failedAttempts
    lockedUntil = details.state == .temporarilyLocked ? account.lockedUntil : nil
    createdAt = account.createdAt
    updatedAt = account.updatedAt
    activatedAt = account.activatedAt
    passwordSet = account.passwordHash != nil
    letter = details.letters.first.map { LetterView($0, now: details.now) }
    appDevice = details.device.map {
      DeviceView(deviceId: $0.deviceID, enrolledAt: $0.enrolledAt, lastUsedAt: $0.lastUsedAt)
    }
    totp = details.totp.map { TOTPView(enrolledAt: $0.enrolledAt, lastUsedAt: $0.lastUsedAt) }
  }
}

struct LetterView: Encodable {
  let id: Int64
  let status: String
  let sentAt: Timestamp
  let expiresAt: Timestamp
  let usedAt: Timestamp?
  let outboxId: Int64?

  init(_ letter: ActivationLetter, now: Timestamp) {
    id = letter.id
    status = letter.status(at: now).rawValue
    sentAt = letter.createdAt
    expiresAt = letter.expiresAt
    usedAt = letter.usedAt
    outboxId = letter.outboxID
  }
}

/// `account register --json`.
struct RegistrationView: Encodable {
  let account: AccountView
  let letter: ReceiptView

  struct ReceiptView: Encodable {
    /// Absent in a dry run: no letter was written.
    let id: Int64?
    let outboxId: Int64?
    let expiresAt: Timestamp
    /// Only in a test store, and never in a dry run.
    let activationCode: String?
    /// Present, and true, only in a dry run.
    let dryRun: Bool?

    init(_ receipt: LetterReceipt) {
      dryRun = receipt.isDryRun ? true : nil
      id = receipt.isDryRun ? nil : receipt.letterID
      outboxId = receipt.isDryRun ? nil : receipt.outboxID
      expiresAt = receipt.expiresAt
      activationCode = receipt.code?.formatted
    }
  }
}

struct OutboxMessageView: Encodable {
  let id: Int64
  let accountId: Int64?
  let kind: String
  let recipient: String
  let subject: String
  let createdAt: Timestamp
  let drainedAt: Timestamp?
  let drainedTo: String?
  let body: String?
  /// The code the message carries, as a field: in a test store only (`OutboxService.testCode`).
  let code: String?

  init(_ message: OutboxMessage, reveal: Bool, includeBody: Bool, code: String? = nil) {
    id = message.id
    accountId = message.accountID
    kind = message.kind.rawValue
    recipient = reveal ? message.recipient : Masking.recipient(message.recipient, kind: message.kind)
    subject = message.subject
    createdAt = message.createdAt
    drainedAt = message.drainedAt
    drainedTo = message.drainedTo
    body = includeBody ? message.body : nil
    self.code = code
  }
}

struct AuditEntryView: Encodable {
  let seq: Int64
  let at: Timestamp
  let actor: String
  let action: String
  let account: String?
  let caseRef: String?
  let outcome: String
  let detail: String
  let hash: String

  init(_ entry: AuditEntry) {
    seq = entry.sequence
    at = entry.at
    actor = entry.actor
    action = entry.action
    account = entry.account
    caseRef = entry.caseReference
    outcome = entry.outcome.rawValue
    detail = entry.detail
    hash = entry.hash.map {
      String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
    }.joined()
  }
}

/// Aligned columns for human-readable lists, every cell escaped by `TerminalText`.
struct TextTable {
  let headers: [String]
  var rows: [[String]] = []

  init(_ headers: String...) { self.headers = headers }

  /// Cells often hold outside data (an audit detail, a service's name, a recipient): each is escaped.
  mutating func add(_ cells: String...) { rows.append(cells.map { TerminalText.escaped($0) }) }

  var text: String {
    let all = [headers] + rows
    let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}
