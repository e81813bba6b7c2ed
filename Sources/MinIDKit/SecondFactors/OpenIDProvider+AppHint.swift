extension OpenIDProvider {
  /// The `login_hint` prefix of a headless app login (`minid-app:<pid>`).
  public static let appHintPrefix = "minid-app:"

  /// A headless MinID app login for CI, in a test store only (decisions §9): `login_hint=minid-app:<pid>`
  /// answers `/authorize` at once with a code, as if the person had given the password and approved in
  /// the app, `amr ["Minid-APP"]`, audited as such (`oidc.authorize`). The number must be synthetic and
  /// its account enrolled with the app and in a state that may log in; a production store refuses.
  /// - Returns: nil when the request has no such hint.
  /// - Throws: `OAuthError` `access_denied` in a production store, for an account without the app or one
  ///   that may not log in; `invalid_request` for a number that is not a valid synthetic one.
  public func appHintLogin(_ request: AuthorizationRequest) throws -> String? {
    guard let hint = request.loginHint, hint.hasPrefix(Self.appHintPrefix) else { return nil }
    guard store.settings.environment == .test else {
      throw OAuthError("access_denied", "login_hint minid-app: exists only in a test store")
    }
    let report = IdentityNumberValidator(referenceDate: time.today()).check(
      String(hint.dropFirst(Self.appHintPrefix.count)))
    guard report.isValid, let digits = report.digits, report.kind?.isSynthetic == true else {
      throw OAuthError.invalidRequest("login_hint: minid-app:<11-digit synthetic number>")
    }
    guard request.acr <= .substantial else {
      throw OAuthError("access_denied", "the MinID app is level 3 (idporten-loa-substantial)")
    }
    return try store.write { transaction in
      let now = time.timestamp
      guard let account = try transaction.account(pid: digits),
        try transaction.appDevice(accountID: account.id) != nil,
        AccountLifecycle.allows(.login, in: account.state(at: now))
      else {
        throw OAuthError(
          "access_denied", "login_hint minid-app: the person has no MinID app or may not log in")
      }
      try transaction.markAppDeviceUsed(accountID: account.id, at: now)
      return try issueCode(
        for: request,
        person: AuthenticatedPerson(
          pid: digits, accountID: account.id, acr: .substantial, amr: ["Minid-APP"], authTime: now),
        in: transaction)
    }
  }
}
