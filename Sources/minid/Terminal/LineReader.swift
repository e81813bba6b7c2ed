import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// Streams lines from a file descriptor in large reads, handing each line (without `\n` or a final `\r`)
/// to a closure without copying it; memory stays constant however long the input.
struct LineReader {
  /// Lines longer than this are cut; the closure is told so.
  static let maximumLineLength = 1 << 16

  let descriptor: Int32
  var chunkSize = 1 << 20

  /// Calls `body` for each line; `truncated` is true when the line was longer than the maximum.
  func forEachLine(_ body: (UnsafeRawBufferPointer, _ truncated: Bool) throws -> Void) throws {
    let capacity = chunkSize + Self.maximumLineLength
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    var filled = 0
    var skippingRest = false
    var atEnd = false
    while !atEnd {
      let count = Glibc.read(descriptor, buffer.baseAddress! + filled, capacity - filled)
      if count < 0 {
        if errno == EINTR { continue }
        throw LineReaderError(errno: errno)
      }
      if count == 0 { atEnd = true }
      filled += count
      var start = 0
      while start < filled {
        let base = buffer.baseAddress! + start
        guard let newline = memchr(base, 10, filled - start) else { break }
        let length = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
        if skippingRest {
          skippingRest = false
        } else {
          try body(Self.trimmed(UnsafeRawBufferPointer(start: base, count: length)), false)
        }
        start += length + 1
      }
      // Keep the unfinished line; cut it if it outgrows the maximum.
      let rest = filled - start
      if rest > 0, start > 0 {
        memmove(buffer.baseAddress!, buffer.baseAddress! + start, rest)
      }
      filled = rest
      if atEnd, filled > 0, !skippingRest {
        try body(Self.trimmed(UnsafeRawBufferPointer(start: buffer.baseAddress!, count: filled)), false)
        filled = 0
      } else if filled >= Self.maximumLineLength {
        if !skippingRest {
          try body(UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Self.maximumLineLength), true)
        }
        skippingRest = true
        filled = 0
      }
    }
  }

  private static func trimmed(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    if let last = line.last, last == 13 {
      return UnsafeRawBufferPointer(rebasing: line.dropLast())
    }
    return line
  }
}

/// Reading standard input or a file failed part-way.
struct LineReaderError: MinIDError {
  let errno: Int32
  var code: String { "read_failed" }
  var category: ErrorCategory { .io }
  var message: String { "reading the input failed: \(String(cString: strerror(errno)))" }
}
