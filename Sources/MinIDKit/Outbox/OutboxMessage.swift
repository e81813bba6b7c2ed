/// A letter, SMS or e-mail that minid "sent": the outbox stands in for the print shop, the SMS gateway and
/// the mail server (decisions §3).
public struct OutboxMessage: Sendable, Equatable {
  /// What the message stands in for: a printed letter, an SMS or an e-mail.
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case letter
    case sms
    case email
  }

  /// The message's row.
  public let id: Int64
  /// The account it concerns, if any.
  public let accountID: Int64?
  /// Letter, SMS or e-mail.
  public let kind: Kind
  /// The postal address, phone number or e-mail address.
  public let recipient: String
  /// The subject line.
  public let subject: String
  /// What the store keeps until the message is drained: nil after, so codes do not stay in the store.
  let content: OutboxContent?
  /// When it was put in the outbox.
  public let createdAt: Timestamp
  /// When `outbox drain` handed it on, if it has.
  public let drainedAt: Timestamp?
  /// Where it was handed: the folder or command.
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
  /// The account it concerns, if any.
  public let accountID: Int64?
  /// Letter, SMS or e-mail.
  public let kind: OutboxMessage.Kind
  /// The postal address, phone number (E.164) or e-mail address.
  public let recipient: String
  /// The subject line.
  public let subject: String
  /// The text, ending in a newline.
  public let body: String

  /// A message with these parts.
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
  /// Only messages about this account.
  public var accountID: Int64?
  /// Only messages of this kind.
  public var kind: OutboxMessage.Kind?
  /// Only messages not yet drained.
  public var undrainedOnly: Bool

  /// A filter; with no arguments, every message.
  public init(accountID: Int64? = nil, kind: OutboxMessage.Kind? = nil, undrainedOnly: Bool = false) {
    self.accountID = accountID
    self.kind = kind
    self.undrainedOnly = undrainedOnly
  }
}
