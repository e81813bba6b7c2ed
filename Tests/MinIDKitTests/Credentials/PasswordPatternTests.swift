import MinIDKit
import Testing

/// Norwegian (and English) passwords made of one word and digits are refused, each with its own rule.
@Suite struct PasswordPatternTests {
  @Test(arguments: [
    ("passord1", PasswordPolicy.Rule.commonWord), ("Passord123", .commonWord), ("hemmelig1", .commonWord),
    ("Welcome2024!", .commonWord), ("sommer2024", .season), ("Winter-2025", .season), ("Vaar 2026", .season),
    ("Januar2026", .month), ("December99", .month), ("Mandag123", .weekday), ("Friday#1", .weekday),
    ("Norge2026", .place), ("Oslo1234", .place), ("2024Bergen!", .place),
  ])
  func aWordWithDigitsIsRefusedByItsOwnRule(_ password: String, _ rule: PasswordPolicy.Rule) throws {
    let broken = PasswordPolicy().violations(of: Secret(password), personal: .init())
    #expect(broken == [rule])
    let error = #expect(throws: PasswordPolicyError.self) {
      try PasswordPolicy().check(Secret(password), personal: .init())
    }
    #expect(error?.message.contains(rule.explanation) == true)
    #expect(error?.code == rule.rawValue)
  }

  @Test func eachPatternRuleHasItsOwnMessage() {
    let rules: [PasswordPolicy.Rule] = [.commonWord, .season, .month, .weekday, .place]
    #expect(Set(rules.map(\.explanation)).count == rules.count)
    #expect(Set(rules.map(\.rawValue)).count == rules.count)
  }

  @Test(arguments: [
    "Fjelltur i mai 2026!", "Sommerfugl77!x", "Oslo og Bergen 2024", "correct horse 42", "Mandagsmote 12",
    "S0mmerfjell2024",
  ])
  func longerPasswordsThatMerelyContainAWordPass(_ password: String) {
    #expect(PasswordPolicy().violations(of: Secret(password), personal: .init()) == [])
  }

  @Test func aListedPasswordIsReportedOnceAsCommon() {
    #expect(PasswordPolicy().violations(of: Secret("Password1"), personal: .init()) == [.common])
  }
}
