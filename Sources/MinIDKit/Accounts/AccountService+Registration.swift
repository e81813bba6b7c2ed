import Foundation

/// What `account register` is given.
public struct RegistrationRequest: Sendable {
  /// The identity number as given (separators allowed).
  public var pid: String
  /// The mobile number as given (E.164, or 8 Norwegian digits).
  public var phone: String
  /// The e-mail address as given.
  public var email: String
  /// The postal address the letter goes to.
  public var address: String
  /// A support case reference, kept on the account and in the audit entry.
  public var caseReference: String?

  /// A request with these fields, unchecked until `register` checks them.
  public init(pid: String, phone: String, email: String, address: String, caseReference: String? = nil) {
    self.pid = pid
    self.phone = phone
    self.email = email
    self.address = address
    self.caseReference = caseReference
  }
}

/// A registered account and the letter on its way.
public struct RegistrationReceipt: Sendable {
  /// The account as registered (`letter_sent`).
  public let account: Account
  /// The letter sent.
  public let letter: LetterReceipt
}

/// The letter just put in the outbox; `code` only in a test store, which shows it at once as Digdir's test
/// environment does. A dry run's receipt describes the letter that would have been sent: it has no ids
/// (nothing was written) and no code.
public struct LetterReceipt: Sendable {
  /// The letter's id; 0 in a dry run.
  public let letterID: Int64
  /// The outbox message holding the letter; 0 in a dry run.
  public let outboxID: Int64
  /// When the letter's code stops working.
  public let expiresAt: Timestamp
  /// The code, in a test store only.
  public let code: ActivationCode?
  /// A dry run: this describes the letter that would have been sent; nothing was written.
  public let isDryRun: Bool

  /// A receipt for a letter that was sent.
  public init(letterID: Int64, outboxID: Int64, expiresAt: Timestamp, code: ActivationCode?) {
    self.letterID = letterID
    self.outboxID = outboxID
    self.expiresAt = expiresAt
    self.code = code
    isDryRun = false
  }

  /// What a dry run reports of the letter it would have sent.
  init(dryRunUntil expiresAt: Timestamp) {
    letterID = 0
    outboxID = 0
    self.expiresAt = expiresAt
    code = nil
    isDryRun = true
  }
}

/// Refusals of registration that concern the person rather than the data's format.
public enum RegistrationError: MinIDError, Equatable {
  case syntheticInProduction(IdentityNumberKind)
  case realNumberInTestStore(IdentityNumberKind)
  case kindCannotHoldMinID(IdentityNumberKind)
  case tooYoung(firstYear: Int)
  case notYetIssued

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .syntheticInProduction: "synthetic_in_production"
    case .realNumberInTestStore: "real_number_in_test_store"
    case .kindCannotHoldMinID: "kind_cannot_hold_minid"
    case .tooYoung: "too_young"
    case .notYetIssued: "not_yet_issued"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .syntheticInProduction(let kind):
      "pid: a \(kind.name) number is a test number; a production store takes only fødselsnummer and D-nummer"
    case .realNumberInTestStore(let kind):
      "pid: a test store takes only synthetic numbers (Tenor +80, Norsk Helsenett +65, NAV +40), not a "
        + "\(kind.name)"
    case .kindCannotHoldMinID(let kind): "pid: a \(kind.name) cannot hold a MinID"
    case .tooYoung(let year):
      "pid: MinID can be ordered from the calendar year one turns 13; this person can register from \(year)"
    case .notYetIssued:
      "pid: the number is valid only under the 2032 check-digit rule, and no such number is issued before 2032-01-01"
    }
  }
}

extension AccountService {
  /// Registers a person and sends the activation letter (decisions §2), checking in the order the issue
  /// gives: the identity number, the age rule, the phone, the e-mail, the address, then that the person
  /// has no account yet.
  public func register(_ request: RegistrationRequest) throws -> RegistrationReceipt {
    let number = try eligibleNumber(request.pid)
    let phone = try PhoneNumber(request.phone)
    let email = try EmailAddress(request.email)
    let address = try PostalAddress(request.address)
    let caseReference = try CaseReference.check(request.caseReference)
    let code = ActivationCode(random: random)

    return try store.write { transaction in
      let now = time.timestamp
      if let existing = try transaction.account(pid: number.digits) {
        let outstanding = try transaction.letters(accountID: existing.id).first {
          $0.status(at: now) == .valid
        }
        if let outstanding, existing.storedState == .letterSent {
          throw LetterError.letterOutstanding(until: outstanding.expiresAt)
        }
        throw AccountError.alreadyRegistered(existing.state(at: now))
      }
      var account = Account(
        id: 0, pid: number.digits, pseudonym: Account.newPseudonym(random: random), kind: number.kind,
        phone: phone,
        email: email, address: address.text, storedState: .letterSent, createdAt: now, updatedAt: now)
      account.id = try transaction.insertAccount(account)
      try transaction.audit(
        AuditDraft(
          actor: actor, action: .accountRegister, about: account, caseReference: caseReference,
          detail: "kind \(number.kind.rawValue); state letter_sent"), at: now)
      let letter = try sendLetter(
        to: account, code: code, validityDays: settings.letterValidityDays, caseReference: caseReference,
        transaction: transaction, now: now)
      return RegistrationReceipt(account: account, letter: letter)
    }
  }

