/// A login waiting for the MinID app, as the device sees it: what `minid app pending` lists and what an
/// approval signs.
public struct PendingApproval: Sendable, Equatable, Encodable {
  /// The login attempt's id.
  public let attempt: String
  /// The nonce the approval signs with the id.
  public let nonce: String
  /// The service's name, shown to the person.
  public let service: String
  /// When the login stops waiting.
  public let expiresAt: Timestamp
  /// The provider's issuer: the approval's `aud`.
  public let issuer: String
}

extension AccountService {
  /// The logins waiting for the device with this public key, oldest first (the simulated push).
  /// - Throws: `SecondFactorError.unknownDevice` when no account has the device enrolled.
  public func pendingApprovals(device publicKey: JSONWebKey) throws -> [PendingApproval] {
    try store.read { transaction in
      guard let device = try transaction.appDevice(deviceID: publicKey.thumbprint),
        device.publicKey.thumbprint == publicKey.thumbprint
      else { throw SecondFactorError.unknownDevice }
      return try transaction.pendingApprovals(accountID: device.accountID, now: time.timestamp).map {
        factor, _ in
        PendingApproval(
          attempt: factor.attemptID, nonce: factor.nonce ?? "", service: factor.serviceName ?? "",
          expiresAt: factor.approvalExpiresAt ?? time.timestamp, issuer: settings.issuer)
      }
    }
  }

