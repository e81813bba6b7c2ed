/// What a store is and how it behaves: fixed at `minid init` (decisions §3).
public struct StoreSettings: Sendable, Equatable {
  /// Test or production, fixed at `init` (decisions §3).
  public var environment: StoreEnvironment
  /// The issuer URL for tokens, without a trailing slash.
  public var issuer: String
  /// How long a new activation letter is valid.
  public var letterValidityDays: Int
  /// How long the letter sent by a support reset is valid.
  public var resetLetterValidityDays: Int
  /// Consecutive failures that lock an account for a while.
  public var lockoutThreshold: Int
  /// How long the first lock lasts; each further consecutive lock lasts twice as long (at most a week).
  public var lockoutMinutes: Int
  /// Consecutive lock periods after which the account is blocked until support unlocks it; with the
  /// threshold at most 100 consecutive failures (NIST SP 800-63B §5.2.2).
  public var lockoutPeriodsBeforeBlock: Int
  /// scrypt cost for new password hashes.
  public var scrypt: ScryptParameters
  /// When the store was made.
  public var createdAt: Timestamp

  /// Settings with these values; the defaults are the issue's (60-day letters, 5 attempts, 60-minute
  /// locks, 10 periods before a block).
  public init(
    environment: StoreEnvironment, issuer: String, letterValidityDays: Int = 60,
    resetLetterValidityDays: Int = 10,
    lockoutThreshold: Int = 5, lockoutMinutes: Int = 60, lockoutPeriodsBeforeBlock: Int = 10,
    scrypt: ScryptParameters = .recommended, createdAt: Timestamp
  ) {
    self.environment = environment
    self.issuer = issuer
    self.letterValidityDays = letterValidityDays
    self.resetLetterValidityDays = resetLetterValidityDays
    self.lockoutThreshold = lockoutThreshold
    self.lockoutMinutes = lockoutMinutes
    self.lockoutPeriodsBeforeBlock = lockoutPeriodsBeforeBlock
    self.scrypt = scrypt
    self.createdAt = createdAt
  }

  /// The most consecutive failures any store allows before it blocks an account (NIST SP 800-63B §5.2.2).
  public static let maximumConsecutiveFailures = 100

  /// Checks the lockout settings: a threshold of 1 to 100, 1 to 10,080 minutes, at least one period, and
  /// threshold × periods at most `maximumConsecutiveFailures`.
  /// - Throws: `StoreError.invalidSetting` naming the setting and the rule.
  public func checkLockout() throws(StoreError) {
    guard (1...Self.maximumConsecutiveFailures).contains(lockoutThreshold) else {
      throw .invalidSetting("lockout attempts: must be 1 to \(Self.maximumConsecutiveFailures)")
    }
    guard (1...AuthenticationGate.longestLockMinutes).contains(lockoutMinutes) else {
      throw .invalidSetting("lockout minutes: must be 1 to \(AuthenticationGate.longestLockMinutes)")
    }
    guard lockoutPeriodsBeforeBlock >= 1,
      lockoutThreshold * lockoutPeriodsBeforeBlock <= Self.maximumConsecutiveFailures
    else {
      throw .invalidSetting(
        "lockout periods: must be at least 1, and attempts × periods at most "
          + "\(Self.maximumConsecutiveFailures) consecutive failures (NIST SP 800-63B §5.2.2); "
          + "with \(lockoutThreshold) attempts, at most \(Self.maximumConsecutiveFailures / lockoutThreshold) periods"
      )
    }
  }

  /// Every setting as a name and the text the store keeps for it (the `store_info` rows), in a fixed
  /// order: the one list both the store and the audit trail's settings record (`SettingsRecord`) use, so
  /// a setting added here is stored and recorded alike.
  public var recordedValues: [(name: String, value: String)] {
    [
      ("environment", environment.rawValue), ("issuer", issuer),
      ("letter_validity_days", String(letterValidityDays)),
      ("reset_letter_validity_days", String(resetLetterValidityDays)),
      ("lockout_threshold", String(lockoutThreshold)), ("lockout_minutes", String(lockoutMinutes)),
      ("lockout_periods_before_block", String(lockoutPeriodsBeforeBlock)),
      ("scrypt", scrypt.description), ("created_at", String(createdAt.seconds)),
    ]
  }

  /// The default issuer of a test store: a name under `.test`, which never resolves on the internet.
  public static let defaultTestIssuer = "https://minid.test"

  /// The characters a path segment of an issuer may hold: RFC 3986's unreserved ones, so a segment is
  /// also a safe directory name for `discovery --write-dir`.
  static let issuerPathCharacters = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

