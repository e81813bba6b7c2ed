/// A letter, SMS or e-mail that minid "sent": the outbox stands in for the print shop, the SMS gateway and
/// the mail server (decisions §3).
public struct OutboxMessage: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case letter
    case sms
    case email
  }

  public let id: Int64
  public let accountID: Int64?
  public let kind: Kind
  /// The postal address, phone number or e-mail address.
  public let recipient: String
  public let subject: String
  /// The text; nil once the message has been drained (handed on), so codes do not stay in the store.
  public let body: String?
  public let createdAt: Timestamp
  public let drainedAt: Timestamp?
  public let drainedTo: String?
}

/// A message about to be put in the outbox.
public struct OutboxDraft: Sendable {
  public let accountID: Int64?
  public let kind: OutboxMessage.Kind
  public let recipient: String
  public let subject: String
  public let body: String

  public init(accountID: Int64?, kind: OutboxMessage.Kind, recipient: String, subject: String, body: String) {
    self.accountID = accountID
    self.kind = kind
    self.recipient = recipient
    self.subject = subject
    self.body = body
  }
}

/// Which messages to list.
public struct OutboxFilter: Sendable {
  public var accountID: Int64?
  public var kind: OutboxMessage.Kind?
  public var undrainedOnly: Bool

  public init(accountID: Int64? = nil, kind: OutboxMessage.Kind? = nil, undrainedOnly: Bool = false) {
    self.accountID = accountID
    self.kind = kind
    self.undrainedOnly = undrainedOnly
  }
}