  /// The identity-number rules of registration (and import), in order: a valid number, a kind this
  /// store's environment takes, not a 2032-rule number before 2032, and the MinID age rule.
  func eligibleNumber(_ text: String) throws -> IdentityNumber {
    let number = try IdentityNumber(text, rules: IdentityNumberRules(referenceDate: today))
    try checkEnvironment(number)
    if number.checksumRule == .rule2032, today < CalendarDate(year: 2032, month: 1, day: 1)! {
      throw RegistrationError.notYetIssued
    }
    guard let birthDate = number.date else { throw RegistrationError.kindCannotHoldMinID(number.kind) }
    guard MinIDAgeRule.isOldEnough(birthYear: birthDate.year, referenceYear: today.year) else {
      throw RegistrationError.tooYoung(firstYear: MinIDAgeRule.firstEligibleYear(birthYear: birthDate.year))
    }
    return number
  }

  /// A test store takes synthetic numbers only; a production store Folkeregister numbers only.
  func checkEnvironment(_ number: IdentityNumber) throws(RegistrationError) {
    switch settings.environment {
    case .production:
      if number.kind.isSynthetic { throw .syntheticInProduction(number.kind) }
      if !number.kind.isFolkeregisterNumber { throw .kindCannotHoldMinID(number.kind) }
    case .test:
      if !number.kind.isSynthetic {
        if number.kind == .fhNummer { throw .kindCannotHoldMinID(number.kind) }
        throw .realNumberInTestStore(number.kind)
      }
    }
  }

  /// Puts a letter in the outbox and records it, revoking any earlier letter; in the caller's transaction.
  func sendLetter(
    to account: Account, code: ActivationCode, validityDays: Int, caseReference: String?,
    transaction: any StoreTransaction, now: Timestamp
  ) throws -> LetterReceipt {
    let expiresAt = now.adding(days: validityDays)
    try transaction.revokeLetters(accountID: account.id, at: now)
    let address = account.address ?? ""
    let (letterID, outboxID) = try transaction.insertLetters(
      [
        LetterDraft(
          accountID: account.id, address: address, recipient: PostalAddress.singleLine(address), code: code,
          codeHash: code.hash(key: store.secrets.codeKey), expiresAt: expiresAt)
      ], at: now)[0]
    try transaction.audit(
      letterSentEntry(
        about: account, letterID: letterID, outboxID: outboxID, validityDays: validityDays,
        caseReference: caseReference), at: now)
    return LetterReceipt(
      letterID: letterID, outboxID: outboxID, expiresAt: expiresAt,
      code: settings.environment == .test ? code : nil)
  }

  /// The `letter.send` audit entry, the same for one letter and for each of an import's.
  func letterSentEntry(
    about account: Account, letterID: Int64, outboxID: Int64, validityDays: Int, caseReference: String?
  ) -> AuditDraft {
    AuditDraft(
      actor: actor, action: .letterSend, about: account, caseReference: caseReference,
      detail: "letter \(letterID), outbox \(outboxID), valid \(validityDays) days")
  }
}

extension AccountService {
  /// Sends a new activation letter, revoking the old one. Refused while a letter is still valid unless
  /// `force` (support's override, as Digdir's support can order a new letter early).
  public func resendLetter(pid text: String, force: Bool, caseReference: String?, dryRun: Bool = false) throws
    -> LetterReceipt
  {
    let pid = try checkedDigits(text)
    let caseReference = try CaseReference.check(caseReference)
    let code = ActivationCode(random: random)
    return try supportWrite(dryRun: dryRun) { transaction in
      let now = time.timestamp
      guard let account = try transaction.account(pid: pid) else { throw AccountError.notFound }
      try AccountLifecycle.check(.resendLetter, in: account.storedState)
      if let caseReference {
        try transaction.addCaseReference(accountID: account.id, reference: caseReference, at: now)
      }
      if !force,
        let valid = try transaction.letters(accountID: account.id).first(where: {
          $0.status(at: now) == .valid
        })
      {
        throw LetterError.letterOutstanding(until: valid.expiresAt)
      }
      let letter = try sendLetter(
        to: account, code: code, validityDays: settings.letterValidityDays, caseReference: caseReference,
        transaction: transaction, now: now)
      return dryRun ? LetterReceipt(dryRunUntil: letter.expiresAt) : letter
    }
  }
}
