import MinIDKit

// Oracle: no crash; a record holds only string values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  var number = 0
  var lineStart = 0
  for index in 0...count where index == count || bytes[index] == 10 {
    number += 1
    if case .success(let record)? = JSONLinesRecordReader.record(
      UnsafeRawBufferPointer(rebasing: bytes[lineStart..<index]), number: number)
    {
      _ = record.values["password_hash"].map { try? PasswordHash(phc: $0) }
    }
    lineStart = index + 1
  }
  return 0
}
