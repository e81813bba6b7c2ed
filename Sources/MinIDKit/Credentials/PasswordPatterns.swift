/// Passwords made the way people make them when told to add a digit: one common word, a season, a month,
/// a weekday, a country or a city, in Norwegian or English, with digits or punctuation around it
/// (`Passord123`, `sommer2024`, `Norge2026!`, `Mandag 123`). The common-password list (`CommonPasswords`)
/// is English-heavy and matches whole passwords only, so `passord1` and `Sommer2024` passed it.
///
/// The word lists are minid's own, written for this rule (no licensed Norwegian password list was at
/// hand): a short list of words Norwegians are known to use in passwords, plus the seasons, months,
/// weekdays, countries and larger cities. Norwegian letters are spelt as people type them on a keyboard
/// without them (the policy allows printable ASCII only): `hoest`/`host`/`haust`, `loerdag`/`lordag`.
///
/// A password matches when its letters, taken together and lower-cased, are exactly one listed word, and
/// everything else in it is digits, punctuation or spaces; so `Sommerfugl77!` or `Oslo og Bergen 2024` do
/// not match.
public enum PasswordPatterns {
  /// Which list a password's word came from; each has its own rule and message.
  public enum Kind: Sendable, CaseIterable {
    case commonWord, season, month, weekday, place
  }

  static let words: [Kind: Set<String>] = [
    .commonWord: [
      // Norwegian
      "passord", "passordet", "hemmelig", "hemmeligheter", "velkommen", "elskerdeg", "jegelskerdeg",
      "kjaereste", "kjareste", "fotball", "sjokolade", "sommerfugl", "bursdag", "hjemme", "familie",
      "skole", "jobb", "minid", "bankid", "nokkel", "noekkel", "brukernavn", "innlogging", "test", "qwerty",
      "asdf", "hallo", "heisann", "kanskje", "superbruker",
      // English
      "password", "passw", "welcome", "secret", "letmein", "iloveyou", "admin", "administrator", "login",
      "football", "monkey", "dragon", "sunshine", "princess", "master", "changeme", "qwertyuiop",
    ],
    .season: [
      "sommer", "vinter", "host", "hoest", "haust", "var", "vaar", "vor", "summer", "winter", "autumn",
      "fall", "spring",
    ],
    .month: [
      "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
      "november", "desember", "january", "february", "march", "may", "june", "july", "october", "december",
    ],
    .weekday: [
      "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lordag", "loerdag", "laurdag", "sondag",
      "soendag", "sundag", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ],
    .place: [
      "norge", "noreg", "norway", "sverige", "sweden", "danmark", "denmark", "finland", "island", "oslo",
      "bergen", "trondheim", "stavanger", "tromso", "tromsoe", "kristiansand", "drammen", "fredrikstad",
      "sandnes", "bodo", "bodoe", "alesund", "aalesund", "tonsberg", "moss", "haugesund", "arendal",
      "hamar", "lillehammer", "molde", "harstad", "narvik", "alta", "kirkenes", "london", "paris",
      "stockholm", "copenhagen", "kobenhavn",
    ],
  ]

  /// The list `password`'s word is on, or nil when it is not made that way.
  public static func match(_ password: String) -> Kind? {
    var letters = ""
    for character in password {
      if character.isASCII && character.isLetter {
        letters.append(character)
      } else if !(character.isNumber || character.isPunctuation || character.isSymbol || character == " ") {
        return nil
      }
    }
    guard !letters.isEmpty, letters.count < password.count else { return nil }
    let word = letters.lowercased()
    return Kind.allCases.first { words[$0]?.contains(word) == true }
  }
}
