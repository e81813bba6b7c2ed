import MinIDKit

// Oracle: a normalised phone number or e-mail address parses again to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  if let phone = try? PhoneNumber(text) {
    precondition(
      (try? PhoneNumber(phone.e164)) == phone, "a normalised phone number does not parse to itself")
    _ = phone.masked
  }
  if let email = try? EmailAddress(text) {
    precondition((try? EmailAddress(email.address)) == email, "a normalised address does not parse to itself")
  }
  return 0
}
