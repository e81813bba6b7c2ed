import MinIDKit

// Oracle: a string that parses is within the bounds that keep verification cheap, and prints back to
// exactly itself (the format has one spelling).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  guard let parsed = try? PasswordHash(phc: text) else { return 0 }
  precondition(parsed.parameters.ln <= 20 && parsed.parameters.r <= 32 && parsed.parameters.p <= 16)
  precondition(parsed.phc == text, "a parsed hash does not print back to itself")
  return 0
}
