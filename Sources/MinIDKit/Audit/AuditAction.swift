/// What an audit entry records: every action minid writes to the trail, in one list.
///
/// The raw value is what the store keeps and what `minid audit list --action` matches, so a shipped value
/// never changes: entries already in a chain keep it, and their hashes cover it. A new kind of event is a
/// new case. Entries read back carry the stored text (`AuditEntry.action`), which may also be a value an
/// earlier minid wrote (`keyCreate`, `keyRotate`).
public enum AuditAction: String, CaseIterable, Sendable {
  /// `minid init` created the store.
  case storeInit = "store.init"
  /// `minid db migrate-to` copied the store into this one.
  case storeMigrate = "store.migrate"
  /// The store's settings changed (`SettingsRecord`).
  case settingsChange = "settings.change"
  /// A signing key was added (`KeySetRecord`).
  case keyAdd = "key.add"
  /// A signing key was activated, or scheduled to sign.
  case keyActivate = "key.activate"
  /// A signing key was retired.
  case keyRetire = "key.retire"
  /// Written by earlier minid versions when a key was made; read by `KeySetRecord`, never written now.
  case keyCreate = "key.create"
  /// Written by earlier minid versions when keys rotated; read by `KeySetRecord`, never written now.
  case keyRotate = "key.rotate"
  /// A person was registered and sent a letter.
  case accountRegister = "account.register"
  /// A person was imported from a file.
  case accountImport = "account.import"
  /// A letter code and a first password activated an account.
  case accountActivate = "account.activate"
  /// Support changed contact data.
  case accountUpdate = "account.update"
  /// Support blocked an account.
  case accountBlock = "account.block"
  /// Support lifted a block or a temporary lock.
  case accountUnlock = "account.unlock"
  /// Support reset an account to a new letter.
  case accountReset = "account.reset"
  /// An account was closed, its row kept.
  case accountClose = "account.close"
  /// An account was closed and its personal data erased.
  case accountPurge = "account.purge"
  /// The first step of a forgotten-password recovery: codes sent.
  case accountRecoverStart = "account.recover.start"
  /// A forgotten-password recovery was finished (or refused).
  case accountRecover = "account.recover"
  /// An activation letter was sent (at registration, import or reset).
  case letterSend = "letter.send"
  /// The password step of a login.
  case loginStart = "login.start"
  /// The one-time-code step of a login (or the code generator's, or the MinID app's approval).
  case loginFinish = "login.finish"
  /// A new SMS code for a login in progress (`minid login resend`, the pages' "send a new code"), or the
  /// SMS code asked for instead of the app or the code generator (`minid login sms`).
  case loginResend = "login.resend"
  /// A login approved or rejected in the MinID app.
  case loginApprove = "login.approve"
  /// The MinID app enrolled on an account, with its activation letter (decisions §9).
  case appEnroll = "app.enroll"
  /// Support removed an account's MinID app device.
  case appRemove = "app.remove"
  /// A code generator (TOTP, RFC 6238) enrolled on an account, or its enrolment's SMS step.
  case totpEnroll = "totp.enroll"
  /// A single sign-on session began at `minid serve`'s login pages.
  case sessionStart = "session.start"
  /// A single sign-on session ended: logout, `minid session end`, or a password change or block.
  case sessionEnd = "session.end"
  /// An OpenID Connect authorization request of `minid serve`.
  case oidcAuthorize = "oidc.authorize"
  /// A pushed authorization request (RFC 9126).
  case oidcPAR = "oidc.par"
  /// A token exchange at the token endpoint.
  case oidcToken = "oidc.token"
  /// A refresh-token grant.
  case oidcRefresh = "oidc.refresh"
  /// A person cancelled a login at the login pages; the service got `access_denied`.
  case oidcCancel = "oidc.cancel"
  /// A token revocation (RFC 7009).
  case oidcRevoke = "oidc.revoke"
  /// A `private_key_jwt` client assertion presented a second time, refused (RFC 7523 §3).
  case oidcClientAssertion = "oidc.client_assertion"
  /// A service was added.
  case serviceAdd = "service.add"
  /// A service's OpenID Connect registration was set.
  case serviceRegister = "service.register"
  /// A client was given a new secret; the old one stopped working.
  case serviceRotateSecret = "service.rotate_secret"
  /// A service was removed.
  case serviceRemove = "service.remove"
  /// The outbox was drained to a folder or a command.
  case outboxDrain = "outbox.drain"
  /// `minid testuser create` made a person.
  case testuserCreate = "testuser.create"
}