  /// Checks an issuer URL and drops a trailing slash, as ID-porten's issuer has none. Accepted, exactly:
  /// `https://HOST[:PORT][/PATH]`, or `http://` when HOST is `localhost`, `127.0.0.1` or `[::1]`; no user
  /// name, query, fragment or space; PORT 1–65535; PATH segments non-empty, made of letters, digits and
  /// `-._~`, and not `.` or `..`; at most 200 characters in all.
  /// - Throws: `StoreError.invalidSetting` naming the rule broken.
  public static func normalizedIssuer(_ text: String) throws(StoreError) -> String {
    var issuer = text
    while issuer.hasSuffix("/") { issuer.removeLast() }
    guard issuer.count <= 200, !issuer.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace }) else {
      throw .invalidSetting("issuer: must be a URL without query, fragment or spaces, at most 200 characters")
    }
    let lower = issuer.lowercased()
    let secure = lower.hasPrefix("https://")
    guard secure || lower.hasPrefix("http://") else {
      throw .invalidSetting("issuer: must start with https:// (http:// only for localhost)")
    }
    let rest = issuer.dropFirst(secure ? 8 : 7)
    let authority = rest.prefix { $0 != "/" }
    guard !authority.contains("@") else { throw .invalidSetting("issuer: must not hold a user name") }
    var host = Substring(authority)
    if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
      host = authority[..<colon]
      guard let port = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(port) else {
        throw .invalidSetting("issuer: the port must be a number from 1 to 65535")
      }
    }
    guard !host.isEmpty else { throw .invalidSetting("issuer: has no host") }
    guard secure || ["localhost", "127.0.0.1", "[::1]"].contains(host.lowercased()) else {
      throw .invalidSetting(
        "issuer: must start with https:// (http:// only for localhost, 127.0.0.1 or [::1])")
    }
    _ = try issuerPath(issuer)
    return issuer
  }

  /// The path segments of a (normalized) issuer: `["idp"]` for `http://localhost:8080/idp`, none for an
  /// issuer at a host's root. `discovery --write-dir` publishes the issuer's documents under them.
  /// - Throws: `StoreError.invalidSetting` for an empty, `.` or `..` segment, or one with other characters
  ///   than letters, digits and `-._~`.
  public static func issuerPath(_ issuer: String) throws(StoreError) -> [String] {
    guard let scheme = issuer.range(of: "://") else { throw .invalidSetting("issuer: has no scheme") }
    let afterScheme = issuer[scheme.upperBound...]
    guard let slash = afterScheme.firstIndex(of: "/") else { return [] }
    let segments = afterScheme[afterScheme.index(after: slash)...].split(
      separator: "/", omittingEmptySubsequences: false)
    for segment in segments {
      guard !segment.isEmpty, segment != ".", segment != "..",
        segment.allSatisfy({ issuerPathCharacters.contains($0) })
      else {
        throw .invalidSetting(
          "issuer: each path segment must be letters, digits or -._~, not empty, '.' or '..'")
      }
    }
    return segments.map(String.init)
  }
}

/// The keys a store makes at `minid init`; kept in the store, never printed.
public struct StoreSecrets: Sendable {
  /// Keys the account pseudonym in the audit trail (HMAC of the identity number).
  public let pseudonymKey: [UInt8]
  /// Keys the hashes of letter codes and one-time codes.
  public let codeKey: [UInt8]
  /// Keys the pairwise `sub` claim per client.
  public let subjectKey: [UInt8]

  /// Settings with these values; the defaults are the issue's (60-day letters, 5 attempts, 60-minute
  /// locks, 10 periods before a block).
  public init(pseudonymKey: [UInt8], codeKey: [UInt8], subjectKey: [UInt8]) {
    self.pseudonymKey = pseudonymKey
    self.codeKey = codeKey
    self.subjectKey = subjectKey
  }

  /// Three new 32-byte keys from `random`.
  public static func generate(random: any RandomSource) -> StoreSecrets {
    StoreSecrets(pseudonymKey: random.bytes(32), codeKey: random.bytes(32), subjectKey: random.bytes(32))
  }

  /// The pairwise `sub` of a person for one client: the same for that client every time, different between
  /// clients, and not the identity number (base64url HMAC-SHA-256 under the subject key over the client id,
  /// a NUL and the number; OpenID Connect Core §8.1).
  public func pairwiseSubject(clientID: String, pid: String) -> String {
    Base64.encode(
      Digest.hmacSHA256(key: subjectKey, Array(clientID.utf8) + [0] + Array(pid.utf8)), urlSafe: true)
  }

  /// The pseudonym of an identity number that has no account: base64url HMAC-SHA-256, 43 characters. The
  /// audit trail files attempts with unknown numbers under it; accounts have random pseudonyms of their own
  /// (`Account.newPseudonym`).
  public func pseudonym(of pid: String) -> String {
    Base64.encode(Digest.hmacSHA256(key: pseudonymKey, Array(pid.utf8)), urlSafe: true)
  }
}
