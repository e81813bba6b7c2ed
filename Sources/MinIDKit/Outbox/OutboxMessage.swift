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
  /// What the store keeps until the message is drained: nil after, so codes do not stay in the store.
  let content: OutboxContent?
  public let createdAt: Timestamp
  public let drainedAt: Timestamp?
  public let drainedTo: String?

  /// The text; nil once the message has been drained (handed on). An activation letter's text, QR code
  /// included, is composed here from what the store kept, each time it is asked for.
  public var body: String? {
    switch content {
    case .text(let text): text
    case .letter(let letter): letter.text
    case nil: nil
    }
  }
}

/// What the outbox keeps of an undrained message: its text, or for an activation letter the parts it is
/// printed from (schema 6), so writing a letter costs a few dozen bytes and no QR code.
enum OutboxContent: Sendable, Equatable {
  case text(String)
  case letter(LetterContent)
}

/// An activation letter's parts: where it goes, its code, when it was sent and until when it is valid.
struct LetterContent: Sendable, Equatable {
  /// The postal address as the letter prints it (its lines kept).
  let address: String
  let code: ActivationCode
  let sentAt: Timestamp
  let expiresAt: Timestamp

  /// The printed letter (`LetterComposer.activationLetter`).
  var text: String {
    LetterComposer.activationLetter(address: address, code: code, sentAt: sentAt, expiresAt: expiresAt)
  }
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
