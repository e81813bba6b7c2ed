/// A test user made by `testuser create`: everything a CI script needs, including the password, shown once.
public struct TestUser: Sendable {
  /// The active account made.
  public let account: Account
  /// The synthetic identity number.
  public let pid: String
  /// The generated password, shown once.
  public let password: Secret
  /// The birth date the number encodes.
  public let birthDate: CalendarDate
}

/// Refusals that depend on the store's environment.
public enum EnvironmentError: MinIDError, Equatable {
  case testStoreOnly(String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { "test_store_only" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .refused }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .testStoreOnly(let what): "\(what) works only in a test store"
    }
  }
}

extension AccountService {
  static let passwordAlphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

  /// Makes active test users with synthetic (Tenor) identity numbers and generated passwords: one
  /// transaction and audit trail per user. The passwords are hashed before each transaction.
  ///
  /// - Parameter progress: called after each user is made, with how many are made so far (for a progress
  ///   line: at the production cost, each user costs about half a second of scrypt).
  /// - Throws: ``EnvironmentError/testStoreOnly(_:)`` outside a test store; the field's error for a bad
  ///   phone, e-mail or address; store errors.
  public func createTestUsers(
    count: Int, age: Int?, phone: String, email: String?, address: String,
    progress: (Int) -> Void = { _ in }
  ) throws -> [TestUser] {
    guard settings.environment == .test else { throw EnvironmentError.testStoreOnly("testuser create") }
    let phone = try PhoneNumber(phone)
    let postal = try PostalAddress(address)
    let seed = random.bytes(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: seed), referenceDate: today)
    let hasher = PasswordHasher(parameters: settings.scrypt, random: random)
    var users: [TestUser] = []
    while users.count < count {
      let pid = try generator.generate(kind: .tenor, birthDate: age.map { .age($0) } ?? .ageBetween(18...80))
      let number = try IdentityNumber(pid, rules: IdentityNumberRules(referenceDate: today))
      guard let birthDate = number.date,
        MinIDAgeRule.isOldEnough(birthYear: birthDate.year, referenceYear: today.year)
      else {
        throw RegistrationError.tooYoung(
          firstYear: MinIDAgeRule.firstEligibleYear(birthYear: number.date?.year ?? 0))
      }
      let mail = try EmailAddress(email ?? "testuser-\(pid.suffix(5))-\(users.count + 1)@minid.test")
      let password = generatePassword(
        personal: .init(identityNumber: pid, birthDate: birthDate, phone: phone, email: mail))
      let hash = try hasher.hash(password)
      let created: Account? = try store.write { transaction in
        guard try transaction.account(pid: pid) == nil else { return nil }
        let now = time.timestamp
        var account = Account(
          id: 0, pid: pid, pseudonym: Account.newPseudonym(random: random), kind: number.kind, phone: phone,
          email: mail,
          address: postal.text, storedState: .active, passwordHash: hash.phc, createdAt: now, updatedAt: now,
          activatedAt: now)
        account.id = try transaction.insertAccount(account)
        try transaction.audit(
          AuditDraft(
            actor: actor, action: .testuserCreate, about: account,
            detail: "kind tenor; state active"),
          at: now)
        return account
      }
      if let created {
        users.append(TestUser(account: created, pid: pid, password: password, birthDate: birthDate))
        progress(users.count)
      }
    }
    return users
  }

  /// 20 characters from an unambiguous alphabet (about 117 bits), with a letter and a digit, that the
  /// policy accepts.
  func generatePassword(personal: PasswordPolicy.PersonalData) -> Secret {
    while true {
      let text = random.string(count: 20, from: Self.passwordAlphabet)
      let secret = Secret(text)
      if PasswordPolicy().violations(of: secret, personal: personal).isEmpty { return secret }
    }
  }
}
