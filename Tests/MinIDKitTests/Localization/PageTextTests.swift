import Foundation
import Testing

@testable import MinIDKit

/// The login pages' text tables and the citizen's wording of refusals.
@Suite struct PageTextTests {
  /// Every string of a table, by its name, read by reflection so a new string cannot be missed.
  static func strings(_ text: PageText) -> [String: String] {
    var found: [String: String] = [:]
    for child in Mirror(reflecting: text).children {
      if let label = child.label, let value = child.value as? String { found[label] = value }
    }
    return found
  }

  @Test(arguments: PageLanguage.allCases)
  func everyTableHasEveryStringWithTheSamePlaceholdersAsBokmal(_ language: PageLanguage) {
    let reference = Self.strings(PageText.bokmal)
    let table = Self.strings(language.text)
    #expect(table.count == reference.count && !table.isEmpty)
    for (name, value) in table {
      #expect(!value.isEmpty, "\(language) \(name) is empty")
      for placeholder in ["{1}", "{2}"] {
        #expect(
          value.contains(placeholder) == reference[name]!.contains(placeholder),
          "\(language) \(name): \(placeholder)")
      }
    }
    #expect(Set(language.text.passwordRules.keys) == Set(PasswordPolicy.Rule.allCases))
  }

  @Test func theLanguageIsThePersonsOwnChoiceThenTheServicesThenBokmal() {
    #expect(PageLanguage.chosen(cookie: "se", uiLocale: "en") == .se)
    #expect(PageLanguage.chosen(cookie: nil, uiLocale: "en") == .en)
    #expect(PageLanguage.chosen(cookie: "xx", uiLocale: "nn") == .nn)
    #expect(PageLanguage.chosen(cookie: nil, uiLocale: nil) == .nb)
  }

  @Test func aWrongCodeSaysTheAttemptsLeftAndIsTiedToTheCodeField() {
    let message = CitizenMessage(LoginError.wrongCode(attemptsLeft: 3), language: .en)
    #expect(
      message.text == "Wrong one-time code. You have 3 attempts left before MinID is temporarily locked.")
    #expect(message.field == .code)
    #expect(
      CitizenMessage(LoginError.wrongCode(attemptsLeft: 0), language: .nb).text.contains(
        "nå midlertidig sperret"))
  }

  @Test func aLockSaysUntilWhenInNorwegianTimeSummerAndWinter() {
    // 2026-07-01T12:05:00Z is 14:05 in Oslo (CEST); 2026-01-15T12:05:00Z is 13:05 (CET).
    let summer = CitizenMessage(
      AccountError.temporarilyLocked(until: Timestamp(seconds: 1_782_907_500)), language: .nb)
    #expect(summer.text.contains("etter klokken 14:05") && summer.field == nil)
    let winter = CitizenMessage(
      AccountError.temporarilyLocked(until: Timestamp(seconds: 1_768_478_700)), language: .en)
    #expect(winter.text.contains("after 13:05"))
  }

  @Test func aBlockedAccountIsToldToContactSupport() {
    let message = CitizenMessage(AccountError.stateForbids(action: .login, state: .blocked), language: .nn)
    #expect(message.text.contains("Kontakt brukarstøtte"))
  }

  @Test func theMessagesNeverSayWhetherANumberHasMinID() {
    // The library answers an unknown number as a wrong password, and unknown recovery and letter codes as
    // wrong codes; the words the person reads must not add what the library withholds.
    for language in PageLanguage.allCases {
      let texts = [
        CitizenMessage(LoginError.wrongCredentials, language: language).text,
        CitizenMessage(LoginError.wrongRecoveryCodes, language: language).text,
        CitizenMessage(LetterError.wrongCode, language: language).text,
      ]
      for text in texts {
        for word in ["no account", "ingen konto", "not registered", "finnes ikke", "finst ikkje"] {
          #expect(!text.lowercased().contains(word), "\(language): \(text)")
        }
      }
    }
  }

  @Test func aRefusedPasswordListsEachBrokenRuleInThePagesLanguage() {
    let message = CitizenMessage(PasswordPolicyError(rules: [.tooShort, .needsDigit]), language: .en)
    #expect(message.field == .newPassword)
    #expect(message.details == ["at least 8 characters", "at least one digit"])
  }
}