  /// Records the device's signed answer to one waiting login (decisions §9). The JWS must verify under the
  /// key enrolled on the account whose login it is (its `kid` the device id), name this provider as `aud`,
  /// carry the attempt's id and nonce, and have an `iat` within `AppApproval.leeway` of the store's clock.
  /// It acts once: a second answer, a replay of the same one, or an answer after the person chose SMS is
  /// refused. Every answer and refusal about a known account is audited (`login.approve`).
  /// - Returns: the decision recorded.
  /// - Throws: `SecondFactorError.unknownDevice`, `.badApproval`, `.approvalUsed`, `.approvalExpired`,
  ///   `.notAnApprovalAttempt`.
  @discardableResult
  public func decideApproval(_ jws: String) throws -> LoginFactor.Decision {
    guard let deviceID = AppApproval.claimedDevice(jws),
      let device = try store.read({ try $0.appDevice(deviceID: deviceID) })
    else { throw SecondFactorError.unknownDevice }
    guard let account = try store.read({ try $0.account(id: device.accountID) }) else {
      throw AccountError.notFound
    }
    let claims: AppApproval.Claims
    do {
      claims = try AppApproval.verify(jws, device: device)
      guard claims.aud == settings.issuer else {
        throw SecondFactorError.badApproval("aud must be this provider's issuer \(settings.issuer)")
      }
      let now = time.timestamp.seconds
      guard abs(claims.iat - now) <= AppApproval.leeway else {
        throw SecondFactorError.badApproval(
          "iat must be within \(AppApproval.leeway) seconds of the provider's clock")
      }
    } catch let error as SecondFactorError {
      try auditRefusal(account, action: .loginApprove, error: error)
    }
    let outcome = try store.write { transaction -> Result<LoginFactor.Decision, SecondFactorError> in
      let now = time.timestamp
      guard let attempt = try transaction.loginAttempt(id: claims.attempt),
        attempt.accountID == device.accountID, let factor = try transaction.loginFactor(attemptID: attempt.id)
      else {
        return .failure(.badApproval("the attempt is not a login of the device's account"))
      }
      guard factor.method == .app else { return .failure(.notAnApprovalAttempt) }
      guard let nonce = factor.nonce, Digest.constantTimeEqual(Array(nonce.utf8), Array(claims.nonce.utf8))
      else { return .failure(.badApproval("the nonce is not the attempt's")) }
      guard factor.decision == nil, factor.smsFallbackAt == nil, attempt.usedAt == nil else {
        return .failure(.approvalUsed)
      }
      if let expiry = factor.approvalExpiresAt, expiry <= now { return .failure(.approvalExpired(expiry)) }
      guard try transaction.decideApproval(attemptID: attempt.id, decision: claims.decision, at: now) else {
        return .failure(.approvalUsed)
      }
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .loginApprove, about: account,
          outcome: .ok,
          detail: "\(claims.decision == .approve ? "approved" : "rejected") in the MinID app; device "
            + "\(device.deviceID); client \(attempt.clientID)"),
        at: now)
      return .success(claims.decision)
    }
    switch outcome {
    case .success(let decision): return decision
    case .failure(let error): try auditRefusal(account, action: .loginApprove, error: error)
    }
  }

  /// Approves a waiting app login without a device, for CI on a test store only (`minid serve
  /// --auto-approve-app`): audited as such. A production store refuses (decisions §9).
  /// - Throws: `SecondFactorError.autoApproveInProduction`, `.notAnApprovalAttempt`, `.approvalUsed`;
  ///   `LoginError.unknownAttempt`.
  public func autoApprove(loginID: String) throws {
    guard settings.environment == .test else { throw SecondFactorError.autoApproveInProduction }
    let outcome = try store.write { transaction -> Result<Void, any Error> in
      let now = time.timestamp
      let (attempt, account) = try Self.attemptAndAccount(loginID, in: transaction)
      guard try transaction.loginFactor(attemptID: loginID)?.method == .app else {
        return .failure(SecondFactorError.notAnApprovalAttempt)
      }
      guard try transaction.decideApproval(attemptID: loginID, decision: .approve, at: now) else {
        return .failure(SecondFactorError.approvalUsed)
      }
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .loginApprove, about: account,
          detail: "approved automatically (test store, --auto-approve-app); client \(attempt.clientID)"),
        at: now)
      return .success(())
    }
    try outcome.get()
  }

  /// The second factor a login waits for now: `.app`, `.totp`, or nil for the SMS code (also after the
  /// person chose SMS instead), so a front end knows whether to ask for a code and which.
  /// - Throws: `LoginError.unknownAttempt`.
  public func waitingFactor(loginID: String) throws -> LoginFactor.Method? {
    try store.read { transaction in
      guard try transaction.loginAttempt(id: loginID) != nil else { throw LoginError.unknownAttempt }
      guard let factor = try transaction.loginFactor(attemptID: loginID), factor.smsFallbackAt == nil else {
        return nil
      }
      return factor.method
    }
  }

  /// When a login's app approval stops waiting.
  /// - Throws: `SecondFactorError.notAnApprovalAttempt` for a login that waits for no approval.
  public func approvalExpiry(loginID: String) throws -> Timestamp {
    guard let expiry = try store.read({ try $0.loginFactor(attemptID: loginID) })?.approvalExpiresAt else {
      throw SecondFactorError.notAnApprovalAttempt
    }
    return expiry
  }

  /// Where a login waiting for the app stands, for a page that polls: nil while it waits.
  /// - Returns: `.approve` or `.reject` once decided; throws `approvalExpired` once the time ran out.
  public func approvalStatus(loginID: String) throws -> LoginFactor.Decision? {
    let now = time.timestamp
    guard let factor = try store.read({ try $0.loginFactor(attemptID: loginID) }), factor.method == .app,
      factor.smsFallbackAt == nil
    else { throw SecondFactorError.notAnApprovalAttempt }
    if let decision = factor.decision { return decision }
    if let expiry = factor.approvalExpiresAt, expiry <= now {
      throw SecondFactorError.approvalExpired(expiry)
    }
    return nil
  }

  /// The person chose the SMS code instead of the app or the code generator (or the app's time ran out):
  /// a 5-digit code goes out by SMS for the same attempt, valid 5 minutes, and the attempt finishes with
  /// it (`amr` `Minid-OTC`). The password was checked when the attempt began; a login rejected in the app
  /// cannot fall back, and a locked, blocked or closed account gets nothing (audited).
  /// - Throws: `LoginError.unknownAttempt`, `.attemptUsed`, `.attemptExpired`;
  ///   `SecondFactorError.notAnApprovalAttempt` (an SMS login already), `.rejected`;
  ///   `AccountError.temporarilyLocked` or `.stateForbids`.
  public func fallBackToSMS(loginID: String) throws -> LoginChallenge {
    let code = OneTimeCode.sms(random: random)
    let outcome = try store.write { transaction -> Result<LoginChallenge, any Error> in
      let now = time.timestamp
      let (attempt, account) = try Self.attemptAndAccount(loginID, in: transaction)
      guard let factor = try transaction.loginFactor(attemptID: loginID), factor.smsFallbackAt == nil else {
        return .failure(SecondFactorError.notAnApprovalAttempt)
      }
      guard factor.decision != .reject else { return .failure(SecondFactorError.rejected) }
      guard attempt.usedAt == nil else { return .failure(LoginError.attemptUsed) }
      guard attempt.expiresAt > now else { return .failure(LoginError.attemptExpired(attempt.expiresAt)) }
      // As for "Send a new code": nothing goes to an account locked or blocked since the password step.
      if let refusal = try gate.refusalBeforeTrying(
        account, action: .login, auditAction: .loginStart, nothingDone: "nothing sent",
        transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      let serviceName = try transaction.service(clientID: attempt.clientID)?.name ?? attempt.clientID
      let outboxID = try transaction.insertMessage(
        Self.loginSMS(code, to: account.phone?.e164 ?? "", accountID: account.id, serviceName: serviceName),
        at: now)
      let expiresAt = now.adding(seconds: Self.loginCodeLifetime)
      guard
        try transaction.fallBackToSMS(
          attemptID: loginID,
          codeHash: code.hash(key: store.secrets.codeKey, purpose: "login", attempt: loginID),
          expiresAt: expiresAt, outboxID: outboxID, at: now)
      else { throw LoginError.attemptUsed }
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .loginStart, about: account,
          detail: "sms code sent instead of the \(factor.method == .app ? "MinID app" : "code generator"); "
            + "client \(attempt.clientID)"),
        at: now)
      return .success(
        smsChallenge(
          loginID: loginID, clientID: attempt.clientID, account: account, expiresAt: expiresAt, code: code))
    }
    return try outcome.get()
  }

  /// A waiting app login, checked before it may finish: approved goes on; rejected, expired and still
  /// waiting stop here (the first two audited).
  func checkApproval(_ factor: LoginFactor, account: Account, now: Timestamp) throws {
    switch factor.decision {
    case .approve: return
    case .reject: try auditRefusal(account, action: .loginFinish, error: SecondFactorError.rejected)
    case nil:
      let expiry = factor.approvalExpiresAt ?? now
      if expiry <= now {
        try auditRefusal(account, action: .loginFinish, error: SecondFactorError.approvalExpired(expiry))
      }
      // Not audited: a page polls this every few seconds while the person finds their phone.
      throw SecondFactorError.approvalPending(expiry)
    }
  }

  /// Sends the same notice by SMS and e-mail (protection against identity theft, as for a changed phone).
  func notifyBothChannels(
    _ transaction: any StoreTransaction, account: Account, _ notice: Notices.Text, now: Timestamp
  ) throws {
    if let phone = account.phone {
      try transaction.insertMessage(
        OutboxDraft(accountID: account.id, kind: .sms, recipient: phone.e164, notice), at: now)
    }
    if let email = account.email {
      try transaction.insertMessage(
        OutboxDraft(accountID: account.id, kind: .email, recipient: email.address, Notices.asEmail(notice)),
        at: now)
    }
  }
}
