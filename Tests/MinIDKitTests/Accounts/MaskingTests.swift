import MinIDKit
import Testing

/// What is shown of personal data when it is not revealed.
@Suite struct MaskingTests {
  @Test func anIdentityNumberShowsTheBirthDateAndHidesTheLastFive() throws {
    #expect(Masking.identityNumber("31129956715") == "311299*****")
    let number = try IdentityNumber("31129956715", rules: .init(referenceDate: People.today))
    #expect(number.masked == "311299*****")
    #expect("\(number)" == "311299*****")
    #expect(!number.masked.contains("56715"))
  }

  @Test func phonesKeepTheLastThreeDigitsSoTwoNumbersCanBeToldApart() throws {
    #expect(try PhoneNumber("91234567").masked == "+47*****567")
    #expect(try PhoneNumber("91234568").masked != PhoneNumber("91234567").masked)
    #expect(try PhoneNumber("+46701234567").masked == "+46******567")
    #expect(Masking.recipient("+4741234567", kind: .sms) == "+47*****567")
  }

  @Test func emailsAndAddressesShowTheirFirstCharacter() throws {
    #expect(try EmailAddress("Kari@Example.no").masked == "k***@example.no")
    #expect(Masking.recipient("kari@example.no", kind: .email) == "k***@example.no")
    #expect(Masking.recipient("Storgata 1, 0155 Oslo", kind: .letter) == "S*** (postal address)")
    #expect(Masking.recipient("not a phone", kind: .sms) == "***")
  }
}
