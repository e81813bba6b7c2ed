/// A single sign-on session, as ID-porten keeps one (Digdir, «SSO»; decisions §8): made at a finished login,
/// it lets the same browser log in to other services without a password until it has been idle too long,
/// has lasted too long, or is ended (logout, support, or a change to the account). Kept in the store, so
/// every `minid serve` process on it honours and ends the same sessions.
///
/// The browser holds a random cookie; the store keeps only its keyed hash. The session's `id` is another
/// random value: the `sid` that ID tokens and logout tokens carry, which is never enough to use the session.
public struct SSOSession: Sendable, Equatable {
  /// The `sid`: 128 random bits, base64url.
  public let id: String
  /// The person's identity number.
  public let pid: String
  /// The MinID account; nil for a TestID login of a synthetic person without one.
  public let accountID: Int64?
  /// The level the login gave.
  public let acr: SecurityLevel
  /// How the person authenticated (`amr`, e.g. `Minid-OTC`).
  public let amr: [String]
  /// When the person logged in; kept by every login the session answers (OpenID Connect Core §2 `auth_time`).
  public let authTime: Timestamp
  /// When the session was made.
  public let createdAt: Timestamp
  /// The last authentication request the session answered (or its creation).
  public let lastUsedAt: Timestamp
  /// Seconds of inactivity after which the session is no longer used (the policy when it was made).
  public let idleSeconds: Int64
  /// The session's hard end: creation plus the policy's maximum.
  public let expiresAt: Timestamp
  /// When the session was ended; nil while it lives.
  public let endedAt: Timestamp?
  /// Why it was ended, in words: `logout by <client>`, `account blocked`, `support (<case>)`.
  public let endReason: String?
  /// The clients that got codes in the session, in the order they first did.
  public let clients: [String]

  /// A session with these fields, as the store keeps it.
  public init(
    id: String, pid: String, accountID: Int64?, acr: SecurityLevel, amr: [String], authTime: Timestamp,
    createdAt: Timestamp, lastUsedAt: Timestamp, idleSeconds: Int64, expiresAt: Timestamp,
    endedAt: Timestamp? = nil, endReason: String? = nil, clients: [String] = []
  ) {
    self.id = id
    self.pid = pid
    self.accountID = accountID
    self.acr = acr
    self.amr = amr
    self.authTime = authTime
    self.createdAt = createdAt
    self.lastUsedAt = lastUsedAt
    self.idleSeconds = idleSeconds
    self.expiresAt = expiresAt
    self.endedAt = endedAt
    self.endReason = endReason
    self.clients = clients
  }

  /// What a session is at a moment.
  public enum State: String, Sendable, Codable {
    case live
    /// Not used for `idleSeconds` (ID-porten: 30 minutes between authentication requests).
    case idle
    /// Past its maximum lifetime (ID-porten: 120 minutes).
    case expired
    case ended
  }

  /// Whether the session may answer a login at `now`: live, idle too long, past its maximum, or ended.
  public func state(at now: Timestamp) -> State {
    if endedAt != nil { return .ended }
    if now >= expiresAt { return .expired }
    if now.seconds >= lastUsedAt.seconds + idleSeconds { return .idle }
    return .live
  }

  /// The login the session stands for: what every code it answers carries.
  public var person: AuthenticatedPerson {
    AuthenticatedPerson(pid: pid, accountID: accountID, acr: acr, amr: amr, authTime: authTime)
  }
}

/// How long sessions last: ID-porten's 30 minutes idle and 120 minutes at most by default. A session keeps
/// the policy it was made under, so servers started with different policies still agree on each session.
public struct SessionPolicy: Sendable, Equatable {
  /// Seconds of inactivity after which a session is no longer used.
  public let idleSeconds: Int64
  /// Seconds after its creation at which a session ends, used or not.
  public let maximumSeconds: Int64

  /// ID-porten's: 30 minutes idle, 120 minutes at most (Digdir, «SSO»).
  public static let idPorten = SessionPolicy(checkedIdle: 1800, maximum: 7200)

  /// The longest session minid allows: a day.
  public static let longestMinutes = 1440

  private init(checkedIdle: Int64, maximum: Int64) {
    idleSeconds = checkedIdle
    maximumSeconds = maximum
  }

  /// - Parameters: minutes each; idle 1 to `maximumMinutes`, the maximum 1 to 1440.
  /// - Throws: `SessionError.policy` naming the rule.
  public init(idleMinutes: Int, maximumMinutes: Int) throws(SessionError) {
    guard (1...Self.longestMinutes).contains(maximumMinutes) else {
      throw .policy("session-max: must be 1 to \(Self.longestMinutes) minutes")
    }
    guard (1...maximumMinutes).contains(idleMinutes) else {
      throw .policy("session-idle: must be 1 minute to session-max (\(maximumMinutes) minutes)")
    }
    self.init(checkedIdle: Int64(idleMinutes) * 60, maximum: Int64(maximumMinutes) * 60)
  }
}

/// A session made at a login: the session, and the cookie value the browser is to hold (shown once; the
/// store keeps its keyed hash).
public struct StartedSession: Sendable {
  /// The session as stored.
  public let session: SSOSession
  /// 256 random bits, base64url.
  public let cookie: String
}

/// Refusals about sessions, each naming the rule.
public enum SessionError: MinIDError, Equatable {
  case policy(String)
  /// `session end --session` named no session of the person, or a prefix matching several.
  case notFound(String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .policy: "invalid_session_policy"
    case .notFound: "session_not_found"
    }
  }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .policy: .invalidInput
    case .notFound: .notFound
    }
  }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .policy(let rule): rule
    case .notFound(let why): "session: \(why)"
    }
  }
}
