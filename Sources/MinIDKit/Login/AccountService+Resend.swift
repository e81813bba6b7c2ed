extension AccountService {
  /// "Send a new code" on the SMS step: the attempt `loginID` is ended and a new one, with a new 5-digit
  /// code valid `loginCodeLifetime` seconds, goes to the same phone for the same service.
  ///
  /// Bounded as the forgotten-password codes are: at most `codeSendLimit` new codes per account in
  /// `codeSendWindow` seconds, counted from the audit trail (so every `minid serve` process on the store
  /// counts the same), because each one makes the person's phone buzz. A locked or blocked account, or an
  /// attempt already used, gets no code; nor does a login the person rejected in the MinID app, which has
  /// no SMS fallback (decisions §9, as `fallBackToSMS`). Audited as `login.resend`.
  /// - Returns: the new challenge: its `loginID` replaces the old one.
  /// - Throws: `LoginError.unknownAttempt`, `.attemptUsed`, `.tooManyCodeRequests`;
  ///   `SecondFactorError.rejected`; `AccountError.temporarilyLocked` or `.stateForbids`; `ServiceError`
  ///   for a service gone or level 4.
  public func resendLoginCode(loginID: String) throws -> LoginChallenge {
    let code = OneTimeCode.sms(random: random)
    let newID = LoginAttempt.newID(random: random)
    let outcome = try store.write { transaction -> Result<LoginChallenge, any Error> in
      let now = time.timestamp
      let (attempt, account) = try Self.attemptAndAccount(loginID, in: transaction)
      guard attempt.usedAt == nil else { return .failure(LoginError.attemptUsed) }
      guard try transaction.loginFactor(attemptID: loginID)?.decision != .reject else {
        return .failure(SecondFactorError.rejected)
      }
      guard let service = try transaction.service(clientID: attempt.clientID), service.level <= .substantial
      else { return .failure(ServiceError.notFound(attempt.clientID)) }
      // Nothing is sent while a refusal stands; each refusal is audited with why.
      if let refusal = try gate.refusalBeforeTrying(
        account, action: .login, auditAction: .loginResend, nothingDone: "nothing sent",
        transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      if let refusal = try gate.stateRefusal(
        account, action: .login, auditAction: .loginResend, transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      let recent = try transaction.auditTimes(
        accountID: account.id, pseudonym: account.pseudonym, action: .loginResend,
        since: now.adding(seconds: -Self.codeSendWindow))
      if recent.count >= Self.codeSendLimit {
        let retry = recent[recent.count - Self.codeSendLimit].adding(seconds: Self.codeSendWindow)
        try transaction.audit(
          AuditDraft(
            actor: "person", action: .loginResend, about: account, outcome: .refused,
            detail: "code_request_limit; nothing sent"),
          at: now)
        return .failure(LoginError.tooManyCodeRequests(retryAfter: retry))
      }
      guard try transaction.markLoginAttemptUsed(id: attempt.id, at: now) else {
        return .failure(LoginError.attemptUsed)
      }
      let outboxID = try transaction.insertMessage(
        Self.loginSMS(code, to: account.phone?.e164 ?? "", accountID: account.id, serviceName: service.name),
        at: now)
      let expiresAt = now.adding(seconds: Self.loginCodeLifetime)
      try transaction.insertLoginAttempt(
        LoginAttempt(
          id: newID, accountID: account.id, clientID: attempt.clientID,
          codeHash: code.hash(key: store.secrets.codeKey, purpose: "login", attempt: newID), createdAt: now,
          expiresAt: expiresAt, usedAt: nil, outboxID: outboxID))
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .loginResend, about: account,
          detail: "new sms code sent; earlier code ended; client \(attempt.clientID)"),
        at: now)
      return .success(
        smsChallenge(
          loginID: newID, clientID: attempt.clientID, account: account, expiresAt: expiresAt, code: code))
    }
    return try outcome.get()
  }

  /// Where the code of the login attempt `loginID` went and when it expires, for a page shown again (in
  /// another language, say); nil for an unknown or used attempt. Reveals only the masked phone.
  public func pendingChallenge(loginID: String) throws -> LoginChallenge? {
    try store.read { transaction in
      guard let attempt = try transaction.loginAttempt(id: loginID), attempt.usedAt == nil,
        let account = try transaction.account(id: attempt.accountID)
      else { return nil }
      return LoginChallenge(
        loginID: attempt.id, clientID: attempt.clientID, maskedPhone: account.phone?.masked ?? "",
        expiresAt: attempt.expiresAt)
    }
  }
}
