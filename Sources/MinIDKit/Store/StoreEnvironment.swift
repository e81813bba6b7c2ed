/// The environment a store belongs to for its whole life (decisions §3).
///
/// A test store accepts only synthetic identity numbers and may show codes at once; a production store
/// accepts only Folkeregister numbers (fødselsnummer and D-nummer) and never shows a code.
public enum StoreEnvironment: String, Sendable, CaseIterable, Codable {
  case test
  case production
}
