import Foundation

/// Every word the login pages of `minid serve` show, in one language: one table per language
/// (`PageText+Bokmal.swift` and its siblings), so a translator edits one file and the HTTP layer only
/// renders. Templates mark their values `{1}`, `{2}`; `PageText.fill` puts them in.
///
/// Which tables are machine-made and need a native speaker's review is listed in docs/serve.md.
public struct PageText: Sendable {
  /// The language's name in itself, for the language switch.
  public let languageName: String
  public let languageSwitch: String
  public let cancel: String
  public let back: String
  public let next: String
  public let continueButton: String
  /// `{1}`: the service's display name.
  public let loginTo: String
  public let skipToContent: String

  // The e-ID choice.
  public let chooseTitle: String
  public let minidOption: String
  public let minidOptionDetail: String
  public let testidOption: String
  public let testidOptionDetail: String
  public let levelHighTitle: String
  public let levelHighText: String

  // MinID: password and code.
  public let passwordTitle: String
  public let pidLabel: String
  public let passwordLabel: String
  public let forgotPassword: String
  public let activateMinID: String
  public let codeTitle: String
  /// `{1}`: the masked phone number; `{2}`: minutes the code is valid.
  public let codeSent: String
  /// `{1}`: minutes the code is valid.
  public let codeSentNoPhone: String
  public let codeLabel: String
  public let logIn: String
  public let sendNewCode: String
  public let newCodeSent: String
  /// `{1}`: the test store's fixed code.
  public let testCodeHint: String

  // Forgotten password and activation.
  public let recoverTitle: String
  public let recoverIntro: String
  public let sendCodes: String
  /// `{1}`: minutes the codes are valid.
  public let recoverCodesIntro: String
  public let smsCodeLabel: String
  public let emailCodeLabel: String
  public let newPasswordLabel: String
  public let passwordRulesTitle: String
  public let savePassword: String
  public let passwordChanged: String
  public let activateTitle: String
  public let activateIntro: String
  public let letterCodeLabel: String
  public let activated: String

  // TestID.
  public let testidTitle: String
  public let testidIntro: String
  public let testidPidLabel: String
  public let testidCreate: String
  public let levelLabel: String
  public let levelSubstantial: String
  public let levelHigh: String

  // Errors and refusals, in words a citizen understands.
  public let errorTitle: String
  public let formExpired: String
  public let loginExpired: String
  public let wrongCredentials: String
  /// `{1}`: attempts left before MinID is locked.
  public let wrongCodeAttemptsLeft: String
  public let wrongCodeNowLocked: String
  /// `{1}`: the local time (HH:MM, Norwegian time) the lock ends.
  public let temporarilyLocked: String
  public let blocked: String
  public let notActivated: String
  public let notUsable: String
  public let codeExpired: String
  public let codeUsed: String
  public let wrongRecoveryCodes: String
  /// `{1}`: the local time (HH:MM) a new code may be asked for.
  public let tooManyCodes: String
  public let invalidIdentityNumber: String
  public let passwordRefused: String
  public let wrongLetterCode: String
  public let letterExpired: String
  public let letterUsed: String
  public let letterReplaced: String
  public let serviceUnavailable: String
  public let somethingWentWrong: String
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
