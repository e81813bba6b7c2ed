@testable import MinIDKit

// Oracle: the streaming validator and the typed parser agree on every input.
nonisolated(unsafe) let rules = IdentityNumberRules(
  referenceDate: CalendarDate(year: 2026, month: 11, day: 25)!)
nonisolated(unsafe) let validator = IdentityNumberValidator(rules: rules)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  let report = validator.check(bytes)
  let text = String(decoding: bytes, as: UTF8.self)
  let typed = try? IdentityNumber(text, rules: rules)
  if report.isValid, String(validating: bytes, as: UTF8.self) != nil {
    precondition(typed?.digits == report.digits, "the validator accepted what the parser refused")
  }
  _ = validator.check(text)
  return 0
}
