/// A language the login pages of `minid serve` speak: ID-porten's four (bokmål, nynorsk, English,
/// Northern Sami), with their `ui_locales` codes.
public enum PageLanguage: String, Sendable, CaseIterable {
  case nb, nn, en, se

  /// The language a page is shown in: the person's own earlier choice (the language cookie, the role of
  /// ID-porten's `IDPORTEN_SELECTED_LANGUAGE`) before the service's `ui_locales`, and bokmål when neither
  /// names one of the four.
  public static func chosen(cookie: String?, uiLocale: String?) -> PageLanguage {
    cookie.flatMap(PageLanguage.init(rawValue:)) ?? uiLocale.flatMap(PageLanguage.init(rawValue:)) ?? .nb
  }

  /// The page text in this language.
  public var text: PageText {
    switch self {
    case .nb: .bokmal
    case .nn: .nynorsk
    case .en: .english
    case .se: .northernSami
    }
  }
}
