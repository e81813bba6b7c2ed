import Foundation

/// Every word the login pages of `minid serve` show, in one language: one table per language
/// (`PageText+Bokmal.swift` and its siblings), so a translator edits one file and the HTTP layer only
/// renders. Templates mark their values `{1}`, `{2}`; `PageText.fill` puts them in.
///
/// Which tables are machine-made and need a native speaker's review is listed in docs/serve.md.
public struct PageText: Sendable {
  /// The language's name in itself, for the language switch.
  public let languageName: String
  /// The language switch's label.
  public let languageSwitch: String
  /// The cancel button, which sends the service `access_denied`.
  public let cancel: String
  /// The back link.
  public let back: String
  /// The button that goes on to the next step.
  public let next: String
  /// The button that goes on from a message.
  public let continueButton: String
  /// `{1}`: the service's display name.
  public let loginTo: String
  /// The skip link to the main content, for keyboard and screen-reader users.
  public let skipToContent: String

  // The e-ID choice.
  /// The e-ID choice's heading.
  public let chooseTitle: String
  /// MinID's name on the choice page.
  public let minidOption: String
  /// What MinID asks for and the level it gives.
  public let minidOptionDetail: String
  /// TestID's name on the choice page.
  public let testidOption: String
  /// What TestID is: synthetic people, test stores only.
  public let testidOptionDetail: String
  /// The heading when the service needs level 4 (high), which MinID cannot give.
  public let levelHighTitle: String
  /// Why a level-4 service cannot be logged in to with MinID.
  public let levelHighText: String

  // MinID: password and code.
  /// The password page's heading.
  public let passwordTitle: String
  /// The identity number field's label.
  public let pidLabel: String
  /// The password field's label.
  public let passwordLabel: String
  /// The link to the forgotten-password pages.
  public let forgotPassword: String
  /// The link to the activation page.
  public let activateMinID: String
  /// The one-time code page's heading.
  public let codeTitle: String
  /// `{1}`: the masked phone number; `{2}`: minutes the code is valid.
  public let codeSent: String
  /// `{1}`: minutes the code is valid.
  public let codeSentNoPhone: String
  /// The one-time code field's label.
  public let codeLabel: String
  /// The button that logs in.
  public let logIn: String
  /// The button that asks for a new SMS code (`login resend`).
  public let sendNewCode: String
  /// Said once a new code has gone out: the earlier one no longer works.
  public let newCodeSent: String
  /// `{1}`: the test store's fixed code.
  public let testCodeHint: String

  // Forgotten password and activation.
  /// The forgotten-password pages' heading.
  public let recoverTitle: String
  /// What the forgotten-password page asks for and what it sends.
  public let recoverIntro: String
  /// The button that sends the recovery codes.
  public let sendCodes: String
  /// `{1}`: minutes the codes are valid.
  public let recoverCodesIntro: String
  /// The recovery SMS code's field label.
  public let smsCodeLabel: String
  /// The recovery e-mail code's field label.
  public let emailCodeLabel: String
  /// The new password field's label.
  public let newPasswordLabel: String
  /// The heading above the password rules.
  public let passwordRulesTitle: String
  /// The button that saves a new password.
  public let savePassword: String
  /// Said once the password has changed.
  public let passwordChanged: String
  /// The activation page's heading.
  public let activateTitle: String
  /// What the activation page asks for.
  public let activateIntro: String
  /// The letter code field's label.
  public let letterCodeLabel: String
  /// Said once the account is activated.
  public let activated: String

  // TestID.
  /// The TestID page's heading.
  public let testidTitle: String
  /// What TestID does, and that it is for test stores only.
  public let testidIntro: String
  /// The synthetic identity number field's label.
  public let testidPidLabel: String
  /// The button that makes a new test person.
  public let testidCreate: String
  /// The security level choice's label.
  public let levelLabel: String
  /// Level 3 (substantial), as a choice.
  public let levelSubstantial: String
  /// Level 4 (high), as a choice.
  public let levelHigh: String

