/// A MinID app device enrolled: the account as activation left it, the device, and the device it replaced.
public struct DeviceEnrollment: Sendable {
  /// The account, activated.
  public let account: Account
  /// The device now enrolled.
  public let device: AppDevice
  /// The account's previous device, now unusable; its owner was told by SMS and e-mail.
  public let replaced: AppDevice?
}

extension AccountService {
  /// Enrols a MinID app device, as scanning the activation letter's QR code and choosing a password does
  /// (decisions §9): the letter's code is checked and used up exactly as `activate` does it (single use,
  /// the same lockout, the same answers), the password set, and the device's public key stored as the
  /// account's one device. A device enrolled before is replaced, and the person is told by SMS and e-mail
  /// (protection against identity theft). Audited as `app.enroll`.
  /// - Parameter device: the device's public key (P-256); its private half never reaches the store.
  /// - Throws: as `activate`.
  public func enrollDevice(pid: String, code: String, password: Secret, device: JSONWebKey) throws
    -> DeviceEnrollment
  {
    var enrolled: AppDevice?
    var replaced: AppDevice?
    let account = try activate(pid: pid, code: code, password: password, auditAction: .appEnroll) {
      account, transaction, now in
      let fresh = AppDevice(
        accountID: account.id, deviceID: device.thumbprint, publicKey: device.with(kid: device.thumbprint),
        enrolledAt: now, lastUsedAt: nil)
      let previous = try transaction.replaceAppDevice(fresh)
      if previous != nil {
        try notifyBothChannels(transaction, account: account, Notices.appReplaced(on: now.date), now: now)
      }
      enrolled = fresh
      replaced = previous
      return "device \(fresh.deviceID) enrolled"
        + (previous.map { "; replaced device \($0.deviceID); notices sent" } ?? "")
    }
    return DeviceEnrollment(account: account, device: enrolled!, replaced: replaced)
  }

  /// Removes an account's MinID app device (a lost or stolen phone), for support with a case reference;
  /// its logins fall back to the SMS code, and the person is told by SMS and e-mail. Audited as
  /// `app.remove`.
  /// - Throws: `IdentityNumberError`, `AccountError.notFound`, `SecondFactorError.noDevice`, `CaseReference`
  ///   errors.
  public func removeDevice(pid text: String, caseReference: String?, dryRun: Bool) throws -> SupportResult {
    let pid = try checkedDigits(text)
    let caseReference = try CaseReference.check(caseReference)
    return try supportWrite(dryRun: dryRun) { transaction in
      let now = time.timestamp
      guard let account = try transaction.account(pid: pid) else { throw AccountError.notFound }
      guard let device = try transaction.appDevice(accountID: account.id) else {
        throw SecondFactorError.noDevice
      }
      _ = try transaction.deleteAppDevice(accountID: account.id)
      try notifyBothChannels(transaction, account: account, Notices.appRemoved(on: now.date), now: now)
      try record(
        transaction, account: account, action: .appRemove, caseReference: caseReference,
        detail: "device \(device.deviceID) removed; notices sent", now: now)
      return SupportResult(
        account: account, changes: ["MinID app device removed"], dryRun: dryRun, letter: nil)
    }
  }

  /// The account's MinID app device and code generator, for `account show`.
  public func secondFactors(accountID: Int64) throws -> (device: AppDevice?, totp: TOTPCredential?) {
    try store.read { (try $0.appDevice(accountID: accountID), try $0.totpCredential(accountID: accountID)) }
  }
}
