extension PageText {
  /// English.
  public static let english = PageText(
    languageName: "English", languageSwitch: "Language", cancel: "Cancel", back: "Back", next: "Next",
    continueButton: "Continue", loginTo: "Log in to {1}", skipToContent: "Skip to main content",
    chooseTitle: "Choose your electronic ID", minidOption: "MinID",
    minidOptionDetail: "Password and one-time code by text message (security level substantial)",
    testidOption: "TestID", testidOptionDetail: "A synthetic test person, in test environments only",
    levelHighTitle: "This service needs a higher security level",
    levelHighText:
      "This service needs a login at security level 4 (high) with BankID, Buypass ID or Commfides. "
      + "This login service does not offer them. MinID gives security level 3 and cannot be used here.",
    passwordTitle: "Log in with MinID", pidLabel: "National identity number or D number (11 digits)",
    passwordLabel: "Password", forgotPassword: "Forgotten your password?", activateMinID: "Activate MinID",
    codeTitle: "One-time code from text message",
    codeSent: "We have sent a one-time code by text message to {1}. The code is valid for {2} minutes.",
    codeSentNoPhone: "We have sent a one-time code by text message. The code is valid for {1} minutes.",
    codeLabel: "One-time code (5 digits)", logIn: "Log in", sendNewCode: "Send a new code",
    newCodeSent: "We have sent a new code. The previous code no longer works.",
    testCodeHint: "Test environment: synthetic test people can also use the code {1}.",
    recoverTitle: "Forgotten password",
    recoverIntro:
      "Enter your national identity number. We will send one code by text message and one by e-mail.",
    sendCodes: "Send codes",
    recoverCodesIntro:
      "If you have MinID, we have sent a code by text message (5 digits) and a code by e-mail (6 characters). "
      + "The codes are valid for {1} minutes.",
    smsCodeLabel: "Code from text message (5 digits)", emailCodeLabel: "Code from e-mail (6 characters)",
    newPasswordLabel: "New password", passwordRulesTitle: "The password must meet these requirements:",
    savePassword: "Save new password",
    passwordChanged: "Your password has been changed. Log in with the new password.",
    activateTitle: "Activate MinID",
    activateIntro:
      "Enter your national identity number and the activation code from the letter, and choose a password.",
    letterCodeLabel: "Activation code from the letter",
    activated: "MinID is activated. Log in with the password you chose.",
    testidTitle: "Log in with TestID",
    testidIntro: "Test environments only: log in as a synthetic test person, without a password.",
    testidPidLabel: "Synthetic identity number (11 digits)", testidCreate: "Make a new test person",
    levelLabel: "Security level", levelSubstantial: "Substantial (level 3)", levelHigh: "High (level 4)",
    errorTitle: "The login cannot continue",
    formExpired:
      "The form has expired, or it did not come from this browser. Go back to the service and log in again.",
    loginExpired:
      "The login has expired or was started in another browser. Go back to the service and log in again.",
    wrongCredentials: "Wrong national identity number or password.",
    wrongCodeAttemptsLeft:
      "Wrong one-time code. You have {1} attempts left before MinID is temporarily locked.",
    wrongCodeNowLocked:
      "Wrong one-time code. MinID is now temporarily locked after too many failed attempts.",
    temporarilyLocked:
      "MinID is temporarily locked after too many failed attempts. You can try again after {1}.",
    blocked: "MinID is blocked. Contact MinID support for help.",
    notActivated: "MinID is not activated yet. Choose “Activate MinID” and use the code from the letter.",
    notUsable: "MinID cannot be used right now. Contact MinID support.",
    codeExpired: "The one-time code has expired. Choose “Send a new code”.",
    codeUsed: "The code has already been used. Start the login again.",
    wrongRecoveryCodes:
      "The codes were not accepted. They may be wrong, used or expired. Ask for new codes and try again.",
    tooManyCodes: "You have asked for too many codes. You can ask for a new code after {1}.",
    invalidIdentityNumber: "Enter a valid national identity number or D number of 11 digits.",
    passwordRefused: "The password does not meet the requirements:",
    wrongLetterCode: "The national identity number or the activation code is wrong.",
    letterExpired: "The activation letter has expired. Contact MinID support to get a new letter.",
    letterUsed: "The activation code has already been used. Log in with your password.",
    letterReplaced: "A newer activation letter has been sent to you. Use the code in the newest letter.",
    serviceUnavailable: "This service cannot accept a login with MinID.",
    somethingWentWrong: "Something went wrong. Try again later, or contact MinID support.",
    testidOnlySynthetic: "TestID takes only synthetic identity numbers (month + 80, as from Tenor).",
    passwordRules: [
      .tooShort: "at least 8 characters", .tooLong: "at most 256 characters",
      .characters: "only A–Z, a–z, 0–9, space and common special characters (no æ, ø, å)",
      .needsLetter: "at least one letter", .needsDigit: "at least one digit",
      .common: "not one of the most common passwords", .commonWord: "not just a common word with digits",
      .season: "not a season with a year, such as Summer2024",
      .month: "not a month with a year, such as January2026",
      .weekday: "not a weekday with digits, such as Monday123",
      .place: "not a country or city with digits, such as Norway2026",
      .personalData: "not your identity number, birth date, phone number or e-mail name",
    ])
}