  // The MinID app and the code generator (second factors beside SMS, decisions §9).
  /// The MinID app page's heading: approve the login in the app.
  public let appTitle: String
  /// What to do: open the MinID app on the phone and approve.
  public let appIntro: String
  /// `{1}`: the seconds left to approve (the page's script counts it down).
  public let appSecondsLeft: String
  /// The button that sends an SMS code for the same login instead.
  public let useSMSInstead: String
  /// The heading when the approval's time (60 s) ran out.
  public let appExpiredTitle: String
  /// That the app was not answered in time, and that SMS remains.
  public let appExpiredText: String
  /// That the login was rejected in the app.
  public let appRejected: String
  /// The code generator page's heading.
  public let totpTitle: String
  /// What to do: type the code the code generator shows now.
  public let totpIntro: String
  /// The code generator code field's label (6 digits).
  public let totpLabel: String
  /// `{1}`: attempts left before MinID is locked.
  public let wrongTOTPCodeAttemptsLeft: String
  /// A wrong code generator code that locked MinID.
  public let wrongTOTPCodeNowLocked: String

  // Logout (`/logout`): its pages are outside any login, so they have no Cancel or language switch.
  /// The logged-out page's heading.
  public let loggedOutTitle: String
  /// That the person is logged out of MinID and the services of the session.
  public let loggedOutText: String
  /// The accessible name of the hidden frames that load each service's front-channel logout URI.
  public let logoutFrameTitle: String
  /// The link back to the service that asked for the logout.
  public let backToService: String
  /// A browser with no session: nothing was ended.
  public let noSessionTitle: String
  /// That there was no login in this browser to log out of.
  public let noSession: String

  // Errors and refusals, in words a citizen understands.
  /// The error page's heading.
  public let errorTitle: String
  /// A form whose CSRF token is stale or from another browser.
  public let formExpired: String
  /// A login whose attempt expired or was started in another browser.
  public let loginExpired: String
  /// A wrong identity number or password, alike, so neither is revealed.
  public let wrongCredentials: String
  /// `{1}`: attempts left before MinID is locked.
  public let wrongCodeAttemptsLeft: String
  /// The wrong code that locked the account.
  public let wrongCodeNowLocked: String
  /// `{1}`: the local time (HH:MM, Norwegian time) the lock ends.
  public let temporarilyLocked: String
  /// A blocked account (support lifts the block).
  public let blocked: String
  /// An account whose letter is not used yet.
  public let notActivated: String
  /// An account that cannot log in for another reason (closed).
  public let notUsable: String
  /// A one-time code past its 5 minutes.
  public let codeExpired: String
  /// A one-time code used already.
  public let codeUsed: String
  /// Recovery codes refused (wrong, used or expired, alike).
  public let wrongRecoveryCodes: String
  /// `{1}`: the local time (HH:MM) a new code may be asked for.
  public let tooManyCodes: String
  /// An identity number that fails its checks.
  public let invalidIdentityNumber: String
  /// The lead-in to the rules a refused password breaks.
  public let passwordRefused: String
  /// A wrong identity number or letter code, alike.
  public let wrongLetterCode: String
  /// An activation letter past its time.
  public let letterExpired: String
  /// An activation letter used already.
  public let letterUsed: String
  /// An activation letter replaced by a newer one.
  public let letterReplaced: String
  /// A service that cannot take a MinID login.
  public let serviceUnavailable: String
  /// Any other failure.
  public let somethingWentWrong: String
  /// TestID given a real (non-synthetic) identity number.
  public let testidOnlySynthetic: String

  /// One sentence per password rule (`PasswordPolicy.Rule`), in the rule's order.
  public let passwordRules: [PasswordPolicy.Rule: String]

  /// `template` with `{1}`, `{2}`, … replaced by `values` in order.
  public static func fill(_ template: String, _ values: String...) -> String {
    var text = template
    for (index, value) in values.enumerated() {
      text = text.replacingOccurrences(of: "{\(index + 1)}", with: value)
    }
    return text
  }
}
