/// What a new store holds from its first moment (settings, secrets, the first audit entries), and how an
/// opened store reads them back: the same rows on every SQL backend.
enum SQLStoreSetup {
  /// Inserts the settings, the secrets, the `store.init` and `settings.change` audit entries and the first
  /// signing key with its `key.add` and `key.activate` entries; call inside the creating transaction.
  static func writeInitialRows<C: SQLConnection>(
    _ connection: C, settings: StoreSettings, secrets: StoreSecrets, actor: AuditActor,
    signingKey: SigningKey?
  ) throws {
    for (key, value) in settings.recordedValues {
      try connection.run("INSERT INTO store_info (key, value) VALUES (?, ?)", [.text(key), .text(value)])
    }
    for (name, value) in [
      ("pseudonym_key", secrets.pseudonymKey), ("code_key", secrets.codeKey),
      ("subject_key", secrets.subjectKey),
    ] {
      try connection.run("INSERT INTO store_secret (name, value) VALUES (?, ?)", [.text(name), .blob(value)])
    }
    let transaction = SQLStoreTransaction(connection: connection)
    try transaction.audit(
      AuditDraft(
        actor: actor, action: .storeInit,
        detail: "environment \(settings.environment.rawValue), issuer \(settings.issuer)"),
      at: settings.createdAt)
    if let detail = SettingsRecord.detail(from: nil, to: settings) {
      try transaction.audit(
        AuditDraft(actor: actor, action: .settingsChange, detail: detail), at: settings.createdAt)
    }
    if let signingKey {
      try KeyService.add(signingKey, in: transaction, actor: actor, at: settings.createdAt)
    }
  }

  /// The settings and secrets written by `writeInitialRows`, as they are now.
  /// - Throws: `StoreError.notAStore` when they are missing or unreadable.
  static func loadConfiguration<C: SQLConnection>(_ connection: C) throws -> (StoreSettings, StoreSecrets) {
    var info: [String: String] = [:]
    try connection.query("SELECT key, value FROM store_info") { info[$0.text(0)] = $0.text(1) }
    var keys: [String: [UInt8]] = [:]
    try connection.query("SELECT name, value FROM store_secret") { keys[$0.text(0)] = $0.blob(1) }
    func number(_ key: String) throws -> Int {
      guard let value = info[key].flatMap(Int.init) else {
        throw StoreError.notAStore(path: connection.location)
      }
      return value
    }
    guard let environment = info["environment"].flatMap(StoreEnvironment.init(rawValue:)),
      let issuer = info["issuer"], let scryptText = info["scrypt"], let scrypt = parseScrypt(scryptText),
      let pseudonymKey = keys["pseudonym_key"], let codeKey = keys["code_key"],
      let subjectKey = keys["subject_key"]
    else { throw StoreError.notAStore(path: connection.location) }
    let settings = StoreSettings(
      environment: environment, issuer: issuer, letterValidityDays: try number("letter_validity_days"),
      resetLetterValidityDays: try number("reset_letter_validity_days"),
      lockoutThreshold: try number("lockout_threshold"), lockoutMinutes: try number("lockout_minutes"),
      // Stores made before escalation existed get the default: ten periods.
      lockoutPeriodsBeforeBlock: info["lockout_periods_before_block"] == nil
        ? 10 : try number("lockout_periods_before_block"),
      scrypt: scrypt, createdAt: Timestamp(seconds: Int64(try number("created_at"))))
    return (settings, StoreSecrets(pseudonymKey: pseudonymKey, codeKey: codeKey, subjectKey: subjectKey))
  }

  static func parseScrypt(_ text: String) -> ScryptParameters? {
    let values = text.split(separator: ",").compactMap { $0.split(separator: "=").last.flatMap { Int($0) } }
    guard values.count == 3 else { return nil }
    return ScryptParameters(ln: values[0], r: values[1], p: values[2])
  }
}
