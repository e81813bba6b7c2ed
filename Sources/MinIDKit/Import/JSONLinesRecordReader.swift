import Foundation

/// Reads JSON Lines: one object per line, whose values are strings. A UTF-8 byte-order mark before the
/// first line is skipped, as some editors on Windows write one.
public enum JSONLinesRecordReader {
  /// The record on `line` (its number in the file, from 1), the problem that makes it unreadable, or
  /// nil for a blank line.
  public static func record(_ line: UnsafeRawBufferPointer, number: Int) -> Result<
    ImportRecord, ImportProblem
  >? {
    var line = line
    if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) {
      line = UnsafeRawBufferPointer(rebasing: line[3...])
    }
    if line.allSatisfy({ $0 == 32 || $0 == 9 }) { return nil }
    guard line.count <= 1 << 16 else {
      return .failure(
        ImportProblem(line: number, field: "", code: "json_syntax", message: "a line is longer than 64 KiB"))
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
      return .failure(
        ImportProblem(line: number, field: "", code: "json_syntax", message: "not a JSON object"))
    }
    var values: [String: String] = [:]
    for (key, value) in object {
      if value is NSNull { continue }
      guard let text = value as? String else {
        return .failure(
          ImportProblem(line: number, field: key, code: "json_type", message: "\(key): must be a string"))
      }
      values[key] = text
    }
    return .success(ImportRecord(line: number, values: values))
  }
}
