/// An electronic ID the login pages can offer (ID-porten's e-ID choice, A.9).
public enum ElectronicID: String, Sendable, CaseIterable {
  /// MinID: level 3 (`idporten-loa-substantial`) only.
  case minid
  /// TestID: synthetic people at a level the tester picks, in a test store only.
  case testid
}

extension OpenIDProvider {
  /// The e-IDs that can meet `request` in this store: MinID when the request needs no more than
  /// `idporten-loa-substantial`, TestID in a test store (never in production). Empty for a level-4
  /// request in production: only BankID, Buypass ID and Commfides reach level 4, and they are not here.
  public func electronicIDs(for request: AuthorizationRequest) -> [ElectronicID] {
    var offered: [ElectronicID] = []
    if request.acr <= .substantial { offered.append(.minid) }
    if store.settings.environment == .test { offered.append(.testid) }
    return offered
  }

  /// The e-ID to go straight to: ID-porten skips the choice when the client's `acr_values` leaves one
  /// e-ID (A.9); nil when the person chooses (no `acr_values`, several e-IDs, or none).
  public func skipsChoice(_ request: AuthorizationRequest) -> ElectronicID? {
    let offered = electronicIDs(for: request)
    guard request.acrValuesGiven, offered.count == 1 else { return nil }
    return offered[0]
  }

  /// The anti-forgery token every form of the login pages carries: an HMAC, under a key kept in the store,
  /// of the login's id and the browser's cookie, so any `minid serve` process on the store checks it
  /// without memory of its own, and a form built elsewhere (cross-site) cannot carry it.
  /// - Returns: 43 base64url characters.
  public func formToken(login: String, browserSecret: String) -> String {
    Base64.encode(
      Digest.hmacSHA256(
        key: store.secrets.codeKey, Array("login-page-form\u{0}\(login)\u{0}\(browserSecret)".utf8)),
      urlSafe: true)
  }

  /// Whether `token` is the form token of `login` in the browser holding `browserSecret`: a form posted
  /// without it, or built on another site, is refused before anything else is read.
  public func formTokenMatches(_ token: String?, login: String, browserSecret: String?) -> Bool {
    guard let token, let browserSecret else { return false }
    return Digest.constantTimeEqual(
      Array(token.utf8), Array(formToken(login: login, browserSecret: browserSecret).utf8))
  }

  /// The token that binds a login attempt (`AccountService.startLogin`'s `loginID`) to the login in
  /// progress and the browser that began it: an HMAC, under the store's key, of the three. Every page step
  /// that names an attempt (the SMS code, a new code, SMS instead of the app, the code generator's code, the
  /// app's poll and status) carries it, so an attempt id learnt elsewhere (a proxy's log of the poll URL,
  /// `minid app pending`) cannot be finished in another browser or under another login. Stateless, like
  /// `formToken`, so any `minid serve` process on the store checks it.
  /// - Returns: 43 base64url characters.
  public func attemptToken(login: String, attempt: String, browserSecret: String) -> String {
    Base64.encode(
      Digest.hmacSHA256(
        key: store.secrets.codeKey,
        Array("login-page-attempt\u{0}\(login)\u{0}\(attempt)\u{0}\(browserSecret)".utf8)),
      urlSafe: true)
  }

  /// Whether `token` is the attempt token of `attempt` in the login `login` of the browser holding
  /// `browserSecret`: a step naming an attempt without it, or with another browser's or login's, is refused
  /// before any code is checked or any approval used.
  public func attemptTokenMatches(
    _ token: String?, login: String, attempt: String, browserSecret: String?
  ) -> Bool {
    guard let token, let browserSecret else { return false }
    return Digest.constantTimeEqual(
      Array(token.utf8),
      Array(attemptToken(login: login, attempt: attempt, browserSecret: browserSecret).utf8))
  }

  /// The person pressed Cancel: the login is used up and the client hears `access_denied` (with `state`
  /// and `iss`), as ID-porten answers a cancelled login. Audited.
  /// - Throws: `OAuthError` when the login was completed or cancelled already.
  public func cancelLogin(id: String) throws -> AuthorizationResponse {
    let request = try store.write { transaction in
      guard let stored = try transaction.authorizationRequest(id: id),
        try transaction.markAuthorizationRequestUsed(id: id, at: time.timestamp)
      else {
        throw OAuthError.notRedirectable("invalid_request", "this login has already been completed")
      }
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .oidcCancel, outcome: .refused,
          detail: "login cancelled on the pages; client \(stored.request.clientID)"),
        at: time.timestamp)
      return stored.request
    }
    return errorResponse(
      OAuthError("access_denied", "the person cancelled the login"), redirectURI: request.redirectURI,
      state: request.state, mode: request.responseMode)
  }

  /// TestID on the pages: the tester names a synthetic person (or asks for a new one, nil) and a level;
  /// the login in progress ends with a code, as the headless `login_hint` does, and the browser's single
  /// sign-on session starts (`policy` its limits, `previousCookie` the session cookie it sent, which is
  /// ended). Test store only.
  /// - Returns: the request, its code and the started session (its cookie for the browser).
  /// - Throws: `OAuthError` `access_denied` in a production store or for a level below the request's;
  ///   `invalid_request` for a number that is not a valid synthetic one, or a login already used.
  public func finishTestIDLogin(
    id: String, pid: String?, level: SecurityLevel, policy: SessionPolicy = .idPorten,
    previousCookie: String? = nil
  ) throws -> (request: AuthorizationRequest, code: String, session: StartedSession) {
    guard store.settings.environment == .test else {
      throw OAuthError("access_denied", "TestID exists only in a test store")
    }
    let digits: String
    if let pid {
      let report = IdentityNumberValidator(referenceDate: time.today()).check(pid)
      guard report.isValid, let valid = report.digits, report.kind?.isSynthetic == true else {
        throw OAuthError.invalidRequest("TestID takes a valid synthetic identity number (Tenor)")
      }
      digits = valid
    } else {
      let seed = random.bytes(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
      var generator = IdentityNumberGenerator(
        random: SeededRandomNumberGenerator(seed: seed), referenceDate: time.today())
      digits = try generator.generate(kind: .tenor, birthDate: .ageBetween(18...80))
    }
    return try store.write { transaction in
      guard let stored = try transaction.authorizationRequest(id: id) else {
        throw OAuthError.notRedirectable("invalid_request", "this login has expired; start again")
      }
      guard level >= stored.request.acr else {
        throw OAuthError(
          "access_denied", "the level chosen is below the \(stored.request.acr.rawValue) asked for")
      }
      guard try transaction.markAuthorizationRequestUsed(id: id, at: time.timestamp) else {
        throw OAuthError.notRedirectable("invalid_request", "this login has already been completed")
      }
      let account = try transaction.account(pid: digits)
      let person = AuthenticatedPerson(
        pid: digits, accountID: account?.id, acr: level, amr: ["TestID"], authTime: time.timestamp)
      // A TestID login on the pages starts the browser's single sign-on session, as a MinID login does.
      let started = try startSession(
        for: person, policy: policy, previousCookie: previousCookie, in: transaction)
      return (
        stored.request,
        try issueCode(for: stored.request, person: person, sessionID: started.session.id, in: transaction),
        started
      )
    }
  }
}
