import Foundation

/// A support case reference (`--case`): kept on the audit entry.
public enum CaseReference {
  /// The field as `TextField` sees it: one line of at most 64 characters, with no control, bidirectional or
  /// invisible character (those are named by code point).
  static let field = TextField(
    name: "case", errorCode: "invalid_case_reference", maximumLength: 64, isMultiLine: false)
  /// Letters (the Norwegian alphabet: a–z, æ, ø, å, in either case), digits and `-_./#:`.
  static let allowed = Set("abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789-_./#:")

  /// 1 to 64 characters of letters (æ, ø and å included), digits and `-_./#:`, surrounding spaces trimmed,
  /// in Unicode NFC, so a reference typed with a combining ring (`a` + U+030A) is kept and found as the
  /// same `å`.
  /// - Throws: `ContactError.caseReference` naming the rule, or the code point refused.
  public static func check(_ text: String?) throws(ContactError) -> String? {
    guard let text else { return nil }
    let checked: String
    do {
      checked = try field.check(text.precomposedStringWithCanonicalMapping)
    } catch {
      throw .caseReference(error.rule)
    }
    guard checked.allSatisfy({ allowed.contains($0) }) else {
      throw .caseReference("must be 1 to 64 letters (æøå too), digits or -_./#:")
    }
    return checked
  }
}
