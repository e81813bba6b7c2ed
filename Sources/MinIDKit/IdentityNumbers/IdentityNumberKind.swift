/// What an identity number is, read from the offsets on its day and month digits.
///
/// H-nummer (health sector) and NAV's synthetic numbers both add 40 to the month, so they cannot be told
/// apart; minid reports the pair under one kind.
public enum IdentityNumberKind: String, Sendable, CaseIterable, Hashable {
  case fodselsnummer = "fodselsnummer"
  case dNummer = "d_nummer"
  case hNummer = "h_nummer"
  case dNummerHNummer = "d_nummer+h_nummer"
  case tenor = "tenor"
  case dNummerTenor = "d_nummer+tenor"
  case helsenett = "helsenett"
  case dNummerHelsenett = "d_nummer+helsenett"
  case fhNummer = "fh_nummer"

  /// The offset added to the month digits, and the series it marks.
  public enum MonthSeries: Sendable {
    case ordinary, hNummer, tenor, helsenett

    /// What the series adds to the month digits: 0, 40, 80 or 65.
    public var offset: Int {
      switch self {
      case .ordinary: 0
      case .hNummer: 40
      case .helsenett: 65
      case .tenor: 80
      }
    }
  }

  init(dNummer: Bool, series: MonthSeries) {
    switch (dNummer, series) {
    case (false, .ordinary): self = .fodselsnummer
    case (true, .ordinary): self = .dNummer
    case (false, .hNummer): self = .hNummer
    case (true, .hNummer): self = .dNummerHNummer
    case (false, .tenor): self = .tenor
    case (true, .tenor): self = .dNummerTenor
    case (false, .helsenett): self = .helsenett
    case (true, .helsenett): self = .dNummerHelsenett
    }
  }

  /// Parses the identifier used in `--json` output and `--kind`, plus a few familiar aliases.
  public init?(identifier: String) {
    let aliases: [String: IdentityNumberKind] = [
      "fnr": .fodselsnummer, "fødselsnummer": .fodselsnummer, "dnr": .dNummer, "d-nummer": .dNummer,
      "hnr": .hNummer, "h-nummer": .hNummer, "nav": .hNummer, "tnr": .tenor, "nhn": .helsenett,
      "fh": .fhNummer, "fh-nummer": .fhNummer,
    ]
    if let kind = IdentityNumberKind(rawValue: identifier) ?? aliases[identifier.lowercased()] {
      self = kind
    } else {
      return nil
    }
  }

  /// True when the day carries +40.
  public var isDNummer: Bool {
    switch self {
    case .dNummer, .dNummerHNummer, .dNummerTenor, .dNummerHelsenett: true
    default: false
    }
  }

  /// The month series the kind's numbers are written in.
  public var monthSeries: MonthSeries {
    switch self {
    case .fodselsnummer, .dNummer, .fhNummer: .ordinary
    case .hNummer, .dNummerHNummer: .hNummer
    case .tenor, .dNummerTenor: .tenor
    case .helsenett, .dNummerHelsenett: .helsenett
    }
  }

  /// Whether the number encodes a date at all (an FH-nummer does not).
  public var encodesDate: Bool { self != .fhNummer }

  /// Test numbers: Tenor (+80), Norsk Helsenett (+65) and, because they share the shape, H-nummer / NAV
  /// synthetic (+40).
  public var isSynthetic: Bool { monthSeries != .ordinary }

  /// Numbers Folkeregisteret issues to real people: the only ones that may hold a MinID in production.
  public var isFolkeregisterNumber: Bool { self == .fodselsnummer || self == .dNummer }

  /// A short human name.
  public var name: String {
    let series: String
    switch monthSeries {
    case .ordinary: series = ""
    case .hNummer: series = "H-nummer / NAV synthetic"
    case .tenor: series = "Tenor synthetic"
    case .helsenett: series = "Norsk Helsenett synthetic"
    }
    switch self {
    case .fodselsnummer: return "fødselsnummer"
    case .dNummer: return "D-nummer"
    case .fhNummer: return "FH-nummer"
    default: return isDNummer ? "D-nummer, \(series)" : series
    }
  }
}
