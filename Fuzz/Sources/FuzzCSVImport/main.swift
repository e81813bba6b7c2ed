import MinIDKit

// Oracle: no crash, and never more records than lines fed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  var reader = CSVRecordReader()
  var lines = 0
  var records = 0
  var lineStart = 0
  for index in 0...count where index == count || bytes[index] == 10 {
    lines += 1
    let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<index])
    if case .success(let record)? = reader.feed(line, number: lines) {
      records += 1
      _ = record.values["password_hash"].map { try? PasswordHash(phc: $0) }
    }
    lineStart = index + 1
  }
  _ = reader.finish()
  precondition(records <= lines)
  return 0
}
