/// How personal data is shown when it is not revealed (`--reveal` not given): the one place that decides,
/// for every command's text and JSON, errors and messages alike.
///
/// Each rule hides the part that identifies or reaches the person and keeps what lets a support worker
/// tell two records apart and confirm one with the caller, as Norwegian services show these values.
public enum Masking {
  /// The digits of a phone number shown after the country code: enough to tell a person's two numbers
  /// apart, too few to call them.
  public static let phoneDigitsShown = 3

  /// `DDMMYY*****`: the birth date shown, the individual number and both check digits hidden. The last
  /// five digits are the part that makes the number personal and that services ask for as proof, so they
  /// are the part hidden; the date alone names no one (Norwegian services mask a fødselsnummer so).
  public static func identityNumber(_ digits: String) -> String {
    String(digits.prefix(6)) + String(repeating: "*", count: max(0, digits.count - 6))
  }

  /// `+47*****567`: the country code and the last `phoneDigitsShown` digits of an E.164 number.
  public static func phone(e164: String) -> String {
    let digits = e164.dropFirst()
    let country = digits.hasPrefix("47") ? "+47" : "+" + digits.prefix(2)
    let shown = min(phoneDigitsShown, max(0, e164.count - country.count))
    return country + String(repeating: "*", count: e164.count - country.count - shown) + e164.suffix(shown)
  }

  /// `k***@example.no`: the first character of the local part and the domain.
  public static func email(_ address: String) -> String {
    let local = address.prefix { $0 != "@" }
    return String(local.prefix(1)) + "***@" + address.dropFirst(local.count + 1)
  }

  /// `S*** (postal address)`: the first character of a postal address.
  public static func postalAddress(_ address: String) -> String {
    String(address.prefix { $0 != "," && $0 != "\n" }.prefix(1)) + "*** (postal address)"
  }

  /// An outbox message's recipient, by the kind of message: a phone number, an e-mail address or a postal
  /// address. A recipient that does not parse as its kind is hidden whole.
  public static func recipient(_ recipient: String, kind: OutboxMessage.Kind) -> String {
    switch kind {
    case .sms: (try? PhoneNumber(recipient)).map { phone(e164: $0.e164) } ?? "***"
    case .email: (try? EmailAddress(recipient)).map { email($0.address) } ?? "***"
    case .letter: postalAddress(recipient)
    }
  }
}
